"""The public statistics (the figures of /reports/statistics/) as data, and as rows for a CSV file."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from annual_reports.statistics import YearStatistics, year_statistics, yearly_totals
from catalog.models import Organization


@dataclass
class Scope:
    organization: Organization | None
    year: int
    totals: list[dict]
    figures: YearStatistics


def scope(organization: Organization | None, year: int | None) -> Scope:
    """The portal's (or an organization's with its descendants) yearly totals and one year's figures;
    without a year, the latest year with data up to this one."""
    ids = organization.descendant_ids() if organization else list(Organization.objects.values_list("pk", flat=True))
    totals = yearly_totals(ids)
    this_year = timezone.localdate().year
    if year is None:
        years = [row["year"] for row in totals if row["year"] <= this_year]
        year = years[-1] if years else this_year - 1
    return Scope(organization, year, totals, year_statistics(ids, year))


def as_data(found: Scope) -> dict:
    organization = found.organization
    return {
        "organization": None if organization is None else {"id": organization.pk, "name": organization.name},
        "year": found.year,
        "yearly_totals": found.totals,
        "figures": found.figures.as_dict(),
    }


def _breakdown(year: int, label: str, values: dict) -> Iterator[list]:
    for part, value in values.items():
        yield [year, label, part, value]


def _months(year: int, label: str, values: list[int]) -> Iterator[list]:
    yield from _breakdown(year, label, {_("%(month)s月") % {"month": month}: n for month, n in enumerate(values, 1)})


def csv_rows(found: Scope) -> Iterator[list]:
    """年份, 指标, 分项, 数值: every year's totals, then the chosen year's figures in detail."""
    yield [_("年份"), _("指标"), _("分项"), _("数值")]
    total = _("合计")
    for row in found.totals:
        yield [row["year"], _("收到申请"), total, row["received"]]
        yield [row["year"], _("办结申请"), total, row["concluded"]]
        yield [row["year"], _("主动公开信息"), total, row["items"]]
    figures, year = found.figures, found.year
    yield from _breakdown(year, _("收到申请（按申请方式）"), figures.received_by_channel)
    yield from _months(year, _("收到申请（按月份）"), figures.received_by_month)
    yield from _months(year, _("办结申请（按月份）"), figures.concluded_by_month)
    yield from _breakdown(year, _("办结申请（按办理结果）"), figures.outcomes_by_group)
    yield [year, _("按时答复率（%）"), total, figures.on_time_rate]
    yield [year, _("答复用时中位数（工作日）"), total, figures.median_workdays]
    yield from _breakdown(year, _("主动公开信息（按信息分类）"), figures.items_by_category)
    yield [year, _("按时公开比例（%）"), total, figures.items_on_time_share]
