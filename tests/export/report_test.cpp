#include "export/report.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
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

// ---- A parsed page: libxml2's HTML parser, never touching the network.

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

class Page {
 public:
  explicit Page(const std::string& html)
      : doc_(htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                XML_PARSE_HUGE)) {
    REQUIRE(doc_ != nullptr);
    Walk(xmlDocGetRootElement(doc_.get()));
  }

  // Every element, in document order.
  const std::vector<xmlNode*>& elements() const { return elements_; }

  std::vector<xmlNode*> ByName(std::string_view name) const {
    std::vector<xmlNode*> out;
    for (xmlNode* n : elements_) {
      if (Name(n) == name) out.push_back(n);
    }
    return out;
  }
  xmlNode* ById(std::string_view id) const {
    for (xmlNode* n : elements_) {
      if (Attr(n, "id") == id) return n;
    }
    return nullptr;
  }

  static std::string Name(xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
  static std::string Attr(xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  static bool HasAttr(xmlNode* n, const char* name) {
    return xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
  }
  static std::string Text(xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  // Element children.
  static std::vector<xmlNode*> Children(xmlNode* n, std::string_view name = "") {
    std::vector<xmlNode*> out;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && (name.empty() || Name(c) == name)) out.push_back(c);
    }
    return out;
  }
  // Descendant elements named `name`.
  static std::vector<xmlNode*> Find(xmlNode* n, std::string_view name) {
    std::vector<xmlNode*> out;
    for (xmlNode* c : Children(n)) {
      if (Name(c) == name) out.push_back(c);
      for (xmlNode* d : Find(c, name)) out.push_back(d);
    }
    return out;
  }

 private:
  void Walk(xmlNode* n) {
    for (; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      elements_.push_back(n);
      Walk(n->children);
    }
  }
  std::unique_ptr<xmlDoc, DocDeleter> doc_;
  std::vector<xmlNode*> elements_;
};

std::string Report(const GraphSlice& slice, const ReportOptions& options = {},
                   ReportInfo* info = nullptr) {
  std::ostringstream out;
  Status st = WriteHtmlReport(slice, options, out, info);
  INFO(st.message());
  REQUIRE(st.ok());
  return out.str();
}

std::vector<xmlNode*> TableRows(const Page& page) {
  xmlNode* table = page.ById("ev-table");
  if (table == nullptr) return {};
  std::vector<xmlNode*> rows;
  for (xmlNode* body : Page::Children(table, "tbody")) {
    for (xmlNode* tr : Page::Children(body, "tr")) rows.push_back(tr);
  }
  return rows;
}

// Text that would make a browser fetch something.
std::vector<std::string> ExternalReferences(const std::string& html) {
  std::vector<std::string> hits;
  std::string lower;
  for (char c : html) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  for (std::string_view needle :
       {"src=\"http", "src='http", "src=http", "href=\"http", "href='http", "href=http",
        "href=\"//", "src=\"//", "@import", "url(http", "url(\"http", "url('http", "url(//",
        "<link", "<iframe", "<img", "<object", "<embed", "srcset=", "fetch(",
        "xmlhttprequest", "websocket", "sendbeacon"}) {
    if (lower.find(needle) != std::string::npos) hits.emplace_back(needle);
  }
  return hits;
}

