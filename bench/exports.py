"""Benchmark of the streamed bulk export: peak memory of exporting the whole catalog as CSV.

    scripts/with-postgres.sh .venv/bin/python bench/exports.py [--items 100000] [--copies 9] [--no-fill]

Fills the catalog with `--items` published items (bench/catalog.py's generator) and, with `--copies K`, adds
K copies of them in SQL (new 索引号, the same text: a million rows in minutes instead of an hour of prose
generation; the export reads every row the same way whatever it holds), then measures, each in a
fresh process so that each peak is its own: the peak resident set (VmHWM) of

- baseline: the same process loaded and warmed up, answering one small API page (no export);
- streamed: GET /api/v1/exports/items.csv through Django's test client, every byte read and counted;
- in memory: for comparison, the same rows read into a list and written into one CSV string (what a
  non-streamed export would hold).

Prints each figure and the ratios of the streamed and in-memory peaks to the baseline; the last line is one
JSON object. A streamed export that holds a chunk at a time stays close to the baseline whatever the size.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.test_settings")

MODES = ("baseline", "streamed", "in_memory")


def peak_rss_mib() -> float:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux keeps that across exec, so
    a child started by a parent that filled the database would report the parent's peak."""
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024


def measure(mode: str) -> dict:
    """Run in a child process: one mode, its peak RSS, rows and seconds."""
    import django

    django.setup()
    from django.test import Client

    from catalog.models import Item
    from open_data.exports import csv_pieces, item_csv_rows, item_records

    client = Client()
    assert client.get("/api/v1/items/?limit=20").status_code == 200  # imports, templates, connection: warm
    started = time.perf_counter()
    rows = size = 0
    if mode == "streamed":
        response = client.get("/api/v1/exports/items.csv")
        assert response.status_code == 200 and response.streaming
        for piece in response.streaming_content:
            size += len(piece)
            rows += piece.count(b"\n")
        rows -= 1  # the header
    elif mode == "in_memory":
        records = list(item_records(Item.objects.published(), lambda path: path))
        text = "".join(csv_pieces(item_csv_rows(records)))
        size, rows = len(text.encode()), len(records)
    return {"mode": mode, "peak_rss_mib": round(peak_rss_mib(), 1), "rows": rows, "bytes": size,
            "seconds": round(time.perf_counter() - started, 2)}  # fmt: skip


def in_child(mode: str) -> dict:
    command = [sys.executable, __file__, "--measure", mode]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def fill(count: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench.catalog import fill as fill_items
    from catalog import demo

    if connection.vendor != "postgresql":
        raise SystemExit("run under scripts/with-postgres.sh: the benchmark needs PostgreSQL")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    demo.load()
    started = time.monotonic()
    fill_items(count)
    print(f"filled {count:,} items in {time.monotonic() - started:.1f} s")


def copy_items(copies: int) -> None:
    """Insert `copies` copies of every item, each with an 索引号 and serial of its own."""
    from django.db import connection, transaction

    from catalog.models import Item

    table = connection.ops.quote_name(Item._meta.db_table)
    columns = [f.column for f in Item._meta.concrete_fields if not f.primary_key]
    started = time.monotonic()
    last_original = Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for copy in range(1, copies + 1):
        values = {column: connection.ops.quote_name(column) for column in columns}
        values["index_number"] = f"index_number || '-{copy}'"
        values["index_serial"] = f"index_serial + {copy * 10_000_000}"
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {', '.join(values[c] for c in columns)} FROM {table} "
                f"WHERE id <= %s",
                [last_original],
            )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"added {copies} copies in {time.monotonic() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--copies", type=int, default=0, help="copies of the filled items added in SQL")
    parser.add_argument("--no-fill", action="store_true", help="measure the catalog already in DATABASE_URL")
    parser.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    os.environ["OPEN_DATA_EXPORT_RATE"] = os.environ["OPEN_DATA_RATE"] = "1000/m"
    if not args.no_fill:
        import django

        django.setup()
        fill(args.items)
        copy_items(args.copies)
    results = {mode: in_child(mode) for mode in MODES}
    for result in results.values():
        print(
            f"{result['mode']:>10}: peak RSS {result['peak_rss_mib']:8.1f} MiB, {result['rows']:>9,} rows, "
            f"{result['bytes'] / 2**20:7.1f} MiB of CSV in {result['seconds']:.1f} s"
        )
    base = results["baseline"]["peak_rss_mib"]
    summary = {
        "items": results["streamed"]["rows"],
        "baseline_mib": base,
        "streamed_ratio": round(results["streamed"]["peak_rss_mib"] / base, 3),
        "in_memory_ratio": round(results["in_memory"]["peak_rss_mib"] / base, 3),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
