"""Seed the working-day calendar from the `chinesecalendar` package."""

from datetime import date, timedelta

import chinese_calendar
from django.db import transaction


def package_years() -> range:
    first = min(chinese_calendar.holidays).year
    last = max(chinese_calendar.holidays).year
    return range(first, last + 1)


def exceptions_for_year(year: int) -> list[tuple[date, bool, str]]:
    """Days of `year` that differ from Monday to Friday, as (date, is_workday, name)."""
    rows, day = [], date(year, 1, 1)
    while day.year == year:
        is_workday = chinese_calendar.is_workday(day)
        if is_workday != (day.weekday() < 5):
            _, holiday_name = chinese_calendar.get_holiday_detail(day)
            rows.append((day, is_workday, _holiday_label(holiday_name, is_workday)))
        day += timedelta(days=1)
    return rows


def _holiday_label(name: str | None, is_workday: bool) -> str:
    labels = {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "抗战胜利纪念日",
    }
    label = labels.get(name or "", "节假日")
    return f"{label}调休上班" if is_workday else label


@transaction.atomic
def seed_calendar(years=None, replace_staff_years: bool = False) -> list[int]:
    """Store the package's holidays for `years`; staff-entered years are kept unless asked."""
    from .models import CalendarDay, CalendarYear

    seeded = []
    for year in years or package_years():
        existing = CalendarYear.objects.filter(year=year).first()
        if existing and existing.source == CalendarYear.Source.STAFF and not replace_staff_years:
            continue
        calendar_year, _ = CalendarYear.objects.update_or_create(
            year=year, defaults={"source": CalendarYear.Source.PACKAGE, "note": "chinesecalendar"}
        )
        calendar_year.days.all().delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(calendar_year=calendar_year, date=day, is_workday=is_workday, name=name)
            for day, is_workday, name in exceptions_for_year(year)
        )
        seeded.append(year)
    return seeded
