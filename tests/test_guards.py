"""Site-wide guards in the spirit of djangoproject.com's."""

import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


def _public_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _public_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            yield f"{namespace}{entry.name}"


PUBLIC_HTML_URLS = sorted(set(_public_names()))


@pytest.mark.parametrize("name", PUBLIC_HTML_URLS)
def test_every_argument_free_public_url_answers_with_one_h1(client, city, name):
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    if response["Content-Type"].startswith("text/html"):
        assert len(re.findall(rb"<h1[\s>]", response.content)) == 1, name


def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "ALLOWED_HOSTS": "example.org"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='disclosure_portal.settings';django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=str(__import__("django").conf.settings.BASE_DIR),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "a-long-enough-secret"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='disclosure_portal.settings';django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=str(__import__("django").conf.settings.BASE_DIR),
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr
