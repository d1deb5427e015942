"""Reads of anonymous public pages from PostgreSQL streaming replicas (DATABASE_REPLICA_URLS).

ReadRoutingMiddleware picks a healthy replica for a GET or HEAD from a visitor without a session, a waiting
message or a POST of their own in the last READ_YOUR_WRITES_SECONDS, and for a page none of whose cache tags
changed in the last REPLICA_MAX_LAG_SECONDS (a replica that has not replayed a publication yet must not put
the old page back in the page cache). ReplicaRouter then sends that request's reads of the public apps'
tables there; everything else (writes, staff, sessions, the cache table) goes to the primary.

A replica is skipped while it is down (a failed connection is remembered for REPLICA_RETRY_SECONDS) or
lags more than REPLICA_MAX_LAG_SECONDS (measured at most once a second per process). A page whose replica
fails mid-request is rendered again from the primary.
"""

import itertools
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

from .outages import is_database_outage
from .visitors import has_personal_state, remember_write, wrote_recently

logger = logging.getLogger(__name__)

# Apps whose tables public pages read; the cache table, sessions, users and lockouts always use the primary.
REPLICA_APPS = frozenset({"catalog", "search", "annual_reports", "applications"})
SAFE_METHODS = ("GET", "HEAD")
CHECK_EVERY_SECONDS = 1.0
READ_FROM_HEADER = "X-Read-From"
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 1e9
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END
"""


@dataclass
class _Route:
    alias: str | None
    reads: int = 0


_route: ContextVar[_Route | None] = ContextVar("portal_read_route", default=None)


@dataclass
class _Health:
    down_until: float = 0.0
    lag: float = 0.0
    checked_at: float = field(default=float("-inf"))


_health: dict[str, _Health] = {}
_turns = itertools.count()


def probe(alias: str) -> float:
    """How many seconds the replica's data is behind the primary (0 when it has replayed all it received)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        return float(cursor.fetchone()[0])


def mark_down(alias: str) -> None:
    # Its broken connection is closed by Django at the end of the request (errors_occurred).
    _health.setdefault(alias, _Health()).down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    logger.warning("Read replica %s unavailable: reads go to the primary for a while", alias)


def usable(alias: str) -> bool:
    health = _health.setdefault(alias, _Health())
    now = time.monotonic()
    if now < health.down_until:
        return False
    if now - health.checked_at >= CHECK_EVERY_SECONDS:
        try:
            health.lag = probe(alias)
        except DatabaseError:
            mark_down(alias)
            return False
        health.checked_at = now
    return health.lag + (now - health.checked_at) <= settings.REPLICA_MAX_LAG_SECONDS


def may_read_from_replica(request: HttpRequest) -> bool:
    if request.method not in SAFE_METHODS or has_personal_state(request) or wrote_recently(request):
        return False
    changed_at = getattr(request, "page_changed_at", None)  # set by the page cache on a miss
    return changed_at is None or time.time() - changed_at >= settings.REPLICA_MAX_LAG_SECONDS


def choose_replica(request: HttpRequest) -> str | None:
    replicas = settings.READ_REPLICAS
    if not replicas or not may_read_from_replica(request):
        return None
    start = next(_turns) % len(replicas)
    return next((alias for alias in replicas[start:] + replicas[:start] if usable(alias)), None)


class ReadRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        route = _Route(choose_replica(request))
        reset = _route.set(route)
        try:
            response = self.get_response(request)
        finally:
            _route.reset(reset)
        if settings.READ_REPLICAS and request.method not in SAFE_METHODS:
            remember_write(response)
        if settings.DIAGNOSTIC_HEADERS and route.alias and route.reads:
            response[READ_FROM_HEADER] = route.alias
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The replica failed under this request: remember it, and render the page again from the primary."""
        route = _route.get()
        if route is None or route.alias is None or not is_database_outage(exception):
            return None
        mark_down(route.alias)
        route.alias, route.reads = None, 0
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        route = _route.get()
        if route is None or route.alias is None or model._meta.app_label not in REPLICA_APPS:
            return None
        route.reads += 1
        return route.alias

    def db_for_write(self, model, **hints) -> str:
        # Never the database an instance came from: an object read on a replica is saved on the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # replicas hold the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        return False if settings.DATABASES.get(db, {}).get("TEST", {}).get("MIRROR") else None
