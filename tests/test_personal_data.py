"""Planted personal data (identity number, phone, address, e-mail) never reaches a public page, feed, log or error."""

import logging
import re
from urllib.parse import urljoin

import pytest
from django.test import Client

from tests import support
from tests.support import crawl, filled_in, leaked_personal_data, read_forms

START = ["/", "/guide/", "/catalog/", "/search/", "/apply/", "/apply/lookup/", "/reports/"]
MACHINE_READABLE = ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/robots.txt"]


@pytest.fixture
def submitted(client, public_site, settings, caplog):
    """The planted values also sent through the public form, as a citizen would (both applicant types)."""
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    caplog.set_level(logging.DEBUG)
    citizen = Client()
    for url in ("/apply/",):
        for link in re.findall(r'href="(/apply/\d+/)"', citizen.get(url).content.decode())[:1]:
            form = next(f for f in read_forms(citizen.get(link).content, link) if f.method == "post")
            for applicant_type in form.choices.get("applicant_type", ["natural"]):
                citizen.post(urljoin(link, form.action), filled_in(form, {"applicant_type": applicant_type}))
    return public_site


def test_no_public_page_shows_planted_personal_data(client, submitted):
    pages = crawl(client, START, limit=60)
    assert len(pages) > 5
    for url, response in pages.items():
        assert not leaked_personal_data(response.content), url


def test_feeds_sitemaps_and_robots_show_no_personal_data(client, submitted):
    for url in MACHINE_READABLE:
        response = client.get(url)
        if response.status_code == 200:
            assert not leaked_personal_data(response.content), url


@pytest.mark.parametrize("value", support.PLANTED_VALUES)
def test_searching_for_personal_data_finds_nothing(client, submitted, value):
    """The page for a planted value reads exactly like the page for a value nobody has (the query is echoed)."""
    control = "Q" * len(value)
    found = _without_links(client.get("/search/", {"q": value}).content.decode())
    nothing = _without_links(client.get("/search/", {"q": control}).content.decode())
    assert found.replace(value, control) == nothing


@pytest.mark.parametrize("value", [support.PLANTED_ID_NUMBER, support.PLANTED_PHONE, support.PLANTED_EMAIL])
def test_searches_for_personal_data_are_not_kept_for_staff(client, submitted, value):
    from search.models import MissedQuery

    client.get("/search/", {"q": f"我的申请 {value}"})
    kept = " ".join(MissedQuery.objects.values_list("query", flat=True))
    assert value not in kept and value[:11] not in kept


def _without_links(page: str) -> str:
    return re.sub(r'href="[^"]*"', 'href=""', page)


def test_a_lookup_with_a_wrong_code_reveals_nothing(client, submitted):
    response = client.post("/apply/lookup/", {"number": "YSQ-PLANTED-0001", "code": "WRONGCODE1"})
    assert response.status_code in (200, 400, 404)
    assert not leaked_personal_data(response.content)
    assert "张三丰" not in response.content.decode()


def test_error_pages_show_no_personal_data(client, submitted):
    for url in (f"/catalog/{support.PLANTED_PHONE}/", f"/apply/lookup/{support.PLANTED_ID_NUMBER}/reply/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert not leaked_personal_data(_without_links(response.content.decode())), url


def test_validation_errors_do_not_repeat_the_identity_number(client, public_site, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    wrong = support.PLANTED_ID_NUMBER[:-1] + "1"
    response = client.post(link, filled_in(form, {"id_number": wrong}))
    errors = " ".join(re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S))
    assert errors, "a wrong check digit must be reported"
    assert wrong not in errors


def test_no_log_line_carries_personal_data(client, submitted, caplog):
    crawl(client, START, limit=20)
    client.post("/apply/lookup/", {"number": "YSQ-PLANTED-0001", "code": "WRONGCODE1"})
    assert caplog.records, "logging was captured"
    for record in caplog.records:
        assert not leaked_personal_data(record.getMessage()), record.getMessage()[:200]


def test_the_applicants_own_pages_and_notices_show_no_personal_data(client, public_site, settings):
    """The status page, the receipt (page and PDF) and the notices name the applicant, never her numbers."""
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    client.post(urljoin(link, form.action), filled_in(form, {"applicant_type": "natural"}))
    submitted_page = client.get("/apply/submitted/").content.decode()
    number = re.search(r'id="application-number">([^<]+)<', submitted_page).group(1)
    for url in (f"/apply/lookup/{number}/", f"/apply/lookup/{number}/receipt/?codes=1"):
        response = client.get(url)
        assert response.status_code == 200 and number in response.content.decode(), url
        assert not leaked_personal_data(response.content), url
    from applications.models import Notice

    for notice in Notice.objects.all():
        assert not leaked_personal_data(notice.subject + notice.body), notice.kind
