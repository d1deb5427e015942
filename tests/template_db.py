"""The SQLite test database: each test process starts from a copy of one migrated database.

Migrating a fresh database takes about ten seconds of CPU, and every pytest-xdist worker of every run and every
mutant of `make mutation` would pay it again. The migrated template is kept between runs in
`.test-databases/`, named by a digest of every migration file of every installed app and of the Python version:
editing, adding or upgrading a migration makes a new template, so a copy is always what migrating would give.
Each process copies it into a folder of its own (with its own media folder): two workers, or two mutants tested at
once, never share rows or files. The copy is taken afresh for every run, so a transactional test that flushes the
seeded rows (the root conftest puts them back) leaves the template as it was.
"""

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / ".test-databases"


def migrations_digest() -> str:
    from django.apps import apps

    digest = hashlib.sha256(sys.version.encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{config.label}/{path.relative_to(folder)}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def template_database() -> Path:
    """The migrated template of the current migrations, built (and older ones removed) when missing."""
    template = TEMPLATES / f"{migrations_digest()}.sqlite3"
    if not template.exists():
        TEMPLATES.mkdir(exist_ok=True)
        building = template.with_name(f"{template.stem}.{os.getpid()}.building")
        try:
            _migrate(building)
            # Atomic: the other worker, building the same template at the same moment, writes the same file.
            os.replace(building, template)
        finally:
            building.unlink(missing_ok=True)
        for old in TEMPLATES.glob("*.sqlite3"):
            if old != template:
                old.unlink(missing_ok=True)
    return template


def _migrate(database: Path) -> None:
    from django.core.management import call_command

    _point_at(database)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    _close_all()  # the last connection to close folds the write-ahead log into the file


def _close_all() -> None:
    from django.db import connections

    for alias in connections:
        connections[alias].close()


def _point_at(database: Path) -> None:
    from django.db import connections

    _close_all()
    for alias in connections:
        connections[alias].settings_dict["NAME"] = str(database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    from django.test import override_settings

    own = Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}"
    shutil.rmtree(own, ignore_errors=True)
    own.mkdir()
    database = own / "db.sqlite3"
    with django_db_blocker.unblock():
        shutil.copyfile(template_database(), database)
    _point_at(database)
    media = override_settings(MEDIA_ROOT=own / "media")
    media.enable()
    yield
    media.disable()
    _close_all()
    shutil.rmtree(own, ignore_errors=True)
