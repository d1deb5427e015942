from django.core.management.base import BaseCommand

from ...notices import deliver_due


class Command(BaseCommand):
    help = (
        "Send the applicants' notices still waiting in the outbox (a mail server that was down): run every few "
        "minutes by cron. Each step already tried once right after it was taken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="at most this many notices per run")

    def handle(self, *args, limit: int, **options):
        sent, waiting = deliver_due(limit=limit)
        self.stdout.write(f"notices sent: {sent}, still waiting or given up: {waiting}")
