"""The application workflow and its transitions table (`APPLICATION_TRANSITIONS`).

Every service has the signature `service(application, *, by, **what)`. It locks the application's row
(`select_for_update`) inside its transaction, checks the table on that fresh row, updates the clock's dates,
records an event and writes the applicant's notice. A step the current state or the user does not allow,
or one that lost a race, raises `NotAllowedNow` with a reason people can read, and changes nothing.
"""

from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import permissions
from catalog.transitions import NotAllowedNow, Transition
from catalog.workdays import current_calendar
from disclosure_portal.uploads import files_removed_on_failure

from .. import fees
from ..choices import MUST_SAY_WHERE
from ..deadlines import (
    CORRECTION_NOTICE_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    OPINION_WORKDAYS,
    compute_deadlines,
    reply_due,
)
from ..models import Application, ApplicationEvent, Consultation, CorrectionFile, CorrectionReply, FeeNotice
from ..models import Notice as NoticeModel
from ..notices import day_text, notify, payment_due
from ..outcomes import Outcome, inconsistency, needs_reason, reply_types_for
from .letters import generate_reply_letter, next_letter_number

State = Application.State
Kind = ApplicationEvent.Kind
NoticeKind = NoticeModel.Kind
OPEN_RECEIVED = (State.RECEIVED, State.CONSULTING, State.AWAITING_CORRECTION, State.AWAITING_PAYMENT)
# Outcomes that end an application without a reply on its substance, and the state each needs.
ABANDONING_OUTCOMES = {
    Outcome.OTHER_NO_CORRECTION: State.AWAITING_CORRECTION,
    Outcome.OTHER_FEE_UNPAID: State.AWAITING_PAYMENT,
}


def _take(application: Application, action: str, by) -> Application:
    """Lock the application's row, bring `application` up to date from it and check the table on it."""
    Application.objects.select_for_update().filter(pk=application.pk).values_list("pk").first()
    application.refresh_from_db()
    APPLICATION_TRANSITIONS[action].check(application, by)
    return application


def _check_day(application: Application, day: date) -> None:
    if day > timezone.localdate():
        raise NotAllowedNow(_("日期不能晚于今天。"))
    if application.received_on and day < application.received_on:
        raise NotAllowedNow(_("日期不能早于收到申请的日期（%(day)s）。") % {"day": application.received_on})


def _check_day_within_reply_period(application: Application, day: date, rule: str) -> None:
    """A step that stops or lengthens the clock cannot be dated after the clock has run out."""
    _check_day(application, day)
    due = reply_due(application, current_calendar())
    if due and day > due:
        raise NotAllowedNow(_("%(rule)s，答复期限已于%(day)s届满。") % {"rule": rule, "day": day_text(due)})


def _recorded_user(by):
    """The user recorded on events: staff, or nobody for the applicant and system jobs (`by` None)."""
    return by if by is not None and by.is_authenticated else None


def _event(application, kind, day, by, note, letter) -> ApplicationEvent:
    """An event not yet saved (so that its letter can be watched by `files_removed_on_failure`)."""
    event = ApplicationEvent(application=application, kind=kind, happened_on=day, by=_recorded_user(by), note=note)
    if letter:
        event.letter = letter
    return event


def _record(application, kind, day, by, note, letter=None) -> ApplicationEvent:
    event = _event(application, kind, day, by, note, letter)
    event.save()
    return event


