from django.contrib import admin

from catalog.models import Membership

from .models import MissedQuery


def _is_staff_member(user) -> bool:
    """Any staff of any organization may read the list: it holds nothing about who searched."""
    return user.is_active and user.is_staff and (user.is_superuser or Membership.objects.filter(user=user).exists())


@admin.register(MissedQuery)
class MissedQueryAdmin(admin.ModelAdmin):
    """What citizens looked for and did not find: read only, nothing about who searched."""

    list_display = ["query", "times", "first_seen", "last_seen"]
    search_fields = ["query"]
    ordering = ["-times", "-last_seen"]
    readonly_fields = ["query", "times", "first_seen", "last_seen"]

    def has_module_permission(self, request) -> bool:
        return _is_staff_member(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return _is_staff_member(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
