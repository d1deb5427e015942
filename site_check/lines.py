"""One line of the self-check: what is checked, how far from failing it is, in plain Chinese."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A line this close to its limit (days, or working days for Art. 26) is "close": it goes into the weekly digest.
CLOSE_DAYS = 7
CLOSE_WORKDAYS = 5

OK, CLOSE, FAILED = "ok", "close", "failed"
STATE_NAMES = {OK: gettext_lazy("正常"), CLOSE: gettext_lazy("即将不合格"), FAILED: gettext_lazy("不合格")}


@dataclass(frozen=True)
class Line:
    indicator: str  # home, column, empty_column, late_item, message, broken_link, missing_attachment, annual_report
    subject: str  # what the line is about: a column's name, an item's title, a report
    detail: str  # the facts behind it, e.g. 最后发布 2026-03-01
    # Days (or working days) left before the line fails; negative: failed by that many. None: no deadline.
    margin: int | None = None
    failed: bool = False
    workdays: bool = False
    url: str = ""
    due: date | None = field(default=None, compare=False)

    @property
    def state(self) -> str:
        if self.failed:
            return FAILED
        if self.margin is not None and self.margin <= (CLOSE_WORKDAYS if self.workdays else CLOSE_DAYS):
            return CLOSE
        return OK

    @property
    def state_name(self) -> str:
        return str(STATE_NAMES[self.state])

    @property
    def sentence(self) -> str:
        """还有 3 天 / 今天是最后一天 / 已超过 2 天 (working days for Art. 26)."""
        if self.margin is None:
            return _("不合格") if self.failed else _("合格")
        unit = _("个工作日") if self.workdays else _("天")
        if self.margin > 0:
            return _("还有 %(count)s %(unit)s") % {"count": self.margin, "unit": unit}
        if self.margin == 0 and not self.failed:
            return _("今天是最后一天")
        return _("已超过 %(count)s %(unit)s") % {"count": max(1, -self.margin), "unit": unit}

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "subject": self.subject,
            "detail": self.detail,
            "state": self.state,
            "margin": self.margin,
            "unit": "workdays" if self.workdays else "days",
            "due": self.due.isoformat() if self.due else None,
            "sentence": self.sentence,
            "url": self.url,
        }


def by_deadline(indicator: str, subject: str, detail: str, due: date, today: date, url: str = "") -> Line:
    """A line that fails the day after `due`: `due` itself is still in time."""
    margin = (due - today).days
    return Line(indicator, subject, detail, margin=margin, failed=today > due, url=url, due=due)
