"""The applications in the admin: a masked list, and the staff workflow pages of views/staff.py."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.models import Organization
from catalog.workdays import current_calendar

from ..deadlines import reply_due
from ..models import Application
from ..validators import mask
from ..views import ledger as ledger_views
from ..views import staff as staff_views


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id field whose label (the object's name and link) shows only objects the field may choose:
    another organization's 受理编号 is not shown for a typed or guessed id."""

    def __init__(self, rel, admin_site, queryset, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        if not str(value).isdigit() or not self.queryset.filter(pk=value).exists():
            return "", ""
        return super().label_and_url_for_value(value)


class OrganizationScopedAdmin(admin.ModelAdmin):
    """Visible to staff of an organization, each seeing only their organizations' rows."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organization__in=Organization.objects.for_user(request.user))

    def has_module_permission(self, request) -> bool:
        return permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is None:
            return permissions.is_staff_member(request.user)
        return permissions.can_handle(request.user, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.raw_id_fields:
            field.widget = ScopedRawIdWidget(db_field.remote_field, self.admin_site, field.queryset)
        return field


class DueChangeList(ChangeList):
    """The list of applications with each one's reply day, from one calendar for the whole page."""

    def get_results(self, request):
        super().get_results(request)
        calendar = current_calendar()
        for application in self.result_list:
            application.listed_due = None if application.concluded_on else reply_due(application, calendar)


@admin.register(Application)
class ApplicationAdmin(OrganizationScopedAdmin):
    list_display = [
        "number",
        "organization",
        "channel",
        "applicant_type",
        "masked_applicant",
        "masked_phone",
        "state",
        "received_on",
        "due",
        "flagged_duplicate",
    ]
    list_filter = ["state", "channel", "applicant_type", "flagged_duplicate", "organization"]
    search_fields = ["number", "info_title"]
    date_hierarchy = "received_on"
    list_select_related = ["organization"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("consultations", "fee_notices")

    def get_changelist(self, request, **kwargs):
        return DueChangeList

    @admin.display(description=_("申请人"))
    def masked_applicant(self, obj: Application) -> str:
        return (
            obj.applicant_name[:1] + "*" * (len(obj.applicant_name) - 1)
            if obj.applicant_type == "natural"
            else obj.applicant_name
        )

    @admin.display(description=_("联系电话"))
    def masked_phone(self, obj: Application) -> str:
        return mask(obj.phone)

    @admin.display(description=_("答复期限"))
    def due(self, obj: Application):
        return getattr(obj, "listed_due", None) or "—"

    def has_add_permission(self, request) -> bool:
        return permissions.is_staff_member(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        # Changes go through the workflow (process page), never through a free edit form.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return staff_views.offline_entry(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:applications_application_process", object_id)

    def changelist_view(self, request, extra_context=None):
        extra = {"today": timezone.localdate(), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = "applications_application_"
        return [
            path("dashboard/", wrap(staff_views.dashboard), name=name + "dashboard"),
            path("candidates/", wrap(staff_views.candidate_list), name=name + "candidates"),
            path("candidates/draft/", wrap(staff_views.candidate_draft), name=name + "candidate_draft"),
            path("ledger/", wrap(ledger_views.ledger_page), name=name + "ledger"),
            path("ledger/export/", wrap(ledger_views.ledger_export), name=name + "ledger_export"),
            path("<int:pk>/process/", wrap(staff_views.process), name=name + "process"),
            path("<int:pk>/action/<slug:action>/", wrap(staff_views.act), name=name + "action"),
            path("<int:pk>/identity-proof/", wrap(staff_views.identity_proof), name=name + "identity_proof"),
            path("<int:pk>/reply-letter/", wrap(staff_views.reply_letter), name=name + "reply_letter"),
            path("<int:pk>/events/<int:event_pk>/letter/", wrap(staff_views.event_letter), name=name + "event_letter"),
            path(
                "<int:pk>/corrections/<int:file_pk>/",
                wrap(staff_views.correction_file),
                name=name + "correction_file",
            ),
            *super().get_urls(),
        ]
