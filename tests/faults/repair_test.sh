#!/usr/bin/env bash
# Repair never drops a fact silently (docs/reliability.md, "dealgraph
# check"): with half the entity records deleted from outside, `check`
# finds them missing; `check --repair --dry-run` says what it would
# rebuild and changes no byte of the store; `check --repair` refolds every
# one from the stored filings, counts what it kept, rebuilt and set aside,
# and afterwards no filing, entity, agreement or event is lost (ids before
# and after). (Before this change repair deleted the sources of the
# entities it did not refold, and with them the entities: 217 became 173.)
# Usage: repair_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
edit="$(dirname "$bin")/store_edit"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"
[ -x "$edit" ] || { echo "FAIL: no store_edit beside $bin" >&2; exit 1; }

db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" "$data/dev" "$data/real" >/dev/null 2>&1 || { echo "FAIL: ingest" >&2; exit 1; }
# ids DB WHAT [--type T]: the sorted ids of a listing.
ids() {
  local db=$1 what=$2
  shift 2
  "$bin" "$what" --db "$db" --format jsonl "$@" | python3 -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["id"])' | LC_ALL=C sort
}
snapshot() {
  ids "$1" filings >"$2.filings"
  ids "$1" entities >"$2.entities"
  ids "$1" entities --type agreement >"$2.agreements"
  ids "$1" events >"$2.events"
}
snapshot "$db" "$tmp/before"
entities=$(wc -l <"$tmp/before.entities")
agreements=$(wc -l <"$tmp/before.agreements")
events=$(wc -l <"$tmp/before.events")
filings=$(wc -l <"$tmp/before.filings")
[ "$agreements" -gt 20 ] || fail "the corpus has only $agreements agreements"
drop=$((entities / 2))
"$edit" drop "$db" e "$drop" >/dev/null || fail "store_edit drop"

run "check after the loss" 1 check --db "$db"
has "check after the loss" "missing-entity"
has "check after the loss" "$filings filings, $((entities - drop)) entities, $events events"

# --dry-run: what it would do, and not one byte written.
files() { (cd "$1" && for f in *; do [ "$f" = LOG ] || echo "$f $(md5sum <"$f")"; done); }
files "$db" >"$tmp/files.before"
run "repair --dry-run" 1 check --repair --dry-run --db "$db"
has "repair --dry-run" "repair --dry-run (nothing written): would rebuild $drop entities and 0 events"
has "repair --dry-run" "would set aside 0 records (z/); would keep $filings filings, $((entities - drop)) entities, $events events"
has "repair --dry-run" "the store would hold $filings filings, $entities entities, $events events"
files "$db" | cmp -s - "$tmp/files.before" || fail "repair --dry-run changed the store's files"
run "check after the dry run" 1 check --db "$db"
has "check after the dry run" "$((entities - drop)) entities"

run "repair" 0 check --repair --db "$db"
has "repair" "repair: rebuilt $drop entities and 0 events (with their index entries) from the stored filings"
has "repair" "set aside 0 records (z/); kept $filings filings, $((entities - drop)) entities, $events events"
has "repair" "the store holds $filings filings, $entities entities, $events events"
has "repair" ": clean"
snapshot "$db" "$tmp/after"
for what in filings entities agreements events; do
  cmp -s "$tmp/before.$what" "$tmp/after.$what" ||
    fail "repair lost $what: $(wc -l <"$tmp/before.$what") before, $(wc -l <"$tmp/after.$what") after"
done
run "check after the repair" 0 check --db "$db"
run "repair again" 0 check --repair --db "$db"
lacks "repair again" "repair: rebuilt"

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "repair keeps every fact: all checks passed"
