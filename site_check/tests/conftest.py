from datetime import date

import pytest

from catalog.models import Category
from tests.factories import new_item


@pytest.fixture
def one_column(db):
    """A taxonomy of a single 工作动态 column, so that an organization can pass every indicator."""
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.exclude(slug="work-news").delete()
    return Category.objects.get()


@pytest.fixture
def tidy_bureau(bureau, one_column):
    """An organization in order on 10 January 2026: news from 2 January, its 2025 report due on 31 January."""
    new_item(bureau, category="work-news", on=date(2026, 1, 2))
    return bureau
