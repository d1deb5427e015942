"""Sanitise item bodies with nh3: keep the structure offices write (headings, lists, tables), drop the rest."""

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


def clean_body(html: str) -> str:
    """Safe HTML for the public page. An <h1> becomes <h2>: the page's only <h1> is the item title."""
    html = (html or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _same_site_images_only(element: str, attribute: str, value: str) -> str | None:
    """Keep an image's address only when it points into this site (a path such as /media/…)."""
    if element == "img" and attribute == "src" and not (value.startswith("/") and value[1:2] not in ("/", "\\")):
        return None
    return value


def clean_narrative(html: str) -> str:
    """An annual report's narrative: as an item body, and images from other addresses lose their source.

    The report is rendered to PDF on the server, which must never be made to fetch an outside or
    internal address (http://127.0.0.1:…) named in the text.
    """
    return nh3.clean(
        clean_body(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_same_site_images_only,
    )
