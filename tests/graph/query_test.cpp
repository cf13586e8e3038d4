// Tests of the shared queries (graph/query.h), the partner network
// (graph/network.h) and the gold scorer (graph/eval.h).
#include "graph/query.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/codec.h"
#include "graph/eval.h"
#include "graph/network.h"
#include "graph/store.h"
#include "ingest/extract/extractor.h"
#include "ingest/reader.h"

#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

// A unique directory under the system temp dir, removed when the test ends.
std::unique_ptr<Store> OpenStore(const std::string& path) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, StoreOptions{});
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

void Add(Store* store, const FilingExtract& x) {
  Result<AddStats> stats = store->AddFiling(x, false);
  INFO(stats.status().message());
  REQUIRE(stats.ok());
}

Entity Agreement(std::string dated, std::string term, std::string expires = "") {
  Entity ag;
  ag.id = "ag:immunogen+genentech:access:2000";
  ag.type = EntityType::kAgreement;
  ag.name = "technology access agreement";
  ag.title = "access";
  ag.dated = std::move(dated);
  ag.term = std::move(term);
  ag.expires = std::move(expires);
  ag.parties = {"org:immunogen", "org:genentech"};
  return ag;
}

Event Ev(std::string id, std::string type, std::string date, std::vector<std::string> parties,
         std::string quote = "", std::string summary = "") {
  Event ev;
  ev.id = std::move(id);
  ev.type = std::move(type);
  ev.date = std::move(date);
  for (std::string& p : parties) ev.parties.push_back(Party{std::move(p), ""});
  ev.summary = std::move(summary);
  ev.sources.push_back(Source{"004_95bce008d3f773b5.txt", "1.01", std::move(quote), "2005-05-03"});
  return ev;
}

Event WithAmount(Event ev, double value, std::string currency = "USD", bool per_share = false) {
  ev.amount = Money{value, std::move(currency), per_share ? MoneyKind::kPerShare : MoneyKind::kTotal};
  return ev;
}

// ---- AgreementLifecycle ---------------------------------------------------------

TEST_CASE("query: a five-year agreement of 2000-05-02 renewed for one additional three-year term runs to 2008-05-02",
          "[query]") {
  Entity ag = Agreement("2000-05-02", "five-year");
  std::vector<Event> events = {
      Ev("ev:1", "agreement.entered", "2000-05-02", {"org:immunogen", "org:genentech"}),
      Ev("ev:2", "agreement.renewed", "2005-05-03", {"org:immunogen", "org:genentech"},
         "The original May 2000 agreement included a provision that allows Genentech to renew the agreement for one "
         "additional three-year term by payment of a $2 million technology access fee, which Genentech has now paid.")};
  Entity out = AgreementLifecycle(ag, events);
  CHECK(out.dated == "2000-05-02");
  CHECK(out.expires == "2008-05-02");
  CHECK(out.term == "five-year");
  CHECK(out.id == ag.id);
}

TEST_CASE("query: the renewal term may come from the event's summary rather than its quote", "[query]") {
  Entity ag = Agreement("2000-05-02", "five-year");
  std::vector<Event> events = {Ev("ev:2", "agreement.renewed", "2005-05-03", {"org:immunogen", "org:genentech"},
                                  "Genentech has renewed its agreement with ImmunoGen.",
                                  "renewed for one additional three-year term")};
  CHECK(AgreementLifecycle(ag, events).expires == "2008-05-02");
}

TEST_CASE("query: without a renewal a five-year agreement runs five years from its date", "[query]") {
  Entity ag = Agreement("2000-05-02", "five-year");
  CHECK(AgreementLifecycle(ag, {}).expires == "2005-05-02");
  // A renewal that does not say for how long does not move the end.
  std::vector<Event> events = {Ev("ev:2", "agreement.renewed", "2005-05-03", {"org:immunogen", "org:genentech"},
                                  "Genentech has renewed its agreement with ImmunoGen.")};
  CHECK(AgreementLifecycle(ag, events).expires == "2005-05-02");
}

TEST_CASE("query: an extension 'for an additional year' adds one year", "[query]") {
  Entity ag = Agreement("2000-05-02", "five-year");
  std::vector<Event> events = {Ev("ev:3", "agreement.extended", "2005-04-01", {"org:immunogen", "org:genentech"},
                                  "The amendment extends the Access Term for an additional year.")};
  CHECK(AgreementLifecycle(ag, events).expires == "2006-05-02");
}

