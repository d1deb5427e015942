"""What a subscription follows: the catalog's filters (ItemFilter) and the search words, kept as canonical JSON.

Matching reuses the catalog's filter and the search app's word matching, so a subscription finds exactly what
the same search on the site finds.
"""

import json

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from catalog.filters import ItemFilter
from catalog.models import Item
from search import services as search_services
from search import text

# The catalog filters a subscription may carry (a publication year would only ever match the past).
FILTERS = ("organization", "category", "topic", "document_type", "validity")
QUERY = "q"


def canonical(values: dict) -> str:
    """The criteria as stored: non-empty values only, as strings with their spaces and line breaks made single
    spaces (the words go into the digest's subject line), keys sorted (equal criteria, equal text)."""
    kept = {key: " ".join(str(values[key]).split()) for key in (QUERY, *FILTERS) if values.get(key) not in (None, "")}
    return json.dumps({key: value for key, value in kept.items() if value}, ensure_ascii=False, sort_keys=True)


def parse(criteria: str) -> dict:
    return json.loads(criteria or "{}")


def catalog_filter(values: dict) -> ItemFilter:
    return ItemFilter({key: values[key] for key in FILTERS if key in values})


def matches(criteria: str) -> QuerySet:
    """Published items that meet the criteria; none when a filter no longer resolves (a deleted category)."""
    values = parse(criteria)
    item_filter = catalog_filter(values)
    if not item_filter.is_valid():
        return item_filter.queryset.none()
    words = text.query_words(values.get(QUERY, ""))
    found = item_filter.qs
    return search_services.matching(found, words) if words else found


def describe(criteria: str) -> str:
    """What the subscriber follows, in words: 信息分类：通知公告；检索词：防汛."""
    values = parse(criteria)
    item_filter = catalog_filter(values)
    item_filter.is_valid()
    parts = []
    for name in FILTERS:
        value = getattr(item_filter.form, "cleaned_data", {}).get(name)
        if value:
            parts.append(f"{item_filter.form.fields[name].label}：{_shown(value)}")
    if values.get(QUERY):
        parts.append(_("检索词：%(query)s") % {"query": values[QUERY]})
    return "；".join(parts)


def _shown(value) -> str:
    if isinstance(value, str):  # the only plain choice: 有效性
        return str(Item.Validity(value).label)
    return getattr(value, "path_name", str(value))
