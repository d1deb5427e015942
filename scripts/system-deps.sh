#!/usr/bin/env bash
# Install the Debian packages the test suite needs when they are missing:
# PostgreSQL (server and contrib), Chromium for browser tests, CJK fonts for pages and PDFs,
# LibreOffice (Writer, Calc) and poppler to print the annual report's Word and Excel files in tests,
# Redis for the shared-state tests, nginx for the cluster benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
. scripts/find-postgres.sh
[ -n "${PG_BIN:-}" ] || missing+=(postgresql postgresql-contrib)
command -v chromium >/dev/null || missing+=(chromium)
# grep -c reads to the end: with -q, fc-list dies of SIGPIPE and pipefail would report the font missing.
fc-list : family 2>/dev/null | grep -ci "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v npm >/dev/null || missing+=(npm)
# The annual report: LibreOffice prints its .docx/.xlsx in tests, pdftoppm makes page images,
# AR PL KaitiM GB is the 楷体 fallback of the PDF's second-level headings.
[ -x /usr/lib/libreoffice/program/swriter ] || missing+=(libreoffice-writer)
[ -x /usr/lib/libreoffice/program/scalc ] || missing+=(libreoffice-calc)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list : family 2>/dev/null | grep -ci "AR PL KaitiM GB" >/dev/null || missing+=(fonts-arphic-gkai00mp)
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