TEST_CASE("query: a written expiry later than the computed one wins", "[query]") {
  // Millennium: "It is now scheduled to expire March 30, 2007", no term written.
  Entity mlnm = Agreement("2001-03-30", "", "2007-03-30");
  std::vector<Event> ext = {Ev("ev:4", "agreement.extended", "2006-03-27", {"org:immunogen", "org:millennium"},
                               "The amendment extends the Access Term, as defined in the Agreement, for an additional "
                               "year, which ends March 30, 2007.")};
  CHECK(AgreementLifecycle(mlnm, ext).expires == "2007-03-30");

  Entity later = Agreement("2000-05-02", "five-year", "2009-12-31");
  CHECK(AgreementLifecycle(later, {}).expires == "2009-12-31");
  // An earlier written expiry (the end of the first term) gives way to the renewal.
  Entity earlier = Agreement("2000-05-02", "five-year", "2005-05-02");
  std::vector<Event> renewal = {Ev("ev:2", "agreement.renewed", "2005-05-03", {"org:immunogen", "org:genentech"},
                                   "Genentech renewed the agreement for one additional three-year term.")};
  CHECK(AgreementLifecycle(earlier, renewal).expires == "2008-05-02");
}

TEST_CASE("query: the entry date is refined by a more precise telling of the entry", "[query]") {
  Entity ag = Agreement("2000-05", "five-year");
  std::vector<Event> events = {Ev("ev:1", "agreement.entered", "2000-05-02", {"org:immunogen", "org:genentech"})};
  Entity out = AgreementLifecycle(ag, events);
  CHECK(out.dated == "2000-05-02");
  CHECK(out.expires == "2005-05-02");
  // A telling that contradicts the date does not move it.
  std::vector<Event> other = {Ev("ev:9", "agreement.entered", "2001-03-30", {"org:immunogen", "org:genentech"})};
  CHECK(AgreementLifecycle(ag, other).dated == "2000-05");
}

// The header's contract: each renewal adds the years it names. "for two
// additional years" names two.
TEST_CASE("query: a renewal 'for two additional years' adds two years", "[query]") {
  Entity ag = Agreement("2000-05-02", "five-year");
  std::vector<Event> events = {Ev("ev:2", "agreement.renewed", "2005-05-03", {"org:immunogen", "org:genentech"},
                                  "Genentech renewed the agreement for two additional years.")};
  CHECK(AgreementLifecycle(ag, events).expires == "2007-05-02");
}

// ---- ActionToType ------------------------------------------------------------------

TEST_CASE("query: agreement actions map to event types and anything else is refused", "[query]") {
  for (const char* a : {"entered", "renewed", "extended", "amended", "terminated"}) {
    Result<std::string> t = ActionToType(a);
    REQUIRE(t.ok());
    CHECK(*t == std::string("agreement.") + a);
  }
  Result<std::string> upper = ActionToType(" Renewed ");
  REQUIRE(upper.ok());
  CHECK(*upper == "agreement.renewed");
  Result<std::string> none = ActionToType("");
  REQUIRE(none.ok());
  CHECK(none->empty());
  Result<std::string> bad = ActionToType("bogus");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.status().message().find("bogus") != std::string::npos);
}

// ---- Queries on a real store ------------------------------------------------------

TEST_CASE("query: DisplaySources names a plain-text filing by its file name and an EDGAR one by accession",
          "[query]") {
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  FilingExtract seed = Extract(kSeed004);
  FilingExtract nc = Extract(DevFile("03_"));
  REQUIRE(seed.filing.id.rfind("sha:", 0) == 0);
  Add(store.get(), seed);
  Add(store.get(), nc);

  std::vector<Event> events = Must(store->AllEvents());
  REQUIRE_FALSE(events.empty());
  bool saw_sha = false;
  for (const Event& ev : events) {
    for (const Source& s : ev.sources) saw_sha |= s.filing == seed.filing.id;
  }
  CHECK(saw_sha);  // the store keeps sources by filing id

  // One source the store does not know stays as it is.
  Event stray = Ev("ev:stray", "payment", "2006-01-31", {"org:genentech"});
  stray.sources[0].filing = "sha:00000000deadbeef";
  events.push_back(stray);

  REQUIRE(DisplaySources(*store, &events).ok());
  int seed_sources = 0, nc_sources = 0;
  for (const Event& ev : events) {
    for (const Source& s : ev.sources) {
      INFO(s.filing);
      CHECK(s.filing != seed.filing.id);
      if (s.filing == "004_95bce008d3f773b5.txt") ++seed_sources;
      if (s.filing == "0001493152-25-001317") ++nc_sources;
    }
  }
  CHECK(seed_sources > 0);
  CHECK(nc_sources > 0);
  CHECK(events.back().sources[0].filing == "sha:00000000deadbeef");
}

