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
  CHECK(label.find("4 events, 2000\xE2\x80\x93"
                   "2006, $4.0M") != std::string::npos);
  CHECK(Get(mil, "label").find("collaboration agreement (2001\xE2\x80\x93)") != std::string::npos);
  CHECK(std::stod(Get(gen, "penwidth")) > std::stod(Get(mil, "penwidth")));
  CHECK(Get(gen, "tooltip").find("2005-05-03 agreement.renewed $2.0M") != std::string::npos);
  // Genentech's IND has one party only: no edge from it, and no self-loop.
  CHECK(EdgeBetween(g->get(), "org:genentech", "org:genentech") == nullptr);
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
