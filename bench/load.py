"""Load and fault test of the whole portal under gunicorn and PostgreSQL.

    scripts/with-postgres.sh .venv/bin/python bench/load.py [--seconds 60] [--clients 8] [--workers 4]
    PG_DURABLE=1 scripts/with-postgres.sh .venv/bin/python bench/load.py --fault   # restart PostgreSQL mid-run
    PG_DURABLE=1 scripts/with-postgres.sh .venv/bin/python bench/load.py --short   # both, bounded for `make test`

Creates a fresh database on the cluster named by DATABASE_URL, migrates it, fills it with a few
hundred published items, starts gunicorn (gunicorn.conf.py) on a free 127.0.0.1 port and drives it
for a fixed time with simulated citizens: 80% catalog and item pages, 10% search, 5% lookups of
their own applications, 5% application submissions (the form's fields are read from its HTML; a
citizen sends it a few seconds after opening it, as the form's bot guard expects). It prints
throughput, p50/p95/p99 latency and the error count, then checks that every acknowledged submission
(a 302 to the codes page) is in the database.

The fault mode stops PostgreSQL (pg_ctl, as scripts/with-postgres.sh exports PG_CTL, PG_DATA and
PG_RUN_AS) for a few seconds mid-run and starts it again: while it is down only the Chinese 503 page
("暂时无法访问") is acceptable, the portal must recover by itself, and no acknowledged application may
be lost. The exit status is 0 only when every check holds.
"""

import argparse
import http.client
import http.cookiejar
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import PYTHON, Gunicorn, free_port, manage, production_env  # noqa: E402

OUTAGE_TEXT = "暂时无法访问"
SEARCH_WORDS = ["通知", "预算", "安全生产", "教育", "公开", "养老服务", "招聘", "2025年"]
MIX = (("page", 0.80), ("search", 0.10), ("lookup", 0.05), ("submit", 0.05))
FORM_WAIT_SECONDS = 3.3  # the form refuses what is sent faster than a person types (APPLICATIONS_MIN_FORM_SECONDS)


# ---------------------------------------------------------------- the database and the server


