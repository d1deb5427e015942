"""The applications in the admin: a masked list, and the staff workflow pages of views/staff.py."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Organization

from ..deadlines import reply_due
from ..models import Application
from ..validators import mask
from ..views import ledger as ledger_views
from ..views import staff as staff_views
from ..workdays import calendar


def is_handler(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or Organization.objects.for_user(user).exists()


class OrganizationScopedAdmin(admin.ModelAdmin):
    """Visible to staff of an organization, each seeing only their organizations' rows."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organization__in=Organization.objects.for_user(request.user))

    def has_module_permission(self, request) -> bool:
        return is_handler(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_handler(request.user) and (obj is None or self._owns(request, obj))

    def _owns(self, request, obj) -> bool:
        return Organization.objects.for_user(request.user).filter(pk=obj.organization_id).exists()


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
        self._calendar = calendar()
        return super().get_queryset(request).prefetch_related("consultations", "fee_notices")

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
        if obj.concluded_on:
            return "—"
        return reply_due(obj, getattr(self, "_calendar", None) or calendar()) or "—"

    def has_add_permission(self, request) -> bool:
        return is_handler(request.user)

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
            *super().get_urls(),
        ]
