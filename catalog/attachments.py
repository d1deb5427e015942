"""Checks on uploaded attachments: size, and the type read from the content rather than the name."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Name extension -> (sniffed kinds accepted for it, Content-Type served on download).
# Old Office files are all OLE containers, which `filetype` may report as any of doc/xls/ppt.
_OLE = {"doc", "xls", "ppt"}
ALLOWED = {
    "pdf": ({"pdf"}, "application/pdf"),
    "doc": (_OLE, "application/msword"),
    "docx": ({"docx", "zip"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": (_OLE, "application/vnd.ms-excel"),
    "xlsx": ({"xlsx", "zip"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt": (_OLE, "application/vnd.ms-powerpoint"),
    "pptx": ({"pptx", "zip"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "wps": (_OLE, "application/vnd.ms-works"),
    "ofd": ({"zip"}, "application/ofd"),
    "jpg": ({"jpg"}, "image/jpeg"),
    "jpeg": ({"jpg"}, "image/jpeg"),
    "png": ({"png"}, "image/png"),
    "gif": ({"gif"}, "image/gif"),
    "zip": ({"zip"}, "application/zip"),
    "rar": ({"rar"}, "application/vnd.rar"),
    "7z": ({"7z"}, "application/x-7z-compressed"),
}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif"}
# A zip container (zip, docx, xlsx, pptx, ofd) may unpack to at most this many times the upload limit,
# and each member may be compressed at most this many times: beyond that it is a zip bomb.
ZIP_MAX_INFLATED_FACTOR = 5
ZIP_MAX_RATIO = 200
ZIP_MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def max_bytes() -> int:
    return getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Refuse oversized files, unknown extensions and files whose content is not what their name says."""
    name = PurePath(upload.name or "").name
    if upload.size > max_bytes():
        raise ValidationError(
            _("附件“%(name)s”大小为 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            code="too_large",
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationError(
            _("不支持“%(name)s”这种文件类型。可以上传 PDF、Word、Excel、PowerPoint、OFD、图片或压缩包。")
            % {"name": name},
            code="extension",
        )
    kinds, content_type = ALLOWED[extension]
    if _sniff(upload) not in kinds:
        raise ValidationError(
            _("附件“%(name)s”的内容与扩展名不符，可能是伪装的文件，请检查后重新上传。") % {"name": name},
            code="disguised",
        )
    if "zip" in kinds:
        _check_zip_inflation(upload, name)
    return CheckedFile(name=name, content_type=content_type, size=upload.size)


def _check_zip_inflation(upload: UploadedFile, name: str) -> None:
    """Refuse a zip container that would unpack to far more than it weighs (a zip bomb)."""
    refused = ValidationError(
        _("附件“%(name)s”解压后体积异常巨大（疑似“压缩炸弹”），已拒绝上传。") % {"name": name}, code="zip_bomb"
    )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(
            _("附件“%(name)s”已损坏，无法打开，请检查后重新上传。") % {"name": name}, code="corrupt"
        ) from None
    finally:
        upload.seek(0)
    inflated = sum(member.file_size for member in members)
    too_compressed = any(member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > ZIP_MAX_MEMBERS or inflated > ZIP_MAX_INFLATED_FACTOR * max_bytes() or too_compressed:
        raise refused


def _sniff(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.extension if kind else None
