import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from catalog.models import Item, Organization
from search.models import MissedQuery

URL = reverse("search:results")


def test_matches_are_highlighted_and_the_item_metadata_shown(client, publish):
    item = publish(title="关于乡村振兴的通知", document_number="市政发〔2025〕3号", body="<p>推进乡村振兴工作</p>")
    page = client.get(URL, {"q": "乡村振兴"}).content.decode()
    assert "<mark>乡村振兴</mark>" in page
    assert item.index_number in page and "市政发〔2025〕3号" in page and "示范市教育局" in page
    assert page.count("<h1") == 1


def test_highlighting_escapes_html_in_titles_and_bodies(client, publish):
    publish(title="<script>alert(1)</script>公开", body="<p>&lt;img src=x onerror=alert(1)&gt;公开</p>")
    page = client.get(URL, {"q": "公开"}).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>公开</mark>" in page


def test_a_query_of_html_is_matched_as_text(client, publish):
    publish(title="标签<b>说明")
    page = client.get(URL, {"q": "<b>"}).content.decode()
    assert "<mark>&lt;b&gt;</mark>" in page


def test_repealed_items_are_marked(client, publish):
    publish(title="旧的收费办法", validity=Item.Validity.REPEALED)
    assert "已废止" in client.get(URL, {"q": "收费办法"}).content.decode()


def test_drafts_do_not_leak_into_results_or_counts(client, publish):
    publish(title="尚未发布的乡村规划", state=Item.State.DRAFT)
    response = client.get(URL, {"q": "乡村规划"})
    assert response.context["search_results"].count == 0
    assert "尚未发布" not in response.content.decode()


def test_filters_combine_with_the_query(client, publish, other_bureau):
    mine = publish(title="养老服务补贴")
    publish(title="养老服务补贴", organization=other_bureau)
    response = client.get(URL, {"q": "养老服务", "organization": mine.organization_id})
    assert [hit.item for hit in response.context["search_results"].hits] == [mine]


def test_year_filter_combines_with_the_query(client, publish):
    publish(title="防汛抗旱预案", published_on=date(2024, 5, 1), written_on=date(2024, 4, 1))
    recent = publish(title="防汛抗旱预案")
    response = client.get(URL, {"q": "防汛", "year": "2025"})
    assert [hit.item for hit in response.context["search_results"].hits] == [recent]


def test_an_exact_index_number_goes_to_the_item(client, publish):
    item = publish(title="政务公开")
    response = client.get(URL, {"q": item.index_number})
    assert response.status_code == 302 and response.url == item.get_absolute_url()


def test_a_document_number_in_another_form_finds_the_document(client, publish):
    item = publish(title="推进政务公开的意见", document_number="国办发〔2017〕47号")
    response = client.get(URL, {"q": "国办发[2017]47号"})
    assert [hit.item for hit in response.context["search_results"].hits] == [item]


def test_a_fruitless_search_is_kept_without_personal_data(client, publish):
    client.get(URL, {"q": "火星基地 13812345678"}, REMOTE_ADDR="10.1.2.3")
    missed = MissedQuery.objects.get()
    assert missed.query == "火星基地 ***********"
    assert not any(hasattr(missed, name) for name in ("ip", "user", "user_id", "session"))


def test_a_repeated_fruitless_search_is_counted(client, db):
    client.get(URL, {"q": "火星基地"})
    client.get(URL, {"q": "火星基地"})
    assert MissedQuery.objects.get().times == 2


def test_no_results_suggest_single_words_and_dropping_filters(client, publish, city):
    publish(title="乡村振兴规划")
    page = client.get(URL, {"q": "乡村振兴 火星基地", "organization": city.pk}).content.decode()
    assert "只搜索“乡村振兴”（1 条）" in page
    assert "火星基地" not in page.split("可以试试")[1].split("</ul>")[0]


def test_a_word_too_long_gets_a_message_and_keeps_the_query(client, db):
    query = "政" * 101
    page = client.get(URL, {"q": query}).content.decode()
    assert "单个检索词不能超过 100 个字" in page and f'value="{query}"' in page


def test_an_empty_query_shows_the_form(client, db):
    response = client.get(URL)
    assert response.status_code == 200 and "请输入检索词" in response.content.decode()


@pytest.mark.parametrize("page_number", ["2", "999"])
def test_later_pages_are_served_and_clamped(client, publish, page_number):
    for _ in range(25):
        publish(title="政务公开")
    search_results = client.get(URL, {"q": "政务", "page": page_number}).context["search_results"]
    assert (search_results.page, len(search_results.hits)) == (2, 5)


def test_search_works_for_an_organization_without_items(client, db):
    empty = Organization.objects.create(name="空的局", code="EMPTY0001")
    page = client.get(URL, {"q": "政务"}).content.decode()
    assert f'<option value="{empty.pk}">空的局</option>' in page
    assert re.search(r"找到\s*(<[^>]+>)?\s*0\s*(<[^>]+>)?\s*条结果", page)
    assert "没有找到同时包含这些检索词的公开信息。" in page


def test_filter_selects_choose_nothing_until_asked(client, bureau):
    """organization, category, topic, year, document type and validity all read 全部."""
    from catalog.models import IndexCounter

    IndexCounter.objects.create(organization=bureau, year=2025, last_serial=1)
    page = client.get("/search/", {"q": "通知"}).content.decode()
    assert page.count('<option value="" selected>全部</option>') == 6


def test_queries_differing_only_in_spacing_width_or_case_share_one_row(client, db):
    for query in ("火星 基地", "  火星   基地 ", "火星　基地", "火星 基地".upper()):
        client.get(URL, {"q": query})
    assert list(MissedQuery.objects.values_list("query", "times")) == [("火星 基地", 4)]


def test_new_fruitless_queries_are_kept_up_to_the_daily_bound_and_known_ones_still_count(client, db, settings):
    settings.SEARCH_MISSES_PER_DAY = 3
    with time_machine.travel(datetime(2026, 5, 6, 10, tzinfo=UTC)):
        for n in range(6):
            client.get(URL, {"q": f"火星基地{n}号"})
        client.get(URL, {"q": "火星基地0号"})
        assert sorted(MissedQuery.objects.values_list("query", "times")) == [
            ("火星基地0号", 2), ("火星基地1号", 1), ("火星基地2号", 1)
        ]  # fmt: skip
    with time_machine.travel(datetime(2026, 5, 7, 10, tzinfo=UTC)):
        client.get(URL, {"q": "火星基地5号"})
    assert MissedQuery.objects.count() == 4


def test_document_numbers_are_shown_in_the_standard_form_however_typed(client, publish):
    publish(title="关于乡村振兴的通知", document_number="市政发[2025]3号")
    page = client.get(URL, {"q": "乡村振兴"}).content.decode()
    assert "市政发〔2025〕3号" in page and "市政发[2025]3号" not in page
