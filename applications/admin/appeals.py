"""行政复议 and 行政诉讼 cases, recorded by staff for the annual report (section 四)."""

from django.contrib import admin

from catalog import permissions
from catalog.models import Organization

from ..models import Appeal, Application
from .applications import OrganizationScopedAdmin


@admin.register(Appeal)
class AppealAdmin(OrganizationScopedAdmin):
    list_display = ["organization", "kind", "filed_on", "result", "concluded_on", "application"]
    list_filter = ["kind", "result", "organization"]
    date_hierarchy = "filed_on"
    raw_id_fields = ["application"]

    def has_add_permission(self, request) -> bool:
        return permissions.is_staff_member(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.for_user(request.user)
        if db_field.name == "application":
            kwargs["queryset"] = Application.objects.for_staff(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
