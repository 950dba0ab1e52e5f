#!/usr/bin/env bash
# Build the site if needed and serve it on http://127.0.0.1:8000/ (PORT=... to change), with
# precompressed gzip and cache headers.
#     bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
PORT="${PORT:-${1:-8000}}"
bash scripts/setup.sh
if ! "$PYTHON" scripts/site_freshness.py; then
  DOUDI_SKIP_SETUP=1 bash scripts/build_site.sh
fi
echo
# gzip and cache headers as a real server sends them (scripts/serve.py; nginx: scripts/nginx-doudi.conf)
exec "$PYTHON" scripts/serve.py --port "$PORT" --bind 127.0.0.1 --directory _build/html
