"""Upload attacks on the staff attachment service and the public identity-proof field; safe serving of files."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import Application
from catalog.models import Attachment
from catalog.services.attachments import add_attachment
from tests.conftest import PDF_BYTES
from tests.support import filled_in, read_forms

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03" + b"\x00" * 200
HTML_BYTES = b"<!DOCTYPE html><script>alert(document.cookie)</script>"
INVALID_UTF8 = b"\xff\xfe\xfd\xc0\xaf" * 100


def zip_bomb(member: str = "word/document.xml", megabytes: int = 60) -> bytes:
    """A small zip that inflates to `megabytes` of zeros."""
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    with archive, archive.open(member, "w", force_zip64=True) as handle:
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(megabytes):
            handle.write(chunk)
    return buffer.getvalue()


def _refused(item, name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refusal:
        add_attachment(item, SimpleUploadedFile(name, content), by=None)
    return " ".join(refusal.value.messages)


@pytest.mark.parametrize(
    "name, content",
    [("通知.pdf", PNG_BYTES), ("通知.pdf", EXE_BYTES), ("表格.xlsx", PDF_BYTES), ("通知.pdf", INVALID_UTF8)],
)
def test_attachment_whose_content_does_not_match_its_name_is_refused(public_site, name, content):
    message = _refused(public_site["item"], name, content)
    assert "内容与扩展名不符" in message
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("name", ["page.html", "run.exe", "script.svg", "no-extension"])
def test_attachment_of_a_dangerous_type_is_refused(public_site, name):
    assert "不支持" in _refused(public_site["item"], name, HTML_BYTES)


def test_oversized_attachment_is_refused_with_the_limit_named(public_site, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    message = _refused(public_site["item"], "大文件.pdf", PDF_BYTES + b"0" * 4096)
    assert "超过了" in message and "2.0" in message


@pytest.mark.parametrize("name, member", [("材料.zip", "zeros.bin"), ("方案.docx", "word/document.xml")])
def test_zip_bomb_is_refused(public_site, settings, name, member):
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    _refused(public_site["item"], name, zip_bomb(member))
    assert Attachment.objects.count() == 1


def test_a_path_in_the_filename_is_dropped(public_site, settings):
    attachment = add_attachment(public_site["item"], SimpleUploadedFile("../../../etc/通知.pdf", PDF_BYTES), by=None)
    assert attachment.original_name == "通知.pdf"
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert ".." not in attachment.file.name


def test_attachments_are_served_with_their_fixed_type_and_a_disposition(client, public_site):
    attachment = public_site["item"].attachments.get()
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.match(r"(inline|attachment); filename", response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def _apply_form(client):
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    return link, form


@pytest.mark.parametrize(
    "name, content",
    [
        ("身份证.pdf", EXE_BYTES),
        ("身份证.jpg", HTML_BYTES),
        ("身份证.png", INVALID_UTF8),
        ("../../身份证.pdf", EXE_BYTES),
    ],
)
def test_public_identity_proof_upload_attacks_are_refused_with_a_message(client, public_site, settings, name, content):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link, form = _apply_form(client)
    before = Application.objects.count()
    values = filled_in(form, {"identity_proof": SimpleUploadedFile(name, content)})
    response = client.post(link, values)
    assert response.status_code in (200, 400)
    assert Application.objects.count() == before
    page = response.content.decode()
    assert re.search(r'class="errorlist[^"]*"', page)
    assert values["info_title"] in page, "what the citizen typed is kept"


def test_public_identity_proof_zip_bomb_is_refused(client, public_site, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link, form = _apply_form(client)
    before = Application.objects.count()
    client.post(link, filled_in(form, {"identity_proof": SimpleUploadedFile("身份证.pdf", zip_bomb())}))
    assert Application.objects.count() == before


def test_public_identity_proof_with_a_path_is_stored_under_media(client, public_site, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link, form = _apply_form(client)
    upload = SimpleUploadedFile("../../../tmp/身份证.pdf", PDF_BYTES)
    assert client.post(link, filled_in(form, {"identity_proof": upload})).status_code == 302
    proof = Application.objects.latest("pk").identity_proof
    assert ".." not in proof.name
    assert Path(proof.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
