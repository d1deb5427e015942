"""Staff work on reports in the admin: generate a draft, edit the narrative and typed figures, read
the gate's findings and the computed tables, publish (saved and confirmed in one go), correct, export.

What may be done is read from `workflow.TRANSITIONS` and decided by `permissions`; the services
check both again on the locked row.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.admin.csp import allow_rendered_importmaps
from catalog.transitions import NotAllowedNow, offered

from . import permissions, services
from .context import document_context
from .exports import FORMATS, export
from .figures import breakdown, compute_figures
from .figures import figures as report_figures
from .forms import AnnualReportForm, GenerateForm
from .models import AnnualReport
from .narrative import chinese_date
from .publication_gate import has_errors, run_checks
from .workflow import TRANSITIONS

PUBLISH_BUTTON = "_publish"


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    form = AnnualReportForm
    change_form_template = "admin/annual_reports/annualreport/change_form.html"
    change_list_template = "admin/annual_reports/annualreport/change_list.html"
    list_display = ["title_display", "year", "consolidated", "version", "state", "published_on"]
    list_filter = ["state", "year", "consolidated"]
    list_select_related = ["organization"]
    search_fields = ["organization__name", "organization__code"]
    readonly_fields = ["organization", "year", "consolidated", "version", "state", "published_on"]
    fieldsets = [
        (None, {"fields": [("organization", "year", "consolidated"), ("version", "state", "published_on")]}),
        (_("一、总体情况"), {"fields": ["overview"]}),
        (
            _("二、主动公开政府信息情况：由其他系统统计、需人工填写的数据"),
            {"fields": [("licensing_decisions", "penalty_decisions", "enforcement_decisions"), "admin_fees_wan"]},
        ),
        (_("五、六"), {"fields": ["problems", "other_matters"]}),
        (_("核对"), {"fields": ["confirm_narrative"]}),
    ]
    waiver_fieldset = (_("汇总：未发布的下级报告"), {"fields": ["children_waiver"]})
    correction_fieldset = (_("更正说明"), {"fields": ["correction_note"]})

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_published:
            # Frozen: the narrative is read on the public page, the figures in the panel below.
            return self.fieldsets[:1]
        fieldsets = list(self.fieldsets)
        if obj is not None and obj.consolidated:
            # A consolidated report's typed figures are the sums of its parts', shown in the breakdown.
            fieldsets = [fieldsets[0], fieldsets[1], *fieldsets[3:], self.waiver_fieldset]
        if obj is not None and obj.version > 1:
            fieldsets.append(self.correction_fieldset)
        return fieldsets

    @admin.display(description=_("报告"), ordering="organization__name")
    def title_display(self, obj: AnnualReport) -> str:
        return obj.title

    # Permissions come from memberships (editor / reviewer), decided in annual_reports.permissions.
    def has_module_permission(self, request):
        return permissions.is_report_staff(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_report_staff(request.user)
        return permissions.can_view_draft(request.user, obj)

    def has_add_permission(self, request):
        return False  # drafts are generated from the records (the 生成年度报告 page), never typed from scratch

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_report_staff(request.user)
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_report_staff(request.user)
        return permissions.can_edit(request.user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def save_model(self, request, obj, form, change):
        changed = bool(set(form.changed_data) - {"confirm_narrative"})
        confirm = form.cleaned_data.get("confirm_narrative", False)
        services.save_draft(obj, by=request.user, changed=changed, confirm_narrative=confirm)

    def response_change(self, request, obj):
        """保存并发布: the text is saved first (nothing typed is lost), then the confirmation is asked."""
        if PUBLISH_BUTTON in request.POST:
            return self._confirmation(request, obj)
        return super().response_change(request, obj)

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
        figures = report_figures(report)  # the frozen snapshot once published, in the national order
        findings = [] if report.is_published else run_checks(report, figures, timezone.localdate())
        actions = {transition.action for transition in offered(TRANSITIONS, report, request.user)}
        return {
            "report_tables": document_context(report, figures),
            "findings": findings,
            "blocked": has_errors(findings),
            "publish": TRANSITIONS["publish"] if "publish" in actions else None,
            "publish_refused": self._publish_refusal(request, report, actions),
            "can_refresh": "refresh" in actions,
            "can_correct": "correct" in actions and not AnnualReport.objects.filter(previous=report).exists(),
            "breakdown": breakdown(report) if report.consolidated else None,
            "deadline": deadline_status(report, timezone.localdate()),
            "events": report.events.select_related("by"),
            "export_formats": FORMATS,
        }

    def _publish_refusal(self, request, report: AnnualReport, actions: set) -> str:
        """Why a reviewer sees no publish button (the four-eyes rule), so she knows whom to ask."""
        if report.is_published or "publish" in actions or not permissions.is_reviewer(request.user, report):
            return ""
        return _("本机关实行双人审核：您最后修改了这份报告，请由另一位审核人核对后发布。")

    def _confirmation(self, request, report: AnnualReport):
        """What publishing will do, the gate's findings, and one more, distinct button."""
        report = self._report_for(request, report.pk)
        figures = compute_figures(report)
        findings = run_checks(report, figures, timezone.localdate())
        allowed = TRANSITIONS["publish"].allows(report, request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": report,
            "title": _("确认发布年度报告"),
            "transition": TRANSITIONS["publish"],
            "findings": findings,
            "blocked": has_errors(findings),
            "allowed": allowed,
            "refusal": self._publish_refusal(request, report, {"publish"} if allowed else set()),
            "deadline": deadline_status(report, timezone.localdate()),
        }
        return TemplateResponse(request, "admin/annual_reports/annualreport/publish_confirm.html", context)

    def _report_for(self, request, pk: int) -> AnnualReport:
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return report

    def _change_url(self, report: AnnualReport) -> str:
        return reverse("admin:annual_reports_annualreport_change", args=[report.pk])

    def generate_view(self, request):
        if not permissions.is_report_staff(request.user):
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
            except (ValidationError, NotAllowedNow) as error:
                form.add_error("year", str(error) if isinstance(error, NotAllowedNow) else error)
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
        """Without `confirmed` (the publish button of another page): ask first. With it: publish."""
        report = self._report_for(request, pk)
        if request.POST.get("confirmed") != "yes":
            return self._confirmation(request, report)
        try:
            report = services.publish_report(report, by=request.user)
        except services.ReportNotReady as error:
            for message in error.messages:
                messages.error(request, message)
        except NotAllowedNow as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("年度报告已发布，并已放入政府信息公开目录的“年度报告”栏目。"))
        return redirect(self._change_url(report))

    def refresh_view(self, request, pk: int):
        return require_POST(self._refresh)(request, pk)

    def _refresh(self, request, pk: int):
        report = self._report_for(request, pk)
        try:
            services.refresh_figures(report, by=request.user)
        except NotAllowedNow as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已按当前记录更新数据，叙述中未改动的数据句已随之更新。"))
        return redirect(self._change_url(report))

    def correct_view(self, request, pk: int):
        return require_POST(self._correct)(request, pk)

    def _correct(self, request, pk: int):
        report = self._report_for(request, pk)
        try:
            correction = services.start_correction(report, by=request.user)
        except NotAllowedNow as error:
            messages.error(request, str(error))
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


def deadline_status(report: AnnualReport, today) -> dict:
    """The legal deadline (Art. 49) and whether it was, or still can be, met."""
    deadline = report.legal_deadline
    if report.published_on:
        days_late = (report.published_on - deadline).days
        verdict = _("逾期%(days)d天发布") % {"days": days_late} if days_late > 0 else _("按期发布")
    else:
        days_late = (today - deadline).days
        verdict = (
            _("已超过期限%(days)d天") % {"days": days_late}
            if days_late > 0
            else _("还剩%(days)d天") % {"days": -days_late}
        )
    kind = _("政府汇总报告") if report.consolidated else _("部门（单位）报告")
    return {"date": chinese_date(deadline), "kind": kind, "verdict": verdict, "late": days_late > 0}
