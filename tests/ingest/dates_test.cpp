// Tests for ingest/extract/dates.h. Sentences come from the seed filings
// (data/filings/*.txt) and the dev filings (data/dev/*, whitespace folded);
// the few marked "constructed" cover forms those filings never use.
#include "ingest/extract/dates.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {
namespace {

DateContext Ctx(std::string_view anchor, int fy_month = 12, int fy_day = 31) {
  DateContext ctx;
  ctx.anchor = DateValue::FromIso(anchor);
  ctx.fiscal_year_end_month = fy_month;
  ctx.fiscal_year_end_day = fy_day;
  return ctx;
}

std::string Span(std::string_view text, const DateMention& m) {
  return std::string(text.substr(m.begin, m.end - m.begin));
}

// ImmunoGen's fiscal year ends June 30.
DateContext ImmunoGen(std::string_view anchor) { return Ctx(anchor, 6, 30); }

}  // namespace

TEST_CASE("dates: 'On May 3, 2005,' opens the clause and 'dated as of' marks the agreement's date",
          "[extract]") {
  std::string_view s =
      "On May 3, 2005, ImmunoGen, Inc. (Nasdaq: IMGN) announced that Genentech (NYSE: DNA) has "
      "renewed its agreement with ImmunoGen, dated as of May 2, 2000, that provides Genentech with "
      "certain rights to test and to use ImmunoGen's Tumor-Activated Prodrug (TAP) technology with "
      "Genentech therapeutic antibodies to specific targets, and to license the right to use the "
      "technology to develop products on the terms defined in the agreement.";
  auto ms = FindDates(s, ImmunoGen("2005-05-03"));
  REQUIRE(ms.size() == 2);
  CHECK(Span(s, ms[0]) == "May 3, 2005");
  CHECK(ms[0].begin == 3);
  CHECK(ms[0].value.Iso() == "2005-05-03");
  CHECK(ms[0].kind == DateKind::kAbsolute);
  CHECK(ms[0].cue == "on");
  CHECK(ms[0].event_anchor);
  CHECK(Span(s, ms[1]) == "May 2, 2000");
  CHECK(ms[1].value.Iso() == "2000-05-02");
  CHECK(ms[1].kind == DateKind::kAbsolute);
  CHECK(ms[1].cue == "dated as of");
  CHECK_FALSE(ms[1].event_anchor);
}

TEST_CASE("dates: 'the original May 2000 agreement' is a month-precision noun modifier",
          "[extract]") {
  std::string_view s =
      "The original May 2000 agreement, which was filed as Exhibit 10.52 to the Company's Annual "
      "Report on Form 10-K for the fiscal year ended June 30, 2000, included a provision that "
      "allows Genentech to renew the agreement for one additional three-year term by payment of a "
      "\\$2 million technology access fee, which Genentech has now paid to ImmunoGen.";
  auto ms = FindDates(s, ImmunoGen("2005-05-03"));
  REQUIRE(ms.size() == 2);
  CHECK(Span(s, ms[0]) == "May 2000");
  CHECK(ms[0].value.Iso() == "2000-05");
  CHECK(ms[0].kind == DateKind::kPartial);
  CHECK(ms[0].cue == "");
  CHECK_FALSE(ms[0].event_anchor);
  CHECK(ms[1].value.Iso() == "2000-06-30");
  CHECK(ms[1].kind == DateKind::kPeriodEnd);
  CHECK(ms[1].cue == "ended");
  CHECK_FALSE(ms[1].event_anchor);
}

TEST_CASE("dates: 'under a May 2000 agreement' and 'under a 2000 agreement' are not event dates",
          "[extract]") {
  std::string_view a =
      "This milestone was earned under a May 2000 agreement whereby Genentech has an exclusive "
      "license to use ImmunoGen's maytansinoid TAP technology with therapeutic antibodies to HER2, "
      "including trastuzumab.";
  auto ma = FindDates(a, ImmunoGen("2006-01-31"));
  REQUIRE(ma.size() == 1);
  CHECK(ma[0].value.Iso() == "2000-05");
  CHECK(ma[0].kind == DateKind::kPartial);
  CHECK_FALSE(ma[0].event_anchor);

  std::string_view b =
      "The compound was developed under a 2000 agreement that gave Genentech an exclusive license "
      "to use ImmunoGen's maytansinoid TAP technology with therapeutic antibodies to HER2, "
      "including trastuzumab.";
  auto mb = FindDates(b, ImmunoGen("2006-02-02"));
  REQUIRE(mb.size() == 1);
  CHECK(Span(b, mb[0]) == "2000");
  CHECK(mb[0].value.Iso() == "2000");
  CHECK(mb[0].kind == DateKind::kPartial);
  CHECK(mb[0].cue == "");
  CHECK_FALSE(mb[0].event_anchor);
}

