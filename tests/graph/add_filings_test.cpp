// Tests of Store::AddFilings: several filings stored in one call (RocksStore
// writes them as few batches) must leave the store byte for byte as
// ResolveIdentities + AddFiling one filing at a time does, on the bundled
// real filings, with duplicates and a bad extract among them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <rocksdb/db.h>
#include <string>
#include <vector>

#include "graph/codec.h"
#include "graph/resolve.h"
#include "graph/store.h"
#include "ingest/extract/extractor.h"
#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

// AddStats as one comparable string.
std::string Describe(const Result<AddStats>& r) {
  if (!r.ok()) return "error: " + r.status().message();
  return std::to_string(r->already_present) + " +" + std::to_string(r->entities_added) + " entities +" +
         std::to_string(r->events_added) + " events ~" + std::to_string(r->events_merged) + " +" +
         std::to_string(r->relations_added) + " relations";
}

struct Stored {
  std::vector<std::string> results;
  std::vector<std::pair<std::string, std::string>> contents;
};

// Stores `extracts` one by one (in_one_call false) or with AddFilings, and
// returns what each call said and every key of the store afterwards.
// `prepare` runs first, on the store's path.
Stored StoreAll(std::vector<FilingExtract> extracts, bool in_one_call,
                const std::function<void(const std::string&)>& prepare = nullptr) {
  TempDir dir;
  std::string path = dir.Sub("g.db");
  if (prepare) prepare(path);
  Stored out;
  {
    std::unique_ptr<Store> store = OpenTestStore(path);
    if (in_one_call) {
      for (const Result<AddStats>& r : store->AddFilings(extracts, false)) out.results.push_back(Describe(r));
    } else {
      for (FilingExtract& x : extracts) {
        Must(ResolveIdentities(*store, &x));
        out.results.push_back(Describe(store->AddFiling(x, false)));
      }
    }
  }
  out.contents = RawStoreContents(path);
  return out;
}

TEST_CASE("AddFilings stores the bundled filings exactly as AddFiling one by one", "[graph][store]") {
  std::vector<FilingExtract> extracts;
  for (const std::string& rel : AllFilings()) extracts.push_back(Extract(rel));
  REQUIRE(extracts.size() >= 16);
  // A filing given twice (the second is already present), and an extract
  // the store refuses (no filing id) between the others.
  extracts.push_back(extracts[2]);
  FilingExtract bad = extracts[5];
  bad.filing.id.clear();
  extracts.insert(extracts.begin() + 7, bad);

  for (bool reversed : {false, true}) {
    INFO((reversed ? "newest file name first" : "oldest file name first"));
    std::vector<FilingExtract> order = extracts;
    if (reversed) std::reverse(order.begin(), order.end());
    Stored one_by_one = StoreAll(order, false);
    Stored together = StoreAll(order, true);
    CHECK(together.results == one_by_one.results);
    CHECK(std::count(together.results.begin(), together.results.end(),
                     "error: filing has no id") == 1);
    CHECK(std::count_if(together.results.begin(), together.results.end(),
                        [](const std::string& r) { return r.rfind("1 ", 0) == 0; }) == 1);
    REQUIRE(together.contents.size() == one_by_one.contents.size());
    CHECK(together.contents == one_by_one.contents);
  }
}

TEST_CASE("AddFilings: Apple Computer (1999) and Apple Inc. (2024) in one call are one company",
          "[graph][store][resolve]") {
  // The second filing's registrant must be found under the name the first
  // one stored, though both are in the same call (and so in one batch
  // unless the store writes the first before resolving the second).
  FilingExtract old_filing = Extract(DevFile("11_")), new_filing = Extract(DevFile("12_"));
  for (bool old_first : {true, false}) {
    INFO("the 1999 filing " << (old_first ? "first" : "second"));
    std::vector<FilingExtract> both{old_first ? old_filing : new_filing, old_first ? new_filing : old_filing};
    Stored together = StoreAll(both, true);
    Stored one_by_one = StoreAll(both, false);
    CHECK(together.contents == one_by_one.contents);
    size_t apples = 0;
    for (const auto& [key, value] : together.contents) {
      // One record per entity (tag 'e'); the CIK is in it.
      if (!key.empty() && key[0] == 'e' && value.find("0000320193") != std::string::npos) ++apples;
    }
    CHECK(apples == 1);
  }
}

TEST_CASE("AddFilings: a filing that cannot be stored fails alone, the ones around it are stored",
          "[graph][store]") {
  // The record of the seeds' registrant (ImmunoGen) is damaged
  // (undecodable), so each seed filing fails with Corruption, half-staged
  // in the batch. The filings before it in the same batch are stored again
  // on their own; those after it go on.
  std::vector<FilingExtract> extracts;
  for (const std::string& rel : AllFilings()) extracts.push_back(Extract(rel));
  const FilingExtract first = extracts[0];
  extracts.erase(extracts.begin());
  std::string damaged = extracts.back().filing.registrant;
  REQUIRE(!damaged.empty());
  auto prepare = [&](const std::string& path) {
    {
      std::unique_ptr<Store> store = OpenTestStore(path);
      REQUIRE(store->AddFiling(first, false).ok());
    }
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::Options(), path, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    REQUIRE(db->Put({}, keys::EntityKey(damaged), "\xE2\x05garbage").ok());
  };
  Stored together = StoreAll(extracts, true, prepare);
  Stored one_by_one = StoreAll(extracts, false, prepare);
  CHECK(together.results == one_by_one.results);
  size_t failed = std::count_if(together.results.begin(), together.results.end(),
                                [](const std::string& r) { return r.rfind("error: ", 0) == 0; });
  CHECK(failed >= 1);
  CHECK(failed < together.results.size() - 5);
  CHECK(together.contents == one_by_one.contents);
}

}  // namespace
}  // namespace dealgraph
