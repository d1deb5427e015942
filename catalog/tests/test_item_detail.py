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
    with django_assert_num_queries(7):  # item, frame, attachments, interpretations, related, two neighbours
        client.get(item.get_absolute_url())


def test_items_of_the_same_day_are_ordered_by_their_number(client, make_item, bureau):
    first, second, third = (make_item(bureau, state="published", title=f"同日{n}") for n in "甲乙丙")
    html = client.get(second.get_absolute_url()).content.decode()
    assert f'上一篇：<a href="{first.get_absolute_url()}">' in html
    assert f'下一篇：<a href="{third.get_absolute_url()}">' in html
