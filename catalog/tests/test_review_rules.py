"""Rules no door may bypass: history pages never revert, 索引号 items are never deleted, four eyes, guide review."""

from datetime import date

import pytest

from catalog.models import GuideEdition, Item
from catalog.services import (
    publish_edition,
    publish_item,
    return_item,
    save_edition,
    submit_edition,
    submit_item,
)
from catalog.services.workflow import four_eyes_note
from catalog.transitions import NotAllowedNow


def _history_form(item) -> str:
    first = item.history.order_by("history_date").first()
    return f"/admin/catalog/item/{item.pk}/history/{first.history_id}/"


def _revert_data(item) -> dict:
    return {
        "organization": item.organization_id, "title": item.title, "summary": "", "body": "<p>旧</p>",
        "category": item.category_id, "written_on": "2025-03-03", "published_on": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def test_an_editor_cannot_revert_a_published_item_to_its_draft_through_history(client, make_item, bureau, editor):
    item = make_item(bureau, state="published")
    number = item.index_number
    client.force_login(editor)
    page = client.get(_history_form(item)).content.decode()
    assert "_change_history" not in page and "恢复" not in page  # no revert button
    response = client.post(_history_form(item), _revert_data(item))
    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.state, item.index_number) == ("published", number)


def test_not_even_a_reviewer_reverts_workflow_fields_through_history(client, make_item, bureau, reviewer):
    item = make_item(bureau, state="published")
    client.force_login(reviewer)
    assert client.post(_history_form(item), _revert_data(item)).status_code == 403
    assert Item.objects.get(pk=item.pk).state == "published"


@pytest.mark.parametrize("who", ["editor", "reviewer", "site_admin"])
def test_an_item_that_ever_had_an_index_number_is_never_deleted(client, make_item, bureau, who, request):
    item = make_item(bureau, state="published")
    # Even were the row made a draft again (as the old revert did), its history keeps the number.
    Item.objects.filter(pk=item.pk).update(state="draft", index_number=None)
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/admin/catalog/item/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Item.objects.filter(pk=item.pk).exists()


def test_a_draft_never_published_may_be_deleted_by_its_editor(client, make_item, bureau, editor):
    item = make_item(bureau, title="写错了的草稿")
    client.force_login(editor)
    client.post(f"/admin/catalog/item/{item.pk}/delete/", {"post": "yes"})
    assert not Item.objects.filter(pk=item.pk).exists()


def test_bulk_delete_is_not_offered(client, make_item, bureau, reviewer):
    make_item(bureau)
    client.force_login(reviewer)
    assert "delete_selected" not in client.get("/admin/catalog/item/").content.decode()


def test_the_submitter_cannot_approve_her_own_item_with_four_eyes(make_item, bureau, reviewer):
    item = submit_item(make_item(bureau), reviewer)
    with pytest.raises(NotAllowedNow, match="双人审核"):
        publish_item(item, reviewer)
    assert Item.objects.get(pk=item.pk).state == "submitted"


def test_the_author_cannot_publish_her_draft_directly_with_four_eyes(make_item, bureau, reviewer):
    item = make_item(bureau)
    Item.objects.filter(pk=item.pk).update(created_by=reviewer)
    with pytest.raises(NotAllowedNow, match="双人审核"):
        publish_item(item, reviewer)


def test_without_four_eyes_the_author_approves_and_the_trail_says_so(client, make_item, bureau, reviewer):
    bureau.requires_four_eyes = False
    bureau.save()
    item = publish_item(submit_item(make_item(bureau), reviewer), reviewer)
    assert item.state == "published"
    assert "本机关未实行双人审核" in item.history.latest().history_change_reason
    client.force_login(reviewer)
    page = client.get(f"/admin/catalog/item/{item.pk}/change/").content.decode()
    assert "本机关未实行双人审核：起草或提交人reviewer本人审核通过" in page


def test_the_trail_notes_only_an_author_approving_her_own_work_without_four_eyes(make_item, bureau, editor, reviewer):
    own, others = submit_item(make_item(bureau), reviewer), submit_item(make_item(bureau), editor)
    bureau.requires_four_eyes = False  # a body of one person
    bureau.save()
    assert four_eyes_note(own, reviewer) == "本机关未实行双人审核：起草或提交人reviewer本人审核通过。"
    assert four_eyes_note(others, reviewer) == ""
    assert four_eyes_note(own, None) == ""  # a system job is nobody's own work
    bureau.requires_four_eyes = True
    bureau.save()
    assert four_eyes_note(own, reviewer) == ""  # with four eyes the author may not approve at all


def test_the_author_gets_no_publish_button_with_four_eyes(client, make_item, bureau, reviewer):
    item = submit_item(make_item(bureau), reviewer)
    client.force_login(reviewer)
    page = client.get(f"/admin/catalog/item/{item.pk}/change/").content.decode()
    assert 'value="return"' in page and 'value="publish"' not in page


def test_only_a_reviewer_of_the_organization_returns_an_item(make_item, bureau, editor, outsider):
    item = submit_item(make_item(bureau), editor)
    for user in (editor, outsider):
        with pytest.raises(NotAllowedNow, match="只有本机关的审核人"):
            return_item(item, user, "理由")
    assert Item.objects.get(pk=item.pk).state == "submitted"


