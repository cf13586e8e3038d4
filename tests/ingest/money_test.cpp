// Tests for ingest/extract/money.h. Sentences come from the seed filings
// (data/filings/*.txt, which keep a backslash before "$") and the dev filings
// (data/dev/*, whitespace folded); the ones marked "constructed" cover
// currencies and forms those filings never use.
#include "ingest/extract/money.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {
namespace {

std::string Span(std::string_view text, const MoneyMention& m) {
  return std::string(text.substr(m.begin, m.end - m.begin));
}

}  // namespace

TEST_CASE("money: the seeds' backslash-escaped dollar amount is two million dollars", "[extract]") {
  std::string_view s = "This event triggers a \\$2 million milestone payment to ImmunoGen.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "\\$2 million");
  CHECK(ms[0].value == 2000000.0);
  CHECK(ms[0].currency == "USD");
  CHECK_FALSE(ms[0].per_share);
  CHECK_FALSE(ms[0].per_period);
  CHECK_FALSE(ms[0].approximate);
  CHECK_FALSE(ms[0].up_to);
  CHECK_FALSE(ms[0].in_table);

  std::string_view headline =
      "- Trastuzumab-DM1 IND Becomes Effective, Triggering \\$2 Million Payment to ImmunoGen -";
  auto mh = FindMoney(headline);
  REQUIRE(mh.size() == 1);
  CHECK(mh[0].value == 2000000.0);
}

TEST_CASE("money: 'Form 10-K' and 'Exhibit 10.52' beside '$2 million' are not amounts",
          "[extract]") {
  std::string_view s =
      "The original May 2000 agreement, which was filed as Exhibit 10.52 to the Company's Annual "
      "Report on Form 10-K for the fiscal year ended June 30, 2000, included a provision that "
      "allows Genentech to renew the agreement for one additional three-year term by payment of a "
      "\\$2 million technology access fee, which Genentech has now paid to ImmunoGen.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].value == 2000000.0);
  CHECK(Span(s, ms[0]) == "\\$2 million");
}

TEST_CASE("money: words restated in parentheses are one amount", "[extract]") {
  std::string_view s =
      "In consideration for this extension, Millennium will pay to ImmunoGen an extension fee "
      "equal to two hundred and fifty thousand dollars (\\$250,000).";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "two hundred and fifty thousand dollars (\\$250,000)");
  CHECK(ms[0].value == 250000.0);
  CHECK(ms[0].currency == "USD");

  // Constructed: the other order, and a parenthesis that does not restate.
  std::string_view b = "a fee of $250,000 (two hundred fifty thousand dollars) and €1.8 million";
  auto mb = FindMoney(b);
  REQUIRE(mb.size() == 2);
  CHECK(Span(b, mb[0]) == "$250,000 (two hundred fifty thousand dollars)");
  CHECK(mb[1].value == 1800000.0);
  CHECK(mb[1].currency == "EUR");
  std::string_view c = "a fee of $2 million (€1.8 million)";
  auto mc = FindMoney(c);
  REQUIRE(mc.size() == 2);
  CHECK(mc[0].currency == "USD");
  CHECK(mc[1].currency == "EUR");
}

TEST_CASE("money: decimal millions are exact", "[extract]") {
  std::string_view s =
      "The second quarter 2006 revenues include \\$5.2 million of research and development support "
      "fees, compared to \\$4.4 million for the same period last year, and \\$1.3 million of "
      "license and milestone fees, compared to \\$1.0 million for the same period last year.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 4);
  CHECK(ms[0].value == 5200000.0);
  CHECK(ms[1].value == 4400000.0);
  CHECK(ms[2].value == 1300000.0);
  CHECK(Span(s, ms[2]) == "\\$1.3 million");
  CHECK(ms[3].value == 1000000.0);
}

