from catalog.sanitize import clean_body


def test_structure_survives():
    html = "<h2>一</h2><ol><li>甲</li></ol><table><tr><th>项</th><td>值</td></tr></table><p><strong>要</strong></p>"
    assert clean_body(html) == html.replace("<table><tr>", "<table><tbody><tr>").replace(
        "</tr></table>", "</tr></tbody></table>"
    )


def test_scripts_handlers_and_javascript_urls_are_removed():
    cleaned = clean_body(
        '<p onclick="x()">a</p><script>x()</script><a href="javascript:x()">b</a><img src=x onerror=x()>'
    )
    assert "x()" not in cleaned and "<script" not in cleaned


def test_h1_becomes_h2_so_the_page_keeps_one_h1():
    assert clean_body("<h1>标题</h1>") == "<h2>标题</h2>"


def test_styles_and_iframes_are_dropped():
    cleaned = clean_body('<p style="color:red">a</p><iframe src="https://example.org"></iframe><style>p{}</style>')
    assert cleaned == "<p>a</p>"
