#!/usr/bin/env bash
# The HTML report in a real browser: ingest the seed filings, write the
# report, and open it in headless Chromium (Debian's `chromium`) to prove
#   - the page loads with no console message at all (errors, CSP refusals),
#   - both SVGs are visible with a real size,
#   - the filter box and the type select hide exactly the non-matching rows,
#     and the headers sort dates and amounts as numbers
#     (tests/report/harness.html drives the page's own controls in a frame),
#   - a screenshot can be taken (left in the temp dir; kept when KEEP_SCREENSHOT=PATH).
# Nothing leaves the machine: the report forbids fetches, and Chromium runs
# with its background networking off and a throwaway profile.
# No Chromium: exit 77 (skipped), unless DEALGRAPH_REQUIRE_CHROMIUM=1.
# Usage: chromium_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }


tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/chromium.sh"

"$bin" ingest --db "$tmp/db" "$data/filings" >/dev/null 2>"$tmp/ingest.err" ||
  fail "ingest failed: $(cat "$tmp/ingest.err")"
"$bin" report --db "$tmp/db" -o "$tmp/report.html" 2>"$tmp/report.err" ||
  fail "report failed: $(cat "$tmp/report.err")"
cp "$here/harness.html" "$tmp/harness.html"

flags=("${chrome_flags[@]}" --enable-logging=stderr --v=0)

# 1. The harness: every check must pass, and no page may log to the console.
timeout 30 "$chrome" "${flags[@]}" --allow-file-access-from-files --window-size=1400,1000 \
  --dump-dom "file://$tmp/harness.html" >"$tmp/dom.html" 2>"$tmp/chrome1.err" ||
  fail "chromium --dump-dom failed: $(tail -5 "$tmp/chrome1.err")"
result=$(sed -n '/<pre id="result">/,/<\/pre>/p' "$tmp/dom.html" | sed 's/<[^>]*>//g')
[ -n "$result" ] || fail "no harness result in the dumped DOM"
echo "$result"
echo "$result" | grep -q '^PENDING' && fail "the harness never saw the report load"
echo "$result" | grep -q '^FAIL' && fail "harness checks failed"
npass=$(echo "$result" | grep -c '^PASS')
[ "$npass" -ge 16 ] || fail "only $npass harness checks passed"
if grep -q 'CONSOLE' "$tmp/chrome1.err"; then
  grep 'CONSOLE' "$tmp/chrome1.err" >&2
  fail "the page wrote to the console"
fi

# 2. The report on its own (no file access flag), as a user opens it: no
#    console message, and a screenshot.
timeout 30 "$chrome" "${flags[@]}" --window-size=1400,2400 \
  --screenshot="$tmp/report.png" "file://$tmp/report.html" >/dev/null 2>"$tmp/chrome2.err" ||
  fail "chromium --screenshot failed: $(tail -5 "$tmp/chrome2.err")"
if grep -q 'CONSOLE' "$tmp/chrome2.err"; then
  grep 'CONSOLE' "$tmp/chrome2.err" >&2
  fail "the report wrote to the console"
fi
[ -s "$tmp/report.png" ] || fail "no screenshot"
[ "$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "the screenshot is not a PNG"
size=$(wc -c <"$tmp/report.png")
[ "$size" -gt 50000 ] || fail "the screenshot is suspiciously small ($size bytes): blank page?"
if [ -n "${KEEP_SCREENSHOT:-}" ]; then cp "$tmp/report.png" "$KEEP_SCREENSHOT"; fi
echo "ok: $npass checks, no console messages, screenshot $size bytes"
