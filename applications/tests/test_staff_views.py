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
    assert "当前状态为“办理中”，不能缴费。" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == "received"


def test_a_reply_is_previewed_then_confirmed(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2), applicant_type="commercial", applicant_name="某公司")
    client.force_login(editor)
    data = {"on": "2025-06-27", "outcome": "4.1", "reply_type": "not_exist", "reason": "经检索，本机关未制作该信息。"}
    preview = _act(client, application, "reply", data).content.decode()
    assert "答复书预览" in preview and "市教育局依申请公开〔2025〕1号" in preview
    assert (
        "贵单位提出的政府信息公开申请" in preview
        and "无法提供" in preview
        and "经检索，本机关未制作该信息。" in preview
    )
    application.refresh_from_db()
    assert application.state == "received"  # nothing happens before the confirmation
    url = reverse("admin:applications_application_action", args=[application.pk, "reply"])
    client.post(url, {**{f"reply-{key}": value for key, value in data.items()}, "confirmed": "1"})
    application.refresh_from_db()
    assert (application.state, application.outcome, application.letter_number) == (
        "replied",
        "4.1",
        "市教育局依申请公开〔2025〕1号",
    )
    assert application.reply_letter.open("rb").read(5) == b"%PDF-"


def test_an_uploaded_letter_survives_the_confirmation_page(client, editor, make_application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import PDF_BYTES

    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    url = reverse("admin:applications_application_action", args=[application.pk, "reply"])
    upload = SimpleUploadedFile("答复书.pdf", PDF_BYTES)
    page = client.post(url, {"reply-on": "2025-06-27", "reply-outcome": "1", "reply-letter": upload}).content.decode()
    assert "答复书.pdf" in page and 'name="stashed_letter"' in page
    token = page.split('name="stashed_letter" value="', 1)[1].split('"', 1)[0]
    client.post(url, {"reply-on": "2025-06-27", "reply-outcome": "1", "stashed_letter": token, "confirmed": "1"})
    application.refresh_from_db()
    assert application.state == "replied" and application.reply_letter.open("rb").read() == PDF_BYTES


def test_a_contradicting_reply_type_is_refused_at_the_form(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    response = _act(client, application, "reply", {"on": "2025-06-27", "outcome": "1", "reply_type": "refused"})
    assert response.status_code == 400
    assert "办理结果“予以公开”与答复类型“不予公开，告知理由（第三十六条第三项）”相矛盾" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == "received"


@pytest.mark.parametrize("outcome", ["2", "3.4", "4.2", "5.2"])
def test_partial_and_refusing_outcomes_need_their_reason(client, editor, make_application, outcome):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    response = _act(client, application, "reply", {"on": "2025-06-27", "outcome": outcome, "reason": " "})
    assert response.status_code == 400 and "须写明理由和依据" in response.content.decode()


def test_withdrawal_asks_once_more_with_the_day_and_the_way(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    data = {"on": "2025-06-20", "via": "电话"}
    page = _act(client, application, "withdraw", data).content.decode()
    assert "撤回后本申请终止办理，不能恢复" in page and "电话" in page and "2025-06-20" in page
    assert Application.objects.get(pk=application.pk).state == "received"
    url = reverse("admin:applications_application_action", args=[application.pk, "withdraw"])
    client.post(url, {"withdraw-on": "2025-06-20", "withdraw-via": "电话", "confirmed": "1"})
    application.refresh_from_db()
    assert (application.state, application.withdrawn_via, application.concluded_on) == (
        "withdrawn",
        "电话",
        date(2025, 6, 20),
    )


def test_irreversible_steps_stand_apart_from_harmless_ones(client, editor, make_application):
    application = make_application(received_on=date(2025, 6, 2))
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_process", args=[application.pk])).content.decode()
    harmless, irreversible = page.split('class="workflow-irreversible-row"', 1)
    assert 'id="step-consult"' in harmless and 'id="step-withdraw"' not in harmless
    assert 'id="step-withdraw"' in irreversible and 'id="step-reply"' in irreversible
    assert 'class="workflow-irreversible" value="预览并确认撤回…"' in irreversible


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
