"""Pages about the site: the HTML site map and the feeds explained."""

import re

from catalog.models import Category


def test_the_html_site_map_links_every_column_category_and_organization(client, city, bureau):
    page = client.get("/sitemap/").content.decode()
    for label, url in (
        ("政府信息公开目录", "/catalog/"),
        ("依申请公开", "/apply/"),
        ("统计数据", "/reports/statistics/"),
        ("信息公开意见箱", "/feedback/"),
        ("订阅", "/subscribe/"),
    ):
        assert re.search(rf'<a href="{url}">{label}</a>', page), label
    for category in Category.objects.all():
        assert f'<a href="/catalog/?category={category.pk}">{category.name}</a>' in page
    assert f'<a href="/catalog/?organization={bureau.pk}">{bureau.name}</a>' in page


def test_the_footer_links_the_html_pages_not_raw_xml(client, city):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/sitemap/"' in footer and 'href="/subscribe/"' in footer
    assert ".xml" not in footer and "/feeds/" not in footer


def test_the_subscribe_page_explains_the_feeds_and_gives_each_address(client, city, bureau):
    page = client.get("/subscribe/").content.decode()
    assert "RSS 阅读器" in page and "http://testserver/feeds/rss/" in page and "http://testserver/feeds/atom/" in page
    notices = Category.objects.get(slug="notices")
    assert (
        f'href="/feeds/category/{notices.slug}/rss/">RSS<span class="visually-hidden">：{notices.name}</span>' in page
    )
    assert f'href="/feeds/organization/{bureau.pk}/atom/">Atom' in page


def test_feed_addresses_use_the_configured_base_address(client, city, settings):
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn"
    assert "https://gk.example.gov.cn/feeds/rss/" in client.get("/subscribe/").content.decode()
