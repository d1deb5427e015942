"""申请回执 and the status page: what was filed, when it was received (online: confirmation day), when due."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from applications import services
from applications.models import Application

from .factories import apply_data

SUBMITTED = datetime(2025, 9, 26, 20, 15, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Friday evening


@pytest.fixture(autouse=True)
def long_sessions(settings):
    settings.SESSION_COOKIE_AGE = 10**9  # the session of a 2025 submission is still open when the test runs


@pytest.fixture
def filed(client, bureau):
    with time_machine.travel(SUBMITTED, tick=False):
        client.post(reverse("applications:apply", args=[bureau.pk]), apply_data())
        page = client.get(reverse("applications:submitted")).content.decode()
    application = Application.objects.get()
    code = page.split('id="lookup-code">', 1)[1].split("<", 1)[0]
    return application, code


def test_the_receipt_hides_the_code_unless_asked(client, filed):
    application, code = filed
    url = reverse("applications:receipt", args=[application.number])
    page = client.get(url).content.decode()
    assert application.number in page and "2025年城区学校招生计划" in page
    assert code not in page and "本回执不含查询码" in page
    assert 'name="codes"' in page  # the citizen may choose to print it
    with_code = client.get(url + "?codes=1").content.decode()
    assert f'<td class="code">{code}</td>' in with_code


def test_the_receipt_states_the_reply_rules_and_the_pending_receipt_day(client, filed):
    application, _ = filed
    page = client.get(reverse("applications:receipt", args=[application.number])).content.decode()
    assert "2025-09-26 20:15" in page and "待确认受理（以确认受理之日为准）" in page
    assert "自收到申请之日起20个工作日内答复" in page and "答复期限自收到补正之日起重新计算" in page


def test_the_receipt_pdf(client, filed):
    application, _ = filed
    response = client.get(reverse("applications:receipt_pdf", args=[application.number]))
    assert response.content.startswith(b"%PDF-") and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{application.number}-%E7%94%B3%E8%AF%B7%E5%9B%9E%E6%89%A7.pdf"
    )  # …-申请回执.pdf


def test_another_browser_gets_no_receipt(client, filed):
    from django.test import Client

    application, _ = filed
    assert Client().get(reverse("applications:receipt", args=[application.number])).status_code == 404


def test_the_status_shows_both_the_submission_time_and_the_legal_receipt_day(client, filed, editor):
    application, _ = filed
    services.confirm(application, by=editor, on=date(2025, 9, 29))
    with time_machine.travel(date(2025, 9, 30), tick=False):
        page = client.get(reverse("applications:status", args=[application.number])).content.decode()
    assert 'id="submitted-at">2025-09-26 20:15' in page
    assert 'id="received-on">2025-09-29' in page
    # 20 working days after 9-29: 9-30, then 10-9 after National Day, 10-11 (a make-up Saturday) … 11-3.
    assert 'id="reply-due">2025-11-03' in page
    assert "以工作人员确认受理之日为收到申请之日" in page


def test_waiting_for_confirmation_the_status_says_received_not_yet_confirmed(client, filed):
    application, _ = filed
    page = client.get(reverse("applications:status", args=[application.number])).content.decode()
    assert "（本机关已收到，等待工作人员确认受理）" in page and 'id="received-on">待确认受理' in page


def test_the_submitted_page_links_the_receipt_and_is_not_cached(client, bureau):
    client.post(reverse("applications:apply", args=[bureau.pk]), apply_data())
    response = client.get(reverse("applications:submitted"))
    assert "no-store" in response["Cache-Control"]
    assert reverse("applications:receipt", args=[Application.objects.get().number]) in response.content.decode()
