"""The self-check of one organization, or of it and every organization below it."""

from dataclasses import dataclass
from datetime import date

from catalog.models import Organization
from catalog.workdays import WorkCalendar, current_calendar

from . import rules
from .lines import CLOSE, FAILED, Line


@dataclass
class Section:
    organization: Organization
    lines: list[Line]

    def with_state(self, state: str) -> list[Line]:
        return [line for line in self.lines if line.state == state]

    @property
    def failed(self) -> list[Line]:
        return self.with_state(FAILED)

    @property
    def close(self) -> list[Line]:
        """Lines close to failing, the soonest first: what the weekly digest names."""
        return sorted(self.with_state(CLOSE), key=lambda line: line.margin)

    def as_dict(self) -> dict:
        return {
            "organization": {
                "id": self.organization.pk,
                "name": self.organization.name,
                "code": self.organization.code,
            },
            "failed": len(self.failed),
            "close": len(self.close),
            "lines": [line.as_dict() for line in self.lines],
        }


def inspect(organization: Organization, today: date, calendar: WorkCalendar | None = None) -> Section:
    """Every indicator for one organization: its pages and columns show its descendants' items too."""
    calendar = calendar or current_calendar()
    shown = organization.descendant_ids()  # what its pages list
    own = [organization.pk]  # what it answers for
    lines = [
        rules.home_page_line(shown, today),
        *rules.column_lines(shown, today),
        *rules.art26_lines(own, today, calendar),
        *rules.message_lines(own, today),
        *rules.broken_link_lines(own),
        *rules.attachment_lines(own),
        *rules.annual_report_lines(organization, today),
    ]
    return Section(organization, lines)


def inspect_tree(organization: Organization, today: date, calendar: WorkCalendar | None = None) -> list[Section]:
    """The organization's section first, then one for each organization below it."""
    calendar = calendar or current_calendar()
    ids = organization.descendant_ids()
    below = Organization.objects.filter(pk__in=ids[1:]).order_by("sort_order", "pk")
    return [inspect(each, today, calendar) for each in [organization, *below]]


def as_json(sections: list[Section], today: date) -> dict:
    return {
        "date": today.isoformat(),
        "failed": sum(len(section.failed) for section in sections),
        "close": sum(len(section.close) for section in sections),
        "organizations": [section.as_dict() for section in sections],
    }
