"""The daily reminder: each organization's handlers get what is due soon, overdue or waiting for 确认受理,
once per application a day, each organization's mail a background task. A mail server that fails leaves the
day's claim free for the task's retry or the next run."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tasks import TaskResultStatus

from catalog.models import Organization
from catalog.workdays import current_calendar

from .dashboard import open_applications, urgent_rows
from .models import Application, ReminderLog
from .services.mail import send_reminder


@dataclass
class ReminderRun:
    sent: int = 0
    queued: int = 0  # left to the task worker (TASKS_BACKEND=database)
    without_address: list[Organization] = field(default_factory=list)  # urgent work, nobody to tell
    failed: list[tuple[Organization, str]] = field(default_factory=list)


def handlers_of(organization: Organization) -> list[str]:
    users = get_user_model().objects.filter(memberships__organization=organization, is_active=True, is_staff=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _claim(rows, today: date) -> list:
    """Keep the rows not yet reminded today, and mark them reminded."""
    already = set(
        ReminderLog.objects.filter(sent_on=today, application__in=[r.application for r in rows]).values_list(
            "application_id", flat=True
        )
    )
    fresh = [row for row in rows if row.application.pk not in already]
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create([ReminderLog(application=r.application, sent_on=today) for r in fresh])
    except IntegrityError:  # another run got there first
        return []
    return fresh


def dashboard_url(base_url: str) -> str:
    return base_url.rstrip("/") + reverse("admin:applications_application_dashboard")


def _urgent(organization: Organization, today: date) -> list:
    applications = open_applications(Application.objects.filter(organization=organization))
    return urgent_rows(applications, today, current_calendar())


def send_reminders(today: date, base_url: str) -> ReminderRun:
    """Queue a reminder to every organization with urgent applications (applications.tasks); `base_url` makes
    the link absolute. With the immediate backend the mails are out (or failed) when this returns."""
    from .tasks import remind_organization  # the task module imports this one

    run = ReminderRun()
    for organization in Organization.objects.order_by("pk"):
        if not _urgent(organization, today):
            continue
        if not handlers_of(organization):
            run.without_address.append(organization)
            continue
        result = remind_organization.enqueue(organization.pk, today.isoformat(), base_url)
        _tally(run, organization, result, today)
    return run


def _tally(run: ReminderRun, organization: Organization, result, today: date) -> None:
    if result.status == TaskResultStatus.SUCCESSFUL:
        run.sent += result.return_value
    elif result.status != TaskResultStatus.FAILED:
        run.queued += 1
    elif not ReminderLog.objects.filter(sent_on=today, application__organization=organization).exists():
        # Failed for good (a retry that went through holds the day's claim).
        error = result.errors[-1]
        reason = error.traceback.strip().splitlines()[-1] if error.traceback else error.exception_class_path
        run.failed.append((organization, reason))


def remind(organization: Organization, today: date, base_url: str) -> int:
    """E-mail the organization's handlers what of today's urgent work no run has reminded them of yet.

    The day's claim is taken before the mail goes out, so two runs never both send; a mail server that fails
    frees it again and the error goes to the caller (the task, which tries again).
    """
    rows = _claim(_urgent(organization, today), today)
    if not rows:
        return 0
    try:
        send_reminder(organization, rows, handlers_of(organization), dashboard_url(base_url))
    except Exception:
        ReminderLog.objects.filter(sent_on=today, application__in=[r.application for r in rows]).delete()
        raise
    return 1
