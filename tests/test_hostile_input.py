"""Hostile input on every public form and query parameter, found by crawling the public site.

Whatever is sent: never a 500; a rejected form leaves the database unchanged and shows the
input escaped; an accepted one stores no NUL or control characters (they break XML feeds and
Excel exports later).
"""

import re
from urllib.parse import urljoin

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import Form, crawl, filled_in, query_targets, read_forms

START = ["/", "/guide/", "/catalog/", "/search/", "/apply/", "/apply/lookup/", "/reports/"]
HOSTILE_SAMPLES = [
    "' OR '1'='1' --",
    "1; DROP TABLE catalog_item; --",
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "abc\x00def",
    "\x1b[31m\x07\x0b",
    "\u202egnp.exe",
    "\ud7ff\U0010ffff",
    "../../../../etc/passwd",
    "%00%0d%0aSet-Cookie:x=1",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "99999-01-01",
    "长" * 20_000,
    "9" * 5_000,
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "+1+1",
]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SCRIPT_PAYLOAD = "<script>alert('xss')</script>"
hostile_text = st.one_of(st.sampled_from(HOSTILE_SAMPLES), st.text(max_size=40))
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
PROTECTED_FIELDS = {"csrfmiddlewaretoken", "started"}
APP_LABELS = ("catalog", "applications", "annual_reports", "search")


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in APP_LABELS
        for model in apps.get_app_config(label).get_models()
    }


def _public_pages(client) -> dict[str, object]:
    return crawl(client, START, limit=40)


@pytest.fixture
def site_pages(client, public_site):
    return _public_pages(client)


def test_the_crawl_reaches_the_forms_and_filters(site_pages):
    targets = query_targets(site_pages)
    assert any(path == "/search/" for path, _ in targets)
    assert any(path == "/catalog/" and params for path, params in targets)


@FAST
@given(data=st.data())
def test_query_parameters_never_cause_a_server_error(client, site_pages, data):
    path, params = data.draw(st.sampled_from(query_targets(site_pages)))
    query = {name: data.draw(hostile_text) for name in params or ("page",)}
    query["page"] = data.draw(st.sampled_from(["0", "-1", "2", "99999999", "1e9", "abc", "\x00"]))
    response = client.get(path, query)
    assert response.status_code < 500, (path, query)
    assert SCRIPT_PAYLOAD.encode() not in response.content


def _post_forms(pages) -> list[tuple[str, Form]]:
    forms = {}
    for url, response in pages.items():
        for form in read_forms(response.content, url):
            if form.method == "post":
                forms[urljoin(url, form.action)] = form
    return sorted(forms.items(), key=lambda pair: pair[0])


def test_the_crawl_finds_the_public_application_form(site_pages):
    assert any("/apply/" in action for action, _ in _post_forms(site_pages))


def _stored_text(before: dict[str, int]) -> list[str]:
    """Text of the rows created since `before` (the newest rows of each model that grew)."""
    texts = []
    for label, count in _row_counts().items():
        model = apps.get_model(label)
        grown = count - before.get(label, 0)
        if grown <= 0:
            continue
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        for row in model._default_manager.order_by("-pk").values(*fields)[:grown]:
            texts.extend(str(value) for value in row.values())
    return texts