TEST_CASE("query: ResolveEntity finds a company by name, folded name, ticker and id", "[query]") {
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) Add(store.get(), Extract(rel));
  for (const char* q : {"Genentech", "genentech inc", "Genentech, Inc.", "DNA", "org:genentech"}) {
    INFO(q);
    Result<Entity> e = ResolveEntity(*store, q);
    REQUIRE(e.ok());
    CHECK(e->id == "org:genentech");
  }
  Result<Entity> m = ResolveEntity(*store, "Millennium");
  REQUIRE(m.ok());
  CHECK(m->id == "org:millennium-pharmaceuticals");
  Result<Entity> missing = ResolveEntity(*store, "Pfizer");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message().find("Pfizer") != std::string::npos);
  Result<Entity> empty = ResolveEntity(*store, "  ");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == StatusCode::kInvalidArgument);
  CHECK(Must(DisplayName(*store, "org:genentech")) == "Genentech");
  CHECK(Must(DisplayName(*store, "org:nobody")) == "org:nobody");
}

TEST_CASE("query: Genentech's renewed agreement runs from 2000-05-02 to 2008-05-02 across the seeds", "[query]") {
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) Add(store.get(), Extract(rel));
  std::vector<AgreementStory> stories = Must(AgreementsOf(*store, "org:genentech", "agreement.renewed"));
  REQUIRE(stories.size() == 1);
  const AgreementStory& st = stories[0];
  CHECK(st.agreement.id == "ag:immunogen+genentech:access:2000");
  CHECK(st.agreement.dated == "2000-05-02");
  CHECK(st.agreement.expires == "2008-05-02");
  REQUIRE_FALSE(st.events.empty());
  bool renewed = false;
  for (size_t i = 0; i < st.events.size(); ++i) {
    CHECK(st.events[i].agreement_id == st.agreement.id);
    if (i > 0 && !st.events[i].date.empty()) CHECK(st.events[i - 1].date <= st.events[i].date);
    renewed |= st.events[i].type == "agreement.renewed" && st.events[i].date == "2005-05-03";
    for (const Source& s : st.events[i].sources) CHECK(s.filing.rfind("sha:", 0) != 0);  // display names
  }
  CHECK(renewed);
  // Millennium's extension: nothing renewed, one agreement extended to 2007-03-30.
  CHECK(Must(AgreementsOf(*store, "org:millennium-pharmaceuticals", "agreement.renewed")).empty());
  std::vector<AgreementStory> ext = Must(AgreementsOf(*store, "org:millennium-pharmaceuticals", "agreement.extended"));
  REQUIRE(ext.size() == 1);
  CHECK(ext[0].agreement.dated == "2001-03-30");
  CHECK(ext[0].agreement.expires == "2007-03-30");
}

TEST_CASE("query: SliceFor carries every party and agreement its events name", "[query]") {
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  Add(store.get(), Extract(kSeed004));
  GraphSlice slice = Must(SliceFor(*store, Must(store->EventsOf("org:genentech", DateRange{}))));
  REQUIRE_FALSE(slice.events.empty());
  for (const Event& ev : slice.events) {
    for (const Party& p : ev.parties) CHECK(slice.Find(p.entity_id) != nullptr);
    if (!ev.agreement_id.empty()) {
      const Entity* ag = slice.Find(ev.agreement_id);
      REQUIRE(ag != nullptr);
      CHECK(ag->type == EntityType::kAgreement);
    }
  }
  const Entity* ag = slice.Find("ag:immunogen+genentech:access:2000");
  REQUIRE(ag != nullptr);
  CHECK(ag->expires == "2008-05-02");  // the lifecycle, not the raw record
}

// ---- Network ------------------------------------------------------------------------

Entity Org(std::string id, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.type = EntityType::kOrganization;
  e.name = std::move(name);
  return e;
}

