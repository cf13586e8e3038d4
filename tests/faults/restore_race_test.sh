#!/usr/bin/env bash
# Restore holds the writer's lock (docs/reliability.md, "Backups"): an
# ingest started 0-30 ms after `restore --force`, over many tries, is
# either refused cleanly as a second writer (one line naming the restore)
# or runs after it; the restore either succeeds or is refused the same way
# when the ingest got there first; after every try the store checks clean
# and holds the backup's filings (plus the ingest's, when it ran after), no
# restore folder is left beside it; and a restore that fails (a backup
# folder with no backup) leaves the store as it was.
# Usage: restore_race_test.sh DEALGRAPH_BINARY DATA_DIR [TRIES]
set -uo pipefail
bin=$1
data=$2
tries=${3:-40}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"
count() { "$bin" filings --db "$1" --format jsonl 2>/dev/null | wc -l; }

db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/dev" >/dev/null 2>&1 || { echo "FAIL: ingest dev" >&2; exit 1; }
"$bin" backup --db "$db" "$tmp/bk" >/dev/null || { echo "FAIL: backup" >&2; exit 1; }
backed=$(count "$db")
"$bin" ingest --db "$db" "$data/filings" >/dev/null 2>&1 || { echo "FAIL: ingest filings" >&2; exit 1; }
both=$(count "$db")
[ "$both" -gt "$backed" ] || { echo "FAIL: the seeds add nothing to dev ($backed, $both)" >&2; exit 1; }

refused_ingests=0
refused_restores=0
for i in $(seq "$tries"); do
  "$bin" restore --force --db "$db" "$tmp/bk" >"$tmp/restore.out" 2>"$tmp/restore.err" &
  restore=$!
  sleep "$(printf '0.%03d' $((RANDOM % 31)))"
  "$bin" ingest --db "$db" "$data/filings" >"$tmp/ingest.out" 2>"$tmp/ingest.err"
  irc=$?
  wait "$restore"
  rrc=$?
  if [ "$irc" -ne 0 ]; then
    refused_ingests=$((refused_ingests + 1))
    # The holder names itself right after it takes the lock; an ingest that
    # comes in between gets the plain second-writer line, just as clean.
    grep -q "is being written by process [0-9]* ([^)]*restore\|is being written by another process" "$tmp/ingest.err" ||
      fail "try $i: the ingest exited $irc: $(cat "$tmp/ingest.err")"
    [ "$(wc -l <"$tmp/ingest.err")" -eq 1 ] || fail "try $i: the refused ingest said more than one line"
  fi
  if [ "$rrc" -ne 0 ]; then
    refused_restores=$((refused_restores + 1))
    grep -q "is being written by process [0-9]* ([^)]*ingest\|is being written by another process" "$tmp/restore.err" ||
      fail "try $i: the restore exited $rrc: $(cat "$tmp/restore.err")"
  fi
  "$bin" check --db "$db" >"$tmp/check.out" 2>&1 || fail "try $i: check after the race: $(tail -3 "$tmp/check.out")"
  n=$(count "$db")
  [ "$n" -eq "$backed" ] || [ "$n" -eq "$both" ] || fail "try $i: the store holds $n filings (want $backed or $both)"
  left=$(ls -A "$tmp" | grep -F "g.db.restore")
  [ -z "$left" ] || fail "try $i: left $left"
  [ "$failures" -eq 0 ] || break
done
echo "$tries tries: $refused_ingests ingests refused while a restore ran, $refused_restores restores refused while an ingest ran"

# A restore that fails leaves the store as it was.
mkdir "$tmp/empty"
"$bin" filings --db "$db" --format jsonl >"$tmp/before.txt"
run "restore from a folder with no backup" 1 restore --force --db "$db" "$tmp/empty"
err_has "restore from a folder with no backup" "cannot open backup folder $tmp/empty"
"$bin" filings --db "$db" --format jsonl | cmp -s - "$tmp/before.txt" || fail "a failed restore changed the store"
"$bin" check --db "$db" >/dev/null || fail "check after a failed restore"

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "restore racing an ingest: all checks passed"
