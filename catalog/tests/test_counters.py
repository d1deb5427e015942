"""View counts kept in memory and added to the stored figure in batches (catalog/counters.py)."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from catalog import counters
from catalog.models import Item


def _stored(item: Item) -> int:
    return Item.objects.get(pk=item.pk).view_count


@override_settings(CATALOG_VIEW_FLUSH_EVERY=1000, CATALOG_VIEW_FLUSH_SECONDS=3600)
def test_a_flush_adds_each_items_views_to_its_stored_count(make_item, bureau):
    counters.flush()
    seen, other = make_item(bureau, title="七次"), make_item(bureau, title="四十次")
    Item.objects.filter(pk=seen.pk).update(view_count=7)
    Item.objects.filter(pk=other.pk).update(view_count=40)
    assert [counters.record_view(seen.pk), counters.record_view(seen.pk), counters.record_view(other.pk)] == [1, 2, 1]
    assert counters.flush() == 3
    assert (_stored(seen), _stored(other)) == (9, 41)
    assert (counters.pending(seen.pk), counters.flush()) == (0, 0)


@override_settings(CATALOG_VIEW_FLUSH_EVERY=3, CATALOG_VIEW_FLUSH_SECONDS=3600)
def test_the_view_that_fills_a_batch_writes_it(make_item, bureau):
    counters.flush()
    item, other = make_item(bureau, title="甲"), make_item(bureau, title="乙")
    assert [counters.record_view(item.pk), counters.record_view(other.pk)] == [1, 1]
    assert _stored(item) == 0
    assert counters.record_view(item.pk) == 0  # the third view of all items together
    assert (_stored(item), _stored(other), counters.pending(item.pk)) == (2, 1, 0)


@override_settings(CATALOG_VIEW_FLUSH_EVERY=1000, CATALOG_VIEW_FLUSH_SECONDS=0)
def test_after_the_interval_every_view_is_written(make_item, bureau):
    counters.flush()
    item = make_item(bureau)
    assert counters.record_view(item.pk) == 0 and _stored(item) == 1


@override_settings(CATALOG_VIEW_FLUSH_EVERY=10_000, CATALOG_VIEW_FLUSH_SECONDS=3600)
def test_a_flush_costs_the_same_statements_for_three_items_as_for_thirty(make_item, bureau):
    counters.flush()
    items = [make_item(bureau, title=f"第{n}号") for n in range(30)]

    def flush_views_of(chosen):
        for n, item in enumerate(chosen):
            for _ in range(n % 4 + 1):
                counters.record_view(item.pk)
        with CaptureQueriesContext(connection) as queries:
            counters.flush()
        return len(queries)

    assert flush_views_of(items[:3]) == flush_views_of(items)
    assert [_stored(item) for item in items[:6]] == [2, 4, 6, 4, 1, 2]  # 1..4 views each, the first three twice