// ImmunoGen at the hub: three events with Genentech ($5M), two with
// Millennium ($500K), two with Vernalis (no money), and a product and a
// person that are not companies.
GraphSlice HubSlice() {
  GraphSlice s;
  s.entities = {Org("org:immunogen", "ImmunoGen"), Org("org:genentech", "Genentech"),
                Org("org:millennium-pharmaceuticals", "Millennium Pharmaceuticals"), Org("org:vernalis", "Vernalis"),
                Org("org:centocor", "Centocor"), Org("org:johnson-&-johnson", "Johnson & Johnson")};
  Entity product;
  product.id = "product:hun901-dm1";
  product.type = EntityType::kProduct;
  product.name = "huN901-DM1";
  s.entities.push_back(product);
  Entity person;
  person.id = "person:mitchel-sayare";
  person.type = EntityType::kPerson;
  person.name = "Mitchel Sayare";
  s.entities.push_back(person);

  const std::string ig = "org:immunogen", gne = "org:genentech", mlnm = "org:millennium-pharmaceuticals",
                    vern = "org:vernalis";
  Event renewed = WithAmount(Ev("ev:01", "agreement.renewed", "2005-05-03", {ig, gne}), 2000000);
  renewed.agreement_id = "ag:immunogen+genentech:access:2000";
  Event license = WithAmount(Ev("ev:02", "license.granted", "2005-12", {ig, gne}), 1000000);
  license.agreement_id = "ag:immunogen+genentech:access:2000";
  Event entered = Ev("ev:03", "agreement.entered", "2000-05", {gne, ig});
  entered.agreement_id = "ag:immunogen+genentech:license:2000";
  s.events = {renewed, license, entered,
              WithAmount(Ev("ev:04", "agreement.extended", "2006-03-27", {ig, mlnm}), 250000),
              WithAmount(Ev("ev:05", "payment", "2006-03-27", {mlnm, ig}), 250000),
              Ev("ev:06", "clinical", "2004-07", {ig, vern}),
              Ev("ev:07", "clinical", "2005-12", {vern, ig, "product:hun901-dm1"}),
              // Money in another currency or per share is not summed.
              WithAmount(Ev("ev:08", "payment", "2005-12", {gne, ig}), 2000000, "EUR"),
              WithAmount(Ev("ev:09", "payment", "2005-12", {gne, ig}), 1.5, "USD", true),
              Ev("ev:10", "executive.change", "2006-01", {"person:mitchel-sayare", ig})};
  s.relations = {Relation{"subsidiary_of", "org:centocor", "org:johnson-&-johnson", "", {}}};
  return s;
}

TEST_CASE("network: partners are ranked by shared events, then by money", "[network]") {
  Network net = Network::FromSlice(HubSlice());
  std::vector<Network::Partner> ps = net.PartnersOf("org:immunogen");
  std::vector<std::string> order;
  for (const auto& p : ps) order.push_back(p.id);
  // Genentech 5 events; Millennium and Vernalis 2 each, Millennium with money.
  CHECK(order == std::vector<std::string>{"org:genentech", "org:millennium-pharmaceuticals", "org:vernalis",
                                          "person:mitchel-sayare"});
  REQUIRE(ps.size() == 4);
  CHECK(ps[0].name == "Genentech");
  CHECK(ps[0].edge.events == 5);
  // Money is what payments paid, in USD and whole: the renewal's and the
  // licence's amounts are agreements' figures, the EUR and per-share
  // payments are not summed.
  CHECK(ps[0].edge.money == Approx(0));
  CHECK(ps[0].edge.agreements == 2);
  CHECK(ps[0].edge.first == "2000-05");
  CHECK(ps[0].edge.last == "2005-12");
  CHECK(ps[0].edge.event_ids.size() == 5);
  CHECK(ps[1].edge.events == 2);
  // The extension that carries its fee tells the payment's money again: once.
  CHECK(ps[1].edge.money == Approx(250000));
  CHECK(ps[2].edge.events == 2);
  CHECK(ps[2].edge.money == Approx(0));
  CHECK(ps[2].edge.first == "2004-07");
  CHECK(net.PartnersOf("org:nobody").empty());
}

TEST_CASE("network: only companies and people are vertices unless all types are asked for", "[network]") {
  Network net = Network::FromSlice(HubSlice());
  CHECK(net.Find("org:immunogen") >= 0);
  CHECK(net.Find("person:mitchel-sayare") >= 0);
  CHECK(net.Find("product:hun901-dm1") == -1);
  Network all = Network::FromSlice(HubSlice(), true);
  CHECK(all.Find("product:hun901-dm1") >= 0);
  const NetworkEdge* e = all.EdgeBetween("product:hun901-dm1", "org:vernalis");
  REQUIRE(e != nullptr);
  CHECK(e->events == 1);
}

TEST_CASE("network: relations join their ends even without shared events", "[network]") {
  Network net = Network::FromSlice(HubSlice());
  const NetworkEdge* e = net.EdgeBetween("org:centocor", "org:johnson-&-johnson");
  REQUIRE(e != nullptr);
  CHECK(e->events == 0);
  CHECK(e->relations == std::vector<std::string>{"subsidiary_of"});
  CHECK(net.EdgeBetween("org:centocor", "org:immunogen") == nullptr);
}

