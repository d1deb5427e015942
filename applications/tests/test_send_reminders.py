"""`manage.py send_reminders`: each organization's handlers, what is due soon or overdue, once a day."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def handlers(editor, reviewer, outsider):
    for user, address in (
        (editor, "editor@example.org"),
        (reviewer, "reviewer@example.org"),
        (outsider, "o@example.org"),
    ):
        user.email = address
        user.save()


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn"


def _run(day):
    with time_machine.travel(day, tick=False):
        call_command("send_reminders", stdout=io.StringIO())


def test_handlers_get_due_and_overdue_applications(make_application, handlers):
    soon = make_application(received_on=date(2025, 9, 26))  # due 2025-10-30
    late = make_application(received_on=date(2025, 9, 1))
    later = make_application(received_on=date(2025, 10, 20))
    _run(date(2025, 10, 27))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["editor@example.org", "reviewer@example.org"]
    assert soon.number in message.body and late.number in message.body and later.number not in message.body
    assert "办理台：https://gk.example.gov.cn/admin/applications/application/dashboard/" in message.body


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


def test_reminders_refuse_to_start_without_the_portal_address(make_application, handlers, settings):
    settings.PORTAL_BASE_URL = ""
    make_application(received_on=date(2025, 9, 1))
    with pytest.raises(CommandError, match="PORTAL_BASE_URL is not set"):
        _run(date(2025, 10, 27))
    assert mail.outbox == []


def test_urgent_work_without_any_staff_address_is_reported(make_application, editor):
    make_application(received_on=date(2025, 9, 1))
    err = io.StringIO()
    with time_machine.travel(date(2025, 10, 27), tick=False):
        call_command("send_reminders", stdout=io.StringIO(), stderr=err)
    assert "示范市教育局: urgent applications but no active staff member with an e-mail address" in err.getvalue()


def test_a_failing_mail_server_is_reported_and_the_reminder_tried_again(make_application, handlers, settings):
    make_application(received_on=date(2025, 9, 1))
    settings.EMAIL_BACKEND = "applications.tests.mailfail.FailingBackend"
    err = io.StringIO()
    with time_machine.travel(date(2025, 10, 27), tick=False), pytest.raises(CommandError, match="1 reminder"):
        call_command("send_reminders", stdout=io.StringIO(), stderr=err)
    assert "示范市教育局: the reminder could not be sent (ConnectionRefusedError" in err.getvalue()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _run(date(2025, 10, 27))
    assert len(mail.outbox) == 1


def test_an_online_submission_waiting_a_working_day_for_confirmation_is_reminded(make_application, handlers):
    waiting = make_application(
        state="submitted", received_on=None, submitted_at=datetime(2025, 10, 24, 9, 0, tzinfo=SHANGHAI)
    )  # a Friday
    fresh = make_application(
        state="submitted", received_on=None, submitted_at=datetime(2025, 10, 27, 8, 0, tzinfo=SHANGHAI)
    )
    _run(date(2025, 10, 27))  # Monday: one working day later
    body = mail.outbox[0].body
    assert f"{waiting.number}  网上提交于2025-10-24 09:00，已等待确认受理1个工作日" in body
    assert fresh.number not in body


@pytest.mark.django_db(transaction=True)
def test_the_reminder_is_queued_and_sent_once_by_the_worker_even_if_queued_twice(make_application, handlers, settings):
    from django_tasks_db.models import DBTaskResult

    from tests.test_tasks import DATABASE_TASKS, run_worker

    settings.TASKS = DATABASE_TASKS
    make_application(received_on=date(2025, 9, 1))
    out = io.StringIO()
    with time_machine.travel(date(2025, 10, 27), tick=False):
        call_command("send_reminders", stdout=out)
        assert "reminders sent: 0, queued for the task worker: 1" in out.getvalue() and mail.outbox == []
        again = DBTaskResult.objects.get()
        again.pk = None  # the same task queued twice, as by a cron run repeated
        again.save()
        run_worker()
    assert len(mail.outbox) == 1 and "示范市教育局" in mail.outbox[0].subject + mail.outbox[0].body
