from django.core.management.base import BaseCommand, CommandError

from ...consistency import inconsistent_applications


class Command(BaseCommand):
    help = "List applications whose outcome, reply type and state contradict each other; exit 1 when any."

    def handle(self, *args, **options):
        found = inconsistent_applications()
        for application, problems in found:
            self.stdout.write(f"{application.number}\t{application.get_state_display()}\t{'；'.join(problems)}")
        if found:
            raise CommandError(f"{len(found)} inconsistent application(s)")
        self.stdout.write("no inconsistent applications")
