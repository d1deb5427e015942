"""The portal scaled out on one machine (127.0.0.1 only), under load and faults.

    scripts/with-postgres.sh .venv/bin/python bench/cluster.py [--seconds 60] [--clients 8] [--workers 3]
    make cluster-test

On the PostgreSQL primary that scripts/with-postgres.sh started, it creates a database with a few hundred
published items (bench/load.py's `prepare`), then starts: a streaming replica made with `pg_basebackup -R`
(as the cluster's non-root owner), Debian's redis-server, moto's S3 server (standing in for MinIO, Alibaba
OSS or Huawei OBS), the task worker (`manage.py db_worker`), two gunicorn nodes of the same code, A and B,
with REDIS_URL, DATABASE_REPLICA_URLS, S3_* and TASKS_BACKEND=database set, and nginx in front of them.

bench/load.py's simulated citizens then drive their mixed load through nginx for `--seconds`, while:
- at 20 % of the run, an item is published through node A's admin, and node B is asked for it until it
  serves the item page and the catalog list with it (`publish_visible_ms`, from A's answer);
- at 35 %, node B is killed (SIGKILL to its master and workers at once);
- at 55 %, the replica is killed (immediate shutdown), and at 75 % started again.

Figures come from the citizens (requests, errors, acknowledged submissions checked in the database) and
from nginx's access log (which node answered, and `X-Read-From` when a page was read from the replica).
Requests in flight on node B while it was being killed (from the signal until its master has been reaped,
during which its listening socket may still take a connection that no process will answer) are counted apart
(`in_flight_on_killed_node`); any other failure is an error. Everything started here is stopped at the end,
pass or fail; the last line is one JSON object. The exit status is 0 when errors, lost and duplicate
submissions are 0, the replica served reads and the publication was visible on B within a second.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load import (  # noqa: E402
    NoRedirect,
    Shared,
    bench_database_url,
    create_database,
    drive,
    drop_database,
    ids,
    is_error,
    lost_submissions,
    prepare,
    report,
)
from bench.servers import PYTHON, Gunicorn, free_port, manage, production_env, redis_server, s3_server  # noqa: E402

ADMIN_PASSWORD = "bench-cluster-admin-password"
DRAFT_TITLE = "集群压测：节点A发布、节点B可见的通知"
S3_KEYS = {"S3_ACCESS_KEY": "bench", "S3_SECRET_KEY": "bench-secret", "S3_REGION": "cn-north-1"}
NGINX_LOG_FORMAT = "$msec $status $request_method $upstream_addr $upstream_status $upstream_http_x_read_from"


# ---------------------------------------------------------------- the streaming replica


class Replica:
    """A hot standby of the primary that scripts/with-postgres.sh started, beside its data folder."""

    def __init__(self, primary_port: int):
        self.primary_port, self.port = primary_port, free_port()
        self.ctl = Path(os.environ["PG_CTL"]).resolve()  # beside it: pg_basebackup of the same version
        self.run_as = shlex.split(os.environ.get("PG_RUN_AS", ""))
        self.folder = Path(os.environ["PG_DATA"]).parent
        self.data = self.folder / "replica"

    def create(self) -> None:
        command = [str(self.ctl.parent / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary_port)]
        command += ["-U", "portal", "-D", str(self.data), "-R", "-X", "stream", "-c", "fast"]
        subprocess.run([*self.run_as, *command], check=True)

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c hot_standby=on -c max_connections=200"
        command = [str(self.ctl), "-D", str(self.data), "-l", str(self.folder / "replica.log"), "-w", "-o", options]
        subprocess.run([*self.run_as, *command, "start"], check=True, stdout=subprocess.DEVNULL)

    def kill(self) -> None:
        command = [str(self.ctl), "-D", str(self.data), "-m", "immediate", "stop"]
        subprocess.run([*self.run_as, *command], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------- nginx in front of the two nodes


def nginx_config(folder: Path, port: int, nodes: list[int]) -> Path:
    user = "user www-data;" if os.geteuid() == 0 else ""
    upstreams = "\n".join(f"        server 127.0.0.1:{node} max_fails=1 fail_timeout=5s;" for node in nodes)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
{temp}
    log_format cluster '{NGINX_LOG_FORMAT}';
    access_log {folder / "access.log"} cluster;
    upstream portal {{
{upstreams}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 61m;
        location / {{
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream error timeout http_502;
            proxy_connect_timeout 2s;
        }}
    }}
}}
""")
    return config


def start_nginx(folder: Path, port: int, nodes: list[int]) -> subprocess.Popen:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    config = nginx_config(folder, port, nodes)
    command = [nginx, "-p", str(folder), "-c", str(config), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from bench.servers import wait_for_port

    wait_for_port(port, process, "nginx")
    return process


def access_log(folder: Path) -> list[dict]:
    rows = []
    for line in (folder / "access.log").read_text().splitlines():
        at, status, method, upstream, _upstream_status, read_from = (line.split(" ", 5) + [""] * 6)[:6]
        rows.append(
            {"at": float(at), "status": int(status), "method": method, "upstream": upstream, "read_from": read_from}
        )
    return rows


# ---------------------------------------------------------------- publishing through node A, reading on B


def browser() -> urllib.request.OpenerDirector:
    """Cookies kept, redirects not followed (a POST's answer is the redirect itself)."""
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)


