import json
import re
from datetime import date

import pytest

from annual_reports import services

from .conftest import make_application


@pytest.fixture
def published(year_of_applications, reviewer, quick_pdf):
    report = services.generate_report(year_of_applications, 2025, by=reviewer)
    return services.publish_report(report, by=reviewer, today=date(2026, 1, 20))


def test_the_list_shows_published_reports_by_organization(client, published):
    response = client.get("/reports/")
    assert published.title in response.content.decode()
    assert published.organization.name in response.content.decode()


def test_the_list_hides_drafts(client, year_of_applications, editor):
    draft = services.generate_report(year_of_applications, 2025, by=editor)
    assert draft.title not in client.get("/reports/").content.decode()


def test_a_draft_page_is_not_found_for_the_public(client, year_of_applications, editor):
    draft = services.generate_report(year_of_applications, 2025, by=editor)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_report_page_follows_the_national_order_with_one_h1(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    headings = re.findall(r'<h2 id="section-\d">([^<]+)</h2>', html)
    assert [heading[:2] for heading in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert html.index("本年新收政府信息公开申请数量") < html.index("不予公开") < html.index("结转下年度继续办理")


def test_the_report_page_draws_accessible_svg_charts(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    assert html.count('role="img"') == 3
    assert "<desc" in html and "1月0件" in html


def test_the_public_json_is_the_frozen_snapshot(client, published):
    make_application(published.organization, date(2025, 5, 5))
    data = json.loads(client.get(f"/reports/{published.pk}/download/json/").content)
    assert data["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6


def test_the_pdf_download_is_the_file_frozen_at_publication(client, published):
    response = client.get(f"/reports/{published.pk}/download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content == published.pdf.open("rb").read()


def test_the_print_view_is_a_standalone_document(client, published):
    html = client.get(f"/reports/{published.pk}/print/").content.decode()
    assert "css/annual_reports.css" in html and "css/site.css" not in html


def test_an_unknown_format_is_not_found(client, published):
    assert client.get(f"/reports/{published.pk}/download/exe/").status_code == 404


def test_the_portal_statistics_page_uses_the_report_figures(client, year_of_applications):
    html = client.get("/reports/statistics/?year=2025").content.decode()
    assert re.search(r"<dt>收到申请</dt><dd>7</dd>", html)


def test_an_organization_statistics_page_counts_only_its_subtree(client, year_of_applications):
    html = client.get(f"/reports/statistics/{year_of_applications.code}/?year=2025").content.decode()
    assert re.search(r"<dt>收到申请</dt><dd>6</dd>", html)


@pytest.mark.parametrize("year", ["abc", "-1", "0", "99999999999999999999999", "1e309", "\x00"])
def test_a_bad_year_falls_back_to_the_latest(client, year_of_applications, year):
    response = client.get("/reports/statistics/", {"year": year})
    assert response.status_code == 200 and "2026年依申请公开" in response.content.decode()
