#!/usr/bin/env bash
# Accuracy on a generated corpus: dealgraph-gen writes 200 synthetic 8-K
# filings (SGML, HTML and text) with the events it planted, dealgraph ingests
# them, and `dealgraph eval` scores the store against the planted events.
# The generator is an independent check of the extractor: its text is not
# shaped around what the extractor handles.
#
# usage: generated_accuracy_test.sh DEALGRAPH_BINARY DATA_DIR
#
# The bar is the measured events F1 of seed 42 (0.971 on 2026-12-05, full mix; seeds 1 and 2 at 300 filings: 0.982, 0.980) minus
# 0.03; raise it as the extractor improves (issue goal: 0.95).
set -euo pipefail
bin=$1
gen=$(dirname "$bin")/dealgraph-gen
min_f1=${DEALGRAPH_GEN_MIN_F1:-0.94}
if [[ ! -x $gen ]]; then
  echo "generated_accuracy_test: $gen not built" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dealgraph-genacc.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" --count 200 --seed 42 --out "$work/corpus" --gold "$work/gold.json" 2>"$work/gen.log"
# Determinism: the same seed gives the same bytes.
"$gen" --count 20 --seed 42 --out "$work/again" --gold "$work/again.json" 2>/dev/null
"$gen" --count 20 --seed 42 --out "$work/again2" --gold "$work/again2.json" 2>/dev/null
diff -r "$work/again" "$work/again2" >/dev/null && cmp -s "$work/again.json" "$work/again2.json" || {
  echo "generated_accuracy_test: dealgraph-gen is not deterministic" >&2
  exit 1
}
# The full mix (the default) adds what filings carry besides their facts and
# never a fact: the lean mix plants the same events and entities in fewer bytes.
"$gen" --count 20 --seed 42 --mix lean --out "$work/lean" --gold "$work/lean.json" 2>/dev/null
cmp -s "$work/again.json" "$work/lean.json" || {
  echo "generated_accuracy_test: --mix lean and --mix full plant different gold" >&2
  exit 1
}
full_bytes=$(cat "$work/again"/* | wc -c)
lean_bytes=$(cat "$work/lean"/* | wc -c)
if (( full_bytes < lean_bytes * 3 / 2 )); then
  echo "generated_accuracy_test: the full mix ($full_bytes bytes) is not longer than the lean one ($lean_bytes)" >&2
  exit 1
fi
# Every bad file is reported and the batch goes on; a generated corpus has none.
"$bin" ingest --db "$work/store.db" "$work/corpus" >"$work/ingest.log" 2>&1 || {
  echo "generated_accuracy_test: ingest reported failures:" >&2
  cat "$work/ingest.log" >&2
  exit 1
}
"$bin" eval --db "$work/store.db" --gold "$work/gold.json"
"$bin" eval --db "$work/store.db" --gold "$work/gold.json" --min-events-f1 "$min_f1" >/dev/null
