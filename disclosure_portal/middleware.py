import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string

from .chinese import to_traditional
from .preferences import read_preferences


class TraditionalChineseMiddleware:
    """Render public HTML pages in traditional characters when the reader chose 繁體."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not read_preferences(request).traditional or request.path.startswith("/admin/"):
            return response
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(("text/html", "application/xhtml")):
            return response
        charset = response.charset or "utf-8"
        response.content = to_traditional(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


# C0 control characters other than tab, line feed and carriage return, and DEL. Pasted from word
# processors they break XML feeds and Excel exports later (openpyxl refuses them), so no form keeps them.
_CONTROL_CHARACTERS: dict[int, str | None] = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARACTERS.update({0x0B: "\n", 0x0C: "\n"})  # Word's manual line break and page break
_CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def strip_control_characters(text: str) -> str:
    return text.translate(_CONTROL_CHARACTERS)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharacterMiddleware:
    """Remove control characters from every submitted form value before any form sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _cleaned(request.POST)
        return self.get_response(request)


def _cleaned(data: QueryDict) -> QueryDict:
    if not any(_CONTROL_PATTERN.search(value) for values in data.lists() for value in values[1]):
        return data
    cleaned = data.copy()
    for key, values in data.lists():
        cleaned.setlist(key, [strip_control_characters(value) for value in values])
    cleaned._mutable = False
    return cleaned


class RequestBodyLimitMiddleware:
    """Refuse a body larger than any form needs before anything reads it.

    Django parses a multipart body (files to disk) as soon as anything reads request.POST, which the
    CSRF check does; without this, anyone could make the server store 300 MB before being refused.
    A file over the upload limit but within this cap still reaches its form, which says what went wrong
    and keeps what was typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > settings.REQUEST_MAX_BYTES:
            limits = {
                "limit": filesizeformat(settings.REQUEST_MAX_BYTES),
                "file_limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            }
            response = HttpResponse(render_to_string("413.html", limits), status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