TEST_CASE("dates: 'In 2000,' and 'Earlier in 2005,' are year-precision event dates", "[extract]") {
  std::string_view a =
      "In 2000, Genentech entered into an agreement with ImmunoGen for an exclusive license to use "
      "ImmunoGen's maytansinoid TAP technology with therapeutic antibodies to HER2, including "
      "trastuzumab.";
  auto ma = FindDates(a, ImmunoGen("2006-01-31"));
  REQUIRE(ma.size() == 1);
  CHECK(ma[0].value.Iso() == "2000");
  CHECK(ma[0].value.month == 0);
  CHECK(ma[0].kind == DateKind::kPartial);
  CHECK(ma[0].cue == "in");
  CHECK(ma[0].event_anchor);

  std::string_view b =
      "Earlier in 2005, Genentech licensed the rights to use ImmunoGen's maytansinoid TAP "
      "technology with antibodies to two other undisclosed targets under this agreement.";
  auto mb = FindDates(b, ImmunoGen("2006-02-02"));
  REQUIRE(mb.size() == 1);
  CHECK(mb[0].value.Iso() == "2005");
  CHECK(mb[0].cue == "in");
  CHECK(mb[0].event_anchor);
}

TEST_CASE(
    "dates: 'executed in 2000 and renewed by Genentech in 2005' separates agreement and event",
    "[extract]") {
  std::string_view s =
      "This is the third such license to be taken by Genentech under a collaborative agreement "
      "executed in 2000 and renewed by Genentech in 2005 that grants Genentech certain rights to "
      "test ImmunoGen's maytansinoid TAP technology with therapeutic antibodies and to license "
      "rights to use the technology to develop products.";
  auto ms = FindDates(s, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].value.Iso() == "2000");
  CHECK(ms[0].cue == "executed in");
  CHECK_FALSE(ms[0].event_anchor);
  CHECK(ms[1].value.Iso() == "2005");
  CHECK(ms[1].cue == "in");
  CHECK(ms[1].event_anchor);
}

TEST_CASE("dates: 'In December 2005,' and 'in July 2004' after a verb phrase are event dates",
          "[extract]") {
  std::string_view a =
      "In December 2005, ImmunoGen gained control of this study from former partner Vernalis plc., "
      "and patient enrollment is ongoing at clinical centers in both the United States and United "
      "Kingdom.";
  auto ma = FindDates(a, ImmunoGen("2006-02-02"));
  REQUIRE(ma.size() == 1);
  CHECK(Span(a, ma[0]) == "December 2005");
  CHECK(ma[0].value.Iso() == "2005-12");
  CHECK(ma[0].kind == DateKind::kPartial);
  CHECK(ma[0].cue == "in");
  CHECK(ma[0].event_anchor);

  std::string_view b =
      "ImmunoGen took control of this study from Vernalis in July 2004 and reported initial Phase "
      "II findings at the annual meeting of the American Society of Clinical Oncology (ASCO) in "
      "May 2005.";
  auto mb = FindDates(b, ImmunoGen("2006-02-02"));
  REQUIRE(mb.size() == 2);
  CHECK(mb[0].value.Iso() == "2004-07");
  CHECK(mb[0].cue == "in");
  CHECK(mb[0].event_anchor);
  CHECK(mb[1].value.Iso() == "2005-05");
  CHECK(mb[1].event_anchor);
}

TEST_CASE("dates: 'in November' without a year resolves to the latest November before the anchor",
          "[extract]") {
  std::string_view s =
      "At the AACR-NCI-EORTC conference in November, ImmunoGen scientists reported preclinical "
      "data that showed that use of huN901-DM1 in combination with current treatments for SCLC "
      "markedly enhanced the activity of these agents against human SCLC tumors without a "
      "significant increase in toxicity.";
  auto ms = FindDates(s, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "November");
  CHECK(ms[0].value.Iso() == "2005-11");
  CHECK(ms[0].kind == DateKind::kRelative);
  CHECK(ms[0].cue == "in");
  CHECK(ms[0].event_anchor);

  // The same month as the anchor is this year's.
  auto same = FindDates(s, Ctx("2005-11-20"));
  REQUIRE(same.size() == 1);
  CHECK(same[0].value.Iso() == "2005-11");

  // Without an anchor there is nothing to resolve against.
  CHECK(FindDates(s, DateContext{}).empty());
}

TEST_CASE("dates: 'April 1 - 5, 2006' is a range", "[extract]") {
  std::string_view s =
      "Additional preclinical data on huC242-DM4 has been accepted for presentation at the annual "
      "meeting of the American Association for Cancer Research (AACR), which will be held April 1 "
      "- 5, 2006 in Washington, DC.";
  auto ms = FindDates(s, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "April 1 - 5, 2006");
  CHECK(ms[0].kind == DateKind::kRange);
  CHECK(ms[0].value.Iso() == "2006-04-01");
  CHECK(ms[0].range_end.Iso() == "2006-04-05");
  CHECK_FALSE(ms[0].event_anchor);
}

TEST_CASE("dates: 'from 2007 until 2018' is one range and 'most recently' is no date",
          "[extract]") {
  std::string_view s =
      "Ms. Carrig has more than 20 years of experience as an attorney in both public and private "
      "practice, including most recently as the Senior Vice President, General Counsel and "
      "Corporate Secretary of ConocoPhillips from 2007 until 2018 and ten years as the Executive "
      "Vice President, Corporate Development, General Counsel and Secretary of Kellogg Company.";
  auto ms = FindDates(s, Ctx("2025-12-15"));
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "2007 until 2018");
  CHECK(ms[0].kind == DateKind::kRange);
  CHECK(ms[0].value.Iso() == "2007");
  CHECK(ms[0].range_end.Iso() == "2018");
  CHECK(ms[0].cue == "from");
  CHECK_FALSE(ms[0].event_anchor);
}

