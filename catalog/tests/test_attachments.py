import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from catalog.demo import _docx, _pdf
from catalog.services import add_attachment


def test_a_real_pdf_is_accepted_with_its_size_and_type(make_item, bureau, editor):
    attachment = add_attachment(make_item(bureau), SimpleUploadedFile("通知.pdf", _pdf("x")), editor)
    assert (attachment.content_type, attachment.original_name) == ("application/pdf", "通知.pdf")
    assert attachment.size > 0


def test_a_word_document_is_accepted(make_item, bureau, editor):
    attachment = add_attachment(make_item(bureau), SimpleUploadedFile("方案.docx", _docx("方案")), editor)
    assert attachment.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "name, content",
    [("报告.pdf", b"<html><script>alert(1)</script></html>"), ("表格.xlsx", b"MZ\x90\x00" + bytes(200))],
)
def test_a_disguised_file_is_refused_with_a_clear_message(make_item, bureau, editor, name, content):
    with pytest.raises(ValidationError, match="内容与扩展名不符"):
        add_attachment(make_item(bureau), SimpleUploadedFile(name, content), editor)


def test_an_executable_extension_is_refused(make_item, bureau, editor):
    with pytest.raises(ValidationError, match="不支持"):
        add_attachment(make_item(bureau), SimpleUploadedFile("setup.exe", b"MZ" + bytes(100)), editor)


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_an_oversized_file_is_refused_naming_the_limit(make_item, bureau, editor):
    with pytest.raises(ValidationError) as refused:
        add_attachment(make_item(bureau), SimpleUploadedFile("大文件.pdf", _pdf("x") + bytes(2048)), editor)
    assert re.search(r"超过了 1.0\sKB 的上限", refused.value.messages[0])


def test_download_has_safe_headers(client, make_item, bureau, editor):
    item = make_item(bureau, state="published")
    attachment = add_attachment(item, SimpleUploadedFile("方案.docx", _docx("方案")), None)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_attachments_of_a_draft_are_not_public(client, make_item, bureau, editor):
    content = _pdf("内部草稿")
    attachment = add_attachment(make_item(bureau), SimpleUploadedFile("内部.pdf", content), editor)
    refused = client.get(f"/attachments/{attachment.pk}/")
    assert refused.status_code == 404 and content not in refused.content and "内部.pdf" not in refused.content.decode()
    client.force_login(editor)
    served = client.get(f"/attachments/{attachment.pk}/")
    assert b"".join(served.streaming_content) == content
    assert served["Content-Type"] == "application/pdf"


def test_item_page_lists_attachments_with_size_and_type(client, make_item, bureau):
    item = make_item(bureau, state="published")
    add_attachment(item, SimpleUploadedFile("附件一.pdf", _pdf("x")), None)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "附件一.pdf" in html and "PDF" in html and "字节" in html


def test_attachment_changes_of_a_published_item_are_announced(
    make_item, bureau, reviewer, django_capture_on_commit_callbacks
):
    from catalog.services import remove_attachment
    from catalog.signals import item_changed

    item, seen = make_item(bureau, state="published"), []
    item_changed.connect(lambda sender, item, **kw: seen.append(item.pk), weak=False, dispatch_uid="att")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            attachment = add_attachment(item, SimpleUploadedFile("新附件.pdf", _pdf("x")), reviewer)
            remove_attachment(attachment, reviewer)
    finally:
        item_changed.disconnect(dispatch_uid="att")
    assert seen == [item.pk, item.pk]
