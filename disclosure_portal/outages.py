"""Telling a database outage from a bug: an outage gets the calm 503 page that asks to retry."""

from django.db import InterfaceError, OperationalError

# What PostgreSQL and SQLite say when the database cannot answer now but will later: the server is
# down, restarting or unreachable, or (SQLite) another writer holds the lock past the busy timeout.
OUTAGE_MARKERS = (
    "connect",
    "server closed",
    "terminating",
    "shutting down",
    "starting up",
    "connection",
    "database is locked",
    "database table is locked",
)


def is_database_outage(exception: BaseException | None) -> bool:
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    text = str(exception).lower()
    return any(marker in text for marker in OUTAGE_MARKERS)
