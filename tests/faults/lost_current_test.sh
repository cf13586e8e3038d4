#!/usr/bin/env bash
# A store that lost CURRENT (or the MANIFEST it names) is never wiped
# (docs/reliability.md, "A store that lost CURRENT"): two ingests after the
# loss are refused with one line pointing at `dealgraph check --repair`,
# the folder's files untouched and no new CURRENT; reads and check refuse
# the same way; `check --repair` salvages it with RocksDB's RepairDB, and
# the store then holds exactly what it held (a canonical dump), checks
# clean, and takes ingests again.
# Usage: lost_current_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"
dump() {
  for what in filings events entities; do "$bin" $what --db "$1" --format jsonl; done | LC_ALL=C sort
}
# The store's files but LOCK and LOG, with their sizes.
files() { (cd "$1" && for f in *; do [ "$f" = LOCK ] || [ "$f" = LOG ] || echo "$f $(stat -c %s "$f")"; done); }

for lose in CURRENT MANIFEST; do
  db="$tmp/$lose.db"
  "$bin" ingest --db "$db" "$data/dev" >/dev/null 2>&1 || { echo "FAIL: ingest dev" >&2; exit 1; }
  dump "$db" >"$tmp/before.txt"
  filings=$(grep -c '"form"' "$tmp/before.txt")
  [ "$filings" -gt 5 ] || fail "$lose: the first ingest stored $filings filings"
  if [ "$lose" = CURRENT ]; then rm "$db/CURRENT"; else rm "$db"/MANIFEST-*; fi
  files "$db" >"$tmp/files.txt"
  for n in 1 2; do
    run "$lose lost, ingest $n" 1 ingest --db "$db" "$data/filings"
    err_has "$lose lost, ingest $n" "store $db does not open: its $lose"
    err_has "$lose lost, ingest $n" "run \`dealgraph check --repair --db $db\` to salvage it"
    [ "$(wc -l <<<"$err")" -eq 1 ] || fail "$lose lost, ingest $n: not one line: $err"
    files "$db" | cmp -s - "$tmp/files.txt" || fail "$lose lost, ingest $n changed the store's files: $(files "$db" | tr '\n' ' ')"
  done
  [ "$lose" = MANIFEST ] || [ ! -e "$db/CURRENT" ] || fail "$lose lost: an ingest made a new CURRENT"
  for cmd in filings check "remove 0000950135-06-000123"; do
    run "$lose lost, $cmd" 1 $cmd --db "$db"
    err_has "$lose lost, $cmd" "dealgraph check --repair"
  done
  run "$lose lost, check --repair" 0 check --repair --db "$db"
  has "$lose lost, check --repair" "salvaged store $db (its $lose"
  has "$lose lost, check --repair" ": clean"
  dump "$db" | cmp -s - "$tmp/before.txt" ||
    fail "$lose lost: after check --repair the store holds $(dump "$db" | grep -c '"form"') filings and differs (had $filings)"
  run "$lose lost, check after salvage" 0 check --db "$db"
  run "$lose lost, ingest after salvage" 0 ingest --db "$db" "$data/dev"
  has "$lose lost, ingest after salvage" "store $db: $filings filings"
done

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "lost CURRENT or MANIFEST: all checks passed"
