from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every published item."

    def handle(self, *args, **options) -> None:
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} published items."))
