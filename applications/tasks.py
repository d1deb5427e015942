"""Mail off the request path: the applicants' notices and the staff reminders as background tasks
(disclosure_portal.tasks: durable with the database backend, retried after a failure)."""

from datetime import date

from django.db import transaction
from django_tasks import task

from catalog.models import Organization
from disclosure_portal.tasks import RetryAt, retried

from . import notices, reminders
from .models import Notice


@task()
@retried
def deliver_notice(notice_id: int) -> None:
    """One delivery attempt; a failed one is due again when the outbox's pause is over. A notice already
    sent (the task run twice) is left alone: `deliver` locks the row and sends only a pending notice."""
    notices.deliver(notice_id)
    waiting = Notice.objects.filter(pk=notice_id, delivery=Notice.Delivery.PENDING).values_list(
        "next_attempt_at", "last_error"
    )
    for due, error in waiting:
        raise RetryAt(f"notice {notice_id} not sent: {error}", due)


def deliver_after_commit(notice: Notice) -> None:
    transaction.on_commit(lambda: deliver_notice.enqueue(notice.pk))


@task()
@retried
def remind_organization(organization_id: int, day: str, base_url: str) -> int:
    """The day's reminder to one organization's handlers; safe to run twice (the day's claim). Returns how
    many mails went out (0 or 1)."""
    organization = Organization.objects.get(pk=organization_id)
    return reminders.remind(organization, date.fromisoformat(day), base_url)
