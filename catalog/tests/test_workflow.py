import re
from dataclasses import replace
from datetime import date

import pytest

from catalog import permissions
from catalog.models import Item
from catalog.services import expire_item, publish_item, repeal_item, return_item, save_item, submit_item
from catalog.services.workflow import review_steps, validity_step
from catalog.signals import item_changed
from catalog.transitions import NotAllowedNow, Transition

# What anyone but a reviewer of the item's organization is told when trying a reviewer's step.
REVIEWERS_ONLY = "只有本机关的审核人或系统管理员可以执行此操作。"


def test_publishing_assigns_an_index_number_of_org_code_year_and_five_digit_serial(make_item, bureau, reviewer):
    item = publish_item(make_item(bureau), reviewer, published_on=date(2025, 3, 5))
    assert item.index_number == f"{bureau.code}/2025-00001"
    assert re.fullmatch(r".+/\d{4}-\d{5}", item.index_number)


def test_serials_count_per_organization_and_year(make_item, bureau, other_bureau):
    first = make_item(bureau, state="published", written_on=date(2025, 1, 6))
    second = make_item(bureau, state="published", written_on=date(2025, 1, 7))
    elsewhere = make_item(other_bureau, state="published", written_on=date(2025, 1, 7))
    next_year = make_item(bureau, state="published", written_on=date(2026, 1, 6))
    assert [first.index_serial, second.index_serial, elsewhere.index_serial, next_year.index_serial] == [1, 2, 1, 1]


def test_index_number_survives_repeal_and_edits(make_item, bureau, reviewer):
    item = make_item(bureau, state="published")
    number = item.index_number
    item.title = "新标题"
    save_item(item, reviewer)
    item = repeal_item(item, reviewer, on=date(2025, 6, 1))
    assert item.index_number == number


def test_a_numbered_item_keeps_its_organization_and_the_next_number_is_free(
    make_item, bureau, other_bureau, site_admin
):
    """The 索引号 names the organization for good: moving the item would let it collide with the new one's."""
    item = make_item(bureau, state="published")
    item.organization = other_bureau
    with pytest.raises(NotAllowedNow, match="已编定索引号的信息不能更改发布机构"):
        save_item(item, site_admin)
    assert publish_item(make_item(other_bureau), site_admin).index_serial == 1


def test_an_editor_cannot_move_a_draft_to_an_organization_she_does_not_belong_to(
    make_item, bureau, other_bureau, editor
):
    draft = make_item(bureau)
    draft.organization = other_bureau
    with pytest.raises(NotAllowedNow, match="您只能为本机关起草信息"):
        save_item(draft, editor)
    assert Item.objects.get(pk=draft.pk).organization == bureau


def test_the_publication_date_is_never_after_the_day_of_publishing(make_item, bureau, reviewer):
    item = make_item(bureau, state="submitted")
    with pytest.raises(NotAllowedNow, match="发布日期不能晚于今天"):
        publish_item(item, reviewer, published_on=date.today().replace(year=date.today().year + 1))
    assert Item.objects.get(pk=item.pk).state == Item.State.SUBMITTED


def test_an_item_is_not_repealed_before_it_was_published(make_item, bureau, reviewer):
    item = make_item(bureau, state="published", written_on=date(2025, 3, 3), published_on=date(2025, 6, 1))
    with pytest.raises(NotAllowedNow, match="废止或失效日期不能早于发布日期（2025-06-01）"):
        repeal_item(item, reviewer, on=date(2025, 4, 1))
    assert repeal_item(item, reviewer, on=date(2025, 6, 1)).validity_changed_on == date(2025, 6, 1)


def test_editor_submits_and_reviewer_publishes_recording_who(make_item, bureau, editor, reviewer):
    item = submit_item(make_item(bureau), editor)
    assert (item.state, item.submitted_by) == (Item.State.SUBMITTED, editor)
    item = publish_item(item, reviewer)
    assert (item.state, item.reviewed_by) == (Item.State.PUBLISHED, reviewer)
    assert item.reviewed_at is not None


def test_editor_cannot_publish(make_item, bureau, editor):
    with pytest.raises(NotAllowedNow, match="只有本机关的审核人"):
        publish_item(submit_item(make_item(bureau), editor), editor)


def test_reviewer_of_another_organization_cannot_publish(make_item, bureau, outsider):
    with pytest.raises(NotAllowedNow, match="只有本机关的审核人"):
        publish_item(make_item(bureau, state="submitted"), outsider)


def test_return_needs_a_reason_and_keeps_it(make_item, bureau, reviewer):
    item = make_item(bureau, state="submitted")
    with pytest.raises(NotAllowedNow, match="退回理由"):
        return_item(item, reviewer, " ")
    item = return_item(item, reviewer, "文号有误")
    assert (item.state, item.return_reason, item.returned_by) == (Item.State.RETURNED, "文号有误", reviewer)


