"""Benchmark: the annual report over 10,000 and 100,000 generated applications.

Builds a throwaway test database (whatever DATABASE_URL names: SQLite by default, PostgreSQL
under scripts/with-postgres.sh), generates one organization's applications over two years (with
consultations and fee notices), and times computing the report's figures and its checks, counting
SQL queries. The query count must not grow with the data; time must grow no faster than the data.

    .venv/bin/python bench/annual_report.py
    scripts/with-postgres.sh .venv/bin/python bench/annual_report.py
"""

import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from annual_reports.checks import run_checks  # noqa: E402
from annual_reports.figures import compute_figures  # noqa: E402
from annual_reports.models import AnnualReport  # noqa: E402
from applications.models import Application, Consultation, FeeNotice  # noqa: E402
from applications.outcomes import Outcome  # noqa: E402
from catalog.models import Organization  # noqa: E402

SIZES = (10_000, 100_000)
BATCH = 2_000
TYPES = ["natural"] * 6 + ["commercial", "research", "welfare", "legal", "other"]
CHANNELS = ["online", "in_person", "mail", "fax", "other"]
OUTCOMES = [outcome.value for outcome in Outcome]


def generate(organization: Organization, count: int, rng: random.Random) -> None:
    start = date(2024, 1, 1)
    rows = []
    for index in range(count):
        received = start + timedelta(days=rng.randrange(730))
        concluded = None if rng.random() < 0.03 else received + timedelta(days=rng.randrange(1, 45))
        rows.append(
            Application(
                organization=organization,
                number=f"B{count}-{index:07d}",
                applicant_name="基准",
                applicant_type=rng.choice(TYPES),
                channel=rng.choice(CHANNELS),
                state="replied" if concluded else "received",
                received_on=received,
                concluded_on=concluded,
                outcome=rng.choice(OUTCOMES) if concluded else "",
            )
        )
    Application.objects.bulk_create(rows, batch_size=BATCH)
    sample = Application.objects.filter(organization=organization).order_by("?").values_list("pk", "received_on")
    sample = list(sample[: count // 10])
    Consultation.objects.bulk_create(
        [Consultation(application_id=pk, party="third_party", sent_on=day + timedelta(days=3)) for pk, day in sample],
        batch_size=BATCH,
    )
    FeeNotice.objects.bulk_create(
        [
            FeeNotice(
                application_id=pk,
                method="per_page",
                pages=60,
                amount=Decimal("300"),
                notified_on=day + timedelta(days=5),
                paid_on=day + timedelta(days=9),
            )
            for pk, day in sample[: count // 50]
        ],
        batch_size=BATCH,
    )


def measure(organization: Organization) -> tuple[float, int, dict]:
    report = AnnualReport(organization=organization, year=2025)
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        figures = compute_figures(report)
        run_checks(report, figures, date(2026, 1, 20))
        elapsed = time.perf_counter() - began
    return elapsed, len(queries), figures


def main() -> None:
    rng = random.Random(2025)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = []
        for size in SIZES:
            organization = Organization.objects.create(name=f"基准测试机关{size}", code=f"BENCH{size}")
            began = time.perf_counter()
            generate(organization, size, rng)
            print(f"generated {size:>7,} applications in {time.perf_counter() - began:6.1f} s")
            elapsed, queries, figures = measure(organization)
            total = figures["tables"]["section3"]["总计"]["总计"]
            print(f"report over {size:>7,} applications: {elapsed:6.2f} s, {queries} SQL queries ({total:,} concluded)")
            results.append((size, elapsed, queries))
        (small, small_time, small_queries), (large, large_time, large_queries) = results
        print(
            f"{connection.vendor}: data x{large / small:.0f}, time x{large_time / small_time:.1f}, "
            f"queries {small_queries} -> {large_queries}"
        )
        if large_queries != small_queries:
            sys.exit("FAIL: the number of queries grows with the data")
        if large_time / small_time > large / small * 1.5:
            sys.exit("FAIL: time grows faster than the data")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
