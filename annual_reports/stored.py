"""Every format of a published report, rendered once and stored: a download only reads a file.

Publication renders them all (`render_all`). A report published before files were stored gets
each format rendered the first time it is asked for, then stored (`stored_file`); a stored file
is never rendered again. Drafts are never stored: staff download them rendered from the records.
"""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .exports import STORED_FORMATS, export
from .figures import figures as report_figures
from .models import AnnualReport, ReportFile


def render_all(report: AnnualReport) -> None:
    figures = report_figures(report)
    for fmt in STORED_FORMATS:
        _store(report, fmt, figures)


def stored_file(report: AnnualReport, fmt: str) -> ReportFile:
    """The stored file of a published report's format (rendered and stored now if it never was)."""
    found = ReportFile.objects.filter(report=report, fmt=fmt).first()
    return found if found is not None else _store(report, fmt, report_figures(report))


def _store(report: AnnualReport, fmt: str, figures: dict) -> ReportFile:
    result = export(report, fmt, figures)
    stored = ReportFile(report=report, fmt=fmt, filename=result.filename, content_type=result.content_type)
    stored.file.save(result.filename, ContentFile(result.content), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # two first downloads at once: keep the one stored first
        stored.file.delete(save=False)
        return ReportFile.objects.get(report=report, fmt=fmt)
    return stored
