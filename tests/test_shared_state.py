"""With REDIS_URL, the shared state lives in Redis (a real redis-server): cached pages and their tag tokens,
rate limits and staff lockouts, so every node sees the same. Without it, the database cache table serves."""

import pytest
import redis
from axes.models import AccessAttempt
from django.core.cache import caches
from django.test import Client

from catalog.services import save_item
from disclosure_portal.env import redis_caches
from tests.factories import new_item
from tests.services import redis_url  # noqa: F401  (fixture)


@pytest.fixture
def redis_state(db, settings, redis_url):  # noqa: F811
    settings.CACHES = redis_caches(redis_url, ("default", "pages"))
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    yield server
    server.flushdb()


def keys(server, pattern: str) -> list[bytes]:
    return list(server.scan_iter(pattern))


def test_pages_and_tokens_live_in_redis(
    client, redis_state, settings, bureau, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to("2026-06-15 10:00:00+08:00", tick=False)  # far from midnight, which ends every entry
    settings.PAGE_CACHE_SECONDS = 600
    settings.DIAGNOSTIC_HEADERS = True
    with django_capture_on_commit_callbacks(execute=True):
        item = new_item(bureau)
    url = item.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"  # another visitor, any worker
    assert keys(redis_state, "pages:*:page:*") and keys(redis_state, f"default:*:pagetag:item:{item.pk}")
    item.title = "关于做好防汛抗旱工作的通知"
    with django_capture_on_commit_callbacks(execute=True):
        save_item(item, None)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "防汛抗旱" in response.content.decode()


def test_rate_limits_count_in_redis(client, redis_state, settings):
    settings.APPLICATIONS_LOOKUP_RATE = "2/h"
    statuses = [client.post("/apply/lookup/", {"number": "YSQ-0", "code": "x"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert keys(redis_state, "default:*:rl:*")


def test_a_staff_lockout_is_kept_in_redis_and_holds_on_every_node(redis_state, settings, editor):
    def login(password: str):
        return Client().post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(f"wrong-password-{attempt}")
    assert login("correct-horse-battery").status_code in (403, 429)
    assert not AccessAttempt.objects.exists()  # not in the database table
    assert keys(redis_state, "default:*axes*")


def test_without_redis_the_database_cache_table_serves(db, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    caches["default"].set("shared", "值", 60)
    assert caches["default"].get("shared") == "值"
