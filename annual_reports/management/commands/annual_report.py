from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_reports.exports import FORMATS, export
from annual_reports.figures import compute_figures
from annual_reports.models import AnnualReport
from annual_reports.services import draft_narrative
from annual_reports.stored import stored_file
from catalog.models import Organization


class Command(BaseCommand):
    help = (
        "Write an organization's annual report for a year: the latest version on record (a published one is the "
        "file stored at publication), or the figures as the records stand when there is none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organization's code (机构代码)")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--consolidated", action="store_true", help="sum the organization and its descendants")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("-o", "--output", required=True, help="the file to write")

    def handle(self, *args, org: str, year: int, consolidated: bool, format: str, output: str, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"No organization with code {org!r}.")
        report = (
            AnnualReport.objects.filter(organization=organization, year=year, consolidated=consolidated)
            .order_by("-version")
            .first()
        )
        figures = None
        if report is None:
            # Nothing on record: the figures as they stand, with the narrative drafted from them.
            report = AnnualReport(organization=organization, year=year, consolidated=consolidated)
            figures = compute_figures(report)
            draft_narrative(report, figures)
        if report.is_published:
            with stored_file(report, format).file.open("rb") as stored:
                content = stored.read()
        else:
            content = export(report, format, figures).content
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes")