TEST_CASE("network: the path from Vernalis to Genentech goes through ImmunoGen", "[network]") {
  Network net = Network::FromSlice(HubSlice());
  CHECK(net.Path("org:vernalis", "org:genentech") ==
        std::vector<std::string>{"org:vernalis", "org:immunogen", "org:genentech"});
  CHECK(net.Path("org:genentech", "org:immunogen") == std::vector<std::string>{"org:genentech", "org:immunogen"});
  CHECK(net.Path("org:vernalis", "org:vernalis") == std::vector<std::string>{"org:vernalis"});
  // Not connected, or not in the network at all.
  CHECK(net.Path("org:vernalis", "org:centocor").empty());
  CHECK(net.Path("org:vernalis", "org:nobody").empty());
}

TEST_CASE("network: Central puts the hub first, with full betweenness", "[network]") {
  Network net = Network::FromSlice(HubSlice());
  std::vector<Network::Centrality> c = net.Central();
  REQUIRE_FALSE(c.empty());
  CHECK(c[0].id == "org:immunogen");
  CHECK(c[0].name == "ImmunoGen");
  CHECK(c[0].degree == 4);
  CHECK(c[0].betweenness > 0);
  for (size_t i = 1; i < c.size(); ++i) {
    CHECK(c[i].betweenness < c[0].betweenness);
    CHECK(c[i - 1].betweenness >= c[i].betweenness);
  }
  // Only organizations are ranked.
  for (const auto& x : c) CHECK(x.id.rfind("org:", 0) == 0);
  // A star of four: the hub lies on every path between the three others.
  GraphSlice star;
  star.entities = {Org("org:a", "A"), Org("org:hub", "Hub"), Org("org:b", "B"), Org("org:c", "C")};
  star.events = {Ev("ev:1", "payment", "2005", {"org:a", "org:hub"}), Ev("ev:2", "payment", "2005", {"org:b", "org:hub"}),
                 Ev("ev:3", "payment", "2005", {"org:c", "org:hub"})};
  std::vector<Network::Centrality> sc = Network::FromSlice(star).Central();
  REQUIRE(sc.size() == 4);
  CHECK(sc[0].id == "org:hub");
  CHECK(sc[0].betweenness == Approx(1.0));
  CHECK(sc[1].betweenness == Approx(0.0));
}

// The bundled filings (seeds and dev), stored once for the tests below.
const Store& BundledStore() {
  static TempDir dir;
  static std::unique_ptr<Store> store = [] {
    std::unique_ptr<Store> s = OpenStore(dir.path());
    for (const std::string& rel : AllFilings()) Add(s.get(), Extract(rel));
    return s;
  }();
  return *store;
}

TEST_CASE("network: Star reads from the pair index the partners the neighbourhood has, for every bundled entity",
          "[network]") {
  const Store& store = BundledStore();
  int with_partners = 0, with_money = 0, with_agreements = 0;
  for (const Entity& e : Must(store.ListEntities(std::nullopt))) {
    INFO(e.id);
    std::vector<Network::Partner> want = Must(Network::Around(store, e.id, 1, "")).PartnersOf(e.id);
    std::vector<Network::Partner> got = Must(Network::Star(store, e.id)).PartnersOf(e.id);
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO(want[i].id);
      CHECK(got[i].id == want[i].id);
      CHECK(got[i].name == want[i].name);
      CHECK(got[i].edge.events == want[i].edge.events);
      CHECK(got[i].edge.agreements == want[i].edge.agreements);
      CHECK(got[i].edge.money == want[i].edge.money);
      CHECK(got[i].edge.first == want[i].edge.first);
      CHECK(got[i].edge.last == want[i].edge.last);
      CHECK(got[i].edge.event_ids == want[i].edge.event_ids);
      std::vector<std::string> a = got[i].edge.relations, b = want[i].edge.relations;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      CHECK(a == b);
      with_money += want[i].edge.money > 0;
      with_agreements += want[i].edge.agreements > 0;
    }
    with_partners += want.size() >= 2;
  }
  // The comparison covers every field with something in it.
  CHECK(with_partners >= 5);
  CHECK(with_money >= 2);
  CHECK(with_agreements >= 2);
}

