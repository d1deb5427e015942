from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteCheckConfig(AppConfig):
    name = "site_check"
    verbose_name = _("网站自查")
