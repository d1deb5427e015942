from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .. import permissions
from ..attachments import check_upload
from ..models import Attachment, Item
from ..transitions import NotAllowedNow
from .workflow import notify_changed


@transaction.atomic
def add_attachment(item: Item, upload: UploadedFile, by, sort_order: int = 0) -> Attachment:
    """Check an upload (size, real type) and attach it; a published item's readers are told of the change."""
    if by is not None and not permissions.can_edit(by, item):
        raise NotAllowedNow(_("您无权修改这条信息的附件。"))
    checked = check_upload(upload)
    attachment = Attachment(item=item, original_name=checked.name, content_type=checked.content_type, size=checked.size)
    attachment.sort_order = sort_order
    attachment.file.save(checked.name, upload, save=False)
    attachment.save()
    if item.is_published:
        notify_changed(item)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, by) -> None:
    item = attachment.item
    if by is not None and not permissions.can_edit(by, item):
        raise NotAllowedNow(_("您无权修改这条信息的附件。"))
    attachment.delete()
    if item.is_published:
        notify_changed(item)
