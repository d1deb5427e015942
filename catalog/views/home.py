from django.shortcuts import render

from disclosure_portal.frame import current_frame

from ..models import Category, Item, Organization

# Columns shown on the home page, in order; each shows its latest items.
HOME_COLUMNS = ["notices", "work-news", "rules-and-documents", "policy-interpretation", "annual-report"]
PER_COLUMN = 6


def home(request):
    frame = current_frame()  # the organizations and categories, loaded once per version
    organizations = frame.organizations
    chosen = _chosen_organization(request, organizations)
    categories = {c.slug: c for c in frame.categories if c.slug in HOME_COLUMNS}
    subtree = {c.pk: c.parent.slug for c in frame.categories if c.parent_id and c.parent.slug in HOME_COLUMNS}
    columns = [_column(categories[slug], chosen, organizations, subtree) for slug in HOME_COLUMNS if slug in categories]
    context = {"columns": columns, "organizations": organizations, "chosen": chosen}
    return render(request, "catalog/home.html", context)


def _chosen_organization(request, organizations: list[Organization]) -> Organization | None:
    wanted = request.GET.get("organization", "")
    return next((org for org in organizations if str(org.pk) == wanted), None)


def _column(category: Category, chosen, organizations, subtree: dict[int, str]) -> dict:
    category_ids = [category.pk] + [pk for pk, slug in subtree.items() if slug == category.slug]
    items = Item.objects.published().filter(category_id__in=category_ids)
    if chosen is not None:
        items = items.filter(organization_id__in=_descendants(chosen, organizations))
    items = items.only("pk", "title", "published_on")  # all that catalog/_item_list.html shows
    return {"category": category, "items": items.order_by("-published_on", "-pk")[:PER_COLUMN]}


def _descendants(root: Organization, organizations: list[Organization]) -> list[int]:
    """The chosen organization and those below it, from the list already loaded (no extra query)."""
    ids, frontier = [root.pk], {root.pk}
    while frontier:
        frontier = {org.pk for org in organizations if org.parent_id in frontier}
        ids.extend(frontier)
    return ids
