"""`manage.py send_reminders`: each organization's handlers, what is due soon or overdue, once a day."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command


@pytest.fixture
def handlers(editor, reviewer, outsider):
    for user, address in (
        (editor, "editor@example.org"),
        (reviewer, "reviewer@example.org"),
        (outsider, "o@example.org"),
    ):
        user.email = address
        user.save()


def _run(day):
    with time_machine.travel(day, tick=False):
        call_command("send_reminders", stdout=__import__("io").StringIO())


def test_handlers_get_due_and_overdue_applications(make_application, handlers):
    soon = make_application(received_on=date(2025, 9, 26))  # due 2025-10-30
    late = make_application(received_on=date(2025, 9, 1))
    later = make_application(received_on=date(2025, 10, 20))
    _run(date(2025, 10, 27))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["editor@example.org", "reviewer@example.org"]
    assert soon.number in message.body and late.number in message.body and later.number not in message.body


def test_no_second_reminder_on_the_same_day(make_application, handlers):
    make_application(received_on=date(2025, 9, 1))
    _run(date(2025, 10, 27))
    _run(date(2025, 10, 27))
    assert len(mail.outbox) == 1
    _run(date(2025, 10, 28))
    assert len(mail.outbox) == 2


def test_nothing_urgent_sends_nothing(make_application, handlers):
    make_application(received_on=date(2025, 10, 20), concluded_on=date(2025, 10, 22), state="replied")
    _run(date(2025, 10, 27))
    assert mail.outbox == []


def test_reminders_contain_no_personal_data(make_application, handlers):
    make_application(received_on=date(2025, 9, 1))
    _run(date(2025, 10, 27))
    assert "13800138000" not in mail.outbox[0].body and "11010519491231002X" not in mail.outbox[0].body
