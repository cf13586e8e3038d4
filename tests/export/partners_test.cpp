#include "export/partners.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::ImmunoGenSlice;
using export_fixtures::SyntheticSlice;
using export_fixtures::XmlError;

std::string Get(void* obj, const char* attr) {
  char* v = agget(obj, const_cast<char*>(attr));
  return v != nullptr ? v : "";
}

std::set<std::string> NodeNames(Agraph_t* g) {
  std::set<std::string> out;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) out.insert(agnameof(n));
  return out;
}

Agedge_t* EdgeBetween(Agraph_t* g, const char* a, const char* b) {
  Agnode_t* na = agnode(g, const_cast<char*>(a), 0);
  Agnode_t* nb = agnode(g, const_cast<char*>(b), 0);
  if (na == nullptr || nb == nullptr) return nullptr;
  return agedge(g, na, nb, nullptr, 0);
}

TEST_CASE("partners: organizations are nodes, people and products only as the focus", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  Result<AgraphPtr> g = BuildPartnerGraph(s, PartnerOptions{"org:immunogen"});
  REQUIRE(g.ok());
  CHECK(NodeNames(g->get()) ==
        std::set<std::string>{"org:genentech", "org:immunogen", "org:millennium", "org:roche"});
  Result<AgraphPtr> person = BuildPartnerGraph(s, PartnerOptions{"person:mitchel-sayare"});
  REQUIRE(person.ok());
  CHECK(NodeNames(person->get()).count("person:mitchel-sayare") == 1);
  CHECK(NodeNames(person->get()).count("product:t-dm1") == 0);
  CHECK(EdgeBetween(person->get(), "person:mitchel-sayare", "org:immunogen") != nullptr);
}

TEST_CASE("partners: nodes are sized and labelled by activity, the focus stands out", "[export]") {
  Result<AgraphPtr> g = BuildPartnerGraph(ImmunoGenSlice(), PartnerOptions{"org:immunogen"});
  REQUIRE(g.ok());
  Agnode_t* immunogen = agnode(g->get(), const_cast<char*>("org:immunogen"), 0);
  Agnode_t* roche = agnode(g->get(), const_cast<char*>("org:roche"), 0);
  CHECK(Get(immunogen, "label") == "ImmunoGen\\n10 events");
  CHECK(Get(roche, "label") == "Roche");
  CHECK(std::stod(Get(immunogen, "width")) > std::stod(Get(roche, "width")));
  CHECK(Get(immunogen, "fillcolor") == "#ffd966");
}

TEST_CASE("partners: edges carry agreements, years, money and weight", "[export]") {
  Result<AgraphPtr> g = BuildPartnerGraph(ImmunoGenSlice(), PartnerOptions{"org:immunogen"});
  REQUIRE(g.ok());
  Agedge_t* gen = EdgeBetween(g->get(), "org:genentech", "org:immunogen");
  Agedge_t* mil = EdgeBetween(g->get(), "org:millennium", "org:immunogen");
  REQUIRE(gen != nullptr);
  REQUIRE(mil != nullptr);
  std::string label = Get(gen, "label");
  CHECK(label.find("technology access agreement (2000\xE2\x80\x93"
                   "2008)") != std::string::npos);
  CHECK(label.find("Genentech licensee of ImmunoGen") != std::string::npos);
  // The renewal carries its $2M fee and the payment pays it: $2M once.
  CHECK(label.find("4 events, 2000\xE2\x80\x93"
                   "2006, $2.0M") != std::string::npos);
  CHECK(Get(mil, "label").find("collaboration agreement (2001\xE2\x80\x93)") != std::string::npos);
  CHECK(std::stod(Get(gen, "penwidth")) > std::stod(Get(mil, "penwidth")));
  CHECK(Get(gen, "tooltip").find("2005-05-03 agreement.renewed $2.0M") != std::string::npos);
  // Genentech's IND has one party only: no edge from it, and no self-loop.
  CHECK(EdgeBetween(g->get(), "org:genentech", "org:genentech") == nullptr);
}

TEST_CASE("partners: the underwriters of one offering are the filer's counterparties, not each other's",
          "[export]") {
  // An 8-K's offering: the registrant and its three underwriters, one event
  // and one agreement among all four.
  GraphSlice s;
  for (const char* id : {"org:acme", "org:goldman", "org:morgan", "org:citi"}) {
    Entity e;
    e.id = id;
    e.name = std::string(id).substr(4);
    s.entities.push_back(e);
  }
  Entity ag;
  ag.id = "ag:underwriting";
  ag.type = EntityType::kAgreement;
  ag.name = "Underwriting Agreement";
  ag.parties = {"org:acme", "org:goldman", "org:morgan", "org:citi"};
  s.entities.push_back(ag);
  Event ev;
  ev.id = "ev:1";
  ev.type = "agreement.entered";
  ev.date = "2012-07-30";
  ev.agreement_id = ag.id;
  for (const std::string& p : ag.parties) ev.parties.push_back(Party{p, ""});
  s.events.push_back(ev);
  // A licence with its sides named: licensor and licensee pair whatever the order.
  Event lic;
  lic.id = "ev:2";
  lic.type = "license.granted";
  lic.date = "2013";
  lic.parties = {Party{"org:goldman", "licensee"}, Party{"org:acme", ""}, Party{"org:citi", "licensor"}};
  s.events.push_back(lic);
  Result<AgraphPtr> g = BuildPartnerGraph(s, PartnerOptions{});
  REQUIRE(g.ok());
  for (const char* u : {"org:goldman", "org:morgan", "org:citi"}) {
    INFO(u);
    CHECK(EdgeBetween(g->get(), "org:acme", u) != nullptr);
  }
  CHECK(EdgeBetween(g->get(), "org:morgan", "org:goldman") == nullptr);
  CHECK(EdgeBetween(g->get(), "org:morgan", "org:citi") == nullptr);
  CHECK(EdgeBetween(g->get(), "org:goldman", "org:citi") != nullptr);  // the licence's two sides
}