def _save(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def confirm(application: Application, *, by, on: date, note: str = "") -> None:
    """确认受理 an online submission: the confirmation day is the receipt day (Art. 31)."""
    _take(application, "confirm", by)
    if on > timezone.localdate():
        raise NotAllowedNow(_("日期不能晚于今天。"))
    if application.submitted_at and on < timezone.localdate(application.submitted_at):
        raise NotAllowedNow(_("受理日期不能早于提交日期。"))
    application.received_on, application.state = on, State.RECEIVED
    _save(application, "received_on", "state")
    _record(application, Kind.RECEIVED, on, by, note)
    notify(application, NoticeKind.RECEIVED)


def _correction_possible(application: Application) -> str | None:
    if application.correction_requested_on:
        return _("补正只能一次性告知，本申请已告知过补正。")
    if application.consultations.exists() or application.fee_notices.exists():
        return _("已征求意见或发出收费通知的申请不能再告知补正。")
    return None


@transaction.atomic
def request_correction(application, *, by, on: date, period_days: int, note: str = "", letter=None) -> None:
    """补正告知: once only (一次性告知), saying what to supply and by when; the clock stops until it arrives."""
    _take(application, "correction", by)
    if period_days < 1:
        raise NotAllowedNow(_("补正期限至少为1个工作日。"))
    if not note.strip():
        raise NotAllowedNow(_("请写明需要补正的事项，申请人将收到这段说明。"))
    _check_day(application, on)
    notice_due = current_calendar().add_workdays(application.received_on, CORRECTION_NOTICE_WORKDAYS)
    if on > notice_due:
        raise NotAllowedNow(
            _("补正应自收到申请之日起7个工作日内（至%(day)s）告知，已经逾期，请直接答复。")
            % {"day": day_text(notice_due)}
        )
    application.correction_requested_on, application.correction_period_days = on, period_days
    application.state = State.AWAITING_CORRECTION
    event = _event(application, Kind.CORRECTION_REQUESTED, on, by, note, letter)
    calendar = current_calendar()
    due = day_text(calendar.add_workdays(on, period_days))
    with files_removed_on_failure(event):
        _save(application, "correction_requested_on", "correction_period_days", "state")
        event.save()
        kind = NoticeKind.CORRECTION_REQUESTED
        notify(application, kind, calendar, what=note.strip(), days=period_days, correction_due=due)


def _arrived(application: Application, on: date, by, note: str) -> None:
    if on < application.correction_requested_on:  # type: ignore[operator]  # set in every 待补正 application
        raise NotAllowedNow(_("补正收到日期不能早于补正告知日期。"))
    application.correction_received_on, application.state = on, State.RECEIVED
    _save(application, "correction_received_on", "state")
    _record(application, Kind.CORRECTION_RECEIVED, on, by, note)
    notify(application, NoticeKind.CORRECTION_RECEIVED, on=on)


@transaction.atomic
def receive_correction(application, *, by, on: date, note: str = "") -> None:
    """补正收到 (on paper, by post…): the reply clock restarts from zero on this day (Art. 30)."""
    _take(application, "correction_received", by)
    _check_day(application, on)
    _arrived(application, on, by, note)


@transaction.atomic
def submit_correction(application, *, by, text: str, files=()) -> CorrectionReply:
    """The applicant answers the 补正 request online: it arrives today, and the clock restarts today."""
    _take(application, "correction_online", by)
    if not text.strip():
        raise NotAllowedNow(_("请填写补正内容。"))
    reply = CorrectionReply(application=application, text=text.strip())
    stored = [CorrectionFile(reply=reply, file=upload) for upload in files]
    with files_removed_on_failure(*stored):
        reply.save()
        for item in stored:
            item.reply = reply
            item.save()
        _arrived(application, timezone.localdate(), by, _("申请人在网上提交补正"))
    return reply


@transaction.atomic
def consult(application, *, by, on: date, party: str, party_name: str, letter=None) -> Consultation:
    """征求第三方或其他机关意见 (Art. 32, 34): the clock stops until the opinion or 15 working days."""
    _take(application, "consult", by)
    _check_day(application, on)
    consultation = Consultation(application=application, party=party, party_name=party_name, sent_on=on)
    if letter:
        consultation.letter = letter
    with files_removed_on_failure(consultation):
        consultation.save()
        application.state = State.CONSULTING
        _save(application, "state")
        _record(application, Kind.CONSULTATION_SENT, on, by, party_name, consultation.letter or None)
        notify(application, NoticeKind.CONSULTING, on=on, party=consultation.get_party_display())
    return consultation


@transaction.atomic
def receive_opinion(application, *, by, on: date, consultation: Consultation, note: str = "") -> None:
    _take(application, "opinion", by)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk, application=application)
    if consultation.opinion_received_on:
        raise NotAllowedNow(_("该征求意见已登记收到意见。"))
    if on < consultation.sent_on or on > timezone.localdate():
        raise NotAllowedNow(_("意见收到日期应在征求意见日期和今天之间。"))
    consultation.opinion_received_on = on
    consultation.save(update_fields=["opinion_received_on"])
    if not application.consultations.filter(opinion_received_on__isnull=True).exists():
        application.state = State.RECEIVED
        _save(application, "state")
    _record(application, Kind.OPINION_RECEIVED, on, by, note or consultation.party_name)


