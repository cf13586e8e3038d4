// Tests of Store::Check, Store::Repair, the v1 -> v2 migration, FilingsOf,
// backups and the writer's Busy message (graph/check.cpp, graph/backup.cpp,
// graph/rocks_store.cpp), against real RocksDB with the bundled filings.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/codec.h"
#include "graph/rocks_store.h"
#include "graph/store.h"
#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

using Contents = std::vector<std::pair<std::string, std::string>>;

// Every bundled filing, extracted once for all tests.
const std::vector<FilingExtract>& Extracts() {
  static const std::vector<FilingExtract> all = [] {
    std::vector<FilingExtract> out;
    for (const std::string& rel : AllFilings()) out.push_back(Extract(rel));
    return out;
  }();
  return all;
}

void Fill(Store* store) {
  for (const FilingExtract& x : Extracts()) {
    Result<AddStats> st = store->AddFiling(x, false);
    INFO(st.status().message());
    REQUIRE(st.ok());
  }
}

// Applies `edit` to the closed store at `path` through plain RocksDB, as
// damage from outside dealgraph would.
template <typename Edit>
void Damage(const std::string& path, Edit edit) {
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(rocksdb::Options(), path, &raw);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  edit(db.get());
}

// The first key with `tag`, or "".
std::string FirstKey(const Contents& c, char tag) {
  for (const auto& [k, v] : c) {
    if (k.size() > 1 && k[0] == tag && k[1] == '\0') return k;
  }
  return "";
}

std::vector<std::string> Kinds(const CheckReport& r) {
  std::vector<std::string> out;
  for (const CheckProblem& p : r.problems) out.push_back(p.kind);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

CheckReport CheckOf(const Store& store) {
  Result<CheckReport> r = store.Check();
  INFO(r.status().message());
  REQUIRE(r.ok());
  return *r;
}

TEST_CASE("check: a store built by AddFiling and RemoveFiling is clean", "[graph][check]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  CHECK(CheckOf(*store).clean());
  Fill(store.get());
  CheckReport r = CheckOf(*store);
  INFO(r.problems.size() << " problems, first: " << (r.problems.empty() ? "" : r.problems[0].detail));
  CHECK(r.clean());
  CHECK(r.format_version == kStoreFormatVersion);
  CHECK(r.counts.filings == static_cast<long long>(Extracts().size()));
  CHECK(r.counts.events == store->Counts().events);
  REQUIRE(store->RemoveFiling(Extracts()[0].filing.id).ok());
  REQUIRE(store->RemoveFiling(Extracts()[5].filing.id).ok());
  CHECK(CheckOf(*store).clean());
}

TEST_CASE("store: removing or replacing many filings at once equals doing it one at a time", "[graph][store]") {
  // Every third bundled filing: among them filings of one registrant, whose
  // entities the batch refolds once.
  std::vector<std::string> ids;
  std::vector<FilingExtract> again;
  for (size_t i = 0; i < Extracts().size(); i += 3) {
    ids.push_back(Extracts()[i].filing.id);
    again.push_back(Extracts()[i]);
  }
  REQUIRE(ids.size() >= 5);
  TempDir one_by_one;
  TempDir at_once;
  { Fill(OpenTestStore(one_by_one.path()).get()); }
  { Fill(OpenTestStore(at_once.path()).get()); }
  SECTION("remove") {
    {
      auto store = OpenTestStore(one_by_one.path());
      for (const std::string& id : ids) REQUIRE(store->RemoveFiling(id).ok());
    }
    {
      auto store = OpenTestStore(at_once.path());
      Status s = store->RemoveFilings(ids);
      INFO(s.message());
      REQUIRE(s.ok());
      for (const std::string& id : ids) CHECK_FALSE(*store->ContainsFiling(id));
      CHECK(store->Counts().filings == static_cast<int64_t>(Extracts().size() - ids.size()));
      CHECK(Kinds(CheckOf(*store)).empty());
      // A filing not stored fails the batch, and nothing of it is removed.
      const std::vector<std::string> with_missing{Extracts()[1].filing.id, "0000000000-00-000000"};
      CHECK(store->RemoveFilings(with_missing).code() == StatusCode::kNotFound);
      CHECK(*store->ContainsFiling(Extracts()[1].filing.id));
    }
  }
  SECTION("replace") {
    {
      auto store = OpenTestStore(one_by_one.path());
      for (const FilingExtract& x : again) {
        std::vector<FilingExtract> one{x};
        REQUIRE(store->AddFilings(one, /*replace=*/true).front().ok());
      }
    }
    {
      auto store = OpenTestStore(at_once.path());
      std::vector<FilingExtract> xs = again;
      for (const Result<AddStats>& r : store->AddFilings(xs, /*replace=*/true)) {
        INFO(r.status().message());
        REQUIRE(r.ok());
        CHECK_FALSE(r->already_present);
      }
      CHECK(Kinds(CheckOf(*store)).empty());
    }
  }
  CHECK(RawStoreContents(at_once.path()) == RawStoreContents(one_by_one.path()));
}

TEST_CASE("check: a store created by a writer killed before its first batch is clean and opens",
          "[graph][check][reliability]") {
  TempDir dir;
  {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(o, dir.path(), &raw).ok());
    delete raw;
  }
  CHECK(CheckOf(*OpenTestStore(dir.path(), /*read_only=*/true)).clean());
  auto store = OpenTestStore(dir.path());
  CHECK(store->FormatVersion() == kStoreFormatVersion);
  CHECK(CheckOf(*store).clean());
}

