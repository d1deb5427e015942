"""The ledger's columns and the texts of its coded values."""

from ..models import Appeal, ApplicantType, Channel

HEADERS = (
    "受理编号", "申请人类型", "申请人", "申请方式", "收到日期", "申请内容", "补正告知日期", "补正收到日期",
    "征求意见日期", "意见收到日期", "延期工作日数", "答复期限", "答复日期", "办理结果", "收费金额",
    "行政复议日期", "行政复议结果", "行政诉讼日期", "行政诉讼类型", "行政诉讼结果",
)  # fmt: skip

APPLICANT_TYPES = {str(label): value for value, label in ApplicantType.choices}
CHANNELS = {str(label): value for value, label in Channel.choices}
APPEAL_RESULTS = {str(label): value for value, label in Appeal.Result.choices}
LITIGATION_KINDS = {
    str(Appeal.Kind.LITIGATION_DIRECT.label): Appeal.Kind.LITIGATION_DIRECT,
    str(Appeal.Kind.LITIGATION_AFTER_REVIEW.label): Appeal.Kind.LITIGATION_AFTER_REVIEW,
}


def label_of(mapping: dict, value: str) -> str:
    return next((label for label, code in mapping.items() if code == value), "")
