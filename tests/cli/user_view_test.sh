#!/usr/bin/env bash
# What a user sees on a folder of filings (issue 23): a folder that holds the
# store is ingested without the store; money adds up once and in the
# direction asked; a table fits the terminal; an export writes the format its
# name says or refuses; dates and arguments are checked.
# Usage: user_view_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/checks.sh"

# --- ingest . in a folder that holds the default store
mkdir "$tmp/folder"
cp "$data"/filings/* "$tmp/folder/"
cd "$tmp/folder" || exit 1
run "first ingest ." 0 ingest .
run "second ingest ." 0 ingest .
err_has "second ingest ." "dealgraph.db: skipped, a RocksDB store (not filings)"
has "second ingest ." "(4 unchanged, 1 skipped, 0 failed)"
run "filings" 0 filings
[ "$(grep -c . <<<"$out")" -eq 5 ] || fail "filings: want the 4 filings and a header, got: $out"
lacks "filings" "CURRENT"
# ... by their registrant's name, not its id.
has "filings" "ImmunoGen"
lacks "filings" "org:immunogen"
run "entities" 0 entities --format jsonl
lacks "entities" "CRC32"

# --- money: paid once, in the direction asked
run "partners by money" 0 partners Genentech --by money
has "partners by money" "\$5,000,000"
run "ask paid, the wrong way" 1 ask "what did ImmunoGen pay Genentech"
has "ask paid, the wrong way" "No payment from ImmunoGen to Genentech"
lacks "ask paid, the wrong way" "Total:"
run "ask paid" 0 ask "what did Genentech pay ImmunoGen"
has "ask paid" "Total: \$5,000,000 in 3 payments."
# A per-share price is never in a total (Biogen's $172.50 a share for Reata).
"$bin" ingest --db "$tmp/dev.db" "$data/dev" >/dev/null 2>&1
run "per share" 0 partners --db "$tmp/dev.db" Biogen --by money
lacks "per share" "172"
run "per share csv" 0 events --db "$tmp/dev.db" --party Reata --format csv
has "per share csv" "172.5,USD,per_share"

# Money says what it is: Zurn's "$14 to $16 million" charge is one range,
# SanDisk's underwriting agreement a cap, its consulting fee a rate.
"$bin" ingest --db "$tmp/real.db" "$data/real" >/dev/null 2>&1
run "range" 0 events --db "$tmp/real.db" --party Zurn --type restructuring --format csv
has "range" "14000000,USD,total,16000000"
run "range table" 0 events --db "$tmp/real.db" --party Zurn --type restructuring --wide
has "range table" "\$14,000,000–\$16,000,000"
run "cap and rate" 0 events --db "$tmp/real.db" --party SanDisk --format jsonl
has "cap and rate" '"value":1150000000,"currency":"USD","kind":"up_to"'
has "cap and rate" '"value":50000,"currency":"USD","kind":"per_unit","unit":"year"'

# --- underwriters and agents serve a deal; they are no partners
run "underwriters" 0 events --db "$tmp/real.db" --party "Estée Lauder" --type agreement.entered --format jsonl
has "underwriters" '{"name":"Citigroup Global Markets","role":"underwriter"'
run "partners without underwriters" 0 partners --db "$tmp/real.db" "Estée Lauder"
lacks "partners without underwriters" "Citigroup"
lacks "partners without underwriters" "J.P. Morgan"
run "history keeps them" 0 history --db "$tmp/real.db" "Estée Lauder" "Citigroup Global Markets"
has "history keeps them" "agreement.entered"
run "partner diagram without underwriters" 0 export partners --db "$tmp/real.db" --entity "Walt Disney" -o "$tmp/disney.dot"
python3 - "$tmp/disney.dot" <<'PY' || fail "partner diagram: an underwriter is drawn as Disney's partner"
import re, sys
dot = open(sys.argv[1]).read()
labels = set(re.findall(r'label="([^"]*)"', dot))
for firm in ("Deutsche Bank Securities", "J.P. Morgan Securities", "Merrill Lynch", "RBS Securities"):
    assert not any(firm in l for l in labels), firm
assert any("Twenty-First Century Fox" in l for l in labels), "21CF missing"
PY

# --- tables fit the terminal
export COLUMNS=80
run "events at 80 columns" 0 events
python3 -c '
import sys
wide = [l for l in sys.stdin.read().split("\n") if len(l) > 80]
assert not wide, "%d lines wider than 80 characters: %r" % (len(wide), wide[:1])
' <<<"$out" || fail "events at 80 columns: a line is wider than 80"
has "events at 80 columns" "…"
run "events --wide" 0 events --wide
has "events --wide" "technology access agreement"
lacks "events --wide" "…"
unset COLUMNS

# --- exports: the format the name says, or a refusal
run "-o t.jpg" 2 export timeline -o "$tmp/t.jpg"
err_has "-o t.jpg" "'.jpg' is no format it writes (svg, dot, png, pdf)"
[ -e "$tmp/t.jpg" ] && fail "-o t.jpg: a file was written"
run "--format svg -o t.png" 2 export timeline --format svg -o "$tmp/t.png"
err_has "--format svg -o t.png" "--format svg but -o $tmp/t.png names .png"
run "-o ev.xlsx" 2 export events -o "$tmp/ev.xlsx"
err_has "-o ev.xlsx" "(jsonl, csv)"
run "partners --lanes" 2 export partners --lanes type -o "$tmp/p.svg"
err_has "partners --lanes" "--lanes is for the timeline only"
run "export entities" 0 export entities -o "$tmp/e.csv"
err_has "export entities" "entities)"
run "edges csv" 0 export edges -o "$tmp/ed.csv"
run "edges jsonl" 0 export edges -o "$tmp/ed.jsonl"
[ "$(($(grep -c . "$tmp/ed.csv") - 1))" -eq "$(grep -c . "$tmp/ed.jsonl")" ] \
  || fail "edges: CSV rows and JSON lines differ ($(grep -c . "$tmp/ed.csv") with header, $(grep -c . "$tmp/ed.jsonl"))"

# --- dates and arguments
run "month 13" 2 events --from 2005-13
err_has "month 13" "--from '2005-13' is not a date"
run "from after to" 2 events --from 2006-01-01 --to 2005
err_has "from after to" "is after --to '2005'"
run "history without arguments" 2 history
err_has "history without arguments" "Usage: dealgraph history [OPTIONS] A [B]"

# --- a timeline of about a thousand generated events fits a screen or two
gen="$(dirname "$bin")/dealgraph-gen"
if [ -x "$gen" ]; then
  "$gen" --count 600 --seed 3 --out "$tmp/g600" >/dev/null 2>&1
  "$bin" ingest --db "$tmp/g600.db" "$tmp/g600" >/dev/null 2>&1
  run "timeline of ~1000 events" 0 export timeline --db "$tmp/g600.db" -o "$tmp/t.svg"
  python3 - "$tmp/t.svg" <<'PY' || fail "timeline of ~1000 events: too big, or no counted marks"
import re, sys
svg = open(sys.argv[1], encoding="utf-8").read()
w, h = (float(v) for v in re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg).groups())
assert w * 4 / 3 <= 4000 and h * 4 / 3 <= 4000, (w, h)
assert re.search(r">\d+ (\u00d7 [^<]+|events)<", svg), "no counted mark"
PY
  err_has "timeline of ~1000 events" "events)"
else
  fail "dealgraph-gen is not built next to $bin"
fi

# --- a file name two stored filings share names neither
mkdir -p "$tmp/amb/a" "$tmp/amb/b"
cp "$data/filings/000_005fa54bed851147.txt" "$tmp/amb/a/x.txt"
cp "$data/filings/001_d2b176b1605cc666.txt" "$tmp/amb/b/x.txt"
"$bin" ingest --db "$tmp/amb.db" "$tmp/amb/a" "$tmp/amb/b" >/dev/null 2>&1
run "remove an ambiguous name" 1 remove --db "$tmp/amb.db" x.txt
err_has "remove an ambiguous name" "x.txt: 2 stored filings have this name; give one id: sha:"
run "both still stored" 0 filings --db "$tmp/amb.db"
[ "$(grep -c "x.txt" <<<"$out")" -eq 2 ] || fail "remove an ambiguous name: a filing was removed"

[ "$failures" -eq 0 ] && echo "ok"
exit $((failures > 0))
