"""Two publications at the same moment on PostgreSQL get different index numbers."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from catalog.models import Item
from catalog.services import publish_item

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def test_concurrent_publications_get_distinct_consecutive_serials(make_item, bureau):
    items = [make_item(bureau, title=f"并发发布 {n}") for n in range(8)]
    barrier, errors = threading.Barrier(len(items)), []

    def publish(item):
        try:
            barrier.wait()
            publish_item(item, None, published_on=date(2025, 5, 6))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(Item.objects.values_list("index_serial", flat=True))
    assert serials == list(range(1, len(items) + 1))
