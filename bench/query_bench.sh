#!/usr/bin/env bash
# Builds the 1,000,000-event / 10,000-company store once (through
# Store::AddFiling) into STORE_DIR, then runs the query benchmarks on it.
# A STORE_DIR that already holds the store is reused as it is.
#
# usage: bench/query_bench.sh [BUILD_DIR] [STORE_DIR] [google-benchmark flags...]
#   BUILD_DIR  configured with -DDEALGRAPH_BUILD_BENCH=ON (default build-bench)
#   STORE_DIR  default /tmp/dealgraph-qb.db (about 1 GB; never inside the repository)
set -euo pipefail
build=${1:-build-bench}
store=${2:-/tmp/dealgraph-qb.db}
shift $(( $# > 2 ? 2 : $# ))
bin=$build/bench/query_bench
if [[ ! -x $bin ]]; then
  echo "query_bench.sh: $bin not built (cmake -DDEALGRAPH_BUILD_BENCH=ON, target query_bench)" >&2
  exit 1
fi
if [[ ! -f $store/CURRENT ]]; then
  echo "building the store in $store (takes minutes) ..." >&2
  /usr/bin/time -f "build: %e s elapsed, %M KB max RSS" "$bin" --store="$store" --build-only
fi
du -sh "$store"
# Warm the OS page cache: "warm" figures are for a store whose files are in memory.
cat "$store"/* >/dev/null
"$bin" --store="$store" --benchmark_counters_tabular=true "$@"
