"""How the published items spread over organizations, categories, document types and years.

The catalog's tree shows a count beside every category and organization, and search estimates how
a common word's matches spread over the years; both read one small table of counts per combination.
Counting a million items takes a good part of a second, so the table is kept in the cache until a
publication changes the index-number counters (or ten minutes pass, for changes that do not).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.db.models.functions import ExtractYear

from .models import IndexCounter, Item

SECONDS = 600


@dataclass(frozen=True)
class Cell:
    """The published items of one organization, category, document type and year."""

    organization_id: int
    category_id: int
    document_type_id: int | None
    year: int
    count: int


def published_cells() -> list[Cell]:
    """Every combination that has published items, with their number; cached."""
    return cached_cells(Item.objects.published())


def cached_cells(items) -> list[Cell]:
    """`cells_of(items)`, kept in the cache until the next first publication (or for ten minutes)."""
    digest = hashlib.sha256(str(items.query).encode()).hexdigest()
    key = f"catalog:cells:{digest}:{_version()}"
    cells = cache.get(key)
    if cells is None:
        cells = cells_of(items)
        cache.set(key, cells, SECONDS)
    return cells


def cells_of(items) -> list[Cell]:
    """The combinations of `items` with their numbers, in one grouped query."""
    rows = (
        items.order_by()
        .annotate(year=ExtractYear("published_on"))
        .values_list("organization_id", "category_id", "document_type_id", "year")
        .annotate(count=Count("pk"))
    )
    return [Cell(*row) for row in rows]


def _version() -> str:
    """Changes with every first publication: the counters of 索引号 are a table of a few rows."""
    state = IndexCounter.objects.aggregate(rows=Count("pk"), last=Max("pk"), serials=Sum("last_serial"))
    return "{rows}-{last}-{serials}".format(**state)


def tally(cells: list[Cell], by: str, **within: set[int] | None) -> Counter:
    """Counts per value of `by` ("organization_id", "year"…) among the cells whose other values are `within`.

    `within={"organization_id": {1, 2}}` keeps those organizations' cells; None keeps all.
    """
    kept = [
        cell
        for cell in cells
        if all(allowed is None or getattr(cell, name) in allowed for name, allowed in within.items())
    ]
    counts: Counter = Counter()
    for cell in kept:
        counts[getattr(cell, by)] += cell.count
    return counts
