from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from annual_reports import services
from annual_reports.models import AnnualReport

from .conftest import fill_in, make_application

CHANGELIST = "/admin/annual_reports/annualreport/"


@pytest.fixture
def draft(year_of_applications, editor):
    return services.generate_report(year_of_applications, 2025, by=editor)


def change_url(report) -> str:
    return f"{CHANGELIST}{report.pk}/change/"


def form_data(report, **changes) -> dict:
    data = {
        "overview": report.overview,
        "problems": report.problems,
        "other_matters": report.other_matters,
        "licensing_decisions": "" if report.licensing_decisions is None else report.licensing_decisions,
        "penalty_decisions": "" if report.penalty_decisions is None else report.penalty_decisions,
        "enforcement_decisions": "" if report.enforcement_decisions is None else report.enforcement_decisions,
        "admin_fees_wan": "" if report.admin_fees_wan is None else str(report.admin_fees_wan),
        "correction_note": "",
    }
    return data | changes


def test_staff_generate_a_draft_from_the_records(client, bureau, editor):
    client.force_login(editor)
    response = client.post(f"{CHANGELIST}generate/", {"organization": bureau.pk, "year": 2025})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(report)


def test_a_consolidated_report_needs_children(client, bureau, editor):
    client.force_login(editor)
    response = client.post(f"{CHANGELIST}generate/", {"organization": bureau.pk, "year": 2025, "consolidated": "on"})
    assert "该机关没有下级机关，不能生成汇总报告。" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_a_future_year_is_refused_next_to_its_field(client, bureau, editor):
    client.force_login(editor)
    response = client.post(f"{CHANGELIST}generate/", {"organization": bureau.pk, "year": 2999})
    assert "报告年度不能晚于今年。" in response.content.decode()


def test_the_narrative_is_sanitised_when_saved(client, draft, editor):
    client.force_login(editor)
    html = '<p onclick="x()">好<script>alert(1)</script></p>'
    client.post(change_url(draft), form_data(draft, problems=html))
    draft.refresh_from_db()
    assert draft.problems == "<p>好</p>"


def test_the_change_page_shows_checks_and_tables(client, draft, editor):
    make_application(draft.organization, date(2025, 2, 3), date(2025, 2, 10), "", applicant_type="commercial")
    client.force_login(editor)
    html = client.get(change_url(draft)).content.decode()
    assert "第一项加第二项之和不等于第三项加第四项之和" in html
    assert "自上次更新草稿以来有" in html
    assert "本年新收政府信息公开申请数量" in html


def test_an_editor_sees_no_publish_button(client, draft, editor):
    client.force_login(editor)
    assert 'name="_publish"' not in client.get(change_url(draft)).content.decode()


def test_the_reviewer_who_wrote_the_draft_is_told_why_she_cannot_publish(client, draft, reviewer):
    client.force_login(reviewer)
    client.post(change_url(draft), form_data(draft, problems="<p>审核人自己写的。</p>", _continue="1"))
    html = client.get(change_url(draft)).content.decode()
    assert 'name="_publish"' not in html
    assert "本机关实行双人审核：您最后修改了这份报告，请由另一位审核人核对后发布。" in html


def test_save_and_publish_is_one_form_and_keeps_what_was_typed(client, draft, reviewer):
    draft.organization.requires_four_eyes = False
    draft.organization.save()
    fill_in(draft)
    client.force_login(reviewer)
    typed = form_data(draft, licensing_decisions="120", _publish="发布年度报告…")
    html = client.post(change_url(draft), typed).content.decode()
    assert "确认发布年度报告" in html and "发布不能撤销" in html and "确认发布（不可撤销）" in html
    assert "请由另一位审核人" not in html
    draft.refresh_from_db()
    assert draft.licensing_decisions == 120 and not draft.is_published


def test_a_reviewer_who_types_and_publishes_keeps_her_text_and_is_told_of_four_eyes(client, draft, reviewer):
    fill_in(draft)
    client.force_login(reviewer)
    typed = form_data(draft, licensing_decisions="120", _publish="发布年度报告…")
    html = client.post(change_url(draft), typed).content.decode()
    assert "请由另一位审核人核对后发布" in html and "确认发布（不可撤销）" not in html
    draft.refresh_from_db()
    assert draft.licensing_decisions == 120


