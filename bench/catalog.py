"""Benchmark of the public catalog pages under gunicorn (PostgreSQL), from the page cache and without it.

    scripts/with-postgres.sh .venv/bin/python bench/catalog.py [--items 100000] [--seconds 8] [--clients 4]
        [--modes cached,uncached] [--profile]

Fills the catalog with `--items` published items of generated Chinese government prose (bulk_create,
index numbers assigned in order per organization and year), starts gunicorn with gunicorn.conf.py on a
free 127.0.0.1 port, and measures requests per second of the home page, the catalog list, a filtered list
and item pages, each against a trivial Django view (same middleware, no database) served by the same
gunicorn in the same run. `cached` runs the portal as deployed (the page cache on, every page requested
once before measuring, so the figures are hits); `uncached` runs it with PAGE_CACHE_SECONDS=0, so every
request renders its page (what a miss costs; the page frame's data and parts are kept, as deployed). The
ratios are what to compare between machines; the last line is one JSON object: {"baseline_rps": r,
"pages": {"home": {"cached": r, "uncached": r}, ...}}, with each ratio taken against the trivial view
measured in alternation with that page (the machine's speed may drift within seconds), and baseline_rps
the mean of those.

`--profile` renders each page in this process instead, and prints its queries and the functions that
take the most time (cProfile), to find what makes a miss slow.
"""

import argparse
import cProfile
import http.client
import io
import json
import os
import pstats
import random
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalog import demo  # noqa: E402
from catalog.models import Category, DocumentType, IndexCounter, Item, Organization, Topic  # noqa: E402

BATCH = 5000
SUBJECTS = [
    "政务公开", "营商环境", "安全生产", "义务教育", "养老服务", "住房保障", "城市更新", "食品安全", "就业创业",
    "最低生活保障", "生态环境保护", "防汛抗旱", "农村公路养护", "老旧小区改造", "垃圾分类", "消防安全",
    "社区治理", "数字政府", "政府采购", "财政预算",
]  # fmt: skip
FORMS = ["关于{s}工作的通知", "关于做好{s}有关工作的意见", "{s}实施方案", "关于{s}情况的公告", "{s}工作要点"]
SENTENCES = [
    "为贯彻落实上级部署，结合本地实际，现就{s}有关事项通知如下。",
    "各单位要提高认识，加强组织领导，明确责任分工，确保{s}各项任务落到实处。",
    "对工作中发现的问题，要建立台账，限期整改，并将整改情况按时报送。",
    "要通过门户网站、政务新媒体等渠道及时公开{s}相关信息，主动接受社会监督。",
    "本通知自印发之日起施行，执行中遇到的问题请及时向牵头部门反映。",
    "各街道、各部门要统筹安排资金和人员，保障{s}工作有序推进。",
]


