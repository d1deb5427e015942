"""Published annual reports of a body, and each one's JSON exactly as published (the stored file)."""

import json

from django.urls import reverse

from annual_reports.exports import FORMATS
from annual_reports.models import AnnualReport
from annual_reports.stored import stored_file
from catalog.models import Organization


def reports_of(organization: Organization, absolute) -> list[dict]:
    reports = (
        AnnualReport.objects.published()
        .filter(organization=organization)
        .select_related("organization", "correction")
        .order_by("-year", "-consolidated", "-version")
    )
    return [_listed(report, absolute) for report in reports]


def _listed(report: AnnualReport, absolute) -> dict:
    return {
        "id": report.pk,
        "year": report.year,
        "title": report.title,
        "consolidated": report.consolidated,
        "version": report.version,
        "published_on": report.published_on,
        "superseded": report.is_superseded,
        "url": absolute(reverse("annual_reports:detail", args=[report.pk])),
        "api_url": absolute(reverse("open_data:annual_report", args=[report.pk])),
        "downloads": {fmt: absolute(reverse("annual_reports:download", args=[report.pk, fmt])) for fmt in FORMATS},
    }


def published_json(report: AnnualReport) -> dict:
    """The report's JSON interface as frozen at publication (annual_reports.figures.report_json)."""
    with stored_file(report, "json").file.open("rb") as stored:
        return json.load(stored)
