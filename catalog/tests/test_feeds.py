import pytest


@pytest.fixture
def items(make_item, bureau, other_bureau):
    return {
        "notice": make_item(bureau, state="published", title="教育局公告"),
        "news": make_item(other_bureau, state="published", title="民政局动态", category="work-news"),
        "draft": make_item(bureau, title="未发布的草稿"),
    }


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_site_feeds_list_published_items_only(client, items, url):
    body = client.get(url).content.decode()
    assert "教育局公告" in body and "民政局动态" in body and "未发布的草稿" not in body


def test_atom_and_rss_have_their_content_types(client, items):
    assert client.get("/feeds/rss/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/feeds/atom/")["Content-Type"].startswith("application/atom+xml")


def test_category_feed_keeps_to_its_category(client, items):
    body = client.get("/feeds/category/work-news/rss/").content.decode()
    assert "民政局动态" in body and "教育局公告" not in body


def test_organization_feed_includes_its_departments(client, items, city, bureau):
    assert "教育局公告" in client.get(f"/feeds/organization/{city.pk}/atom/").content.decode()
    body = client.get(f"/feeds/organization/{bureau.pk}/atom/").content.decode()
    assert "教育局公告" in body and "民政局动态" not in body


def test_unknown_feed_is_404(client, db):
    assert client.get("/feeds/category/no-such-thing/rss/").status_code == 404


def test_sitemap_lists_published_items_and_robots_points_to_it(client, items):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-items.xml" in index
    body = client.get("/sitemap-items.xml").content.decode()
    assert items["notice"].get_absolute_url() in body and items["draft"].get_absolute_url() not in body
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots


def test_filtered_catalog_advertises_the_category_feed(client, items):
    category = items["news"].category
    html = client.get(f"/catalog/?category={category.pk}").content.decode()
    assert f'href="/feeds/category/{category.slug}/atom/"' in html


@pytest.mark.parametrize("extra", [0, 10])
def test_feed_query_count_is_constant(client, make_item, bureau, django_assert_num_queries, extra):
    for n in range(extra):
        make_item(bureau, state="published", title=f"订阅{n}")
    with django_assert_num_queries(1):
        client.get("/feeds/atom/")


def test_rss_dates_are_the_publication_dates_not_the_review_times(client, make_item, bureau):
    from datetime import date

    from django.utils.feedgenerator import rfc2822_date

    from catalog.feeds import publication_moment

    item = make_item(
        bureau, state="published", title="补录的旧公告", written_on=date(2024, 5, 6), published_on=date(2024, 5, 8)
    )
    assert item.reviewed_at.date() != date(2024, 5, 8), "approved today, published on 8 May 2024"
    body = client.get("/feeds/rss/").content.decode()
    assert f"<pubDate>{rfc2822_date(publication_moment(item))}</pubDate>" in body
    assert "Wed, 08 May 2024 00:00:00 +0800" in body
