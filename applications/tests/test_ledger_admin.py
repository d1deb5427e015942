"""The ledger in the admin: staff upload a file, see the errors, download the ledger."""

import io
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Application

from .test_ledger import ledger_csv, row


def _upload(client, organization, stream):
    upload = SimpleUploadedFile("ledger.csv", stream.getvalue(), content_type="text/csv")
    return client.post(
        reverse("admin:applications_application_ledger"), {"organization": organization.pk, "file": upload}
    )


def test_staff_import_a_ledger(client, editor, bureau):
    client.force_login(editor)
    assert _upload(client, bureau, ledger_csv(row())).status_code == 302
    assert Application.objects.filter(organization=bureau).count() == 1


def test_staff_see_every_error(client, editor, bureau):
    client.force_login(editor)
    response = _upload(client, bureau, ledger_csv(row(收到日期="昨天"), row(申请人="")))
    page = response.content.decode()
    assert response.status_code == 400 and "第2行【收到日期】" in page and "第3行【申请人】" in page


def test_staff_cannot_import_into_another_organization(client, editor, other_bureau):
    client.force_login(editor)
    assert _upload(client, other_bureau, ledger_csv(row())).status_code == 404
    assert Application.objects.count() == 0


def test_staff_download_their_ledger_but_not_anothers(client, editor, bureau, other_bureau, make_application):
    make_application(number="D-1")
    client.force_login(editor)
    url = reverse("admin:applications_application_ledger_export")
    response = client.get(url, {"organization": bureau.pk, "format": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert quote("示范市教育局-台账.xlsx") in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == "D-1"
    assert client.get(url, {"organization": other_bureau.pk}).status_code == 404


def test_anonymous_users_get_no_ledger(client, bureau):
    response = client.get(reverse("admin:applications_application_ledger_export"), {"organization": bureau.pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
