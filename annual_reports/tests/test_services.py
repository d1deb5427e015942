from datetime import date

import pytest
from django.core.exceptions import ValidationError

from annual_reports import services
from annual_reports.figures import figures
from annual_reports.models import AnnualReport, ReportEvent, ReportFile
from catalog.models import Item
from catalog.transitions import NotAllowedNow

from .conftest import fill_in, make_application

PUBLICATION_DAY = date(2026, 1, 20)


@pytest.fixture
def draft(year_of_applications, editor):
    return services.generate_report(year_of_applications, 2025, by=editor)


@pytest.fixture
def ready(draft):
    return fill_in(draft)


def test_generating_prefills_the_narrative_from_the_figures(draft):
    assert "本年度，本机关共收到政府信息公开申请6件" in draft.overview
    assert "本年度，本机关未发出收费通知，未收取信息处理费。" in draft.other_matters
    assert draft.draft_figures["section3"]["总计"]["总计"] == 5


def test_typed_figures_start_empty(draft):
    assert (draft.licensing_decisions, draft.penalty_decisions, draft.enforcement_decisions) == (None, None, None)
    assert draft.admin_fees_wan is None


def test_generating_twice_returns_the_open_draft(draft, editor):
    assert services.generate_report(draft.organization, 2025, by=editor) == draft


def test_staff_of_another_organization_cannot_generate(bureau, outsider):
    with pytest.raises(NotAllowedNow):
        services.generate_report(bureau, 2025, by=outsider)


def test_an_editor_cannot_publish(ready, editor):
    with pytest.raises(NotAllowedNow, match="只有本机关的审核人"):
        services.publish_report(ready, by=editor, today=PUBLICATION_DAY)


def test_publishing_freezes_the_figures(ready, reviewer, quick_pdf):
    report = services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    make_application(report.organization, date(2025, 5, 5), date(2025, 5, 6), "1")
    assert figures(report)["tables"]["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """publish_report, then what runs after its commit (the task rendering the files)."""

    def run(report, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.publish_report(report, **kwargs)

    return run


def test_one_publication_day_on_the_report_its_catalog_item_and_its_signature(publish, ready, reviewer, quick_pdf):
    report = publish(ready, by=reviewer, today=PUBLICATION_DAY)
    assert report.published_on == PUBLICATION_DAY
    assert Item.objects.get(pk=report.catalog_item_id).published_on == PUBLICATION_DAY
    html = ReportFile.objects.get(report=report, fmt="html").file.read().decode()
    assert "<p>示范市教育局</p>\n  <p>2026年1月20日</p>" in html


def test_publishing_stores_every_format_once(publish, ready, reviewer, quick_pdf):
    report = publish(ready, by=reviewer, today=PUBLICATION_DAY)
    assert sorted(ReportFile.objects.filter(report=report).values_list("fmt", flat=True)) == [
        "docx",
        "html",
        "json",
        "pdf",
        "xlsx",
    ]


def test_publishing_puts_the_report_with_its_pdf_into_the_annual_report_category(publish, ready, reviewer):
    report = publish(ready, by=reviewer, today=PUBLICATION_DAY)
    item = Item.objects.get(pk=report.catalog_item_id)
    assert item.is_published and item.category.slug == "annual-report"
    attachment = item.attachments.get()
    assert attachment.original_name == "示范市教育局2025年政府信息公开工作年度报告.pdf"
    assert attachment.file.read() == ReportFile.objects.get(report=report, fmt="pdf").file.read()
    assert item.reviewed_by == reviewer


def test_publishing_is_refused_while_a_narrative_section_is_empty(ready, reviewer):
    ready.problems = "<p> </p>"
    ready.save()
    with pytest.raises(services.ReportNotReady, match="五、存在的主要问题及改进情况"):
        services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    assert AnnualReport.objects.get(pk=ready.pk).state == AnnualReport.State.DRAFT


def test_a_correction_is_a_new_version_and_keeps_the_old_one(publish, ready, reviewer, second_reviewer, quick_pdf):
    first = publish(ready, by=reviewer, today=PUBLICATION_DAY)
    correction = services.start_correction(first, by=reviewer, note="更正第三部分数据。")
    correction = publish(correction, by=second_reviewer, today=date(2026, 2, 2))
    first.refresh_from_db()
    assert (first.version, correction.version) == (1, 2)
    assert first.is_published and first.is_superseded
    assert correction.catalog_item_id == first.catalog_item_id
    assert correction.catalog_item.attachments.count() == 2
    assert correction.licensing_decisions == 0


def test_a_published_report_cannot_be_generated_again(ready, reviewer, quick_pdf):
    services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    with pytest.raises(ValidationError):
        services.generate_report(ready.organization, 2025, by=reviewer)


def test_a_published_report_cannot_be_published_again(ready, reviewer, quick_pdf):
    stale_copy = AnnualReport.objects.get(pk=ready.pk)
    services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    with pytest.raises(NotAllowedNow, match="当前为“已发布”"):
        services.publish_report(stale_copy, by=reviewer, today=PUBLICATION_DAY)
    assert ReportEvent.objects.filter(report=ready, kind=ReportEvent.Kind.PUBLISHED).count() == 1


def test_saving_a_published_report_is_refused_on_the_fresh_row(ready, reviewer, editor, quick_pdf):
    stale_copy = AnnualReport.objects.get(pk=ready.pk)
    services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    stale_copy.problems = "<p>迟到的修改</p>"
    with pytest.raises(NotAllowedNow):
        services.save_draft(stale_copy, by=editor)
    assert "迟到的修改" not in AnnualReport.objects.get(pk=ready.pk).problems


def test_the_audit_trail_names_who_generated_saved_and_published(ready, editor, reviewer, quick_pdf):
    services.save_draft(ready, by=editor)
    services.publish_report(ready, by=reviewer, today=PUBLICATION_DAY)
    trail = [(event.kind, event.by) for event in ready.events.all()]
    assert trail == [("generated", editor), ("saved", editor), ("published", reviewer)]
