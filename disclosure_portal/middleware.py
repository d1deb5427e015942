from django.http import HttpRequest, HttpResponse

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
