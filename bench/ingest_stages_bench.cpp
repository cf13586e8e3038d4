// Ingest stage micro benchmarks: read (SGML, HTML, plain text), segment,
// tokenize, entity discovery, the whole extraction and the store write, each
// over the same corpus of filings, reporting throughput as bytes/s of the
// INPUT FILES (so that the stages' figures add up: a stage at X MB/s costs
// 1/X seconds per MB of filings, whatever it reads).
//
// The corpus is DEALGRAPH_BENCH_CORPUS (a folder of filings) when set, else
// 150 filings that dealgraph-gen (next to this binary's parent folder) writes
// with seed 7 into a temp folder, else the bundled data/filings and data/dev.
//
//   cmake -S . -B build-perf -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEALGRAPH_BUILD_BENCH=ON
//   cmake --build build-perf -j2 --target ingest_stages_bench
//   build-perf/bench/ingest_stages_bench [--benchmark_filter=Read]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "graph/resolve.h"
#include "graph/store.h"
#include "ingest/extract/entities.h"
#include "ingest/extract/extractor.h"
#include "ingest/extract/tokens.h"
#include "ingest/html_reader.h"
#include "ingest/reader.h"
#include "ingest/segment.h"
#include "ingest/sgml_reader.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

enum Kind { kSgml, kHtml, kText };

struct Filing {
  std::string path;
  std::string bytes;
  Kind kind = kText;
  Document doc;
  FilingExtract extract;
};

struct Corpus {
  std::vector<Filing> filings;
  std::string temp_dir;  // removed at exit when the corpus was generated here

  Corpus() {
    std::string dir;
    if (const char* env = std::getenv("DEALGRAPH_BENCH_CORPUS")) dir = env;
    if (dir.empty()) dir = Generate();
    std::vector<std::string> paths;
    if (!dir.empty()) {
      Collect(dir, &paths);
    } else {
      Collect(std::string(DEALGRAPH_SOURCE_DIR) + "/data/filings", &paths);
      Collect(std::string(DEALGRAPH_SOURCE_DIR) + "/data/dev", &paths);
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) {
      Filing f;
      f.path = p;
      std::ifstream in(p, std::ios::binary);
      f.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      Result<Document> doc = ReadFiling(fs::path(p).filename().string(), f.bytes);
      if (!doc.ok()) continue;
      Result<FilingExtract> x = ExtractFiling(*doc);
      if (!x.ok()) continue;
      f.doc = std::move(doc).value();
      f.extract = std::move(x).value();
      f.kind = LooksLikeSgml(f.bytes) ? kSgml : LooksLikeHtml(f.bytes) ? kHtml : kText;
      filings.push_back(std::move(f));
    }
    std::fprintf(stderr, "corpus: %zu filings from %s\n", filings.size(),
                 dir.empty() ? "data/filings + data/dev" : dir.c_str());
  }
  ~Corpus() {
    std::error_code ec;
    if (!temp_dir.empty()) fs::remove_all(temp_dir, ec);
  }

  static void Collect(const std::string& dir, std::vector<std::string>* out) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string ext = it->path().extension().string();
      if (ext == ".tsv" || ext == ".json") continue;
      out->push_back(it->path().string());
    }
  }

  std::string Generate() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    fs::path gen = self.parent_path().parent_path() / "dealgraph-gen";
    if (!fs::exists(gen, ec)) return "";
    temp_dir = (fs::temp_directory_path() / ("dealgraph-stages-bench-" + std::to_string(::getpid()))).string();
    std::string cmd = gen.string() + " --count 150 --seed 7 --out " + temp_dir + "/corpus --gold " + temp_dir +
                      "/gold.json >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return "";
    return temp_dir + "/corpus";
  }
};

const Corpus& C() {
  static const Corpus* corpus = new Corpus();
  return *corpus;
}

