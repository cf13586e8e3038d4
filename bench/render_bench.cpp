// Timeline and partner-diagram rendering at 100, 500 and 1,000 events
// (issue 6's bar: a 1,000-event timeline SVG in under 2 s). The slice is
// synthetic and deterministic: one focus company, 25 partners, 60
// agreements, every event type, 5% undated and 10% month-precision dates,
// amounts on payments, one sentence-length quote per event.
//
//   cmake -S . -B build -DDEALGRAPH_BUILD_BENCH=ON && cmake --build build --target render_bench
//   build/bench/render_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <sstream>
#include <string>

#include "export/partners.h"
#include "export/timeline.h"
#include "graph/model.h"

namespace dealgraph {
namespace {

GraphSlice MakeSlice(int n_events) {
  std::mt19937 rng(7);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  GraphSlice s;
  auto org = [&](const std::string& id, const std::string& name) {
    Entity e;
    e.id = id;
    e.type = EntityType::kOrganization;
    e.name = name;
    s.entities.push_back(e);
  };
  org("org:focus", "Focus Therapeutics");
  constexpr int kPartners = 25, kAgreements = 60;
  for (int p = 0; p < kPartners; ++p) org("org:p" + std::to_string(p), "Partner Company " + std::to_string(p));
  for (int a = 0; a < kAgreements; ++a) {
    Entity e;
    e.id = "ag:a" + std::to_string(a);
    e.type = EntityType::kAgreement;
    e.name = "License Agreement " + std::to_string(a);
    e.title = "license";
    e.dated = std::to_string(2000 + a % 20) + "-03-15";
    e.expires = std::to_string(2005 + a % 20) + "-03-15";
    e.parties = {"org:focus", "org:p" + std::to_string(a % kPartners)};
    s.entities.push_back(e);
  }
  static const char* kTypes[] = {"agreement.entered", "agreement.renewed", "agreement.extended",
                                 "agreement.amended", "agreement.terminated", "license.granted",
                                 "payment", "regulatory", "clinical", "financial.results",
                                 "executive.change", "litigation"};
  for (int i = 0; i < n_events; ++i) {
    Event e;
    e.id = "ev:" + std::to_string(100000 + i);
    e.type = kTypes[below(12)];
    int precision = below(20);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + below(25), 1 + below(12), 1 + below(28));
    e.date = precision == 0 ? "" : precision <= 2 ? std::string(date, 7) : std::string(date);
    int a = below(kAgreements);
    e.parties = {Party{"org:focus", ""}, Party{"org:p" + std::to_string(a % kPartners), ""}};
    if (e.type.rfind("agreement.", 0) == 0 || e.type == "license.granted") e.agreement_id = "ag:a" + std::to_string(a);
    if (e.type == "payment") e.amount = Money{1e6 * (1 + below(50)), "USD"};
    e.sources = {Source{"0000000000-00-" + std::to_string(100000 + i), "8.01",
                        "On this day Focus Therapeutics and its partner told event number " + std::to_string(i) +
                            " of type " + e.type + " in a sentence of ordinary length.",
                        ""}};
    s.events.push_back(std::move(e));
  }
  return s;
}

void BM_TimelineSvg(benchmark::State& state) {
  GraphSlice slice = MakeSlice(static_cast<int>(state.range(0)));
  TimelineOptions options;
  options.focus_entity_id = "org:focus";
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    Status st = WriteTimeline(slice, options, "svg", out);
    if (!st.ok()) state.SkipWithError(st.message().c_str());
    bytes = out.str().size();
  }
  state.counters["svg_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_TimelineSvg)->Arg(100)->Arg(500)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_TimelineLayout(benchmark::State& state) {
  GraphSlice slice = MakeSlice(static_cast<int>(state.range(0)));
  TimelineOptions options;
  options.focus_entity_id = "org:focus";
  for (auto _ : state) benchmark::DoNotOptimize(LayoutTimeline(slice, options));
}
BENCHMARK(BM_TimelineLayout)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_PartnersSvg(benchmark::State& state) {
  GraphSlice slice = MakeSlice(static_cast<int>(state.range(0)));
  PartnerOptions options;
  for (auto _ : state) {
    std::ostringstream out;
    Status st = WritePartnerDiagram(slice, options, "svg", out);
    if (!st.ok()) state.SkipWithError(st.message().c_str());
  }
}
BENCHMARK(BM_PartnersSvg)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dealgraph

BENCHMARK_MAIN();
