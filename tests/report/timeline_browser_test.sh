#!/usr/bin/env bash
# A 1,000-event timeline looked at in a real browser (headless Chromium), not
# only parsed: ~1,000 generated events go through ingest and `export timeline`,
# the SVG is put in a page whose script (timeline_check.js) measures what the
# browser drew, and a screenshot is taken at the picture's size. It must be
#   - under 4,000 x 4,000 px at 100% (96 px per inch),
#   - free of overlapping text (every pair of drawn text boxes),
#   - readable: no text under 9 px high, labels spread over the picture,
#   - a PNG with something on it.
# A page with two labels drawn on top of each other must be caught (the check
# can fail). No Chromium: exit 77 (skipped), unless DEALGRAPH_REQUIRE_CHROMIUM=1.
# Usage: timeline_browser_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

gen="$(dirname "$bin")/dealgraph-gen"
[ -x "$gen" ] || fail "dealgraph-gen is not built next to $bin"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/chromium.sh"

"$gen" --count 600 --seed 3 --out "$tmp/filings" >/dev/null 2>"$tmp/gen.err" ||
  fail "dealgraph-gen failed: $(cat "$tmp/gen.err")"
"$bin" ingest --db "$tmp/db" "$tmp/filings" >/dev/null 2>"$tmp/ingest.err" ||
  fail "ingest failed: $(tail -3 "$tmp/ingest.err")"
"$bin" export timeline --db "$tmp/db" -o "$tmp/t.svg" 2>"$tmp/export.err" ||
  fail "export timeline failed: $(cat "$tmp/export.err")"
events=$(sed -n 's/.*(\([0-9]*\) events).*/\1/p' "$tmp/export.err")
[ "${events:-0}" -ge 900 ] || fail "the timeline holds ${events:-no} events, not about 1,000"
cp "$here/timeline_check.js" "$tmp/"

flags=("${chrome_flags[@]}" --force-device-scale-factor=1)

# page SVG OUT: the SVG inline in an HTML page (its XML prolog and doctype
# dropped), then the checking script.
page() {
  { printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>body{margin:0}</style></head><body>\n'
    sed '1,/^<svg/{/^<svg/!d}' "$1"
    printf '<pre id="result">PENDING</pre><script src="timeline_check.js"></script></body></html>\n'
  } >"$2"
}
# verdict PAGE: the script's findings from the dumped DOM.
verdict() {
  timeout 60 "$chrome" "${flags[@]}" --allow-file-access-from-files --window-size=1400,1000 \
    --dump-dom "file://$1" 2>"$tmp/chrome.err" | sed -n '/<pre id="result">/,/<\/pre>/p' | sed 's/<[^>]*>//g'
}
field() { echo "$1" | sed -n "s/^$2 //p"; }

# 1. The check can fail: two labels drawn at one spot are an overlap.
sed 's|</svg>|<text x="100" y="-100" font-size="14">clash one</text><text x="104" y="-100" font-size="14">clash two</text></svg>|' \
  "$tmp/t.svg" >"$tmp/clash.svg"
page "$tmp/clash.svg" "$tmp/clash.html"
v=$(verdict "$tmp/clash.html")
echo "$v" | grep -q '^DONE' || fail "the overlap check never ran: $(tail -3 "$tmp/chrome.err")"
echo "$v" | grep -q '^OVERLAP clash one | clash two' || fail "two labels at one spot were not seen as overlapping: $v"

# 2. The real timeline.
page "$tmp/t.svg" "$tmp/t.html"
v=$(verdict "$tmp/t.html")
echo "$v"
echo "$v" | grep -q '^DONE' || fail "the check never ran: $(tail -3 "$tmp/chrome.err")"
echo "$v" | grep -q '^FAIL' && fail "$(field "$v" FAIL)"
read -r w h <<<"$(field "$v" SIZE)"
[ "${w:-0}" -gt 0 ] && [ "${h:-0}" -gt 0 ] || fail "no picture size in: $v"
[ "$w" -le 4000 ] && [ "$h" -le 4000 ] || fail "the timeline is ${w} x ${h} px, over 4,000 x 4,000"
[ "$(field "$v" TEXTS)" -ge 50 ] || fail "only $(field "$v" TEXTS) labels drawn"
[ "$(field "$v" CLASHES)" = 0 ] || fail "labels overlap: $(echo "$v" | grep '^OVERLAP' | head -5)"
[ "$(field "$v" MINTEXT)" -ge 9 ] || fail "the smallest text is $(field "$v" MINTEXT) px high"
read -r sx sy <<<"$(field "$v" SPREAD)"
[ "$sx" -ge 60 ] && [ "$sy" -ge 60 ] || fail "the labels fill only ${sx}% x ${sy}% of the picture"

# 3. A screenshot at the picture's size: a PNG of that size, not blank.
timeout 60 "$chrome" "${flags[@]}" --window-size="$w,$h" --screenshot="$tmp/t.png" \
  "file://$tmp/t.html" >/dev/null 2>"$tmp/shot.err" ||
  fail "chromium --screenshot failed: $(tail -5 "$tmp/shot.err")"
[ "$(head -c 8 "$tmp/t.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "the screenshot is not a PNG"
pw=$((16#$(od -An -tx1 -j16 -N4 "$tmp/t.png" | tr -d ' \n')))
ph=$((16#$(od -An -tx1 -j20 -N4 "$tmp/t.png" | tr -d ' \n')))
[ "$pw" -le 4000 ] && [ "$ph" -le 4000 ] || fail "the screenshot is ${pw} x ${ph} px"
size=$(wc -c <"$tmp/t.png")
[ "$size" -gt 100000 ] || fail "the screenshot is suspiciously small ($size bytes): blank?"
if [ -n "${KEEP_SCREENSHOT:-}" ]; then cp "$tmp/t.png" "$KEEP_SCREENSHOT"; fi
echo "ok: $events events, ${w} x ${h} px, $(field "$v" TEXTS) labels, none overlapping; screenshot ${pw} x ${ph}, $size bytes"
