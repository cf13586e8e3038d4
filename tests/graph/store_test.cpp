// Tests of the RocksDB store (graph/store.h, graph/rocks_store.cpp) and its
// codec (graph/codec.h), against real RocksDB in a fresh temp dir per test.
#include "graph/store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "graph/codec.h"
#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

AddStats Add(Store* store, const FilingExtract& x, bool replace = false) {
  Result<AddStats> stats = store->AddFiling(x, replace);
  INFO(stats.status().message());
  REQUIRE(stats.ok());
  return *stats;
}

void RawPut(const std::string& path, const std::string& key, const std::string& value) {
  rocksdb::Options options;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &raw);
  REQUIRE(s.ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  REQUIRE(db->Put(rocksdb::WriteOptions(), key, value).ok());
}

// ---- Realistic data: ImmunoGen, Genentech, Millennium ----------------------

constexpr char kFilingA[] = "0000950135-05-002645";  // ImmunoGen 8-K, renewal
constexpr char kFilingB[] = "0000950135-05-004410";  // ImmunoGen 8-K EX-99.1, later retelling
constexpr char kAgreement[] = "ag:immunogen-genentech-2000-05-02";

Source Src(const std::string& filing, const std::string& item, const std::string& quote,
           const std::string& filed) {
  return Source{filing, item, quote, filed};
}

Entity Org(const std::string& id, const std::string& name, std::vector<std::string> aliases,
           const std::string& cik, const Source& src) {
  Entity e;
  e.id = id;
  e.type = EntityType::kOrganization;
  e.name = name;
  e.aliases = std::move(aliases);
  e.cik = cik;
  e.sources = {src};
  return e;
}

Entity Agreement(const std::string& id, const std::string& name, std::vector<std::string> parties,
                 const Source& src) {
  Entity e;
  e.id = id;
  e.type = EntityType::kAgreement;
  e.name = name;
  e.parties = std::move(parties);
  e.sources = {src};
  return e;
}

Event Ev(const std::string& id, const std::string& type, const std::string& date,
         std::vector<Party> parties, const Source& src) {
  Event e;
  e.id = id;
  e.type = type;
  e.date = date;
  e.parties = std::move(parties);
  e.sources = {src};
  return e;
}

// ImmunoGen's 8-K: Genentech paid $2,000,000 on May 3, 2005 to renew the
// license agreement dated May 2, 2000.
FilingExtract FilingA() {
  FilingExtract x;
  x.filing.id = kFilingA;
  x.filing.name = "immunogen_8k_2005-05-05.txt";
  x.filing.form = "8-K";
  x.filing.registrant = "org:immunogen";
  x.filing.event_date = "2005-05-03";
  x.filing.filed = "2005-05-05";
  x.filing.items = {"1.01", "9.01"};
  x.filing.content_hash = 0x9e3779b97f4a7c15ull;
  Source s = Src(kFilingA, "1.01",
                 "On May 3, 2005, Genentech, Inc. paid ImmunoGen, Inc. $2,000,000 to renew the license "
                 "agreement dated May 2, 2000 for one additional three-year term.",
                 "2005-05-05");
  x.entities.push_back(Org("org:immunogen", "ImmunoGen", {"ImmunoGen, Inc."}, "0000855654", s));
  x.entities.push_back(Org("org:genentech", "Genentech", {"Genentech, Inc."}, "0000318771", s));
  Entity ag = Agreement(kAgreement, "ImmunoGen-Genentech license agreement", {"org:immunogen", "org:genentech"}, s);
  ag.title = "license agreement";
  ag.dated = "2000-05-02";
  ag.expires = "2008-05-02";
  ag.term = "one additional three-year term";
  x.entities.push_back(ag);
  Entity ceo;
  ceo.id = "person:mitchel-sayare";
  ceo.type = EntityType::kPerson;
  ceo.name = "Mitchel Sayare";
  ceo.title = "Chairman and CEO";
  ceo.sources = {Src(kFilingA, "9.01", "Mitchel Sayare, Chairman and CEO", "2005-05-05")};
  x.entities.push_back(ceo);

  Event renewal = Ev("ev:a1b2c3d4e5f60001", "agreement.renewed", "2005-05-03",
                     {{"org:genentech", "licensee"}, {"org:immunogen", "licensor"}}, s);
  renewal.agreement_id = kAgreement;
  renewal.amount = Money{2000000, "USD"};
  renewal.summary = "renewed for one additional three-year term";
  x.events.push_back(renewal);
  Event grant = Ev("ev:a1b2c3d4e5f60002", "license.granted", "2000-05-02",
                   {{"org:genentech", "licensee"}, {"org:immunogen", "licensor"}}, s);
  grant.agreement_id = kAgreement;
  x.events.push_back(grant);

  Relation officer{"officer_of", "person:mitchel-sayare", "org:immunogen", "Chairman and CEO",
                   {ceo.sources.front()}};
  Relation licensee{"licensee_of", "org:genentech", "org:immunogen", "", {s}};
  x.relations = {officer, licensee};
  return x;
}

// A later ImmunoGen press release retelling the renewal at month precision
// without the amount, and reporting a Millennium license. It also knows the
// agreement's renewed expiry.
FilingExtract FilingB(const std::string& renewal_date = "2005-05") {
  FilingExtract x;
  x.filing.id = kFilingB;
  x.filing.name = "immunogen_ex99-1_2005-08-10.htm";
  x.filing.form = "EX-99.1";
  x.filing.registrant = "org:immunogen";
  x.filing.filed = "2005-08-10";
  Source s = Src(kFilingB, "EX-99.1",
                 "In May 2005 Genentech renewed its license to ImmunoGen's TAP technology.", "2005-08-10");
  x.entities.push_back(Org("org:immunogen", "ImmunoGen Inc", {}, "", s));
  x.entities.push_back(Org("org:genentech", "Genentech Inc.", {"DNA"}, "", s));
  x.entities.push_back(
      Org("org:millennium", "Millennium Pharmaceuticals", {"Millennium Pharmaceuticals, Inc."}, "", s));
  Entity ag = Agreement(kAgreement, "TAP license", {"org:immunogen", "org:genentech"}, s);
  ag.expires = "2011-05-02";
  x.entities.push_back(ag);

  Event renewal = Ev("ev:bbbbbbbbbbbb0001", "agreement.renewed", renewal_date,
                     {{"org:immunogen", ""}, {"org:genentech", ""}}, s);
  x.events.push_back(renewal);
  Event millennium = Ev("ev:bbbbbbbbbbbb0002", "license.granted", "2005-07-21",
                        {{"org:millennium", "licensee"}, {"org:immunogen", "licensor"}},
                        Src(kFilingB, "EX-99.1", "On July 21, 2005 ImmunoGen licensed Millennium ...",
                            "2005-08-10"));
  millennium.amount = Money{5000000, "USD"};
  x.events.push_back(millennium);
  x.relations.push_back(Relation{"licensee_of", "org:genentech", "org:immunogen", "licensee", {s}});
  x.relations.push_back(Relation{"licensee_of", "org:millennium", "org:immunogen", "", {s}});
  return x;
}

// A bare filing telling one event; for the matching tests.
FilingExtract OneEventFiling(const std::string& filing_id, const std::string& event_id,
                             const std::string& type, const std::string& date,
                             const std::string& a = "org:millennium", const std::string& b = "org:immunogen") {
  FilingExtract x;
  x.filing.id = filing_id;
  x.filing.form = "8-K";
  x.filing.filed = date.empty() ? "2006-01-15" : date;
  Source s = Src(filing_id, "1.01", "ImmunoGen granted Millennium a license.", x.filing.filed);
  x.entities.push_back(Org(a, a == "org:millennium" ? "Millennium Pharmaceuticals" : a, {}, "", s));
  x.entities.push_back(Org(b, b == "org:immunogen" ? "ImmunoGen" : b, {}, "", s));
  x.events.push_back(Ev(event_id, type, date, {{a, "licensee"}, {b, "licensor"}}, s));
  return x;
}

std::vector<std::string> Ids(const std::vector<Event>& events) {
  std::vector<std::string> ids;
  for (const Event& e : events) ids.push_back(e.id);
  return ids;
}

std::vector<std::string> Dates(const std::vector<Event>& events) {
  std::vector<std::string> dates;
  for (const Event& e : events) dates.push_back(e.date);
  return dates;
}

std::vector<std::string> Filings(const std::vector<Source>& sources) {
  std::vector<std::string> ids;
  for (const Source& s : sources) ids.push_back(s.filing);
  return ids;
}

