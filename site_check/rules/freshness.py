"""Is the site alive: the home page's last update and every column's against its cadence; empty columns."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Category, Item
from feedback.models import months_after

from ..lines import Line, by_deadline

# 检查指标: a home page, or a 动态/要闻 column, not updated for more than two weeks fails the site outright.
HOME_PAGE_DAYS = 14


@dataclass(frozen=True)
class Cadence:
    """How often a column must get a new item: days and months after the last one."""

    days: int = 0
    months: int = 0

    def due(self, last: date) -> date:
        return months_after(last, self.months) + timedelta(days=self.days)

    def __str__(self) -> str:
        if self.months:
            return _("%(count)s 个月") % {"count": self.months}
        if self.days % 7 == 0:
            return _("%(count)s 周") % {"count": self.days // 7}
        return _("%(count)s 天") % {"count": self.days}


TWO_WEEKS = Cadence(days=HOME_PAGE_DAYS)
SIX_MONTHS = Cadence(months=6)
# Columns the indicators name, recognised by their name (offices call them 工作动态, 部门动态, 要闻, …).
CADENCE_BY_NAME = ((("动态", "要闻"), TWO_WEEKS), (("通知公告", "政策文件", "规范性文件"), SIX_MONTHS))


def cadence_of(category: Category) -> Cadence | None:
    """The cadence staff set on the column, else the indicators' one for its kind, else None (not checked)."""
    if category.update_every_days:
        return Cadence(days=category.update_every_days)
    for words, cadence in CADENCE_BY_NAME:
        if any(word in category.name for word in words):
            return cadence
    return None


def last_published(organization_ids: list[int]) -> date | None:
    published = Item.objects.published().filter(organization_id__in=organization_ids)
    return published.aggregate(last=Max("published_on"))["last"]


def home_page_line(organization_ids: list[int], today: date) -> Line:
    """Days since the organization's pages (its items and its descendants') last got a new item."""
    subject = _("首页更新")
    url = reverse("catalog:item_list") + f"?organization={organization_ids[0]}"
    last = last_published(organization_ids)
    if last is None:
        return Line("home", subject, _("从未发布过信息"), failed=True, url=url)
    detail = _("最后发布于 %(day)s，距今 %(days)s 天；超过 2 周未更新即不合格") % {
        "day": last.isoformat(),
        "days": (today - last).days,
    }
    return by_deadline("home", subject, detail, TWO_WEEKS.due(last), today, url)


def _column_figures(organization_ids: list[int]) -> dict[int, tuple[date, int]]:
    rows = (
        Item.objects.published()
        .filter(organization_id__in=organization_ids)
        .values("category_id")
        .annotate(last=Max("published_on"), count=Count("pk"))
        .order_by()
    )
    return {row["category_id"]: (row["last"], row["count"]) for row in rows}


def _with_descendants(categories: list[Category], own: dict[int, tuple[date, int]]) -> dict[int, tuple[date, int]]:
    """A column shows its sub-columns' items too: each category's newest day and count over its subtree."""
    children: dict[int | None, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.pk)

    def total(pk: int) -> tuple[date | None, int]:
        last, count = own.get(pk, (None, 0))
        for child in children.get(pk, []):
            child_last, child_count = total(child)
            last = max(filter(None, (last, child_last)), default=None)
            count += child_count
        return last, count

    return {category.pk: total(category.pk) for category in categories}


def column_lines(organization_ids: list[int], today: date) -> list[Line]:
    """Every column: empty ones fail; those with a cadence say how long until they are stale."""
    categories = list(Category.objects.select_related("parent"))
    figures = _with_descendants(categories, _column_figures(organization_ids))
    return [_column_line(category, *figures[category.pk], organization_ids[0], today) for category in categories]


def _column_line(category: Category, last: date | None, count: int, organization_id: int, today: date) -> Line:
    subject = _("栏目：%(name)s") % {"name": category.path_name}
    url = reverse("catalog:item_list") + f"?organization={organization_id}&category={category.pk}"
    if not count:
        return Line("empty_column", subject, _("栏目中没有已发布的信息（空白栏目）"), failed=True, url=url)
    cadence = cadence_of(category)
    if cadence is None:
        detail = _("最后发布于 %(day)s，共 %(count)s 条；未设定更新周期") % {"day": last.isoformat(), "count": count}
        return Line("column", subject, detail, url=url)
    detail = _("最后发布于 %(day)s，共 %(count)s 条；应每 %(cadence)s更新") % {
        "day": last.isoformat(),
        "count": count,
        "cadence": cadence,
    }
    return by_deadline("column", subject, detail, cadence.due(last), today, url)
