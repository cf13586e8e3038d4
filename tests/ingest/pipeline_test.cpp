// The ingest pipeline's scheduling: reading and extracting run ahead of the
// storing in runs, over a ring of slots, while the store thread stores in
// input order. A store that is slow to write lets the extractors get as far
// ahead as the ring allows; every filing must still be stored once, in input
// order, with its own extract.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "graph/rocks_store.h"
#include "graph/store.h"
#include "ingest/extract/extractor.h"
#include "ingest/pipeline.h"
#include "ingest/reader.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

// Forwards to a real store; AddFiling sleeps first and records the filing
// ids in the order they arrive.
class SlowStore : public Store {
 public:
  explicit SlowStore(Store* inner) : inner_(inner) {}
  std::vector<std::string> added;

  Result<AddStats> AddFiling(const FilingExtract& x, bool replace) override {
    std::this_thread::sleep_for(std::chrono::microseconds(300));
    added.push_back(x.filing.id);
    return inner_->AddFiling(x, replace);
  }
  Status RemoveFiling(std::string_view id) override { return inner_->RemoveFiling(id); }
  Result<bool> ContainsFiling(std::string_view id) const override { return inner_->ContainsFiling(id); }
  Result<FilingInfo> GetFiling(std::string_view id) const override { return inner_->GetFiling(id); }
  Result<std::vector<FilingInfo>> ListFilings() const override { return inner_->ListFilings(); }
  Result<Entity> GetEntity(std::string_view id) const override { return inner_->GetEntity(id); }
  Result<std::vector<Entity>> ListEntities(std::optional<EntityType> type) const override {
    return inner_->ListEntities(type);
  }
  Result<std::vector<Entity>> FindEntities(std::string_view name) const override { return inner_->FindEntities(name); }
  Result<Event> GetEvent(std::string_view id) const override { return inner_->GetEvent(id); }
  Result<std::vector<Event>> EventsOf(std::string_view id, const DateRange& r) const override {
    return inner_->EventsOf(id, r);
  }
  Result<std::vector<Event>> EventsBetween(std::string_view a, std::string_view b, const DateRange& r) const override {
    return inner_->EventsBetween(a, b, r);
  }
  Result<std::vector<Event>> EventsOfPartyAndType(std::string_view id, std::string_view type) const override {
    return inner_->EventsOfPartyAndType(id, type);
  }
  Result<std::vector<Event>> EventsOfType(std::string_view type, const DateRange& r) const override {
    return inner_->EventsOfType(type, r);
  }
  Result<std::vector<Event>> EventsOfAgreement(std::string_view id) const override {
    return inner_->EventsOfAgreement(id);
  }
  Result<std::vector<Event>> AllEvents() const override { return inner_->AllEvents(); }
  Result<std::vector<Relation>> RelationsOf(std::string_view id) const override { return inner_->RelationsOf(id); }
  Result<std::vector<Relation>> AllRelations() const override { return inner_->AllRelations(); }
  StoreCounts Counts() const override { return inner_->Counts(); }
  int FormatVersion() const override { return inner_->FormatVersion(); }

 private:
  Store* inner_;
};

// `count` distinct text filings: the bundled ImmunoGen 8-Ks in turn, each
// with a line naming its number (no accession number, so each is its own
// filing, "sha:" of its text).
std::vector<std::string> WriteCorpus(const TempDir& dir, int count) {
  std::vector<std::string> texts;
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) texts.push_back(Slurp(DataPath(rel)));
  std::vector<std::string> files;
  std::filesystem::create_directories(dir.Sub("corpus"));
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d.txt", i);
    std::string path = dir.Sub(std::string("corpus/") + name);
    std::ofstream out(path, std::ios::binary);
    out << texts[i % texts.size()] << "\nThis is copy " << i << " of the filing.\n";
    REQUIRE(out.good());
    files.push_back(path);
  }
  return files;
}

