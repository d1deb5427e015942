"""Search indexing and attachment text extraction as background tasks (disclosure_portal.tasks: retried)."""

from django_tasks import task

from catalog.models import Attachment, Item
from disclosure_portal.tasks import retried

from . import extraction, indexing


@task()
@retried
def index_item(item_id: int) -> None:
    # index_item reads the item afresh by its key: the row as it is when the task runs.
    indexing.index_item(Item(pk=item_id))


@task()
@retried
def extract_attachment(attachment_id: int) -> None:
    """Read the attachment's text once (an attachment with text is left alone), then index its item again."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.extracted_text:
        return
    if extraction.extract_attachment(attachment):
        indexing.index_item(Item(pk=attachment.item_id))
