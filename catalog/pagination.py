"""Pagination whose total is cached: COUNT(*) over a large catalog costs more than the page itself.

The total is kept under the same publication version as the tree's counts beside it (catalog.distribution),
so a first publication changes both at once: a list never says "共 0 条" above the row it shows.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_SECONDS = 60


def cached_count(queryset: QuerySet, seconds: int = COUNT_SECONDS) -> int:
    """The number of rows of `queryset`, as counted at most `seconds` ago or at the last first publication."""
    from .distribution import publication_version

    query = hashlib.sha256(str(queryset.query).encode()).hexdigest()
    key = f"catalog:count:{query}:{publication_version()}"
    total = cache.get(key)
    if total is None:
        total = queryset.count()
        cache.set(key, total, seconds)
    return total


def two_figures(number: int) -> int:
    """An estimate said with the precision it has: 12,345 as 12,000."""
    scale = 10 ** max(0, len(str(number)) - 2)
    return round(number / scale) * scale


class CachedCountPaginator(Paginator):
    """The total ("共 N 条") may lag a repeal by up to a minute; the page's rows never do."""

    @cached_property
    def count(self) -> int:
        return cached_count(self.object_list)

    def page(self, number):
        """Slice by page size alone, so a stale total never hides rows that exist."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)
