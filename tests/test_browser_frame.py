import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_font_size_switch_persists_across_pages_in_a_real_browser(page, screenshot, city):
    page.goto("/")
    page.get_by_role("link", name="大", exact=True).click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开指南").click()
    assert "font-large" in page.locator("body").get_attribute("class")
    screenshot(page, "guide-large-font")
