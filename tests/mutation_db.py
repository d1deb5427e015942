"""The test database of `make mutation`: each mutant's tests start from a copy of one migrated database.

Migrating a fresh test database takes about ten seconds, longer than the tests that kill most mutants.
mutmut forks one process per mutant, so each copies the template that `make mutation` migrated once into a
file (and a media folder) of its own: two mutants tested at once never share rows or files.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    from django.db import connections
    from django.test import override_settings

    own = Path(tempfile.gettempdir()) / f"mutation-{os.getpid()}"
    shutil.rmtree(own, ignore_errors=True)
    own.mkdir()
    database = own / "db.sqlite3"
    shutil.copyfile(os.environ["MUTATION_TEMPLATE_DB"], database)
    for alias in connections:
        connections[alias].close()
        connections[alias].settings_dict["NAME"] = str(database)
    media = override_settings(MEDIA_ROOT=own / "media")
    media.enable()
    yield
    media.disable()
    for alias in connections:
        connections[alias].close()
    shutil.rmtree(own, ignore_errors=True)