def bench_database_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def create_database(base_url: str, name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(base_url.replace("postgres://", "postgresql://", 1))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    connection.close()


def drop_database(base_url: str, name: str) -> None:
    import psycopg2

    try:
        connection = psycopg2.connect(base_url.replace("postgres://", "postgresql://", 1))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.close()
    except psycopg2.Error as error:
        print(f"(could not drop {name}: {error})")


def server_env(database_url: str, port: int, workers: int) -> dict:
    return production_env(database_url, port, workers)


def prepare(env: dict, items: int) -> None:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    subprocess.run([PYTHON, __file__, "--seed", str(items)], cwd=ROOT, env=env, check=True)


def seed(count: int) -> None:
    """A city, three departments, `count` published items, the search index (run in a Django process)."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from datetime import date, timedelta

    from django.core.management import CommandError, call_command

    from catalog.models import Category, Item, Organization

    city, _ = Organization.objects.get_or_create(name="压测市人民政府", defaults={"code": "BENCH0000"})
    organizations = [city] + [
        Organization.objects.get_or_create(name=name, defaults={"code": f"BENCH000{n}", "parent": city})[0]
        for n, name in enumerate(["压测市教育局", "压测市民政局", "压测市财政局"], start=1)
    ]
    categories = list(Category.objects.filter(parent__isnull=True)) or [
        Category.objects.create(name="通知公告", slug="notices")
    ]
    rng = random.Random(11)
    subjects = ["安全生产", "义务教育", "养老服务", "财政预算", "政务公开", "就业创业", "住房保障"]
    items = []
    for n in range(count):
        org = organizations[n % len(organizations)]
        written = date(2024, 1, 2) + timedelta(days=rng.randrange(700))
        subject = rng.choice(subjects)
        items.append(
            Item(
                organization=org,
                title=f"关于做好{written.year}年{subject}工作的通知（{n}）",
                summary=f"{subject}工作安排。",
                body=f"<p>各单位：现就{subject}有关事项通知如下，请认真贯彻落实。</p>",
                category=rng.choice(categories),
                written_on=written,
                published_on=written + timedelta(days=2),
                state=Item.State.PUBLISHED,
                index_number=f"{org.code}/{written.year}-{n:05d}",
                index_year=written.year,
                index_serial=n + 1,
            )
        )
    Item.objects.bulk_create(items, batch_size=500)
    try:
        call_command("rebuild_search_index", verbosity=0)
    except CommandError:
        print("(no rebuild_search_index command: search runs on the unindexed catalog)")


# ---------------------------------------------------------------- PostgreSQL restarts (fault mode)


class Postgres:
    def __init__(self):
        missing = [name for name in ("PG_CTL", "PG_DATA") if not os.environ.get(name)]
        if missing:
            raise SystemExit(f"--fault needs {', '.join(missing)}: run through scripts/with-postgres.sh")
        self.ctl, self.data = os.environ["PG_CTL"], os.environ["PG_DATA"]
        self.run_as = shlex.split(os.environ.get("PG_RUN_AS", ""))
        self.options = self._start_options()

    def _start_options(self) -> str:
        """The server's own command line (postmaster.opts) minus the binary and -D: start it the same way."""
        words = shlex.split(Path(self.data, "postmaster.opts").read_text())[1:]
        kept, skip = [], False
        for word in words:
            if skip:
                skip = False
            elif word == "-D":
                skip = True
            else:
                kept.append(word)
        return shlex.join(kept)

    def stop(self) -> None:
        subprocess.run([*self.run_as, self.ctl, "-D", self.data, "-m", "fast", "-w", "stop"], check=True)

    def start(self) -> None:
        log = str(Path(self.data).parent / "restart.log")
        command = [*self.run_as, self.ctl, "-D", self.data, "-l", log, "-w", "-o", self.options, "start"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------- simulated citizens


@dataclass
class Sample:
    kind: str
    status: int
    seconds: float
    at: float
    outage_page: bool = False
    detail: str = ""


@dataclass
class Shared:
    base: str
    organization_ids: list[int]
    item_ids: list[int]
    samples: list[Sample] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Citizen:
    """One browser: its own cookies, a form it is filling in, the codes it was given."""

    def __init__(self, shared: Shared, seed: int):
        self.shared, self.rng = shared, random.Random(seed)
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        self.pending: tuple[float, str, dict] | None = None

    def request(self, kind: str, path: str, data: dict | None = None, note: str = "") -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.shared.base + path} if data is not None else {}
        request = urllib.request.Request(self.shared.base + path, data=body, headers=headers)
        start = time.monotonic()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException):  # refused, reset, or cut off mid-answer
            status, text = 0, ""
        elapsed = time.monotonic() - start
        sample = Sample(kind, status, elapsed, start, outage_page=status == 503 and OUTAGE_TEXT in text)
        if sample.status >= 400 and not sample.outage_page:
            sample.detail = f"{path} {note} {_page_message(text)}".replace("  ", " ")
        with self.shared.lock:
            self.shared.samples.append(sample)
        return status, text

    def step(self) -> None:
        if self.pending and time.monotonic() >= self.pending[0]:
            self.send_form()
            return
        roll, kind = self.rng.random(), "page"
        for name, share in MIX:
            if roll < share:
                kind = name
                break
            roll -= share
        getattr(self, kind)()

    def page(self) -> None:
        if self.rng.random() < 0.5 and self.shared.item_ids:
            self.request("item", f"/catalog/{self.rng.choice(self.shared.item_ids)}/")
        else:
            self.request("catalog", f"/catalog/?page={self.rng.randint(1, 5)}")

    def search(self) -> None:
        self.request("search", "/search/?" + urllib.parse.urlencode({"q": self.rng.choice(SEARCH_WORDS)}))

    def lookup(self) -> None:
        _, text = self.request("lookup", "/apply/lookup/")
        with self.shared.lock:
            codes = self.rng.choice(self.shared.codes) if self.shared.codes else None
        token = _csrf(text)
        if codes and token:
            fields = {"csrfmiddlewaretoken": token, "number": codes[0], "code": codes[1]}
            self.request("lookup", "/apply/lookup/", fields, note=f"number {codes[0]}")

    def submit(self) -> None:
        if self.pending:
            return self.page()
        path = f"/apply/{self.rng.choice(self.shared.organization_ids)}/"
        status, text = self.request("form", path)
        if status == 200:
            self.pending = (time.monotonic() + FORM_WAIT_SECONDS, path, form_values(text, self.rng))

    def send_form(self) -> None:
        _, path, values = self.pending
        self.pending = None
        status, _ = self.request("submit", path, values)
        if status == 302:
            with self.shared.lock:
                self.shared.acknowledged.append(values["info_title"])
            status, text = self.request("codes", "/apply/submitted/")
            number, code = _codes(text)
            if number:
                with self.shared.lock:
                    self.shared.codes.append((number, code))


