from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from . import consistency  # noqa: F401  (registers the data check applications.W001)
