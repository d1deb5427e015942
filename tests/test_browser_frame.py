"""The page frame in a real browser: preferences, keyboard use, focus, zoom and phone layout."""

import pytest

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
