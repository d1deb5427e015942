"""The annual report (政府信息公开工作年度报告) of one organization, or of it and its descendants, for one year.

The tables are never stored while the report is a draft: they are computed from the records
(`annual_reports.tables`), or for a consolidated report summed over the reports it covers
(`annual_reports.consolidation`). Publishing stores them in `snapshot` and renders every format
once (`ReportFile`), so later data changes do not alter a published report and a download never
renders. A correction is a new row with the next `version`; the old one stays.
"""

from datetime import date

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
    """Where the PDF field of migration 0001 stored files (the migration still names this function)."""
    return f"annual_reports/{report.organization_id}/{filename}"


def file_path(report_file: "ReportFile", filename: str) -> str:
    return f"annual_reports/{report_file.report.organization_id}/{filename}"


NARRATIVE_FIELDS = ("overview", "problems", "other_matters")
TYPED_FIGURES = ("licensing_decisions", "penalty_decisions", "enforcement_decisions", "admin_fees_wan")
PLACE_KINDS = "省市县区州盟旗"
GOVERNMENT_SUFFIXES = ("人民政府办公室", "人民政府", "政府")


def place_name(organization: Organization) -> str:
    """云溪市人民政府 → 云溪市: the short name when it is a place, else the name without 人民政府."""
    if organization.short_name and organization.short_name[-1:] in PLACE_KINDS:
        return organization.short_name
    for suffix in GOVERNMENT_SUFFIXES:
        if organization.name.endswith(suffix):
            return organization.name.removesuffix(suffix)
    return organization.name


CONTACT_FIELDS = ("address", "postcode", "phone", "fax", "email")


def issuer_of(organization: Organization) -> dict:
    """The names and contact details a report prints of the body that issues it."""
    return {
        "name": organization.name,
        "place": place_name(organization),
        "office": organization.office_name or organization.name,
        **{field: getattr(organization, field) for field in CONTACT_FIELDS},
    }


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

    # Section 二 figures that come from other systems, typed by staff: empty until typed (0 is a value staff type).
    licensing_decisions = models.PositiveIntegerField(_("行政许可本年处理决定数量"), null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), null=True, blank=True)
    enforcement_decisions = models.PositiveIntegerField(_("行政强制本年处理决定数量"), null=True, blank=True)
    admin_fees_wan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    children_waiver = models.TextField(
        _("未发布下级报告的说明"),
        blank=True,
        help_text=_("汇总报告：有下级机关的年度报告尚未发布时，说明理由后方可发布，汇总按其草稿或记录计算。"),
    )

    draft_figures = models.JSONField(_("上次草稿的数据"), null=True, blank=True, editable=False)
    # The sentences of the narrative that state figures, as last drafted (key -> HTML sentence):
    # compared with the sentences the current figures give, they tell which ones went stale.
    narrative_sentences = models.JSONField(_("叙述中的数据句"), default=dict, blank=True, editable=False)
    snapshot = models.JSONField(_("发布时冻结的数据"), null=True, blank=True, editable=False)
    catalog_item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("发布操作时间"), null=True, blank=True, editable=False)
    # Every format rendered and stored by a background task (annual_reports.stored): until then, 生成中.
    files_ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    files_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Who last saved the draft's text or figures: the four-eyes rule keeps that person from publishing it.
    last_edited_by = models.ForeignKey(
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
    def issuer(self) -> dict:
        """The issuing body as the report names it (`issuer_of`): as it was when the report was published, since a
        later renaming (机构改革) does not rewrite a published document; else as it is now."""
        frozen = self.snapshot.get("issuer") if self.is_published and self.snapshot else None
        return frozen or issuer_of(self.organization)

    @property
    def title(self) -> str:
        """A body's own report carries its name; a consolidated one the place's (云溪市2025年…, as offices title it)."""
        issuer = self.issuer
        name = issuer["place"] if self.consolidated else issuer["name"]
        return gettext("%(organization)s%(year)d年政府信息公开工作年度报告") % {"organization": name, "year": self.year}

    @property
    def scope_word(self) -> str:
        """How the narrative names whose work it reports: 本机关, or 全市 / 全县 / 全区 for a consolidated report."""
        if not self.consolidated:
            return gettext("本机关")
        place = self.issuer["place"]
        return gettext("全%(kind)s") % {"kind": place[-1]} if place[-1:] in PLACE_KINDS else gettext("全辖区")

    @property
    def legal_deadline(self) -> date:
        """Art. 49: a department's report by 31 January; a government's consolidated one by 31 March."""
        return date(self.year + 1, 3, 31) if self.consolidated else date(self.year + 1, 1, 31)

    @property
    def typed_figures_missing(self) -> list[str]:
        """Labels of section 二's typed figures not yet entered (a consolidated report sums its parts')."""
        if self.consolidated:
            return []
        return [str(self._meta.get_field(name).verbose_name) for name in TYPED_FIGURES if getattr(self, name) is None]

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_superseded(self) -> bool:
        """A newer published version corrects this one."""
        correction = getattr(self, "correction", None)
        return correction is not None and correction.is_published


class ReportFile(models.Model):
    """One format of a published report, rendered once at publication: downloads serve this file."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField(_("格式"), max_length=10)
    file = models.FileField(_("文件"), upload_to=file_path, max_length=300, editable=False)
    filename = models.CharField(_("文件名"), max_length=300)
    content_type = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "fmt"], name="unique_report_file_format")]
        verbose_name = _("年度报告文件")
        verbose_name_plural = _("年度报告文件")

    def __str__(self) -> str:
        return self.filename


class ReportEvent(models.Model):
    """The report's audit trail: who generated, edited, refreshed, published or corrected it, and what was noted."""

    class Kind(models.TextChoices):
        GENERATED = "generated", _("生成草稿")
        SAVED = "saved", _("保存草稿")
        REFRESHED = "refreshed", _("更新数据")
        PUBLISHED = "published", _("发布")
        CORRECTED = "corrected", _("开始更正")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("操作"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("年度报告操作记录")
        verbose_name_plural = _("年度报告操作记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
