"""What staff must act on, computed with a fixed number of queries however many applications there are."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from catalog.models import Organization
from catalog.workdays import WorkCalendar

from .deadlines import CONFIRM_WITHIN_WORKDAYS, WARN_WITHIN_WORKDAYS, compute_deadlines, workdays_left
from .models import Application

State = Application.State


@dataclass
class Row:
    application: Application
    due: date | None
    left: int | None
    warning: str | None = None
    waiting: int | None = None  # working days an online submission has waited for 确认受理

    @property
    def confirmation_late(self) -> bool:
        return self.waiting is not None and self.waiting >= CONFIRM_WITHIN_WORKDAYS

    @property
    def overdue_days(self) -> int:
        return -self.left if self.left is not None and self.left < 0 else 0


@dataclass
class OrganizationCounts:
    organization: Organization
    counts: Counter = field(default_factory=Counter)


@dataclass
class Dashboard:
    awaiting_confirmation: list[Row] = field(default_factory=list)
    due_soon: list[Row] = field(default_factory=list)
    overdue: list[Row] = field(default_factory=list)
    awaiting_correction: list[Row] = field(default_factory=list)
    awaiting_opinion: list[Row] = field(default_factory=list)
    awaiting_payment: list[Row] = field(default_factory=list)
    duplicates: list[Row] = field(default_factory=list)
    per_organization: list[OrganizationCounts] = field(default_factory=list)
    warnings: set[str] = field(default_factory=set)


def open_applications(queryset) -> list[Application]:
    """Open applications with everything the clock reads: three queries in all."""
    return list(
        queryset.filter(state__in=[s for s in State if s not in (State.REPLIED, State.WITHDRAWN, State.ABANDONED)])
        .select_related("organization")
        .prefetch_related("consultations", "fee_notices")
        .order_by("received_on", "submitted_at", "pk")
    )


def row_for(application: Application, today: date, calendar: WorkCalendar) -> Row:
    deadlines = compute_deadlines(application, calendar)
    left = workdays_left(application, today, calendar) if deadlines.reply_due else None
    return Row(application, deadlines.reply_due, left, deadlines.warning, waiting_days(application, today, calendar))


def waiting_days(application: Application, today: date, calendar: WorkCalendar) -> int | None:
    """Working days since an online submission arrived, while it waits for 确认受理; None otherwise."""
    if application.state != State.SUBMITTED or application.submitted_at is None:
        return None
    return calendar.workdays_between(timezone.localdate(application.submitted_at), today)


def urgent_rows(applications: list[Application], today: date, calendar: WorkCalendar) -> list[Row]:
    """What reminders are about: open applications due within five working days or overdue, and online
    submissions not confirmed for a working day or more."""
    rows = [row_for(a, today, calendar) for a in applications]
    return [row for row in rows if (row.left is not None and row.left <= WARN_WITHIN_WORKDAYS) or row.confirmation_late]


def build_dashboard(user, today: date, calendar: WorkCalendar) -> Dashboard:
    organizations = list(Organization.objects.for_user(user).order_by("sort_order", "pk"))
    scoped = Application.objects.filter(organization__in=[o.pk for o in organizations])
    board = Dashboard()
    per_org = {o.pk: OrganizationCounts(o) for o in organizations}
    for application in open_applications(scoped):
        row = row_for(application, today, calendar)
        counts = per_org[application.organization_id].counts
        counts["open"] += 1
        _sort_row(board, row, counts)
        if row.warning:
            board.warnings.add(row.warning)
    concluded = scoped.filter(concluded_on__year=today.year).values("organization").annotate(n=Count("pk"))
    for entry in concluded:
        per_org[entry["organization"]].counts["concluded"] = entry["n"]
    board.per_organization = list(per_org.values())
    return board


def _sort_row(board: Dashboard, row: Row, counts: Counter) -> None:
    state = row.application.state
    lists = {
        State.SUBMITTED: board.awaiting_confirmation,
        State.AWAITING_CORRECTION: board.awaiting_correction,
        State.CONSULTING: board.awaiting_opinion,
        State.AWAITING_PAYMENT: board.awaiting_payment,
    }
    if state in lists:
        lists[state].append(row)
        counts[state] += 1
    if row.left is not None and row.left < 0:
        board.overdue.append(row)
        counts["overdue"] += 1
    elif row.left is not None and row.left <= WARN_WITHIN_WORKDAYS:
        board.due_soon.append(row)
        counts["due_soon"] += 1
    if row.application.flagged_duplicate:
        board.duplicates.append(row)
