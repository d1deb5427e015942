"""The report's write operations: generate a draft, save it, refresh its figures, publish, correct.

Each one locks the report's row, checks the transitions table (`workflow.require`) on that fresh
row, and records who did it (`ReportEvent`). Publishing freezes the figures in a snapshot, creates (or, for
a correction, updates) the catalog item in the 年度报告 category, in one transaction, and asks for every
format to be rendered once by a background task (`stored.request_files`), which attaches the PDF to the item.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Category, Item
from catalog.transitions import NotAllowedNow

from . import permissions
from .figures import compute_figures
from .models import NARRATIVE_FIELDS, TYPED_FIGURES, AnnualReport, ReportEvent
from .narrative import (
    facts_for,
    figure_sentences,
    last_year_problems,
    other_matters_draft,
    overview_draft,
    problems_draft,
    refresh_sentences,
)
from .publication_gate import has_errors, run_checks
from .stored import request_files
from .workflow import require

ANNUAL_REPORT_CATEGORY = "annual-report"


class ReportNotReady(ValidationError):
    """Publication refused: the gate found errors."""


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)


def _record(report: AnnualReport, kind: str, by, note: str = "") -> None:
    ReportEvent.objects.create(report=report, kind=kind, by=by, note=note)


def draft_narrative(report: AnnualReport, figures: dict) -> None:
    """Fill the three narrative sections with drafts built from the figures (staff edit them)."""
    sentences = figure_sentences(facts_for(report, figures))
    report.overview = overview_draft(sentences)
    report.problems = problems_draft(sentences, _last_year_problems(report))
    report.other_matters = other_matters_draft(sentences)
    report.narrative_sentences = sentences


def _last_year_problems(report: AnnualReport) -> list[str]:
    last_year = (
        AnnualReport.objects.published()
        .filter(organization_id=report.organization_id, year=report.year - 1, consolidated=report.consolidated)
        .order_by("-version")
        .first()
    )
    return last_year_problems(last_year.problems) if last_year else []


@transaction.atomic
def generate_report(organization, year: int, by=None, consolidated: bool = False) -> AnnualReport:
    """The organization's draft for the year: the open draft if there is one, else a new one pre-filled."""
    if by is not None and not permissions.can_generate(by, organization.pk):
        raise NotAllowedNow(_("您只能为本机关生成年度报告。"))
    latest = (
        AnnualReport.objects.select_for_update()
        .filter(organization=organization, year=year, consolidated=consolidated)
        .order_by("-version")
        .first()
    )
    if latest is not None and not latest.is_published:
        return latest
    if latest is not None:
        raise ValidationError(_("该年度报告已经发布；如需修改，请发布更正版本。"))
    report = AnnualReport(organization=organization, year=year, consolidated=consolidated, created_by=by)
    figures = compute_figures(report)
    draft_narrative(report, figures)
    report.draft_figures = figures["tables"]
    report.save()
    _record(report, ReportEvent.Kind.GENERATED, by)
    return report


@transaction.atomic
def save_draft(report: AnnualReport, by=None, changed: bool = True, confirm_narrative: bool = False) -> AnnualReport:
    """Store staff edits (narrative already sanitised by the form); `confirm_narrative`: staff checked the
    narrative's figures against the tables, so the sentences the figures now give become the kept ones."""
    require("save", _locked(report), by)
    if confirm_narrative:
        report.narrative_sentences = figure_sentences(facts_for(report, compute_figures(report)))
    if changed and by is not None:
        report.last_edited_by = by
    report.save()
    if changed or confirm_narrative:
        note = _("已核对叙述中的数据与统计表一致。") if confirm_narrative else ""
        _record(report, ReportEvent.Kind.SAVED, by, note)
    return report


@transaction.atomic
def refresh_figures(report: AnnualReport, by=None) -> AnnualReport:
    """Take the current figures as the draft's; rewrite the narrative's figure sentences staff left as drafted."""
    report = _locked(report)
    require("refresh", report, by)
    figures = compute_figures(report)
    texts, report.narrative_sentences = refresh_sentences(
        {name: getattr(report, name) for name in NARRATIVE_FIELDS},
        report.narrative_sentences or {},
        figure_sentences(facts_for(report, figures)),
    )
    for name, text in texts.items():
        setattr(report, name, text)
    report.draft_figures = figures["tables"]
    report.save()
    _record(report, ReportEvent.Kind.REFRESHED, by)
    return report


