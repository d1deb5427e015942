"""Error pages: a lost database gives the calm Chinese 503 page, anything else the 500 page; never a traceback."""

import re

import pytest
from django.db import OperationalError
from django.test import Client

from catalog.models import Organization


@pytest.fixture
def failing_database(monkeypatch):
    def lost(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(type(Organization.objects), "portal_root", lost)


@pytest.fixture
def failing_code(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a programming error with 13912345678 in it")

    monkeypatch.setattr(type(Organization.objects), "portal_root", broken)


def _get(path: str = "/catalog/"):
    return Client(raise_request_exception=False).get(path)


def test_a_lost_database_gives_the_chinese_503_page(db, failing_database):
    response = _get()
    assert response.status_code == 503
    page = response.content.decode()
    assert "暂时无法访问" in page and "不会丢失" in page
    assert response["Retry-After"] == "30"


def test_a_programming_error_gives_the_chinese_500_page(db, failing_code):
    response = _get()
    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


@pytest.mark.parametrize("fixture", ["failing_database", "failing_code"])
def test_error_pages_show_no_traceback_or_exception_text(db, request, fixture):
    request.getfixturevalue(fixture)
    page = _get().content.decode()
    assert "Traceback" not in page and "Error" not in page and "13912345678" not in page
    assert 'lang="zh-Hans"' in page
    assert len(re.findall(r"<h1[\s>]", page)) == 1


def test_the_503_page_is_logged_without_the_exception_message(db, failing_database, caplog):
    _get()
    assert "Database unavailable: OperationalError" in caplog.text
    assert "Connection refused" not in "\n".join(
        r.getMessage() for r in caplog.records if r.name.startswith("disclosure")
    )


def test_error_pages_carry_the_security_headers(db, failing_database):
    response = _get()
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


@pytest.fixture
def looked_up(db, public_site):
    """A browser whose session exists because it looked an application up with its codes."""
    from applications.services.numbers import hash_lookup_code

    application = public_site["application"]
    application.lookup_code_hash = hash_lookup_code("ABCDE23456")
    application.save(update_fields=["lookup_code_hash"])
    client = Client(raise_request_exception=False)
    codes = {"number": application.number, "code": "ABCDE23456"}
    assert client.post("/apply/lookup/", codes)["Location"] == f"/apply/lookup/{application.number}/"
    return client, codes


def test_a_session_that_cannot_be_saved_because_the_database_went_away_gives_the_503_page(looked_up, monkeypatch):
    """The lookup stores the application in the session; PostgreSQL stopping at that moment is an outage
    (bench/load.py's fault run once answered it with 400 "Bad Request": Django's "session deleted")."""
    from django.contrib.sessions.models import Session

    client, codes = looked_up

    def shutting_down(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(Session, "save", shutting_down)
    response = client.post("/apply/lookup/", codes)
    assert response.status_code == 503
    assert "暂时无法访问" in response.content.decode()


def test_a_session_deleted_by_another_request_meanwhile_is_still_a_bad_request(looked_up, monkeypatch):
    from django.contrib.sessions.models import Session

    client, codes = looked_up
    save = Session.save

    def deleted_meanwhile(session, *args, **kwargs):
        Session.objects.filter(pk=session.pk).delete()  # logged out in another tab: not an outage
        return save(session, *args, **kwargs)

    monkeypatch.setattr(Session, "save", deleted_meanwhile)
    assert client.post("/apply/lookup/", codes).status_code == 400


def test_a_rate_limiter_that_cannot_count_does_not_turn_a_citizen_away(db, public_site, settings, monkeypatch):
    """SQLite's held lock makes the cache table's write fail silently: that is not "too many requests"."""
    import re

    from django.core.cache import caches

    from tests.support import filled_in, read_forms

    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    client = Client(raise_request_exception=False)
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")

    def gone(*args, **kwargs):
        raise ValueError("the key is not there: its write was lost")

    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(caches["default"], "incr", gone)
    assert client.post(link, filled_in(form)).status_code == 302
