"""The working-day calendar for one request: loaded once, shared by every application on a page."""

from catalog.workdays import WorkCalendar


def calendar() -> WorkCalendar:
    return WorkCalendar.from_database()
