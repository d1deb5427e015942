"""Who may do what with an annual report. Admin, views and services ask these; nothing else decides.

Built on `catalog.permissions` (membership and roles): staff of the report's organization draft
and edit it, its reviewers (审核人) publish it, and the four-eyes rule of `catalog.Organization`
keeps the person who last wrote the draft from publishing it.
"""

from catalog import permissions as catalog_permissions

from .models import AnnualReport


def is_report_staff(user) -> bool:
    """May open the reports' admin at all: active staff with a membership, or a site administrator."""
    return catalog_permissions.is_staff_member(user)


def can_view_draft(user, report: AnnualReport) -> bool:
    return user.is_staff and catalog_permissions.is_member(user, report.organization_id)


def can_generate(user, organization_id: int) -> bool:
    return catalog_permissions.can_draft_for(user, organization_id)


def can_edit(user, report: AnnualReport) -> bool:
    return not report.is_published and catalog_permissions.is_member(user, report.organization_id)


def is_reviewer(user, report: AnnualReport) -> bool:
    """Publishing is a reviewer's act (审核人), decided as for catalog items (by the organization's roles)."""
    return catalog_permissions.can_review(user, report)


def drafted_by(report: AnnualReport):
    """The person who last wrote the draft (or generated it, when nobody has saved it since)."""
    return report.last_edited_by if report.last_edited_by_id else report.created_by


def breaks_four_eyes(user, report: AnnualReport) -> bool:
    """The organization requires four eyes and this user is the one who wrote the draft."""
    author = drafted_by(report)
    return report.organization.requires_four_eyes and author is not None and author.pk == user.pk


def can_publish(user, report: AnnualReport) -> bool:
    return is_reviewer(user, report) and not breaks_four_eyes(user, report)


def can_correct(user, report: AnnualReport) -> bool:
    return catalog_permissions.is_member(user, report.organization_id)
