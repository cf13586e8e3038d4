// dealgraph's HTML parser against the libxml2 reference (HtmlToTextReference):
// the text of every bundled filing, hand-picked malformed cases, and a few
// thousand random documents must come out byte for byte the same.
#include <libxml/HTMLparser.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "ingest/html_reader.h"
#include "ingest/reader.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

// Both conversions' text, or the error message.
std::string Ours(const std::string& html) {
  Result<std::string> r = HtmlToText(html);
  return r.ok() ? *r : "error: " + r.status().message();
}
std::string Reference(const std::string& html) {
  Result<std::string> r = HtmlToTextReference(html);
  return r.ok() ? *r : "error: " + r.status().message();
}

TEST_CASE("html parity: every bundled filing reads the same as with libxml2", "[ingest]") {
  int html_files = 0;
  for (const char* dir : {"filings", "dev"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(DEALGRAPH_DATA_DIR) / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".tsv") continue;
      std::string bytes = Slurp(entry.path().string());
      Result<Document> ours = ReadFiling(entry.path().string(), bytes);
      Result<Document> reference = Status::Internal("not read");
      {
        ScopedReferenceHtmlParser use_libxml2;
        reference = ReadFiling(entry.path().string(), bytes);
      }
      INFO(entry.path().string());
      REQUIRE(ours.ok());
      REQUIRE(reference.ok());
      CHECK(ours->text == reference->text);
      if (LooksLikeHtml(bytes) || bytes.find("<html") != std::string::npos ||
          bytes.find("<HTML") != std::string::npos) {
        ++html_files;
      }
    }
  }
  CHECK(html_files >= 10);  // the comparison covered HTML, not only text filings
}

TEST_CASE("html parity: malformed HTML builds libxml2's tree", "[ingest]") {
  struct Case {
    const char* html;
    const char* text;  // what both give
  };
  const Case cases[] = {
      // Implied <p> for text after </html>; a stray end tag is ignored.
      {"<html><body><p>x</p></body></html> tail <b>t</b>", "x\ntail t\n"},
      {"<div>a</p>b</div>", "ab\n"},
      // A misplaced <body> closes the open <p> (its start-close entry) and
      // is dropped with its end tag.
      {"<body><p>a<body style=\"x\">b</body>c</p></body>", "a\nbc\n"},
      // A stray </div> does not close an open cell.
      {"<div><table><tr><td>x</div>y</td><td>z</td></tr></table>w</div>", "xy\tz\nw\n"},
      // <p> ends an open <b>; "<x/>" ends at once.
      {"<b><p>x</b>y</p>", "xy\n"},
      {"<p/>x<div/>y<br/>z", "x\ny\nz\n"},
      // Comments end at the first "-->" or "--!>"; "<!-->" does not end one.
      {"<p>a<!-->b<!--->c<!-- x --!>d</p>", "acd\n"},
      {"<p>a<!-- unterminated <b>x</b>", "a\n"},
      // Processing instructions end at the first '>'; "<?" without a name
      // is dropped and the rest is text.
      {"<p>a<?php echo 1 ?>b<?>c</p>", "ab>c\n"},
      // "<!" that is no comment, "</ " and "</3>" are text.
      {"<p>a<![if !supportLists]>b<![endif]>c</p>", "a<![if !supportLists]>b<![endif]>c\n"},
      {"<p>a</ >b</3>c</p>", "a >b3>c\n"},
      // Entities: unknown or without ';' stay as written; a character
      // reference to no character is dropped.
      {"<p>a &amp b &foo; c &#65; &#0; &#xzz; AT&T &lt;</p>", "a &amp b &foo; c A zz; AT&T <\n"},
      // A script is raw up to "</script", but a <noscript> right after the
      // start tag closes it (and is dropped, with the rest inside it).
      {"<p>a<script>if (a<b) x = \"</p>\";</script>b</p>", "ab\n"},
      {"<p>a<script><noscript>x</script>b</noscript>c</p>", "ac\n"},
      // "<o:p>" is a paragraph for the text, an unknown element for the tree.
      {"<p>one<o:p></o:p>two</p>", "one\ntwo\n"},
      // Text pieces join into one before they are read, so the CR after an
      // entity is normalised with it (a line break in <pre>).
      {"<pre>e\t&#219   \rx</pre>", "e \xC3\x9B\nx\n"},
      // Whitespace between inline XBRL facts stays a space.
      {"<div><ix:nonNumeric>Acme</ix:nonNumeric> <ix:nonNumeric>Inc</ix:nonNumeric></div>",
       "Acme Inc\n"},
  };
  for (const Case& c : cases) {
    std::string html = std::string("<html><body>") + c.html;
    INFO(c.html);
    CHECK(Ours(html) == Reference(html));
    CHECK(Ours(html) == c.text);
  }
}

