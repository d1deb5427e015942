from django.core.management import call_command

from search import backends, checks


def test_check_is_quiet_when_the_index_exists(db):
    assert checks.index_present(None, databases=["default"]) == []


def test_check_warns_when_the_index_is_missing(db, monkeypatch):
    monkeypatch.setattr(backends, "_has_index", lambda vendor: False)
    warnings = checks.index_present(None, databases=["default"])
    assert [warning.id for warning in warnings] == ["search.W002"]


def test_plain_check_does_not_touch_the_database(monkeypatch):
    monkeypatch.setattr(backends, "_has_index", lambda vendor: 1 / 0)
    call_command("check", "--fail-level", "WARNING")
