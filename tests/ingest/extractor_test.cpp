// Tests of the extractor (ingest/extract/extractor.h): what ExtractFiling
// reads from the seed 8-Ks and the dev filings, with provenance.
#include "ingest/extract/extractor.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/reader.h"

#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

bool HasParty(const Event& ev, std::string_view id) {
  for (const Party& p : ev.parties) {
    if (p.entity_id == id) return true;
  }
  return false;
}

bool QuoteContains(const Event& ev, std::string_view needle) {
  for (const Source& s : ev.sources) {
    if (s.quote.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::vector<const Event*> OfType(const FilingExtract& x, std::string_view type) {
  std::vector<const Event*> out;
  for (const Event& ev : x.events) {
    if (ev.type == type) out.push_back(&ev);
  }
  return out;
}

std::vector<const Event*> OfTypeOn(const FilingExtract& x, std::string_view type, std::string_view date) {
  std::vector<const Event*> out;
  for (const Event* ev : OfType(x, type)) {
    if (ev->date == date) out.push_back(ev);
  }
  return out;
}

const Entity* EntityById(const FilingExtract& x, std::string_view id) {
  for (const Entity& e : x.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Entity* AgreementNamed(const FilingExtract& x, std::string_view name) {
  for (const Entity& e : x.entities) {
    if (e.type == EntityType::kAgreement && e.name == name) return &e;
  }
  return nullptr;
}

// Extracts a filing made of `text`; fails the test on any error.
FilingExtract ExtractText(const std::string& name, const std::string& text) {
  Document doc;
  doc.name = name;
  doc.text = text;
  Result<FilingExtract> x = ExtractFiling(doc);
  INFO(x.status().message());
  REQUIRE(x.ok());
  return std::move(x).value();
}

std::string Dump(const FilingExtract& x) {
  std::string s;
  for (const Event& ev : x.events) {
    s += ev.type + " " + ev.date + " [";
    for (const Party& p : ev.parties) s += " " + p.entity_id;
    s += " ]";
    if (ev.amount) s += " " + std::to_string(ev.amount->value) + " " + ev.amount->currency;
    if (!ev.agreement_id.empty()) s += " " + ev.agreement_id;
    if (!ev.sources.empty()) s += " | " + ev.sources.front().quote.substr(0, 90);
    s += "\n";
  }
  return s;
}

// ---- seed 004: Genentech renews the technology access agreement ---------------

TEST_CASE("extract: seed 004 tells Genentech's renewal on 2005-05-03 for a $2 million fee", "[extract]") {
  FilingExtract x = Extract(kSeed004);
  INFO(Dump(x));
  std::vector<const Event*> renewed = OfType(x, "agreement.renewed");
  REQUIRE(renewed.size() == 1);  // the 8-K body and the press release tell one renewal
  const Event& ev = *renewed[0];
  CHECK(ev.date == "2005-05-03");
  CHECK(HasParty(ev, "org:genentech"));
  CHECK(HasParty(ev, "org:immunogen"));
  REQUIRE(ev.amount.has_value());
  CHECK(ev.amount->value == Approx(2000000));
  CHECK(ev.amount->currency == "USD");
  CHECK_FALSE(ev.amount->per_share());
  CHECK(QuoteContains(ev, "has renewed"));
  CHECK(ev.agreement_id == "ag:immunogen+genentech:access:2000");
  // The lifecycle moves the expiry by the term the summary carries.
  CHECK(ev.summary.find("additional three-year term") != std::string::npos);
}

// graph/model.h gives the summary of this very renewal as "renewed for one
// additional three-year term": the count belongs to the description.
TEST_CASE("extract: the summary of seed 004's renewal keeps the words 'one additional three-year term'",
          "[extract]") {
  FilingExtract x = Extract(kSeed004);
  std::vector<const Event*> renewed = OfType(x, "agreement.renewed");
  REQUIRE(renewed.size() == 1);
  CHECK(renewed[0]->summary == "renewed for one additional three-year term");
}

TEST_CASE("extract: seed 004 tells the agreement's entry, dated as of May 2, 2000", "[extract]") {
  FilingExtract x = Extract(kSeed004);
  INFO(Dump(x));
  std::vector<const Event*> entered = OfTypeOn(x, "agreement.entered", "2000-05-02");
  REQUIRE(entered.size() == 1);
  CHECK(HasParty(*entered[0], "org:genentech"));
  CHECK(HasParty(*entered[0], "org:immunogen"));
  CHECK(entered[0]->agreement_id == "ag:immunogen+genentech:access:2000");
  // The renewal is not an entry: nothing entered on the renewal date.
  CHECK(OfTypeOn(x, "agreement.entered", "2005-05-03").empty());
}

TEST_CASE("extract: seed 004's technology access agreement is a five-year agreement dated 2000-05-02", "[extract]") {
  FilingExtract x = Extract(kSeed004);
  const Entity* ag = EntityById(x, "ag:immunogen+genentech:access:2000");
  REQUIRE(ag != nullptr);
  CHECK(ag->type == EntityType::kAgreement);
  CHECK(ag->name == "technology access agreement");
  CHECK(ag->term == "five-year");
  CHECK(ag->dated == "2000-05-02");
  std::vector<std::string> parties = ag->parties;
  std::sort(parties.begin(), parties.end());
  CHECK(parties == std::vector<std::string>{"org:genentech", "org:immunogen"});
  CHECK_FALSE(ag->sources.empty());
}

TEST_CASE("extract: the filing info of seed 004 names the file, the registrant and the dates", "[extract]") {
  FilingExtract x = Extract(kSeed004);
  const FilingInfo& f = x.filing;
  CHECK(f.name == "004_95bce008d3f773b5.txt");
  // No accession number in a plain-text filing: a content hash.
  REQUIRE(f.id.size() == 4 + 16);
  CHECK(f.id.rfind("sha:", 0) == 0);
  CHECK(f.id.find_first_not_of("0123456789abcdef", 4) == std::string::npos);
  CHECK(f.form == "8-K");
  CHECK(f.registrant == "org:immunogen");
  CHECK(f.event_date == "2005-05-03");
  CHECK(f.filed == "2005-05-03");
  CHECK(f.items == std::vector<std::string>{"1.01", "9.01"});
  CHECK(f.content_hash != 0);
  for (const Event& ev : x.events) {
    for (const Source& s : ev.sources) {
      CHECK(s.filing == "004_95bce008d3f773b5.txt");
      CHECK(s.filed == "2005-05-03");
    }
  }
}

// ---- seed 002: Millennium extends the Access, Option and License Agreement ----

TEST_CASE("extract: seed 002 tells Millennium's extension on 2006-03-27 for $250,000", "[extract]") {
  FilingExtract x = Extract(kSeed002);
  INFO(Dump(x));
  std::vector<const Event*> ext = OfTypeOn(x, "agreement.extended", "2006-03-27");
  REQUIRE(ext.size() == 1);
  const Event& ev = *ext[0];
  CHECK(HasParty(ev, "org:millennium-pharmaceuticals"));
  CHECK(HasParty(ev, "org:immunogen"));
  REQUIRE(ev.amount.has_value());
  CHECK(ev.amount->value == Approx(250000));
  CHECK(ev.amount->currency == "USD");
  REQUIRE_FALSE(ev.agreement_id.empty());
  const Entity* ag = EntityById(x, ev.agreement_id);
  REQUIRE(ag != nullptr);
  CHECK(ag->name == "Access, Option and License Agreement");
}

TEST_CASE("extract: seed 002's agreement was executed 2001-03-30 and now expires 2007-03-30", "[extract]") {
  FilingExtract x = Extract(kSeed002);
  INFO(Dump(x));
  const Entity* ag = AgreementNamed(x, "Access, Option and License Agreement");
  REQUIRE(ag != nullptr);
  CHECK(ag->dated == "2001-03-30");
  CHECK(ag->expires == "2007-03-30");
  std::vector<std::string> parties = ag->parties;
  std::sort(parties.begin(), parties.end());
  CHECK(parties == std::vector<std::string>{"org:immunogen", "org:millennium-pharmaceuticals"});
  // Its entry is the execution date; the amendment date is no entry.
  std::vector<const Event*> entered = OfTypeOn(x, "agreement.entered", "2001-03-30");
  REQUIRE(entered.size() == 1);
  CHECK(entered[0]->agreement_id == ag->id);
  CHECK(OfTypeOn(x, "agreement.entered", "2006-03-27").empty());
  CHECK(OfTypeOn(x, "agreement.entered", "2006-03-30").empty());
}

// ---- seed 001: the quarterly report -------------------------------------------

TEST_CASE("extract: one sentence of seed 001 tells two clinical events, July 2004 and May 2005", "[extract]") {
  FilingExtract x = Extract(kSeed001);
  INFO(Dump(x));
  constexpr std::string_view kSentence = "ImmunoGen took control of this study from Vernalis in July 2004";
  std::vector<const Event*> jul = OfTypeOn(x, "clinical", "2004-07");
  std::vector<const Event*> may = OfTypeOn(x, "clinical", "2005-05");
  REQUIRE(jul.size() == 1);
  REQUIRE(may.size() == 1);
  CHECK(QuoteContains(*jul[0], kSentence));
  CHECK(QuoteContains(*may[0], kSentence));
  CHECK(HasParty(*jul[0], "org:immunogen"));
  CHECK(HasParty(*jul[0], "org:vernalis"));
  CHECK(HasParty(*may[0], "org:immunogen"));
}

TEST_CASE("extract: seed 001 reports its quarter as exactly one financial.results event", "[extract]") {
  FilingExtract x = Extract(kSeed001);
  INFO(Dump(x));
  std::vector<const Event*> results = OfType(x, "financial.results");
  REQUIRE(results.size() == 1);
  CHECK(results[0]->date == "2006-02-02");
  CHECK(HasParty(*results[0], "org:immunogen"));
}

TEST_CASE("extract: a right to future milestone payments is no payment (seed 001)", "[extract]") {
  FilingExtract x = Extract(kSeed001);
  INFO(Dump(x));
  for (const Event* ev : OfType(x, "payment")) {
    CHECK_FALSE(QuoteContains(*ev, "entitles ImmunoGen to receive milestone payments"));
  }
  // The payments that did happen are there: the $1 million upfront in
  // December 2005 and the $2 million IND milestone.
  std::vector<const Event*> upfront = OfTypeOn(x, "payment", "2005-12");
  REQUIRE(upfront.size() == 1);
  REQUIRE(upfront[0]->amount.has_value());
  CHECK(upfront[0]->amount->value == Approx(1000000));
  bool milestone = false;
  for (const Event* ev : OfType(x, "payment")) {
    milestone |= ev->amount && ev->amount->value == Approx(2000000) && QuoteContains(*ev, "milestone payment");
  }
  CHECK(milestone);
}

TEST_CASE("extract: Millennium's discontinuation of MLN2704 is dated January 26, 2006 (seed 001)", "[extract]") {
  FilingExtract x = Extract(kSeed001);
  INFO(Dump(x));
  std::vector<const Event*> d = OfTypeOn(x, "product.discontinued", "2006-01-26");
  REQUIRE(d.size() == 1);
  CHECK(HasParty(*d[0], "org:millennium-pharmaceuticals"));
  CHECK(QuoteContains(*d[0], "MLN2704"));
}

// ---- every filing ------------------------------------------------------------

TEST_CASE("extract: forward-looking statements and 'About' boilerplate yield no events", "[extract]") {
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) {
    INFO(rel);
    FilingExtract x = Extract(rel);
    INFO(Dump(x));
    REQUIRE_FALSE(x.events.empty());
    for (const Event& ev : x.events) {
      CHECK_FALSE(QuoteContains(ev, "forward-looking statements"));
      CHECK_FALSE(QuoteContains(ev, "safe harbor"));
      CHECK_FALSE(QuoteContains(ev, "have licensed the right to develop"));
      CHECK_FALSE(QuoteContains(ev, "Annual Report on Form 10-K for the fiscal year ended June 30, 2005"));
    }
  }
}

TEST_CASE("extract: forward-looking sentences on their own yield no events", "[extract]") {
  const FilingExtract x = ExtractText(
      "fls.txt",
      "ITEM 8.01 - OTHER EVENTS\n"
      "This press release includes forward-looking statements based on management's current expectations. For these "
      "statements, ImmunoGen claims the protection of the safe harbor for forward-looking statements provided by the "
      "Private Securities Litigation Reform Act of 1995.\n"
      "Factors that could cause future results to differ materially include the risk that Genentech, Inc. may not renew "
      "the agreement and that ImmunoGen, Inc. may not receive milestone payments of $2 million.\n");
  INFO(Dump(x));
  CHECK(x.events.empty());
}

TEST_CASE("extract: the month May is not the modal 'may'", "[extract]") {
  const FilingExtract x = ExtractText(
      "may.txt",
      "ITEM 1.01 - ENTRY INTO A MATERIAL DEFINITIVE AGREEMENT\n"
      "On May 3, 2013, ImmunoGen, Inc. entered into a license agreement with Orios Pharmaceuticals, Inc.\n"
      "In May 2013, ImmunoGen, Inc. entered into a Joint Development Agreement with Genentech, Inc.\n"
      "ImmunoGen, Inc. may enter into a supply agreement with Sanofi S.A. in May 2014.\n");
  INFO(Dump(x));
  CHECK(OfTypeOn(x, "agreement.entered", "2013-05-03").size() == 1);
  CHECK(OfTypeOn(x, "agreement.entered", "2013-05").size() == 1);
  CHECK(OfType(x, "agreement.entered").size() == 2);
}

TEST_CASE("extract: a partner written as one bare word in a licensing or paying slot is a party", "[extract]") {
  const FilingExtract x = ExtractText(
      "bare.txt",
      "ITEM 8.01 - OTHER EVENTS\n"
      "On September 1, 2003, ImmunoGen, Inc. granted Vantis an exclusive license to develop and commercialize its "
      "technology in the field of oncology.\n"
      "On October 2, 2003, Praigen paid ImmunoGen, Inc. a license fee of $10 million.\n"
      "Cash paid ImmunoGen, Inc. a fee of $1 million was recorded as revenue; cash and equivalents were $5 million.\n"
      "On November 5, 2003, ImmunoGen, Inc. entered into a Supply Agreement with Osmis Co. (\"Osmis\"), pursuant to "
      "which ImmunoGen, Inc. granted Osmis a non-exclusive license to its manufacturing know-how.\n");
  INFO(Dump(x));
  auto licenses = OfTypeOn(x, "license.granted", "2003-09-01");
  REQUIRE(licenses.size() == 1);
  CHECK(HasParty(*licenses[0], "org:vantis"));
  auto pays = OfTypeOn(x, "payment", "2003-10-02");
  REQUIRE(pays.size() == 1);
  CHECK(HasParty(*pays[0], "org:praigen"));
  // What the agreement provides is not a grant of its own.
  CHECK(OfTypeOn(x, "license.granted", "2003-11-05").empty());
  // "Cash" is written in lower case elsewhere in the filing: a common word, not a company.
  CHECK(EntityById(x, "org:cash") == nullptr);
}

TEST_CASE("extract: a contract called by its defined term and by its title on the same day is one agreement",
          "[extract]") {
  const FilingExtract x = ExtractText(
      "defined.txt",
      "ITEM 1.01 - ENTRY INTO A MATERIAL DEFINITIVE AGREEMENT\n"
      "On October 16, 1998, ImmunoGen, Inc. and Sevulo Resources Corp. (\"Sevulo\") entered into an Option and "
      "License Agreement (the \"Option Agreement\") under which the parties will collaborate on cancer products.\n"
      "ITEM 9.01 - FINANCIAL STATEMENTS AND EXHIBITS\n"
      "EX-10.1\n"
      "This Option Agreement (this \"Agreement\") is entered into as of October 16, 1998 by and between ImmunoGen, "
      "Inc., a Massachusetts corporation, and Sevulo Resources Corp. (\"Sevulo\").\n");
  INFO(Dump(x));
  auto entered = OfType(x, "agreement.entered");
  REQUIRE(entered.size() == 1);
  const Entity* ag = EntityById(x, entered[0]->agreement_id);
  REQUIRE(ag != nullptr);
  CHECK(ag->name == "Option and License Agreement");
}

TEST_CASE("extract: a contract's all-capitals disclaimers name no agreement, its all-capitals title does",
          "[extract]") {
  const FilingExtract x = ExtractText(
      "disclaimer.txt",
      "ITEM 1.01 - ENTRY INTO A MATERIAL DEFINITIVE AGREEMENT\n"
      "On October 16, 2012, ImmunoGen, Inc. and Sevulo Resources Corp. (\"Sevulo\") entered into a Collaboration and "
      "License Agreement under which the parties will collaborate on cancer products.\n"
      "ITEM 9.01 - FINANCIAL STATEMENTS AND EXHIBITS\n"
      "EX-10.1\n"
      "COLLABORATION AND LICENSE AGREEMENT\n"
      "7.2 Disclaimer. EXCEPT AS EXPRESSLY SET FORTH IN THIS AGREEMENT, NEITHER PARTY MAKES ANY REPRESENTATION OR "
      "WARRANTY, EXPRESS OR IMPLIED.\n"
      "8.2 Limitation of Liability. NEITHER PARTY SHALL BE LIABLE TO THE OTHER FOR ANY INDIRECT, SPECIAL OR "
      "CONSEQUENTIAL DAMAGES ARISING OUT OF THIS AGREEMENT.\n");
  INFO(Dump(x));
  std::vector<std::string> names;
  for (const Entity& e : x.entities) {
    if (e.type == EntityType::kAgreement) names.push_back(e.name);
  }
  CHECK(names == std::vector<std::string>{"Collaboration and License Agreement"});
  for (const std::string& n : names) CHECK(n.find("THIS AGREEMENT") == std::string::npos);
}

TEST_CASE("extract: every event of every filing has a type, a quote and a source filing", "[extract]") {
  std::vector<std::string> files = AllFilings();
  REQUIRE(files.size() == 16);
  for (const std::string& rel : files) {
    INFO(rel);
    FilingExtract x = Extract(rel);
    for (const Event& ev : x.events) {
      INFO(ev.type << " " << ev.date);
      CHECK_FALSE(ev.type.empty());
      REQUIRE_FALSE(ev.sources.empty());
      for (const Source& s : ev.sources) {
        CHECK_FALSE(s.quote.empty());
        CHECK_FALSE(s.filing.empty());
      }
    }
  }
}

TEST_CASE("extract: events name only entities of the extract, and event ids are unique", "[extract]") {
  for (const std::string& rel : AllFilings()) {
    INFO(rel);
    FilingExtract x = Extract(rel);
    std::set<std::string> ids;
    for (const Entity& e : x.entities) ids.insert(e.id);
    std::set<std::string> event_ids;
    for (const Event& ev : x.events) {
      INFO(ev.type << " " << ev.date);
      CHECK(event_ids.insert(ev.id).second);
      CHECK(ev.id.size() == 3 + 16);
      CHECK(ev.id.rfind("ev:", 0) == 0);
      for (const Party& p : ev.parties) {
        INFO(p.entity_id);
        CHECK(ids.count(p.entity_id) == 1);
      }
      if (!ev.agreement_id.empty()) {
        const Entity* ag = EntityById(x, ev.agreement_id);
        REQUIRE(ag != nullptr);
        CHECK(ag->type == EntityType::kAgreement);
      }
    }
    for (const Relation& r : x.relations) {
      INFO(r.type << " " << r.from << " -> " << r.to);
      CHECK(ids.count(r.from) == 1);
      CHECK(ids.count(r.to) == 1);
    }
  }
}

TEST_CASE("extract: extracting a filing twice gives the same events with the same ids", "[extract]") {
  FilingExtract a = Extract(kSeed001);
  FilingExtract b = Extract(kSeed001);
  REQUIRE(a.events.size() == b.events.size());
  for (size_t i = 0; i < a.events.size(); ++i) {
    CHECK(a.events[i].id == b.events[i].id);
    CHECK(a.events[i].type == b.events[i].type);
    CHECK(a.events[i].date == b.events[i].date);
  }
  CHECK(a.filing.id == b.filing.id);
}

TEST_CASE("extract: targets and antigens are not kept as products (HER2, CD56)", "[extract]") {
  for (const char* rel : {kSeed000, kSeed001, kSeed004}) {
    INFO(rel);
    FilingExtract x = Extract(rel);
    for (const Entity& e : x.entities) {
      if (e.type != EntityType::kProduct) continue;
      CHECK(e.name != "HER2");
      CHECK(e.name != "CD56");
    }
  }
  FilingExtract x = Extract(kSeed001);
  CHECK(EntityById(x, "product:hun901-dm1") != nullptr);
  CHECK(EntityById(x, "product:mln2704") != nullptr);
}

TEST_CASE("extract: a document without text is refused", "[extract]") {
  Document doc;
  doc.name = "blank.txt";
  doc.text = " \n\t\n";
  Result<FilingExtract> x = ExtractFiling(doc);
  REQUIRE_FALSE(x.ok());
  CHECK(x.status().code() == StatusCode::kCorruption);
  CHECK_FALSE(x.status().message().empty());
}

// ---- dev filings ---------------------------------------------------------------

TEST_CASE("extract: Nordstrom's compensation table gives Erik B. Nordstrom a $758,500 salary (dev/06)", "[extract]") {
  FilingExtract x = Extract(DevFile("06_"));
  INFO(Dump(x));
  bool found = false;
  for (const Event* ev : OfType(x, "executive.compensation")) {
    if (!HasParty(*ev, "person:erik-nordstrom")) continue;
    found = true;
    CHECK(ev->date == "2023-03-01");
    CHECK(HasParty(*ev, "org:nordstrom"));
    REQUIRE(ev->amount.has_value());
    CHECK(ev->amount->value == Approx(758500));
  }
  CHECK(found);
}

TEST_CASE("extract: WaterBridge's appointment of Janet Carrig is an executive change on 2025-12-12 (dev/10)",
          "[extract]") {
  FilingExtract x = Extract(DevFile("10_"));
  INFO(Dump(x));
  std::vector<const Event*> changes = OfTypeOn(x, "executive.change", "2025-12-12");
  REQUIRE_FALSE(changes.empty());
  bool carrig = false;
  for (const Event* ev : changes) carrig |= HasParty(*ev, "person:janet-carrig");
  CHECK(carrig);
  const Entity* p = EntityById(x, "person:janet-carrig");
  REQUIRE(p != nullptr);
  CHECK(p->type == EntityType::kPerson);
  CHECK(p->name == "Janet Carrig");
}

TEST_CASE("extract: the clauses of Acorn's consulting contract are not events (dev/03 .nc)", "[extract]") {
  FilingExtract x = Extract(DevFile("03_"));
  INFO(Dump(x));
  CHECK(OfType(x, "agreement.terminated").empty());
  CHECK(x.filing.id == "0001493152-25-001317");
  CHECK(x.filing.event_date == "2025-01-06");
  CHECK(x.filing.filed == "2025-01-08");
  CHECK(x.filing.registrant == "org:acorn-energy");
  for (const Event& ev : x.events) {
    for (const Source& s : ev.sources) CHECK(s.filing == "0001493152-25-001317");
  }
}

// dev/01 describes the voting and support agreements' terms: "The Support
// Agreements terminate in certain circumstances, including written
// notification to Biogen of a Recommendation Change ...". Like the clauses of
// dev/03's contract, a term of an agreement is not an event.
TEST_CASE("extract: a termination clause of the support agreements is no event (dev/01)", "[extract]") {
  FilingExtract x = Extract(DevFile("01_"));
  INFO(Dump(x));
  REQUIRE_FALSE(x.events.empty());
  for (const Event& ev : x.events) {
    INFO(ev.type << " " << ev.date);
    CHECK_FALSE(QuoteContains(ev, "The Support Agreements terminate in certain circumstances"));
  }
}

}  // namespace
}  // namespace dealgraph

namespace dealgraph {
namespace {

TEST_CASE("extract: an 8-K/A names the date of the report it amends", "[extract][amendment]") {
  FilingExtract x = Extract("fixtures/amendment_8ka.txt");
  CHECK(x.filing.form == "8-K/A");
  CHECK(x.filing.amends == "filed:2023-03-03");
  FilingExtract original = Extract("fixtures/original_8k.txt");
  CHECK(original.filing.form == "8-K");
  CHECK(original.filing.amends.empty());
}

TEST_CASE("extract: the cover of a header-less filing says whether it is an 8-K/A", "[extract][amendment]") {
  // The amendment's own text without its SGML header: the cover page alone
  // ("FORM 8-K/A (Amendment No. 1)") marks it.
  std::string sgml = Slurp(DataPath("fixtures/amendment_8ka.txt"));
  size_t b = sgml.find("UNITED STATES");
  size_t e = sgml.find("</TEXT>");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  Result<Document> doc = ReadFiling("amendment.txt", sgml.substr(b, e - b));
  REQUIRE(doc.ok());
  Result<FilingExtract> x = ExtractFiling(*doc);
  REQUIRE(x.ok());
  CHECK(x->filing.form == "8-K/A");
  CHECK(x->filing.amends == "filed:2023-03-03");

  std::string plain = sgml.substr(b, e - b);
  plain.replace(plain.find("FORM 8-K/A"), 10, "FORM 8-K");
  plain.erase(plain.find("(Amendment No. 1)"), 17);
  Result<Document> doc2 = ReadFiling("plain.txt", plain);
  REQUIRE(doc2.ok());
  Result<FilingExtract> y = ExtractFiling(*doc2);
  REQUIRE(y.ok());
  CHECK(y->filing.form == "8-K");
  CHECK(y->filing.amends.empty());
}

TEST_CASE("extract: a cover page names its form, a text without one names none", "[extract][form]") {
  CHECK(FormOnCover("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\nFORM 8-K\nCURRENT REPORT\n") ==
        "8-K");
  CHECK(FormOnCover("FORM 8-K/A\n(Amendment No. 1)\n") == "8-K/A");
  CHECK(FormOnCover("Form 8-K (Amendment No. 2)\n") == "8-K/A");
  CHECK(FormOnCover("FORM 8 - K\n") == "8-K");
  CHECK(FormOnCover("\tFORM 8-K\tCURRENT REPORT\n") == "8-K");
  CHECK(FormOnCover("CURRENT REPORT\nPursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934\n") == "8-K");
  CHECK(FormOnCover("FORM 10-K\n(Mark One)\nANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)\n") == "10-K");
  CHECK(FormOnCover("QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\n") ==
        "10-Q");
  CHECK(FormOnCover("PRESS RELEASE\nExhibit 99.1\nFOR IMMEDIATE RELEASE\n") == "EX-99.1");
  CHECK(FormOnCover("EXHIBIT 10.2\n") == "EX-10.2");
  // Prose that speaks of forms is no cover.
  CHECK(FormOnCover("# dealgraph\nA tool that turns SEC Form 8-K filings into a graph.\n") == "");
  CHECK(FormOnCover("Form 8-K filings are current reports.\nCurrent reports say what happened.\n") == "");
  CHECK(FormOnCover("Exhibit 99.1 is the press release.\n") == "");
  CHECK(FormOnCover("hello world\n") == "");
  CHECK(FormOnCover("") == "");
  // The cover ends at the registrant's name: a form named after it is in the body.
  CHECK(FormOnCover("Acme Corp.\n(Exact name of registrant as specified in its charter)\nFORM 10-K\n") == "");
  // Past the first 40 lines nothing counts.
  CHECK(FormOnCover(std::string(200, '\n') + [] {
          std::string s;
          for (int i = 0; i < 40; ++i) s += "Line " + std::to_string(i) + ".\n";
          return s;
        }() + "FORM 8-K\n") == "");
}

TEST_CASE("extract: every bundled real filing without a header is an 8-K by its cover", "[extract][form]") {
  int read = 0;
  for (const char* dir : {"real", "dev2", "dev", "filings"}) {
    for (const auto& e : std::filesystem::directory_iterator(DataPath(dir))) {
      std::string name = e.path().filename().string();
      if (name == "MANIFEST.tsv") continue;
      std::string rel = std::string(dir) + "/" + name;
      Document doc = ReadOk(rel);
      if (!doc.header.form.empty()) continue;
      INFO(rel);
      std::string form = FormOnCover(doc.text);
      // Exhibits saved alone carry their number; the rest are 8-Ks.
      CHECK((form == "8-K" || form == "8-K/A" || form.rfind("EX-99", 0) == 0));
      ++read;
    }
  }
  CHECK(read >= 10);  // 14 when this was written
}

TEST_CASE("extract: a SUBJECT COMPANY block of the header becomes an organization with its CIK",
          "[extract][sgml]") {
  FilingExtract x = Extract("fixtures/amendment_8ka.txt");
  const Entity* halvard = nullptr;
  for (const Entity& e : x.entities) {
    if (e.id == "org:halvard-pharma") halvard = &e;
  }
  REQUIRE(halvard != nullptr);
  CHECK(halvard->cik == "0002222222");
  CHECK(std::find(halvard->aliases.begin(), halvard->aliases.end(), "HALVARD PHARMA AG") != halvard->aliases.end());
  // "Securities and Exchange Commission" in the explanatory note is not cut
  // down to an organization called "Exchange Commission".
  for (const Entity& e : x.entities) CHECK(e.name != "Exchange Commission");
}

TEST_CASE("extract: former company names in the header become aliases of the registrant", "[extract][sgml]") {
  FilingExtract x = Extract("fixtures/original_8k.txt");
  const Entity* nw = nullptr;
  for (const Entity& e : x.entities) {
    if (e.id == x.filing.registrant) nw = &e;
  }
  REQUIRE(nw != nullptr);
  CHECK(nw->cik == "0001111111");
  CHECK(std::find(nw->aliases.begin(), nw->aliases.end(), "NORTHWIND GENETICS CORP") != nw->aliases.end());
}

}  // namespace
}  // namespace dealgraph

namespace dealgraph {
namespace {

TEST_CASE("extract: dev 03 tells one consulting agreement three ways and it is one agreement",
          "[extract][agreement]") {
  // Item 5.02 ("a new consulting agreement (the "Loeb Consulting Agreement")"),
  // the exhibit index row and EX-10.1's preamble ("This Consulting Agreement
  // ... is made as of this 6th day of January, 2025").
  FilingExtract x = Extract(DevFile("03_"));
  std::vector<const Entity*> consulting;
  for (const Entity& e : x.entities) {
    if (e.type == EntityType::kAgreement && e.title == "consulting") consulting.push_back(&e);
  }
  REQUIRE(consulting.size() == 1);
  CHECK(consulting[0]->name == "Loeb Consulting Agreement");
  CHECK(consulting[0]->dated == "2025-01-06");
  CHECK(std::find(consulting[0]->aliases.begin(), consulting[0]->aliases.end(), "Consulting Agreement") !=
        consulting[0]->aliases.end());
  int entered = 0;
  for (const Event& ev : x.events) entered += ev.type == "agreement.entered";
  CHECK(entered == 1);
  // The contract's own clauses are not events: "This Agreement may not be
  // modified or extended except by a writing signed by both parties".
  for (const Event& ev : x.events) {
    INFO(ev.type << " " << ev.date);
    for (const Source& s : ev.sources) CHECK(s.quote.find("may not be modified") == std::string::npos);
  }
}

// ---- what an amount is --------------------------------------------------------

TEST_CASE("extract: an amount says what it is: a range, a rate, a cap (real filings)", "[extract]") {
  // Zurn Industries 1994, Item 5: "record a $14 to $16 million ... charge".
  const FilingExtract zurn = Extract("real/0002_zurn-industries_1994.txt");
  INFO(Dump(zurn));
  bool range = false;
  for (const Event* ev : OfType(zurn, "restructuring")) {
    if (!ev->amount) continue;
    range = ev->amount->value == 14e6 && ev->amount->high == 16e6 && ev->amount->kind == MoneyKind::kTotal;
    CHECK_FALSE(IsMoneyPaid(ev->type, ev->amount));
  }
  CHECK(range);
  // SanDisk, August 2010: an underwriting agreement for "up to $1.15 billion"
  // of notes; July 2010: a consulting fee of "$50,000 per year" is a rate.
  bool cap = false, rate = false;
  for (const Event& ev : Extract("real/0116_sandisk_2010.htm").events)
    cap |= ev.amount && ev.amount->value == 1.15e9 && ev.amount->kind == MoneyKind::kUpTo;
  for (const Event& ev : Extract("real/0122_sandisk_2010.htm").events) {
    rate |= ev.amount && ev.amount->value == 50000 && ev.amount->kind == MoneyKind::kPerUnit &&
            ev.amount->unit == "year";
  }
  CHECK(cap);
  CHECK(rate);
  // Acorn Energy 2025 (dev): "$16,780 per month".
  const FilingExtract acorn = Extract(DevFile("03_"));
  bool monthly = false;
  for (const Event& ev : acorn.events) {
    monthly |= ev.amount && ev.amount->value == 16780 && ev.amount->kind == MoneyKind::kPerUnit &&
               ev.amount->unit == "month";
  }
  CHECK(monthly);
}

TEST_CASE("extract: an amount owed on a condition is contingent, one paid is a total", "[extract]") {
  // Constructed in the wording of licence press releases.
  const FilingExtract x = ExtractText(
      "milestone.txt",
      "ITEM 8.01 - OTHER EVENTS\n"
      "On March 1, 2006, ImmunoGen, Inc. received a $2 million milestone payment from Genentech, Inc.\n"
      "On June 1, 2006, ImmunoGen, Inc. entered into a license agreement with Sanofi S.A., under which ImmunoGen, "
      "Inc. is eligible to receive $40 million in milestone payments.\n"
      "On July 1, 2006, ImmunoGen, Inc. licensed its TAP technology to Biogen, Inc., which will pay $5 million upon "
      "the achievement of the first clinical milestone.\n");
  INFO(Dump(x));
  int paid = 0, contingent = 0;
  for (const Event& ev : x.events) {
    if (!ev.amount) continue;
    if (ev.amount->value == 2e6) {
      CHECK(ev.amount->kind == MoneyKind::kTotal);
      ++paid;
    }
    if (ev.amount->value == 4e7 || ev.amount->value == 5e6) {
      CHECK(ev.amount->kind == MoneyKind::kContingent);
      CHECK_FALSE(IsMoneyPaid(ev.type, ev.amount));
      ++contingent;
    }
  }
  CHECK(paid >= 1);
  CHECK(contingent >= 1);
}

TEST_CASE("extractor: every Item has its event: restructuring, impairment, listing notice, triggered obligation, "
          "cyber incident, with their dates and slots", "[extractor]") {
  struct Want {
    const char* file;
    const char* type;
    const char* item;
    const char* date;
    std::vector<std::pair<std::string, std::string>> slots;
  };
  const std::vector<Want> wants = {
      {"fixtures/items/restructuring.txt", "restructuring", "2.05", "2009-05-15",
       {{"jobs", "320"}, {"charge", "$11 million to $13 million"}}},
      // The charge is in the sentence after the conclusion, and expected.
      {"fixtures/items/impairment.txt", "impairment", "2.06", "2023-10-11", {{"charge", "$42 million to $48 million"}}},
      {"fixtures/items/listing.txt", "listing.notice", "3.01", "2024-03-04",
       {{"exchange", "Nasdaq Stock Market"}, {"rule", "Rule 5550(a)(2)"}}},
      {"fixtures/items/obligation.txt", "obligation.triggered", "2.04", "2022-06-02", {}},
      // Dated by the discovery the Item tells, not by the report.
      {"fixtures/items/incident.txt", "security.incident", "1.05", "2024-02-08", {}},
  };
  for (const Want& w : wants) {
    INFO(w.file);
    FilingExtract x = Extract(w.file);
    const Event* ev = nullptr;
    for (const Event& e : x.events) {
      if (e.type == w.type) ev = &e;
    }
    REQUIRE(ev != nullptr);
    CHECK(ev->date == w.date);
    REQUIRE_FALSE(ev->sources.empty());
    CHECK(ev->sources[0].item == w.item);
    REQUIRE_FALSE(ev->parties.empty());
    CHECK(ev->parties[0].entity_id == x.filing.registrant);
    for (const auto& [name, value] : w.slots) {
      INFO(name);
      std::string got;
      for (const Slot& sl : ev->slots) {
        if (sl.name == name) got = sl.value;
      }
      CHECK(got == value);
    }
    // A payment not made ("did not make the interest payment of $6.3
    // million due") is no payment.
    for (const Event& e : x.events) CHECK(e.type != "payment");
  }
}

}  // namespace
}  // namespace dealgraph
