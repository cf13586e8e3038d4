#!/usr/bin/env bash
# Questions as data: every row of tests/cli/questions.tsv is asked of a store
# of its corpus (data/filings, data/dev, data/dev2, each ingested once), and
# must exit as the row says with every string it names in the answer (stdout
# and stderr), and none of the strings marked "!".
# Usage: questions_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for c in filings dev dev2; do
  "$bin" ingest --db "$tmp/$c.db" "$data/$c" >/dev/null 2>"$tmp/$c.err" || { echo "FAIL: ingest $c: $(tail -3 "$tmp/$c.err")" >&2; exit 1; }
done
python3 - "$bin" "$tmp" "$here/questions.tsv" <<'PY'
import subprocess, sys
binary, tmp, table = sys.argv[1:]
bad, n = [], 0
for line in open(table, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    corpus, code, question, want = line.split("\t")
    n += 1
    r = subprocess.run([binary, "ask", "--db", "%s/%s.db" % (tmp, corpus), question], capture_output=True, text=True)
    out = (r.stdout + r.stderr).lower()
    if r.returncode != int(code):
        bad.append("%r: exit %d, want %s" % (question, r.returncode, code))
    for w in want.split(" | "):
        w = w.strip()
        if w.startswith("!"):
            if w[1:].lower() in out:
                bad.append("%r: the answer holds %r" % (question, w[1:]))
        elif w.lower() not in out:
            bad.append("%r: the answer lacks %r" % (question, w))
# For machines: the same answers as JSON Lines, one event a line.
import json
r = subprocess.run([binary, "ask", "--db", tmp + "/dev2.db", "--format", "jsonl", "who became CEO of Stockwalk Group"],
                   capture_output=True, text=True)
try:
    events = [json.loads(l) for l in r.stdout.splitlines()]
except ValueError as e:
    events = []
    bad.append("--format jsonl: not JSON Lines: %s" % e)
if r.returncode != 0 or not any(p["name"] == "David B. Johnson" for e in events for p in e["parties"]):
    bad.append("--format jsonl: want the event naming David B. Johnson, got %r" % r.stdout[:300])
if bad:
    print("FAIL:\n  " + "\n  ".join(bad), file=sys.stderr)
    sys.exit(1)
print("ok: %d questions answered as the table says" % n)
PY