TEST_CASE("money: 'approximately' is approximate, '$43,000' is plain", "[extract]") {
  std::string_view a =
      "ImmunoGen had approximately \\$85.0 million in cash and marketable securities as of "
      "December 31, 2005, compared with \\$90.6 million as of June 30, 2005, with no outstanding "
      "debt in either period.";
  auto ma = FindMoney(a);
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].value == 85000000.0);
  CHECK(ma[0].approximate);
  CHECK_FALSE(ma[0].up_to);
  CHECK(ma[1].value == 90600000.0);
  CHECK_FALSE(ma[1].approximate);

  std::string_view b =
      "During the first half of fiscal 2006, cash used in operations was \\$4.6 million, compared "
      "to \\$43,000 during the same period last year.";
  auto mb = FindMoney(b);
  REQUIRE(mb.size() == 2);
  CHECK(mb[0].value == 4600000.0);
  CHECK(mb[1].value == 43000.0);
  CHECK(Span(b, mb[1]) == "\\$43,000");

  std::string_view c =
      "“During the quarter, we generated nearly $40 billion of operating cash flow, and returned "
      "almost $27 billion to our shareholders.";
  auto mc = FindMoney(c);
  REQUIRE(mc.size() == 2);
  CHECK(mc[0].value == 40000000000.0);
  CHECK(mc[0].approximate);
  CHECK(mc[1].value == 27000000000.0);
  CHECK(mc[1].approximate);
}

TEST_CASE("money: 'up to $1.5 billion' is a cap", "[extract]") {
  std::string_view s =
      "In connection with entering into the Merger Agreement, Biogen has entered into a commitment "
      "letter (the “Commitment Letter”), dated as of July 28, 2023, with JPMorgan Chase Bank, N.A. "
      "(“JPMorgan”), pursuant to which, subject to the terms and conditions set forth therein, "
      "JPMorgan has committed to provide a 364-day senior unsecured bridge loan facility in an "
      "aggregate principal amount of up to $1.5 billion (the “Bridge Facility”), to fund a portion "
      "of the consideration for the Merger.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].value == 1500000000.0);
  CHECK(ms[0].up_to);
  CHECK_FALSE(ms[0].approximate);

  // Constructed: the other caps.
  auto caps = FindMoney(
      "as much as $3 million, not to exceed $4 million, a maximum of $5 million, no more than $6 "
      "million, more than $7 million");
  REQUIRE(caps.size() == 5);
  CHECK(caps[0].up_to);
  CHECK(caps[1].up_to);
  CHECK(caps[2].up_to);
  CHECK(caps[3].up_to);
  CHECK_FALSE(caps[4].up_to);
}

TEST_CASE("money: per-share figures", "[extract]") {
  std::string_view a =
      "The Buckle, Inc. (NYSE: BKE) announced today that net income for the fiscal quarter ended "
      "November 2, 2024 was $44.2 million, or $0.89 per share ($0.88 per share on a diluted "
      "basis).";
  auto ma = FindMoney(a);
  REQUIRE(ma.size() == 3);
  CHECK(ma[0].value == 44200000.0);
  CHECK_FALSE(ma[0].per_share);
  CHECK(ma[1].value == 0.89);
  CHECK(ma[1].per_share);
  CHECK(ma[2].value == 0.88);
  CHECK(ma[2].per_share);

  std::string_view b =
      "For the three-month period ended December 31, 2005, the Company reported a net loss of "
      "\\$3.5 million, or \\$0.09 per basic and diluted share, compared to a net loss of \\$2.2 "
      "million, or \\$0.05 per basic and diluted share, for the same period last year.";
  auto mb = FindMoney(b);
  REQUIRE(mb.size() == 4);
  CHECK_FALSE(mb[0].per_share);
  CHECK(mb[1].value == 0.09);
  CHECK(mb[1].per_share);
  CHECK(mb[3].per_share);

  std::string_view c =
      "The Company posted quarterly revenue of $119.6 billion, up 2 percent year over year, and "
      "quarterly earnings per diluted share of $2.18, up 16 percent year over year.";
  auto mc = FindMoney(c);
  REQUIRE(mc.size() == 2);
  CHECK(mc[0].value == 119600000000.0);
  CHECK_FALSE(mc[0].per_share);
  CHECK(mc[1].value == 2.18);
  CHECK(mc[1].per_share);

  std::string_view d =
      "Apple’s board of directors has declared a cash dividend of $0.24 per share of the "
      "Company’s common stock.";
  auto md = FindMoney(d);
  REQUIRE(md.size() == 1);
  CHECK(md[0].value == 0.24);
  CHECK(md[0].per_share);
}

