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
