"""Yearly statistics for the narrative drafts, the report's charts and the public statistics pages.

One set of functions serves all three, so a figure shown anywhere is computed once, here or in
`tables`. Every function runs a fixed number of queries whatever the amount of data: counts are
grouped in the database, and the deadline statistics load the year's concluded applications with
their consultations and fee notices in three queries.
"""

import statistics as pystats
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from applications.deadlines import replied_on_time, workdays_taken
from applications.models import Application, Consultation, FeeNotice
from applications.models.applications import Channel
from applications.outcomes import Outcome
from catalog.models import Item
from catalog.workdays import WorkCalendar, current_calendar

from .tables import Year

CLOCK_FIELDS = (
    "pk",
    "received_on",
    "concluded_on",
    "correction_requested_on",
    "correction_received_on",
    "extension_days",
)


@dataclass
class YearStatistics:
    year: int
    received: int = 0
    received_by_channel: dict[str, int] = field(default_factory=dict)
    received_by_month: list[int] = field(default_factory=lambda: [0] * 12)
    concluded: int = 0
    concluded_by_month: list[int] = field(default_factory=lambda: [0] * 12)
    outcomes_by_group: dict[str, int] = field(default_factory=dict)
    timed: int = 0  # concluded applications whose reply day is known
    on_time: int = 0
    on_time_rate: float | None = None
    median_workdays: float | None = None
    items_published: int = 0
    items_by_category: dict[str, int] = field(default_factory=dict)
    items_on_time: int = 0
    items_on_time_share: float | None = None
    calendar_warning: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def year_statistics(org_ids: list[int], year: int, calendar: WorkCalendar | None = None) -> YearStatistics:
    calendar = calendar or current_calendar()
    result = YearStatistics(year=year)
    _application_counts(result, org_ids, Year(year))
    _deadline_figures(result, org_ids, Year(year), calendar)
    _item_figures(result, org_ids, Year(year), calendar)
    result.calendar_warning = calendar.warning
    return result


def _application_counts(result: YearStatistics, org_ids: list[int], span: Year) -> None:
    applications = Application.objects.filter(organization_id__in=org_ids).order_by()
    received = applications.filter(received_on__range=(span.start, span.end))
    channels = dict(Channel.choices)
    for row in received.values("channel").annotate(n=Count("pk")):
        label = str(channels.get(row["channel"], row["channel"]))
        result.received_by_channel[label] = result.received_by_channel.get(label, 0) + row["n"]
    for row in received.annotate(month=ExtractMonth("received_on")).values("month").annotate(n=Count("pk")):
        result.received_by_month[row["month"] - 1] = row["n"]
    result.received = sum(result.received_by_month)
    concluded = applications.filter(received_on__isnull=False, concluded_on__range=(span.start, span.end))
    for row in concluded.annotate(month=ExtractMonth("concluded_on")).values("month").annotate(n=Count("pk")):
        result.concluded_by_month[row["month"] - 1] = row["n"]
    result.concluded = sum(result.concluded_by_month)
    groups = {outcome.value: outcome.group for outcome in Outcome}
    result.outcomes_by_group = dict.fromkeys(dict.fromkeys(groups.values()), 0)
    rows = concluded.values("outcome", "state").annotate(n=Count("pk"))
    for row in rows:
        code = Outcome.OTHER.value if row["state"] == Application.State.WITHDRAWN else row["outcome"]
        if code in groups:
            result.outcomes_by_group[groups[code]] += row["n"]


class _Loaded(list):
    """Rows already loaded for one application; `.all()` on the related manager returns them."""

    def all(self) -> "_Loaded":
        return self


def attach_clock_records(applications: list[Application], scope: Q) -> None:
    """Load consultations and fee notices for many applications in two queries.

    `prefetch_related` would pass every id as a query parameter, which SQLite refuses beyond a few
    tens of thousands, and builds a queryset per application, which costs more than the deadline
    arithmetic itself. Instead a subquery filter keeps the query size constant, and the rows go
    where the related manager looks for prefetched objects. `applications.deadlines` only iterates
    `.all()`, which these read-only lists support; they live only for one computation.
    """
    for name, model in (("consultations", Consultation), ("fee_notices", FeeNotice)):
        grouped = defaultdict(_Loaded)
        for row in model.objects.filter(scope).order_by():
            grouped[row.application_id].append(row)
        for application in applications:
            cache = application.__dict__.setdefault("_prefetched_objects_cache", {})
            cache[name] = grouped.get(application.pk, _Loaded())


def _deadline_figures(result: YearStatistics, org_ids: list[int], span: Year, calendar: WorkCalendar) -> None:
    """On-time reply rate and median working days for the applications concluded in the year."""
    scope = {
        "organization_id__in": org_ids,
        "received_on__isnull": False,
        "concluded_on__range": (span.start, span.end),
    }
    applications = list(Application.objects.filter(**scope).order_by().only(*CLOCK_FIELDS))
    attach_clock_records(applications, Q(**{f"application__{key}": value for key, value in scope.items()}))
    taken, on_time, timed = [], 0, 0
    for application in applications:
        days = workdays_taken(application, calendar)
        if days is not None:
            taken.append(days)
        verdict = replied_on_time(application, calendar)
        if verdict is not None:
            timed += 1
            on_time += verdict
    result.timed, result.on_time = timed, on_time
    result.on_time_rate = round(100 * on_time / timed, 1) if timed else None
    result.median_workdays = float(pystats.median(taken)) if taken else None


def _item_figures(result: YearStatistics, org_ids: list[int], span: Year, calendar: WorkCalendar) -> None:
    """Items published in the year, per category, and the share published within Art. 26's limit."""
    published = Item.objects.published().filter(organization_id__in=org_ids, published_on__range=(span.start, span.end))
    rows = published.values("category__name").annotate(n=Count("pk")).order_by("-n", "category__name")
    result.items_by_category = {row["category__name"]: row["n"] for row in rows}
    result.items_published = sum(result.items_by_category.values())
    # The Art. 26 rule is the catalog's (Item.is_timely); only the three dates it reads are loaded.
    items = published.order_by().only("written_on", "published_on", "publication_due_on", "state")
    result.items_on_time = sum(1 for item in items.iterator(chunk_size=2000) if item.is_timely(calendar))
    if result.items_published:
        result.items_on_time_share = round(100 * result.items_on_time / result.items_published, 1)


def yearly_totals(org_ids: list[int]) -> list[dict]:
    """Applications received and concluded, and items published, per year (for year-over-year figures)."""
    applications = Application.objects.filter(organization_id__in=org_ids, received_on__isnull=False).order_by()
    years: dict[int, dict] = defaultdict(lambda: {"received": 0, "concluded": 0, "items": 0})
    for field_name, key in (("received_on", "received"), ("concluded_on", "concluded")):
        rows = (
            applications.filter(**{f"{field_name}__isnull": False})
            .annotate(y=ExtractYear(field_name))
            .values("y")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            years[row["y"]][key] = row["n"]
    items = Item.objects.published().filter(organization_id__in=org_ids, published_on__isnull=False).order_by()
    for row in items.annotate(y=ExtractYear("published_on")).values("y").annotate(n=Count("pk")):
        years[row["y"]]["items"] = row["n"]
    return [{"year": year, **years[year]} for year in sorted(years)]
