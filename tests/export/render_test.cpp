#include "export/render.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "export/export_util.h"

#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::XmlError;

// A two-node graph with pinned positions, renderable by "nop2" and "dot".
AgraphPtr SmallGraph(std::string_view label, std::string_view tooltip) {
  GraphBuilder b("small", GraphBuilder::Kind::kDirected);
  Agnode_t* a = b.Node("ev:0000000000000001");
  Agnode_t* c = b.Node("org:genentech");
  b.SetText(a, "label", label);
  b.Set(a, "tooltip", DotTooltip(tooltip));
  b.Set(a, "pos", "10,10!");
  b.Set(c, "pos", "200,60!");
  b.Edge(a, c);
  REQUIRE(b.status().ok());
  return b.Release();
}

// The text of every element called `name` in an SVG document.
std::vector<std::string> SvgTexts(const std::string& svg, const char* name) {
  std::vector<std::string> out;
  xmlDoc* doc = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "x.svg", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  REQUIRE(doc != nullptr);
  std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc)};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
    }
    if (n->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(n->name)) == name) {
      xmlChar* v = xmlNodeGetContent(n);
      out.emplace_back(v != nullptr ? reinterpret_cast<const char*>(v) : "");
      xmlFree(v);
    }
  }
  xmlFreeDoc(doc);
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_CASE("render: svg, png and pdf are all rendered in-process", "[export]") {
  AgraphPtr g = SmallGraph("Genentech", "tip");
  std::ostringstream svg, png, pdf;
  REQUIRE(Render(g.get(), "dot", "svg", svg).ok());
  REQUIRE(Render(g.get(), "nop2", "png", png).ok());
  REQUIRE(Render(g.get(), "neato", "pdf", pdf).ok());
  CHECK(svg.str().find("<svg") != std::string::npos);
  CHECK(XmlError(svg.str()).empty());
  CHECK(png.str().rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK(pdf.str().rfind("%PDF-", 0) == 0);
}

TEST_CASE("render: the dot format is cgraph's DOT without layout and reads back", "[export]") {
  AgraphPtr g = SmallGraph("Genentech", "tip");
  std::ostringstream dot;
  REQUIRE(Render(g.get(), "ignored", "dot", dot).ok());
  CHECK(dot.str().rfind("digraph small {", 0) == 0);
  CHECK(dot.str().find("\"ev:0000000000000001\"") != std::string::npos);
  CHECK(dot.str().find("bb=") == std::string::npos);  // no layout was run
  Result<AgraphPtr> back = ReadDot(dot.str());
  REQUIRE(back.ok());
  Agnode_t* n = agnode(back->get(), const_cast<char*>("ev:0000000000000001"), 0);
  REQUIRE(n != nullptr);
  CHECK(std::string(agget(n, const_cast<char*>("label"))) == "Genentech");
  CHECK(agnedges(back->get()) == 1);
  std::ostringstream again;
  CHECK(WriteDot(back->get(), again).ok());
  CHECK(again.str() == dot.str());
}

TEST_CASE("render: an unknown format or engine is Unsupported and names what exists", "[export]") {
  AgraphPtr g = SmallGraph("x", "y");
  std::ostringstream out;
  Status st = Render(g.get(), "dot", "nosuchformat", out);
  CHECK(st.code() == StatusCode::kUnsupported);
  CHECK(st.message().find("nosuchformat") != std::string::npos);
  CHECK(st.message().find("svg") != std::string::npos);
  st = Render(g.get(), "nosuchengine", "svg", out);
  CHECK(st.code() == StatusCode::kUnsupported);
  CHECK(st.message().find("nop2") != std::string::npos);
  CHECK(out.str().empty());
  CHECK(Render(nullptr, "dot", "svg", out).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("render: the installed Graphviz has the engines and formats we use", "[export]") {
  std::vector<std::string> engines = AvailableLayoutEngines();
  std::vector<std::string> formats = AvailableFormats();
  for (const char* e : {"dot", "neato", "nop2", "sfdp"}) CHECK(Contains(engines, e));
  for (const char* f : {"svg", "png", "pdf", "dot"}) CHECK(Contains(formats, f));
}

TEST_CASE("render: ReadDot rejects text that is not DOT", "[export]") {
  Result<AgraphPtr> g = ReadDot("digraph { a -> ");
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == StatusCode::kCorruption);
  CHECK(g.status().message().find("syntax error") != std::string::npos);
}

TEST_CASE("render: a failed stream is an IoError", "[export]") {
  AgraphPtr g = SmallGraph("x", "y");
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  CHECK(Render(g.get(), "dot", "svg", out).code() == StatusCode::kIoError);
}

TEST_CASE("render: svg tooltips are also <title> elements", "[export]") {
  AgraphPtr g = SmallGraph("label", "the quote, verbatim");
  std::ostringstream svg;
  REQUIRE(Render(g.get(), "nop2", "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  std::vector<std::string> titles = SvgTexts(svg.str(), "title");
  CHECK(Contains(titles, "the quote, verbatim"));
  CHECK(Contains(titles, "ev:0000000000000001"));  // Graphviz's own node title
}

TEST_CASE("render: hostile labels and tooltips stay intact and inert in DOT and SVG", "[export]") {
  // Backslash sequences Graphviz would expand (\n \l \N \G), markup, entity-
  // like text, quotes, commas and non-ASCII; a trailing backslash.
  const std::string hostile = HostileName() + R"( \n \l \N \G \\ R&D; <b>x</b> été C:\dir\)";
  const std::string folded = "Acme \"Bio\", Inc. <script>&" + hostile.substr(HostileName().size());
  AgraphPtr g = SmallGraph(hostile, hostile);

  std::ostringstream svg;
  REQUIRE(Render(g.get(), "nop2", "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  CHECK(Contains(SvgTexts(svg.str(), "text"), folded));
  CHECK(Contains(SvgTexts(svg.str(), "title"), folded));
  CHECK(svg.str().find("<script>") == std::string::npos);
  CHECK(svg.str().find("<b>") == std::string::npos);

  std::ostringstream dot;
  REQUIRE(WriteDot(g.get(), dot).ok());
  Result<AgraphPtr> back = ReadDot(dot.str());
  REQUIRE(back.ok());
  std::ostringstream svg2;
  REQUIRE(Render(back->get(), "nop2", "svg", svg2).ok());
  CHECK(Contains(SvgTexts(svg2.str(), "text"), folded));
  CHECK(Contains(SvgTexts(svg2.str(), "title"), folded));
}

TEST_CASE("render: node names with backslashes and quotes survive DOT", "[export]") {
  GraphBuilder b("names", GraphBuilder::Kind::kUndirected);
  b.Node("org:odd\\name\"x\\");
  REQUIRE(b.status().ok());
  std::ostringstream dot;
  REQUIRE(WriteDot(b.graph(), dot).ok());
  Result<AgraphPtr> back = ReadDot(dot.str());
  REQUIRE(back.ok());
  CHECK(agnode(back->get(), const_cast<char*>(DotName("org:odd\\name\"x\\").c_str()), 0) !=
        nullptr);
}

TEST_CASE("DotText: user text cannot form Graphviz escapes or entities", "[export]") {
  CHECK(DotText("a\\nb") == "a\\\\nb");
  CHECK(DotText("line\none\r\n  two\t") == "line one two");
  CHECK(DotText("AT&amp;T & co &#60;") == "AT&amp;amp;T & co &amp;#60;");
  CHECK(DotTooltip("C:\\N") == "C:\\\\\\\\N");
  CHECK(DotText(std::string("bad \xFF byte \x01")) == "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace dealgraph
