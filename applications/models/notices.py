from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One message to the applicant about a step (受理, 补正, 延期, 答复 …): the outbox.

    Written in the same transaction as the step, so the step and its notice exist together or not at all;
    delivered by e-mail afterwards (right after commit, then by `send_notices` until it goes through),
    and shown on the applicant's lookup page whatever the mail server does. Delivery never fails the step.
    """

    class Kind(models.TextChoices):
        CODES = "codes", _("受理编号和查询码")
        RECEIVED = "received", _("受理通知")
        CORRECTION_REQUESTED = "correction", _("补正告知")
        CORRECTION_RECEIVED = "correction_received", _("补正收到")
        CONSULTING = "consulting", _("征求意见告知")
        EXTENDED = "extended", _("延期答复告知")
        FEE = "fee", _("缴费通知")
        REPLIED = "replied", _("答复")
        WITHDRAWN = "withdrawn", _("撤回确认")

    class Delivery(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败，不再重试")
        NO_ADDRESS = "no_address", _("申请人未留电子邮箱")

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("通知"), max_length=24, choices=Kind.choices)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    attach_letter = models.BooleanField(default=False)
    recipient = models.EmailField(_("收件人"), blank=True)
    delivery = models.CharField(_("发送状态"), max_length=12, choices=Delivery.choices, default=Delivery.PENDING)
    attempts = models.PositiveSmallIntegerField(_("发送次数"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.CharField(_("最近一次失败原因"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["delivery", "next_attempt_at"], name="notice_due")]
        verbose_name = _("告知申请人")
        verbose_name_plural = _("告知申请人")

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_kind_display()}"