bool SameSource(const Source& a, const Source& b) {
  return a.filing == b.filing && a.item == b.item && a.quote == b.quote && a.filed == b.filed;
}

bool SameSources(const std::vector<Source>& a, const std::vector<Source>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameSource(a[i], b[i])) return false;
  }
  return true;
}

// ---- Round trip ------------------------------------------------------------

TEST_CASE("store: a filing's info, entities, events and relations come back field for field",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  FilingExtract a = FilingA();
  AddStats stats = Add(store.get(), a);
  CHECK_FALSE(stats.already_present);
  CHECK(stats.entities_added == 4);
  CHECK(stats.events_added == 2);
  CHECK(stats.events_merged == 0);
  CHECK(stats.relations_added == 2);

  Result<FilingInfo> info = store->GetFiling(kFilingA);
  REQUIRE(info.ok());
  CHECK(info->id == a.filing.id);
  CHECK(info->name == a.filing.name);
  CHECK(info->form == "8-K");
  CHECK(info->registrant == "org:immunogen");
  CHECK(info->event_date == "2005-05-03");
  CHECK(info->filed == "2005-05-05");
  CHECK(info->items == std::vector<std::string>{"1.01", "9.01"});
  CHECK(info->amends.empty());
  CHECK(info->content_hash == 0x9e3779b97f4a7c15ull);
  CHECK(store->HasFiling(kFilingA));
  CHECK_FALSE(store->HasFiling(kFilingB));
  REQUIRE(Must(store->ListFilings()).size() == 1);

  Result<Entity> ag = store->GetEntity(kAgreement);
  REQUIRE(ag.ok());
  CHECK(ag->type == EntityType::kAgreement);
  CHECK(ag->name == "ImmunoGen-Genentech license agreement");
  CHECK(ag->title == "license agreement");
  CHECK(ag->dated == "2000-05-02");
  CHECK(ag->expires == "2008-05-02");
  CHECK(ag->term == "one additional three-year term");
  CHECK(ag->parties == std::vector<std::string>{"org:immunogen", "org:genentech"});
  CHECK(SameSources(ag->sources, a.entities[2].sources));

  Result<Entity> genentech = store->GetEntity("org:genentech");
  REQUIRE(genentech.ok());
  CHECK(genentech->name == "Genentech");
  CHECK(genentech->aliases == std::vector<std::string>{"Genentech, Inc."});
  CHECK(genentech->cik == "0000318771");
  Result<Entity> ceo = store->GetEntity("person:mitchel-sayare");
  REQUIRE(ceo.ok());
  CHECK(ceo->type == EntityType::kPerson);
  CHECK(ceo->title == "Chairman and CEO");

  Result<Event> renewal = store->GetEvent("ev:a1b2c3d4e5f60001");
  REQUIRE(renewal.ok());
  const Event& want = a.events[0];
  CHECK(renewal->type == "agreement.renewed");
  CHECK(renewal->date == "2005-05-03");
  REQUIRE(renewal->parties.size() == 2);
  CHECK(renewal->parties[0].entity_id == "org:genentech");
  CHECK(renewal->parties[0].role == "licensee");
  CHECK(renewal->parties[1].entity_id == "org:immunogen");
  CHECK(renewal->parties[1].role == "licensor");
  CHECK(renewal->agreement_id == kAgreement);
  REQUIRE(renewal->amount.has_value());
  CHECK(renewal->amount->value == 2000000.0);
  CHECK(renewal->amount->currency == "USD");
  CHECK_FALSE(renewal->amount->per_share());
  CHECK(renewal->summary == want.summary);
  CHECK(SameSources(renewal->sources, want.sources));

  std::vector<Relation> rels = Must(store->RelationsOf("org:immunogen"));
  REQUIRE(rels.size() == 2);
  std::vector<Relation> all = Must(store->AllRelations());
  REQUIRE(all.size() == 2);
  CHECK(all[0].type == "licensee_of");  // keyed by from: org:genentech < person:...
  CHECK(all[0].from == "org:genentech");
  CHECK(all[1].type == "officer_of");
  CHECK(all[1].role == "Chairman and CEO");
  CHECK(Must(store->RelationsOf("person:mitchel-sayare")).size() == 1);

  StoreCounts counts = store->Counts();
  CHECK(counts.filings == 1);
  CHECK(counts.entities == 4);
  CHECK(counts.events == 2);
  CHECK(counts.relations == 2);
  CHECK(store->FormatVersion() == kStoreFormatVersion);

  CHECK(Must(store->ListEntities(EntityType::kOrganization)).size() == 2);
  CHECK(Must(store->ListEntities(EntityType::kAgreement)).size() == 1);
  CHECK(Must(store->ListEntities(std::nullopt)).size() == 4);
}

TEST_CASE("store: data and counts survive closing and reopening the store", "[graph]") {
  TempDir dir;
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), FilingA());
    Add(store.get(), FilingB());
  }
  auto store = OpenTestStore(dir.path());
  StoreCounts counts = store->Counts();
  CHECK(counts.filings == 2);
  CHECK(counts.entities == 5);
  CHECK(counts.events == 3);
  CHECK(counts.relations == 3);
  CHECK(Must(store->AllEvents()).size() == 3);
  CHECK(store->GetFiling(kFilingB).ok());
}

TEST_CASE("store: an entity header is the entity without its sources", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingA());
  Add(store.get(), FilingB());
  for (const Entity& full : Must(store->ListEntities(std::nullopt))) {
    INFO(full.id);
    Result<Entity> header = store->GetEntityHeader(full.id);
    REQUIRE(header.ok());
    CHECK(header->sources.empty());
    Entity expect = full;
    expect.sources.clear();
    CHECK(EncodeEntity(*header) == EncodeEntity(expect));
  }
  CHECK(store->GetEntityHeader("org:nobody").status().code() == StatusCode::kNotFound);
}

// ---- Idempotence and replace -----------------------------------------------

TEST_CASE("store: adding a filing that is already stored writes nothing", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingA());
  auto before = RawStoreContents(dir.path());
  FilingExtract changed = FilingA();
  changed.events[0].amount = Money{9, "USD"};
  AddStats stats = Add(store.get(), changed);
  CHECK(stats.already_present);
  CHECK(stats.entities_added == 0);
  CHECK(stats.events_added == 0);
  CHECK(store->GetEvent("ev:a1b2c3d4e5f60001")->amount->value == 2000000.0);
  store.reset();
  CHECK(RawStoreContents(dir.path()) == before);
}

TEST_CASE("store: replace swaps a filing's old facts for its new ones", "[graph]") {
  TempDir dir;
  TempDir fresh;
  FilingExtract changed = FilingA();
  changed.events[0].amount = Money{2500000, "USD"};
  changed.entities.pop_back();  // the CEO is no longer mentioned
  changed.relations.erase(changed.relations.begin());
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), FilingA());
    AddStats stats = Add(store.get(), changed, /*replace=*/true);
    CHECK_FALSE(stats.already_present);
    CHECK(store->GetEvent("ev:a1b2c3d4e5f60001")->amount->value == 2500000.0);
    CHECK(store->GetEntity("person:mitchel-sayare").status().code() == StatusCode::kNotFound);
    CHECK(Must(store->RelationsOf("person:mitchel-sayare")).empty());
    StoreCounts counts = store->Counts();
    CHECK(counts.filings == 1);
    CHECK(counts.entities == 3);
    CHECK(counts.events == 2);
    CHECK(counts.relations == 1);
  }
  {
    auto store = OpenTestStore(fresh.path());
    Add(store.get(), changed);
  }
  CHECK(RawStoreContents(dir.path()) == RawStoreContents(fresh.path()));
}

TEST_CASE("store: replacing a filing whose events other filings also tell equals removing and re-adding it",
          "[graph]") {
  FilingExtract changed = FilingA();
  changed.events[0].summary = "renewed through May 2, 2011";
  TempDir dir;
  TempDir fresh;
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), FilingA());
    Add(store.get(), FilingB());
    Add(store.get(), changed, /*replace=*/true);
    // B's telling is now the first, so the renewal carries B's id.
    std::vector<Event> renewals = Must(store->EventsOfType("agreement.renewed", {}));
    REQUIRE(renewals.size() == 1);
    CHECK(renewals[0].id == "ev:bbbbbbbbbbbb0001");
    CHECK(renewals[0].summary == "renewed through May 2, 2011");
    CHECK(Filings(renewals[0].sources) == std::vector<std::string>{kFilingB, kFilingA});
  }
  {
    auto store = OpenTestStore(fresh.path());
    Add(store.get(), FilingB());
    Add(store.get(), changed);
  }
  CHECK(RawStoreContents(dir.path()) == RawStoreContents(fresh.path()));
}

