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