TEST_CASE("dates: 'from January 1, 2025 through December 31, 2025' and a yearless start",
          "[extract]") {
  // Constructed: the brief's range form.
  std::string_view a = "The plan covers the period from January 1, 2025 through December 31, 2025.";
  auto ma = FindDates(a, Ctx("2025-01-08"));
  REQUIRE(ma.size() == 1);
  CHECK(ma[0].kind == DateKind::kRange);
  CHECK(ma[0].value.Iso() == "2025-01-01");
  CHECK(ma[0].range_end.Iso() == "2025-12-31");
  CHECK(ma[0].cue == "from");

  std::string_view b = "The plan covers the period from January 1 through December 31, 2025.";
  auto mb = FindDates(b, DateContext{});
  REQUIRE(mb.size() == 1);
  CHECK(mb[0].kind == DateKind::kRange);
  CHECK(mb[0].value.Iso() == "2025-01-01");
  CHECK(mb[0].range_end.Iso() == "2025-12-31");
}

TEST_CASE("dates: period ends after 'ended' and 'as of' are kPeriodEnd, never event dates",
          "[extract]") {
  std::string_view a =
      "CAMBRIDGE, MA, February 2, 2006 - ImmunoGen, Inc. (Nasdaq: IMGN), a biopharmaceutical "
      "company that develops targeted anticancer therapeutics using its Tumor-Activated Prodrug "
      "(TAP) technology, today announced financial results for the three- and six-month periods "
      "ended December 31, 2005 - the second quarter and first half, respectively, of the Company's "
      "2006 fiscal year.";
  auto ma = FindDates(a, ImmunoGen("2006-02-02"));
  REQUIRE(ma.size() == 4);
  CHECK(ma[0].value.Iso() == "2006-02-02");  // the dateline
  CHECK(ma[0].kind == DateKind::kAbsolute);
  CHECK(ma[0].cue == "");
  CHECK_FALSE(ma[0].event_anchor);
  CHECK(Span(a, ma[1]) == "today");
  CHECK(ma[1].kind == DateKind::kRelative);
  CHECK(ma[1].value.Iso() == "2006-02-02");
  CHECK(ma[1].event_anchor);
  CHECK(ma[2].value.Iso() == "2005-12-31");
  CHECK(ma[2].kind == DateKind::kPeriodEnd);
  CHECK(ma[2].cue == "ended");
  CHECK_FALSE(ma[2].event_anchor);
  CHECK(Span(a, ma[3]) == "2006 fiscal year");
  CHECK(ma[3].kind == DateKind::kFiscal);
  CHECK(ma[3].value.Iso() == "2006-06-30");

  std::string_view b =
      "ImmunoGen had approximately \\$85.0 million in cash and marketable securities as of "
      "December 31, 2005, compared with \\$90.6 million as of June 30, 2005, with no outstanding "
      "debt in either period.";
  auto mb = FindDates(b, ImmunoGen("2006-02-02"));
  REQUIRE(mb.size() == 2);
  for (const DateMention& m : mb) {
    CHECK(m.kind == DateKind::kPeriodEnd);
    CHECK(m.cue == "as of");
    CHECK_FALSE(m.event_anchor);
  }
  CHECK(mb[0].value.Iso() == "2005-12-31");
  CHECK(mb[1].value.Iso() == "2005-06-30");
}

TEST_CASE("dates: table headings 'ended December 31, 2005 and 2004' give two period ends",
          "[extract]") {
  std::string_view a =
      "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS For the three and six months ended December "
      "31, 2005 and 2004 (Unaudited)";
  auto ma = FindDates(a, ImmunoGen("2006-02-02"));
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].value.Iso() == "2005-12-31");
  CHECK(ma[0].kind == DateKind::kPeriodEnd);
  CHECK(Span(a, ma[1]) == "2004");
  CHECK(ma[1].value.Iso() == "2004-12-31");
  CHECK(ma[1].kind == DateKind::kPeriodEnd);

  std::string_view b =
      "CONDENSED CONSOLIDATED BALANCE SHEETS As of December 31, 2005 and June 30, 2005 (Unaudited)";
  auto mb = FindDates(b, ImmunoGen("2006-02-02"));
  REQUIRE(mb.size() == 2);
  CHECK(mb[1].value.Iso() == "2005-06-30");
  CHECK(mb[1].kind == DateKind::kPeriodEnd);
  CHECK(mb[1].cue == "as of");
}

TEST_CASE("dates: 'the same period last year' is a comparison period, not an event date",
          "[extract]") {
  std::string_view s =
      "During the first half of fiscal 2006, cash used in operations was \\$4.6 million, compared "
      "to \\$43,000 during the same period last year.";
  auto ms = FindDates(s, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 2);
  CHECK(Span(s, ms[0]) == "first half of fiscal 2006");
  CHECK(ms[0].kind == DateKind::kFiscal);
  CHECK(ms[0].value.Iso() == "2005-12-31");
  CHECK(ms[0].cue == "during");
  CHECK_FALSE(ms[0].event_anchor);
  CHECK(Span(s, ms[1]) == "last year");
  CHECK(ms[1].kind == DateKind::kRelative);
  CHECK(ms[1].value.Iso() == "2005");
  CHECK_FALSE(ms[1].event_anchor);
}

