"""End to end in headless Chromium: a citizen files, staff confirm and answer, the citizen downloads the reply."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from applications.models import Application
from catalog.workdays import current_calendar

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


def _events(tab) -> list[str]:
    return [cell.strip() for cell in tab.locator("table").last.locator("tbody tr td:nth-child(2)").all_inner_texts()]


def test_the_whole_trail_citizen_staff_correction_partial_reply_download(
    page, chromium, screenshot, live_server, bureau, editor, mailoutbox, tmp_path
):
    """Citizen files → staff confirm → staff ask 补正 (mail sent, citizen sees what and by when) → citizen answers
    online → staff reply 部分公开 after previewing the letter → citizen downloads the letter."""
    number, code = _file_application(page, bureau)
    screenshot(page, "1-codes")
    application = Application.objects.get(number=number)
    assert [m.to for m in mailoutbox] == [["lisi@example.com"]] and code in mailoutbox[0].body

    staff_context = chromium.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    staff = staff_context.new_page()
    _log_in(staff, editor, live_server.url)
    staff.goto(f"/admin/applications/application/{application.pk}/process/")
    staff.locator("#step-confirm input[type='submit']").click()
    assert staff.locator("#state").inner_text() == "办理中"
    staff.locator("#id_correction-note").fill("请写明所需招生计划的学年")
    staff.locator("#id_correction-period_days").fill("10")
    staff.locator("#step-correction input[type='submit']").click()
    assert staff.locator("#state").inner_text() == "待补正"
    application.refresh_from_db()
    due = current_calendar().add_workdays(application.correction_requested_on, 10)
    due_text = f"{due.year}年{due.month}月{due.day}日"
    correction_mail = mailoutbox[-1]
    assert "请写明所需招生计划的学年" in correction_mail.body and f"请于{due_text}前补正" in correction_mail.body
    screenshot(staff, "2-staff-asked-correction")

    page.goto("/apply/lookup/")
    page.get_by_label("受理编号").fill(number.lower().replace("-", ""))  # typed sloppily: still found
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator("#correction-what").inner_text() == "请写明所需招生计划的学年"
    assert f"请于{due_text}前补正" in page.locator("#correction-due").inner_text()
    screenshot(page, "3-citizen-sees-correction")
    attachment = tmp_path / "说明.pdf"
    attachment.write_bytes(b"%PDF-1.4 school year 2025-2026")
    page.get_by_label("补正内容").fill("需要2025—2026学年的招生计划。")
    page.locator("#id_files").set_input_files(str(attachment))
    page.get_by_role("button", name="提交补正").click()
    assert "补正已提交" in page.locator(".messages").inner_text()
    assert page.locator("#application-state").inner_text() == "办理中"
    screenshot(page, "4-citizen-corrected")

    staff.goto(f"/admin/applications/application/{application.pk}/process/")
    assert "需要2025—2026学年的招生计划。" in staff.locator("#corrections").inner_text()
    staff.locator("#id_reply-outcome").select_option("2")
    staff.locator("#id_reply-reason").fill("招生计划中涉及个人信息的部分依照条例第十五条不予公开，其余部分予以提供。")
    staff.locator("#step-reply input[type='submit']").click()
    preview = staff.locator("#letter-preview").inner_text()
    assert "您提出的政府信息公开申请" in preview and "部分公开" in preview and "依申请公开〔" in preview
    screenshot(staff, "5-staff-previews-letter")
    staff.locator("#confirm").click()
    expect(staff.locator("#state")).to_have_text("已答复")  # the old page has a #state too: wait for the new one
    staff.wait_for_load_state()
    staff_events = [cell.strip() for cell in staff.locator("#events tbody td:nth-child(2)").all_inner_texts()]
    staff_context.close()

    page.goto(f"/apply/lookup/{number}/")
    assert page.locator("#application-state").inner_text() == "已答复"
    assert page.locator("#outcome").inner_text() == "部分公开"
    trail = ["提交申请", "确认受理", "补正告知", "补正收到", "答复"]
    assert [event.split("（")[0] for event in _events(page)] == trail
    assert staff_events == trail
    notices = page.locator("#notices h3").all_inner_texts()
    assert [notice.split(" ")[0] for notice in notices] == ["受理通知", "补正告知", "补正收到", "答复"]
    screenshot(page, "6-citizen-replied")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载答复书").click()
    assert download.value.suggested_filename == f"{number}-答复书.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    assert [m.to for m in mailoutbox][-1] == ["lisi@example.com"] and mailoutbox[-1].attachments


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
