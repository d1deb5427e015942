from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organizations import Organization


def _staff_member() -> models.ForeignKey:
    """Who took a step: kept as empty when the account is deleted, never edited by hand."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )


class GuideEditionQuerySet(models.QuerySet):
    def in_effect(self, on=None) -> "GuideEditionQuerySet":
        """Published editions already effective: the public guide shows the latest of these."""
        return self.filter(state=GuideEdition.State.PUBLISHED, effective_on__lte=on or timezone.localdate())


class GuideEdition(models.Model):
    """One version of an organization's 政府信息公开指南: the staff-written blocks, with the day it takes effect.

    Everything the guide can derive (contact details, categories, time limits, fees) comes from the data;
    these blocks hold only what an office writes itself. An edition goes through the same review as an
    item (catalog/workflows.py); once published it is never rewritten: a change is a new edition.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审核")
        RETURNED = "returned", _("已退回")
        PUBLISHED = "published", _("已发布")

    EDITABLE_STATES = (State.DRAFT, State.RETURNED)

    organization = models.ForeignKey(
        Organization, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="guide_editions"
    )
    effective_on = models.DateField(_("施行日期"))
    introduction = models.TextField(_("总则"), blank=True, help_text=_("指南的编制依据和适用范围。"))
    proactive_notes = models.TextField(_("主动公开补充说明"), blank=True)
    request_notes = models.TextField(_("依申请公开补充说明"), blank=True)
    remedy_notes = models.TextField(_("监督和救济补充说明"), blank=True)
    change_note = models.CharField(_("修订说明"), max_length=200, blank=True)
    created_by = _staff_member()
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    submitted_by = _staff_member()
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = _staff_member()
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    return_reason = models.TextField(_("退回理由"), blank=True, editable=False)

    history = HistoricalRecords()
    objects = GuideEditionQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-effective_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "effective_on"], name="unique_guide_edition_per_day")
        ]
        verbose_name = _("公开指南版本")
        verbose_name_plural = _("公开指南版本")

    def __str__(self) -> str:
        return f"{self.organization} {self.effective_on:%Y-%m-%d}"
