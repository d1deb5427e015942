from datetime import date

import pytest

from annual_reports import services
from annual_reports.narrative import (
    Facts,
    fees_sentence,
    last_year_problems,
    on_request_sentence,
    other_matters_draft,
    overview_draft,
    proactive_sentence,
    problem_points,
    problems_draft,
    refresh_sentences,
    stale_sentences,
    wan,
)
from annual_reports.tables import ROW_CARRIED_IN, ROW_CARRIED_OUT, ROW_NEW, TOTAL
from catalog.models import Category

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


def test_a_category_name_with_quotes_reads_as_typed_in_the_overview(bureau):
    Category.objects.create(name='"三公"经费', slug="three-public")
    make_item(bureau, "other", date(2025, 3, 3), category="three-public")
    assert "其中：&quot;三公&quot;经费1条。" in draft_of(bureau).overview  # escaped once, shown as "三公"经费


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


NO_FEES = {"notices": 0, "notice_amount_yuan": 0.0, "collected_yuan": 0.0}
NO_STATISTICS = {
    "items_published": 0,
    "items_by_category": {},
    "items_on_time_share": None,
    "received_by_channel": {},
    "on_time_rate": None,
    "median_workdays": None,
}


def facts(scope="本机关", rows=(0, 0, 0, 0), previous=(0, 0), fees=NO_FEES, **statistics) -> Facts:
    """Facts of a year: table 三's (新收, 上年结转, 办结, 结转下年度) totals, last year's (items, received)."""
    labels = (ROW_NEW, ROW_CARRIED_IN, TOTAL, ROW_CARRIED_OUT)
    return Facts(
        scope=scope,
        tables={"section3": {label: {TOTAL: count} for label, count in zip(labels, rows, strict=True)}},
        statistics=NO_STATISTICS | statistics,
        fees=fees,
        previous={"items": previous[0], "received": previous[1]},
    )


def test_the_request_sentence_gives_every_figure_it_has():
    year = facts(
        rows=(3, 2, 4, 1),
        previous=(0, 2),
        received_by_channel={"网上申请": 2, "当面": 1},
        on_time_rate=100.0,
        median_workdays=7.5,
    )
    assert on_request_sentence(year) == (
        "本年度，本机关共收到政府信息公开申请3件，比上年增加1件（网上申请2件，当面1件）。上年结转申请2件。"
        "本年度办结4件，按期答复率100%，答复用时的中位数为7.5个工作日；结转下年度继续办理1件。"
    )


def test_a_year_like_the_last_with_nothing_concluded_and_channels_that_do_not_add_up():
    year = facts(scope="全市", rows=(2, 0, 0, 2), previous=(0, 2), received_by_channel={"当面": 1})
    assert on_request_sentence(year) == (
        "本年度，全市共收到政府信息公开申请2件，与上年持平。本年度没有办结的申请；结转下年度继续办理2件。"
    )


def test_only_carried_in_applications_all_concluded_without_rates():
    assert on_request_sentence(facts(rows=(0, 3, 3, 0))) == (
        "本年度，本机关未收到新的政府信息公开申请；上年结转申请3件。本年度办结3件。"
    )


def test_the_proactive_sentence_lists_categories_and_the_share_published_on_time():
    year = facts(
        previous=(5, 0), items_published=5, items_by_category={"通知公告": 3, "政策解读": 2}, items_on_time_share=87.5
    )
    assert proactive_sentence(year) == (
        "本年度，本机关通过政府信息公开平台主动公开政府信息5条，与上年持平。其中：通知公告3条，政策解读2条。"
        "在信息形成或者变更之日起20个工作日内公开的占87.5%。"
    )


def test_no_items_this_year_is_a_decrease_and_nothing_more():
    assert (
        proactive_sentence(facts(previous=(1, 0)))
        == "本年度，本机关通过政府信息公开平台主动公开政府信息0条，比上年减少1条。"
    )


@pytest.mark.parametrize(
    "rate, share, points",
    [
        (None, None, ""),
        (100.0, 100.0, ""),
        (
            99.5,
            80.0,
            "本年度依申请公开按期答复率为99.5%，个别申请未在法定期限内答复。"
            "部分主动公开信息未在形成之日起20个工作日内公开（及时公开率80%）。",
        ),
    ],
    ids=["no-figures", "exactly-100", "below-100"],
)
def test_section_five_names_a_problem_only_below_a_full_rate(rate, share, points):
    assert problem_points(facts(on_time_rate=rate, items_on_time_share=share)) == points


