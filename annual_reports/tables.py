"""The report's tables (sections 二, 三, 四 and the fees of 六), computed from the records, never typed.

Each table is one aggregate query grouped in the database, so the number of queries does not grow
with the data. The result has the fixed JSON interface's shape (keys are the national labels).

Counting decisions (domain.md section 4 and the report brief):
- Dates are calendar dates in Asia/Shanghai (the date fields hold local dates), so the year is
  1 January to 31 December inclusive.
- 本年新收: received_on in the year. An online application staff have not yet confirmed
  (received_on empty) is not counted anywhere.
- 上年结转: received before the year and not concluded before the year starts.
- 本年度办理结果: concluded_on in the year, under its one recorded outcome. A withdrawn application
  counts under 其他处理-其他 whatever was recorded; an abandoned one under 6.1 or 6.2 as recorded.
- 结转下年度: received by the year end and not concluded by then.
  So 一 + 二 = 三（七） + 四 holds in every column when every concluded application has an outcome.
- Section 二's first table counts published items whose document type is reported as 规章 or
  行政规范性文件: made (成文日期) in the year; 废止 or 失效 in the year; made by the year end and
  still in force at it (an item 废止 or 失效 always has the day it happened: `repeal_item` sets both).
- Section 四 counts cases filed in the year by their state at the year end (`Appeal.result_at`).
- Fees: processing fees (信息处理费) paid in the year, in yuan (`fees_yuan`, the JSON's); for section 六
  also the fee notices (收费通知) issued in the year, their number and amount (`fee_figures`).
- Section 二's typed figures stay None until staff type them; sums read None as 0.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from applications.models import Appeal, Application, FeeNotice
from applications.models.applications import ApplicantType
from applications.outcomes import Outcome
from catalog.models import DocumentType, Item

COLUMNS = [str(label) for _value, label in ApplicantType.choices]
TOTAL = "总计"
ROW_NEW = "本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "上年结转政府信息公开申请数量"
ROW_CARRIED_OUT = "结转下年度继续办理"
OUTCOME_ROWS = [outcome.label for outcome in Outcome]
SECTION3_ROWS = [ROW_NEW, ROW_CARRIED_IN, *OUTCOME_ROWS, TOTAL, ROW_CARRIED_OUT]

DOCUMENT_KINDS = {DocumentType.ReportKind.RULE: "规章", DocumentType.ReportKind.NORMATIVE: "行政规范性文件"}
DOCUMENT_COLUMNS = MADE, REPEALED, IN_FORCE = ("本年制发件数", "本年废止件数", "现行有效件数")
DECISION_COLUMN = "本年处理决定数量"
FEE_COLUMN = "本年收费金额（单位：万元）"

APPEAL_KINDS = {
    Appeal.Kind.REVIEW: "行政复议",
    Appeal.Kind.LITIGATION_DIRECT: "行政诉讼-未经复议直接起诉",
    Appeal.Kind.LITIGATION_AFTER_REVIEW: "行政诉讼-复议后起诉",
}
APPEAL_RESULTS = {
    Appeal.Result.MAINTAINED: "结果维持",
    Appeal.Result.CORRECTED: "结果纠正",
    Appeal.Result.OTHER: "其他结果",
    Appeal.Result.PENDING: "尚未审结",
}


@dataclass(frozen=True)
class Entered:
    """Section 二 figures that come from other systems and are typed by staff on the report (None: not yet)."""

    licensing: int | None = None
    penalty: int | None = None
    enforcement: int | None = None
    fees_wan: float | None = None


@dataclass(frozen=True)
class Year:
    year: int

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)


def build_tables(org_ids: list[int], year: int, entered: Entered = Entered()) -> dict:
    """Sections 二, 三, 四 and the fees, in the JSON interface's shape (without the header keys)."""
    return own_figures(org_ids, year, entered)["tables"]


def own_figures(org_ids: list[int], year: int, entered: Entered = Entered()) -> dict:
    """The tables and section 六's fee figures of a body's own report, from the records."""
    fees = fee_figures(org_ids, year)
    tables = {
        "section2": section2(org_ids, year, entered),
        "section3": section3(org_ids, year),
        "section4": section4(org_ids, year),
        "fees_yuan": fees["collected_yuan"],
    }
    return {"tables": tables, "fees": fees}


