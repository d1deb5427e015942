"""Pages that show a 查询码 or what an applicant typed are never kept by a browser, proxy or CDN cache."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Application
from disclosure_portal.submissions import new_token
from tests.conftest import PDF_BYTES
from tests.support import filled_in, read_forms


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get("Cache-Control", "")


@pytest.fixture
def filed(client, public_site, settings):
    """A citizen who just filed an application: the form, the codes page, then the lookup."""
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form_page = client.get(link)
    form = next(f for f in read_forms(form_page.content, link) if f.method == "post")
    values = filled_in(form, {"identity_proof": SimpleUploadedFile("id.pdf", PDF_BYTES)})
    submitted = client.post(link, values)
    codes_page = client.get(submitted["Location"])
    number = re.search(r'id="application-number">([^<]+)<', codes_page.content.decode()).group(1).strip()
    code = re.search(r'id="lookup-code">([^<]+)<', codes_page.content.decode()).group(1).strip()
    return {"link": link, "form": form, "values": values, "codes_page": codes_page, "number": number, "code": code}


def test_the_page_showing_the_codes_is_not_stored(filed):
    assert filed["code"] in filed["codes_page"].content.decode()
    assert _no_store(filed["codes_page"])


def test_a_form_sent_back_with_the_applicants_data_is_not_stored(client, filed):
    values = {**filed["values"], "id_number": "123", "submission_token": new_token()}  # a new filing, not a resend
    response = client.post(filed["link"], values)
    assert response.status_code == 400 and values["phone"] in response.content.decode()
    assert _no_store(response)


def test_the_lookup_result_is_not_stored(client, filed):
    response = client.post("/apply/lookup/", {"number": filed["number"], "code": filed["code"]}, follow=True)
    assert response.status_code == 200 and filed["number"] in response.content.decode()
    assert _no_store(response)
    receipt = client.get(f"/apply/lookup/{filed['number']}/receipt/?codes=1")
    assert filed["number"] in receipt.content.decode() and _no_store(receipt)


def test_staff_downloads_of_personal_files_are_not_stored(client, filed, site_admin):
    application = Application.objects.get(number=filed["number"])
    client.force_login(site_admin)
    response = client.get(f"/admin/applications/application/{application.pk}/identity-proof/")
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert _no_store(response)
    process = client.get(f"/admin/applications/application/{application.pk}/process/")
    assert application.phone in process.content.decode() and _no_store(process)
