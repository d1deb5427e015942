"""The benchmarks' yardstick page lives in bench/, never in the portal's own URLs."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

PORTAL_PATHS = ["/", "/catalog/", "/search/", "/robots.txt"]


def test_the_portal_has_no_benchmark_page():
    with pytest.raises(Resolver404):
        resolve("/bench-baseline/")


def test_the_benchmark_settings_add_it_beside_every_portal_page():
    for path in ["/bench-baseline/", *PORTAL_PATHS]:
        resolve(path, urlconf="bench.baseline_urls")


def test_the_portal_started_as_the_old_hook_asked_still_has_none():
    script = "import django; django.setup(); from django.urls import resolve; resolve('/bench-baseline/')"
    run = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "disclosure_portal.test_settings", "PORTAL_BENCH_BASELINE": "1"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "Resolver404" in run.stderr
