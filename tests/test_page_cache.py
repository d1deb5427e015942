"""The full-page cache: anonymous public pages come from it, and every kind of change makes exactly the
pages it affects fresh again (and no others). Changes are committed (their bumps run after commit)."""

import re
import time
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annual_reports.models import AnnualReport
from applications.models import Application
from catalog import counters
from catalog.models import Category, GuideEdition, Item, Organization
from catalog.services import add_attachment, remove_attachment, repeal_item, save_item
from disclosure_portal.cache_tags import ITEMS, bump_now, current_tokens, item_tag, new_token
from disclosure_portal.env import redis_caches
from tests.conftest import PDF_BYTES
from tests.factories import new_item


def outcome(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response["X-Page-Cache"]


def cached_twice(client, *urls: str) -> None:
    """Each page rendered once, then served from the cache."""
    for url in urls:
        outcome(client, url)
        assert outcome(client, url) == "hit", url


def published(organization, committed, **fields):
    with committed():
        return new_item(organization, **fields)


@pytest.fixture
def item(page_cache, bureau, committed):
    return published(bureau, committed)


# ---------------------------------------------------------------- hits, and what is never cached


def test_an_item_page_is_rendered_once_and_every_view_is_counted(client, item, settings):
    settings.CATALOG_VIEW_FLUSH_EVERY = 1  # each view reaches the database at once
    counters.flush()  # views this process counted in earlier tests
    Item.objects.filter(pk=item.pk).update(view_count=7)
    assert outcome(client, item.get_absolute_url()) == "miss"
    assert outcome(client, item.get_absolute_url()) == "hit"
    assert outcome(client, item.get_absolute_url()) == "hit"
    assert Item.objects.get(pk=item.pk).view_count == 10


def test_a_hit_serves_the_same_bytes_and_headers(client, item):
    first = client.get(item.get_absolute_url())
    second = client.get(item.get_absolute_url())
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    for header in ("ETag", "Last-Modified", "Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert second[header] == first[header]
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=5"


def test_conditional_requests_get_304_from_the_cache(client, item):
    first = client.get("/catalog/")
    again = client.get("/catalog/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again["X-Page-Cache"] == "hit" and again.status_code == 304 and again.content == b""
    assert client.get("/catalog/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_conditional_requests_get_304_when_rendered_again(client, item):
    first = client.get("/catalog/")
    bump_now(["items"])  # rendered again, to the same bytes
    again = client.get("/catalog/", HTTP_IF_NONE_MATCH=first["ETag"])  # the same bytes: the same ETag
    assert again["X-Page-Cache"] == "miss" and again.status_code == 304 and again.content == b""


def test_display_preferences_are_part_of_the_key(client, item):
    outcome(client, "/catalog/")
    client.cookies["pref_script"] = "hant"
    assert outcome(client, "/catalog/") == "miss"
    traditional = client.get("/catalog/").content.decode()
    assert "政府資訊公開目錄" in traditional or "政府信息公開目錄" in traditional
    del client.cookies["pref_script"]
    assert "政府信息公开目录" in client.get("/catalog/").content.decode()


def test_a_session_bypasses_the_cache(client, item, editor):
    cached_twice(client, item.get_absolute_url())
    client.force_login(editor)
    response = client.get(item.get_absolute_url())
    assert "X-Page-Cache" not in response and "Cache-Control" not in response


@pytest.mark.parametrize("url", ["/search/?q=防汛", "/apply/lookup/", "/robots.txt"])
def test_pages_outside_the_list_are_never_cached(client, item, url):
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_a_form_page_is_never_stored(client, bureau, page_cache):
    for _ in range(2):
        response = client.get(f"/apply/{bureau.pk}/")
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_response_that_sets_a_cookie_is_not_stored(client, item):
    with mock.patch("catalog.views.items.render", side_effect=_render_setting_a_cookie):
        assert outcome(client, item.get_absolute_url()) == "miss"
    assert outcome(client, item.get_absolute_url()) == "miss"


def _render_setting_a_cookie(*args, **kwargs):
    from django.shortcuts import render

    response = render(*args, **kwargs)
    response.set_cookie("something", "personal")
    return response


def test_a_waiting_message_bypasses_the_cache(client, item):
    cached_twice(client, item.get_absolute_url())
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get(item.get_absolute_url())


# ---------------------------------------------------------------- each change, the pages it affects


def test_an_edit_refreshes_the_item_page_and_its_print_view(client, item, committed):
    cached_twice(client, item.get_absolute_url(), f"/catalog/{item.pk}/print/")
    item.title = "关于做好防汛抗旱工作的通知"
    with committed():
        save_item(item, None)
    for url in (item.get_absolute_url(), f"/catalog/{item.pk}/print/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss" and "防汛抗旱" in response.content.decode()


def test_repeal_refreshes_the_item_page_and_the_lists(client, item, committed):
    cached_twice(client, item.get_absolute_url(), "/catalog/", f"/catalog/?organization={item.organization_id}")
    with committed():
        repeal_item(item, None, on=date(2026, 4, 1))
    assert "废止" in client.get(item.get_absolute_url()).content.decode()
    assert outcome(client, "/catalog/") == "miss"
    assert outcome(client, f"/catalog/?organization={item.organization_id}") == "miss"


def test_attachments_added_and_removed_refresh_the_item_page(client, item, committed):
    cached_twice(client, item.get_absolute_url())
    with committed():
        attachment = add_attachment(item, SimpleUploadedFile("防汛预案.pdf", PDF_BYTES, "application/pdf"), None)
    assert "防汛预案.pdf" in client.get(item.get_absolute_url()).content.decode()
    assert outcome(client, item.get_absolute_url()) == "hit"
    with committed():
        remove_attachment(attachment, None)
    assert "防汛预案.pdf" not in client.get(item.get_absolute_url()).content.decode()


def test_a_publication_refreshes_home_lists_feeds_and_sitemap_and_its_neighbour(client, item, bureau, committed):
    urls = ["/", "/catalog/", f"/catalog/?organization={bureau.pk}", "/feeds/atom/", "/sitemap-items.xml"]
    cached_twice(client, *urls, item.get_absolute_url())
    newer = published(bureau, committed, title="关于做好秋季防火工作的通知", on=date(2026, 3, 9))
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert "秋季防火" in client.get("/").content.decode()
    assert f'href="{newer.get_absolute_url()}"' in client.get(item.get_absolute_url()).content.decode()


def test_a_publication_refreshes_every_list_since_each_shows_the_trees_counts(
    client, item, bureau, other_bureau, committed
):
    other = published(other_bureau, committed, title="民政局通知", category="work-news")
    theirs = f"/catalog/?organization={other_bureau.pk}"
    cached_twice(client, theirs, other.get_absolute_url())
    before = all_organizations_count(client.get(theirs).content.decode())
    published(bureau, committed, title="教育局新通知", on=date(2026, 5, 6))
    response = client.get(theirs)
    assert response["X-Page-Cache"] == "miss"
    assert all_organizations_count(response.content.decode()) == before + 1
    assert outcome(client, other.get_absolute_url()) == "hit"


def all_organizations_count(page: str) -> int:
    return int(re.search(r'全部机构 <span class="count">(\d+)', page).group(1))


def test_a_publication_refreshes_the_filtered_lists_of_the_organizations_above(client, item, city, bureau, committed):
    cached_twice(client, f"/catalog/?organization={city.pk}")
    published(bureau, committed, title="教育局新通知", on=date(2026, 5, 6))
    assert "教育局新通知" in client.get(f"/catalog/?organization={city.pk}").content.decode()


def test_moving_an_item_refreshes_the_list_it_left(client, item, committed):
    notices, rules = item.category, Category.objects.get(slug="rules-and-documents")
    other = f"/catalog/?category={rules.pk}"
    cached_twice(client, other)
    item.category = rules
    with committed():
        save_item(item, None)
    assert item.title in client.get(other).content.decode()
    item.category = notices
    with committed():
        save_item(item, None)
    assert item.title not in client.get(other).content.decode()


def test_a_draft_changes_no_public_page(client, item, bureau, committed):
    cached_twice(client, "/catalog/", item.get_absolute_url())
    with committed():
        save_item(Item(organization=bureau, title="草稿", category=item.category, written_on=date(2026, 3, 3)), None)
    assert outcome(client, "/catalog/") == "hit"
    assert outcome(client, item.get_absolute_url()) == "hit"


def test_an_unknown_filter_value_depends_on_every_item(client, item, bureau, committed):
    cached_twice(client, "/catalog/?organization=987654")
    published(bureau, committed, title="教育局新通知", on=date(2026, 5, 6))
    assert "教育局新通知" in client.get("/catalog/?organization=987654").content.decode()


def test_a_taxonomy_change_refreshes_every_page(client, item, committed):
    cached_twice(client, item.get_absolute_url(), "/catalog/", "/guide/")
    category = item.category
    category.name = "通知公示"
    with committed():
        category.save()
    assert "通知公示" in client.get(item.get_absolute_url()).content.decode()
    assert outcome(client, "/catalog/") == "miss"
    assert outcome(client, "/guide/") == "miss"


def test_an_organization_change_refreshes_the_frame(client, item, city, committed):
    cached_twice(client, "/", item.get_absolute_url())
    city.address = "示范市人民路1号"
    with committed():
        city.save()
    assert "示范市人民路1号" in client.get("/").content.decode()
    assert outcome(client, item.get_absolute_url()) == "miss"


PUBLISHED_EDITION = GuideEdition.State.PUBLISHED


def test_a_guide_edition_refreshes_that_organizations_guide(client, item, city, bureau, other_bureau, committed):
    cached_twice(client, f"/guide/{bureau.pk}/", f"/guide/{other_bureau.pk}/", "/guide/")
    with committed():
        GuideEdition.objects.create(
            organization=bureau, effective_on=date(2026, 1, 1), introduction="依条例编制。", state=PUBLISHED_EDITION
        )
    assert "依条例编制。" in client.get(f"/guide/{bureau.pk}/").content.decode()
    assert outcome(client, f"/guide/{other_bureau.pk}/") == "hit"
    assert outcome(client, "/guide/") == "miss"


def test_a_report_publication_refreshes_the_report_list(client, item, bureau, committed):
    cached_twice(client, "/reports/")
    with committed():
        AnnualReport.objects.create(organization=bureau, year=2025, state=AnnualReport.State.PUBLISHED)
    assert "2025年政府信息公开工作年度报告" in client.get("/reports/").content.decode()


def test_an_application_refreshes_the_statistics(client, item, bureau, committed):
    url = f"/reports/statistics/{bureau.code}/?year=2026"
    cached_twice(client, url)
    with committed():
        Application.objects.create(
            organization=bureau, number="T-CACHE-1", applicant_name="测试", channel="in_person",
            received_on=date(2026, 3, 4), state=Application.State.RECEIVED,
        )  # fmt: skip
    assert outcome(client, url) == "miss"


def test_an_evicted_token_never_validates_an_old_page(client, item):
    cached_twice(client, item.get_absolute_url())
    caches["default"].delete(f"pagetag:item:{item.pk}")
    assert outcome(client, item.get_absolute_url()) == "miss"


def test_a_change_committed_while_a_page_renders_is_never_hidden(client, item, committed):
    """The tokens are read before rendering: the entry of a page rendered from the old rows is never served."""
    from django.shortcuts import render as real_render

    def render_then_change(*args, **kwargs):
        response = real_render(*args, **kwargs)  # rendered from the rows before the change
        item.title = "改后的标题"
        with committed():
            save_item(item, None)
        return response

    with mock.patch("catalog.views.items.render", side_effect=render_then_change):
        assert item.title not in ("改后的标题",)
        client.get(item.get_absolute_url())
    response = client.get(item.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "改后的标题" in response.content.decode()


def test_pages_never_outlive_the_day(client, item, time_machine):
    time_machine.move_to("2026-03-10 23:59:30+08:00", tick=False)
    cached_twice(client, "/guide/")
    time_machine.move_to("2026-03-11 00:00:01+08:00", tick=False)
    assert outcome(client, "/guide/") == "miss"


def test_the_cache_is_off_when_its_lifetime_is_zero(client, item, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get(item.get_absolute_url())


def test_the_organization_feed_depends_on_its_organization(client, item, bureau, other_bureau, committed):
    mine, theirs = f"/feeds/organization/{bureau.pk}/atom/", f"/feeds/organization/{other_bureau.pk}/atom/"
    cached_twice(client, mine, theirs)
    published(bureau, committed, title="教育局新通知", on=date(2026, 5, 6))
    assert "教育局新通知" in client.get(mine).content.decode()
    assert outcome(client, theirs) == "hit"


def test_a_new_organization_appears_in_the_filter_form(client, item, city, committed):
    cached_twice(client, "/catalog/")
    with committed():
        Organization.objects.create(name="示范市卫生健康委员会", code="11100000TEST0009", parent=city)
    assert "示范市卫生健康委员会" in client.get("/catalog/").content.decode()


def test_a_cache_that_is_down_costs_renders_not_pages(client, item, committed):
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:9/0", ("default", "pages"))):
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200 and item.title in response.content.decode()
        item.title = "关于做好防汛抗旱工作的通知"
        with committed():
            save_item(item, None)  # the bump fails after the commit: logged, not an error
        assert "防汛抗旱" in client.get(item.get_absolute_url()).content.decode()


def test_a_page_rendered_just_after_a_change_is_kept_only_until_the_change_settles(
    client, item, settings, time_machine
):
    """The catalog's counts are cached on their own for PAGE_CACHE_SETTLE_SECONDS after a change: a page
    rendered sooner could carry old counts, so it lives no longer than that."""
    settings.PAGE_CACHE_SETTLE_SECONDS = 60
    cached_twice(client, "/catalog/")
    changed = timezone.now() + timedelta(seconds=100)
    time_machine.move_to(changed, tick=False)
    bump_now([ITEMS])
    time_machine.move_to(changed + timedelta(seconds=10), tick=False)
    assert outcome(client, "/catalog/") == "miss"
    time_machine.move_to(changed + timedelta(seconds=59), tick=False)
    assert outcome(client, "/catalog/") == "hit"
    time_machine.move_to(changed + timedelta(seconds=61), tick=False)
    assert outcome(client, "/catalog/") == "miss"
    time_machine.move_to(changed + timedelta(seconds=62), tick=False)
    assert outcome(client, "/catalog/") == "hit"  # rendered once the change settled: kept its full lifetime


def test_moving_an_item_refreshes_the_tree_s_counts_once_the_change_settles(
    client, page_cache, bureau, committed, time_machine
):
    def count(page: str, category) -> int:
        return int(re.search(rf'category={category.pk}"[^>]*>[^<]*<span class="count">(\d+)', page).group(1))

    with committed():
        item = new_item(bureau)
    notices, rules = item.category, Category.objects.get(slug="rules-and-documents")
    page = client.get("/catalog/").content.decode()
    assert (count(page, notices), count(page, rules)) == (1, 0)
    item.category = rules
    with committed():
        save_item(item, None)
    time_machine.move_to(timezone.now() + timedelta(seconds=61), tick=False)  # PAGE_CACHE_SETTLE_SECONDS
    page = client.get(f"/catalog/?category={rules.pk}").content.decode()
    assert item.title in page and (count(page, notices), count(page, rules)) == (0, 1)


def test_many_item_pages_stay_cached(client, item, bureau):
    """Each item page has its own tag token: the shared cache must hold far more than Django's 300 entries.

    The database cache culls the keys that sort first; the other pages' tokens sort after the items' here.
    """
    fields = {"organization": bureau, "category": item.category, "written_on": item.written_on, "state": "published"}
    first = Item.objects.bulk_create(
        Item(title=f"第{n}号通知", published_on=item.published_on, **fields) for n in range(20)
    )
    for each in first:
        client.get(each.get_absolute_url())
    current_tokens([f"~other-page:{n}" for n in range(400)])  # as 400 more pages would make them
    assert all(outcome(client, each.get_absolute_url()) == "hit" for each in first)


# ---------------------------------------------------------------- tokens a process trusts for a moment


def another_node_bumps(tag: str) -> None:
    """What a bump on another node does to the shared cache (the tag's token, then the epoch): this process is
    not told."""
    caches["default"].set(f"pagetag:{tag}", new_token(), None)
    caches["default"].set("pagetag:@epoch", new_token(), None)


def test_a_hit_reads_no_shared_state_while_its_tokens_are_remembered(client, item, settings, django_assert_num_queries):
    settings.PAGE_CACHE_TOKEN_MS = 60_000
    cached_twice(client, "/", item.get_absolute_url())
    with django_assert_num_queries(0):  # the tokens live in the database's cache table here
        assert outcome(client, "/") == "hit"


def test_a_change_on_another_node_is_not_seen_while_the_tokens_are_remembered(client, item, settings):
    settings.PAGE_CACHE_TOKEN_MS = 60_000
    cached_twice(client, item.get_absolute_url())
    Item.objects.filter(pk=item.pk).update(title="另一节点改后的标题")
    another_node_bumps(item_tag(item.pk))
    response = client.get(item.get_absolute_url())
    assert response["X-Page-Cache"] == "hit" and "另一节点改后的标题" not in response.content.decode()


def test_a_change_on_another_node_shows_once_the_remembered_tokens_are_older_than_the_setting(client, item, settings):
    settings.PAGE_CACHE_TOKEN_MS = 50
    cached_twice(client, item.get_absolute_url())
    Item.objects.filter(pk=item.pk).update(title="另一节点改后的标题")
    another_node_bumps(item_tag(item.pk))
    time.sleep(0.1)  # twice the setting: whatever this process read is too old to trust now
    response = client.get(item.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "另一节点改后的标题" in response.content.decode()


def test_a_change_made_in_this_process_shows_at_once_while_tokens_are_remembered(client, item, settings, committed):
    settings.PAGE_CACHE_TOKEN_MS = 60_000
    cached_twice(client, item.get_absolute_url(), "/")
    item.title = "本节点改后的标题"
    with committed():
        save_item(item, None)
    for url in (item.get_absolute_url(), "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss" and "本节点改后的标题" in response.content.decode(), url


def test_rarely_asked_pages_read_no_tokens_while_nothing_changes(client, committed, page_cache, bureau, settings):
    settings.PAGE_CACHE_TOKEN_MS = 50
    settings.CATALOG_VIEW_FLUSH_SECONDS = settings.CATALOG_VIEW_FLUSH_EVERY = 10**6  # views stay in memory
    urls = [published(bureau, committed, title=f"第{n}号通知").get_absolute_url() for n in range(3)]
    cached_twice(client, *urls)
    time.sleep(0.1)  # twice the setting: each page's tokens were read longer ago than that
    with CaptureQueriesContext(connection) as queries:
        assert [outcome(client, url) for url in urls] == ["hit"] * 3
    assert len(queries) == 1, [query["sql"] for query in queries.captured_queries]  # the epoch, once


def test_a_change_on_another_node_just_before_one_here_is_still_seen(client, committed, page_cache, bureau, settings):
    settings.PAGE_CACHE_TOKEN_MS = 50
    mine = published(bureau, committed, title="本节点的通知")
    theirs = published(bureau, committed, title="另一节点的动态", category="work-news")  # not a neighbour of mine
    cached_twice(client, mine.get_absolute_url(), theirs.get_absolute_url())
    Item.objects.filter(pk=theirs.pk).update(title="另一节点改后的标题")
    another_node_bumps(item_tag(theirs.pk))
    mine.title = "本节点改后的标题"
    with committed():
        save_item(mine, None)  # a new epoch again: the other node's must not be taken as seen with it
    time.sleep(0.1)
    response = client.get(theirs.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "另一节点改后的标题" in response.content.decode()


def test_a_long_lived_process_does_not_remember_every_item_pages_token(item, settings, monkeypatch):
    from disclosure_portal import cache_tags

    settings.PAGE_CACHE_TOKEN_MS = 60_000
    monkeypatch.setattr(cache_tags, "REMEMBER_AT_MOST", 50)
    for pk in range(1, 400):
        current_tokens([item_tag(pk)])
        assert len(cache_tags._remembered) <= 50
    assert current_tokens([item_tag(399)]) == current_tokens([item_tag(399)])  # still read, and still the same