TEST_CASE("store: covering index entries answer as the events do, for every bundled entity and agreement",
          "[store]") {
  const Store& store = BundledStore();
  size_t shared = 0, agreements = 0, agreement_events = 0;
  const std::vector<std::string> agreement_types = ExpandEventTypes("agreement").value();
  for (const Entity& e : Must(store.ListEntities(std::nullopt))) {
    INFO(e.id);
    // Store:: calls the defaults, which compute from the events.
    std::vector<SharedEvent> got = Must(store.SharedEventsOf(e.id)), want = Must(store.Store::SharedEventsOf(e.id));
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].partner == want[i].partner);
      CHECK(got[i].date == want[i].date);
      CHECK(got[i].event_id == want[i].event_id);
      CHECK(got[i].agreement_id == want[i].agreement_id);
      CHECK(got[i].amount.has_value() == want[i].amount.has_value());
      if (got[i].amount && want[i].amount) CHECK(got[i].amount->value == want[i].amount->value);
    }
    shared += got.size();
    for (const std::string& type : agreement_types) {
      std::vector<std::string> ags = Must(store.AgreementsOfPartyAndType(e.id, type));
      CHECK(ags == Must(store.Store::AgreementsOfPartyAndType(e.id, type)));
      agreements += ags.size();
    }
    if (e.type != EntityType::kAgreement) continue;
    for (const Event& ev : Must(store.EventsOfAgreement(e.id))) {
      Result<Event> stored = store.GetEvent(ev.id);
      REQUIRE(stored.ok());
      CHECK(EncodeEvent(ev) == EncodeEvent(*stored));
      ++agreement_events;
    }
  }
  CHECK(shared >= 20);
  CHECK(agreements >= 5);
  CHECK(agreement_events >= 10);
}

TEST_CASE("network: AsOf drops sources filed after the date and events left without one", "[network]") {
  Event a = Ev("ev:a", "payment", "2005-05-03", {"org:genentech", "org:immunogen"});
  a.sources = {Source{"f1", "", "q1", "2005-05-03"}, Source{"f2", "", "q2", "2006-02-02"}};
  Event b = Ev("ev:b", "payment", "2006-01-31", {"org:genentech", "org:immunogen"});
  b.sources = {Source{"f3", "", "q3", "2006-01-31"}};
  std::vector<Event> kept = AsOf({a, b}, "2005-12-31");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].id == "ev:a");
  REQUIRE(kept[0].sources.size() == 1);
  CHECK(kept[0].sources[0].filing == "f1");
  CHECK(AsOf({a, b}, "").size() == 2);
  CHECK(AsOf({a, b}, "2006").size() == 2);  // a year keeps all of it
}

// ---- Evaluate -----------------------------------------------------------------------

constexpr char kGold[] = R"({
  "entities": [
    {"id": "immunogen", "type": "organization", "name": "ImmunoGen", "aliases": ["ImmunoGen, Inc.", "IMGN"]},
    {"id": "genentech", "type": "organization", "name": "Genentech", "aliases": ["DNA"]},
    {"id": "nasdaq", "type": "organization", "name": "Nasdaq", "optional": true}
  ],
  "events": [
    {"id": "renewed", "type": "agreement.renewed", "date": "2005-05-03", "parties": ["genentech", "immunogen"],
     "amount_usd": 2000000},
    {"id": "entered", "type": "agreement.entered", "date": "2000-05-02", "alt_dates": ["2000-05"],
     "parties": ["genentech", "immunogen"]},
    {"id": "fee", "type": "payment", "date": "2005-05-03", "parties": ["genentech", "immunogen"], "optional": true}
  ]
})";

std::vector<Entity> GoldishEntities() {
  Entity ig = Org("org:immunogen", "ImmunoGen");
  Entity gne = Org("org:genentech", "Genentech, Inc.");  // matched through folding
  return {ig, gne};
}

Event Pred(std::string id, std::string type, std::string date, std::optional<double> usd = std::nullopt) {
  Event ev = Ev(std::move(id), std::move(type), std::move(date), {"org:immunogen", "org:genentech"}, "a quote");
  if (usd) ev.amount = Money{*usd, "USD"};
  return ev;
}

TEST_CASE("eval: exact matches, alternate dates and amounts are scored", "[eval]") {
  std::vector<Event> events = {Pred("e1", "agreement.renewed", "2005-05-03", 2000000),
                               Pred("e2", "agreement.entered", "2000-05")};
  Result<EvalReport> r = Evaluate(kGold, events, GoldishEntities());
  REQUIRE(r.ok());
  CHECK(r->events.gold == 2);
  CHECK(r->events.predicted == 2);
  CHECK(r->events.matched == 2);
  CHECK(r->events.precision == Approx(1.0));
  CHECK(r->events.recall == Approx(1.0));
  CHECK(r->events.f1 == Approx(1.0));
  CHECK(r->duplicates == 0);
  CHECK(r->false_positives == 0);
  CHECK(r->amount_accuracy == Approx(1.0));
  CHECK(r->with_quote == Approx(1.0));
  CHECK(r->entities.gold == 2);
  CHECK(r->entities.matched == 2);
  CHECK(r->entities.precision == Approx(1.0));
}