TEST_CASE("dates: fiscal quarters and halves resolve to the period's last day", "[extract]") {
  std::string_view headline =
      "ImmunoGen, Inc. Reports Second Quarter Fiscal Year 2006 Financial Results";
  auto mh = FindDates(headline, ImmunoGen("2006-02-02"));
  REQUIRE(mh.size() == 1);
  CHECK(Span(headline, mh[0]) == "Second Quarter Fiscal Year 2006");
  CHECK(mh[0].kind == DateKind::kFiscal);
  CHECK(mh[0].value.Iso() == "2005-12-31");
  CHECK_FALSE(mh[0].event_anchor);

  std::string_view rev =
      "The second quarter 2006 revenues include \\$0.1 million of clinical material "
      "reimbursement, compared to \\$3.6 million for the same period last year.";
  auto mr = FindDates(rev, ImmunoGen("2006-02-02"));
  REQUIRE(mr.size() == 2);
  CHECK(mr[0].kind == DateKind::kFiscal);
  CHECK(mr[0].value.Iso() == "2005-12-31");

  std::string_view fy =
      "Of the \\$10.9 million, \\$1.1 million represents funding related to research and "
      "development performed during the Company's 2005 fiscal year under the sanofi-aventis Group "
      "collaboration, but recognized in fiscal 2006.";
  auto mf = FindDates(fy, ImmunoGen("2006-02-02"));
  REQUIRE(mf.size() == 2);
  CHECK(mf[0].value.Iso() == "2005-06-30");
  CHECK(mf[0].cue == "during");
  CHECK(Span(fy, mf[1]) == "fiscal 2006");
  CHECK(mf[1].kind == DateKind::kFiscal);
  CHECK(mf[1].value.Iso() == "2006-06-30");
  CHECK(mf[1].cue == "in");

  // Apple's fiscal year ends in late September.
  std::string_view apple =
      "CUPERTINO, CALIFORNIA — Apple ® today announced financial results for its fiscal 2024 "
      "first quarter ended December 30, 2023.";
  auto ma = FindDates(apple, Ctx("2024-02-01", 9, 30));
  REQUIRE(ma.size() == 3);
  CHECK(ma[0].kind == DateKind::kRelative);
  CHECK(Span(apple, ma[1]) == "fiscal 2024 first quarter");
  CHECK(ma[1].kind == DateKind::kFiscal);
  CHECK(ma[1].value.Iso() == "2023-12-31");
  CHECK(ma[2].value.Iso() == "2023-12-30");
  CHECK(ma[2].kind == DateKind::kPeriodEnd);

  // Calendar-year filer: quarters and halves of the calendar year.
  std::string_view q1 =
      "The trial will be conducted at four sites in Israel and patient screening will begin in "
      "the first quarter of 2025.";
  auto mq = FindDates(q1, Ctx("2024-12-03"));
  REQUIRE(mq.size() == 1);
  CHECK(mq[0].value.Iso() == "2025-03-31");
  CHECK(mq[0].kind == DateKind::kFiscal);
  CHECK(mq[0].cue == "in");
  std::string_view h2 =
      "Topline data from the Phase 1b portion of the study are anticipated in the second half of "
      "2025.";
  auto m2 = FindDates(h2, Ctx("2024-12-03"));
  REQUIRE(m2.size() == 1);
  CHECK(m2[0].value.Iso() == "2025-12-31");

  // Constructed: the abbreviated forms.
  std::string_view abbrev = "Apple reported Q1 FY24 revenue of $119.6 billion.";
  auto mab = FindDates(abbrev, Ctx("2024-02-01", 9, 30));
  REQUIRE(mab.size() == 1);
  CHECK(Span(abbrev, mab[0]) == "Q1 FY24");
  CHECK(mab[0].value.Iso() == "2023-12-31");
  std::string_view plain = "Guidance for the third quarter of fiscal 2024 was unchanged.";
  auto mp = FindDates(plain, Ctx("2024-11-22", 1, 31));
  REQUIRE(mp.size() == 1);
  CHECK(mp[0].value.Iso() == "2023-10-31");
}

TEST_CASE("dates: 'today', 'recently' and 'tomorrow' resolve against the dateline", "[extract]") {
  std::string_view a =
      "Under this agreement, Genentech recently licensed the exclusive right to use ImmunoGen's "
      "technology with therapeutic antibodies to an undisclosed target.";
  auto ma = FindDates(a, ImmunoGen("2005-05-03"));
  REQUIRE(ma.size() == 1);
  CHECK(Span(a, ma[0]) == "recently");
  CHECK(ma[0].kind == DateKind::kRelative);
  CHECK(ma[0].value.Iso() == "2005-05-03");
  CHECK(ma[0].event_anchor);

  std::string_view b =
      "And as customers begin to experience the incredible Apple Vision Pro tomorrow, we are "
      "committed as ever to the pursuit of groundbreaking innovation — in line with our values and "
      "on behalf of our customers.";
  auto mb = FindDates(b, Ctx("2024-02-01"));
  REQUIRE(mb.size() == 1);
  CHECK(mb[0].value.Iso() == "2024-02-02");

  // Without a dateline, relative words resolve to nothing.
  CHECK(FindDates(a, DateContext{}).empty());
}

