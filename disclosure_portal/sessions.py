"""Database sessions whose saving reports an outage as an outage.

Django's database store turns any database error while updating a session into `UpdateError`, which
the session middleware answers with 400 "session deleted". When PostgreSQL is restarting, that error
is the outage itself, and the citizen must get the 503 page that asks to retry, not a bad request.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from .outages import is_database_outage


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            if is_database_outage(error.__context__):
                raise error.__context__ from None
            raise
