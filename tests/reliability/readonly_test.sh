#!/usr/bin/env bash
# A store directory that cannot be written: a writable command says so in
# one line (not as a lock held by someone, not a RocksDB dump) and leaves the
# store as it was; read commands, `check` included, still work. Root ignores
# file modes, so as root the commands run as nobody (setpriv); without
# setpriv the test skips (tests/graph/fault_test.cpp covers it with an
# injected file system).
# Usage: readonly_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$2
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  if ! command -v setpriv >/dev/null || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    echo "SKIP: running as root without setpriv; file modes do not bind root"
    exit 0
  fi
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # nobody must reach the binary and the data.
  "${as_user[@]}" test -x "$bin" && "${as_user[@]}" test -r "$data/filings" ||
    { echo "SKIP: nobody cannot reach $bin or $data"; exit 0; }
fi

chmod 755 "$tmp"
db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" >/dev/null || fail "the first ingest failed"
"$bin" filings --db "$db" --format jsonl >"$tmp/before.txt" || fail "filings"
chmod -R a-w "$db"
chmod -R a+rX "$tmp"
before=$(cd "$db" && ls -l --time-style=+%s.%N | md5sum)

for cmd in "ingest $data/dev" "remove 0000000000-00-000000" "check --repair"; do
  # shellcheck disable=SC2086
  "${as_user[@]}" "$bin" $cmd --db "$db" >/dev/null 2>"$tmp/err.txt"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$cmd on a read-only store exited $rc (want 1)"
  grep -q "cannot be written" "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "$cmd: unclear error"; }
  grep -q "being written by" "$tmp/err.txt" && fail "$cmd: a permission error reported as a lock"
  [ "$(wc -l <"$tmp/err.txt")" -eq 1 ] || { cat "$tmp/err.txt" >&2; fail "$cmd: more than one line"; }
done
echo "writable commands said: $(cat "$tmp/err.txt")"
"${as_user[@]}" "$bin" check --db "$db" >/dev/null 2>"$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "check (read-only)"; }
"${as_user[@]}" "$bin" filings --db "$db" --format jsonl >"$tmp/after.txt" || fail "filings (read-only)"
cmp -s "$tmp/before.txt" "$tmp/after.txt" || fail "the store's filings changed"
after=$(cd "$db" && ls -l --time-style=+%s.%N | md5sum)
[ "$before" = "$after" ] || fail "files in the store directory changed"
echo "read-only store: writable commands refused clearly, reads work, nothing changed"
