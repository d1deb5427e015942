"""The read-replica router: anonymous public reads go to a healthy replica, everything else to the primary."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections

from catalog.models import Item
from catalog.services import save_item
from disclosure_portal import replicas
from tests.factories import new_item


@pytest.fixture
def routing(db, settings):
    """A second alias, "replica", on the test's own connection (so it sees the test's uncommitted rows)."""
    settings.READ_REPLICAS = ["replica"]
    settings.DIAGNOSTIC_HEADERS = True
    replicas._health.clear()
    own = connections["replica"]
    connections["replica"] = connections["default"]
    yield
    connections["replica"] = own
    replicas._health.clear()


@pytest.fixture
def item(bureau, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return new_item(bureau)


def read_from(response) -> str:
    assert response.status_code in (200, 302), response.status_code
    return response.get(replicas.READ_FROM_HEADER, "primary")


def test_an_anonymous_public_page_is_read_from_the_replica(client, routing, item):
    response = client.get(item.get_absolute_url())
    assert read_from(response) == "replica" and "关于做好防汛工作的通知" in response.content.decode()


def test_staff_read_from_the_primary(client, routing, item, editor):
    client.force_login(editor)
    assert read_from(client.get(item.get_absolute_url())) == "primary"


def test_a_visitor_reads_from_the_primary_just_after_their_own_post(client, routing, item, settings, time_machine):
    time_machine.move_to("2026-03-10 10:00:00+08:00", tick=False)
    response = client.post("/apply/lookup/", {"number": "YSQ-0", "code": "x"})
    assert response.cookies["portal_wrote"]["max-age"] == settings.READ_YOUR_WRITES_SECONDS
    assert read_from(client.get(item.get_absolute_url())) == "primary"
    time_machine.shift(timedelta(seconds=settings.READ_YOUR_WRITES_SECONDS + 1))
    assert read_from(client.get(item.get_absolute_url())) == "replica"


def test_a_forged_write_cookie_changes_nothing(client, routing, item):
    client.cookies["portal_wrote"] = "1"
    assert read_from(client.get(item.get_absolute_url())) == "replica"


def test_a_replica_that_is_down_is_skipped_and_remembered(client, routing, item):
    down = OperationalError('connection to server at "127.0.0.1", port 5433 failed: Connection refused')
    with mock.patch.object(replicas, "probe", side_effect=down) as probe:
        assert read_from(client.get(item.get_absolute_url())) == "primary"
        assert read_from(client.get(item.get_absolute_url())) == "primary"
    assert probe.call_count == 1


def test_a_replica_comes_back_after_the_retry_time(client, routing, item, settings, time_machine):
    time_machine.move_to("2026-03-10 10:00:00+08:00", tick=False)
    with mock.patch.object(replicas, "probe", side_effect=OperationalError("connection refused")):
        assert read_from(client.get(item.get_absolute_url())) == "primary"
    with mock.patch("disclosure_portal.replicas.time.monotonic", return_value=10**9):
        assert read_from(client.get(item.get_absolute_url())) == "replica"


@pytest.mark.parametrize("lag, expected", [(5.0, "replica"), (5.5, "primary")])
def test_a_lagging_replica_is_skipped(client, routing, item, lag, expected):
    with mock.patch.object(replicas, "probe", return_value=lag):
        assert read_from(client.get(item.get_absolute_url())) == expected


def test_a_replica_failing_mid_page_is_replaced_by_the_primary(client, routing, item):
    from catalog.views import items

    real = items.get_object_or_404

    def fails_on_the_replica(*args, **kwargs):
        if replicas._route.get().alias == "replica":
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    with mock.patch.object(items, "get_object_or_404", side_effect=fails_on_the_replica):
        response = client.get(item.get_absolute_url())
    assert read_from(response) == "primary" and "关于做好防汛工作的通知" in response.content.decode()
    assert read_from(client.get(item.get_absolute_url())) == "primary"  # remembered as down


def test_a_page_changed_within_the_lag_limit_is_rendered_from_the_primary(
    client, routing, item, settings, django_capture_on_commit_callbacks, time_machine
):
    """A replica that has not replayed the change yet must not put the old page back in the page cache."""
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()  # tokens another test may have left
    time_machine.move_to("2026-03-10 10:00:00+08:00", tick=False)
    item.title = "关于做好防汛抗旱工作的通知"
    with django_capture_on_commit_callbacks(execute=True):
        save_item(item, None)
    assert read_from(client.get(item.get_absolute_url())) == "primary"
    time_machine.shift(timedelta(seconds=settings.REPLICA_MAX_LAG_SECONDS + 1))
    assert read_from(client.get(f"{item.get_absolute_url()}?from=feed")) == "replica"  # another page, a miss


def test_writes_and_the_cache_table_always_use_the_primary(routing):
    from django.db import router

    token = replicas._route.set(replicas._Route("replica"))
    try:
        assert router.db_for_read(Item) == "replica"
        assert router.db_for_write(Item) == "default"
        assert router.db_for_read(caches["default"].cache_model_class) == "default"
    finally:
        replicas._route.reset(token)
