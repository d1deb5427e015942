"""Two staff steps at the same moment on PostgreSQL: exactly one has its effect, the other is refused.

Each thread loads the application before either acts (as two open browser tabs do); the services lock the
row and check the transitions table on the fresh row, so the later one sees the first one's result.
"""

import threading
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection, connections

from applications import services
from applications.models import Application, ApplicationEvent, LetterCounter, Notice

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.MEDIA_ROOT = tmp_path


def _race(*steps) -> list:
    """Run the steps in threads released together; returns what each raised (None when it went through)."""
    barrier, outcomes = threading.Barrier(len(steps)), [None] * len(steps)

    def run(index, step):
        try:
            copy = Application.objects.get(pk=step[0])  # a copy loaded before the other step commits
            barrier.wait()
            step[1](copy)
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, step)) for index, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _reply(editor):
    def step(application):
        letter = ContentFile(b"%PDF-1.4 reply", name="reply.pdf")
        services.reply(application, by=editor, on=date(2025, 6, 20), outcome="1", letter=letter)

    return step


def _withdraw(editor):
    def step(application):
        services.withdraw(application, by=editor, on=date(2025, 6, 20), via="电话")

    return step


def _stored_replies(tmp_path: Path) -> list[Path]:
    return (
        [path for path in (tmp_path / "replies").rglob("*") if path.is_file()]
        if (tmp_path / "replies").exists()
        else []
    )


@pytest.mark.parametrize("repeat", range(3))
def test_reply_and_withdrawal_at_once_leave_exactly_one_effect(make_application, editor, tmp_path, repeat):
    application = make_application(received_on=date(2025, 6, 3), email="lisi@example.com")
    outcomes = _race((application.pk, _reply(editor)), (application.pk, _withdraw(editor)))
    refused = [error for error in outcomes if error is not None]
    assert len(refused) == 1 and isinstance(refused[0], services.NotAllowedNow), outcomes
    application.refresh_from_db()
    kinds = list(application.events.values_list("kind", flat=True))
    notices = list(application.notices.exclude(kind=Notice.Kind.CODES).values_list("kind", flat=True))
    if application.state == Application.State.WITHDRAWN:
        assert (kinds, notices, application.reply_letter.name) == (["withdrawn"], ["withdrawn"], "")
        assert _stored_replies(tmp_path) == []
    else:
        assert application.state == Application.State.REPLIED and application.outcome == "1"
        assert (kinds, notices) == (["replied"], ["replied"])
        assert len(_stored_replies(tmp_path)) == 1


@pytest.mark.parametrize("repeat", range(3))
def test_a_double_submitted_reply_replies_once(make_application, editor, tmp_path, repeat):
    application = make_application(received_on=date(2025, 6, 3))
    outcomes = _race((application.pk, _reply(editor)), (application.pk, _reply(editor)))
    assert sum(error is None for error in outcomes) == 1
    assert "当前状态为“已答复”，不能答复" in str(next(error for error in outcomes if error is not None))
    assert ApplicationEvent.objects.filter(application=application, kind="replied").count() == 1
    assert LetterCounter.objects.get().last_serial == 1
    assert len(_stored_replies(tmp_path)) == 1
