// Helpers shared by the latency benchmarks (store_bench, query_bench):
// per-call timing with Google Benchmark's manual time, and percentiles as
// counters.
#ifndef DEALGRAPH_BENCH_BENCH_UTIL_H_
#define DEALGRAPH_BENCH_BENCH_UTIL_H_

#include <benchmark/benchmark.h>
#include <rocksdb/perf_context.h>
#include <rocksdb/perf_level.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "common/status.h"

namespace dealgraph::bench {

// A store read's value; a failed read ends the benchmark run with its
// message (a timing of a damaged store would be no timing).
template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "bench: %s\n", r.status().message().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

// Microseconds since t0.
inline double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
}

// p50/p90/p99/max of the calls' microseconds as counters (sorts `micros`).
inline void ReportPercentiles(benchmark::State& state, std::vector<double>* micros) {
  if (micros->empty()) return;
  std::sort(micros->begin(), micros->end());
  auto at = [&](double q) { return (*micros)[std::min(micros->size() - 1, static_cast<size_t>(q * micros->size()))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p90_us"] = at(0.90);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros->back();
}

// Times `call(pick())` once per iteration after `warmups` untimed calls; the
// per-call mean of what `call` returns goes to the counter `per_call`.
// With DEALGRAPH_BENCH_CALLS set, every timed call is also printed to
// stderr with what it returned and RocksDB's counters for it (blocks read,
// their read and decompression time, block cache hits, iterator seeks),
// to see what the slow calls of a tail have in common.
template <typename Pick, typename Call>
void TimeCalls(benchmark::State& state, int warmups, Pick pick, Call call, const char* per_call) {
  static const bool print_calls = std::getenv("DEALGRAPH_BENCH_CALLS") != nullptr;
  std::vector<double> micros;
  double found = 0;
  for (int i = 0; i < warmups; ++i) call(pick());
  if (print_calls) rocksdb::SetPerfLevel(rocksdb::PerfLevel::kEnableTimeExceptForMutex);
  for (auto _ : state) {
    auto x = pick();
    if (print_calls) rocksdb::get_perf_context()->Reset();
    auto t0 = std::chrono::steady_clock::now();
    double n = static_cast<double>(call(x));
    double us = Since(t0);
    found += n;
    micros.push_back(us);
    state.SetIterationTime(us / 1e6);
    if (print_calls) {
      const rocksdb::PerfContext* pc = rocksdb::get_perf_context();
      std::fprintf(stderr, "call %s %g us %.0f blocks_read %" PRIu64 " read_us %" PRIu64 " decompress_us %" PRIu64
                   " cache_hits %" PRIu64 " seeks %" PRIu64 "\n",
                   per_call, n, us, pc->block_read_count, pc->block_read_time / 1000, pc->block_decompress_time / 1000,
                   pc->block_cache_hit_count, pc->seek_child_seek_count);
    }
  }
  if (print_calls) rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  state.counters[per_call] = found / static_cast<double>(state.iterations());
  ReportPercentiles(state, &micros);
}

}  // namespace dealgraph::bench

#endif  // DEALGRAPH_BENCH_BENCH_UTIL_H_
