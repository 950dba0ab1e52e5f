#!/usr/bin/env bash
# Install everything the build and the tests need, and build the offline assets.
# Idempotent and fast when already done. Run as root on Debian 12 with Python 3.11:
#     bash scripts/setup.sh
# Environment: PYTHON (default python3), DOUDI_SKIP_APT=1 to skip the apt step.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
STAMPS=.cache/stamps
mkdir -p "$STAMPS"

APT_PACKAGES=(chromium fonts-wqy-microhei graphviz poppler-utils)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)

apt_missing() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# apt: another process may hold the dpkg lock; wait for it and retry, never kill it.
apt_retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; then
      return 0
    fi
    echo "setup: apt-get $1 failed (attempt $attempt), waiting for the dpkg lock..." >&2
    sleep 15
  done
  return 1
}

if [ -z "${DOUDI_SKIP_APT:-}" ]; then
  missing=$(apt_missing)
  if [ -n "$missing" ]; then
    echo "setup: installing apt packages: $missing"
    apt_retry update -q
    # shellcheck disable=SC2086
    apt_retry install -y -q --no-install-recommends $missing
  fi
fi

# Python packages: reinstall only when requirements.txt changed.
req_hash=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$STAMPS/pip" 2>/dev/null)" != "$req_hash" ]; then
  echo "setup: pip install -r requirements.txt"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements.txt
  echo "$req_hash" > "$STAMPS/pip"
fi

# Offline assets: the live calculators' runtime (book/_static/runtime) and the widget embed scripts.
"$PYTHON" scripts/build_runtime.py
"$PYTHON" scripts/vendor_js.py