def _not_extended(application: Application) -> str | None:
    if application.extension_days:
        return _("本申请已经延期，延长的期限合计不得超过20个工作日。")
    return None


@transaction.atomic
def extend(application, *, by, on: date, days: int, approved_by: str, note: str = "", letter=None) -> None:
    """延期答复 (Art. 33): once, 1-20 working days, approved by the office's head and notified."""
    _take(application, "extend", by)
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise NotAllowedNow(_("延期应为1至20个工作日。"))
    if not approved_by.strip():
        raise NotAllowedNow(_("请填写批准延期的政府信息公开工作机构负责人。"))
    _check_day_within_reply_period(application, on, _("延期须在答复期限届满前决定并告知申请人"))
    application.extension_days = days
    application.extension_approved_by = approved_by.strip()
    application.extension_notified_on = on
    event = _event(application, Kind.EXTENDED, on, by, note or approved_by, letter)
    with files_removed_on_failure(event):
        _save(application, "extension_days", "extension_approved_by", "extension_notified_on")
        event.save()
        notify(application, NoticeKind.EXTENDED, days=days)


def month_rank(application: Application) -> int:
    """The application's rank among the same applicant's applications to the organization that month."""
    day = application.received_on
    assert day is not None  # an application is ranked once it has been received
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


def _no_fee_yet(application: Application) -> str | None:
    return _("本申请已发出过收费通知。") if application.fee_notices.exists() else None


@transaction.atomic
def notify_fee(application, *, by, on: date, method: str, pages: int | None = None, letter=None) -> FeeNotice:
    """收费通知: the fee by one method only; the clock stops until payment."""
    _take(application, "fee", by)
    _check_day_within_reply_period(application, on, _("收费通知须在答复期限内发出"))
    if method == FeeNotice.Method.PER_PAGE:
        if not pages:
            raise NotAllowedNow(_("按量计收时请填写页数。"))
        amount = fees.compute_fee(pages=pages)
    else:
        pages = None
        amount = fees.compute_fee(rank=month_rank(application))
    if amount <= 0:
        raise NotAllowedNow(_("按所选方式计算，本申请在免费范围内，无需收费。"))
    notice = FeeNotice(application=application, method=method, pages=pages, amount=amount, notified_on=on)
    if letter:
        notice.letter = letter
    calendar = current_calendar()
    pay_by = day_text(payment_due(on, calendar))
    method_label = notice.get_method_display()
    with files_removed_on_failure(notice):
        notice.save()
        application.state = State.AWAITING_PAYMENT
        _save(application, "state")
        _record(application, Kind.FEE_NOTIFIED, on, by, f"{method_label} {amount}", notice.letter or None)
        notify(application, NoticeKind.FEE, calendar, amount=amount, method=method_label, pay_by=pay_by)
    return notice


@transaction.atomic
def record_payment(application, *, by, on: date, note: str = "") -> None:
    _take(application, "payment", by)
    notice = application.fee_notices.select_for_update().filter(paid_on__isnull=True).first()
    if on < notice.notified_on or on > timezone.localdate():
        raise NotAllowedNow(_("缴费日期应在收费通知日期和今天之间。"))
    notice.paid_on = on
    notice.save(update_fields=["paid_on"])
    application.state = State.RECEIVED
    _save(application, "state")
    _record(application, Kind.FEE_PAID, on, by, note)


def check_reply(application: Application, outcome: str, reply_type: str, reason: str, on: date) -> str:
    """The reply type that goes with the outcome; NotAllowedNow when they contradict, a reason is missing, or the
    outcome does not fit the application's course by the reply day `on`."""
    outcome = Outcome(outcome)
    required_state = ABANDONING_OUTCOMES.get(outcome, State.RECEIVED)
    consulting = application.state == State.CONSULTING and required_state == State.RECEIVED
    if application.state != required_state and not consulting:
        raise NotAllowedNow(
            _("当前状态为“%(state)s”，不能以“%(outcome)s”办结。")
            % {"state": application.get_state_display(), "outcome": outcome.label}
        )
    until = _opinion_awaited_until(application, on) if consulting else None
    if until:
        raise NotAllowedNow(_opinion_refusal(until))
    problem = _premature(application, outcome, on)
    if problem:
        raise NotAllowedNow(problem)
    reply_type = reply_type or reply_types_for(outcome)[0]
    problem = inconsistency(outcome, reply_type)
    if problem:
        raise NotAllowedNow(problem)
    if needs_reason(outcome) and not (reason or "").strip():
        raise NotAllowedNow(_("“%(outcome)s”须写明理由和依据。") % {"outcome": outcome.label})
    where = MUST_SAY_WHERE.get(reply_type)
    if where and not (reason or "").strip():
        raise NotAllowedNow(_("这种答复须在“理由和依据”中写明%(where)s。") % {"where": where})
    return reply_type


