import json
import re
from datetime import date

import pytest

from annual_reports import services
from annual_reports.models import AnnualReport, ReportFile

from .conftest import fill_in, make_application


@pytest.fixture
def published(year_of_applications, editor, reviewer, placeholder_exports, django_capture_on_commit_callbacks):
    report = fill_in(services.generate_report(year_of_applications, 2025, by=editor))
    with django_capture_on_commit_callbacks(execute=True):  # the files are rendered by a task after commit
        return services.publish_report(report, by=reviewer, today=date(2026, 1, 20))


def test_the_list_shows_published_reports_by_year(client, published):
    html = client.get("/reports/").content.decode()
    assert '<h2 id="year-2025">2025年度</h2>' in html
    assert published.title in html and "2026-01-20" in html


def test_the_list_puts_a_years_consolidated_report_first(client, city, published, site_admin, quick_pdf):
    city_report = services.publish_report(fill_in(services.generate_report(city, 2025)), today=date(2026, 1, 21))
    summary = fill_in(services.generate_report(city, 2025, consolidated=True))
    summary.children_waiver = "民政局未报送。"
    summary.save()
    summary = services.publish_report(summary, today=date(2026, 3, 2))
    html = client.get("/reports/").content.decode()
    positions = [html.index(report.title) for report in (summary, published, city_report)]
    assert positions[0] < min(positions[1:])


def test_a_published_report_keeps_the_name_and_contacts_it_was_published_with(client, published):
    """A 机构改革 renames the body in the next year: its published report, like its stored files, stays as issued."""
    bureau = published.organization
    issued_name, issued_phone = bureau.name, bureau.phone
    bureau.name, bureau.phone = "示范市教育体育局", "0000-1234567"
    bureau.save()
    page = client.get(published.get_absolute_url()).content.decode()
    assert f"<h1>{issued_name}2025年政府信息公开工作年度报告</h1>" in page
    assert "教育体育局" not in page and "0000-1234567" not in page
    assert not issued_phone or issued_phone in page
    draft = services.generate_report(bureau, 2026)
    assert draft.title == "示范市教育体育局2026年政府信息公开工作年度报告"


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
    table = html[html.index('id="section-3"') :]
    assert table.index("本年新收政府信息公开申请数量") < table.index("不予公开") < table.index("结转下年度继续办理")


def test_the_report_page_draws_accessible_svg_charts(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    assert html.count('role="img"') == 3
    assert "<desc" in html and "1月0件" in html


def test_the_public_json_is_the_frozen_snapshot(client, published):
    make_application(published.organization, date(2025, 5, 5))
    data = json.loads(b"".join(client.get(f"/reports/{published.pk}/download/json/").streaming_content))
    assert data["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6


def test_the_pdf_download_is_the_file_frozen_at_publication(client, published):
    response = client.get(f"/reports/{published.pk}/download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    stored = ReportFile.objects.get(report=published, fmt="pdf")
    assert b"".join(response.streaming_content) == stored.file.read()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "json", "html"])
def test_a_download_of_a_published_report_never_renders(client, published, monkeypatch, fmt):
    def refuse(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr("annual_reports.exports._render", refuse)
    response = client.get(f"/reports/{published.pk}/download/{fmt}/")
    assert b"".join(response.streaming_content) == ReportFile.objects.get(report=published, fmt=fmt).file.read()


def test_a_report_published_before_files_were_stored_is_rendered_once(
    client, published, monkeypatch, django_capture_on_commit_callbacks
):
    ReportFile.objects.filter(report=published).delete()
    AnnualReport.objects.filter(pk=published.pk).update(files_ready_at=None, files_requested_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(f"/reports/{published.pk}/download/docx/").status_code == 503  # asked for, 生成中
    first = b"".join(client.get(f"/reports/{published.pk}/download/docx/").streaming_content)
    monkeypatch.setattr("annual_reports.exports._render", lambda *args: b"rendered again")
    assert b"".join(client.get(f"/reports/{published.pk}/download/docx/").streaming_content) == first


def test_the_html_download_is_a_self_contained_file(client, published):
    response = client.get(f"/reports/{published.pk}/download/html/")
    html = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "<style>" in html and ".report-table th, .report-table td { border: 1px solid" in html
    assert "/static/" not in html


def test_a_staff_member_downloads_a_draft_rendered_from_the_records(client, year_of_applications, editor):
    draft = services.generate_report(year_of_applications, 2025, by=editor)
    client.force_login(editor)
    response = client.get(f"/reports/{draft.pk}/download/json/")
    assert json.loads(response.content)["section3"]["本年新收政府信息公开申请数量"]["总计"] == 6
    assert response["Cache-Control"] == "no-store"
    assert not ReportFile.objects.filter(report=draft).exists()


def test_a_draft_download_is_not_found_for_the_public(client, year_of_applications, editor):
    draft = services.generate_report(year_of_applications, 2025, by=editor)
    assert client.get(f"/reports/{draft.pk}/download/pdf/").status_code == 404


def test_the_report_page_has_the_preface_and_the_signature(client, published):
    html = client.get(published.get_absolute_url()).content.decode()
    assert "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。" in html
    assert "如对本报告有任何疑问，请与示范市教育局联系。" in html
    assert "<p>示范市教育局</p>\n  <p>2026年1月20日</p>" in html
    assert "发布日期：2026-01-20" in html


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
