"""E-mails to staff, each a subject/text pair under templates/emails/applications/ (applicants' mail is the
outbox of notices, applications/notices.py)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def _send(template: str, context: dict, recipients: list[str]) -> None:
    subject = render_to_string(f"emails/applications/{template}_subject.txt", context).strip()
    body = render_to_string(f"emails/applications/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def send_reminder(organization, rows: list, recipients: list[str], dashboard_url: str) -> None:
    context = {"organization": organization, "rows": rows, "dashboard_url": dashboard_url}
    _send("reminder", context, recipients)
