"""The calendar's seed migration carries its own data: the same rows whatever package versions are installed."""

import ast
from datetime import date
from importlib import import_module
from pathlib import Path

from catalog.calendar_seed import exceptions_for_year
from catalog.models import CalendarDay

MIGRATION = Path(import_module("catalog.migrations.0002_seed_calendar").__file__)
FROZEN = import_module("catalog.migrations._frozen_calendar").DAYS


def test_the_seed_migration_imports_no_live_code_or_package():
    imported = set()
    for node in ast.walk(ast.parse(MIGRATION.read_text())):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert imported <= {"datetime", "django.db", "_frozen_calendar"}, imported


def test_the_migrated_database_holds_exactly_the_frozen_days(db):
    stored = {(d.date, d.is_workday, d.name) for d in CalendarDay.objects.filter(calendar_year__year__lte=2026)}
    frozen = {(date.fromisoformat(day), workday, name) for days in FROZEN.values() for day, workday, name in days}
    assert stored == frozen
    assert (date(2025, 9, 28), True, "国庆节调休上班") in frozen  # the Sunday of domain.md's example


def test_the_installed_package_still_agrees_with_the_frozen_years():
    """When chinesecalendar corrects a past year, this says so: add a migration, never edit 0002."""
    for year, days in FROZEN.items():
        assert [(d.isoformat(), w, n) for d, w, n in exceptions_for_year(year)] == list(days), year
