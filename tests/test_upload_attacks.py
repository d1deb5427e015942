"""Upload attacks on the staff attachment service and the public identity-proof field; safe serving of files."""

import io
import re
import zipfile
from importlib import import_module
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from applications.models import Application
from catalog.models import Attachment
from catalog.services.attachments import add_attachment
from disclosure_portal.uploads import FORMATS, UploadPolicy
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


# ---------------------------------------------------------------- every file field, found in the code

DISGUISED_HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _docx_bytes() -> bytes:
    import docx

    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph("关于做好政务公开工作的通知")
    document.save(buffer)
    return buffer.getvalue()


SAMPLE_CONTENT = {
    "pdf": lambda: PDF_BYTES,
    "png": lambda: PNG_BYTES,
    "csv": lambda: "受理编号,申请人\nYSQ2026-0001-00001,张三\n".encode(),
    "docx": _docx_bytes,
}


def _model_file_fields() -> list:
    return list(_each_model_file_field())


def _each_model_file_field():
    for model in apps.get_models():
        if hasattr(model, "instance_type"):
            continue  # django-simple-history's copies: no form or service ever stores a file through them
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.editable:
                yield pytest.param(model, field.name, id=f"{model._meta.label}.{field.name}")


def _form_classes():
    for module in ("applications.forms", "catalog.admin.forms", "annual_reports.forms", "search.forms"):
        import_module(module)
    seen, queue = set(), [forms.BaseForm]
    while queue:
        for subclass in queue.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                queue.append(subclass)
    return sorted(seen, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _form_file_fields() -> list:
    return list(_each_form_file_field())


def _each_form_file_field():
    for form_class in _form_classes():
        if not form_class.__module__.startswith(PROJECT_APPS):
            continue
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.FileField):
                continue
            if model is not None and name in {f.name for f in model._meta.get_fields()}:
                continue  # a model's own file field: the model's validators run in the form (full_clean)
            yield pytest.param(form_class, name, id=f"{form_class.__name__}.{name}")


PROJECT_APPS = ("catalog", "applications", "annual_reports", "search", "feedback", "disclosure_portal")


def _policy(validators) -> UploadPolicy:
    policies = [validator for validator in validators if isinstance(validator, UploadPolicy)]
    assert len(policies) == 1, "every file field carries exactly one upload policy"
    return policies[0]


def _accepted_sample(policy: UploadPolicy) -> SimpleUploadedFile:
    extension = next(extension for extension in policy.extensions if extension in SAMPLE_CONTENT)
    return SimpleUploadedFile(f"材料.{extension}", SAMPLE_CONTENT[extension]())


def _attacks(policy: UploadPolicy, settings) -> list[tuple[str, SimpleUploadedFile, str]]:
    """Uploads that must be refused, with the words of the refusal."""
    real = _accepted_sample(policy)
    allowed = policy.extensions[0]
    attacks = [
        ("html named as allowed", SimpleUploadedFile(f"材料.{allowed}", DISGUISED_HTML), "内容与扩展名不符"),
        ("allowed content named html", SimpleUploadedFile("id.html", real.read()), "不支持"),
        ("executable", SimpleUploadedFile("setup.exe", EXE_BYTES), "不支持"),
    ]
    real.seek(0)
    oversized = SimpleUploadedFile(real.name, real.read() + b"0" * (settings.ATTACHMENT_MAX_BYTES + 1))
    attacks.append(("oversized", oversized, "超过了"))
    zipped = [extension for extension in policy.extensions if "zip" in FORMATS[extension][0]]
    if zipped:
        member = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}.get(zipped[0], "Doc_0/Content.xml")
        attacks.append(("zip bomb", SimpleUploadedFile(f"材料.{zipped[0]}", zip_bomb(member, 30)), "压缩炸弹"))
    return attacks


