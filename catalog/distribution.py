"""How the published items spread over organizations, categories, document types and years.

The catalog's tree shows a count beside every category and organization, and search estimates how a
common word's matches spread over the years; both are read from one table of counts per combination
("cells"). Counting a million items takes a good part of a second, so the table, and the few numbers
each page draws from it, are kept in the cache until a publication changes the index-number counters
(or a minute passes, for changes that do not: an edit, a move, a repeal; the full-page cache counts on
that minute, PAGE_CACHE_SETTLE_SECONDS). Pages read only those few numbers: the table itself
is thousands of rows, slow to fetch and unpickle on every request.
"""

import hashlib
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear

from .models import IndexCounter, Item
from .pagination import COUNT_SECONDS as SECONDS

# A cell is a plain tuple (fast to cache): these four values, then the number of items.
DIMENSIONS = ("organization_id", "category_id", "document_type_id", "year")
Cell = tuple
T = TypeVar("T")


def cells_of(items) -> list[Cell]:
    """The combinations of `items` with their numbers, in one grouped query."""
    rows = (
        items.order_by().annotate(year=ExtractYear("published_on")).values_list(*DIMENSIONS).annotate(count=Count("pk"))
    )
    return list(rows)


def cells_of_ids(ids: list[int]) -> list[Cell]:
    """`cells_of` the items with these ids; on PostgreSQL in a query written out, which costs a tenth of
    compiling the ORM's (the search results page counts its facets this way on every request)."""
    if connection.vendor != "postgresql":
        return cells_of(Item.objects.filter(pk__in=ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT organization_id, category_id, document_type_id, EXTRACT(YEAR FROM published_on)::int, count(*) "
            "FROM catalog_item WHERE id = ANY(%s) GROUP BY 1, 2, 3, 4",
            [ids],
        )
        return cursor.fetchall()


def published_cells() -> list[Cell]:
    """Every combination that has published items, with their number."""
    return cached_cells(Item.objects.published())


def cached_cells(items) -> list[Cell]:
    """`cells_of(items)`, through the cache."""
    return cached("cells:" + query_key(items), lambda: cells_of(items))


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept until the next first publication (or for a minute)."""
    key = f"catalog:counts:{name}:{publication_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SECONDS)
    return value


def query_key(items) -> str:
    return hashlib.sha256(str(items.query).encode()).hexdigest()


def publication_version() -> str:
    """Changes with every first publication: the counters of 索引号 are a table of a few rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(id), sum(last_serial) FROM {IndexCounter._meta.db_table}")
        return "-".join(map(str, cursor.fetchone()))


def tally(cells: list[Cell], by: str, **within: set | None) -> Counter:
    """Counts per value of `by` ("organization_id", "year"…) among the cells whose other values are `within`.

    `within={"organization_id": {1, 2}}` keeps those organizations' cells; None keeps all.
    """
    position = DIMENSIONS.index(by)
    kept = [(DIMENSIONS.index(name), allowed) for name, allowed in within.items() if allowed is not None]
    counts: Counter = Counter()
    for cell in cells:
        if all(cell[index] in allowed for index, allowed in kept):
            counts[cell[position]] += cell[-1]
    return counts
