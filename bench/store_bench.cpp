// Store micro benchmarks: a synthetic graph of 100,000 events over 1,000
// companies, each company dealing with about ten partners, in a temp store.
// Reports the latency percentiles of EventsBetween (the query behind
// "history of A and B") as counters p50_us / p99_us.
//
//   cmake -S . -B build-bench -DDEALGRAPH_BUILD_BENCH=ON && cmake --build build-bench --target store_bench
//   build-bench/bench/store_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "graph/store.h"
#include "bench/bench_util.h"

namespace dealgraph {
namespace {

constexpr int kCompanies = 1000;
constexpr int kPartnersPerCompany = 10;
constexpr int kEvents = 100000;
constexpr int kEventsPerFiling = 10;

std::string CompanyId(int i) { return "org:company-" + std::to_string(i); }

// The store, built once for all benchmarks and removed at exit.
struct Fixture {
  std::string path;
  std::unique_ptr<Store> store;
  std::vector<std::pair<int, int>> pairs;  //!< pairs that have events

  Fixture() {
    path = (std::filesystem::temp_directory_path() /
            ("dealgraph-store-bench-" + std::to_string(::getpid())))
               .string();
    Result<std::unique_ptr<Store>> opened = Store::Open(path, StoreOptions{});
    if (!opened.ok()) {
      std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), opened.status().message().c_str());
      std::exit(1);
    }
    store = std::move(opened).value();

    std::mt19937 rng(20050503);
    for (int a = 0; a < kCompanies; ++a) {
      for (int k = 0; k < kPartnersPerCompany / 2; ++k) {
        int b = static_cast<int>(rng() % kCompanies);
        if (b != a) pairs.emplace_back(std::min(a, b), std::max(a, b));
      }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

    static const char* kTypes[] = {"license.granted", "agreement.renewed", "payment", "agreement.amended"};
    auto start = std::chrono::steady_clock::now();
    int next_event = 0;
    for (int f = 0; next_event < kEvents; ++f) {
      FilingExtract x;
      char fid[32];
      std::snprintf(fid, sizeof fid, "0000950135-%02d-%06d", f % 25, f);
      x.filing.id = fid;
      x.filing.form = "8-K";
      x.filing.filed = std::to_string(2000 + f % 25) + "-06-30";
      Source src{fid, "1.01", "synthetic", x.filing.filed};
      for (int i = 0; i < kEventsPerFiling && next_event < kEvents; ++i, ++next_event) {
        auto [a, b] = pairs[rng() % pairs.size()];
        for (int c : {a, b}) {
          Entity e;
          e.id = CompanyId(c);
          e.name = "Company " + std::to_string(c) + ", Inc.";
          e.sources = {src};
          x.entities.push_back(std::move(e));
        }
        Event ev;
        char id[24];
        std::snprintf(id, sizeof id, "ev:%016x", next_event);
        ev.id = id;
        ev.type = kTypes[rng() % 4];
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + static_cast<int>(rng() % 25),
                      1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
        ev.date = date;
        ev.parties = {{CompanyId(a), "licensor"}, {CompanyId(b), "licensee"}};
        ev.amount = Money{1e6 * static_cast<double>(1 + rng() % 50), "USD"};
        ev.sources = {src};
        x.events.push_back(std::move(ev));
      }
      Result<AddStats> added = store->AddFiling(x, false);
      if (!added.ok()) {
        std::fprintf(stderr, "load failed: %s\n", added.status().message().c_str());
        std::exit(1);
      }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    StoreCounts c = store->Counts();
    std::fprintf(stderr, "loaded %lld events, %lld entities, %lld filings in %.1f s (%zu partner pairs)\n",
                 c.events, c.entities, c.filings, secs, pairs.size());
  }

  ~Fixture() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}


void BM_EventsBetween(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937 rng(7);
  std::vector<double> micros;
  size_t found = 0;
  DateRange range;
  if (state.range(0) == 1) range = DateRange{"2005", "2009"};
  for (auto _ : state) {
    auto [a, b] = f.pairs[rng() % f.pairs.size()];
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Event> events = bench::Must(f.store->EventsBetween(CompanyId(a), CompanyId(b), range));
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    found += events.size();
    benchmark::DoNotOptimize(events);
  }
  state.counters["events_per_query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
  bench::ReportPercentiles(state, &micros);
}
BENCHMARK(BM_EventsBetween)->Arg(0)->Arg(1)->ArgName("ranged");

void BM_EventsOf(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937 rng(11);
  std::vector<double> micros;
  for (auto _ : state) {
    int a = static_cast<int>(rng() % kCompanies);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Event> events = bench::Must(f.store->EventsOf(CompanyId(a), DateRange{"2010", "2010"}));
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(events);
  }
  bench::ReportPercentiles(state, &micros);
}
BENCHMARK(BM_EventsOf);

void BM_FindEntities(benchmark::State& state) {
  Fixture& f = Shared();
  std::mt19937 rng(13);
  for (auto _ : state) {
    std::vector<Entity> hits = bench::Must(f.store->FindEntities("company " + std::to_string(rng() % kCompanies) + " inc"));
    benchmark::DoNotOptimize(hits);
  }
}
BENCHMARK(BM_FindEntities);

}  // namespace
}  // namespace dealgraph

BENCHMARK_MAIN();
