"""The embedded default (SQLite) under several gunicorn workers: simultaneous submissions all land, and a
database held locked answers the 503 page that asks to retry, keeping no file without its record.

It runs its own gunicorn on its own SQLite file (the suite's test database may be in memory), so it runs
once, in the SQLite pass of `make test`.
"""

import os
import random
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

FORM_WAIT_SECONDS = 3.3  # the form refuses what comes back faster than a person types
BUSY_TIMEOUT = 5

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"), reason="SQLite's own locking"
)


@pytest.fixture(scope="module")
def sqlite_portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-portal")
    database = folder / "portal.sqlite3"
    port = free_port()
    env = production_env(
        f"sqlite:///{database}",
        port,
        workers=3,
        MEDIA_ROOT=str(folder / "media"),
        SQLITE_BUSY_TIMEOUT=str(BUSY_TIMEOUT),
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    manage(
        env,
        "shell",
        "-c",
        "from catalog.models import Organization; Organization.objects.create(name='并发市教育局', code='SQLITE0001')",
    )
    with Gunicorn(env, port) as server:
        yield server, database, folder / "media"


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


def test_three_simultaneous_submissions_all_land_with_their_files(sqlite_portal):
    server, database, media = sqlite_portal
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


def test_a_database_held_locked_answers_the_retry_page_and_keeps_no_file(sqlite_portal):
    """Whatever ran before: the rate limiter cannot count either while the lock is held, and must not answer 429."""
    server, database, media = sqlite_portal
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
