"""Tags that cached pages depend on, and their tokens.

A tag names a piece of data that pages show (`frame`, `items`, `item:42`, `items:org:7`…). Each tag has a
token in the shared cache (Redis, or the database cache table): a random string and the time it was made.
A cached page stores the token of every tag it depends on and is served only while all of them are still
current. A change replaces the tokens of the tags it affects (`bump`), after its transaction commits; the
old pages are never deleted, they simply stop matching. A token that is missing (evicted, or never made) is
made afresh, so it can never match a page stored under an older one.

Each process remembers the tokens it read, and trusts them while no tag has changed anywhere: every bump also
replaces one shared *epoch*, which each process looks at once per PAGE_CACHE_TOKEN_MS (half a second) at most.
A cached page is then served without reading shared state at all, however rarely it is asked for, and a change
made on another node shows after PAGE_CACHE_TOKEN_MS at most. A change made in this process shows at once.

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


# Every bump also replaces the epoch: while the epoch is the one this process saw, no tag has changed anywhere.
_EPOCH_KEY = _KEY_PREFIX + "@epoch"  # no tag starts with "@"

# tag -> token, read or made here while the shared epoch was `_memory.epoch`; emptied when it grows past
# REMEMBER_AT_MOST, since every item page has a tag of its own and a long-lived process would otherwise keep
# them all.
_remembered: dict[str, str] = {}
REMEMBER_AT_MOST = 20_000


class _Memory:
    epoch: str | None = None  # the shared epoch when the remembered tokens were read
    checked_at = float("-inf")  # time.monotonic() when the shared epoch was last found to be that one


_memory = _Memory()


@receiver(setting_changed)
def _forget_on_new_settings(setting: str, **kwargs) -> None:
    if setting in ("PAGE_CACHE_TOKEN_MS", "CACHES", "PAGE_CACHE_TAGS_ALIAS"):
        _forget()


def _forget() -> None:
    _remembered.clear()
    _memory.epoch, _memory.checked_at = None, float("-inf")


def _read_or_make(cache, keys: list[str]) -> dict[str, str]:
    """The token under each key, making any that is missing (`add`: concurrent makers agree on one)."""
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, new_token(), timeout=None)
            found[key] = cache.get(key) or new_token()
    return found


def _remembered_tokens(tags: list[str]) -> dict[str, str] | None:
    """The tokens of `tags` if this process has them all and no tag has changed since it read them (the shared
    epoch, looked at once per PAGE_CACHE_TOKEN_MS at most, is still the one it saw)."""
    if not settings.PAGE_CACHE_TOKEN_MS:
        return None
    now = time.monotonic()
    if now - _memory.checked_at >= settings.PAGE_CACHE_TOKEN_MS / 1000:
        epoch = _read_or_make(_cache(), [_EPOCH_KEY])[_EPOCH_KEY]
        if epoch != _memory.epoch:
            _forget()
            _memory.epoch = epoch
        _memory.checked_at = now
    tokens = {}
    for tag in tags:
        token = _remembered.get(tag)
        if token is None:
            return None
        tokens[tag] = token
    return tokens


def _remember(tokens: dict[str, str]) -> None:
    if settings.PAGE_CACHE_TOKEN_MS and _memory.epoch is not None:
        if len(_remembered) + len(tokens) > REMEMBER_AT_MOST:
            _remembered.clear()
        _remembered.update(tokens)


def current_tokens(tags: Iterable[str]) -> dict[str, str]:
    """The token of each tag, making any that is missing."""
    tags = list(dict.fromkeys(tags))
    remembered = _remembered_tokens(tags)
    if remembered is not None:
        return remembered
    # The epoch was read before these tokens: a bump in between shows as a new epoch at the next look.
    found = _read_or_make(_cache(), [_KEY_PREFIX + tag for tag in tags])
    tokens = {tag: found[_KEY_PREFIX + tag] for tag in tags}
    _remember(tokens)
    return tokens


def bump_now(tags: Iterable[str]) -> None:
    """Replace the tokens of `tags`, then the epoch: every page stored under the old tokens is stale from now on.

    This process remembers the new tokens but keeps the epoch it saw: a bump made on another node a moment
    before would otherwise go unnoticed here.
    """
    tags = set(tags)
    if tags:
        tokens = {tag: new_token() for tag in tags}
        cache = _cache()
        cache.set_many({_KEY_PREFIX + tag: token for tag, token in tokens.items()}, timeout=None)
        cache.set(_EPOCH_KEY, new_token(), timeout=None)
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
