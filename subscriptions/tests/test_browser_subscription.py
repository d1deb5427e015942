"""The round trip in a real browser: subscribe, confirm from the mail, get the digest, unsubscribe from it."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from subscriptions.models import Subscription
from tests.conftest import axe_violations
from tests.factories import new_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(message, path: str) -> str:
    return re.search(rf"https?://\S+{path}[^/\s]+/", message.body).group(0)


def no_violations(tab, label: str) -> None:
    assert axe_violations(tab) == [], label


def test_subscribe_confirm_digest_unsubscribe(chromium, live_server, settings, bureau, screenshot):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    for width in (1280, 375):
        context = chromium.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": width, "height": 900}, bypass_csp=True
        )
        tab = context.new_page()
        try:
            round_trip(tab, live_server, settings, bureau, screenshot, f"reader{width}@example.org", width)
        finally:
            context.close()


def round_trip(tab, live_server, settings, bureau, screenshot, email: str, width: int) -> None:
    mail.outbox.clear()
    tab.goto("/subscribe/")
    tab.click("text=用电子邮件订阅")
    no_violations(tab, f"form at {width}")
    tab.select_option("#id_category", label="通知公告")
    tab.fill("#id_email", email)
    tab.click("button:has-text('订阅')")
    assert tab.locator("h1").inner_text() == "请查收确认邮件"
    assert not Subscription.objects.filter(email=email).exists()

    tab.goto(link_in(mail.outbox[-1], "/subscriptions/confirm/"))
    no_violations(tab, f"confirmation at {width}")
    tab.click("button:has-text('确认订阅')")
    assert tab.locator("h1").inner_text() == "订阅成功"
    screenshot(tab, f"confirmed-{width}")

    new_item(bureau, title=f"关于{width}号文件的通知", on=timezone.localdate())
    settings.PORTAL_BASE_URL = live_server.url
    call_command("send_subscription_digests")
    digest = mail.outbox[-1]
    assert digest.to == [email] and f"关于{width}号文件的通知" in digest.body

    tab.goto(link_in(digest, "/subscriptions/unsubscribe/"))
    no_violations(tab, f"unsubscribe at {width}")
    tab.click("button:has-text('确认退订')")
    assert tab.locator("h1").inner_text() == "已退订"
    assert not Subscription.objects.filter(email=email).exists()
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
