"""The weekly mail to each body's staff: what has failed and what will fail first."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from catalog.models import Membership

from .report import Section


@dataclass
class DigestRun:
    sent: int = 0
    without_address: list = field(default_factory=list)


def staff_addresses(section: Section) -> list[str]:
    memberships = Membership.objects.filter(
        organization=section.organization, user__is_active=True, user__is_staff=True
    ).exclude(user__email="")
    return sorted(set(memberships.values_list("user__email", flat=True)))


def send_digests(sections: list[Section], base_url: str) -> DigestRun:
    """One mail per organization with something failed or close to failing; nothing for a body all in order."""
    run = DigestRun()
    for section in sections:
        if not (section.failed or section.close):
            continue
        addresses = staff_addresses(section)
        if not addresses:
            run.without_address.append(section.organization)
            continue
        url = base_url.rstrip("/") + reverse("site_check:organization", args=[section.organization.pk])
        context = {"section": section, "url": url, "portal_name": settings.PORTAL_NAME}
        subject = render_to_string("emails/site_check/digest_subject.txt", context).strip()
        send_mail(subject, render_to_string("emails/site_check/digest_body.txt", context), None, addresses)
        run.sent += 1
    return run
