#include "ingest/text_reader.h"

#include <catch2/catch.hpp>
#include <string>

#include "ingest/encoding.h"

namespace dealgraph {
namespace {

std::string Clean(std::string_view line) { return TidyLines(CleanTextLine(line)); }

TEST_CASE("text reader: markdown escapes lose their backslash", "[ingest]") {
  CHECK(CleanTextLine("a \\$2 million payment") == "a $2 million payment");
  CHECK(CleanTextLine("\\*not bold\\* \\_x\\_ \\#1") == "*not bold* _x_ #1");
  CHECK(CleanTextLine("C:\\path stays") == "C:\\path stays");
}

TEST_CASE("text reader: paired markdown emphasis is removed, footnote stars stay", "[ingest]") {
  CHECK(CleanTextLine("incorporation) **0-17999** (Commission") ==
        "incorporation) 0-17999 (Commission");
  CHECK(CleanTextLine("provisions (*see* General") == "provisions (see General");
  CHECK(CleanTextLine("Total revenue* 12") == "Total revenue* 12");
  CHECK(CleanTextLine("* Includes stock compensation") == "* Includes stock compensation");
  CHECK(CleanTextLine("**Corporate Communications** Tel") == "Corporate Communications Tel");
  CHECK(CleanTextLine("3 * 4 = 12") == "3 * 4 = 12");
}

TEST_CASE("text reader: HTML left-overs are removed, their text kept", "[ingest]") {
  CHECK(Clean("< font id=\"TAB2\"") == "");
  CHECK(Clean("< font") == "");
  CHECK(Clean("style=\"LETTER-SPACING: 9pt\">") == "");
  CHECK(Clean("128 Sidney Street, MA 02139-4239 id=\"TAB2\" style=\"LETTER-SPACING: 9pt\">") ==
        "128 Sidney Street, MA 02139-4239\n");
  CHECK(Clean("<u>Phase I Trial</u>- This trial") == "Phase I Trial- This trial\n");
  CHECK(Clean("<PAGE>") == "");
  CHECK(Clean("x < 5 and y > 3") == "x < 5 and y > 3\n");
  CHECK(Clean("a=b and name = \"Acme\" stay") == "a=b and name = \"Acme\" stay\n");
}

TEST_CASE("text reader: character references are decoded", "[ingest]") {
  CHECK(CleanTextLine("AT&amp;T &#8220;x&#x201D; AT&T") == "AT&T \xE2\x80\x9Cx\xE2\x80\x9D AT&T");
}

TEST_CASE("text reader: bullets and tab-separated rows are left as they are", "[ingest]") {
  std::string in =
      "- o Written communications pursuant to Rule 425\n"
      "Cash and marketable securities\t\\$\t85,000\t\\$\t90,565\n"
      "\t2\n";
  std::string out = FinishText(TextToLines(in));
  CHECK(out ==
        "- o Written communications pursuant to Rule 425\n"
        "Cash and marketable securities\t$\t85,000\t$\t90,565\n"
        "\t2\n");
}

TEST_CASE("text reader: fixed-width columns become cells", "[ingest]") {
  CHECK(ColumnizeLine("   California        0-10030       94-2404110  ") ==
        "California\t0-10030\t94-2404110");
  CHECK(ColumnizeLine("Item 7.    Financial Statements") == "Item 7. Financial Statements");
  CHECK(ColumnizeLine("Date of Report:   \tSeptember 3, 1999") ==
        "Date of Report: September 3, 1999");
}

TEST_CASE("text reader: hard-wrapped paragraphs are joined into one line", "[ingest]") {
  std::string in =
      "                          CURRENT REPORT\n"
      "\n"
      "     (i)   Reference is made to the press release issued to the public by the\n"
      "registrant on September 3, 1999, the text of which is attached hereto as an\n"
      "exhibit, for a description of the events reported pursuant to this Form 8-K.\n"
      "     Second paragraph starts here and it is long enough to reach the margin of\n"
      "the page so that it wraps onto a second line of text.\n"
      "\n"
      "          California                      0-10030             94-2404110\n"
      "                                       2\n"
      "<PAGE>\n"
      "Item 5.  Other Events.\n";
  REQUIRE(IsHardWrapped(in));
  std::string out = FinishText(TextToLines(in));
  CHECK(out ==
        "CURRENT REPORT\n"
        "\n"
        "(i) Reference is made to the press release issued to the public by the registrant on "
        "September 3, 1999, the text of which is attached hereto as an exhibit, for a "
        "description of the events reported pursuant to this Form 8-K.\n"
        "Second paragraph starts here and it is long enough to reach the margin of the page so "
        "that it wraps onto a second line of text.\n"
        "\n"
        "California\t0-10030\t94-2404110\n"
        "\n"
        "Item 5. Other Events.\n");
}

TEST_CASE("text reader: a hanging indent continues the line above it", "[ingest]") {
  std::string in =
      "Registrant's telephone number, including area code:   (408) 996-1010 and more\n"
      "Pursuant to the requirements of the Securities Exchange Act of 1934, the\n"
      "registrant has duly caused this report to be signed on its behalf.\n"
      "\n"
      "Item 7.    Financial Statements, Pro Forma Financial Information and\n"
      "           Exhibits.\n"
      "\n"
      "                           Date of Report:   \tSeptember 3, 1999\n"
      "                           Date of earliest\n"
      "                           event reported:   \tSeptember 3, 1999\n";
  REQUIRE(IsHardWrapped(in));
  std::string out = FinishText(TextToLines(in));
  CHECK(out.find("Item 7. Financial Statements, Pro Forma Financial Information and "
                 "Exhibits.\n") != std::string::npos);
  CHECK(out.find("Date of Report: September 3, 1999\nDate of earliest event reported: September "
                 "3, 1999\n") != std::string::npos);
  CHECK(out.find("the registrant has duly caused") != std::string::npos);
}

TEST_CASE("text reader: double-spaced text joins its lines, a blank line after a sentence still ends it",
          "[ingest]") {
  // As Zurn's 1994 release is typed: a blank line under every line.
  std::string in =
      "Erie, PA ... Zurn Industries, Inc. (New York Stock Exchange), a leading maker\n"
      "\n"
      "designer, constructor and manufacturer of systems and equipment for power and\n"
      "\n"
      "Erie, PA Energy Division due to the declining U.S. boiler market and high labor.\n"
      "\n"
      "The Company notified the United Steelworkers in March of its intention to close\n"
      "\n"
      "the facility by mid-September, and a charge will be recorded in the quarter.\n"
      "\n"
      "\n"
      "Short line.\n";
  REQUIRE(IsHardWrapped(in));
  std::string out = FinishText(TextToLines(in));
  CHECK(out.find("a leading maker designer, constructor and manufacturer of systems and equipment for "
                 "power and Erie, PA Energy Division due to") != std::string::npos);
  CHECK(out.find("high labor.\n\nThe Company notified") != std::string::npos);
  CHECK(out.find("intention to close the facility by mid-September") != std::string::npos);
  CHECK(out.find("in the quarter.\n\nShort line.") != std::string::npos);
}

TEST_CASE("text reader: a paragraph whose first line is indented goes on at the margin", "[ingest]") {
  std::string in =
      "ITEM 2.  ACQUISITION OR DISPOSITION OF ASSETS\n"
      "\n"
      "                 On January 28, 1994, Turner Broadcasting System, Inc., a\n"
      "Georgia corporation (\"TBS\"), acquired all of the issued and outstanding shares\n"
      "of common stock of New Line Cinema Corporation, a Delaware corporation.\n"
      "\n"
      "                 Pursuant to an Agreement and Plan of Merger dated as of\n"
      "October 15, 1993, NL Acquisition has been merged with and into New Line.\n";
  REQUIRE(IsHardWrapped(in));
  std::string out = FinishText(TextToLines(in));
  CHECK(out.find("Turner Broadcasting System, Inc., a Georgia corporation (\"TBS\"), acquired all") !=
        std::string::npos);
  CHECK(out.find("dated as of October 15, 1993, NL Acquisition") != std::string::npos);
  CHECK(out.find("Delaware corporation.\n\nPursuant to") != std::string::npos);
}

TEST_CASE("text reader: one-paragraph-per-line text is not re-wrapped", "[ingest]") {
  std::string para(400, 'x');
  std::string in = "Carol Hausner\nExecutive Director, Investor Relations and\n" + para + "\n" +
                   para + "\n" + para + "\n";
  CHECK_FALSE(IsHardWrapped(in));
  std::string out = FinishText(TextToLines(in));
  CHECK(out.find("Carol Hausner\nExecutive Director, Investor Relations and\n") == 0);
}

TEST_CASE("text reader: a text without visible content is refused", "[ingest][error]") {
  Result<Document> doc = ReadTextFiling("x.txt", "< font id=\"TAB2\"\n\n<u></u>\n");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().message() == "text without content");
}

}  // namespace
}  // namespace dealgraph
