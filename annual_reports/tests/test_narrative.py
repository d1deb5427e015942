from datetime import date

import pytest

from annual_reports import services
from annual_reports.narrative import wan

from .conftest import fill_in, make_application, make_fee, make_item

DAY = date(2026, 1, 20)


def draft_of(organization, year=2025):
    return services.generate_report(organization, year)


def test_a_body_without_applications_says_so_plainly(bureau):
    report = draft_of(bureau)
    assert "<p>本年度，本机关未收到政府信息公开申请，也没有上年结转的申请。</p>" in report.overview
    assert "暂无数据" not in report.overview
    assert "办结0件" not in report.overview


def test_a_body_with_only_carried_in_applications(bureau):
    make_application(bureau, date(2024, 12, 20), date(2025, 1, 10), "1")
    report = draft_of(bureau)
    assert "本年度，本机关未收到新的政府信息公开申请；上年结转申请1件。本年度办结1件" in report.overview


def test_items_are_counted_in_tiao_and_compared_in_tiao(bureau):
    make_item(bureau, "other", date(2024, 3, 3), category="notices")
    for day in (3, 4, 5):
        make_item(bureau, "other", date(2025, 3, day), category="notices")
    report = draft_of(bureau)
    assert "主动公开政府信息3条，比上年增加2条。其中：通知公告3条。" in report.overview
    assert "增加2件" not in report.overview


def test_applications_are_compared_in_jian(bureau):
    make_application(bureau, date(2024, 3, 3), date(2024, 3, 10), "1")
    make_application(bureau, date(2024, 3, 4), date(2024, 3, 10), "1")
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    assert "共收到政府信息公开申请1件，比上年减少1件" in draft_of(bureau).overview


@pytest.mark.parametrize(
    "second_reply, rate, late",
    [
        (date(2025, 3, 31), "100%", ""),
        (date(2025, 4, 1), "50%", "本年度依申请公开按期答复率为50%，个别申请未在法定期限内答复。"),
    ],
    ids=["due-day-exactly", "a-day-late"],
)
def test_late_replies_are_named_only_below_a_full_on_time_rate(bureau, second_reply, rate, late):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    make_application(bureau, date(2025, 3, 3), second_reply, "1")  # due 2025-03-31, the 20th working day
    report = draft_of(bureau)
    assert f"按期答复率{rate}" in report.overview
    assert (late in report.problems) if late else ("未在法定期限内答复" not in report.problems)


def test_oversight_prompt_asks_for_accountability(bureau):
    assert "（请补充考核、培训、社会评议和责任追究等监督保障情况。）" in draft_of(bureau).overview


def test_section_six_states_notices_issued_and_fees_collected_in_wan_with_four_decimals(bureau):
    first = make_application(bureau, date(2025, 3, 3), date(2025, 4, 20), "1")
    make_fee(first, "12340.00", date(2025, 4, 1))
    make_fee(make_application(bureau, date(2025, 11, 3)), "500.00", None, notified_on=date(2025, 12, 1))
    make_fee(make_application(bureau, date(2024, 12, 1), date(2025, 1, 20), "1"), "100.00", date(2025, 1, 6),
             notified_on=date(2024, 12, 20))  # fmt: skip
    assert (
        "<p>本年度，本机关发出收费通知2件，总金额1.2840万元；实际收取信息处理费1.2440万元。</p>"
        in draft_of(bureau).other_matters
    )


@pytest.mark.parametrize("yuan, text", [(0.0, "0.0000"), (123456.78, "12.3457"), (1234567.0, "123.4567")])
def test_money_has_four_decimals_and_no_thousands_comma(yuan, text):
    assert wan(yuan) == text


def test_last_years_problems_are_carried_over_for_the_follow_up(bureau, editor, reviewer, quick_pdf):
    last_year = fill_in(draft_of(bureau, 2024))
    last_year.problems = "<p>依申请公开答复文书格式不统一。</p><p>下一步将统一文书模板。</p>"
    last_year.save()
    services.publish_report(last_year, by=reviewer, today=date(2025, 1, 20))
    problems = draft_of(bureau, 2025).problems
    assert problems.startswith("<h3>（一）上年度问题整改情况</h3><p>上年度报告提出的问题：</p>")
    assert "<p>依申请公开答复文书格式不统一。</p>" in problems
    assert "<p>（请补充上述问题的整改情况，逐项说明。）</p><h3>（二）存在的主要问题及改进措施</h3>" in problems
