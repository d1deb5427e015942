"""Control characters pasted into any form are removed before a form sees them (disclosure_portal.middleware)."""

import io
import re
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from applications.ledger import HEADERS
from applications.models import Application
from disclosure_portal.middleware import strip_control_characters
from tests.support import filled_in, read_forms

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_word_line_breaks_become_new_lines_and_other_controls_vanish():
    assert strip_control_characters("第一行\x0b第二行\x07\x1b[0m\x00") == "第一行\n第二行[0m"
    assert strip_control_characters("保留\t制表\r\n换行") == "保留\t制表\r\n换行"


@pytest.fixture
def filed(client, public_site, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    pasted = {"applicant_name": "李\x0b四\x07", "info_title": "预算\x1b[31m说明\x00", "address": "幸福路\x7f1号"}
    values = filled_in(form, pasted)
    assert client.post(link, values).status_code == 302
    return Application.objects.latest("pk")


def test_an_application_keeps_no_control_characters(filed):
    for value in (filed.applicant_name, filed.info_title, filed.address):
        assert not CONTROL.search(value), repr(value)
    assert filed.info_title == "预算[31m说明"


def test_the_ledger_exports_to_excel_whatever_citizens_pasted(filed, site_admin):
    filed.received_on, filed.state = date(2026, 3, 2), Application.State.RECEIVED
    filed.save()
    staff = Client(raise_request_exception=False)
    staff.force_login(site_admin)
    url = f"/admin/applications/application/ledger/export/?organization={filed.organization_id}&format=xlsx"
    response = staff.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    row = {header: cell.value for header, cell in zip(HEADERS, sheet[2], strict=True)}
    assert (row["申请人"], row["申请内容"]) == ("李\n四", "预算[31m说明")


def test_uploads_pass_through_untouched(client, public_site, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    pdf = b"%PDF-1.4\n\x00\x07\x1b binary body\n%%EOF\n"
    values = filled_in(form, {"identity_proof": SimpleUploadedFile("证明.pdf", pdf, "application/pdf")})
    assert client.post(link, values).status_code == 302
    assert Application.objects.latest("pk").identity_proof.read() == pdf
