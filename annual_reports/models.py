"""The annual report (政府信息公开工作年度报告) of one organization, or of it and its descendants, for one year.

The tables are never stored while the report is a draft: they are computed from the records
(`annual_reports.tables`). Publishing stores them in `snapshot`, so later data changes do not
alter a published report. A correction is a new row with the next `version`; the old one stays.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Item, Organization


class AnnualReportQuerySet(models.QuerySet):
    def published(self) -> "AnnualReportQuerySet":
        return self.filter(state=AnnualReport.State.PUBLISHED)

    def for_staff(self, user) -> "AnnualReportQuerySet":
        if user.is_superuser:
            return self.all()
        return self.filter(organization__in=Organization.objects.for_user(user))


def pdf_path(report: "AnnualReport", filename: str) -> str:
    return f"annual_reports/{report.organization_id}/{filename}"


class AnnualReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    organization = models.ForeignKey(
        Organization, verbose_name=_("报告机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    consolidated = models.BooleanField(_("汇总报告"), default=False, help_text=_("汇总本机关及其所有下级机关的数据。"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("更正的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
        editable=False,
    )
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False)
    correction_note = models.TextField(_("更正说明"), blank=True)

    # Narrative sections (sanitised HTML).
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)

    # Section 二 figures that come from other systems, entered by staff.
    licensing_decisions = models.PositiveIntegerField(_("行政许可本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), default=0)
    enforcement_decisions = models.PositiveIntegerField(_("行政强制本年处理决定数量"), default=0)
    admin_fees_wan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=12, decimal_places=4, default=0
    )

    draft_figures = models.JSONField(_("上次草稿的数据"), null=True, blank=True, editable=False)
    snapshot = models.JSONField(_("发布时冻结的数据"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("PDF 文件"), upload_to=pdf_path, blank=True, max_length=300, editable=False)
    catalog_item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__sort_order", "organization_id", "-consolidated", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "consolidated", "version"], name="unique_report_version"
            )
        ]
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("annual_reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        if self.consolidated:
            text = gettext("%(organization)s%(year)d年政府信息公开工作年度报告（汇总）")
        else:
            text = gettext("%(organization)s%(year)d年政府信息公开工作年度报告")
        return text % {"organization": self.organization.name, "year": self.year}

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_superseded(self) -> bool:
        """A newer published version corrects this one."""
        correction = getattr(self, "correction", None)
        return correction is not None and correction.is_published
