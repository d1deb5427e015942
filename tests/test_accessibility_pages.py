"""axe-core (WCAG 2.1 A and AA) on every public page and form, in normal and high-contrast modes.

The pages are listed from the URL configuration's public names, so a new public page without a
place here fails `test_every_public_page_is_checked`.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from annual_reports.models import AnnualReport
from annual_reports.services import generate_report
from subscriptions.services import confirmation_token
from tests import support
from tests.conftest import make_public_site
from tests.support import walk_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Public URL names that are not HTML pages for people (feeds, sitemaps, files, redirects).
NOT_PAGES = {
    "set_preference",
    "catalog:item_qr",
    "catalog:attachment",
    "catalog:feed_rss",
    "catalog:feed_atom",
    "catalog:category_rss",
    "catalog:category_atom",
    "catalog:organization_rss",
    "catalog:organization_atom",
    "catalog:sitemap",
    "catalog:sitemap_section",
    "catalog:robots",
    "applications:reply_letter",
    "applications:receipt_pdf",
    "applications:correct",  # takes POST only
    # open data: JSON and CSV, no HTML (its documentation page, open_data:docs, is checked)
    "open_data:api-root",
    "open_data:openapi-json",
    "open_data:items",
    "open_data:item",
    "open_data:organizations",
    "open_data:categories",
    "open_data:topics",
    "open_data:organization_reports",
    "open_data:annual_report",
    "open_data:statistics",
    "open_data:export_items_csv",
    "open_data:export_items_json",
    "open_data:export_statistics_csv",
    # The applicant's session pages: checked in test_the_lookup_status_page_passes_axe.
    "applications:status",
    "applications:receipt",
    "annual_reports:download",
}


def public_pages(site: dict) -> dict[str, str]:
    """URL name -> a URL of that page, on the objects of `site`."""
    item, bureau, report = site["item"], site["item"].organization, site["report"]
    return {
        "catalog:home": "/",
        "catalog:guide": "/guide/",
        "catalog:guide_for": reverse("catalog:guide_for", args=[bureau.pk]),
        "catalog:item_list": "/catalog/?year=2026",
        "catalog:item_detail": item.get_absolute_url(),
        "catalog:item_print": reverse("catalog:item_print", args=[item.pk]),
        "search:results": "/search/?q=开学",
        "applications:index": "/apply/",
        "applications:apply": reverse("applications:apply", args=[bureau.pk]),
        "applications:submitted": "/apply/submitted/",
        "applications:lookup": "/apply/lookup/",
        "annual_reports:index": "/reports/",
        "annual_reports:detail": reverse("annual_reports:detail", args=[report.pk]),
        "annual_reports:print": reverse("annual_reports:print", args=[report.pk]),
        "annual_reports:statistics": "/reports/statistics/",
        "annual_reports:organization_statistics": reverse("annual_reports:organization_statistics", args=[bureau.code]),
        "catalog:site_map": "/sitemap/",
        "catalog:subscribe": "/subscribe/",
        "feedback:index": "/feedback/",
        "feedback:write": "/feedback/write/?kind=correction&page=/catalog/",
        "feedback:sent": "/feedback/sent/",
        "feedback:lookup": "/feedback/lookup/",
        "feedback:detail": site["letter"].get_absolute_url(),
        "open_data:docs": "/api/v1/",
        "subscriptions:subscribe": f"/subscriptions/?organization={bureau.pk}",
        "subscriptions:sent": "/subscriptions/sent/",
        "subscriptions:confirm": reverse("subscriptions:confirm", args=[confirmation_token("a11y@example.org", "{}")]),
        "subscriptions:unsubscribe": reverse("subscriptions:unsubscribe", args=["no-such-key"]),
        "search:results (facets)": "/search/?q=开学&organization=" + str(bureau.pk),
        "404": "/no-such-page/",
    }


@pytest.fixture
def site(city, bureau, editor):
    data = make_public_site(city, bureau)
    report = generate_report(bureau, 2025)
    AnnualReport.objects.filter(pk=report.pk).update(state=AnnualReport.State.PUBLISHED)
    data["report"] = report
    data["letter"] = answered_letter(bureau)
    return data


def answered_letter(organization):
    """A letter to the 意见箱 with a published answer, its personal data planted."""
    from feedback import services

    letter, _code = services.receive(
        {
            "organization": organization,
            "title": "建议公开食堂检查结果",
            "body": f"希望公开学校食堂检查结果。电话{support.PLANTED_PHONE}。",
            "name": "张三丰",
            "phone": support.PLANTED_PHONE,
            "email": support.PLANTED_EMAIL,
        }
    )
    return services.answer(letter, "将每季度公开一次检查结果。", None, publish=True)


def test_every_public_page_is_checked():
    public = {r.name for r in walk_routes() if not r.is_staff} - NOT_PAGES
    listed = _names_in_source()
    assert not public - listed, f"public pages without an axe check: {sorted(public - listed)}"


def _names_in_source() -> set[str]:
    import inspect
    import re

    return set(re.findall(r'"([a-z_]+:[a-z_]+)"', inspect.getsource(public_pages)))


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_every_public_page_and_form_passes_axe(a11y_page, axe, site, contrast):
    a11y_page.goto(f"/preferences/contrast/{contrast}/")
    for name, url in public_pages(site).items():
        a11y_page.goto(url)
        axe(a11y_page, f"{name} {url} ({contrast})")


def test_the_lookup_status_page_passes_axe(a11y_page, axe, site, settings):
    """The page a citizen sees after looking an application up, in both modes."""
    from applications.services.numbers import hash_lookup_code

    application = site["application"]
    application.lookup_code_hash = hash_lookup_code("AXECODE234")
    application.received_on = date(2026, 3, 2)
    application.state, application.correction_requested_on = "correction", date(2026, 3, 3)
    application.correction_period_days = 10
    application.save()
    application.events.create(kind="correction_requested", happened_on=date(2026, 3, 3), note="请写明所需年份")
    a11y_page.goto("/apply/lookup/")
    a11y_page.get_by_label("受理编号").fill(application.number)
    a11y_page.get_by_label("查询码").fill("AXECODE234")
    a11y_page.get_by_role("button", name="查询").click()
    assert a11y_page.locator("#correction-what").inner_text() == "请写明所需年份"
    axe(a11y_page, "status page with the 补正 form")
    a11y_page.get_by_role("button", name="提交补正").click()
    axe(a11y_page, "补正 form with errors")
    a11y_page.get_by_role("link", name="打印申请回执").click()
    axe(a11y_page, "receipt")
    a11y_page.get_by_role("link", name="高对比度").click()
    axe(a11y_page, "receipt (high contrast)")
    a11y_page.goto(reverse("applications:status", args=[application.number]))
    axe(a11y_page, "status page (high contrast)")


def staff_pages(site: dict) -> dict[str, str]:
    """The admin pages staff use every day: the lists and forms of items, applications, reports and letters."""
    item, application, report, letter = site["item"], site["application"], site["report"], site["letter"]
    return {
        "home": reverse("admin:index"),
        "items": reverse("admin:catalog_item_changelist"),
        "item": reverse("admin:catalog_item_change", args=[item.pk]),
        "new item": reverse("admin:catalog_item_add"),
        "applications": reverse("admin:applications_application_changelist"),
        "application": reverse("admin:applications_application_change", args=[application.pk]),
        "reports": reverse("admin:annual_reports_annualreport_changelist"),
        "report": reverse("admin:annual_reports_annualreport_change", args=[report.pk]),
        "letters": reverse("admin:feedback_message_changelist"),
        "letter": reverse("admin:feedback_message_change", args=[letter.pk]),
    }


def test_the_admin_pages_staff_use_daily_pass_axe(a11y_page, axe, site, reviewer):
    a11y_page.goto(reverse("admin:login"))
    a11y_page.get_by_label("用户名").fill(reviewer.username)
    a11y_page.get_by_label("密码").fill("correct-horse-battery")
    a11y_page.get_by_role("button", name="登录").click()
    for name, url in staff_pages(site).items():
        a11y_page.goto(url)
        axe(a11y_page, f"admin {name} {url}")


def test_the_rich_text_editor_speaks_chinese(a11y_page, site, reviewer):
    a11y_page.goto(reverse("admin:login"))
    a11y_page.get_by_label("用户名").fill(reviewer.username)
    a11y_page.get_by_label("密码").fill("correct-horse-battery")
    a11y_page.get_by_role("button", name="登录").click()
    a11y_page.goto(reverse("admin:catalog_item_change", args=[site["item"].pk]))
    editor = a11y_page.get_by_role("textbox", name="正文")
    editor.wait_for()
    titles = a11y_page.evaluate("() => [...document.querySelectorAll('[class*=prose] [title]')].map(b => b.title)")
    assert "加粗" in titles and "插入表格" in titles
    assert [title for title in titles if re.search(r"[a-z]{3,}", title)] == [], titles
    menus = a11y_page.locator("[class*=prose]").filter(has_not=a11y_page.locator("[contenteditable]")).all_inner_texts()
    assert "2 级标题" in " ".join(menus) and not re.search(r"Heading|Paragraph", " ".join(menus)), menus
