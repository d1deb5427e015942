#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: a temporary folder, a free
# port on 127.0.0.1, a non-root owner; the cluster is stopped and removed on exit,
# whether the command passed or failed. The command sees DATABASE_URL.
# PG_SERVER_OPTIONS adds server settings, e.g. "-c shared_buffers=4GB" for benchmarks.
# The cluster trades durability for speed (fsync, synchronous commit and full-page writes off) unless
# PG_DURABLE=1: a test of what survives a restart or a crash must run with PostgreSQL's own defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-postgres.sh
[ -n "$PG_BIN" ] || { echo "PostgreSQL (initdb, pg_ctl) not found; run scripts/system-deps.sh" >&2; exit 1; }

workdir=$(mktemp -d /tmp/portal-pg.XXXXXX)
chmod 755 "$workdir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner=()
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown postgres "$workdir"
  as_owner=(runuser -u postgres --)
fi

stop_cluster() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap stop_cluster EXIT

"${as_owner[@]}" "$PG_BIN/initdb" -D "$workdir/data" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
speed_over_durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PG_DURABLE:-0}" = 1 ] && speed_over_durability=""
"${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $workdir $speed_over_durability -c max_connections=200 ${PG_SERVER_OPTIONS:-}" start >/dev/null
echo "PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') running on 127.0.0.1:$port (data in $workdir)"

export DATABASE_URL="postgres://portal@127.0.0.1:$port/postgres"
export PG_CTL="$PG_BIN/pg_ctl" PG_DATA="$workdir/data" PG_RUN_AS="${as_owner[*]}"
set +e
"$@"
status=$?
set -e
exit $status