TEST_CASE("check: planted damage is found, and repair restores the store byte for byte", "[graph][check]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents good = RawStoreContents(dir.path());
  std::string index_key, event_key, party_entity;
  for (const auto& [k, v] : good) {
    if (index_key.empty() && k[0] == keys::kParty) index_key = k;
  }
  // An event with a party, for the dangling edge and the lost sources.
  for (const auto& [k, v] : good) {
    if (k[0] != keys::kEvent) continue;
    Result<Event> e = DecodeEvent(v);
    REQUIRE(e.ok());
    if (!e->parties.empty()) {
      event_key = k;
      party_entity = e->parties.front().entity_id;
      break;
    }
  }
  REQUIRE(!index_key.empty());
  REQUIRE(!event_key.empty());

  std::string want_kind;
  std::string want_where;  // the key named by the problem, when one key is damaged
  bool byte_for_byte = true;
  size_t want_set_aside = 0;  // records repair sets aside (z/)
  SECTION("a deleted index entry") {
    Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Delete({}, index_key).ok()); });
    want_kind = "missing-index";
    char tag;
    std::vector<std::string> parts;
    REQUIRE(keys::Split(index_key, &tag, &parts));
    want_where = std::string(1, tag);
    for (const std::string& part : parts) want_where += "/" + part;
  }
  SECTION("a deleted telling: a filing's T/ entry of an entity it names") {
    const std::string telling = FirstKey(good, keys::kTelling);
    REQUIRE(!telling.empty());
    Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Delete({}, telling).ok()); });
    want_kind = "missing-index";
    want_where = keys::PrintableKey(telling);
  }
  SECTION("a telling that says another thing than its filing's extract") {
    std::string telling;
    for (const auto& [k, v] : good) {
      if (k[0] == keys::kTelling) telling = k;  // the last one
    }
    REQUIRE(!telling.empty());
    Damage(dir.path(), [&](rocksdb::DB* db) {
      std::string value;
      REQUIRE(db->Get({}, telling, &value).ok());
      Entity e = *DecodeEntity(value);
      e.aliases.push_back("Not Told Inc.");
      REQUIRE(db->Put({}, telling, EncodeEntity(e)).ok());
    });
    want_kind = "stale-index";
    want_where = keys::PrintableKey(telling);
  }
  SECTION("a stray index entry") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      REQUIRE(db->Put({}, keys::Make(keys::kParty, {"org:nobody", "2001", "ev:0"}), "").ok());
    });
    want_kind = "stale-index";
    want_where = "p/org:nobody/2001/ev:0";
  }
  SECTION("a dangling edge: an event's party entity is gone") {
    Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Delete({}, keys::EntityKey(party_entity)).ok()); });
    want_kind = "dangling-party";
    // Refolded in filing-id order: the order the filings were added in is
    // not recorded, so names and sources may come in another order.
    byte_for_byte = false;
  }
  SECTION("an event that lost its sources") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      std::string value;
      REQUIRE(db->Get({}, event_key, &value).ok());
      Event e = *DecodeEvent(value);
      e.sources.clear();
      REQUIRE(db->Put({}, event_key, EncodeEvent(e)).ok());
    });
    want_kind = "no-source";
  }
  SECTION("wrong counts") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      REQUIRE(db->Put({}, std::string(keys::kCountsKey), EncodeCounts(CountsRecord{1, 2, 3, 4})).ok());
    });
    want_kind = "counts";
  }
  SECTION("a source key past its entity's count, and one of an entity not stored") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      Source stray{"0000000000-00-000000", "8.01", "A stray quote.", "2001-01-01"};
      REQUIRE(db->Put({}, keys::EntitySourceKey(party_entity, 999), EncodeSource(stray)).ok());
      REQUIRE(db->Put({}, keys::EntitySourceKey("org:nobody", 0), EncodeSource(stray)).ok());
    });
    want_kind = "orphan-source";
    want_set_aside = 2;
  }
  SECTION("covering index entries with out-of-date copies of their events") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      for (char tag : {keys::kAgreement, keys::kPair, keys::kPartyType}) {
        std::string k = FirstKey(good, tag);
        REQUIRE(!k.empty());
        REQUIRE(db->Put({}, k, tag == keys::kAgreement ? std::string("\xE2stale") : std::string()).ok());
      }
    });
    want_kind = "stale-index";
  }
  SECTION("a touch record of a filing that is not stored") {
    Damage(dir.path(), [&](rocksdb::DB* db) {
      REQUIRE(db->Put({}, keys::FilingTouchKey("0000000000-00-000000"), EncodeFilingTouch({})).ok());
    });
    want_kind = "orphan-touch";
    want_set_aside = 1;
  }

  {
    auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
    CheckReport r = CheckOf(*reader);
    INFO("kinds found: " << Catch::Detail::stringify(Kinds(r)));
    CHECK_FALSE(r.clean());
    CHECK(Has(Kinds(r), want_kind));
    if (!want_where.empty()) {
      // The index check compares hashes; the key comes back by a second pass.
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].where == want_where);
    }
    for (const CheckProblem& p : r.problems) {
      CHECK(p.repairable);
      CHECK(p.where.find('\n') == std::string::npos);
    }
    CHECK(reader->Repair().code() == StatusCode::kInvalidArgument);
  }
  {
    auto writer = OpenTestStore(dir.path());
    REQUIRE(writer->Repair().ok());
    CHECK(CheckOf(*writer).clean());
    CHECK(writer->GetEntity(party_entity).ok());
  }
  // What belongs to nothing is set aside under z/ (the record's key, its
  // value), never deleted; the rest is the undamaged store.
  Contents after = RawStoreContents(dir.path());
  size_t set_aside = 0;
  std::erase_if(after, [&](const std::pair<std::string, std::string>& kv) {
    const bool aside = kv.first[0] == keys::kSetAside;
    set_aside += aside;
    return aside;
  });
  CHECK(set_aside == want_set_aside);
  if (byte_for_byte) {
    CHECK(after == good);
  } else {
    CHECK(after.size() == good.size());
  }
}

