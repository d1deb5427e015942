"""Every staff page and download: own organization, other organization, anonymous."""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from applications.models import ApplicationEvent

PAGES = ["dashboard", "candidates", "ledger", "changelist", "add"]
OBJECT_PAGES = ["process", "identity_proof", "reply_letter"]


@pytest.fixture
def application(make_application):
    application = make_application(
        identity_proof=ContentFile(b"%PDF-1.4 id", name="id.pdf"),
        reply_letter=ContentFile(b"%PDF-1.4 reply", name="reply.pdf"),
        concluded_on="2025-03-20",
        outcome="1",
        state="replied",
    )
    ApplicationEvent.objects.create(
        application=application, kind="note", happened_on="2025-03-04", letter=ContentFile(b"x", name="l.pdf")
    )
    return application


def _object_urls(application):
    urls = [reverse(f"admin:applications_application_{name}", args=[application.pk]) for name in OBJECT_PAGES]
    event = application.events.get()
    urls.append(reverse("admin:applications_application_event_letter", args=[application.pk, event.pk]))
    urls.append(reverse("admin:applications_application_change", args=[application.pk]))
    return urls


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_login(client, name, bureau):
    response = client.get(reverse(f"admin:applications_application_{name}"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_users_get_no_object_page_or_file(client, application):
    for url in _object_urls(application):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


# What each page shows its staff: its heading or form, so that a blank or wrong page fails.
PAGE_SHOWS = {
    "dashboard": "各机关统计",
    "candidates": "可转为主动公开的信息",
    "ledger": "台账",
    "changelist": "政府信息公开申请",
    "add": "登记当面、邮寄、传真等申请",
}


@pytest.mark.parametrize("name", PAGES)
def test_staff_of_an_organization_open_every_page(client, editor, name):
    client.force_login(editor)
    response = client.get(reverse(f"admin:applications_application_{name}"))
    assert response.status_code == 200 and PAGE_SHOWS[name] in response.content.decode()


def test_own_staff_open_the_application_and_its_files(client, editor, application):
    client.force_login(editor)
    process = client.get(reverse("admin:applications_application_process", args=[application.pk]))
    assert application.number in process.content.decode() and "13800138000" in process.content.decode()
    expected = {
        "identity_proof": (b"%PDF-1.4 id", "身份证明.pdf"),
        "reply_letter": (b"%PDF-1.4 reply", "答复书.pdf"),
    }
    for name, (content, filename) in expected.items():
        response = client.get(reverse(f"admin:applications_application_{name}", args=[application.pk]))
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert quote(f"{application.number}-{filename}") in response["Content-Disposition"]
    event = application.events.get()
    letter = client.get(reverse("admin:applications_application_event_letter", args=[application.pk, event.pk]))
    assert b"".join(letter.streaming_content) == b"x"
    change = client.get(reverse("admin:applications_application_change", args=[application.pk]), follow=True)
    assert application.number in change.content.decode()


def test_other_organizations_staff_get_404_for_the_application_and_its_files(client, outsider, application):
    client.force_login(outsider)
    for url in _object_urls(application):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url


def test_other_organizations_staff_do_not_see_it_in_lists(client, outsider, application):
    client.force_login(outsider)
    for name in ("dashboard", "changelist"):
        page = client.get(reverse(f"admin:applications_application_{name}")).content.decode()
        assert application.number not in page


def test_staff_without_an_organization_are_refused(client, db):
    from conftest import make_staff

    client.force_login(make_staff("lonely"))
    assert client.get(reverse("admin:applications_application_dashboard")).status_code == 403


def test_other_organizations_staff_cannot_act_on_it(client, outsider, make_application):
    application = make_application(state="submitted", received_on=None)
    client.force_login(outsider)
    url = reverse("admin:applications_application_action", args=[application.pk, "confirm"])
    assert client.post(url, {"confirm-on": "2025-03-03"}).status_code == 404
    application.refresh_from_db()
    assert application.state == "submitted"


def test_lists_mask_identity_and_phone_numbers(client, editor, application):
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_changelist")).content.decode()
    assert application.number in page
    assert "13800138000" not in page and "138****8000" in page
    assert "11010519491231002X" not in page


def test_full_personal_data_only_on_the_application_page(client, editor, application):
    client.force_login(editor)
    page = client.get(reverse("admin:applications_application_process", args=[application.pk])).content.decode()
    assert "13800138000" in page and "11010519491231002X" in page
