"""Links in item bodies that lead nowhere on this site, and attachments whose file is gone from storage."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from catalog.models import Attachment, Item

from ..lines import Line


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html or "")
    return parser.hrefs


def site_hosts() -> set[str]:
    hosts = {urlsplit(settings.PORTAL_BASE_URL).netloc, settings.PORTAL_DOMAIN}
    return {host.lower() for host in hosts if host}


def internal_path(href: str, hosts: set[str]) -> str | None:
    """The path of a link to this site (relative, or absolute on the portal's own host); None for others."""
    parts = urlsplit(href.strip())
    if parts.scheme in ("http", "https") and parts.netloc.lower() in hosts:
        return parts.path or "/"
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return parts.path
    return None


def resolved(path: str):
    """The view a path reaches, as CommonMiddleware would (a missing final slash is added), or None."""
    for candidate in (path, path + "/") if not path.endswith("/") else (path,):
        try:
            return resolve(candidate)
        except Resolver404:
            continue
    return None


def why_broken(path: str, published_ids: set[int], attachment_ids: set[int]) -> str | None:
    """Why a path of this site leads nowhere (a 404, an unpublished item, a missing file), or None."""
    if path.startswith("/" + settings.MEDIA_URL.strip("/") + "/"):
        name = path.removeprefix("/" + settings.MEDIA_URL.strip("/") + "/")
        return None if default_storage.exists(name) else _("文件不存在")
    match = resolved(path)
    if match is None:
        return _("页面不存在（404）")
    if match.view_name in ("catalog:item_detail", "catalog:item_print") and match.kwargs["pk"] not in published_ids:
        return _("指向的信息未发布或已删除")
    if match.view_name == "catalog:attachment" and match.kwargs["pk"] not in attachment_ids:
        return _("指向的附件不存在或所属信息未发布")
    return None


def broken_link_lines(organization_ids: list[int]) -> list[Line]:
    """Every internal link in the published bodies of these organizations that would answer 404."""
    items = Item.objects.published().filter(organization_id__in=organization_ids, body__contains="href")
    linked = [(item, path) for item in items.only("pk", "title", "body") for path in _paths(item.body)]
    published_ids, attachment_ids = _targets(linked)
    lines = []
    for item, path in linked:
        reason = why_broken(path, published_ids, attachment_ids)
        if reason:
            detail = _("正文中的链接 %(path)s：%(reason)s") % {"path": path, "reason": reason}
            lines.append(Line("broken_link", item.title, detail, failed=True, url=item.get_absolute_url()))
    return lines


def _paths(body: str) -> list[str]:
    hosts = site_hosts()
    return [path for path in (internal_path(href, hosts) for href in hrefs(body)) if path]


def _targets(linked: list[tuple[Item, str]]) -> tuple[set[int], set[int]]:
    """The published items and attachments among everything linked (two queries, whatever the number of links)."""
    wanted = {}
    for _item, path in linked:
        match = resolved(path)
        if match is None:
            continue
        wanted.setdefault(match.view_name, set()).add(match.kwargs.get("pk"))
    item_pks = wanted.get("catalog:item_detail", set()) | wanted.get("catalog:item_print", set())
    published = set(Item.objects.published().filter(pk__in=item_pks).values_list("pk", flat=True))
    attachments = Attachment.objects.filter(
        pk__in=wanted.get("catalog:attachment", set()), item__state=Item.State.PUBLISHED
    )
    return published, set(attachments.values_list("pk", flat=True))


def attachment_lines(organization_ids: list[int]) -> list[Line]:
    """Attachments of published items whose file storage no longer holds."""
    attachments = Attachment.objects.filter(
        item__organization_id__in=organization_ids, item__state=Item.State.PUBLISHED
    ).select_related("item")
    lines = []
    for attachment in attachments:
        if not attachment.file.name or not default_storage.exists(attachment.file.name):
            detail = _("附件“%(name)s”的文件在存储中不存在，读者下载会失败") % {"name": attachment.original_name}
            url = attachment.item.get_absolute_url()
            lines.append(Line("missing_attachment", attachment.item.title, detail, failed=True, url=url))
    return lines
