// One hostile entity name and one hostile quote through every output
// language dealgraph writes: DOT, SVG, HTML, CSV, JSON Lines, GraphML. Each
// is read back with a real parser of that language, and the text must come
// back intact (as the format promises: DOT and SVG fold whitespace) and
// inert (no element, script, field or record it did not ask for).
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/strings.h"
#include "export/csv.h"
#include "export/export_util.h"
#include "export/graphml.h"
#include "export/jsonl.h"
#include "export/partners.h"
#include "export/render.h"
#include "export/report.h"
#include "export/timeline.h"
#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::ImmunoGenSlice;
using export_fixtures::XmlError;

// Quotes, a backslash (and Graphviz escapes spelled out), markup, an entity,
// a newline, commas, semicolons and non-ASCII.
const std::string kName =
    "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale \xE2\x80\x94 \xCE\xA9 \"Bio\", Inc. \\ \\n "
    "<script>alert('x')</script> & R&amp;D;\nsecond line, end";
const std::string kQuote =
    "She said \"hi\" \\ \\l & <script>x</script>, then\nleft \xE2\x80\x94 \xCE\xA9; "
    "</b><!-- -->";

GraphSlice HostileSlice() {
  GraphSlice s = ImmunoGenSlice();
  for (Entity& e : s.entities) {
    if (e.id == "org:genentech") {
      e.name = kName;
      e.aliases = {kName};
    }
  }
  s.events[1].sources[0].quote = kQuote;  // the 2005 renewal, Genentech first
  s.events[1].summary = kName;
  return s;
}

// ---- Readers.

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

std::string NodeName(xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
std::string Prop(xmlNode* n, const char* name) {
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
void ForEachElement(xmlNode* n, const std::function<void(xmlNode*)>& fn) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    fn(n);
    ForEachElement(n->children, fn);
  }
}

