"""访问次数 without a database write per page view.

Each process counts views in memory and adds them to the database in one short transaction
every FLUSH_EVERY views or FLUSH_SECONDS seconds, whichever comes first. A crash loses at most
one batch of a statistic nobody audits, which is the price of a write-free hot path.
"""

import atexit
import contextlib
import threading
import time
from collections import Counter, defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When

_lock = threading.Lock()
_pending: Counter[int] = Counter()
_last_flush = time.monotonic()


def _limits() -> tuple[int, float]:
    return settings.CATALOG_VIEW_FLUSH_EVERY, settings.CATALOG_VIEW_FLUSH_SECONDS


def record_view(item_id: int) -> int:
    """Count one view; return the views of this item not yet in the database (to show an up-to-date figure)."""
    every, seconds = _limits()
    with _lock:
        _pending[item_id] += 1
        waiting = _pending[item_id]
        due = sum(_pending.values()) >= every or time.monotonic() - _last_flush >= seconds
    if due:
        flush()
        return 0
    return waiting


def flush() -> int:
    """Write the pending counts in one transaction of two statements, however many items. Returns the views
    written."""
    global _last_flush
    from .models import Item

    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    by_count: dict[int, list[int]] = defaultdict(list)
    for item_id, views in batch.items():
        by_count[views].append(item_id)
    added = Case(*(When(pk__in=ids, then=Value(views)) for views, ids in by_count.items()))
    with transaction.atomic():
        # The rows are locked in id order first: two workers flushing at once then never wait on each other
        # in a cycle (a deadlock answered an item page with a 500 under load).
        locked = list(Item.objects.select_for_update().filter(pk__in=batch).order_by("pk").values_list("pk", flat=True))
        Item.objects.filter(pk__in=locked).update(view_count=F("view_count") + added)
    return sum(batch.values())


def pending(item_id: int) -> int:
    with _lock:
        return _pending[item_id]


@atexit.register
def _flush_at_exit() -> None:
    """gunicorn recycles workers (max_requests); their last views are written on the way out."""
    if not _pending:
        return
    # At interpreter exit the database (and logging) may already be gone: the batch is then lost.
    with contextlib.suppress(Exception):
        flush()
