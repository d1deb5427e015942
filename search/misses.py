"""What readers looked for: exact 索引号 lookups, searches that found nothing, and what to try instead."""

import re
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import Item
from disclosure_portal.personal import mask_personal_data

from . import text
from .models import MissedQuery
from .services import count_matches

_INDEX_NUMBER = re.compile(r"^[0-9A-Za-z-]+/\d{4}-\d{1,6}$")


def find_by_index_number(query: str) -> Item | None:
    """The published item whose 索引号 is exactly the query, typed in any width or case."""
    candidate = unicodedata.normalize("NFKC", query).strip()
    if not _INDEX_NUMBER.match(candidate):
        return None
    return Item.objects.published().filter(index_number__in={candidate, candidate.upper()}).first()


def anonymised(query: str) -> str:
    """The query without what could identify a person: long digit runs (phones, ID numbers), e-mails."""
    return mask_personal_data(text.normalize(query))[:200]


def record_miss(query: str) -> None:
    """Count a search that found nothing, one row per normalised query; no IP, user or time of day is kept.

    New queries are kept up to SEARCH_MISSES_PER_DAY a day: a robot sending endless distinct nonsense
    can grow the table by that much a day and no more (known queries are still counted)."""
    kept = " ".join(anonymised(query).split())
    if not kept:
        return
    if MissedQuery.objects.filter(query=kept).update(times=F("times") + 1):
        return
    if MissedQuery.objects.filter(first_seen=timezone.localdate()).count() >= settings.SEARCH_MISSES_PER_DAY:
        return
    try:
        with transaction.atomic():
            MissedQuery.objects.create(query=kept)
    except IntegrityError:  # another request created it meanwhile
        MissedQuery.objects.filter(query=kept).update(times=F("times") + 1)


def suggestions(words: list[str], filtered: bool) -> list[dict]:
    """What a reader who found nothing could try: one word alone, or no filters."""
    tries = [("word", [word]) for word in words] if len(words) > 1 else []
    tries += [("unfiltered", words)] if filtered else []
    tips = []
    for kind, tried in tries:
        tally = count_matches(Item.objects.published(), tried, filtered=False)
        if tally.number:
            tips.append({"kind": kind, "query": " ".join(tried), "tally": tally})
    return tips
