"""The pages the page cache may keep, by URL name, and the tags each one depends on.

Only these are ever cached: a page not named here (forms, search, staff pages, anything new) is rendered
for every request. Every page also depends on `frame` (the menus, the footer, the filter forms' choices).
"""

from collections.abc import Callable

from django.http import QueryDict
from django.urls import ResolverMatch

from . import cache_tags
from .cache_tags import GUIDES, ITEMS, REPORTS, STATISTICS


def _fixed(*tags: str) -> Callable[[ResolverMatch, QueryDict], list[str]]:
    return lambda match, query: list(tags)


def _item(match: ResolverMatch, query: QueryDict) -> list[str]:
    return [cache_tags.item_tag(match.kwargs["pk"])]


def _guide(match: ResolverMatch, query: QueryDict) -> list[str]:
    organization_id = match.kwargs.get("organization_id")
    return [cache_tags.guide_tag(organization_id) if organization_id else GUIDES]


def _api_item(match: ResolverMatch, query: QueryDict) -> list[str]:
    return [cache_tags.item_tag(match.kwargs["item_id"])]


def _organization_feed(match: ResolverMatch, query: QueryDict) -> list[str]:
    return [cache_tags.filter_tag("org", match.kwargs["organization_id"])]


PAGES: dict[str, Callable[[ResolverMatch, QueryDict], list[str]]] = {
    "catalog:home": _fixed(ITEMS),
    "catalog:item_list": _fixed(ITEMS),  # filtered or not, its trees count every item
    "catalog:item_detail": _item,
    "catalog:item_print": _item,
    "catalog:guide": _guide,
    "catalog:guide_for": _guide,
    "catalog:feed_rss": _fixed(ITEMS),
    "catalog:feed_atom": _fixed(ITEMS),
    "catalog:category_rss": _fixed(ITEMS),
    "catalog:category_atom": _fixed(ITEMS),
    "catalog:organization_rss": _organization_feed,
    "catalog:organization_atom": _organization_feed,
    "catalog:sitemap": _fixed(ITEMS),
    "catalog:sitemap_section": _fixed(ITEMS),
    "annual_reports:index": _fixed(REPORTS),
    "annual_reports:detail": _fixed(REPORTS),
    "annual_reports:statistics": _fixed(STATISTICS, ITEMS),
    "annual_reports:organization_statistics": _fixed(STATISTICS, ITEMS),
    # open data (/api/v1/); the streamed exports are never stored, whatever this list says
    "open_data:docs": _fixed(),
    "open_data:openapi-json": _fixed(),
    "open_data:items": _fixed(ITEMS),
    "open_data:item": _api_item,
    "open_data:organizations": _fixed(),
    "open_data:categories": _fixed(),
    "open_data:topics": _fixed(),
    "open_data:organization_reports": _fixed(REPORTS),
    "open_data:annual_report": _fixed(REPORTS),
    "open_data:statistics": _fixed(STATISTICS, ITEMS),
}


def page_tags(match: ResolverMatch, query: QueryDict) -> list[str] | None:
    """The tags of a cacheable page, `frame` first; None for a page that is never cached."""
    tags_of = PAGES.get(match.view_name)
    return None if tags_of is None else [cache_tags.FRAME, *tags_of(match, query)]