TEST_CASE("dates: relative months and years against the anchor", "[extract]") {
  // Constructed: the filings never say these.
  DateContext ctx = Ctx("2006-01-01");
  std::string_view s =
      "Yesterday the board met; last month it voted, earlier this month it paid, last year it "
      "signed and this year it will close.";
  auto ms = FindDates(s, ctx);
  REQUIRE(ms.size() == 5);
  CHECK(ms[0].value.Iso() == "2005-12-31");
  CHECK(Span(s, ms[1]) == "last month");
  CHECK(ms[1].value.Iso() == "2005-12");
  CHECK(Span(s, ms[2]) == "earlier this month");
  CHECK(ms[2].value.Iso() == "2006-01");
  CHECK(ms[3].value.Iso() == "2005");
  CHECK(ms[4].value.Iso() == "2006");
  for (const DateMention& m : ms) CHECK(m.kind == DateKind::kRelative);
}

TEST_CASE("dates: 'executed by the parties on', 'which ends' and 'scheduled to expire' cues",
          "[extract]") {
  std::string_view a =
      "On March 27, 2006, ImmunoGen, Inc. (NASDAQ: IMGN) and Millennium Pharmaceuticals, Inc. "
      "(NASDAQ: MLNM) agreed to amend the Access, Option and License Agreement (the Agreement) "
      "executed by the parties on March 30, 2001.";
  auto ma = FindDates(a, ImmunoGen("2006-03-30"));
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].cue == "on");
  CHECK(ma[0].event_anchor);
  CHECK(ma[1].value.Iso() == "2001-03-30");
  CHECK(ma[1].cue == "executed by the parties on");
  CHECK_FALSE(ma[1].event_anchor);

  std::string_view b =
      "The amendment extends the Access Term, as defined in the Agreement, for an additional year, "
      "which ends March 30, 2007.";
  auto mb = FindDates(b, ImmunoGen("2006-03-30"));
  REQUIRE(mb.size() == 1);
  CHECK(mb[0].value.Iso() == "2007-03-30");
  CHECK(mb[0].kind == DateKind::kAbsolute);
  CHECK(mb[0].cue == "ends");
  CHECK_FALSE(mb[0].event_anchor);

  std::string_view c =
      "This agreement was scheduled to expire March 30, 2006 unless extended by Millennium.";
  auto mc = FindDates(c, ImmunoGen("2006-03-30"));
  REQUIRE(mc.size() == 1);
  CHECK(mc[0].cue == "expire");
  CHECK_FALSE(mc[0].event_anchor);

  std::string_view d =
      "The Loeb Consulting Agreement expires on December 31, 2025, unless terminated early as "
      "provided therein.";
  auto md = FindDates(d, Ctx("2025-01-08"));
  REQUIRE(md.size() == 1);
  CHECK(md[0].cue == "expires on");
  CHECK_FALSE(md[0].event_anchor);
}

TEST_CASE("dates: 'effective' dates are event dates, 'until' and 'by' are not", "[extract]") {
  std::string_view a =
      "Effective July 28, 2023, the Board of Directors of Biogen approved an amendment to "
      "Biogen’s Fourth Amended and Restated Bylaws (the “Fourth Amended and Restated Bylaws”) to "
      "(i) clarify that nominees for election or reelection must agree to, among other things, "
      "adhere to Biogen’s Code of Business Conduct and Corporate Governance Principles and (ii) "
      "remove the position of Vice Chair and add the position of Chair Pro Tem.";
  auto ma = FindDates(a, Ctx("2023-07-28"));
  REQUIRE(ma.size() == 1);
  CHECK(ma[0].cue == "effective");
  CHECK(ma[0].event_anchor);

  std::string_view b =
      "The engagement of Loeb by the Company as provided in Section 1 shall be deemed to have "
      "commenced effective January 1, 2025, and continue through and until December 31, 2025, "
      "unless earlier terminated as hereinafter provided (the period of such engagement, the "
      "“Term”).";
  auto mb = FindDates(b, Ctx("2025-01-08"));
  REQUIRE(mb.size() == 2);
  CHECK(mb[0].value.Iso() == "2025-01-01");
  CHECK(mb[0].cue == "effective");
  CHECK(mb[0].event_anchor);
  CHECK(mb[1].value.Iso() == "2025-12-31");
  CHECK(mb[1].cue == "until");
  CHECK_FALSE(mb[1].event_anchor);

  std::string_view c =
      "Also on March 1, 2023 , the Committee determined to award stock option grants to the "
      "Executives, to be effective March 6, 2023, the first open window trading date after "
      "Committee approval.";
  auto mc = FindDates(c, Ctx("2023-03-01"));
  REQUIRE(mc.size() == 2);
  CHECK(Span(c, mc[0]) == "March 1, 2023");
  CHECK(mc[0].cue == "on");
  CHECK(mc[0].event_anchor);
  CHECK(mc[1].cue == "effective");

  std::string_view d =
      "The Merger Agreement contains certain termination rights for Biogen and Reata, including "
      "the right of either party to terminate the Merger Agreement if (i) the Merger is not "
      "consummated by January 28, 2024 (the “Outside Date”) (subject to any extension in "
      "accordance with the terms of the Merger Agreement).";
  auto md = FindDates(d, Ctx("2023-07-28"));
  REQUIRE(md.size() == 1);
  CHECK(md[0].cue == "by");
  CHECK_FALSE(md[0].event_anchor);
}

