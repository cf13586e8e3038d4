#!/usr/bin/env bash
# Data stays data (docs/reliability.md, "Data stays data"): escape sequences in
# file names never reach the terminal raw — not in the `filings` table, the
# ingest diagnostics or an error line — while JSON Lines keep the names
# exactly; a company named =HYPERLINK("http://x.test","Acme") is written
# with a leading ' in every CSV (events, entities, edges, the Neo4j files),
# and no CSV cell begins with = + - @ tab or CR unless it is a number.
# Usage: data_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"
# raw_controls TEXT: true when TEXT holds ESC, BEL, another C0 control but
# newline, tab and CR, DEL, or a UTF-8 C1 control (U+0080..U+009F).
raw_controls() {
  python3 -c '
import re, sys
t = sys.stdin.buffer.read()
sys.exit(0 if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", t) else 1)'
}

title=$'\e]0;pwned\a\e[2J'
csi=$'\xc2\x9b2J'
mkdir "$tmp/in"
cp "$data/filings/000_005fa54bed851147.txt" "$tmp/in/${title}x.txt"
cp "$data/filings/004_95bce008d3f773b5.txt" "$tmp/in/c1${csi}.txt"
printf '\x00\x01\x02 binary' >"$tmp/in/"$'\e[31m'"bad.txt"
formula='=HYPERLINK("http://x.test","Acme")'
python3 - "$data/filings/001_d2b176b1605cc666.txt" "$tmp/in/formula.txt" "$formula" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
cover = "ImmunoGen, Inc.\n\n(Exact name"
assert cover in text
open(sys.argv[2], "w", encoding="utf-8").write(text.replace(cover, sys.argv[3] + "\n\n(Exact name", 1))
EOF
db="$tmp/g.db"

# The diagnostic of the binary file: escaped, one line, the rest ingested.
run "ingest" 1 ingest --db "$db" "$tmp/in"
err_has "ingest" 'dealgraph: '"$tmp/in/"'\u001b[31mbad.txt: '
raw_controls <<<"$err" && fail "ingest's diagnostics hold raw control characters: $(cat -v <<<"$err")"
raw_controls <<<"$out" && fail "ingest's summary holds raw control characters"

run "filings" 0 filings --db "$db"
has "filings" '\u001b]0;pwned\u0007\u001b[2Jx.txt'
has "filings" 'c1\u009b2J.txt'
raw_controls <<<"$out" && fail "the filings table holds raw control characters: $(cat -v <<<"$out")"

# JSON Lines: the names exactly as they are.
run "filings --format jsonl" 0 filings --db "$db" --format jsonl
python3 -c '
import json, os, sys
names = {json.loads(line)["name"] for line in sys.stdin if line.strip()}
want = {n for n in os.listdir(sys.argv[1]) if "bad.txt" not in n}
sys.exit(0 if names == want else 1)' "$tmp/in" <<<"$out" || fail "filings --format jsonl does not give the file names exactly"

# An error line naming what the user typed.
run "remove an unknown name" 1 remove --db "$db" $'\e[2Jnope'
err_has "remove an unknown name" 'dealgraph: \u001b[2Jnope: '
raw_controls <<<"$err" && fail "remove's error holds raw control characters: $(cat -v <<<"$err")"
run "events table" 0 events --db "$db"
raw_controls <<<"$out" && fail "the events table holds raw control characters"
run "events jsonl" 0 events --db "$db" --format jsonl
has "events jsonl" '\u001b]0;pwned\u0007\u001b[2Jx.txt'

# Every CSV: the formula neutralised, no cell a spreadsheet would run.
mkdir "$tmp/csv"
for what in events entities edges; do
  "$bin" export "$what" --db "$db" --format csv >"$tmp/csv/$what.stdout.csv" || fail "export $what csv"
  run "export $what -o" 0 export "$what" --db "$db" -o "$tmp/csv/$what.csv"
  cmp -s "$tmp/csv/$what.csv" "$tmp/csv/$what.stdout.csv" || fail "export $what: -o and standard output differ"
done
run "export neo4j" 0 export neo4j --db "$db" -o "$tmp/csv/neo4j"
python3 - "$tmp/csv" "$formula" <<'EOF' || fail "a CSV cell would run as a formula"
import csv, glob, re, sys
root, formula = sys.argv[1], sys.argv[2]
number = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
bad, found = [], {}
for path in sorted(glob.glob(root + "/*.csv") + glob.glob(root + "/neo4j/*.csv")):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(cell):
                    bad.append((path, cell))
                if cell.startswith("'" + formula):
                    found[path.rsplit("/", 1)[1]] = True
for b in bad[:5]:
    print("FAIL: %s: cell %r" % b, file=sys.stderr)
want = {"events.csv", "entities.csv", "entity_nodes.csv"}
missing = want - set(found)
if missing:
    print("FAIL: the neutralised formula is not in %s" % sorted(missing), file=sys.stderr)
sys.exit(1 if bad or missing else 0)
EOF
# JSON Lines keep it as it is.
run "export entities jsonl" 0 export entities --db "$db" --format jsonl
has "export entities jsonl" '"name":"=HYPERLINK(\"http://x.test\",\"Acme\")"'

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "data stays data: all checks passed"
