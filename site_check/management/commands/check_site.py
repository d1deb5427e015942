import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalog.models import Organization
from catalog.workdays import current_calendar

from ...digest import send_digests
from ...report import as_json, inspect_tree


class Command(BaseCommand):
    help = (
        "网站自查 for cron and monitoring: compute the inspection indicators (国办秘函〔2019〕19号) of every "
        "organization (or one and those below it), print them (--json for monitoring), mail each body's staff "
        "what failed or will fail first (--mail, weekly; needs PORTAL_BASE_URL), and exit with status 1 when "
        "any indicator has failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="the code (机构代码) of one organization; default: all")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the results as JSON")
        parser.add_argument("--mail", action="store_true", help="mail each body's staff its digest")

    def handle(self, *args, organization=None, as_json=False, mail=False, **options):
        today, calendar = timezone.localdate(), current_calendar()
        sections = [section for root in self._roots(organization) for section in inspect_tree(root, today, calendar)]
        self._print(sections, today, as_json)
        if mail:
            self._mail(sections)
        failed = sum(len(section.failed) for section in sections)
        if failed:
            raise CommandError(f"{failed} indicator(s) failed", returncode=1)

    def _roots(self, code: str | None) -> list[Organization]:
        if code is None:
            return list(Organization.objects.filter(parent__isnull=True).order_by("sort_order", "pk"))
        root = Organization.objects.filter(code=code).first()
        if root is None:
            raise CommandError(f"no organization with the code {code!r}")
        return [root]

    def _print(self, sections, today, json_output: bool) -> None:
        if json_output:
            self.stdout.write(json.dumps(as_json(sections, today), ensure_ascii=False, indent=1))
            return
        for section in sections:
            self.stdout.write(f"{section.organization.name}")
            for line in section.lines:
                self.stdout.write(f"  [{line.state_name}] {line.subject}：{line.sentence}（{line.detail}）")

    def _mail(self, sections) -> None:
        base_url = settings.PORTAL_BASE_URL
        if not base_url:
            raise CommandError("PORTAL_BASE_URL is not set: the digest needs the portal's address for its links.")
        run = send_digests(sections, base_url)
        self.stderr.write(f"digests sent: {run.sent}")
        for organization in run.without_address:
            self.stderr.write(f"{organization.name}: no active staff member with an e-mail address to send it to.")
