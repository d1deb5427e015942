"""PostgreSQL: the newest matches of a query and their count, reading as little text as it can.

The GIN index tells, without reading any text, which chunks hold every token of a query:
its candidates. For words of one or two characters that is the answer; a longer word's
bigrams may lie apart, so its candidates are checked against the chunk's text (strpos).
Exact counts of common words are the slow part of every method, so past COUNT_CAP
the count is an estimate, said as "约 N 条"; the page itself is always exact.

1. The newest PROBE items are checked one by one (a common word fills the page from them)
   and the share of matches among them predicts how many there are.
2. Predicted many: the newest items are checked on, up to WALK_LIMIT.
3. Some (more than WINDOW_ABOVE): the index intersects the words' tokens with those of the
   newest months, chosen to hold about WINDOW times the matches wanted; only those
   candidates are read and checked.
4. Fewer (a rare word), or too few in those months: every candidate, newest first,
   checked until the page is full and, when at most COUNT_CAP are left, all of them.

Estimates scale the share of matches found among what was checked to the whole scope.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from catalog.pagination import cached_count

from . import text
from .backends import COUNT_CAP, backend

# Newest items checked first: a common word fills the page from them, without the index,
# and the share of matches among them predicts how many there are.
PROBE = 200
# Predicted matches above which checking the newest items one by one beats gathering
# every candidate from the index (measured: about 18 µs per item checked, 1.2 µs per candidate).
WALK_ABOVE = 40_000
# Candidate chunks gathered from the index at most at once (about 6 ms); more, and the newest
# months come first. Not WALK_LIMIT: a candidate costs a fifteenth of an item checked.
CANDIDATE_LIMIT = 5_000
# The newest months looked at first are chosen to hold about this many times the matches sought;
# below this many predicted matches, gathering all candidates is as cheap (and PostgreSQL, seeing
# a small table, may not use the index for a query over many months).
WINDOW = 4
WINDOW_ABOVE = 2_000
# Newest items checked one by one at most (about 90 ms) before gathering all candidates instead.
WALK_LIMIT = 5_000
CHECK_BATCH = 100
# Matches sought at least, even for a count alone, so that an estimate rests on a sample.
SAMPLE = 21


@dataclass
class Found:
    ids: list[int]  # up to `wanted` matching items, newest first
    count: int
    approximate: bool = False
    # Every match checked on the way, newest first: all of them when the count is exact, else a sample
    # (what search facets are counted from, at no extra cost to the page).
    matched: list[int] = field(default_factory=list)


@dataclass
class Walk:
    """What checking the newest items one by one found."""

    ids: list[int]  # matches, newest first
    examined: int  # how many of the newest were checked
    exhausted: bool  # all of the scope was checked


def newest_matches(scope: QuerySet, words: list[str], wanted: int, filtered: bool, title_only: bool = False) -> Found:
    """The newest `wanted` items of `scope` holding every word (in the title alone with `title_only`).

    `filtered=False` promises that `scope` holds all published items (all that is indexed).
    """
    total = cached_count(scope)
    # In a small scope every item is checked and the count is exact.
    sought = max(wanted, SAMPLE) if total > PROBE else PROBE + 1
    walk = _walk(scope, words, sought, filtered, title_only, PROBE)
    predicted = _predicted(walk, total)
    if not _done(walk, sought) and predicted > WALK_ABOVE:
        walk = _walk(scope, words, sought, filtered, title_only, WALK_LIMIT)
    if _done(walk, sought):
        return _counted(walk, wanted, total)
    found = _in_newest_months(scope, predicted, words, sought, filtered, title_only, total)
    if found is not None:
        return Found(found.ids[:wanted], found.count, found.approximate, found.matched)
    rows = backend().candidates(words, CANDIDATE_LIMIT, title_only)
    if rows is None:  # more candidates than the newest items suggested: at least CANDIDATE_LIMIT
        found = _in_newest_months(scope, max(predicted, CANDIDATE_LIMIT), words, sought, filtered, title_only, total)
        if found is not None:
            return Found(found.ids[:wanted], found.count, found.approximate, found.matched)
        if walk.examined < WALK_LIMIT:
            walk = _walk(scope, words, sought, filtered, title_only, WALK_LIMIT)
        if _done(walk, sought):
            return _counted(walk, wanted, total)
        rows = backend().candidates(words, None, title_only)
    return _from_candidates(scope, rows, words, wanted, filtered, title_only)


def _counted(walk: Walk, wanted: int, total: int) -> Found:
    """The walk's matches, counted exactly if it checked the whole scope, else estimated from their share."""
    if walk.exhausted:
        return Found(walk.ids[:wanted], len(walk.ids), matched=walk.ids)
    estimate = round(total * len(walk.ids) / walk.examined)
    return Found(walk.ids[:wanted], max(estimate, len(walk.ids)), approximate=True, matched=walk.ids)


