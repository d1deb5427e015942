"""Staff work on reports in the admin: generate a draft, edit the narrative and entered figures,
read the checks and the computed tables, publish, correct, export."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import permissions
from catalog.admin.csp import allow_rendered_importmaps

from . import services
from .checks import has_errors, run_checks
from .context import document_context
from .exports import FORMATS, export
from .figures import breakdown, compute_figures
from .forms import AnnualReportForm, GenerateForm
from .models import AnnualReport


def _is_report_staff(user) -> bool:
    return user.is_active and user.is_staff and (user.is_superuser or user.memberships.exists())


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    form = AnnualReportForm
    change_form_template = "admin/annual_reports/annualreport/change_form.html"
    change_list_template = "admin/annual_reports/annualreport/change_list.html"
    list_display = ["title_display", "year", "consolidated", "version", "state", "published_at"]
    list_filter = ["state", "year", "consolidated"]
    list_select_related = ["organization"]
    search_fields = ["organization__name", "organization__code"]
    readonly_fields = ["organization", "year", "consolidated", "version", "state", "published_at"]
    fieldsets = [
        (None, {"fields": [("organization", "year", "consolidated"), ("version", "state", "published_at")]}),
        (_("一、总体情况"), {"fields": ["overview"]}),
        (
            _("二、主动公开政府信息情况：由其他系统统计、需人工填写的数据"),
            {"fields": [("licensing_decisions", "penalty_decisions", "enforcement_decisions"), "admin_fees_wan"]},
        ),
        (_("五、六"), {"fields": ["problems", "other_matters"]}),
    ]
    correction_fieldset = (_("更正说明"), {"fields": ["correction_note"]})

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_published:
            # Frozen: the narrative is read on the public page, the figures in the panel below.
            return self.fieldsets[:1]
        if obj is not None and obj.version > 1:
            return [*self.fieldsets, self.correction_fieldset]
        return self.fieldsets

    @admin.display(description=_("报告"), ordering="organization__name")
    def title_display(self, obj: AnnualReport) -> str:
        return obj.title

    # Permissions come from memberships (editor / reviewer), as for catalog items.
    def has_module_permission(self, request):
        return _is_report_staff(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return _is_report_staff(request.user)
        return permissions.is_member(request.user, obj.organization_id)

    def has_add_permission(self, request):
        return False  # drafts are generated from the records (the 生成年度报告 page), never typed from scratch

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return _is_report_staff(request.user)
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return _is_report_staff(request.user)
        return services.can_edit(request.user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def save_model(self, request, obj, form, change):
        services.save_draft(obj, by=request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("generate/", view(self.generate_view), name="annual_reports_annualreport_generate"),
            path("<int:pk>/publish/", view(self.publish_view), name="annual_reports_annualreport_publish"),
            path("<int:pk>/refresh/", view(self.refresh_view), name="annual_reports_annualreport_refresh"),
            path("<int:pk>/correct/", view(self.correct_view), name="annual_reports_annualreport_correct"),
            path("<int:pk>/export/<str:fmt>/", view(self.export_view), name="annual_reports_annualreport_export"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None and self.has_view_permission(request, report):
            extra_context = (extra_context or {}) | self._report_panel(request, report)
        response = super().change_view(request, object_id, form_url, extra_context)
        # The rich-text editor needs its import map let through the CSP (see catalog.admin.csp).
        return allow_rendered_importmaps(response)

    def _report_panel(self, request, report: AnnualReport) -> dict:
        figures = report.snapshot if report.is_published else compute_figures(report)
        findings = [] if report.is_published else run_checks(report, figures, timezone.localdate())
        return {
            "report_tables": document_context(report, figures),
            "findings": findings,
            "blocked": has_errors(findings),
            "can_publish": not report.is_published and services.can_publish(request.user, report),
            "can_correct": report.is_published
            and not AnnualReport.objects.filter(previous=report).exists()
            and permissions.is_member(request.user, report.organization_id),
            "breakdown": breakdown(report) if report.consolidated else None,
            "export_formats": FORMATS,
        }

    def _report_for(self, request, pk: int) -> AnnualReport:
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return report

    def _change_url(self, report: AnnualReport) -> str:
        return reverse("admin:annual_reports_annualreport_change", args=[report.pk])

    def generate_view(self, request):
        if not _is_report_staff(request.user):
            raise PermissionDenied
        form = GenerateForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                report = services.generate_report(
                    form.cleaned_data["organization"],
                    form.cleaned_data["year"],
                    by=request.user,
                    consolidated=form.cleaned_data["consolidated"],
                )
            except ValidationError as error:
                form.add_error("year", error)
            else:
                messages.success(request, _("已根据数据生成年度报告草稿，请核对并修改叙述部分。"))
                return redirect(self._change_url(report))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("生成年度报告"),
        }
        return TemplateResponse(request, "admin/annual_reports/annualreport/generate.html", context)

    def publish_view(self, request, pk: int):
        return require_POST(self._publish)(request, pk)

    def _publish(self, request, pk: int):
        report = self._report_for(request, pk)
        try:
            report = services.publish_report(report, by=request.user)
        except services.ReportNotReady as error:
            for message in error.messages:
                messages.error(request, message)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("年度报告已发布，并已放入政府信息公开目录的“年度报告”栏目。"))
        return redirect(self._change_url(report))

    def refresh_view(self, request, pk: int):
        return require_POST(self._refresh)(request, pk)

    def _refresh(self, request, pk: int):
        report = self._report_for(request, pk)
        services.refresh_figures(report, by=request.user)
        messages.success(request, _("已按当前记录更新数据。"))
        return redirect(self._change_url(report))

    def correct_view(self, request, pk: int):
        return require_POST(self._correct)(request, pk)

    def _correct(self, request, pk: int):
        report = self._report_for(request, pk)
        try:
            correction = services.start_correction(report, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._change_url(report))
        messages.success(request, _("已创建更正版本草稿；发布后原版本仍保留可查。"))
        return redirect(self._change_url(correction))

    def export_view(self, request, pk: int, fmt: str) -> HttpResponse:
        report = self._report_for(request, pk)
        if fmt not in FORMATS:
            raise Http404
        result = export(report, fmt)
        response = HttpResponse(result.content, content_type=result.content_type)
        if fmt != "html":
            response.headers["Content-Disposition"] = f'attachment; filename="annual-report.{fmt}"'
        return response
