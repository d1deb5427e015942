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
        (city.code, 2025, True),
        (bureau.code, 2025, False),
    ]


def test_demo_fills_the_prompts_with_written_text(city, bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    demo.load()
    report = AnnualReport.objects.get(organization=bureau, year=2025)
    assert "（请补充" not in report.overview + report.problems


def test_demo_without_organizations_does_nothing(db):
    demo.load()
    assert not AnnualReport.objects.exists()
