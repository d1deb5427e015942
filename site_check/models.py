from django.utils.translation import gettext_lazy as _

from catalog.models import Organization


class OrganizationCheck(Organization):
    """No table: the handle by which the admin lists the 网站自查 pages (site_check.admin)."""

    class Meta:
        proxy = True
        verbose_name = _("网站自查")
        verbose_name_plural = _("网站自查")
