from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...tasks import enqueue_digests


class Command(BaseCommand):
    help = (
        "Queue the daily digest of every e-mail subscription (run daily by cron): each subscriber gets the items "
        "published since the last digest that match what they follow, or no mail when nothing does. "
        "Needs PORTAL_BASE_URL for the links."
    )

    def handle(self, *args, **options):
        base_url = settings.PORTAL_BASE_URL
        if not base_url:
            raise CommandError(
                "PORTAL_BASE_URL is not set: digests need the portal's absolute address for their links "
                "(e.g. PORTAL_BASE_URL=https://gk.example.gov.cn). Nothing was queued."
            )
        self.stdout.write(f"digests queued: {enqueue_digests(base_url)}")
