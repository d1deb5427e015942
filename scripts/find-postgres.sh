# Sourced: sets PG_BIN to the folder holding initdb and pg_ctl, or leaves it empty.
PG_BIN=""
if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
  PG_BIN=$(dirname "$(command -v pg_ctl)")
else
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BIN=$dir; break; fi
  done
fi