TEST_CASE("eval: a second telling of a matched event counts as a duplicate", "[eval]") {
  std::vector<Event> events = {Pred("e1", "agreement.renewed", "2005-05-03", 2000000),
                               Pred("e1b", "agreement.renewed", "2005-05-03"),
                               Pred("e2", "agreement.entered", "2000-05-02")};
  Result<EvalReport> r = Evaluate(kGold, events, GoldishEntities());
  REQUIRE(r.ok());
  CHECK(r->events.matched == 2);
  CHECK(r->duplicates == 1);
  CHECK(r->false_positives == 0);
  CHECK(r->events.predicted == 3);
  CHECK(r->events.precision == Approx(2.0 / 3.0));
  // The richer telling (with an amount) is the one matched.
  CHECK(r->amount_accuracy == Approx(1.0));
  bool dup_line = false;
  for (const std::string& d : r->details) dup_line |= d.rfind("duplicate: agreement.renewed 2005-05-03", 0) == 0;
  CHECK(dup_line);
}

TEST_CASE("eval: optional gold items neither count nor penalize", "[eval]") {
  std::vector<Event> base = {Pred("e1", "agreement.renewed", "2005-05-03", 2000000),
                             Pred("e2", "agreement.entered", "2000-05-02")};
  std::vector<Event> with_optional = base;
  with_optional.push_back(Pred("e3", "payment", "2005-05-03", 2000000));
  Result<EvalReport> a = Evaluate(kGold, base, GoldishEntities());
  Result<EvalReport> b = Evaluate(kGold, with_optional, GoldishEntities());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->events.gold == 2);  // the optional payment is not required
  CHECK(b->events.gold == 2);
  CHECK(b->events.predicted == a->events.predicted);
  CHECK(b->events.precision == Approx(a->events.precision));
  CHECK(b->events.recall == Approx(a->events.recall));
  CHECK(b->false_positives == 0);
  CHECK(b->duplicates == 0);
  // An optional entity found is not a false positive either.
  std::vector<Entity> ents = GoldishEntities();
  ents.push_back(Org("org:nasdaq", "NASDAQ"));
  Result<EvalReport> c = Evaluate(kGold, base, ents);
  REQUIRE(c.ok());
  CHECK(c->entities.predicted == 2);
  CHECK(c->entities.precision == Approx(1.0));
}

TEST_CASE("eval: misses, false positives, wrong amounts and wrong parties are reported", "[eval]") {
  Event wrong_party = Ev("e4", "agreement.entered", "2000-05-02", {"org:immunogen", "org:vernalis"}, "q");
  std::vector<Event> events = {Pred("e1", "agreement.renewed", "2005-05-03", 3000000),
                               Pred("e5", "clinical", "2004-07"), wrong_party};
  std::vector<Entity> ents = GoldishEntities();
  ents.push_back(Org("org:vernalis", "Vernalis"));
  Result<EvalReport> r = Evaluate(kGold, events, ents);
  REQUIRE(r.ok());
  CHECK(r->events.matched == 1);
  CHECK(r->events.recall == Approx(0.5));
  CHECK(r->false_positives == 2);
  CHECK(r->amount_accuracy == Approx(0.0));
  CHECK(r->entities.predicted == 3);
  CHECK(r->entities.matched == 2);
  bool missed = false, fp = false, entity_fp = false;
  for (const std::string& d : r->details) {
    missed |= d.rfind("missed: entered", 0) == 0;
    fp |= d.rfind("false positive: clinical 2004-07", 0) == 0;
    entity_fp |= d == "entity false positive: Vernalis (organization)";
  }
  CHECK(missed);
  CHECK(fp);
  CHECK(entity_fp);
  // No events at all: nothing predicted, nothing found.
  Result<EvalReport> none = Evaluate(kGold, {}, {});
  REQUIRE(none.ok());
  CHECK(none->events.matched == 0);
  CHECK(none->events.recall == Approx(0.0));
  CHECK(none->amount_accuracy == Approx(-1.0));
}

TEST_CASE("eval: malformed gold is an error, not a crash", "[eval]") {
  std::vector<Event> events = {Pred("e1", "agreement.renewed", "2005-05-03", 2000000)};
  Result<EvalReport> not_json = Evaluate("{\"entities\": [", events, GoldishEntities());
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.status().code() == StatusCode::kCorruption);
  CHECK_FALSE(not_json.status().message().empty());

  Result<EvalReport> no_events = Evaluate(R"({"entities": []})", events, GoldishEntities());
  REQUIRE_FALSE(no_events.ok());
  CHECK(no_events.status().code() == StatusCode::kCorruption);

  Result<EvalReport> an_array = Evaluate("[1, 2, 3]", events, GoldishEntities());
  CHECK_FALSE(an_array.ok());

  Result<EvalReport> bad_field =
      Evaluate(R"({"entities": [], "events": [{"id": "x", "type": "payment", "parties": 5}]})", events,
               GoldishEntities());
  REQUIRE_FALSE(bad_field.ok());
  CHECK(bad_field.status().code() == StatusCode::kCorruption);

  Result<EvalReport> no_id = Evaluate(R"({"entities": [{"name": "ImmunoGen"}], "events": []})", events,
                                      GoldishEntities());
  CHECK_FALSE(no_id.ok());
}

