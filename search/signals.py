"""Receivers keeping the index in step with the catalog; connected in SearchConfig.ready()."""

from catalog.models import Attachment, Item

from . import tasks
from .extraction import extract_attachment
from .indexing import remove_item


def on_item_changed(sender, item: Item, **kwargs) -> None:
    """Sent after commit: a task (run at once, or by the worker with TASKS_BACKEND=database)."""
    tasks.index_item.enqueue(item.pk)


def on_item_deleted(sender, instance: Item, **kwargs) -> None:
    # Before the delete: SQLite's contentless FTS5 needs the chunks' text to remove them.
    remove_item(instance.pk)


def on_attachment_saved(sender, instance: Attachment, raw: bool = False, **kwargs) -> None:
    if not raw and not instance.extracted_text:
        extract_attachment(instance)
