"""One answer, one meaning: contradictions between outcome, reply type and state are found in existing rows."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from applications.outcomes import REPLY_TYPES_FOR, Outcome, inconsistency, needs_reason


@pytest.fixture
def rows(make_application):
    return {
        "fine": make_application(state="replied", outcome="1", reply_type="provided", concluded_on=date(2025, 3, 20)),
        "contradiction": make_application(
            state="replied", outcome="1", reply_type="refused", concluded_on=date(2025, 3, 20)
        ),
        "no_outcome": make_application(state="replied", reply_type="provided", concluded_on=date(2025, 3, 20)),
        "withdrawn_counted": make_application(state="withdrawn", outcome="1", concluded_on=date(2025, 3, 20)),
        "open_with_outcome": make_application(outcome="3.4"),
    }


def test_the_command_lists_every_inconsistent_application(rows):
    out = io.StringIO()
    with pytest.raises(CommandError, match="4 inconsistent"):
        call_command("check_applications", stdout=out)
    listed = out.getvalue()
    assert rows["fine"].number not in listed
    assert (
        f"{rows['contradiction'].number}\t已答复\t办理结果“予以公开”与答复类型“不予公开，告知理由（第三十六条第三项）”相矛盾。"
        in listed
    )
    assert f"{rows['no_outcome'].number}\t已答复\t已办结但没有办理结果。" in listed
    assert "已撤回的申请只能计入“其他处理-其他”" in listed and "尚未办结却已有办理结果" in listed


def test_manage_py_check_with_the_database_warns(rows):
    out, err = io.StringIO(), io.StringIO()
    call_command("check", databases=["default"], stdout=out, stderr=err)
    text = out.getvalue() + err.getvalue()
    assert "applications.W001" in text and rows["contradiction"].number in text


def test_a_clean_database_passes(make_application):
    make_application(state="replied", outcome="2", reply_type="partial", concluded_on=date(2025, 3, 20))
    out = io.StringIO()
    call_command("check_applications", stdout=out)
    assert "no inconsistent applications" in out.getvalue()


def test_every_outcome_has_a_kind_of_reply_and_agrees_with_its_first():
    assert set(REPLY_TYPES_FOR) == set(Outcome)
    assert all(inconsistency(outcome, types[0]) is None for outcome, types in REPLY_TYPES_FOR.items())


@pytest.mark.parametrize(
    "outcome, needed", [("1", False), ("2", True), ("3.1", True), ("4.3", True), ("5.5", True), ("6.1", False)]
)
def test_reasons_are_needed_for_partial_and_every_refusal(outcome, needed):
    assert needs_reason(outcome) is needed


def test_migrating_a_fresh_database_runs_the_check_without_tables(tmp_path):
    """`migrate` runs the database checks before it creates any table (`--plan` stops right after them)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}", "DEBUG": "1"}
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--plan"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