DocPtr ParseXml(const std::string& text) {
  return DocPtr(xmlReadMemory(text.data(), static_cast<int>(text.size()), "x.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                  XML_PARSE_HUGE));
}

// Texts of every element named `name`, and the names of all elements.
struct XmlScan {
  std::vector<std::string> texts;
  std::map<std::string, int> element_count;
};
XmlScan ScanXml(xmlDoc* doc, std::string_view name) {
  XmlScan s;
  ForEachElement(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    ++s.element_count[NodeName(n)];
    if (NodeName(n) == name) s.texts.push_back(Content(n));
  });
  return s;
}

bool AnyContains(const std::vector<std::string>& texts, const std::string& needle) {
  for (const std::string& t : texts) {
    if (t.find(needle) != std::string::npos) return true;
  }
  return false;
}

// RFC 4180 with CRLF record ends; REQUIREs well-formed quoting.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  size_t i = 0;
  while (i <= text.size()) {
    if (i == text.size()) {
      if (!field.empty() || rows.back().size() > 0) rows.back().push_back(field);
      break;
    }
    if (text[i] == '"' && field.empty()) {
      ++i;
      while (true) {
        REQUIRE(i < text.size());
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(text[i++]);
      }
      REQUIRE((i == text.size() || text[i] == ',' || text.substr(i, 2) == "\r\n"));
      continue;
    }
    if (text[i] == ',') {
      rows.back().push_back(field);
      field.clear();
      ++i;
    } else if (text.substr(i, 2) == "\r\n") {
      rows.back().push_back(field);
      field.clear();
      i += 2;
      rows.emplace_back();
    } else {
      REQUIRE(text[i] != '"');  // a bare quote inside an unquoted field
      REQUIRE(text[i] != '\n');
      field.push_back(text[i++]);
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_CASE("escaping: a hostile name survives DOT, read back with agread and drawn again",
          "[export][escaping]") {
  GraphSlice s = HostileSlice();
  const std::string folded = FoldSpaces(kName);

  std::ostringstream dot;
  REQUIRE(WritePartnerDiagram(s, {"org:immunogen"}, "dot", dot).ok());
  Result<AgraphPtr> back = ReadDot(dot.str());
  REQUIRE(back.ok());
  Agnode_t* node = agnode(back->get(), const_cast<char*>("org:genentech"), 0);
  REQUIRE(node != nullptr);
  std::string label = agget(node, const_cast<char*>("label"));
  // The attribute is the escaped text: backslashes doubled, '&' before an
  // entity written &amp;, the newline folded; nothing else was added.
  CHECK(label.rfind(DotText(kName) + "\\n", 0) == 0);
  CHECK(agnnodes(back->get()) > 1);

  // Drawn from the re-read DOT, the label shows the name as written.
  std::ostringstream svg;
  REQUIRE(Render(back->get(), "dot", "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  DocPtr doc = ParseXml(svg.str());
  REQUIRE(doc != nullptr);
  XmlScan scan = ScanXml(doc.get(), "text");
  CHECK(AnyContains(scan.texts, folded));
  CHECK(scan.element_count.count("script") == 0);

  // The timeline's pinned DOT: its tooltips carry the quote, which survives
  // Graphviz's double unescaping of tooltips.
  std::ostringstream tdot;
  REQUIRE(WriteTimeline(s, {}, "dot", tdot).ok());
  Result<AgraphPtr> tback = ReadDot(tdot.str());
  REQUIRE(tback.ok());
  std::ostringstream tsvg;
  REQUIRE(Render(tback->get(), "nop2", "svg", tsvg).ok());
  REQUIRE(XmlError(tsvg.str()).empty());
  DocPtr tdoc = ParseXml(tsvg.str());
  REQUIRE(tdoc != nullptr);
  XmlScan tscan = ScanXml(tdoc.get(), "title");
  CHECK(AnyContains(tscan.texts, FoldSpaces(kQuote)));
  CHECK(AnyContains(tscan.texts, folded));
  CHECK(tscan.element_count.count("script") == 0);
}

TEST_CASE("escaping: a hostile name is well-formed, intact and inert in SVG",
          "[export][escaping]") {
  GraphSlice s = HostileSlice();
  const std::string folded = FoldSpaces(kName);
  for (bool timeline : {false, true}) {
    INFO((timeline ? "timeline" : "partners"));
    std::ostringstream svg;
    Status st = timeline ? WriteTimeline(s, {}, "svg", svg)
                         : WritePartnerDiagram(s, {"org:immunogen"}, "svg", svg);
    REQUIRE(st.ok());
    REQUIRE(XmlError(svg.str()).empty());
    CHECK(svg.str().find("<script") == std::string::npos);
    CHECK(svg.str().find("</b>") == std::string::npos);
    DocPtr doc = ParseXml(svg.str());
    REQUIRE(doc != nullptr);
    XmlScan titles = ScanXml(doc.get(), "title");
    CHECK(AnyContains(titles.texts, folded));
    CHECK(titles.element_count.count("script") == 0);
    if (timeline) CHECK(AnyContains(titles.texts, FoldSpaces(kQuote)));
  }
}

TEST_CASE("escaping: a hostile name is intact and inert in the HTML report", "[export][escaping]") {
  GraphSlice s = HostileSlice();
  std::ostringstream out;
  ReportOptions options;
  options.focus_entity_id = "org:immunogen";
  REQUIRE(WriteHtmlReport(s, options, out).ok());
  const std::string html = out.str();
  DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), "r.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                XML_PARSE_HUGE));
  REQUIRE(doc != nullptr);
  int scripts = 0;
  std::string parties, summary, quote, json;
  ForEachElement(xmlDocGetRootElement(doc.get()), [&](xmlNode* n) {
    std::string name = NodeName(n);
    if (name == "script") {
      ++scripts;
      if (Prop(n, "type") == "application/json") json = Content(n);
    }
    if (name == "tr" && Prop(n, "id") == "ev-2") {
      int k = 0;
      for (xmlNode* td = n->children; td != nullptr; td = td->next) {
        if (td->type != XML_ELEMENT_NODE) continue;
        if (k == 2) parties = Content(td);
        if (k == 5) summary = Content(td);
        ++k;
      }
    }
    if (name == "blockquote" && Prop(n, "id") == "src-2-1") quote = Content(n->children);
  });
  CHECK(scripts == 2);
  CHECK(parties == kName + " (licensee), ImmunoGen (licensor)");
  CHECK(summary == kName);
  CHECK(quote == kQuote);
  CHECK(html.find("<script>alert") == std::string::npos);
  nlohmann::json data = nlohmann::json::parse(json, nullptr, false);
  REQUIRE_FALSE(data.is_discarded());
  CHECK(data["entities"]["org:genentech"] == kName);
}

TEST_CASE("escaping: a hostile name round-trips through CSV", "[export][escaping]") {
  GraphSlice s = HostileSlice();
  std::ostringstream entities, events;
  REQUIRE(WriteEntitiesCsv(s, entities).ok());
  REQUIRE(WriteEventsCsv(s, events).ok());

  auto ent = ParseCsv(entities.str());
  REQUIRE(ent.size() == s.entities.size() + 1);
  for (const auto& row : ent) {
    INFO(row[0]);
    CHECK(row.size() == 10);
  }
  bool found = false;
  for (const auto& row : ent) {
    if (row[0] != "org:genentech") continue;
    found = true;
    CHECK(row[2] == kName);
    CHECK(row[3] == kName);
  }
  CHECK(found);

  auto ev = ParseCsv(events.str());
  REQUIRE(ev.size() == s.events.size() + 1);
  for (const auto& row : ev) CHECK(row.size() == 13);
  CHECK(ev[2][0] == s.events[1].id);
  CHECK(ev[2][3] == kName + ";ImmunoGen");
  CHECK(ev[2][12] == kQuote);
}

TEST_CASE("escaping: a hostile name round-trips through JSON Lines", "[export][escaping]") {
  GraphSlice s = HostileSlice();
  std::ostringstream events, entities;
  REQUIRE(WriteEventsJsonl(s, events).ok());
  REQUIRE(WriteEntitiesJsonl(s, entities).ok());

  std::vector<std::string> lines;
  const std::string events_text = events.str();
  for (std::string_view l : SplitLines(events_text)) {
    if (!l.empty()) lines.emplace_back(l);
  }
  REQUIRE(lines.size() == s.events.size());  // the newlines stayed escaped
  nlohmann::json renewal = nlohmann::json::parse(lines[1], nullptr, false);
  REQUIRE_FALSE(renewal.is_discarded());
  CHECK(renewal["parties"][0]["name"] == kName);
  CHECK(renewal["summary"] == kName);
  CHECK(renewal["sources"][0]["quote"] == kQuote);

  bool found = false;
  const std::string entities_text = entities.str();
  for (std::string_view l : SplitLines(entities_text)) {
    if (l.empty()) continue;
    nlohmann::json e = nlohmann::json::parse(l, nullptr, false);
    INFO(l);
    REQUIRE_FALSE(e.is_discarded());
    if (e["id"] != "org:genentech") continue;
    found = true;
    CHECK(e["name"] == kName);
    CHECK(e["aliases"][0] == kName);
  }
  CHECK(found);
}

TEST_CASE("escaping: a hostile name round-trips through GraphML", "[export][escaping]") {
  GraphSlice s = HostileSlice();
  std::ostringstream out;
  REQUIRE(WriteGraphml(s, out).ok());
  REQUIRE(XmlError(out.str()).empty());
  DocPtr doc = ParseXml(out.str());
  REQUIRE(doc != nullptr);
  std::map<std::string, std::string> key_names;  // key id -> attr.name
  std::map<std::string, std::map<std::string, std::string>> nodes;
  int scripts = 0;
  ForEachElement(xmlDocGetRootElement(doc.get()), [&](xmlNode* n) {
    std::string name = NodeName(n);
    if (name == "script") ++scripts;
    if (name == "key") key_names[Prop(n, "id")] = Prop(n, "attr.name");
    if (name == "node") {
      auto& data = nodes[Prop(n, "id")];
      for (xmlNode* d = n->children; d != nullptr; d = d->next) {
        if (d->type == XML_ELEMENT_NODE && NodeName(d) == "data") {
          data[key_names[Prop(d, "key")]] = Content(d);
        }
      }
    }
  });
  CHECK(scripts == 0);
  REQUIRE(nodes.count("org:genentech") == 1);
  CHECK(nodes["org:genentech"]["label"] == kName);
  bool quote_found = false;
  for (auto& [id, data] : nodes) {
    for (auto& [key, value] : data) quote_found |= value == kQuote;
  }
  CHECK(quote_found);
}

}  // namespace
}  // namespace dealgraph