TEST_CASE("money: '$172.50 in cash' per share only when the text says so", "[extract]") {
  std::string_view real =
      "each share of Reata Common Stock issued and outstanding immediately prior to the Effective "
      "Time will be automatically canceled and converted into the right to receive $172.50 in "
      "cash, without interest and subject to any applicable withholding taxes (the “Merger "
      "Consideration”).";
  auto mr = FindMoney(real);
  REQUIRE(mr.size() == 1);
  CHECK(mr[0].value == 172.5);
  CHECK_FALSE(mr[0].per_share);

  // Constructed: the brief's phrasing.
  auto mc = FindMoney("Biogen will acquire Reata for $172.50 per share in cash.");
  REQUIRE(mc.size() == 1);
  CHECK(mc[0].value == 172.5);
  CHECK(mc[0].per_share);
}

TEST_CASE("money: 'per month' is per period, an annual retainer is not", "[extract]") {
  std::string_view a =
      "Mr. Loeb will receive cash compensation of $16,780 per month for service as President and "
      "CEO of the Registrant, and an additional $10,000\nper month for so long as he serves as "
      "Acting CEO of OmniMetrix.";
  auto ma = FindMoney(a);
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].value == 16780.0);
  CHECK(ma[0].per_period);
  CHECK_FALSE(ma[0].per_share);
  CHECK(ma[1].value == 10000.0);
  CHECK(ma[1].per_period);

  std::string_view b =
      "In accordance with the Company’s policies for compensating non-employee directors, Ms. "
      "Carrig will receive a grant of 6,500 restricted stock units (“RSUs”) under the WaterBridge "
      "Infrastructure LLC Long Term Incentive Plan, as may be amended and/or supplemented from "
      "time to time (the “Plan”) and an annual cash retainer of $100,000 as compensation for her "
      "service on the Board, as well as an additional annual cash retainer of $10,000 for her "
      "service on the Audit Committee, in each case, to be paid quarterly in advance and prorated "
      "for any partial quarter of service.";
  auto mb = FindMoney(b);
  REQUIRE(mb.size() == 2);
  CHECK(mb[0].value == 100000.0);
  CHECK_FALSE(mb[0].per_period);
  CHECK(mb[1].value == 10000.0);
  CHECK_FALSE(mb[1].per_period);

  // Constructed: other period phrasings.
  auto mc = FindMoney("rent of $5,000 a month, a fee of $2 million annually, $300 per annum");
  REQUIRE(mc.size() == 3);
  for (const MoneyMention& m : mc) CHECK(m.per_period);
}

TEST_CASE("money: a space after '$' and '$ 5.22 per share' split over a line", "[extract]") {
  std::string_view s =
      "Effective December 19, 2023 the board of directors (the “Board”) of NexPoint Capital, Inc. "
      "(the “Company”) approved the determination of the Company’s net asset value per share and "
      "the price at which the Company issues shares under its distribution reinvestment plan (the "
      "“DRP”) at $ 5.22 \nper share.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "$ 5.22");
  CHECK(ms[0].value == 5.22);
  CHECK(ms[0].per_share);
}

