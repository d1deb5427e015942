"""Who may do what: items, guide editions, applications. The admin, the views and the services ask these;
nothing else decides.

信息员 (editor) drafts for her organizations; 审核人 (reviewer) reviews and publishes for his;
a superuser is the site administrator. Nobody sees another organization's unpublished work.
Decisions about an existing object are taken on its current row, never on a copy from a history page.
"""

from .models import GuideEdition, Item, Membership, Organization


def _memberships(user) -> dict[int, set[str]]:
    """The user's roles by organization, read once per user object; none for a visitor or a disabled account."""
    if not user.is_authenticated or not user.is_active:
        return {}
    if not hasattr(user, "_catalog_roles"):
        roles: dict[int, set[str]] = {}
        for org_id, role in Membership.objects.filter(user=user).values_list("organization_id", "role"):
            roles.setdefault(org_id, set()).add(role)
        user._catalog_roles = roles
    return user._catalog_roles


def _roles(user, organization_id: int) -> set[str]:
    return _memberships(user).get(organization_id, set())


def is_member(user, organization_id: int) -> bool:
    return user.is_superuser or bool(_roles(user, organization_id))


def is_staff_member(user) -> bool:
    """An active staff account with a membership somewhere, or a site administrator: may open the staff pages."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(_memberships(user))


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


def can_review(user, obj) -> bool:
    """Publish, return, repeal: reviewers of the object's organization and site administrators."""
    return user.is_superuser or Membership.Role.REVIEWER in _roles(user, obj.organization_id)


def wrote(user, obj) -> bool:
    """The user drafted or submitted the object (an item or a guide edition; reports: annual_reports.permissions)."""
    authors = {obj.created_by_id, obj.submitted_by_id}
    return user.pk in authors - {None}


def four_eyes_apply(obj) -> bool:
    return Organization.objects.filter(pk=obj.organization_id, requires_four_eyes=True).exists()


def can_approve(user, obj) -> bool:
    """Review and approve: a reviewer who, where the organization keeps four eyes, did not write it."""
    return can_review(user, obj) and not (wrote(user, obj) and four_eyes_apply(obj))


def ever_indexed(item: Item) -> bool:
    """An 索引号 is never given up: an item that ever had one is repealed, never deleted."""
    return bool(item.index_number) or item.history.filter(index_number__isnull=False).exists()


def can_delete(user, item: Item) -> bool:
    """Drafts never published may be deleted by their organization; decided on the item's current row."""
    current = Item.objects.filter(pk=item.pk).first()
    if current is None or ever_indexed(current) or current.is_published:
        return False
    return can_edit(user, current)


def can_draft_for(user, organization_id: int) -> bool:
    return is_member(user, organization_id)


def can_edit_guide(user, edition: GuideEdition) -> bool:
    """A guide edition is written while a draft or returned; once published it is never rewritten."""
    if edition.pk is None:
        return is_staff_member(user)
    current = GuideEdition.objects.filter(pk=edition.pk).first() or edition
    return current.state in GuideEdition.EDITABLE_STATES and is_member(user, current.organization_id)


def can_handle(user, obj) -> bool:
    """Staff of the application's (or appeal's) organization handle it; site administrators too."""
    return user.is_authenticated and user.is_active and user.is_staff and is_member(user, obj.organization_id)


def is_applicant(user, application) -> bool:
    """The citizen who proved, with the 查询码, that the application is hers (see applications.views.public)."""
    return getattr(user, "applicant_of", None) == application.pk
