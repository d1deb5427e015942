"""Security headers on every response: public pages, error pages, the admin, redirects."""

import pytest
from django.urls import reverse

from tests.support import walk_routes

EXTRA_PAGES = ["/no-such-page/", "/admin/login/", "/preferences/fontsize/large/"]
PUBLIC_PAGES = [
    *sorted(reverse(route.name) for route in walk_routes() if not route.converters and not route.is_admin),
    *EXTRA_PAGES,
]


def _directives(policy: str) -> dict[str, list[str]]:
    pairs = (part.strip().split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in pairs}


@pytest.fixture
def responses(client, city):
    return {url: client.get(url, secure=True) for url in PUBLIC_PAGES}


def test_every_response_forbids_framing_and_sniffing(responses):
    for url, response in responses.items():
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


def test_every_response_has_a_csp_without_inline_scripts(responses):
    for url, response in responses.items():
        policy = _directives(response["Content-Security-Policy"])
        scripts = policy.get("script-src", policy.get("default-src"))
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["object-src"] == ["'none'"], url


def test_every_https_response_in_production_mode_carries_hsts(responses):
    for url, response in responses.items():
        hsts = response["Strict-Transport-Security"]
        max_age = int(hsts.split("max-age=")[1].split(";")[0])
        assert max_age >= 31536000, url
        assert "includeSubDomains" in hsts, url


def test_plain_http_is_redirected_to_https_in_production(client, settings, city):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/catalog/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_preference_cookies_are_http_only_and_same_site(client, city):
    cookie = client.get("/preferences/contrast/high/", secure=True).cookies["pref_contrast"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["secure"]


def test_production_settings_pass_djangos_deployment_checks():
    import subprocess
    import sys

    from django.conf import settings

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
