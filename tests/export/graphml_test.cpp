#include "export/graphml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "export/export_util.h"

#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::ImmunoGenSlice;
using export_fixtures::XmlError;

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

XmlDocPtr Parse(const std::string& text) {
  return XmlDocPtr(xmlReadMemory(text.data(), static_cast<int>(text.size()), "g.graphml", nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

std::string Name(xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string Attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string Content(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

struct Graphml {
  std::vector<std::string> keys;
  std::map<std::string, std::map<std::string, std::string>> nodes;  // id -> key -> value
  std::vector<std::map<std::string, std::string>> edges;            // source, target + data
};

Graphml Read(const std::string& text) {
  Graphml g;
  XmlDocPtr doc = Parse(text);
  REQUIRE(doc != nullptr);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  REQUIRE(Name(root) == "graphml");
  for (xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Name(c) == "key")
      g.keys.push_back(Attr(c, "id") + ":" + Attr(c, "for") + ":" + Attr(c, "attr.type"));
    if (Name(c) != "graph") continue;
    CHECK(Attr(c, "edgedefault") == "directed");
    for (xmlNode* n = c->children; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      std::map<std::string, std::string> data;
      for (xmlNode* d = n->children; d != nullptr; d = d->next) {
        if (d->type == XML_ELEMENT_NODE) data[Attr(d, "key")] = Content(d);
      }
      if (Name(n) == "node") {
        CHECK(g.nodes.count(Attr(n, "id")) == 0);
        g.nodes[Attr(n, "id")] = data;
      } else if (Name(n) == "edge") {
        data["@source"] = Attr(n, "source");
        data["@target"] = Attr(n, "target");
        g.edges.push_back(data);
      }
    }
  }
  return g;
}

TEST_CASE("graphml: the ImmunoGen slice is well-formed with every node and edge", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  REQUIRE(WriteGraphml(s, out).ok());
  REQUIRE(XmlError(out.str()).empty());
  Graphml g = Read(out.str());
  CHECK(g.nodes.size() == s.entities.size() + s.events.size());
  CHECK(g.edges.size() == FlattenEdges(s).size());
  CHECK(std::find(g.keys.begin(), g.keys.end(), "amount:node:double") != g.keys.end());
  CHECK(std::find(g.keys.begin(), g.keys.end(), "per_share:node:boolean") != g.keys.end());
  CHECK(std::find(g.keys.begin(), g.keys.end(), "weight:edge:double") != g.keys.end());

  CHECK(g.nodes["org:genentech"]["label"] == "Genentech");
  CHECK(g.nodes["org:genentech"]["kind"] == "organization");
  CHECK(g.nodes["ag:genentech-tap"]["dated"] == "2000-05-02");
  const auto& renewal = g.nodes["ev:0000000000000002"];
  CHECK(renewal.at("kind") == "event");
  CHECK(renewal.at("event_type") == "agreement.renewed");
  CHECK(renewal.at("amount") == "2000000");
  CHECK(renewal.at("quote").find("has renewed its agreement with ImmunoGen") != std::string::npos);
  // Every edge end is a node.
  for (const auto& e : g.edges) {
    CHECK(g.nodes.count(e.at("@source")) == 1);
    CHECK(g.nodes.count(e.at("@target")) == 1);
  }
  auto has_edge = [&](std::string src, std::string dst, std::string type) {
    for (const auto& e : g.edges) {
      if (e.at("@source") == src && e.at("@target") == dst && e.at("type") == type) return true;
    }
    return false;
  };
  CHECK(has_edge("org:genentech", "ev:0000000000000002", "party_of"));
  CHECK(has_edge("ev:0000000000000002", "ag:genentech-tap", "concerns"));
  CHECK(has_edge("org:genentech", "org:roche", "subsidiary_of"));
}

TEST_CASE("graphml: hostile text comes out intact, illegal XML characters dropped", "[export]") {
  GraphSlice s;
  std::string hostile = HostileName() + " \\n 'q' \xC3\xA9 \x01\x1F\xEF\xBF\xBE end";
  s.entities.push_back(Entity{"org:a&b<\"c\">", EntityType::kOrganization, hostile, {}});
  Event e;
  e.id = "ev:1";
  e.type = "payment";
  e.parties = {Party{"org:a&b<\"c\">", "pay\ter"}, Party{"org:missing", ""}};
  e.sources = {Source{"f", "", "line one\r\nline two \xFF bad byte", ""}};
  s.events.push_back(e);
  std::ostringstream out;
  REQUIRE(WriteGraphml(s, out).ok());
  REQUIRE(XmlError(out.str()).empty());
  Graphml g = Read(out.str());
  REQUIRE(g.nodes.count("org:a&b<\"c\">") == 1);
  CHECK(g.nodes["org:a&b<\"c\">"]["label"] == HostileName() + " \\n 'q' \xC3\xA9  end");
  CHECK(g.nodes["ev:1"]["quote"] == "line one\r\nline two \xEF\xBF\xBD bad byte");
  // The party the slice lacks becomes a stub node.
  CHECK(g.nodes["org:missing"]["kind"] == "organization");
  CHECK(g.edges.size() == 2);
  CHECK(g.edges[0].at("role") == "pay\ter");
}

TEST_CASE("graphml: an empty slice is still a valid document", "[export]") {
  std::ostringstream out;
  REQUIRE(WriteGraphml(GraphSlice{}, out).ok());
  CHECK(XmlError(out.str()).empty());
}

}  // namespace
}  // namespace dealgraph