// The registrant with the most bundled filings (ImmunoGen's four seeds).
std::string BusiestRegistrant() {
  std::map<std::string, int> n;
  for (const FilingExtract& x : Extracts()) {
    if (!x.filing.registrant.empty()) ++n[x.filing.registrant];
  }
  auto best = std::max_element(n.begin(), n.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  REQUIRE(best->second >= 2);
  return best->first;
}

TEST_CASE("check: damage repair cannot fix is reported and left alone", "[graph][check]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  std::string key = keys::EventKey("ev:damaged");
  Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Put({}, key, "\xE2\x05garbage").ok()); });
  auto store = OpenTestStore(dir.path());
  CheckReport r = CheckOf(*store);
  REQUIRE(Has(Kinds(r), "undecodable"));
  for (const CheckProblem& p : r.problems) {
    if (p.kind == "undecodable") CHECK_FALSE(p.repairable);
  }
  REQUIRE(store->Repair().ok());
  CHECK(Has(Kinds(CheckOf(*store)), "undecodable"));
}

TEST_CASE("check: an entity that lost a source is reported, not guessed at", "[graph][check]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents good = RawStoreContents(dir.path());
  std::string key = FirstKey(good, keys::kEntitySource);
  REQUIRE(!key.empty());
  Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Delete({}, key).ok()); });
  auto store = OpenTestStore(dir.path());
  CheckReport r = CheckOf(*store);
  REQUIRE(Kinds(r) == std::vector<std::string>{"missing-source"});
  CHECK_THAT(r.problems[0].detail, Catch::Contains("lacks its source #0"));
  CHECK_FALSE(r.problems[0].repairable);
  REQUIRE(store->Repair().ok());
  CHECK(Kinds(CheckOf(*store)) == std::vector<std::string>{"missing-source"});
}

