"""The page frame's data: the portal's own organization, and the organizations, categories, topics, document
types and publication years that the footer, the catalog's trees, the filter forms and the home page's columns
show. Loaded once per version of the `frame` tag in each process, instead of once per page.

Any change of an organization, category, topic or document type, and a first publication in a new year, bumps
`frame` (disclosure_portal.invalidation), so the next page finds a new token and this process loads them again.

With PAGE_FRAME_REUSE off (the test suite), every call gives a frame of its own that reads what is asked of it:
a test's changes are never committed, so they bump no token, and a frame kept from before them would be stale.
"""

from functools import cached_property

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS
from django.dispatch import receiver

from .cache_tags import FRAME, current_tokens

# From the primary: a replica that has not replayed the change would pin the old rows to the new token.
PRIMARY = DEFAULT_DB_ALIAS


class Frame:
    """Each part is read on first use: a page that needs only the portal's organization reads only that."""

    def __init__(self, token: str | None):
        self.token = token
        self.parts: dict[tuple, str] = {}  # the frame's rendered parts (templatetags/frame_parts.py)
        self._indexes: dict[str, dict] = {}  # relation -> {pk: object}, for attach()

    @cached_property
    def portal_organization(self):
        from catalog.models import Organization

        return Organization.objects.db_manager(PRIMARY).portal_root()

    @cached_property
    def organizations(self) -> list:
        from catalog.models import Organization

        return list(Organization.objects.using(PRIMARY).all())

    @cached_property
    def categories(self) -> list:
        from catalog.models import Category

        return list(Category.objects.using(PRIMARY).select_related("parent"))

    @cached_property
    def topics(self) -> list:
        from catalog.models import Topic

        return list(Topic.objects.using(PRIMARY).select_related("parent"))

    @cached_property
    def document_types(self) -> list:
        from catalog.models import DocumentType

        return list(DocumentType.objects.using(PRIMARY).all())

    @cached_property
    def years(self) -> list[int]:
        """Years with publications, newest first, from the small index-number counter table, not the items."""
        from catalog.models import IndexCounter

        counters = IndexCounter.objects.using(PRIMARY).filter(last_serial__gt=0)
        return list(counters.order_by("-year").values_list("year", flat=True).distinct())

    def attach(self, items, *relations: str) -> None:
        """Give each of `items` the frame's objects for its `relations` ("organization", "category", "topic",
        "document_type"), instead of joining their tables again: the join costs an item page more planning time
        in PostgreSQL than the item's own lookup. An object the frame does not know (made since it was read) is
        left for Django to load when it is used."""
        for relation in relations:
            known = self._by_pk(relation)
            for item in items:
                obj = known.get(getattr(item, f"{relation}_id"))
                if obj is not None:
                    setattr(item, relation, obj)

    def _by_pk(self, relation: str) -> dict:
        index = self._indexes.get(relation)
        if index is None:
            nodes = getattr(self, ITEM_RELATION_PARTS[relation])
            index = self._indexes[relation] = {node.pk: node for node in nodes}
        return index

    def ancestors(self, tree: str, node_id: int | None) -> list[int]:
        """`node_id` and every node above it in `tree` ("org", "category" or "topic")."""
        parents, found = self.parents[tree], []
        while node_id is not None and node_id not in found:
            found.append(node_id)
            node_id = parents.get(node_id)
        return found

    @cached_property
    def parents(self) -> dict[str, dict[int, int | None]]:
        """Tree name -> {id: parent id}."""
        trees = {"org": self.organizations, "category": self.categories, "topic": self.topics}
        return {tree: {node.pk: node.parent_id for node in nodes} for tree, nodes in trees.items()}


# An item's relation (and the catalog filter named after it) -> the frame's part that holds its objects.
ITEM_RELATION_PARTS = {
    "organization": "organizations",
    "category": "categories",
    "topic": "topics",
    "document_type": "document_types",
}

_latest: Frame | None = None


@receiver(setting_changed)
def _forget_on_new_settings(setting: str, **kwargs) -> None:
    global _latest
    if setting in ("PAGE_FRAME_REUSE", "CACHES", "PAGE_CACHE_TAGS_ALIAS"):
        _latest = None


def current_frame() -> Frame:
    """The frame of the current `frame` version (a fresh one when PAGE_FRAME_REUSE is off)."""
    global _latest
    if not settings.PAGE_FRAME_REUSE:
        return Frame(token=None)
    token = current_tokens([FRAME])[FRAME]
    latest = _latest
    if latest is None or latest.token != token:
        latest = _latest = Frame(token)
    return latest
