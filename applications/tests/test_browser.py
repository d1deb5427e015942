"""End to end in headless Chromium: a citizen files, staff confirm and answer, the citizen downloads the reply."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from applications.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_form_timing(settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0


def _file_application(page, bureau) -> tuple[str, str]:
    page.goto(f"/apply/{bureau.pk}/")
    page.get_by_label("自然人").check()
    page.locator("#id_applicant_name").fill("李四")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.locator("#id_phone").fill("13912345678")
    page.get_by_label("电子邮箱").fill("lisi@example.com")
    page.get_by_label("所需信息名称").fill("2025年城区学校招生计划")
    page.get_by_label("所需信息的特征性描述").fill("城区公办小学招生计划及学区划分文件")
    page.locator("input[name='delivery_form'][value='email']").check()
    page.locator("input[name='delivery_method'][value='email']").check()
    page.get_by_label("我同意本机关为办理本申请处理上述个人信息").check()
    page.get_by_role("button", name="提交申请").click()
    return page.locator("#application-number").inner_text(), page.locator("#lookup-code").inner_text()


def _log_in(page, user, base_url: str) -> None:
    """A staff session made by Django's test client, handed to the browser (the login form is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def _staff_answers(page, application: Application, tmp_path) -> None:
    page.goto(f"/admin/applications/application/{application.pk}/process/")
    page.locator("#step-confirm input[type='submit']").click()
    assert page.locator("#state").inner_text() == "办理中"
    letter = tmp_path / "reply.pdf"
    letter.write_bytes(b"%PDF-1.4 reply to the citizen")
    page.locator("#id_reply-outcome").select_option("1")
    page.locator("#id_reply-reply_type").select_option("provided")
    page.locator("#id_reply-letter").set_input_files(str(letter))
    page.locator("#step-reply input[type='submit']").click()
    assert page.locator("#state").inner_text() == "已答复"


def test_citizen_files_staff_answer_citizen_downloads_the_reply(
    page, screenshot, live_server, bureau, editor, tmp_path
):
    number, code = _file_application(page, bureau)
    screenshot(page, "codes")
    _log_in(page, editor, live_server.url)
    _staff_answers(page, Application.objects.get(number=number), tmp_path)
    screenshot(page, "staff-replied")
    page.context.clear_cookies()
    page.goto("/apply/lookup/")
    page.get_by_label("受理编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator("#application-state").inner_text() == "已答复"
    screenshot(page, "lookup")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载答复书").click()
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 reply to the citizen"


@pytest.fixture
def nojs(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def test_without_javascript_errors_stand_next_to_fields_and_typing_is_kept(nojs, screenshot, bureau, tmp_path):
    proof = tmp_path / "id.png"
    proof.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    nojs.goto(f"/apply/{bureau.pk}/")
    assert nojs.locator("#id_org_name").is_visible()  # both applicant groups are shown without JavaScript
    nojs.locator("#id_applicant_name").fill("李四")
    nojs.locator("#id_id_number").fill("110105194912310021")
    nojs.locator("#id_identity_proof").set_input_files(str(proof))
    nojs.get_by_role("button", name="提交申请").click()
    assert "校验码" in nojs.locator(".field-error").filter(has=nojs.locator("#id_id_number")).inner_text()
    assert nojs.locator("#id_applicant_name").input_value() == "李四"
    assert nojs.get_by_text("请重新选择该文件").is_visible()
    screenshot(nojs, "errors")
