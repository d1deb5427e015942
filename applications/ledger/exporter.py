"""Exporting the ledger of one organization, optionally of one year."""

from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace

from django.db.models import Q

from catalog.models import Organization
from catalog.workdays import WorkCalendar, current_calendar

from ..deadlines import reply_due
from ..models import Appeal, Application, Consultation, FeeNotice
from ..outcomes import Outcome
from .columns import APPEAL_RESULTS, APPLICANT_TYPES, CHANNELS, HEADERS, LITIGATION_KINDS, label_of
from .files import file_format, write_rows

CHUNK = 900  # ids per IN clause: below SQLite's oldest variable limit (999)


def ledger_queryset(organization: Organization, year: int | None = None):
    """Received applications; for a year, those received in it and those carried over into it."""
    queryset = Application.objects.filter(organization=organization, received_on__isnull=False)
    if year is not None:
        queryset = queryset.filter(received_on__lte=date(year, 12, 31)).filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gte=date(year, 1, 1))
        )
    return queryset.order_by("received_on", "number")


class _Related(list):
    """A list that answers `.all()` like a prefetched related manager, for `deadlines`."""

    def all(self):
        return self


APPLICATION_FIELDS = [
    "pk", "number", "applicant_type", "applicant_name", "channel", "received_on", "info_title",
    "correction_requested_on", "correction_received_on", "extension_days", "concluded_on", "outcome",
]  # fmt: skip
CHILDREN = {
    # attribute: (model, fields, order)
    "consultations": (Consultation, ["sent_on", "opinion_received_on"], ["sent_on", "pk"]),
    "fee_notices": (FeeNotice, ["amount", "notified_on", "paid_on"], ["notified_on", "pk"]),
    "appeals": (Appeal, ["kind", "filed_on", "result"], ["filed_on", "pk"]),
}


def _records(queryset) -> Iterator[SimpleNamespace]:
    """Applications as plain records with their children attached: no model instances, one query per child
    model per chunk (model instances and Django's prefetching cost more than the rest of the export).
    The database's own fetch size (Django's default) need not match the chunk."""
    chunk = []
    for values in queryset.values(*APPLICATION_FIELDS).iterator():
        chunk.append(SimpleNamespace(**values))
        if len(chunk) == CHUNK:
            yield from _attach(chunk)
            chunk = []
    yield from _attach(chunk)


def _attach(chunk: list[SimpleNamespace]) -> list[SimpleNamespace]:
    by_pk = {record.pk: record for record in chunk}
    for record in chunk:
        for name in CHILDREN:
            setattr(record, name, _Related())
    for name, (model, fields, order) in CHILDREN.items():
        children = model._default_manager.filter(application_id__in=list(by_pk))
        rows = children.order_by(*order).values("application_id", *fields)
        for row in rows:
            getattr(by_pk[row.pop("application_id")], name).append(SimpleNamespace(**row))
    return chunk


def ledger_row(application, calendar: WorkCalendar) -> list:
    """One application (a model instance with prefetched children, or a record of `_records`) as ledger cells:
    text, dates (None when empty), the extension as a whole number and the fee as an amount."""
    consultation = next(iter(application.consultations.all()), None)
    notices = list(application.fee_notices.all())
    amount = sum(n.amount for n in notices) if notices else None
    appeals = list(application.appeals.all())
    review = next((a for a in appeals if a.kind == Appeal.Kind.REVIEW), None)
    litigation = next((a for a in appeals if a.kind != Appeal.Kind.REVIEW), None)
    return [
        application.number,
        label_of(APPLICANT_TYPES, application.applicant_type),
        application.applicant_name,
        label_of(CHANNELS, application.channel),
        application.received_on,
        application.info_title,
        application.correction_requested_on,
        application.correction_received_on,
        consultation.sent_on if consultation else None,
        consultation.opinion_received_on if consultation else None,
        application.extension_days or 0,
        reply_due(application, calendar),
        application.concluded_on,
        str(Outcome(application.outcome).label) if application.outcome else "",
        amount,
        review.filed_on if review else None,
        label_of(APPEAL_RESULTS, review.result) if review else "",
        litigation.filed_on if litigation else None,
        label_of(LITIGATION_KINDS, litigation.kind) if litigation else "",
        label_of(APPEAL_RESULTS, litigation.result) if litigation else "",
    ]


def ledger_rows(queryset, calendar: WorkCalendar) -> Iterator[list]:
    """The ledger cells of each application of the queryset, without the header."""
    for record in _records(queryset):
        yield ledger_row(record, calendar)


def _rows(organization, year, calendar) -> Iterator[list]:
    yield list(HEADERS)
    yield from ledger_rows(ledger_queryset(organization, year), calendar)


def export_ledger(stream, filename: str, organization: Organization, year: int | None = None) -> None:
    write_rows(stream, file_format(filename), _rows(organization, year, current_calendar()))