TEST_CASE("partners: --top and --min-events keep a big graph to its most active companies and the focus",
          "[export]") {
  GraphSlice s = SyntheticSlice(1200, 3);  // 100 partners
  PartnerOptions all;
  Result<AgraphPtr> full = BuildPartnerGraph(s, all);
  REQUIRE(full.ok());
  const size_t every = NodeNames(full->get()).size();
  PartnerOptions top;
  top.top = 10;
  top.focus_entity_id = "org:focus";
  Result<AgraphPtr> g = BuildPartnerGraph(s, top);
  REQUIRE(g.ok());
  std::set<std::string> names = NodeNames(g->get());
  CHECK(names.size() == 11);  // ten and the focus
  CHECK(names.count("org:focus") == 1);
  CHECK(every > 50);
  PartnerOptions busy;
  busy.min_events = 1000000;
  Result<AgraphPtr> none = BuildPartnerGraph(s, busy);
  REQUIRE(none.ok());
  CHECK(NodeNames(none->get()).empty());
}

TEST_CASE("partners: subsidiaries share a cluster with their parent", "[export]") {
  Result<AgraphPtr> g = BuildPartnerGraph(ImmunoGenSlice(), PartnerOptions{});
  REQUIRE(g.ok());
  Agraph_t* cluster = agsubg(g->get(), const_cast<char*>("cluster_0"), 0);
  REQUIRE(cluster != nullptr);
  CHECK(NodeNames(cluster) == std::set<std::string>{"org:genentech", "org:roche"});
  CHECK(Get(cluster, "label") == "Roche group");
  Agedge_t* sub = EdgeBetween(g->get(), "org:genentech", "org:roche");
  REQUIRE(sub != nullptr);
  CHECK(Get(sub, "style") == "dashed");
}

TEST_CASE("partners: nested ownership nests clusters and a cycle is refused", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  s.entities.push_back(Entity{"org:novartis", EntityType::kOrganization, "Novartis", {}});
  s.relations.push_back(Relation{"subsidiary_of", "org:roche", "org:novartis", "", {}});
  s.relations.push_back(
      Relation{"subsidiary_of", "org:novartis", "org:genentech", "", {}});  // cycle
  Result<AgraphPtr> g = BuildPartnerGraph(s, PartnerOptions{});
  REQUIRE(g.ok());
  Agraph_t* outer = agsubg(g->get(), const_cast<char*>("cluster_0"), 0);
  REQUIRE(outer != nullptr);
  CHECK(NodeNames(outer) == std::set<std::string>{"org:genentech", "org:roche", "org:novartis"});
  Agraph_t* inner = agsubg(outer, const_cast<char*>("cluster_1"), 0);
  REQUIRE(inner != nullptr);
  CHECK(NodeNames(inner) == std::set<std::string>{"org:genentech", "org:roche"});
  std::ostringstream svg;
  REQUIRE(WritePartnerDiagram(s, PartnerOptions{}, "svg", svg).ok());
  CHECK(XmlError(svg.str()).empty());
}

TEST_CASE("partners: the diagram renders to svg with tooltips and to DOT", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  for (Entity& e : s.entities) {
    if (e.id == "org:millennium") e.name = HostileName();
  }
  std::ostringstream svg, dot;
  REQUIRE(WritePartnerDiagram(s, PartnerOptions{"org:immunogen"}, "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  CHECK(svg.str().find("Acme &quot;Bio&quot;, Inc. &lt;script&gt;&amp;") != std::string::npos);
  CHECK(svg.str().find("<title>") != std::string::npos);
  REQUIRE(WritePartnerDiagram(s, PartnerOptions{"org:immunogen"}, "dot", dot).ok());
  Result<AgraphPtr> back = ReadDot(dot.str());
  REQUIRE(back.ok());
  CHECK(agnnodes(back->get()) == 4);
}

TEST_CASE("partners: dot lays out small graphs, sfdp large ones", "[export]") {
  CHECK(PartnerLayoutEngine(10) == "dot");
  CHECK(PartnerLayoutEngine(150) == "dot");
  CHECK(PartnerLayoutEngine(151) == "sfdp");
  GraphSlice s = SyntheticSlice(2000, 9);  // 166 partners + the focus
  Result<AgraphPtr> g = BuildPartnerGraph(s, PartnerOptions{"org:focus"});
  REQUIRE(g.ok());
  CHECK(agnnodes(g->get()) == 167);
  CHECK(Get(g->get(), "overlap") == "prism");
  std::ostringstream svg;
  REQUIRE(WritePartnerDiagram(s, PartnerOptions{"org:focus"}, "svg", svg).ok());
  CHECK(XmlError(svg.str()).empty());
}

TEST_CASE("partners: an unknown focus is NotFound", "[export]") {
  std::ostringstream out;
  CHECK(WritePartnerDiagram(ImmunoGenSlice(), PartnerOptions{"org:nobody"}, "svg", out).code() ==
        StatusCode::kNotFound);
}

}  // namespace
}  // namespace dealgraph
