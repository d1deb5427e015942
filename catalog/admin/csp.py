"""Let the rich-text editor through the portal's strict CSP without allowing inline code in general.

Browsers only accept inline import maps, and Tiptap (inside django-prose-editor) injects one <style>
element with its base CSS. Instead of 'unsafe-inline', the admin views that render the editor allow the
SHA-256 hashes of exactly the import map they rendered and of that one stylesheet.
"""

import base64
import hashlib
import re
from functools import cache

from django.contrib.staticfiles import finders

IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)
TIPTAP_CSS = re.compile(r"`(\.ProseMirror \{\n  position: relative;\n\}.*?)`", re.DOTALL)


def allow_rendered_importmaps(response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not response.get("Content-Type", "").startswith("text/html"):
        return response
    scripts = [_sha256(body) for body in IMPORTMAP.findall(response.content)]
    if scripts:
        response._csp_update = {"script-src": scripts, "style-src": editor_style_hashes()}
    return response


@cache
def editor_style_hashes() -> list[str]:
    """The hash of the base stylesheet Tiptap injects, read from the installed editor bundle."""
    path = finders.find("django_prose_editor/editor.js")
    if not path:
        return []
    with open(path, encoding="utf-8") as bundle:
        return [_sha256(css.encode()) for css in TIPTAP_CSS.findall(bundle.read())]


def _sha256(body: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