def _in_newest_months(
    scope: QuerySet, predicted: float, words: list[str], wanted: int, filtered: bool, title_only: bool, total: int
) -> Found | None:
    """The newest matches among the candidates of the newest months, or None if they hold too few.

    The months are chosen to hold about WINDOW times the matches wanted, by the number of
    matches `predicted`; the index then intersects the words' tokens with the months' own,
    so only candidates in those months are read and checked.
    """
    if predicted <= WINDOW_ABOVE:
        return None
    rows_wanted = round(WINDOW * wanted * total / predicted)
    if rows_wanted >= total // 2:
        return None
    dates = scope.order_by("-published_on").values_list("published_on", flat=True)
    newest, since = dates.first(), dates[rows_wanted : rows_wanted + 1].first()
    if newest is None or since is None:
        return None
    since = since.replace(day=1)
    rows = backend().candidates(words, CANDIDATE_LIMIT, title_only, months=(since, newest))
    if rows is None:
        return None
    found = _from_candidates(scope, rows, words, wanted, filtered, title_only, exact=False)
    if len(found.ids) < wanted:
        return None
    in_months = scope.filter(published_on__gte=since).count()
    return Found(found.ids, round(found.count * total / max(in_months, 1)), approximate=True, matched=found.matched)


def _done(walk: Walk, wanted: int) -> bool:
    return len(walk.ids) >= wanted or walk.exhausted


def _predicted(probe: Walk, total: int) -> float:
    """How many matches the share of them among the newest items predicts."""
    return len(probe.ids) * total / probe.examined if probe.examined else 0.0


def _from_candidates(
    scope: QuerySet, rows: list[tuple], words, wanted: int, filtered: bool, title_only: bool, exact: bool = True
) -> Found:
    ordered = list(dict.fromkeys(item_id for item_id, _ in rows))
    if all(text.settled_by_tokens(word) for word in words):
        # Held tokens are held words; only items found through scattered chunks need a check.
        unsettled = {item_id for item_id, scattered in rows if scattered}
        unsettled -= {item_id for item_id, scattered in rows if not scattered}
    else:
        unsettled = set(ordered)
    if filtered:
        ordered = _in_scope(scope, ordered)
    return _check_in_order(ordered, unsettled, words, wanted, title_only, COUNT_CAP if exact else 0)


def _in_scope(scope: QuerySet, ids: list[int]) -> list[int]:
    """The candidates that `scope` holds, newest first, by one lookup of their ids."""
    in_scope = scope.extra(where=["catalog_item.id = ANY(%s)"], params=[ids])
    return list(in_scope.order_by("-published_on", "-pk").values_list("pk", flat=True))


