"""bench/load.py in its short mode: steady load, then PostgreSQL restarted mid-run (PostgreSQL only).

It runs on a private cluster of its own (scripts/with-postgres.sh), so restarting PostgreSQL never
disturbs the suite's database; the figures are printed with `pytest -s`.
"""

import os
import subprocess

import pytest
from django.conf import settings

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def postgres_run():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the load and fault test needs PostgreSQL (DATABASE_URL)")


def test_short_load_and_fault_runs_lose_nothing_and_answer_only_the_503_page(postgres_run):
    command = ["scripts/with-postgres.sh", str(settings.BASE_DIR / ".venv/bin/python"), "bench/load.py", "--short"]
    # Whether acknowledged applications survive a restart is a durability question: PostgreSQL's defaults.
    environment = {**os.environ, "PG_DURABLE": "1"}
    result = subprocess.run(
        command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=240
    )
    figures = "\n".join(line for line in result.stdout.splitlines() if not line.startswith(" " * 4))
    print(figures)
    assert result.returncode == 0, figures[-3000:] + result.stderr[-2000:]
    assert "RESULT: all checks passed" in result.stdout
    assert "answered with the 503 page" in result.stdout
