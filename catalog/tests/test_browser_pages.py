"""The public catalog pages in a real browser: no CSP violation, no console error, no axe violation."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.demo import _pdf
from catalog.models import GuideEdition
from catalog.services import add_attachment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_paths(make_item, bureau):
    document = make_item(bureau, state="published", title="关于规范养老服务补贴的通知", category="normative-documents")
    add_attachment(document, SimpleUploadedFile("附件1.pdf", _pdf("x")), None)
    explainer = make_item(bureau, state="published", title="养老服务补贴政策解读", category="policy-interpretation")
    explainer.related.add(document)
    GuideEdition.objects.create(
        state=GuideEdition.State.PUBLISHED, organization=bureau, effective_on=date(2024, 1, 1), introduction="总则"
    )
    return ["/", f"/?organization={bureau.pk}", "/catalog/", f"/catalog/?organization={bureau.pk}&year=2025",
            document.get_absolute_url(), f"/catalog/{document.pk}/print/", f"/guide/{bureau.pk}/"]  # fmt: skip


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
        for path in demo_paths[0::2]:  # one of each kind of page
            tab.goto(path)
            assert axe_violations(tab) == [], path
    finally:
        context.close()


def test_catalog_pages_reflow_at_320_pixels_with_large_type(page, demo_paths):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/preferences/fontsize/large/")
    for path in demo_paths:
        page.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways"
