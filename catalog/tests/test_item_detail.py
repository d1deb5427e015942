import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from catalog import counters
from catalog.demo import _pdf
from catalog.models import Item
from catalog.services import add_attachment


def test_page_shows_the_standard_metadata_table(client, make_item, bureau):
    item = make_item(bureau, state="published", document_number="云教发〔2025〕3号")
    html = client.get(item.get_absolute_url()).content.decode()
    for label in ("索引号", "信息分类", "发布机构", "成文日期", "文号", "发布日期", "主题分类", "有效性"):
        assert f">{label}</th>" in html
    assert item.index_number in html and "云教发〔2025〕3号" in html


def test_anonymous_visitors_never_see_a_draft(client, make_item, bureau):
    for state in ("draft", "submitted", "returned"):
        assert client.get(make_item(bureau, state=state).get_absolute_url()).status_code == 404


def test_staff_of_another_organization_cannot_preview_a_draft(client, make_item, bureau, outsider, editor):
    item = make_item(bureau)
    client.force_login(outsider)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert "尚未发布" in client.get(item.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "evil", ["<script>alert(1)</script>", '<img src="x" onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>']
)
def test_scripts_in_a_body_never_reach_the_page(client, make_item, bureau, evil):
    item = make_item(bureau, state="published", body=f"<h2>标题</h2><table><tr><td>格</td></tr></table>{evil}")
    Item.objects.filter(pk=item.pk).update(body=item.body + evil)  # even if written around the services
    html = client.get(item.get_absolute_url()).content.decode()
    assert "alert(1)" not in html
    assert "<h2>标题</h2>" in html and "<td>格</td>" in html


def test_policy_interpretation_and_document_link_both_ways(client, make_item, bureau):
    document = make_item(bureau, state="published", title="规范性文件甲")
    explainer = make_item(bureau, state="published", title="规范性文件甲的解读", category="policy-interpretation")
    explainer.related.add(document)
    assert "规范性文件甲的解读" in client.get(document.get_absolute_url()).content.decode()
    assert "规范性文件甲" in client.get(explainer.get_absolute_url()).content.decode()


def test_previous_and_next_stay_in_the_category(client, make_item, bureau):
    older = make_item(bureau, state="published", title="较早的通知", written_on=date(2025, 1, 6))
    middle = make_item(bureau, state="published", title="中间的通知", written_on=date(2025, 2, 6))
    make_item(bureau, state="published", title="其他栏目", category="work-news", written_on=date(2025, 3, 6))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'href="{older.get_absolute_url()}">较早的通知' in html and "其他栏目" not in html


@override_settings(CATALOG_VIEW_FLUSH_EVERY=3, CATALOG_VIEW_FLUSH_SECONDS=3600)
def test_views_are_counted_in_memory_and_written_in_batches(client, make_item, bureau):
    counters.flush()
    item = make_item(bureau, state="published")
    client.get(item.get_absolute_url())
    client.get(item.get_absolute_url())
    item.refresh_from_db()
    assert item.view_count == 0 and counters.pending(item.pk) == 2
    client.get(item.get_absolute_url())
    item.refresh_from_db()
    assert item.view_count == 3


