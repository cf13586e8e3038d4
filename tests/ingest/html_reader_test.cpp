#include "ingest/html_reader.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/utf8.h"

namespace dealgraph {
namespace {

std::string Html(std::string_view body) {
  Result<std::string> text = HtmlToText("<html><body>" + std::string(body) + "</body></html>");
  REQUIRE(text.ok());
  return *text;
}

TEST_CASE("html reader: inline spans are read through without gluing or splitting words",
          "[ingest]") {
  CHECK(Html("<div><span>On May 3,</span> <span>2005, Apple</span><span> Inc.</span> "
             "<ix:nonNumeric name=\"x\">agreed</ix:nonNumeric> to <b>pay</b> <i>$2</i>"
             "<font> million</font>.</div>") ==
        "On May 3, 2005, Apple Inc. agreed to pay $2 million.\n");
  CHECK(Html("<p><span>Ap</span><span>ple</span></p>") == "Apple\n");
}

TEST_CASE("html reader: block boundaries end lines", "[ingest]") {
  CHECK(Html("<div>First paragraph.</div><div>Second</div><p>Third<br>Fourth</p>"
             "<h2>Heading</h2><ul><li>one</li><li>two</li></ul>") ==
        "First paragraph.\nSecond\nThird\nFourth\nHeading\none\ntwo\n");
}

TEST_CASE("html reader: CSS display decides between block and inline", "[ingest]") {
  CHECK(Html("<div>300 Crescent Court<div style=\"display:inline;\">, Suite 700</div></div>") ==
        "300 Crescent Court, Suite 700\n");
  CHECK(Html("<div><span style=\"display: block\">a</span><span>b</span></div>") == "a\nb\n");
  CHECK(Html("<div><span>(d)</span><span style=\"padding-left:7.02pt\">Exhibits.</span></div>") ==
        "(d) Exhibits.\n");
}

TEST_CASE("html reader: table rows become tab-separated lines", "[ingest]") {
  std::string body =
      "<table>"
      "<tr><td>Nominee</td><td>For</td><td>&nbsp;</td><td>Withheld</td></tr>"
      "<tr><td>&nbsp;</td><td> </td></tr>"
      "<tr><td><div>Celia R.</div><div>Brown</div></td><td>281,090,975</td>"
      "<td>$</td><td>8,149,740</td><td>(50</td><td>)</td></tr>"
      "<tr><td></td><td><p>A lone paragraph in a layout cell.</p><p>And another.</p></td></tr>"
      "<tr><td>&#8226;</td><td>A bullet item.</td></tr>"
      "<tr><td>(a)</td><td>An enumerated item.</td></tr>"
      "</table>";
  CHECK(Html(body) ==
        "Nominee\tFor\tWithheld\n"
        "Celia R. Brown\t281,090,975\t$8,149,740\t(50)\n"
        "A lone paragraph in a layout cell.\n"
        "And another.\n"
        "\xE2\x80\xA2 A bullet item.\n"
        "(a) An enumerated item.\n");
}

TEST_CASE("html reader: a nested table inside a cell stays inside that cell", "[ingest]") {
  std::string body =
      "<table><tr><td>Outer</td><td><table><tr><td>in1</td><td>in2</td></tr></table></td>"
      "</tr></table>";
  CHECK(Html(body) == "Outer\tin1 in2\n");
}

TEST_CASE("html reader: hidden inline XBRL facts, scripts and styles are dropped", "[ingest]") {
  std::string html =
      "<html><head><title>Doc title</title><style>p{color:red}</style></head><body>"
      "<div style=\"display: none\"><ix:header><ix:hidden>"
      "<ix:nonNumeric name=\"dei:EntityCentralIndexKey\">0001084869</ix:nonNumeric>"
      "</ix:hidden><ix:resources><xbrli:context id=\"c\">ctx</xbrli:context></ix:resources>"
      "</ix:header></div>"
      "<ix:header><ix:hidden>SECRET</ix:hidden></ix:header>"
      "<script>var x = 1;</script><p>Visible text.</p></body></html>";
  Result<std::string> text = HtmlToText(html);
  REQUIRE(text.ok());
  CHECK(*text == "Visible text.\n");
}

TEST_CASE("html reader: <pre> keeps its line breaks and aligned columns", "[ingest]") {
  CHECK(
      Html("<pre>\n   FORM 8-K\n\nDelaware        000-30432        22-2335094\nSome  text</pre>") ==
      "FORM 8-K\nDelaware\t000-30432\t22-2335094\nSome text\n");
}

TEST_CASE("html reader: a paragraph cut by a page break is joined back", "[ingest]") {
  std::string body =
      "<p>conduct its operations and preserve </p><p>2</p>"
      "<p style=\"page-break-before:always\"> </p><hr/>"
      "<p>intact its business organization.</p>"
      "<p>Ends here.</p><hr/><p>New page starts.</p>";
  CHECK(Html(body) ==
        "conduct its operations and preserve intact its business organization.\n"
        "Ends here.\n"
        "New page starts.\n");
}

TEST_CASE("html reader: character references and NBSP are decoded to spaces", "[ingest]") {
  CHECK(Html("<p>Item&#160;5.07.&nbsp;&nbsp;&nbsp;Submission &amp; &#8220;Vote&#8221;</p>") ==
        "Item 5.07. Submission & \xE2\x80\x9CVote\xE2\x80\x9D\n");
}

TEST_CASE("html reader: HTML without text is refused", "[ingest][error]") {
  Result<std::string> text =
      HtmlToText("<html><head><title>Only a title</title></head><body> &nbsp; </body></html>");
  REQUIRE_FALSE(text.ok());
  CHECK(text.status().message() == "HTML without text");
  CHECK_FALSE(HtmlToText("<html></html>").ok());
}

TEST_CASE("html reader: deeply nested markup does not crash", "[ingest]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep text";
  for (int i = 0; i < 100000; ++i) deep += "</div>";
  Result<std::string> text = HtmlToText("<html><body>" + deep + "</body></html>");
  REQUIRE(text.ok());
  CHECK(*text == "deep text\n");

  std::string spans = "<p>";
  for (int i = 0; i < 50000; ++i) spans += "<span><b>";
  spans += "x";
  Result<std::string> unclosed = HtmlToText(spans);
  REQUIRE(unclosed.ok());
  CHECK(*unclosed == "x\n");
}

// Stray end tags under a deep stack of open elements. libxml2 walks the
// stack for each (time: open x stray); the reader answers each at once, and
// builds the same tree.
std::string StrayEndTags(int open, int stray) {
  std::string html = "<html><body><p>";
  for (int i = 0; i < open; ++i) html += "<font>";
  for (int i = 0; i < stray; ++i) html += "</b>";  // nothing of that name is open
  html += "one";
  // An open <tr> under a <table>, which ranks higher: "</tr>" may not
  // close it, and must not look for it past the <table> each time either.
  html += "<table><tr><td>a<table>";
  for (int i = 0; i < open / 4; ++i) html += "<div>";
  for (int i = 0; i < stray; ++i) html += "</tr>";
  html += "two";
  for (int i = 0; i < open / 4; ++i) html += "<x:y>";
  for (int i = 0; i < stray; ++i) html += "</x:z>";  // other names too
  return html + "three";
}

TEST_CASE("html reader: stray end tags under deep nesting stay linear", "[ingest]") {
  Result<std::string> small = HtmlToText(StrayEndTags(300, 300));
  REQUIRE(small.ok());
  CHECK(*small == "one\na\ntwothree\n");
  CHECK(*small == *HtmlToTextReference(StrayEndTags(300, 300)));
  // 400,000 open elements (under the 2^20 levels the text is read to) and
  // a million stray end tags of each kind: walking the stack for each would
  // take ~10^12 steps, past the suite's time limit.
  Result<std::string> big = HtmlToText(StrayEndTags(400000, 1000000));
  REQUIRE(big.ok());
  CHECK(*big == *small);
}

TEST_CASE("html reader: sniffing finds HTML near the top", "[ingest]") {
  CHECK(LooksLikeHtml("<?xml version='1.0'?>\n<!-- Workiva -->\n<html xmlns=\"x\">"));
  CHECK(LooksLikeHtml("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"));
  CHECK(LooksLikeHtml("<DIV>text</DIV>"));
  CHECK(LooksLikeHtml("  <p>Para</p>"));
  CHECK_FALSE(LooksLikeHtml("FORM 8-K\n<PAGE>\nText with <u>underline</u>\n"));
  CHECK_FALSE(LooksLikeHtml("Plain text mentioning a <table> once.\n"));
  CHECK_FALSE(LooksLikeHtml("Results\n<TABLE>\n<CAPTION>\n<S>  <C>\n</TABLE>\n<TABLE>\n<TABLE>\n"));
  CHECK(LooksLikeHtml("<?xml version='1.0'?>\n<!--" + std::string(10000, 'x') + "-->\n<html>"));
}

}  // namespace
}  // namespace dealgraph
