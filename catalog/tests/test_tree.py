"""The catalog's trees: categories and organizations, each with the number of published items it lists."""

import re
from datetime import date

import pytest
from lxml import html as lxml_html

from catalog.models import Category


def _tree(client, url: str, heading: str) -> dict[str, str]:
    """Label -> count of the tree under `heading` on the page at `url`."""
    page = lxml_html.fromstring(client.get(url).content)
    tree = page.xpath(f'//nav[@class="catalog-tree"]/h2[normalize-space()="{heading}"]/following-sibling::ul[1]')[0]
    return {
        re.sub(r"\s+\S+$", "", link.text_content().strip()): link.xpath('string(.//span[@class="count"])')
        for link in tree.iter("a")
    }


@pytest.fixture
def published(make_item, bureau, other_bureau):
    for n in range(3):
        make_item(bureau, state="published", title=f"教育局公告{n}")
    make_item(bureau, state="published", title="教育局规范性文件", category="normative-documents")
    make_item(other_bureau, state="published", title="民政局动态", category="work-news")
    make_item(bureau, title="教育局草稿")


def test_categories_count_their_published_items_and_their_children_s(client, published):
    counts = _tree(client, "/catalog/", "信息分类")
    assert counts["全部分类"] == "5"
    assert (counts["通知公告"], counts["工作动态"], counts["行政规范性文件"]) == ("3", "1", "1")
    assert counts["规章和规范性文件"] == "1", "a parent counts its children's items"
    assert counts["机构职能"] == "0"


def test_organizations_count_their_items_and_their_departments(client, published, city):
    counts = _tree(client, "/catalog/", "发布机构")
    assert (counts["全部机构"], counts["示范市"], counts["市教育局"], counts["市民政局"]) == ("5", "5", "4", "1")


def test_choosing_an_organization_counts_the_categories_within_it_and_keeps_it_in_their_links(
    client, published, bureau
):
    url = f"/catalog/?organization={bureau.pk}"
    counts = _tree(client, url, "信息分类")
    assert (counts["全部分类"], counts["通知公告"], counts["工作动态"]) == ("4", "3", "0")
    page = client.get(url).content.decode()
    notices = Category.objects.get(slug="notices")
    assert f'href="/catalog/?organization={bureau.pk}&amp;category={notices.pk}"' in page
    assert f'<a href="/catalog/?organization={bureau.pk}" aria-current="page">市教育局' in page


def test_each_count_is_the_number_the_link_lists(client, published):
    page = lxml_html.fromstring(client.get("/catalog/").content)
    for link in page.xpath('//nav[@class="catalog-tree"]//a'):
        listed = client.get(link.get("href")).content.decode()
        count = link.xpath('string(.//span[@class="count"])')
        assert f"共 {count} 条" in listed, link.get("href")


def test_a_new_publication_is_counted_at_once(client, published, make_item, bureau):
    assert _tree(client, "/catalog/", "信息分类")["通知公告"] == "3"
    make_item(bureau, state="published", title="新的公告", written_on=date(2025, 4, 1))
    assert _tree(client, "/catalog/", "信息分类")["通知公告"] == "4"


def test_the_trees_fold_behind_one_button_and_the_filters_behind_another(client, published):
    page = client.get("/catalog/?year=2025").content.decode()
    assert '<details class="fold catalog-tree-fold">' in page
    assert re.search(r'<details class="fold catalog-filter-fold">\s*<summary>筛选条件（已选 1 项）</summary>', page)
