"""`{% frame_part "includes/header.html" %}`: a part of the page frame, rendered once per frame version.

The header and the footer show the frame's data, the settings, the language, the reader's display preferences
and the page's place in the menu. This page's own address appears in them only inside links (`?next=`,
`page=`). So each process renders them once per version of the `frame` tag and combination of the rest, with
marks where the address goes, and each page puts its own address in. A page whose search box is filled in (the
search results) renders its own.
"""

import uuid
from functools import cache

from django import template
from django.template.defaultfilters import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..frame import current_frame
from ..navigation import menu

register = template.Library()

# Made of letters and digits only, so escaping and URL-quoting leave them as they are.
PATH_MARK = f"path{uuid.uuid4().hex}"
FULL_PATH_MARK = f"fullpath{uuid.uuid4().hex}"
PARTS_AT_MOST = 1000  # per frame version and process: more combinations than a portal has


@register.simple_tag(takes_context=True)
def frame_part(context, template_name: str) -> SafeString:
    request = context.get("request")
    if request is None or context.get("search_query"):
        return _render(context, template_name, *_quoted_paths(request))
    path = request.path
    # The page's path matters beyond its links only where it is a menu entry's (aria-current="page").
    key = (
        template_name,
        request.get_host(),
        get_language(),
        context.get("preferences"),
        context.get("current_menu"),
        path if path in _menu_paths(menu()) else "",
    )
    parts = current_frame().parts
    html = parts.get(key)
    if html is None:
        html = _render(context, template_name, PATH_MARK, FULL_PATH_MARK)
        if len(parts) < PARTS_AT_MOST:
            parts[key] = html
    quoted_path, quoted_full_path = _quoted_paths(request)
    return mark_safe(html.replace(PATH_MARK, quoted_path).replace(FULL_PATH_MARK, quoted_full_path))


def _quoted_paths(request) -> tuple[str, str]:
    """The page's path and its path with the query, through the `urlencode` filter."""
    if request is None:
        return "", ""
    return urlencode(request.path), urlencode(request.get_full_path())


def _render(context, template_name: str, quoted_path: str, quoted_full_path: str) -> SafeString:
    with context.push(quoted_path=quoted_path, quoted_full_path=quoted_full_path):
        return context.template.engine.get_template(template_name).render(context)


@cache
def _menu_paths(entries: tuple) -> frozenset[str]:
    """Every menu and column entry's path, once per menu (itself made once per process and language)."""
    paths, entries = set(), list(entries)
    while entries:
        entry = entries.pop()
        paths.add(str(entry.url))
        entries.extend(entry.children)
    return frozenset(paths)
