"""Staff login: lockout after repeated failures (django-axes), session expiry, password rules."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery"


def _login(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_correct_password_lets_staff_in(client, editor):
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_wrong_password_is_refused_with_a_chinese_message(client, editor):
    response = _login(client, "editor", "wrong-password-1")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_repeated_failures_lock_the_account_even_against_the_right_password(client, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "editor", f"wrong-password-{attempt}")
    response = _login(client, "editor", PASSWORD)
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_the_cool_off_time(client, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "editor", f"wrong-password-{attempt}")
    with time_machine.travel(timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)):
        assert _login(client, "editor", PASSWORD).status_code == 302


def test_failures_under_the_limit_do_not_lock(client, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "editor", f"wrong-password-{attempt}")
    assert _login(client, "editor", PASSWORD).status_code == 302


def test_staff_session_expires_after_its_age(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client, "editor", PASSWORD)
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False):
        response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_session_ends_when_the_browser_closes():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize("password", ["12345678901", "password123", "qwertyuiop", "短密码1"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_password_resembling_the_username_is_refused(editor):
    with pytest.raises(ValidationError):
        validate_password("editor12345", user=editor)


def test_a_long_uncommon_password_is_accepted(editor):
    validate_password("绿色-Lantern-冬至-4821", user=editor)


def test_login_failure_logs_no_password(client, editor, caplog):
    _login(client, "editor", "secret-typed-by-mistake")
    assert "secret-typed-by-mistake" not in caplog.text
