"""A report's figures: computed while it is a draft, frozen once it is published.

A body's own report counts its records (`tables.own_figures`); a consolidated report sums the
reports it covers (`consolidation`). Both carry the year's statistics for the narrative and the
charts, and the years before for comparison.
"""

from catalog.workdays import WorkCalendar, current_calendar

from . import consolidation
from .consolidation import entered_for
from .models import AnnualReport, issuer_of
from .statistics import year_statistics, yearly_totals
from .tables import in_national_order, own_figures

HISTORY_YEARS = 5  # the year-over-year chart shows the report year and the four before it


def org_ids_for(report: AnnualReport) -> list[int]:
    if report.consolidated:
        return report.organization.descendant_ids()
    return [report.organization_id]


def compute_figures(report: AnnualReport, calendar: WorkCalendar | None = None) -> dict:
    """Everything the report shows: the tables, section 六's fees, the statistics, the years before."""
    ids = org_ids_for(report)
    calendar = calendar or current_calendar()
    by_year = {row["year"]: row for row in yearly_totals(ids)}
    history = [by_year.get(year, _empty_year(year)) for year in range(report.year - HISTORY_YEARS + 1, report.year + 1)]
    if report.consolidated:
        parts = consolidation.parts(report)
        counted = consolidation.summed(parts) | {"parts": [part.as_json() for part in parts]}
    else:
        counted = own_figures(ids, report.year, entered_for(report))
    statistics = year_statistics(ids, report.year, calendar).as_dict()
    return counted | {"statistics": statistics, "history": history, "issuer": issuer_of(report.organization)}


def _empty_year(year: int) -> dict:
    return {"year": year, "received": 0, "concluded": 0, "items": 0}


def figures(report: AnnualReport) -> dict:
    """The published snapshot, or the figures as the records stand now."""
    found = report.snapshot if report.is_published and report.snapshot else compute_figures(report)
    return found | {"tables": in_national_order(found["tables"])}


def previous_totals(figures_: dict, year: int) -> dict:
    for row in figures_["history"]:
        if row["year"] == year - 1:
            return row
    return _empty_year(year - 1)


def fee_figures(figures_: dict) -> dict:
    """Section 六's fee figures (a snapshot taken before they were counted has the fees collected only)."""
    return consolidation.snapshot_figures(figures_)["fees"]


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
    """For a consolidated report: each covered body's figures and where they come from, to trace the sums."""
    rows = []
    for part in consolidation.parts(report):
        tables = part.figures["tables"]
        section2, section3 = tables["section2"], tables["section3"]
        rows.append(
            {
                "organization": part.organization,
                "source": part.source_label,
                "published": part.is_published,
                "report": part.report,
                "new": section3["本年新收政府信息公开申请数量"]["总计"],
                "carried_in": section3["上年结转政府信息公开申请数量"]["总计"],
                "concluded": section3["总计"]["总计"],
                "carried_out": section3["结转下年度继续办理"]["总计"],
                "documents": sum(section2[kind]["本年制发件数"] for kind in ("规章", "行政规范性文件")),
                "licensing": section2["行政许可"]["本年处理决定数量"],
                "penalty": section2["行政处罚"]["本年处理决定数量"],
                "enforcement": section2["行政强制"]["本年处理决定数量"],
                "fees_wan": section2["行政事业性收费"]["本年收费金额（单位：万元）"],
                "appeals": sum(row["总计"] for row in tables["section4"].values()),
                "fees_yuan": tables["fees_yuan"],
            }
        )
    return rows
