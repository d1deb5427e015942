from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project layer: the page cache's receivers listen to the apps' model signals from here."""

    name = "disclosure_portal"
    verbose_name = _("门户")

    def ready(self) -> None:
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from . import invalidation

        invalidation.connect()
        # Task rows hold their arguments, which later tasks (citizen notices) may fill with personal data;
        # failures are in the worker's log. No admin pages for them until someone decides who may see what.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (disclosure_portal.admin.PortalAdminSite) as admin.site."""

    default_site = "disclosure_portal.admin.PortalAdminSite"