TEST_CASE("money: table rows keep their figures, parenthesised ones are negative", "[extract]") {
  std::string_view a = "Cash and marketable securities\t\\$\t85,000\t\\$\t90,565";
  auto ma = FindMoney(a);
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].value == 85000.0);
  CHECK(ma[1].value == 90565.0);

  std::string_view b = "Net income (loss)\t\t(3,502)\t\\$ (2,209)\t\\$\t(8,208)\t\\$\t(4,680)";
  auto mb = FindMoney(b);
  REQUIRE(mb.size() == 3);
  CHECK(mb[0].value == -2209.0);
  CHECK(Span(b, mb[0]) == "\\$ (2,209)");
  CHECK(mb[1].value == -8208.0);
  CHECK(mb[2].value == -4680.0);

  std::string_view c = "Research and development\t\\$ 350\t\\$ -\t\\$ 702\t\\$ -";
  auto mc = FindMoney(c);
  REQUIRE(mc.size() == 2);
  CHECK(mc[0].value == 350.0);
  CHECK(mc[1].value == 702.0);

  std::string_view d =
      "Reata will be required to pay Biogen a termination fee equal to $264,000,000.";
  auto md = FindMoney(d);
  REQUIRE(md.size() == 1);
  CHECK(md[0].value == 264000000.0);
}

TEST_CASE("money: par values with a leading dot", "[extract]") {
  std::string_view s =
      "Common stock, authorized 100,000,000 shares of $.01 par value; issued and outstanding; "
      "50,773,796 shares at November 2, 2024";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].value == 0.01);
  CHECK(Span(s, ms[0]) == "$.01");
}

TEST_CASE("money: other currencies by symbol, code and word", "[extract]") {
  // Constructed: the seed and dev filings are all in dollars.
  std::string_view s =
      "US$3 million, USD 3 million, €40 million, EUR 40 million, £2.5 million, £2.5m, GBP 2.5 "
      "million, CHF 10 million, ¥500 million, JPY 500 million, 40 million euros, 10 million Swiss "
      "francs, 5 million Canadian dollars, C$7 million, 3 million U.S. dollars.";
  auto ms = FindMoney(s);
  REQUIRE(ms.size() == 15);
  const char* currency[15] = {"USD", "USD", "EUR", "EUR", "GBP", "GBP", "GBP", "CHF",
                              "JPY", "JPY", "EUR", "CHF", "CAD", "CAD", "USD"};
  double value[15] = {3e6,   3e6,   40e6, 40e6, 2.5e6, 2.5e6, 2.5e6, 10e6,
                      500e6, 500e6, 40e6, 10e6, 5e6,   7e6,   3e6};
  for (size_t i = 0; i < ms.size(); ++i) {
    INFO("mention " << i << ": " << Span(s, ms[i]));
    CHECK(ms[i].currency == currency[i]);
    CHECK(ms[i].value == value[i]);
  }
  CHECK(Span(s, ms[0]) == "US$3 million");
  CHECK(Span(s, ms[1]) == "USD 3 million");
  CHECK(Span(s, ms[13]) == "C$7 million");
}

TEST_CASE("money: number words need a currency word", "[extract]") {
  // Constructed.
  auto ms = FindMoney(
      "two million dollars, one hundred thousand dollars, twenty-five million euros, a million "
      "dollars, 2.5 billion dollars, one of the two partners, three hundred patients");
  REQUIRE(ms.size() == 5);
  CHECK(ms[0].value == 2000000.0);
  CHECK(ms[1].value == 100000.0);
  CHECK(ms[2].value == 25000000.0);
  CHECK(ms[2].currency == "EUR");
  CHECK(ms[3].value == 1000000.0);
  CHECK(ms[4].value == 2500000000.0);
}

