"""The read-only open-data API (/api/v1/), built with django-ninja (the README says why).

Every operation is a plain Django view underneath: the page cache keeps its answers (cached_pages names
them), django-ratelimit counts each client's requests, and ETags answer conditional requests with 304.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from .cursor import InvalidCursor
from .endpoints import router
from .http import ChineseJSONRenderer, problem, public
from .items import InvalidFilters

api = NinjaAPI(
    title=_("政府信息公开开放数据接口"),
    version="1",
    description=_("只读接口：已发布的主动公开信息、机关、分类、年度报告和统计数据。不含任何个人信息。"),
    urls_namespace="open_data",
    openapi_url="/schema/",
    docs_url=None,
    docs_decorator=public,
    renderer=ChineseJSONRenderer(),
)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error: ValidationError):
    errors: dict[str, list[str]] = {}
    for found in error.errors:
        errors.setdefault(str(found["loc"][-1]), []).append(_("取值无效。"))
    return problem(_("请求参数不正确：%(names)s。") % {"names": "、".join(errors)}, 400, errors)


@api.exception_handler(InvalidFilters)
def invalid_filters(request, error: InvalidFilters):
    return problem(_("筛选条件不正确：%(names)s。") % {"names": "、".join(error.errors)}, 400, error.errors)


@api.exception_handler(InvalidCursor)
def invalid_cursor(request, error: InvalidCursor):
    return problem(_("cursor 参数无效，请从第一页重新开始。"), 400)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return problem(_("没有找到。"), 404)


api.add_router("", router)
