from django.core.management.base import BaseCommand
from django.utils import timezone

from catalog.workdays import WorkCalendar

from ...reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each organization's staff the applications due within 5 working days or overdue (run daily by cron)."

    def handle(self, *args, **options):
        sent = send_reminders(timezone.localdate(), WorkCalendar.from_database())
        self.stdout.write(f"reminders sent: {sent}")
