from datetime import date

import pytest

from catalog.models import Category
from site_check import rules
from tests.factories import new_item

pytestmark = pytest.mark.django_db


def column(lines, slug):
    name = Category.objects.get(slug=slug).path_name
    [line] = [line for line in lines if line.subject == f"栏目：{name}"]
    return line


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [
        (date(2026, 3, 13), False, "还有 3 天"),
        (date(2026, 3, 16), False, "今天是最后一天"),  # exactly 14 days after the last item
        (date(2026, 3, 17), True, "已超过 1 天"),
    ],
)
def test_the_home_page_fails_after_two_weeks_without_a_new_item(bureau, today, failed, sentence):
    new_item(bureau, on=date(2026, 3, 2))
    line = rules.home_page_line([bureau.pk], today)
    assert (line.failed, line.sentence) == (failed, sentence)
    assert "最后发布于 2026-03-02" in line.detail


def test_a_home_page_never_updated_fails(bureau):
    line = rules.home_page_line([bureau.pk], date(2026, 3, 2))
    assert line.failed and line.detail == "从未发布过信息"


def test_a_parent_home_page_counts_the_items_of_the_bodies_below(city, bureau):
    new_item(bureau, on=date(2026, 3, 2))
    assert not rules.home_page_line(city.descendant_ids(), date(2026, 3, 16)).failed


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [(date(2026, 3, 16), False, "今天是最后一天"), (date(2026, 3, 17), True, "已超过 1 天")],
)
def test_a_news_column_fails_after_two_weeks(bureau, today, failed, sentence):
    new_item(bureau, category="work-news", on=date(2026, 3, 2))
    line = column(rules.column_lines([bureau.pk], today), "work-news")
    assert (line.failed, line.sentence) == (failed, sentence)
    assert "应每 2 周更新" in line.detail


@pytest.mark.parametrize(
    ("today", "failed", "sentence"),
    [
        (date(2026, 7, 28), False, "还有 3 天"),
        (date(2026, 7, 31), False, "今天是最后一天"),  # 31 January + 6 months
        (date(2026, 8, 1), True, "已超过 1 天"),
    ],
)
def test_a_notices_column_fails_after_six_months(bureau, today, failed, sentence):
    new_item(bureau, category="notices", on=date(2026, 1, 30))
    new_item(bureau, category="notices", on=date(2026, 1, 31))
    line = column(rules.column_lines([bureau.pk], today), "notices")
    assert (line.failed, line.sentence) == (failed, sentence)
    assert "共 2 条" in line.detail


def test_staff_set_a_column_s_own_cadence(bureau):
    Category.objects.filter(slug="statistics").update(update_every_days=30)
    new_item(bureau, category="statistics", on=date(2026, 3, 2))
    assert column(rules.column_lines([bureau.pk], date(2026, 4, 1)), "statistics").sentence == "今天是最后一天"
    assert column(rules.column_lines([bureau.pk], date(2026, 4, 2)), "statistics").failed


def test_a_column_without_a_cadence_is_only_checked_for_being_empty(bureau):
    new_item(bureau, category="statistics", on=date(2020, 3, 2))
    line = column(rules.column_lines([bureau.pk], date(2026, 3, 2)), "statistics")
    assert not line.failed and line.state == "ok" and "未设定更新周期" in line.detail


def test_an_empty_column_fails_and_a_parent_column_shows_its_children(bureau):
    new_item(bureau, category="normative-documents", on=date(2026, 3, 2))
    lines = rules.column_lines([bureau.pk], date(2026, 3, 3))
    assert column(lines, "rules").failed and column(lines, "rules").indicator == "empty_column"
    assert not column(lines, "rules-and-documents").failed
    assert "共 1 条" in column(lines, "rules-and-documents").detail
