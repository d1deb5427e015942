"""Subscribing (double opt-in), unsubscribing and the daily digest: each write in one function.

Nothing is stored before the address is confirmed: the request travels in the signed confirmation link,
which expires after CONFIRM_DAYS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from catalog.models import Item

from . import criteria as criteria_rules
from .models import Delivery, Subscription

CONFIRM_SALT = "subscriptions.confirm"
CONFIRM_DAYS = 3
# More new items than this wait for the next digest (they are still new then: nothing is skipped).
DIGEST_MAX_ITEMS = 100


def confirmation_token(email: str, criteria: str) -> str:
    return signing.dumps({"email": email, "criteria": criteria}, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token: str) -> dict | None:
    """The request a confirmation link carries, or None when it is forged or older than CONFIRM_DAYS."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def send_confirmation(email: str, criteria: str, base_url: str) -> None:
    """The opt-in mail: a link that stores the subscription when the owner of the address opens it."""
    link = absolute(base_url, reverse("subscriptions:confirm", args=[confirmation_token(email, criteria)]))
    context = {
        "link": link,
        "what": criteria_rules.describe(criteria),
        "days": CONFIRM_DAYS,
        "portal_name": settings.PORTAL_NAME,
    }
    subject = render_to_string("emails/subscriptions/confirm_subject.txt", context).strip()
    send_mail(subject, render_to_string("emails/subscriptions/confirm_body.txt", context), None, [email])


@transaction.atomic
def confirm(email: str, criteria: str) -> Subscription:
    """Store the confirmed subscription; confirming twice keeps the first one (and what it was sent)."""
    subscription, _created = Subscription.objects.get_or_create(email=email, criteria=criteria)
    return subscription


def unsubscribe(key: str) -> bool:
    """Delete the subscription, its address and its deliveries; False when the link matches nothing (any more)."""
    deleted, _counts = Subscription.objects.filter(unsubscribe_key=key).delete()
    return bool(deleted)


def new_matches(subscription: Subscription) -> list[Item]:
    """Matches published since the subscription began that were never mailed to it, oldest first.

    Published since: dated (发布日期) on or after its first day, or approved after it was confirmed, since
    staff may date an item a few days before the review that makes it public."""
    sent = Delivery.objects.filter(subscription=subscription).values("item_id")
    since = Q(published_on__gte=subscription.since) | Q(reviewed_at__gte=subscription.confirmed_at)
    found = criteria_rules.matches(subscription.criteria).filter(since)
    found = found.exclude(pk__in=sent).select_related("organization")
    return list(found.order_by("published_on", "pk")[:DIGEST_MAX_ITEMS])


@dataclass
class DigestMail:
    subject: str
    body: str
    html: str
    unsubscribe_url: str


def compose_digest(subscription: Subscription, items: list[Item], base_url: str) -> DigestMail:
    unsubscribe_url = absolute(base_url, reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_key]))
    context = {
        "items": [(item, absolute(base_url, item.get_absolute_url())) for item in items],
        "what": criteria_rules.describe(subscription.criteria),
        "unsubscribe_url": unsubscribe_url,
    }
    return DigestMail(
        subject=render_to_string("emails/subscriptions/digest_subject.txt", context).strip(),
        body=render_to_string("emails/subscriptions/digest_body.txt", context),
        html=render_to_string("emails/subscriptions/digest_body.html", context),
        unsubscribe_url=unsubscribe_url,
    )


def send_digest(subscription_id: int, base_url: str) -> int:
    """Mail the new matches of one subscription, if any; the number of items mailed.

    The row is locked while the mail goes out and the deliveries are written in the same transaction: a failed
    send writes nothing (the retry sends the same items), and two runs at once cannot both send them.
    """
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(pk=subscription_id).first()
        if subscription is None:
            return 0
        items = new_matches(subscription)
        if not items:
            return 0
        mail = compose_digest(subscription, items, base_url)
        message = EmailMultiAlternatives(
            mail.subject,
            mail.body,
            to=[subscription.email],
            headers={
                # RFC 2369 and RFC 8058: mail programs offer one-click unsubscribing with a POST to this address.
                "List-Unsubscribe": f"<{mail.unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(mail.html, "text/html")
        message.send()
        now = timezone.now()
        Delivery.objects.bulk_create([Delivery(subscription=subscription, item=item, sent_at=now) for item in items])
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        return len(items)
