"""Who may see a self-check: staff of the organization or of any organization above it, and site administrators."""

from catalog import permissions
from catalog.models import Organization


def can_inspect(user, organization: Organization) -> bool:
    if not permissions.is_staff_member(user):
        return False
    node = organization
    while node is not None:
        if permissions.is_member(user, node.pk):
            return True
        node = node.parent
    return False


def inspectable(user) -> list[Organization]:
    """The organizations a user may open the self-check of, tree order aside: hers and those below them."""
    if not permissions.is_staff_member(user):
        return []
    if user.is_superuser:
        return list(Organization.objects.order_by("sort_order", "pk"))
    ids: list[int] = []
    for organization in Organization.objects.for_user(user):
        ids.extend(pk for pk in organization.descendant_ids() if pk not in ids)
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_order", "pk"))
