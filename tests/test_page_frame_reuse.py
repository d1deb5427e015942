"""The page frame's data (the portal's organization, the organizations, taxonomies, document types and years)
as deployed: read once per version of the `frame` tag in each process, and read again after every kind of
change that shows in it. Changes are committed (their bumps run after commit)."""

import re
from datetime import date
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category, DocumentType, Organization, Topic
from disclosure_portal.frame import Frame
from tests.factories import new_item

FRAME_TABLES = ("catalog_organization", "catalog_category", "catalog_topic", "catalog_documenttype")


@pytest.fixture
def frame_reuse(db, settings, city, bureau, committed):
    settings.PAGE_FRAME_REUSE = True
    caches["default"].clear()  # tag tokens a transactional test may have left behind
    with committed():
        return new_item(bureau, title="关于做好防汛工作的通知", on=date(2026, 3, 2))


@pytest.fixture
def item(frame_reuse):
    return frame_reuse


def frame_reads(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    return [statement for statement in sql if any(f'FROM "{table}"' in statement for table in FRAME_TABLES)]


@pytest.mark.parametrize("url", ["/", "/catalog/", "/search/?q=防汛", "item"])
def test_a_second_page_reads_no_organization_or_taxonomy(client, frame_reuse, url):
    url = frame_reuse.get_absolute_url() if url == "item" else url
    assert frame_reads(client, url)  # the first page of this version loads the frame
    assert frame_reads(client, url) == []


@pytest.mark.parametrize("url", ["/catalog/", "item"])
def test_the_catalog_gives_its_items_the_frame_s_objects_instead_of_joining_them(client, frame_reuse, url):
    """An item page's six-table join cost PostgreSQL more planning than the item's own lookup."""
    url = frame_reuse.get_absolute_url() if url == "item" else url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert not [
        query["sql"]
        for query in queries.captured_queries
        if "JOIN" in query["sql"] and any(f'"{table}"' in query["sql"] for table in FRAME_TABLES)
    ]
    assert frame_reuse.organization.name in html


def test_an_item_of_a_category_newer_than_the_frame_shows_that_category(db, bureau):
    """Another node's change reaches this process's frame up to PAGE_CACHE_TOKEN_MS later."""
    frame = Frame(token="read before the category was made")
    assert frame.categories
    newer = Category.objects.create(name="防汛预案", slug="flood-plans", parent=Category.objects.get(slug="notices"))
    item = new_item(bureau, category="flood-plans", publish=False)
    frame.attach([item], "organization", "category")
    assert item.category.path_name == newer.path_name and item.organization == bureau


def test_a_filtered_list_reads_only_the_chosen_values(client, frame_reuse, bureau):
    url = f"/catalog/?organization={bureau.pk}&category={Category.objects.get(slug='notices').pk}"
    frame_reads(client, url)
    reads = frame_reads(client, url)
    assert len(reads) == 2 and all('"id" = ' in statement for statement in reads), reads


def test_without_reuse_every_page_reads_them(client, frame_reuse, settings):
    settings.PAGE_FRAME_REUSE = False
    client.get("/catalog/")
    assert frame_reads(client, "/catalog/")


def page(client, url: str = "/catalog/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_organization_is_offered_at_once(client, frame_reuse, city, committed):
    assert "示范市卫生健康委员会" not in page(client)
    with committed():
        Organization.objects.create(name="示范市卫生健康委员会", code="11100000TEST0009", parent=city)
    assert "示范市卫生健康委员会" in page(client)


def test_a_renamed_category_shows_its_new_name_in_the_tree_and_the_select(client, frame_reuse, committed):
    notices = Category.objects.get(slug="notices")
    assert page(client).count(notices.name) >= 2
    with committed():
        notices.name = "通知公示"
        notices.save()
    html = page(client)
    assert html.count("通知公示") >= 2  # the tree and the select


def test_a_new_topic_and_document_type_are_offered_at_once(client, frame_reuse, committed):
    page(client)
    with committed():
        Topic.objects.create(name="低空经济", slug="low-altitude")
        DocumentType.objects.create(name="纪要")
    html = page(client)
    assert ">低空经济</option>" in html and ">纪要</option>" in html


def test_a_first_publication_in_a_new_year_adds_the_year(client, frame_reuse, bureau, committed, time_machine):
    assert ">2027年</option>" not in page(client)
    time_machine.move_to("2027-01-04 10:00 +0800")
    with committed():
        new_item(bureau, title="关于新年工作的通知", on=date(2027, 1, 4))
    assert ">2027年</option>" in page(client)


def test_the_footer_shows_the_portal_s_new_address_at_once(client, frame_reuse, city, committed):
    page(client, "/")
    with committed():
        city.address = "示范市人民路1号"
        city.save()
    assert "示范市人民路1号" in page(client, "/")


def test_a_filter_covers_a_new_child_category_at_once(client, frame_reuse, bureau, committed):
    notices = Category.objects.get(slug="notices")
    page(client, f"/catalog/?category={notices.pk}")
    with committed():
        child = Category.objects.create(name="停水通知", slug="water-notices", parent=notices)
        new_item(bureau, title="关于临时停水的通知", category="water-notices", on=date(2026, 3, 3))
    assert child.parent_id == notices.pk
    assert "关于临时停水的通知" in page(client, f"/catalog/?category={notices.pk}")


# ---------------------------------------------------------------- the header and footer, rendered once per version

FRAME_PAGES = [
    "/",
    "/catalog/",
    "/catalog/?category=1&page=2&per_page=50",
    "/guide/",
    "/apply/",
    "/apply/lookup/",
    "/reports/statistics/",
    "/feedback/",
    "/sitemap/",
    "/catalog/?q=",
    "/no-such-page/?a=1&b=2",
]
# Each set replaces the one before (client.cookies.load keeps what it is not given).
PREFERENCES = [
    {"pref_contrast": "normal", "pref_fontsize": "medium", "pref_script": "hans"},
    {"pref_contrast": "high", "pref_fontsize": "large", "pref_script": "hans"},
    {"pref_contrast": "normal", "pref_fontsize": "medium", "pref_script": "hant"},
]


def header_and_footer(client, url: str) -> str:
    html = client.get(url).content.decode()
    parts = [re.search(r"<header class=\"site-header\">.*?</header>", html, re.S)]
    parts.append(re.search(r"<footer class=\"site-footer\">.*?</footer>", html, re.S))
    assert all(parts), url
    return "\n".join(part.group() for part in parts)


def test_the_header_and_footer_kept_are_those_each_page_would_render(client, frame_reuse, settings, item):
    urls = [*FRAME_PAGES, item.get_absolute_url()]
    for cookies in PREFERENCES:  # every combination stored, from whichever page asked first
        client.cookies.load(cookies)
        for url in urls:
            header_and_footer(client, url)
    kept = {}
    for number, cookies in enumerate(PREFERENCES):
        client.cookies.load(cookies)
        kept |= {(number, url): header_and_footer(client, url) for url in urls}
    settings.PAGE_FRAME_REUSE = False
    for number, cookies in enumerate(PREFERENCES):
        client.cookies.load(cookies)
        for url in urls:
            assert kept[number, url] == header_and_footer(client, url), (cookies, url)
    for url in urls:  # the reader tools come back to the page itself; a correction names the page
        path = url.partition("?")[0]
        assert f"?next={quote(url, safe='/')}" in kept[0, url] and f"page={quote(path, safe='/')}" in kept[0, url]


def test_a_search_keeps_its_words_in_the_search_box(client, frame_reuse):
    assert 'value="防汛"' in header_and_footer(client, "/search/?q=防汛")
    assert 'value="义务教育"' in header_and_footer(client, "/search/?q=义务教育")
