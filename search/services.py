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


def count_matches(
    queryset: QuerySet, words: list[str], candidates: int | None = None, filtered: bool = True
) -> tuple[int, bool]:
    """How many items of `queryset` contain every word, up to COUNT_CAP, and whether there are more.

    `filtered` says whether the queryset narrows published items (organization, year…).
    """
    chosen = backend()
    if chosen.lazy_count and (candidates is None or candidates > COUNT_CAP):
        limit = COUNT_CAP + 11
        sql, params = chosen.chunk_matches(words, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [row[0] for row in cursor.fetchall()]
        # Every row holds all the words, and only published items are indexed.
        found = set(rows)
        if filtered and found:
            found = set(queryset.filter(pk__in=found).values_list("pk", flat=True))
        if len(found) > COUNT_CAP:
            return COUNT_CAP, True
        if len(rows) < limit and len(words) == 1:
            return len(found), False  # one word always lies inside one chunk: this is every match
    # Few candidates, or several words that may lie in different chunks of a long text: count exactly.
    return capped_count(matching(queryset, words))


def _walk_in_date_order(queryset: QuerySet, words: list[str], candidates: int | None) -> bool:
    """Whether testing items newest first finds a page sooner than gathering every match.

    Walking costs about PAGE_SIZE × items / matches tests, gathering one test per match:
    walk when the matches outnumber the square root of PAGE_SIZE × items.
    """
    if candidates is None or not backend().lazy_count:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_item'")
        items = max(0.0, cursor.fetchone()[0])
    return candidates * candidates > PAGE_SIZE * items


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

    `filtered=False` promises that `queryset` is all published items, which saves a query.
    """
    published = queryset.published()
    candidates = backend().candidate_count(words) if backend().lazy_count else None
    count, more = count_matches(published, words, candidates, filtered)
    page = max(1, min(page, max(1, -(-count // PAGE_SIZE))))
    if sort == "date" and _walk_in_date_order(published, words, candidates):
        where, params = backend().exists_per_item(words)
        found = published.extra(where=where, params=params)
    else:
        found = matching(published, words)
    start = (page - 1) * PAGE_SIZE
    rows = list(ordered(found, words, sort).select_related("organization")[start : start + PAGE_SIZE + 1])
    hits = [make_hit(item, words) for item in rows[:PAGE_SIZE]]
    return Outcome(words=words, hits=hits, count=count, more=more, page=page, has_next=len(rows) > PAGE_SIZE)


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
            count, more = capped_count(matching(published, [word]))
            if count:
                tips.append({"kind": "word", "query": word, "count": count, "more": more})
    if filtered:
        count, more = capped_count(matching(published, words))
        if count:
            tips.append({"kind": "unfiltered", "query": " ".join(words), "count": count, "more": more})
    return tips
