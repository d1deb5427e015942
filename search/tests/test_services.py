import random
from datetime import date, timedelta

import pytest
from django.db import connection

from catalog.models import Item
from search import misses, postgres_matches, services, text
from search.indexing import html_to_text

VOCABULARY = "工作 管理 政务 公开 乡村 振兴 安全 生产 医保 税 的 和 〔2020〕 号 国办发 养老 服务 Ａ 區 <b>".split()  # noqa: SIM905
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="the lazy engine runs on PostgreSQL")


def _search(words: list[str]) -> set[int]:
    return set(services.matching(Item.objects.published(), words).values_list("pk", flat=True))


def _haystack(item: Item) -> str:
    fields = [item.title, item.document_number, item.index_number, item.summary, item.keywords]
    return "\n".join(text.normalize(field or "") for field in [*fields, html_to_text(item.body)])


def _brute_force(words: list[str]) -> set[int]:
    return {item.pk for item in Item.objects.published() if all(word in _haystack(item) for word in words)}


def _brute_force_newest(words: list[str], title_only: bool = False) -> list[int]:
    """Every match, newest first: what the pages must list, in order."""
    found = [
        item
        for item in Item.objects.published()
        if all(word in (text.normalize(item.title) if title_only else _haystack(item)) for word in words)
    ]
    return [item.pk for item in sorted(found, key=lambda item: (item.published_on, item.pk), reverse=True)]


def _all_pages(words: list[str], sort: str = "date") -> tuple[list[int], services.SearchResults]:
    listed, page = [], 1
    while True:
        search_results = services.search(Item.objects.all(), words, sort=sort, page=page, filtered=False)
        listed += [hit.item.pk for hit in search_results.hits]
        if not search_results.has_next:
            return listed, services.search(Item.objects.all(), words, sort=sort, filtered=False)
        page += 1


@pytest.fixture
def corpus(publish):
    rng = random.Random(4)
    for n in range(60):
        body = "".join(rng.choice(VOCABULARY) for _ in range(rng.randint(5, 60)))
        state = Item.State.DRAFT if n % 7 == 0 else Item.State.PUBLISHED
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 40))
        title = "".join(rng.choices(VOCABULARY, k=3))
        publish(title=title, body=body, state=state, published_on=day, written_on=day)


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


def test_every_page_lists_exactly_the_matches_newest_first(corpus):
    for query in QUERIES:
        words = text.query_words(query)
        listed, first = _all_pages(words)
        assert listed == _brute_force_newest(words), query
        assert (first.count, first.tally.approximate) == (len(listed), False), query


@on_postgres
@pytest.mark.parametrize(
    "knobs",
    [
        {"PROBE": 4},  # a scope larger than the probe
        {"PROBE": 4, "WALK_ABOVE": 1},  # a predicted common word: the newest items are checked one by one
        {"PROBE": 4, "CANDIDATE_LIMIT": 3},  # more candidates than predicted: the walk goes on
        {"PROBE": 4, "CANDIDATE_LIMIT": 3, "WALK_LIMIT": 6},  # the walk finds too few: all candidates
        {"PROBE": 4, "COUNT_CAP": 2, "CHECK_BATCH": 2},  # many candidates to check: counts estimated
        {"PROBE": 4, "WINDOW": 0.5, "WINDOW_ABOVE": 0, "WALK_ABOVE": 10**9},  # the newest months first
        {"PROBE": 4, "CANDIDATE_LIMIT": 3, "WINDOW": 1, "WINDOW_ABOVE": 0},  # too many candidates: months
    ],
)
def test_pages_stay_exact_on_every_path_of_the_lazy_engine(corpus, monkeypatch, knobs):
    for name, value in knobs.items():
        monkeypatch.setattr(postgres_matches, name, value)
    for query in QUERIES:
        words = text.query_words(query)
        listed, _ = _all_pages(words)
        assert listed == _brute_force_newest(words), query