def test_qr_code_is_an_svg_of_the_page_address(client, make_item, bureau):
    response = client.get(make_item(bureau, state="published").get_absolute_url() + "qr.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


def test_print_view_has_the_body_and_metadata(client, make_item, bureau):
    item = make_item(bureau, state="published", body="<p>正文内容</p>")
    html = client.get(f"/catalog/{item.pk}/print/").content.decode()
    assert "正文内容" in html and item.index_number in html


@override_settings(CATALOG_VIEW_FLUSH_EVERY=10**6, CATALOG_VIEW_FLUSH_SECONDS=10**6)
@pytest.mark.parametrize("extra", [0, 6])
def test_detail_query_count_is_constant(client, make_item, bureau, django_assert_num_queries, extra):
    item = make_item(bureau, state="published")
    for n in range(extra):
        item.related.add(make_item(bureau, state="published", title=f"相关{n}"))
        add_attachment(item, SimpleUploadedFile(f"{n}.pdf", _pdf("x")), None)
    # The item; the organizations, categories, topics and document types it is given from the page frame, which
    # each process reads once per version where it keeps it (tests/test_page_frame_reuse.py); the frame's portal
    # organization; then attachments, interpretations, related items and the two neighbours.
    with django_assert_num_queries(1 + 4 + 1 + 5):
        client.get(item.get_absolute_url())


def test_items_of_the_same_day_are_ordered_by_their_number(client, make_item, bureau):
    first, second, third = (make_item(bureau, state="published", title=f"同日{n}") for n in "甲乙丙")
    html = client.get(second.get_absolute_url()).content.decode()
    assert f'上一篇：<a href="{first.get_absolute_url()}">' in html
    assert f'下一篇：<a href="{third.get_absolute_url()}">' in html


def _section(html: str, heading: str) -> str:
    """The HTML of the page's section under the <h2> `heading` ('' when there is none)."""
    match = re.search(rf"<h2[^>]*>{heading}</h2>(.*?)</section>", html, re.S)
    return match.group(1) if match else ""


def test_a_policy_lists_its_interpretations_under_their_own_heading(client, make_item, bureau, normative_type):
    policy = make_item(bureau, state="published", title="养老服务补贴发放办法", category="normative-documents")
    explainer = make_item(
        bureau,
        state="published",
        title="《养老服务补贴发放办法》政策解读",
        category="policy-interpretation",
        interprets=policy,
    )
    other = make_item(bureau, state="published", title="另一份相关文件")
    policy.related.add(other, explainer)
    html = client.get(policy.get_absolute_url()).content.decode()
    assert explainer.title in _section(html, "政策解读")
    assert explainer.title not in _section(html, "相关文档") and other.title in _section(html, "相关文档")
    page = client.get(explainer.get_absolute_url()).content.decode()
    assert policy.title in _section(page, "解读的政策文件") and policy.title not in _section(page, "相关文档")


def test_unpublished_interpretations_and_policies_stay_hidden(client, make_item, bureau):
    policy = make_item(bureau, state="published", title="公开的办法", category="normative-documents")
    make_item(bureau, title="未发布的解读", category="policy-interpretation", interprets=policy)
    draft_policy = make_item(bureau, title="未发布的办法", category="normative-documents")
    explainer = make_item(
        bureau, state="published", title="解读", category="policy-interpretation", interprets=draft_policy
    )
    assert "未发布的解读" not in client.get(policy.get_absolute_url()).content.decode()
    assert "未发布的办法" not in client.get(explainer.get_absolute_url()).content.decode()


def test_an_item_cannot_interpret_itself(make_item, bureau):
    from django.core.exceptions import ValidationError

    item = make_item(bureau, category="policy-interpretation")
    item.interprets = item
    with pytest.raises(ValidationError):
        item.full_clean()


@pytest.mark.parametrize(
    "typed", ["云民规[2026]2号", "云民规（2026）2号", "云民规2026年2号", "云民规 〔２０２６〕 ２号"]
)
def test_a_document_number_is_shown_in_the_standard_form_however_typed(client, make_item, bureau, typed):
    item = make_item(bureau, state="published", document_number=typed)
    for page in (item.get_absolute_url(), "/catalog/"):
        html = client.get(page).content.decode()
        assert "云民规〔2026〕2号" in html and typed not in html, page


def test_category_paths_read_as_a_path_with_no_backslash(client, make_item, bureau):
    item = make_item(bureau, state="published", category="normative-documents")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "规章和规范性文件 &gt; 行政规范性文件" in html and "规章和规范性文件\\" not in html


def test_the_page_carries_the_article_tags_of_the_guideline(client, make_item, bureau):
    item = make_item(
        bureau,
        state="published",
        title="关于开学工作的通知",
        keywords="开学 安全",
        summary="开学安排。",
        source="示范市教育局办公室",
        written_on=date(2026, 2, 10),
        published_on=date(2026, 2, 12),
    )
    html = client.get(item.get_absolute_url()).content.decode()
    for name, value in (
        ("ArticleTitle", "关于开学工作的通知"),
        ("PubDate", "2026-02-12 00:00"),
        ("ContentSource", "示范市教育局办公室"),
        ("Keywords", "开学 安全"),
        ("Description", "开学安排。"),
        ("ColumnName", "通知公告"),
        ("ColumnType", "通知公告"),
        ("SiteName", "政府信息公开平台"),
    ):
        assert f'<meta name="{name}" content="{value}">' in html, name
