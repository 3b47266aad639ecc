#!/usr/bin/env bash
# Browser tests of the built-in themes: builds the bundled site once per theme with the
# release binary, checks the HTML with the Nu validator, then runs the Chromium tests.
#
#   tests/browser/run.sh                 # both themes
#   THEMES=clinic tests/browser/run.sh   # one theme
#   PLAINLEAF_BIN=path/to/plainleaf tests/browser/run.sh   # skip the cargo build
#   KEEP_SITES=1 ...                     # keep the built sites and print where they are
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
themes="${THEMES:-clinic contrast}"

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  echo "error: needs Chromium at /usr/bin/chromium (apt-get install chromium) or CHROMIUM=path" >&2
  exit 2
fi

cd "$here"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

if [ -z "${PLAINLEAF_BIN:-}" ]; then
  (cd "$repo" && cargo build --release --quiet)
  PLAINLEAF_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/plainleaf"
fi

sites="$(mktemp -d "${TMPDIR:-/tmp}/plainleaf-sites.XXXXXX")"
if [ -z "${KEEP_SITES:-}" ]; then
  trap 'rm -rf "$sites"' EXIT
else
  echo "sites kept in $sites"
fi

for theme in $themes; do
  "$PLAINLEAF_BIN" build --root "$repo" --theme "$theme" --output "$sites/$theme" --allow-stale 2>/dev/null \
    || { echo "error: building the site with the $theme theme failed" >&2; "$PLAINLEAF_BIN" build --root "$repo" --theme "$theme" --output "$sites/$theme" --allow-stale; exit 1; }
  echo "# built $theme into $sites/$theme"
done

status=0
for theme in $themes; do
  echo "# Nu HTML checker: $theme"
  if ! java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$sites/$theme"; then
    echo "not ok: HTML validation of the $theme site" >&2
    status=1
  fi
done

PLAINLEAF_SITES="$sites" PLAINLEAF_THEMES="$themes" node --test --test-concurrency=1 themes.test.mjs || status=1
exit $status
