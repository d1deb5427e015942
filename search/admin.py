from django.contrib import admin

from .models import MissedQuery


@admin.register(MissedQuery)
class MissedQueryAdmin(admin.ModelAdmin):
    """What citizens looked for and did not find: read only, nothing about who searched."""

    list_display = ["query", "times", "first_seen", "last_seen"]
    search_fields = ["query"]
    ordering = ["-times", "-last_seen"]
    readonly_fields = ["query", "times", "first_seen", "last_seen"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
