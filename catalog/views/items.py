from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from disclosure_portal.frame import current_frame

from .. import counters, permissions
from ..filters import ItemFilter
from ..models import Item
from ..pagination import CachedCountPaginator
from ..tree import catalog_trees

PAGE_SIZES = (10, 20, 50, 100)
SORTS = {"date": ("-published_on", "-pk"), "date_asc": ("published_on", "pk")}
LIST_FIELDS = ("pk", "title", "index_number", "document_number", "published_on", "validity", "organization")
# The relations an item page shows, attached from the page frame rather than joined.
ITEM_RELATIONS = ("organization", "category", "topic", "document_type")


def item_list(request):
    """The catalog: ItemFilter's filters, sorted by date; a typed query goes to full-text search with the filters."""
    query = request.GET.get("q", "").strip()
    if query:
        params = {k: v for k, v in request.GET.items() if k not in ("sort", "page", "per_page")}
        return redirect(f"/search/?{urlencode(params)}")
    frame = current_frame()
    item_filter = ItemFilter(request.GET or None, frame=frame)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "date"
    items = item_filter.qs.only(*LIST_FIELDS).order_by(*SORTS[sort])
    page = CachedCountPaginator(items, _page_size(request)).get_page(request.GET.get("page"))
    frame.attach(page.object_list, "organization")
    chosen = {name: value for name, value in getattr(item_filter.form, "cleaned_data", {}).items() if value}
    context = {
        "filter": item_filter,
        "chosen_count": len(chosen),
        "trees": catalog_trees(
            frame.organizations, frame.categories, chosen.get("organization"), chosen.get("category")
        ),
        "page": page,
        "sort": sort,
        "page_sizes": PAGE_SIZES,
    }
    return render(request, "catalog/item_list.html", context)


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", 20))
    except ValueError:
        return 20
    return size if size in PAGE_SIZES else 20


def _visible_item(request, pk: int) -> Item:
    item = get_object_or_404(Item, pk=pk)
    current_frame().attach([item], *ITEM_RELATIONS)
    if not permissions.can_view(request.user, item):
        raise Http404
    return item


def item_detail(request, pk: int):
    item = _visible_item(request, pk)
    views = item.view_count + (counters.record_view(item.pk) if item.is_published else 0)
    published = Item.objects.published().only("pk", "title", "published_on")
    context = {
        "item": item,
        "views": views,
        "attachments": item.attachments.all(),
        # 政策解读 both ways, labelled as such; 相关文档 lists only the other links.
        "interprets": published.filter(pk=item.interprets_id) if item.interprets_id else None,
        "interpretations": published.filter(interprets=item),
        "related": published.filter(related=item).exclude(pk=item.interprets_id).exclude(interprets=item),
        "previous": _neighbour(item, before=True),
        "next": _neighbour(item, before=False),
        "page_url": absolute_url(request, item.get_absolute_url()),
    }
    return render(request, "catalog/item_detail.html", context)


def item_print(request, pk: int):
    item = _visible_item(request, pk)
    return render(request, "catalog/item_print.html", {"item": item, "attachments": item.attachments.all()})


@cache_control(max_age=86400, public=True)
def item_qr(request, pk: int):
    """An SVG QR code of the item page's address, generated on the server."""
    item = _visible_item(request, pk)
    image = qrcode.make(absolute_url(request, item.get_absolute_url()), image_factory=qrcode.image.svg.SvgPathImage)
    return HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")


def _neighbour(item: Item, before: bool) -> Item | None:
    """The previous (older) or next (newer) published item in the same category."""
    if not item.is_published:
        return None
    siblings = Item.objects.published().filter(category_id=item.category_id).only("pk", "title")
    # A range on published_on (which the (category, state, published_on) index serves) minus the ties on
    # the wrong side of this item, rather than an OR that the planner cannot use the index for.
    day, pk = item.published_on, item.pk
    if before:
        older = siblings.filter(published_on__lte=day).exclude(published_on=day, pk__gte=pk)
        return older.order_by("-published_on", "-pk").first()
    newer = siblings.filter(published_on__gte=day).exclude(published_on=day, pk__lte=pk)
    return newer.order_by("published_on", "pk").first()


def absolute_url(request, path: str) -> str:
    base = settings.PORTAL_BASE_URL
    return f"{base.rstrip('/')}{path}" if base else request.build_absolute_uri(path)
