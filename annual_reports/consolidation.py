"""A consolidated report (汇总) is the cell-wise sum of the reports it covers, never a second count.

It covers the organization's own report and the report of every organization below it, at any
depth. Each part is taken from that body's latest published version (its frozen snapshot) when
there is one, else from its current draft (figures as the records stand, with the figures its
staff typed), else, for a body with no report at all, from the records with nothing typed. Staff
see the parts and which ones are not published; the publication gate asks for all published or a
written reason.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.models import Organization

from .models import AnnualReport
from .tables import Entered, add_tables, own_figures

PUBLISHED, DRAFT, MISSING = "published", "draft", "missing"
SOURCE_LABELS = {PUBLISHED: _("已发布"), DRAFT: _("草稿（未发布）"), MISSING: _("未生成报告")}


@dataclass
class Part:
    organization: Organization
    source: str
    report: AnnualReport | None
    figures: dict  # {"tables": ..., "fees": ...}

    @property
    def source_label(self) -> str:
        label = str(SOURCE_LABELS[self.source])
        if self.source == PUBLISHED and self.report.version > 1:
            return f"{label}（第{self.report.version}版）"
        return label

    @property
    def is_published(self) -> bool:
        return self.source == PUBLISHED

    def as_json(self) -> dict:
        return {
            "organization": self.organization.code,
            "name": self.organization.name,
            "source": self.source,
            "report": self.report.pk if self.report else None,
            "version": self.report.version if self.report else None,
        }


def entered_for(report: AnnualReport) -> Entered:
    fees = report.admin_fees_wan
    return Entered(
        licensing=report.licensing_decisions,
        penalty=report.penalty_decisions,
        enforcement=report.enforcement_decisions,
        fees_wan=None if fees is None else float(fees),
    )


def snapshot_figures(snapshot: dict) -> dict:
    """The tables and fees of a published snapshot (reports published before fee notices were counted had none)."""
    fees = snapshot.get("fees") or {
        "notices": 0,
        "notice_amount_yuan": 0.0,
        "collected_yuan": snapshot["tables"]["fees_yuan"],
    }
    return {"tables": snapshot["tables"], "fees": fees}


def in_tree_order(root: Organization) -> list[Organization]:
    """The organization and every one below it, each followed by its own subtree (as the breakdown lists them)."""
    children: dict[int | None, list[Organization]] = {}
    for organization in Organization.objects.filter(pk__in=root.descendant_ids()).order_by("sort_order", "pk"):
        children.setdefault(organization.parent_id, []).append(organization)
    ordered, stack = [], [root]
    while stack:
        organization = stack.pop()
        ordered.append(organization)
        stack.extend(reversed(children.get(organization.pk, [])))
    return ordered


def parts(report: AnnualReport) -> list[Part]:
    organizations = in_tree_order(report.organization)
    own_reports = AnnualReport.objects.filter(
        organization__in=organizations, year=report.year, consolidated=False
    ).order_by("-version")
    published, drafts = {}, {}
    for candidate in own_reports:
        found = published if candidate.is_published else drafts
        found.setdefault(candidate.organization_id, candidate)
    return [_part(organization, published, drafts, report.year) for organization in organizations]


def _part(organization: Organization, published: dict, drafts: dict, year: int) -> Part:
    report = published.get(organization.pk)
    if report is not None and report.snapshot:
        return Part(organization, PUBLISHED, report, snapshot_figures(report.snapshot))
    report = report or drafts.get(organization.pk)
    if report is not None:
        return Part(organization, DRAFT if not report.is_published else PUBLISHED, report, _live(report))
    return Part(organization, MISSING, None, own_figures([organization.pk], year))


def _live(report: AnnualReport) -> dict:
    return own_figures([report.organization_id], report.year, entered_for(report))


def summed(report_parts: list[Part]) -> dict:
    """{"tables": ..., "fees": ...}: the cell-wise sum of the parts."""
    total = report_parts[0].figures
    for part in report_parts[1:]:
        total = add_tables(total, part.figures)
    return total
