"""The admin as staff see it: named after the portal, in Chinese, the portal's own work first."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The portal's apps in the order of the work; everything else (accounts, login records) comes after them.
PORTAL_APPS = ("catalog", "applications", "feedback", "annual_reports", "search")
# Apps whose own name is not Chinese.
APP_NAMES = {"axes": _("登录安全记录")}


class StaffLoginForm(AdminAuthenticationForm):
    # The form's own error messages, not the browser's "请填写此字段" bubbles, in the portal's wording.
    use_required_attribute = False


class StaffPasswordChangeForm(AdminPasswordChangeForm):
    use_required_attribute = False


class PortalAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    index_title = _("工作台")

    @property
    def site_header(self) -> str:
        return _("%(name)s · 管理") % {"name": settings.PORTAL_NAME}

    @property
    def site_title(self) -> str:
        return _("%(name)s管理") % {"name": settings.PORTAL_NAME}

    def password_change(self, request, extra_context=None):
        """Django's, with a form whose errors are the portal's own, not the browser's."""
        from django.contrib.auth.views import PasswordChangeView

        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=StaffPasswordChangeForm,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            template_name=self.password_change_template or "registration/password_change_form.html",
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
        order = {label: position for position, label in enumerate(PORTAL_APPS)}
        return sorted(apps, key=lambda app: order.get(app["app_label"], len(order)))
