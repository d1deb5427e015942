"""Who may do what with an item. The admin and the services ask these, nothing else decides.

信息员 (editor) drafts for her organizations; 审核人 (reviewer) reviews and publishes for his;
a superuser is the site administrator. Nobody sees another organization's unpublished work.
"""

from .models import Item, Membership


def _roles(user, organization_id: int) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = getattr(user, "_catalog_roles", None)
    if cache is None:
        cache = {}
        for org_id, role in Membership.objects.filter(user=user).values_list("organization_id", "role"):
            cache.setdefault(org_id, set()).add(role)
        user._catalog_roles = cache
    return cache.get(organization_id, set())


def is_member(user, organization_id: int) -> bool:
    return user.is_superuser or bool(_roles(user, organization_id))


def can_view(user, item: Item) -> bool:
    """Published items are public; anything else only for staff of the item's organization."""
    return item.is_published or (user.is_staff and is_member(user, item.organization_id))


def can_edit(user, item: Item) -> bool:
    """Editors change their organization's unpublished items; published ones are for reviewers."""
    if user.is_superuser:
        return True
    roles = _roles(user, item.organization_id)
    if Membership.Role.REVIEWER in roles:
        return True
    return Membership.Role.EDITOR in roles and item.state in (Item.State.DRAFT, Item.State.RETURNED)


def can_review(user, item: Item) -> bool:
    """Publish, return, repeal: reviewers of the item's organization and site administrators."""
    return user.is_superuser or Membership.Role.REVIEWER in _roles(user, item.organization_id)


def can_draft_for(user, organization_id: int) -> bool:
    return is_member(user, organization_id)