def _check_in_order(
    ordered: list[int], unsettled: set[int], words, wanted: int, title_only: bool, check_for_count: int
) -> Found:
    """Match candidates newest first until `wanted` are found, and all if at most `check_for_count` are left."""
    matched: list[int] = []
    checked = passed = 0
    left_to_check = sum(1 for item_id in ordered if item_id in unsettled)
    batch_size = max(len(ordered), 1) if left_to_check <= check_for_count else CHECK_BATCH  # all at once
    for start in range(0, len(ordered), batch_size):
        if len(matched) >= wanted and left_to_check > check_for_count:
            settled_left = sum(1 for item_id in ordered[start:] if item_id not in unsettled)
            share = passed / checked if checked else 1.0
            estimate = len(matched) + settled_left + round(left_to_check * share)
            return Found(matched[:wanted], estimate, approximate=True, matched=matched)
        batch = ordered[start : start + batch_size]
        to_check = [item_id for item_id in batch if item_id in unsettled]
        held = _holding(to_check, words, title_only) if to_check else set()
        matched.extend(item_id for item_id in batch if item_id not in unsettled or item_id in held)
        checked, passed, left_to_check = checked + len(to_check), passed + len(held), left_to_check - len(to_check)
    return Found(matched[:wanted], len(matched), matched=matched)


def _holding(item_ids: list[int], words: list[str], title_only: bool) -> set[int]:
    """Those of the items whose text (or title) holds every word."""
    condition, params = backend().contains("candidate.id", words, title_only)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT candidate.id FROM unnest(%s::bigint[]) AS candidate(id) WHERE {condition}", [item_ids, *params]
        )
        return {row[0] for row in cursor.fetchall()}


def _walk(scope: QuerySet, words: list[str], wanted: int, filtered: bool, title_only: bool, limit: int) -> Walk:
    """Check the newest `limit` items of `scope` one by one, stopping at the `wanted`-th match.

    One query: PostgreSQL reads the newest rows by index and stops at the last match needed.
    In all published items the chunks are read by their own date index (the item rows are
    far wider); in a filtered scope, the items.
    """
    by_chunk = not filtered and not title_only
    newest, params = _chunk_rows(limit) if by_chunk else _item_rows(scope, limit)
    condition, condition_params = _in_chunk(words) if by_chunk else backend().contains("newest.pk", words, title_only)
    spare = 4 if by_chunk else 0  # a long text may match in two chunks
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT newest.pk, newest.rank FROM ({newest}) newest WHERE {condition} "
            "ORDER BY newest.published_on DESC, newest.pk DESC LIMIT %s",
            [*params, *condition_params, wanted + spare],
        )
        rows = cursor.fetchall()
    ranks = {}
    for pk, rank in rows:
        ranks.setdefault(pk, rank)
    if len(ranks) >= wanted:
        ids = list(ranks)[:wanted]
        return Walk(ids, examined=ranks[ids[-1]], exhausted=False)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({newest}) newest", params)
        examined = cursor.fetchone()[0]
    return Walk(list(ranks), examined=examined, exhausted=examined < limit)


def _in_chunk(words: list[str]) -> tuple[str, list]:
    """The chunk holds every word; or, for words apart in a long text, the item does."""
    here = " AND ".join(["strpos(newest.text, %s) > 0"] * len(words))
    if len(words) == 1:  # a word lies wholly in one chunk
        return here, list(words)
    apart, apart_params = backend().contains("newest.pk", words)
    long_text = "EXISTS (SELECT 1 FROM search_searchchunk later WHERE later.item_id = newest.pk AND later.seq > 1)"
    return f"(({here}) OR ({long_text} AND {apart}))", [*words, *apart_params]


def _chunk_rows(limit: int) -> tuple[str, list]:
    return (
        "SELECT item_id AS pk, published_on, text, "
        "row_number() OVER (ORDER BY published_on DESC, item_id DESC) AS rank FROM search_searchchunk "
        "WHERE seq >= 1 ORDER BY published_on DESC, item_id DESC LIMIT %s"  # as search_chunk_newest
    ), [limit]


def _item_rows(scope: QuerySet, limit: int) -> tuple[str, list]:
    order = [F("published_on").desc(), F("pk").desc()]
    newest = scope.order_by(*order).annotate(rank=Window(RowNumber(), order_by=order))
    return newest.values("pk", "published_on", "rank")[:limit].query.sql_with_params()