// Runs `fn` over every filing selected by `want`, counting its input bytes.
template <typename Want, typename Fn>
void OverCorpus(benchmark::State& state, Want want, Fn fn) {
  std::vector<const Filing*> picked;
  for (const Filing& f : C().filings) {
    if (want(f)) picked.push_back(&f);
  }
  if (picked.empty()) {
    state.SkipWithError("no filing of this kind in the corpus");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Filing* f : picked) {
      fn(*f);
      bytes += f->bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["filings"] = static_cast<double>(picked.size());
}

void BM_Read(benchmark::State& state) {
  const Kind kind = static_cast<Kind>(state.range(0));
  state.SetLabel(kind == kSgml ? "sgml" : kind == kHtml ? "html" : "text");
  OverCorpus(state, [&](const Filing& f) { return f.kind == kind; },
             [](const Filing& f) { benchmark::DoNotOptimize(ReadFiling("bench", f.bytes)); });
}
BENCHMARK(BM_Read)->Arg(kSgml)->Arg(kHtml)->Arg(kText)->Unit(benchmark::kMillisecond);

// HTML to lines on the HTML filings: dealgraph's parser, and the libxml2
// reference it replaced (the same text; tests/ingest/html_parity_test.cpp).
void BM_HtmlToText(benchmark::State& state) {
  OverCorpus(state, [](const Filing& f) { return f.kind == kHtml; },
             [](const Filing& f) { benchmark::DoNotOptimize(HtmlToText(f.bytes)); });
}
BENCHMARK(BM_HtmlToText)->Unit(benchmark::kMillisecond);

void BM_HtmlToTextReference(benchmark::State& state) {
  OverCorpus(state, [](const Filing& f) { return f.kind == kHtml; },
             [](const Filing& f) { benchmark::DoNotOptimize(HtmlToTextReference(f.bytes)); });
}
BENCHMARK(BM_HtmlToTextReference)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
  OverCorpus(state, [](const Filing&) { return true; },
             [](const Filing& f) { benchmark::DoNotOptimize(Segment(f.doc)); });
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  std::vector<Segmented> segs;
  for (const Filing& f : C().filings) segs.push_back(Segment(f.doc));
  size_t bytes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < segs.size(); ++i) {
      for (const Sentence& s : segs[i].sentences) benchmark::DoNotOptimize(Tokenize(s.text));
      bytes += C().filings[i].bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_DiscoverEntities(benchmark::State& state) {
  std::vector<Segmented> segs;
  std::vector<std::vector<std::vector<Token>>> tokens;
  for (const Filing& f : C().filings) {
    segs.push_back(Segment(f.doc));
    auto& t = tokens.emplace_back();
    for (const Sentence& s : segs.back().sentences) t.push_back(Tokenize(s.text));
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < segs.size(); ++i) {
      benchmark::DoNotOptimize(DiscoverEntities(C().filings[i].doc, segs[i], tokens[i]));
      bytes += C().filings[i].bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_DiscoverEntities)->Unit(benchmark::kMillisecond);

// ExtractFiling: segment + tokenize + discovery + the sentence reader.
void BM_Extract(benchmark::State& state) {
  OverCorpus(state, [](const Filing&) { return true; },
             [](const Filing& f) { benchmark::DoNotOptimize(ExtractFiling(f.doc)); });
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// Stores the corpus's extracts into a fresh store, `group` filings per
// iteration through `store_some(store, first, count)`; a new store when all
// are in (not timed). Bytes and items count the filings stored.
template <typename StoreSome>
void StoreBench(benchmark::State& state, const char* name, size_t group, StoreSome store_some) {
  const auto& filings = C().filings;
  std::string path = (fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()))).string();
  std::unique_ptr<Store> store;
  auto reopen = [&] {
    store.reset();
    std::error_code ec;
    fs::remove_all(path, ec);
    Result<std::unique_ptr<Store>> opened = Store::Open(path, StoreOptions{});
    if (!opened.ok()) {
      state.SkipWithError(opened.status().message().c_str());
      return false;
    }
    store = std::move(opened).value();
    return true;
  };
  if (!reopen()) return;
  size_t next = 0, bytes = 0, items = 0;
  for (auto _ : state) {
    if (next == filings.size()) {
      state.PauseTiming();
      bool ok = reopen();
      next = 0;
      state.ResumeTiming();
      if (!ok) return;
    }
    size_t count = std::min(group, filings.size() - next);
    store_some(*store, next, count);
    for (size_t k = next; k < next + count; ++k) bytes += filings[k].bytes.size();
    items += count;
    next += count;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(items));
  store.reset();
  std::error_code ec;
  fs::remove_all(path, ec);
}

// Store::AddFiling (with identity resolution, as ingest did before
// version 0.9) of one extract at a time.
void BM_Store(benchmark::State& state) {
  StoreBench(state, "dealgraph-stages-store", 1, [](Store& store, size_t first, size_t) {
    FilingExtract x = C().filings[first].extract;
    if (!ResolveIdentities(store, &x).ok()) std::abort();
    benchmark::DoNotOptimize(store.AddFiling(x, false));
  });
}
BENCHMARK(BM_Store)->Unit(benchmark::kMicrosecond);

// Store::AddFilings in groups of state.range(0), as ingest hands them over
// (RocksStore writes a group as one batch).
void BM_StoreGroups(benchmark::State& state) {
  std::vector<FilingExtract> xs;
  StoreBench(state, "dealgraph-stages-groups", static_cast<size_t>(state.range(0)),
             [&xs](Store& store, size_t first, size_t count) {
               xs.clear();
               for (size_t k = first; k < first + count; ++k) xs.push_back(C().filings[k].extract);
               benchmark::DoNotOptimize(store.AddFilings(xs, false));
             });
}
BENCHMARK(BM_StoreGroups)->Arg(1)->Arg(16)->Arg(64)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace dealgraph

BENCHMARK_MAIN();
