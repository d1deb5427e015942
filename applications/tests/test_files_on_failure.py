"""A submission or a staff step that fails after storing its files leaves no file on disk (both databases)."""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from applications.models import Application, ApplicationEvent, Consultation
from tests.conftest import PDF_BYTES

TODAY = date(2025, 6, 30)


class Broken(Exception):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(TODAY, tick=False):
        yield tmp_path


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture
def failing_notice(monkeypatch):
    """The last write of every step (its notice to the applicant) fails, after the files were stored."""

    def fail(*args, **kwargs):
        raise Broken

    for module in ("applications.services.workflow", "applications.services.submission"):
        monkeypatch.setattr(f"{module}.notify", fail)


def test_a_failed_online_submission_leaves_no_identity_proof(bureau, media, failing_notice):
    proof = SimpleUploadedFile("身份证.pdf", PDF_BYTES)
    with pytest.raises(Broken):
        services.submit_online(bureau, {"applicant_name": "吴十", "info_title": "规划图"}, proof)
    assert not Application.objects.exists() and _files(media) == []


def test_a_failed_offline_entry_leaves_no_identity_proof(bureau, editor, media, failing_notice):
    proof = SimpleUploadedFile("身份证.pdf", PDF_BYTES)
    fields = {"applicant_name": "钱七", "info_title": "某信息"}
    with pytest.raises(Broken):
        services.enter_offline(bureau, fields, by=editor, channel="mail", received_on=TODAY, identity_proof=proof)
    assert not Application.objects.exists() and _files(media) == []


def test_a_failed_reply_leaves_no_letter(make_application, editor, media, failing_notice):
    application = make_application(received_on=date(2025, 6, 3))
    with pytest.raises(Broken):
        services.reply(application, by=editor, on=TODAY, outcome="1", letter=ContentFile(PDF_BYTES, name="r.pdf"))
    assert Application.objects.get(pk=application.pk).state == "received" and _files(media) == []


@pytest.mark.parametrize("step", ["correction", "consult", "extend", "fee"])
def test_a_failed_step_with_a_letter_leaves_no_letter(make_application, editor, media, failing_notice, step):
    application = make_application(received_on=date(2025, 6, 24))  # a 补正 notice is still in time on TODAY
    letter = ContentFile(PDF_BYTES, name="letter.pdf")
    calls = {
        "correction": lambda: services.request_correction(
            application, by=editor, on=TODAY, period_days=10, note="请补充", letter=letter
        ),
        "consult": lambda: services.consult(
            application, by=editor, on=TODAY, party="agency", party_name="市财政局", letter=letter
        ),
        "extend": lambda: services.extend(
            application, by=editor, on=TODAY, days=5, approved_by="王主任", letter=letter
        ),
        "fee": lambda: services.notify_fee(
            application, by=editor, on=TODAY, method="per_page", pages=150, letter=letter
        ),
    }
    with pytest.raises(Broken):
        calls[step]()
    assert not ApplicationEvent.objects.exists() and not Consultation.objects.exists()
    assert _files(media) == []


def test_a_failed_online_correction_leaves_no_file(bureau, editor, media, monkeypatch):
    application, _ = services.submit_online(bureau, {"applicant_name": "吴十", "info_title": "规划图"})
    services.confirm(application, by=editor, on=TODAY)
    services.request_correction(application, by=editor, on=TODAY, period_days=10, note="请补充")
    monkeypatch.setattr("applications.services.workflow.notify", lambda *a, **k: (_ for _ in ()).throw(Broken()))
    from applications.views.public import Applicant

    with pytest.raises(Broken):
        services.submit_correction(
            application, by=Applicant(application.pk), text="补正", files=[SimpleUploadedFile("a.pdf", PDF_BYTES)]
        )
    assert _files(media) == []
