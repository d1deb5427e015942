"""The citizen is told every step: an outbox of notices, sent by e-mail, retried, shown on the lookup page."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Application, Notice
from applications.notices import MAX_ATTEMPTS, deliver, deliver_due

from .factories import apply_data

TODAY = date(2025, 6, 30)
FAILING = "applications.tests.mailfail.FailingBackend"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def received(make_application):
    return make_application(received_on=date(2025, 6, 2), email="lisi@example.com", applicant_name="李四")


def _file(client, bureau):
    return client.post(reverse("applications:apply", args=[bureau.pk]), apply_data())


def test_with_the_mail_server_down_the_application_is_complete_and_the_codes_are_shown(
    client, bureau, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        response = _file(client, bureau)
    assert response.status_code == 302
    application = Application.objects.get()
    page = client.get(reverse("applications:submitted")).content.decode()
    assert application.number in page and 'id="lookup-code"' in page
    notice = application.notices.get(kind=Notice.Kind.CODES)
    assert (notice.delivery, notice.attempts) == (Notice.Delivery.PENDING, 1)
    assert notice.last_error.startswith("ConnectionRefusedError")
    assert application.events.filter(kind="submitted").exists()


def test_a_failed_notice_is_retried_later_and_the_code_leaves_the_outbox_once_sent(
    client, bureau, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        _file(client, bureau)
    code = client.session["applications_new_codes"]["code"]
    notice = Notice.objects.get()
    assert code in notice.body
    assert deliver_due() == (0, 0)  # the pause after the first failure is not over
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        call_command("send_notices", stdout=__import__("io").StringIO())
    notice.refresh_from_db()
    assert notice.delivery == Notice.Delivery.SENT and notice.attempts == 2
    assert code in mail.outbox[0].body and mail.outbox[0].to == ["lisi@example.com"]
    assert code not in notice.body and "查询码：**********" in notice.body


def test_after_the_last_attempt_a_notice_is_given_up_and_staff_see_it(received, editor, client, settings):
    settings.EMAIL_BACKEND = FAILING
    notice = Notice.objects.create(
        application=received, kind="received", subject="s", body="b", recipient=received.email,
        next_attempt_at=timezone.now(),
    )  # fmt: skip
    for _ in range(MAX_ATTEMPTS):
        Notice.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
        deliver(notice.pk)
    notice.refresh_from_db()
    assert (notice.delivery, notice.attempts) == (Notice.Delivery.FAILED, MAX_ATTEMPTS)
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_process", args=[received.pk])).content.decode()
    assert "发送失败，不再重试" in page and "ConnectionRefusedError" in page


def test_confirmation_tells_the_receipt_day_and_the_due_date(
    make_application, editor, django_capture_on_commit_callbacks
):
    application = make_application(state="submitted", received_on=None, email="lisi@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(application, by=editor, on=date(2025, 6, 27))
    body = mail.outbox[0].body
    assert "本机关已于2025年6月27日受理您的申请" in body and "答复期限为2025年7月25日" in body


def test_a_correction_request_says_what_and_by_when(received, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_correction(received, by=editor, on=date(2025, 6, 4), period_days=10, note="请写明所需年份")
    body = mail.outbox[0].body
    assert "需要补正的事项：\n请写明所需年份" in body and "请于2025年6月18日前补正（10个工作日）" in body


def test_an_extension_tells_the_new_due_date(received, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.extend(received, by=editor, on=date(2025, 6, 27), days=20, approved_by="王主任")
    assert "延长20个工作日，新的答复期限为2025年7月28日" in mail.outbox[0].body


def test_consultation_and_fee_are_told(received, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.consult(received, by=editor, on=date(2025, 6, 4), party="third_party", party_name="甲公司")
    assert "本机关已于2025年6月4日就您的申请征求第三方意见" in mail.outbox[0].body
    assert "按目前情况最迟为2025年7月21日" in mail.outbox[0].body  # due 6-30, plus the 15 working days paused
    with django_capture_on_commit_callbacks(execute=True):
        services.receive_opinion(received, by=editor, on=date(2025, 6, 5), consultation=received.consultations.get())
        services.notify_fee(received, by=editor, on=date(2025, 6, 5), method="per_page", pages=150)
    assert "信息处理费1700元（按量计收）。请于2025年7月3日前缴纳" in mail.outbox[1].body


def test_the_reply_is_sent_with_its_letter(received, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(received, by=editor, on=date(2025, 6, 27), outcome="2", reason="部分内容涉及商业秘密。")
    message = mail.outbox[0]
    assert "办理结果：部分公开。答复书（市教育局依申请公开〔2025〕1号）见附件" in message.body
    ((name, content, _type),) = message.attachments
    assert name == f"{received.number}-答复书.pdf" and content.startswith(b"%PDF-")


def test_no_address_no_mail_but_the_lookup_page_shows_the_notice(client, bureau, editor):
    application, code = services.submit_online(bureau, {"applicant_name": "吴十", "info_title": "规划图"})
    services.confirm(application, by=editor, on=TODAY)
    assert Notice.objects.filter(delivery=Notice.Delivery.NO_ADDRESS).count() == 2
    page = client.post(reverse("applications:lookup"), {"number": application.number, "code": code}, follow=True)
    html = page.content.decode()
    assert "受理通知" in html and "本机关已于2025年6月30日受理您的申请" in html
    assert code not in html  # the codes notice is not shown again


def test_without_an_e_mail_address_the_code_is_never_kept_in_the_outbox(client, bureau):
    client.post(reverse("applications:apply", args=[bureau.pk]), apply_data(email="", delivery_method="post"))
    code = client.session["applications_new_codes"]["code"]
    notice = Notice.objects.get(kind=Notice.Kind.CODES)
    assert notice.delivery == Notice.Delivery.NO_ADDRESS
    assert code not in notice.body and "查询码：" in notice.body
