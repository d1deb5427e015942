"""The working-day calendar: one accessor, `current_calendar()`, reading the database as it is now."""

from datetime import date

import pytest

from catalog.models import CalendarDay, CalendarYear
from catalog.workdays import current_calendar

pytestmark = pytest.mark.django_db


def test_twenty_working_days_skip_national_day_and_count_its_makeup_weekends():
    calendar = current_calendar()
    # 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert calendar.add_workdays(date(2025, 9, 26), 20) == date(2025, 10, 30)
    assert calendar.workdays_between(date(2025, 9, 26), date(2025, 10, 30)) == 20
    assert calendar.warning is None


def test_a_remembered_answer_is_the_same_answer():
    calendar = current_calendar()
    first = calendar.add_workdays(date(2025, 12, 31), 1)
    assert calendar.add_workdays(date(2025, 12, 31), 1) == first == date(2026, 1, 4)  # a working Sunday


def test_a_year_staff_add_counts_from_the_next_calendar_loaded():
    before = current_calendar()
    assert before.add_workdays(date(2031, 1, 31), 1) == date(2031, 2, 3)
    assert "2031" in before.warning

    year = CalendarYear.objects.create(year=2031, source=CalendarYear.Source.STAFF)
    CalendarDay.objects.create(calendar_year=year, date=date(2031, 2, 3), is_workday=False, name="春节")

    after = current_calendar()
    assert after.add_workdays(date(2031, 1, 31), 1) == date(2031, 2, 4)
    assert after.warning is None