// ---- Merging ---------------------------------------------------------------

TEST_CASE("store: the same event told by two filings is one event with both sources and the precise date",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  // The vaguer telling first: the precise date arrives second and must win.
  Add(store.get(), FilingB());
  AddStats stats = Add(store.get(), FilingA());
  CHECK(stats.events_merged == 1);
  CHECK(stats.events_added == 1);

  std::vector<Event> renewals = Must(store->EventsOfType("agreement.renewed", {}));
  REQUIRE(renewals.size() == 1);
  const Event& e = renewals[0];
  CHECK(e.id == "ev:bbbbbbbbbbbb0001");  // the first stored event keeps its id
  CHECK(e.date == "2005-05-03");
  CHECK(Filings(e.sources) == std::vector<std::string>{kFilingB, kFilingA});
  CHECK(e.agreement_id == kAgreement);  // filled from A
  REQUIRE(e.amount.has_value());
  CHECK(e.amount->value == 2000000.0);
  CHECK(e.summary == "renewed for one additional three-year term");
  REQUIRE(e.parties.size() == 2);
  CHECK(e.parties[0].role == "licensor");  // B's order, A's roles
  CHECK(e.parties[1].role == "licensee");

  // The date-keyed indexes moved with the date.
  CHECK(Ids(Must(store->EventsBetween("org:genentech", "org:immunogen", {"2005-05-03", "2005-05-03"}))) ==
        std::vector<std::string>{"ev:bbbbbbbbbbbb0001"});
  CHECK(Dates(Must(store->EventsOfAgreement(kAgreement))) == std::vector<std::string>{"2000-05-02", "2005-05-03"});
  CHECK(Must(store->AllEvents()).size() == 3);
  CHECK(store->Counts().events == 3);

  Result<Entity> genentech = store->GetEntity("org:genentech");
  REQUIRE(genentech.ok());
  CHECK(genentech->name == "Genentech Inc.");
  CHECK(genentech->aliases == std::vector<std::string>{"DNA", "Genentech", "Genentech, Inc."});
  CHECK(genentech->cik == "0000318771");
  CHECK(Filings(genentech->sources) == std::vector<std::string>{kFilingB, kFilingA});

  Result<Entity> ag = store->GetEntity(kAgreement);
  REQUIRE(ag.ok());
  CHECK(ag->expires == "2011-05-02");  // the later expiry wins
  CHECK(ag->dated == "2000-05-02");    // filled from A

  std::vector<Relation> rels = Must(store->AllRelations());
  REQUIRE(rels.size() == 3);
  CHECK(rels[0].from == "org:genentech");
  CHECK(rels[0].role == "licensee");
  CHECK(Filings(rels[0].sources) == std::vector<std::string>{kFilingB, kFilingA});
}

TEST_CASE("store: license grants of 2005-04 and 2005-12 between the same parties stay two events",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), OneEventFiling("f-april", "ev:0000000000000a04", "license.granted", "2005-04"));
  AddStats second =
      Add(store.get(), OneEventFiling("f-december", "ev:0000000000000a12", "license.granted", "2005-12"));
  CHECK(second.events_added == 1);
  CHECK(second.events_merged == 0);
  CHECK(Dates(Must(store->EventsBetween("org:millennium", "org:immunogen", {}))) ==
        std::vector<std::string>{"2005-04", "2005-12"});

  SECTION("a telling dated only 2005 matches both, so it merges with neither") {
    AddStats s = Add(store.get(), OneEventFiling("f-year", "ev:0000000000002005", "license.granted", "2005"));
    CHECK(s.events_added == 1);
    CHECK(Dates(Must(store->EventsBetween("org:millennium", "org:immunogen", {}))) ==
          std::vector<std::string>{"2005", "2005-04", "2005-12"});
  }
  SECTION("a telling dated 2005-12-14 refines the December grant") {
    AddStats s =
        Add(store.get(), OneEventFiling("f-day", "ev:0000000000051214", "license.granted", "2005-12-14"));
    CHECK(s.events_merged == 1);
    Result<Event> e = store->GetEvent("ev:0000000000000a12");
    REQUIRE(e.ok());
    CHECK(e->date == "2005-12-14");
    CHECK(Filings(e->sources) == std::vector<std::string>{"f-december", "f-day"});
  }
  SECTION("an event of another type or with another party set is not merged") {
    Add(store.get(), OneEventFiling("f-other", "ev:0000000000000b12", "license.terminated", "2005-12"));
    Add(store.get(), OneEventFiling("f-third", "ev:0000000000000c12", "license.granted", "2005-12",
                                    "org:genentech", "org:immunogen"));
    CHECK(Must(store->AllEvents()).size() == 4);
  }
}

// OneEventFiling whose event is told of agreement `ag` (with its entity).
FilingExtract AgreementEventFiling(const std::string& filing_id, const std::string& event_id, const std::string& ag) {
  FilingExtract x = OneEventFiling(filing_id, event_id, "agreement.renewed", "2013-03-18");
  Entity e = Agreement(ag, "Distribution Agreement", {"org:millennium", "org:immunogen"}, x.events[0].sources[0]);
  e.title = "distribution";
  x.entities.push_back(e);
  x.events[0].agreement_id = ag;
  return x;
}

TEST_CASE("store: a renewal told of an agreement known by its year and of the same agreement known by its "
          "title alone is one event, two years or two titles stay two",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  const std::string dated = "ag:immunogen+millennium:distribution:1998";
  Add(store.get(), AgreementEventFiling("f-8k", "ev:00000000000008a1", dated));
  SECTION("the press release beside the 8-K does not give the agreement's date") {
    AddStats s = Add(store.get(), AgreementEventFiling("f-ex99", "ev:00000000000009a1",
                                                       "ag:immunogen+millennium:distribution:distribution-agreement"));
    CHECK(s.events_merged == 1);
    std::vector<Event> all = Must(store->AllEvents());
    REQUIRE(all.size() == 1);
    CHECK(all[0].agreement_id == dated);
    CHECK(Filings(all[0].sources) == std::vector<std::string>{"f-8k", "f-ex99"});
  }
  SECTION("another year is another agreement") {
    AddStats s = Add(store.get(), AgreementEventFiling("f-other", "ev:00000000000009a2",
                                                       "ag:immunogen+millennium:distribution:2004"));
    CHECK(s.events_merged == 0);
    CHECK(Must(store->AllEvents()).size() == 2);
  }
  SECTION("another kind, or other titles without a year, are other agreements") {
    Add(store.get(), AgreementEventFiling("f-supply", "ev:00000000000009a3", "ag:immunogen+millennium:supply:1998"));
    Add(store.get(), AgreementEventFiling("f-t1", "ev:00000000000009a4",
                                          "ag:immunogen+millennium:license:license-agreement"));
    AddStats s = Add(store.get(), AgreementEventFiling("f-t2", "ev:00000000000009a5",
                                                       "ag:immunogen+millennium:license:option-agreement"));
    CHECK(s.events_merged == 0);
    CHECK(Must(store->AllEvents()).size() == 4);
  }
}

TEST_CASE("store: events of one filing that tell the same thing merge into one", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  FilingExtract x = FilingA();
  Event again = x.events[0];
  again.id = "ev:a1b2c3d4e5f6ffff";
  again.date = "2005-05";
  again.amount.reset();
  again.sources = {Src(kFilingA, "EX-99.1", "ImmunoGen announced the renewal.", "2005-05-05")};
  x.events.push_back(again);
  AddStats stats = Add(store.get(), x);
  CHECK(stats.events_added == 2);
  CHECK(stats.events_merged == 0);
  std::vector<Event> renewals = Must(store->EventsOfType("agreement.renewed", {}));
  REQUIRE(renewals.size() == 1);
  CHECK(renewals[0].id == "ev:a1b2c3d4e5f60001");
  CHECK(renewals[0].date == "2005-05-03");
  // One source per part of the filing that tells it: the Item, then the exhibit.
  REQUIRE(renewals[0].sources.size() == 2);
  CHECK(renewals[0].sources[0].item == "1.01");
  CHECK(renewals[0].sources[1].item == "EX-99.1");
  CHECK(renewals[0].sources[1].filing == renewals[0].sources[0].filing);
}

