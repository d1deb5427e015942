from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project layer: the page cache's receivers listen to the apps' model signals from here."""

    name = "disclosure_portal"
    verbose_name = _("门户")

    def ready(self) -> None:
        from . import invalidation

        invalidation.connect()
