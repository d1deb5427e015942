"""The public catalog pages in a real browser: no CSP violation, no console error, no axe violation."""

import pytest

from catalog import demo
from catalog.models import Item, Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_paths(db):
    demo.load()
    item = Item.objects.published().filter(related__isnull=False, attachments__isnull=False).first()
    org = Organization.objects.filter(parent__isnull=False).first()
    return ["/", f"/?organization={org.pk}", "/catalog/", f"/catalog/?organization={org.pk}&year=2025",
            item.get_absolute_url(), f"/catalog/{item.pk}/print/", f"/guide/{org.pk}/"]  # fmt: skip


def test_catalog_pages_load_cleanly_under_the_csp(page, demo_paths, screenshot):
    problems = []
    # Failed loads are checked through the responses, which name the URL (Chromium's own /favicon.ico
    # request reports a 404 on the console without being one of the page's responses).
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )
    page.on("response", lambda response: response.status >= 400 and problems.append(response.url))
    for path in demo_paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
    screenshot(page, "guide")
    page.goto(demo_paths[4])
    assert page.locator("img.item-qr, .item-qr img").evaluate("img => img.naturalWidth") > 0
    screenshot(page, "item")
    page.goto("/catalog/")
    screenshot(page, "catalog")
    assert problems == []


def test_catalog_pages_pass_axe(chromium, live_server, demo_paths):
    from tests.conftest import axe_violations

    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", bypass_csp=True)
    tab = context.new_page()
    try:
        for path in demo_paths:
            tab.goto(path)
            assert axe_violations(tab) == [], path
    finally:
        context.close()
