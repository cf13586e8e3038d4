#!/usr/bin/env bash
# A full disk, for real: the store lives on a 2 MiB tmpfs and ingest runs
# until the disk fills (the 304 filings need ~4 MB; the ingest writes up to
# 64 filings in one batch, ~0.9 MB here, so the first batches fit). It must stop with one clear "disk is full" line (no
# RocksDB dump, no crash), and leave a store that opens and checks clean.
# Moved to a roomy disk, finishing the ingest must give the store an
# uninterrupted run gives. Needs mount (root, and a machine that allows it);
# skips with a message otherwise. tests/graph/fault_test.cpp covers the same
# ground everywhere with an injected full disk.
# Usage: diskfull_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
mnt="$tmp/mnt"
cleanup() { mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
start=$(date +%s.%N)

mkdir -p "$mnt"
if ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here (not root, or not allowed); fault_test.cpp covers full disks"
  exit 0
fi
"$here/make_corpus.py" "$data" "$tmp/corpus" 19 >/dev/null || fail "the corpus generator failed"

"$bin" ingest --db "$mnt/db" --jobs 2 "$tmp/corpus" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
[ "$rc" -eq 1 ] || fail "ingest on a full disk exited $rc (want 1)"
grep -q "disk is full" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "no 'disk is full' message"; }
[ "$(grep -c . "$tmp/err.txt")" -le 2 ] || { cat "$tmp/err.txt" >&2; fail "more than a line or two of error"; }
echo "ingest on a full disk said: $(grep 'disk is full' "$tmp/err.txt" | head -1 | cut -c1-220)"

# The store on the full disk opens read-only and is whole.
"$bin" check --db "$mnt/db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check on the full disk"; }
stored=$("$bin" filings --db "$mnt/db" --format jsonl | wc -l)
[ "$stored" -gt 0 ] || fail "nothing was stored before the disk filled"
[ "$stored" -lt "$(ls "$tmp/corpus" | wc -l)" ] || fail "everything was stored: the disk never filled"

# Trying again on the still-full disk: a clear error again, nothing lost.
"$bin" ingest --db "$mnt/db" "$tmp/corpus" >/dev/null 2>"$tmp/err2.txt"
[ $? -eq 1 ] || fail "the second ingest on a full disk did not fail"
grep -q "disk is full\|cannot be written" "$tmp/err2.txt" || { cat "$tmp/err2.txt" >&2; fail "unclear error the second time"; }
again=$("$bin" filings --db "$mnt/db" --format jsonl | wc -l)
[ "$again" -ge "$stored" ] || fail "the second attempt lost filings ($stored -> $again)"
"$bin" check --db "$mnt/db" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "check after the second attempt"; }

# Room again: finish, and compare with an uninterrupted run.
cp -a "$mnt/db" "$tmp/moved.db"
"$bin" ingest --db "$tmp/moved.db" --jobs 2 "$tmp/corpus" >/dev/null || fail "finishing the ingest failed"
"$bin" ingest --db "$tmp/clean.db" --jobs 2 "$tmp/corpus" >/dev/null || fail "the uninterrupted ingest failed"
for what in filings events entities; do
  "$bin" $what --db "$tmp/moved.db" --format jsonl | LC_ALL=C sort >"$tmp/a.txt"
  "$bin" $what --db "$tmp/clean.db" --format jsonl | LC_ALL=C sort >"$tmp/b.txt"
  cmp -s "$tmp/a.txt" "$tmp/b.txt" || fail "$what differ from an uninterrupted run's"
done
"$bin" check --db "$tmp/moved.db" >/dev/null || fail "check of the finished store"
secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "disk-full test: $stored of $(ls "$tmp/corpus" | wc -l) filings stored before the 2 MiB disk filled; clean, finished equal to an uninterrupted run, in ${secs}s"
