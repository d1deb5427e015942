"""Every format of a published report, rendered once and stored: a download only reads a file.

Rendering the five formats takes 8-19 s, so publication only asks for them (`request_files`): a background
task (annual_reports.tasks.render_files) renders them, stores the whole set in one transaction, attaches the
PDF to the report's catalog item and marks the report `files_ready_at`. Until then the report's page says the
files are 生成中, never showing some of them. The task is safe to run twice (a set already stored is left
alone). A report whose files were never asked for (published before they were stored), or whose task was
lost, is asked again by a visit after RENDER_AGAIN_AFTER. Drafts are never stored: staff download them
rendered from the records.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .exports import STORED_FORMATS, export
from .figures import figures as report_figures
from .models import AnnualReport, ReportFile

RENDER_AGAIN_AFTER = timedelta(minutes=10)


def request_files(report: AnnualReport) -> bool:
    """Queue the rendering once the caller's transaction commits, unless it was asked for lately; True when
    queued. The conditional update lets one of many concurrent visitors queue it."""
    from .tasks import render_files  # the task module imports this one

    now = timezone.now()
    lately = Q(files_requested_at__gt=now - RENDER_AGAIN_AFTER)
    pending = AnnualReport.objects.filter(pk=report.pk, files_ready_at__isnull=True).exclude(lately)
    if not pending.update(files_requested_at=now):
        return False
    transaction.on_commit(lambda: render_files.enqueue(report.pk))
    return True


def ready_file(report: AnnualReport, fmt: str) -> ReportFile | None:
    """The stored file, or None while the set is 生成中 (asked for again when it seems lost)."""
    if report.files_ready_at is None and request_files(report):
        report.refresh_from_db(fields=["files_ready_at"])  # the immediate backend has rendered them by now
    if report.files_ready_at is None:
        return None
    return ReportFile.objects.filter(report=report, fmt=fmt).first()


def stored_file(report: AnnualReport, fmt: str) -> ReportFile:
    """The stored file, rendered here and now if the set is not ready (for commands, never for a request)."""
    render_files(report.pk)
    return ReportFile.objects.get(report=report, fmt=fmt)


def render_files(report_id: int) -> None:
    """Render and store the formats not stored yet, then, all at once, mark the set ready."""
    report = AnnualReport.objects.select_related("organization").filter(pk=report_id).first()
    if report is None or not report.is_published or report.files_ready_at is not None:
        return
    figures = report_figures(report)
    stored = set(report.files.values_list("fmt", flat=True))
    rendered = [_rendered(report, fmt, figures) for fmt in STORED_FORMATS if fmt not in stored]
    try:
        _keep(report_id, rendered)
    except BaseException:
        for row in rendered:
            row.file.delete(save=False)
        raise


def _rendered(report: AnnualReport, fmt: str, figures: dict) -> ReportFile:
    """A format rendered and written to storage, its row not saved yet."""
    result = export(report, fmt, figures)
    row = ReportFile(report=report, fmt=fmt, filename=result.filename, content_type=result.content_type)
    row.file.save(result.filename, ContentFile(result.content), save=False)
    return row


@transaction.atomic
def _keep(report_id: int, rendered: list[ReportFile]) -> None:
    report = AnnualReport.objects.select_for_update().get(pk=report_id)
    already = set(report.files.values_list("fmt", flat=True))
    for row in rendered:
        if row.fmt in already:  # a second run of the task got here first
            row.file.delete(save=False)
        else:
            row.save()
    _attach_pdf(report)
    report.files_ready_at = timezone.now()
    report.save(update_fields=["files_ready_at"])  # its post_save refreshes the cached report pages


def _attach_pdf(report: AnnualReport) -> None:
    """The PDF on the report's catalog item, once: the newest version's first, the older ones kept."""
    from catalog.services import add_attachment

    item, pdf = report.catalog_item, ReportFile.objects.get(report=report, fmt="pdf")
    if item is None or item.attachments.filter(original_name=pdf.filename).exists():
        return
    with pdf.file.open("rb") as stored:
        upload = SimpleUploadedFile(pdf.filename, stored.read(), content_type=pdf.content_type)
    add_attachment(item, upload, None, sort_order=max(0, 100 - report.version))