def section2(org_ids: list[int], year: int, entered: Entered = Entered()) -> dict:
    table = document_counts(org_ids, year)
    table["行政许可"] = {DECISION_COLUMN: entered.licensing}
    table["行政处罚"] = {DECISION_COLUMN: entered.penalty}
    table["行政强制"] = {DECISION_COLUMN: entered.enforcement}
    table["行政事业性收费"] = {FEE_COLUMN: None if entered.fees_wan is None else float(entered.fees_wan)}
    return table


def document_counts(org_ids: list[int], year: int) -> dict:
    """规章 and 行政规范性文件 made, repealed and in force (section 二, first table)."""
    span = Year(year)
    ended = Q(validity__in=[Item.Validity.REPEALED, Item.Validity.EXPIRED])
    rows = (
        Item.objects.published()
        .filter(organization_id__in=org_ids, document_type__report_kind__in=list(DOCUMENT_KINDS))
        .values("document_type__report_kind")
        .annotate(
            made=Count("pk", filter=Q(written_on__range=(span.start, span.end))),
            repealed=Count("pk", filter=ended & Q(validity_changed_on__range=(span.start, span.end))),
            in_force=Count(
                "pk",
                filter=Q(written_on__lte=span.end) & (~ended | Q(validity_changed_on__gt=span.end)),
            ),
        )
    )
    table = {label: dict.fromkeys(DOCUMENT_COLUMNS, 0) for label in DOCUMENT_KINDS.values()}
    for row in rows:
        table[DOCUMENT_KINDS[row["document_type__report_kind"]]] = {
            MADE: row["made"],
            REPEALED: row["repealed"],
            IN_FORCE: row["in_force"],
        }
    return table


def open_on(day: date) -> Q:
    """Not concluded before `day`."""
    return Q(concluded_on__isnull=True) | Q(concluded_on__gte=day)


def _section3_counts(span: Year) -> dict:
    concluded_in_year = Q(concluded_on__range=(span.start, span.end))
    withdrawn = Q(state=Application.State.WITHDRAWN)
    counts = {
        ROW_NEW: Count("pk", filter=Q(received_on__range=(span.start, span.end))),
        ROW_CARRIED_IN: Count("pk", filter=Q(received_on__lt=span.start) & open_on(span.start)),
        ROW_CARRIED_OUT: Count("pk", filter=Q(received_on__lte=span.end) & ~Q(concluded_on__lte=span.end)),
    }
    for outcome in Outcome:
        recorded = Q(outcome=outcome.value) & ~withdrawn
        if outcome == Outcome.OTHER:
            recorded = Q(outcome=outcome.value) | withdrawn
        counts[outcome.label] = Count("pk", filter=concluded_in_year & recorded)
    return counts


def section3(org_ids: list[int], year: int) -> dict:
    """Applications received and handled, by applicant type (one grouped query)."""
    counts = _section3_counts(Year(year))
    rows = (
        Application.objects.filter(organization_id__in=org_ids, received_on__isnull=False)
        .values("applicant_type")
        .annotate(**{f"c{index}": count for index, count in enumerate(counts.values())})
        .order_by()
    )
    labels = list(counts)
    by_type = {label: dict.fromkeys(COLUMNS, 0) for label in labels}
    column_of = {value: str(label) for value, label in ApplicantType.choices}
    for row in rows:  # one row per applicant type, and the field's choices are the columns
        column = column_of[row["applicant_type"]]
        for index, label in enumerate(labels):
            by_type[label][column] = row[f"c{index}"]
    table = {label: by_type[label] for label in [ROW_NEW, ROW_CARRIED_IN, *OUTCOME_ROWS]}
    table[TOTAL] = {column: sum(table[label][column] for label in OUTCOME_ROWS) for column in COLUMNS}
    table[ROW_CARRIED_OUT] = by_type[ROW_CARRIED_OUT]
    for row in table.values():
        row[TOTAL] = sum(row[column] for column in COLUMNS)
    return table


