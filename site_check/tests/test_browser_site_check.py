"""The self-check page in a real browser, at desktop width and on a 375-pixel phone: readable, no axe violation."""

import json
from datetime import date

import pytest
from playwright.sync_api import expect

from catalog.models import Membership
from conftest import make_staff
from feedback.models import Message
from tests.conftest import axe_violations
from tests.factories import new_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inspected(city, bureau, other_bureau):
    new_item(bureau, category="work-news", on=date(2026, 1, 2))
    new_item(
        other_bureau,
        title="一份成文很久却没发布的通知，标题很长很长很长很长很长很长",
        on=date(2025, 6, 2),
        publish=False,
    )
    Message.objects.create(organization=bureau, number="LY2025-000007", title="建议", body="请公开", name="张三丰",
                           received_on=date(2025, 11, 3))  # fmt: skip
    return make_staff("city-reviewer", city, Membership.Role.REVIEWER)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_self_check_page_reads_at_any_width(chromium, live_server, inspected, city, width, screenshot):
    context = chromium.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": width, "height": 900}, bypass_csp=True
    )
    tab = context.new_page()
    try:
        tab.goto("/admin/login/?next=/admin/")
        tab.fill("#id_username", "city-reviewer")
        tab.fill("#id_password", "correct-horse-battery")
        tab.click("input[type=submit]")
        tab.click("#site-check-link >> text=示范市人民政府")
        expect(tab.locator("section.site-check h2")).to_have_text(["示范市人民政府", "示范市教育局", "示范市民政局"])
        failed = tab.locator(f"#organization-{city.pk} li.state-failed").first.inner_text()
        assert failed.startswith("不合格")
        assert tab.locator("text=意见箱留言 LY2025-000007").count() == 1
        screenshot(tab, f"site-check-{width}")
        violations = axe_violations(tab)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()
