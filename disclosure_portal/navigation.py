"""The portal's menu and each column's own links: one list read by the header, the HTML site map and the tests."""

from dataclasses import dataclass, field, replace
from functools import cache

from django.urls import get_script_prefix, reverse_lazy
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    label: str | Promise
    url: str | Promise
    description: str | Promise = ""
    children: tuple["Entry", ...] = field(default_factory=tuple)
    short: str | Promise = ""  # the label on a phone's menu, where the long ones take four lines

    def holds(self, path: str) -> bool:
        """Whether a page at `path` belongs to this column (the home page only to itself)."""
        url = str(self.url)
        return path == url if url == "/" else path.startswith(url) or any(child.holds(path) for child in self.children)


STATISTICS = Entry(
    _("统计数据"), reverse_lazy("annual_reports:statistics"), _("依申请公开办理情况和主动公开情况的统计。")
)

MENU = (
    Entry(_("首页"), "/"),
    Entry(
        _("政府信息公开指南"),
        reverse_lazy("catalog:guide"),
        _("各机关政府信息公开的范围、方式和程序。"),
        short=_("公开指南"),
    ),
    Entry(
        _("政府信息公开目录"),
        reverse_lazy("catalog:item_list"),
        _("按信息分类、发布机构浏览和检索主动公开的政府信息。"),
        short=_("公开目录"),
    ),
    Entry(
        _("依申请公开"),
        reverse_lazy("applications:index"),
        _("在线提交政府信息公开申请，查询办理进度。"),
        children=(
            Entry(_("在线申请"), reverse_lazy("applications:index")),
            Entry(_("办理进度查询"), reverse_lazy("applications:lookup")),
            STATISTICS,
        ),
    ),
    Entry(
        _("政府信息公开年报"),
        reverse_lazy("annual_reports:index"),
        _("各机关政府信息公开工作年度报告。"),
        children=(Entry(_("年度报告"), reverse_lazy("annual_reports:index")), STATISTICS),
        short=_("公开年报"),
    ),
    STATISTICS,
    Entry(
        _("信息公开意见箱"),
        reverse_lazy("feedback:index"),
        _("对政府信息公开工作提出意见建议，查看答复。"),
        short=_("意见箱"),
    ),
)


def menu() -> tuple[Entry, ...]:
    """MENU with its URLs reversed and its words translated: once per process, script prefix and language, not
    a dozen times on every page (the header compares its entries, which compares every lazy string in them)."""
    return _resolved_menu(get_script_prefix(), get_language())


@cache
def _resolved_menu(script_prefix: str, language: str | None) -> tuple[Entry, ...]:
    return tuple(_resolved(entry) for entry in MENU)


def _resolved(entry: Entry) -> Entry:
    return replace(
        entry,
        label=str(entry.label),
        url=str(entry.url),
        description=str(entry.description),
        children=tuple(_resolved(child) for child in entry.children),
        short=str(entry.short),
    )


def current_entry(path: str) -> Entry | None:
    """The menu entry of the page at `path`: the most specific one that holds it."""
    holding = [entry for entry in menu() if entry.holds(path)]
    return max(holding, key=lambda entry: len(str(entry.url)), default=None)
