"""Boundaries of the rules that a mutation run found untested (issue 12): each test tells right from wrong by
one day, one working day or one character."""

from datetime import date

import pytest
import time_machine

from applications import services
from applications.deadlines import is_due_soon, reply_due, workdays_taken
from applications.models import Application, FeeNotice
from applications.services.workflow import month_rank
from applications.validators import is_valid_id_number

# One identity number for each check character (GB 11643-1999), computed by hand with weights 2^(17-i) mod 11.
IDS_BY_CHECK_CHARACTER = [
    "110105194912310070", "110105194912310011", "110105194912310062", "110105194912310003",
    "110105194912310054", "110105194912310185", "110105194912310046", "110105194912310097",
    "110105194912310038", "110105194912310089", "11010519491231002X",
]  # fmt: skip


@pytest.mark.parametrize("number", IDS_BY_CHECK_CHARACTER)
def test_every_check_character_is_accepted_and_every_other_refused(number):
    assert is_valid_id_number(number) and is_valid_id_number(number.lower())
    for wrong in "0123456789X":
        if wrong != number[-1]:
            assert not is_valid_id_number(number[:17] + wrong), number[:17] + wrong


def test_an_unpaid_fee_pauses_the_clock_exactly_twenty_working_days(make_application, calendar):
    application = make_application(received_on=date(2025, 3, 3), state=Application.State.AWAITING_PAYMENT)
    FeeNotice.objects.create(
        application=application, method="per_page", pages=50, amount=200, notified_on=date(2025, 3, 4)
    )
    # Without the pause: 2025-03-31. The 20 working days after 03-04 push it 20 working days on: past 清明 (04-04)
    # and the make-up Sunday 04-27, to 04-28.
    assert reply_due(application, calendar) == date(2025, 4, 28)


def test_workdays_taken_count_from_the_corrected_application(make_application, calendar):
    application = make_application(
        received_on=date(2025, 3, 3),
        correction_requested_on=date(2025, 3, 5),
        correction_received_on=date(2025, 3, 14),
        concluded_on=date(2025, 3, 21),
        state="replied",
    )
    assert workdays_taken(application, calendar) == 5  # 03-17 … 03-21, not the 14 since 03-03


@pytest.mark.parametrize("today, soon", [(date(2025, 3, 24), True), (date(2025, 3, 21), False)])
def test_due_soon_means_within_five_working_days(make_application, calendar, today, soon):
    application = make_application(received_on=date(2025, 3, 3))  # due 2025-03-31 (a Monday)
    assert is_due_soon(application, today, calendar) is soon  # 03-24: exactly 5 left; 03-21: 6 left


def test_due_soon_includes_the_last_day_and_not_the_day_after(make_application, calendar):
    application = make_application(received_on=date(2025, 3, 3))
    assert is_due_soon(application, date(2025, 3, 31), calendar) is True
    assert is_due_soon(application, date(2025, 4, 1), calendar) is False  # overdue, no longer "soon"


def test_month_rank_counts_only_the_same_organization(make_application, other_bureau):
    for day in (3, 4):
        make_application(organization=other_bureau, received_on=date(2025, 3, day))
    make_application(received_on=date(2025, 3, 5))
    application = make_application(received_on=date(2025, 3, 6))
    assert month_rank(application) == 2


def test_receiving_a_correction_stores_its_day(make_application, editor):
    application = make_application(received_on=date(2025, 3, 3))
    with time_machine.travel(date(2025, 3, 20), tick=False):
        services.request_correction(application, by=editor, on=date(2025, 3, 4), period_days=10, note="请写明年份")
        services.receive_correction(application, by=editor, on=date(2025, 3, 12))
    assert Application.objects.get(pk=application.pk).correction_received_on == date(2025, 3, 12)


def test_an_extension_of_exactly_twenty_working_days_is_allowed(make_application, editor, calendar):
    application = make_application(received_on=date(2025, 3, 3))
    with time_machine.travel(date(2025, 3, 20), tick=False):
        services.extend(application, by=editor, on=date(2025, 3, 20), days=20, approved_by="王主任")
    application.refresh_from_db()
    assert application.extension_days == 20 and reply_due(application, calendar) == date(2025, 4, 28)


def test_month_rank_counts_the_same_calendar_month_only_and_the_same_day_in_order(make_application):
    for day in (date(2025, 2, 28), date(2024, 3, 10), date(2025, 4, 1), date(2025, 3, 3)):
        make_application(received_on=day)
    first = make_application(received_on=date(2025, 3, 5))
    second = make_application(received_on=date(2025, 3, 5))
    assert (month_rank(first), month_rank(second)) == (2, 3)


@pytest.mark.parametrize(
    "identity, others, rank",
    [
        # An organization is known by its credit code, whatever the contact's name: 3 (another code does not count).
        (
            {"id_number": "", "credit_code": "91110000600037341L", "applicant_name": "某某公司"},
            [{"applicant_name": "某某有限公司"}, {"credit_code": "91110108MA01R2XX1A"}],
            3,
        ),
        # Without an identity number or a credit code, by name: 2 (another name does not count).
        ({"id_number": "", "credit_code": "", "applicant_name": "王五"}, [{"applicant_name": "王六"}], 2),
    ],
)
def test_month_rank_knows_the_applicant_by_credit_code_or_else_by_name(make_application, identity, others, rank):
    make_application(received_on=date(2025, 3, 3), **identity)
    for changes in others:
        make_application(received_on=date(2025, 3, 4), **(identity | changes))
    assert month_rank(make_application(received_on=date(2025, 3, 5), **identity)) == rank