TEST_CASE("check: unknown or unreadable format versions are refused with a clear message", "[graph][check]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  SECTION("newer") {
    Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Put({}, std::string(keys::kVersionKey), "7").ok()); });
    for (bool ro : {false, true}) {
      StoreOptions o;
      o.read_only = ro;
      Result<std::unique_ptr<Store>> s = Store::Open(dir.path(), o);
      REQUIRE(s.status().code() == StatusCode::kUnsupported);
      CHECK_THAT(s.status().message(), Catch::Contains("format version 7, newer than version " + std::to_string(kStoreFormatVersion)));
    }
  }
  SECTION("unreadable") {
    Damage(dir.path(), [&](rocksdb::DB* db) { REQUIRE(db->Put({}, std::string(keys::kVersionKey), "two").ok()); });
    Result<std::unique_ptr<Store>> s = Store::Open(dir.path(), StoreOptions{});
    REQUIRE(s.status().code() == StatusCode::kCorruption);
    CHECK_THAT(s.status().message(), Catch::Contains("unreadable format version \"two\""));
  }
}

TEST_CASE("check: hostile names and numbers round-trip through the store and keep problems one line",
          "[graph][check][reliability]") {
  const std::string nasty[] = {
      std::string("Quote\" 'Apostrophe' \\ back\\slash"),
      std::string("Ctrl\x01\x02\n\r\t\x1b[31m\0zero", 19),
      "<script>alert(1)</script> & <b>",
      std::string(100000, 'A'),
      std::string(2000, '<') + "deep" + std::string(2000, '>'),
      "\xff\xfe not UTF-8 \xc3",
  };
  FilingExtract x;
  x.filing.id = "0001234567-26-000001";
  x.filing.registrant = "org:" + nasty[0];
  x.filing.filed = "2026-01-02";
  for (size_t i = 0; i < std::size(nasty); ++i) {
    Entity e;
    e.id = "org:" + nasty[i];
    e.name = nasty[i];
    e.aliases = {nasty[(i + 1) % std::size(nasty)]};
    e.sources = {Source{x.filing.id, "1.01", nasty[i], ""}};
    x.entities.push_back(e);
  }
  Event ev;
  ev.type = "payment";
  ev.date = "2026-01-01";
  ev.parties = {{x.entities[0].id, "payer"}, {x.entities[1].id, nasty[2]}};
  ev.amount = Money{1.7976931348623157e308, nasty[1]};
  ev.summary = nasty[4];
  ev.sources = {Source{x.filing.id, nasty[1], nasty[3], ""}};
  x.events.push_back(ev);

  TempDir dir;
  auto store = OpenTestStore(dir.path());
  REQUIRE(store->AddFiling(x, false).ok());
  CHECK(CheckOf(*store).clean());
  for (size_t i = 0; i < std::size(nasty); ++i) {
    Result<Entity> e = store->GetEntity(x.entities[i].id);
    REQUIRE(e.ok());
    CHECK(e->name == nasty[i]);
  }
  std::vector<Event> events = Must(store->EventsOf(x.entities[1].id, {}));
  REQUIRE(events.size() == 1);
  CHECK(events[0].amount->value == 1.7976931348623157e308);
  CHECK(events[0].amount->currency == nasty[1]);
  CHECK(Must(store->FilingsOf(x.filing.registrant)).size() == 1);

  // Damage that names them is reported on one printable line each.
  store.reset();
  Damage(dir.path(), [&](rocksdb::DB* db) {
    for (const Entity& e : x.entities) REQUIRE(db->Delete({}, keys::EntityKey(e.id)).ok());
  });
  store = OpenTestStore(dir.path());
  CheckReport r = CheckOf(*store);
  REQUIRE_FALSE(r.clean());
  for (const CheckProblem& p : r.problems) {
    for (const std::string* field : {&p.where, &p.detail}) {
      for (unsigned char c : *field) CHECK((c >= 0x20 && c != 0x7f));
    }
  }
  REQUIRE(store->Repair().ok());
  CHECK(CheckOf(*store).clean());
  CHECK(store->GetEntity(x.entities[1].id)->name == nasty[1]);
}

