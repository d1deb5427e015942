from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import Organization


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 case about the organization's disclosure work (report section 四)."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("未经复议直接起诉")
        LITIGATION_AFTER_REVIEW = "litigation_after_review", _("复议后起诉")

    class Result(models.TextChoices):
        MAINTAINED = "maintained", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="appeals")
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices)
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(_("结果"), max_length=12, choices=Result.choices, default=Result.PENDING)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-filed_on", "pk"]
        verbose_name = _("行政复议和行政诉讼")
        verbose_name_plural = _("行政复议和行政诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"

    def result_at(self, day) -> str:
        """The case's result as it stood on `day`: pending until it was concluded."""
        if self.concluded_on is None or self.concluded_on > day:
            return self.Result.PENDING
        return self.result
