"""A report's figures: computed from the records while it is a draft, frozen once it is published."""

from catalog.workdays import WorkCalendar, current_calendar

from .models import AnnualReport
from .statistics import year_statistics, yearly_totals
from .tables import Entered, build_tables

HISTORY_YEARS = 5  # the year-over-year chart shows the report year and the four before it


def org_ids_for(report: AnnualReport) -> list[int]:
    if report.consolidated:
        return report.organization.descendant_ids()
    return [report.organization_id]


def entered_for(report: AnnualReport) -> Entered:
    return Entered(
        licensing=report.licensing_decisions,
        penalty=report.penalty_decisions,
        enforcement=report.enforcement_decisions,
        fees_wan=float(report.admin_fees_wan or 0),
    )


def compute_figures(report: AnnualReport, calendar: WorkCalendar | None = None) -> dict:
    """Everything the report shows: the tables, the statistics, the years before (for comparison)."""
    ids = org_ids_for(report)
    calendar = calendar or current_calendar()
    by_year = {row["year"]: row for row in yearly_totals(ids)}
    history = [by_year.get(year, _empty_year(year)) for year in range(report.year - HISTORY_YEARS + 1, report.year + 1)]
    return {
        "tables": build_tables(ids, report.year, entered_for(report)),
        "statistics": year_statistics(ids, report.year, calendar).as_dict(),
        "history": history,
    }


def _empty_year(year: int) -> dict:
    return {"year": year, "received": 0, "concluded": 0, "items": 0}


def figures(report: AnnualReport) -> dict:
    """The published snapshot, or the figures as the records stand now."""
    if report.is_published and report.snapshot:
        return report.snapshot
    return compute_figures(report)


def previous_totals(figures_: dict, year: int) -> dict:
    for row in figures_["history"]:
        if row["year"] == year - 1:
            return row
    return _empty_year(year - 1)


def report_json(report: AnnualReport, figures_: dict | None = None) -> dict:
    """The fixed JSON interface (issue 6): header keys, then the tables."""
    tables = (figures_ or figures(report))["tables"]
    return {
        "organization": report.organization.code,
        "year": report.year,
        "consolidated": report.consolidated,
        **tables,
    }


def breakdown(report: AnnualReport) -> list[dict]:
    """For a consolidated report: each organization's own main figures, for staff to trace the sums."""
    from catalog.models import Organization

    rows = []
    organizations = Organization.objects.filter(pk__in=org_ids_for(report)).order_by("parent_id", "sort_order", "pk")
    for organization in organizations:
        tables = build_tables([organization.pk], report.year)
        section3, section4 = tables["section3"], tables["section4"]
        rows.append(
            {
                "organization": organization,
                "new": section3["本年新收政府信息公开申请数量"]["总计"],
                "carried_in": section3["上年结转政府信息公开申请数量"]["总计"],
                "concluded": section3["总计"]["总计"],
                "carried_out": section3["结转下年度继续办理"]["总计"],
                "documents": sum(tables["section2"][kind]["本年制发件数"] for kind in ("规章", "行政规范性文件")),
                "appeals": sum(row["总计"] for row in section4.values()),
                "fees_yuan": tables["fees_yuan"],
            }
        )
    return rows