@transaction.atomic
def publish_report(report: AnnualReport, by=None, today: date | None = None) -> AnnualReport:
    """Pass the gate, freeze the figures, put the report into the catalog's 年度报告, ask for its files."""
    report = _locked(report)
    require("publish", report, by)
    today = today or timezone.localdate()
    figures = compute_figures(report)
    findings = run_checks(report, figures, today)
    if has_errors(findings):
        raise ReportNotReady([finding.message for finding in findings if finding.is_error])
    report.snapshot, report.draft_figures = figures, figures["tables"]
    report.state, report.published_on = AnnualReport.State.PUBLISHED, today
    report.published_at, report.published_by = timezone.now(), by
    report.save()
    report.catalog_item = _put_in_catalog(report, by)
    report.save(update_fields=["catalog_item", "updated_at"])
    request_files(report)
    _record(report, ReportEvent.Kind.PUBLISHED, by, _publication_note(report, by, findings))
    return report


def _publication_note(report: AnnualReport, by, findings: list) -> str:
    notes = [_("发布时的提示：%(message)s") % {"message": finding.message} for finding in findings]
    if not report.organization.requires_four_eyes:
        author = permissions.drafted_by(report)
        same = by is not None and author is not None and author.pk == by.pk
        notes.append(_("本机关未启用双人审核，发布人即最后修改人。") if same else _("本机关未启用双人审核。"))
    return "\n".join(notes)


def _put_in_catalog(report: AnnualReport, by) -> Item:
    """The catalog item carries the report's 发布日期 (and, once rendered, its PDF).

    The report passed its own review (the gate and four eyes above), so the item is created and
    published as a system step, then marked with the report's reviewer.
    """
    from catalog.services import publish_item, save_item

    item = report.previous.catalog_item if report.previous_id else None
    if item is None:
        item = Item(
            organization=report.organization,
            category=Category.objects.get(slug=ANNUAL_REPORT_CATEGORY),
            written_on=report.published_on,
        )
    item.title = report.title
    item.summary = _("%(title)s，含主动公开、依申请公开、行政复议和行政诉讼等情况的统计表。") % {"title": report.title}
    if report.version > 1:
        item.summary += _("本版为第%(version)d版（更正版），原版本仍可查阅。") % {"version": report.version}
    item.body = f'<p><a href="{report.get_absolute_url()}">{_("在线阅读年度报告全文")}</a></p>'
    item = save_item(item, None)
    if not item.is_published:
        item = publish_item(item, None, published_on=report.published_on)
    Item.objects.filter(pk=item.pk).update(reviewed_by=by, created_by=item.created_by or report.created_by)
    return item


@transaction.atomic
def start_correction(report: AnnualReport, by=None, note: str = "") -> AnnualReport:
    """A new draft version of a published report, with its text and typed figures to correct."""
    report = _locked(report)
    require("correct", report, by)
    existing = AnnualReport.objects.filter(previous=report).first()
    if existing is not None:
        return existing
    latest = AnnualReport.objects.filter(
        organization=report.organization, year=report.year, consolidated=report.consolidated
    ).aggregate(v=Max("version"))["v"]
    if latest != report.version:
        raise NotAllowedNow(_("只能更正最新的版本。"))
    copied = {name: getattr(report, name) for name in (*NARRATIVE_FIELDS, *TYPED_FIGURES, "children_waiver")}
    correction = AnnualReport.objects.create(
        organization=report.organization,
        year=report.year,
        consolidated=report.consolidated,
        version=report.version + 1,
        previous=report,
        correction_note=note,
        created_by=by,
        draft_figures=compute_figures(report)["tables"],
        narrative_sentences=report.narrative_sentences,
        **copied,
    )
    _record(report, ReportEvent.Kind.CORRECTED, by)
    _record(correction, ReportEvent.Kind.GENERATED, by, _("第%(version)d版（更正）") % {"version": correction.version})
    return correction
