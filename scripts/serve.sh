#!/usr/bin/env bash
# Build the site if needed and serve it on http://127.0.0.1:8000/ (PORT=... to change).
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
echo "兜底手册: http://127.0.0.1:${PORT}/book/index.html   (Ctrl+C to stop)"
exec "$PYTHON" -m http.server "$PORT" --bind 127.0.0.1 --directory _build/html
