"""Keyset cursors over published items, newest first: (发布日期, id) of the last item of a page.

Unlike an offset (or a cursor made of the date and a count of ties), a position in the order itself
stays exact while items are published: a new item sorts before every page already handed out (it has a
later date, or the same date and a larger id), so a client walking the pages sees each item that was
there when it started exactly once.
"""

import base64
import binascii
from datetime import date

from django.db.models import Q, QuerySet

ORDER = ("-published_on", "-pk")


class InvalidCursor(ValueError):
    pass


def encode(published_on: date, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{published_on.isoformat()}.{pk}".encode()).decode().rstrip("=")


def decode(token: str) -> tuple[date, int]:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        day, pk = text.split(".")
        return date.fromisoformat(day), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidCursor(token) from error


def after(queryset: QuerySet, token: str | None) -> QuerySet:
    """The items that follow the cursor in ORDER (all of them without one)."""
    queryset = queryset.order_by(*ORDER)
    if not token:
        return queryset
    day, pk = decode(token)
    return queryset.filter(Q(published_on__lt=day) | Q(published_on=day, pk__lt=pk))


def page(queryset: QuerySet, token: str | None, size: int) -> tuple[list, str | None]:
    """One page of rows and the cursor of the next page (None on the last one)."""
    rows = list(after(queryset, token)[: size + 1])
    if len(rows) <= size:
        return rows, None
    last = rows[size - 1]
    return rows[:size], encode(last.published_on, last.pk)
