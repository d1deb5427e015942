"""Catalog fixtures: items in any state, built through the services."""

from datetime import date

import pytest

from catalog.models import Category, DocumentType, Item
from catalog.services import publish_item, save_item


@pytest.fixture
def make_item(db):
    def make(organization, *, state="draft", title="关于做好政务公开工作的通知", category="notices", **fields):
        fields.setdefault("written_on", date(2025, 3, 3))
        item = Item(organization=organization, title=title, category=Category.objects.get(slug=category), **fields)
        item = save_item(item, None)
        if state == "published":
            item = publish_item(item, None, published_on=fields.get("published_on") or fields["written_on"])
        elif state != "draft":
            Item.objects.filter(pk=item.pk).update(state=state)
            item.refresh_from_db()
        return item

    return make


@pytest.fixture
def normative_type(db):
    return DocumentType.objects.get(name="行政规范性文件")
