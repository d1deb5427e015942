"""One upload policy for every file field, public and staff.

A policy names the extensions a field accepts; the content is sniffed and must match the extension
(a PDF named id.html is refused, and so is HTML named id.pdf); the size limit is stated in the help
text and in the refusal; zip containers (docx, xlsx, pptx, ofd, zip) are refused when they would
inflate far beyond the limit; the file is stored under a generated name, never the name it came with.

Model fields take a policy as a validator and its `upload_to`; forms without a model field call it
as a validator too. `tests/test_upload_attacks.py` finds every FileField of every model and form and
checks that each one carries a policy.
"""

import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext as _

# Old Office files are all OLE containers, which `filetype` may report as any of doc/xls/ppt.
_OLE = frozenset({"doc", "xls", "ppt"})
TEXT = "text"  # what `sniff` calls UTF-8 text without NUL bytes (CSV has no magic number)
MARKUP = "markup"  # UTF-8 text that starts with a tag: HTML, SVG, XML
# Extension -> (sniffed kinds that may carry it, Content-Type served on download).
FORMATS = {
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
    "csv": ({TEXT}, "text/csv; charset=utf-8"),
}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif"}
ZIP_KIND = "zip"
# A zip container may unpack to at most this many times the upload limit, and each member may be
# compressed at most this many times: beyond that it is a zip bomb.
ZIP_MAX_INFLATED_FACTOR = 5
ZIP_MAX_RATIO = 200
ZIP_MAX_MEMBERS = 10_000
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def max_upload_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


@deconstructible
class UploadPolicy:
    """What one file field accepts; called as a validator, it raises ValidationError with a Chinese reason."""

    def __init__(self, label: str, extensions: tuple[str, ...]):
        unknown = set(extensions) - set(FORMATS)
        if unknown:
            raise ValueError(f"no format known for {sorted(unknown)}")
        self.label, self.extensions = label, tuple(extensions)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadPolicy) and (self.label, self.extensions) == (other.label, other.extensions)

    def __hash__(self) -> int:
        return hash((self.label, self.extensions))

    def __call__(self, value) -> None:
        from django.db.models.fields.files import FieldFile

        if isinstance(value, FieldFile):
            if value._committed:  # type: ignore[attr-defined]  # set on every FieldFile; the stubs omit it
                return  # stored already: it was checked when it came in
            value = value.file
        self.check(value)

    def kinds_text(self) -> str:
        return "、".join(dict.fromkeys(extension.upper() for extension in self.extensions if extension != "jpeg"))

    def describe(self) -> str:
        return _("可上传 %(kinds)s 文件，单个文件不超过 %(limit)s。") % {
            "kinds": self.kinds_text(),
            "limit": filesizeformat(max_upload_bytes()),
        }

    def help_text(self, before: str = ""):
        """A form field's help text ending with what the field accepts, worded when the form renders
        (the size limit is a setting)."""
        return lazy(lambda: f"{before}{self.describe()}", str)()

    def check(self, upload) -> CheckedFile:
        """Refuse oversized files, other extensions and files whose content is not what their name says."""
        name = PurePath(upload.name or "").name
        size, limit = upload.size, max_upload_bytes()
        if size > limit:
            raise ValidationError(
                _("文件“%(name)s”大小为 %(size)s，超过了 %(limit)s 的上限。")
                % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        extension = PurePath(name).suffix.lower().lstrip(".")
        if extension not in self.extensions:
            raise ValidationError(
                _("%(label)s不支持“%(name)s”这种文件类型，可以上传 %(kinds)s 文件。")
                % {"label": self.label, "name": name, "kinds": self.kinds_text()},
                code="extension",
            )
        kinds, content_type = FORMATS[extension]
        if sniff(upload) not in kinds:
            raise ValidationError(
                _("文件“%(name)s”的内容与扩展名不符，可能是伪装的文件，请检查后重新上传。") % {"name": name},
                code="disguised",
            )
        if ZIP_KIND in kinds:
            check_zip_inflation(upload, name, limit)
        return CheckedFile(name=name, extension=extension, content_type=content_type, size=size)


@deconstructible
class GeneratedName:
    """`upload_to` for a policy's field: `<folder>/<year>/<random>.<extension>`; the name a file came with
    is never part of the path (no traversal, no guessing, no script-like names)."""

    def __init__(self, folder: str):
        self.folder = folder

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and self.folder == other.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename).suffix.lower().lstrip(".")
        suffix = f".{extension}" if extension in FORMATS else ""
        return f"{self.folder}/{timezone.localdate().year}/{uuid.uuid4().hex}{suffix}"


def sniff(upload) -> str | None:
    """The kind of file the content says it is: `filetype`'s extension, `markup` or `text` for UTF-8 text."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    if not _is_text(head):
        return None
    # Markup is text too, but no text format we accept starts with a tag: it is a page in disguise.
    return MARKUP if head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").startswith("<") else TEXT


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end inside a character; anything earlier is not UTF-8.
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def check_zip_inflation(upload, name: str, limit: int) -> None:
    """Refuse a zip container that would unpack to far more than it weighs (a zip bomb)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(
            _("文件“%(name)s”已损坏，无法打开，请检查后重新上传。") % {"name": name}, code="corrupt"
        ) from None
    finally:
        upload.seek(0)
    inflated = sum(member.file_size for member in members)
    too_compressed = any(member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > ZIP_MAX_MEMBERS or inflated > ZIP_MAX_INFLATED_FACTOR * limit or too_compressed:
        raise ValidationError(
            _("文件“%(name)s”解压后体积异常巨大（疑似“压缩炸弹”），已拒绝上传。") % {"name": name}, code="zip_bomb"
        )


@contextmanager
def files_removed_on_failure(*instances):
    """Delete the files that saving `instances` stored when the work around them fails (a rolled-back
    transaction, a locked database): no file may stay on disk without its record."""
    before = {id(instance): _file_names(instance) for instance in instances}
    try:
        yield
    except BaseException:
        for instance in instances:
            for field_name, name in _file_names(instance).items():
                if name and name != before[id(instance)].get(field_name):
                    getattr(instance, field_name).storage.delete(name)
        raise


def _file_names(instance) -> dict[str, str]:
    from django.db.models import FileField

    return {
        field.name: getattr(instance, field.name).name or ""
        for field in instance._meta.concrete_fields
        if isinstance(field, FileField)
    }


def serve_file(stored, filename: str, *, inline: bool = False):
    """A stored upload as a download: the Content-Type fixed by its extension (never guessed from the name a
    browser might render), no sniffing, and a sandbox should a browser open it anyway."""
    from django.http import FileResponse, Http404

    extension = PurePath(stored.name or "").suffix.lower().lstrip(".")
    content_type = FORMATS[extension][1] if extension in FORMATS else "application/octet-stream"
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
