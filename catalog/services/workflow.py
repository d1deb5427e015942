"""The item workflow: draft → 保密审查 → published → repealed or expired, and its transitions table.

`ITEM_TRANSITIONS` is the only list of which states allow which step; the admin's buttons, its bulk
actions and these services read it. Each service locks the item's row and checks the table on it.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import IndexCounter, Item
from ..sanitize import clean_body
from ..signals import item_changed
from ..transitions import NotAllowedNow, Text, Transition, locked
from ..workdays import WorkCalendar, current_calendar

State = Item.State


def notify_changed(item: Item) -> None:
    """Tell listeners (the search index) after commit that an item's public content may have changed."""
    transaction.on_commit(lambda: item_changed.send(sender=Item, item=item))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowedNow(message)


@transaction.atomic
def save_item(item: Item, by) -> Item:
    """Create or update an item's content: sanitise the body, keep the deadline current, announce public edits."""
    current = Item.objects.select_for_update().get(pk=item.pk) if item.pk else None
    moved = current is not None and current.organization_id != item.organization_id
    # The 索引号 never changes once given, and the numbers are counted per organization: a numbered item that
    # changed organization would take a number the new one's counter is yet to give.
    _require(not (moved and current.index_number), _("已编定索引号的信息不能更改发布机构。"))  # type: ignore[union-attr]
    if by is not None:
        if current is not None:
            _require(permissions.can_edit(by, current), _("您无权修改这条信息。"))
        if current is None or moved:
            _require(permissions.can_draft_for(by, item.organization_id), _("您只能为本机关起草信息。"))
    item.body = clean_body(item.body)
    if item.pk is None:
        item.created_by = by
    item._history_user = by  # type: ignore[attr-defined]  # django-simple-history reads it; stubs lack it
    if item.is_published:
        item.publication_due_on = item.publication_deadline()
    item.save()
    if item.is_published:
        notify_changed(item)
    return item


def _take(item: Item, action: str, by) -> Item:
    """The item's current row, locked, once the table allows `action` on it for `by`."""
    item = locked(item)
    ITEM_TRANSITIONS[action].check(item, by)
    item._history_user = by  # type: ignore[attr-defined]  # the history page shows who took each step
    return item


@transaction.atomic
def submit_item(item: Item, by) -> Item:
    """Send a draft (or a returned item) to confidentiality review (保密审查)."""
    item = _take(item, "submit", by)
    item.state, item.submitted_by, item.submitted_at = State.SUBMITTED, by, timezone.now()
    item.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    return item


@transaction.atomic
def return_item(item: Item, by, reason: str = "") -> Item:
    """Send a submitted item back to its editor with the reviewer's reason."""
    item = _take(item, "return", by)
    _require(bool((reason or "").strip()), _("退回时请填写退回理由。"))
    item.state, item.return_reason = State.RETURNED, reason.strip()
    item.returned_by, item.returned_at = by, timezone.now()
    item.save(update_fields=["state", "return_reason", "returned_by", "returned_at", "updated_at"])
    return item


def four_eyes_note(obj, by) -> str:
    """What the audit trail says when an organization without four eyes lets an author approve her own work."""
    if by is not None and permissions.wrote(by, obj) and not permissions.four_eyes_apply(obj):
        return _("本机关未实行双人审核：起草或提交人%(user)s本人审核通过。") % {"user": by}
    return ""


@transaction.atomic
def publish_item(item: Item, by, published_on: date | None = None, calendar: WorkCalendar | None = None) -> Item:
    """Publish after review and assign the 索引号 `<org code>/<year>-<serial>` the first time.

    `calendar` lets bulk callers (the demo, imports) load the working-day calendar once.

    The serial comes from a per-organization-and-year counter row locked with SELECT ... FOR UPDATE,
    so concurrent publications wait for each other and never share or skip a number.
    """
    item = _take(item, "publish", by)
    published_on = published_on or item.published_on or timezone.localdate()
    if published_on < item.written_on:
        raise NotAllowedNow(_("发布日期不能早于成文日期（%(day)s）。") % {"day": item.written_on.isoformat()})
    if published_on > timezone.localdate():
        raise NotAllowedNow(_("发布日期不能晚于今天：信息发布之日即公开之日。"))
    if not item.index_number:
        _assign_index_number(item, published_on.year)
    item.state, item.published_on = State.PUBLISHED, published_on
    item.reviewed_by, item.reviewed_at, item.return_reason = by, timezone.now(), ""
    item.publication_due_on = item.publication_deadline(calendar or current_calendar())
    item._change_reason = four_eyes_note(item, by)  # type: ignore[attr-defined]  # django-simple-history
    item.save()
    notify_changed(item)
    return item


