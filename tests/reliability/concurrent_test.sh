#!/usr/bin/env bash
# Concurrent use: while one ingest writes the store, every read command
# opens it read-only and succeeds, and what it sees is a state between two
# whole filings (`check` on that read-only open finds every invariant
# holding, and the filing count never goes down); a second writer is told
# which process writes the store, in one line, and gives up at once.
# Usage: concurrent_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'kill "$writer" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$here/make_corpus.py" "$data" "$tmp/corpus" 120 >/dev/null || fail "the corpus generator failed"
db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" >/dev/null || fail "the first ingest failed"

"$bin" ingest --db "$db" --jobs 1 "$tmp/corpus" >/dev/null 2>"$tmp/writer.err" &
writer=$!
# Until the writer holds the store (it names itself in dealgraph.writer): a
# fixed sleep let the second writer open first on a loaded machine.
for _ in $(seq 200); do
  [ "$(head -n 1 "$db/dealgraph.writer" 2>/dev/null)" = "$writer" ] && break
  kill -0 "$writer" 2>/dev/null || break
  sleep 0.05
done

# A second writer: Busy, naming the first by pid.
"$bin" ingest --db "$db" "$data/dev" >/dev/null 2>"$tmp/second.err"
rc=$?
if kill -0 "$writer" 2>/dev/null; then
  [ "$rc" -eq 1 ] || fail "a second writer exited $rc (want 1)"
  grep -q "is being written by process $writer (dealgraph ingest)" "$tmp/second.err" ||
    { cat "$tmp/second.err" >&2; fail "the second writer was not told which process writes"; }
  [ "$(wc -l <"$tmp/second.err")" -eq 1 ] || fail "the second writer's message is not one line"
  echo "second writer: $(cat "$tmp/second.err")"
fi

reads=0
last=0
while kill -0 "$writer" 2>/dev/null; do
  "$bin" check --db "$db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check during the ingest"; }
  n=$("$bin" filings --db "$db" --format jsonl 2>"$tmp/r.err") || { cat "$tmp/r.err" >&2; fail "filings during the ingest"; }
  n=$(printf '%s' "$n" | grep -c .)
  [ "$n" -ge "$last" ] || fail "a later reader saw fewer filings ($last -> $n)"
  last=$n
  reads=$((reads + 1))
  [ $((reads % 4)) -eq 1 ] || continue  # the other read commands, every fourth round
  for cmd in "events --format jsonl" "entities --format jsonl" "history ImmunoGen" "agreements --party ImmunoGen" \
             "partners ImmunoGen" "export edges --format jsonl" "ask which agreements did ImmunoGen renew?"; do
    # shellcheck disable=SC2086
    "$bin" $cmd --db "$db" >/dev/null 2>"$tmp/r.err"
    rc=$?
    [ "$rc" -le 1 ] || { cat "$tmp/r.err" >&2; fail "$cmd during the ingest exited $rc"; }
    grep -q "being written\|IO error\|LOCK" "$tmp/r.err" && { cat "$tmp/r.err" >&2; fail "$cmd during the ingest"; }
  done
done
wait "$writer" || { cat "$tmp/writer.err" >&2; fail "the ingest failed"; }
[ "$reads" -gt 0 ] || fail "the ingest ended before any read ran"
"$bin" check --db "$db" >/dev/null || fail "check after the ingest"
echo "concurrent test: $reads rounds of read commands during one ingest, each a clean whole-filing snapshot (last saw $last filings)"
