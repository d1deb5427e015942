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


def test_long_text_is_split_so_no_token_repeats_past_the_tsvector_limit():
    long_text = "的" * 2000 + "目标短语" + "工作" * 9000
    pieces = text.chunks(long_text)
    assert len(pieces) > 1
    for piece in pieces:
        found = text.tokens(piece)
        assert len(found) <= text.CHUNK_TOKENS
        assert max(found.count(token) for token in set(found)) <= text.MAX_TOKEN_REPEATS
    assert any("目标短语" in piece for piece in pieces)


def test_chunks_overlap_so_a_word_across_a_boundary_stays_whole():
    long_text = "".join(f"第{i}条规定" for i in range(3000))
    pieces = text.chunks(long_text)
    for i in range(0, 3000, 97):
        assert any(f"第{i}条规定" in piece for piece in pieces)


def test_highlight_map_points_back_to_original_characters():
    normal, origins = text.normalize_with_map("國辦發[2017]47號")
    assert normal == "国办发〔2017〕47号"
    assert origins[0] == 0 and origins[-1] == len("國辦發[2017]47號") - 1
