"""The same form sent twice at the same moment on PostgreSQL (two nodes behind nginx): one row, one answer.

Both requests are held until each has looked for an earlier filing and found none, so the unique column,
not the look-up, must refuse the second.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from applications.models import Application
from applications.tests.factories import apply_data
from disclosure_portal import submissions
from feedback.models import Message
from feedback.tests.factories import letter_data

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def both_miss_the_first_filing(monkeypatch):
    """Each request's second look-up (the one just before it files) waits for the other's."""
    look_up, checked, calls = submissions.already_filed, threading.Barrier(2), threading.local()

    def look_up_together(queryset, token):
        found = look_up(queryset, token)
        calls.count = getattr(calls, "count", 0) + 1
        if calls.count == 2:
            checked.wait(timeout=20)
        return found

    monkeypatch.setattr(submissions, "already_filed", look_up_together)


def _send_together(url: str, data: dict, acknowledgement: str) -> list[tuple[int, str]]:
    answers = [None, None]

    def send(index):
        try:
            client = Client()
            status = client.post(url, data).status_code
            answers[index] = (status, client.get(acknowledgement).content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.parametrize("repeat", range(2))
def test_an_application_sent_twice_at_once_is_filed_once(bureau, both_miss_the_first_filing, repeat):
    url = reverse("applications:apply", args=[bureau.pk])
    answers = _send_together(url, apply_data(), reverse("applications:submitted"))
    application = Application.objects.get()
    assert [status for status, _ in answers] == [302, 302]
    assert all(application.number in page for _, page in answers)
    assert application.events.count() == 1 and application.notices.count() == 1


def test_a_letter_sent_twice_at_once_is_received_once(bureau, both_miss_the_first_filing):
    answers = _send_together(reverse("feedback:write"), letter_data(bureau), reverse("feedback:sent"))
    message = Message.objects.get()
    assert [status for status, _ in answers] == [302, 302]
    assert all(message.number in page for _, page in answers)