TEST_CASE("report: one table row per event, both diagrams inline, quotes linked both ways",
          "[export][report]") {
  GraphSlice slice = ImmunoGenSlice();
  ReportOptions options;
  options.focus_entity_id = "org:immunogen";
  ReportInfo info;
  std::string html = Report(slice, options, &info);
  CHECK(info.events == slice.events.size());
  CHECK(info.warnings.empty());
  Page page(html);

  std::vector<xmlNode*> rows = TableRows(page);
  REQUIRE(rows.size() == slice.events.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(Page::Attr(rows[i], "id") == "ev-" + std::to_string(i + 1));
    CHECK(Page::Attr(rows[i], "data-type") == slice.events[i].type);
    CHECK(Page::Children(rows[i], "td").size() == 7);
  }
  // The date and amount columns carry numeric sort keys; undated is empty.
  CHECK(Page::Attr(Page::Children(rows[0], "td")[0], "data-sort").rfind("2000.", 0) == 0);
  CHECK(Page::Attr(Page::Children(rows[7], "td")[0], "data-sort").empty());  // undated
  CHECK(Page::Attr(Page::Children(rows[1], "td")[3], "data-sort") == "2000000.000000");
  CHECK(Page::Text(Page::Children(rows[1], "td")[3]) == "$2,000,000");

  // Both SVGs, in their figures, without an XML prolog or doctype.
  xmlNode* timeline = page.ById("timeline-fig");
  xmlNode* partners = page.ById("partners-fig");
  REQUIRE(timeline != nullptr);
  REQUIRE(partners != nullptr);
  CHECK(Page::Children(timeline, "svg").size() == 1);
  CHECK(Page::Children(partners, "svg").size() == 1);
  CHECK(html.find("<?xml") == std::string::npos);
  CHECK(html.find("<!DOCTYPE svg") == std::string::npos);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);

  // Every in-page link has its target; ids are unique (two SVGs included).
  std::set<std::string> ids;
  for (xmlNode* n : page.elements()) {
    std::string id = Page::Attr(n, "id");
    if (!id.empty()) CHECK(ids.insert(id).second);
  }
  size_t links = 0;
  for (xmlNode* a : page.ByName("a")) {
    std::string href = Page::Attr(a, "href");
    if (href.empty()) continue;
    INFO(href);
    REQUIRE(href[0] == '#');
    CHECK(ids.count(href.substr(1)) == 1);
    ++links;
  }
  CHECK(links > 3 * slice.events.size());

  // Each row links to its quotes, each quote back to its row.
  for (size_t i = 0; i < slice.events.size(); ++i) {
    std::string n = std::to_string(i + 1);
    for (size_t k = 0; k < slice.events[i].sources.size(); ++k) {
      std::string q = "src-" + n + "-" + std::to_string(k + 1);
      xmlNode* quote = page.ById(q);
      REQUIRE(quote != nullptr);
      CHECK(Page::Text(Page::Children(quote, "p")[0]) == slice.events[i].sources[k].quote);
      bool row_links = false;
      for (xmlNode* a : Page::Find(rows[i], "a")) row_links |= Page::Attr(a, "href") == "#" + q;
      CHECK(row_links);
      bool back = false;
      for (xmlNode* a : Page::Find(quote, "a")) back |= Page::Attr(a, "href") == "#ev-" + n;
      CHECK(back);
    }
  }

  // The type select lists each present type once, plus "all".
  xmlNode* select = page.ById("ev-type");
  REQUIRE(select != nullptr);
  std::set<std::string> types;
  for (const Event& e : slice.events) types.insert(e.type);
  CHECK(Page::Children(select, "option").size() == types.size() + 1);
  CHECK(page.ById("ev-filter") != nullptr);
}

TEST_CASE("report: nothing is fetched from the network and only the page's script may run",
          "[export][report]") {
  std::string html = Report(ImmunoGenSlice());
  CHECK(ExternalReferences(html).empty());
  Page page(html);
  std::vector<xmlNode*> metas = page.ByName("meta");
  std::string csp;
  for (xmlNode* m : metas) {
    if (Page::Attr(m, "http-equiv") == "Content-Security-Policy") csp = Page::Attr(m, "content");
  }
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("'unsafe-inline'; img") != std::string::npos);  // styles only
  CHECK(csp.find("script-src 'unsafe-inline'") == std::string::npos);
  // The one executable script is the one the CSP hash allows.
  std::vector<xmlNode*> scripts = page.ByName("script");
  REQUIRE(scripts.size() == 2);
  CHECK(Page::Attr(scripts[0], "type") == "application/json");
  CHECK_FALSE(Page::HasAttr(scripts[1], "src"));
  std::string code = Page::Text(scripts[1]);
  CHECK(csp.find("script-src 'sha256-" + Sha256Base64(code) + "'") != std::string::npos);
  // No inline event handlers (the CSP would block them anyway).
  for (xmlNode* n : page.elements()) {
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      std::string name = reinterpret_cast<const char*>(a->name);
      CHECK(name.rfind("on", 0) != 0);
    }
  }
}

