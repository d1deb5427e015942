from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from catalog.models import Category, Item
from catalog.services import add_attachment, publish_item, remove_attachment, repeal_item, save_item
from search import services
from search.models import SearchChunk


def found(word: str) -> set[int]:
    return set(services.matching(Item.objects.published(), [word]).values_list("pk", flat=True))


@pytest.fixture
def draft(bureau, category):
    item = Item(organization=bureau, title="关于古树名木保护的通知", category=category, written_on=date(2025, 3, 3))
    return save_item(item, None)


@pytest.fixture
def published(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_item(draft, None, published_on=date(2025, 3, 10))


def test_a_draft_is_not_indexed(draft):
    assert found("古树名木") == set()
    assert not SearchChunk.objects.filter(item=draft).exists()


def test_publication_indexes_the_item(published):
    assert found("古树名木") == {published.pk}


def test_an_edit_of_a_published_item_replaces_its_text(published, django_capture_on_commit_callbacks):
    published.title = "关于白蚁防治的通知"
    with django_capture_on_commit_callbacks(execute=True):
        save_item(published, None)
    assert (found("古树名木"), found("白蚁防治")) == (set(), {published.pk})


def test_a_repealed_item_stays_findable_and_says_so(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        repeal_item(published, None, on=date(2025, 6, 1))
    hits = services.search(Item.objects.all(), ["古树名木"]).hits
    assert [hit.item.validity for hit in hits] == [Item.Validity.REPEALED]


def test_an_attachment_text_is_indexed_and_dropped_with_it(published, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("名录.xlsx", _xlsx_bytes("一级古树：银杏"))
    with django_capture_on_commit_callbacks(execute=True):
        attachment = add_attachment(published, upload, None)
    assert found("银杏") == {published.pk}
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment, None)
    assert found("银杏") == set()


def test_a_deleted_item_leaves_the_index(published):
    pk = published.pk
    published.delete()
    assert found("古树名木") == set()
    assert not SearchChunk.objects.filter(item_id=pk).exists()


def test_rebuild_command_indexes_every_published_item_and_only_those(published, draft, bureau):
    Item.objects.create(
        organization=bureau, title="古树名木草稿", category=Category.objects.first(), written_on=date(2025, 1, 1)
    )
    SearchChunk.objects.all().delete()
    call_command("rebuild_search_index", stdout=__import__("io").StringIO())
    assert found("古树名木") == {published.pk}


def _xlsx_bytes(cell: str) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = cell
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