def _page_message(html: str) -> str:
    """What an error page says: its heading and its first error message, for the log of a failure."""
    found = re.findall(r"<(?:h1|li|p)[^>]*>([^<]{2,120})<", html)
    return " | ".join(text.strip() for text in found[:3]) or html[:120]


def _csrf(html: str) -> str | None:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else None


def _codes(html: str) -> tuple[str | None, str | None]:
    number = re.search(r'id="application-number">([^<]+)<', html)
    code = re.search(r'id="lookup-code">([^<]+)<', html)
    return (number.group(1).strip(), code.group(1).strip()) if number and code else (None, None)


def form_values(html: str, rng: random.Random) -> dict:
    """The application form's fields as the page renders them, filled in by a citizen of either type."""
    from lxml import html as lxml_html

    form = next(f for f in lxml_html.fromstring(html).iter("form") if (f.get("method") or "").lower() == "post")
    values: dict[str, str] = {}
    for control in form.iter("input", "select", "textarea"):
        name, kind = control.get("name"), (control.get("type") or "text").lower()
        if not name or kind in {"submit", "button", "file"}:
            continue
        if control.tag == "select":
            options = [o.get("value") for o in control.iter("option") if o.get("value")]
            values.setdefault(name, options[0] if options else "")
        elif kind in {"radio", "checkbox"}:
            if control.get("checked") is not None or name not in values:
                values[name] = control.get("value", "on")
        else:
            values.setdefault(name, control.get("value", "") if control.tag == "input" else (control.text or ""))
    organization = rng.random() < 0.3
    values.update(
        applicant_type="commercial" if organization else "natural",
        applicant_name="压测申请人",
        id_number="11010519491231002X",
        phone="13800000000",
        org_name="压测科技有限公司",
        credit_code="91110108MA01RNTX0" + _credit_check("91110108MA01RNTX0"),
        legal_representative="王五",
        contact_name="赵六",
        contact_phone="13800000001",
        postcode="100000",
        address="压测市测试路1号",
        info_title=f"压测申请 {uuid.uuid4().hex}",
        info_description="请提供本年度部门预算中培训费的明细。",
        website="",
    )
    return values


def _credit_check(first17: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(chars.index(c) * w for c, w in zip(first17, weights, strict=True))
    return chars[(31 - total % 31) % 31]


def drive(shared: Shared, clients: int, seconds: float) -> None:
    stop = time.monotonic() + seconds

    def run(n: int) -> None:
        citizen = Citizen(shared, n)
        while time.monotonic() < stop:
            citizen.step()

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)


# ---------------------------------------------------------------- figures and checks


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(title: str, samples: list[Sample], seconds: float) -> None:
    latencies = [s.seconds * 1000 for s in samples]
    print(f"\n== {title}")
    print(f"requests {len(samples)} in {seconds:.1f} s: {len(samples) / seconds:.1f} req/s")
    if latencies:
        print(
            f"latency ms: p50 {percentile(latencies, 0.50):.1f}  p95 {percentile(latencies, 0.95):.1f}  "
            f"p99 {percentile(latencies, 0.99):.1f}  mean {statistics.fmean(latencies):.1f}"
        )
    kinds = sorted({s.kind for s in samples})
    for kind in kinds:
        times = [s.seconds * 1000 for s in samples if s.kind == kind]
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"  {kind:8} {len(times):6} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    statuses = sorted({s.status for s in samples})
    print("by status: " + ", ".join(f"{code} {sum(1 for s in samples if s.status == code)}" for code in statuses))


