"""Working-day arithmetic on the calendar kept in the database (domain.md section 3).

A working day is Monday to Friday, except statutory holidays, plus the weekend days
made working days (调休). `add_workdays(d, n)` is the n-th working day strictly after d.
A year the database does not know is counted Monday to Friday and reported in
`unknown_years`, so callers can warn staff instead of guessing silently.

`current_calendar()` is the one way to get the calendar: load it once per page, command or report and
pass it down. It remembers its answers: thousands of applications share a few hundred days.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass
class WorkCalendar:
    exceptions: dict[date, bool]
    known_years: frozenset[int]
    unknown_years: set[int] = field(default_factory=set)
    _added: dict = field(default_factory=dict, repr=False, compare=False)
    _between: dict = field(default_factory=dict, repr=False, compare=False)

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
        key = (start, count)
        if key not in self._added:
            self._added[key] = self._add(start, count)
        return self._added[key]

    def _add(self, start: date, count: int) -> date:
        day = start
        while count:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days D with start < D <= end (0 when end is not after start)."""
        key = (start, end)
        if key not in self._between:
            self._between[key] = self._count(start, end)
        return self._between[key]

    def _count(self, start: date, end: date) -> int:
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
    """The calendar as the database holds it now (staff may have added a year since the last page)."""
    from .models import CalendarDay, CalendarYear

    exceptions = dict(CalendarDay.objects.values_list("date", "is_workday"))
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return WorkCalendar(exceptions=exceptions, known_years=years)