TEST_CASE("store: an event's typed slots come back, and a later telling fills the slots the first left out",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  FilingExtract x = FilingA();
  x.events[0].slots = {Slot{"action", "renewed", ""}, Slot{"counterparty", "Genentech", "org:genentech"}};
  Event again = x.events[0];
  again.id = "ev:a1b2c3d4e5f6ffff";
  again.slots = {Slot{"action", "extended", ""}, Slot{"effective", "2005-05-03", ""}};
  again.sources = {Src(kFilingA, "EX-99.1", "ImmunoGen announced the renewal.", "2005-05-05")};
  x.events.push_back(again);
  Add(store.get(), x);
  Result<Event> ev = store->GetEvent("ev:a1b2c3d4e5f60001");
  REQUIRE(ev.ok());
  REQUIRE(ev->slots.size() == 3);
  CHECK(ev->slots[0].name == "action");
  CHECK(ev->slots[0].value == "renewed");  // the first telling's stays
  CHECK(ev->slots[1].entity_id == "org:genentech");
  CHECK(ev->slots[2].name == "effective");
  CHECK(ev->slots[2].value == "2005-05-03");
  // The other event of the filing has none, and reads back so.
  Result<Event> other = store->GetEvent(x.events[1].id);
  REQUIRE(other.ok());
  CHECK(other->slots.empty());
}

TEST_CASE("store: an event id already used by a different event gets a derived id", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), OneEventFiling("f1", "ev:00000000000000aa", "license.granted", "2005-04"));
  AddStats stats = Add(store.get(), OneEventFiling("f2", "ev:00000000000000aa", "license.terminated", "2006-01"));
  CHECK(stats.events_added == 1);
  std::vector<Event> all = Must(store->AllEvents());
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == "ev:00000000000000aa");
  CHECK(all[0].type == "license.granted");
  CHECK(all[1].id != "ev:00000000000000aa");
  CHECK(all[1].id.starts_with("ev:"));
  CHECK(all[1].id.size() == 19);
}

// ---- Queries ---------------------------------------------------------------

TEST_CASE("store: EventsOf and EventsBetween list events oldest first, undated last, within date ranges",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingA());
  Add(store.get(), FilingB());
  Add(store.get(), OneEventFiling("f-undated", "ev:00000000000000ff", "collaboration.expanded", "",
                                  "org:genentech", "org:immunogen"));
  Add(store.get(), OneEventFiling("f-year", "ev:0000000000002005", "collaboration.expanded", "2005",
                                  "org:genentech", "org:immunogen"));

  // The renewal is told by A (2005-05-03) and B (2005-05): one event.
  CHECK(Dates(Must(store->EventsOf("org:immunogen", {}))) ==
        std::vector<std::string>{"2000-05-02", "2005", "2005-05-03", "2005-07-21", ""});
  CHECK(Dates(Must(store->EventsBetween("org:genentech", "org:immunogen", {}))) ==
        std::vector<std::string>{"2000-05-02", "2005", "2005-05-03", ""});
  CHECK(Ids(Must(store->EventsBetween("org:immunogen", "org:genentech", {}))) ==
        Ids(Must(store->EventsBetween("org:genentech", "org:immunogen", {}))));
  CHECK(Must(store->EventsBetween("org:genentech", "org:millennium", {})).empty());

  // "2005" to "2005" takes every date in 2005 at any precision, never undated.
  CHECK(Dates(Must(store->EventsOf("org:immunogen", {"2005", "2005"}))) ==
        std::vector<std::string>{"2005", "2005-05-03", "2005-07-21"});
  CHECK(Dates(Must(store->EventsBetween("org:genentech", "org:immunogen", {"2005", "2005"}))) ==
        std::vector<std::string>{"2005", "2005-05-03"});
  // Bounds more precise than a date take the dates that overlap them.
  CHECK(Dates(Must(store->EventsBetween("org:genentech", "org:immunogen", {"2005-05", ""}))) ==
        std::vector<std::string>{"2005", "2005-05-03"});
  CHECK(Dates(Must(store->EventsOf("org:immunogen", {"", "2005-06"}))) ==
        std::vector<std::string>{"2000-05-02", "2005", "2005-05-03"});
  CHECK(Dates(Must(store->EventsOf("org:immunogen", {"2005-05-04", "2005-12-31"}))) ==
        std::vector<std::string>{"2005", "2005-07-21"});
  CHECK(Must(store->EventsOf("org:immunogen", {"2006", "2007"})).empty());
  CHECK(Dates(Must(store->EventsBetween("org:genentech", "org:genentech", {"2005", "2005"}))) ==
        std::vector<std::string>{"2005", "2005-05-03"});

  CHECK(Dates(Must(store->EventsOfPartyAndType("org:immunogen", "license.granted"))) ==
        std::vector<std::string>{"2000-05-02", "2005-07-21"});
  CHECK(Dates(Must(store->EventsOfType("collaboration.expanded", {}))) == std::vector<std::string>{"2005", ""});
  CHECK(Dates(Must(store->EventsOfType("collaboration.expanded", {"2000", "2010"}))) ==
        std::vector<std::string>{"2005"});
  CHECK(Dates(Must(store->EventsOfAgreement(kAgreement))) == std::vector<std::string>{"2000-05-02", "2005-05-03"});
  CHECK(Dates(Must(store->AllEvents())) ==
        std::vector<std::string>{"2000-05-02", "2005", "2005-05-03", "2005-07-21", ""});
  CHECK(Must(store->EventsOf("org:nobody", {})).empty());
  CHECK(Must(store->EventsOfAgreement("ag:unknown")).empty());
}

TEST_CASE("store: EventsOfAgreements reads many agreements' stories in one pass, each whole and in order",
          "[graph]") {
  // 120 agreements whose ids share prefixes ("ag:deal-1", "ag:deal-10",
  // "ag:deal-100"), 1 to 6 events each with sentence-length quotes, so that
  // their k/ entries span many data blocks once compacted: the batched read
  // must stop at each agreement's end and pick the next one up wherever it
  // lies, in the caller's order, unknown ids giving empty stories.
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  std::vector<std::string> ids;
  std::map<std::string, std::vector<std::string>> planted;
  for (int a = 0; a < 120; ++a) {
    std::string ag_id = "ag:deal-" + std::to_string(a);
    ids.push_back(ag_id);
    for (int k = 0; k <= a % 6; ++k) {
      char ev_id[32];
      std::snprintf(ev_id, sizeof ev_id, "ev:%016x", a * 16 + k);
      std::string filing = "f-" + std::to_string(a) + "-" + std::to_string(k);
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + k, 1 + a / 28, 1 + a % 28);
      FilingExtract x = OneEventFiling(filing, ev_id, k == 0 ? "agreement.entered" : "agreement.amended", date,
                                       "org:genentech", "org:immunogen");
      x.events[0].agreement_id = ag_id;
      x.events[0].sources[0].quote = "On this date the parties amended agreement " + ag_id + " for the " +
                                     std::to_string(k) + "th time, changing the royalty rates and the territory " +
                                     std::string(120, 'x');
      Add(store.get(), x);
      planted[ag_id].push_back(ev_id);
    }
  }
  REQUIRE(store->Compact().ok());
  std::vector<std::string> asked = ids;
  std::mt19937 rng(5);
  std::shuffle(asked.begin(), asked.end(), rng);
  asked.insert(asked.begin() + 7, "ag:deal-999");  // not stored
  asked.push_back("ag:deal-");                       // a prefix of every id, not an id
  std::vector<std::vector<Event>> got = Must(store->EventsOfAgreements(asked));
  REQUIRE(got.size() == asked.size());
  for (size_t i = 0; i < asked.size(); ++i) {
    INFO(asked[i]);
    std::vector<std::string> want = planted.count(asked[i]) ? planted[asked[i]] : std::vector<std::string>{};
    CHECK(Ids(got[i]) == want);  // planted oldest first, as the index sorts them
    CHECK(Ids(Must(store->EventsOfAgreement(asked[i]))) == want);
    for (const Event& ev : got[i]) CHECK(ev.agreement_id == asked[i]);
  }
}

