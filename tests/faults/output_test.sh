#!/usr/bin/env bash
# `-o PATH` respects what is at PATH (docs/reliability.md, "Output files"):
# a link to /dev/full fails with the system's reason and stays a link; a
# FIFO is written in place (its reader gets the export, it stays a FIFO); a
# link to a file writes the file and stays a link; a link to
# /proc/self/fd/1 writes standard output; a missing folder and a folder
# fail naming the path and the reason; a write that fails (a file-size
# limit) leaves the previous file as it was and no temporary file. For
# export (tables and pictures), report and the Neo4j folder.
# Usage: output_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"
# No temporary file beside the outputs.
no_tmp() { local left; left=$(ls -A "$tmp/o" | grep -F .tmp); [ -z "$left" ] || fail "$1: left $left"; }

db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" >/dev/null 2>&1 || { echo "FAIL: ingest" >&2; exit 1; }
mkdir "$tmp/o"
"$bin" export events --db "$db" --format csv >"$tmp/events.csv" || fail "export events to standard output"
[ -s "$tmp/events.csv" ] || fail "export events wrote nothing"

# A link to /dev/full: the disk is full, said so, exit 1, the link stays.
for cmd in "export events --format csv" "export timeline --format dot" "report"; do
  ln -sf /dev/full "$tmp/o/full"
  run "$cmd -o link to /dev/full" 1 $cmd --db "$db" -o "$tmp/o/full"
  err_has "$cmd -o link to /dev/full" "cannot write $tmp/o/full (a link to /dev/full): No space left on device"
  lacks "$cmd -o link to /dev/full" "wrote"
  grep -qF "wrote" <<<"$err" && fail "$cmd -o link to /dev/full: says '$err'"
  [ "$(readlink "$tmp/o/full")" = /dev/full ] || fail "$cmd -o link to /dev/full: the link was replaced"
  no_tmp "$cmd -o link to /dev/full"
done
mkdir "$tmp/o/neo"
ln -s /dev/full "$tmp/o/neo/entity_nodes.csv"
run "export neo4j, a file linked to /dev/full" 1 export neo4j --db "$db" -o "$tmp/o/neo"
err_has "export neo4j, a file linked to /dev/full" "entity_nodes.csv (a link to /dev/full): No space left on device"
[ -L "$tmp/o/neo/entity_nodes.csv" ] || fail "export neo4j replaced the link"
[ -z "$(ls -A "$tmp/o/neo" | grep -F .tmp)" ] || fail "export neo4j left a temporary file: $(ls -A "$tmp/o/neo")"

# A FIFO with a reader: the reader gets the export; the FIFO stays a FIFO.
mkfifo "$tmp/o/fifo"
timeout 20 cat "$tmp/o/fifo" >"$tmp/fifo.out" &
reader=$!
timeout 20 "$bin" export events --db "$db" --format csv -o "$tmp/o/fifo" 2>"$tmp/err"
rc=$?
# An export that replaced the FIFO leaves the reader waiting: end it.
sleep 0.2
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
[ "$rc" -eq 0 ] || fail "export -o FIFO: exit $rc ($(cat "$tmp/err"))"
[ -p "$tmp/o/fifo" ] || fail "export -o FIFO: the FIFO was replaced by $(stat -c %F "$tmp/o/fifo")"
cmp -s "$tmp/fifo.out" "$tmp/events.csv" || fail "export -o FIFO: the reader got $(wc -c <"$tmp/fifo.out") bytes, not the export"
no_tmp "export -o FIFO"

# Standard output through a link to /proc/self/fd/1, and -o -.
ln -s /proc/self/fd/1 "$tmp/o/stdout"
"$bin" export events --db "$db" --format csv -o "$tmp/o/stdout" 2>"$tmp/err" >"$tmp/stdout.out" ||
  fail "export -o link to /proc/self/fd/1: $(cat "$tmp/err")"
[ -L "$tmp/o/stdout" ] || fail "export -o link to /proc/self/fd/1 replaced the link"
cmp -s "$tmp/stdout.out" "$tmp/events.csv" || fail "export -o link to /proc/self/fd/1: standard output got $(wc -c <"$tmp/stdout.out") bytes"
"$bin" export events --db "$db" --format csv -o - >"$tmp/dash.out" || fail "export -o -"
cmp -s "$tmp/dash.out" "$tmp/events.csv" || fail "export -o - differs from standard output"
[ ! -e "-" ] || fail "export -o - wrote a file named -"

# A link to a regular file: the file gets the export, the link stays.
echo "old" >"$tmp/o/real.csv"
ln -s real.csv "$tmp/o/link.csv"
run "export -o link to a file" 0 export events --db "$db" -o "$tmp/o/link.csv"
[ "$(readlink "$tmp/o/link.csv")" = real.csv ] || fail "export -o link to a file replaced the link"
cmp -s "$tmp/o/real.csv" "$tmp/events.csv" || fail "export -o link to a file: the file does not hold the export"
run "report -o link to a file" 0 report --db "$db" -o "$tmp/o/link.csv"
[ -L "$tmp/o/link.csv" ] && grep -q "<html" "$tmp/o/real.csv" || fail "report -o link: the link or its file is wrong"
no_tmp "-o link to a file"

# A missing folder: named, with the reason; nothing made.
for cmd in "export events --format csv" "report"; do
  run "$cmd -o missing folder" 1 $cmd --db "$db" -o "$tmp/o/none/x"
  err_has "$cmd -o missing folder" "cannot write $tmp/o/none/x: No such file or directory"
  [ ! -e "$tmp/o/none" ] || fail "$cmd -o missing folder made it"
done

# A folder: refused, nothing beside it, the folder as it was.
mkdir "$tmp/o/dir"
for cmd in "export events --format csv" "export partners --format svg" "report"; do
  run "$cmd -o folder" 1 $cmd --db "$db" -o "$tmp/o/dir"
  err_has "$cmd -o folder" "cannot write $tmp/o/dir: Is a directory"
  [ -d "$tmp/o/dir" ] && [ -z "$(ls -A "$tmp/o/dir")" ] || fail "$cmd -o folder changed the folder"
  no_tmp "$cmd -o folder"
done

# A write that fails midway (a 4 KiB file-size limit; SIGXFSZ ignored, so
# write() says EFBIG): the previous file is untouched, no temporary file.
echo "previous contents" >"$tmp/o/prev"
cp "$tmp/o/prev" "$tmp/prev.copy"
for cmd in "export events --format csv" "report"; do
  (trap '' XFSZ; ulimit -f 4; exec "$bin" $cmd --db "$db" -o "$tmp/o/prev") >/dev/null 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$cmd over the file-size limit: exit $rc, want 1"
  grep -qF "cannot write $tmp/o/prev: File too large" "$tmp/err" || fail "$cmd over the file-size limit said: $(cat "$tmp/err")"
  cmp -s "$tmp/o/prev" "$tmp/prev.copy" || fail "$cmd over the file-size limit changed the previous file"
  no_tmp "$cmd over the file-size limit"
done

# A regular file is replaced whole and keeps its permissions.
echo "old" >"$tmp/o/perm.csv"
chmod 640 "$tmp/o/perm.csv"
run "export over a file" 0 export events --db "$db" -o "$tmp/o/perm.csv"
cmp -s "$tmp/o/perm.csv" "$tmp/events.csv" || fail "export over a file: not the export"
[ "$(stat -c %a "$tmp/o/perm.csv")" = 640 ] || fail "export over a file: mode $(stat -c %a "$tmp/o/perm.csv"), was 640"

[ "$failures" -eq 0 ] || { echo "$failures failures" >&2; exit 1; }
echo "output files: all checks passed"