def test_a_reviewer_publishes_after_confirming(client, draft, reviewer, quick_pdf):
    fill_in(draft)
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}{draft.pk}/publish/", {"confirmed": "yes"}, follow=True)
    assert "年度报告已发布" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_published and draft.catalog_item.is_published


def test_publishing_without_confirmation_only_asks(client, draft, reviewer):
    fill_in(draft)
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}{draft.pk}/publish/")
    assert "确认发布（不可撤销）" in response.content.decode()
    assert not AnnualReport.objects.get(pk=draft.pk).is_published


def test_the_confirmation_shows_the_errors_and_offers_no_button(client, draft, reviewer):
    client.force_login(reviewer)
    html = client.post(f"{CHANGELIST}{draft.pk}/publish/").content.decode()
    assert "必须处理：第二部分以下数据尚未填写" in html
    assert "确认发布（不可撤销）" not in html


def test_publication_with_errors_is_refused_with_the_reason(client, draft, reviewer):
    fill_in(draft)
    AnnualReport.objects.filter(pk=draft.pk).update(overview="")
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}{draft.pk}/publish/", {"confirmed": "yes"}, follow=True)
    assert "“一、总体情况”尚未填写。" in response.content.decode()
    assert not AnnualReport.objects.get(pk=draft.pk).is_published


def test_the_change_page_shows_the_legal_deadline(client, draft, editor, time_machine):
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    client.force_login(editor)
    html = client.get(change_url(draft)).content.decode()
    assert "法定发布期限（部门（单位）报告）：2026年1月31日，已超过期限135天。" in html


def test_a_published_report_shows_whether_the_deadline_was_met(client, draft, reviewer, quick_pdf):
    published = services.publish_report(fill_in(draft), by=reviewer, today=date(2026, 2, 3))
    client.force_login(reviewer)
    html = client.get(change_url(published)).content.decode()
    assert "法定发布期限（部门（单位）报告）：2026年1月31日，逾期3天发布。" in html
    assert "已超过法定发布期限（2026年1月31日），发布后将记录为逾期发布。" in html  # recorded in the trail


def test_staff_of_another_organization_cannot_open_the_draft(client, draft, outsider):
    client.force_login(outsider)
    assert client.get(change_url(draft)).status_code in (302, 404)
    assert client.get(f"{CHANGELIST}{draft.pk}/export/json/").status_code == 404


def test_staff_export_a_draft(client, draft, editor):
    client.force_login(editor)
    response = client.get(f"{CHANGELIST}{draft.pk}/export/xlsx/")
    assert response.content[:2] == b"PK"


def test_a_consolidated_report_shows_each_organizations_figures(client, city, year_of_applications, site_admin):
    fill_in(services.generate_report(year_of_applications, 2025), licensing_decisions=120)
    report = services.generate_report(city, 2025, by=site_admin, consolidated=True)
    client.force_login(site_admin)
    html = client.get(change_url(report)).content.decode()
    assert "汇总明细（按机关）" in html
    assert (
        '<th scope="row">示范市教育局</th><td class="source-missing">草稿（未发布）</td>'
        "<td>6</td><td>2</td><td>5</td><td>3</td><td>0</td><td>120</td>"
    ) in html
    assert (
        '<th scope="row">示范市民政局</th><td class="source-missing">未生成报告</td><td>1</td><td>0</td><td>1</td>'
        in html
    )


def test_refreshing_from_the_admin_clears_the_change_warning(client, draft, editor):
    make_application(draft.organization, date(2025, 2, 3), date(2025, 2, 10), "1")
    client.force_login(editor)
    client.post(f"{CHANGELIST}{draft.pk}/refresh/")
    assert "自上次更新草稿以来有" not in client.get(change_url(draft)).content.decode()


def test_a_reviewer_starts_a_correction_of_a_published_report(client, draft, reviewer, quick_pdf):
    published = services.publish_report(fill_in(draft), by=reviewer, today=date(2026, 1, 20))
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}{published.pk}/correct/")
    correction = AnnualReport.objects.get(previous=published)
    assert response["Location"] == change_url(correction) and correction.version == 2
    assert "更正说明" in client.get(change_url(correction)).content.decode()


def test_the_actions_only_take_post(client, draft, reviewer):
    client.force_login(reviewer)
    assert client.get(f"{CHANGELIST}{draft.pk}/publish/").status_code == 405
