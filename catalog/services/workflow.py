from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import IndexCounter, Item
from ..sanitize import clean_body
from ..signals import item_changed
from ..workdays import WorkCalendar

State = Item.State


def notify_changed(item: Item) -> None:
    """Tell listeners (the search index) after commit that an item's public content may have changed."""
    transaction.on_commit(lambda: item_changed.send(sender=Item, item=item))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _check_reviewer(item: Item, by) -> None:
    # `by` is None only for system jobs (management commands, data migrations).
    if by is not None:
        _require(permissions.can_review(by, item), _("只有本机关的审核人或系统管理员可以执行此操作。"))


@transaction.atomic
def save_item(item: Item, by) -> Item:
    """Create or update an item's content: sanitise the body, keep the deadline current, announce public edits."""
    if by is not None:
        if item.pk:
            _require(permissions.can_edit(by, item), _("您无权修改这条信息。"))
        else:
            _require(permissions.can_draft_for(by, item.organization_id), _("您只能为本机关起草信息。"))
    item.body = clean_body(item.body)
    if item.pk is None:
        item.created_by = by
    if item.is_published:
        item.publication_due_on = item.publication_deadline()
    item.save()
    if item.is_published:
        notify_changed(item)
    return item


@transaction.atomic
def submit_item(item: Item, by) -> Item:
    """Send a draft (or a returned item) to confidentiality review (保密审查)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if by is not None:
        _require(permissions.can_edit(by, item), _("您无权提交这条信息。"))
    if item.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError(_("只有草稿或已退回的信息可以提交审查，当前状态为“%(state)s”。") % _state(item))
    item.state, item.submitted_by, item.submitted_at = State.SUBMITTED, by, timezone.now()
    item.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    return item


@transaction.atomic
def return_item(item: Item, by, reason: str) -> Item:
    """Send a submitted item back to its editor with the reviewer's reason."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    _check_reviewer(item, by)
    if item.state != State.SUBMITTED:
        raise ValidationError(_("只有待审查的信息可以退回，当前状态为“%(state)s”。") % _state(item))
    if not (reason or "").strip():
        raise ValidationError(_("退回时请填写退回理由。"))
    item.state, item.return_reason = State.RETURNED, reason.strip()
    item.returned_by, item.returned_at = by, timezone.now()
    item.save(update_fields=["state", "return_reason", "returned_by", "returned_at", "updated_at"])
    return item


@transaction.atomic
def publish_item(item: Item, by, published_on: date | None = None, calendar: WorkCalendar | None = None) -> Item:
    """Publish after review and assign the 索引号 `<org code>/<year>-<serial>` the first time.

    `calendar` lets bulk callers (the demo, imports) load the working-day calendar once.

    The serial comes from a per-organization-and-year counter row locked with SELECT ... FOR UPDATE,
    so concurrent publications wait for each other and never share or skip a number.
    """
    item = Item.objects.select_for_update().select_related("organization").get(pk=item.pk)
    _check_reviewer(item, by)
    if item.is_published:
        raise ValidationError(_("这条信息已经发布，不能重复发布。"))
    published_on = published_on or item.published_on or timezone.localdate()
    if published_on < item.written_on:
        raise ValidationError(_("发布日期不能早于成文日期（%(day)s）。") % {"day": item.written_on.isoformat()})
    if not item.index_number:
        _assign_index_number(item, published_on.year)
    item.state, item.published_on = State.PUBLISHED, published_on
    item.reviewed_by, item.reviewed_at, item.return_reason = by, timezone.now(), ""
    item.publication_due_on = item.publication_deadline(calendar or WorkCalendar.from_database())
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
    item = Item.objects.select_for_update().get(pk=item.pk)
    _check_reviewer(item, by)
    if validity not in (Item.Validity.REPEALED, Item.Validity.EXPIRED):
        raise ValidationError(_("有效性只能改为“废止”或“失效”。"))
    if not item.is_published:
        raise ValidationError(_("只有已发布的信息可以废止或宣布失效。"))
    if item.validity != Item.Validity.VALID:
        raise ValidationError(_("这条信息已经是“%(validity)s”状态。") % {"validity": item.get_validity_display()})
    on = on or timezone.localdate()
    if on < item.written_on:
        raise ValidationError(_("废止或失效日期不能早于成文日期。"))
    item.validity, item.validity_changed_on, item.validity_changed_by = validity, on, by
    item.save(update_fields=["validity", "validity_changed_on", "validity_changed_by", "updated_at"])
    notify_changed(item)
    return item


def _state(item: Item) -> dict:
    return {"state": item.get_state_display()}