@pytest.mark.parametrize(
    "fees, sentence",
    [
        (NO_FEES, "本年度，本机关未发出收费通知，未收取信息处理费。"),
        (
            {"notices": 1, "notice_amount_yuan": 500.0, "collected_yuan": 0.0},
            "本年度，本机关发出收费通知1件，总金额0.0500万元；实际收取信息处理费0.0000万元。",
        ),
        (
            {"notices": 0, "notice_amount_yuan": 0.0, "collected_yuan": 100.0},
            "本年度，本机关发出收费通知0件，总金额0.0000万元；实际收取信息处理费0.0100万元。",
        ),
    ],
    ids=["none", "notice-unpaid", "paid-on-last-years-notice"],
)
def test_section_six_says_no_fees_only_when_there_were_neither_notices_nor_payments(fees, sentence):
    assert fees_sentence(facts(fees=fees)) == sentence


def test_the_overview_draft_has_the_five_national_parts_in_order():
    assert overview_draft({"proactive": "甲。", "on_request": "乙。"}) == (
        "<h3>（一）主动公开</h3><p>甲。</p><h3>（二）依申请公开</h3><p>乙。</p>"
        "<h3>（三）政府信息管理</h3><p>（请补充政府信息管理、保密审查等工作情况。）</p>"
        "<h3>（四）平台建设</h3><p>（请补充政府信息公开平台建设情况。）</p>"
        "<h3>（五）监督保障</h3><p>（请补充考核、培训、社会评议和责任追究等监督保障情况。）</p>"
    )


def test_the_problems_draft_prompts_when_the_figures_show_no_problem():
    assert (
        problems_draft({"problem_points": ""})
        == "<p>（请补充本年度工作中存在的主要问题。）</p><p>（请补充改进措施。）</p>"
    )


def test_the_problems_draft_follows_up_last_years_problems_first():
    assert problems_draft({"problem_points": "按期答复率为90%。"}, ["问题一。", "问题二。"]) == (
        "<h3>（一）上年度问题整改情况</h3><p>上年度报告提出的问题：</p><p>问题一。</p><p>问题二。</p>"
        "<p>（请补充上述问题的整改情况，逐项说明。）</p><h3>（二）存在的主要问题及改进措施</h3>"
        "<p>按期答复率为90%。</p><p>（请补充改进措施。）</p>"
    )


def test_the_other_matters_draft_is_the_fee_sentence():
    assert other_matters_draft({"fees": "本年度未收取信息处理费。"}) == "<p>本年度未收取信息处理费。</p>"


def test_last_years_problems_are_those_after_its_own_follow_up_part_without_prompts():
    published = (
        "<h3>（一）上年度问题整改情况</h3><p>上年度报告提出的问题：</p><p>旧问题。</p><p>已整改。</p>"
        "<h3>（二）存在的主要问题及改进措施</h3><p>存在的主要问题是人手不足。</p>"
        "<p>（请补充改进措施。）</p><p>下一步增加人手。</p>"
    )
    assert last_year_problems(published) == ["存在的主要问题是人手不足。", "下一步增加人手。"]


def test_a_sentence_that_stated_nothing_is_kept_new_without_touching_the_text():
    texts, kept = refresh_sentences({"problems": "<p>甲</p>"}, {"problem_points": ""}, {"problem_points": "乙"})
    assert (texts, kept) == ({"problems": "<p>甲</p>"}, {"problem_points": "乙"})
    assert stale_sentences({"problem_points": ""}, {"problem_points": "乙"}) == []


def test_every_verbatim_copy_of_a_stale_sentence_is_replaced():
    texts = {"other_matters": "<p>旧。</p><p>综上，旧。</p>", "overview": "<p>不变。</p>"}
    kept = {"fees": "旧。", "proactive": "不变。"}
    assert refresh_sentences(texts, kept, {"proactive": "不变。", "fees": "新。"}) == (
        {"other_matters": "<p>新。</p><p>综上，新。</p>", "overview": "<p>不变。</p>"},
        {"fees": "新。", "proactive": "不变。"},
    )
