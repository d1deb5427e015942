from datetime import date

import time_machine

from catalog.models import GuideEdition


def test_guide_is_built_from_the_organizations_contact_details(client, bureau):
    bureau.address, bureau.phone, bureau.office_hours = "学府路18号", "0570-8000201", "工作日 8:30-17:30"
    bureau.save()
    html = client.get(f"/guide/{bureau.pk}/").content.decode()
    for text in ("学府路18号", "0570-8000201", "工作日 8:30-17:30", "20个工作日", "行政复议", "信息处理费"):
        assert text in html


def test_guide_lists_the_categories_linked_to_the_catalog(client, bureau):
    html = client.get(f"/guide/{bureau.pk}/").content.decode()
    assert "规章和规范性文件" in html and f"/catalog/?organization={bureau.pk}&amp;category=" in html


@time_machine.travel(date(2026, 5, 1))
def test_the_edition_in_force_is_shown_and_future_ones_are_not(client, bureau):
    GuideEdition.objects.create(
        state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2024, 1, 1), introduction="旧版总则"
    )
    GuideEdition.objects.create(
        state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2026, 3, 1), introduction="现行总则"
    )
    GuideEdition.objects.create(
        state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2027, 1, 1), introduction="将来总则"
    )
    html = client.get(f"/guide/{bureau.pk}/").content.decode()
    assert "现行总则" in html and "旧版总则" not in html and "将来总则" not in html
    assert "2024-01-01" in html  # the version history


@time_machine.travel(date(2026, 5, 1))
def test_an_earlier_edition_can_be_read_and_is_marked(client, bureau):
    old = GuideEdition.objects.create(
        state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2024, 1, 1), introduction="旧版总则"
    )
    GuideEdition.objects.create(state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2026, 3, 1))
    html = client.get(f"/guide/{bureau.pk}/?edition={old.pk}").content.decode()
    assert "旧版总则" in html and "历史版本" in html


def test_default_guide_is_the_portal_roots(client, city, bureau):
    html = client.get("/guide/").content.decode()
    assert f"<h1>{city.name}政府信息公开指南</h1>" in html


def test_unknown_organization_is_404(client, db):
    assert client.get("/guide/999/").status_code == 404


def test_guide_query_count_is_constant(client, bureau, django_assert_num_queries):
    for year in range(2020, 2026):
        GuideEdition.objects.create(
            state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(year, 1, 1)
        )
    with django_assert_num_queries(4):  # frame, organizations, editions, categories
        client.get(f"/guide/{bureau.pk}/")
