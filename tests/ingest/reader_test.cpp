#include "ingest/reader.h"

#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/utf8.h"

#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

bool Contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

bool HasLine(const std::string& text, std::string_view line) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    if (std::string_view(text).substr(pos, eol - pos) == line) return true;
    pos = eol + 1;
  }
  return false;
}

std::vector<std::string> FilesIn(std::string_view dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(DataPath(dir))) {
    if (!e.is_regular_file() || e.path().filename() == "MANIFEST.tsv") continue;
    out.push_back(std::string(dir) + "/" + e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("reader: every file in data/dev and data/filings reads to valid UTF-8 text", "[ingest]") {
  std::vector<std::string> files = FilesIn("dev");
  std::vector<std::string> seeds = FilesIn("filings");
  files.insert(files.end(), seeds.begin(), seeds.end());
  REQUIRE(files.size() >= 16);
  for (const std::string& f : files) {
    INFO(f);
    Document doc = ReadOk(f);
    CHECK(doc.name == fs::path(f).filename().string());
    CHECK(IsValidUtf8(doc.text));
    CHECK(doc.text.size() > 500);
    CHECK(doc.text.back() == '\n');
    CHECK_FALSE(Contains(doc.text, "\r"));
    CHECK_FALSE(Contains(doc.text, "  "));
    CHECK_FALSE(Contains(doc.text, "\xC2\xA0"));  // NBSP
    CHECK_FALSE(Contains(doc.text, "<DOCUMENT>"));
    CHECK_FALSE(Contains(doc.text, "begin 644"));
  }
}

TEST_CASE("reader: the 2024 Apple submission yields header, press release, no junk", "[ingest]") {
  Document doc = ReadOk("dev/12_apple_q1fy24_results_8k.txt");
  const FilingHeader& h = doc.header;
  CHECK(h.accession == "0000320193-24-000005");
  CHECK(h.form == "8-K");
  CHECK(h.filed == "2024-02-01");
  CHECK(h.period == "2024-02-01");
  CHECK(std::find(h.items.begin(), h.items.end(), "2.02") != h.items.end());
  CHECK(h.items == std::vector<std::string>{"2.02", "9.01"});
  REQUIRE(h.filers.size() == 1);
  CHECK(h.filers[0].name == "Apple Inc.");
  CHECK(h.filers[0].cik == "0000320193");  // kept as printed, see document.h
  CHECK(h.filers[0].fiscal_year_end == "0928");
  REQUIRE(h.filers[0].former_names.size() == 2);
  CHECK(h.filers[0].former_names[0].name == "APPLE INC");
  CHECK(h.filers[0].former_names[0].changed == "2007-01-09");

  CHECK(doc.text.rfind("<<8-K>>\n", 0) == 0);
  CHECK(HasLine(doc.text, "<<EX-99.1>>"));
  CHECK(Contains(doc.text,
                 "The Company posted quarterly revenue of $119.6 billion, up 2 percent year over "
                 "year, and quarterly earnings per diluted share of $2.18, up 16 percent year "
                 "over year."));
  CHECK(HasLine(doc.text, "Item 2.02 Results of Operations and Financial Condition."));
  CHECK(HasLine(doc.text, "Products\t$96,458\t$96,388"));
  // Nothing from the XBRL exhibits, the graphic, the R pages, the zip, the JSON.
  for (std::string_view junk : {"<<EX-101", "<<GRAPHIC", "<<XML", "<<ZIP", "<<JSON", "<<EXCEL",
                                "xbrli:", "xlink:", "M_]C_X", "Edgar(tm) Renderer", "authRefData",
                                "\"nsprefix\"", "dei:", "<?xml"}) {
    INFO(junk);
    CHECK_FALSE(Contains(doc.text, junk));
  }
  size_t labels = std::count(doc.text.begin(), doc.text.end(), '<');
  CHECK(labels < 40);
}

TEST_CASE("reader: the .nc feed file yields its tagged header and the exhibit", "[ingest]") {
  Document doc = ReadOk("dev/03_acorn_energy_ceo_consulting_extension_8k.nc");
  const FilingHeader& h = doc.header;
  CHECK(h.accession == "0001493152-25-001317");
  CHECK(h.form == "8-K");
  CHECK(h.filed == "2025-01-08");
  CHECK(h.period == "2025-01-06");
  CHECK(h.items == std::vector<std::string>{"5.02", "9.01"});
  REQUIRE(h.filers.size() == 1);
  CHECK(h.filers[0].name == "ACORN ENERGY, INC.");
  CHECK(h.filers[0].cik == "0000880984");
  CHECK(h.filers[0].fiscal_year_end == "1231");
  REQUIRE(h.filers[0].former_names.size() == 3);
  CHECK(h.filers[0].former_names[0].name == "ACORN FACTOR, INC.");
  CHECK(h.filers[0].former_names[0].changed == "2006-09-20");
  CHECK(h.filers[0].former_names[2].name == "DEFENSE SOFTWARE & SYSTEMS INC");
  CHECK(HasLine(doc.text, "<<8-K>>"));
  CHECK(HasLine(doc.text, "<<EX-10.1>>"));
  CHECK(Contains(doc.text, "entered into a new consulting agreement"));
  CHECK_FALSE(Contains(doc.text, "<<EX-101"));
  CHECK_FALSE(Contains(doc.text, "FilingSummary"));
}

TEST_CASE("reader: the 1999 Apple submission is read as fixed-width text", "[ingest]") {
  Document doc = ReadOk("dev/11_apple_litigation_settlement_8k_1999.txt");
  CHECK(doc.header.accession == "0000320193-99-000010");
  CHECK(doc.header.form == "8-K");
  CHECK(doc.header.filed == "1999-09-07");
  CHECK(doc.header.items.empty());  // ITEM INFORMATION is blank in this header
  REQUIRE(doc.header.filers.size() == 1);
  CHECK(doc.header.filers[0].name == "APPLE COMPUTER INC");
  CHECK(doc.header.filers[0].fiscal_year_end == "0930");
  CHECK(HasLine(doc.text, "<<8-K>>"));
  CHECK(HasLine(doc.text, "Item 5. Other Events."));
  CHECK(HasLine(doc.text,
                "(i) Reference is made to the press release issued to the public by the "
                "registrant on September 3, 1999, the text of which is attached hereto as an "
                "exhibit, for a description of the events reported pursuant to this Form 8-K."));
  CHECK(HasLine(doc.text, "California\t0-10030\t94-2404110"));
  CHECK(HasLine(doc.text, "Date of earliest event reported: September 3, 1999"));
  CHECK(HasLine(doc.text,
                "Item 7. Financial Statements, Pro Forma Financial Information and "
                "Exhibits."));
  CHECK_FALSE(Contains(doc.text, "<PAGE>"));
  CHECK_FALSE(Contains(doc.text, "PRIVACY-ENHANCED"));
}

TEST_CASE("reader: the iXBRL vote results read as single lines without hidden facts", "[ingest]") {
  Document doc = ReadOk("dev/07_1800flowers_annual_meeting_8k.html");
  CHECK(doc.header.accession.empty());
  CHECK(HasLine(doc.text, "Item 5.07. Submission of Matters to a Vote of Security Holders."));
  CHECK(HasLine(doc.text,
                "1-800-FLOWERS.COM, Inc. (the \xE2\x80\x9C"
                "Company\xE2\x80\x9D) held its Annual "
                "Meeting of Stockholders on December 14, 2023. The stockholders considered five "
                "proposals at the meeting, each of which is described in more detail in the "
                "Proxy Statement. The matters voted upon at the meeting and the results of the "
                "votes are stated below."));
  CHECK(HasLine(doc.text,
                "2. The stockholders ratified the appointment of BDO USA, P.C. to serve as the "
                "Company\xE2\x80\x99s independent registered public accounting firm for the "
                "fiscal year ending June 30, 2024."));
  CHECK(HasLine(doc.text, "Nominee\tFor\tWithheld\tBroker Non-Votes"));
  CHECK(HasLine(doc.text, "Celia R. Brown\t281,090,975\t8,149,740\t3,936,780"));
  // ix:header / ix:hidden facts must not leak.
  CHECK_FALSE(Contains(doc.text, "1 800 FLOWERS COM INC"));
  CHECK_FALSE(Contains(doc.text, "0001084869"));
  CHECK_FALSE(Contains(doc.text, "flws-20231214.xsd"));
}

TEST_CASE("reader: Workiva and DFIN iXBRL paragraphs are whole lines", "[ingest]") {
  Document buckle = ReadOk("dev/05_buckle_q3_results_ex99-1.html");
  CHECK(buckle.header.form == "EX-99.1");
  CHECK(buckle.text.rfind("<<EX-99.1>>\n", 0) == 0);
  CHECK(HasLine(buckle.text,
                "KEARNEY, NE -- (BUSINESS WIRE) -- The Buckle, Inc. (NYSE: BKE) announced today "
                "that net income for the fiscal quarter ended November 2, 2024 was $44.2 "
                "million, or $0.89 per share ($0.88 per share on a diluted basis)."));
  CHECK(HasLine(buckle.text, "NET INCOME\t$44,172\t$51,762\t$118,270\t$140,338"));

  Document nexpoint = ReadOk("dev/08_nexpoint_capital_nav_8k.html");
  CHECK(HasLine(nexpoint.text, "300 Crescent Court, Suite 700"));
  CHECK(Contains(nexpoint.text, "This Current Report on Form 8-K may contain"));

  Document biogen = ReadOk("dev/01_biogen_reata_merger_8k.html");
  CHECK(Contains(biogen.text,
                 "consistent with past practice and preserve intact its business "
                 "organization"));

  Document pre = ReadOk("dev/09_liaoning_rice_director_8k_pre.html");
  CHECK(HasLine(pre.text, "Delaware\t000-30432\t22-2335094"));
  CHECK(HasLine(pre.text, "List of shareholder:"));
}

TEST_CASE("reader: the markdown seeds lose escapes, emphasis and tag debris", "[ingest]") {
  for (const std::string& f : FilesIn("filings")) {
    INFO(f);
    Document doc = ReadOk(f);
    CHECK(doc.header.accession.empty());
    CHECK_FALSE(Contains(doc.text, "\\$"));
    CHECK_FALSE(Contains(doc.text, "**"));
    CHECK_FALSE(Contains(doc.text, "< font"));
    CHECK_FALSE(Contains(doc.text, "id=\"TAB2\""));
    CHECK_FALSE(Contains(doc.text, "LETTER-SPACING"));
    CHECK_FALSE(Contains(doc.text, "<u>"));
    CHECK(Contains(doc.text, "ImmunoGen"));
  }
  Document first = ReadOk("filings/000_005fa54bed851147.txt");
  CHECK(Contains(first.text, "This event triggers a $2 million milestone payment to ImmunoGen."));
  CHECK(Contains(first.text, "(Commission File Number) 04-2726691 (IRS"));
  CHECK(HasLine(first.text,
                "o Written communications pursuant to Rule 425 under the Securities "
                "Act (17 CFR 230.425)"));
  Document tables = ReadOk("filings/001_d2b176b1605cc666.txt");
  CHECK(HasLine(tables.text, "Cash and marketable securities\t$\t85,000\t$\t90,565"));
  CHECK(HasLine(tables.text, "128 Sidney Street, Cambridge, MA 02139-4239"));
  Document bullets = ReadOk("filings/004_95bce008d3f773b5.txt");
  CHECK(HasLine(bullets.text,
                "- o Written communications pursuant to Rule 425 under the "
                "Securities Act (17 CFR 230.425)"));
}

TEST_CASE("reader: Windows-1252 input comes out as valid UTF-8", "[ingest]") {
  std::string in =
      "The Company\x92s \x93new\x94\xA0"
      "agreement \x96 worth \x80"
      "5 million.\r\n";
  Result<Document> doc = ReadFiling("cp1252.txt", in);
  REQUIRE(doc.ok());
  CHECK(IsValidUtf8(doc->text));
  CHECK(doc->text ==
        "The Company\xE2\x80\x99s \xE2\x80\x9Cnew\xE2\x80\x9D agreement \xE2\x80\x93 worth "
        "\xE2\x82\xAC"
        "5 million.\n");

  std::string html =
      "<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Quoted\x94"
      "\xA0text caf\xE9</p></body></html>";
  Result<Document> hdoc = ReadFiling("cp1252.htm", html);
  REQUIRE(hdoc.ok());
  CHECK(hdoc->text == "\xE2\x80\x9CQuoted\xE2\x80\x9D text caf\xC3\xA9\n");
}

// `utf8` re-encoded as UTF-16 or UTF-32 with a byte-order mark (test helper).
std::string WideCopy(const std::string& utf8, int unit, bool big) {
  std::u32string cps;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    cps.push_back(cp);
    i += static_cast<size_t>(len);
  }
  std::string out;
  auto put = [&](char32_t v) {
    for (int k = 0; k < unit; ++k) {
      int shift = 8 * (big ? unit - 1 - k : k);
      out.push_back(static_cast<char>((v >> shift) & 0xFF));
    }
  };
  put(0xFEFF);
  for (char32_t cp : cps) {
    if (unit == 2 && cp >= 0x10000) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

TEST_CASE("reader: UTF-16 and UTF-32 copies of a seed filing read as the seed does", "[ingest]") {
  std::string utf8 = Slurp(DataPath(kSeed000));
  Document want = ReadOk(kSeed000);
  for (int unit : {2, 4}) {
    for (bool big : {false, true}) {
      INFO("UTF-" << unit * 8 << (big ? " BE" : " LE"));
      std::string wide = WideCopy(utf8, unit, big);
      REQUIRE(std::memchr(wide.data(), '\0', wide.size()) != nullptr);  // binary to a byte reader
      Result<Document> doc = ReadFiling("wide.txt", wide);
      INFO(doc.status().message());
      REQUIRE(doc.ok());
      CHECK(doc->text == want.text);
    }
  }
  // A character past the Basic Multilingual Plane takes a surrogate pair.
  Result<Document> emoji = ReadFiling("pair.txt", WideCopy("Revenue rose \xF0\x9F\x93\x88 10%.\n", 2, false));
  REQUIRE(emoji.ok());
  CHECK(emoji->text == "Revenue rose \xF0\x9F\x93\x88 10%.\n");
}

TEST_CASE("reader: empty, blank and binary files are refused", "[ingest][error]") {
  Result<Document> empty = ReadFiling("e.txt", "");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() == "empty file");
  Result<Document> blank = ReadFiling("b.txt", " \n\t\r\n");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.status().message() == "empty file");

  std::string bin = "GIF89a";
  for (int i = 0; i < 1000; ++i) bin.push_back(static_cast<char>(i % 256));
  Result<Document> binary = ReadFiling("x.gif", bin);
  REQUIRE_FALSE(binary.ok());
  CHECK(binary.status().message() == "binary data, not a filing");
  CHECK(binary.status().code() == StatusCode::kUnsupported);
  Result<Document> nul = ReadFiling("n.txt", std::string("FORM 8-K\0\0", 10));
  REQUIRE_FALSE(nul.ok());
  CHECK(nul.status().message() == "binary data, not a filing");
}

TEST_CASE("reader: truncated SGML is refused, HTML without text too", "[ingest][error]") {
  Result<Document> t =
      ReadFiling("t.txt",
                 "<SEC-DOCUMENT>x\n<SEC-HEADER>x\nACCESSION NUMBER: 1\n</SEC-HEADER>\n<DOCUMENT>\n"
                 "<TYPE>8-K\n<SEQUENCE>1\n");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message().rfind("truncated SGML: ", 0) == 0);

  Result<Document> h =
      ReadFiling("h.htm", "<html><head><title>x</title></head><body></body></html>");
  REQUIRE_FALSE(h.ok());
  CHECK(h.status().message() == "HTML without text");
}

