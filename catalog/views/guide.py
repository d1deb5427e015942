from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ..models import Category, GuideEdition, Organization
from ..models.items import PUBLICATION_WORKDAYS

REPLY_WORKDAYS, EXTENSION_WORKDAYS, CORRECTION_WORKDAYS = 20, 20, 7


def guide(request, organization_id: int | None = None):
    """The 政府信息公开指南 of one organization, generated from its data plus the edition in force."""
    organizations = list(Organization.objects.select_related("parent"))
    if organization_id is None:
        organization = next((org for org in organizations if org.parent_id is None), None)
    else:
        organization = next((org for org in organizations if org.pk == organization_id), None)
        if organization is None:
            raise Http404
    editions = list(GuideEdition.objects.in_effect().filter(organization=organization)) if organization else []
    edition = _chosen_edition(request, editions)
    context = {
        "organization": organization,
        "organizations": organizations,
        "edition": edition,
        "editions": editions,
        "is_current": bool(editions) and edition == editions[0],
        "categories": Category.objects.filter(parent__isnull=True),
        "limits": {
            "publication": PUBLICATION_WORKDAYS,
            "reply": REPLY_WORKDAYS,
            "extension": EXTENSION_WORKDAYS,
            "correction": CORRECTION_WORKDAYS,
        },
        "today": timezone.localdate(),
    }
    return render(request, "catalog/guide.html", context)


def _chosen_edition(request, editions: list[GuideEdition]) -> GuideEdition | None:
    wanted = request.GET.get("edition")
    if wanted:
        chosen = next((e for e in editions if str(e.pk) == wanted), None)
        if chosen is None:
            raise Http404
        return chosen
    return editions[0] if editions else None
