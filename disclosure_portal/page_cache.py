"""A full-page cache for anonymous visitors, always fresh.

Only GET and HEAD requests for the pages named in `cached_pages.PAGES`, from visitors without a session or
a pending message, are looked up; only 200 responses that set no cookie (a page with a CSRF token sets
one: forms are never kept), say nothing `private` or `no-store` and carry no CSP nonce are stored. The key
is the host, path, sorted query and the display preferences (font size, contrast, 简/繁); the middleware
sits outside TraditionalChineseMiddleware, so the converted page is what is stored.

An entry keeps the tokens of the tags its page depends on, read *before* the page is rendered: a change
committed during the rendering bumps a token the entry does not have, and the entry is never served. It
lives PAGE_CACHE_SECONDS at most (the 访问次数 shown refreshes), never past midnight (dates in force change
with the day), and only until its newest change is PAGE_CACHE_SETTLE_SECONDS old when it was rendered
sooner than that after the change (the catalog's counts are cached for that long on their own).

Every answer carries ETag and Last-Modified and a conditional request gets 304, hit or miss.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta
from datetime import time as day_time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date

from .cache_tags import bumped_at, current_tokens
from .cached_pages import page_tags
from .preferences import read_preferences
from .visitors import has_personal_state

logger = logging.getLogger(__name__)

UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
ALLOWED_VARY = {"cookie", "accept-encoding"}
MARKER_HEADER = "X-Page-Cache"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _store():
    return caches[settings.PAGE_CACHE_ALIAS]


def cache_key(request: HttpRequest) -> str:
    query = "&".join(f"{key}={value}" for key, value in sorted(request.GET.lists()))
    preferences = read_preferences(request)
    parts = [request.scheme, request.get_host(), request.path, query, *vars(preferences).values()]
    return "page:" + hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()


class RecentPages:
    """The pages this process served last, so that a hit costs one read of shared state (the tokens), not two.
    Bounded, least recently used first out; an entry is served only while its tokens are current."""

    def __init__(self, size: int):
        self.size, self.entries = size, OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_recent = RecentPages(size=500)


class Lookup:
    """What the middleware knows of a cacheable request before rendering it."""

    def __init__(self, request: HttpRequest, tags: list[str]):
        self.key = cache_key(request)
        self.tokens = current_tokens(tags)
        self.changed_at = max(bumped_at(token) for token in self.tokens.values())

    def fresh_entry(self) -> dict | None:
        """The stored page if its tokens are still current: from this process's memory when it holds it, else
        from the shared store (then kept in memory too). Only the tokens are always read from shared state."""
        entry = _recent.get(self.key)
        if not self._current(entry):
            entry = _store().get(self.key)
            if entry is not None:
                _recent.put(self.key, entry)
        return entry if self._current(entry) else None

    def _current(self, entry: dict | None) -> bool:
        return entry is not None and entry["tokens"] == self.tokens and entry["expires_at"] > time.time()

    def store(self, entry: dict, lifetime: int) -> None:
        entry["expires_at"] = time.time() + lifetime
        _store().set(self.key, entry, lifetime)
        _recent.put(self.key, entry)

    def lifetime(self, now: float) -> int:
        """Seconds to keep a page rendered `now`."""
        seconds = float(settings.PAGE_CACHE_SECONDS)
        settle = settings.PAGE_CACHE_SETTLE_SECONDS
        if now - self.changed_at < settle:
            seconds = min(seconds, self.changed_at + settle - now)
        midnight = datetime.combine(timezone.localdate() + timedelta(days=1), day_time())
        tomorrow = timezone.make_aware(midnight)
        return max(0, int(min(seconds, tomorrow.timestamp() - now)))


def cacheable(request: HttpRequest) -> tuple[ResolverMatch, list[str]] | None:
    """The page's URL match and tags when it may come from the cache."""
    if request.method not in ("GET", "HEAD") or has_personal_state(request):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    tags = page_tags(match, request.GET)
    return None if tags is None else (match, tags)


def storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    if "nonce-" in response.get("Content-Security-Policy", ""):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= ALLOWED_VARY


def _entry(response: HttpResponse, tokens: dict[str, str], rendered_at: float) -> dict:
    return {
        "tokens": tokens,
        "status": response.status_code,
        "headers": dict(response.items()),
        "content": response.content,
        "rendered_at": rendered_at,
    }


def _response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _shared_headers(response: HttpResponse, rendered_at: float) -> None:
    """Validators, and a short shared lifetime for a reverse proxy or CDN (browsers revalidate each time)."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    response["Last-Modified"] = http_date(rendered_at)
    patch_cache_control(
        response, public=True, max_age=0, must_revalidate=True, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
    )
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page = cacheable(request) if enabled() else None
        if page is None:
            return self.get_response(request)
        match, tags = page
        try:
            lookup = Lookup(request, tags)
            entry = lookup.fresh_entry()
        except Exception:  # the cache is down: the page is rendered, as if there were no cache
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            on_hit(match)
            return self._answer(request, _response(entry), entry["rendered_at"], "hit")
        request.page_changed_at = lookup.changed_at  # disclosure_portal.replicas reads it
        rendered_at = time.time()
        response = self.get_response(request)
        if not storable(response):
            return self._mark(response, "miss")
        _shared_headers(response, rendered_at)
        lifetime = lookup.lifetime(rendered_at)
        if lifetime:
            try:
                lookup.store(_entry(response, lookup.tokens, rendered_at), lifetime)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        return self._answer(request, response, rendered_at, "miss")

    def _answer(self, request: HttpRequest, response: HttpResponse, rendered_at: float, outcome: str):
        response = get_conditional_response(
            request, etag=response.get("ETag"), last_modified=int(rendered_at), response=response
        )
        return self._mark(response, outcome)

    def _mark(self, response: HttpResponse, outcome: str) -> HttpResponse:
        if settings.DIAGNOSTIC_HEADERS:
            response[MARKER_HEADER] = outcome
        return response


def on_hit(match: ResolverMatch) -> None:
    """What the view would have done besides rendering: count the view of an item page."""
    if match.view_name == "catalog:item_detail":
        from catalog import counters

        counters.record_view(match.kwargs["pk"])
