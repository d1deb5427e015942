"""Demo content for a first run (`manage.py load_demo`); must be safe to run twice.

Runs after the catalog and applications demos: for the demo city's departments, a published
report for 2025 (and the city's consolidated one), and a draft for the current year.
"""

import logging
from datetime import date

from django.utils import timezone

from applications.models import Application
from catalog.models import Item, Organization

from . import services
from .models import AnnualReport

DEMO_YEAR = 2025
# What demo staff "wrote" in place of the draft's prompts (invented text, for the demo only).
DEMO_TEXT = {
    "（请补充政府信息管理、保密审查等工作情况。）": (
        "严格执行信息发布前保密审查制度，信息员起草、科室审核、分管领导审签后发布，全年未发生泄密事件。"
    ),
    "（请补充政府信息公开平台建设情况。）": (
        "持续完善本机关政府信息公开专栏，统一信息分类和索引号，提供检索、下载和打印功能，并提供适老化阅读模式。"
    ),
    "（请补充考核、培训、社会评议等监督保障情况。）": (
        "将政务公开纳入年度考核，组织业务培训两次，通过意见箱和热线收集群众对公开工作的意见建议。"
    ),
    "（请补充本年度工作中存在的主要问题。）": "个别科室对依申请公开办理流程掌握不够熟练。",
    "（请补充改进措施。）": "下一步将加强业务培训，完善申请办理台账，提高答复质量和时效。",
}
logger = logging.getLogger(__name__)


def load() -> None:
    city = Organization.objects.portal_root()
    if city is None:
        return
    for organization in [*city.children.all(), city]:
        consolidated = organization == city
        if _has_data(organization, DEMO_YEAR, consolidated):
            _published(organization, DEMO_YEAR, consolidated)
        if _has_data(organization, timezone.localdate().year, consolidated):
            _draft(organization, timezone.localdate().year, consolidated)


def _has_data(organization: Organization, year: int, consolidated: bool) -> bool:
    ids = organization.descendant_ids() if consolidated else [organization.pk]
    if consolidated and len(ids) == 1:
        return False
    return (
        Application.objects.filter(organization_id__in=ids, received_on__year=year).exists()
        or Item.objects.published().filter(organization_id__in=ids, published_on__year=year).exists()
    )


def _published(organization: Organization, year: int, consolidated: bool) -> None:
    existing = AnnualReport.objects.filter(organization=organization, year=year, consolidated=consolidated)
    if existing.published().exists():
        return
    report = services.generate_report(organization, year, consolidated=consolidated)
    for name in ("overview", "problems"):
        text = getattr(report, name)
        for prompt, written in DEMO_TEXT.items():
            text = text.replace(prompt, written)
        setattr(report, name, text)
    services.save_draft(report)
    # Published in January (March for a consolidated report), as the Regulation's Art. 49 requires.
    publication_day = min(timezone.localdate(), date(year + 1, 3 if consolidated else 1, 20))
    try:
        services.publish_report(report, today=publication_day)
    except services.ReportNotReady as refused:
        logger.warning("Demo report %s left as a draft: %s", report, "; ".join(refused.messages))


def _draft(organization: Organization, year: int, consolidated: bool) -> None:
    if not AnnualReport.objects.filter(organization=organization, year=year, consolidated=consolidated).exists():
        services.generate_report(organization, year, consolidated=consolidated)
