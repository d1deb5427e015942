"""补正 online from the lookup page: what and by when shown, text and files handed in, the clock restarted."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import services
from applications.deadlines import reply_due
from applications.models import Application, CorrectionFile
from catalog.transitions import NotAllowedNow
from catalog.workdays import current_calendar
from tests.conftest import PDF_BYTES

ASKED, ANSWERED = date(2025, 6, 4), date(2025, 6, 11)


@pytest.fixture
def asked(bureau, editor):
    with time_machine.travel(date(2025, 6, 3), tick=False):
        application, code = services.submit_online(bureau, {"applicant_name": "吴十", "info_title": "规划图"})
        services.confirm(application, by=editor, on=date(2025, 6, 3))
    with time_machine.travel(ASKED, tick=False):
        services.request_correction(application, by=editor, on=ASKED, period_days=10, note="请写明所需图纸的年份")
    return application, code


def _look_up(client, application, code):
    return client.post(reverse("applications:lookup"), {"number": application.number, "code": code}, follow=True)


def _answer(client, application, **data):
    return client.post(reverse("applications:correct", args=[application.number]), data, follow=True)


def test_the_lookup_page_says_what_to_supply_and_by_when(client, asked):
    application, code = asked
    with time_machine.travel(date(2025, 6, 5), tick=False):
        page = _look_up(client, application, code).content.decode()
    assert "请写明所需图纸的年份" in page and "请于2025年6月18日前补正" in page
    assert 'action="/apply/lookup/' in page and 'name="files"' in page


def test_a_correction_handed_in_online_restarts_the_clock_on_that_day(client, asked):
    application, code = asked
    with time_machine.travel(ANSWERED, tick=False):
        _look_up(client, application, code)
        upload = SimpleUploadedFile("图纸说明.pdf", PDF_BYTES)
        page = _answer(client, application, text="需要2024年的规划图。", files=[upload]).content.decode()
    application.refresh_from_db()
    assert (application.state, application.correction_received_on) == ("received", ANSWERED)
    assert reply_due(application, current_calendar()) == date(2025, 7, 9)  # 20 working days after 6-11
    assert "补正已提交，答复期限自今天起重新计算" in page and "2025-07-09" in page
    correction = application.correction_replies.get()
    assert correction.text == "需要2024年的规划图。" and correction.files.get().file.read() == PDF_BYTES
    assert application.events.filter(kind="correction_received", happened_on=ANSWERED, by=None).exists()


def test_staff_see_the_correction_and_its_files(client, asked, editor):
    application, code = asked
    with time_machine.travel(ANSWERED, tick=False):
        _look_up(client, application, code)
        _answer(client, application, text="需要2024年的规划图。", files=[SimpleUploadedFile("a.pdf", PDF_BYTES)])
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_process", args=[application.pk])).content.decode()
    stored = CorrectionFile.objects.get()
    assert "需要2024年的规划图。" in page
    assert reverse("admin:applications_application_correction_file", args=[application.pk, stored.pk]) in page


def test_a_disguised_file_is_refused_and_the_text_kept(client, asked):
    application, code = asked
    with time_machine.travel(ANSWERED, tick=False):
        _look_up(client, application, code)
        fake = SimpleUploadedFile("说明.pdf", b"<html>not a pdf</html>")
        response = _answer(client, application, text="我的补正说明", files=[fake])
    assert response.status_code == 400 and "内容与扩展名不符" in response.content.decode()
    assert "我的补正说明" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == "correction"


def test_files_chosen_with_a_refused_text_are_asked_for_again(client, asked):
    application, code = asked
    with time_machine.travel(ANSWERED, tick=False):
        _look_up(client, application, code)
        response = _answer(client, application, text="", files=[SimpleUploadedFile("说明.pdf", PDF_BYTES)])
    page = response.content.decode()
    assert response.status_code == 400 and "已选择的文件没有保存，请改正后重新选择文件。" in page
    assert not CorrectionFile.objects.exists()


def test_nobody_corrects_without_having_looked_the_application_up(client, asked):
    application, _ = asked
    assert _answer(client, application, text="冒充").status_code == 404
    assert Application.objects.get(pk=application.pk).state == "correction"


def test_a_second_correction_is_refused(client, asked):
    application, code = asked
    with time_machine.travel(ANSWERED, tick=False):
        _look_up(client, application, code)
        _answer(client, application, text="第一次")
        page = _answer(client, application, text="第二次").content.decode()
    assert "当前状态为“办理中”，不能网上提交补正" in page
    assert application.correction_replies.count() == 1


def test_staff_cannot_hand_in_the_applicants_correction(asked, editor):
    """Only the applicant answers online; staff log a correction that arrived on paper as 补正收到."""
    application, _ = asked
    with pytest.raises(NotAllowedNow, match="您无权网上提交补正"):
        services.submit_correction(application, by=editor, text="代为补正")
    assert Application.objects.get(pk=application.pk).state == "correction"
