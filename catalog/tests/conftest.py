"""Catalog fixtures (items in any state: `make_item` in the root conftest)."""

import pytest

from catalog.models import DocumentType


@pytest.fixture
def normative_type(db):
    return DocumentType.objects.get(name="行政规范性文件")
