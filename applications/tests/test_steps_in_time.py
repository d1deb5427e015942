"""Steps that the law ties to a period: taken too early, too late, or for an application they do not fit, they
are refused with the reason, and the clock stays as it was (Art. 30, 32, 33; domain.md section 3)."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from applications import services
from applications.dashboard import build_dashboard
from applications.deadlines import is_due_soon, is_overdue, reply_due, workdays_left
from applications.models import Application
from applications.outcomes import Outcome

State = Application.State
RECEIVED = date(2025, 6, 3)  # a Tuesday: reply due 2025-07-01, 补正 notice due 2025-06-12


def letter():
    return ContentFile(b"%PDF-1.4 reply", name="reply.pdf")


def refusal(step, application, editor, on, **what) -> str:
    with time_machine.travel(on, tick=False), pytest.raises(services.NotAllowedNow) as refused:
        getattr(services, step)(application, by=editor, on=on, **what)
    return str(refused.value)


@pytest.mark.parametrize(
    "step, what, rule",
    [
        ("request_correction", {"period_days": 10, "note": "请写明年份"}, "7个工作日内（至2025年6月12日）"),
        ("notify_fee", {"method": "per_page", "pages": 150}, "收费通知须在答复期限内发出"),
        ("extend", {"days": 20, "approved_by": "王主任"}, "延期须在答复期限届满前"),
    ],
)
def test_a_step_after_its_time_cannot_stop_or_lengthen_a_clock_that_has_run_out(
    make_application, editor, calendar, step, what, rule
):
    application = make_application(received_on=RECEIVED)
    assert rule in refusal(step, application, editor, date(2025, 7, 10), **what)
    application = Application.objects.get(pk=application.pk)
    assert reply_due(application, calendar) == date(2025, 7, 1) and application.state == State.RECEIVED


def test_a_correction_notice_on_the_seventh_working_day_is_in_time(make_application, editor):
    application = make_application(received_on=RECEIVED)
    with time_machine.travel(date(2025, 6, 12), tick=False):
        services.request_correction(application, by=editor, on=date(2025, 6, 12), period_days=10, note="请写明年份")
    assert Application.objects.get(pk=application.pk).state == State.AWAITING_CORRECTION


def test_no_correction_is_deemed_abandonment_only_after_the_correction_period(make_application, editor):
    application = make_application(received_on=RECEIVED)
    with time_machine.travel(date(2025, 6, 4), tick=False):
        services.request_correction(application, by=editor, on=date(2025, 6, 4), period_days=10, note="请写明年份")
    abandon = {"outcome": Outcome.OTHER_NO_CORRECTION, "letter": letter()}
    assert "补正期限至2025年6月18日" in refusal("reply", application, editor, date(2025, 6, 18), **abandon)
    with time_machine.travel(date(2025, 6, 19), tick=False):
        services.reply(application, by=editor, on=date(2025, 6, 19), **abandon)
    assert Application.objects.get(pk=application.pk).state == State.ABANDONED


def test_an_unpaid_fee_is_deemed_abandonment_only_after_the_payment_period(make_application, editor, calendar):
    application = make_application(received_on=RECEIVED)
    with time_machine.travel(date(2025, 6, 5), tick=False):
        services.notify_fee(application, by=editor, on=date(2025, 6, 5), method="per_page", pages=150)
    pay_by = calendar.add_workdays(date(2025, 6, 5), 20)
    abandon = {"outcome": Outcome.OTHER_FEE_UNPAID, "letter": letter()}
    assert "缴费期限至" in refusal("reply", application, editor, pay_by, **abandon)
    with time_machine.travel(date(2025, 7, 10), tick=False):
        services.reply(application, by=editor, on=calendar.add_workdays(pay_by, 1), **abandon)
    assert Application.objects.get(pk=application.pk).state == State.ABANDONED


def test_a_party_silent_for_fifteen_working_days_no_longer_holds_up_the_reply(make_application, editor, client):
    application = make_application(received_on=RECEIVED)
    with time_machine.travel(date(2025, 6, 10), tick=False):
        services.consult(application, by=editor, on=date(2025, 6, 10), party="third_party", party_name="甲公司")
    disclose = {"outcome": Outcome.DISCLOSED, "letter": letter()}
    assert "征求意见的答复期限至2025年7月1日" in refusal("reply", application, editor, date(2025, 7, 1), **disclose)
    client.force_login(editor)
    process = reverse("admin:applications_application_process", args=[application.pk])
    with time_machine.travel(date(2025, 7, 1), tick=False):
        assert 'id="step-reply"' not in client.get(process).content.decode()
    with time_machine.travel(date(2025, 7, 2), tick=False):
        assert 'id="step-reply"' in client.get(process).content.decode()
        services.reply(application, by=editor, on=date(2025, 7, 2), **disclose)
    assert Application.objects.get(pk=application.pk).state == State.REPLIED


def test_a_late_opinion_stops_the_clock_for_fifteen_working_days_at_most(make_application, editor, calendar):
    application = make_application(received_on=RECEIVED)
    with time_machine.travel(date(2025, 8, 29), tick=False):
        consultation = services.consult(
            application, by=editor, on=date(2025, 6, 10), party="third_party", party_name="甲公司"
        )
        waiting = reply_due(Application.objects.get(pk=application.pk), calendar)
        services.receive_opinion(application, by=editor, on=date(2025, 8, 29), consultation=consultation)
    assert waiting == date(2025, 7, 22)  # 20 working days plus the party's 15
    assert reply_due(Application.objects.get(pk=application.pk), calendar) == waiting


def test_overdue_over_a_holiday_is_overdue_not_due_soon(make_application, editor, calendar, client):
    application = make_application(received_on=date(2025, 9, 3))  # due Tuesday 2025-09-30
    holiday = date(2025, 10, 5)
    assert is_overdue(application, holiday, calendar) and not is_due_soon(application, holiday, calendar)
    assert workdays_left(application, holiday, calendar) == -1
    board = build_dashboard(editor, holiday, calendar)
    assert [row.application for row in board.overdue] == [application] and board.due_soon == []
    client.force_login(editor)
    with time_machine.travel(holiday, tick=False):
        page = client.get(reverse("admin:applications_application_process", args=[application.pk])).content.decode()
    assert "已超期" in page and "剩余0个工作日" not in page


def test_still_unclear_after_correction_needs_a_correction(make_application, editor):
    application = make_application(received_on=RECEIVED)
    unclear = {"outcome": Outcome.UNAVAILABLE_STILL_UNCLEAR, "reason": "申请内容不明确", "letter": letter()}
    assert "没有收到过补正" in refusal("reply", application, editor, date(2025, 6, 20), **unclear)
