// Helpers shared by the latency benchmarks (store_bench, query_bench):
// per-call timing with Google Benchmark's manual time, and percentiles as
// counters.
#ifndef DEALGRAPH_BENCH_BENCH_UTIL_H_
#define DEALGRAPH_BENCH_BENCH_UTIL_H_

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace dealgraph::bench {

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
template <typename Pick, typename Call>
void TimeCalls(benchmark::State& state, int warmups, Pick pick, Call call, const char* per_call) {
  std::vector<double> micros;
  double found = 0;
  for (int i = 0; i < warmups; ++i) call(pick());
  for (auto _ : state) {
    auto x = pick();
    auto t0 = std::chrono::steady_clock::now();
    found += static_cast<double>(call(x));
    double us = Since(t0);
    micros.push_back(us);
    state.SetIterationTime(us / 1e6);
  }
  state.counters[per_call] = found / static_cast<double>(state.iterations());
  ReportPercentiles(state, &micros);
}

}  // namespace dealgraph::bench

#endif  // DEALGRAPH_BENCH_BENCH_UTIL_H_