TEST_CASE("report: hostile names, quotes and titles come out intact and inert",
          "[export][report]") {
  const std::string hostile = HostileName() +
                              " </script><script>alert(1)</script> <img src=x onerror=alert(2)> "
                              "'single' \\ R&amp;D \xE2\x80\xA8 Soci\xC3\xA9t\xC3\xA9 \xCE\xA9";
  const std::string quote = "He said \"</script><!-- & \\u2028\" and left,\nthen <b>bold</b>.";
  GraphSlice slice = ImmunoGenSlice();
  for (Entity& e : slice.entities) {
    if (e.id == "org:genentech") e.name = hostile;
  }
  slice.events[1].sources[0].quote = quote;
  slice.events[1].summary = hostile;
  ReportOptions options;
  options.focus_entity_id = "org:genentech";
  options.title = hostile;
  std::string html = Report(slice, options);

  // Inert: exactly our two scripts, no injected element, no event handler.
  Page page(html);
  CHECK(page.ByName("script").size() == 2);
  CHECK(page.ByName("img").empty());
  CHECK(page.ByName("b").size() == 1);  // the scope line's own <b> around the focus
  for (xmlNode* n : page.elements()) CHECK_FALSE(Page::HasAttr(n, "onerror"));
  CHECK(ExternalReferences(html).empty());

  // Intact: the parsed text is the input.
  CHECK(Page::Text(page.ByName("title").front()) == hostile);
  CHECK(Page::Text(page.ByName("h1").front()) == hostile);
  std::vector<xmlNode*> rows = TableRows(page);
  REQUIRE(rows.size() == slice.events.size());
  std::vector<xmlNode*> cells = Page::Children(rows[1], "td");
  CHECK(Page::Text(cells[2]) == hostile + " (licensee), ImmunoGen (licensor)");
  CHECK(Page::Text(cells[5]) == hostile);
  xmlNode* q = page.ById("src-2-1");
  REQUIRE(q != nullptr);
  CHECK(Page::Text(Page::Children(q, "p")[0]) == quote);

  // The JSON block parses and holds the same strings; its raw text never
  // closes the script element nor holds a raw U+2028.
  std::vector<xmlNode*> scripts = page.ByName("script");
  std::string json_text = Page::Text(scripts[0]);
  CHECK(json_text.find('<') == std::string::npos);
  CHECK(json_text.find("\xE2\x80\xA8") == std::string::npos);
  nlohmann::json data = nlohmann::json::parse(json_text, nullptr, false);
  REQUIRE_FALSE(data.is_discarded());
  CHECK(data["entities"]["org:genentech"] == hostile);
  CHECK(data["rows"][1]["text"].get<std::string>().find(quote) != std::string::npos);
}

TEST_CASE("report: with no events the page says so and draws nothing", "[export][report]") {
  GraphSlice slice;
  slice.entities.push_back(Entity{"org:lonely", EntityType::kOrganization, "Lonely Corp", {}});
  ReportOptions options;
  options.focus_entity_id = "org:lonely";
  std::string html = Report(slice, options);
  Page page(html);
  CHECK(TableRows(page).empty());
  CHECK(page.ById("ev-empty") != nullptr);
  CHECK(page.ByName("svg").empty());
  CHECK(page.ById("sources") == nullptr);
  CHECK(Page::Text(page.ByName("h1").front()) == "Deal report: Lonely Corp");
  CHECK(html.find("No events match") != std::string::npos);
  CHECK(ExternalReferences(html).empty());
}

TEST_CASE("report: 1,200 events make 1,200 rows and the page stays one file", "[export][report]") {
  GraphSlice slice = SyntheticSlice(1200, 11);
  ReportOptions options;
  options.focus_entity_id = "org:focus";
  auto start = std::chrono::steady_clock::now();
  ReportInfo info;
  std::string html = Report(slice, options, &info);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("report of 1,200 events: " << html.size() / 1024 << " KiB in " << seconds << " s");
  CHECK(info.warnings.empty());
  Page page(html);
  CHECK(TableRows(page).size() == 1200);
  CHECK(page.ByName("svg").size() == 2);
  CHECK(html.size() < 12u * 1024 * 1024);
  CHECK(ExternalReferences(html).empty());
}

