from django.contrib import admin

from catalog.permissions import is_staff_member

from .models import MissedQuery


@admin.register(MissedQuery)
class MissedQueryAdmin(admin.ModelAdmin):
    """What citizens looked for and did not find: read only, nothing about who searched, so any staff of any
    organization may read it."""

    list_display = ["query", "times", "first_seen", "last_seen"]
    search_fields = ["query"]
    ordering = ["-times", "-last_seen"]
    readonly_fields = ["query", "times", "first_seen", "last_seen"]

    def has_module_permission(self, request) -> bool:
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
