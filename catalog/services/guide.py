"""The guide edition workflow: written, reviewed like an item (four eyes included), published, then never rewritten.

`GUIDE_TRANSITIONS` is the only list of which states allow which step.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..models import GuideEdition
from ..transitions import NotAllowedNow, Transition, locked
from .workflow import four_eyes_note, review_steps

State = GuideEdition.State


def _take(edition: GuideEdition, action: str, by) -> GuideEdition:
    edition = locked(edition)
    GUIDE_TRANSITIONS[action].check(edition, by)
    edition._history_user = by  # type: ignore[attr-defined]  # django-simple-history reads it; stubs lack it
    return edition


@transaction.atomic
def save_edition(edition: GuideEdition, by) -> GuideEdition:
    """Write a new edition or change one still in draft; a published edition is never rewritten."""
    if by is not None and not permissions.can_edit_guide(by, edition):
        raise NotAllowedNow(_("已发布的公开指南版本不能修改；如需修改，请新建一个版本送审。"))
    if by is not None and not permissions.can_draft_for(by, edition.organization_id):
        raise NotAllowedNow(_("您只能为本机关编写公开指南。"))
    if edition.pk is None:
        edition.created_by = by
    edition._history_user = by  # type: ignore[attr-defined]  # django-simple-history reads it; stubs lack it
    edition.save()
    return edition


@transaction.atomic
def submit_edition(edition: GuideEdition, by) -> GuideEdition:
    edition = _take(edition, "submit", by)
    edition.state, edition.submitted_by, edition.submitted_at = State.SUBMITTED, by, timezone.now()
    edition.save(update_fields=["state", "submitted_by", "submitted_at"])
    return edition


@transaction.atomic
def return_edition(edition: GuideEdition, by, reason: str = "") -> GuideEdition:
    edition = _take(edition, "return", by)
    if not (reason or "").strip():
        raise NotAllowedNow(_("退回时请填写退回理由。"))
    edition.state, edition.return_reason = State.RETURNED, reason.strip()
    edition.save(update_fields=["state", "return_reason"])
    return edition


@transaction.atomic
def publish_edition(edition: GuideEdition, by) -> GuideEdition:
    edition = _take(edition, "publish", by)
    edition.state, edition.reviewed_by, edition.reviewed_at = State.PUBLISHED, by, timezone.now()
    edition.return_reason = ""
    edition._change_reason = four_eyes_note(edition, by)  # type: ignore[attr-defined]  # django-simple-history
    edition.save(update_fields=["state", "reviewed_by", "reviewed_at", "return_reason"])
    return edition


def _may_write(user, edition: GuideEdition) -> bool:
    return permissions.is_member(user, edition.organization_id)


GUIDE_TRANSITIONS: dict[str, Transition] = review_steps(
    State,
    submit=(gettext_lazy("提交审核"), submit_edition),
    give_back=return_edition,
    publish=publish_edition,
    may_write=_may_write,
    confirmation=gettext_lazy("发布后本版本自施行日期起在公开指南页面向社会公开，此后不能再修改，只能另行编写新版本。"),
    denied=gettext_lazy(
        "只有本机关的审核人或系统管理员可以审核发布；本机关实行双人审核，起草或提交指南的人不能审核自己的版本。"
    ),
)
GUIDE_TARGETS = {"submit": State.SUBMITTED, "return": State.RETURNED, "publish": State.PUBLISHED}
