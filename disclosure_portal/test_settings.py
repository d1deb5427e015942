"""Settings for the test suite: the production settings with test-only values.

The environment decides the database (DATABASE_URL), exactly as in production,
so the same suite runs on SQLite and on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")

from .settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per pytest-xdist worker: a test that checks which files a failed request left behind must not
# see the files the other worker's tests write at the same moment.
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/disclosure-portal-test-media"))  # noqa: F405
MEDIA_ROOT = MEDIA_ROOT / os.environ.get("PYTEST_XDIST_WORKER", "main")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Pages are rendered for every request unless a test turns the page cache on (tests/test_page_cache.py):
# the cache table outlives the data a transactional test flushes, so one test could see another's pages.
# (bench/catalog.py serves these settings with PAGE_CACHE_SECONDS set in the environment.)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 0))
# Tag tokens are read from the shared cache on every request: the cache table rolls back with each test, a
# process's memory of the tokens would not (tests/test_page_cache.py turns it on where it is the point).
PAGE_CACHE_TOKEN_MS = 0
# Likewise the page frame's data is read for each page: a test's changes are never committed, so they bump no
# token, and a frame kept from before them would be stale (tests/test_page_frame_reuse.py turns it on).
PAGE_FRAME_REUSE = False

# A second alias on the same test database, for the read-replica router's tests (READ_REPLICAS stays empty
# unless a test names it).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
