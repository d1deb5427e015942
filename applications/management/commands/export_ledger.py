from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Organization

from ...ledger import export_ledger


class Command(BaseCommand):
    help = "Export one organization's ledger (台账) as .csv (UTF-8 with BOM) or .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organization's code (机构代码)")
        parser.add_argument("--year", type=int, help="received in the year or carried over into it")
        parser.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args, org: str, year: int | None, output: Path, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"no organization with code {org}")
        if output.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("the output must end in .csv or .xlsx")
        with output.open("wb") as stream:
            export_ledger(stream, output.name, organization, year)
        self.stdout.write(f"written: {output}")
