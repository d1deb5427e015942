from functools import wraps

from django.urls import path
from django.utils.translation import gettext as _

from .api import api
from .http import problem


def _read_only_in_chinese(view):
    """django-ninja answers another method with an English HTML 405; the API answers every error in Chinese JSON."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        refused = problem(_("本接口只读，只接受 GET 和 HEAD 请求。"), 405)
        refused["Allow"] = response["Allow"]
        return refused

    return answered


# Not named app_name: include() would read that module attribute as this module's own namespace.
api_patterns, api_app, api_namespace = api.urls
for pattern in api_patterns:
    pattern.callback = _read_only_in_chinese(pattern.callback)

# /api/v1/ ... the documentation page, the OpenAPI schema (schema/), the data and the exports
urlpatterns = [path("", (api_patterns, api_app, api_namespace))]