def fill(count: int, seed: int = 7) -> None:
    """Bulk-insert `count` published items spread over the demo organizations, categories and years."""
    rng = random.Random(seed)
    organizations = list(Organization.objects.all())
    categories = list(Category.objects.all())
    topics = list(Topic.objects.all())
    types = list(DocumentType.objects.all())
    serials: dict[tuple[int, int], int] = {
        (c.organization_id, c.year): c.last_serial for c in IndexCounter.objects.all()
    }
    now = timezone.now()
    made = 0
    while made < count:
        batch = []
        for _ in range(min(BATCH, count - made)):
            org = rng.choice(organizations)
            written = date(2015, 1, 1) + timedelta(days=rng.randrange(4300))
            published = written + timedelta(days=rng.choice([0, 1, 2, 3, 5, 10, 35]))
            key = (org.pk, published.year)
            serials[key] = serials.get(key, 0) + 1
            subject = rng.choice(SUBJECTS)
            title = rng.choice(FORMS).format(s=subject)
            body = "".join(f"<p>{rng.choice(SENTENCES).format(s=subject)}</p>" for _ in range(rng.randint(4, 12)))
            batch.append(
                Item(
                    organization=org,
                    index_number=f"{org.code}/{published.year}-{serials[key]:05d}",
                    index_year=published.year,
                    index_serial=serials[key],
                    title=f"{org.display_name}{title}",
                    summary=title,
                    body=body,
                    document_number=f"云{org.pk}发〔{written.year}〕{serials[key]}号" if rng.random() < 0.4 else "",
                    category=rng.choice(categories),
                    topic=rng.choice(topics),
                    document_type=rng.choice(types),
                    keywords=subject,
                    written_on=written,
                    published_on=published,
                    publication_due_on=written + timedelta(days=28),
                    state=Item.State.PUBLISHED,
                    reviewed_at=now,
                )
            )
        with transaction.atomic():
            Item.objects.bulk_create(batch)
        made += len(batch)
    with transaction.atomic():
        for (org_id, year), last in serials.items():
            IndexCounter.objects.update_or_create(organization_id=org_id, year=year, defaults={"last_serial": last})
    # What autovacuum does on a live site: statistics, and a visibility map that allows index-only counts.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalog_item")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, cached: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "DJANGO_SETTINGS_MODULE": "bench.baseline_settings",  # the portal plus /bench-baseline/
        "PAGE_CACHE_SECONDS": "600" if cached else "0",
    }
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "disclosure_portal.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            if get(port, "/bench-baseline/") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _hammer(job: tuple[int, list[str], float]) -> tuple[int, int]:
    port, paths, seconds = job
    done = failed = 0
    deadline, index = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        status = get(port, paths[index % len(paths)])
        index += 1
        done += status == 200
        failed += status != 200
    return done, failed


def rate(port: int, paths: list[str], seconds: float, clients: int, warm: bool = True) -> float:
    if warm:
        for path in paths:
            get(port, path)  # every page once: the cached mode then measures hits
    with Pool(clients) as pool:
        results = pool.map(_hammer, [(port, paths[i::clients] or paths, seconds) for i in range(clients)])
    failed = sum(f for _, f in results)
    if failed:
        print(f"  warning: {failed} responses were not 200 for {paths[0]}")
    return sum(d for d, _ in results) / seconds


PAGE_NAMES = {"home": "home", "list": "catalog list", "filtered": "filtered list", "item": "item page"}
BASELINE = "baseline (trivial view)"


def bench_pages() -> dict[str, list[str]]:
    department = Organization.objects.filter(parent__isnull=False).order_by("pk").first()
    category = Category.objects.get(slug="rules-and-documents")
    rng = random.Random(3)
    pks = list(Item.objects.published().values_list("pk", flat=True).order_by("?")[:500])
    return {
        BASELINE: ["/bench-baseline/"],
        "home": ["/"],
        "catalog list": ["/catalog/"],
        "filtered list": [
            f"/catalog/?organization={department.pk}&category={category.pk}&year={y}" for y in (2019, 2021, 2024)
        ],
        "item page": [f"/catalog/{pk}/" for pk in rng.sample(pks, min(300, len(pks)))],
    }


ROUNDS = 4


def paired_rates(port: int, paths: list[str], baseline: list[str], args) -> tuple[float, float]:
    """The page's rate and the trivial view's, in ROUNDS alternating slices (the trivial view for half as long):
    on a machine others share the speed drifts within seconds, and alternating lets the drift weigh on both."""
    page_rate = baseline_rate = 0.0
    for round_number in range(ROUNDS):
        warm = round_number == 0
        baseline_rate += rate(port, baseline, args.seconds / 2 / ROUNDS, args.clients, warm)
        page_rate += rate(port, paths, args.seconds / ROUNDS, args.clients, warm)
    return page_rate / ROUNDS, baseline_rate / ROUNDS