TEST_CASE("dates: a list after 'on' shares its cue", "[extract]") {
  std::string_view s =
      "Twenty-five percent (25%) of the options were vested immediately; the remaining options "
      "shall vest in three equal increments on April 1, 2025, July 1, 2025 and October 1, 2025.";
  auto ms = FindDates(s, Ctx("2025-01-08"));
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].value.Iso() == "2025-04-01");
  CHECK(ms[1].value.Iso() == "2025-07-01");
  CHECK(ms[2].value.Iso() == "2025-10-01");
  for (const DateMention& m : ms) {
    CHECK(m.cue == "on");
    CHECK(m.event_anchor);
  }
}

TEST_CASE("dates: 'made as of this 6th day of January, 2025' and 'Jan H. Loeb'", "[extract]") {
  std::string_view s =
      "This Consulting Agreement (this “Agreement”) is made as of this 6th day of January, 2025, "
      "by and between Acorn Energy, Inc. (the “Company”) and Jan H. Loeb (“Loeb”).";
  auto ms = FindDates(s, Ctx("2025-01-08"));
  REQUIRE(ms.size() == 1);
  CHECK(Span(s, ms[0]) == "6th day of January, 2025");
  CHECK(ms[0].value.Iso() == "2025-01-06");
  CHECK(ms[0].cue == "made as of");
  CHECK_FALSE(ms[0].event_anchor);
}

TEST_CASE("dates: counts, prices, 'the January 3, 2025, closing price'", "[extract]") {
  std::string_view s =
      "Mr. Loeb also received a grant of options on January 6, 2025 to purchase 2,200 shares of "
      "the Registrant’s common stock, which are exercisable at an exercise price equal to the "
      "January 3, 2025, closing price of the common stock of $17.50 per share.";
  auto ms = FindDates(s, Ctx("2025-01-08"));
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].value.Iso() == "2025-01-06");
  CHECK(ms[0].cue == "on");
  CHECK(ms[0].event_anchor);
  CHECK(ms[1].value.Iso() == "2025-01-03");
  CHECK(ms[1].cue == "");
  CHECK_FALSE(ms[1].event_anchor);
}

TEST_CASE("dates: statutes, phone numbers, zip codes and form numbers are not dates", "[extract]") {
  DateContext ctx = Ctx("2006-02-02");
  CHECK(FindDates("Pursuant to the requirements of the Securities Exchange Act of 1934, the "
                  "registrant has duly caused this report to be signed on its behalf by the "
                  "undersigned hereunto duly authorized.",
                  ctx)
            .empty());
  CHECK(
      FindDates("Registrant's telephone number, including area code: (617) 995-2500", ctx).empty());
  CHECK(FindDates("To access the live conference call by phone, dial 913-981-4900.", ctx).empty());
  CHECK(FindDates("128 Sidney Street, Cambridge, MA 02139-4239 995-2510", ctx).empty());
  CHECK(FindDates("Massachusetts (State or other jurisdiction of incorporation) 0-17999 "
                  "(Commission File Number) 04-2726691 (IRS Employer Identification No.)",
                  ctx)
            .empty());
  // Constructed: a year-sized amount and a year-sized count.
  CHECK(FindDates("The fee rose in $2000 steps to 2000 shares in 2,000 lots.", ctx).empty());
  CHECK(FindDates("She may file in 1999 dollars.", ctx).empty());
}

TEST_CASE("dates: 'in late 2003' and 'by late 2004'", "[extract]") {
  std::string_view s =
      "This patient had been diagnosed with Merkel cell cancer in late 2003, undergone surgery, "
      "radiation therapy, and chemotherapy, and had a reappearance of her cancer by late 2004.";
  auto ms = FindDates(s, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].value.Iso() == "2003");
  CHECK(ms[0].cue == "in");
  CHECK(ms[0].event_anchor);
  CHECK(ms[1].value.Iso() == "2004");
  CHECK(ms[1].cue == "by");
  CHECK_FALSE(ms[1].event_anchor);
}

