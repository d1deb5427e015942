"""Telling the applicant every step: an outbox of notices, delivered by e-mail and shown on the lookup page.

`notify` writes a notice in the step's own transaction and, once the step commits, queues a background task
(applications.tasks.deliver_notice) that makes the attempts. `deliver(notice_id)` makes one attempt and records
it; a failed one is due again after a growing pause, up to `MAX_ATTEMPTS`: the task is queued again for that time
(database backend), and `deliver_due()` (the `send_notices` command, run by cron) sweeps whatever is due.
A mail server that is down never fails the step: the notice waits in the outbox and the lookup page shows it meanwhile.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.workdays import WorkCalendar, current_calendar

from .deadlines import PAYMENT_WORKDAYS, compute_deadlines
from .models import Application, Notice

Kind = Notice.Kind
Delivery = Notice.Delivery
MAX_ATTEMPTS = 8
FIRST_PAUSE = timedelta(minutes=5)  # then 10, 20, 40 minutes … about 21 hours in all
SCRUBBED_CODE = "**********"


def day_text(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def lookup_url() -> str:
    """The absolute address of the lookup page, or "" when PORTAL_BASE_URL is not set."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return f"{base}{reverse('applications:lookup')}" if base else ""


def _message(application: Application, kind: str, calendar: WorkCalendar, extra: dict) -> str:
    clock = compute_deadlines(application, calendar)
    values = {
        "number": application.number,
        "received": day_text(application.received_on),
        "due": day_text(clock.reply_due),
        "day": day_text(extra.get("on")),
        **{key: value for key, value in extra.items() if key != "on"},
    }
    texts = {
        Kind.CODES: _(
            "您的政府信息公开申请已提交。受理编号：%(number)s；查询码：%(code)s（请妥善保存，凭受理编号和查询码查询办理"
            "进度、在线补正、下载答复书）。网上申请以工作人员确认受理之日为收到申请之日，自该日起20个工作日内答复。"
        ),
        Kind.RECEIVED: _(
            "本机关已于%(received)s受理您的申请（受理编号%(number)s），该日为收到申请之日。答复期限为%(due)s"
            "（20个工作日；征求第三方意见、缴费等期间不计算在内）。"
        ),
        Kind.CORRECTION_REQUESTED: _(
            "您的申请内容需要补正。需要补正的事项：\n%(what)s\n请于%(correction_due)s前补正（%(days)s个工作日）。"
            "您可以在本网站“查询办理进度”页面凭受理编号和查询码在线提交补正，也可以书面提交。答复期限自本机关收到补正之日"
            "起重新计算；无正当理由逾期不补正的，视为放弃申请。"
        ),
        Kind.CORRECTION_RECEIVED: _("本机关已于%(day)s收到您的补正，答复期限自该日起重新计算，为%(due)s。"),
        Kind.CONSULTING: _(
            "本机关已于%(day)s就您的申请征求%(party)s意见。征求意见所需时间不计算在答复期限内（最长15个工作日），"
            "答复期限相应顺延，按目前情况最迟为%(due)s。"
        ),
        Kind.EXTENDED: _(
            "经政府信息公开工作机构负责人同意，您的申请答复期限延长%(days)s个工作日，新的答复期限为%(due)s。"
        ),
        Kind.FEE: _(
            "依照《政府信息公开信息处理费管理办法》，您的申请需缴纳信息处理费%(amount)s元（%(method)s）。请于%(pay_by)s"
            "前缴纳；缴费期间不计算在答复期限内，逾期未缴纳的视为放弃申请。"
        ),
        Kind.REPLIED: _(
            "本机关已于%(day)s答复您的申请，办理结果：%(outcome)s。答复书（%(letter_number)s）见附件，"
            "也可以在本网站“查询办理进度”页面下载。"
        ),
        Kind.WITHDRAWN: _("本机关已于%(day)s收到您撤回申请的请求（%(via)s），不再处理该申请。"),
    }
    return texts[kind] % values


