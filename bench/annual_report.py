"""Benchmark: the annual report over 10,000 and 100,000 generated applications, and its downloads.

Builds a throwaway test database (whatever DATABASE_URL names: SQLite by default, PostgreSQL
under scripts/with-postgres.sh), generates one organization's applications over two years (with
consultations and fee notices), and times computing the report's figures and its checks, counting
SQL queries. The query count must not grow with the data; time must grow no faster than the data.

Then it publishes that organization's report (every format rendered once, at publication) and
times, over HTTP (Django's test client, the whole middleware stack), the download of each format
against an item page of the catalog in the same run: each format's p95 must be at most twice the
item page's p95, since a download only reads the stored file.

    .venv/bin/python bench/annual_report.py [--sizes 10000,100000]
    scripts/with-postgres.sh .venv/bin/python bench/annual_report.py
"""

import argparse
import os
import random
import re
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from annual_reports import services  # noqa: E402
from annual_reports.exports import STORED_FORMATS  # noqa: E402
from annual_reports.figures import compute_figures  # noqa: E402
from annual_reports.models import AnnualReport  # noqa: E402
from annual_reports.publication_gate import run_checks  # noqa: E402
from applications.models import Application, Consultation, FeeNotice  # noqa: E402
from applications.outcomes import Outcome  # noqa: E402
from catalog.models import Category, Item, Organization  # noqa: E402

SIZES = (10_000, 100_000)
ITEM_PAGES, REPEATS, DOWNLOADS = 60, 3, 60
DOWNLOAD_BAR = 2.0  # a download's p95 at most this many times an item page's p95
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


def publish(organization: Organization) -> AnnualReport:
    """The organization's 2025 report, typed figures entered and prompts written over, published."""
    report = services.generate_report(organization, 2025)
    report.licensing_decisions, report.penalty_decisions, report.enforcement_decisions = 120, 7, 0
    report.admin_fees_wan = Decimal("12.5")
    for name in ("overview", "problems", "other_matters"):
        setattr(report, name, re.sub(r"（请补充[^）]*）", "已按要求开展。", getattr(report, name)))
    report.save()
    began = time.perf_counter()
    report = services.publish_report(report, today=date(2026, 1, 20))
    print(f"published (every format rendered once) in {time.perf_counter() - began:.1f} s")
    return report


def make_items(organization: Organization, count: int) -> list[int]:
    category = Category.objects.get(slug="notices")
    items = Item.objects.bulk_create(
        Item(
            organization=organization,
            title=f"关于做好第{index}批政务公开工作的通知",
            body="<p>" + "各有关单位：为进一步做好政务公开工作，现将有关事项通知如下。" * 20 + "</p>",
            category=category,
            written_on=date(2025, 3, 3),
            published_on=date(2025, 3, 5),
            state=Item.State.PUBLISHED,
            index_number=f"{organization.code}/2025-{index:05d}",
        )
        for index in range(1, count + 1)
    )
    return [item.pk for item in items]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def http_latencies(client: Client, paths: list[str], repeats: int) -> list[float]:
    """Seconds per request, body read to the end; each path requested once first to warm."""
    latencies = []
    for path in paths:
        for attempt in range(repeats + 1):
            began = time.perf_counter()
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = time.perf_counter() - began
            assert response.status_code == 200 and body, (path, response.status_code)
            if attempt:
                latencies.append(elapsed)
    return latencies


def measure_downloads(organization: Organization) -> bool:
    report = publish(organization)
    client = Client()
    items = http_latencies(client, [f"/catalog/{pk}/" for pk in make_items(organization, ITEM_PAGES)], REPEATS)
    item_p95 = percentile(items, 0.95)
    print(f"item page      p50 {percentile(items, 0.5) * 1000:7.1f} ms   p95 {item_p95 * 1000:7.1f} ms")
    passed = True
    for fmt in STORED_FORMATS:
        path = f"/reports/{report.pk}/download/{fmt}/"
        values = http_latencies(client, [path] * DOWNLOADS, 1)
        ratio = percentile(values, 0.95) / item_p95
        passed &= ratio <= DOWNLOAD_BAR
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(
            f"download {fmt:<5} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
            f"   p95 / item page p95 = {ratio:.2f} (bar: at most {DOWNLOAD_BAR:g})"
        )
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="two numbers of applications, small,large")
    small_size, large_size = (int(size) for size in parser.parse_args().sizes.split(","))
    rng = random.Random(2025)
    failures = []  # every figure is printed before the verdicts
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = []
        for size in (small_size, large_size):
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
            failures.append("the number of queries grows with the data")
        if large_time / small_time > large / small * 1.5:
            failures.append("time grows faster than the data")
        if not measure_downloads(Organization.objects.get(code=f"BENCH{small_size}")):
            failures.append("a download takes more than twice an item page")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if failures:
        sys.exit("\n".join(f"FAIL: {failure}" for failure in failures))


if __name__ == "__main__":
    main()
