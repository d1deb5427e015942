"""PDF through WeasyPrint: real text, Debian's CJK fonts found through fontconfig and embedded.

The renderer fetches nothing but the portal's own static files: any other address named in a
narrative (an image on another host, or on 127.0.0.1) is refused before a connection is made.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from ..models import AnnualReport
from .html import render_document

STYLESHEET = Path(__file__).with_name("pdf.css")
# Relative addresses in the document resolve against this made-up origin, which names no host.
BASE_URL = "https://portal.invalid/"


class RefusedAddress(ValueError):
    """The PDF renderer asked for something that is not one of the portal's static files."""


def static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticOnlyFetcher


def static_path(url: str) -> Path:
    """The file behind a static URL of the portal, or RefusedAddress for anything else."""
    parts = urlsplit(url)
    prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        raise RefusedAddress(f"not a static file of the portal: {url}")
    relative = unquote(parts.path.removeprefix(prefix))
    found = finders.find(relative) if ".." not in relative.split("/") else None
    if not found:
        raise RefusedAddress(f"no such static file: {url}")
    return Path(found)


def render_pdf(report: AnnualReport, figures: dict) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = static_fetcher_class()()
    html = render_document(report, figures, for_pdf=True)
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher, base_url=BASE_URL)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
