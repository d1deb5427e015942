"""CSRF protection on every form that changes something: the public ones found by crawling, and the staff login."""

from urllib.parse import urljoin

import pytest
from django.test import Client

from tests.support import crawl, filled_in, read_forms

START = ["/", "/catalog/", "/apply/", "/apply/lookup/", "/reports/"]


@pytest.fixture
def post_forms(client, public_site):
    forms = {}
    for url, response in crawl(client, START, limit=25).items():
        for form in read_forms(response.content, url):
            if form.method == "post":
                forms[urljoin(url, form.action)] = form
    return forms


def test_every_post_form_carries_a_csrf_token(post_forms):
    assert post_forms, "the crawl found no POST form"
    for action, form in post_forms.items():
        assert form.fields.get("csrfmiddlewaretoken"), action


def test_every_post_form_is_refused_without_its_token(post_forms, settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    strict = Client(enforce_csrf_checks=True)
    for action, form in post_forms.items():
        values = filled_in(form)
        values.pop("csrfmiddlewaretoken")
        assert strict.post(action, values).status_code == 403, action


def test_a_token_from_another_session_is_refused(post_forms):
    strict = Client(enforce_csrf_checks=True)
    strict.get("/apply/lookup/")
    for action, form in post_forms.items():
        values = filled_in(form, {"csrfmiddlewaretoken": "x" * 64})
        assert strict.post(action, values).status_code == 403, action


def test_staff_login_is_refused_without_a_token(editor):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_the_csrf_failure_page_is_in_chinese(editor):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "editor"})
    assert "CSRF" in response.content.decode() or "禁止" in response.content.decode()


def test_state_changing_admin_actions_need_a_token(site_admin, public_site):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(site_admin)
    item = public_site["item"]
    response = strict.post(f"/admin/catalog/item/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert type(item).objects.filter(pk=item.pk).exists()
