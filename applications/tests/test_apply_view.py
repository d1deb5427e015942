"""The citizen's application form (/apply/<organization>/)."""

import time

from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.forms.citizen import TIMING_SALT
from applications.models import Application
from applications.services.numbers import check_lookup_code

from .factories import VALID_CREDIT_CODE, VALID_ID, apply_data


def _post(client, organization, **changes):
    return client.post(reverse("applications:apply", args=[organization.pk]), apply_data(**changes))


def test_the_form_asks_for_no_purpose(client, bureau):
    response = client.get(reverse("applications:apply", args=[bureau.pk]))
    assert response.status_code == 200
    assert "用途" not in response.content.decode()


def test_a_valid_application_is_filed_and_codes_shown_once(client, bureau):
    response = _post(client, bureau)
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.state == Application.State.SUBMITTED and application.received_on is None
    page = client.get(reverse("applications:submitted")).content.decode()
    assert application.number in page
    assert application.number not in client.get(reverse("applications:submitted")).content.decode()


def test_only_a_hash_of_the_lookup_code_is_stored(client, bureau):
    _post(client, bureau)
    code = client.session["applications_new_codes"]["code"]
    application = Application.objects.get()
    assert code not in application.lookup_code_hash
    assert check_lookup_code(application.number, code) == application
    assert check_lookup_code(application.number, "WRONGCODE2") is None


def test_codes_are_emailed_when_an_address_was_given(client, bureau, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, bureau)
    assert len(mail.outbox) == 1
    assert Application.objects.get().number in mail.outbox[0].body
    assert client.session["applications_new_codes"]["code"] in mail.outbox[0].body


def test_no_email_without_an_address(client, bureau, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, bureau, email="", delivery_method="pickup")
    assert Application.objects.count() == 1 and mail.outbox == []


def test_a_wrong_identity_check_digit_is_refused_next_to_the_field(client, bureau):
    response = _post(client, bureau, id_number="110105194912310021")
    assert response.status_code == 400
    assert "校验码" in str(response.context["form"].errors["id_number"])
    assert "110105194912310021" not in str(response.context["form"].errors)
    assert Application.objects.count() == 0


def test_what_was_typed_is_kept_after_an_error(client, bureau):
    response = _post(client, bureau, consent="")
    page = response.content.decode()
    assert "示范市教育局2025年城区公办小学招生计划及学区划分文件" in page
    assert "请勾选同意处理个人信息" in page


def test_a_lost_upload_is_announced(client, bureau):
    proof = SimpleUploadedFile("id.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    data = apply_data(consent="", identity_proof=proof)
    response = client.post(reverse("applications:apply", args=[bureau.pk]), data)
    assert "请重新选择该文件" in response.content.decode()


def test_organizations_give_their_credit_code_with_its_check_character(client, bureau):
    org = {"applicant_type": "commercial", "org_name": "示范科技有限公司", "legal_representative": "王五"}
    org |= {"contact_name": "赵六", "contact_phone": "010-12345678"}
    assert _post(client, bureau, credit_code="91350100M000100Y44", **org).status_code == 400
    assert _post(client, bureau, credit_code=VALID_CREDIT_CODE, **org).status_code == 302
    assert Application.objects.get().credit_code == VALID_CREDIT_CODE


def test_the_honeypot_refuses_bots(client, bureau):
    response = _post(client, bureau, website="http://spam.example")
    assert response.status_code == 400 and Application.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(client, bureau):
    response = _post(client, bureau, started=signing.dumps(time.time(), salt=TIMING_SALT))
    assert response.status_code == 400 and Application.objects.count() == 0
    assert "提交过快" in response.content.decode()


def test_repeated_identical_applications_are_flagged(client, bureau):
    _post(client, bureau)
    _post(client, bureau)
    assert list(Application.objects.order_by("pk").values_list("flagged_duplicate", flat=True)) == [False, True]


def test_submissions_are_rate_limited_per_address_keeping_what_was_typed(client, bureau, settings):
    settings.APPLICATIONS_SUBMIT_RATE = "2/h"
    responses = [_post(client, bureau, info_title=f"信息{n}") for n in range(3)]
    assert [response.status_code for response in responses] == [302, 302, 429]
    refused = responses[-1].content.decode()
    assert "提交次数过多" in refused and 'value="信息2"' in refused and Application.objects.count() == 2


def test_correcting_typing_slips_does_not_use_up_the_limit(client, bureau, settings):
    settings.APPLICATIONS_SUBMIT_RATE = "2/h"
    wrong_check_digit = VALID_ID[:-1] + "1"
    assert [_post(client, bureau, id_number=wrong_check_digit).status_code for _ in range(3)] == [400] * 3
    assert _post(client, bureau).status_code == 302


def test_each_entry_of_the_error_summary_leads_to_a_control_of_its_field(client, bureau):
    """Keyboard and screen-reader users follow the summary's links: each must land on something they can fill."""
    import re

    page = _post(client, bureau, delivery_form="", delivery_method="", info_title="").content.decode()
    summary = page[page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert {"id_delivery_form_0", "id_delivery_method_0", "id_info_title"} <= set(targets)
    for target in targets:
        assert re.search(rf'<(input|select|textarea)\b[^>]*\bid="{target}"', page), target
    assert Application.objects.count() == 0


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if char.isascii() and char.isalnum() else char for char in text)


def test_numbers_typed_in_full_width_are_stored_as_the_same_person_s(client, bureau):
    """A Chinese input method types full-width digits; the same applicant asking again is still recognised."""
    _post(client, bureau)
    assert _post(client, bureau, id_number=_full_width(VALID_ID), postcode=_full_width("100000")).status_code == 302
    first, second = Application.objects.order_by("pk")
    assert (second.id_number, second.postcode) == (first.id_number, "100000") and second.flagged_duplicate


def test_digits_of_another_script_are_not_an_id_number(client, bureau):
    arabic_indic = "".join(chr(0x660 + int(char)) if char.isdigit() else char for char in VALID_ID)
    response = _post(client, bureau, id_number=arabic_indic)
    assert response.status_code == 400 and "居民身份证号码应为18位" in response.content.decode()
    assert not Application.objects.exists()
