from django.conf import settings
from django.http import HttpRequest

from .identity import site_identity
from .navigation import current_entry, menu
from .preferences import read_preferences


def portal(request: HttpRequest) -> dict:
    from catalog.models import Organization  # the project layer may depend on its apps

    organization = Organization.objects.portal_root()
    return {
        "portal_name": settings.PORTAL_NAME,
        "preferences": read_preferences(request),
        "portal_organization": organization,
        "site": site_identity(request, organization),
        "menu": menu(),
        "current_menu": current_entry(request.path),
    }
