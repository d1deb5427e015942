from datetime import date

import pytest

from catalog.models import Category, Item


@pytest.fixture
def published_item(bureau):
    category = Category.objects.filter(parent__isnull=True).first() or Category.objects.create(name="通知", slug="n")
    return Item.objects.create(
        organization=bureau,
        title="关于开学工作的通知",
        category=category,
        written_on=date(2026, 2, 1),
        published_on=date(2026, 2, 2),
        state=Item.State.PUBLISHED,
    )
