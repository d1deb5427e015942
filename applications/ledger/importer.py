"""Importing a ledger: all or nothing, every error listed with its row and column, updates by 受理编号."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from zipfile import BadZipFile

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from catalog.models import Organization
from catalog.workdays import current_calendar

from ..models import Appeal, Application, Consultation, FeeNotice
from ..outcomes import Outcome
from ..services.numbers import number_prefix
from .columns import HEADERS
from .exporter import CHUNK, ledger_rows
from .files import file_format, read_rows, text_of
from .rows import LedgerRow, RowParser

BATCH = 1000
MAX_LISTED_ERRORS = 1000
LEDGER_FIELDS = [
    "applicant_type", "applicant_name", "channel", "received_on", "info_title", "correction_requested_on",
    "correction_received_on", "extension_days", "concluded_on", "outcome", "state",
]  # fmt: skip


@dataclass(frozen=True)
class LedgerError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行【{self.column}】{self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LedgerError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_ledger(stream, filename: str, organization: Organization) -> ImportResult:
    """Check every row first; write only when no row has an error."""
    result = ImportResult()
    try:
        rows = _parse(read_rows(stream, file_format(filename)), result.errors)
    except UnicodeDecodeError:
        result.errors.append(LedgerError(1, "文件", "CSV文件应使用UTF-8编码（可在表格软件中另存为“CSV UTF-8”）"))
        return result
    except (BadZipFile, KeyError, OSError):
        result.errors.append(LedgerError(1, "文件", "无法读取该.xlsx文件，请确认文件完好"))
        return result
    if rows:
        _check_numbers(rows, organization, result.errors)
    if result.errors:
        result.errors = result.errors[:MAX_LISTED_ERRORS]
        return result
    _write(rows, organization, result)
    return result


def import_summary(result: ImportResult) -> str:
    """What an import did, in one sentence for staff; an unchanged ledger is said to be unchanged."""
    if not result.created and not result.updated:
        return _("导入完成：台账与系统中的记录一致（%(unchanged)d 件），没有需要新增或更新的内容。") % vars(result)
    return _("导入完成：新增 %(created)d 件，更新 %(updated)d 件，未变 %(unchanged)d 件。") % vars(result)


def _parse(lines, errors: list[LedgerError]) -> list[LedgerRow]:
    header = next(lines, None)
    if header is None or tuple(cell.strip() for cell in header[: len(HEADERS)]) != HEADERS:
        errors.append(LedgerError(1, "表头", "表头应依次为：" + "，".join(HEADERS)))
        return []
    rows = []
    for line, cells in enumerate(lines, start=2):
        if not any(cells):
            continue
        parser = RowParser(cells, line)
        row = parser.parse()
        errors.extend(LedgerError(line, column, message) for column, message in parser.errors)
        if row is not None:
            rows.append(row)
    return rows


def _check_numbers(rows: list[LedgerRow], organization: Organization, errors: list[LedgerError]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.number and row.number in seen:
            errors.append(LedgerError(row.line, "受理编号", f"与第{seen[row.number]}行重复"))
        seen.setdefault(row.number, row.line)
    numbers = [row.number for row in rows if row.number]
    foreign: set[str] = set()
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        foreign.update(
            Application.objects.filter(number__in=chunk)
            .exclude(organization=organization)
            .values_list("number", flat=True)
        )
    errors.extend(LedgerError(r.line, "受理编号", "已被其他机关的申请使用") for r in rows if r.number in foreign)


@transaction.atomic
def _write(rows: list[LedgerRow], organization: Organization, result: ImportResult) -> None:
    existing = {
        number: (pk, state)
        for number, pk, state in Application.objects.filter(organization=organization).values_list(
            "number", "pk", "state"
        )
    }
    numbers = _NumberSource(organization)
    new_rows = [row for row in rows if row.number not in existing]
    for row in new_rows:
        row.number = row.number or numbers.next(row.received_on.year)
    for start in range(0, len(new_rows), BATCH):
        _create(new_rows[start : start + BATCH], organization)
    changed = _changed_rows([row for row in rows if row.number in existing])
    for row in changed:
        _update(*existing[row.number], row, organization)
    result.created, result.updated = len(new_rows), len(changed)
    result.unchanged = len(rows) - len(new_rows) - len(changed)


def _changed_rows(rows: list[LedgerRow]) -> list[LedgerRow]:
    """The rows (of the organization's own applications) that say something else than the records do now
    (re-importing an export changes nothing).

    Each record goes through the export and the same parser as the file, so both sides are compared as the
    ledger sees them, dates and labels alike. A 受理编号 is unique across organizations: the numbers alone
    find the records."""
    calendar = current_calendar()
    numbers = [row.number for row in rows]
    current: dict[str, LedgerRow | None] = {}
    for start in range(0, len(numbers), CHUNK):
        queryset = Application.objects.filter(number__in=numbers[start : start + CHUNK])
        for cells in ledger_rows(queryset, calendar):
            current[cells[0]] = RowParser([text_of(value) for value in cells]).parse()
    return [row for row in rows if (known := current.get(row.number)) is None or replace(known, line=row.line) != row]


class _NumberSource:
    """Generated 受理编号 for rows without one, one query per year."""

    def __init__(self, organization: Organization):
        self.organization = organization
        self.last: dict[int, int] = {}

    def next(self, year: int) -> str:
        prefix = number_prefix(self.organization, year)
        if year not in self.last:
            last = Application.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
            self.last[year] = int(last.rsplit("-", 1)[1]) if last else 0
        self.last[year] += 1
        return f"{prefix}{self.last[year]:05d}"


def _application(row: LedgerRow, organization: Organization) -> Application:
    return Application(
        organization=organization, number=row.number, **{name: getattr(row, name) for name in LEDGER_FIELDS}
    )


def _create(rows: list[LedgerRow], organization: Organization) -> None:
    pairs = [(_application(row, organization), row) for row in rows]
    Application.objects.bulk_create([application for application, _ in pairs])  # sets each one's pk
    consultations, fees, appeals = [], [], []
    for application, row in pairs:
        consultations += _consultations(application, row)
        fees += _fees(application, row)
        appeals += _appeals(application, row, organization)
    Consultation.objects.bulk_create(consultations)
    FeeNotice.objects.bulk_create(fees)
    Appeal.objects.bulk_create(appeals)


def _consultations(application, row: LedgerRow) -> list[Consultation]:
    if not row.consultation_sent_on:
        return []
    return [
        Consultation(
            application=application,
            party=Consultation.Party.THIRD_PARTY,
            sent_on=row.consultation_sent_on,
            opinion_received_on=row.opinion_received_on,
        )
    ]


def _fees(application, row: LedgerRow) -> list[FeeNotice]:
    # The ledger carries the amount only: the notice is dated on receipt and paid at once,
    # so an imported fee does not move the clock.
    if not row.fee_amount:
        return []
    day = row.received_on
    return [
        FeeNotice(
            application=application,
            method=FeeNotice.Method.PER_APPLICATION,
            amount=row.fee_amount,
            notified_on=day,
            paid_on=day,
        )
    ]


def _appeals(application, row: LedgerRow, organization) -> list[Appeal]:
    cases: list[tuple[str, date, str]] = []
    if row.review_on:
        cases.append((Appeal.Kind.REVIEW, row.review_on, row.review_result))
    if row.litigation_on:
        cases.append((row.litigation_kind, row.litigation_on, row.litigation_result))
    # The ledger has no date of judgment: a decided case is taken as decided on filing.
    return [
        Appeal(
            organization=organization,
            application=application,
            kind=kind,
            filed_on=filed_on,
            result=result,
            concluded_on=None if result == Appeal.Result.PENDING else filed_on,
        )
        for kind, filed_on, result in cases
    ]


def state_after_update(current: str, row: LedgerRow) -> str:
    """The state an application takes from its corrected row. The ledger has no column for 撤回 or for a fee
    notice still unpaid, so an application in either stays so while its row agrees (a withdrawal is concluded
    as 其他处理-其他; an open application with a fee is waiting for payment)."""
    State = Application.State
    if current == State.WITHDRAWN and row.concluded_on and row.outcome == Outcome.OTHER:
        return current
    if current == State.AWAITING_PAYMENT and row.state == State.RECEIVED:
        return current
    return row.state


def _update(pk: int, state: str, row: LedgerRow, organization: Organization) -> None:
    """Overwrite the ledger's fields; the first consultation, fee and cases follow the row."""
    fields = {name: getattr(row, name) for name in LEDGER_FIELDS}
    fields["state"] = state_after_update(state, row)
    Application.objects.filter(pk=pk).update(**fields)
    application = Application.objects.get(pk=pk)
    _replace_first(
        application.consultations.order_by("sent_on", "pk"),
        _consultations(application, row),
        ["sent_on", "opinion_received_on"],
    )
    _replace_first(application.fee_notices.order_by("notified_on", "pk"), _fees(application, row), ["amount"])
    by_kind = defaultdict(list)
    for appeal in _appeals(application, row, organization):
        by_kind[appeal.kind == Appeal.Kind.REVIEW].append(appeal)
    review = application.appeals.filter(kind=Appeal.Kind.REVIEW)
    litigation = application.appeals.exclude(kind=Appeal.Kind.REVIEW)
    _replace_first(review.order_by("filed_on", "pk"), by_kind[True], ["filed_on", "result", "concluded_on"])
    _replace_first(
        litigation.order_by("filed_on", "pk"), by_kind[False], ["kind", "filed_on", "result", "concluded_on"]
    )


def _replace_first(queryset, wanted: list, fields: list[str]) -> None:
    current = queryset.first()
    if not wanted:
        if current is not None:
            current.delete()
        return
    if current is None:
        wanted[0].save()
        return
    changed = [name for name in fields if getattr(current, name) != getattr(wanted[0], name)]
    if changed:
        for name in changed:
            setattr(current, name, getattr(wanted[0], name))
        current.save(update_fields=changed)
