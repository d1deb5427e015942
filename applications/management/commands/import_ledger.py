from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Organization

from ...ledger import import_ledger


class Command(BaseCommand):
    help = "Import a ledger (台账) .csv or .xlsx for one organization: all rows or none, updates by 受理编号."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--org", required=True, help="the organization's code (机构代码)")

    def handle(self, *args, path: Path, org: str, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"no organization with code {org}")
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("the ledger must be a .csv or .xlsx file")
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        with path.open("rb") as stream:
            result = import_ledger(stream, path.name, organization)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s); nothing was imported")
        self.stdout.write(f"imported: {result.created} created, {result.updated} updated, {result.unchanged} unchanged")