TEST_CASE("ingest: with a slow store, every filing is stored once, in input order, whatever the jobs",
          "[ingest][pipeline]") {
  TempDir dir;
  // More files than the ring holds at --jobs 3 (3 x 128), so it wraps.
  const int kFiles = 450;
  std::vector<std::string> files = WriteCorpus(dir, kFiles);

  // The id of each file's filing, in input order.
  std::vector<std::string> expected;
  for (const std::string& f : files) {
    Result<Document> doc = ReadFiling(std::filesystem::path(f).filename().string(), Slurp(f));
    REQUIRE(doc.ok());
    expected.push_back(FilingId(*doc));
  }
  REQUIRE(std::set<std::string>(expected.begin(), expected.end()).size() == expected.size());

  StoreCounts first_counts{};
  for (int jobs : {1, 3}) {
    INFO("--jobs " << jobs);
    Result<std::unique_ptr<RocksStore>> rocks = RocksStore::Open(dir.Sub("j" + std::to_string(jobs) + ".db"), StoreOptions{});
    REQUIRE(rocks.ok());
    SlowStore store(rocks->get());
    IngestOptions options;
    options.jobs = jobs;
    std::ostringstream diag;
    IngestSummary summary;
    Status s = Ingest(store, {dir.path() + "/corpus"}, options, diag, &summary);
    REQUIRE(s.ok());
    CHECK(diag.str() == "");
    CHECK(summary.filings_added == kFiles);
    CHECK(summary.failed == 0);

    // Each filing once, and in the order of the files: the extract of file i
    // carries the id of file i's text.
    REQUIRE(store.added.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      INFO("file " << i);
      REQUIRE(store.added[i] == expected[i]);
    }
    if (jobs == 1) {
      first_counts = store.Counts();
    } else {
      StoreCounts c = store.Counts();
      CHECK(c.filings == first_counts.filings);
      CHECK(c.entities == first_counts.entities);
      CHECK(c.events == first_counts.events);
      CHECK(c.relations == first_counts.relations);
    }
  }
}

TEST_CASE("ingest: a stop (Ctrl-C) stores the filings in hand, starts no more, and says it was interrupted",
          "[ingest][pipeline]") {
  TempDir dir;
  const int kFiles = 450;
  WriteCorpus(dir, kFiles);
  for (int jobs : {1, 2}) {
    INFO("--jobs " << jobs);
    Result<std::unique_ptr<RocksStore>> store = RocksStore::Open(dir.Sub("s" + std::to_string(jobs) + ".db"), StoreOptions{});
    REQUIRE(store.ok());
    std::atomic<bool> stop{true};  // pressed before the first filing was stored
    IngestOptions options;
    options.jobs = jobs;
    options.stop = &stop;
    std::ostringstream diag;
    IngestSummary summary;
    Status s = Ingest(**store, {dir.path() + "/corpus"}, options, diag, &summary);
    REQUIRE(s.ok());
    CHECK(summary.interrupted);
    // The first run of filings is stored whole, the rest never started.
    CHECK(summary.filings_added > 0);
    CHECK(summary.filings_added < kFiles);
    CHECK((*store)->Counts().filings == summary.filings_added);
    // Not stopped, the same ingest goes on where it stopped.
    IngestSummary rest;
    options.stop = nullptr;
    REQUIRE(Ingest(**store, {dir.path() + "/corpus"}, options, diag, &rest).ok());
    CHECK_FALSE(rest.interrupted);
    CHECK(rest.filings_unchanged == summary.filings_added);
    CHECK(rest.filings_added == kFiles - summary.filings_added);
  }
}

// The read-ahead thread (kAlways here; by default it starts only once reads
// have waited for the disk) runs ahead of the workers over more files than
// its window holds, passes over a FIFO named on the command line without
// waiting for a writer, and changes nothing that is stored.
TEST_CASE("ingest: reading ahead stores the same, and passes over a FIFO", "[ingest][pipeline]") {
  TempDir dir;
  const int kFiles = 450;
  WriteCorpus(dir, kFiles);
  const std::string fifo = dir.Sub("pipe.txt");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

  std::vector<StoreCounts> counts;
  for (IngestOptions::ReadAhead mode : {IngestOptions::ReadAhead::kNever, IngestOptions::ReadAhead::kAlways}) {
    for (int jobs : {1, 2}) {
      INFO("read-ahead " << static_cast<int>(mode) << ", --jobs " << jobs);
      Result<std::unique_ptr<RocksStore>> store =
          RocksStore::Open(dir.Sub("s" + std::to_string(counts.size()) + ".db"), StoreOptions{});
      REQUIRE(store.ok());
      IngestOptions options;
      options.jobs = jobs;
      options.read_ahead = mode;
      std::ostringstream diag;
      IngestSummary summary;
      // The FIFO last, so that the read-ahead gets to it before a worker.
      REQUIRE(Ingest(**store, {dir.path() + "/corpus", fifo}, options, diag, &summary).ok());
      CHECK(diag.str() == "dealgraph: " + fifo + ": not a regular file (a pipe, device or socket)\n");
      CHECK(summary.filings_added == kFiles);
      CHECK(summary.failed == 1);
      counts.push_back((*store)->Counts());
    }
  }
  for (const StoreCounts& c : counts) {
    CHECK(c.filings == kFiles);
    CHECK(c.entities == counts[0].entities);
    CHECK(c.events == counts[0].events);
    CHECK(c.relations == counts[0].relations);
  }
}

}  // namespace
}  // namespace dealgraph
