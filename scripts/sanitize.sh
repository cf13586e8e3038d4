#!/usr/bin/env bash
# The sanitizer job: builds everything with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer (plus the libFuzzer targets), runs the whole test
# suite on that build, then runs each fuzz target for SECONDS (default 60)
# from a seed corpus of the bundled filings, two targets at a time.
# Any test failure, sanitizer report, leak, crash or hang fails the job.
# usage: scripts/sanitize.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
jobs=$(nproc)

command -v clang++ >/dev/null || { echo "sanitize.sh: clang++ is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
start=$(date +%s)
# -O1 keeps the instrumented build quick to compile and still fast to run.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DDEALGRAPH_FUZZ=ON -DDEALGRAPH_BUILD_TESTS=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== sanitizer build: $(( $(date +%s) - start )) s"

# halt_on_error: the first report fails the test that caused it.
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Third-party font and Graphviz caches only; see the file.
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0
t0=$(date +%s)
# The crash/disk-fault scripts, the browser test and the generated-corpus
# accuracy run exercise the same code as the suite, at length; under the
# sanitizers they would only add minutes. The cost test measures CPU time and
# peak memory, which the sanitizers distort. Everything else runs.
ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^(reliability|report|bench)\.|^faults\.cost_test$'

echo "== test suite under ASan/UBSan: $(( $(date +%s) - t0 )) s"

seeds=$(mktemp -d)
logs=$(mktemp -d)
trap 'rm -rf "$seeds" "$logs"' EXIT
cp data/filings/* data/dev/*.html data/dev/*.nc data/dev/*.txt "$seeds"/
run_target() {
  local t=$1 corpus=build-asan/corpus-$1 max_len=262144
  mkdir -p "$corpus"
  # Extraction explores best on short inputs; readers get whole filings.
  [ "$t" = extract ] && max_len=16384
  if ./build-asan/tests/fuzz/fuzz_"$t" "$corpus" "$seeds" -max_total_time="$secs" -timeout=10 \
       -max_len="$max_len" -rss_limit_mb=4096 -print_final_stats=1 >"$logs/$t.log" 2>&1; then
    echo "== fuzz_$t: ${secs}s, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$') runs, clean"
  else
    echo "== fuzz_$t FAILED:" >&2
    tail -40 "$logs/$t.log" >&2
    return 1
  fi
}
t0=$(date +%s)
status=0
targets=(reader html sgml text extract)
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  pids=()
  for t in "${targets[@]:i:jobs}"; do run_target "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
done
echo "== fuzzing: $(( $(date +%s) - t0 )) s"
echo "== sanitizer job: $(( $(date +%s) - start )) s in all"
exit $status
