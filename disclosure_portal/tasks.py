"""Retries for background tasks (django-tasks runs each enqueued task once).

    @task()
    @retried
    def index_item(item_id: int) -> None: ...

A task function under `retried` that raises is enqueued again, up to TASK_MAX_ATTEMPTS attempts in all,
the n-th retry after n × TASK_RETRY_SECONDS when the backend can defer (the database backend: the retry is a
row that `manage.py db_worker` picks up when it is due, after a restart too), at once otherwise (the
immediate backend, which runs it in the same request). The failed attempt is still recorded as failed, with
its traceback. Arguments must be JSON values; `attempt` is added to the retry's keyword arguments, so the
task function must not take an argument of that name. Tasks must be safe to run twice (a worker may stop
after the work and before recording it).

A task that knows when its next attempt is due (an outbox with its own pauses) raises `RetryAt`: the retry is
then due at that time, and with a backend that cannot defer it is left to the outbox's own sweep (a command
run by cron) rather than tried again at once inside the request.
"""

import functools
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class RetryAt(Exception):
    """This attempt failed; the next one is due at `due`."""

    def __init__(self, message: str, due: datetime):
        super().__init__(message)
        self.due = due


def retried(function):
    @functools.wraps(function)
    def attempt_once(*args, attempt: int = 1, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as error:
            if attempt >= settings.TASK_MAX_ATTEMPTS:
                logger.exception("Task %s failed for good after %s attempts", function.__qualname__, attempt)
                raise
            logger.warning("Task %s failed (attempt %s); retrying", function.__qualname__, attempt, exc_info=True)
            due = error.due if isinstance(error, RetryAt) else None
            enqueue_retry(f"{function.__module__}.{function.__qualname__}", args, kwargs, attempt + 1, due)
            raise

    return attempt_once


def enqueue_retry(task_path: str, args: tuple, kwargs: dict, attempt: int, due: datetime | None = None) -> None:
    task = import_string(task_path)
    if task.get_backend().supports_defer:
        delay = timedelta(seconds=settings.TASK_RETRY_SECONDS * (attempt - 1))
        task = task.using(run_after=due or timezone.now() + delay)
    elif due is not None:
        return
    task.enqueue(*args, attempt=attempt, **kwargs)