def _assign_index_number(item: Item, year: int) -> None:
    IndexCounter.objects.get_or_create(organization_id=item.organization_id, year=year)
    counter = IndexCounter.objects.select_for_update().get(organization_id=item.organization_id, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    item.index_year, item.index_serial = year, counter.last_serial
    item.index_number = format_index_number(item.organization.code, year, counter.last_serial)


def format_index_number(code: str, year: int, serial: int) -> str:
    return f"{code}/{year}-{serial:05d}"


@transaction.atomic
def repeal_item(item: Item, by, on: date | None = None, validity: str = Item.Validity.REPEALED) -> Item:
    """Mark a published item 废止 or 失效 from a day; it stays in the public record."""
    action = "expire" if validity == Item.Validity.EXPIRED else "repeal"
    if validity not in (Item.Validity.REPEALED, Item.Validity.EXPIRED):
        raise NotAllowedNow(_("有效性只能改为“废止”或“失效”。"))
    item = _take(item, action, by)
    on = on or timezone.localdate()
    if on < item.written_on:
        raise NotAllowedNow(_("废止或失效日期不能早于成文日期。"))
    if item.published_on and on < item.published_on:
        raise NotAllowedNow(_("废止或失效日期不能早于发布日期（%(day)s）。") % {"day": item.published_on.isoformat()})
    item.validity, item.validity_changed_on, item.validity_changed_by = validity, on, by
    item.save(update_fields=["validity", "validity_changed_on", "validity_changed_by", "updated_at"])
    notify_changed(item)
    return item


def expire_item(item: Item, by, on: date | None = None) -> Item:
    return repeal_item(item, by, on, Item.Validity.EXPIRED)


def _still_in_force(item: Item) -> str | None:
    if item.validity != Item.Validity.VALID:
        return _("这条信息已经是“%(validity)s”状态。") % {"validity": item.get_validity_display()}
    return None


REVIEWERS_ONLY = gettext_lazy("只有本机关的审核人或系统管理员可以执行此操作。")


def review_steps(states, *, submit: tuple, give_back, publish, may_write, confirmation: Text, denied: Text) -> dict:
    """提交, 退回 and 审核发布 of anything reviewed as an item is: `submit` is (label, service); the others are
    services. Four eyes is in `permissions.can_approve`."""
    label, submit_service = submit
    step = Transition  # the three differ only in these arguments
    return {
        "submit": step("submit", label, frozenset({states.DRAFT, states.RETURNED}), may_write, service=submit_service),
        "return": step(
            "return",
            gettext_lazy("退回修改"),
            frozenset({states.SUBMITTED}),
            permissions.can_review,
            service=give_back,
            denied=REVIEWERS_ONLY,
        ),
        "publish": step(
            "publish",
            gettext_lazy("审核通过并发布"),
            frozenset({states.DRAFT, states.RETURNED, states.SUBMITTED}),
            permissions.can_approve,
            irreversible=True,
            confirmation=confirmation,
            service=publish,
            denied=denied,
        ),
    }


def validity_step(action: str, label, confirmation, service) -> Transition:
    """废止 or 宣布失效: a published item in force keeps its page, marked with the day."""
    return Transition(
        action,
        label,
        frozenset({State.PUBLISHED}),
        may=permissions.can_review,
        irreversible=True,
        confirmation=confirmation,
        service=service,
        when=_still_in_force,
        denied=REVIEWERS_ONLY,
    )


ITEM_TRANSITIONS: dict[str, Transition] = {
    **review_steps(
        State,
        submit=(gettext_lazy("提交保密审查"), submit_item),
        give_back=return_item,
        publish=publish_item,
        may_write=permissions.can_edit,
        confirmation=gettext_lazy(
            "发布后信息将在公开目录中向社会公开，并分配不可更改的索引号；此后只能废止或宣布失效，不能撤回或删除。"
        ),
        denied=gettext_lazy(
            "只有本机关的审核人或系统管理员可以审核发布；本机关实行双人审核，起草或提交信息的人不能审核自己的信息。"
        ),
    ),
    "repeal": validity_step(
        "repeal",
        gettext_lazy("废止"),
        gettext_lazy("废止后信息仍留在公开目录中，标注为“废止”及废止日期；此操作不能撤销。"),
        repeal_item,
    ),
    "expire": validity_step(
        "expire",
        gettext_lazy("宣布失效"),
        gettext_lazy("宣布失效后信息仍留在公开目录中，标注为“失效”及失效日期；此操作不能撤销。"),
        expire_item,
    ),
}
# The state each action leads to, for the README's diagram ("" stays in the same state).
ITEM_TARGETS = {"submit": State.SUBMITTED, "return": State.RETURNED, "publish": State.PUBLISHED}
