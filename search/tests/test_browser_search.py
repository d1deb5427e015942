import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_header_box_leads_to_highlighted_results(page, screenshot, bureau, category):
    from search.tests.conftest import publish_item

    publish_item("关于做好乡村振兴工作的通知", organization=bureau, category=category, body="<p>全面推进乡村振兴。</p>")
    page.goto("/")
    page.fill("#site-search", "乡村振兴")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-hits mark").first.inner_text() == "乡村振兴"
    screenshot(page, "results")
