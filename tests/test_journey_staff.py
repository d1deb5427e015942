"""Staff in a real browser: an editor logs in and drafts an item, a reviewer publishes it, citizens find it.

Answering an application and the annual report's generate-check-publish-download journey are in
applications/tests/test_browser.py and annual_reports/tests/test_browser.py.
"""

import pytest
from playwright.sync_api import expect

from catalog.models import Category, Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
TITLE = "关于开展2026年全民健身月活动的通知"


@pytest.fixture
def staff(city, bureau, editor, reviewer):
    return {"editor": editor, "reviewer": reviewer, "bureau": bureau}


def log_in(chromium, live_server, username: str):
    """A fresh browser of one staff member, logged in through the real login form."""
    tab = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = tab.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/?next=/admin/catalog/item/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/catalog/item/")
    return page


def test_editor_drafts_reviewer_publishes_and_citizens_find_it(chromium, live_server, page, screenshot, staff):
    editor = log_in(chromium, live_server, "editor")
    editor.goto("/admin/catalog/item/add/")
    editor.select_option("#id_organization", str(staff["bureau"].pk))
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "全民健身月活动安排。")
    editor.select_option("#id_category", label="通知公告")
    editor.fill("#id_written_on", "2026-03-02")
    editor.get_by_role("button", name="提交保密审查").click()
    expect(editor.locator(".messagelist")).to_be_visible()
    item = Item.objects.get(title=TITLE)
    assert item.state == Item.State.SUBMITTED and item.submitted_by == staff["editor"]
    assert not editor.get_by_role("button", name="审核通过并发布…").count(), "an editor cannot publish"
    screenshot(editor, "1-editor-submitted")
    editor.context.close()

    reviewer = log_in(chromium, live_server, "reviewer")
    reviewer.goto(f"/admin/catalog/item/{item.pk}/change/")
    reviewer.get_by_role("button", name="审核通过并发布…").click()
    expect(reviewer.locator("#consequence")).to_contain_text("分配不可更改的索引号")
    reviewer.get_by_role("button", name="确认审核通过并发布").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("已完成")
    item.refresh_from_db()
    assert item.state == Item.State.PUBLISHED and item.index_number.startswith(staff["bureau"].code + "/")
    screenshot(reviewer, "2-reviewer-published")
    reviewer.context.close()

    page.goto("/catalog/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("main")).to_contain_text(item.index_number)
    screenshot(page, "3-citizen-item")
    assert TITLE in page.request.get("/feeds/atom/").text()
    assert TITLE in page.request.get("/feeds/rss/").text()
    page.goto("/search/?q=全民健身")
    expect(page.locator("main")).to_contain_text(TITLE)
    screenshot(page, "4-citizen-search")


def test_a_draft_stays_invisible_to_citizens(page, staff):
    category = Category.objects.first()
    item = Item.objects.create(
        organization=staff["bureau"], title=TITLE, category=category, written_on="2026-03-02", state="submitted"
    )
    assert page.goto(f"/catalog/{item.pk}/").status == 404
    page.goto("/catalog/")
    expect(page.locator("main")).not_to_contain_text(TITLE)
    assert TITLE not in page.request.get("/feeds/atom/").text()
