"""Items for the scaling tests, made through the catalog's services (so every signal fires)."""

from datetime import date

from catalog.models import Category, Item
from catalog.services import publish_item, save_item


def new_item(
    organization, title="关于做好防汛工作的通知", category="notices", on=date(2026, 3, 2), publish=True
) -> Item:
    """A draft written on `on`, published the same day unless `publish` is False."""
    item = Item(organization=organization, title=title, category=Category.objects.get(slug=category), written_on=on)
    item = save_item(item, None)
    return publish_item(item, None, published_on=on) if publish else item
