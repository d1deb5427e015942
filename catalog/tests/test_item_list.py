from datetime import date

import pytest
from django.test import override_settings

from catalog.models import Category
from catalog.services import publish_item, save_item
from tests.factories import new_item


@pytest.fixture
def published(make_item, bureau, other_bureau, normative_type):
    return {
        "notice": make_item(bureau, state="published", title="教育局通知", written_on=date(2025, 3, 3)),
        "rule": make_item(
            other_bureau,
            state="published",
            title="民政局规范性文件",
            category="normative-documents",
            document_type=normative_type,
            document_number="云民规〔2024〕1号",
            written_on=date(2024, 5, 6),
        ),
    }


def test_list_shows_index_number_title_document_number_and_date(client, published):
    rule = published["rule"]
    html = client.get("/catalog/").content.decode()
    for text in (rule.index_number, rule.title, rule.document_number, "2024-05-06"):
        assert text in html


def test_drafts_never_appear_in_the_list(client, make_item, bureau, published):
    make_item(bureau, title="尚未发布的草稿")
    assert "尚未发布的草稿" not in client.get("/catalog/").content.decode()


def test_category_filter_includes_the_subtree(client, published):
    parent = Category.objects.get(slug="rules-and-documents")
    html = client.get(f"/catalog/?category={parent.pk}").content.decode()
    assert "民政局规范性文件" in html and "教育局通知" not in html


def test_organization_filter_includes_departments_of_a_city(client, city, published):
    html = client.get(f"/catalog/?organization={city.pk}").content.decode()
    assert "民政局规范性文件" in html and "教育局通知" in html


def test_year_and_validity_filters_combine(client, published, reviewer):
    html = client.get("/catalog/?year=2024&validity=valid").content.decode()
    assert "民政局规范性文件" in html and "教育局通知" not in html
    assert "教育局通知" not in client.get("/catalog/?validity=repealed").content.decode()


def test_an_item_whose_publication_date_was_corrected_is_found_by_its_new_year(client, bureau):
    """The year choices come from the index numbers given (2026 here); the corrected 发布日期 says 2025."""
    new_item(bureau, title="二〇二六年的通知", on=date(2026, 3, 2))
    item = new_item(bureau, title="年底的通知", on=date(2025, 12, 30), publish=False)
    item = publish_item(item, None, published_on=date(2026, 1, 5))
    item.published_on = date(2025, 12, 31)
    save_item(item, None)
    html = client.get("/catalog/?year=2025").content.decode()
    assert "年底的通知" in html and "二〇二六年的通知" not in html
    assert '<option value="2025" selected>2025年</option>' in html
    api = client.get("/api/v1/items/?year=2025")
    assert api.status_code == 200 and [row["title"] for row in api.json()["results"]] == ["年底的通知"]


def test_a_typed_query_goes_to_search_with_the_same_filters(client, bureau):
    response = client.get(f"/catalog/?q=通知&organization={bureau.pk}&sort=date")
    assert response.status_code == 302
    assert response["Location"] == f"/search/?q=%E9%80%9A%E7%9F%A5&organization={bureau.pk}"


def test_sort_oldest_first(client, published):
    html = client.get("/catalog/?sort=date_asc").content.decode()
    assert html.index("民政局规范性文件") < html.index("教育局通知")


def test_pagination_keeps_the_filters_in_its_links(client, make_item, bureau):
    for n in range(12):
        make_item(bureau, state="published", title=f"分页测试{n}")
    html = client.get(f"/catalog/?organization={bureau.pk}&per_page=10").content.decode()
    assert f"?organization={bureau.pk}&amp;per_page=10&amp;page=2" in html


@pytest.mark.parametrize("count", [3, 25])
def test_list_query_count_does_not_grow_with_the_page(client, make_item, bureau, django_assert_num_queries, count):
    for n in range(count):
        make_item(bureau, state="published", title=f"条目{n}")
    client.get("/catalog/?per_page=50")  # caches the total
    with override_settings(CATALOG_VIEW_FLUSH_SECONDS=10**6), django_assert_num_queries(11):
        # frame, cached total, page, 5 filter choice lists (shared with the trees), the trees' cached counts
        # and the version of those counts, read for the trees and for the total (a table of a few rows)
        client.get("/catalog/?per_page=50")


def test_a_new_publication_is_listed_at_once_even_while_the_total_is_cached(client, make_item, bureau, published):
    client.get("/catalog/")
    make_item(bureau, state="published", title="刚刚发布", written_on=date(2026, 1, 5))
    assert "刚刚发布" in client.get("/catalog/").content.decode()


@pytest.mark.parametrize("query", ["organization=abc", "year=19999", "category=-1", "validity=<script>", "page=zz"])
def test_bad_filter_values_get_a_message_instead_of_an_error(client, published, query):
    response = client.get(f"/catalog/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_every_filter_offers_all_and_keeps_the_chosen_value(client, published, bureau):
    html = client.get(f"/catalog/?organization={bureau.pk}").content.decode()
    assert html.count('<option value="" selected>全部</option>') == 5  # every filter but the chosen one
    assert html.count('<option value="">全部</option>') == 1
    assert f'<option value="{bureau.pk}" selected>' in html


def test_an_item_published_after_the_total_was_cached_is_listed_at_once(client, make_item, bureau):
    client.get("/catalog/")  # caches a total of 0
    item = make_item(bureau, state="published", title="刚刚发布的通知")
    assert item.title in client.get("/catalog/").content.decode()


def test_the_total_counts_a_new_publication_at_once_as_the_tree_does(client, make_item, bureau):
    client.get("/catalog/")  # caches a total of 0
    make_item(bureau, state="published", title="刚刚发布的通知")
    page = client.get("/catalog/").content.decode()
    assert "共 1 条" in page, "the total said 0 above the one row the list shows"
