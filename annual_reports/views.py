"""Public pages: the list of reports, a report in the national layout, its print view and downloads,
and the statistics pages. Drafts are shown only to staff of the report's organization."""

from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from catalog.models import Organization

from . import permissions
from .charts import statistics_charts
from .context import document_context
from .exports import FORMATS, export
from .exports.html import render_document
from .figures import figures as report_figures
from .models import AnnualReport
from .statistics import year_statistics, yearly_totals
from .stored import ready_file, request_files

DOWNLOAD_FORMATS = FORMATS
INLINE_FORMATS = ("pdf", "json")


def index(request):
    """Reports by year, newest year first; within a year the consolidated reports first, then by body."""
    reports = (
        AnnualReport.objects.published()
        .select_related("organization", "correction")
        .order_by("-year", "-consolidated", "organization__sort_order", "organization_id", "-version")
    )
    by_year: dict[int, list[AnnualReport]] = {}
    for report in reports:
        by_year.setdefault(report.year, []).append(report)
    return render(request, "annual_reports/index.html", {"by_year": by_year})


def _visible_report(request, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("organization"), pk=pk)
    if not report.is_published and not permissions.can_view_draft(request.user, report):
        raise Http404
    return report


def detail(request, pk: int):
    report = _visible_report(request, pk)
    context = document_context(report, report_figures(report))
    versions = AnnualReport.objects.published().filter(
        organization=report.organization, year=report.year, consolidated=report.consolidated
    )
    context |= {"versions": versions.order_by("-version"), "formats": DOWNLOAD_FORMATS}
    if report.is_published and report.files_ready_at is None:
        request_files(report)  # asked for again only when the first request seems lost
    return render(request, "annual_reports/detail.html", context)


def print_view(request, pk: int):
    report = _visible_report(request, pk)
    return HttpResponse(render_document(report, report_figures(report)))


def download(request, pk: int, fmt: str):
    """A published report's file as stored at publication; a draft (staff only) rendered from the records."""
    report = _visible_report(request, pk)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    if report.is_published:
        stored = ready_file(report, fmt)
        if stored is None:
            return _generating(request, report)
        response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
        filename = stored.filename
    else:
        result = export(report, fmt)
        filename = result.filename
        response = HttpResponse(result.content, content_type=result.content_type)
        response.headers["Cache-Control"] = "no-store"
    disposition = "inline" if fmt in INLINE_FORMATS else "attachment"
    response.headers["Content-Disposition"] = _content_disposition(disposition, filename)
    return response


def _generating(request, report: AnnualReport) -> HttpResponse:
    response = render(request, "annual_reports/generating.html", {"report": report}, status=503)
    response.headers["Retry-After"] = "30"
    return response


def _content_disposition(kind: str, filename: str) -> str:
    """An ASCII fallback name for old clients, the Chinese name (RFC 6266) for the others."""
    extension = filename.rsplit(".", 1)[-1]
    return f"{kind}; filename=\"annual-report.{extension}\"; filename*=UTF-8''{quote(filename)}"


FIRST_YEAR = 2008  # the first Regulation took effect on 1 May 2008


def _selected_year(request, available: list[int]) -> int:
    """The ?year= asked for when it is a plausible report year, else the latest year with data."""
    today = timezone.localdate()
    default = available[-1] if available else today.year - 1
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= today.year else default


def statistics(request, code: str | None = None):
    """Per organization (with its descendants) or, without a code, for the whole portal."""
    organization = get_object_or_404(Organization, code=code) if code else None
    ids = organization.descendant_ids() if organization else list(Organization.objects.values_list("pk", flat=True))
    totals = yearly_totals(ids)
    year = _selected_year(request, [row["year"] for row in totals if row["year"] <= timezone.localdate().year])
    stats = year_statistics(ids, year)
    context = {
        "organization": organization,
        "organizations": Organization.objects.all(),
        "totals": totals,
        "year": year,
        "stats": stats,
        "charts": statistics_charts(stats),
    }
    return render(request, "annual_reports/statistics.html", context)
