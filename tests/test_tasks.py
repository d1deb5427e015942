"""Background tasks: retried after a failure, durable in the database until a worker runs them."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from disclosure_portal.tasks import retried
from search.models import SearchChunk
from tests.factories import new_item

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILURES = {"left": 0}
DONE: list[str] = []


@task()
@retried
def note(text: str) -> str:
    """Fails while FAILURES["left"] says so, then records `text`."""
    if FAILURES["left"]:
        FAILURES["left"] -= 1
        raise ConnectionError("the mail server did not answer")
    DONE.append(text)
    return text


@pytest.fixture(autouse=True)
def fresh():
    DONE.clear()
    FAILURES["left"] = 0


def run_worker() -> None:
    """One worker run to the end of the due tasks: a fresh worker each time, as after a restart."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_failing_task_is_retried_until_it_succeeds(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    FAILURES["left"] = 2
    first = note.enqueue("第三次成功")
    assert first.status == TaskResultStatus.FAILED  # the failed attempt stays on record
    assert DONE == ["第三次成功"]


def test_a_task_gives_up_after_the_last_attempt(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    FAILURES["left"] = 5
    note.enqueue("不会成功")
    assert DONE == [] and FAILURES["left"] == 2


@pytest.mark.django_db(transaction=True)
def test_a_retry_waits_in_the_database_for_a_worker(settings, time_machine):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_SECONDS = 30
    FAILURES["left"] = 1
    time_machine.move_to(timezone.now(), tick=False)
    note.enqueue("稍后重试")
    assert DONE == []  # nothing runs until a worker does
    run_worker()
    assert DONE == [] and DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 1
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == {"args": ["稍后重试"], "kwargs": {"attempt": 2}}
    run_worker()  # a worker started again before the retry is due leaves it alone
    assert DONE == []
    time_machine.shift(timedelta(seconds=31))
    run_worker()
    assert DONE == ["稍后重试"]
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_publication_is_indexed_by_the_worker(settings, bureau):
    settings.TASKS = DATABASE_TASKS
    item = new_item(bureau, title="关于汛期值班安排的通知")
    assert not SearchChunk.objects.filter(item_id=item.pk).exists()
    run_worker()
    assert SearchChunk.objects.filter(item_id=item.pk).exists()


def test_without_a_worker_the_index_keeps_in_step_at_once(bureau, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = new_item(bureau, title="关于汛期值班安排的通知")
    assert SearchChunk.objects.filter(item_id=item.pk).exists()
