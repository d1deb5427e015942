from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from disclosure_portal.uploads import GeneratedName

from ..attachments import ATTACHMENT
from ..workdays import WorkCalendar, current_calendar
from .organizations import Organization
from .taxonomy import Category, DocumentType, Topic

PUBLICATION_WORKDAYS = 20


class ItemQuerySet(models.QuerySet):
    def published(self) -> "ItemQuerySet":
        return self.filter(state=Item.State.PUBLISHED)

    def late(self) -> "ItemQuerySet":
        """Published items that came out after their Art. 26 deadline."""
        return self.published().filter(published_on__gt=models.F("publication_due_on"))

    def in_force(self) -> "ItemQuerySet":
        return self.filter(validity=Item.Validity.VALID)

    def for_staff(self, user) -> "ItemQuerySet":
        """Items a staff user may see in the admin: those of her organizations."""
        if user.is_superuser:
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))


class Item(models.Model):
    """A proactively published item (主动公开信息) and its catalog metadata."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待保密审查")
        RETURNED = "returned", _("已退回")
        PUBLISHED = "published", _("已发布")

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        REPEALED = "repealed", _("废止")
        EXPIRED = "expired", _("失效")

    organization = models.ForeignKey(
        Organization, verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="items"
    )
    index_number = models.CharField(_("索引号"), max_length=60, unique=True, null=True, blank=True, editable=False)
    index_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    index_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    category = models.ForeignKey(Category, verbose_name=_("信息分类"), on_delete=models.PROTECT, related_name="items")
    topic = models.ForeignKey(
        Topic, verbose_name=_("主题分类"), null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("文种"), null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    written_on = models.DateField(_("成文日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(_("废止或失效日期"), null=True, blank=True)
    related = models.ManyToManyField("self", verbose_name=_("相关信息"), blank=True, symmetrical=True)
    # A 政策解读 names the policy it explains; the policy's page lists its interpretations under "政策解读".
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("解读的政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text=_("本条信息是政策解读时，选择它所解读的政策文件。"),
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    validity_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Art. 26: the 20th working day after 成文日期, computed from the calendar when the item is published.
    publication_due_on = models.DateField(_("应发布日期"), null=True, blank=True, editable=False)
    view_count = models.PositiveIntegerField(_("访问次数"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["view_count", "updated_at"], m2m_fields=[])

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [
            models.Index(fields=["state", "-published_on"], name="item_state_published"),
            models.Index(fields=["organization", "state", "-published_on"], name="item_org_state_published"),
            models.Index(fields=["category", "state", "-published_on"], name="item_cat_state_published"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "index_year", "index_serial"], name="unique_index_serial_per_org_year"
            )
        ]
        verbose_name = _("主动公开信息")
        verbose_name_plural = _("主动公开信息")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:item_detail", args=[self.pk])

    def clean(self) -> None:
        if self.published_on and self.written_on and self.published_on < self.written_on:
            raise ValidationError({"published_on": _("发布日期不能早于成文日期。")})
        if self.validity_changed_on and self.written_on and self.validity_changed_on < self.written_on:
            raise ValidationError({"validity_changed_on": _("废止或失效日期不能早于成文日期。")})
        if self.interprets_id and self.interprets_id == self.pk:
            raise ValidationError({"interprets": _("一条信息不能解读它自己。")})

    def same_number_elsewhere(self) -> "ItemQuerySet":
        """Other items of the same organization with this 文号 (a warning for staff, not an error)."""
        if not self.document_number.strip():
            return Item.objects.none()
        same = Item.objects.filter(organization_id=self.organization_id, document_number=self.document_number.strip())
        return same.exclude(pk=self.pk) if self.pk else same

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def publication_deadline(self, calendar: "WorkCalendar | None" = None) -> date:
        """Art. 26: the 20th working day after the day the document was made."""
        calendar = calendar or current_calendar()
        return calendar.add_workdays(self.written_on, PUBLICATION_WORKDAYS)

    def is_timely(self, calendar: "WorkCalendar | None" = None) -> bool | None:
        """Whether the item was (or, unpublished, can still be) published within 20 working days; None if unknown."""
        if not self.written_on:
            return None
        deadline = self.publication_due_on if calendar is None and self.publication_due_on else None
        deadline = deadline or self.publication_deadline(calendar)
        return (self.published_on or timezone.localdate()) <= deadline


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """A generated name in the organization's folder: the uploaded name is kept only in `original_name`."""
    return GeneratedName(f"attachments/{attachment.item.organization_id}")(attachment, filename)


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300, validators=[ATTACHMENT])
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    extracted_text = models.TextField(_("提取的文本"), blank=True, editable=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind(self) -> str:
        """The file type readers see next to the link, e.g. PDF or DOCX."""
        return PurePath(self.original_name).suffix.lstrip(".").upper()


class IndexCounter(models.Model):
    """The last 索引号 serial handed out per organization and year; locked row by row when publishing."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="unique_index_counter")]
        verbose_name = _("索引号计数器")
        verbose_name_plural = _("索引号计数器")

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last_serial}"
