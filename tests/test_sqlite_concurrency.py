"""The embedded default (SQLite) under several gunicorn workers: simultaneous submissions all land, and a
database held locked answers the 503 page that asks to retry, keeping no file without its record.

It runs its own gunicorns, each on its own copy of the suite's migrated template, so it runs once, in the
SQLite pass of `make test`.
"""

import os
import random
import shutil
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from bench.load import form_values
from bench.servers import Gunicorn, free_port, manage, multipart, production_env
from tests.conftest import PDF_BYTES
from tests.template_db import template_database

MIN_FORM_SECONDS = 1  # the form refuses what comes back faster than a person types (3 s in production)
FORM_WAIT_SECONDS = MIN_FORM_SECONDS + 0.3
QUEUE_BUSY_TIMEOUT = 5  # long enough for three writers to take turns on a loaded machine
LOCKED_BUSY_TIMEOUT = 1  # how long each write waits for the held lock before it gives up

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"), reason="SQLite's own locking"
)


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory, django_db_setup) -> Path:
    """A migrated database (a copy of the suite's template, which django_db_setup made sure of) with one
    organization to apply to."""
    database = tmp_path_factory.mktemp("sqlite-seed") / "portal.sqlite3"
    shutil.copyfile(template_database(), database)
    create = "from catalog.models import Organization as O; O.objects.create(name='并发市教育局', code='SQLITE0001')"
    manage(production_env(f"sqlite:///{database}", free_port(), workers=1), "shell", "-c", create)
    return database


def _serve(tmp_path_factory, seeded_database: Path, busy_timeout: int, workers: int):
    folder = tmp_path_factory.mktemp("sqlite-portal")
    database = folder / "portal.sqlite3"
    shutil.copyfile(seeded_database, database)
    port = free_port()
    env = production_env(
        f"sqlite:///{database}",
        port,
        workers=workers,
        MEDIA_ROOT=str(folder / "media"),
        SQLITE_BUSY_TIMEOUT=str(busy_timeout),
        APPLICATIONS_MIN_FORM_SECONDS=str(MIN_FORM_SECONDS),
    )
    with Gunicorn(env, port) as server:
        yield server, database, folder / "media"


@pytest.fixture(scope="module")
def queueing_portal(tmp_path_factory, seeded_database):
    yield from _serve(tmp_path_factory, seeded_database, QUEUE_BUSY_TIMEOUT, workers=3)


@pytest.fixture(scope="module")
def impatient_portal(tmp_path_factory, seeded_database):
    yield from _serve(tmp_path_factory, seeded_database, LOCKED_BUSY_TIMEOUT, workers=1)


class Citizen:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)

    def open_form(self, path: str) -> dict[str, str]:
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        return form_values(html, random.Random(len(html)))

    def send(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        body, content_type = multipart(fields, {"identity_proof": ("身份证.pdf", PDF_BYTES, "application/pdf")})
        headers = {"Content-Type": content_type, "Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _organization_form(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        (pk,) = connection.execute("SELECT id FROM catalog_organization").fetchone()
    return f"/apply/{pk}/"


def _applications(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM applications_application").fetchone()[0]


def _files(media: Path) -> set[Path]:
    return {path for path in media.rglob("*") if path.is_file()} if media.exists() else set()


def test_three_simultaneous_submissions_all_land_with_their_files(queueing_portal):
    server, database, media = queueing_portal
    path = _organization_form(database)
    citizens = [Citizen(server.base) for _ in range(3)]
    forms = [citizen.open_form(path) for citizen in citizens]
    before_rows, before_files = _applications(database), _files(media)
    time.sleep(FORM_WAIT_SECONDS)
    results: list[tuple[int, str]] = []
    start = threading.Barrier(3)

    def send(citizen, fields):
        start.wait()
        results.append(citizen.send(path, fields))

    threads = [threading.Thread(target=send, args=pair) for pair in zip(citizens, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert sorted(status for status, _ in results) == [302, 302, 302], server.tail()
    assert _applications(database) == before_rows + 3
    assert len(_files(media) - before_files) == 3


def test_a_database_held_locked_answers_the_retry_page_and_keeps_no_file(impatient_portal):
    """The rate limiter cannot count either while the lock is held, and must not answer 429."""
    server, database, media = impatient_portal
    path = _organization_form(database)
    citizen = Citizen(server.base)
    fields = citizen.open_form(path)
    time.sleep(FORM_WAIT_SECONDS)
    before_rows, before_files = _applications(database), _files(media)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that keeps the lock longer than the busy timeout
    try:
        status, page = citizen.send(path, fields)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 503 and "暂时无法访问" in page, server.tail()
    assert _applications(database) == before_rows
    assert _files(media) == before_files
