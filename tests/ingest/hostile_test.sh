#!/usr/bin/env bash
# Hostile input: scripts/hostile-corpus.py writes broken, oversized, binary,
# deeply nested and adversarial filings with what ingest must do with each
# (MANIFEST.tsv). Ingest takes the whole folder with two workers and must:
#   - not crash or hang (exit 1 because some files fail, never a signal),
#   - report every refused file exactly once, with the reason the manifest names,
#   - store every file the manifest says is fine,
#   - keep every output format parseable with the hostile names in the store.
# Usage: hostile_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
repo=$(cd "$data/.." && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 60 MB for the oversized submission keeps the test quick; the generator's
# default (200 MB) is what docs/input-formats.md reports.
"$repo/scripts/hostile-corpus.py" "$data" "$tmp/corpus" --seed 7 --big-mb 60 --variants 40 >/dev/null ||
  fail "the generator failed"

timeout 120 "$bin" ingest --db "$tmp/g.db" --jobs 2 --json "$tmp/corpus" >"$tmp/summary.json" 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 1 ] || fail "ingest exited $rc (want 1: some files refused, no crash or hang)"

python3 - "$tmp/corpus" "$tmp/err.txt" "$tmp/summary.json" <<'EOF' || exit 1
import json, os, sys
corpus, errfile, summary = sys.argv[1:]
err = open(errfile, encoding="utf-8", errors="strict").read().splitlines()
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "MANIFEST.tsv"))][1:]
bad = []
for line in err:
    if not line.startswith("dealgraph: "):
        bad.append("stderr line that is not a diagnostic: %r" % line[:200])
for name, expect, note in rows:
    if expect == "skip":
        continue
    path = os.path.join(corpus, name)
    lines = [l for l in err if l.startswith("dealgraph: %s: " % path)]
    if len(lines) > 1:
        bad.append("%s (%s): reported %d times" % (name, note, len(lines)))
    if expect.startswith("refuse:"):
        want = expect[len("refuse:"):]
        if not lines:
            bad.append("%s (%s): was not refused" % (name, note))
        elif want not in lines[0]:
            bad.append("%s (%s): refused with %r, want %r" % (name, note, lines[0], want))
    elif expect == "ok" and lines:
        bad.append("%s (%s): refused: %s" % (name, note, lines[0]))
s = json.loads(open(summary).read())
if s.get("failed", 0) + s.get("skipped", 0) != sum(1 for l in err if l.startswith("dealgraph: ")):
    bad.append("summary says %s failed and %s skipped, stderr has %d diagnostics" % (s.get("failed"), s.get("skipped"), len(err)))
if bad:
    print("FAIL:\n  " + "\n  ".join(bad), file=sys.stderr)
    sys.exit(1)
print("hostile corpus: %d cases, %d refused once each, %d filings stored" % (len(rows), len(err), s.get("filings_added", -1)))
EOF

# A truncated or unreadable filing left nothing behind.
"$bin" filings --db "$tmp/g.db" --format jsonl >"$tmp/filings.jsonl" || fail "filings"
grep -q '"name":"truncated_in_document.txt"' "$tmp/filings.jsonl" && fail "a truncated filing was stored"
grep -q '"name":"big_submission.txt"' "$tmp/filings.jsonl" || fail "the oversized submission was not stored"
grep -q '"amends":"0001111111-23-000010"' "$tmp/filings.jsonl" || fail "the 8-K/A is not linked to its 8-K"

# Every output format survives the hostile names and amounts.
"$bin" events --db "$tmp/g.db" --format jsonl >"$tmp/events.jsonl" || fail "events"
"$bin" entities --db "$tmp/g.db" --format jsonl >"$tmp/entities.jsonl" || fail "entities"
"$bin" export graphml --db "$tmp/g.db" -o "$tmp/g.graphml" || fail "export graphml"
"$bin" export events --db "$tmp/g.db" --format csv -o "$tmp/events.csv" || fail "export events csv"
"$bin" export partners --db "$tmp/g.db" --format dot -o "$tmp/partners.dot" || fail "export partners dot"
"$bin" export timeline --db "$tmp/g.db" --format svg -o "$tmp/timeline.svg" || fail "export timeline svg"
python3 - "$tmp" <<'EOF' || exit 1
import csv, json, sys, xml.dom.minidom
t = sys.argv[1]
names = []
for f in ("events.jsonl", "entities.jsonl"):
    for line in open("%s/%s" % (t, f), encoding="utf-8"):
        o = json.loads(line)
        if f == "entities.jsonl":
            names.append(o["name"])
for f in ("g.graphml", "timeline.svg"):
    xml.dom.minidom.parse("%s/%s" % (t, f))
rows = list(csv.reader(open("%s/events.csv" % t, encoding="utf-8", newline="")))
assert rows and all(len(r) == len(rows[0]) for r in rows), "ragged CSV"
hostile = [n for n in names if "<" in n or '"' in n or "\\" in n]
print("outputs parse; %d entities, %d with markup or quotes in their names" % (len(names), len(hostile)))
EOF
[ "$(grep -c . "$tmp/partners.dot")" -gt 0 ] || fail "empty DOT"
echo "ok"