// ---- Format versions 2 and 3 and the migrations ------------------------------

TEST_CASE("store: FilingsOf lists a registrant's filings by filed date, through removals", "[graph][store]") {
  TempDir dir;
  auto store = OpenTestStore(dir.path());
  Fill(store.get());
  std::map<std::string, std::vector<const FilingInfo*>> by_registrant;
  for (const FilingExtract& x : Extracts()) by_registrant[x.filing.registrant].push_back(&x.filing);
  REQUIRE(by_registrant.size() > 3);
  for (auto& [registrant, filings] : by_registrant) {
    if (registrant.empty()) continue;
    std::sort(filings.begin(), filings.end(), [](const FilingInfo* a, const FilingInfo* b) {
      return std::make_tuple(a->filed.empty(), a->filed, a->id) < std::make_tuple(b->filed.empty(), b->filed, b->id);
    });
    std::vector<std::string> want, got;
    for (const FilingInfo* f : filings) want.push_back(f->id);
    for (const FilingInfo& f : Must(store->FilingsOf(registrant))) got.push_back(f.id);
    INFO(registrant);
    CHECK(got == want);
  }
  CHECK(Must(store->FilingsOf("org:nobody")).empty());
  CHECK(Must(store->FilingsOf("")).empty());

  // The seed filings are ImmunoGen's: four of them, oldest first.
  std::string immunogen = BusiestRegistrant();
  std::vector<FilingInfo> before = Must(store->FilingsOf(immunogen));
  REQUIRE(before.size() >= 2);
  REQUIRE(store->RemoveFiling(before[0].id).ok());
  std::vector<FilingInfo> after = Must(store->FilingsOf(immunogen));
  REQUIRE(after.size() == before.size() - 1);
  CHECK(after[0].id == before[1].id);
  CHECK(after[0].filed == before[1].filed);
}

// Turns the version-3 entity records of `db` into those of version 2: each
// entity's sources inline (record kind 0xE1), no s/ keys. `every` > 1
// converts only every n-th entity (a migration cut short).
void InlineEntitySources(rocksdb::DB* db, int every = 1) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  std::string prefix = keys::Make(keys::kEntity, {});
  int n = 0;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (n++ % every != 0) continue;
    Result<EntityHead> h = DecodeEntityHead(std::string_view(it->value().data(), it->value().size()));
    REQUIRE(h.ok());
    REQUIRE_FALSE(h->inline_sources);
    Entity e = h->entity;
    std::string sources = keys::EntitySourcePrefix(e.id);
    std::unique_ptr<rocksdb::Iterator> s(db->NewIterator(rocksdb::ReadOptions()));
    for (s->Seek(sources); s->Valid() && s->key().starts_with(sources); s->Next()) {
      e.sources.push_back(DecodeSource(std::string_view(s->value().data(), s->value().size())).value());
      REQUIRE(db->Delete({}, s->key()).ok());
    }
    REQUIRE(e.sources.size() == h->source_count);
    REQUIRE(db->Put({}, it->key(), EncodeEntity(e)).ok());
  }
  REQUIRE(n > 0);
}

