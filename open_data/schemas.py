"""What each endpoint answers, as Pydantic models: ninja validates every answer against them and builds
the OpenAPI schema from the same models, so the documentation cannot drift from the data."""

from datetime import date
from typing import Any, Literal

from ninja import Field, Schema


class Reference(Schema):
    id: int
    name: str


class Linked(Schema):
    id: int
    title: str
    url: str = Field(description="本门户上的页面地址")


class ItemSummary(Schema):
    id: int
    index_number: str = Field(description="索引号")
    title: str = Field(description="标题")
    document_number: str = Field(description="文号，没有时为空字符串")
    organization: Reference = Field(description="发布机构")
    category: Reference = Field(description="信息分类")
    topic: Reference | None = Field(description="主题分类")
    document_type: Reference | None = Field(description="文种")
    written_on: date = Field(description="成文日期")
    published_on: date = Field(description="发布日期")
    validity: Literal["valid", "repealed", "expired"] = Field(
        description="有效性：valid 有效，repealed 废止，expired 失效"
    )
    validity_label: str = Field(description="有效性的中文名称")
    validity_changed_on: date | None = Field(description="废止或失效日期")
    url: str = Field(description="本门户上的页面地址")
    api_url: str = Field(description="本条信息在接口中的地址")


class Attachment(Schema):
    name: str = Field(description="文件名")
    kind: str = Field(description="文件类型，如 PDF")
    size: int = Field(description="字节数")
    url: str = Field(description="下载地址")


class ItemDetail(ItemSummary):
    summary: str = Field(description="内容概述")
    keywords: str = Field(description="主题词")
    source: str = Field(description="来源")
    body_html: str = Field(description="正文（经过清理的 HTML）")
    attachments: list[Attachment]
    interprets: list[Linked] = Field(description="本条信息解读的政策文件")
    interpretations: list[Linked] = Field(description="解读本条信息的政策解读")
    related: list[Linked] = Field(description="相关信息")


class ItemPage(Schema):
    results: list[ItemSummary]
    next: str | None = Field(description="下一页的地址；最后一页为 null")


class OrganizationNode(Schema):
    id: int
    name: str
    short_name: str
    code: str = Field(description="机关代码（索引号前段码）")
    children: list["OrganizationNode"]


class TaxonomyNode(Schema):
    id: int
    name: str
    slug: str
    children: list["TaxonomyNode"]


class ReportListed(Schema):
    id: int
    year: int = Field(description="报告年度")
    title: str
    consolidated: bool = Field(description="是否为汇总报告")
    version: int = Field(description="版本：更正后发布的新版本序号更大")
    published_on: date | None
    superseded: bool = Field(description="已被更正的新版本取代")
    url: str
    api_url: str = Field(description="报告 JSON（发布时冻结的数据）")
    downloads: dict[str, str] = Field(description="各格式的下载地址：pdf、docx、xlsx、json、html")


class YearlyTotal(Schema):
    year: int
    received: int = Field(description="收到申请数")
    concluded: int = Field(description="办结申请数")
    items: int = Field(description="主动公开信息数")


class YearFigures(Schema):
    year: int
    received: int
    received_by_channel: dict[str, int]
    received_by_month: list[int]
    concluded: int
    concluded_by_month: list[int]
    outcomes_by_group: dict[str, int]
    timed: int
    on_time: int
    on_time_rate: float | None = Field(description="按时答复率（%）")
    median_workdays: float | None = Field(description="答复用时中位数（工作日）")
    items_published: int
    items_by_category: dict[str, int]
    items_on_time: int
    items_on_time_share: float | None = Field(description="按时公开比例（%）")
    calendar_warning: str | None


class Statistics(Schema):
    organization: Reference | None = Field(description="统计范围：机关及其下级机关；null 为全平台")
    year: int
    yearly_totals: list[YearlyTotal]
    figures: YearFigures


class Problem(Schema):
    detail: str = Field(description="出错原因（中文）")
    errors: dict[str, list[str]] | None = None


AnnualReportJSON = dict[str, Any]
