"""The staff pages in the admin: workflow steps by HTTP, offline entry, candidates, dashboard."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application
from catalog.models import Category, Item

TODAY = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def _act(client, application, action, data):
    url = reverse("admin:applications_application_action", args=[application.pk, action])
    return client.post(url, {f"{action}-{key}": value for key, value in data.items()})


def test_staff_confirm_an_online_application(client, editor, make_application):
    application = make_application(state="submitted", received_on=None)
    client.force_login(editor)
    response = _act(client, application, "confirm", {"on": "2025-06-27"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.received_on == date(2025, 6, 27) and application.state == "received"


def test_an_impossible_step_is_refused_with_its_reason(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    response = _act(client, application, "payment", {"on": "2025-06-27"})
    assert response.status_code == 400
    assert "不能登记缴费" in response.content.decode()


def test_a_reply_letter_is_generated_from_the_template(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    data = {"on": "2025-06-27", "outcome": "4.1", "reply_type": "not_exist", "generate": "on", "body": "经检索未找到。"}
    assert _act(client, application, "reply", data).status_code == 302
    application.refresh_from_db()
    assert application.outcome == "4.1"
    assert application.reply_letter.open("rb").read(5) == b"%PDF-"


def test_a_reply_without_letter_or_template_is_refused_next_to_the_field(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    response = _act(client, application, "reply", {"on": "2025-06-27", "outcome": "1", "reply_type": "provided"})
    assert response.status_code == 400 and "请上传答复书" in response.content.decode()


def _offline(bureau, **changes) -> dict:
    data = {"organization": bureau.pk, "received_on": "2025-06-26", "applicant_type": "natural"}
    data |= {"applicant_name": "孙八", "id_type": "居民身份证", "info_title": "某项目批复"}
    return data | changes


def test_offline_entry_by_staff(client, editor, bureau):
    client.force_login(editor)
    data = _offline(bureau, channel="in_person", id_number="11010519491231002X")
    response = client.post(reverse("admin:applications_application_add"), data)
    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.channel, application.received_on, application.state) == (
        "in_person",
        date(2025, 6, 26),
        "received",
    )


def test_offline_entry_checks_the_identity_number(client, editor, bureau):
    client.force_login(editor)
    data = _offline(bureau, channel="mail", id_number="110105194912310021")
    response = client.post(reverse("admin:applications_application_add"), data)
    assert response.status_code == 400 and Application.objects.count() == 0


def test_information_asked_by_several_applicants_becomes_a_draft_item(client, editor, bureau, make_application):
    Category.objects.get_or_create(slug="other-info", defaults={"name": "其他"})
    make_application(applicant_name="甲", info_title="学区划分方案")
    make_application(applicant_name="乙", info_title="学区划分方案")
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_candidates")).content.decode()
    assert "学区划分方案" in page
    client.post(
        reverse("admin:applications_application_candidate_draft"),
        {"organization": bureau.pk, "info_title": "学区划分方案"},
    )
    item = Item.objects.get(title="学区划分方案")
    assert item.state == Item.State.DRAFT and item.organization == bureau


def test_one_applicant_asking_twice_is_no_candidate(client, editor, make_application):
    make_application(info_title="学区划分方案")
    make_application(info_title="学区划分方案")
    client.force_login(editor)
    assert "学区划分方案" not in client.get(reverse("admin:applications_application_candidates")).content.decode()
