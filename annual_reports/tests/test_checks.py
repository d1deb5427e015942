from datetime import date

import pytest

from annual_reports import services
from annual_reports.checks import ERROR, WARNING, run_checks
from annual_reports.figures import compute_figures
from annual_reports.models import AnnualReport

from .conftest import make_application


@pytest.fixture
def draft(bureau, editor):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 20), "1")
    return services.generate_report(bureau, 2025, by=editor)


def messages(report: AnnualReport, today=date(2026, 1, 20)) -> list[tuple[str, str]]:
    return [(f.level, f.message) for f in run_checks(report, compute_figures(report), today)]


def test_a_fresh_draft_has_no_errors(draft):
    assert [message for level, message in messages(draft) if level == ERROR] == []


def test_the_draft_prompts_are_pointed_out(draft):
    assert (WARNING, "“五、存在的主要问题及改进情况”仍有待补充的提示文字。") in messages(draft)


def test_an_open_application_past_its_due_date_is_listed(draft):
    late = make_application(draft.organization, date(2025, 11, 3))
    found = [message for level, message in messages(draft) if level == WARNING and "超过答复期限" in message]
    assert found == [f"有1件申请已超过答复期限仍未办结：{late.number}。请尽快答复，或在报告中说明。"]


def test_an_open_application_within_its_time_is_not_listed(draft):
    make_application(draft.organization, date(2026, 1, 12))
    assert not any("超过答复期限" in message for _, message in messages(draft))


def test_figures_changed_since_the_draft_are_named(draft):
    make_application(draft.organization, date(2025, 4, 1), date(2025, 4, 8), "2", applicant_type="commercial")
    changed = next(message for _, message in messages(draft) if "发生了变化" in message)
    assert "三 本年新收政府信息公开申请数量 › 商业企业：0 → 1" in changed


def test_refreshing_the_figures_clears_the_change_warning(draft, editor):
    make_application(draft.organization, date(2025, 4, 1), date(2025, 4, 8), "2")
    services.refresh_figures(draft, by=editor)
    assert not any("发生了变化" in message for _, message in messages(draft))


def test_a_concluded_application_without_outcome_is_named(draft):
    missing = make_application(draft.organization, date(2025, 5, 6), date(2025, 5, 9), "")
    errors = [message for level, message in messages(draft) if level == ERROR]
    assert f"以下已办结的申请没有登记办理结果：{missing.number}。" in errors
    assert any("第一项加第二项之和不等于第三项加第四项之和" in message for message in errors)


def test_an_empty_narrative_section_is_an_error(draft):
    draft.other_matters = ""
    assert (ERROR, "“六、其他需要报告的事项”尚未填写。") in messages(draft)


def test_a_year_missing_from_the_work_calendar_is_pointed_out(draft):
    from catalog.models import CalendarYear

    CalendarYear.objects.filter(year=2025).delete()
    assert any("工作日历缺少 2025 年的节假日安排" in message for _, message in messages(draft))
