"""Signals other apps listen to; catalog never imports them back.

`item_changed` is sent after commit whenever the public content of an item may have
changed: publication, an edit of a published item, repeal or loss of force, an
attachment added, replaced or removed. The search index keeps in step through it.
"""

from django.dispatch import Signal

# Sent with `item` (a catalog.models.Item), after the transaction commits.
item_changed = Signal()
