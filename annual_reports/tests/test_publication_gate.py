from datetime import date

import pytest

from annual_reports import services
from annual_reports.figures import compute_figures
from annual_reports.models import AnnualReport
from annual_reports.publication_gate import ERROR, WARNING, run_checks
from applications.models import Application

from .conftest import fill_in, make_application

AFTER_THE_YEAR = date(2026, 1, 20)


@pytest.fixture
def draft(bureau, editor):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 20), "1")
    return services.generate_report(bureau, 2025, by=editor)


@pytest.fixture
def ready(draft):
    return fill_in(draft)


def messages(report: AnnualReport, today=AFTER_THE_YEAR) -> list[tuple[str, str]]:
    return [(f.level, f.message) for f in run_checks(report, compute_figures(report), today)]


def errors(report: AnnualReport, today=AFTER_THE_YEAR) -> list[str]:
    return [message for level, message in messages(report, today) if level == ERROR]


def test_a_filled_in_draft_has_no_errors(ready):
    assert errors(ready) == []


def test_the_draft_prompts_refuse_publication(draft):
    assert "“五、存在的主要问题及改进情况”仍有待补充的提示文字“（请补充……）”，请改为实际情况。" in errors(draft)


def test_a_prompt_in_the_middle_of_a_text_is_found(ready):
    ready.other_matters = "<p>本年度未收取信息处理费。（请补充其他事项。）</p>"
    assert "“六、其他需要报告的事项”仍有待补充的提示文字“（请补充……）”，请改为实际情况。" in errors(ready)


def test_typed_figures_not_entered_refuse_publication(ready):
    ready.penalty_decisions = None
    ready.admin_fees_wan = None
    assert (
        "第二部分以下数据尚未填写（没有的请填0）：行政处罚本年处理决定数量、行政事业性收费本年收费金额（万元）。"
        in errors(ready)
    )


def test_zero_is_a_typed_figure(ready):
    assert (ready.licensing_decisions, ready.admin_fees_wan) == (0, 0)
    assert not any("尚未填写" in message for message in errors(ready))


@pytest.mark.parametrize("today", [date(2025, 6, 30), date(2025, 12, 31)])
def test_a_year_not_yet_over_refuses_publication(ready, today):
    assert "2025年尚未结束，年度报告要在年度结束后发布。" in errors(ready, today)


def test_the_first_of_january_is_after_the_year(ready):
    assert not any("尚未结束" in message for message in errors(ready, date(2026, 1, 1)))


def test_narrative_figures_that_no_longer_match_the_tables_refuse_publication(ready):
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "1")
    found = [message for message in errors(ready) if "叙述中的数据与统计表不一致" in message]
    assert len(found) == 1
    assert "原句：“本年度，本机关共收到政府信息公开申请1件" in found[0]
    assert "按当前数据应为：“本年度，本机关共收到政府信息公开申请2件" in found[0]


def test_refreshing_rewrites_the_stale_sentence_and_clears_the_error(ready, editor):
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "1")
    services.refresh_figures(ready, by=editor)
    ready.refresh_from_db()
    assert "本年度，本机关共收到政府信息公开申请2件" in ready.overview
    assert "申请1件" not in ready.overview
    assert not any("不一致" in message for message in errors(ready))


def test_a_sentence_staff_rewrote_is_not_replaced_and_must_be_confirmed(ready, editor):
    ready.overview = ready.overview.replace("本年度，本机关共收到政府信息公开申请1件", "全年共受理申请1件")
    ready.save()
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "1")
    services.refresh_figures(ready, by=editor)
    ready.refresh_from_db()
    assert "全年共受理申请1件" in ready.overview
    assert any("叙述中的数据与统计表不一致" in message for message in errors(ready))
    services.save_draft(ready, by=editor, confirm_narrative=True)
    assert not any("不一致" in message for message in errors(ready))


def test_an_open_application_past_its_due_date_is_listed(ready):
    late = make_application(ready.organization, date(2025, 11, 3))
    services.refresh_figures(ready)
    found = [message for level, message in messages(ready) if level == WARNING and "超过答复期限" in message]
    assert found == [f"有1件申请已超过答复期限仍未办结：{late.number}。请尽快答复，或在报告中说明。"]


def test_an_open_application_within_its_time_is_not_listed(ready):
    make_application(ready.organization, date(2026, 1, 12))
    assert not any("超过答复期限" in message for _, message in messages(ready))


def test_figures_changed_since_the_draft_are_named(ready):
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "2", applicant_type="commercial")
    changed = next(message for _, message in messages(ready) if "发生了变化" in message)
    assert "三 本年新收政府信息公开申请数量 › 商业企业：0 → 1" in changed


def test_a_concluded_application_without_outcome_is_named(ready):
    missing = make_application(ready.organization, date(2025, 5, 6), date(2025, 5, 9), "")
    found = errors(ready)
    assert f"以下已办结的申请没有登记办理结果：{missing.number}。" in found
    assert any("第一项加第二项之和不等于第三项加第四项之和" in message for message in found)


def test_an_empty_narrative_section_is_an_error(ready):
    ready.other_matters = ""
    assert "“六、其他需要报告的事项”尚未填写。" in errors(ready)


def test_a_year_missing_from_the_work_calendar_is_pointed_out(ready):
    from catalog.models import CalendarYear

    CalendarYear.objects.filter(year=2025).delete()
    assert any(level == WARNING and "工作日历缺少 2025 年的节假日安排" in message for level, message in messages(ready))


