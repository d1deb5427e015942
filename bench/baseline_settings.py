"""Settings for bench/catalog.py's gunicorn: the test settings, with the trivial page it measures against."""

from disclosure_portal.test_settings import *  # noqa: F403

ROOT_URLCONF = "bench.baseline_urls"