@on_postgres
def test_results_stay_exact_when_the_index_is_asked_only_for_rarer_tokens(corpus, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchchunk")
    chosen = postgres_matches.backend()
    monkeypatch.setattr(chosen, "_frequency_read_at", float("-inf"))
    assert chosen.token_frequency(), "the planner's statistics list the common tokens"
    monkeypatch.setattr(text, "COMMON_TOKEN_SHARE", 0.0)  # leave out every token the statistics list
    for query in QUERIES:
        words = text.query_words(query)
        assert _all_pages(words)[0] == _brute_force_newest(words), query


@on_postgres
def test_a_word_among_the_newest_is_looked_for_in_the_newest_months_first(publish, monkeypatch):
    monkeypatch.setattr(postgres_matches, "PROBE", 10)
    monkeypatch.setattr(postgres_matches, "WINDOW", 1)
    monkeypatch.setattr(postgres_matches, "WINDOW_ABOVE", 0)
    looked_in = []
    candidates = postgres_matches.backend().candidates
    monkeypatch.setattr(
        postgres_matches.backend(),
        "candidates",
        lambda *args, **kwargs: looked_in.append(kwargs.get("months")) or candidates(*args, **kwargs),
    )
    for day in range(100):
        on = date(2025, 1, 1) + timedelta(days=day)
        # Every other item holds 河长制; the rest hold its bigrams apart.
        title = "推行河长制" if day % 2 else "河长巡查，长制度"
        publish(title=title, published_on=on, written_on=on)
    search_results = services.search(Item.objects.all(), ["河长制"], filtered=False)
    assert looked_in and looked_in[0] is not None
    assert [hit.item.pk for hit in search_results.hits] == _brute_force_newest(["河长制"])[:20]
    assert search_results.tally.approximate and 25 <= search_results.count <= 100


@on_postgres
def test_an_estimated_count_says_so_and_stays_near_the_truth(publish, monkeypatch):
    monkeypatch.setattr(postgres_matches, "PROBE", 5)
    monkeypatch.setattr(postgres_matches, "COUNT_CAP", 2)
    monkeypatch.setattr(postgres_matches, "CHECK_BATCH", 4)
    for day in range(1, 41):
        # Every fourth item holds the bigrams of 公开管理 but not the word itself.
        title = "政务公开，开管理" if day % 4 == 0 else "政务公开管理"
        publish(title=title, published_on=date(2025, 1, day % 28 + 1), written_on=date(2025, 1, 1))
    tally = services.count_matches(Item.objects.all(), ["公开管理"], filtered=False)
    assert tally.approximate and str(tally).startswith("约")
    assert 20 <= tally.number <= 40


@on_postgres
def test_a_common_word_is_counted_as_an_estimate_from_the_newest_items(corpus, monkeypatch):
    monkeypatch.setattr(postgres_matches, "PROBE", 5)
    monkeypatch.setattr(postgres_matches, "CANDIDATE_LIMIT", 3)
    search_results = services.search(Item.objects.all(), ["的"], filtered=False)
    truth = len(_brute_force_newest(["的"]))
    assert search_results.tally.approximate and truth / 2 <= search_results.count <= truth * 2


def test_relevance_lists_title_matches_first_then_the_rest_newest_first(corpus):
    for query in QUERIES:
        words = text.query_words(query)
        in_title = _brute_force_newest(words, title_only=True)
        rest = [pk for pk in _brute_force_newest(words) if pk not in in_title]
        assert _all_pages(words, sort="relevance")[0] == in_title + rest, query


@pytest.mark.parametrize(
    ("tally", "said"),
    [
        (services.Tally(12), "12 条"),
        (services.Tally(500, at_least=True), "500 条以上"),
        (services.Tally(12_345, approximate=True), "约 12,000 条"),
        (services.Tally(7, approximate=True), "约 7 条"),
    ],
)
def test_counts_are_said_as_exact_at_least_or_about(tally, said):
    assert str(tally) == said


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
    for query in ["国办发〔2017〕47号", "国办发[2017]47号", "国办发2017年47号", "国办发（２０１７）47号", "2017年47号"]:
        assert _search(text.query_words(query)) == {item.pk}, query


def test_drafts_never_appear_in_results_or_counts(publish):
    publish(title="乡村振兴草稿", state=Item.State.DRAFT)
    search_results = services.search(Item.objects.all(), ["乡村振兴"])
    assert (search_results.count, search_results.hits) == (0, [])


def test_a_phrase_late_in_a_very_long_attachment_is_found(publish):
    item = publish(title="年度决算")
    long_text = "的" * 300 + "工作" * 20000 + "白蚁防治专项经费"
    item.attachments.create(file="attachments/x.pdf", original_name="决算.pdf", extracted_text=long_text)
    from search.indexing import index_item

    index_item(item)
    assert _search(["白蚁防治专项经费"]) == {item.pk}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL estimates instead")
def test_counts_past_the_cap_say_so(publish, monkeypatch):
    monkeypatch.setattr(services, "COUNT_CAP", 3)
    for _ in range(5):
        publish(title="政务公开")
    assert str(services.search(Item.objects.all(), ["政务"]).tally) == "3 条以上"


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
    assert misses.find_by_index_number(f" {item.index_number} ") == item
    assert misses.find_by_index_number("政务公开") is None


def test_traditional_and_full_width_queries_find_simplified_text(publish):
    item = publish(title="国务院办公厅关于2025年工作的通知")
    assert _search(text.query_words("國務院辦公廳 ２０２５")) == {item.pk}


def test_words_far_apart_in_a_long_text_are_found_and_counted(publish):
    from search.indexing import index_item

    item = publish(title="年度决算", body="<p>白蚁防治</p>")
    publish(title="白蚁防治")
    item.attachments.create(file="a.pdf", original_name="决算.pdf", extracted_text="工作" * 6000 + "古树名木")
    index_item(item)
    search_results = services.search(Item.objects.all(), ["白蚁防治", "古树名木"])
    assert (search_results.count, [hit.item for hit in search_results.hits]) == (1, [item])


def test_counts_apply_the_filters(publish, other_bureau):
    for _ in range(5):
        publish(title="政务公开", organization=other_bureau)
    mine = publish(title="政务公开")
    mine_only = Item.objects.filter(organization=mine.organization)
    assert services.count_matches(mine_only, ["政务"]) == services.Tally(1)
    assert services.count_matches(Item.objects.all(), ["政务"]) == services.Tally(6)


@on_postgres
def test_a_common_word_under_a_filter_is_found_among_the_filtered_items(publish, other_bureau, monkeypatch):
    monkeypatch.setattr(postgres_matches, "CANDIDATE_LIMIT", 2)
    monkeypatch.setattr(postgres_matches, "WALK_LIMIT", 3)
    for _ in range(5):
        publish(title="政务公开", organization=other_bureau)
    mine = publish(title="政务公开", published_on=date(2020, 1, 1), written_on=date(2020, 1, 1))
    search_results = services.search(Item.objects.filter(organization=mine.organization), ["政务公开"])
    assert ([hit.item for hit in search_results.hits], search_results.count) == ([mine], 1)


def test_a_document_number_typed_without_its_issuer_finds_a_text_that_cites_it(publish):
    cited = publish(title="关于转发通知的通知", body="<p>现将国办发2017年47号文件转发给你们。</p>")
    assert _search(text.query_words("2017年47号")) == {cited.pk}


def test_a_zero_width_space_pasted_into_a_title_does_not_hide_a_word(publish):
    item = publish(title="关于防汛\u200b工作的通知")
    assert _search(text.query_words("防汛工作")) == {item.pk}