def test_impossible_transitions_are_refused_in_chinese(make_item, bureau, reviewer, editor):
    published = make_item(bureau, state="published")
    with pytest.raises(NotAllowedNow, match="当前状态为“已发布”，不能审核通过并发布"):
        publish_item(published, reviewer)
    with pytest.raises(NotAllowedNow, match="当前状态为“已发布”，不能提交保密审查"):
        submit_item(published, reviewer)
    with pytest.raises(NotAllowedNow, match="当前状态为“草稿”，不能废止"):
        repeal_item(make_item(bureau), reviewer)


def test_repeal_records_the_day_and_who(make_item, bureau, reviewer):
    item = repeal_item(make_item(bureau, state="published"), reviewer, on=date(2025, 9, 1), validity="expired")
    assert (item.validity, item.validity_changed_on, item.validity_changed_by) == (
        "expired",
        date(2025, 9, 1),
        reviewer,
    )
    with pytest.raises(NotAllowedNow):
        repeal_item(item, reviewer)


def test_declaring_an_item_expired_records_the_day_and_who_and_happens_once(make_item, bureau, reviewer, editor):
    published = make_item(bureau, state="published", written_on=date(2025, 1, 6))
    with pytest.raises(NotAllowedNow) as refused:
        expire_item(published, editor)
    assert str(refused.value) == REVIEWERS_ONLY
    item = expire_item(published, reviewer, on=date(2025, 9, 1))
    item.refresh_from_db()
    assert (item.validity, item.validity_changed_on, item.validity_changed_by) == (
        "expired",
        date(2025, 9, 1),
        reviewer,
    )
    for again in (expire_item, repeal_item):
        with pytest.raises(NotAllowedNow) as refused:
            again(item, reviewer, on=date(2025, 9, 2))
        assert str(refused.value) == "这条信息已经是“失效”状态。"


def test_the_review_steps_give_each_step_its_states_its_reviewers_and_its_confirmation():
    def submit(): ...
    def give_back(): ...
    def publish(): ...
    def may_write(): ...

    steps = review_steps(
        Item.State, submit=("送审", submit), give_back=give_back, publish=publish, may_write=may_write,
        confirmation="发布后不能撤回。", denied="不能审核自己写的信息。",
    )  # fmt: skip
    written = frozenset({Item.State.DRAFT, Item.State.RETURNED})
    assert steps == {
        "submit": Transition("submit", "送审", written, may_write, service=submit),
        "return": Transition(
            "return",
            "退回修改",
            frozenset({Item.State.SUBMITTED}),
            permissions.can_review,
            service=give_back,
            denied=REVIEWERS_ONLY,
        ),
        "publish": Transition(
            "publish",
            "审核通过并发布",
            written | {Item.State.SUBMITTED},
            permissions.can_approve,
            irreversible=True,
            confirmation="发布后不能撤回。",
            service=publish,
            denied="不能审核自己写的信息。",
        ),
    }


def test_publication_before_the_document_was_made_is_refused(make_item, bureau, reviewer):
    with pytest.raises(NotAllowedNow, match="发布日期不能早于成文日期"):
        publish_item(make_item(bureau, written_on=date(2025, 3, 3)), reviewer, published_on=date(2025, 3, 1))


def test_item_changed_is_sent_after_commit_on_publish_edit_and_repeal(
    make_item, bureau, reviewer, django_capture_on_commit_callbacks
):
    seen = []  # the sender is the model, as for Django's own model signals, so a listener can filter on it
    item_changed.connect(lambda sender, item, **kw: seen.append((sender, item.pk)), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            item = publish_item(make_item(bureau), reviewer)
            item.summary = "更新"
            save_item(item, reviewer)
            repeal_item(item, reviewer)
    finally:
        item_changed.disconnect(dispatch_uid="t")
    assert seen == [(Item, item.pk)] * 3


def test_drafts_are_not_announced(make_item, bureau, editor, django_capture_on_commit_callbacks):
    seen = []
    item_changed.connect(lambda sender, item, **kw: seen.append(item.pk), weak=False, dispatch_uid="t2")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit_item(make_item(bureau), editor)
    finally:
        item_changed.disconnect(dispatch_uid="t2")
    assert seen == []


def test_history_records_every_transition(make_item, bureau, editor, reviewer):
    item = publish_item(submit_item(make_item(bureau), editor), reviewer)
    steps = list(item.history.order_by("history_date").values_list("state", "history_user"))
    assert steps[1:] == [("submitted", editor.pk), ("published", reviewer.pk)] and steps[0][0] == "draft"


def test_a_validity_step_is_a_reviewers_irreversible_step_on_a_published_item_still_in_force(
    make_item, bureau, reviewer
):
    def service(): ...

    step = validity_step("expire", "宣布失效", "失效后不能撤销。", service)
    assert replace(step, when=None) == Transition(
        "expire",
        "宣布失效",
        frozenset({Item.State.PUBLISHED}),
        permissions.can_review,
        irreversible=True,
        confirmation="失效后不能撤销。",
        service=service,
        denied=REVIEWERS_ONLY,
    )
    published = make_item(bureau, state="published", written_on=date(2025, 1, 6))
    assert step.when(published) is None
    assert step.when(repeal_item(published, reviewer, on=date(2025, 3, 1))) == "这条信息已经是“废止”状态。"
