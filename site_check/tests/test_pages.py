import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from catalog.models import Membership
from conftest import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_reviewer(city):
    return make_staff("city-reviewer", city, Membership.Role.REVIEWER)


def test_staff_open_their_organization_s_page(client, editor, tidy_bureau):
    client.force_login(editor)
    with time_machine.travel(date(2026, 1, 14)):
        page = client.get(reverse("site_check:organization", args=[tidy_bureau.pk])).content.decode()
    assert f'<h2 id="heading-{tidy_bureau.pk}">示范市教育局</h2>' in page
    assert "不合格 0 项，即将不合格 2 项" in page
    assert "还有 2 天" in page and "最后发布于 2026-01-02，距今 12 天" in page


def test_staff_do_not_see_a_parent_or_a_sibling(client, editor, city, other_bureau):
    client.force_login(editor)
    for organization in (city, other_bureau):
        assert client.get(reverse("site_check:organization", args=[organization.pk])).status_code == 404
        assert client.get(reverse("site_check:organization_json", args=[organization.pk])).status_code == 404


def test_a_parent_s_page_covers_every_body_below(client, city_reviewer, city, bureau, other_bureau):
    client.force_login(city_reviewer)
    page = client.get(reverse("site_check:organization", args=[city.pk])).content.decode()
    assert page.index("示范市人民政府</h2>") < page.index("示范市教育局</h2>") < page.index("示范市民政局</h2>")
    assert "2025年度报告（汇总）" in page


def test_the_admin_home_lists_the_user_s_organizations_and_those_below(client, city_reviewer, city, bureau, editor):
    client.force_login(city_reviewer)
    home = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("site_check:organization", args=[city.pk])}">示范市人民政府</a>' in home
    assert f'href="{reverse("site_check:organization", args=[bureau.pk])}">示范市教育局</a>' in home
    client.force_login(editor)
    home = client.get(reverse("admin:index")).content.decode()
    assert "示范市教育局</a>" in home and "示范市人民政府</a>" not in home


def test_the_json_holds_the_page_s_figures(client, editor, tidy_bureau):
    client.force_login(editor)
    with time_machine.travel(date(2026, 2, 1)):
        data = json.loads(client.get(reverse("site_check:organization_json", args=[tidy_bureau.pk])).content)
    assert data["date"] == "2026-02-01"
    [section] = data["organizations"]
    assert section["organization"]["name"] == "示范市教育局"
    report = [line for line in section["lines"] if line["indicator"] == "annual_report"]
    assert report[0]["sentence"] == "已超过 1 天" and report[0]["state"] == "failed"


def test_visitors_are_sent_to_the_login(client, bureau):
    response = client.get(reverse("site_check:organization", args=[bureau.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
