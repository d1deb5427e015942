"""Every setting the portal reads is declared in settings.py with its default, and read as `settings.X`."""

import re
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.core.exceptions import ImproperlyConfigured

from disclosure_portal import settings as portal_settings
from disclosure_portal.env import env_rate

ROOT = Path(settings.BASE_DIR)
FOLDERS = ("annual_reports", "applications", "catalog", "disclosure_portal", "feedback", "open_data", "search")
FOLDERS += ("site_check", "subscriptions")


def _sources():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" not in relative and "/migrations/" not in relative:
                yield relative, path.read_text(encoding="utf-8")


def test_no_setting_is_read_with_a_default_of_its_own():
    readers = [name for name, source in _sources() if re.search(r"getattr\(\s*settings\s*,\s*[\"']", source)]
    assert readers == []


def test_every_setting_read_is_declared():
    read = {match for _, source in _sources() for match in re.findall(r"\bsettings\.([A-Z][A-Z0-9_]+)", source)}
    undeclared = {name for name in read if not hasattr(portal_settings, name) and not hasattr(global_settings, name)}
    assert undeclared == set()


def test_a_rate_from_the_environment_is_read_as_given(monkeypatch):
    monkeypatch.setenv("APPLICATIONS_SUBMIT_RATE", " 3/10m ")
    assert env_rate("APPLICATIONS_SUBMIT_RATE", "10/h") == "3/10m"
    monkeypatch.setenv("APPLICATIONS_SUBMIT_RATE", "")
    assert env_rate("APPLICATIONS_SUBMIT_RATE", "10/h") == "10/h"


@pytest.mark.parametrize("raw", ["10 per hour", "h/10", "10"])
def test_a_rate_the_limiter_cannot_read_stops_start_up_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("FEEDBACK_WRITE_RATE", raw)
    with pytest.raises(ImproperlyConfigured, match="FEEDBACK_WRITE_RATE"):
        env_rate("FEEDBACK_WRITE_RATE", "10/h")
