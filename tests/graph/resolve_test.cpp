// Tests of graph/resolve.h: one company under two names (Apple Computer,
// Inc. in 1999, Apple Inc. in 2024, CIK 320193 both times) is one entity
// whichever filing comes first.
#include "graph/resolve.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "ingest/extract/extractor.h"
#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

std::vector<Entity> OrgsWithCik(const Store& store, const std::string& cik) {
  std::vector<Entity> out;
  for (Entity& e : Must(store.ListEntities(EntityType::kOrganization))) {
    if (e.cik == cik) out.push_back(std::move(e));
  }
  return out;
}

void AddResolved(Store& store, FilingExtract x) {
  Must(ResolveIdentities(store, &x));
  Result<AddStats> added = store.AddFiling(x, false);
  REQUIRE(added.ok());
}

TEST_CASE("resolve: Apple Computer (1999) and Apple Inc. (2024) are one company, in either order",
          "[graph][resolve]") {
  const std::string old_filing = DevFile("11_"), new_filing = DevFile("12_");
  for (bool old_first : {true, false}) {
    INFO("the 1999 filing " << (old_first ? "first" : "second"));
    TempDir dir;
    Result<std::unique_ptr<Store>> store = Store::Open(dir.Sub("g.db"), StoreOptions{});
    REQUIRE(store.ok());
    FilingExtract a = Extract(old_first ? old_filing : new_filing);
    FilingExtract b = Extract(old_first ? new_filing : old_filing);
    AddResolved(**store, a);
    AddResolved(**store, b);
    std::vector<Entity> apple = OrgsWithCik(**store, "0000320193");
    REQUIRE(apple.size() == 1);
    std::vector<Event> history = Must((*store)->EventsOf(apple[0].id, DateRange{}));
    std::vector<std::string> types;
    for (const Event& ev : history) types.push_back(ev.type + " " + ev.date.substr(0, 4));
    CHECK(std::find(types.begin(), types.end(), "litigation 1999") != types.end());
    CHECK(std::find(types.begin(), types.end(), "financial.results 2024") != types.end());
    // The 2024 header's FORMER COMPANY blocks: dated former names, oldest first.
    REQUIRE(apple[0].former_names.size() == 2);
    CHECK(apple[0].former_names[0].name == "APPLE COMPUTER INC");
    CHECK(apple[0].former_names[0].until == "1997-08-08");
    CHECK(apple[0].former_names[1].name == "APPLE INC");
    CHECK(apple[0].former_names[1].until == "2007-01-09");
    // The company goes by its newest name, whichever filing came first; the
    // old one stays an alias.
    CHECK(apple[0].name == "Apple");
    CHECK(std::find(apple[0].aliases.begin(), apple[0].aliases.end(), "Apple Computer") != apple[0].aliases.end());
    // Both filings name the same registrant.
    CHECK((*store)->GetFiling(a.filing.id)->registrant == apple[0].id);
    CHECK((*store)->GetFiling(b.filing.id)->registrant == apple[0].id);
  }
}

TEST_CASE("resolve: a CIK the store does not know changes nothing", "[graph][resolve]") {
  TempDir dir;
  Result<std::unique_ptr<Store>> store = Store::Open(dir.Sub("g.db"), StoreOptions{});
  REQUIRE(store.ok());
  FilingExtract x = Extract(DevFile("12_"));
  FilingExtract before = x;
  CHECK(Must(ResolveIdentities(**store, &x)).empty());
  REQUIRE(x.entities.size() == before.entities.size());
  for (size_t i = 0; i < x.entities.size(); ++i) CHECK(x.entities[i].id == before.entities[i].id);
}

}  // namespace
}  // namespace dealgraph