@FAST
@given(data=st.data())
def test_public_forms_survive_hostile_values_and_reject_cleanly(client, site_pages, data, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    action, form = data.draw(st.sampled_from(_post_forms(site_pages)))
    values = filled_in(form)
    names = sorted(set(values) - PROTECTED_FIELDS)
    # Mostly one hostile field among valid ones, so that hostile values also reach the database.
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
        values[name] = data.draw(hostile_text)
    before = _row_counts()
    response = client.post(action, values)
    assert response.status_code < 500, (action, values)
    if response.status_code != 302:
        assert _row_counts() == before, f"{action} rejected the input but changed the database"
        assert SCRIPT_PAYLOAD.encode() not in response.content
    for text in _stored_text(before):
        assert not CONTROL.search(text), f"{action} stored control characters: {text!r}"


ERROR_SUMMARY = re.compile(r'<div class="error-summary" role="alert"[^>]*>\s*<h2>(提交的内容有 \d+ 处|请修改)')


def _headings(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>([^<]*)</h1>", html)


def test_invalid_utf8_in_a_form_body_is_answered_with_the_form_and_its_errors(client, site_pages):
    for action, _form in _post_forms(site_pages):
        before = _row_counts()
        body = b"applicant_name=%FF%FE%FD&id_number=\xff\xfe&q=%C0%AF"
        response = client.generic("POST", action, body, content_type="application/x-www-form-urlencoded")
        page = response.content.decode()
        assert response.status_code == 400, action
        assert _headings(page) == _headings(client.get(action).content.decode()), action
        assert ERROR_SUMMARY.search(page), action
        assert _row_counts() == before, action


@pytest.mark.parametrize("path, heading", [("/search/", "搜索结果"), ("/apply/lookup/", "申请查询")])
def test_invalid_utf8_in_a_query_string_is_answered_with_the_page(client, public_site, path, heading):
    response = client.get(path, QUERY_STRING="q=%FF%FE&year=%C0%AF&page=%00")
    assert response.status_code == 200
    assert re.findall(r"<h1[^>]*>([^<]*)</h1>", response.content.decode()) == [heading]


def test_invalid_utf8_in_catalog_filters_leads_to_the_list_without_them(client, public_site):
    response = client.get("/catalog/", QUERY_STRING="category=%FF%FE&year=%C0%AF&page=%00")
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert public_site["item"].title in response.content.decode()


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", '\t=HYPERLINK("http://x")']


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_strings_typed_by_citizens_stay_text_in_every_export(client, public_site, settings, formula):
    """An applicant named like a formula must not run as one on a staff PC (ledger .csv and .xlsx)."""
    import csv
    import io

    from django.utils import timezone
    from openpyxl import load_workbook

    from applications.ledger import HEADERS
    from applications.models import Application
    from applications.services import confirm

    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    apply_page = reverse("applications:apply", kwargs={"organization_id": public_site["item"].organization_id})
    action, form = _post_forms({apply_page: client.get(apply_page)})[0]
    values = filled_in(form, {"applicant_name": formula, "info_title": formula})
    assert client.post(action, values).status_code == 302
    application = Application.objects.get(info_title=formula.strip())
    confirm(application, on=timezone.localdate(), by=None)
    staff = _staff_client(application.organization)
    for fmt in ("csv", "xlsx"):
        url = f"/admin/applications/application/ledger/export/?organization={application.organization_id}&format={fmt}"
        content = staff.get(url).content
        if fmt == "csv":
            cells = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1]
            assert {cells[HEADERS.index("申请人")], cells[HEADERS.index("申请内容")]} == {"'" + formula.strip()}
        else:
            sheet = load_workbook(io.BytesIO(content)).active
            for column in ("申请人", "申请内容"):
                cell = sheet.cell(2, HEADERS.index(column) + 1)
                assert (cell.data_type, cell.quotePrefix, cell.value.strip()) == ("s", True, formula.strip())


def _staff_client(organization):
    from django.test import Client

    from conftest import make_staff

    staff = Client()
    staff.force_login(make_staff(f"staff-{organization.pk}", organization))
    return staff


@pytest.mark.parametrize("path", ["/catalog/999999999999999999999/", "/catalog/0/", "/apply/99999999999/"])
def test_absurd_ids_in_paths_are_not_found(client, public_site, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/apply/1/", "/apply/lookup/", "/admin/login/", "/catalog/"])
def test_a_body_beyond_the_request_limit_is_refused_before_it_is_read(client, public_site, monkeypatch, path):
    """An anonymous 300 MB multipart body used to be parsed to disk before CSRF refused it."""
    from django.http.multipartparser import MultiPartParser

    def never(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(MultiPartParser, "parse", never)
    body = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'
    response = client.generic(
        "POST", path, body, content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大" in page and "61.0\xa0MB" in page and "20.0\xa0MB" in page


def test_a_file_over_the_upload_limit_but_within_the_request_limit_reaches_its_form(client, public_site, settings):
    """The form says the limit and keeps what was typed (the request cap is only for abuse)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    settings.ATTACHMENT_MAX_BYTES = 64 * 1024
    apply_page = reverse("applications:apply", kwargs={"organization_id": public_site["item"].organization_id})
    action, form = _post_forms({apply_page: client.get(apply_page)})[0]
    big = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4\n" + b"0" * 100 * 1024)
    values = filled_in(form, {"identity_proof": big})
    response = client.post(action, values)
    page = response.content.decode()
    assert response.status_code == 400
    assert "超过了 64.0\xa0KB 的上限" in page and values["info_title"] in page
