"""What each file field of an application accepts (the shared policy is disclosure_portal.uploads)."""

from django.utils.translation import gettext_lazy as _

from disclosure_portal.uploads import GeneratedName, UploadPolicy

SCANS = ("pdf", "jpg", "jpeg", "png")
DOCUMENTS = ("pdf", "ofd", "doc", "docx", "wps", "jpg", "jpeg", "png")

IDENTITY_PROOF = UploadPolicy(_("身份证明"), SCANS)
LETTER = UploadPolicy(_("文书"), DOCUMENTS)
LEDGER = UploadPolicy(_("台账文件"), ("csv", "xlsx"))
CORRECTION = UploadPolicy(_("补正材料"), DOCUMENTS)

IDENTITY_FOLDER = GeneratedName("identity")
REPLY_FOLDER = GeneratedName("replies")
LETTER_FOLDER = GeneratedName("letters")
CORRECTION_FOLDER = GeneratedName("corrections")
