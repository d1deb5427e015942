"""The daily reminder: each organization's handlers get what is due soon or overdue, once per item a day."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from catalog.models import Organization
from catalog.workdays import WorkCalendar

from .dashboard import open_applications, urgent_rows
from .models import Application, ReminderLog
from .services.mail import send_reminder


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


def send_reminders(today: date, calendar: WorkCalendar, dashboard_url: str = "") -> int:
    """E-mail every organization with urgent applications; returns the number of e-mails sent."""
    sent = 0
    url = (
        dashboard_url
        or f"{getattr(settings, 'PORTAL_BASE_URL', '').rstrip('/')}/admin/applications/application/dashboard/"
    )
    for organization in Organization.objects.order_by("pk"):
        rows = urgent_rows(open_applications(Application.objects.filter(organization=organization)), today, calendar)
        recipients = handlers_of(organization) if rows else []
        if not recipients:
            continue
        rows = _claim(rows, today)
        if rows:
            send_reminder(organization, rows, recipients, url)
            sent += 1
    return sent
