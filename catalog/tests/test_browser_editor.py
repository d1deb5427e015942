"""The rich-text editor in the admin, in a real browser under the portal's CSP."""

import pytest
from django.conf import settings
from django.test import Client

from catalog.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_editor_starts_under_the_csp_and_saves_a_heading_list_and_table(page, live_server, editor, bureau, screenshot):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    logged_in(page, live_server, editor)
    page.goto("/admin/catalog/item/add/")
    editable = page.locator(".ProseMirror[contenteditable=true]")
    editable.wait_for()
    editable.click()
    page.keyboard.type("## 第一部分")
    page.keyboard.press("Enter")
    page.keyboard.type("- 第一项")
    screenshot(page, "item-editor")
    page.fill("#id_title", "浏览器里写的通知")
    page.select_option("#id_organization", str(bureau.pk))
    page.select_option("#id_category", label="通知公告")
    page.fill("#id_written_on", "2025-04-01")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/catalog/item/")
    body = Item.objects.get().body
    assert "<h2>第一部分</h2>" in body and "<li><p>第一项</p></li>" in body
    assert violations == []