def is_error(sample: Sample) -> bool:
    return sample.status == 0 or sample.status >= 400


def lost_submissions(database_url: str, titles: list[str]) -> list[str]:
    import psycopg2

    connection = psycopg2.connect(database_url.replace("postgres://", "postgresql://", 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT info_title FROM applications_application WHERE info_title = ANY(%s)", (titles,))
        found = {row[0] for row in cursor.fetchall()}
    connection.close()
    return [title for title in titles if title not in found]


def ids(database_url: str) -> tuple[list[int], list[int]]:
    import psycopg2

    connection = psycopg2.connect(database_url.replace("postgres://", "postgresql://", 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM catalog_organization ORDER BY id")
        organizations = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM catalog_item WHERE state = 'published' ORDER BY id")
        items = [row[0] for row in cursor.fetchall()]
    connection.close()
    return organizations, items


def baseline(base: str, clients: int) -> float:
    """What pages cost with no contention, and the trivial view's throughput under the same clients.

    The load's figures are printed as ratios against these, so runs on different machines compare.
    """
    shared = Shared(base, [], [])
    citizen = Citizen(shared, 0)
    for path in ["/robots.txt", "/", "/catalog/", "/search/?q=%E9%80%9A%E7%9F%A5", "/apply/lookup/"] * 5:
        citizen.request(path, path)
    print("\n== baseline: one client, sequential")
    for path in sorted({s.kind for s in shared.samples}):
        times = [s.seconds * 1000 for s in shared.samples if s.kind == path][1:]
        print(f"  {path:24} median {statistics.median(times):7.1f} ms")
    trivial = Shared(base, [], [])
    stop = time.monotonic() + 3

    def hammer(n: int) -> None:
        robot = Citizen(trivial, n)
        while time.monotonic() < stop:
            robot.request("trivial", "/robots.txt")

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = len(trivial.samples) / 3
    print(f"  trivial view (/robots.txt), {clients} clients: {rate:.1f} req/s")
    return rate


def steady_run(base: str, database_url: str, clients: int, seconds: float, trivial_rate: float) -> list[str]:
    organizations, items = ids(database_url)
    shared = Shared(base, organizations, items)
    drive(shared, clients, seconds)
    report(f"steady load: {clients} clients, {seconds:.0f} s", shared.samples, seconds)
    rate = len(shared.samples) / seconds
    print(f"throughput ratio to the trivial view: {rate / trivial_rate:.3f}")
    problems = []
    errors = [s for s in shared.samples if is_error(s)]
    print(f"errors {len(errors)}")
    if errors:
        problems.append(f"{len(errors)} errors under steady load")
    lost = lost_submissions(database_url, shared.acknowledged)
    print(f"submissions acknowledged {len(shared.acknowledged)}, lost {len(lost)}")
    if lost:
        problems.append(f"{len(lost)} acknowledged submissions missing from the database")
    if not shared.acknowledged:
        problems.append("no submission was acknowledged: the application form did not take the load's input")
    return problems


def durability_settings(database_url: str) -> dict[str, str]:
    import psycopg2

    connection = psycopg2.connect(database_url.replace("postgres://", "postgresql://", 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", (list(DURABLE),))
        found = dict(cursor.fetchall())
    connection.close()
    return found


DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def fault_run(base: str, database_url: str, clients: int, seconds: float, down: float) -> list[str]:
    durability = durability_settings(database_url)
    print("\ndurability: " + ", ".join(f"{name}={value}" for name, value in sorted(durability.items())))
    if durability != DURABLE:
        return ["the fault run tests what survives a restart: run it on a durable cluster (PG_DURABLE=1)"]
    organizations, items = ids(database_url)
    shared, postgres = Shared(base, organizations, items), Postgres()
    window: dict[str, float] = {}

    def restart() -> None:
        time.sleep(seconds * 0.3)
        window["stop"] = time.monotonic()
        postgres.stop()
        window["down"] = time.monotonic()
        time.sleep(down)
        postgres.start()
        window["up"] = time.monotonic()

    restarter = threading.Thread(target=restart, daemon=True)
    restarter.start()
    drive(shared, clients, seconds)
    restarter.join(60)
    report(f"fault run: PostgreSQL stopped {down:.0f} s mid-run", shared.samples, seconds)
    return fault_checks(shared, window, database_url)


def fault_checks(shared: Shared, window: dict[str, float], database_url: str) -> list[str]:
    problems = []
    if "up" not in window:
        return ["PostgreSQL was not restarted"]
    before = [s for s in shared.samples if s.at + s.seconds < window["stop"]]
    during = [s for s in shared.samples if window["stop"] <= s.at + s.seconds and s.at < window["up"]]
    after = sorted((s for s in shared.samples if s.at >= window["up"]), key=lambda s: s.at)
    first_ok = next((s for s in after if not is_error(s)), None)
    recovered = (first_ok.at - window["up"]) if first_ok else None
    settled = [s for s in after if s.at >= window["up"] + 2.0]
    bad_outage = [s for s in during + after if is_error(s) and not s.outage_page]
    print(f"outage: {window['up'] - window['stop']:.1f} s (stop took {window['down'] - window['stop']:.1f} s)")
    print(f"before: {len(before)} requests, {sum(map(is_error, before))} errors")
    print(
        f"during: {len(during)} requests, {sum(s.outage_page for s in during)} answered with the 503 page, "
        f"{sum(1 for s in during if not is_error(s))} served"
    )
    print(f"after: first success {recovered if recovered is None else round(recovered, 2)} s after restart")
    print(f"after: {len(settled)} requests from 2 s after restart, {sum(map(is_error, settled))} errors")
    if any(is_error(s) for s in before):
        problems.append("errors before the outage")
    if bad_outage:
        kinds = sorted({f"{s.kind} {s.status}" for s in bad_outage})
        problems.append(f"{len(bad_outage)} failures that were not the 503 page ({', '.join(kinds)})")
        for sample in bad_outage:
            at = sample.at - window["stop"]
            print(f"  not the 503 page: {sample.kind} {sample.status} at {at:+.2f} s: {sample.detail}")
    if recovered is None:
        problems.append("the portal did not recover after PostgreSQL came back")
    if any(is_error(s) for s in settled):
        problems.append("errors after recovery")
    lost = lost_submissions(database_url, shared.acknowledged)
    print(f"submissions acknowledged {len(shared.acknowledged)}, lost {len(lost)}")
    if lost:
        problems.append(f"{len(lost)} acknowledged submissions lost")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--items", type=int, default=400)
    parser.add_argument("--down", type=float, default=6, help="seconds PostgreSQL stays down in the fault run")
    parser.add_argument("--fault", action="store_true", help="only the fault run")
    parser.add_argument("--short", action="store_true", help="a short steady run and a short fault run")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed)
        return 0
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        print("bench/load.py needs DATABASE_URL for PostgreSQL: run it through scripts/with-postgres.sh")
        return 2
    name = f"bench_load_{os.getpid()}"
    database_url = bench_database_url(base_url, name)
    port = free_port()
    env = server_env(database_url, port, args.workers)
    create_database(base_url, name)
    server = Gunicorn(env, port)
    problems: list[str] = []
    try:
        started = time.monotonic()
        prepare(env, args.items)
        server.start()
        print(f"prepared in {time.monotonic() - started:.1f} s; gunicorn with {args.workers} workers on port {port}")
        base = f"http://127.0.0.1:{port}"
        trivial_rate = baseline(base, args.clients)
        steady, faulty = (12, 22) if args.short else (args.seconds, args.seconds)
        if not args.fault:
            problems += steady_run(base, database_url, args.clients, steady, trivial_rate)
        if args.fault or args.short:
            problems += fault_run(base, database_url, args.clients, faulty, args.down if not args.short else 4)
    finally:
        server.stop()
        if problems:
            print("\n-- gunicorn log (last lines)\n" + server.tail())
        drop_database(base_url, name)
    print("\nRESULT: " + ("; ".join(problems) if problems else "all checks passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