def compose(application: Application, kind: str, calendar: WorkCalendar, **extra) -> tuple[str, str]:
    """The subject and body of a notice, written now (the dates it states are those of this step)."""
    subject = _("【%(organization)s】%(kind)s：%(number)s") % {
        "organization": application.organization.name,
        "kind": Kind(kind).label,
        "number": application.number,
    }
    context = {
        "application": application,
        "message": _message(application, kind, calendar, extra),
        "lookup_url": lookup_url(),
        "organization": application.organization,
    }
    return subject, render_to_string("emails/applications/notice_body.txt", context)


def notify(application: Application, kind: str, calendar: WorkCalendar | None = None, **extra) -> Notice:
    """Write the notice of a step (inside the step's transaction) and try to send it once the step commits."""
    subject, body = compose(application, kind, calendar or current_calendar(), **extra)
    notice = Notice(
        application=application,
        kind=kind,
        subject=subject,
        body=body,
        recipient=application.email,
        attach_letter=kind == Kind.REPLIED,
        delivery=Delivery.PENDING if application.email else Delivery.NO_ADDRESS,
        next_attempt_at=timezone.now(),
    )
    if not application.email:
        _scrub_codes(notice)  # no mail will carry it: the applicant has it from the screen only
    notice.save()
    if application.email:
        from .tasks import deliver_after_commit  # the task module imports this one

        deliver_after_commit(notice)
    return notice


def deliver(notice_id: int) -> bool:
    """One delivery attempt, recorded on the notice; True when the mail went out. Never raises on mail errors."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("application").filter(pk=notice_id).first()
        if notice is None or notice.delivery != Delivery.PENDING:
            return False
        try:
            _send(notice)
        except Exception as error:  # any failure of the mail server or the network: record it, retry later
            _failed(notice, error)
            return False
        notice.delivery, notice.sent_at = Delivery.SENT, timezone.now()
        notice.attempts += 1
        notice.last_error, notice.next_attempt_at = "", None
        _scrub_codes(notice)
        notice.save()
        return True


def _send(notice: Notice) -> None:
    message = EmailMessage(
        notice.subject,
        notice.body,
        settings.DEFAULT_FROM_EMAIL,
        [notice.recipient],
    )
    letter = notice.application.reply_letter
    if notice.attach_letter and letter:
        with letter.open("rb") as handle:
            suffix = letter.name.rsplit(".", 1)[-1] if "." in letter.name else "pdf"
            message.attach(f"{notice.application.number}-答复书.{suffix}", handle.read())
    message.send()


def _failed(notice: Notice, error: Exception) -> None:
    notice.attempts += 1
    notice.last_error = f"{type(error).__name__}: {error}"[:300]
    if notice.attempts >= MAX_ATTEMPTS:
        notice.delivery, notice.next_attempt_at = Delivery.FAILED, None
        _scrub_codes(notice)
    else:
        notice.next_attempt_at = timezone.now() + FIRST_PAUSE * 2 ** (notice.attempts - 1)
    notice.save()


def _scrub_codes(notice: Notice) -> None:
    """The 查询码 is kept only as a hash: once its mail is out (or given up), the outbox forgets it too."""
    if notice.kind == Kind.CODES:
        notice.body = "\n".join(_scrub_line(line) for line in notice.body.splitlines())


def _scrub_line(line: str) -> str:
    marker = "查询码："
    if marker not in line:
        return line
    head, tail = line.split(marker, 1)
    return head + marker + SCRUBBED_CODE + tail[tail.find("（") :] if "（" in tail else head + marker + SCRUBBED_CODE


def deliver_due(now=None, limit: int = 200) -> tuple[int, int]:
    """Retry the notices whose pause is over; returns (sent, still waiting or failed)."""
    now = now or timezone.now()
    due = Notice.objects.filter(delivery=Delivery.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at")
    sent = failed = 0
    for notice_id in list(due.values_list("pk", flat=True)[:limit]):
        if deliver(notice_id):
            sent += 1
        else:
            failed += 1
    return sent, failed


PUBLIC_KINDS = [kind for kind in Kind if kind != Kind.CODES]


def payment_due(notified_on: date, calendar: WorkCalendar) -> date:
    return calendar.add_workdays(notified_on, PAYMENT_WORKDAYS)