TEST_CASE("money: a range is one amount with both ends, and borrows the far end's scale",
          "[extract]") {
  // Zurn Industries' 8-K of April 1994 (Item 5).
  auto z = FindMoney("The Company's news release dated April 19, 1994 announcing it will discontinue "
                     "manufacturing operations at the Zurn Energy Division and record a $14 to $16 "
                     "million, or up to $.80 per share, charge in the fourth quarter ended March 31, "
                     "1994 is incorporated herein by reference.");
  REQUIRE(z.size() == 2);
  CHECK(z[0].value == 14000000.0);
  CHECK(z[0].high == 16000000.0);
  CHECK(z[1].value == 0.80);
  CHECK(z[1].up_to);
  CHECK(z[1].per_share);
  CHECK(z[1].high == 0);
  // Home Health Corporation of America, 1998: "between ... to".
  auto h = FindMoney("initiatives which are expected to generate between $1.0 to $2.0 million in "
                     "additional annual cost reductions.");
  REQUIRE(h.size() == 1);
  CHECK(h[0].value == 1000000.0);
  CHECK(h[0].high == 2000000.0);
  // Constructed: the shapes of a range.
  auto a = FindMoney("between $2 and $3 million, or $1.5-2 billion, or $100,000 to $2 million");
  REQUIRE(a.size() == 3);
  CHECK(a[0].value == 2000000.0);
  CHECK(a[0].high == 3000000.0);
  CHECK(a[1].value == 1500000000.0);
  CHECK(a[1].high == 2000000000.0);
  CHECK(a[2].value == 100000.0);
  CHECK(a[2].high == 2000000.0);
  // A change is two amounts: a warrant's price "from $8.9208 to $5.9208"
  // (real), a rise "increased $2.0 million to $15.3 million", a fall, and a
  // list without "between".
  auto w = FindMoney("the Exercise Price (as defined in the Warrant) from $8.9208 to $5.9208, subject to "
                     "further adjustment");
  REQUIRE(w.size() == 2);
  CHECK(w[0].high == 0);
  CHECK(w[1].value == 5.9208);
  auto b = FindMoney("from $100,000 to $2 million; revenue increased $2.0 million to $15.3 million; "
                     "$5 million to $4 million; $4.5 billion and $2.9 billion");
  REQUIRE(b.size() == 8);
  for (const MoneyMention& m : b) CHECK(m.high == 0);
  CHECK(b[0].value == 100000.0);
  CHECK(b[3].value == 15300000.0);
}

TEST_CASE("money: counts, phone numbers, forms and glued symbols are not money", "[extract]") {
  CHECK(FindMoney("A review of these risks can be found in ImmunoGen's Annual Report on Form 10-K "
                  "for the fiscal year ended June 30, 2005 and other reports filed with the "
                  "Securities and Exchange Commission.")
            .empty());
  CHECK(FindMoney("Registrant's telephone number, including area code: (617) 995-2500").empty());
  CHECK(FindMoney("Our installed base of active devices has now surpassed 2.2 billion.").empty());
  CHECK(FindMoney("HER2 overexpression is associated with approximately 20 percent of all breast "
                  "cancers.")
            .empty());
  CHECK(FindMoney("options to purchase 2,200 shares of the Registrant’s common stock").empty());
  // Constructed: a symbol glued to something that is no currency prefix.
  CHECK(FindMoney("Form 10-K$2 million, ID 10$5, cost $—, $$").empty());
}

TEST_CASE("money: hostile input never crashes and stays linear", "[extract]") {
  std::string noise;
  uint32_t x = 987654321u;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(x >> 16));
  }
  for (const MoneyMention& m : FindMoney(noise)) {
    CHECK(m.begin < m.end);
    CHECK(m.end <= noise.size());
  }
  const std::vector<std::string> pieces = {"one ",   "$",        "$(", "\\", "twenty-", "million ",
                                           "$1 to ", "\xE2\x82", "9",  "(",  "a ",      "and one "};
  for (const std::string& piece : pieces) {
    std::string s;
    while (s.size() < 300000) s += piece;
    auto start = std::chrono::steady_clock::now();
    auto ms = FindMoney(s);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 2.0);
    for (const MoneyMention& m : ms) CHECK(m.end <= s.size());
  }
  // A figure too long to be an amount, and a long one that still is.
  CHECK(FindMoney("$" + std::string(5000, '9')).empty());
  auto big = FindMoney("$12345678901234567890123");
  REQUIRE(big.size() == 1);
  CHECK(big[0].value == Approx(1.2345678901234568e22));
  // Truncated symbols at the end.
  CHECK(FindMoney("fee \\").empty());
  CHECK(FindMoney("fee $").empty());
  CHECK(FindMoney("fee \xE2\x82").empty());
}

}  // namespace dealgraph
