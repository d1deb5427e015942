"""axe-core (WCAG 2.1 A and AA) on every public page and form, in normal and high-contrast modes.

The pages are listed from the URL configuration's public names, so a new public page without a
place here fails `test_every_public_page_is_checked`.
"""

from datetime import date

import pytest
from django.urls import reverse

from annual_reports.models import AnnualReport
from annual_reports.services import generate_report
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
        "404": "/no-such-page/",
    }


@pytest.fixture
def site(city, bureau, editor):
    data = make_public_site(city, bureau)
    report = generate_report(bureau, 2025)
    AnnualReport.objects.filter(pk=report.pk).update(state=AnnualReport.State.PUBLISHED)
    data["report"] = report
    return data


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