TEST_CASE("eval: the seeds' own gold file scores the stored seed extraction", "[eval]") {
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) Add(store.get(), Extract(rel));
  Result<EvalReport> r =
      Evaluate(Slurp(DataPath("gold/seeds.json")), Must(store->AllEvents()), Must(store->ListEntities(std::nullopt)));
  INFO(r.status().message());
  REQUIRE(r.ok());
  std::string details;
  for (const std::string& d : r->details) details += d + "\n";
  INFO(details);
  CHECK(r->events.gold > 10);
  CHECK(r->with_quote == Approx(1.0));
  // The e2e bar (tests/cli/e2e.sh): F1 of at least 0.85 for both.
  CHECK(r->events.f1 >= 0.85);
  CHECK(r->entities.f1 >= 0.85);
}

TEST_CASE("query: a name two entities share is taken as the one that files reports, and the other is told",
          "[query]") {
  // "PNC": the ticker of the registrant and, in a credit agreement, the
  // short name of its bank. Neither has a CIK (a filing without an EDGAR
  // header); the registrant's own filing decides.
  TempDir dir;
  std::unique_ptr<Store> store = OpenStore(dir.path());
  auto org = [](std::string id, std::string name, const std::string& filing) {
    Entity e;
    e.id = std::move(id);
    e.type = EntityType::kOrganization;
    e.name = std::move(name);
    e.aliases = {"PNC"};
    e.sources = {Source{filing, "", "", "2021-08-20"}};
    return e;
  };
  auto filing = [](std::string id, std::string name, std::string filed, std::string registrant) {
    FilingExtract f;
    f.filing.id = std::move(id);
    f.filing.name = std::move(name);
    f.filing.form = "8-K";
    f.filing.filed = std::move(filed);
    f.filing.registrant = std::move(registrant);
    return f;
  };
  // The bank sorts first by id: without the rule it would be taken.
  FilingExtract x = filing("sha:00000000000000a1", "pnc.htm", "2021-08-20", "org:pnc-financial-services");
  x.entities = {org("org:pnc-bank", "PNC Bank", x.filing.id),
                org("org:pnc-financial-services", "PNC Financial Services Group", x.filing.id)};
  Add(store.get(), x);

  std::vector<Entity> found = Must(store->FindEntities("PNC"));
  REQUIRE(found.size() == 2);
  CHECK(found[0].id == "org:pnc-bank");
  std::vector<const Entity*> others;
  const size_t best = Must(BestNamed(*store, found, "PNC", &others));
  CHECK(found[best].id == "org:pnc-financial-services");
  REQUIRE(others.size() == 1);
  CHECK(others[0]->id == "org:pnc-bank");
  CHECK(Must(ResolveEntity(*store, "pnc")).id == "org:pnc-financial-services");
  // A canonical name is taken as written, whatever else it is an alias of.
  CHECK(Must(ResolveEntity(*store, "PNC Bank")).id == "org:pnc-bank");

  // A name that is one entity's own, with events, over another's alias with
  // a CIK ("NL Acquisition", TBS's merger subsidiary, merged into TBS's
  // aliases); the same own name without events loses to the alias.
  FilingExtract y = filing("0000950144-94-000277", "tbs.txt", "1994-02-11", "org:turner-broadcasting-system");
  Entity tbs = org("org:turner-broadcasting-system", "Turner Broadcasting System", y.filing.id);
  tbs.aliases = {"NL Acquisition", "TBS"};
  tbs.cik = "0000098254";
  Entity sub = org("org:nl-acquisition", "NL Acquisition", y.filing.id);
  sub.aliases = {};
  Entity idle = org("org:tbs", "TBS", y.filing.id);
  idle.aliases = {};
  y.entities = {tbs, sub, idle};
  Event merger = Ev("ev:tbs-merger", "corporate.transaction", "1994-01-28",
                    {"org:turner-broadcasting-system", "org:nl-acquisition"});
  merger.sources[0].filing = y.filing.id;
  y.events = {merger};
  Add(store.get(), y);
  CHECK(Must(ResolveEntity(*store, "NL Acquisition")).id == "org:nl-acquisition");
  CHECK(Must(ResolveEntity(*store, "TBS")).id == "org:turner-broadcasting-system");
}

}  // namespace
}  // namespace dealgraph
