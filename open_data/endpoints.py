"""The operations of /api/v1/: thin views over items, trees, reports, statistics and exports."""

from typing import Literal

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from annual_reports.models import AnnualReport
from catalog.models import Item, Organization

from . import cursor, docs, exports, reports, statistics, trees
from .http import absolute, public, rate_limited
from .items import filtered_items, item_detail, item_summary
from .schemas import (
    AnnualReportJSON,
    ItemDetail,
    ItemPage,
    OrganizationNode,
    Problem,
    ReportListed,
    Statistics,
    TaxonomyNode,
)

router = Router()
api_view = decorate_view(public)
export_view = decorate_view(rate_limited("open_data.exports", "OPEN_DATA_EXPORT_RATE"))
MAX_PAGE_SIZE = 100


class ItemFilters(Schema):
    """The catalog's filters (/catalog/), by id; a node of a tree takes in its whole subtree."""

    organization: int | None = Field(None, description="发布机构 id（含下级机关）")
    category: int | None = Field(None, description="信息分类 id（含下级分类）")
    topic: int | None = Field(None, description="主题分类 id（含下级分类）")
    year: int | None = Field(None, description="发布年份")
    document_type: int | None = Field(None, description="文种 id")
    validity: Literal["valid", "repealed", "expired"] | None = Field(None, description="有效性")


class StatisticsScope(Schema):
    organization: int | None = Field(None, description="机关 id（含下级机关）；不填为全平台")
    year: int | None = Field(None, ge=2008, le=2100, description="年度；不填为有数据的最近一年")


def _organization(pk: int | None) -> Organization | None:
    return get_object_or_404(Organization, pk=pk) if pk is not None else None


@router.get("/", include_in_schema=False, url_name="docs")
@api_view
def documentation(request):
    return render(request, "open_data/docs.html", docs.context(request))


@router.get(
    "/items/",
    response={200: ItemPage, 400: Problem},
    url_name="items",
    summary=_("已发布的主动公开信息"),
    description=_(
        "按发布日期从新到旧，每页 limit 条；用 next 给出的地址翻页"
        "（游标分页，翻页期间新发布的信息不会造成重复或遗漏）。"
    ),
)
@api_view
def item_list(
    request,
    filters: Query[ItemFilters],
    cursor_token: str | None = Query(None, alias="cursor", description="上一页 next 地址中的游标"),
    limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数（1–100）"),
):
    rows, following = cursor.page(filtered_items(request.GET), cursor_token, limit)
    to_address = absolute(request)
    next_page = None
    if following:
        query = request.GET.copy()
        query["cursor"] = following
        next_page = to_address(f"{reverse('open_data:items')}?{query.urlencode()}")
    return {"results": [item_summary(item, to_address) for item in rows], "next": next_page}


@router.get(
    "/items/{int:item_id}/",
    response={200: ItemDetail, 404: Problem},
    url_name="item",
    summary=_("一条信息：元数据、正文、附件和关联信息"),
)
@api_view
def item(request, item_id: int):
    queryset = Item.objects.published().select_related("organization", "category", "topic", "document_type")
    return item_detail(get_object_or_404(queryset, pk=item_id), absolute(request))


@router.get("/organizations/", response=list[OrganizationNode], url_name="organizations", summary=_("机关（树）"))
@api_view
def organizations(request):
    return trees.organization_tree()


@router.get("/categories/", response=list[TaxonomyNode], url_name="categories", summary=_("信息分类（树）"))
@api_view
def categories(request):
    return trees.category_tree()


@router.get("/topics/", response=list[TaxonomyNode], url_name="topics", summary=_("主题分类（树）"))
@api_view
def topics(request):
    return trees.topic_tree()


@router.get(
    "/organizations/{int:organization_id}/annual-reports/",
    response={200: list[ReportListed], 404: Problem},
    url_name="organization_reports",
    summary=_("机关已发布的政府信息公开工作年度报告"),
)
@api_view
def organization_reports(request, organization_id: int):
    return reports.reports_of(get_object_or_404(Organization, pk=organization_id), absolute(request))


@router.get(
    "/annual-reports/{int:report_id}/",
    response={200: AnnualReportJSON, 404: Problem},
    url_name="annual_report",
    summary=_("年度报告的数据（发布时冻结，与报告页面的 JSON 下载相同）"),
)
@api_view
def annual_report(request, report_id: int):
    return reports.published_json(get_object_or_404(AnnualReport.objects.published(), pk=report_id))


@router.get(
    "/statistics/",
    response={200: Statistics, 400: Problem, 404: Problem},
    url_name="statistics",
    summary=_("公开统计：依申请公开和主动公开的年度数据"),
)
@api_view
def statistics_data(request, scope: Query[StatisticsScope]):
    return statistics.as_data(statistics.scope(_organization(scope.organization), scope.year))


CSV_RESPONSE = {"200": {"description": "CSV（UTF-8，带 BOM）", "content": {"text/csv": {"schema": {"type": "string"}}}}}
JSON_RESPONSE = {
    "200": {
        "description": _("JSON 数组，每条信息一个对象"),
        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}},
    }
}


@router.get(
    "/exports/items.csv",
    response={400: Problem},
    url_name="export_items_csv",
    summary=_("导出：目录清单 CSV（可带任意筛选条件）"),
    openapi_extra={"responses": CSV_RESPONSE},
)
@export_view
def export_items_csv(request, filters: Query[ItemFilters]):
    return exports.items_csv(filtered_items(request.GET), absolute(request))


@router.get(
    "/exports/items.json",
    response={400: Problem},
    url_name="export_items_json",
    summary=_("导出：目录清单 JSON（可带任意筛选条件）"),
    openapi_extra={"responses": JSON_RESPONSE},
)
@export_view
def export_items_json(request, filters: Query[ItemFilters]):
    return exports.items_json(filtered_items(request.GET), absolute(request))


@router.get(
    "/exports/statistics.csv",
    response={400: Problem, 404: Problem},
    url_name="export_statistics_csv",
    summary=_("导出：公开统计 CSV"),
    openapi_extra={"responses": CSV_RESPONSE},
)
@export_view
def export_statistics_csv(request, scope: Query[StatisticsScope]):
    found = statistics.scope(_organization(scope.organization), scope.year)
    return exports.statistics_csv(statistics.csv_rows(found))
