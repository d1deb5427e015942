"""Search indexing as a background task (disclosure_portal.tasks: retried after a failure)."""

from django_tasks import task

from catalog.models import Item
from disclosure_portal.tasks import retried

from . import indexing


@task()
@retried
def index_item(item_id: int) -> None:
    # index_item reads the item afresh by its key: the row as it is when the task runs.
    indexing.index_item(Item(pk=item_id))