TEST_CASE("report: a focus outside the slice is NotFound, a failing stream IoError",
          "[export][report][error]") {
  ReportOptions options;
  options.focus_entity_id = "org:nobody";
  std::ostringstream out;
  Status st = WriteHtmlReport(ImmunoGenSlice(), options, out);
  CHECK(st.code() == StatusCode::kNotFound);
  CHECK(out.str().empty());

  std::ostringstream bad;
  bad.setstate(std::ios::badbit);
  CHECK(WriteHtmlReport(ImmunoGenSlice(), {}, bad).code() == StatusCode::kIoError);
}

TEST_CASE("report: JSON for a script element escapes <, >, & and U+2028/2029",
          "[export][report]") {
  CHECK(JsonForScript(R"({"a":"</script><!--&"})") ==
        R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
  CHECK(JsonForScript("[\"\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xA6\"]") ==
        "[\"\\u2028\\u2029\xE2\x80\xA6\"]");
  nlohmann::json back = nlohmann::json::parse(JsonForScript(R"(["a<b>&c"])"));
  CHECK(back[0] == "a<b>&c");
}

TEST_CASE("report: HTML escaping covers the five markup characters and drops controls",
          "[export][report]") {
  CHECK(HtmlEscape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(HtmlEscape("x\x01y\nz") == "xy\nz");
  CHECK(HtmlEscape("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("report: SHA-256 matches the FIPS 180-4 examples", "[export][report]") {
  CHECK(Sha256Base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(Sha256Base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(Sha256Base64("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
  CHECK(Sha256Base64(std::string(1000000, 'a')) ==
        "zcduXJkU+5KBocfihNc+Z/GAmkiklyAOBG05zMcRLNA=");
}

TEST_CASE("report: embedded SVG loses its prolog and comments, ids and references get a prefix",
          "[export][report]") {
  const std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n \"http://www.w3.org/Graphics/SVG/1.1/"
      "DTD/svg11.dtd\">\n<!-- Generated by graphviz -->\n"
      "<svg width=\"10pt\" height=\"10pt\" viewBox=\"0 0 10 10\">\n"
      "<g id=\"graph0\" class=\"graph\"><!-- node1 -->\n"
      "<linearGradient id=\"l_1\"/><polygon fill=\"url(#l_1)\" points=\"0,0 1,1\"/>"
      "<use xlink:href=\"#graph0\"/>"
      "<a xlink:title=\"url(#l_1) id=&quot;x&quot;\"><text>url(#l_1) id=\"y\"</text></a>"
      "</g>\n</svg>\n";
  std::string out = EmbeddableSvg(svg, "tl-");
  CHECK(out.rfind("<svg ", 0) == 0);
  CHECK(out.find("<?xml") == std::string::npos);
  CHECK(out.find("DOCTYPE") == std::string::npos);
  CHECK(out.find("<!--") == std::string::npos);
  CHECK(out.find("id=\"tl-graph0\"") != std::string::npos);
  CHECK(out.find("id=\"tl-l_1\"") != std::string::npos);
  CHECK(out.find("fill=\"url(#tl-l_1)\"") != std::string::npos);
  CHECK(out.find("xlink:href=\"#tl-graph0\"") != std::string::npos);
  // User text (attribute values other than references, and text) is untouched.
  CHECK(out.find("xlink:title=\"url(#l_1) id=&quot;x&quot;\"") != std::string::npos);
  CHECK(out.find("<text>url(#l_1) id=\"y\"</text>") != std::string::npos);
  CHECK(out.size() >= 6);
  CHECK(out.substr(out.size() - 6) == "</svg>");
  CHECK(EmbeddableSvg("<svgx/>", "p-").empty());
}

}  // namespace
}  // namespace dealgraph
