import random

import pytest

from catalog.models import Item
from search import services, text
from search.indexing import html_to_text

VOCABULARY = "工作 管理 政务 公开 乡村 振兴 安全 生产 医保 税 的 和 〔2020〕 号 国办发 养老 服务 Ａ 區 <b>".split()  # noqa: SIM905


def _search(words: list[str]) -> set[int]:
    return set(services.matching(Item.objects.published(), words).values_list("pk", flat=True))


def _brute_force(words: list[str]) -> set[int]:
    found = set()
    for item in Item.objects.published():
        fields = [item.title, item.document_number, item.index_number, item.summary, item.keywords]
        haystack = "\n".join(text.normalize(field or "") for field in [*fields, html_to_text(item.body)])
        if all(word in haystack for word in words):
            found.add(item.pk)
    return found


@pytest.fixture
def corpus(publish):
    rng = random.Random(4)
    for n in range(60):
        body = "".join(rng.choice(VOCABULARY) for _ in range(rng.randint(5, 60)))
        state = Item.State.DRAFT if n % 7 == 0 else Item.State.PUBLISHED
        publish(title="".join(rng.choices(VOCABULARY, k=3)), body=body, state=state)


QUERIES = [
    "工作",
    "管理政务",
    "税",
    "的",
    "區",
    "a",
    "安全生产",
    "乡村 振兴",
    "医保 养老 服务",
    "国办发",
    "<b>",
    "不存在",
]


def test_results_equal_a_brute_force_scan(corpus):
    for query in QUERIES:
        words = text.query_words(query)
        assert _search(words) == _brute_force(words), query


def test_one_and_two_character_queries_find_what_contains_them(publish):
    tax = publish(title="关于减税降费的通知")
    publish(title="关于教育工作的通知")
    assert _search(["税"]) == {tax.pk}
    assert _search(["减税"]) == {tax.pk}


def test_several_words_must_all_occur_even_in_different_fields(publish):
    both = publish(title="乡村振兴规划", body="<p>安全生产检查</p>")
    publish(title="乡村振兴规划", body="<p>教育</p>")
    assert _search(text.query_words("乡村振兴 安全生产")) == {both.pk}


def test_a_phrase_is_not_matched_across_two_fields(publish):
    publish(title="推进乡村", summary="振兴工作")
    assert _search(["乡村振兴"]) == set()


def test_document_number_variants_find_the_document(publish):
    item = publish(title="关于推进政务公开的意见", document_number="国办发〔2017〕47号")
    for query in ["国办发〔2017〕47号", "国办发[2017]47号", "国办发2017年47号", "国办发（２０１７）47号"]:
        assert _search(text.query_words(query)) == {item.pk}, query


def test_drafts_never_appear_in_results_or_counts(publish):
    publish(title="乡村振兴草稿", state=Item.State.DRAFT)
    outcome = services.search(Item.objects.all(), ["乡村振兴"])
    assert (outcome.count, outcome.hits) == (0, [])


def test_a_phrase_late_in_a_very_long_attachment_is_found(publish):
    item = publish(title="年度决算")
    long_text = "的" * 300 + "工作" * 20000 + "白蚁防治专项经费"
    item.attachments.create(file="attachments/x.pdf", original_name="决算.pdf", extracted_text=long_text)
    from search.indexing import index_item

    index_item(item)
    assert _search(["白蚁防治专项经费"]) == {item.pk}


def test_counts_past_the_cap_say_so(publish, monkeypatch):
    monkeypatch.setattr(services, "COUNT_CAP", 3)
    for _ in range(5):
        publish(title="政务公开")
    outcome = services.search(Item.objects.all(), ["政务"])
    assert (outcome.count, outcome.more) == (3, True)


def test_pages_hold_twenty_hits_and_know_whether_another_follows(publish):
    for _ in range(services.PAGE_SIZE + 1):
        publish(title="政务公开")
    first = services.search(Item.objects.all(), ["政务"])
    second = services.search(Item.objects.all(), ["政务"], page=2)
    assert (len(first.hits), first.has_next, len(second.hits), second.has_next) == (20, True, 1, False)


def test_relevance_puts_title_matches_first(publish):
    in_body = publish(title="通知", body="养老服务", published_on=__import__("datetime").date(2025, 5, 1))
    in_title = publish(title="养老服务通知")
    hits = services.search(Item.objects.all(), ["养老服务"], sort="relevance").hits
    assert [hit.item.pk for hit in hits] == [in_title.pk, in_body.pk]


def test_an_exact_index_number_finds_its_published_item(publish):
    item = publish(title="政务公开")
    assert services.find_by_index_number(f" {item.index_number} ") == item
    assert services.find_by_index_number("政务公开") is None


def test_traditional_and_full_width_queries_find_simplified_text(publish):
    item = publish(title="国务院办公厅关于2025年工作的通知")
    assert _search(text.query_words("國務院辦公廳 ２０２５")) == {item.pk}


def test_words_far_apart_in_a_long_text_are_found_and_counted(publish):
    from search.indexing import index_item

    item = publish(title="年度决算", body="<p>白蚁防治</p>")
    publish(title="白蚁防治")
    item.attachments.create(file="a.pdf", original_name="决算.pdf", extracted_text="工作" * 6000 + "古树名木")
    index_item(item)
    outcome = services.search(Item.objects.all(), ["白蚁防治", "古树名木"])
    assert (outcome.count, [hit.item for hit in outcome.hits]) == (1, [item])


def test_counts_of_common_words_are_capped_with_filters_applied(publish, other_bureau, monkeypatch):
    monkeypatch.setattr(services, "COUNT_CAP", 3)
    for _ in range(5):
        publish(title="政务公开", organization=other_bureau)
    mine = publish(title="政务公开")
    mine_only = Item.objects.filter(organization=mine.organization)
    assert services.count_matches(mine_only, ["政务"]) == (1, False)
    assert services.count_matches(Item.objects.all(), ["政务"]) == (3, True)
