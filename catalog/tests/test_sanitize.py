import pytest

from catalog.sanitize import clean_body, clean_narrative, same_site_images_only


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
    # Pasted from an old editor: capitals, an attribute, a heading left open.
    assert clean_body('<H1 title="题">标题</H1><h1>一<h1>二</h1>') == '<h2 title="题">标题</h2><h2>一</h2><h2>二</h2>'


def test_styles_and_iframes_are_dropped():
    cleaned = clean_body('<p style="color:red">a</p><iframe src="https://example.org"></iframe><style>p{}</style>')
    assert cleaned == "<p>a</p>"


# Every allowed tag and attribute once, so that losing any of them (or allowing one more) changes the output.
EVERY_TAG = (
    "<h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6><p>段<br>落</p><hr>"
    "<p><strong>粗</strong><b>b</b><em>斜</em><i>i</i><u>下</u><s>删</s>H<sub>2</sub>O m<sup>2</sup></p>"
    '<ul><li>甲</li></ul><ol start="3"><li>丙</li></ol><blockquote>引</blockquote><pre><code>码</code></pre>'
)


def test_every_allowed_tag_is_kept_as_written():
    assert clean_body(EVERY_TAG) == EVERY_TAG


def test_table_cells_keep_their_spans_and_lose_style_and_class():
    html = (
        '<table><caption>表</caption><colgroup><col span="2"></colgroup>'
        '<thead><tr><th scope="col" colspan="2" rowspan="1">项</th></tr></thead>'
        '<tbody><tr><td colspan="2" rowspan="3" style="color:red" class="x">值</td></tr></tbody>'
        "<tfoot><tr><td>合</td></tr></tfoot></table>"
    )
    assert clean_body(html) == html.replace(' style="color:red" class="x"', "")


def test_links_keep_mail_and_web_addresses_with_rel_and_images_their_size():
    html = (
        '<p><a href="mailto:office@example.org" title="信箱">信</a>'
        '<a href="https://example.org/a" target="_blank">外</a><a href="ftp://example.org/">f</a>'
        '<img src="/media/a.png" alt="图" title="题" width="10" height="20" style="x"><!-- 注释 --></p>'
    )
    assert clean_body(html) == (
        '<p><a href="mailto:office@example.org" title="信箱" rel="noopener noreferrer">信</a>'
        '<a href="https://example.org/a" rel="noopener noreferrer">外</a><a rel="noopener noreferrer">f</a>'
        '<img src="/media/a.png" alt="图" title="题" width="10" height="20"></p>'
    )


def test_a_narrative_keeps_only_images_of_this_site():
    html = (
        '<h1>标题</h1><p><img src="/media/a.png" alt="图"><img src="//evil.example/x.png" alt="外">'
        '<img src="/\\evil.example/x.png" alt="反"><img src="http://127.0.0.1/x.png" alt="内">'
        '<a href="https://example.org/" title="链">链</a><!-- 注释 --></p>'
    )
    assert clean_narrative(html) == (
        '<h2>标题</h2><p><img src="/media/a.png" alt="图"><img alt="外"><img alt="反"><img alt="内">'
        '<a href="https://example.org/" title="链" rel="noopener noreferrer">链</a></p>'
    )


@pytest.mark.parametrize(
    ("element", "attribute", "value", "kept"),
    [
        ("img", "src", "/media/report/chart.png", True),
        ("img", "src", "//evil.example/x.png", False),
        ("img", "src", "/\\evil.example/x.png", False),
        ("img", "src", "https://example.org/x.png", False),
        ("img", "src", "", False),
        # Only an image's source is fetched by the PDF renderer: a link or a caption may name any address.
        ("a", "href", "https://example.org/", True),
        ("img", "alt", "//evil.example", True),
    ],
)
def test_the_narrative_filter_keeps_an_image_source_only_inside_this_site(element, attribute, value, kept):
    assert same_site_images_only(element, attribute, value) == (value if kept else None)


def test_attributes_nh3_would_allow_by_default_are_dropped_too():
    html = '<table><tr><td align="right" headers="h" colspan="2">值</td></tr></table><ol start="3" type="a"></ol>'
    assert clean_body(html) == '<table><tbody><tr><td colspan="2">值</td></tr></tbody></table><ol start="3"></ol>'


def test_an_empty_body_stays_empty():
    assert (clean_body(""), clean_body(None), clean_narrative("")) == ("", "", "")