TEST_CASE("store: scans find every key whether it sits in the memtable, in several fresh files or in one "
          "compacted file", "[graph]") {
  // Seeks within one first component ("p\0org:a\0") consult the table
  // files' prefix filters; ids that are prefixes of each other ("org:a",
  // "org:ab", "org:abc"; "ag:x", "ag:xy") and a partial-name search must
  // still find exactly the keys planted, from every file.
  TempDir dir;
  const std::vector<std::string> orgs = {"org:a", "org:ab", "org:abc", "org:b"};
  std::map<std::string, int> told;  // entity -> events naming it
  std::map<std::string, int> per_agreement;
  int n = 0;
  auto add_round = [&](Store* store) {
    for (size_t i = 0; i < orgs.size(); ++i) {
      for (size_t j = 0; j < orgs.size(); ++j) {
        if (i == j) continue;
        char ev_id[32], date[16];
        std::snprintf(ev_id, sizeof ev_id, "ev:%016x", n);
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2001 + n / 300, 1 + n / 28 % 12, 1 + n % 28);
        FilingExtract x = OneEventFiling("f-" + std::to_string(n), ev_id, "agreement.amended", date, orgs[i], orgs[j]);
        std::string ag = n % 2 ? "ag:x" : "ag:xy";
        x.events[0].agreement_id = ag;
        Add(store, x);
        ++told[orgs[i]];
        ++told[orgs[j]];
        ++per_agreement[ag];
        ++n;
      }
    }
  };
  auto describe = [&](const Store& store) {
    std::ostringstream out;
    for (const std::string& a : orgs) {
      out << a << ":" << Must(store.EventsOf(a, {})).size() << ";";
      for (const std::string& b : orgs) out << Ids(Must(store.EventsBetween(a, b, {}))).size() << ",";
      for (const Entity& e : Must(store.FindEntities(a))) out << e.id << " ";
    }
    for (const char* ag : {"ag:x", "ag:xy", "ag:"}) {
      for (const std::string& id : Ids(Must(store.EventsOfAgreement(ag)))) out << id << " ";
      out << "|";
    }
    for (const Entity& e : Must(store.ListEntities(std::nullopt))) out << e.id << " ";
    out << Must(store.AllEvents()).size();
    // Listings read the entities' sources with one walking iterator: each
    // must come out as GetEntity reads it, sources (dozens each) and all.
    for (std::optional<EntityType> type : {std::optional<EntityType>(), std::optional(EntityType::kOrganization)}) {
      for (const Entity& e : Must(store.ListEntities(type))) {
        Result<Entity> one = store.GetEntity(e.id);
        REQUIRE(one.ok());
        CHECK(e.sources.size() == one->sources.size());
        CHECK(EncodeEntity(e) == EncodeEntity(*one));
      }
    }
    return out.str();
  };
  std::string spread;
  {
    auto store = OpenTestStore(dir.path());
    for (int round = 0; round < 3; ++round) {
      add_round(store.get());
      store.reset();  // closing flushes the memtable: one more table file per round
      store = OpenTestStore(dir.path());
    }
    add_round(store.get());  // the last round stays in the memtable
    for (const std::string& a : orgs) CHECK(Must(store->EventsOf(a, {})).size() == static_cast<size_t>(told[a]));
    CHECK(Must(store->EventsBetween("org:a", "org:ab", {})).size() == 8);  // 4 rounds, both orders
    CHECK(Must(store->EventsOfAgreement("ag:x")).size() == static_cast<size_t>(per_agreement["ag:x"]));
    CHECK(Must(store->EventsOfAgreement("ag:xy")).size() == static_cast<size_t>(per_agreement["ag:xy"]));
    CHECK(Must(store->EventsOfAgreement("ag:")).empty());
    CHECK(Must(store->FindEntities("org:a")).size() == 1);  // exact: not org:ab
    CHECK(Must(store->AllEvents()).size() == static_cast<size_t>(n));
    spread = describe(*store);
    REQUIRE(store->Compact().ok());
    CHECK(describe(*store) == spread);
  }
  auto read_only = OpenTestStore(dir.path(), /*read_only=*/true);
  CHECK(describe(*read_only) == spread);
}

// Table files at `level` of the store at `path`, as a read-only RocksDB
// open sees them (the writer may still hold the store).
int FilesAtLevel(const std::string& path, int level) {
  std::unique_ptr<rocksdb::DB> db = OpenRawReadOnly(path);
  std::string n;
  REQUIRE(db->GetProperty("rocksdb.num-files-at-level" + std::to_string(level), &n));
  return std::stoi(n);
}

TEST_CASE("store: Settle moves a big write's level-0 files down and leaves a small write's, reading the "
          "same before and after", "[graph]") {
  TempDir dir;
  int n = 0;
  auto add_round = [&](Store* store) {
    for (int i = 0; i < 40; ++i, ++n) {
      char ev_id[32], date[16];
      std::snprintf(ev_id, sizeof ev_id, "ev:%016x", n);
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2001 + n / 300, 1 + n / 28 % 12, 1 + n % 28);
      Add(store, OneEventFiling("f-" + std::to_string(n), ev_id, "agreement.renewed", date,
                                n % 3 ? "org:genentech" : "org:millennium", "org:immunogen"));
    }
  };
  auto describe = [](const Store& store) {
    std::ostringstream out;
    for (const char* a : {"org:genentech", "org:millennium", "org:immunogen"}) {
      for (const Event& e : Must(store.EventsOf(a, {}))) out << e.id << e.date << " ";
      out << "|";
    }
    out << Must(store.AllEvents()).size() << " " << Must(store.ListEntities(std::nullopt)).size();
    return out.str();
  };
  // Each close flushes: one level-0 file per round (RocksDB compacts level
  // 0 on its own only from 4 files).
  for (int round = 0; round < 2; ++round) {
    auto store = OpenTestStore(dir.path());
    add_round(store.get());
  }
  REQUIRE(FilesAtLevel(dir.path(), 0) == 2);

  // A write smaller than settle_min_bytes (64 MiB by default): nothing moves.
  {
    auto store = OpenTestStore(dir.path());
    add_round(store.get());
    REQUIRE(store->Settle().ok());
    CHECK(FilesAtLevel(dir.path(), 0) == 2);
  }
  REQUIRE(FilesAtLevel(dir.path(), 0) == 3);

  StoreOptions big;
  big.settle_min_bytes = 0;
  Result<std::unique_ptr<Store>> opened = Store::Open(dir.path(), big);
  REQUIRE(opened.ok());
  std::unique_ptr<Store> store = std::move(opened).value();
  add_round(store.get());
  std::string before = describe(*store);
  REQUIRE(store->Settle().ok());
  CHECK(FilesAtLevel(dir.path(), 0) == 0);
  CHECK(describe(*store) == before);
  store.reset();
  CHECK(describe(*OpenTestStore(dir.path(), /*read_only=*/true)) == before);
  CHECK(Must(OpenTestStore(dir.path(), true)->AllEvents()).size() == 160);

  // A first ingest (most of the store written by this open) ends in one
  // sorted run at the last level.
  TempDir fresh;
  {
    Result<std::unique_ptr<Store>> first = Store::Open(fresh.path(), big);
    REQUIRE(first.ok());
    std::unique_ptr<Store> s1 = std::move(first).value();
    n = 0;
    add_round(s1.get());
    REQUIRE(s1->Settle().ok());
    for (int level = 0; level < 6; ++level) {
      INFO("level " << level);
      CHECK(FilesAtLevel(fresh.path(), level) == 0);
    }
    CHECK(FilesAtLevel(fresh.path(), 6) == 1);
    CHECK(Must(s1->AllEvents()).size() == 40);
  }
}

// The write-ahead log files in the store at `path`, and how many are empty.
std::pair<int, int> WalFiles(const std::string& path) {
  int all = 0, empty = 0;
  for (const auto& f : std::filesystem::directory_iterator(path)) {
    if (f.path().extension() != ".log") continue;
    ++all;
    if (f.file_size() == 0) ++empty;
  }
  return {all, empty};
}

TEST_CASE("store: writable opens that write nothing leave no empty write-ahead logs behind", "[graph]") {
  // RocksDB 7.8 starts a log per writable open and kept the empty ones of
  // earlier opens: one more file per ingest that found nothing new.
  TempDir dir;
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), OneEventFiling("f-1", "ev:0000000000000001", "agreement.renewed", "2005-05-03",
                                    "org:genentech", "org:immunogen"));
  }
  for (int i = 0; i < 4; ++i) {
    auto store = OpenTestStore(dir.path());
    CHECK(WalFiles(dir.path()).first == 1);  // the log of this open only
  }
  CHECK(WalFiles(dir.path()).first <= 1);
  // A read-only open while a writer holds the store still reads it; the
  // writer's own (empty) log stays.
  auto writer = OpenTestStore(dir.path());
  auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
  CHECK(reader->Counts().events == 1);
  CHECK(WalFiles(dir.path()) == std::make_pair(1, 1));
  // The log in use fills; only empty logs of earlier opens are dropped.
  Add(writer.get(), OneEventFiling("f-2", "ev:0000000000000002", "agreement.renewed", "2006-05-03",
                                   "org:genentech", "org:immunogen"));
  CHECK(WalFiles(dir.path()).second == 0);
}