def test_irreversible_buttons_stand_apart_from_harmless_ones(client, make_item, bureau, editor, reviewer):
    item = submit_item(make_item(bureau), editor)
    client.force_login(reviewer)
    page = client.get(f"/admin/catalog/item/{item.pk}/change/").content.decode()
    harmless, irreversible = page.split("workflow-irreversible-row", 1)
    assert 'value="return"' in harmless and 'value="publish"' not in harmless
    assert 'class="workflow-irreversible workflow-publish"' in irreversible


def test_repeal_asks_once_more_with_the_day(client, make_item, bureau, reviewer):
    item = make_item(bureau, state="published")
    client.force_login(reviewer)
    url = f"/admin/catalog/item/{item.pk}/workflow/repeal/"
    page = client.get(url + "?workflow_date=2025-06-01").content.decode()
    assert "废止后信息仍留在公开目录中" in page and 'value="2025-06-01"' in page
    assert Item.objects.get(pk=item.pk).validity == "valid"
    client.post(url, {"confirmed": "1", "workflow_date": "2025-06-01"})
    item.refresh_from_db()
    assert (item.validity, item.validity_changed_on) == ("repealed", date(2025, 6, 1))


# Guide editions: the same review as items.


@pytest.fixture
def edition(bureau, editor):
    return GuideEdition.objects.create(
        organization=bureau, effective_on=date(2026, 1, 1), introduction="待审核的总则", created_by=editor
    )


def test_a_draft_guide_edition_is_not_public(client, edition, bureau):
    assert "待审核的总则" not in client.get(f"/guide/{bureau.pk}/").content.decode()


def test_an_editor_cannot_publish_a_guide_edition(edition, editor):
    with pytest.raises(NotAllowedNow, match="只有本机关的审核人"):
        publish_edition(submit_edition(edition, editor), editor)


def test_a_reviewer_publishes_a_submitted_edition_and_it_goes_public(client, edition, bureau, editor, reviewer):
    publish_edition(submit_edition(edition, editor), reviewer)
    assert "待审核的总则" in client.get(f"/guide/{bureau.pk}/").content.decode()
    trail = [(record.state, record.history_user) for record in edition.history.order_by("history_id")]
    assert trail[-2:] == [("submitted", editor), ("published", reviewer)]


def test_the_guide_editions_submitter_cannot_approve_it(edition, reviewer):
    with pytest.raises(NotAllowedNow, match="双人审核"):
        publish_edition(submit_edition(edition, reviewer), reviewer)


def test_a_reviewer_returns_a_submitted_edition_from_its_page_without_changing_its_text(
    client, edition, bureau, editor, reviewer
):
    submit_edition(edition, editor)
    client.force_login(reviewer)
    url = f"/admin/catalog/guideedition/{edition.pk}/change/"
    page = client.get(url).content.decode()
    assert 'value="return"' in page and 'name="introduction"' not in page  # the text as submitted
    data = {"organization": bureau.pk, "effective_on": "2026-01-01", "introduction": "改写"}
    response = client.post(url, {**data, "_workflow": "return", "workflow_reason": "联系电话有误"})
    edition.refresh_from_db()
    assert (response.status_code, edition.state, edition.return_reason) == (302, "returned", "联系电话有误")
    assert edition.introduction == "待审核的总则"


def test_a_reviewer_publishes_a_submitted_edition_from_its_page(client, edition, bureau, editor, reviewer):
    submit_edition(edition, editor)
    client.force_login(reviewer)
    url = f"/admin/catalog/guideedition/{edition.pk}/change/"
    response = client.post(url, {"_workflow": "publish"})
    assert response["Location"] == f"/admin/catalog/guideedition/{edition.pk}/workflow/publish/"
    client.post(response["Location"], {"confirmed": "1"})
    assert GuideEdition.objects.get(pk=edition.pk).state == "published"


def test_an_edition_is_written_only_for_one_s_own_organizations(editor, other_bureau):
    edition = GuideEdition(organization=other_bureau, effective_on=date(2026, 1, 1), introduction="别处的指南")
    with pytest.raises(NotAllowedNow, match="您只能为本机关编写公开指南"):
        save_edition(edition, editor)


def test_an_edition_in_force_is_not_rewritten_by_anyone(client, edition, editor, reviewer, bureau):
    publish_edition(submit_edition(edition, editor), reviewer)
    for user in (editor, reviewer):
        client.force_login(user)
        url = f"/admin/catalog/guideedition/{edition.pk}/change/"
        client.post(url, {"organization": bureau.pk, "effective_on": "2026-01-01", "introduction": "改写"})
        assert GuideEdition.objects.get(pk=edition.pk).introduction == "待审核的总则"


def test_the_guide_history_page_does_not_revert(client, edition, editor):
    client.force_login(editor)
    version = edition.history.first().history_id
    url = f"/admin/catalog/guideedition/{edition.pk}/history/{version}/"
    assert client.post(url, {"organization": edition.organization_id, "effective_on": "2026-01-01"}).status_code == 403
