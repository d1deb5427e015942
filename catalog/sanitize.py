"""Sanitise item bodies with nh3: keep the structure offices write (headings, lists, tables), drop the rest."""

import re
from collections.abc import Callable

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "pre", "code", "a", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
H1_START = re.compile(r"<h1\b", re.IGNORECASE)


def clean_body(html: str) -> str:
    """Safe HTML for the public page. An <h1> becomes <h2>: the page's only <h1> is the item title."""
    return _clean(html)


def clean_narrative(html: str) -> str:
    """An annual report's narrative: as an item body, and images from other addresses lose their source.

    The report is rendered to PDF on the server, which must never be made to fetch an outside or
    internal address (http://127.0.0.1:…) named in the text.
    """
    return _clean(html, attribute_filter=same_site_images_only)


def same_site_images_only(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an image keeps its address only when it is a path into this site (/media/…).

    //host and /\\host are other hosts to a browser, whatever their leading slash.
    """
    if element == "img" and attribute == "src" and not (value.startswith("/") and value[1:2] not in ("/", "\\")):
        return None
    return value


def _clean(html: str, attribute_filter: Callable[[str, str, str], str | None] | None = None) -> str:
    # Only the start tag: an HTML parser closes an open heading at any heading's end tag.
    html = H1_START.sub("<h2", html or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=attribute_filter,
        # nh3's defaults, which the tests pin: comments are stripped, links get rel="noopener noreferrer".
    )
