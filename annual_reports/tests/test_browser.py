"""In a real browser: staff generate, edit, check and publish a report; a citizen finds it and downloads the PDF."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader

from annual_reports.models import AnnualReport

from .conftest import WRITTEN, make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PROMPT = r"（请补充[^）]*）"
PUBLISHING_MS = 90_000


def log_in(page, user, live_server) -> None:
    """A session made by Django's test client, handed to the browser (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto("/admin/annual_reports/annualreport/")


def edit_problems(page, text: str) -> None:
    """Type into section 五's rich-text editor (or its plain textarea when the editor is not installed)."""
    editor = page.locator(".field-problems [contenteditable=true]")
    if editor.count():
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(text)
    else:
        page.locator("#id_problems").fill(f"<p>{text}</p>")


def test_staff_publish_a_report_and_a_citizen_downloads_its_pdf(
    page, chromium, live_server, screenshot, editor, reviewer
):
    make_application(reviewer.memberships.get().organization, date(2025, 3, 3), date(2025, 3, 20), "1")
    log_in(page, editor, live_server)
    page.get_by_role("link", name="生成年度报告").click()
    page.select_option("#id_organization", label="示范市教育局")
    page.fill("#id_year", "2025")
    page.get_by_role("button", name="生成草稿").click()
    expect(page.locator(".field-overview")).to_contain_text("本年度，本机关共收到政府信息公开申请1件")
    expect(page.locator(".report-checks")).to_contain_text("第二部分以下数据尚未填写")
    screenshot(page, "staff-draft-checks")

    for field in ("licensing_decisions", "penalty_decisions", "enforcement_decisions"):
        page.fill(f"#id_{field}", "3")
    page.fill("#id_admin_fees_wan", "12.5")
    edit_problems(page, "下一步将加强答复文书的规范化。")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("成功修改")
    # The prompts the editor would write over one by one in the editor, written over at once here.
    report = AnnualReport.objects.get()
    AnnualReport.objects.filter(pk=report.pk).update(
        overview=re.sub(PROMPT, WRITTEN, report.overview), problems=re.sub(PROMPT, WRITTEN, report.problems)
    )

    log_in(page, reviewer, live_server)
    page.goto(f"/admin/annual_reports/annualreport/{report.pk}/change/")
    expect(page.locator(".report-checks")).not_to_contain_text("必须处理")
    screenshot(page, "staff-checks")
    page.get_by_role("button", name="发布年度报告…").click()
    expect(page.locator(".publish-warning")).to_contain_text("发布不能撤销")
    screenshot(page, "publish-confirmation")
    # Publishing renders every format once (the PDF takes seconds on a busy machine).
    page.get_by_role("button", name="确认发布（不可撤销）").click(timeout=PUBLISHING_MS)
    expect(page.locator(".messagelist")).to_contain_text("年度报告已发布", timeout=PUBLISHING_MS)

    citizen = chromium.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    citizen.goto("/catalog/")
    citizen.get_by_role("link", name="示范市教育局2025年政府信息公开工作年度报告").first.click()
    screenshot(citizen, "catalog-item")
    link = citizen.get_by_role("link", name="示范市教育局2025年政府信息公开工作年度报告.pdf")
    # The catalog serves PDFs inline (the browser would show them): fetch the link as the citizen's browser would.
    response = citizen.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.body())).pages).replace("\n", "")
    assert "三、收到和处理政府信息公开申请情况" in text and "下一步将加强答复文书的规范化" in text
    citizen.context.close()
