"""The lookup page: both codes reveal the status and the reply letter; nothing less reveals anything."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from applications import services


@pytest.fixture
def filed(bureau):
    fields = {"applicant_name": "吴十", "info_title": "区域规划图", "applicant_type": "natural", "phone": "13711112222"}
    application, code = services.submit_online(bureau, fields)
    return application, code


def _lookup(client, number, code):
    return client.post(reverse("applications:lookup"), {"number": number, "code": code}, follow=True)


def test_number_and_code_show_the_status(client, filed):
    application, code = filed
    response = _lookup(client, application.number, code.lower())
    page = response.content.decode()
    assert response.status_code == 200 and "待确认受理" in page and "区域规划图" in page
    assert response.redirect_chain == [(reverse("applications:status", args=[application.number]), 302)]


def _typed(number: str) -> list[str]:
    """How people type YSQ2026-0003-00012: lower case, spaces, full width, other dashes, no dashes."""
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in number)
    return [
        number.lower(),
        f"  {number} ",
        full_width,
        number.replace("-", "－"),
        number.replace("-", "—"),
        number.replace("-", ""),
        number.replace("-", " ").lower(),
    ]


def test_the_number_is_forgiven_its_typing(client, filed):
    application, code = filed
    for typed in _typed(application.number):
        response = _lookup(client, typed, f" {code.lower()} ")
        assert "区域规划图" in response.content.decode(), typed


def test_a_malformed_number_does_not_count_against_the_limit(client, filed, settings):
    settings.APPLICATIONS_LOOKUP_RATE = "2/h"
    application, code = filed
    for _ in range(5):
        response = _lookup(client, "受理编号？", code)
        assert response.status_code == 400 and "受理编号的格式不对" in response.content.decode()
    assert "区域规划图" in _lookup(client, application.number, code).content.decode()


def test_a_wrong_code_counts_against_the_limit(client, filed, settings):
    settings.APPLICATIONS_LOOKUP_RATE = "2/h"
    application, code = filed
    assert [_lookup(client, application.number, "WRONGCODE3").status_code for _ in range(2)] == [400, 400]
    assert _lookup(client, application.number, code).status_code == 429


def test_the_status_shows_no_personal_data(client, filed):
    application, code = filed
    assert "13711112222" not in _lookup(client, application.number, code).content.decode()


def test_a_wrong_code_reveals_nothing(client, filed):
    application, _ = filed
    response = _lookup(client, application.number, "WRONGCODE2")
    assert client.get(reverse("applications:status", args=[application.number])).status_code == 404
    page = response.content.decode()
    assert response.status_code == 400 and "区域规划图" not in page and "受理编号或查询码不正确" in page


def test_an_unknown_number_reads_like_a_wrong_code(client, filed):
    _, code = filed
    wrong_number = _lookup(client, "YSQ2099-0001-00001", code).content.decode()
    assert "受理编号或查询码不正确" in wrong_number and "区域规划图" not in wrong_number


def test_the_reply_letter_downloads_only_after_a_successful_lookup(client, filed):
    application, code = filed
    application.reply_letter.save("r.pdf", ContentFile(b"%PDF-1.4 letter"))
    application.concluded_on, application.state = date(2025, 1, 2), "replied"
    application.save()
    url = reverse("applications:reply_letter", args=[application.number])
    status_url = reverse("applications:status", args=[application.number])
    assert client.get(status_url).status_code == 404
    assert client.get(url).status_code == 404
    assert "下载答复书" in _lookup(client, application.number, code).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 letter"


def test_lookups_are_rate_limited(client, filed, settings):
    settings.APPLICATIONS_LOOKUP_RATE = "3/h"
    application, code = filed
    statuses = [_lookup(client, application.number, "WRONGCODE3").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    assert _lookup(client, application.number, code).status_code == 429


def test_the_codes_page_without_codes_says_so(client, db):
    response = client.get(reverse("applications:submitted"))
    assert response.status_code == 200 and "没有需要显示的受理编号" in response.content.decode()


def test_the_index_lists_organizations_to_pick_from(client, bureau, other_bureau):
    page = client.get(reverse("applications:index")).content.decode()
    assert reverse("applications:apply", args=[bureau.pk]) in page
    assert reverse("applications:apply", args=[other_bureau.pk]) in page


def test_with_one_organization_the_index_is_the_form(client, city):
    page = client.get(reverse("applications:index")).content.decode()
    assert 'name="info_title"' in page