TEST_CASE("dates: 'pending since January 1996' and 'in 1984'", "[extract]") {
  std::string_view a =
      "Apple today announced it has reached a settlement, subject to court approval, of "
      "shareholder derivative action known as Kostick vs. Crisp, which has been pending since "
      "January 1996.";
  auto ma = FindDates(a, Ctx("1999-09-03", 9, 30));
  REQUIRE(ma.size() == 2);
  CHECK(ma[0].value.Iso() == "1999-09-03");
  CHECK(ma[1].value.Iso() == "1996-01");
  CHECK(ma[1].cue == "since");
  CHECK_FALSE(ma[1].event_anchor);

  std::string_view b =
      "Apple revolutionized personal technology with the introduction of the Macintosh in 1984.";
  auto mb = FindDates(b, Ctx("2024-02-01"));
  REQUIRE(mb.size() == 1);
  CHECK(mb[0].value.Iso() == "1984");
  CHECK(mb[0].event_anchor);
}

TEST_CASE("dates: 'Biogen’s 2023 Annual Meeting' modifies a noun, 'filed with the SEC on' does not",
          "[extract]") {
  std::string_view s =
      "Information about the directors and executive officers of Biogen is set forth in the proxy "
      "statement for Biogen’s 2023 Annual Meeting of Stockholders, which was filed with the SEC on "
      "April 28, 2023.";
  auto ms = FindDates(s, Ctx("2023-07-28"));
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].value.Iso() == "2023");
  CHECK(ms[0].kind == DateKind::kPartial);
  CHECK_FALSE(ms[0].event_anchor);
  CHECK(ms[1].value.Iso() == "2023-04-28");
  CHECK(ms[1].cue == "on");
  CHECK(ms[1].event_anchor);
}

TEST_CASE("dates: spaced commas, ISO cover dates, abbreviated and day-first forms", "[extract]") {
  std::string_view cover = "Date of Report (Date of earliest event reported): December 12 , 2025";
  auto mc = FindDates(cover, DateContext{});
  REQUIRE(mc.size() == 1);
  CHECK(mc[0].value.Iso() == "2025-12-12");

  std::string_view xbrl = "8-K false 0000875045 --12-31 0000875045 2023-07-28 2023-07-28";
  auto mx = FindDates(xbrl, DateContext{});
  REQUIRE(mx.size() == 2);
  CHECK(Span(xbrl, mx[0]) == "2023-07-28");
  CHECK(mx[0].value.Iso() == "2023-07-28");

  std::string_view xbrl_cover = "Cover Jan. 06, 2025 Cover [Abstract] Document Type 8-K";
  auto mj = FindDates(xbrl_cover, DateContext{});
  REQUIRE(mj.size() == 1);
  CHECK(Span(xbrl_cover, mj[0]) == "Jan. 06, 2025");
  CHECK(mj[0].value.Iso() == "2025-01-06");

  // Constructed: forms the filings do not use.
  std::string_view forms =
      "Signed 31 January 2006, filed 1/31/2006, stamped 01/31/06, logged 2006-01-31, "
      "noted Jan. 31, 2006 and January 31st, 2006.";
  auto mf = FindDates(forms, DateContext{});
  REQUIRE(mf.size() == 6);
  for (const DateMention& m : mf) {
    CHECK(m.value.Iso() == "2006-01-31");
    CHECK(m.kind == DateKind::kAbsolute);
  }
  // URLs, fractions and two-digit forms that are not clearly dates.
  CHECK(
      FindDates("See http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd for 1/2/3 and 1/31/06.",
                DateContext{})
          .empty());
}

TEST_CASE("dates: impossible days are rejected", "[extract]") {
  CHECK(FindDates("On February 30, 2006, nothing happened.", DateContext{}).empty());
  CHECK(FindDates("Logged 2005-02-29 and 2/30/2004 and 31 April 2006.", DateContext{}).empty());
  auto leap = FindDates("On February 29, 2004, it did.", DateContext{});
  REQUIRE(leap.size() == 1);
  CHECK(leap[0].value.Iso() == "2004-02-29");
}

TEST_CASE("dates: a day number before 'May 2005' only spoils it when the day is impossible",
          "[extract]") {
  // Constructed.
  auto ok = FindDates("Of the 40 May 2005 filings, none were late.", DateContext{});
  REQUIRE(ok.size() == 1);
  CHECK(ok[0].value.Iso() == "2005-05");
  CHECK(FindDates("Signed 31 April 2006.", DateContext{}).empty());
}

TEST_CASE("dates: a dashed span of years after a cue is a range", "[extract]") {
  // Constructed: "from 2007 until 2018" written with an en dash.
  std::string_view s =
      "She served as General Counsel of ConocoPhillips from 2007\xE2\x80\x93"
      "2018.";
  auto ms = FindDates(s, DateContext{});
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].kind == DateKind::kRange);
  CHECK(ms[0].value.Iso() == "2007");
  CHECK(ms[0].range_end.Iso() == "2018");
  CHECK(ms[0].cue == "from");
  CHECK_FALSE(ms[0].event_anchor);
  // Without a cue a dashed pair of numbers stays a pair of numbers.
  CHECK(FindDates("Call 555-2005-2010 now.", DateContext{}).empty());
}

