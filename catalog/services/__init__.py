"""The catalog's write operations. The admin, the demo and other apps go through these.

Each transition checks permissions and state, records who and when, and announces
public changes through `catalog.signals.item_changed` once the transaction commits.
"""

from .attachments import add_attachment, remove_attachment
from .workflow import notify_changed, publish_item, repeal_item, return_item, save_item, submit_item

__all__ = [
    "add_attachment",
    "notify_changed",
    "publish_item",
    "remove_attachment",
    "repeal_item",
    "return_item",
    "save_item",
    "submit_item",
]