def _opinion_awaited_until(application: Application, on: date) -> date | None:
    """The last day a consulted party may still answer, if one that has not answered may on day `on`.

    A party silent for its 15 working days has let its chance pass and the office decides itself (Art. 32):
    the reply may then go out while the consultation still waits for an opinion.
    """
    calendar = current_calendar()
    waiting = application.consultations.filter(opinion_received_on__isnull=True)
    dues = [calendar.add_workdays(c.sent_on, OPINION_WORKDAYS) for c in waiting]
    return max(dues) if dues and on <= max(dues) else None


def _no_opinion_awaited(application: Application) -> str | None:
    if application.state != State.CONSULTING:
        return None
    until = _opinion_awaited_until(application, timezone.localdate())
    return _opinion_refusal(until) if until else None


def _opinion_refusal(until: date) -> str:
    return _("征求意见的答复期限至%(day)s，期满前请等待意见，收到意见后再答复。") % {"day": day_text(until)}


# The applicant's period that each deemed-abandoned outcome waits for (Art. 30; domain.md section 3, Fees).
ABANDONMENT_PERIODS = {
    Outcome.OTHER_NO_CORRECTION: gettext_lazy("补正期限"),
    Outcome.OTHER_FEE_UNPAID: gettext_lazy("缴费期限"),
}


def _applicant_period_end(application: Application, outcome: Outcome) -> date | None:
    calendar = current_calendar()
    if outcome == Outcome.OTHER_NO_CORRECTION:
        return compute_deadlines(application, calendar).correction_due
    notice = application.fee_notices.filter(paid_on__isnull=True).first()
    return payment_due(notice.notified_on, calendar) if notice else None


def _premature(application: Application, outcome: Outcome, on: date) -> str | None:
    """Why `outcome` cannot conclude the application on day `on` yet, if it cannot."""
    if outcome in ABANDONMENT_PERIODS:
        end = _applicant_period_end(application, outcome)
        if end and on <= end:
            return _("%(period)s至%(day)s，期满前不能以“%(outcome)s”办结。") % {
                "period": ABANDONMENT_PERIODS[outcome],
                "day": day_text(end),
                "outcome": outcome.label,
            }
    if outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR and not application.correction_received_on:
        return _("“%(outcome)s”只用于申请人补正之后：本申请没有收到过补正。") % {"outcome": outcome.label}
    return None


@transaction.atomic
def reply(
    application, *, by, on: date, outcome: str, reply_type: str = "", reason: str = "", letter=None, body: str = ""
) -> None:
    """答复 with exactly one annual-report outcome, its reply type and the letter (uploaded or generated)."""
    _take(application, "reply", by)
    _check_day(application, on)
    application.reply_type = check_reply(application, outcome, reply_type, reason, on)
    abandoned = Outcome(outcome) in ABANDONING_OUTCOMES
    application.concluded_on, application.outcome, application.reply_reason = on, Outcome(outcome), reason.strip()
    application.letter_number = next_letter_number(application.organization, on.year)
    application.state = State.ABANDONED if abandoned else State.REPLIED
    application.reply_letter = letter or generate_reply_letter(application, on=on, body=body)
    with files_removed_on_failure(application):
        application.save()
        note = Outcome(outcome).label + (f"：{application.reply_reason}" if application.reply_reason else "")
        _record(application, Kind.ABANDONED if abandoned else Kind.REPLIED, on, by, note)
        label, number = Outcome(outcome).label, application.letter_number
        notify(application, NoticeKind.REPLIED, on=on, outcome=label, letter_number=number)


