"""Searching published items: matching, counting and the page of results."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext

from catalog.models import Item
from catalog.pagination import two_figures

from .backends import COUNT_CAP, backend
from .highlight import Part, highlight, snippet
from .indexing import html_to_text

if TYPE_CHECKING:
    from .postgres_matches import Found

PAGE_SIZE = 20
# Facets are counted from at most this many matches; past it they are estimates.
FACET_SAMPLE = 5_000
LAST_PAGE = COUNT_CAP // PAGE_SIZE
SORTS = ("date", "relevance")


@dataclass(frozen=True)
class Tally:
    """How many items matched, as the reader is told it."""

    number: int
    at_least: bool = False  # counting stopped at COUNT_CAP (SQLite, the scan)
    approximate: bool = False  # estimated from the matches checked (PostgreSQL)

    def __str__(self) -> str:
        if self.approximate:
            return gettext("约 %(count)s 条") % {"count": f"{two_figures(self.number):,}"}
        if self.at_least:
            return gettext("%(count)s 条以上") % {"count": f"{self.number:,}"}
        return gettext("%(count)s 条") % {"count": f"{self.number:,}"}


def matching(queryset: QuerySet, words: list[str], title_only: bool = False) -> QuerySet:
    """Items of `queryset` whose text contains every word."""
    for word in words:
        sql, params = backend().match(word, title_only=title_only)
        queryset = queryset.filter(pk__in=RawSQL(sql, params))
    return queryset


def capped_count(queryset: QuerySet) -> Tally:
    """The number of rows up to COUNT_CAP, and whether there are more."""
    found = queryset.order_by()[: COUNT_CAP + 1].count()
    return Tally(min(found, COUNT_CAP), at_least=found > COUNT_CAP)


def count_matches(queryset: QuerySet, words: list[str], filtered: bool = True) -> Tally:
    """How many published items of `queryset` contain every word.

    `filtered=False` promises that `queryset` holds all published items, which keeps the count cheap.
    """
    published = queryset.published()
    found = backend().newest_matches(published, words, 1, filtered)
    if found is not None:
        return Tally(found.count, approximate=found.approximate)
    return capped_count(matching(published, words))


def ordered(queryset: QuerySet, words: list[str], sort: str) -> QuerySet:
    if sort == "relevance":
        in_title = matching(Item.objects.all(), words, title_only=True).values("pk")
        rank = Case(When(Q(pk__in=in_title), then=Value(1)), default=Value(0), output_field=IntegerField())
        return queryset.annotate(title_rank=rank).order_by("-title_rank", "-published_on", "-pk")
    return queryset.order_by("-published_on", "-pk")


@dataclass
class Hit:
    item: Item
    title: list[Part]
    snippet: list[Part]


@dataclass
class SearchResults:
    words: list[str]
    hits: list[Hit]
    tally: Tally
    page: int
    has_next: bool
    suggestions: list[dict] = field(default_factory=list)
    # The matching items the facets are counted from (their ids, or a query): all of them, or a sample when `sampled`.
    matches: QuerySet | list[int] | None = None
    sampled: bool = False

    @property
    def count(self) -> int:
        return self.tally.number

    @property
    def last_page(self) -> int:
        return max(self.page, min(LAST_PAGE, -(-self.count // PAGE_SIZE)))

    @property
    def truncated(self) -> bool:
        """Whether there are more results than the pages list."""
        return self.tally.at_least or self.count > COUNT_CAP


def make_hit(item: Item, words: list[str]) -> Hit:
    body = html_to_text(item.body)
    parts = snippet(item.summary, words) or snippet(body, words)
    if parts is None:
        lead = (item.summary or body).strip()
        parts = [(lead[:120] + ("…" if len(lead) > 120 else ""), False)]
    return Hit(item=item, title=highlight(item.title, words), snippet=parts)


def search(
    queryset: QuerySet, words: list[str], sort: str = "date", page: int = 1, filtered: bool = True
) -> SearchResults:
    """The `page`-th page of published items of `queryset` containing every word.

    `filtered=False` promises that `queryset` holds all published items, which keeps the count cheap.
    """
    published = queryset.published()
    page = max(1, min(page, LAST_PAGE))
    wanted = page * PAGE_SIZE + 1
    newest = backend().newest_matches(published, words, wanted, filtered)
    if newest is not None:
        return _page_of_newest(published, newest, words, sort, page, wanted, filtered)
    found = matching(published, words)
    tally = capped_count(found)
    page = max(1, min(page, -(-tally.number // PAGE_SIZE)))
    start = (page - 1) * PAGE_SIZE
    rows = list(ordered(found, words, sort).select_related("organization")[start : start + PAGE_SIZE + 1])
    hits = [make_hit(item, words) for item in rows[:PAGE_SIZE]]
    return SearchResults(words=words, hits=hits, tally=tally, page=page, has_next=len(rows) > PAGE_SIZE, matches=found)


def _page_of_newest(
    published: QuerySet, found: "Found", words: list[str], sort: str, page: int, wanted: int, filtered: bool
) -> SearchResults:
    """The page from the `wanted` newest matches the backend found (see search.postgres_matches)."""
    ids = found.ids
    if sort == "relevance":
        in_title = backend().newest_matches(published, words, wanted, filtered, title_only=True)
        assert in_title is not None  # the backend that found `found` finds title matches too
        # Fewer than `wanted` title matches are all of them, so the rest of the page is
        # the newest other matches, found among the newest `wanted` matches.
        titled = set(in_title.ids)
        ids = [*in_title.ids, *(pk for pk in ids if pk not in titled)][:wanted]
    page = max(1, min(page, -(-len(ids) // PAGE_SIZE)))  # past the last match: its page
    window = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    items = published.filter(pk__in=window).select_related("organization").in_bulk()
    return SearchResults(
        words=words,
        hits=[make_hit(items[pk], words) for pk in window],
        tally=Tally(found.count, approximate=found.approximate),
        page=page,
        has_next=len(ids) > page * PAGE_SIZE,
        # The matches the engine checked anyway: facets cost one grouped query over them, no further search.
        matches=found.matched[:FACET_SAMPLE],
        sampled=found.approximate or len(found.matched) > FACET_SAMPLE,
    )
