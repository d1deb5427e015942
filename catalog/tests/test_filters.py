from datetime import date

from catalog.filters import ItemFilter
from catalog.models import Category, Item, Topic


def test_filter_keeps_to_published_items_whatever_queryset_it_is_given(make_item, bureau):
    published, draft = make_item(bureau, state="published"), make_item(bureau, title="草稿")
    assert list(ItemFilter({}, queryset=Item.objects.all()).qs) == [published]
    assert draft not in ItemFilter({"organization": bureau.pk}).qs


def test_topic_filter_includes_subtopics(make_item, bureau):
    child = Topic.objects.get(slug="general-openness")
    item = make_item(bureau, state="published", topic=child)
    assert list(ItemFilter({"topic": child.parent_id}).qs) == [item]


def test_document_type_and_year(make_item, bureau, normative_type):
    wanted = make_item(bureau, state="published", document_type=normative_type, written_on=date(2024, 6, 3))
    make_item(bureau, state="published", document_type=normative_type, written_on=date(2025, 6, 3))
    make_item(bureau, state="published", written_on=date(2024, 6, 4))
    assert list(ItemFilter({"document_type": normative_type.pk, "year": "2024"}).qs) == [wanted]


def test_filter_does_not_impose_an_order(db):
    assert not ItemFilter({"category": Category.objects.first().pk}).qs.query.order_by