@pytest.mark.parametrize(
    "today, warned", [(date(2026, 1, 31), False), (date(2026, 2, 1), True)], ids=["on-31-january", "on-1-february"]
)
def test_a_department_report_past_31_january_is_warned_about(ready, today, warned):
    warning = "已超过法定发布期限（2026年1月31日），发布后将记录为逾期发布。"
    assert ((WARNING, warning) in messages(ready, today)) is warned


def test_a_consolidated_report_is_due_by_31_march(city, bureau, site_admin):
    report = services.generate_report(city, 2025, by=site_admin, consolidated=True)
    assert report.legal_deadline == date(2026, 3, 31)
    assert not any("法定发布期限" in message for _, message in messages(report, date(2026, 3, 31)))


def test_typed_figures_are_not_reported_as_changed_data(ready):
    ready.licensing_decisions = 120
    assert not any("发生了变化" in message for _, message in messages(ready))


IDENTITY = "第三部分“%s”：第一项加第二项之和不等于第三项加第四项之和，请核对申请的收到日期、答复日期和办理结果。"


def test_the_identity_check_names_the_column_and_the_total_column(ready):
    make_application(ready.organization, date(2025, 5, 6), date(2025, 5, 9), "", applicant_type="commercial")
    found = [message for message in errors(ready) if message.startswith("第三部分")]
    assert found == [IDENTITY % "商业企业", IDENTITY % "总计列"]


def unclassified(report) -> list[str]:
    return [message for message in errors(report) if "没有登记办理结果" in message]


def numbered_in_reverse(applications) -> list[str]:
    """Give the applications numbers that sort against the order they were made in; return them sorted."""
    for index, application in enumerate(applications):
        application.number = f"N{90 - index}"
        application.save(update_fields=["number"])
    return sorted(application.number for application in applications)


@pytest.mark.parametrize("count, more", [(10, ""), (11, "等")], ids=["exactly-ten", "eleven"])
def test_applications_without_outcome_are_listed_by_number_ten_at_most(ready, other_bureau, count, more):
    body = ready.organization
    days = [(date(2025, 1, 1), date(2025, 1, 1)), (date(2024, 12, 31), date(2025, 12, 31))]
    missing = [make_application(body, *days[index % 2], "") for index in range(count)]
    numbers = numbered_in_reverse(missing)
    make_application(body, date(2024, 12, 1), date(2024, 12, 31), "")  # concluded the year before
    make_application(body, date(2025, 12, 1), date(2026, 1, 1), "")  # concluded the year after
    make_application(body, date(2025, 3, 3), date(2025, 3, 9), "", state=Application.State.WITHDRAWN)
    make_application(other_bureau, date(2025, 3, 3), date(2025, 3, 9), "")
    assert unclassified(ready) == [f"以下已办结的申请没有登记办理结果：{'、'.join(numbers[:10])}{more}。"]


def test_overdue_applications_are_listed_by_number(ready):
    late = [make_application(ready.organization, date(2025, 11, 3)) for _ in range(2)]
    first, second = numbered_in_reverse(late)
    found = [message for level, message in messages(ready) if level == WARNING and "超过答复期限" in message]
    assert found == [f"有2件申请已超过答复期限仍未办结：{first}、{second}。请尽快答复，或在报告中说明。"]


def test_every_changed_figure_is_named_with_its_section_in_a_warning(ready):
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "2", applicant_type="commercial")
    found = [(level, message) for level, message in messages(ready) if "发生了变化" in message]
    changes = [
        "三 本年新收政府信息公开申请数量 › 商业企业：0 → 1",
        "三 本年新收政府信息公开申请数量 › 总计：1 → 2",
        "三 部分公开 › 商业企业：0 → 1",
        "三 部分公开 › 总计：0 → 1",
        "三 总计 › 商业企业：0 → 1",
        "三 总计 › 总计：1 → 2",
    ]
    assert found == [
        (WARNING, f"自上次更新草稿以来有6项数据发生了变化：{'；'.join(changes)}。请核对叙述部分，然后点击“更新数据”。")
    ]


def test_a_row_the_last_draft_did_not_have_is_named_as_new(ready):
    del ready.draft_figures["section3"]["部分公开"]
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "2")
    changed = next(message for _, message in messages(ready) if "发生了变化" in message)
    assert "三 部分公开 › 自然人：None → 1；三 部分公开 › 商业企业：None → 0" in changed


def test_a_draft_without_recorded_figures_reports_no_change(ready):
    ready.draft_figures = None
    assert not any("发生了变化" in message for _, message in messages(ready))


def test_a_stale_narrative_sentence_is_quoted_whole_with_its_replacement(ready):
    make_application(ready.organization, date(2025, 4, 1), date(2025, 4, 8), "1")
    found = [message for message in errors(ready) if "叙述中的数据与统计表不一致" in message]
    old = "本年度，本机关共收到政府信息公开申请1件，比上年增加1件（当面1件）。本年度办结1件，按期答复率100%，"
    old += "答复用时的中位数为13个工作日。"
    new = "本年度，本机关共收到政府信息公开申请2件，比上年增加2件（当面2件）。本年度办结2件，按期答复率100%，"
    new += "答复用时的中位数为8.5个工作日。"
    assert found == [
        f"叙述中的数据与统计表不一致。原句：“{old}”；按当前数据应为：“{new}”。"
        "请点击“更新数据”重新生成这句，或修改后勾选“已核对叙述中的数据”。"
    ]
