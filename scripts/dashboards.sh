#!/usr/bin/env bash
# Start the staff dashboards (Voila) on this machine only:
#     bash scripts/dashboards.sh            # then open http://127.0.0.1:8866/
# Environment:
#   PORT=8866                  the port (always bound to 127.0.0.1)
#   DOUDI_ROSTER=path          the roster to show (.xlsx/.csv/.parquet; default: the synthetic sample)
#   DOUDI_PREHEAT=1            keep kernels ready, each with its dashboard already drawn
#                              (0: start a kernel on each request, about 4.5 s to the first chart)
#   DOUDI_POOL_SIZE=1          kernels kept ready per dashboard. Each holds about 200 MB (5 dashboards:
#                              1 GB). With 1, a dashboard opens in about 2.4 s, and opened again
#                              straight away in about 4 s (its next kernel is still starting);
#                              with 2, about 2.7 s then, for 1 GB more (benchmarks/dashboard_bench.py).
#   PYTHON=python3
# Staff pages show exact counts and household lists (never ID numbers): keep them off public sites.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
PORT="${PORT:-8866}"

if ! "$PYTHON" -c "import voila, altair, anywidget, vl_convert, ipywidgets, pandas, yaml" 2>/dev/null; then
  echo "dashboards: installing what Voila and the charts need..." >&2
  if [ -f scripts/setup.sh ]; then
    bash scripts/setup.sh
  else
    "$PYTHON" -m pip install -r requirements.txt
  fi
fi

export JUPYTER_PATH="$PWD/voila${JUPYTER_PATH:+:$JUPYTER_PATH}"
export DOUDI_DASHBOARD=staff
if [ -n "${DOUDI_ROSTER:-}" ]; then
  DOUDI_ROSTER="$(cd "$(dirname "$DOUDI_ROSTER")" && pwd)/$(basename "$DOUDI_ROSTER")"
  export DOUDI_ROSTER
fi

# The offline Vega bundle of the charts, made once per altair / vl-convert version (about 2 s)
# instead of in every kernel.
"$PYTHON" -c 'from calculators.charts import cache_offline_bundle; cache_offline_bundle()'

PREHEAT=()
if [ "${DOUDI_PREHEAT:-1}" != "0" ]; then
  PREHEAT=(--preheat_kernel=True "--pool_size=${DOUDI_POOL_SIZE:-1}")
fi
# A page shuts its kernel down when it is left; a kernel whose page vanished without saying so
# (a crashed browser) is shut down after an hour without activity or connection. Kernels kept
# ready and kernels of open pages are never culled.
CULL=(--MappingKernelManager.cull_idle_timeout=3600 --MappingKernelManager.cull_interval=300)

echo "数据看板：http://127.0.0.1:${PORT}/ （Ctrl+C 停止）" >&2
exec "$PYTHON" -m voila --no-browser --port="$PORT" --Voila.ip=127.0.0.1 \
  --template=doudi-dashboard "${PREHEAT[@]}" "${CULL[@]}" book/dashboards