def measure(pages: dict[str, list[str]], args, cached: bool) -> dict[str, tuple[float, float]]:
    """Each page's rate and the trivial view's, measured in alternation with it on the same server: on a machine
    others share, the load changes from minute to minute, and a ratio is only fair between neighbours."""
    port = free_port()
    server = start_gunicorn(port, args.workers, cached)
    rates = {}
    try:
        mode = "cached" if cached else "uncached"
        print(f"gunicorn ({mode}): {args.workers} workers; {args.clients} clients, {args.seconds:g} s per page")
        for name, paths in pages.items():
            if name != BASELINE:
                rates[name] = paired_rates(port, paths, pages[BASELINE], args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{'page':<26}{'req/s':>10}{'trivial view':>14}{'ratio':>8}")
    for name, (value, baseline) in rates.items():
        print(f"{name:<26}{value:>10.1f}{baseline:>14.1f}{value / baseline:>8.2f}")
    return rates


def cost(client, paths: list[str], rounds: int = 40) -> tuple[float, float]:
    """CPU milliseconds of this process and database queries, per request, over `rounds` requests."""
    from django.db import connection as default_connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(default_connection) as queries:
        started = time.process_time()
        for n in range(rounds):
            client.get(paths[n % len(paths)])
        cpu = time.process_time() - started
    return cpu / rounds * 1000, len(queries) / rounds


def profile(pages: dict[str, list[str]]) -> None:
    """Each page in this process: CPU and queries per request on a miss and on a hit (the capacity sketch's
    inputs), then where a miss spends its time (cProfile)."""
    from django.test import Client
    from django.test.utils import override_settings

    from disclosure_portal import settings as production

    # As deployed (bench.baseline_settings): the test settings turn both off.
    deployed = {"PAGE_CACHE_TOKEN_MS": production.PAGE_CACHE_TOKEN_MS, "PAGE_FRAME_REUSE": production.PAGE_FRAME_REUSE}
    client = Client()
    for name, paths in pages.items():
        if name == BASELINE:
            continue  # exists only under gunicorn (bench.baseline_settings)
        with override_settings(PAGE_CACHE_SECONDS=0, **deployed):
            for path in paths:
                client.get(path)  # warm: connections, templates, cached counts
            miss = cost(client, paths)
        with override_settings(PAGE_CACHE_SECONDS=600, **deployed):
            for path in paths:
                client.get(path)
            hit = cost(client, paths)
        print(f"== {name}: miss {miss[0]:.2f} ms CPU, {miss[1]:.1f} queries", end="; ")
        print(f"hit {hit[0]:.2f} ms CPU, {hit[1]:.1f} queries (view counts flushed included)")
    for name, paths in pages.items():
        if name == BASELINE:
            continue
        profiler = cProfile.Profile()
        with override_settings(PAGE_CACHE_SECONDS=0, **deployed):
            profiler.enable()
            for path in paths[:20]:
                client.get(path)
            profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
        print(f"\n== {name}, miss: where the time goes")
        print("\n".join(line for line in text.getvalue().splitlines() if "/" in line or "ncalls" in line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--modes", default="cached,uncached", help="cached, uncached or both (comma separated)")
    parser.add_argument("--profile", action="store_true", help="profile each page in this process instead")
    parser.add_argument("--no-fill", action="store_true", help="measure the catalog already in DATABASE_URL")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("run under scripts/with-postgres.sh: the benchmark needs PostgreSQL")

    if not args.no_fill:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        demo.load()
        started = time.monotonic()
        fill(args.items)
        print(f"filled {args.items:,} items in {time.monotonic() - started:.1f} s")
    print(f"{Item.objects.published().count():,} published items")
    pages = bench_pages()
    if args.profile:
        profile(pages)
        return
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    results = {mode: measure(pages, args, cached=mode == "cached") for mode in modes}
    baselines = [baseline for rates in results.values() for _, baseline in rates.values()]
    summary = {
        "baseline_rps": round(sum(baselines) / len(baselines), 1),  # the mean of the neighbouring baselines
        "pages": {
            short: {mode: round(rates[name][0] / rates[name][1], 3) for mode, rates in results.items()}
            for short, name in PAGE_NAMES.items()
        },
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
