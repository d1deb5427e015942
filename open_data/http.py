"""What every open-data answer shares: JSON with Chinese as characters, Chinese error messages, a limit per
client, ETags, and addresses on this portal."""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page
from django_ratelimit.core import is_ratelimited
from ninja.renderers import JSONRenderer

from catalog.views.items import absolute_url


class ChineseJSONRenderer(JSONRenderer):
    """Chinese as characters, not \\u escapes: readable, and smaller."""

    json_dumps_params = {"ensure_ascii": False}


def problem(message: str, status: int, errors: dict | None = None) -> JsonResponse:
    body = {"detail": message} if errors is None else {"detail": message, "errors": errors}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def rate_limited(group: str, setting: str):
    """A view counted per client (disclosure_portal.clients) that answers 429 in Chinese past the limit."""

    def decorator(view):
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs):
            rate = getattr(settings, setting)
            if is_ratelimited(request, group=group, key="ip", rate=rate, increment=True):
                response = problem(_("请求过于频繁，请稍后再试。"), 429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorator


def public(view):
    """Counted against the client's API limit; an unchanged answer is a 304."""
    return rate_limited("open_data.api", "OPEN_DATA_RATE")(conditional_page(view))


def absolute(request: HttpRequest):
    """A function turning a path into an address on this portal (PORTAL_BASE_URL when set)."""
    return lambda path: absolute_url(request, path)
