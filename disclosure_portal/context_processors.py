from django.conf import settings
from django.http import HttpRequest

from .preferences import read_preferences


def portal(request: HttpRequest) -> dict:
    from catalog.models import Organization  # the project layer may depend on its apps

    return {
        "portal_name": settings.PORTAL_NAME,
        "preferences": read_preferences(request),
        "portal_organization": Organization.objects.portal_root(),
    }
