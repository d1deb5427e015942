"""Pages about the site itself: the HTML site map and the explanation of the feeds."""

from django.shortcuts import render

from disclosure_portal.navigation import menu

from ..models import Category, Organization
from ..tree import grow
from .items import absolute_url


def site_map(request):
    """Every column, category and organization in one page (the XML sitemap stays for crawlers)."""
    organizations = list(Organization.objects.only("pk", "name", "short_name", "parent_id"))
    context = {
        "menu": menu(),
        "categories": grow(Category.objects.all(), {}, lambda node: f"/catalog/?category={node.pk}"),
        "organizations": grow(organizations, {}, lambda node: f"/catalog/?organization={node.pk}"),
    }
    return render(request, "catalog/site_map.html", context)


def subscribe(request):
    """What the RSS and Atom feeds are, how to use them, and the address of each."""
    context = {
        "categories": grow(Category.objects.all(), {}, lambda node: node.slug),
        "organizations": Organization.objects.only("pk", "name"),
        "base": absolute_url(request, "/").rstrip("/"),
    }
    return render(request, "catalog/subscribe.html", context)
