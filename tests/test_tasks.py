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


@pytest.mark.django_db(transaction=True)
def test_a_notice_waits_for_the_worker_and_a_failed_one_is_tried_when_its_pause_is_over(
    settings, client, bureau, time_machine
):
    from django.core import mail
    from django.urls import reverse

    from applications.models import Notice
    from applications.tests.factories import apply_data

    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "applications.tests.mailfail.FailingBackend"
    time_machine.move_to(timezone.now(), tick=False)
    assert client.post(reverse("applications:apply", args=[bureau.pk]), apply_data()).status_code == 302
    notice = Notice.objects.get()
    assert notice.attempts == 0, "the request only queued the mail"
    run_worker()
    notice.refresh_from_db()
    assert (notice.delivery, notice.attempts) == (Notice.Delivery.PENDING, 1)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after == notice.next_attempt_at == timezone.now() + timedelta(minutes=5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_worker()
    assert mail.outbox == []
    time_machine.shift(timedelta(minutes=5, seconds=1))
    run_worker()
    notice.refresh_from_db()
    assert notice.delivery == Notice.Delivery.SENT and len(mail.outbox) == 1
    assert notice.application.number in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_an_attachment_is_read_by_the_worker_and_found_by_its_text(settings, bureau):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalog.models import Item
    from catalog.services import add_attachment
    from search.services import matching

    settings.TASKS = DATABASE_TASKS
    item = new_item(bureau, title="关于汛期值班安排的通知")
    upload = SimpleUploadedFile("值班表.docx", _docx("防汛抗旱指挥部值班电话一览"))
    attachment = add_attachment(item, upload, None)
    assert attachment.extracted_text == ""
    run_worker()
    attachment.refresh_from_db()
    assert "防汛抗旱指挥部值班电话一览" in attachment.extracted_text
    assert list(matching(Item.objects.published(), ["值班电话一览"]).values_list("pk", flat=True)) == [item.pk]


def _docx(text: str) -> bytes:
    import io

    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def run_task_worker(worker_id: str) -> None:
    call_command("task_worker", "--batch", "--worker-id", worker_id, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_loses_nothing_when_it_starts_again(settings, time_machine):
    settings.TASKS = DATABASE_TASKS
    time_machine.move_to(timezone.now(), tick=False)
    mine, elsewhere, stale = (note.enqueue(text) for text in ("本机重启", "他机在办", "他机已停"))
    # Three workers claimed one each (as db_worker does before running a task), then died mid-task.
    DBTaskResult.objects.get(pk=stale.id).claim("node-c")
    time_machine.shift(timedelta(seconds=settings.TASK_STALE_SECONDS + 1))
    DBTaskResult.objects.get(pk=mine.id).claim("node-a")
    DBTaskResult.objects.get(pk=elsewhere.id).claim("node-b")
    run_task_worker("node-a")
    assert sorted(DONE) == ["他机已停", "本机重启"], "node-b's task may still be running there"
    assert DBTaskResult.objects.get(pk=elsewhere.id).status == TaskResultStatus.RUNNING
