"""The staff workflow: each step checks it is possible, updates the clock's dates and records an event.

Impossible steps raise `TransitionError` with a reason staff can read.
"""

from datetime import date

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import fees
from ..deadlines import MAX_EXTENSION_WORKDAYS
from ..models import Application, ApplicationEvent, Consultation, FeeNotice
from ..outcomes import Outcome

State = Application.State
Kind = ApplicationEvent.Kind
OPEN_RECEIVED = (State.RECEIVED, State.CONSULTING, State.AWAITING_CORRECTION, State.AWAITING_PAYMENT)
# Outcomes that end an application without a reply on its substance.
ABANDONING_OUTCOMES = {
    Outcome.OTHER_NO_CORRECTION: State.AWAITING_CORRECTION,
    Outcome.OTHER_FEE_UNPAID: State.AWAITING_PAYMENT,
}


class TransitionError(Exception):
    """A workflow step that the application's state or dates do not allow."""


def _require_state(application: Application, allowed, action: str) -> None:
    if application.state not in allowed:
        raise TransitionError(
            _("当前状态为“%(state)s”，不能%(action)s。") % {"state": application.get_state_display(), "action": action}
        )


def _check_day(application: Application, day: date) -> None:
    if day > timezone.localdate():
        raise TransitionError(_("日期不能晚于今天。"))
    if application.received_on and day < application.received_on:
        raise TransitionError(_("日期不能早于收到申请的日期（%(day)s）。") % {"day": application.received_on})


def _record(application, kind, day, actor, note="", letter=None) -> ApplicationEvent:
    event = ApplicationEvent(application=application, kind=kind, happened_on=day, actor=actor, note=note)
    if letter:
        event.letter = letter
    event.save()
    return event


@transaction.atomic
def confirm(application: Application, *, on: date, actor, note: str = "") -> None:
    """确认受理 an online submission: the confirmation day is the receipt day (Art. 31)."""
    _require_state(application, [State.SUBMITTED], _("确认受理"))
    if on > timezone.localdate():
        raise TransitionError(_("日期不能晚于今天。"))
    if application.submitted_at and on < timezone.localdate(application.submitted_at):
        raise TransitionError(_("受理日期不能早于提交日期。"))
    application.received_on = on
    application.state = State.RECEIVED
    application.save(update_fields=["received_on", "state", "updated_at"])
    _record(application, Kind.RECEIVED, on, actor, note)


@transaction.atomic
def request_correction(application, *, on: date, period_days: int, actor, note: str = "", letter=None) -> None:
    """补正告知: once only (一次性告知), the clock stops until the corrected application arrives."""
    _require_state(application, [State.RECEIVED], _("告知补正"))
    if application.correction_requested_on:
        raise TransitionError(_("补正只能一次性告知，本申请已告知过补正。"))
    if application.consultations.exists() or application.fee_notices.exists():
        raise TransitionError(_("已征求意见或发出收费通知的申请不能再告知补正。"))
    if period_days < 1:
        raise TransitionError(_("补正期限至少为1个工作日。"))
    _check_day(application, on)
    application.correction_requested_on = on
    application.correction_period_days = period_days
    application.state = State.AWAITING_CORRECTION
    application.save(update_fields=["correction_requested_on", "correction_period_days", "state", "updated_at"])
    _record(application, Kind.CORRECTION_REQUESTED, on, actor, note, letter)


@transaction.atomic
def receive_correction(application, *, on: date, actor, note: str = "") -> None:
    """补正收到: the reply clock restarts from zero on this day (Art. 30)."""
    _require_state(application, [State.AWAITING_CORRECTION], _("登记补正收到"))
    _check_day(application, on)
    if on < application.correction_requested_on:
        raise TransitionError(_("补正收到日期不能早于补正告知日期。"))
    application.correction_received_on = on
    application.state = State.RECEIVED
    application.save(update_fields=["correction_received_on", "state", "updated_at"])
    _record(application, Kind.CORRECTION_RECEIVED, on, actor, note)


@transaction.atomic
def consult(application, *, on: date, party: str, party_name: str, actor, letter=None) -> Consultation:
    """征求第三方或其他机关意见 (Art. 32, 34): the clock stops until the opinion or 15 working days."""
    _require_state(application, [State.RECEIVED, State.CONSULTING], _("征求意见"))
    _check_day(application, on)
    consultation = Consultation(application=application, party=party, party_name=party_name, sent_on=on)
    if letter:
        consultation.letter = letter
    consultation.save()
    application.state = State.CONSULTING
    application.save(update_fields=["state", "updated_at"])
    _record(application, Kind.CONSULTATION_SENT, on, actor, party_name, letter)
    return consultation


@transaction.atomic
def receive_opinion(consultation: Consultation, *, on: date, actor, note: str = "") -> None:
    application = consultation.application
    _require_state(application, [State.CONSULTING], _("登记意见收到"))
    if consultation.opinion_received_on:
        raise TransitionError(_("该征求意见已登记收到意见。"))
    if on < consultation.sent_on or on > timezone.localdate():
        raise TransitionError(_("意见收到日期应在征求意见日期和今天之间。"))
    consultation.opinion_received_on = on
    consultation.save(update_fields=["opinion_received_on"])
    if not application.consultations.filter(opinion_received_on__isnull=True).exists():
        application.state = State.RECEIVED
        application.save(update_fields=["state", "updated_at"])
    _record(application, Kind.OPINION_RECEIVED, on, actor, note or consultation.party_name)


