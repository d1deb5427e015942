"""Published items as open data: the catalog's own filters (ItemFilter) and the fields a reader may see.

Only published items, and only their catalog metadata: never who drafted, reviewed or returned them, why
they were returned, their workflow state or anything else staff keep about them.
"""

from django.http import QueryDict
from django.urls import reverse

from catalog.filters import ItemFilter
from catalog.models import Item
from catalog.sanitize import clean_body


class InvalidFilters(ValueError):
    """A filter value the catalog does not know (an organization that does not exist, a year without items)."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def filtered_items(query: QueryDict):
    """Published items under the catalog's filters, as the list page applies them; unordered."""
    item_filter = ItemFilter(query or None)
    if item_filter.is_bound and not item_filter.is_valid():
        raise InvalidFilters(
            {name: [str(message) for message in messages] for name, messages in item_filter.errors.items()}
        )
    return item_filter.qs.select_related("organization", "category", "topic", "document_type")


def _reference(node) -> dict | None:
    return None if node is None else {"id": node.pk, "name": node.name}


def item_summary(item: Item, absolute) -> dict:
    """An item as lists show it. `absolute` turns a path into an address on this portal."""
    return {
        "id": item.pk,
        "index_number": item.index_number or "",
        "title": item.title,
        "document_number": item.document_number,
        "organization": _reference(item.organization),
        "category": _reference(item.category),
        "topic": _reference(item.topic),
        "document_type": _reference(item.document_type),
        "written_on": item.written_on,
        "published_on": item.published_on,
        "validity": item.validity,
        "validity_label": str(item.get_validity_display()),
        "validity_changed_on": item.validity_changed_on,
        "url": absolute(item.get_absolute_url()),
        "api_url": absolute(reverse("open_data:item", args=[item.pk])),
    }


def _linked(items, absolute) -> list[dict]:
    return [{"id": item.pk, "title": item.title, "url": absolute(item.get_absolute_url())} for item in items]


def item_detail(item: Item, absolute) -> dict:
    """One item with its metadata, body, attachments and the published items it is linked with."""
    published = Item.objects.published().only("pk", "title").order_by("-published_on", "-pk")
    return item_summary(item, absolute) | {
        "summary": item.summary,
        "keywords": item.keywords,
        "source": item.source or item.organization.name,
        "body_html": clean_body(item.body),
        "attachments": [
            {
                "name": attachment.original_name,
                "kind": attachment.kind,
                "size": attachment.size,
                "url": absolute(reverse("catalog:attachment", args=[attachment.pk])),
            }
            for attachment in item.attachments.all()
        ],
        "interprets": _linked(published.filter(pk=item.interprets_id), absolute) if item.interprets_id else [],
        "interpretations": _linked(published.filter(interprets=item), absolute),
        "related": _linked(published.filter(related=item), absolute),
    }
