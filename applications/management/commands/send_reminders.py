from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each organization's staff the applications due within 5 working days, overdue, or waiting more "
        "than a working day for 确认受理 (run daily by cron). Needs PORTAL_BASE_URL for the links."
    )

    def handle(self, *args, **options):
        base_url = settings.PORTAL_BASE_URL
        if not base_url:
            raise CommandError(
                "PORTAL_BASE_URL is not set: reminder e-mails need the portal's absolute address for their links "
                "(e.g. PORTAL_BASE_URL=https://gk.example.gov.cn). Nothing was sent."
            )
        run = send_reminders(timezone.localdate(), base_url)
        self.stdout.write(f"reminders sent: {run.sent}, queued for the task worker: {run.queued}")
        for organization in run.without_address:
            self.stderr.write(
                f"{organization.name}: urgent applications but no active staff member with an e-mail address; "
                "add addresses to the staff accounts."
            )
        for organization, error in run.failed:
            self.stderr.write(
                f"{organization.name}: the reminder could not be sent ({error}); it is tried again by the next run."
            )
        if run.failed:
            raise CommandError(f"{len(run.failed)} reminder(s) not sent")