def fetch(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def publish_and_watch(node_a: str, node_b: str, item_id: int) -> float:
    """Publish the draft through A's admin; milliseconds from A's answer until B serves its page and the list
    that shows it."""
    staff, reader = browser(), browser()
    _, page = fetch(staff, f"{node_a}/admin/login/")
    login = {"username": "bench", "password": ADMIN_PASSWORD, "next": "/admin/"}
    fetch(staff, f"{node_a}/admin/login/", {**login, "csrfmiddlewaretoken": csrf_token(page)})
    _, page = fetch(staff, f"{node_a}/admin/catalog/item/")
    action = {"action": "publish_selected", "_selected_action": str(item_id), "index": "0", "confirmed": "1"}
    # Just before: B has the list cached, and its workers trust the tokens they read for PAGE_CACHE_TOKEN_MS.
    fetch(reader, f"{node_b}/catalog/")
    status, _ = fetch(staff, f"{node_a}/admin/catalog/item/", {**action, "csrfmiddlewaretoken": csrf_token(page)})
    published = time.monotonic()
    if status != 302:
        raise RuntimeError(f"publishing through node A answered {status}")
    deadline = published + 30
    while time.monotonic() < deadline:
        if (
            fetch(reader, f"{node_b}/catalog/{item_id}/")[0] == 200
            and DRAFT_TITLE in fetch(reader, f"{node_b}/catalog/")[1]
        ):
            return (time.monotonic() - published) * 1000
        time.sleep(0.01)
    raise RuntimeError("node B did not serve the published item and the list with it within 30 s")


# ---------------------------------------------------------------- the run


def seed_cluster(env: dict) -> int:
    """A superuser for the admin, and the draft to publish during the run; returns the draft's id."""
    manage({**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}, "createsuperuser", "--noinput", "--username",
           "bench", "--email", "bench@example.org")  # fmt: skip
    script = (
        "from datetime import date; from catalog.models import Category, Item, Organization; "
        "org = Organization.objects.order_by('pk').first(); "
        f"item = Item.objects.create(organization=org, title={DRAFT_TITLE!r}, "
        "category=Category.objects.filter(parent__isnull=True).first(), written_on=date(2026, 1, 5)); "
        "print(item.pk)"
    )
    run = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)  # fmt: skip
    return int(run.stdout.strip().splitlines()[-1])


