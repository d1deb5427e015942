"""The daily digest as background tasks, one per subscription (disclosure_portal.tasks: retried after a failure)."""

from django_tasks import task

from disclosure_portal.tasks import retried

from . import services
from .models import Subscription


@task()
@retried
def send_digest(subscription_id: int, base_url: str) -> int:
    return services.send_digest(subscription_id, base_url)


def enqueue_digests(base_url: str) -> int:
    """Queue one digest task per subscription; the number queued."""
    ids = list(Subscription.objects.order_by("pk").values_list("pk", flat=True))
    for subscription_id in ids:
        send_digest.enqueue(subscription_id, base_url)
    return len(ids)
