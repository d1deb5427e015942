"""Searching published items: matching, counting, the first pages, misses and suggestions."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from catalog.models import Item

from . import text
from .backends import backend
from .highlight import Part, highlight, snippet
from .indexing import html_to_text
from .models import MissedQuery

PAGE_SIZE = 20
# Counting every match of a very common word is the slow part of any search; past this
# many the page says "500 条以上" instead of making the reader wait.
COUNT_CAP = 500
SORTS = ("date", "relevance")
# When a query matches more than COUNT_CAP items, its newest matches are found by testing
# the newest items batch by batch, up to this many, before gathering every match instead.
WALK_BATCH = 200
WALK_BUDGET = 2000

_INDEX_NUMBER = re.compile(r"^[0-9A-Za-z-]+/\d{4}-\d{1,6}$")
_LONG_NUMBER = re.compile(r"\d{7,}[xX]?")
_EMAIL = re.compile(r"\S+@\S+")


def matching(queryset: QuerySet, words: list[str], title_only: bool = False) -> QuerySet:
    """Items of `queryset` whose text contains every word."""
    for word in words:
        sql, params = backend().match(word, title_only=title_only)
        queryset = queryset.filter(pk__in=RawSQL(sql, params))
    return queryset


def capped_count(queryset: QuerySet, cap: int | None = None) -> tuple[int, bool]:
    """The number of rows up to `cap` (COUNT_CAP by default), and whether there are more."""
    cap = COUNT_CAP if cap is None else cap
    found = queryset.order_by()[: cap + 1].count()
    return min(found, cap), found > cap


def indexed_matches(queryset: QuerySet, words: list[str], filtered: bool = True) -> set[int] | None:
    """Every item of `queryset` containing all the words, or None when there are more than COUNT_CAP.

    PostgreSQL only. Chunk rows holding every word are read lazily under a LIMIT, so a
    common word costs COUNT_CAP phrase checks, not one per match. Several words may also
    lie in different chunks of a long text: those items have a matching tail chunk (seq > 1),
    found through its own small index, and are checked item by item.
    """
    chosen = backend()
    limit = COUNT_CAP + 11  # a few spare rows: a long item may match in two chunks
    # Only published items are indexed: without filters every chunk row is in scope.
    scope, scope_params = queryset.values("pk").query.sql_with_params() if filtered else (None, ())
    sql, params = chosen.chunk_matches(words, limit, scope)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params[:1], *scope_params, *params[1:]])
        rows = [row[0] for row in cursor.fetchall()]
    found = set(rows)
    if len(rows) == limit:
        return None if len(found) > COUNT_CAP else _exact_ids(queryset, words)
    if len(words) > 1:
        tails = chosen.tail_matches(words) - found
        if tails:
            where, params = chosen.exists_per_item(words)
            found |= set(queryset.filter(pk__in=tails).extra(where=where, params=params).values_list("pk", flat=True))
    return None if len(found) > COUNT_CAP else found


def count_matches(queryset: QuerySet, words: list[str], filtered: bool = True) -> tuple[int, bool]:
    """How many published items of `queryset` contain every word, up to COUNT_CAP, and whether more do.

    `filtered=False` promises that `queryset` holds all published items, which keeps the count cheap.
    """
    published = queryset.published()
    if backend().lazy_count:
        ids = indexed_matches(published, words, filtered)
        return (COUNT_CAP, True) if ids is None else (len(ids), False)
    return capped_count(matching(published, words))


def _exact_ids(queryset: QuerySet, words: list[str]) -> set[int] | None:
    ids = list(matching(queryset, words).values_list("pk", flat=True)[: COUNT_CAP + 1])
    return None if len(ids) > COUNT_CAP else set(ids)


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
class Outcome:
    words: list[str]
    hits: list[Hit]
    count: int
    more: bool
    page: int
    has_next: bool
    suggestions: list[dict] = field(default_factory=list)

    @property
    def last_page(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


def make_hit(item: Item, words: list[str]) -> Hit:
    body = html_to_text(item.body)
    parts = snippet(item.summary, words) or snippet(body, words)
    if parts is None:
        lead = (item.summary or body).strip()
        parts = [(lead[:120] + ("…" if len(lead) > 120 else ""), False)]
    return Hit(item=item, title=highlight(item.title, words), snippet=parts)


def search(queryset: QuerySet, words: list[str], sort: str = "date", page: int = 1, filtered: bool = True) -> Outcome:
    """The `page`-th page of published items of `queryset` containing every word.

    `filtered=False` promises that `queryset` holds all published items, which keeps the count cheap.
    """
    published = queryset.published()
    if backend().lazy_count:
        found, count, more = _indexed_page_source(published, words, sort, filtered, min(page, COUNT_CAP // PAGE_SIZE))
    else:
        found = matching(published, words)
        count, more = capped_count(found)
    page = max(1, min(page, max(1, -(-count // PAGE_SIZE))))
    start = (page - 1) * PAGE_SIZE
    rows = list(ordered(found, words, sort).select_related("organization")[start : start + PAGE_SIZE + 1])
    hits = [make_hit(item, words) for item in rows[:PAGE_SIZE]]
    return Outcome(words=words, hits=hits, count=count, more=more, page=page, has_next=len(rows) > PAGE_SIZE)


def _indexed_page_source(
    published: QuerySet, words: list[str], sort: str, filtered: bool, page: int
) -> tuple[QuerySet, int, bool]:
    """The items to page through, their count and whether it is capped (PostgreSQL)."""
    ids = indexed_matches(published, words, filtered)
    if ids is not None:
        return published.filter(pk__in=ids), len(ids), False
    if sort == "date":
        newest = _walk_newest(published, words, page * PAGE_SIZE + 1)
        if newest is not None:
            return published.filter(pk__in=newest), COUNT_CAP, True
    return matching(published, words), COUNT_CAP, True


def _walk_newest(published: QuerySet, words: list[str], wanted: int) -> list[int] | None:
    """The newest `wanted` matches, testing items newest first in batches, or None past WALK_BUDGET items.

    A common word fills a page from the first batch; a middling one would need many batches,
    and gathering all its matches through the index is then the cheaper way.
    """
    where, params = backend().exists_per_item(words)
    newest = published.order_by("-published_on", "-pk").values_list("pk", flat=True)
    found: list[int] = []
    for start in range(0, WALK_BUDGET, WALK_BATCH):
        batch = list(newest[start : start + WALK_BATCH])
        matched = set(published.filter(pk__in=batch).extra(where=where, params=params).values_list("pk", flat=True))
        found.extend(pk for pk in batch if pk in matched)
        if len(found) >= wanted or len(batch) < WALK_BATCH:
            return found
    return None


def find_by_index_number(query: str) -> Item | None:
    """The published item whose 索引号 is exactly the query, typed in any width or case."""
    candidate = unicodedata.normalize("NFKC", query).strip()
    if not _INDEX_NUMBER.match(candidate):
        return None
    return Item.objects.published().filter(index_number__in={candidate, candidate.upper()}).first()


def anonymised(query: str) -> str:
    """The query without what could identify a person: long digit runs (phones, ID numbers), e-mails."""
    query = _EMAIL.sub("***", text.normalize(query))
    return _LONG_NUMBER.sub(lambda match: "*" * len(match.group()), query)[:200]


def record_miss(query: str) -> None:
    """Count a search that found nothing; no IP, user or time of day is kept."""
    kept = anonymised(query).strip()
    if not kept:
        return
    if MissedQuery.objects.filter(query=kept).update(times=F("times") + 1):
        return
    try:
        with transaction.atomic():
            MissedQuery.objects.create(query=kept)
    except IntegrityError:  # another request created it meanwhile
        MissedQuery.objects.filter(query=kept).update(times=F("times") + 1)


def suggestions(words: list[str], filtered: bool) -> list[dict]:
    """What a reader who found nothing could try: one word alone, or no filters."""
    tips = []
    published = Item.objects.published()
    if len(words) > 1:
        for word in words:
            found, more = count_matches(published, [word], filtered=False)
            if found:
                tips.append({"kind": "word", "query": word, "count": found, "more": more})
    if filtered:
        found, more = count_matches(published, words, filtered=False)
        if found:
            tips.append({"kind": "unfiltered", "query": " ".join(words), "count": found, "more": more})
    return tips
