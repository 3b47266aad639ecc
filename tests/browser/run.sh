#!/usr/bin/env bash
# Browser tests in headless Chromium: checks every JavaScript file of the project (`node
# --check`, then ESLint with eslint.config.mjs), builds the bundled site once per theme with
# the release binary, checks the HTML with the Nu validator, runs site search on each theme's
# site, then the themes (screenshots compared with screenshots/), glossary tooltip and
# live-preview (`plainleaf serve`) tests, the Decap CMS admin page, and the printed handouts
# (`plainleaf handouts`, measured from the PDFs with poppler-utils and zbar-tools), the search
# button and the callout cards (a11y.test.mjs, on fixtures/callouts), HTML_CodeSniffer on
# every page (codesniffer.test.mjs), the Spanish pages and the language switcher
# (spanish.test.mjs) and the seed cleaner against Reader View (Mozilla Readability on jsdom,
# readerview.test.mjs) in one node run, so the output ends with node's test summary.
#
#   tests/browser/run.sh                 # both themes
#   THEMES=clinic tests/browser/run.sh   # one theme
#   PLAINLEAF_BIN=path/to/plainleaf tests/browser/run.sh   # skip the cargo build
#   KEEP_SITES=1 ...                     # keep the built sites and print where they are
#   UPDATE_SCREENSHOTS=1 ...             # write new screenshot baselines instead of comparing
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
themes="${THEMES:-clinic contrast}"

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  echo "error: needs Chromium at /usr/bin/chromium (apt-get install chromium) or CHROMIUM=path" >&2
  exit 2
fi
for tool in pdfinfo pdftohtml pdftotext pdftoppm zbarimg; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "error: the handout tests need $tool (apt-get install poppler-utils zbar-tools)" >&2
    exit 2
  }
done

cd "$here"
# Install exactly the committed package-lock.json, again whenever it changes.
if ! cmp -s package-lock.json node_modules/.plainleaf-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.plainleaf-installed-lock
fi

# Every script of the project, wherever it lives (themes, the preview script, these tests);
# not the built site in public/, whose search index is data written as scripts.
mapfile -t scripts < <(cd "$repo" && find . \( -name node_modules -o -name target -o -name .git -o -path ./public \) -prune -o \
  -type f \( -name '*.js' -o -name '*.mjs' \) -print | sort)
echo "# node --check on ${#scripts[@]} scripts"
for script in "${scripts[@]}"; do
  node --check "$repo/$script" || { echo "not ok: node --check $script" >&2; exit 1; }
done
echo "# eslint"
(cd "$repo" && "$here/node_modules/.bin/eslint" --config "$here/eslint.config.mjs" --max-warnings 0 "${scripts[@]}") \
  || { echo "not ok: eslint (fix the problems above)" >&2; exit 1; }

# The search index is written by the Rust text rules and queried by search.js's copy of them
# (English and Spanish): compare them in Node.js here for real (CI=1 makes the test fail
# rather than skip when node cannot run).
echo "# search rules: Rust and search.js agree"
(cd "$repo" && CI=1 cargo test --quiet --test search_rules) \
  || { echo "not ok: the Rust and search.js text rules differ (tests/search_rules.rs)" >&2; exit 1; }

# The built pages show review dates and "due for review" notes measured from the build's
# date: fix it, so the pages and the screenshots do not change with today's date.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796083200}" # 2026-12-01

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
  # Every callout kind and care card (fixtures/callouts) for a11y.test.mjs; it has more than
  # 4 callouts on a page on purpose, so its warning is expected.
  "$PLAINLEAF_BIN" build --root "$here/fixtures/callouts" --theme "$theme" --output "$sites/callouts-$theme" 2>/dev/null \
    || { echo "error: building the callout fixture with the $theme theme failed" >&2; exit 1; }
done

status=0
for theme in $themes; do
  echo "# Nu HTML checker: $theme"
  if ! java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$sites/$theme"; then
    echo "not ok: HTML validation of the $theme site" >&2
    status=1
  fi
done

for theme in $themes; do
  echo "# site search: $theme"
  if ! SITE_DIR="$sites/$theme" node --test --test-concurrency=1 search.test.mjs; then
    echo "not ok: site search on the $theme site" >&2
    status=1
  fi
done

# The review dashboard, written outside the built sites (it is never published).
dashboard="$sites/review-dashboard.html"
"$PLAINLEAF_BIN" review --root "$repo" --html "$dashboard" >/dev/null

# One run, so the output ends with node's summary of every test in it.
[ "$status" = 0 ] || echo "# earlier steps failed (see 'not ok' above); the summary below covers only this last run" >&2
export PLAINLEAF_SITES="$sites" PLAINLEAF_THEMES="$themes" PLAINLEAF_BIN PLAINLEAF_DASHBOARD="$dashboard"
node --test --test-concurrency=1 themes.test.mjs glossary.test.mjs search-es.test.mjs serve.test.mjs cms.test.mjs handouts.test.mjs governance.test.mjs \
  a11y.test.mjs codesniffer.test.mjs spanish.test.mjs readerview.test.mjs || status=1
exit $status
