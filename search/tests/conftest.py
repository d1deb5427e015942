"""Search fixtures: published items indexed the way the catalog's services do it (item_changed after commit)."""

from datetime import date

import pytest

from catalog.models import Category, IndexCounter, Item
from catalog.signals import item_changed


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(name="通知公告", slug="search-notices")


def publish_item(title: str = "关于做好政务公开工作的通知", number: int = 1, **fields) -> Item:
    """Create an item as published and announce it, as catalog.services.publish_item does.

    `fields` must name at least the organization and the category.
    """
    fields.setdefault("written_on", date(2025, 3, 3))
    fields.setdefault("published_on", date(2025, 3, 10))
    fields.setdefault("state", Item.State.PUBLISHED)
    if fields["state"] == Item.State.PUBLISHED:
        year = fields["published_on"].year
        fields.setdefault("index_number", f"{fields['organization'].code}/{year}-{number:05d}")
        fields.setdefault("index_year", year)
        fields.setdefault("index_serial", number)
        IndexCounter.objects.update_or_create(
            organization=fields["organization"], year=year, defaults={"last_serial": number}
        )
    item = Item.objects.create(title=title, **fields)
    item_changed.send(sender=Item, item=item)
    return item


@pytest.fixture
def publish(bureau, category):
    serial = iter(range(1, 100_000))

    def make(title: str = "关于做好政务公开工作的通知", **fields) -> Item:
        fields.setdefault("organization", bureau)
        fields.setdefault("category", category)
        return publish_item(title, next(serial), **fields)

    return make