// Turns the version-3 store at `path` into the version-2 layout: entity
// sources inline, index entries all "" (no covering copies).
void MakeVersion2(const std::string& path) {
  Damage(path, [&](rocksdb::DB* db) {
    InlineEntitySources(db);
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    int emptied = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() > 1 && keys::IsCoveringTag(it->key()[0]) && it->key()[1] == '\0') {
        REQUIRE(db->Put({}, it->key(), "").ok());
        ++emptied;
      }
    }
    REQUIRE(emptied > 0);
    REQUIRE(db->Put({}, std::string(keys::kVersionKey), "2").ok());
  });
}

// ... and into the version-1 layout: no n/ entries either.
void MakeVersion1(const std::string& path) {
  MakeVersion2(path);
  Damage(path, [&](rocksdb::DB* db) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    std::string prefix = keys::Make(keys::kRegistrant, {});
    int deleted = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      REQUIRE(db->Delete({}, it->key()).ok());
      ++deleted;
    }
    REQUIRE(deleted > 0);
    REQUIRE(db->Put({}, std::string(keys::kVersionKey), "1").ok());
  });
}

// What a store's readers show: every entity with its sources, every event,
// and what the covering index entries answer (before version 3 the
// queries read the events instead).
std::string ReadableContents(const Store& store) {
  std::string out;
  for (const Entity& e : Must(store.ListEntities(std::nullopt))) {
    out += EncodeEntity(e);
    Result<Entity> one = store.GetEntity(e.id);
    out += one.ok() ? EncodeEntity(*one) : "missing";
    Result<Entity> header = store.GetEntityHeader(e.id);
    out += header.ok() ? header->name + std::to_string(header->sources.size()) : "missing";
    for (const SharedEvent& se : Must(store.SharedEventsOf(e.id))) {
      out += se.partner + se.date + se.event_id + se.agreement_id + (se.amount ? std::to_string(se.amount->value) : "");
    }
    for (const std::string& ag : Must(store.AgreementsOfPartyAndType(e.id, "agreement.entered"))) out += ag;
    for (const Event& ev : Must(store.EventsOfAgreement(e.id))) out += EncodeEvent(ev);
  }
  for (const Entity& e : Must(store.ListEntities(EntityType::kAgreement))) out += EncodeEntity(e);
  for (const Event& e : Must(store.AllEvents())) out += EncodeEvent(e);
  return out;
}

TEST_CASE("store: a version-1 store is read as it is, and migrated by a writable open", "[graph][store]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents v3 = RawStoreContents(dir.path());
  const std::string readable = ReadableContents(*OpenTestStore(dir.path(), /*read_only=*/true));
  MakeVersion1(dir.path());
  std::string registrant = BusiestRegistrant();

  {
    auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
    CHECK(reader->FormatVersion() == 1);
    CHECK_THAT(reader->OpenNotice(), Catch::Contains("format version 1") && Catch::Contains("check --repair"));
    CHECK(Must(reader->FilingsOf(registrant)).size() >= 2);  // scanned, not indexed
    CheckReport r = CheckOf(*reader);
    CHECK(Kinds(r) == std::vector<std::string>{"version"});
    CHECK(reader->Counts().filings == static_cast<long long>(Extracts().size()));
    CHECK(ReadableContents(*reader) == readable);
  }
  {
    auto writer = OpenTestStore(dir.path());
    CHECK(writer->FormatVersion() == kStoreFormatVersion);
    CHECK_THAT(writer->OpenNotice(), Catch::Contains("migrated store") && Catch::Contains("from format version 1 to " + std::to_string(kStoreFormatVersion)));
    CHECK(CheckOf(*writer).clean());
  }
  CHECK(RawStoreContents(dir.path()) == v3);
  // Said once: the next open has nothing to say.
  CHECK(OpenTestStore(dir.path())->OpenNotice().empty());
}

TEST_CASE("store: a version-2 store (sources inline) reads the same, and migrates to the current version", "[graph][store]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents v3 = RawStoreContents(dir.path());
  const std::string readable = ReadableContents(*OpenTestStore(dir.path(), /*read_only=*/true));
  MakeVersion2(dir.path());
  {
    auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
    CHECK(reader->FormatVersion() == 2);
    CHECK(ReadableContents(*reader) == readable);
    CHECK(Kinds(CheckOf(*reader)) == std::vector<std::string>{"version"});
  }
  {
    auto writer = OpenTestStore(dir.path());
    CHECK(writer->FormatVersion() == kStoreFormatVersion);
    CHECK_THAT(writer->OpenNotice(), Catch::Contains("from format version 2 to " + std::to_string(kStoreFormatVersion)) &&
                                         Catch::Contains(std::to_string(writer->Counts().entities) +
                                                         " entity records split"));
  }
  CHECK(RawStoreContents(dir.path()) == v3);
}

