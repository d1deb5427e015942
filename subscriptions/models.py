"""E-mail subscriptions (订阅): an address and what it follows, stored only once the address is confirmed.

The address serves this purpose only; unsubscribing deletes the row, and the deliveries with it.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Item


def new_unsubscribe_key() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    # Personal data: used to send the digest, never shown on any page.
    email = models.EmailField(_("电子邮箱"))
    # What is followed, as canonical JSON of the catalog's filters and the search words (subscriptions.criteria).
    criteria = models.CharField(_("订阅条件"), max_length=500)
    unsubscribe_key = models.CharField(max_length=64, unique=True, default=new_unsubscribe_key, editable=False)
    confirmed_at = models.DateTimeField(_("确认时间"), default=timezone.now, editable=False)
    # Items published on or after this day are new to the subscriber.
    since = models.DateField(_("起始日期"), default=timezone.localdate, editable=False)
    last_sent_at = models.DateTimeField(_("上次发送时间"), null=True, blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "criteria"], name="unique_subscription")]
        verbose_name = _("邮件订阅")
        verbose_name_plural = _("邮件订阅")

    def __str__(self) -> str:
        return f"subscription {self.pk}"


class Delivery(models.Model):
    """An item mailed to a subscription: no item is ever mailed to it twice."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "item"], name="unique_delivery")]

    def __str__(self) -> str:
        return f"delivery of item {self.item_id} to subscription {self.subscription_id}"
