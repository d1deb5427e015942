"""What every rendering of a report (page, print view, PDF, Word, Excel, HTML file) is drawn from."""

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalog.sanitize import clean_narrative

from .charts import report_charts
from .layout import (
    IDENTITY_NOTE,
    SECTION3_VALUE_COLUMNS,
    section2_tables,
    section3_rows,
    section4_columns,
    section4_values,
)
from .models import AnnualReport
from .narrative import chinese_date

NARRATIVE = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
PARTS = (
    "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项"
)


def narrative_html(report: AnnualReport, name: str) -> str:
    # Sanitised again on the way out: the text may predate a stricter rule or come from a data import.
    return mark_safe(clean_narrative(getattr(report, name) or ""))


def preface(report: AnnualReport) -> list[str]:
    """前言: the basis, the parts, the period counted, where to read the report and whom to ask."""
    paragraphs = [
        _(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
            "年度报告格式》（国办公开办函〔2021〕30号）的要求编制。"
        )
        + (
            _("本报告汇总%(scope)s各级行政机关的政府信息公开工作情况。") % {"scope": report.scope_word[1:]}
            if report.consolidated
            else ""
        )
        + _("全文包括%(parts)s六个部分。") % {"parts": PARTS}
        + _("本报告中所列数据的统计期限自%(year)d年1月1日起至%(year)d年12月31日止。") % {"year": report.year},
    ]
    where = settings.PORTAL_NAME + (f"（{settings.PORTAL_BASE_URL}）" if settings.PORTAL_BASE_URL else "")
    paragraphs.append(_("本报告电子版可在%(where)s的“政府信息公开年报”栏目查阅和下载。") % {"where": where})
    issuer = report.issuer
    contact = "；".join(
        f"{label}：{issuer[field]}"
        for label, field in (
            (_("地址"), "address"),
            (_("邮政编码"), "postcode"),
            (_("电话"), "phone"),
            (_("传真"), "fax"),
            (_("电子邮箱"), "email"),
        )
        if issuer[field]
    )
    paragraphs.append(
        _("如对本报告有任何疑问，请与%(office)s联系%(contact)s。")
        % {"office": issuer["office"], "contact": f"（{contact}）" if contact else ""}
    )
    return paragraphs


def signature(report: AnnualReport) -> dict:
    """落款: the issuing body and the 发布日期 (a draft has none yet)."""
    return {
        "organization": report.issuer["name"],
        "date": chinese_date(report.published_on) if report.published_on else _("（发布日期）"),
    }


def document_context(report: AnnualReport, figures: dict) -> dict:
    tables = figures["tables"]
    return {
        "report": report,
        "figures": figures,
        "statistics": figures["statistics"],
        "preface": preface(report),
        "signature": signature(report),
        "section2_tables": section2_tables(tables["section2"]),
        "section3_rows": section3_rows(tables["section3"]),
        "section3_columns": SECTION3_VALUE_COLUMNS,
        "section4_columns": section4_columns(),
        "section4_values": section4_values(tables["section4"]),
        "identity_note": IDENTITY_NOTE,
        "fees_yuan": tables["fees_yuan"],
        "overview": narrative_html(report, "overview"),
        "problems": narrative_html(report, "problems"),
        "other_matters": narrative_html(report, "other_matters"),
        "charts": report_charts(figures),
    }
