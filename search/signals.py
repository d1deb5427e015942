"""Receivers keeping the index in step with the catalog; connected in SearchConfig.ready()."""

from django.db import transaction

from catalog.models import Attachment, Item

from . import tasks
from .indexing import remove_item


def on_item_changed(sender, item: Item, **kwargs) -> None:
    """Sent after commit: a task (run at once, or by the worker with TASKS_BACKEND=database)."""
    tasks.index_item.enqueue(item.pk)


def on_item_deleted(sender, instance: Item, **kwargs) -> None:
    # Before the delete: SQLite's contentless FTS5 needs the chunks' text to remove them.
    remove_item(instance.pk)


def on_attachment_saved(sender, instance: Attachment, raw: bool = False, **kwargs) -> None:
    """Reading a 50-page PDF takes seconds: a task after commit, which indexes the item again with the text."""
    if not raw and not instance.extracted_text and instance.file:
        attachment_id = instance.pk
        transaction.on_commit(lambda: tasks.extract_attachment.enqueue(attachment_id))
