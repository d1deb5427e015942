"""Demo content for a first run (`manage.py load_demo`); must be safe to run twice.

Runs after the catalog and applications demos: for the demo city's government and departments, a
published report for 2025 (then the city's consolidated one, summing them), and a draft for the
current year.
"""

import logging
import random
from datetime import date
from decimal import Decimal

from django.utils import timezone

from applications.models import Application
from catalog.models import Item, Organization

from . import narrative, services
from .models import AnnualReport

DEMO_YEAR = 2025
# What demo staff "wrote" in place of the draft's prompts (invented text, for the demo only; it claims
# nothing the demo portal does not have).
DEMO_TEXT = {
    narrative.PROMPT_MANAGEMENT: (
        "严格执行信息发布前保密审查制度，信息员起草、科室审核、分管领导审签后发布，全年未发生泄密事件。"
    ),
    narrative.PROMPT_PLATFORM: (
        "持续完善政府信息公开专栏，统一信息分类和索引号，提供全文检索、下载和打印功能，并提供适老化阅读模式。"
    ),
    narrative.PROMPT_OVERSIGHT: (
        "将政务公开纳入年度绩效考核，组织业务培训两次，通过政务服务热线和政府信息公开工作机构的联系电话听取"
        "群众意见。本年度未发生因政府信息公开工作不到位而被追究责任的情况。"
    ),
    narrative.PROMPT_PROBLEMS: "个别科室对依申请公开办理流程掌握不够熟练。",
    narrative.PROMPT_MEASURES: "下一步将加强业务培训，完善申请办理台账，提高答复质量和时效。",
    narrative.PROMPT_FOLLOW_UP: "针对上年度提出的问题，已组织专题培训并完善办理台账，问题已整改。",
}
logger = logging.getLogger(__name__)


def typed_figures(organization: Organization) -> dict:
    """Figures a body of this kind might report in section 二 (the same for a body on every run)."""
    rng = random.Random(organization.code)
    return {
        "licensing_decisions": rng.randrange(40, 400),
        "penalty_decisions": rng.randrange(0, 60),
        "enforcement_decisions": rng.randrange(0, 12),
        "admin_fees_wan": Decimal(rng.randrange(0, 600_000)) / 10000,
    }


def load() -> None:
    city = Organization.objects.portal_root()
    if city is None:
        return
    # Every body publishes a report each year, a quiet one too; the consolidated one sums them, so it comes last.
    bodies = [(organization, False) for organization in [*city.children.all(), city]]
    if city.children.exists():
        bodies.append((city, True))
    for organization, consolidated in bodies:
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
    if not consolidated:
        for name, value in typed_figures(organization).items():
            setattr(report, name, value)
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
