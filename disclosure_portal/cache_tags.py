"""Tags that cached pages depend on, and their tokens.

A tag names a piece of data that pages show (`frame`, `items`, `item:42`, `items:org:7`…). Each tag has a
token in the shared cache (Redis, or the database cache table): a random string and the time it was made.
A cached page stores the token of every tag it depends on and is served only while all of them are still
current. A change replaces the tokens of the tags it affects (`bump`), after its transaction commits; the
old pages are never deleted, they simply stop matching. A token that is missing (evicted, or never made) is
made afresh, so it can never match a page stored under an older one.

Each process remembers the tokens it read for PAGE_CACHE_TOKEN_MS (half a second): a cached page is then
served without reading shared state at all, and a change made on another node shows after that long at most.
A change made in this process shows at once.

The time in the token tells how recently a tag changed: a page whose tags changed within the last
REPLICA_MAX_LAG_SECONDS is rendered from the primary database (disclosure_portal.replicas).
"""

import time
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver

FRAME = "frame"  # organizations, categories, topics, document types, publication years: on every page
ITEMS = "items"  # any published item: unfiltered lists, home, feeds, site maps, statistics
REPORTS = "reports"  # annual reports
STATISTICS = "statistics"  # applications and the working-day calendar behind the statistics pages
GUIDES = "guides"  # any guide edition (the guide page without an organization shows the portal's own)

# Catalog filter parameter -> the dimension in its tag `items:<dimension>:<value>`.
FILTER_DIMENSIONS = {
    "organization": "org",
    "category": "category",
    "topic": "topic",
    "document_type": "type",
    "year": "year",
    "validity": "validity",
}

_KEY_PREFIX = "pagetag:"


def item_tag(pk: int) -> str:
    return f"item:{pk}"


def guide_tag(organization_id: int) -> str:
    return f"guide:{organization_id}"


def filter_tag(dimension: str, value) -> str:
    return f"items:{dimension}:{value}"


def _cache():
    return caches[settings.PAGE_CACHE_TAGS_ALIAS]


def new_token() -> str:
    return f"{uuid.uuid4().hex}:{time.time():.3f}"


def bumped_at(token: str) -> float:
    """When the token was made: the last change of its tag (or the moment a lost token was remade)."""
    return float(token.rpartition(":")[2])


# tag -> (token, time.monotonic() when it was read or made here); emptied when it grows past REMEMBER_AT_MOST,
# since every item page has a tag of its own and a long-lived process would otherwise keep them all.
_remembered: dict[str, tuple[str, float]] = {}
REMEMBER_AT_MOST = 20_000


@receiver(setting_changed)
def _forget_on_new_settings(setting: str, **kwargs) -> None:
    if setting in ("PAGE_CACHE_TOKEN_MS", "CACHES", "PAGE_CACHE_TAGS_ALIAS"):
        _remembered.clear()


def _remember(tokens: dict[str, str]) -> None:
    if len(_remembered) + len(tokens) > REMEMBER_AT_MOST:
        _remembered.clear()
    now = time.monotonic()
    for tag, token in tokens.items():
        _remembered[tag] = (token, now)


def _still_remembered(tags: list[str]) -> dict[str, str] | None:
    """The tokens of `tags` if this process read or made every one of them less than PAGE_CACHE_TOKEN_MS ago."""
    if not settings.PAGE_CACHE_TOKEN_MS:
        return None
    oldest = time.monotonic() - settings.PAGE_CACHE_TOKEN_MS / 1000
    tokens = {}
    for tag in tags:
        entry = _remembered.get(tag)
        if entry is None or entry[1] <= oldest:
            return None
        tokens[tag] = entry[0]
    return tokens


def current_tokens(tags: Iterable[str]) -> dict[str, str]:
    """The token of each tag, making any that is missing (`add`: concurrent makers agree on one)."""
    tags = list(dict.fromkeys(tags))
    remembered = _still_remembered(tags)
    if remembered is not None:
        return remembered
    cache = _cache()
    found = cache.get_many([_KEY_PREFIX + tag for tag in tags])
    tokens = {tag: found.get(_KEY_PREFIX + tag) for tag in tags}
    for tag, token in tokens.items():
        if token is None:
            cache.add(_KEY_PREFIX + tag, new_token(), timeout=None)
            tokens[tag] = cache.get(_KEY_PREFIX + tag) or new_token()
    _remember(tokens)
    return tokens


def bump_now(tags: Iterable[str]) -> None:
    """Replace the tokens of `tags`: every page stored under the old ones is stale from now on."""
    tags = set(tags)
    if tags:
        tokens = {tag: new_token() for tag in tags}
        _cache().set_many({_KEY_PREFIX + tag: token for tag, token in tokens.items()}, timeout=None)
        _remember(tokens)


def bump(tags: Iterable[str]) -> None:
    """Bump `tags` once the current transaction commits (at once outside one).

    Not before: a page rendered from the old rows between the bump and the commit would be stored under
    the new token and outlive the change. Robust: a cache that is down is logged, and never turns a
    committed change into an error page.
    """
    tags = set(tags)
    if tags:
        transaction.on_commit(lambda: bump_now(tags), robust=True)
