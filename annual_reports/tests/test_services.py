from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annual_reports import services
from annual_reports.figures import figures
from annual_reports.models import AnnualReport
from catalog.models import Item

from .conftest import make_application


@pytest.fixture
def draft(year_of_applications, editor):
    return services.generate_report(year_of_applications, 2025, by=editor)


def test_generating_prefills_the_narrative_from_the_figures(draft):
    assert "本年度共收到政府信息公开申请6件" in draft.overview
    assert "本年度未收取信息处理费" in draft.other_matters
    assert draft.draft_figures["section3"]["总计"]["总计"] == 5


def test_generating_twice_returns_the_open_draft(draft, editor):
    assert services.generate_report(draft.organization, 2025, by=editor) == draft


def test_staff_of_another_organization_cannot_generate(bureau, outsider):
    with pytest.raises(PermissionDenied):
        services.generate_report(bureau, 2025, by=outsider)


def test_an_editor_cannot_publish(draft, editor):
    with pytest.raises(PermissionDenied):
        services.publish_report(draft, by=editor, today=date(2026, 1, 20))


def test_publishing_freezes_the_figures(draft, reviewer, quick_pdf):
    report = services.publish_report(draft, by=reviewer, today=date(2026, 1, 20))
    make_application(report.organization, date(2025, 5, 5), date(2025, 5, 6), "1")
    assert figures(report)["tables"]["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6


def test_publishing_puts_the_report_with_its_pdf_into_the_annual_report_category(draft, reviewer):
    report = services.publish_report(draft, by=reviewer, today=date(2026, 1, 20))
    item = Item.objects.get(pk=report.catalog_item_id)
    assert item.is_published and item.category.slug == "annual-report"
    assert item.attachments.get().original_name.endswith(".pdf")


def test_publishing_is_refused_while_a_narrative_section_is_empty(draft, reviewer):
    draft.problems = "<p> </p>"
    draft.save()
    with pytest.raises(services.ReportNotReady, match="五、存在的主要问题及改进情况"):
        services.publish_report(draft, by=reviewer, today=date(2026, 1, 20))
    assert AnnualReport.objects.get(pk=draft.pk).state == AnnualReport.State.DRAFT


def test_a_correction_is_a_new_version_and_keeps_the_old_one(draft, reviewer, quick_pdf):
    first = services.publish_report(draft, by=reviewer, today=date(2026, 1, 20))
    correction = services.start_correction(first, by=reviewer, note="更正第三部分数据。")
    correction = services.publish_report(correction, by=reviewer, today=date(2026, 2, 2))
    first.refresh_from_db()
    assert (first.version, correction.version) == (1, 2)
    assert first.is_published and first.is_superseded
    assert correction.catalog_item_id == first.catalog_item_id
    assert correction.catalog_item.attachments.count() == 2


def test_a_published_report_cannot_be_generated_again(draft, reviewer, quick_pdf):
    services.publish_report(draft, by=reviewer, today=date(2026, 1, 20))
    with pytest.raises(ValidationError):
        services.generate_report(draft.organization, 2025, by=reviewer)