def section4(org_ids: list[int], year: int) -> dict:
    """Review and litigation cases filed in the year, by their state at the year end."""
    span = Year(year)
    undecided = Q(concluded_on__isnull=True) | Q(concluded_on__gt=span.end) | Q(result=Appeal.Result.PENDING)
    annotations: dict[str, Count] = {key: Count("pk", filter=~undecided & Q(result=key)) for key in APPEAL_RESULTS}
    annotations[Appeal.Result.PENDING] = Count("pk", filter=undecided)
    rows = (
        Appeal.objects.filter(organization_id__in=org_ids, filed_on__range=(span.start, span.end))
        .values("kind")
        .annotate(**annotations)
        .order_by()
    )
    table = {label: dict.fromkeys([*APPEAL_RESULTS.values(), TOTAL], 0) for label in APPEAL_KINDS.values()}
    for row in rows:
        cells = table[APPEAL_KINDS[row["kind"]]]
        for key, label in APPEAL_RESULTS.items():
            cells[label] = row[key]
        cells[TOTAL] = sum(row[key] for key in APPEAL_RESULTS)
    return table


def fee_figures(org_ids: list[int], year: int) -> dict:
    """Section 六: fee notices issued in the year (number, amount) and fees collected in the year, in yuan."""
    span = Year(year)
    in_year = (span.start, span.end)
    zero = Value(Decimal("0"))
    totals = FeeNotice.objects.filter(application__organization_id__in=org_ids).aggregate(
        notices=Count("pk", filter=Q(notified_on__range=in_year)),
        notice_amount=Coalesce(Sum("amount", filter=Q(notified_on__range=in_year)), zero),
        collected=Coalesce(Sum("amount", filter=Q(paid_on__range=in_year)), zero),
    )
    return {
        "notices": totals["notices"],
        "notice_amount_yuan": float(totals["notice_amount"]),
        "collected_yuan": float(totals["collected"]),
    }


def identity_failures(section3_table: dict) -> list[str]:
    """Columns where 一 + 二 ≠ 三（七） + 四 (the national table's own check)."""
    return [
        column
        for column in [*COLUMNS, TOTAL]
        if section3_table[ROW_NEW][column] + section3_table[ROW_CARRIED_IN][column]
        != section3_table[TOTAL][column] + section3_table[ROW_CARRIED_OUT][column]
    ]


def add_tables(first, second):
    """Cell-wise sum of two tables of the same shape (consolidation). A figure not yet typed (None) adds
    as 0; money is added as decimals, so 12.5 + 0.1 stays 12.6 and never becomes 12.600000000000001."""
    if isinstance(first, dict):
        return {key: add_tables(first[key], second[key]) for key in first}
    if isinstance(first, float) or isinstance(second, float):
        return float(Decimal(str(first or 0)) + Decimal(str(second or 0)))
    return (first or 0) + (second or 0)


def _national_layout() -> dict:
    """The tables' rows and columns in the national template's order, every figure None."""
    cells = dict.fromkeys
    section3_rows = [ROW_NEW, ROW_CARRIED_IN, *OUTCOME_ROWS, TOTAL, ROW_CARRIED_OUT]
    return {
        "section2": {
            **{label: cells(DOCUMENT_COLUMNS) for label in DOCUMENT_KINDS.values()},
            **{label: cells([DECISION_COLUMN]) for label in ("行政许可", "行政处罚", "行政强制")},
            "行政事业性收费": cells([FEE_COLUMN]),
        },
        "section3": {str(label): cells([*COLUMNS, TOTAL]) for label in section3_rows},
        "section4": {label: cells([*APPEAL_RESULTS.values(), TOTAL]) for label in APPEAL_KINDS.values()},
        "fees_yuan": None,
    }


def in_national_order(tables: dict) -> dict:
    """`tables` with its keys in the national template's order, whatever order they came in.

    A published report's figures come back from a JSONField, and PostgreSQL's jsonb keeps the values but
    sorts the keys; every format lists rows and columns in the order of the keys.
    """
    return _ordered_like(_national_layout(), tables)


def _ordered_like(layout, value):
    if not (isinstance(layout, dict) and isinstance(value, dict)):
        return value
    keys = [key for key in layout if key in value] + [key for key in value if key not in layout]
    return {key: _ordered_like(layout.get(key), value[key]) for key in keys}