def test_the_suite_finds_the_file_fields_citizens_and_staff_use():
    found = {param.id for param in [*_model_file_fields(), *_form_file_fields()]}
    assert {"applications.Application.identity_proof", "catalog.Attachment.file", "ApplyForm.identity_proof"} <= found
    assert {"ReplyForm.letter", "LedgerUploadForm.file", "ItemAdminForm.docx_upload"} <= found


@pytest.mark.parametrize("model, name", _model_file_fields())
def test_every_model_file_field_refuses_each_attack_and_stores_under_a_generated_name(settings, model, name):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    field = model._meta.get_field(name)
    policy = _policy(field.validators)

    def clean(upload):
        instance = model()
        setattr(instance, name, upload)
        field.clean(getattr(instance, name), instance)

    for attack, upload, words in _attacks(policy, settings):
        with pytest.raises(ValidationError) as refusal:
            clean(upload)
        assert words in " ".join(refusal.value.messages), attack
    clean(_accepted_sample(policy))
    stored = field.generate_filename(None if callable(field.upload_to) is False else _owner(model), "../../id.pdf")
    assert "id" not in Path(stored).name and ".." not in stored and stored.endswith(".pdf")


def _owner(model):
    """An unsaved instance with what `upload_to` may read (an attachment's organization folder)."""
    if model is Attachment:
        from catalog.models import Item, Organization

        return Attachment(item=Item(organization=Organization(pk=7)))
    return model()


@pytest.mark.parametrize("form_class, name", _form_file_fields())
def test_every_form_file_field_refuses_each_attack(settings, form_class, name):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    field = form_class.base_fields[name]
    policy = _policy(field.validators)
    assert "不超过" in str(field.help_text), "the help text states the size limit"
    for attack, upload, words in _attacks(policy, settings):
        with pytest.raises(ValidationError) as refusal:
            field.clean(upload)
        assert words in " ".join(refusal.value.messages), attack
    assert field.clean(_accepted_sample(policy))


def test_a_pdf_named_html_is_refused_and_the_form_keeps_what_was_typed(client, public_site, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link, form = _apply_form(client)
    values = filled_in(form, {"identity_proof": SimpleUploadedFile("id.html", PDF_BYTES)})
    response = client.post(link, values)
    page = response.content.decode()
    assert response.status_code == 400
    assert "身份证明不支持“id.html”这种文件类型，可以上传 PDF、JPG、PNG 文件。" in page
    assert values["info_title"] in page
    assert not Application.objects.filter(info_title=values["info_title"]).exists()


def test_staff_download_an_identity_proof_with_its_fixed_type(client, public_site, settings, site_admin):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    link, form = _apply_form(client)
    assert (
        client.post(link, filled_in(form, {"identity_proof": SimpleUploadedFile("id.pdf", PDF_BYTES)})).status_code
        == 302
    )
    application = Application.objects.latest("pk")
    client.force_login(site_admin)
    response = client.get(f"/admin/applications/application/{application.pk}/identity-proof/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("failure", ["database is locked", "terminating connection due to administrator command"])
def test_a_submission_whose_save_fails_keeps_no_file_and_asks_to_retry(
    public_site, settings, monkeypatch, tmp_path, failure
):
    """SQLite's held lock or a PostgreSQL restart mid-save: the 503 page, and no identity proof without its record."""
    from django.db import OperationalError
    from django.test import Client

    from applications.models import ApplicationEvent

    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path  # files of other tests running at the same time stay out of the count
    client = Client(raise_request_exception=False)
    link, form = _apply_form(client)
    stored_before = _stored_files(settings)

    def fails(*args, **kwargs):
        raise OperationalError(failure)

    monkeypatch.setattr(ApplicationEvent, "save", fails)
    values = filled_in(form, {"identity_proof": SimpleUploadedFile("id.pdf", PDF_BYTES)})
    response = client.post(link, values)
    assert response.status_code == 503 and "暂时无法访问" in response.content.decode()
    assert not Application.objects.filter(info_title=values["info_title"]).exists()
    assert _stored_files(settings) == stored_before


def _stored_files(settings) -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}