TEST_CASE("store: an 8-K/A's amount replaces the amount of the report it amends, in either order, and "
          "removing the amendment brings the first back", "[graph]") {
  auto report = [](const std::string& id, const std::string& form, double amount) {
    FilingExtract x = OneEventFiling(id, "ev:00000000000000aa", "payment", "2005-05-03", "org:genentech",
                                     "org:immunogen");
    x.filing.form = form;
    x.filing.filed = form == "8-K" ? "2005-05-05" : "2005-06-01";
    x.events[0].amount = Money{amount, "USD"};
    return x;
  };
  auto amount_of = [](const Store& store) {
    std::vector<Event> evs = Must(store.EventsOfType("payment", {}));
    REQUIRE(evs.size() == 1);
    REQUIRE(evs[0].amount.has_value());
    CHECK(evs[0].sources.size() == static_cast<size_t>(store.Counts().filings));
    return evs[0].amount->value;
  };
  for (bool amendment_first : {false, true}) {
    INFO("amendment added first: " << amendment_first);
    TempDir dir;
    auto store = OpenTestStore(dir.path());
    FilingExtract original = report("f-8k", "8-K", 2000000), amended = report("f-8ka", "8-K/A", 2500000);
    Add(store.get(), amendment_first ? amended : original);
    Add(store.get(), amendment_first ? original : amended);
    CHECK(amount_of(*store) == 2500000);
    REQUIRE(store->RemoveFiling("f-8ka").ok());
    CHECK(amount_of(*store) == 2000000);
  }
  // Two plain reports: the first amount told stays.
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), report("f-1", "8-K", 2000000));
  Add(store.get(), report("f-2", "8-K", 2500000));
  CHECK(amount_of(*store) == 2000000);
}

TEST_CASE("store: DateRange compares dates at the precision of the less precise side", "[graph]") {
  DateRange y2005{"2005", "2005"};
  CHECK(y2005.Contains("2005-05-03"));
  CHECK(y2005.Contains("2005"));
  CHECK_FALSE(y2005.Contains("2004-12-31"));
  CHECK_FALSE(y2005.Contains("2006-01"));
  CHECK_FALSE(y2005.Contains(""));
  DateRange from_june{"2005-06", ""};
  CHECK(from_june.Contains("2005"));
  CHECK(from_june.Contains("2005-06-30"));
  CHECK_FALSE(from_june.Contains("2005-05-31"));
  CHECK(DateRange{}.Contains(""));
  CHECK(DateRange{}.unbounded());
}

TEST_CASE("store: an entity keeps at most kMaxAliases names, with a warning, and no CIK that is not one",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  auto filing = [](int i, std::vector<std::string> aliases, const std::string& cik) {
    FilingExtract x;
    x.filing.id = "f-" + std::to_string(i);
    x.filing.form = "8-K";
    x.filing.filed = "2006-01-15";
    Source s = Src(x.filing.id, "8.01", "Acme Corp. said so.", x.filing.filed);
    x.entities.push_back(Org("org:acme", "Acme Corp.", std::move(aliases), cik, s));
    return x;
  };
  // A negative, a too long and a non-numeric key are no keys.
  CHECK(Add(store.get(), filing(0, {}, "-5")).warnings.empty());
  CHECK(Must(store->GetEntity("org:acme")).cik.empty());
  Add(store.get(), filing(1, {}, "12345678901"));
  Add(store.get(), filing(2, {}, "ACME"));
  CHECK(Must(store->GetEntity("org:acme")).cik.empty());
  Add(store.get(), filing(3, {}, "0000855654"));
  CHECK(Must(store->GetEntity("org:acme")).cik == "0000855654");

  // One new name a filing: the store stops at kMaxAliases and says so on
  // the filing that brought one too many, and on each after.
  int warned_at = -1;
  for (int i = 0; i < static_cast<int>(kMaxAliases) + 20; ++i) {
    AddStats st = Add(store.get(), filing(100 + i, {"Acme name " + std::to_string(i)}, ""));
    if (!st.warnings.empty() && warned_at < 0) {
      warned_at = i;
      CHECK(st.warnings[0].find("entity org:acme keeps absorbing names") == 0);
    }
  }
  CHECK(warned_at == static_cast<int>(kMaxAliases));
  Entity acme = Must(store->GetEntity("org:acme"));
  CHECK(acme.aliases.size() == kMaxAliases);
  CHECK(acme.aliases.front() == "Acme name 0");  // the first names stay
  CHECK(Must(store->GetEntity("org:acme")).sources.size() == kMaxAliases + 24);  // every telling is a source

  // One filing with thousands of names for one entity keeps kMaxAliases of them.
  std::vector<std::string> many;
  for (int i = 0; i < 5000; ++i) many.push_back("Beta name " + std::to_string(i));
  FilingExtract big = filing(9999, many, "");
  big.entities[0].id = "org:beta";
  big.entities[0].name = "Beta";
  AddStats st = Add(store.get(), big);
  REQUIRE(st.warnings.size() == 1);
  CHECK(st.warnings[0].find(": 4744 more not kept (at most 256 aliases") != std::string::npos);
  CHECK(Must(store->GetEntity("org:beta")).aliases.size() == kMaxAliases);
}

TEST_CASE("store: FindEntities finds by alias and by name with corporate suffixes folded", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingA());
  Add(store.get(), FilingB());

  std::vector<Entity> hits = Must(store->FindEntities("genentech inc"));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == "org:genentech");
  CHECK(Must(store->FindEntities("GENENTECH, INC."))[0].id == "org:genentech");
  CHECK(Must(store->FindEntities("DNA"))[0].id == "org:genentech");
  CHECK(Must(store->FindEntities("The Millennium Pharmaceuticals Inc."))[0].id == "org:millennium");
  CHECK(Must(store->FindEntities("Mitchel Sayare"))[0].id == "person:mitchel-sayare");

  SECTION("with no exact match, names that start with the query are found") {
    std::vector<Entity> prefix = Must(store->FindEntities("Millen"));
    REQUIRE(prefix.size() == 1);
    CHECK(prefix[0].id == "org:millennium");
    CHECK(Must(store->FindEntities("immuno"))[0].id == "org:immunogen");
  }
  SECTION("nothing is found for an unknown or empty name") {
    CHECK(Must(store->FindEntities("Biogen")).empty());
    CHECK(Must(store->FindEntities("Inc.")).empty());
    CHECK(Must(store->FindEntities("")).empty());
  }
  SECTION("an entity gone with its filing is no longer found") {
    REQUIRE(store->RemoveFiling(kFilingB).ok());
    CHECK(Must(store->FindEntities("Millennium")).empty());
    CHECK(Must(store->FindEntities("DNA")).empty());
    CHECK(Must(store->FindEntities("Genentech"))[0].id == "org:genentech");
  }
}

TEST_CASE("store: FoldName lowers case, drops punctuation, a leading 'the' and corporate suffixes",
          "[graph]") {
  CHECK(FoldName("The Buckle, Inc.") == "buckle");
  CHECK(FoldName("Genentech, Inc.") == "genentech");
  CHECK(FoldName("genentech inc") == "genentech");
  CHECK(FoldName("Millennium Pharmaceuticals, Inc.") == "millennium pharmaceuticals");
  CHECK(FoldName("Biogen Holdings Group Ltd") == "biogen");
  CHECK(FoldName("Johnson & Johnson") == "johnson & johnson");
  CHECK(FoldName("AT&T Corp.") == "at&t");
  CHECK(FoldName("Nestl\xC3\xA9 S.A.") == "nestle");
  CHECK(FoldName("Acme L.L.C.") == "acme");
  CHECK(FoldName("Smith & Co.") == "smith");
  CHECK(FoldName("  1-800-Flowers.com,   Inc. ") == "1 800 flowers com");
  CHECK(FoldName("The Company") == "company");
  CHECK(FoldName("Group") == "group");
  CHECK(FoldName("...") == "");
}

// ---- Removal ---------------------------------------------------------------

