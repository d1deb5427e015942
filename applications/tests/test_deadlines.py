"""The legal clock on the real calendar (domain.md section 3, "The arithmetic, exactly")."""

from datetime import date

from applications.deadlines import (
    compute_deadlines,
    is_due_soon,
    is_overdue,
    replied_on_time,
    reply_due,
    workdays_left,
    workdays_taken,
)
from applications.models import Application, Consultation, FeeNotice


def test_national_day_example_of_the_specification(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26))
    assert reply_due(application, calendar) == date(2025, 10, 30)


def test_spring_festival_with_make_up_sunday_and_saturday(make_application, calendar):
    # 2025-01-26 (Sun) and 2025-02-08 (Sat) are working days; 01-28 to 02-04 are holidays.
    application = make_application(received_on=date(2025, 1, 24))
    deadlines = compute_deadlines(application, calendar)
    assert deadlines.reply_due == date(2025, 2, 27)
    assert deadlines.correction_notice_due == date(2025, 2, 10)


def test_make_up_saturdays_of_the_2026_spring_festival_count(make_application, calendar):
    application = make_application(received_on=date(2026, 2, 13))
    assert reply_due(application, calendar) == date(2026, 3, 19)


def test_receipt_on_a_holiday_counts_from_the_next_working_day(make_application, calendar):
    application = make_application(received_on=date(2025, 10, 3), channel="fax")
    assert reply_due(application, calendar) == date(2025, 11, 4)


def test_no_reply_is_due_while_waiting_for_the_correction(make_application, calendar):
    application = make_application(
        received_on=date(2025, 3, 3), correction_requested_on=date(2025, 3, 5), correction_period_days=10
    )
    deadlines = compute_deadlines(application, calendar)
    assert deadlines.reply_due is None
    assert deadlines.correction_due == date(2025, 3, 19)
    assert not is_overdue(application, date(2025, 12, 31), calendar)


def test_the_clock_restarts_from_zero_when_the_correction_arrives(make_application, calendar):
    # Qingming: 2025-04-04 is a holiday.
    application = make_application(
        received_on=date(2025, 3, 3), correction_requested_on=date(2025, 3, 5), correction_received_on=date(2025, 3, 20)
    )
    assert reply_due(application, calendar) == date(2025, 4, 18)
    assert compute_deadlines(application, calendar).start == date(2025, 3, 20)


def test_consultation_pauses_the_clock_until_the_opinion_arrives(make_application, calendar):
    application = make_application(received_on=date(2025, 6, 3))
    assert reply_due(application, calendar) == date(2025, 7, 1)
    Consultation.objects.create(
        application=application, party="third_party", sent_on=date(2025, 6, 10), opinion_received_on=date(2025, 6, 17)
    )
    # Five working days (06-11 to 06-17) are not counted.
    assert reply_due(application, calendar) == date(2025, 7, 8)


def test_consultation_without_opinion_pauses_fifteen_working_days(make_application, calendar):
    application = make_application(received_on=date(2025, 6, 3))
    consultation = Consultation.objects.create(application=application, party="agency", sent_on=date(2025, 6, 10))
    deadlines = compute_deadlines(application, calendar)
    assert deadlines.opinion_dues == [(consultation, date(2025, 7, 1))]
    assert deadlines.excluded_workdays == 15
    assert deadlines.reply_due == date(2025, 7, 22)


def test_overlapping_pauses_count_each_working_day_once(make_application, calendar):
    application = make_application(received_on=date(2025, 6, 3))
    Consultation.objects.create(
        application=application, party="third_party", sent_on=date(2025, 6, 10), opinion_received_on=date(2025, 6, 17)
    )
    FeeNotice.objects.create(
        application=application,
        method="per_page",
        pages=50,
        amount=200,
        notified_on=date(2025, 6, 13),
        paid_on=date(2025, 6, 18),
    )
    assert compute_deadlines(application, calendar).excluded_workdays == 6
    assert reply_due(application, calendar) == date(2025, 7, 9)


def test_extension_adds_working_days_after_the_pauses(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26), extension_days=10)
    assert reply_due(application, calendar) == date(2025, 11, 13)