// Deletes every T/ entry (version 5's tellings); returns how many.
size_t DropTellings(rocksdb::DB* db) {
  std::vector<std::string> tellings;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}));
  const std::string prefix(1, keys::kTelling);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    tellings.push_back(it->key().ToString());
  }
  REQUIRE(it->status().ok());
  for (const std::string& k : tellings) REQUIRE(db->Delete({}, k).ok());
  return tellings.size();
}

TEST_CASE("store: version-3 and version-4 stores (no tellings) read the same, and migrate", "[graph][store]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents current = RawStoreContents(dir.path());
  const std::string readable = ReadableContents(*OpenTestStore(dir.path(), /*read_only=*/true));
  // Version 3 wrote an amount's kind byte as 0 or 1, which version 4 reads
  // as a total or a per-share figure; version 5 added the T/ entries. So
  // both differ from the current store by the version key and the T/ keys.
  const std::string version = GENERATE("3", "4");
  size_t tellings = 0;
  Damage(dir.path(), [&](rocksdb::DB* db) {
    tellings = DropTellings(db);
    REQUIRE(db->Put({}, std::string(keys::kVersionKey), version).ok());
  });
  REQUIRE(tellings >= Extracts().size());
  {
    auto reader = OpenTestStore(dir.path(), /*read_only=*/true);
    CHECK(reader->FormatVersion() == std::stoi(version));
    CHECK(ReadableContents(*reader) == readable);
    CHECK(Kinds(CheckOf(*reader)) == std::vector<std::string>{"version"});
  }
  {
    auto writer = OpenTestStore(dir.path());
    CHECK(writer->FormatVersion() == kStoreFormatVersion);
    CHECK_THAT(writer->OpenNotice(), Catch::Contains("from format version " + version + " to 5 (" +
                                                     std::to_string(tellings) + " index entries written"));
  }
  CHECK(RawStoreContents(dir.path()) == current);
}

TEST_CASE("store: a migration cut short is finished by the next writable open", "[graph][store]") {
  TempDir dir;
  { Fill(OpenTestStore(dir.path()).get()); }
  const Contents v3 = RawStoreContents(dir.path());
  const std::string readable = ReadableContents(*OpenTestStore(dir.path(), /*read_only=*/true));
  SECTION("from version 1: half the n/ entries written") {
    MakeVersion1(dir.path());
    Damage(dir.path(), [&](rocksdb::DB* db) {
      int i = 0;
      for (const auto& [k, v] : v3) {
        if (k[0] == keys::kRegistrant && i++ % 2 == 0) REQUIRE(db->Put({}, k, v).ok());
      }
    });
  }
  SECTION("from version 2: every third entity split") {
    MakeVersion2(dir.path());
    Damage(dir.path(), [&](rocksdb::DB* db) {
      for (const auto& [k, v] : v3) {
        if (k[0] != keys::kEntity) continue;
        if (DecodeEntityHead(v)->entity.id.size() % 3 == 0) REQUIRE(db->Put({}, k, v).ok());
      }
      for (const auto& [k, v] : v3) {
        if (k[0] != keys::kEntitySource) continue;
        std::vector<std::string> parts;
        char tag;
        REQUIRE(keys::Split(k, &tag, &parts));
        if (parts[0].size() % 3 == 0) REQUIRE(db->Put({}, k, v).ok());
      }
    });
    // Both record forms read alike meanwhile.
    CHECK(ReadableContents(*OpenTestStore(dir.path(), /*read_only=*/true)) == readable);
  }
  { CHECK(OpenTestStore(dir.path())->FormatVersion() == kStoreFormatVersion); }
  CHECK(RawStoreContents(dir.path()) == v3);
}

// ---- Backups -----------------------------------------------------------------

