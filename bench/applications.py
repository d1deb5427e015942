"""Benchmark of the ledger (台账) import: a generated 100,000-row ledger.

    scripts/with-postgres.sh .venv/bin/python bench/applications.py [--rows 100000] [--format csv|xlsx]

Writes a ledger of `--rows` generated applications (every column in use: corrections, consultations,
extensions, fees, outcomes, appeals), imports it with `import_ledger` (all rows checked, then written),
exports it again, and prints rows per second and peak memory (resident set, from getrusage). The
baseline, measured in the same run, is a bare bulk_create of as many applications with no parsing or
checking: the ratio is what to compare between machines.
"""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from applications.ledger import HEADERS, export_ledger, import_ledger  # noqa: E402
from applications.ledger.files import write_rows  # noqa: E402
from applications.models import Appeal, Application  # noqa: E402
from applications.outcomes import Outcome  # noqa: E402
from catalog.models import Organization  # noqa: E402

TYPES = ["自然人"] * 6 + ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
CHANNELS = ["网络"] * 5 + ["当面", "邮寄", "传真", "其他"]
NAMES = ["陈晓明", "林小芳", "黄建国", "赵丽华", "周志强", "云溪市恒信建材有限公司", "浙江云溪正明律师事务所"]
WANTED = [
    "年度部门预算执行情况",
    "新建学校项目的立项批复",
    "低保资金发放汇总",
    "道路改造工程环评文件",
    "行政处罚决定汇总",
]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结"]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ledger_rows(count: int, seed: int = 11):
    rng = random.Random(seed)
    yield list(HEADERS)
    for n in range(count):
        received = date(2024, 1, 2) + timedelta(days=rng.randrange(700))
        row = dict.fromkeys(HEADERS, "")
        row |= {
            "受理编号": f"BENCH-{n + 1:06d}" if n % 10 else "",
            "申请人类型": rng.choice(TYPES),
            "申请人": rng.choice(NAMES),
            "申请方式": rng.choice(CHANNELS),
            "收到日期": received.isoformat(),
            "申请内容": f"{received.year - 1}年{rng.choice(WANTED)}",
            "延期工作日数": str(rng.choice([0, 0, 0, 0, 5, 10, 20])),
        }
        if rng.random() < 0.1:
            row["补正告知日期"] = (received + timedelta(days=3)).isoformat()
            row["补正收到日期"] = (received + timedelta(days=10)).isoformat()
        if rng.random() < 0.1:
            row["征求意见日期"] = (received + timedelta(days=5)).isoformat()
            row["意见收到日期"] = (received + timedelta(days=19)).isoformat()
        if rng.random() < 0.85:
            row["答复日期"] = (received + timedelta(days=rng.randint(10, 45))).isoformat()
            row["办理结果"] = rng.choice(list(Outcome)).label
            if rng.random() < 0.03:
                row["行政复议日期"] = (received + timedelta(days=80)).isoformat()
                row["行政复议结果"] = rng.choice(RESULTS)
        if rng.random() < 0.01:
            row["收费金额"] = "300.00"
        yield [row[h] for h in HEADERS]


def timed(label: str, action) -> float:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"  {label}: {seconds:.1f} s")
    return seconds


def baseline(organization: Organization, count: int) -> float:
    """Bare bulk_create of `count` applications, no parsing or checking, then removed again."""

    def insert():
        for start in range(0, count, 1000):
            Application.objects.bulk_create(
                Application(
                    organization=organization,
                    number=f"BASE-{n:06d}",
                    applicant_name="甲",
                    received_on=date(2025, 1, 2),
                    state="received",
                )
                for n in range(start, min(start + 1000, count))
            )

    seconds = timed("baseline bulk_create", insert)
    Application.objects.filter(number__startswith="BASE-").delete()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # publications and imports bump page tags in the cache table
    organization, _ = Organization.objects.get_or_create(code="BENCH-LEDGER", defaults={"name": "台账基准测试机关"})
    Appeal.objects.filter(organization=organization).delete()
    Application.objects.filter(organization=organization).delete()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ledger.{args.format}"
        with path.open("wb") as stream:
            write_rows(stream, args.format, ledger_rows(args.rows))
        print(f"generated {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB ({args.format})")
        rss_before = peak_rss_mib()
        result = None

        def run_import():
            nonlocal result
            with path.open("rb") as stream:
                result = import_ledger(stream, path.name, organization)

        seconds = timed("import_ledger", run_import)
        rss_after = peak_rss_mib()
        assert result.ok, result.errors[:5]
        base = baseline(organization, args.rows)
        out = Path(folder) / f"export.{args.format}"
        export_seconds = timed("export_ledger", lambda: export_ledger(out.open("wb"), out.name, organization))
    print(f"imported {result.created:,} created, {result.updated:,} updated")
    print(f"{'measure':<28}{'value':>14}{'ratio to baseline':>20}")
    print(f"{'import rows/s':<28}{args.rows / seconds:>14,.0f}{base / seconds:>20.2f}")
    print(f"{'export rows/s':<28}{args.rows / export_seconds:>14,.0f}{base / export_seconds:>20.2f}")
    print(f"{'baseline rows/s':<28}{args.rows / base:>14,.0f}{1:>20.2f}")
    print(f"peak memory (max RSS): {rss_after:.0f} MiB, {rss_after - rss_before:+.0f} MiB during the import")
    Appeal.objects.filter(organization=organization).delete()
    Application.objects.filter(organization=organization).delete()


if __name__ == "__main__":
    main()
