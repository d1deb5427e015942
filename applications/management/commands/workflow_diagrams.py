from django.core.management.base import BaseCommand

from ...diagrams import diagrams


class Command(BaseCommand):
    help = "Print the README's workflow state diagrams (Mermaid), generated from the transitions tables."

    def handle(self, *args, **options):
        for name, diagram in diagrams().items():
            self.stdout.write(f"<!-- workflow: {name} -->\n```mermaid\n{diagram}\n```\n")
