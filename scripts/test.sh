#!/usr/bin/env bash
# Install what is needed, build the site if it is stale, run every test.
#     bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
bash scripts/setup.sh
if ! "$PYTHON" scripts/site_freshness.py; then
  DOUDI_SKIP_SETUP=1 bash scripts/build_site.sh
fi
exec "$PYTHON" -m pytest "$@"