TEST_CASE("dates: ParseDate reads stand-alone dates and refuses anything else", "[extract]") {
  CHECK(ParseDate("May 3, 2005").Iso() == "2005-05-03");
  CHECK(ParseDate("  January 27, 2006 ").Iso() == "2006-01-27");
  CHECK(ParseDate("2005-05-03").Iso() == "2005-05-03");
  CHECK(ParseDate("05/03/2005").Iso() == "2005-05-03");
  CHECK(ParseDate("20050503").Iso() == "2005-05-03");
  CHECK(ParseDate("Jan. 31, 2006").Iso() == "2006-01-31");
  CHECK(ParseDate("May 2000").Iso() == "2000-05");
  CHECK(ParseDate("2005").Iso() == "2005");
  CHECK(ParseDate("").empty());
  CHECK(ParseDate("not a date").empty());
  CHECK(ParseDate("February 30, 2006").empty());
  CHECK(ParseDate("May 3, 2005 and other reports").empty());
}

TEST_CASE("dates: DateValue keeps the precision it was given", "[extract]") {
  CHECK(DateValue{2005, 0, 0}.Iso() == "2005");
  CHECK(DateValue{2005, 12, 0}.Iso() == "2005-12");
  CHECK(DateValue{2005, 12, 31}.Iso() == "2005-12-31");
  CHECK(DateValue{}.Iso() == "");
  CHECK(DateValue::FromIso("2005") == DateValue{2005, 0, 0});
  CHECK(DateValue::FromIso("2005-12") == DateValue{2005, 12, 0});
  CHECK(DateValue::FromIso("2005-12-31") == DateValue{2005, 12, 31});
  CHECK(DateValue::FromIso("20051231") == DateValue{2005, 12, 31});
  CHECK(DateValue::FromIso("2005-13").empty());
  CHECK(DateValue::FromIso("2005-02-29").empty());
  CHECK(DateValue::FromIso("2005-1-31").empty());
  CHECK(DateValue::FromIso("abcd").empty());
  CHECK(DateValue::FromIso("").empty());
  DateValue y{2005, 0, 0}, ym{2005, 12, 0}, ymd{2005, 12, 31};
  CHECK(y.CompatibleWith(ym));
  CHECK(ym.CompatibleWith(ymd));
  CHECK(ymd.CompatibleWith(y));
  CHECK_FALSE(ymd.CompatibleWith(DateValue{2005, 12, 30}));
  CHECK_FALSE(ym.CompatibleWith(DateValue{2005, 11, 0}));
  CHECK_FALSE(y.CompatibleWith(DateValue{2006, 0, 0}));
  CHECK_FALSE(y.CompatibleWith(DateValue{}));
}

TEST_CASE("dates: every seed filing line scans into sorted, in-bounds mentions", "[extract]") {
  // The filings' own lines, whatever they hold, must come back well formed.
  std::string_view text =
      "Date of Report (Date of earliest event reported): January 27, 2006\n"
      "99.1 Press Release of ImmunoGen, Inc. dated January 31, 2006\n"
      "Net income (loss)\t\t(3,502)\t\\$ (2,209)\t\\$\t(8,208)\t\\$\t(4,680)\n"
      "\tThree Months Ended December 31,\t\t\t\ted December 31,\t\t\n"
      "\t\t2005\t 2004\t\t2005\t\t2004";
  auto ms = FindDates(text, ImmunoGen("2006-02-02"));
  REQUIRE(ms.size() == 4);
  size_t last = 0;
  for (const DateMention& m : ms) {
    CHECK(m.begin >= last);
    CHECK(m.begin < m.end);
    CHECK(m.end <= text.size());
    last = m.end;
  }
  CHECK(ms[2].kind == DateKind::kPeriodEnd);
  CHECK(ms[2].value.Iso() == "2005-12-31");
}

TEST_CASE("dates: hostile input never crashes and stays linear", "[extract]") {
  DateContext ctx = Ctx("2006-02-02");
  // Pseudo-random bytes, including NULs and broken UTF-8.
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(x >> 16));
  }
  for (const DateMention& m : FindDates(noise, ctx)) {
    CHECK(m.begin < m.end);
    CHECK(m.end <= noise.size());
  }
  // Pathological repetitions.
  const std::vector<std::string> pieces = {"in ",
                                           "May ",
                                           "1/",
                                           "2005-",
                                           "the end of ",
                                           "fiscal ",
                                           "Q1 ",
                                           "from 2000 until ",
                                           "first quarter of ",
                                           "\xE2\x80\x93",
                                           "9",
                                           ", and ",
                                           "April 1 - ",
                                           "FY",
                                           "'"};
  for (const std::string& piece : pieces) {
    std::string s;
    while (s.size() < 300000) s += piece;
    auto start = std::chrono::steady_clock::now();
    auto ms = FindDates(s, ctx);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 2.0);
    for (const DateMention& m : ms) CHECK(m.end <= s.size());
  }
  // A year of many digits and a truncated multi-byte tail.
  CHECK(FindDates("in 99999999999999999999999999999999", ctx).empty());
  CHECK(FindDates("May \xE2\x80", ctx).empty());
  // A NUL cuts "May 3, 2005" short: what is left is a yearless "May 3".
  auto nul = FindDates(std::string_view("On May 3,\0 2005", 16), ctx);
  REQUIRE(nul.size() == 1);
  CHECK(nul[0].kind == DateKind::kRelative);
  CHECK(nul[0].value.Iso() == "2005-05-03");
}

}  // namespace dealgraph