@transaction.atomic
def extend(application, *, on: date, days: int, approved_by: str, actor, note: str = "", letter=None) -> None:
    """延期答复 (Art. 33): once, 1-20 working days, approved by the office's head and notified."""
    _require_state(application, [State.RECEIVED, State.CONSULTING, State.AWAITING_PAYMENT], _("延期答复"))
    if application.extension_days:
        raise TransitionError(_("本申请已经延期，延长的期限合计不得超过20个工作日。"))
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise TransitionError(_("延期应为1至20个工作日。"))
    if not approved_by.strip():
        raise TransitionError(_("请填写批准延期的政府信息公开工作机构负责人。"))
    _check_day(application, on)
    application.extension_days = days
    application.extension_approved_by = approved_by.strip()
    application.extension_notified_on = on
    application.save(update_fields=["extension_days", "extension_approved_by", "extension_notified_on", "updated_at"])
    _record(application, Kind.EXTENDED, on, actor, note or approved_by, letter)


def month_rank(application: Application) -> int:
    """The application's rank among the same applicant's applications to the organization that month."""
    day = application.received_on
    same = Application.objects.filter(
        organization=application.organization, received_on__year=day.year, received_on__month=day.month
    )
    if application.id_number:
        same = same.filter(id_number=application.id_number)
    elif application.credit_code:
        same = same.filter(credit_code=application.credit_code)
    else:
        same = same.filter(applicant_name=application.applicant_name)
    return same.filter(received_on__lt=day).count() + same.filter(received_on=day, pk__lte=application.pk).count()


@transaction.atomic
def notify_fee(application, *, on: date, method: str, pages: int | None, actor, letter=None) -> FeeNotice:
    """收费通知: the fee by one method only; the clock stops until payment."""
    _require_state(application, [State.RECEIVED], _("发出收费通知"))
    if application.fee_notices.exists():
        raise TransitionError(_("本申请已发出过收费通知。"))
    _check_day(application, on)
    if method == FeeNotice.Method.PER_PAGE:
        if not pages:
            raise TransitionError(_("按量计收时请填写页数。"))
        amount = fees.compute_fee(pages=pages)
    else:
        pages = None
        amount = fees.compute_fee(rank=month_rank(application))
    if amount <= 0:
        raise TransitionError(_("按所选方式计算，本申请在免费范围内，无需收费。"))
    notice = FeeNotice(application=application, method=method, pages=pages, amount=amount, notified_on=on)
    if letter:
        notice.letter = letter
    notice.save()
    application.state = State.AWAITING_PAYMENT
    application.save(update_fields=["state", "updated_at"])
    _record(application, Kind.FEE_NOTIFIED, on, actor, f"{notice.get_method_display()} {amount}", letter)
    return notice


@transaction.atomic
def record_payment(application, *, on: date, actor, note: str = "") -> None:
    _require_state(application, [State.AWAITING_PAYMENT], _("登记缴费"))
    notice = application.fee_notices.filter(paid_on__isnull=True).first()
    if on < notice.notified_on or on > timezone.localdate():
        raise TransitionError(_("缴费日期应在收费通知日期和今天之间。"))
    notice.paid_on = on
    notice.save(update_fields=["paid_on"])
    application.state = State.RECEIVED
    application.save(update_fields=["state", "updated_at"])
    _record(application, Kind.FEE_PAID, on, actor, note)


@transaction.atomic
def reply(application, *, on: date, outcome: str, reply_type: str, actor, letter: File, note: str = "") -> None:
    """答复 with exactly one annual-report outcome and the reply letter (uploaded or generated)."""
    outcome = Outcome(outcome)
    required_state = ABANDONING_OUTCOMES.get(outcome)
    if required_state:
        _require_state(application, [required_state], _("以“%(outcome)s”办结") % {"outcome": outcome.label})
    else:
        _require_state(application, [State.RECEIVED], _("答复"))
    if not letter:
        raise TransitionError(_("请上传答复书或选择按模板生成。"))
    _check_day(application, on)
    application.concluded_on = on
    application.outcome = outcome
    application.reply_type = reply_type
    application.reply_letter = letter
    application.state = State.ABANDONED if required_state else State.REPLIED
    application.save()
    _record(application, Kind.ABANDONED if required_state else Kind.REPLIED, on, actor, note or outcome.label)


@transaction.atomic
def withdraw(application, *, on: date, actor, note: str = "") -> None:
    """撤回 at the applicant's request; counted as 其他处理-其他 once received."""
    _require_state(application, [State.SUBMITTED, *OPEN_RECEIVED], _("撤回"))
    _check_day(application, on)
    application.state = State.WITHDRAWN
    if application.received_on:
        # A submission never received is not counted by the annual report at all.
        application.concluded_on = on
        application.outcome = Outcome.OTHER
    application.save(update_fields=["state", "concluded_on", "outcome", "updated_at"])
    _record(application, Kind.WITHDRAWN, on, actor, note)
