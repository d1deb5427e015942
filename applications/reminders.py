"""The daily reminder: each organization's handlers get what is due soon, overdue or waiting for 确认受理,
once per application a day. A mail server that fails leaves the day's claim free for the next run."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalog.models import Organization
from catalog.workdays import WorkCalendar

from .dashboard import open_applications, urgent_rows
from .models import Application, ReminderLog
from .services.mail import send_reminder


@dataclass
class ReminderRun:
    sent: int = 0
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


def send_reminders(today: date, calendar: WorkCalendar, base_url: str) -> ReminderRun:
    """E-mail every organization with urgent applications; `base_url` makes the link absolute."""
    run, url = ReminderRun(), dashboard_url(base_url)
    for organization in Organization.objects.order_by("pk"):
        rows = urgent_rows(open_applications(Application.objects.filter(organization=organization)), today, calendar)
        if not rows:
            continue
        recipients = handlers_of(organization)
        if not recipients:
            run.without_address.append(organization)
            continue
        rows = _claim(rows, today)
        if rows:
            _send(run, organization, rows, recipients, url, today)
    return run


def _send(run: ReminderRun, organization, rows, recipients, url: str, today: date) -> None:
    try:
        send_reminder(organization, rows, recipients, url)
    except Exception as error:  # the mail server: free the claim so that the next run tries again
        ReminderLog.objects.filter(sent_on=today, application__in=[r.application for r in rows]).delete()
        run.failed.append((organization, f"{type(error).__name__}: {error}"))
    else:
        run.sent += 1
