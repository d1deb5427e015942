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
    for i in range(0, 3000, 97):
        assert any(f"第{i}条规定" in piece for piece in pieces)


def test_highlight_map_points_back_to_original_characters():
    normal, origins = text.normalize_with_map("國辦發[2017]47號")
    assert normal == "国办发〔2017〕47号"
    assert origins[0] == 0 and origins[-1] == len("國辦發[2017]47號") - 1
