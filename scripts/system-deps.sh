#!/usr/bin/env bash
# Install the Debian packages the test suite needs when they are missing:
# PostgreSQL (server and contrib), Chromium for browser tests, CJK fonts for pages and PDFs,
# Redis for the shared-state tests, nginx for the cluster benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
. scripts/find-postgres.sh
[ -n "${PG_BIN:-}" ] || missing+=(postgresql postgresql-contrib)
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v npm >/dev/null || missing+=(npm)
# The shared-state tests start their own redis-server; `make cluster-test` puts nginx in front of two nodes.
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing system packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# axe-core is injected into pages by the accessibility tests.
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --silent
fi
