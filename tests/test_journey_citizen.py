"""A citizen in a real browser: home → catalog → filter → item → attachment; search; reader settings; a phone.

Every page the journey shows passes axe-core (WCAG 2.1 AA) and carries none of the personal data
planted in an application; test_accessibility_pages.py checks every public page in both contrast modes.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from catalog.models import Category, Item
from tests.conftest import PDF_BYTES, make_public_site, publish
from tests.support import leaked_personal_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site(city, bureau, editor):
    """Two items in different categories and years, one with a PDF; an application with planted personal data."""
    data = make_public_site(city, bureau)
    other_category = Category.objects.filter(parent__isnull=True).exclude(pk=data["category"].pk).first()
    other = Item.objects.create(
        organization=bureau,
        title="2025年城区义务教育招生工作方案",
        category=other_category,
        written_on=date(2025, 4, 1),
    )
    data["other"] = publish(other, date(2025, 4, 3))
    return data


def _check(tab, axe, visited: list[str]) -> None:
    """What every page of a journey must hold: no accessibility violation, no personal data."""
    axe(tab)
    assert not leaked_personal_data(tab.content()), tab.url
    visited.append(tab.url)


def test_citizen_finds_filters_reads_and_downloads_in_both_contrast_modes(a11y_page, axe, screenshot, site):
    tab, visited, item = a11y_page, [], site["item"]
    tab.goto("/")
    _check(tab, axe, visited)
    screenshot(tab, "1-home")
    tab.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开目录").click()
    _check(tab, axe, visited)
    tab.get_by_label("信息分类").select_option(label=site["category"].name)
    tab.get_by_label("发布年份").select_option("2026")
    tab.get_by_role("button", name="筛选").click()
    results = tab.locator(".catalog-results")
    assert item.title in results.inner_text() and site["other"].title not in results.inner_text()
    _check(tab, axe, visited)
    screenshot(tab, "2-filtered")
    tab.get_by_role("link", name=item.title).click()
    assert tab.get_by_role("heading", level=1).inner_text() == item.title
    _check(tab, axe, visited)
    screenshot(tab, "3-item")
    link = tab.get_by_role("link", name="开学安排.pdf")
    download = tab.request.get(link.get_attribute("href"))
    assert download.ok and download.headers["content-type"] == "application/pdf"
    assert download.body() == PDF_BYTES
    tab.get_by_role("link", name="高对比度").click()
    tab.goto(visited[2])
    assert "high-contrast" in tab.locator("body").get_attribute("class")
    axe(tab, "filtered catalog (high contrast)")  # every other page: test_accessibility_pages.py
    screenshot(tab, "4-filtered-high-contrast")


def test_citizen_searches_for_a_phrase_from_the_header(a11y_page, axe, screenshot, site):
    a11y_page.goto("/guide/")
    a11y_page.get_by_role("search").get_by_role("searchbox").fill("开学工作")
    a11y_page.get_by_role("search").get_by_role("button", name="搜索").click()
    assert site["item"].title in a11y_page.locator("main").inner_text()
    assert site["other"].title not in a11y_page.locator("main").inner_text()
    _check(a11y_page, axe, [])
    screenshot(a11y_page, "search-results")


def test_font_size_and_contrast_persist_across_pages(a11y_page, screenshot, site):
    a11y_page.goto("/")
    a11y_page.get_by_role("link", name="大", exact=True).click()
    a11y_page.get_by_role("link", name="高对比度").click()
    for name in ("政府信息公开目录", "依申请公开", "政府信息公开年报"):
        a11y_page.get_by_role("navigation", name="主导航").get_by_role("link", name=name).click()
        classes = a11y_page.locator("body").get_attribute("class")
        assert "font-large" in classes and "high-contrast" in classes, name
    size = a11y_page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 20, "the large setting makes body text at least 20 px"
    screenshot(a11y_page, "reports-large-high-contrast")


def test_the_same_journey_on_a_375_pixel_phone(phone_page, axe, screenshot, site):
    tab, item = phone_page, site["item"]
    tab.goto("/")
    tab.get_by_role("link", name="大", exact=True).click()
    tab.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开目录").click()
    expect(tab).to_have_url(re.compile(r"/catalog/$"))
    for step in (None, item.title):
        if step:
            tab.get_by_role("link", name=step, exact=True).click()
            expect(tab.get_by_role("heading", level=1)).to_have_text(step)
        assert tab.evaluate(OVERFLOW) <= 0, f"{tab.url} scrolls sideways on a phone"
        _check(tab, axe, [])
    screenshot(tab, "phone-item")
    tab.get_by_role("search").get_by_role("searchbox").fill("招生")
    tab.get_by_role("search").get_by_role("button", name="搜索").click()
    assert site["other"].title in tab.locator("main").inner_text()
    assert tab.evaluate(OVERFLOW) <= 0
    _check(tab, axe, [])
    screenshot(tab, "phone-search")
