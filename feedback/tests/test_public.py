"""The citizen's side of the 意见箱: write, keep the codes, read the answer; published answers for all."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from applications.forms.citizen import TIMING_SALT
from feedback import services
from feedback.models import Message

from .factories import letter_data

PERSONAL = ("张三丰", "13912345678", "zhang.sanfeng@example.org")


def _write(client, organization, **changes):
    return client.post(reverse("feedback:write"), letter_data(organization, **changes))


def test_a_letter_is_received_with_a_number_and_a_code_shown_once(client, bureau):
    response = _write(client, bureau)
    message = Message.objects.get()
    assert response.status_code == 302 and message.organization == bureau and not message.is_answered
    page = client.get(reverse("feedback:sent")).content.decode()
    code = client.session.get("feedback_new_codes")
    assert message.number in page and code is None, "the codes leave the session as they are shown"
    assert message.number not in client.get(reverse("feedback:sent")).content.decode()


def test_only_a_hash_of_the_code_is_kept_and_the_code_opens_the_letter(client, bureau):
    _write(client, bureau)
    codes = client.session["feedback_new_codes"]
    message = Message.objects.get()
    assert codes["code"] not in message.lookup_code_hash
    assert services.find_with_code(codes["number"], codes["code"].lower()) == message
    assert services.find_with_code(codes["number"], "WRONGCODE2") is None


def test_a_phone_or_an_email_is_needed_to_answer_the_writer(client, bureau):
    response = _write(client, bureau, phone="", email="")
    assert response.status_code == 400
    assert "请填写联系电话或电子邮箱。" in response.content.decode()
    assert 'value="建议公开学校食堂检查结果"' in response.content.decode(), "what was typed is kept"
    assert _write(client, bureau, phone="").status_code == 302


def test_the_honeypot_and_a_too_quick_send_are_refused_as_on_the_application_form(client, bureau):
    for changes in ({"website": "http://spam.example"}, {"started": signing.dumps(time.time(), salt=TIMING_SALT)}):
        response = _write(client, bureau, **changes)
        assert response.status_code == 400
        assert "提交过快或表单已过期" in response.content.decode()
        assert "希望定期公开学校食堂检查结果" in response.content.decode()
    assert not Message.objects.exists()


def test_too_many_letters_from_one_address_are_refused(client, bureau, settings):
    settings.FEEDBACK_WRITE_RATE = "2/h"
    assert [_write(client, bureau).status_code for _ in range(3)] == [302, 302, 429]
    assert Message.objects.count() == 2


def test_a_correction_names_the_page_and_its_organization(client, bureau, city, published_item):
    page = client.get(reverse("feedback:write"), {"kind": "correction", "page": published_item.get_absolute_url()})
    form = page.context["form"]
    assert form.initial["kind"] == "correction"
    assert form.initial["page_url"] == published_item.get_absolute_url()
    assert form.initial["organization"] == published_item.organization == bureau
    elsewhere = client.get(reverse("feedback:write"), {"page": "https://evil.example/"}).context["form"]
    assert elsewhere.initial["page_url"] == "" and elsewhere.initial["organization"] == city


@pytest.mark.parametrize(
    "page", ["//evil.example/login", "/\t/evil.example/login", "/\n/evil.example/", "/\\evil.example/"]
)
def test_a_correction_s_page_address_never_leads_off_the_site(client, bureau, page):
    """Staff open the address from the admin; browsers drop tabs and line breaks, so "/<tab>/host" is another host."""
    assert _write(client, bureau, kind="correction", page_url=page).status_code == 302
    assert Message.objects.get().page_url == ""


def test_the_writer_reads_an_unpublished_answer_with_the_code(client, bureau):
    _write(client, bureau)
    codes = client.session["feedback_new_codes"]
    services.answer(Message.objects.get(), "已转学校办理。", None, publish=False)
    page = client.post(reverse("feedback:lookup"), {"number": codes["number"], "code": codes["code"]})
    assert "已转学校办理。" in page.content.decode()
    wrong = client.post(reverse("feedback:lookup"), {"number": codes["number"], "code": "WRONGCODE2"})
    assert wrong.status_code == 400 and "已转学校办理。" not in wrong.content.decode()


def test_a_published_answer_shows_the_question_without_personal_data(client, bureau):
    _write(client, bureau)
    message = services.answer(Message.objects.get(), "将每季度公开一次检查结果。", None, publish=True)
    listing = client.get(reverse("feedback:index")).content.decode()
    assert message.title in listing
    page = client.get(message.get_absolute_url()).content.decode()
    assert "将每季度公开一次检查结果。" in page and "希望定期公开学校食堂检查结果" in page
    assert not [value for value in PERSONAL if value in page + listing]


def test_unpublished_letters_are_not_public(client, bureau):
    _write(client, bureau)
    message = services.answer(Message.objects.get(), "已答复。", None, publish=False)
    assert client.get(reverse("feedback:detail", args=[message.number])).status_code == 404
    assert message.title not in client.get(reverse("feedback:index")).content.decode()


def test_the_same_letter_sent_twice_is_received_once_with_the_same_codes(client, bureau):
    data = letter_data(bureau)
    client.post(reverse("feedback:write"), data)
    first = client.session["feedback_new_codes"]
    assert client.post(reverse("feedback:write"), data).status_code == 302
    assert client.session["feedback_new_codes"] == first
    assert Message.objects.get().number == first["number"]


def test_a_forged_token_is_refused_keeping_the_letter(client, bureau):
    response = _write(client, bureau, submission_token="forged:token")
    assert response.status_code == 400 and not Message.objects.exists()
    assert "表单已失效或不是从本网站打开的" in response.content.decode()
    assert "希望定期公开学校食堂检查结果" in response.content.decode()


def test_a_published_letter_hides_personal_data_typed_into_its_title(client, bureau):
    _write(client, bureau, title="张三丰13912345678反映食堂问题")
    message = services.answer(Message.objects.get(), "将每季度公开一次检查结果。", None, publish=True)
    pages = (
        client.get(reverse("feedback:index")).content.decode() + client.get(message.get_absolute_url()).content.decode()
    )
    assert "***反映食堂问题" in pages
    assert not [data for data in PERSONAL if data in pages]
