"""One ledger row parsed and checked, every problem reported with its column."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ..deadlines import MAX_EXTENSION_WORKDAYS
from ..models import Appeal, Application
from ..outcomes import OUTCOME_BY_LEDGER_LABEL, Outcome
from .columns import APPEAL_RESULTS, APPLICANT_TYPES, CHANNELS, HEADERS, LITIGATION_KINDS

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}( 00:00:00)?$")


@dataclass(slots=True)
class LedgerRow:
    line: int
    number: str
    applicant_type: str
    applicant_name: str
    channel: str
    received_on: date
    info_title: str
    correction_requested_on: date | None
    correction_received_on: date | None
    consultation_sent_on: date | None
    opinion_received_on: date | None
    extension_days: int
    concluded_on: date | None
    outcome: str
    fee_amount: Decimal | None
    review_on: date | None
    review_result: str
    litigation_on: date | None
    litigation_kind: str
    litigation_result: str

    @property
    def state(self) -> str:
        if self.concluded_on:
            abandoned = self.outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)
            return Application.State.ABANDONED if abandoned else Application.State.REPLIED
        if self.correction_requested_on and not self.correction_received_on:
            return Application.State.AWAITING_CORRECTION
        if self.consultation_sent_on and not self.opinion_received_on:
            return Application.State.CONSULTING
        return Application.State.RECEIVED


class RowParser:
    """Turns the cells of one row into a LedgerRow, collecting (column, message) errors."""

    def __init__(self, cells: list[str], line: int = 0):
        self.cells = dict(zip(HEADERS, [*cells, *[""] * len(HEADERS)], strict=False))
        self.line = line
        self.errors: list[tuple[str, str]] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, message))

    def text(self, column: str, required: bool = False, max_length: int = 500) -> str:
        value = self.cells[column].strip()
        if required and not value:
            self.error(column, "不能为空")
        elif len(value) > max_length:
            self.error(column, f"不能超过{max_length}个字符")
        return value

    def day(self, column: str, required: bool = False) -> date | None:
        value = self.cells[column].strip()
        if not value:
            if required:
                self.error(column, "不能为空")
            return None
        try:
            if not DATE_PATTERN.match(value):
                raise ValueError
            return date.fromisoformat(value[:10])
        except ValueError:
            self.error(column, f"日期格式应为YYYY-MM-DD，实际为“{value[:20]}”")
            return None

    def choice(self, column: str, mapping: dict, required: bool = False, default: str = "") -> str:
        value = self.cells[column].strip()
        if not value:
            if required:
                self.error(column, "不能为空")
            return default
        if value not in mapping:
            self.error(column, f"“{value[:30]}”不是可用的值，应为：{'、'.join(mapping)}")
            return default
        return mapping[value]

    def parse(self) -> LedgerRow | None:
        extension = self._extension()
        amount = self._amount()
        row = LedgerRow(
            line=self.line,
            number=self.text("受理编号", max_length=40),
            applicant_type=self.choice("申请人类型", APPLICANT_TYPES, required=True),
            applicant_name=self.text("申请人", required=True, max_length=200),
            channel=self.choice("申请方式", CHANNELS, required=True),
            received_on=self.day("收到日期", required=True),  # type: ignore[arg-type]  # None only with an error: no row
            info_title=self.text("申请内容", max_length=500),
            correction_requested_on=self.day("补正告知日期"),
            correction_received_on=self.day("补正收到日期"),
            consultation_sent_on=self.day("征求意见日期"),
            opinion_received_on=self.day("意见收到日期"),
            extension_days=extension,
            concluded_on=self.day("答复日期"),
            outcome=self.choice("办理结果", OUTCOME_BY_LEDGER_LABEL),
            fee_amount=amount,
            review_on=self.day("行政复议日期"),
            review_result=self.choice("行政复议结果", APPEAL_RESULTS),
            litigation_on=self.day("行政诉讼日期"),
            litigation_kind=self.choice("行政诉讼类型", LITIGATION_KINDS),
            litigation_result=self.choice("行政诉讼结果", APPEAL_RESULTS),
        )
        if not self.errors:
            self._check_consistency(row)
        return None if self.errors else row

    def _extension(self) -> int:
        value = self.cells["延期工作日数"].strip()
        if not value:
            return 0
        if not value.isdigit() or not 0 <= int(value) <= MAX_EXTENSION_WORKDAYS:
            self.error("延期工作日数", f"应为0至{MAX_EXTENSION_WORKDAYS}的整数")
            return 0
        return int(value)

    def _amount(self) -> Decimal | None:
        value = self.cells["收费金额"].strip()
        if not value:
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            amount = Decimal(-1)
        if amount < 0 or amount != amount.quantize(Decimal("0.01")):
            self.error("收费金额", "应为不小于0的金额（元），最多两位小数")
            return None
        return amount

    def _check_consistency(self, row: LedgerRow) -> None:
        if bool(row.concluded_on) != bool(row.outcome):
            self.error("办理结果", "答复日期和办理结果应同时填写或同时留空")
        if row.correction_received_on and not row.correction_requested_on:
            self.error("补正收到日期", "没有补正告知日期")
        if row.opinion_received_on and not row.consultation_sent_on:
            self.error("意见收到日期", "没有征求意见日期")
        for column, later in (
            ("补正告知日期", row.correction_requested_on), ("征求意见日期", row.consultation_sent_on),
            ("答复日期", row.concluded_on),
        ):  # fmt: skip
            if later and later < row.received_on:
                self.error(column, "早于收到日期")
        # Without its request date the answer was reported above; comparing with None would crash the import.
        if (
            row.correction_requested_on
            and row.correction_received_on
            and row.correction_received_on < row.correction_requested_on
        ):
            self.error("补正收到日期", "早于补正告知日期")
        if row.consultation_sent_on and row.opinion_received_on and row.opinion_received_on < row.consultation_sent_on:
            self.error("意见收到日期", "早于征求意见日期")
        if row.review_result and not row.review_on:
            self.error("行政复议结果", "没有行政复议日期")
        if (row.litigation_kind or row.litigation_result) and not row.litigation_on:
            self.error("行政诉讼日期", "填写了行政诉讼类型或结果，但没有行政诉讼日期")
        if row.litigation_on and not row.litigation_kind:
            self.error("行政诉讼类型", "不能为空")
        row.review_result = row.review_result or (Appeal.Result.PENDING if row.review_on else "")
        row.litigation_result = row.litigation_result or (Appeal.Result.PENDING if row.litigation_on else "")