std::string Gzip(const std::string& data) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST_CASE("reader: a gzipped filing reads like the plain one", "[ingest]") {
  std::string raw = Slurp(DataPath("dev/12_apple_q1fy24_results_8k.txt"));
  Result<Document> plain = ReadFiling("a.txt", raw);
  Result<Document> gz = ReadFiling("a.txt.gz", Gzip(raw));
  REQUIRE(plain.ok());
  REQUIRE(gz.ok());
  CHECK(gz->text == plain->text);
  CHECK(gz->header.accession == "0000320193-24-000005");

  Result<Document> bad = ReadFiling("b.gz", Gzip(raw).substr(0, 200));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kCorruption);
}

TEST_CASE("reader: random and mangled bytes never crash and give valid UTF-8", "[ingest]") {
  std::mt19937 rng(20240201);
  static const std::vector<std::string> kTokens = {
      "<SEC-HEADER>",
      "</SEC-HEADER>",
      "<SEC-DOCUMENT>",
      "<SUBMISSION>",
      "<DOCUMENT>",
      "</DOCUMENT>",
      "<TYPE>8-K\n",
      "<TYPE>EX-99.1\n",
      "<TEXT>",
      "</TEXT>",
      "<XBRL>",
      "</XBRL>",
      "<PDF>",
      "begin 644 x\n",
      "<html>",
      "<body>",
      "<div>",
      "</div>",
      "<p>",
      "<table>",
      "<tr>",
      "<td>",
      "</td>",
      "</tr>",
      "<pre>",
      "</pre>",
      "<br>",
      "<ix:header>",
      "<span style=\"display:none\">",
      "**",
      "*",
      "\\$",
      "\\",
      "&#",
      "&amp;",
      ";",
      "< font id=\"TAB2\"",
      "style=\"x\">",
      "<u>",
      "\n",
      "\r",
      "\t",
      "   ",
      "ACCESSION NUMBER:\t",
      "ITEM INFORMATION:\t",
      "FILER:\n",
      "<FORMER-COMPANY>",
      "<DATE-CHANGED>2006",
      "\x93",
      "\xA0",
      "\xC3",
      "\xE2\x80",
      "word",
      "Item 5.02",
      "<PAGE>",
      "2\n",
      "-",
      "<!--",
      "-->",
      "<![CDATA[",
      "<script>",
      "\x1f\x8b",
  };
  for (int iter = 0; iter < 3000; ++iter) {
    std::string buf;
    int mode = iter % 3;
    size_t len = rng() % 2048;
    if (mode == 0) {
      for (size_t i = 0; i < len; ++i) buf.push_back(static_cast<char>(rng() & 0xFF));
    } else if (mode == 1) {
      for (size_t i = 0; i < len; ++i) buf.push_back(static_cast<char>(0x20 + rng() % 0x60));
    } else {
      size_t n = rng() % 200;
      for (size_t i = 0; i < n; ++i) buf += kTokens[rng() % kTokens.size()];
    }
    Result<Document> doc = ReadFiling("r", buf);
    if (doc.ok()) {
      INFO(iter);
      REQUIRE(IsValidUtf8(doc->text));
    }
  }
  // Real filings cut at random places and with random bytes flipped.
  std::vector<std::string> reals = {
      Slurp(DataPath("dev/12_apple_q1fy24_results_8k.txt")),
      Slurp(DataPath("dev/03_acorn_energy_ceo_consulting_extension_8k.nc")),
      Slurp(DataPath("dev/07_1800flowers_annual_meeting_8k.html"))};
  for (int iter = 0; iter < 60; ++iter) {
    std::string buf = reals[iter % reals.size()];
    buf.resize(rng() % buf.size());
    for (int k = 0; k < 20 && !buf.empty(); ++k) buf[rng() % buf.size()] = static_cast<char>(rng());
    Result<Document> doc = ReadFiling("m", buf);
    if (doc.ok()) REQUIRE(IsValidUtf8(doc->text));
  }
}

TEST_CASE("reader: 100k nested <div> elements do not crash", "[ingest]") {
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "text";
  for (int i = 0; i < 100000; ++i) deep += "</div>";
  deep += "</body></html>";
  Result<Document> doc = ReadFiling("deep.html", deep);
  if (doc.ok()) CHECK(IsValidUtf8(doc->text));
}

}  // namespace
}  // namespace dealgraph
