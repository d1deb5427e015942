from search.highlight import highlight, snippet


def test_a_snippet_shows_the_first_match_late_in_a_long_body():
    body = "工作" * 1000 + "白蚁防治" + "管理" * 500
    parts = snippet(body, ["白蚁防治"])
    assert ("白蚁防治", True) in parts
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)


def test_a_match_across_the_pieces_searched_is_found_whole():
    for offset in range(470, 490):
        body = "的" * offset + "古树名木保护" + "的" * 300
        assert ("古树名木保护", True) in snippet(body, ["古树名木保护"]), offset


def test_nothing_matching_gives_no_snippet():
    assert snippet("政务公开", ["白蚁"]) is None


def test_traditional_text_is_highlighted_where_the_simplified_word_matches():
    assert highlight("國務院辦公廳通知", ["办公厅"]) == [("國務院", False), ("辦公廳", True), ("通知", False)]
