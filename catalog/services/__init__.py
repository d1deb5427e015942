"""The catalog's write operations. The admin, the demo and other apps go through these.

Each transition checks permissions and state, records who and when, and announces
public changes through `catalog.signals.item_changed` once the transaction commits.
"""

from .attachments import add_attachment, remove_attachment
from .guide import GUIDE_TRANSITIONS, publish_edition, return_edition, save_edition, submit_edition
from .workflow import (
    ITEM_TRANSITIONS,
    expire_item,
    notify_changed,
    publish_item,
    repeal_item,
    return_item,
    save_item,
    submit_item,
)

__all__ = [
    "GUIDE_TRANSITIONS",
    "ITEM_TRANSITIONS",
    "add_attachment",
    "expire_item",
    "notify_changed",
    "publish_edition",
    "publish_item",
    "remove_attachment",
    "repeal_item",
    "return_edition",
    "return_item",
    "save_edition",
    "save_item",
    "submit_edition",
    "submit_item",
]
