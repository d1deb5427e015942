"""The 意见箱 in a real browser: a citizen writes from a page, staff answer and publish, everyone reads the answer.

The letter's name, phone and e-mail must never reach a public page; the phone typed into the letter itself
is hidden when it is published.
"""

import pytest
from playwright.sync_api import expect

from feedback.models import Message
from tests import support
from tests.test_journey_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_form_timing(settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0  # the same timing check as the application form


def _write(tab, screenshot, device: str) -> tuple[str, str]:
    tab.goto("/")
    tab.get_by_role("contentinfo").get_by_role("link", name="网站纠错").click()
    expect(tab.get_by_label("网站纠错")).to_be_checked()
    assert tab.get_by_label("有误的页面").input_value() == "/"
    tab.get_by_label("标题").fill("首页的联系电话有误")
    tab.get_by_label("内容").fill(f"首页底部的电话打不通，请核实。我的电话{support.PLANTED_PHONE}。")
    tab.get_by_label("姓名").fill("张三丰")
    tab.get_by_label("联系电话").fill(support.PLANTED_PHONE)
    tab.get_by_label("电子邮箱").fill(support.PLANTED_EMAIL)
    screenshot(tab, f"1-write-{device}")
    tab.get_by_role("button", name="提交").click()
    expect(tab.get_by_role("heading", name="留言已提交")).to_be_visible()
    tab.wait_for_load_state()  # the codes come after the heading: read them from the whole page
    screenshot(tab, f"2-sent-{device}")
    codes = tab.locator(".code-list dd").all_inner_texts()
    return codes[0], codes[1]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_citizen_writes_staff_answer_and_the_published_answer_shows_without_personal_data(
    request, chromium, live_server, screenshot, city, bureau, editor, device
):
    tab = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    number, code = _write(tab, screenshot, device)
    letter = Message.objects.get(number=number)
    assert letter.kind == "correction" and letter.organization == city, "a page of no body goes to the portal's own"
    Message.objects.filter(pk=letter.pk).update(organization=bureau)  # forwarded to the office that answers

    staff = log_in(chromium, live_server, "editor")
    staff.goto("/admin/")
    screenshot(staff, f"3-admin-home-{device}")
    staff.get_by_role("link", name="1 条留言待答复").click()
    staff.get_by_role("link", name=number).click()
    staff.get_by_role("textbox", name="答复:").fill("感谢指正，首页的联系电话已更正为0570-8000100。")
    staff.get_by_label("公开答复").check()
    screenshot(staff, f"3-answer-{device}")
    staff.get_by_role("button", name="保存", exact=True).click()
    expect(staff.locator(".messagelist")).to_be_visible()
    staff.context.close()

    tab.goto("/feedback/")
    tab.get_by_role("link", name="首页的联系电话有误").click()
    expect(tab.get_by_text("感谢指正，首页的联系电话已更正为0570-8000100。")).to_be_visible()
    assert "首页底部的电话打不通" in tab.content()
    screenshot(tab, f"4-published-{device}")
    for page_url in ("/feedback/", letter.get_absolute_url()):
        tab.goto(page_url)
        assert support.leaked_personal_data(tab.content()) == [] and "张三丰" not in tab.content(), page_url

    tab.goto("/feedback/lookup/")
    tab.get_by_label("留言编号").fill(number)
    tab.get_by_label("查询码").fill(code)
    tab.get_by_role("button", name="查询").click()
    expect(tab.get_by_text("感谢指正，首页的联系电话已更正为0570-8000100。")).to_be_visible()
