#!/usr/bin/env bash
# Build the handbook site into _build/html with warnings as errors (exits non-zero on any warning).
#     bash scripts/build_site.sh            # incremental; full rebuild when the engine or data changed
#     bash scripts/build_site.sh --all      # always rebuild every page
# Environment: PYTHON (default python3), DOUDI_SKIP_SETUP=1 to skip scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -n "${DOUDI_SKIP_SETUP:-}" ] || bash scripts/setup.sh

# Pages execute the engine at build time; Sphinx only re-reads pages whose source changed, so a
# change to calculators/ or data/ must rebuild every page, and so must a change to what every page
# carries (the configuration, the local extensions, the stylesheets).
mkdir -p _build
shared_hash=$(find calculators data book/_ext book/_static runtime/src _config.yml _toc.yml -type f \
  \( -name '*.py' -o -name '*.yaml' -o -name '*.yml' -o -name '*.csv' -o -name '*.json' -o -name '*.css' -o -name '*.js' -o -name '*.html' \) \
  -not -path '*/__pycache__/*' -not -path 'book/_static/vendor/*' -print0 | sort -z | xargs -0 sha256sum \
  | sha256sum | cut -d' ' -f1)
args=()
if [ "${1:-}" = "--all" ] || [ "$(cat _build/.shared-hash 2>/dev/null)" != "$shared_hash" ]; then
  args+=(--all)
fi

start=$(date +%s)
rm -f _build/.shared-hash
rm -rf _build/html/_static/live   # Sphinx adds static files but never removes an old runtime version
# Sphinx loads the old search index and only adds to it: a full rebuild starts a new one, so that
# words of an earlier build (e.g. before the search dictionary changed) do not linger.
if [ ${#args[@]} -gt 0 ]; then rm -f _build/html/searchindex.js; fi
# With -W --keep-going Sphinx reports every warning, then jupyter-book exits non-zero.
"$PYTHON" -c 'import sys; from jupyter_book.cli.main import main; sys.exit(main())' \
  build . -W --keep-going "${args[@]}"
pdf_start=$(date +%s)
"$PYTHON" scripts/build_pdf.py _build/html   # PDF handouts (headless Chromium), linked by book/guide/handouts.md
echo "build_site: PDF handouts in $(( $(date +%s) - pdf_start )) s"
"$PYTHON" scripts/precompress.py _build/html
echo "$shared_hash" > _build/.shared-hash
echo "build_site: built _build/html in $(( $(date +%s) - start )) s ($(du -sh _build/html | cut -f1))"
