from django.shortcuts import get_object_or_404, render

from .models import Item


def home(request):
    latest = Item.objects.published().select_related("organization")[:10]
    return render(request, "catalog/home.html", {"latest": latest})


def guide(request):
    return render(request, "catalog/guide.html")


def item_list(request):
    items = Item.objects.published().select_related("organization")[:20]
    return render(request, "catalog/item_list.html", {"items": items})


def item_detail(request, pk: int):
    item = get_object_or_404(Item.objects.published().select_related("organization", "category"), pk=pk)
    return render(request, "catalog/item_detail.html", {"item": item})
