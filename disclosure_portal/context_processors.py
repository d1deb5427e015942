from django.conf import settings
from django.http import HttpRequest

from .frame import current_frame
from .identity import site_identity
from .navigation import current_entry, menu
from .preferences import read_preferences


def portal(request: HttpRequest) -> dict:
    organization = current_frame().portal_organization
    return {
        "portal_name": settings.PORTAL_NAME,
        "preferences": read_preferences(request),
        "portal_organization": organization,
        "site": site_identity(request, organization),
        "menu": menu(),
        "current_menu": current_entry(request.path),
    }
