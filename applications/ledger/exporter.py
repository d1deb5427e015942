"""Exporting the ledger of one organization, optionally of one year."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q

from catalog.models import Organization
from catalog.workdays import WorkCalendar

from ..deadlines import reply_due
from ..models import Appeal, Application
from ..outcomes import Outcome
from .columns import APPEAL_RESULTS, APPLICANT_TYPES, CHANNELS, HEADERS, LITIGATION_KINDS, label_of
from .files import file_format, write_rows

CHUNK = 2000


def ledger_queryset(organization: Organization, year: int | None = None):
    """Received applications; for a year, those received in it and those carried over into it."""
    queryset = Application.objects.filter(organization=organization, received_on__isnull=False)
    if year is not None:
        queryset = queryset.filter(received_on__lte=date(year, 12, 31)).filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gte=date(year, 1, 1))
        )
    return queryset.order_by("received_on", "number").prefetch_related("consultations", "fee_notices", "appeals")


def _day(value) -> str:
    return value.isoformat() if value else ""


def ledger_row(application: Application, calendar: WorkCalendar) -> list[str]:
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
        _day(application.received_on),
        application.info_title,
        _day(application.correction_requested_on),
        _day(application.correction_received_on),
        _day(consultation.sent_on if consultation else None),
        _day(consultation.opinion_received_on if consultation else None),
        str(application.extension_days or 0),
        _day(reply_due(application, calendar)),
        _day(application.concluded_on),
        Outcome(application.outcome).label if application.outcome else "",
        f"{amount:.2f}" if amount is not None else "",
        _day(review.filed_on if review else None),
        label_of(APPEAL_RESULTS, review.result) if review else "",
        _day(litigation.filed_on if litigation else None),
        label_of(LITIGATION_KINDS, litigation.kind) if litigation else "",
        label_of(APPEAL_RESULTS, litigation.result) if litigation else "",
    ]


def _rows(organization, year, calendar) -> Iterator[list[str]]:
    yield list(HEADERS)
    for application in ledger_queryset(organization, year).iterator(chunk_size=CHUNK):
        yield ledger_row(application, calendar)


def export_ledger(stream, filename: str, organization: Organization, year: int | None = None) -> None:
    write_rows(stream, file_format(filename), _rows(organization, year, WorkCalendar.from_database()))