TEST_CASE("store: removing a filing leaves the store as if it had never been added", "[graph]") {
  TempDir only_a;
  {
    auto store = OpenTestStore(only_a.path());
    Add(store.get(), FilingA());
  }
  auto expected = RawStoreContents(only_a.path());

  SECTION("added after the filing that stays") {
    TempDir dir;
    {
      auto store = OpenTestStore(dir.path());
      Add(store.get(), FilingA());
      Add(store.get(), FilingB("2005-05-03"));
      REQUIRE(store->RemoveFiling(kFilingB).ok());
      CHECK_FALSE(store->HasFiling(kFilingB));
      CHECK(store->GetEntity("org:millennium").status().code() == StatusCode::kNotFound);
      CHECK(store->GetEntity(kAgreement)->expires == "2008-05-02");
      CHECK(store->GetEntity("org:genentech")->aliases == std::vector<std::string>{"Genentech, Inc."});
      StoreCounts counts = store->Counts();
      CHECK(counts.filings == 1);
      CHECK(counts.entities == 4);
      CHECK(counts.events == 2);
      CHECK(counts.relations == 2);
    }
    CHECK(RawStoreContents(dir.path()) == expected);
  }
  SECTION("added before the filing that stays, so the merged event was first stored from it") {
    TempDir dir;
    {
      auto store = OpenTestStore(dir.path());
      Add(store.get(), FilingB());
      Add(store.get(), FilingA());
      REQUIRE(store->RemoveFiling(kFilingB).ok());
      Result<Event> renewal = store->GetEvent("ev:a1b2c3d4e5f60001");
      REQUIRE(renewal.ok());
      CHECK(Filings(renewal->sources) == std::vector<std::string>{kFilingA});
      CHECK(store->GetEvent("ev:bbbbbbbbbbbb0001").status().code() == StatusCode::kNotFound);
    }
    CHECK(RawStoreContents(dir.path()) == expected);
  }
}

TEST_CASE("store: removing the middle one of three filings equals adding only the other two", "[graph]") {
  // Genentech's own 8-K retells the renewal on the same day.
  FilingExtract c = OneEventFiling("0000318771-05-000021", "ev:cccccccccccc0001", "agreement.renewed",
                                   "2005-05-03", "org:genentech", "org:immunogen");
  c.entities[0] = Org("org:genentech", "Genentech, Inc.", {"Genentech"}, "0000318771", c.events[0].sources[0]);
  TempDir expected_dir;
  {
    auto store = OpenTestStore(expected_dir.path());
    Add(store.get(), FilingA());
    Add(store.get(), c);
  }
  TempDir dir;
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), FilingA());
    Add(store.get(), FilingB());
    AddStats stats = Add(store.get(), c);
    CHECK(stats.events_merged == 1);
    REQUIRE(Filings(store->GetEvent("ev:a1b2c3d4e5f60001")->sources) ==
            std::vector<std::string>{kFilingA, kFilingB, "0000318771-05-000021"});
    REQUIRE(store->RemoveFiling(kFilingB).ok());
  }
  CHECK(RawStoreContents(dir.path()) == RawStoreContents(expected_dir.path()));
}

TEST_CASE("store: when the precise date came only from the removed filing, the event falls back",
          "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingB("2005-05"));
  FilingExtract a = FilingA();
  Add(store.get(), a);
  REQUIRE(store->GetEvent("ev:bbbbbbbbbbbb0001")->date == "2005-05-03");
  REQUIRE(store->RemoveFiling(kFilingA).ok());
  Result<Event> renewal = store->GetEvent("ev:bbbbbbbbbbbb0001");
  REQUIRE(renewal.ok());
  CHECK(renewal->date == "2005-05");
  CHECK_FALSE(renewal->amount.has_value());
  CHECK(renewal->agreement_id.empty());
  CHECK(Filings(renewal->sources) == std::vector<std::string>{kFilingB});
  CHECK(Must(store->EventsBetween("org:genentech", "org:immunogen", {"2005-05-03", "2005-05-03"})).size() == 1);
  CHECK(Dates(Must(store->EventsOf("org:genentech", {}))) == std::vector<std::string>{"2005-05"});
  CHECK(Must(store->RelationsOf("person:mitchel-sayare")).empty());
  CHECK(store->Counts().events == 2);
}

TEST_CASE("store: removing a filing that is not stored is NotFound", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Status s = store->RemoveFiling("0000000000-00-000000");
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(store->GetFiling("0000000000-00-000000").status().code() == StatusCode::kNotFound);
}

// ---- Opening ---------------------------------------------------------------

TEST_CASE("store: a store written by a newer format version is refused, naming both versions", "[graph]") {
  TempDir dir;
  { auto store = OpenTestStore(dir.path()); }
  RawPut(dir.path(), std::string(keys::kVersionKey), "99");
  Result<std::unique_ptr<Store>> store = Store::Open(dir.path(), StoreOptions{});
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kUnsupported);
  CHECK_THAT(store.status().message(), Catch::Contains("99"));
  CHECK_THAT(store.status().message(), Catch::Contains("version " + std::to_string(kStoreFormatVersion)));
  StoreOptions read_only;
  read_only.read_only = true;
  CHECK(Store::Open(dir.path(), read_only).status().code() == StatusCode::kUnsupported);
}

TEST_CASE("store: a second writer gets Busy while the first holds the store", "[graph]") {
  TempDir dir;
  auto first = OpenTestStore(dir.path());
  Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), StoreOptions{});
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == StatusCode::kBusy);
  CHECK_THAT(second.status().message(),
             Catch::StartsWith("store " + dir.path() + " is being written by process " + std::to_string(::getpid())));
  first.reset();
  CHECK(Store::Open(dir.path(), StoreOptions{}).ok());
}

TEST_CASE("store: a read-only open sees the data, even while a writer holds the store", "[graph]") {
  TempDir dir;
  auto writer = OpenTestStore(dir.path());
  Add(writer.get(), FilingA());
  writer.reset();
  writer = OpenTestStore(dir.path());
  auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
  CHECK(reader->HasFiling(kFilingA));
  CHECK(reader->GetEvent("ev:a1b2c3d4e5f60001")->amount->value == 2000000.0);
  CHECK(Must(reader->AllEvents()).size() == 2);
  CHECK(reader->Counts().events == 2);
  CHECK(Must(reader->FindEntities("Genentech, Inc.")).size() == 1);
  CHECK(reader->AddFiling(FilingB(), false).status().code() == StatusCode::kInvalidArgument);
  CHECK(reader->RemoveFiling(kFilingA).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("store: opening a missing store without creation is NotFound", "[graph]") {
  TempDir dir;
  StoreOptions read_only;
  read_only.read_only = true;
  CHECK(Store::Open(dir.path(), read_only).status().code() == StatusCode::kNotFound);
  StoreOptions no_create;
  no_create.create_if_missing = false;
  CHECK(Store::Open(dir.path(), no_create).status().code() == StatusCode::kNotFound);
}

TEST_CASE("store: a RocksDB database that is not a dealgraph store is refused", "[graph]") {
  TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
  REQUIRE(raw->Put(rocksdb::WriteOptions(), "hello", "world").ok());
  delete raw;
  Result<std::unique_ptr<Store>> store = Store::Open(dir.path(), StoreOptions{});
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kCorruption);
}

// ---- Damage ----------------------------------------------------------------

TEST_CASE("store: a damaged stored value is reported as Corruption, not a crash", "[graph]") {
  TempDir dir;
  {
    auto store = OpenTestStore(dir.path());
    Add(store.get(), FilingA());
  }
  RawPut(dir.path(), keys::EventKey("ev:a1b2c3d4e5f60001"), std::string("\xE2\x05ev:a1", 7));
  RawPut(dir.path(), keys::EntityKey("org:genentech"), "not an entity");
  auto store = OpenTestStore(dir.path());
  Result<Event> e = store->GetEvent("ev:a1b2c3d4e5f60001");
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().code() == StatusCode::kCorruption);
  CHECK(store->GetEntity("org:genentech").status().code() == StatusCode::kCorruption);
  // Listings fail on what they cannot read (never a shorter answer), in
  // one line naming the store, the record and what to do.
  for (const Status& listing : {store->AllEvents().status(), store->ListEntities(std::nullopt).status(),
                                store->EventsOf("org:genentech", DateRange{}).status()}) {
    CHECK(listing.code() == StatusCode::kCorruption);
    CHECK(listing.message().find("store " + dir.path() + " is damaged") != std::string::npos);
    CHECK(listing.message().find("dealgraph check --db " + dir.path()) != std::string::npos);
    CHECK(listing.message().find('\n') == std::string::npos);
  }
  // Writes that would have to read the damaged records fail cleanly.
  Status removed = store->RemoveFiling(kFilingA);
  CHECK(removed.code() == StatusCode::kCorruption);
  CHECK(store->HasFiling(kFilingA));
}

