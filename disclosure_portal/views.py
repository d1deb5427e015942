import logging
import sys

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .outages import is_database_outage
from .preferences import CHOICES, COOKIE_MAX_AGE

logger = logging.getLogger(__name__)


@require_GET
def set_preference(request: HttpRequest, name: str, value: str):
    """Store one reader preference in a cookie and go back to the page the reader was on."""
    if value not in CHOICES.get(name, ()):
        return HttpResponseBadRequest(_("无效的显示设置。"))
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        f"pref_{name}", value, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure(), httponly=True
    )
    return response


def server_error(request: HttpRequest):
    """500 handler; a lost database connection becomes a calm 503 page that asks to retry."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        logger.error("Database unavailable: %s", exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(render_to_string("500.html"))
