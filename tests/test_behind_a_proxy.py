"""Rate limits and staff lockouts key on the client, also behind nginx (TRUSTED_PROXY_HOPS).

Behind a proxy every request comes from the proxy's address: keyed on it, ten applications from one
person would block everyone's, and five wrong passwords would lock a staff account for everyone.
"""

import re

import pytest
from django.conf import settings
from django.test import Client

from disclosure_portal.clients import client_address
from tests.support import filled_in, read_forms

PROXY = "127.0.0.1"
PASSWORD = "correct-horse-battery"


def _citizen(address: str | None, forged: str = "") -> Client:
    """A browser whose requests reach the portal through nginx (address given) or directly (None)."""
    header = ", ".join(part for part in (forged, address) if part)
    return Client(REMOTE_ADDR=PROXY if address else "203.0.113.9", HTTP_X_FORWARDED_FOR=header)


def _apply(client: Client) -> int:
    link = re.findall(r'href="(/apply/\d+/)"', client.get("/apply/").content.decode())[0]
    form = next(f for f in read_forms(client.get(link).content, link) if f.method == "post")
    return client.post(link, filled_in(form)).status_code


@pytest.fixture
def two_per_hour(settings, public_site):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0
    settings.APPLICATIONS_SUBMIT_RATE = "2/h"


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy declared: the header is the client's own words
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged entry on the left changes nothing
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "", "10.0.0.1"),  # not through the proxy
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_from_the_trusted_proxies_only(rf, settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_behind_the_proxy_one_citizens_limit_leaves_another_citizen_free(two_per_hour, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    busy, other = _citizen("198.51.100.7"), _citizen("198.51.100.8")
    assert [_apply(busy) for _ in range(3)] == [302, 302, 429]
    assert _apply(other) == 302


def test_behind_the_proxy_a_forged_header_does_not_escape_the_limit(two_per_hour, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    statuses = [_apply(_citizen("198.51.100.7", forged=f"6.6.6.{n}")) for n in range(3)]
    assert statuses == [302, 302, 429]


def test_without_a_declared_proxy_the_header_cannot_be_used_to_escape_the_limit(two_per_hour, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    statuses = [_apply(_citizen(None, forged=f"6.6.6.{n}")) for n in range(3)]
    assert statuses == [302, 302, 429]


def _login(client: Client, password: str):
    return client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})


def test_behind_the_proxy_an_attackers_wrong_passwords_do_not_lock_out_the_staff_member(editor, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    attacker = _citizen("198.51.100.66")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, f"wrong-password-{attempt}")
    assert _login(attacker, PASSWORD).status_code in (403, 429)  # the attacker is locked out
    assert _login(_citizen("198.51.100.8"), PASSWORD).status_code == 302  # the staff member is not


def test_without_a_declared_proxy_a_forged_header_does_not_lift_a_lockout(editor, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(_citizen(None, forged=f"6.6.6.{attempt}"), f"wrong-password-{attempt}")
    assert _login(_citizen(None, forged="6.6.6.200"), PASSWORD).status_code in (403, 429)


def test_the_setting_defaults_to_no_proxy():
    assert settings.TRUSTED_PROXY_HOPS == 0
