"""The application form's one-time submission token: the same form sent twice files one application."""

import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from applications.models import Application, Notice
from applications.services.numbers import check_lookup_code

from .factories import apply_data

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def rendered_token(client, organization) -> str:
    page = client.get(reverse("applications:apply", args=[organization.pk])).content.decode()
    return TOKEN.search(page).group(1)


def send(client, organization, data):
    return client.post(reverse("applications:apply", args=[organization.pk]), data)


def acknowledgement(client) -> tuple[str, str]:
    page = client.get(reverse("applications:submitted")).content.decode()
    number = re.search(r'id="application-number">([^<]+)<', page)
    code = re.search(r'id="lookup-code">([^<]+)<', page)
    return (number.group(1).strip() if number else ""), (code.group(1).strip() if code else "")


def test_the_same_form_sent_twice_files_once_and_acknowledges_twice_alike(
    client, bureau, django_capture_on_commit_callbacks
):
    data = apply_data(submission_token=rendered_token(client, bureau))
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, bureau, data).status_code == 302
        first = acknowledgement(client)
        assert send(client, bureau, data).status_code == 302
        again = acknowledgement(client)
    application = Application.objects.get()
    assert first == again == (application.number, first[1]) and first[1]
    assert check_lookup_code(application.number, first[1]) == application
    assert application.notices.filter(kind=Notice.Kind.CODES).count() == 1 and len(mail.outbox) == 1


def test_a_retry_from_a_browser_whose_session_was_lost_gets_the_same_codes(client, bureau):
    """The 502 case: the first answer (and the session cookie it set) never reached the browser."""
    data = apply_data(submission_token=rendered_token(client, bureau))
    send(Client(), bureau, data)
    assert send(client, bureau, data).status_code == 302
    application = Application.objects.get()
    number, code = acknowledgement(client)
    assert number == application.number and check_lookup_code(number, code) == application


def test_another_rendering_of_the_form_files_another_application_with_another_code(client, bureau):
    send(client, bureau, apply_data(submission_token=rendered_token(client, bureau)))
    first = acknowledgement(client)
    send(client, bureau, apply_data(submission_token=rendered_token(client, bureau)))
    second = acknowledgement(client)
    assert Application.objects.count() == 2
    assert first[0] != second[0] and first[1] != second[1]


def test_a_retry_is_acknowledged_even_when_the_address_reached_its_limit(client, bureau, settings):
    settings.APPLICATIONS_SUBMIT_RATE = "1/h"
    data = apply_data(submission_token=rendered_token(client, bureau))
    assert [send(client, bureau, data).status_code for _ in range(2)] == [302, 302]
    assert acknowledgement(client)[0] == Application.objects.get().number


def test_a_forged_token_is_refused_in_chinese_keeping_what_was_typed(client, bureau):
    token = rendered_token(client, bureau)
    proof = SimpleUploadedFile("id.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = send(client, bureau, apply_data(submission_token=token[:-2] + "xx", identity_proof=proof))
    page = response.content.decode()
    assert response.status_code == 400 and not Application.objects.exists()
    assert "表单已失效或不是从本网站打开的，请核对下面的内容后再次提交。" in page
    assert "示范市教育局2025年城区公办小学招生计划及学区划分文件" in page and 'value="李四"' in page
    assert "请重新选择该文件" in page, "the identity proof is never kept from a refused form; the page says so"
    fresh = TOKEN.search(page).group(1)
    assert fresh != token[:-2] + "xx"
    assert send(client, bureau, apply_data(submission_token=fresh)).status_code == 302


def test_a_missing_token_is_refused_the_same_way(client, bureau):
    response = send(client, bureau, apply_data(submission_token=""))
    assert response.status_code == 400 and not Application.objects.exists()
    assert "表单已失效" in response.content.decode()
