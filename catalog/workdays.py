"""Working-day arithmetic on the calendar kept in the database (domain.md section 3).

A working day is Monday to Friday, except statutory holidays, plus the weekend days
made working days (调休). `add_workdays(d, n)` is the n-th working day strictly after d.
A year the database does not know is counted Monday to Friday and reported in
`unknown_years`, so callers can warn staff instead of guessing silently.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass
class WorkCalendar:
    exceptions: dict[date, bool]
    known_years: frozenset[int]
    unknown_years: set[int] = field(default_factory=set)

    @classmethod
    def from_database(cls) -> "WorkCalendar":
        from .models import CalendarDay, CalendarYear

        exceptions = dict(CalendarDay.objects.values_list("date", "is_workday"))
        years = frozenset(CalendarYear.objects.values_list("year", flat=True))
        return cls(exceptions=exceptions, known_years=years)

    def is_workday(self, day: date) -> bool:
        if day.year not in self.known_years:
            self.unknown_years.add(day.year)
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def add_workdays(self, start: date, count: int) -> date:
        """The `count`-th working day strictly after `start` (`start` itself when count is 0)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days D with start < D <= end (0 when end is not after start)."""
        total, day = 0, start
        while day < end:
            day += timedelta(days=1)
            total += self.is_workday(day)
        return total

    @property
    def warning(self) -> str | None:
        if not self.unknown_years:
            return None
        from django.utils.translation import gettext

        years = "、".join(str(year) for year in sorted(self.unknown_years))
        return gettext("工作日历缺少 %(years)s 年的节假日安排，相关日期暂按周一至周五计算，请在后台补录。") % {
            "years": years
        }


def current_calendar() -> WorkCalendar:
    return WorkCalendar.from_database()
