from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import permissions
from ..calendar_seed import package_years, seed_calendar
from ..models import CalendarDay, CalendarYear, Category, DocumentType, GuideEdition, Membership, Organization, Topic
from ..services import GUIDE_TRANSITIONS, save_edition
from .forms import GuideEditionAdminForm
from .workflow import WorkflowAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "parent", "phone"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "parent", "sort_order"]}),
        (
            _("公开指南中的联系方式"),
            {"fields": ["office_name", "address", "office_hours", ("phone", "fax"), ("postcode", "email"), "website"]},
        ),
        (_("审核和答复书"), {"fields": ["requires_four_eyes", "reply_number_pattern", "review_body", "court"]}),
    ]
    # Government sites are served over HTTPS: "www.example.gov.cn" typed without a scheme means https://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class TreeAdmin(admin.ModelAdmin):
    list_display = ["path_name", "slug", "sort_order"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {}


admin.site.register(Category, TreeAdmin)
admin.site.register(Topic, TreeAdmin)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "report_kind", "sort_order"]
    list_editable = ["sort_order"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 3
    fields = ["date", "is_workday", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Staff add next year's holidays when the State Council announces them, or correct a year."""

    list_display = ["year", "source", "note", "day_count"]
    fields = ["year", "source", "note"]
    readonly_fields = ["source"]
    inlines = [CalendarDayInline]
    actions = ["reseed_from_package"]

    @admin.display(description=_("节假日和调休日数"))
    def day_count(self, calendar_year: CalendarYear) -> int:
        return calendar_year.days.count()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.source = CalendarYear.Source.STAFF
        super().save_model(request, obj, form, change)

    @admin.action(description=_("用 chinesecalendar 软件包重新生成所选年度"))
    def reseed_from_package(self, request, queryset):
        known = set(package_years())
        wanted = [year for year in queryset.values_list("year", flat=True) if year in known]
        unknown = sorted(set(queryset.values_list("year", flat=True)) - known)
        seeded = seed_calendar(wanted, replace_staff_years=True)
        if seeded:
            messages.success(
                request, gettext("已按软件包重新生成：%(years)s。") % {"years": "、".join(map(str, seeded))}
            )
        if unknown:
            messages.warning(
                request,
                gettext("软件包没有 %(years)s 年的数据，请手工录入节假日和调休日。")
                % {"years": "、".join(map(str, unknown))},
            )


@admin.register(GuideEdition)
class GuideEditionAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Guide editions go through the same review as items; a published edition is never rewritten."""

    transitions = GUIDE_TRANSITIONS
    form = GuideEditionAdminForm
    list_display = ["organization", "effective_on", "state", "change_note"]
    list_filter = ["organization", "state"]
    date_hierarchy = "effective_on"
    readonly_fields = ["state", "review_record"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organization__in=Organization.objects.for_user(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        obj = self.current_row(obj)
        if obj is None:
            return self.has_module_permission(request)
        return permissions.is_member(request.user, obj.organization_id)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        """Editors write drafts; a reviewer posts the change form of a submitted edition for its 退回 and 发布
        buttons, its text shown as it was submitted."""
        obj = self.current_row(obj)
        if obj is None:
            return self.has_module_permission(request)
        return permissions.can_edit_guide(request.user, obj) or self._reviewing(request, obj)

    def _reviewing(self, request, obj) -> bool:
        return obj.state == GuideEdition.State.SUBMITTED and permissions.can_review(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not permissions.can_edit_guide(request.user, self.current_row(obj)):
            fields += GuideEditionAdminForm.Meta.fields
        return fields

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if permissions.can_edit_guide(request.user, obj):  # a reviewer's post changes no text
            save_edition(obj, request.user)

    def workflow_arguments(self, action: str, request, obj) -> dict:
        return {"reason": request.POST.get("workflow_reason", "")} if action == "return" else {}

    @admin.display(description=_("审核记录"))
    def review_record(self, edition: GuideEdition) -> str:
        return self.review_trail(
            edition,
            [
                (gettext("提交"), edition.submitted_by, edition.submitted_at),
                (gettext("审核发布"), edition.reviewed_by, edition.reviewed_at),
            ],
        )
