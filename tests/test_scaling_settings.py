"""Each service is optional and switched on by its environment variables alone."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"], "pages": settings.CACHES["pages"]["BACKEND"],
    "tables": [settings.CACHES[alias].get("LOCATION") for alias in ("default", "pages")],
    "axes": settings.AXES_HANDLER, "replicas": settings.READ_REPLICAS,
    "replica": settings.DATABASES.get("replica1"), "storage": settings.STORAGES["default"],
    "tasks": settings.TASKS["default"]["BACKEND"],
}))
"""
BASE = {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "disclosure_portal.settings", "DATABASE_URL": "sqlite:///x.db"}


def effective(**variables: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "S3_", "DATABASE", "TASKS"))}
    run = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env={**environment, **BASE, **variables},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_a_single_machine_needs_none_of_them():
    found = effective()
    assert found["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["pages"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["tables"] == ["portal_cache", "portal_page_cache"]  # pages culled never take tokens along
    assert found["axes"] == "axes.handlers.database.AxesDatabaseHandler" and found["replicas"] == []
    assert found["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_every_service_from_its_variables():
    found = effective(
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_REPLICA_URLS="postgres://portal@10.0.0.2:5432/portal",
        S3_BUCKET="disclosure",
        S3_ENDPOINT_URL="https://obs.example.com",
        TASKS_BACKEND="database",
    )
    assert found["cache"] == found["pages"] == "django.core.cache.backends.redis.RedisCache"
    assert found["axes"] == "axes.handlers.cache.AxesCacheHandler"
    assert found["replicas"] == ["replica1"] and found["replica"]["HOST"] == "10.0.0.2"
    assert found["replica"]["OPTIONS"]["connect_timeout"] == "2"
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["endpoint_url"] == "https://obs.example.com"
    assert found["tasks"] == "django_tasks_db.DatabaseBackend"


def test_a_replica_must_be_postgresql():
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, **BASE, "DATABASE_REPLICA_URLS": "sqlite:///replica.db"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "is not a PostgreSQL address" in run.stderr
