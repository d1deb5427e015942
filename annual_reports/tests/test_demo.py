from datetime import date

import pytest

from annual_reports import demo
from annual_reports.models import AnnualReport

from .conftest import make_application

pytestmark = pytest.mark.usefixtures("quick_pdf")


def test_demo_publishes_last_years_reports_and_is_idempotent(city, bureau, other_bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    demo.load()
    demo.load()
    published = AnnualReport.objects.published()
    assert sorted((r.organization.code, r.year, r.consolidated) for r in published) == [
        (city.code, 2025, False),
        (city.code, 2025, True),
        (bureau.code, 2025, False),
        (other_bureau.code, 2025, False),
    ]


def test_demo_reports_have_typed_figures_and_claim_no_suggestion_box(city, bureau, other_bureau):
    demo.load()
    for report in AnnualReport.objects.published().filter(consolidated=False):
        assert report.licensing_decisions > 0, report
        assert "意见箱" not in report.overview + report.problems + report.other_matters
        assert "责任追究" in report.overview or "追究责任" in report.overview
    summary = AnnualReport.objects.get(consolidated=True, year=2025)
    licensing = summary.snapshot["tables"]["section2"]["行政许可"]["本年处理决定数量"]
    assert licensing == sum(r.licensing_decisions for r in AnnualReport.objects.filter(consolidated=False, year=2025))


def test_demo_fills_the_prompts_with_written_text(city, bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    demo.load()
    report = AnnualReport.objects.get(organization=bureau, year=2025)
    assert "（请补充" not in report.overview + report.problems


def test_demo_without_organizations_does_nothing(db):
    demo.load()
    assert not AnnualReport.objects.exists()
