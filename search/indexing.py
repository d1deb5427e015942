"""Keeping the index in step with published items.

Only published items are indexed, so drafts can never leak into results or counts.
Each item's fields are normalised, joined by line breaks (a word never spans two fields)
and split into chunks (see search.text.chunks).
"""

import html
import re
from collections.abc import Iterable

from django.db import connection, transaction

from catalog.models import Attachment, Item

from . import text
from .backends import backend

_BLOCK_TAGS = re.compile(r"<\s*/?\s*(p|br|div|li|tr|td|th|h[1-6]|table|blockquote|pre|hr)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def html_to_text(markup: str) -> str:
    """The readable text of a sanitised HTML body; block boundaries become line breaks."""
    return html.unescape(_TAGS.sub("", _BLOCK_TAGS.sub("\n", markup or "")))


def item_texts(item: Item, attachment_texts: Iterable[str] = ()) -> list[str]:
    """The searchable fields of an item after its title, in the order a reader meets them."""
    fields = [item.document_number, item.index_number or "", item.summary, item.keywords]
    return [*fields, html_to_text(item.body), *attachment_texts]


def item_chunks(item: Item, attachment_texts: Iterable[str] = ()) -> list[str]:
    """Chunk 0 is the title alone, for ranking title matches first; chunks 1… hold the whole text.

    The title is repeated in chunk 1, so an ordinary item is one row for matching and counting.
    """
    fields = [item.title, *item_texts(item, attachment_texts)]
    normalised = "\n".join(text.normalize(field) for field in fields if field)
    return [text.normalize(item.title), *text.chunks(normalised)]


def _attachment_texts(item: Item) -> list[str]:
    return list(Attachment.objects.filter(item=item).values_list("extracted_text", flat=True))


def index_item(item: Item) -> None:
    """Replace an item's entries with its current text, or drop them if it is not published."""
    item = Item.objects.filter(pk=item.pk).first()
    if item is None:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        backend().delete(cursor, [item.pk])
        if item.is_published:
            backend().write(cursor, item.pk, item.published_on, item_chunks(item, _attachment_texts(item)))


def remove_item(item_id: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        backend().delete(cursor, [item_id])


def rebuild(batch_size: int = 500) -> int:
    """Index every published item afresh; returns how many were indexed."""
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        backend().delete_all(cursor)
        items = Item.objects.published().order_by("pk").prefetch_related("attachments")
        for item in items.iterator(chunk_size=batch_size):
            attachment_texts = [attachment.extracted_text for attachment in item.attachments.all()]
            backend().write(cursor, item.pk, item.published_on, item_chunks(item, attachment_texts))
            count += 1
    return count
