from django.contrib import admin
from django.urls import path

from catalog import permissions

from . import views
from .models import OrganizationCheck

NAME = "site_check_organization"


@admin.register(OrganizationCheck)
class OrganizationCheckAdmin(admin.ModelAdmin):
    """网站自查 in the admin: the list of the user's organizations, one organization's lines, the same as JSON."""

    def has_module_permission(self, request) -> bool:
        return permissions.is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return permissions.is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("", wrap(views.index), name="site_check_organizationcheck_changelist"),
            path("<int:pk>/", wrap(views.organization_page), name=NAME),
            path("<int:pk>.json", wrap(views.organization_json), name=NAME + "_json"),
        ]
