#!/usr/bin/env bash
# Ingest works in runs (a thread reads up to 64 files, extracts them all,
# and the store thread stores them in input order) over a ring of slots
# that wraps every 128 filings per job. Whatever the number of jobs, the
# store must come out the same, and bad files must be reported in input
# order, each on one line, with the batch going on.
#
# 300 generated filings (336 files: several runs, the ring wrapping twice at
# --jobs 1) with three bad files among them; --jobs 1, 2 and 3 must give the same
# events, entities and filings, the same diagnostics, and a clean check.
#
# usage: jobs_test.sh DEALGRAPH_BINARY DATA_DIR
set -euo pipefail
bin=$1
gen=$(dirname "$bin")/dealgraph-gen
if [[ ! -x $gen ]]; then
  echo "jobs_test: $gen not built" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dealgraph-jobs.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "jobs_test: $*" >&2; exit 1; }

"$gen" --count 300 --seed 5 --out "$work/corpus" --gold "$work/gold.json" 2>/dev/null
good=$(find "$work/corpus" -type f | wc -l)  # 300 filings, some with a separate press release
[[ $good -ge 300 ]] || fail "the generator wrote $good files"
# Bad files sorted among the good ones: an empty file, binary bytes and an
# HTML file with no text.
: >"$work/corpus/000050_empty.txt"
head -c 4096 /dev/urandom >"$work/corpus/000120_binary.txt"
printf '<html><body><script>x()</script></body></html>' >"$work/corpus/000260_blank.htm"

for j in 1 2 3; do
  db="$work/j$j.db"
  set +e
  timeout 120 "$bin" ingest --db "$db" --jobs "$j" "$work/corpus" >"$work/out$j.txt" 2>"$work/err$j.txt"
  rc=$?
  set -e
  [[ $rc -eq 1 ]] || { cat "$work/err$j.txt" >&2; fail "--jobs $j exited $rc (want 1: some files failed)"; }
  grep -q "ingested $good of $((good + 3)) files (0 unchanged, 0 skipped, 3 failed)" "$work/out$j.txt" ||
    { cat "$work/out$j.txt" >&2; fail "--jobs $j summary"; }
  "$bin" events --db "$db" --format jsonl >"$work/events$j.jsonl"
  "$bin" entities --db "$db" --format jsonl >"$work/entities$j.jsonl"
  "$bin" filings --db "$db" --format jsonl >"$work/filings$j.jsonl"
  "$bin" check --db "$db" >/dev/null || fail "check after --jobs $j"
done

# The diagnostics: one line per bad file, in input order.
[[ $(wc -l <"$work/err1.txt") -eq 3 ]] || { cat "$work/err1.txt" >&2; fail "want 3 diagnostic lines"; }
order=$(sed -e 's|^dealgraph: [^ ]*/\([0-9]*\)_.*|\1|' "$work/err1.txt" | tr '\n' ' ')
[[ $order == "000050 000120 000260 " ]] || fail "diagnostics out of input order: $order"

[[ $(grep -c . "$work/filings1.jsonl") -eq $good ]] || fail "want $good filings stored"
[[ $(grep -c . "$work/events1.jsonl") -gt 300 ]] || fail "too few events: $(grep -c . "$work/events1.jsonl")"
for j in 2 3; do
  for what in events entities filings; do
    cmp -s "$work/${what}1.jsonl" "$work/$what$j.jsonl" || fail "$what differ between --jobs 1 and --jobs $j"
  done
  cmp -s "$work/err1.txt" "$work/err$j.txt" || fail "diagnostics differ between --jobs 1 and --jobs $j"
done
echo "jobs test: --jobs 1, 2 and 3 store the same $(grep -c . "$work/events1.jsonl") events from $good files; 3 bad files reported in order"
