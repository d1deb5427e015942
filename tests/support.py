"""Helpers the quality tests share: the URL configuration as data, forms read from HTML, planted personal data."""

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver
from lxml import html as lxml_html


@dataclass(frozen=True)
class Route:
    """One URL pattern of the project, flattened: its full name, its route text and its converters."""

    name: str
    route: str
    converters: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"

    @property
    def is_staff(self) -> bool:
        return self.is_admin or "staff/" in self.route or self.route.startswith("admin/")

    @property
    def is_download(self) -> bool:
        return bool(re.search(r"download|attachment|file|export|letter|proof", self.route + self.name))


def _pattern_text(pattern) -> str:
    return str(pattern.pattern)


def walk_routes(resolver=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every named URL pattern, with the admin's, as (namespaced name, full route, converter names)."""
    resolver = resolver or get_resolver()
    routes: list[Route] = []
    for entry in resolver.url_patterns:
        text = prefix + _pattern_text(entry)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes.extend(walk_routes(entry, text, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            converters = tuple(re.findall(r"<(?:\w+:)?(\w+)>", text)) or tuple(re.findall(r"\(\?P<(\w+)>", text))
            routes.append(Route(f"{namespace}{entry.name}", text, converters))
    return routes


@dataclass
class Form:
    """A form read from a rendered page: where it posts and the fields a browser would send."""

    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    required: set[str] = field(default_factory=set)


def read_forms(content: bytes | str, page_url: str) -> list[Form]:
    """The forms of an HTML page, with default values as a browser would submit them."""
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    if not content.strip():
        return []
    document = lxml_html.fromstring(content)
    forms = []
    for node in document.iter("form"):
        form = Form(action=node.get("action") or page_url, method=(node.get("method") or "get").lower())
        for control in node.iter("input", "select", "textarea"):
            _read_control(form, control)
        forms.append(form)
    return forms


def _read_control(form: Form, control) -> None:
    name = control.get("name")
    if not name:
        return
    if control.get("required") is not None:
        form.required.add(name)
    if control.tag == "select":
        options = [option.get("value", option.text_content()) for option in control.iter("option")]
        form.choices[name] = [value for value in options if value]
        selected = [o.get("value", o.text_content()) for o in control.iter("option") if o.get("selected") is not None]
        form.fields[name] = (selected or options or [""])[0]
        return
    if control.tag == "textarea":
        form.fields.setdefault(name, control.text or "")
        return
    kind = (control.get("type") or "text").lower()
    if kind == "file":
        form.files.append(name)
    elif kind in {"radio", "checkbox"}:
        form.choices.setdefault(name, []).append(control.get("value", "on"))
        if control.get("checked") is not None:
            form.fields[name] = control.get("value", "on")
    elif kind not in {"submit", "button", "reset", "image"}:
        form.fields.setdefault(name, control.get("value", ""))


# Personal data planted in applications; none of it may ever reach a public page, feed, log or error page.
PLANTED_ID_NUMBER = "11010519491231002X"
PLANTED_PHONE = "13912345678"
PLANTED_ADDRESS = "示范市幸福路八十八弄七号"
PLANTED_EMAIL = "planted.applicant@example.org"
PLANTED_VALUES = (PLANTED_ID_NUMBER, PLANTED_PHONE, PLANTED_ADDRESS, PLANTED_EMAIL)


CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def with_credit_check(first17: str) -> str:
    """A 统一社会信用代码 (GB 32100-2015) completed with its check character."""
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return first17 + CREDIT_CODE_CHARS[(31 - total % 31) % 31]


PLANTED_CREDIT_CODE = with_credit_check("91110108MA01RNTX0")

# Values a citizen would type into the application form, by field name.
VALID_FORM_VALUES = {
    "applicant_name": "李四",
    "id_number": PLANTED_ID_NUMBER,
    "phone": PLANTED_PHONE,
    "address": PLANTED_ADDRESS,
    "email": PLANTED_EMAIL,
    "postcode": "100000",
    "org_name": "示范科技有限公司",
    "credit_code": PLANTED_CREDIT_CODE,
    "legal_representative": "王五",
    "contact_name": "赵六",
    "contact_phone": PLANTED_PHONE,
    "info_title": "2025年部门预算公开说明",
    "info_description": "请提供2025年部门预算中培训费的明细。",
}


def filled_in(form: Form, overrides: dict | None = None) -> dict:
    """The form's fields as a careful citizen fills them: defaults, first choices, plausible values."""
    values = dict(form.fields)
    for name, choices in form.choices.items():
        if not values.get(name) and choices:
            values[name] = choices[0]
    for name in values:
        if name in VALID_FORM_VALUES and not values[name].strip():
            values[name] = VALID_FORM_VALUES[name]
    values.update(overrides or {})
    return values


def leaked_personal_data(text: str | bytes) -> list[str]:
    """The planted values found in a text (an empty list when it is clean)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return [value for value in PLANTED_VALUES if value in text]


SKIP_PREFIXES = ("/admin/", "/preferences/", "/static/", "/media/")


def _signature(url: str) -> tuple:
    """A page's kind: its path with numbers generalised and its parameter names (not their values)."""
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path), tuple(sorted(parse_qs(parts.query, keep_blank_values=True)))


def crawl(client, start: list[str], limit: int = 40) -> dict[str, object]:
    """Follow same-site links and GET forms (with their default values) from `start`; the HTML pages found.

    One page of each kind is enough (the catalog filtered by each category is one kind), which keeps it fast.
    """
    from urllib.parse import urlencode, urljoin, urlsplit

    seen, queue, pages = set(), list(start), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen or _signature(url) in seen or url.startswith(SKIP_PREFIXES):
            continue
        seen.update({url, _signature(url)})
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages[url] = response
        content = response.content.decode()
        for href in re.findall(r'href="([^"#]+)"', content):
            target = urljoin(url, href.replace("&amp;", "&"))
            if not urlsplit(target).netloc and urlsplit(target).scheme in ("", "http"):
                queue.append(target)
        for form in read_forms(content, url):
            if form.method == "get" and not urlsplit(form.action).netloc:
                queue.append(f"{urljoin(url, form.action)}?{urlencode(form.fields)}")
    return pages


def query_targets(pages: dict[str, object]) -> list[tuple[str, tuple[str, ...]]]:
    """Every (path, parameter names) a public page links to or submits by GET."""
    from urllib.parse import parse_qs, urljoin, urlsplit

    targets = set()
    for url, response in pages.items():
        content = response.content.decode()
        for href in re.findall(r'href="([^"#]*\?[^"#]+)"', content):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if not parts.netloc and parts.scheme in ("", "http") and not parts.path.startswith(SKIP_PREFIXES):
                targets.add((parts.path, tuple(sorted(parse_qs(parts.query, keep_blank_values=True)))))
        for form in read_forms(content, url):
            if form.method == "get":
                targets.add((urlsplit(urljoin(url, form.action)).path, tuple(sorted(form.fields))))
    return sorted(targets)
