from datetime import date

import pytest

from annual_reports.models import AnnualReport
from catalog.workdays import current_calendar
from feedback.models import Message
from site_check import rules
from tests.factories import new_item

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [
        (date(2025, 10, 27), False, "还有 3 个工作日"),
        (date(2025, 10, 30), False, "今天是最后一天"),  # the 20th working day after Friday 26 September
        (date(2025, 10, 31), True, "已超过 1 个工作日"),
    ],
)
def test_an_unpublished_item_fails_art26_after_20_working_days(bureau, today, failed, sentence):
    new_item(bureau, title="国庆前成文的通知", on=date(2025, 9, 26), publish=False)
    [line] = rules.art26_lines([bureau.pk], today, current_calendar())
    assert (line.failed, line.sentence) == (failed, sentence)
    assert "应于 2025-10-30 前发布" in line.detail


def test_an_item_published_late_this_year_is_listed_as_failed(bureau):
    from catalog.services import publish_item

    item = new_item(bureau, title="迟发的通知", on=date(2026, 3, 2), publish=False)
    publish_item(item, None, published_on=date(2026, 4, 1))  # 2 March + 20 working days = 30 March
    [line] = rules.art26_lines([bureau.pk], date(2026, 5, 1), current_calendar())
    assert line.failed and line.sentence == "已超过 2 个工作日"
    assert rules.art26_lines([bureau.pk], date(2027, 1, 4), current_calendar()) == []


def test_published_on_time_is_not_listed(bureau):
    new_item(bureau, on=date(2026, 3, 2))
    assert rules.art26_lines([bureau.pk], date(2026, 5, 1), current_calendar()) == []


def letter(organization, received_on: date) -> Message:
    message = Message.objects.create(
        organization=organization, title="建议", body="请公开", name="张三丰", received_on=received_on
    )
    message.number = f"LY{received_on.year}-{message.pk:06d}"
    message.save(update_fields=["number"])
    return message


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [
        (date(2026, 4, 27), False, "还有 3 天"),
        (date(2026, 4, 30), False, "今天是最后一天"),  # exactly 3 months after 31 January
        (date(2026, 5, 1), True, "已超过 1 天"),
    ],
)
def test_a_waiting_message_fails_after_three_months(bureau, today, failed, sentence):
    message = letter(bureau, date(2026, 1, 31))
    [line] = rules.message_lines([bureau.pk], today)
    assert (line.failed, line.sentence) == (failed, sentence)
    assert line.subject == f"意见箱留言 {message.number}"
    assert "张三丰" not in line.detail + line.subject


def test_an_answered_message_is_not_listed(bureau, editor):
    from feedback.services import answer

    answer(letter(bureau, date(2026, 1, 5)), "已公开", editor, publish=False)
    assert rules.message_lines([bureau.pk], date(2026, 6, 1)) == []


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [(date(2026, 1, 31), False, "今天是最后一天"), (date(2026, 2, 1), True, "已超过 1 天")],
)
def test_a_department_s_report_is_due_on_31_january(bureau, today, failed, sentence):
    [line] = rules.annual_report_lines(bureau, today)
    assert line.subject == "2025年度报告"
    assert (line.failed, line.sentence) == (failed, sentence)


def test_a_government_over_others_also_owes_a_consolidated_report_by_31_march(city, bureau):
    own, consolidated = rules.annual_report_lines(city, date(2026, 3, 31))
    assert own.failed and own.sentence == "已超过 59 天"
    assert consolidated.subject == "2025年度报告（汇总）"
    assert not consolidated.failed and consolidated.sentence == "今天是最后一天"
    assert rules.annual_report_lines(city, date(2026, 4, 1))[1].failed


def test_a_published_report_passes_and_a_late_one_fails(bureau, other_bureau):
    AnnualReport.objects.create(organization=bureau, year=2025, state="published", published_on=date(2026, 1, 20))
    AnnualReport.objects.create(organization=other_bureau, year=2025, state="published", published_on=date(2026, 2, 3))
    [on_time] = rules.annual_report_lines(bureau, date(2026, 6, 1))
    [late] = rules.annual_report_lines(other_bureau, date(2026, 6, 1))
    assert not on_time.failed and "已于 2026-01-20 发布" in on_time.detail
    assert late.failed and late.sentence == "已超过 3 天"
