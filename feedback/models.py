import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Organization

# An inspection (政府网站与政务新媒体检查指标) fails a site with messages unanswered for longer than this.
ANSWER_WITHIN_MONTHS = 3


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 month = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class MessageQuerySet(models.QuerySet):
    def for_staff(self, user) -> "MessageQuerySet":
        return self.filter(organization__in=Organization.objects.for_user(user))

    def waiting(self) -> "MessageQuerySet":
        return self.filter(answered_at__isnull=True)

    def overdue(self, today: date | None = None) -> "MessageQuerySet":
        """Unanswered for more than three months: Message.is_overdue, as one condition on the day received."""
        since = months_after(today or timezone.localdate(), -ANSWER_WITHIN_MONTHS)
        return self.waiting().filter(received_on__lt=since)

    def published(self) -> "MessageQuerySet":
        return self.filter(published_at__isnull=False, answered_at__isnull=False)


class Message(models.Model):
    """A letter to the 信息公开意见箱: a comment on the disclosure work or a report of an error on the site."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("意见建议")
        CORRECTION = "correction", _("网站纠错")

    number = models.CharField(_("留言编号"), max_length=20, unique=True, null=True, editable=False)
    lookup_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    # The one-time submission token's digest (disclosure_portal.submissions): the same form sent twice files once.
    submission_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.COMMENT)
    organization = models.ForeignKey(
        Organization, verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="feedback_messages"
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("内容"), max_length=2000)
    page_url = models.CharField(_("有误的页面"), max_length=300, blank=True)
    # Personal data: seen by the organization's staff, never published.
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now, editable=False)
    received_on = models.DateField(_("收到日期"), default=timezone.localdate, editable=False, db_index=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    public_title = models.CharField(
        _("公开的标题"),
        max_length=100,
        blank=True,
        help_text=_("公开时显示的标题。已自动隐去电话、证件号码、电子邮箱和姓名，请再检查地址等个人信息。"),
    )
    public_question = models.TextField(
        _("公开的留言内容"),
        blank=True,
        help_text=_("公开时显示的留言内容。已自动隐去电话、证件号码、电子邮箱和姓名，请再检查地址等个人信息。"),
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("意见箱留言")
        verbose_name_plural = _("意见箱留言")

    def __str__(self) -> str:
        return f"{self.number or ''} {self.title}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("feedback:detail", args=[self.number])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.is_answered

    def age_days(self, today: date | None = None) -> int:
        """Days since the message arrived (until it was answered, if it was)."""
        end = timezone.localdate(self.answered_at) if self.answered_at else (today or timezone.localdate())
        return (end - self.received_on).days

    def answer_due_on(self) -> date:
        return months_after(self.received_on, ANSWER_WITHIN_MONTHS)

    def days_left(self, today: date | None = None) -> int:
        """Days until the three-month line (negative once it is passed)."""
        return (self.answer_due_on() - (today or timezone.localdate())).days

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.is_answered and (today or timezone.localdate()) > self.answer_due_on()
