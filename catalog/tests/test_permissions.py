from django.contrib.auth.models import AnonymousUser

from catalog import permissions


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
