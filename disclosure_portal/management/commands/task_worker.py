import socket
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_abandoned(worker_id: str, stale_after: timedelta) -> int:
    """Put back the tasks a dead worker had claimed: this worker's own from before its restart, and any
    other worker's running longer than `stale_after` (a worker killed outright never records an end).
    The portal's tasks are safe to run twice. Returns how many were put back."""
    cutoff = timezone.now() - stale_after
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("pk", "worker_ids", "started_at")
    abandoned = [pk for pk, workers, started in running if (workers and workers[-1] == worker_id) or started < cutoff]
    return DBTaskResult.objects.filter(pk__in=abandoned, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )


class Command(BaseCommand):
    help = (
        "Run the background task worker (django-tasks' db_worker) after putting back the tasks a worker that "
        "died had claimed. Give each worker of the pool its own stable --worker-id (default: the host name)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", default=socket.gethostname()[:64])
        parser.add_argument("--batch", action="store_true", help="run the due tasks, then stop")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, worker_id: str, batch: bool, interval: float, **options):
        stale_after = timedelta(seconds=settings.TASK_STALE_SECONDS)
        put_back = requeue_abandoned(worker_id, stale_after)
        if put_back:
            self.stderr.write(f"{put_back} task(s) claimed by a worker that stopped were queued again")
        arguments = ["--worker-id", worker_id, "--interval", str(interval), "--no-reload", "--no-startup-delay"]
        call_command("db_worker", *arguments, *(["--batch"] if batch else []), verbosity=options["verbosity"])