TEST_CASE("backup: a backup restores to the same store, and restore guards what it replaces",
          "[graph][backup]") {
  TempDir dir;
  std::string db = dir.Sub("db"), bk = dir.Sub("bk");
  Contents at_backup;
  {
    auto store = OpenTestStore(db);
    for (size_t i = 0; i < 6; ++i) REQUIRE(store->AddFiling(Extracts()[i], false).ok());
    Result<BackupInfo> first = store->Backup(bk);
    INFO(first.status().message());
    REQUIRE(first.ok());
    CHECK(first->backup_id == 1);
    for (size_t i = 6; i < Extracts().size(); ++i) REQUIRE(store->AddFiling(Extracts()[i], false).ok());
    Result<BackupInfo> second = store->Backup(bk);
    REQUIRE(second.ok());
    CHECK(second->backup_id == 2);
    CHECK(second->files > 0);
    CHECK(second->bytes > 0);

    SECTION("restore refuses a store another process (here: this one) writes") {
      RestoreOptions force;
      force.overwrite = true;
      CHECK(Store::Restore(bk, db, force).status().code() == StatusCode::kBusy);
    }
  }
  at_backup = RawStoreContents(db);

  SECTION("to a new path") {
    std::string copy = dir.Sub("copy");
    Result<BackupInfo> r = Store::Restore(bk, copy, RestoreOptions{});
    INFO(r.status().message());
    REQUIRE(r.ok());
    CHECK(r->backup_id == 2);
    CHECK(RawStoreContents(copy) == at_backup);
    CHECK(CheckOf(*OpenTestStore(copy, true)).clean());
  }
  SECTION("over an existing store only when told to") {
    { REQUIRE(OpenTestStore(db)->RemoveFiling(Extracts()[0].filing.id).ok()); }
    Result<BackupInfo> refused = Store::Restore(bk, db, RestoreOptions{});
    CHECK(refused.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(refused.status().message(), Catch::Contains("--force"));
    RestoreOptions force;
    force.overwrite = true;
    REQUIRE(Store::Restore(bk, db, force).ok());
    CHECK(RawStoreContents(db) == at_backup);
  }
  SECTION("from a folder without backups") {
    CHECK(Store::Restore(dir.Sub("nothing"), dir.Sub("x"), RestoreOptions{}).status().code() ==
          StatusCode::kNotFound);
  }
  SECTION("a read-only open cannot back up") {
    CHECK(OpenTestStore(db, true)->Backup(dir.Sub("bk2")).status().code() == StatusCode::kInvalidArgument);
  }
}

// ---- The writer's identity ------------------------------------------------------

TEST_CASE("store: a second writer is told which process writes the store", "[graph][store]") {
  TempDir dir;
  auto first = OpenTestStore(dir.path());
  std::string writer_file = dir.path() + "/" + RocksStore::kWriterFile;
  {
    std::ifstream in(writer_file);
    long pid = 0;
    REQUIRE(in >> pid);
    CHECK(pid == ::getpid());
  }
  Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), StoreOptions{});
  REQUIRE(second.status().code() == StatusCode::kBusy);
  CHECK_THAT(second.status().message(),
             Catch::Contains("is being written by process " + std::to_string(::getpid())));
  CHECK_THAT(second.status().message(), Catch::Contains("read-only commands work meanwhile"));
  first.reset();
  CHECK_FALSE(std::filesystem::exists(writer_file));
}

TEST_CASE("store: a writer file left by a killed writer does not block or mislead", "[graph][store]") {
  TempDir dir;
  { OpenTestStore(dir.path()); }
  {
    // pid 1 is alive but holds no lock; a dead pid is ignored anyway.
    std::ofstream out(dir.path() + "/" + RocksStore::kWriterFile);
    out << "1\ndealgraph ingest\n";
  }
  auto store = OpenTestStore(dir.path());  // the LOCK is free: the stale file is no obstacle
  Result<std::unique_ptr<Store>> second = Store::Open(dir.path(), StoreOptions{});
  REQUIRE(second.status().code() == StatusCode::kBusy);
  CHECK_THAT(second.status().message(), Catch::Contains("process " + std::to_string(::getpid())));
}

}  // namespace
}  // namespace dealgraph
