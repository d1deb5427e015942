"""The workflow services: every step recorded, impossible steps refused with a reason."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile

from applications import services
from applications.models import Application, ApplicationEvent, FeeNotice
from applications.outcomes import Outcome

State = Application.State
TODAY = date(2025, 6, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def letter():
    return ContentFile(b"%PDF-1.4 reply", name="reply.pdf")


def test_confirming_sets_the_receipt_day_and_records_who(make_application, editor):
    application = make_application(state=State.SUBMITTED, received_on=None)
    services.confirm(application, on=date(2025, 6, 3), by=editor)
    application.refresh_from_db()
    assert application.state == State.RECEIVED and application.received_on == date(2025, 6, 3)
    event = application.events.get()
    assert (event.kind, event.by) == (ApplicationEvent.Kind.RECEIVED, editor)


def test_an_application_cannot_be_confirmed_twice(make_application, editor):
    application = make_application()
    with pytest.raises(services.NotAllowedNow, match="不能确认受理"):
        services.confirm(application, on=date(2025, 6, 3), by=editor)


def test_correction_is_requested_once_only(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.request_correction(application, on=date(2025, 6, 4), period_days=10, by=editor, note="请写明年份")
    services.receive_correction(application, on=date(2025, 6, 10), by=editor)
    with pytest.raises(services.NotAllowedNow, match="一次性告知"):
        services.request_correction(application, on=date(2025, 6, 11), period_days=10, by=editor, note="请写明年份")


def test_the_state_returns_to_received_when_every_opinion_is_in(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    first = services.consult(application, on=date(2025, 6, 4), party="third_party", party_name="甲公司", by=editor)
    second = services.consult(application, on=date(2025, 6, 5), party="agency", party_name="市财政局", by=editor)
    services.receive_opinion(application, consultation=first, on=date(2025, 6, 9), by=editor)
    assert application.state == State.CONSULTING
    services.receive_opinion(application, consultation=second, on=date(2025, 6, 10), by=editor)
    assert Application.objects.get(pk=application.pk).state == State.RECEIVED


@pytest.mark.parametrize("days", [0, 21])
def test_extension_is_between_one_and_twenty_working_days(make_application, editor, days):
    application = make_application(received_on=date(2025, 6, 3))
    with pytest.raises(services.NotAllowedNow, match="1至20"):
        services.extend(application, on=date(2025, 6, 20), days=days, approved_by="王主任", by=editor)


def test_extension_needs_an_approver_and_happens_once(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    with pytest.raises(services.NotAllowedNow, match="负责人"):
        services.extend(application, on=date(2025, 6, 20), days=5, approved_by=" ", by=editor)
    services.extend(application, on=date(2025, 6, 20), days=5, approved_by="王主任", by=editor)
    with pytest.raises(services.NotAllowedNow, match="已经延期"):
        services.extend(application, on=date(2025, 6, 21), days=5, approved_by="王主任", by=editor)


def test_fee_per_page_is_computed_by_the_2020_rules(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    notice = services.notify_fee(application, on=date(2025, 6, 5), method="per_page", pages=150, by=editor)
    assert notice.amount == 1700 and application.state == State.AWAITING_PAYMENT
    services.record_payment(application, on=date(2025, 6, 9), by=editor)
    assert FeeNotice.objects.get().paid_on == date(2025, 6, 9)


def test_fee_per_application_counts_the_applicants_month(make_application, editor):
    for day in range(1, 12):
        application = make_application(received_on=date(2025, 6, day))
    notice = services.notify_fee(application, on=date(2025, 6, 12), method="per_application", pages=None, by=editor)
    assert notice.amount == 100 and notice.pages is None


def test_a_free_fee_is_refused(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    with pytest.raises(services.NotAllowedNow, match="免费"):
        services.notify_fee(application, on=date(2025, 6, 5), method="per_page", pages=30, by=editor)


def test_reply_records_exactly_one_outcome_and_the_letter(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.reply(application, on=date(2025, 6, 20), outcome="1", reply_type="provided", by=editor, letter=letter())
    application.refresh_from_db()
    assert (application.state, application.outcome, application.concluded_on) == (State.REPLIED, "1", date(2025, 6, 20))
    assert application.reply_letter and application.events.filter(kind="replied").exists()


def test_without_an_uploaded_letter_one_is_generated_with_the_next_number(make_application, editor, bureau):
    application = make_application(received_on=date(2025, 6, 3))
    services.reply(application, on=date(2025, 6, 20), outcome="1", by=editor)
    application.refresh_from_db()
    assert application.letter_number == "市教育局依申请公开〔2025〕1号"
    assert application.reply_type == "provided"  # the usual kind of reply for 予以公开
    assert application.reply_letter.read(5) == b"%PDF-"


def test_a_reply_that_sends_the_applicant_elsewhere_must_say_where(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    already = {"outcome": "1", "reply_type": "already_published", "by": editor, "letter": letter()}
    with pytest.raises(services.NotAllowedNow, match="须在“理由和依据”中写明获取的方式和途径"):
        services.reply(application, on=date(2025, 6, 20), **already)


def test_the_letter_tells_the_applicant_in_words_for_her_not_the_staff_s_labels(make_application, editor):
    from applications.services.letters import render_letter_body

    application = make_application(received_on=date(2025, 6, 3))
    where = "已在本机关门户网站“政府信息公开目录”公开，网址为 https://gk.example.gov.cn/catalog/7/。"
    services.reply(application, on=date(2025, 6, 20), outcome="1", reply_type="already_published", reason=where,
                   by=editor, letter=letter())  # fmt: skip
    application.refresh_from_db()
    text = render_letter_body(application, on=date(2025, 6, 20))
    assert "您申请获取的政府信息已经主动公开，获取的方式和途径如下。" in text
    assert f"获取的方式和途径：{where}" in text and "第三十六条" not in text


def test_a_substantive_reply_is_refused_while_awaiting_correction(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.request_correction(application, on=date(2025, 6, 4), period_days=5, by=editor, note="请写明年份")
    with pytest.raises(services.NotAllowedNow, match="待补正"):
        services.reply(
            application, on=date(2025, 6, 20), outcome="1", reply_type="provided", by=editor, letter=letter()
        )
    services.reply(
        application,
        on=date(2025, 6, 20),
        outcome=Outcome.OTHER_NO_CORRECTION,
        by=editor,
        letter=letter(),
    )
    assert application.state == State.ABANDONED


def test_a_replied_application_cannot_be_withdrawn(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3), state=State.REPLIED, concluded_on=date(2025, 6, 9))
    with pytest.raises(services.NotAllowedNow, match="已答复"):
        services.withdraw(application, on=date(2025, 6, 20), by=editor, via="书面申请")


def test_withdrawal_counts_as_other_once_received(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.withdraw(application, on=date(2025, 6, 5), by=editor, via="书面申请")
    assert (application.state, application.outcome, application.concluded_on) == (
        State.WITHDRAWN,
        Outcome.OTHER,
        date(2025, 6, 5),
    )


def test_dates_in_the_future_or_before_receipt_are_refused(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    with pytest.raises(services.NotAllowedNow, match="晚于今天"):
        services.consult(application, on=date(2025, 7, 1), party="agency", party_name="市财政局", by=editor)
    with pytest.raises(services.NotAllowedNow, match="早于收到申请"):
        services.consult(application, on=date(2025, 6, 2), party="agency", party_name="市财政局", by=editor)


def test_offline_entry_is_received_on_the_given_day(bureau, editor):
    fields = {"applicant_name": "钱七", "info_title": "某信息", "applicant_type": "natural"}
    application = services.enter_offline(bureau, fields, by=editor, channel="mail", received_on=date(2025, 6, 2))
    assert application.state == State.RECEIVED and application.received_on == date(2025, 6, 2)
    assert application.number.startswith("YSQ2025-") and application.lookup_code_hash == ""


def _refusal(step, *args, **kwargs) -> str:
    with pytest.raises(services.NotAllowedNow) as refused:
        step(*args, **kwargs)
    return str(refused.value)


def _events(application) -> list[tuple]:
    return list(application.events.order_by("pk").values_list("kind", "happened_on", "by", "note"))


def test_a_correction_asked_on_the_day_of_receipt_and_received_the_same_day(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.request_correction(application, on=date(2025, 6, 3), period_days=10, by=editor, note="请写明年份")
    services.receive_correction(application, on=date(2025, 6, 3), by=editor, note="申请人当面补正")
    application = Application.objects.get(pk=application.pk)
    assert (application.state, application.correction_requested_on, application.correction_received_on) == (
        State.RECEIVED,
        date(2025, 6, 3),
        date(2025, 6, 3),
    )
    assert _events(application) == [
        ("correction_requested", date(2025, 6, 3), editor.pk, "请写明年份"),
        ("correction_received", date(2025, 6, 3), editor.pk, "申请人当面补正"),
    ]
    # The clock restarts on 06-03: 20 working days later is 07-01.
    assert "本机关已于2025年6月3日收到您的补正，答复期限自该日起重新计算，为2025年7月1日。" in (
        application.notices.get(kind="correction_received").body
    )


def test_a_step_may_be_dated_today_but_not_tomorrow_nor_before_receipt(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    consult = services.consult
    assert _refusal(consult, application, on=date(2025, 7, 1), party="agency", party_name="市财政局", by=editor) == (
        "日期不能晚于今天。"
    )
    assert _refusal(consult, application, on=date(2025, 6, 2), party="agency", party_name="市财政局", by=editor) == (
        "日期不能早于收到申请的日期（2025-06-03）。"
    )
    consult(application, on=TODAY, party="agency", party_name="市财政局", by=editor)
    assert application.consultations.get().sent_on == TODAY and application.state == State.CONSULTING


def test_a_correction_cannot_arrive_before_it_was_asked_for(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.request_correction(application, on=date(2025, 6, 5), period_days=10, by=editor, note="请写明年份")
    assert _refusal(services.receive_correction, application, on=date(2025, 6, 4), by=editor) == (
        "补正收到日期不能早于补正告知日期。"
    )
    assert Application.objects.get(pk=application.pk).state == State.AWAITING_CORRECTION


def test_once_only_steps_say_why_they_are_refused(make_application, editor):
    asked = make_application(received_on=date(2025, 6, 3))
    services.request_correction(asked, on=date(2025, 6, 4), period_days=5, by=editor, note="请写明年份")
    services.receive_correction(asked, on=date(2025, 6, 6), by=editor)
    assert _refusal(services.request_correction, asked, on=date(2025, 6, 9), period_days=5, by=editor, note="再补") == (
        "补正只能一次性告知，本申请已告知过补正。"
    )
    consulted = make_application(received_on=date(2025, 6, 3))
    consultation = services.consult(consulted, on=date(2025, 6, 4), party="agency", party_name="市财政局", by=editor)
    services.receive_opinion(consulted, consultation=consultation, on=date(2025, 6, 6), by=editor)
    assert _refusal(
        services.request_correction, consulted, on=date(2025, 6, 9), period_days=5, by=editor, note="补"
    ) == ("已征求意见或发出收费通知的申请不能再告知补正。")
    services.extend(consulted, on=date(2025, 6, 20), days=5, approved_by="王主任", by=editor)
    assert _refusal(services.extend, consulted, on=date(2025, 6, 23), days=5, approved_by="王主任", by=editor) == (
        "本申请已经延期，延长的期限合计不得超过20个工作日。"
    )
    charged = make_application(received_on=date(2025, 6, 3))
    services.notify_fee(charged, on=date(2025, 6, 5), method="per_page", pages=150, by=editor)
    services.record_payment(charged, on=date(2025, 6, 9), by=editor)
    assert _refusal(services.notify_fee, charged, on=date(2025, 6, 10), method="per_page", pages=150, by=editor) == (
        "本申请已发出过收费通知。"
    )
    assert charged.fee_notices.count() == 1


def test_a_reply_in_the_wrong_state_or_contradicting_itself_or_without_its_reason_is_refused(make_application, editor):
    application = make_application(received_on=date(2025, 6, 3))
    services.request_correction(application, on=date(2025, 6, 4), period_days=5, by=editor, note="请写明年份")
    reply = services.reply
    assert _refusal(reply, application, on=date(2025, 6, 20), outcome="1", by=editor, letter=letter()) == (
        "当前状态为“待补正”，不能以“予以公开”办结。"
    )
    services.receive_correction(application, on=date(2025, 6, 6), by=editor)
    assert _refusal(reply, application, on=date(2025, 6, 20), outcome="1", reply_type="refused", by=editor) == (
        "办理结果“予以公开”与答复类型“不予公开，告知理由（第三十六条第三项）”相矛盾。"
    )
    for reason in ("", "  "):
        assert _refusal(reply, application, on=date(2025, 6, 20), outcome="3.1", reason=reason, by=editor) == (
            "“不予公开-属于国家秘密”须写明理由和依据。"
        )
    reply(
        application,
        on=date(2025, 6, 20),
        outcome="3.1",
        reason=" 属于国家秘密，依据保密法第九条 ",
        by=editor,
        letter=letter(),
    )
    application.refresh_from_db()
    assert (application.state, application.outcome, application.reply_type, application.reply_reason) == (
        State.REPLIED,
        "3.1",
        "refused",
        "属于国家秘密，依据保密法第九条",
    )


def test_staff_of_another_organization_cannot_take_a_step(make_application, outsider):
    application = make_application(received_on=date(2025, 6, 3))
    assert _refusal(
        services.consult, application, on=date(2025, 6, 4), party="agency", party_name="市财政局", by=outsider
    ) == ("您无权征求意见。")
    assert not application.consultations.exists()


def test_a_system_job_is_recorded_without_a_user_and_a_letter_stays_with_its_event(make_application, editor):
    application = make_application(state=State.SUBMITTED, received_on=None)
    services.confirm(application, on=date(2025, 6, 3), by=None)
    consultation = services.consult(
        application, on=date(2025, 6, 4), party="third_party", party_name="甲公司", by=editor, letter=letter()
    )
    assert _events(application) == [
        ("received", date(2025, 6, 3), None, ""),
        ("consultation_sent", date(2025, 6, 4), editor.pk, "甲公司"),
    ]
    event = application.events.get(kind="consultation_sent")
    assert event.letter.name == consultation.letter.name and event.letter.read() == b"%PDF-1.4 reply"
