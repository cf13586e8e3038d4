#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# SECONDS (default 60) from a seed corpus made of the bundled filings.
# Any crash, hang (>10 s per input), leak or sanitizer report fails the run.
# usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DDEALGRAPH_FUZZ=ON -DDEALGRAPH_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_reader fuzz_html fuzz_sgml fuzz_text fuzz_extract
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cp data/filings/* data/dev/*.html data/dev/*.nc data/dev/*.txt "$seeds"/
for t in reader html sgml text extract; do
  corpus=build-fuzz/corpus-$t
  mkdir -p "$corpus"
  echo "== fuzz_$t for ${secs}s"
  # Extraction explores best on short inputs; readers get whole filings.
  max_len=262144
  [ "$t" = extract ] && max_len=16384
  ./build-fuzz/tests/fuzz/fuzz_$t "$corpus" "$seeds" -max_total_time="$secs" -timeout=10 -max_len="$max_len" \
      -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -4
done
