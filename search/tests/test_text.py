import sqlite3
from datetime import date

from search import text


def test_document_number_forms_normalise_identically():
    forms = ["国办发〔2017〕47号", "国办发[2017]47号", "国办发2017年47号", "国办发（2017）47号", "国办发【2017】47号"]
    assert {text.normalize(form) for form in forms} == {"国办发〔2017〕47号"}


def test_full_width_and_traditional_fold_to_one_form():
    assert text.normalize("國務院辦公廳ＡＢＣ２０２５") == "国务院办公厅abc2025"


def test_query_words_split_on_any_space_and_drop_repeats():
    assert text.query_words("乡村振兴\u3000安全生产  乡村振兴") == ["乡村振兴", "安全生产"]


def test_every_character_position_yields_one_token():
    assert text.tokens("政务公开 年报") == ["政务", "务公", "公开", "开", "年报", "报"]


def test_long_text_is_split_into_pieces_of_bounded_size():
    long_text = "的" * 2000 + "目标短语" + "工作" * 9000
    pieces = text.chunks(long_text)
    assert len(pieces) > 1
    assert all(len(text.tokens(piece)) <= text.CHUNK_TOKENS for piece in pieces)
    assert any("目标短语" in piece for piece in pieces)


def test_a_short_text_is_one_piece_with_its_spaces_collapsed():
    assert text.chunks(" 政务\n公开  年报 ") == ["政务 公开 年报"]


def test_a_vector_holds_each_token_once_quoted():
    assert text.tsvector_literal("公开公开 it's") == "'''s' 'it' 's' 't''' '公开' '开' '开公'"


def test_a_query_asks_for_every_token_and_a_prefix_for_one_character():
    assert text.tsquery_literal(["安全生产", "税"]) == "'安全' & '全生' & '生产' & '税':*"


def test_chunks_overlap_so_a_word_across_a_boundary_stays_whole():
    long_text = "".join(f"第{i}条规定" for i in range(3000))
    pieces = text.chunks(long_text)
    assert len(pieces) > 3
    assert all(any(f"第{i}条规定" in piece for piece in pieces) for i in range(3000))


def test_a_text_of_exactly_one_piece_of_tokens_is_not_split_and_spaces_are_not_tokens():
    assert text.chunks("字 " * text.CHUNK_TOKENS) == [" ".join("字" * text.CHUNK_TOKENS)]


def test_an_empty_text_is_one_empty_piece():
    assert text.chunks("") == text.chunks(" \n ") == [""]
    assert text.normalize("") == ""


def test_a_backslash_is_escaped_in_a_postgresql_literal():
    assert text.tsvector_literal("\\d") == r"'\\d' 'd'"


def test_highlight_map_covers_a_document_number_that_grows_when_canonical():
    original = "国办发2017年47号"
    normal, origins = text.normalize_with_map(original)
    assert normal == "国办发〔2017〕47号"
    assert len(origins) == len(normal) and origins[-1] == len(original) - 1


def test_highlight_map_points_back_to_original_characters():
    normal, origins = text.normalize_with_map("國辦發[2017]47號")
    assert normal == "国办发〔2017〕47号"
    assert origins[0] == 0 and origins[-1] == len("國辦發[2017]47號") - 1


def test_a_month_range_asks_for_every_month_across_a_new_year():
    query = text.months_query(date(2024, 11, 30), date(2025, 2, 1))
    assert query == "' 2024-11' | ' 2024-12' | ' 2025-01' | ' 2025-02'"


def test_a_range_within_one_month_asks_for_that_month_only():
    assert text.months_query(date(2025, 8, 1), date(2025, 8, 31)) == "' 2025-08'"


def test_a_publication_month_is_a_lexeme_no_token_can_equal():
    assert text.tsvector_literal("公开", date(2025, 3, 9)) == "'公开' '开' ' 2025-03'"


def test_one_or_two_characters_are_settled_by_their_tokens_and_longer_words_are_not():
    assert [text.settled_by_tokens(word) for word in ["税", "公开", "年报表"]] == [True, True, False]


def test_a_long_word_leaves_its_common_tokens_to_the_text_check():
    # 0.1 itself is not common; a token the statistics never saw is rare.
    frequency = {"安全": 0.11, "全生": 0.1, "生产": 0.05}
    assert text.tsquery_literal(["安全生产", "目录"], frequency) == "'全生' & '生产' & '目录'"
    assert text.tsquery_literal(["安全生产"], {"安全": 0.5, "全生": 0.3}) == "'生产'"


def test_a_long_word_of_only_common_tokens_keeps_its_rarest_one():
    # The rarest is neither the first token, nor the last, nor the one that sorts first (产法).
    frequency = {"安全": 0.5, "全生": 0.4, "生产": 0.2, "产法": 0.3}
    assert text.tsquery_literal(["安全生产法"], frequency) == "'生产'"


def test_a_token_the_statistics_never_saw_counts_as_rare():
    assert text.tsquery_literal(["安全生产"], {"安全": 0.05, "全生": 0.5}) == "'安全' & '生产'"


def test_a_short_word_keeps_its_tokens_however_common():
    assert text.tsquery_literal(["公开", "税"], {"公开": 0.9, "税": 0.9}) == "'公开' & '税':*"
    assert text.tsquery_literal(["税", "公开"]) == "'税':* & '公开'"


def test_tokens_shared_by_two_words_are_asked_once():
    assert text.tsquery_literal(["公开", "公开目录"]) == "'公开' & '开目' & '目录'"


def _fts_rows_matching(word: str, texts: list[str]) -> list[str]:
    """The texts whose tokens an SQLite FTS5 table (the tokenizer the backend uses) matches with `word`."""
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE VIRTUAL TABLE chunk USING fts5(tokens, tokenize='unicode61')")
        db.executemany("INSERT INTO chunk(rowid, tokens) VALUES (?, ?)", enumerate(map(text.fts_tokens, texts)))
        rows = db.execute("SELECT rowid FROM chunk WHERE chunk MATCH ? ORDER BY rowid", [text.fts_match(word)])
        return [texts[rowid] for (rowid,) in rows]


def test_fts_finds_a_word_by_its_bigrams_in_order():
    texts = ["安全生产检查", "生产安全", "全生", "安全 生产"]
    assert _fts_rows_matching("安全生产", texts) == ["安全生产检查"]
    assert _fts_rows_matching("全生", texts) == ["安全生产检查", "全生"]


def test_fts_finds_a_single_character_anywhere_in_a_text():
    texts = ["开放", "公开", "信息", "开"]
    assert _fts_rows_matching("开", texts) == ["开放", "公开", "开"]
