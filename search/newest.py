"""PostgreSQL: the newest matches of a query and their count, reading as little text as it can.

The GIN index tells, without reading any text, which chunks hold every token of a query:
its candidates. For words of one or two characters that is the answer; a longer word's
bigrams may lie apart, so its candidates are checked against the chunk's text (strpos),
newest first and only as many as the page and the count need:

- At most CANDIDATE_LIMIT candidates: they come with their dates from the chunk rows, are
  sorted newest first and checked in that order until the page is full. The count is exact
  when at most CHECK_FOR_COUNT of them are left to check (all are checked), otherwise it is
  estimated from the share of checked candidates that matched, and shown as "约 N 条".
- More (a common word): the newest items are checked one by one until the page is full
  (a common word fills it at once), and the count is estimated from the share that matched.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from catalog.pagination import cached_count

from . import text
from .backends import backend

# Candidates checked, at most, to give an exact count; past that the count is estimated.
CHECK_FOR_COUNT = 500
CANDIDATE_LIMIT = 20_000
# Newest items checked for a common word before gathering all its candidates instead.
WALK_LIMIT = 5_000
CHECK_BATCH = 100


@dataclass
class Found:
    ids: list[int]  # up to `wanted` matching items, newest first
    count: int
    approximate: bool = False


def newest_matches(scope: QuerySet, words: list[str], wanted: int, filtered: bool, title_only: bool = False) -> Found:
    """The newest `wanted` items of `scope` holding every word (in the title alone with `title_only`).

    `filtered=False` promises that `scope` holds all published items (all that is indexed).
    """
    rows = backend().candidates(words, CANDIDATE_LIMIT, title_only)
    if rows is None:
        walked = _walk(scope, words, wanted, title_only)
        if walked is not None:
            return walked
        rows = backend().candidates(words, None, title_only)
    settled = all(text.settled_by_tokens(word) for word in words)
    ordered = list(dict.fromkeys(item_id for item_id, _ in rows))
    if settled:  # held tokens are held words; only items found through scattered chunks need a check
        unsettled = {item_id for item_id, scattered in rows if scattered}
        unsettled -= {item_id for item_id, scattered in rows if not scattered}
    else:
        unsettled = set(ordered)
    if filtered:
        ordered = _in_scope(scope, ordered)
    return _check_in_order(ordered, unsettled, words, wanted, title_only)


def _in_scope(scope: QuerySet, ids: list[int]) -> list[int]:
    """The candidates that `scope` holds, newest first, by one lookup of their ids."""
    in_scope = scope.extra(where=["catalog_item.id = ANY(%s)"], params=[ids])
    return list(in_scope.order_by("-published_on", "-pk").values_list("pk", flat=True))


def _check_in_order(ordered: list[int], unsettled: set[int], words, wanted: int, title_only: bool) -> Found:
    """Match candidates newest first until `wanted` are found and the count is known or estimated."""
    matched: list[int] = []
    checked = passed = 0
    left_to_check = sum(1 for item_id in ordered if item_id in unsettled)
    for start in range(0, len(ordered), CHECK_BATCH):
        if len(matched) >= wanted and left_to_check > CHECK_FOR_COUNT:
            settled_left = sum(1 for item_id in ordered[start:] if item_id not in unsettled)
            share = passed / checked if checked else 1.0
            estimate = len(matched) + settled_left + round(left_to_check * share)
            return Found(matched[:wanted], estimate, approximate=True)
        batch = ordered[start : start + CHECK_BATCH]
        to_check = [item_id for item_id in batch if item_id in unsettled]
        held = _holding(to_check, words, title_only) if to_check else set()
        matched.extend(item_id for item_id in batch if item_id not in unsettled or item_id in held)
        checked, passed, left_to_check = checked + len(to_check), passed + len(held), left_to_check - len(to_check)
    return Found(matched[:wanted], len(matched))


def _holding(item_ids: list[int], words: list[str], title_only: bool) -> set[int]:
    """Those of the items whose text (or title) holds every word."""
    condition, params = backend().contains("candidate.id", words, title_only)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT candidate.id FROM unnest(%s::bigint[]) AS candidate(id) WHERE {condition}", [item_ids, *params]
        )
        return {row[0] for row in cursor.fetchall()}


def _walk(scope: QuerySet, words: list[str], wanted: int, title_only: bool) -> Found | None:
    """Check the newest items of `scope` one by one, or None when WALK_LIMIT of them hold too few matches.

    One query: PostgreSQL reads the newest items by index and stops at the `wanted`-th match.
    """
    order = [F("published_on").desc(), F("pk").desc()]
    newest = scope.order_by(*order).annotate(rank=Window(RowNumber(), order_by=order))
    inner, inner_params = newest.values("pk", "published_on", "rank")[:WALK_LIMIT].query.sql_with_params()
    condition, params = backend().contains("newest.pk", words, title_only)
    sql = (
        f"SELECT newest.pk, newest.rank FROM ({inner}) newest WHERE {condition} "
        "ORDER BY newest.published_on DESC, newest.pk DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params, wanted])
        rows = cursor.fetchall()
    if len(rows) < wanted:
        return None
    examined = rows[-1][1]
    estimate = round(cached_count(scope) * len(rows) / examined)
    return Found([item_id for item_id, _ in rows], max(estimate, len(rows)), approximate=True)
