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
    # Published in January (March for a consolidated report), as the Regulation's Art. 49 requires.
    publication_day = min(timezone.localdate(), date(year + 1, 3 if consolidated else 1, 20))
    try:
        services.publish_report(report, today=publication_day)
    except services.ReportNotReady as refused:
        logger.warning("Demo report %s left as a draft: %s", report, "; ".join(refused.messages))


def _draft(organization: Organization, year: int, consolidated: bool) -> None:
    if not AnnualReport.objects.filter(organization=organization, year=year, consolidated=consolidated).exists():
        services.generate_report(organization, year, consolidated=consolidated)