@transaction.atomic
def withdraw(application, *, by, on: date, via: str, note: str = "") -> None:
    """撤回 at the applicant's request, on the day she asked and by the way she asked; counted as 其他处理-其他
    once received."""
    _take(application, "withdraw", by)
    if application.submitted_at and on < timezone.localdate(application.submitted_at):
        raise NotAllowedNow(_("撤回日期不能早于提交申请的日期。"))
    _check_day(application, on)
    application.state, application.withdrawn_via = State.WITHDRAWN, via
    if application.received_on:
        # A submission never received is not counted by the annual report at all.
        application.concluded_on, application.outcome = on, Outcome.OTHER
    _save(application, "state", "withdrawn_via", "concluded_on", "outcome")
    _record(application, Kind.WITHDRAWN, on, by, f"{via}" + (f"：{note}" if note else ""))
    notify(application, NoticeKind.WITHDRAWN, on=on, via=via)


_staff = partial(Transition, may=permissions.can_handle)  # a step staff of the application's organization take


REPLY_CONFIRMATION = gettext_lazy(
    "答复后申请即办结：答复书生成并编定文号，以电子邮件发送给申请人（如留有邮箱）并可在查询页面下载，"
    "办理结果计入年度报告。答复不能撤回或修改。"
)
WITHDRAW_CONFIRMATION = gettext_lazy(
    "撤回后本申请终止办理，不能恢复；已受理的申请在年度报告中计入“其他处理”。请确认申请人确已提出撤回。"
)
APPLICATION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _staff("confirm", gettext_lazy("确认受理"), frozenset({State.SUBMITTED}), service=confirm),
        _staff(
            "correction",
            gettext_lazy("补正告知"),
            frozenset({State.RECEIVED}),
            service=request_correction,
            when=_correction_possible,
        ),
        _staff(
            "correction_received",
            gettext_lazy("补正收到"),
            frozenset({State.AWAITING_CORRECTION}),
            service=receive_correction,
        ),
        Transition(
            "correction_online",
            gettext_lazy("网上提交补正"),
            frozenset({State.AWAITING_CORRECTION}),
            permissions.is_applicant,
            service=submit_correction,
        ),
        _staff("consult", gettext_lazy("征求意见"), frozenset({State.RECEIVED, State.CONSULTING}), service=consult),
        _staff("opinion", gettext_lazy("意见收到"), frozenset({State.CONSULTING}), service=receive_opinion),
        _staff(
            "extend",
            gettext_lazy("延期答复"),
            frozenset({State.RECEIVED, State.CONSULTING, State.AWAITING_PAYMENT}),
            service=extend,
            when=_not_extended,
        ),
        _staff("fee", gettext_lazy("收费通知"), frozenset({State.RECEIVED}), service=notify_fee, when=_no_fee_yet),
        _staff("payment", gettext_lazy("缴费"), frozenset({State.AWAITING_PAYMENT}), service=record_payment),
        _staff(
            "reply",
            gettext_lazy("答复"),
            frozenset({State.RECEIVED, State.CONSULTING, State.AWAITING_CORRECTION, State.AWAITING_PAYMENT}),
            service=reply,
            when=_no_opinion_awaited,
            irreversible=True,
            confirmation=REPLY_CONFIRMATION,
        ),
        _staff(
            "withdraw",
            gettext_lazy("撤回"),
            frozenset({State.SUBMITTED, *OPEN_RECEIVED}),
            service=withdraw,
            irreversible=True,
            confirmation=WITHDRAW_CONFIRMATION,
        ),
    ]
}
# The state each action leads to, for the README's diagram ("" stays in the same state).
APPLICATION_TARGETS = {
    "confirm": State.RECEIVED,
    "correction": State.AWAITING_CORRECTION,
    "correction_received": State.RECEIVED,
    "correction_online": State.RECEIVED,
    "consult": State.CONSULTING,
    "opinion": State.RECEIVED,
    "fee": State.AWAITING_PAYMENT,
    "payment": State.RECEIVED,
    "reply": {
        State.RECEIVED: State.REPLIED,
        State.CONSULTING: State.REPLIED,  # once every consulted party's 15 working days have passed
        **{state: State.ABANDONED for outcome, state in ABANDONING_OUTCOMES.items()},
    },
    "withdraw": State.WITHDRAWN,
}
