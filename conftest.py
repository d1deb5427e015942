"""Fixtures shared by every app's tests: a city with departments and a cast of staff users."""

import gc
import os
import warnings
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from pytest_django.plugin import blocking_manager_key

from catalog.models import Membership, Organization

if os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"):
    # Each test process copies one migrated database instead of migrating its own (tests/template_db.py). The
    # fixture must come from a conftest: pytest-django's own django_db_setup outranks one from a `-p` plugin.
    from tests.template_db import django_db_setup  # noqa: F401


def pytest_collection_finish(session):
    """Keep the collector away from what lives as long as the run: the modules, the URLconf, the templates
    and the collected tests are frozen out of the collections, and the young generation is collected less
    often. About 4 % of the suite's CPU time, all of it spent walking objects that were never garbage."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back the rows the migrations seed (the working-day calendar, the category tree) once a
    transactional test has flushed the database.

    pytest-django runs the transactional tests last, but pytest-xdist's worksteal runs the tests a worker
    takes from the other out of that order: every test must find the seeds, whatever ran before it.
    """
    result = yield
    if nextitem is not None and _flushes(item):  # after the last test the test database is gone
        with item.config.stash[blocking_manager_key].unblock():
            seed_reference_data()
    return result


def _flushes(item) -> bool:
    from django.test import TestCase, TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return not issubclass(test_class, TestCase)
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ()))
    )


def seed_reference_data() -> None:
    """Re-run the data migrations (idempotent) when a flush removed what they seeded."""
    from importlib import import_module

    from django.apps import apps

    from catalog.models import CalendarYear, Category

    if not CalendarYear.objects.exists():
        import_module("catalog.migrations.0002_seed_calendar").seed_calendar(apps, None)
    if not Category.objects.exists():
        import_module("catalog.migrations.0003_seed_taxonomy").seed(apps, None)


def make_city() -> Organization:
    return Organization.objects.create(name="示范市人民政府", short_name="示范市", code="11100000TEST0001")


def make_bureau(city: Organization) -> Organization:
    return Organization.objects.create(name="示范市教育局", short_name="市教育局", code="11100000TEST0002", parent=city)


def make_other_bureau(city: Organization) -> Organization:
    return Organization.objects.create(name="示范市民政局", short_name="市民政局", code="11100000TEST0003", parent=city)


@pytest.fixture
def city(db) -> Organization:
    return make_city()


@pytest.fixture
def bureau(city) -> Organization:
    return make_bureau(city)


@pytest.fixture
def other_bureau(city) -> Organization:
    return make_other_bureau(city)


def make_staff(username: str, organization: Organization | None = None, role: str = Membership.Role.EDITOR):
    user = get_user_model().objects.create_user(username, password="correct-horse-battery", is_staff=True)
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def editor(bureau):
    return make_staff("editor", bureau, Membership.Role.EDITOR)


@pytest.fixture
def reviewer(bureau):
    return make_staff("reviewer", bureau, Membership.Role.REVIEWER)


@pytest.fixture
def outsider(other_bureau):
    """Staff of another organization: must see nothing of `bureau`'s work."""
    return make_staff("outsider", other_bureau, Membership.Role.REVIEWER)


@pytest.fixture
def site_admin(db):
    return get_user_model().objects.create_superuser("admin", password="correct-horse-battery")


@pytest.fixture
def make_item(db):
    """An item of `organization` in any state, made through the catalog's services as staff would."""
    from datetime import date

    from catalog.models import Category, Item
    from catalog.services import publish_item, save_item

    def make(organization, *, state="draft", title="关于做好政务公开工作的通知", category="notices", **fields):
        fields.setdefault("written_on", date(2025, 3, 3))
        item = Item(organization=organization, title=title, category=Category.objects.get(slug=category), **fields)
        item = save_item(item, None)
        if state == "published":
            item = publish_item(item, None, published_on=fields.get("published_on") or fields["written_on"])
        elif state != "draft":
            Item.objects.filter(pk=item.pk).update(state=state)
            item.refresh_from_db()
        return item

    return make


@pytest.fixture
def quick_pdf(monkeypatch):
    """A one-page blank PDF instead of WeasyPrint's, for tests about publishing rather than the PDF itself."""
    from io import BytesIO

    from pypdf import PdfWriter

    def blank_pdf(report, figures) -> bytes:
        writer, buffer = PdfWriter(), BytesIO()
        writer.add_blank_page(width=595, height=842)
        writer.write(buffer)
        return buffer.getvalue()

    monkeypatch.setattr("annual_reports.exports.pdf.render_pdf", blank_pdf)


@pytest.fixture
def placeholder_exports(quick_pdf, monkeypatch):
    """Placeholder Word and Excel files too, for tests about who may download a report rather than its layout."""
    monkeypatch.setattr("annual_reports.exports.docx.render_docx", lambda report, figures: b"placeholder docx")
    monkeypatch.setattr("annual_reports.exports.xlsx.render_xlsx", lambda report, figures: b"placeholder xlsx")


# Browser tests: Playwright's Python package driving Debian's Chromium (no browser download).
# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).parent / "test-artifacts" / "screenshots"))


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the run.

    Django keeps a thread's database connections in thread-local storage, but in a separate, context-local one
    while an asyncio loop runs in the thread, and Playwright's sync API marks its loop as running in this thread
    from its start until it stops. The test thread thus has two sets of connections, and the one it cannot
    see at the end of the run would still hold a session when the test database is dropped ("being accessed by
    other users"). Both are closed here, and the fixture depends on the test database so that this happens
    before it is dropped.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run scripts/system-deps.sh")
    args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()
        connections.close_all()  # those opened while Playwright's loop was marked as running
    connections.close_all()  # those opened before


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab (desktop size) whose relative URLs go to the live server."""
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a named screenshot of a page under SCREENSHOT_DIR/<test name>/."""
    folder = SCREENSHOT_DIR / request.node.name.replace("[", "_").replace("]", "")

    def take(tab, name: str) -> Path | None:
        from playwright.sync_api import Error

        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        # A screenshot is a record for people, not a check: Chromium under load sometimes
        # refuses one ("Unable to capture screenshot"), which must not fail the test.
        for attempt in range(2):
            try:
                tab.screenshot(path=str(path), full_page=True)
                return path
            except Error as refused:
                if attempt:
                    warnings.warn(f"no screenshot {path.name}: {refused.message}", stacklevel=2)
                tab.wait_for_load_state()
        return None

    return take


@pytest.fixture
def page_cache(db, settings, time_machine):
    """The full-page cache switched on, empty, with the clock frozen mid-morning.

    Entries expire by the clock (their lifetime, the settling of a change, midnight): frozen, a slow machine
    never sees one expire between two requests, and tests move the clock when time is the point.
    """
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    settings.PAGE_CACHE_SECONDS = 600
    settings.DIAGNOSTIC_HEADERS = True
    for alias in ("default", "pages"):  # tokens and pages a transactional test may have left behind
        caches[alias].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what waits for the commit (the tag bumps), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
