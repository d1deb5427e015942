"""Facet counts beside search results: exact where the count is exact, "约" where it is estimated."""

import re
from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse
from lxml import html as lxml_html

from catalog.models import Category, DocumentType, Item
from search import postgres_matches, services

URL = reverse("search:results")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="estimates come from the lazy engine")


@pytest.fixture
def corpus(publish, bureau, other_bureau, category):
    """Matches spread over two departments, a category and its child, three years and two document types."""
    child = Category.objects.create(name="专项通知", slug="search-special", parent=category)
    kinds = list(DocumentType.objects.all()[:2])
    for n in range(24):
        day = date(2023 + n % 3, 1 + n % 12, 1 + n % 27)
        publish(
            title=f"关于做好学校安全工作的通知{n}" if n % 4 else f"政务公开工作要点{n}",
            organization=bureau if n % 3 else other_bureau,
            category=child if n % 5 == 0 else category,
            document_type=kinds[n % 2],
            published_on=day,
            written_on=day,
        )
    publish(title="尚未发布的学校安全草稿", state=Item.State.DRAFT)


def _facets(client, query: dict) -> dict[str, dict[str, tuple[str, str]]]:
    """Facet heading -> {value: (count as shown, link)}."""
    page = lxml_html.fromstring(client.get(URL, query).content)
    facets = {}
    for heading in page.xpath('//nav[@class="search-facets"]//h3'):
        links = heading.xpath("following-sibling::ul[1]//a")
        facets[heading.text_content()] = {
            re.sub(r"\s+\S+$", "", a.text_content().strip()): (a.xpath('string(span[@class="count"])'), a.get("href"))
            for a in links
        }
    return facets


def _expected(by) -> Counter:
    matches = Item.objects.published().filter(title__contains="学校安全")
    return Counter(by(item) for item in matches)


def test_facets_count_the_matches_exactly(client, corpus, bureau, other_bureau, category):
    facets = _facets(client, {"q": "学校安全"})
    organizations = {name: count for name, (count, _) in facets["发布机构"].items()}
    by_org = _expected(lambda item: item.organization_id)
    assert organizations[bureau.short_name] == str(by_org[bureau.pk])
    assert organizations[other_bureau.short_name] == str(by_org[other_bureau.pk])
    assert organizations["示范市"] == str(sum(by_org.values())), "a parent counts its departments"
    years = {name: count for name, (count, _) in facets["发布年份"].items()}
    assert years == {f"{year}年": str(n) for year, n in _expected(lambda item: item.published_on.year).items()}
    kinds = {name: count for name, (count, _) in facets["文种"].items()}
    assert kinds == {
        DocumentType.objects.get(pk=pk).name: str(n) for pk, n in _expected(lambda i: i.document_type_id).items()
    }
    categories = {name: count for name, (count, _) in facets["信息分类"].items()}
    assert categories[category.name] == "18" and categories["专项通知"] == str(
        _expected(lambda item: item.category.slug)["search-special"]
    )
    assert "约" not in client.get(URL, {"q": "学校安全"}).content.decode().split('class="search-facets"')[1]


def test_each_facet_link_narrows_the_search_to_its_count(client, corpus):
    for values in _facets(client, {"q": "学校安全", "sort": "date"}).values():
        for count, link in values.values():
            assert "page=" not in link and "sort=date" in link
            narrowed = client.get(URL + link).content.decode()
            assert f"找到 {count} 条结果" in narrowed, link


def test_a_chosen_facet_is_marked_and_can_be_cleared(client, corpus, bureau):
    page = client.get(URL, {"q": "学校安全", "organization": bureau.pk, "page": 1}).content.decode()
    assert re.search(rf'aria-current="page">{bureau.short_name} ', page)
    clear = lxml_html.fromstring(page).xpath('//a[normalize-space()="不限"]/@href')
    assert clear == ["?q=%E5%AD%A6%E6%A0%A1%E5%AE%89%E5%85%A8"]


def test_no_facets_without_matches(client, corpus):
    assert 'class="search-facets"' not in client.get(URL, {"q": "火星基地"}).content.decode()


@on_postgres
def test_estimated_counts_are_said_with_about_and_add_up_to_the_estimate(client, corpus, monkeypatch):
    monkeypatch.setattr(postgres_matches, "PROBE", 4)
    monkeypatch.setattr(postgres_matches, "COUNT_CAP", 2)
    monkeypatch.setattr(postgres_matches, "CHECK_BATCH", 2)
    monkeypatch.setattr(postgres_matches, "SAMPLE", 4)
    monkeypatch.setattr(services, "PAGE_SIZE", 2)  # a page the newest items fill: the rest is estimated
    page = client.get(URL, {"q": "学校安全"}).content.decode()
    assert re.search(r"找到 约 \d+ 条结果", page), "the engine estimated the total"
    facets = _facets(client, {"q": "学校安全"})
    assert facets and all(count.startswith("约") for values in facets.values() for count, _ in values.values())
    years = facets["发布年份"]
    assert set(years) == {"2023年", "2024年", "2025年"}, "every year of the scope, not only the newest matches'"
