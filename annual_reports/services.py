"""The report's write operations: generate a draft, refresh its figures, publish, correct.

Publishing freezes the figures in a snapshot, renders the PDF and creates (or, for a correction,
updates) the catalog item in the 年度报告 category with the PDF attached, in one transaction.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import permissions
from catalog.models import Category, Item, Membership

from .checks import has_errors, run_checks
from .exports import export
from .figures import compute_figures, previous_totals
from .models import AnnualReport
from .narrative import other_matters_draft, overview_draft, problems_draft
from .statistics import YearStatistics

ANNUAL_REPORT_CATEGORY = "annual-report"


class ReportNotReady(ValidationError):
    """Publication refused: the checks found errors."""


def can_edit(user, report: AnnualReport) -> bool:
    return not report.is_published and permissions.is_member(user, report.organization_id)


def can_publish(user, report: AnnualReport) -> bool:
    """Publishing is a reviewer's act (审核人), as for catalog items."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, organization_id=report.organization_id, role=Membership.Role.REVIEWER
    ).exists()


def draft_narrative(report: AnnualReport, figures: dict, overdue_open: int = 0) -> None:
    """Fill the three narrative sections with drafts built from the figures (staff edit them)."""
    stats = YearStatistics(**figures["statistics"])
    report.overview = overview_draft(stats, previous_totals(figures, report.year))
    report.problems = problems_draft(stats, overdue_open)
    report.other_matters = other_matters_draft(figures["tables"]["fees_yuan"])


@transaction.atomic
def generate_report(organization, year: int, by=None, consolidated: bool = False) -> AnnualReport:
    """The organization's draft for the year: the open draft if there is one, else a new one pre-filled."""
    if by is not None and not permissions.is_member(by, organization.pk):
        raise PermissionDenied(_("您只能为本机关生成年度报告。"))
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
    return report


@transaction.atomic
def save_draft(report: AnnualReport, by=None) -> AnnualReport:
    """Store staff edits (narrative already sanitised by the form) and the figures they were made against."""
    if by is not None and not can_edit(by, report):
        raise PermissionDenied(_("您无权修改这份年度报告。"))
    if report.is_published:
        raise ValidationError(_("已发布的年度报告不能修改；如需修改，请发布更正版本。"))
    report.save()
    return report


@transaction.atomic
def refresh_figures(report: AnnualReport, by=None) -> AnnualReport:
    """Acknowledge the current figures as the draft's (clears the 'figures changed' warning)."""
    if by is not None and not can_edit(by, report):
        raise PermissionDenied(_("您无权修改这份年度报告。"))
    report.draft_figures = compute_figures(report)["tables"]
    report.save(update_fields=["draft_figures", "updated_at"])
    return report


@transaction.atomic
def publish_report(report: AnnualReport, by=None, today: date | None = None) -> AnnualReport:
    """Freeze the figures, render the PDF and put the report into the catalog's 年度报告."""
    report = AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
    if by is not None and not can_publish(by, report):
        raise PermissionDenied(_("只有本机关的审核人或系统管理员可以发布年度报告。"))
    if report.is_published:
        raise ValidationError(_("这份年度报告已经发布。"))
    today = today or timezone.localdate()
    figures = compute_figures(report)
    findings = run_checks(report, figures, today)
    if has_errors(findings):
        raise ReportNotReady([finding.message for finding in findings if finding.is_error])
    report.snapshot, report.draft_figures = figures, figures["tables"]
    report.state, report.published_at, report.published_by = AnnualReport.State.PUBLISHED, timezone.now(), by
    pdf = export(report, "pdf", figures)
    report.pdf.save(pdf.filename, ContentFile(pdf.content), save=False)
    report.catalog_item = _put_in_catalog(report, pdf.filename, pdf.content, by, today)
    report.save()
    return report


def _put_in_catalog(report: AnnualReport, filename: str, content: bytes, by, today: date) -> Item:
    from catalog.services import add_attachment, publish_item, save_item

    item = report.previous.catalog_item if report.previous_id else None
    if item is None:
        item = Item(
            organization=report.organization,
            category=Category.objects.get(slug=ANNUAL_REPORT_CATEGORY),
            written_on=today,
        )
    item.title = report.title
    item.summary = _("%(title)s，含主动公开、依申请公开、行政复议和行政诉讼等情况的统计表。") % {"title": report.title}
    if report.version > 1:
        item.summary += _("本版为第%(version)d版（更正版），原版本仍可查阅。") % {"version": report.version}
    item.body = f'<p><a href="{report.get_absolute_url()}">{_("在线阅读年度报告全文")}</a></p>'
    item = save_item(item, by)
    upload = SimpleUploadedFile(filename, content, content_type="application/pdf")
    # The newest version's PDF comes first; the older ones stay attached (a correction keeps the old visible).
    add_attachment(item, upload, by, sort_order=max(0, 100 - report.version))
    if not item.is_published:
        # The report itself was reviewed (four eyes at the report's level): the catalog entry is its record.
        item = publish_item(item, None, published_on=today)
    return item


@transaction.atomic
def start_correction(report: AnnualReport, by=None, note: str = "") -> AnnualReport:
    """A new draft version of a published report, with its text and entered figures to correct."""
    if by is not None and not permissions.is_member(by, report.organization_id):
        raise PermissionDenied(_("您无权更正这份年度报告。"))
    if not report.is_published:
        raise ValidationError(_("只有已发布的年度报告可以更正。"))
    existing = AnnualReport.objects.filter(previous=report).first()
    if existing is not None:
        return existing
    latest = AnnualReport.objects.filter(
        organization=report.organization, year=report.year, consolidated=report.consolidated
    ).aggregate(v=Max("version"))["v"]
    if latest != report.version:
        raise ValidationError(_("只能更正最新的版本。"))
    copied = {
        name: getattr(report, name)
        for name in (
            "overview",
            "problems",
            "other_matters",
            "licensing_decisions",
            "penalty_decisions",
            "enforcement_decisions",
            "admin_fees_wan",
        )
    }
    correction = AnnualReport.objects.create(
        organization=report.organization,
        year=report.year,
        consolidated=report.consolidated,
        version=report.version + 1,
        previous=report,
        correction_note=note,
        created_by=by,
        draft_figures=compute_figures(report)["tables"],
        **copied,
    )
    return correction
