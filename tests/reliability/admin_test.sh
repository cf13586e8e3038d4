#!/usr/bin/env bash
# The store upkeep commands end to end: check (exit 0 clean, table and
# JSON Lines, --sizes), compact, check of a missing store, backup and restore round trip
# compared by a canonical dump, restore refusing a non-empty store without
# --force, and --db after each subcommand.
# Usage: admin_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
dump() {
  for what in filings events entities; do "$bin" $what --db "$1" --format jsonl; done | LC_ALL=C sort
}

db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" >/dev/null || fail "ingest"

out=$("$bin" check --db "$db") || fail "check of a fresh store exited $?"
echo "$out" | grep -q "format version 5, 4 filings.*: clean$" || fail "check summary: $out"
[ -z "$("$bin" check --db "$db" --format jsonl 2>/dev/null)" ] || fail "check --format jsonl printed problems for a clean store"
"$bin" check --repair --db "$db" >/dev/null || fail "check --repair of a clean store"

# Where the bytes go: one row per key family, keys counted as check counts them.
sizes=$("$bin" check --sizes --db "$db") || fail "check --sizes exited $?"
keys=$(echo "$out" | sed -n 's/.*; \([0-9]*\) keys checked.*/\1/p')
sum=$(echo "$sizes" | awk '$1 ~ /^(-|[A-Za-z]\/)$/ {n += $(NF-3)} END {print n}')
[ "$sum" = "$keys" ] || fail "check --sizes rows add up to $sum keys, check counted $keys: $sizes"
echo "$sizes" | grep -q "^v/ *events " || fail "check --sizes has no events row: $sizes"
echo "$sizes" | grep -q "on disk [0-9]* bytes ([0-9]* per event)" || fail "check --sizes gives no size on disk: $sizes"

# Compaction keeps every fact and the invariants.
before=$(dump "$db")
"$bin" compact --db "$db" >"$tmp/compact.txt" || fail "compact exited $?"
grep -q "^compacted store .* -> .* in " "$tmp/compact.txt" || fail "compact said: $(cat "$tmp/compact.txt")"
[ "$(dump "$db")" = "$before" ] || fail "compact changed what the store holds"
"$bin" check --db "$db" >/dev/null || fail "check after compact"

"$bin" check --db "$tmp/none.db" >/dev/null 2>"$tmp/err.txt" && fail "check of a missing store succeeded"
grep -q "no store at" "$tmp/err.txt" || fail "check of a missing store: $(cat "$tmp/err.txt")"
[ ! -e "$tmp/none.db" ] || fail "check created a store"
"$bin" check --repair --db "$tmp/none.db" >/dev/null 2>&1 && fail "check --repair of a missing store succeeded"
[ ! -e "$tmp/none.db" ] || fail "check --repair created a store"

"$bin" backup --db "$db" "$tmp/bk" >"$tmp/b1.txt" || fail "backup 1"
grep -q "^backup 1 of store $db in $tmp/bk: [0-9]* files" "$tmp/b1.txt" || fail "backup says: $(cat "$tmp/b1.txt")"
dump "$db" >"$tmp/at_backup.txt"
"$bin" ingest --db "$db" "$data/dev" >/dev/null || fail "ingest dev"
"$bin" backup --db "$db" "$tmp/bk" | grep -q "^backup 2 " || fail "backup 2"
dump "$db" >"$tmp/at_backup2.txt"

"$bin" restore --db "$tmp/copy.db" "$tmp/bk" >/dev/null || fail "restore to a new path"
dump "$tmp/copy.db" | cmp -s - "$tmp/at_backup2.txt" || fail "the restored store differs from the backed-up one"
"$bin" check --db "$tmp/copy.db" >/dev/null || fail "check of the restored store"

"$bin" remove --db "$db" "$(head -c 20 <<<"$("$bin" filings --db "$db" --format jsonl | head -1 | sed 's/.*"id":"\([^"]*\)".*/\1/')")" >/dev/null ||
  fail "remove"
"$bin" restore --db "$db" "$tmp/bk" >/dev/null 2>"$tmp/err.txt" && fail "restore over a non-empty store without --force"
grep -q -- "--force" "$tmp/err.txt" || fail "restore refusal: $(cat "$tmp/err.txt")"
"$bin" restore --db "$db" "$tmp/bk" --force >/dev/null || fail "restore --force"
dump "$db" | cmp -s - "$tmp/at_backup2.txt" || fail "restore --force did not bring back the backup"

"$bin" restore --db "$tmp/x.db" "$tmp/nothing" >/dev/null 2>"$tmp/err.txt" && fail "restore from a missing folder"
grep -q "no backup folder" "$tmp/err.txt" || fail "restore from a missing folder: $(cat "$tmp/err.txt")"
echo "admin commands: check, backup (2 backups), restore (new path, refused, forced) all as documented"
