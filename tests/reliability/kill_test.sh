#!/usr/bin/env bash
# Crash safety: ingest is killed with SIGKILL at random moments, at least
# $KILLS times (default 50) over a corpus of a few hundred distinct filings
# (make_corpus.py: copies of the bundled ones with their own ids). After
# every kill the store must open and `dealgraph check` must find it clean
# (no half-stored filing: indexes, counts, touch records and sources agree);
# the ingest is then run again and carries on. Each round starts from an
# empty store and ends when an ingest finishes; its store must then equal,
# by a canonical dump, the store of an uninterrupted run (no filing lost or
# duplicated, no fact merged differently).
# Usage: kill_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
kills_wanted=${KILLS:-50}
copies=${COPIES:-19}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
start=$(date +%s.%N)

"$here/make_corpus.py" "$data" "$tmp/corpus" "$copies" >/dev/null || fail "the corpus generator failed"
nfiles=$(ls "$tmp/corpus" | wc -l)

dump() {  # the store's content, independent of listing order
  local db=$1 out=$2
  {
    "$bin" filings --db "$db" --format jsonl || echo "filings failed"
    "$bin" events --db "$db" --format jsonl || echo "events failed"
    "$bin" entities --db "$db" --format jsonl || echo "entities failed"
    "$bin" export edges --db "$db" --format jsonl || echo "edges failed"
  } 2>&1 | LC_ALL=C sort >"$out"
}

"$bin" ingest --db "$tmp/clean.db" --jobs 2 "$tmp/corpus" >/dev/null || fail "the uninterrupted ingest failed"
dump "$tmp/clean.db" "$tmp/clean.txt"
[ "$(grep -c '"registrant"' "$tmp/clean.txt")" -eq "$nfiles" ] || fail "the uninterrupted run did not store $nfiles filings"

kills=0
rounds=0
runs=0
# Ingest runs are killed after 10..700 ms: early in a round that lands in
# extraction and writes; later, part of each run re-reads stored filings.
while [ "$kills" -lt "$kills_wanted" ]; do
  rounds=$((rounds + 1))
  db="$tmp/round$rounds.db"
  last_count=0
  while :; do
    runs=$((runs + 1))
    if [ "$kills" -ge "$kills_wanted" ]; then
      # Enough kills: this round's last run goes to the end.
      "$bin" ingest --db "$db" --jobs 2 "$tmp/corpus" >/dev/null 2>"$tmp/ingest.err" ||
        { cat "$tmp/ingest.err" >&2; fail "the ingest finishing round $rounds failed"; }
      break
    fi
    "$bin" ingest --db "$db" --jobs 2 "$tmp/corpus" >/dev/null 2>"$tmp/ingest.err" &
    pid=$!
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", 0.01 + (r % 690) / 1000 }')"
    if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      kills=$((kills + 1))
      # Killed before RocksDB made the database: nothing to check yet.
      if [ ! -e "$db/CURRENT" ]; then
        [ "$last_count" -eq 0 ] || fail "after kill $kills the store of $last_count filings is gone"
        continue
      fi
      # Reopen: read-only check, then a writable open (WAL replay) by check --repair
      # must find nothing to repair either.
      "$bin" check --db "$db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check after kill $kills found problems"; }
      count=$("$bin" filings --db "$db" --format jsonl 2>/dev/null | wc -l)
      [ "$count" -ge "$last_count" ] || fail "after kill $kills the store holds $count filings, before it held $last_count"
      last_count=$count
      if [ $((kills % 10)) -eq 0 ]; then
        "$bin" check --repair --db "$db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check --repair after kill $kills"; }
        grep -q "^repaired" "$tmp/check.txt" && { cat "$tmp/check.txt" >&2; fail "check --repair found something to repair after kill $kills"; }
      fi
    else
      wait "$pid"
      rc=$?
      [ "$rc" -eq 0 ] || { cat "$tmp/ingest.err" >&2; fail "ingest exited $rc in round $rounds"; }
      break
    fi
  done
  "$bin" check --db "$db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check after round $rounds"; }
  dump "$db" "$tmp/round.txt"
  cmp -s "$tmp/clean.txt" "$tmp/round.txt" || {
    diff "$tmp/clean.txt" "$tmp/round.txt" | head -20 >&2
    fail "round $rounds: the store differs from an uninterrupted run's"
  }
  rm -rf "$db"
done
secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "kill test: $kills SIGKILLs over $rounds rounds ($runs ingest runs) of $nfiles filings in ${secs}s; every store checked clean and equal to an uninterrupted run"
