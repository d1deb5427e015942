"""The page frame in a real browser: preferences, keyboard use, focus, zoom and phone layout."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/guide/", "/catalog/", "/search/?q=通知", "/apply/", "/apply/lookup/", "/reports/"]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  return {tag: document.activeElement.tagName, outline: parseFloat(s.outlineWidth) || 0, style: s.outlineStyle,
          shadow: s.boxShadow};
}"""


def test_font_size_switch_persists_across_pages_in_a_real_browser(page, screenshot, city):
    page.goto("/")
    page.get_by_role("link", name="大", exact=True).click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开指南").click()
    assert "font-large" in page.locator("body").get_attribute("class")
    screenshot(page, "guide-large-font")


def test_skip_link_is_the_first_stop_and_moves_to_the_content(page, city):
    page.goto("/catalog/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_focus_stop_of_the_frame_shows_a_visible_focus(page, city):
    page.goto("/")
    for _ in range(14):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert (focus["outline"] >= 2 and focus["style"] != "none") or focus["shadow"] != "none", focus


@pytest.mark.parametrize("width", [320, 640])
def test_pages_reflow_without_sideways_scrolling_at_zoom(page, public_site, width):
    """640 CSS pixels is a 1280-pixel screen at 200% zoom; 320 is WCAG 1.4.10's reflow width (400%)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/preferences/fontsize/large/")
    item, bureau = public_site["item"], public_site["item"].organization
    extra = [item.get_absolute_url(), f"/apply/{bureau.pk}/", "/reports/statistics/", f"/guide/{bureau.pk}/"]
    for path in PAGES + extra:
        page.goto(path)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at {width}px"


# Every page this work added or changed, as a citizen (and staff) see it on a desktop and on a 375-pixel phone.
CHANGED_PAGES = {
    "home": "/",
    "catalog": "/catalog/",
    "catalog-of-a-bureau": "/catalog/?organization={bureau}",
    "item": "{item}",
    "search": "/search/?q=开学",
    "site-map": "/sitemap/",
    "subscribe": "/subscribe/",
    "feedback": "/feedback/",
    "feedback-write": "/feedback/write/?kind=correction&page=/catalog/",
    "feedback-lookup": "/feedback/lookup/",
    "feedback-answer": "{letter}",
    "apply": "/apply/",
}


def _changed_pages(site) -> dict[str, str]:
    values = {"bureau": site["item"].organization.pk, "item": site["item"].get_absolute_url()}
    values["letter"] = site["letter"].get_absolute_url()
    return {name: url.format(**values) for name, url in CHANGED_PAGES.items()}


@pytest.fixture
def site(public_site):
    from tests.test_accessibility_pages import answered_letter

    return {**public_site, "letter": answered_letter(public_site["item"].organization)}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_new_or_changed_page_fits_the_screen(request, site, screenshot, device):
    tab = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    for name, url in _changed_pages(site).items():
        tab.goto(url)
        assert tab.evaluate(OVERFLOW) <= 0, f"{url} scrolls sideways on a {device}"
        assert tab.locator("h1").count() == 1, url
        screenshot(tab, f"{name}-{device}")


def test_the_catalog_tree_shows_its_counts_beside_the_list_on_a_desktop(page, site, screenshot):
    page.goto("/catalog/")
    index_number = page.locator(".catalog-table td.index-number").first
    lines = "cell => { const text = new Range(); text.selectNodeContents(cell); return text.getClientRects(); }"
    assert len(index_number.evaluate(lines)) == 1, "the 索引号 stays on one line"
    tree = page.get_by_role("navigation", name="目录导航")
    assert tree.is_visible() and not page.locator(".catalog-tree-fold > summary").is_visible()
    category = site["category"]
    link = tree.get_by_role("link", name=re.compile(rf"^{category.name} "))
    assert link.locator(".count").inner_text() == "1"
    link.click()
    expect(page.get_by_role("heading", name="共 1 条")).to_be_visible()
    assert tree.get_by_role("link", name=re.compile(rf"^{category.name} ")).get_attribute("aria-current") == "page"
    screenshot(page, "tree-chosen")


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_tree_and_the_filters_fold_behind_one_button_each(
    chromium, live_server, site, screenshot, javascript
):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    tab = context.new_page()
    try:
        tab.goto("/catalog/")
        tree, filters = tab.locator(".catalog-tree"), tab.locator(".catalog-filters")
        assert not tree.is_visible() and not filters.is_visible()
        first_row = tab.locator(".catalog-table tbody tr").first.bounding_box()
        assert first_row["y"] < 740, "the first result is on the first screen"
        screenshot(tab, f"catalog-folded-{'js' if javascript else 'nojs'}")
        tab.get_by_text("按信息分类和发布机构浏览").click()
        assert tree.is_visible() and tree.get_by_role("link", name=re.compile("^全部分类 ")).is_visible()
        tab.get_by_text("筛选条件").click()
        assert filters.is_visible()
        screenshot(tab, f"catalog-unfolded-{'js' if javascript else 'nojs'}")
    finally:
        context.close()


def test_on_a_phone_the_item_s_title_comes_first_and_its_properties_fold(phone_page, page, site, screenshot):
    url = site["item"].get_absolute_url()
    phone_page.goto(url)
    title = phone_page.locator("h1").bounding_box()
    assert title["y"] + title["height"] < 740, "the title is on the first screen, not after the properties"
    assert not phone_page.locator(".item-meta").is_visible()
    phone_page.locator(".item-meta-fold > summary").click()
    table = phone_page.locator(".item-meta")
    assert table.is_visible()
    row = table.locator("tr").first.bounding_box()
    assert row["height"] < 120, "name and value side by side, two pairs in two lines"
    screenshot(phone_page, "item-properties-unfolded")
    page.goto(url)
    assert page.locator(".item-meta").is_visible(), "on a desktop the table shows at once"


def test_on_a_phone_the_search_facets_and_conditions_fold(phone_page, page, site, screenshot):
    phone_page.goto("/search/?q=开学")
    assert not phone_page.locator(".search-facets").is_visible()
    assert phone_page.locator(".search-hits li").first.bounding_box()["y"] < 740
    phone_page.get_by_text("按机构、分类、年份、文种缩小范围").click()
    assert phone_page.locator(".search-facets").is_visible()
    screenshot(phone_page, "search-facets-unfolded")
    page.goto("/search/?q=开学")
    facets = page.get_by_role("navigation", name="缩小范围")
    assert facets.is_visible() and facets.get_by_role("link", name=re.compile("2026年 1")).is_visible()


def test_the_page_tags_carry_the_site_s_and_the_item_s_values(page, site, settings):
    settings.PORTAL_SITE_CODE = "3309000001"
    item = site["item"]
    page.goto(item.get_absolute_url())
    tags = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('meta[name]')].map(m => [m.name, m.content]))"
    )
    assert tags["SiteIDCode"] == "3309000001" and tags["SiteName"] == "政府信息公开平台"
    assert tags["SiteDomain"] in ("localhost", "127.0.0.1")
    assert (tags["ArticleTitle"], tags["ContentSource"]) == (item.title, item.organization.name)
    assert tags["PubDate"].startswith("2026-02-12") and tags["ColumnName"] == item.category.name
    page.goto("/catalog/")
    tags = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('meta[name]')].map(m => [m.name, m.content]))"
    )
    assert (tags["ColumnName"], tags["ColumnType"]) == ("政府信息公开目录", "政府信息公开目录")
    assert "ArticleTitle" not in tags


def test_the_html_site_map_leads_to_every_column(page, site, screenshot):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="网站地图").click()
    expect(page.get_by_role("heading", name="网站地图", level=1)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="信息公开意见箱").click()
    expect(page.get_by_role("heading", name="信息公开意见箱", level=1)).to_be_visible()


def test_on_a_phone_each_feed_s_rss_and_atom_links_stay_on_one_line(phone_page, site):
    phone_page.goto("/subscribe/")
    rows = phone_page.locator(".feed-table tbody tr")
    assert rows.count() > 3
    for row in rows.all():
        rss, atom = (row.get_by_role("link").nth(index).bounding_box() for index in (0, 1))
        assert rss and atom and rss["y"] == atom["y"], row.inner_text()
