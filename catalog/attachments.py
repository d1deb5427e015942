"""What items' attachments and Word imports accept (the shared policy is disclosure_portal.uploads)."""

from django.utils.translation import gettext_lazy as _

from disclosure_portal.uploads import FORMATS, IMAGE_TYPES, CheckedFile, UploadPolicy

ATTACHMENT = UploadPolicy(_("附件"), tuple(FORMATS))
WORD_IMPORT = UploadPolicy(_("正文导入"), ("docx",))
INLINE_TYPES = IMAGE_TYPES | {"application/pdf"}


def check_upload(upload) -> CheckedFile:
    return ATTACHMENT.check(upload)
