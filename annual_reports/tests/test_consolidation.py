"""A consolidated report (汇总) is the cell-wise sum of the reports it covers, at any depth."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from annual_reports import services
from annual_reports.figures import compute_figures, figures
from annual_reports.models import AnnualReport
from annual_reports.publication_gate import ERROR, WARNING, run_checks
from annual_reports.tables import add_tables
from catalog.models import Organization

from .conftest import fill_in, make_appeal, make_application, make_fee, make_item

DAY = date(2026, 1, 20)
LICENSING, PENALTY, ENFORCEMENT = "行政许可", "行政处罚", "行政强制"
DECISIONS, FEES = "本年处理决定数量", "本年收费金额（单位：万元）"


@pytest.fixture
def school_office(bureau):
    """Third level: an office under the bureau under the city."""
    return Organization.objects.create(name="示范市教育局招生考试办公室", code="11100000TEST0004", parent=bureau)


@pytest.fixture
def tree(city, bureau, other_bureau, school_office, editor, reviewer, site_admin, quick_pdf):
    """Every body with records and typed figures; the bureau and the office published, the others drafts."""
    make_application(city, date(2025, 2, 3), date(2025, 2, 20), "1")
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 20), "2", applicant_type="commercial")
    make_application(other_bureau, date(2025, 4, 1))
    make_fee(make_application(school_office, date(2025, 5, 6), date(2025, 6, 20), "1"), "300.00", date(2025, 6, 2))
    make_item(school_office, "normative", date(2025, 7, 1))
    make_appeal(school_office, "review", date(2025, 8, 1))
    names = ("licensing_decisions", "penalty_decisions", "enforcement_decisions", "admin_fees_wan")
    typed = {
        city: (5, 1, 0, "0.0001"),
        bureau: (120, 7, 2, "12.5"),
        other_bureau: (30, 0, 0, "0"),
        school_office: (3, 2, 1, "0.1"),
    }
    reports = {}
    for organization, values in typed.items():
        report = fill_in(services.generate_report(organization, 2025), **dict(zip(names, values, strict=True)))
        if organization in (bureau, school_office):
            report = services.publish_report(report, today=DAY)
        reports[organization] = report
    return reports


def consolidated(city):
    return services.generate_report(city, 2025, consolidated=True)


def test_typed_figures_are_summed_over_three_levels(city, tree):
    section2 = compute_figures(consolidated(city))["tables"]["section2"]
    assert section2[LICENSING] == {DECISIONS: 158}
    assert section2[PENALTY] == {DECISIONS: 10}
    assert section2[ENFORCEMENT] == {DECISIONS: 3}
    assert section2["行政事业性收费"] == {FEES: 12.6001}


def test_every_table_is_the_cell_wise_sum_of_the_parts(city, tree):
    parts = [figures(report)["tables"] for report in tree.values()]
    expected = parts[0]
    for part in parts[1:]:
        expected = add_tables(expected, part)
    assert compute_figures(consolidated(city))["tables"] == expected
    assert expected["section3"]["本年新收政府信息公开申请数量"]["总计"] == 4
    assert expected["section2"]["行政规范性文件"]["本年制发件数"] == 1
    assert expected["section4"]["行政复议"]["尚未审结"] == 1
    assert expected["fees_yuan"] == 300.0


def test_a_published_part_is_taken_from_its_snapshot_not_the_records(city, bureau, tree):
    make_application(bureau, date(2025, 9, 1), date(2025, 9, 5), "1")
    section3 = compute_figures(consolidated(city))["tables"]["section3"]
    assert section3["本年新收政府信息公开申请数量"]["总计"] == 4


def test_a_draft_part_is_taken_as_its_records_stand(city, other_bureau, tree):
    make_application(other_bureau, date(2025, 9, 1), date(2025, 9, 5), "1")
    section3 = compute_figures(consolidated(city))["tables"]["section3"]
    assert section3["本年新收政府信息公开申请数量"]["总计"] == 5


def test_the_parts_say_where_each_figure_comes_from(city, bureau, other_bureau, school_office, tree):
    parts = {part["name"]: part["source"] for part in compute_figures(consolidated(city))["parts"]}
    assert parts == {
        city.name: "draft",
        bureau.name: "published",
        other_bureau.name: "draft",
        school_office.name: "published",
    }


def test_unpublished_parts_refuse_publication_until_a_reason_is_given(city, tree):
    report = fill_in(consolidated(city))
    with pytest.raises(services.ReportNotReady, match="以下机关的年度报告尚未发布：示范市人民政府（草稿（未发布））"):
        services.publish_report(report, today=date(2026, 3, 2))
    report.children_waiver = "民政局报告正在审核，按期汇总。"
    report.save()
    assert services.publish_report(report, today=date(2026, 3, 2)).is_published


def test_the_published_consolidation_equals_the_published_parts_after_live_changes(
    city, bureau, other_bureau, school_office, tree
):
    for organization in (city, other_bureau):
        services.publish_report(tree[organization], today=DAY)
    report = services.publish_report(fill_in(consolidated(city)), today=date(2026, 3, 2))
    make_application(school_office, date(2025, 10, 9), date(2025, 10, 10), "1")
    make_application(city, date(2025, 10, 9))
    published_parts = [AnnualReport.objects.get(pk=tree[org].pk).snapshot["tables"] for org in tree]
    expected = published_parts[0]
    for part in published_parts[1:]:
        expected = add_tables(expected, part)
    assert figures(report)["tables"] == expected


def test_the_consolidated_json_of_the_command_is_the_sum(city, tree, tmp_path):
    path = tmp_path / "sum.json"
    call_command(
        "annual_report", "--org", city.code, "--year", "2025", "--consolidated", "--format", "json", "-o", path
    )
    data = json.loads(path.read_text())
    assert data["section2"][LICENSING] == {DECISIONS: 158}
    assert data["section2"]["行政事业性收费"] == {FEES: 12.6001}


def test_the_consolidated_title_names_the_place(city, tree):
    report = consolidated(city)
    assert report.title == "示范市2025年政府信息公开工作年度报告"
    assert tree[city].title == "示范市人民政府2025年政府信息公开工作年度报告"


def test_the_consolidated_draft_speaks_of_the_whole_city(city, tree):
    report = consolidated(city)
    assert "本年度，全市通过政府信息公开平台主动公开政府信息" in report.overview
    assert "本机关" not in report.overview + report.problems + report.other_matters


UNPUBLISHED = "示范市人民政府（草稿（未发布））、示范市民政局（草稿（未发布））"


def findings_of(report):
    return [(finding.level, finding.message) for finding in run_checks(report, compute_figures(report), DAY)]


def test_unpublished_parts_are_all_named_an_error_until_a_reason_is_given(city, tree):
    report = fill_in(consolidated(city))
    refusal = (
        f"以下机关的年度报告尚未发布：{UNPUBLISHED}。请待其发布后再发布汇总报告，或在“未发布下级报告的说明”中写明理由。"
    )
    assert (ERROR, refusal) in findings_of(report)
    report.children_waiver = "民政局报告正在审核，按期汇总。"
    found = [finding for finding in findings_of(report) if "尚未发布" in finding[1]]
    assert found == [(WARNING, f"以下机关的年度报告尚未发布，已说明理由，汇总按其草稿或记录计算：{UNPUBLISHED}。")]