TEST_CASE("html parity: every entity libxml2 knows reads the same", "[ingest]") {
  InitLibxml();
  std::string html = "<html><body><p>";
  int entities = 0;
  for (unsigned v = 1; v < 0x110000; ++v) {
    const htmlEntityDesc* e = htmlEntityValueLookup(v);
    if (e == nullptr) continue;
    html += std::string("&") + e->name + "; ";
    ++entities;
  }
  CHECK(entities == 253);  // HTML 4
  CHECK(Ours(html) == Reference(html));
  CHECK(Ours("<p>&diams; &Dagger; &thetasym;</p>") == "\xE2\x99\xA6 \xE2\x80\xA1 \xCF\x91\n");
}

// Random documents from fragments that exercise every rule: all the tags
// the rules name (upper and lower case, with and without styles), stray end
// tags, comments, processing instructions, entities good and bad, control
// characters, long blank runs.
std::string RandomDocument(std::mt19937* rng) {
  static const std::vector<std::string> kTags = {
      "p",         "div",       "span",      "b",
      "i",         "u",         "font",      "table",
      "tr",        "td",        "th",        "tbody",
      "thead",     "tfoot",     "caption",   "col",
      "colgroup",  "ul",        "ol",        "li",
      "dl",        "dt",        "dd",        "br",
      "hr",        "img",       "a",         "h1",
      "h2",        "pre",       "center",    "blockquote",
      "form",      "option",    "select",    "script",
      "style",     "head",      "body",      "html",
      "title",     "meta",      "link",      "ix:nonNumeric",
      "ix:header", "ix:hidden", "o:p",       "sup",
      "strong",    "em",        "small",     "tt",
      "strike",    "address",   "listing",   "xmp",
      "noscript",  "object",    "iframe",    "textarea",
      "frameset",  "frame",     "noframes",  "p.x",
      "section",   "header",    "param",     "map",
      "area",      "fieldset",  "legend",    "menu",
      "dir",       "optgroup",  "plaintext", "nobr",
      "page"};
  static const std::vector<std::string> kWords = {
      "Acme",     "Inc.",         "agreed",   "to",     "pay",    "$5",           "million",
      "2005,",    "&amp;",        "&nbsp;",   "&#160;", "&#150;", "&#x2019;",     "&foo;",
      "&amp",     "AT&T",         "&#0;",     "&#xzz;", "&lt;",   "&NBSP;",       "&T\xE2\x80\x99s",
      "\xC3\xA9", "\xE2\x80\x94", "\xC2\xA0", "&",      "<",      "< ",           ">",
      "(a)",      "\xE2\x80\xA2", "$",        "%",      ")",      "(50",          "\t",
      "\n",       "  ",           "\r\n",     "\x0c",   "\x01",   "\xEF\xBF\xBE", "&#12;",
      "&#65abc",  "&#x110000;",   "&;",       "&#;",    "-->",    "--!>"};
  static const std::vector<std::string> kStyles = {"display:none",
                                                   "display: inline",
                                                   "display:block",
                                                   "display:inline-block",
                                                   "padding-left:7pt",
                                                   "margin-left:0",
                                                   "page-break-before:always",
                                                   "DISPLAY:NONE",
                                                   "display:&#110;one",
                                                   "color:red"};
  static const std::vector<std::string> kOdd = {"<!-- c -->",
                                                "<!-->",
                                                "<!--->x-->",
                                                "<!-- a --!>",
                                                "<?xml:namespace prefix = o ?>",
                                                "<?>",
                                                "<![if !supportLists]>",
                                                "<![endif]>",
                                                "<!DOCTYPE html>",
                                                "</ >",
                                                "</3>",
                                                "<>",
                                                "<_x>",
                                                "<!x>"};
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(*rng)];
  };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(*rng) < p; };
  auto tag = [&] {
    std::string t = pick(kTags);
    if (chance(0.2)) {
      for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return t;
  };
  std::string doc = chance(0.5) ? "<html><body>" : "<html>";
  int pieces = std::uniform_int_distribution<int>(5, 200)(*rng);
  for (int k = 0; k < pieces; ++k) {
    double r = std::uniform_real_distribution<double>(0, 1)(*rng);
    if (r < 0.38) {
      doc += "<" + tag();
      if (chance(0.3)) doc += " style=\"" + pick(kStyles) + "\"";
      if (chance(0.1)) doc += " class=x nowrap";
      if (chance(0.05)) doc += " %junk=\"1\"";
      doc += chance(0.05) ? "/>" : ">";
    } else if (r < 0.65) {
      doc += "</" + tag() + ">";
    } else if (r < 0.68) {
      doc += pick(kOdd);
    } else {
      int words = std::uniform_int_distribution<int>(1, 6)(*rng);
      for (int w = 0; w < words; ++w) doc += (w ? " " : "") + pick(kWords);
      if (chance(0.02)) doc += std::string(1200, ' ');
    }
  }
  if (chance(0.5)) doc += "</body></html>";
  return doc;
}

TEST_CASE("html parity: random documents build libxml2's tree", "[ingest]") {
  std::mt19937 rng(20261205);
  int differ = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string doc = RandomDocument(&rng);
    std::string ours = Ours(doc), reference = Reference(doc);
    if (ours != reference && ++differ <= 3) {
      INFO(doc);
      CHECK(ours == reference);
    }
  }
  CHECK(differ == 0);
}

}  // namespace
}  // namespace dealgraph
