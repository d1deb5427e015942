"""Settings for bench/catalog.py's gunicorn: the test settings, with the trivial page it measures against."""

from disclosure_portal.test_settings import *  # noqa: F403

# isort: split
from disclosure_portal import settings as production  # after the test settings have set its environment

# As deployed: each process trusts the tag tokens it read for a moment (the test settings turn that off).
PAGE_CACHE_TOKEN_MS = production.PAGE_CACHE_TOKEN_MS

ROOT_URLCONF = "bench.baseline_urls"
