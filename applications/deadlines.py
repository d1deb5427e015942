"""The legal clock of an application (domain.md section 3, "The arithmetic, exactly").

Plain functions over an application and a `WorkCalendar`. They read the application's
consultations and fee notices through `.all()`, so a caller that prefetched them
(`prefetch_related("consultations", "fee_notices")`) pays no query per application.

1. Start day S = the receipt day, or the day the corrected application arrived after a
   补正 notice (the clock restarts from zero). Base due = add_workdays(S, 20).
2. Each consultation sent on C with the opinion received on R (no opinion yet, or a late
   one: R = add_workdays(C, 15)) excludes the working days D with C < D <= R; so does the
   time between a fee notice and its payment. Due = add_workdays(base, excluded days).
3. An approved extension of E working days: due = add_workdays(due, E).
4. 补正 notice due = add_workdays(receipt, 7); opinion due = add_workdays(C, 15).

Overdue is computed here when read, never stored.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext

from catalog.workdays import WorkCalendar

REPLY_WORKDAYS = 20
CORRECTION_NOTICE_WORKDAYS = 7
OPINION_WORKDAYS = 15
PAYMENT_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20
WARN_WITHIN_WORKDAYS = 5
CONFIRM_WITHIN_WORKDAYS = 1  # an online submission waiting longer for 确认受理 is in the reminders


@dataclass
class Deadlines:
    """Every date of one application's clock; None where it does not (yet) apply."""

    start: date | None = None
    reply_due: date | None = None
    correction_notice_due: date | None = None
    correction_due: date | None = None
    opinion_dues: list[tuple[object, date]] = field(default_factory=list)
    payment_dues: list[tuple[object, date]] = field(default_factory=list)
    excluded_workdays: int = 0
    warning: str | None = None


def start_day(application) -> date | None:
    """S: the receipt day, or the day the corrected application arrived."""
    if application.received_on is None:
        return None
    if application.correction_requested_on and application.correction_received_on:
        return application.correction_received_on
    return application.received_on


def clock_is_waiting_for_correction(application) -> bool:
    """A 补正 notice went out and the corrected application has not arrived: no reply is due."""
    return bool(application.correction_requested_on) and application.correction_received_on is None


def _pauses(application, calendar: WorkCalendar) -> list[tuple[date, date]]:
    """(first, last] day spans during which the clock stands still."""
    spans = []
    for consultation in application.consultations.all():
        # Until the opinion or the end of the party's 15 working days, whichever comes first: a late opinion
        # does not stop the clock any longer (Art. 32).
        end = calendar.add_workdays(consultation.sent_on, OPINION_WORKDAYS)
        if consultation.opinion_received_on:
            end = min(end, consultation.opinion_received_on)
        spans.append((consultation.sent_on, end))
    for notice in application.fee_notices.all():
        # Unpaid: the applicant has 20 working days to pay (国办函〔2020〕109号), after which
        # the application is deemed abandoned; the pause cannot outlast that.
        end = notice.paid_on or calendar.add_workdays(notice.notified_on, PAYMENT_WORKDAYS)
        spans.append((notice.notified_on, end))
    return spans


def excluded_workdays(application, calendar: WorkCalendar) -> int:
    """Working days inside any pause, each counted once even where pauses overlap."""
    days: set[date] = set()
    for first, last in _pauses(application, calendar):
        day = first
        while day < last:
            day += timedelta(days=1)
            if calendar.is_workday(day):
                days.add(day)
    return len(days)


def reply_due(application, calendar: WorkCalendar) -> date | None:
    """The day by which the reply must be sent; None before receipt or while awaiting 补正."""
    start = start_day(application)
    if start is None or clock_is_waiting_for_correction(application):
        return None
    due = calendar.add_workdays(start, REPLY_WORKDAYS)
    due = calendar.add_workdays(due, excluded_workdays(application, calendar))
    return calendar.add_workdays(due, application.extension_days or 0)


def _unknown_years_warning(calendar: WorkCalendar, dates: list[date]) -> str | None:
    if not dates:
        return None
    years = set(range(min(dates).year, max(dates).year + 1)) - set(calendar.known_years)
    if not years:
        return None
    listed = "、".join(str(year) for year in sorted(years))
    return gettext("工作日历缺少 %(years)s 年的节假日安排，相关日期暂按周一至周五计算，请在后台补录。") % {
        "years": listed
    }


def compute_deadlines(application, calendar: WorkCalendar) -> Deadlines:
    """All of an application's due dates, with a warning when a year is missing from the calendar."""
    result = Deadlines(start=start_day(application))
    if application.received_on is None:
        return result
    result.correction_notice_due = calendar.add_workdays(application.received_on, CORRECTION_NOTICE_WORKDAYS)
    if application.correction_requested_on and application.correction_period_days:
        result.correction_due = calendar.add_workdays(
            application.correction_requested_on, application.correction_period_days
        )
    result.opinion_dues = [
        (c, calendar.add_workdays(c.sent_on, OPINION_WORKDAYS)) for c in application.consultations.all()
    ]
    result.payment_dues = [
        (n, calendar.add_workdays(n.notified_on, PAYMENT_WORKDAYS)) for n in application.fee_notices.all()
    ]
    result.excluded_workdays = excluded_workdays(application, calendar)
    result.reply_due = reply_due(application, calendar)
    dates = [application.received_on, result.correction_notice_due]
    dates += [d for d in (result.reply_due, result.correction_due) if d]
    dates += [d for _, d in result.opinion_dues + result.payment_dues]
    result.warning = _unknown_years_warning(calendar, dates)
    return result


def is_overdue(application, today: date, calendar: WorkCalendar) -> bool:
    """Open, received, not waiting for 补正, and the reply day has passed."""
    if application.concluded_on is not None:
        return False
    due = reply_due(application, calendar)
    return due is not None and today > due


def workdays_left(application, today: date, calendar: WorkCalendar) -> int | None:
    """Working days from today to the reply day: negative once overdue, None when no reply is due."""
    due = reply_due(application, calendar)
    if due is None:
        return None
    if due >= today:
        return calendar.workdays_between(today, due)
    # At least one: on a holiday right after the reply day, no working day has passed, but the day has.
    return -max(1, calendar.workdays_between(due, today))


def is_due_soon(application, today: date, calendar: WorkCalendar, within: int = WARN_WITHIN_WORKDAYS) -> bool:
    """Open and due within `within` working days (today included), not yet overdue."""
    if application.concluded_on is not None:
        return False
    left = workdays_left(application, today, calendar)
    return left is not None and 0 <= left <= within


def workdays_taken(application, calendar: WorkCalendar) -> int | None:
    """Working days from S (receipt or restart after 补正) to the reply, pauses included.

    None when the application was never received or is not concluded.
    """
    start = start_day(application)
    if start is None or application.concluded_on is None:
        return None
    return calendar.workdays_between(start, application.concluded_on)


def replied_on_time(application, calendar: WorkCalendar) -> bool | None:
    """Whether a concluded application was concluded by its reply day; None when not applicable."""
    if application.concluded_on is None:
        return None
    due = reply_due(application, calendar)
    if due is None:
        return None
    return application.concluded_on <= due
