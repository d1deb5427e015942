"""Settings for bench/catalog.py's gunicorn: the test settings, with the trivial page it measures against."""

from disclosure_portal.test_settings import *  # noqa: F403

# isort: split
from disclosure_portal import settings as production  # after the test settings have set its environment

# As deployed: each process trusts the tag tokens it read for a moment and keeps the page frame's data (the
# test settings turn both off).
PAGE_CACHE_TOKEN_MS = production.PAGE_CACHE_TOKEN_MS
PAGE_FRAME_REUSE = production.PAGE_FRAME_REUSE

ROOT_URLCONF = "bench.baseline_urls"