def duplicate_submissions(database_url: str, titles: list[str]) -> int:
    import psycopg2

    connection = psycopg2.connect(database_url.replace("postgres://", "postgresql://", 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM applications_application "
            "WHERE info_title = ANY(%s) GROUP BY info_title) AS counted",
            (titles,),
        )
        found = int(cursor.fetchone()[0])
    connection.close()
    return found


def events(seconds: float, node_b: Gunicorn, replica: Replica, publish, marks: dict) -> threading.Thread:
    def run() -> None:
        start = time.monotonic()

        def at(share: float) -> None:
            time.sleep(max(0.0, start + seconds * share - time.monotonic()))

        at(0.20)
        try:
            marks["publish_visible_ms"] = publish()
        except RuntimeError as failure:
            marks["publish_error"] = str(failure)
        at(0.35)
        marks["node_killed"] = time.time()
        node_b.kill()
        marks["node_dead"] = time.time()
        at(0.55)
        marks["replica_killed"] = time.time()
        replica.kill()
        at(0.75)
        replica.start()
        marks["replica_started"] = time.time()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def in_flight_during(samples, wall_start: float, mono_start: float, start: float | None, end: float | None) -> list:
    """The citizens' requests that were under way at some moment from `start` to `end` (wall-clock times)."""
    if start is None or end is None:
        return []
    offset = wall_start - mono_start
    return [s for s in samples if s.at + offset <= end and start <= s.at + s.seconds + offset]


def summarise(shared: Shared, marks: dict, log: list[dict], node_b_port: int, database_url: str, clock) -> dict:
    dying = marks.get("node_killed"), marks.get("node_dead")
    killed_b = set(map(id, in_flight_during(shared.samples, *clock, *dying)))
    failed = [s for s in shared.samples if is_error(s)]
    in_flight = [s for s in failed if id(s) in killed_b]
    return {
        "requests": len(shared.samples),
        "errors": len(failed) - len(in_flight),
        "in_flight_on_killed_node": len(in_flight),
        "lost_submissions": len(lost_submissions(database_url, shared.acknowledged)),
        "duplicate_submissions": duplicate_submissions(database_url, shared.acknowledged),
        "acknowledged_submissions": len(shared.acknowledged),
        "replica_reads": sum(1 for row in log if row["read_from"].startswith("replica")),
        "answered_by_node_b_after_its_death": sum(  # the last node nginx tried is the one that answered
            1
            for row in log
            if row["at"] > marks.get("node_killed", 1e12) + 1 and row["upstream"].endswith(f":{node_b_port}")
        ),
        "publish_visible_ms": round(marks["publish_visible_ms"]) if "publish_visible_ms" in marks else None,
    }


def verdict(result: dict) -> list[str]:
    problems = []
    for name in ("errors", "lost_submissions", "duplicate_submissions"):
        if result[name]:
            problems.append(f"{name} {result[name]}")
    if not result["replica_reads"]:
        problems.append("no page was read from the replica")
    if result["publish_visible_ms"] is None or result["publish_visible_ms"] > 1000:
        problems.append(f"publication visible on node B after {result['publish_visible_ms']} ms")
    if not result["acknowledged_submissions"]:
        problems.append("no submission was acknowledged")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per node")
    parser.add_argument("--items", type=int, default=400)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")) or "PG_CTL" not in os.environ:
        print("bench/cluster.py needs a PostgreSQL primary: run it through scripts/with-postgres.sh")
        return 2
    name = f"bench_cluster_{os.getpid()}"
    database_url = bench_database_url(base_url, name)
    primary_port = urllib.parse.urlsplit(base_url).port
    folder = Path(tempfile.mkdtemp(prefix="portal-cluster-"))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / kind).mkdir()
        (folder / kind).chmod(0o777)
    replica = Replica(primary_port)
    ports = {"nginx": free_port(), "a": free_port(), "b": free_port(), "redis": free_port(), "s3": free_port()}
    result: dict = {}
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, ignore_errors=True)
        create_database(base_url, name)
        stack.callback(drop_database, base_url, name)
        stack.enter_context(redis_server(ports["redis"]))
        stack.enter_context(s3_server(ports["s3"]))
        services = {
            "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "DATABASE_REPLICA_URLS": bench_database_url(base_url.replace(f":{primary_port}", f":{replica.port}"), name),
            "S3_BUCKET": "portal-cluster",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3']}",
            **S3_KEYS,
            "TASKS_BACKEND": "database",
            "DIAGNOSTIC_HEADERS": "1",
            "TRUSTED_PROXY_HOPS": "1",
            "SECRET_KEY": uuid.uuid4().hex * 2,  # one secret for every node: sessions and signed forms move
        }
        env_a = production_env(database_url, ports["a"], args.workers, **services)
        env_b = production_env(database_url, ports["b"], args.workers, **services)
        started = time.monotonic()
        prepare(env_a, args.items)
        draft_id = seed_cluster(env_a)
        create_bucket(services)
        replica.create()
        replica.start()
        stack.callback(replica.kill)
        worker = subprocess.Popen([PYTHON, "manage.py", "task_worker", "--interval", "0.2"], cwd=ROOT,
                                  env=env_a, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        stack.callback(stop_process, worker)
        node_a, node_b = Gunicorn(env_a, ports["a"], own_session=True), Gunicorn(env_b, ports["b"], own_session=True)
        for node in (node_a, node_b):
            node.start()
            stack.callback(node.kill)
        nginx = start_nginx(folder, ports["nginx"], [ports["a"], ports["b"]])
        stack.callback(stop_process, nginx)
        print(f"cluster ready in {time.monotonic() - started:.1f} s: nginx :{ports['nginx']}, nodes :{ports['a']} "
              f":{ports['b']}, replica :{replica.port}, redis :{ports['redis']}, s3 :{ports['s3']}")  # fmt: skip

        base = f"http://127.0.0.1:{ports['nginx']}"
        organizations, items = ids(database_url)
        shared = Shared(base, organizations, items)
        marks: dict = {}
        clock = (time.time(), time.monotonic())
        node_urls = (f"http://127.0.0.1:{ports['a']}", f"http://127.0.0.1:{ports['b']}")
        thread = events(args.seconds, node_b, replica, lambda: publish_and_watch(*node_urls, draft_id), marks)
        drive(shared, args.clients, args.seconds)
        thread.join(60)
        report(f"cluster: {args.clients} clients through nginx, {args.seconds:.0f} s", shared.samples, args.seconds)
        if "publish_error" in marks:
            print(f"publication: {marks['publish_error']}")
        for sample in shared.samples:
            if is_error(sample) and sample.detail:
                print(f"  error: {sample.kind} {sample.status} {sample.detail}")
        result = summarise(shared, marks, access_log(folder), ports["b"], database_url, clock)
    problems = verdict(result)
    print("RESULT: " + ("; ".join(problems) if problems else "all checks passed"))
    print(json.dumps(result))
    return 1 if problems else 0


def create_bucket(services: dict) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=services["S3_ENDPOINT_URL"],
        aws_access_key_id=services["S3_ACCESS_KEY"],
        aws_secret_access_key=services["S3_SECRET_KEY"],
        region_name=services["S3_REGION"],
    )
    client.create_bucket(Bucket=services["S3_BUCKET"], CreateBucketConfiguration={"LocationConstraint": "cn-north-1"})


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    sys.exit(main())