TEST_CASE("store: every truncation and many byte flips of encoded records decode to an error or a value",
          "[graph]") {
  FilingExtract x = FilingA();
  std::string bytes = EncodeFilingExtract(x);
  Result<FilingExtract> back = DecodeFilingExtract(bytes);
  REQUIRE(back.ok());
  CHECK(EncodeFilingExtract(*back) == bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    Result<FilingExtract> cut = DecodeFilingExtract(std::string_view(bytes).substr(0, n));
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.status().code() == StatusCode::kCorruption);
  }
  CHECK(DecodeFilingExtract(bytes + "x").status().code() == StatusCode::kCorruption);
  std::mt19937 rng(42);
  for (int i = 0; i < 2000; ++i) {
    std::string damaged = bytes;
    damaged[rng() % damaged.size()] = static_cast<char>(rng());
    Result<FilingExtract> r = DecodeFilingExtract(damaged);  // must not crash or throw
    if (!r.ok()) CHECK(r.status().code() == StatusCode::kCorruption);
  }
  std::string event = EncodeEvent(x.events[0]);
  CHECK(DecodeEntity(event).status().code() == StatusCode::kCorruption);  // wrong record kind
  CHECK(DecodeEvent(std::string("\xE2\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11)).status().code() ==
        StatusCode::kCorruption);
  Result<Event> ev = DecodeEvent(event);
  REQUIRE(ev.ok());
  CHECK(EncodeEvent(*ev) == event);
  // Dated former names round-trip, and a record without them reads as before.
  Entity renamed = x.entities[0];
  renamed.former_names = {FormerName{"APPLE COMPUTER INC", "1997-08-08"}, FormerName{"OLD NAME", ""}};
  Result<Entity> renamed_back = DecodeEntity(EncodeEntity(renamed));
  REQUIRE(renamed_back.ok());
  CHECK(EncodeEntity(*renamed_back) == EncodeEntity(renamed));
  CHECK(renamed_back->former_names.size() == 2);
  CHECK(renamed_back->former_names[0].until == "1997-08-08");
  Result<Entity> header = DecodeEntityHeader(EncodeEntity(renamed));
  REQUIRE(header.ok());
  CHECK(header->former_names.size() == 2);
  CHECK(header->sources.empty());
  Result<FilingTouch> touch = DecodeFilingTouch(EncodeFilingTouch(FilingTouch{{"ev:1", "ev:2"}}));
  REQUIRE(touch.ok());
  CHECK(touch->event_ids == std::vector<std::string>{"ev:1", "ev:2"});
  Result<CountsRecord> counts = DecodeCounts(EncodeCounts(CountsRecord{1, 2, 3, 4}));
  REQUIRE(counts.ok());
  CHECK(counts->relations == 4);
}

// ---- Keys ------------------------------------------------------------------

TEST_CASE("store: ids holding separator bytes cannot collide with other ids", "[graph]") {
  std::string odd_id("org:a\0b\x01", 8);
  std::vector<std::string> parts;
  char tag = 0;
  REQUIRE(keys::Split(keys::Make(keys::kParty, {odd_id, "2005", "ev:1"}), &tag, &parts));
  CHECK(tag == keys::kParty);
  CHECK(parts == std::vector<std::string>{odd_id, "2005", "ev:1"});
  CHECK(keys::Make(keys::kEntity, {"a"}) < keys::Make(keys::kEntity, {std::string("a\0", 2)}));
  CHECK(keys::Make(keys::kEntity, {std::string("a\0", 2)}) < keys::Make(keys::kEntity, {"a\x01"}));
  CHECK(keys::Make(keys::kEntity, {"a\x01"}) < keys::Make(keys::kEntity, {"ab"}));

  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), OneEventFiling("f1", "ev:0000000000000001", "license.granted", "2005-04", "org:a", "org:b"));
  Add(store.get(),
      OneEventFiling("f2", "ev:0000000000000002", "license.granted", "2005-04", odd_id, "org:b"));
  CHECK(Ids(Must(store->EventsOf("org:a", {}))) == std::vector<std::string>{"ev:0000000000000001"});
  CHECK(Ids(Must(store->EventsOf(odd_id, {}))) == std::vector<std::string>{"ev:0000000000000002"});
  CHECK(store->GetEntity(odd_id)->id == odd_id);
  CHECK(Must(store->ListEntities(std::nullopt)).size() == 3);
}

// ---- Threads ---------------------------------------------------------------

TEST_CASE("store: readers on several threads see whole filings while one thread writes", "[graph]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Add(store.get(), FilingA());
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::mutex failed_mu;
  std::string failed;  //!< a read that failed, guarded by failed_mu
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        // Each listing runs under one snapshot: an event is never listed
        // without its record, and the renewal always has A's source.
        // (No REQUIRE off the test's thread: Catch2 is not thread-safe.)
        Result<std::vector<Event>> events = store->EventsBetween("org:genentech", "org:immunogen", {});
        Result<std::vector<Entity>> found = store->FindEntities("Genentech");
        if (!events.ok() || !found.ok()) {
          std::lock_guard<std::mutex> lock(failed_mu);
          failed = !events.ok() ? events.status().message() : found.status().message();
          ++bad;
          continue;
        }
        for (const Event& e : *events) {
          if (e.sources.empty()) ++bad;
        }
        if (found->empty()) ++bad;
      }
    });
  }
  for (int i = 0; i < 30; ++i) {
    Add(store.get(), OneEventFiling("f-" + std::to_string(i), "ev:t" + std::to_string(i), "license.amended",
                                    "2006-01-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1),
                                    "org:genentech", "org:immunogen"));
    if (i % 3 == 0) REQUIRE(store->RemoveFiling("f-" + std::to_string(i)).ok());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  INFO(failed);
  CHECK(bad == 0);
  CHECK(store->Counts().filings == 21);
  CHECK(Must(store->EventsOfType("license.amended", {})).size() == 20);
}

TEST_CASE("codec: every kind of amount round-trips, with a range's high end and a rate's unit", "[graph][codec]") {
  Event e;
  e.id = "ev:0000000000000001";
  e.type = "restructuring";
  e.date = "1994-04-19";
  std::vector<Money> forms = {
      Money{2000000, "USD"},
      Money{172.5, "USD", MoneyKind::kPerShare},
      Money{16780, "USD", MoneyKind::kPerUnit, 0, "month"},
      Money{1.5e9, "USD", MoneyKind::kUpTo},
      Money{4e7, "EUR", MoneyKind::kContingent},
      Money{14e6, "USD", MoneyKind::kTotal, 16e6},  // "$14 to $16 million"
      Money{0.07, "USD", MoneyKind::kPerShare, 0.12},
  };
  for (const Money& m : forms) {
    e.amount = m;
    // The event record, and the partner index's brief of it.
    for (int brief = 0; brief < 2; ++brief) {
      std::optional<Money> back;
      if (brief) {
        Result<EventBrief> b = DecodeEventBrief(EncodeEventBrief(e));
        REQUIRE(b.ok());
        back = b->amount;
      } else {
        Result<Event> ev = DecodeEvent(EncodeEvent(e));
        REQUIRE(ev.ok());
        back = ev->amount;
      }
      REQUIRE(back.has_value());
      CHECK(back->value == m.value);
      CHECK(back->currency == m.currency);
      CHECK(back->kind == m.kind);
      CHECK(back->high == m.high);
      CHECK(back->unit == m.unit);
    }
  }
  // The brief names the parties that serve the event (an underwriter) and
  // says nothing more when none does.
  e.parties = {Party{"org:disney", ""}, Party{"org:jpm", "underwriter"}, Party{"org:citi", "agent"}};
  Result<EventBrief> with_agents = DecodeEventBrief(EncodeEventBrief(e));
  REQUIRE(with_agents.ok());
  CHECK(with_agents->agents == std::vector<std::string>{"org:jpm", "org:citi"});
  e.parties = {Party{"org:disney", ""}, Party{"org:fox", "target"}};
  Result<EventBrief> without = DecodeEventBrief(EncodeEventBrief(e));
  REQUIRE(without.ok());
  CHECK(without->agents.empty());
  // Only a whole, plausible payment is money paid.
  CHECK(IsMoneyPaid("payment", forms[0]));
  for (size_t i = 1; i < forms.size(); ++i) CHECK_FALSE(IsMoneyPaid("payment", forms[i]));
  CHECK_FALSE(IsMoneyPaid("agreement.entered", forms[0]));
  CHECK_FALSE(IsMoneyPaid("payment", Money{1e29, "USD"}));  // no 8-K tells $1e29
  CHECK(IsMoneyPaid("payment", Money{kMaxPlausibleAmount, "USD"}));
  // A kind byte this build does not know is damage, not a total.
  e.amount = Money{5, "USD", MoneyKind::kContingent};
  std::string bytes = EncodeEvent(e);
  size_t at = bytes.find(std::string("\x03USD\x04", 5));
  REQUIRE(at != std::string::npos);
  bytes[at + 4] = '\x09';
  CHECK(DecodeEvent(bytes).status().code() == StatusCode::kCorruption);
}

}  // namespace
}  // namespace dealgraph