def test_a_year_the_calendar_lacks_counts_monday_to_friday_with_a_warning(make_application, calendar):
    application = make_application(received_on=date(2027, 1, 4))
    deadlines = compute_deadlines(application, calendar)
    assert deadlines.reply_due == date(2027, 2, 1)
    assert "2027" in deadlines.warning


def test_known_years_give_no_warning(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26))
    assert compute_deadlines(application, calendar).warning is None
    # 2026 is the calendar's last year: a clock that ends inside it asks for nothing more.
    late_in_2026 = make_application(received_on=date(2026, 11, 2))
    assert compute_deadlines(late_in_2026, calendar).reply_due.year == 2026
    assert compute_deadlines(late_in_2026, calendar).warning is None


def test_the_warning_names_every_missing_year_of_the_clock(make_application, calendar):
    application = make_application(received_on=date(2027, 12, 20))
    assert compute_deadlines(application, calendar).warning == (
        "工作日历缺少 2027、2028 年的节假日安排，相关日期暂按周一至周五计算，请在后台补录。"
    )


def test_the_receipt_day_counts_for_the_warning_too(make_application, calendar):
    # An old application from a ledger: received before the calendar's first year, replied within it.
    application = make_application(received_on=date(2003, 12, 15))
    deadlines = compute_deadlines(application, calendar)
    assert deadlines.reply_due.year == 2004
    assert deadlines.warning == "工作日历缺少 2003 年的节假日安排，相关日期暂按周一至周五计算，请在后台补录。"


def test_a_correction_notice_without_a_period_gives_no_correction_due_date(make_application, calendar):
    application = make_application(received_on=date(2025, 3, 3), correction_requested_on=date(2025, 3, 5))
    assert compute_deadlines(application, calendar).correction_due is None
    application = make_application(received_on=date(2025, 3, 3), correction_period_days=10)
    assert compute_deadlines(application, calendar).correction_due is None


def test_overdue_only_after_the_due_day_and_while_open(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26))
    assert not is_overdue(application, date(2025, 10, 30), calendar)
    assert is_overdue(application, date(2025, 10, 31), calendar)
    application.concluded_on = date(2025, 11, 3)
    assert not is_overdue(application, date(2025, 11, 10), calendar)


def test_unconfirmed_online_application_has_no_clock(make_application, calendar):
    application = make_application(state=Application.State.SUBMITTED, received_on=None)
    assert compute_deadlines(application, calendar).reply_due is None
    assert not is_overdue(application, date(2030, 1, 1), calendar)


def test_days_left_and_due_soon(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26))
    assert workdays_left(application, date(2025, 10, 24), calendar) == 4
    assert is_due_soon(application, date(2025, 10, 24), calendar)
    assert not is_due_soon(application, date(2025, 10, 9), calendar)
    assert workdays_left(application, date(2025, 11, 3), calendar) == -2


def test_due_soon_ends_on_the_reply_day_and_with_the_reply(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26))  # due 2025-10-30
    assert workdays_left(application, date(2025, 10, 30), calendar) == 0
    assert is_due_soon(application, date(2025, 10, 30), calendar)
    assert not is_due_soon(application, date(2025, 10, 31), calendar)  # overdue now, a different warning
    application.concluded_on = date(2025, 10, 20)
    assert not is_due_soon(application, date(2025, 10, 24), calendar)


def test_workdays_taken_and_on_time(make_application, calendar):
    application = make_application(received_on=date(2025, 9, 26), concluded_on=date(2025, 10, 30))
    assert workdays_taken(application, calendar) == 20
    assert workdays_taken(make_application(received_on=date(2025, 9, 26)), calendar) is None  # still open
    assert workdays_taken(make_application(received_on=None, concluded_on=date(2025, 10, 30)), calendar) is None
    assert replied_on_time(application, calendar) is True
    application.concluded_on = date(2025, 10, 31)
    assert replied_on_time(application, calendar) is False


def test_prefetched_applications_need_no_query_each(make_application, calendar, django_assert_num_queries):
    for day in (3, 4, 5):
        Consultation.objects.create(
            application=make_application(received_on=date(2025, 6, day)), party="agency", sent_on=date(2025, 6, 10)
        )
    with django_assert_num_queries(3):
        applications = list(Application.objects.prefetch_related("consultations", "fee_notices"))
        dues = [reply_due(a, calendar) for a in applications]
    assert all(dues)
