from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from catalog import permissions
from catalog.models import GuideEdition
from conftest import make_staff


def test_editor_edits_own_drafts_but_not_submitted_or_published(make_item, bureau, editor):
    assert permissions.can_edit(editor, make_item(bureau))
    assert permissions.can_edit(editor, make_item(bureau, state="returned"))
    assert not permissions.can_edit(editor, make_item(bureau, state="submitted"))
    assert not permissions.can_edit(editor, make_item(bureau, state="published"))


def test_editor_never_reviews(make_item, bureau, editor):
    assert not permissions.can_review(editor, make_item(bureau, state="submitted"))


def test_reviewer_reviews_and_edits_only_his_organization(make_item, bureau, other_bureau, reviewer):
    assert permissions.can_review(reviewer, make_item(bureau, state="submitted"))
    assert not permissions.can_review(reviewer, make_item(other_bureau, state="submitted"))
    assert not permissions.can_edit(reviewer, make_item(other_bureau))


def test_site_admin_may_do_everything(make_item, other_bureau, site_admin):
    item = make_item(other_bureau, state="submitted")
    assert permissions.can_edit(site_admin, item) and permissions.can_review(site_admin, item)


def test_drafts_are_visible_only_to_staff_of_their_organization(make_item, bureau, editor, outsider):
    draft = make_item(bureau)
    assert permissions.can_view(editor, draft)
    assert not permissions.can_view(outsider, draft)
    assert not permissions.can_view(AnonymousUser(), draft)
    assert permissions.can_view(AnonymousUser(), make_item(bureau, state="published"))


@pytest.fixture
def guide_edition(bureau, editor):
    return GuideEdition.objects.create(organization=bureau, effective_on=date(2026, 1, 1), created_by=editor)


def test_any_staff_member_may_start_a_guide_edition_and_nobody_else(bureau, editor, outsider):
    new = GuideEdition(organization=bureau, effective_on=date(2026, 1, 1))
    assert permissions.can_edit_guide(editor, new) and permissions.can_edit_guide(outsider, new)
    assert not permissions.can_edit_guide(AnonymousUser(), new)
    assert not permissions.can_edit_guide(make_staff("no-membership"), new)


def test_a_guide_edition_is_written_by_its_organization_until_submitted(guide_edition, editor, outsider):
    assert permissions.can_edit_guide(editor, guide_edition)
    assert not permissions.can_edit_guide(outsider, guide_edition)
    for state, editable in [("returned", True), ("submitted", False), ("published", False)]:
        GuideEdition.objects.filter(pk=guide_edition.pk).update(state=state)
        guide_edition.refresh_from_db()
        assert permissions.can_edit_guide(editor, guide_edition) is editable, state


def test_a_guide_edition_is_judged_on_its_current_row_not_on_a_stale_copy(guide_edition, editor):
    GuideEdition.objects.filter(pk=guide_edition.pk).update(state="published")
    assert guide_edition.state == "draft"  # the copy a form or a history page still holds
    assert not permissions.can_edit_guide(editor, guide_edition)


def test_an_item_with_an_index_number_is_known_indexed_without_asking_its_history(
    make_item, bureau, django_assert_num_queries
):
    item = make_item(bureau, state="published")
    assert item.index_number
    with django_assert_num_queries(0):
        assert permissions.ever_indexed(item)


def test_only_an_active_staff_account_of_the_organization_handles_its_applications(bureau, editor, outsider):
    application = SimpleNamespace(organization_id=bureau.pk)
    assert permissions.can_handle(editor, application) and permissions.is_staff_member(editor)
    assert not permissions.can_handle(outsider, application) and permissions.is_staff_member(outsider)
    assert not permissions.can_handle(AnonymousUser(), application)
    assert not permissions.is_staff_member(AnonymousUser())
    # A membership is not enough: the account must be staff and active (each flag checked on a fresh object).
    for flag in ("is_staff", "is_active"):
        user = type(editor).objects.get(pk=editor.pk)
        setattr(user, flag, False)
        assert not permissions.can_handle(user, application), flag
        assert not permissions.is_staff_member(user), flag


def test_a_disabled_account_keeps_no_rights_from_its_memberships(make_item, bureau, editor, reviewer):
    editor.is_active = reviewer.is_active = False
    assert not permissions.can_edit(editor, make_item(bureau))
    assert not permissions.can_review(reviewer, make_item(bureau, state="submitted"))


def test_a_users_roles_are_read_once_for_all_the_questions_asked_about_her(
    make_item, bureau, other_bureau, reviewer, django_assert_num_queries
):
    """A list page asks about every row: one query for the roles, not one per row."""
    items = [make_item(bureau, state="submitted"), make_item(other_bureau, state="submitted"), make_item(bureau)]
    with django_assert_num_queries(1):
        assert [permissions.can_review(reviewer, item) for item in items] == [True, False, True]
        assert [permissions.can_edit(reviewer, item) for item in items] == [True, False, True]
