"""Information asked for by several applicants: candidates for proactive publication (Art. 44)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Category, Item, Organization

from .models import Application

MIN_APPLICANTS = 2


@dataclass
class Candidate:
    organization: Organization
    info_title: str
    applicants: int
    first_received: object


def candidates_for(user) -> list[Candidate]:
    """Titles asked for by at least two different applicants of the user's organizations."""
    rows = (
        Application.objects.for_staff(user)
        .exclude(info_title="")
        .exclude(state=Application.State.WITHDRAWN)
        .values("organization", "info_title")
        .annotate(applicants=Count("applicant_name", distinct=True), first_received=Min("received_on"))
        .filter(applicants__gte=MIN_APPLICANTS)
        .order_by("-applicants", "info_title")
    )
    organizations = Organization.objects.in_bulk({row["organization"] for row in rows})
    return [
        Candidate(organizations[r["organization"]], r["info_title"], r["applicants"], r["first_received"]) for r in rows
    ]


class NoCategory(Exception):
    """The catalog has no category to put a draft in yet."""


@transaction.atomic
def draft_item(organization: Organization, info_title: str, by) -> Item:
    """Create a draft catalog item from a candidate; staff complete it and send it to review."""
    category = Category.objects.order_by("sort_order", "pk").filter(parent__isnull=False).first()
    category = category or Category.objects.order_by("sort_order", "pk").first()
    if category is None:
        raise NoCategory
    summary = _("依申请公开转主动公开：已有多名申请人申请获取该信息（《政府信息公开条例》第四十四条）。")
    return Item.objects.create(
        organization=organization,
        title=info_title[:300],
        summary=summary,
        category=category,
        written_on=timezone.localdate(),
        state=Item.State.DRAFT,
        created_by=by,
    )
