// Tests of the Item frames (data/lexicon/frames.tsv, items.tsv): what the
// extractor reads from the Items of real 8-Ks that no rule was written
// against (data/real/, copied from a corpus of real filings; MANIFEST.tsv
// says where each came from), and how the lexicon validates the frames.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/extract/extractor.h"
#include "ingest/extract/lexicon.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

std::string NameOf(const FilingExtract& x, const std::string& id) {
  for (const Entity& e : x.entities) {
    if (e.id == id) return e.name;
  }
  return "";
}

// The events of `type` whose parties include an entity named `name`.
std::vector<const Event*> About(const FilingExtract& x, std::string_view type, std::string_view name) {
  std::vector<const Event*> out;
  for (const Event& ev : x.events) {
    if (ev.type != type) continue;
    for (const Party& p : ev.parties) {
      if (NameOf(x, p.entity_id) == name) {
        out.push_back(&ev);
        break;
      }
    }
  }
  return out;
}

bool FromItem(const Event& ev, std::string_view item) {
  for (const Source& s : ev.sources) {
    if (s.item == item) return true;
  }
  return false;
}

// The value of slot `name` of `ev` ("" when it has none); its entity in *entity.
std::string SlotOf(const Event& ev, std::string_view name, std::string* entity = nullptr) {
  const Slot* s = ev.SlotNamed(name);
  if (entity) *entity = s ? s->entity_id : "";
  return s ? s->value : "";
}

bool HasRegistrant(const FilingExtract& x, const Event& ev) {
  for (const Party& p : ev.parties) {
    if (p.entity_id == x.filing.registrant) return true;
  }
  return false;
}

TEST_CASE("frames: JPMorgan's Item 5.02 names each co-president elected and the CEO who retires", "[extract][frames]") {
  FilingExtract x = Extract("real/0259_jpmorgan-chase_2026.txt.gz");
  for (const char* person : {"Doug Petno", "Troy Rohrbaugh", "Marianne Lake"}) {
    INFO(person);
    std::vector<const Event*> evs = About(x, "executive.change", person);
    REQUIRE(evs.size() == 1);
    CHECK(FromItem(*evs[0], "5.02"));
    CHECK(HasRegistrant(x, *evs[0]));
  }
  CHECK(About(x, "executive.change", "Doug Petno")[0]->date == "2026-06-25");
  CHECK(NameOf(x, x.filing.registrant) == "JPMorgan Chase & Co.");
}

TEST_CASE("frames: SPACEHAB's old Item 4 dismisses one auditor and engages another, each one event", "[extract][frames]") {
  FilingExtract x = Extract("real/0065_astrotech-formerly-spacehab_2004.htm");
  std::vector<const Event*> ey = About(x, "auditor.change", "Ernst & Young");
  std::vector<const Event*> gt = About(x, "auditor.change", "Grant Thornton");
  REQUIRE(ey.size() == 1);
  REQUIRE(gt.size() == 1);
  CHECK(ey[0]->date == "2004-05-17");
  CHECK(gt[0]->date == "2004-05-18");  // the engagement's effective day, not the board's approval
  CHECK(gt[0]->summary == "engaged");
  CHECK(FromItem(*ey[0], "4"));
  // Typed slots: each firm with its side of the change.
  std::string firm;
  CHECK(SlotOf(*ey[0], "side") == "former");
  CHECK(SlotOf(*ey[0], "action") == "dismissed");
  CHECK(SlotOf(*ey[0], "auditor", &firm) == "Ernst & Young");
  CHECK(NameOf(x, firm) == "Ernst & Young");
  CHECK(SlotOf(*gt[0], "side") == "new");
  CHECK(SlotOf(*gt[0], "auditor", &firm) == "Grant Thornton");
}

TEST_CASE("frames: a sole practitioner dismissed as auditor is the firm 'Lawrence Scharfman, CPA'", "[extract][frames]") {
  FilingExtract x = Extract("real/0107_expertelligence_2009.txt");
  std::vector<const Event*> evs = About(x, "auditor.change", "Lawrence Scharfman, CPA");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->date == "2009-08-03");
  CHECK(evs[0]->summary == "dismissed");
}

TEST_CASE("frames: 'informed ... that he would resign' is a departure, dated the day he said so", "[extract][frames]") {
  FilingExtract x = Extract("real/0079_pericom-semiconductor_2005.htm");
  std::vector<const Event*> evs = About(x, "executive.change", "Michael D. Craighead");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->date == "2005-10-26");
  CHECK(evs[0]->summary == "left");
  // "... that he would resign from his positions as Vice President, Chief
  // Financial Officer and Assistant Secretary of the Company."
  std::string who;
  CHECK(SlotOf(*evs[0], "person", &who) == "Michael D. Craighead");
  CHECK(NameOf(x, who) == "Michael D. Craighead");
  CHECK(SlotOf(*evs[0], "action") == "left");
  CHECK(SlotOf(*evs[0], "role") == "Vice President, Chief Financial Officer and Assistant Secretary");
}

TEST_CASE("frames: an exhibit index row tells a letter agreement's making, with the person who signed it",
          "[extract][frames]") {
  // Item 9.01: "10.1<tab>Letter Agreement, dated as of October 26, 2005, by and between the
  // Company and Michael D. Craighead." (Item 1.01 only refers to it.)
  FilingExtract x = Extract("real/0079_pericom-semiconductor_2005.htm");
  std::vector<const Event*> evs = About(x, "agreement.entered", "Michael D. Craighead");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->date == "2005-10-26");
  CHECK(HasRegistrant(x, *evs[0]));
  bool titled = false;
  for (const Entity& e : x.entities) titled |= e.type == EntityType::kAgreement && e.name == "Letter Agreement";
  CHECK(titled);  // not "10.1 Letter Agreement"
}

TEST_CASE("frames: FedEx's directors who leave are two events, a meeting 'to be held' is no vote", "[extract][frames]") {
  FilingExtract x = Extract("real/0230_fedex_2023.htm");
  REQUIRE(About(x, "executive.change", "Kimberly A. Jabal").size() == 1);
  REQUIRE(About(x, "executive.change", "V. James Vena").size() == 1);
  CHECK(About(x, "executive.change", "Kimberly A. Jabal")[0]->date == "2023-07-26");
  CHECK(About(x, "shareholder.vote", "FedEx").empty());
  FilingExtract vote = Extract("real/0231_fedex_2023.htm");
  std::vector<const Event*> votes = About(vote, "shareholder.vote", "FedEx");
  REQUIRE(votes.size() == 1);
  CHECK(votes[0]->date == "2023-09-21");
  CHECK(FromItem(*votes[0], "5.07"));
}

TEST_CASE("frames: an Item that refers to another reports that Item's events", "[extract][frames]") {
  // Item 2.03: "The disclosure required by this item is included in Item 1.01".
  FilingExtract x = Extract("real/0142_estee-lauder-companies_2012.htm");
  bool from_203 = false;
  for (const Event& ev : x.events) {
    if (FromItem(ev, "2.03") && FromItem(ev, "1.01") && ev.type.rfind("agreement.", 0) == 0) from_203 = true;
  }
  CHECK(from_203);
}

TEST_CASE("frames: the registrant of a cover with a rule under its name is the company, not the rule", "[extract][frames]") {
  FilingExtract x = Extract("real/0057_asta-funding_2004.txt");
  CHECK(NameOf(x, x.filing.registrant) == "Asta Funding");
}

TEST_CASE("frames: a release filed alone names its registrant in its headline, its commentary is no payment",
          "[extract][frames]") {
  FilingExtract x = Extract("real/0262_wells-fargo_2022.htm.gz");
  CHECK(NameOf(x, x.filing.registrant) == "Wells Fargo");
  for (const Event& ev : x.events) {
    INFO(ev.sources.front().quote);
    CHECK(ev.type != "payment");
    CHECK(ev.type != "executive.compensation");
  }
}

TEST_CASE("frames: a release with no headline line names its registrant by the ticker it announces itself with",
          "[extract][frames]") {
  // PNC's release of June 1, 2021 reads as one block: "... PNC COMPLETES
  // ACQUISITION OF BBVA USA ... PITTSBURGH, June 1, 2021 - The PNC Financial
  // Services Group, Inc. (NYSE: PNC) today announced the completion ...".
  FilingExtract x = Extract("real/0261_pnc-financial-services_2021.htm");
  CHECK(NameOf(x, x.filing.registrant) == "PNC Financial Services Group");
  std::vector<const Event*> evs = About(x, "corporate.transaction", "BBVA USA Bancshares");
  REQUIRE(!evs.empty());
  for (const Event* ev : evs) CHECK(HasRegistrant(x, *ev));
}

TEST_CASE("frames: what will be paid on a condition is no payment, and Disney keeps the 'Company' of its name",
          "[extract][frames]") {
  // Disney's 8-K of December 2017 on the 21CF merger: "Disney will pay 21CF
  // $2.5 billion (the "Disney Regulatory Termination Fee") if the merger is
  // not consummated ..."; "However, if the final estimate of the tax
  // liabilities is lower than the initial estimate, the first $2 billion ...".
  FilingExtract x = Extract("real/0171_walt-disney_2017.htm");
  CHECK(NameOf(x, x.filing.registrant) == "The Walt Disney Company");
  for (const Event& ev : x.events) {
    if (ev.type != "payment") continue;
    INFO(ev.sources.front().quote);
    for (const Source& src : ev.sources) {
      CHECK(src.quote.find("Termination Fee") == std::string::npos);
      CHECK(src.quote.rfind("However, if", 0) == std::string::npos);
    }
  }
}

TEST_CASE("frames: every Item of a real filing with a fixed meaning yields an event read from it", "[extract][frames]") {
  const Lexicon& lex = Lexicon::Get();
  for (const auto& entry : std::filesystem::directory_iterator(DataPath("real"))) {
    const std::string name = entry.path().filename().string();
    if (name == "MANIFEST.tsv") continue;
    FilingExtract x = Extract("real/" + name);
    for (const std::string& item : x.filing.items) {
      auto info = lex.items.find(Lexicon::ItemKey(item));
      if (info == lex.items.end()) continue;
      bool found = false;
      for (const Event& ev : x.events) {
        const auto& types = info->second.types;
        found |= FromItem(ev, item) && std::find(types.begin(), types.end(), ev.type) != types.end();
      }
      INFO(name << " item " << item);
      CHECK(found);
    }
  }
}

TEST_CASE("frames: Zurn's 1994 Item 5 reference to its release tells the plant closing, dated by the release",
          "[extract][frames]") {
  FilingExtract x = Extract("real/0002_zurn-industries_1994.txt");
  std::vector<const Event*> evs = About(x, "restructuring", "Zurn Industries");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->date == "1994-04-19");  // "news release dated April 19, 1994 announcing ..."
  // The release it refers to counts the cut: "approximately 180 manufacturing jobs".
  CHECK(SlotOf(*evs[0], "jobs") == "180");
  CHECK(FromItem(*evs[0], "5"));
}

TEST_CASE("frames: a restructuring told in an old Item 5 is one event of the registrant", "[extract][frames]") {
  FilingExtract x = Extract("real/0016_home-health-of_1998.txt");
  std::vector<const Event*> evs = About(x, "restructuring", "Home Health Corporation of America");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->date == "1998-03-27");
}

TEST_CASE("frames: a declared cash dividend is a payment of its amount per share, a stock split a transaction",
          "[extract][frames]") {
  FilingExtract x = Extract("real/0057_asta-funding_2004.txt");
  std::vector<const Event*> pay = About(x, "payment", "Asta Funding");
  REQUIRE(pay.size() == 1);
  CHECK(pay[0]->date == "2004-02-18");
  REQUIRE(pay[0]->amount.has_value());
  CHECK(pay[0]->amount->value == Approx(0.03));
  std::vector<const Event*> split = About(x, "corporate.transaction", "Asta Funding");
  REQUIRE(split.size() == 1);
  CHECK(split[0]->date == "2004-02-18");
}

TEST_CASE("frames: 'employment agreements with A and B' are one agreement each, the company named by its term",
          "[extract][frames]") {
  // "New Line Cinema Corporation, a Delaware corporation ("New Line")" ... "New Line has signed
  // five-year employment agreements with New Line Chairman Robert Shaye and New Line President
  // Michael Lynne." (paragraphs whose first line is indented).
  FilingExtract x = Extract("real/0006_turner-broadcasting-system_1994.txt");
  for (const char* person : {"Robert Shaye", "Michael Lynne"}) {
    INFO(person);
    std::vector<const Event*> evs = About(x, "agreement.entered", person);
    REQUIRE(evs.size() == 1);
    bool new_line = false;
    for (const Party& p : evs[0]->parties) new_line |= NameOf(x, p.entity_id) == "New Line Cinema";
    CHECK(new_line);
  }
  for (const Entity& e : x.entities) CHECK(e.name != "New Line");  // no person "New Line"
  // "TBS" is the registrant's defined term, not a company of its own.
  CHECK(About(x, "corporate.transaction", "TBS").empty());
  CHECK(About(x, "corporate.transaction", "New Line Cinema").size() == 1);
}

TEST_CASE("frames: an Item 5.07 vote table names the directors elected, with or without an initial",
          "[extract][frames]") {
  // "Irwin Federman<tab>158,434,567<tab>2,162,482<tab>31,694,834"
  FilingExtract x = Extract("real/0120_sandisk_2010.htm");
  for (const char* person : {"Irwin Federman", "Kevin DeNuccio", "Catherine P. Lego"}) {
    bool found = false;
    for (const Entity& e : x.entities) found |= e.type == EntityType::kPerson && e.name == person;
    INFO(person);
    CHECK(found);
  }
  for (const Entity& e : x.entities) CHECK(!(e.type == EntityType::kPerson && e.name == "Votes For"));
}

// The embedded lexicon's files, with `name` replaced by `text`.
std::unordered_map<std::string, std::string> LexiconWith(const std::string& name, const std::string& text) {
  std::unordered_map<std::string, std::string> files;
  for (const EmbeddedFile& f : EmbeddedLexiconFiles()) files[f.name] = f.content;
  files[name] = text;
  return files;
}

TEST_CASE("frames: the embedded frames load, each Item's rules in the file's order", "[extract][frames][lexicon]") {
  const Lexicon& lex = Lexicon::Get();
  REQUIRE(lex.frames_by_item.count("5.02"));
  REQUIRE(lex.frames_by_item.count("old:4"));
  const FrameRule& first = lex.frames[lex.frames_by_item.at("5.02").front()];
  CHECK(first.type == "executive.change");
  CHECK(first.slot == FrameSlot::kPerson);
  CHECK(Lexicon::ItemKey("4") == "old:4");
  CHECK(Lexicon::ItemKey("4.01") == "4.01");
  CHECK(Lexicon::ItemKey("EX-99.1") == "EX-99.1");
}

TEST_CASE("frames: a frame with an unknown slot, type or item, or a trigger with an unknown requirement, is a load error", "[extract][frames][lexicon][error]") {
  Result<Lexicon> slot = Lexicon::Parse(LexiconWith("frames.tsv", "5.02\texecutive.change\tboss\tleft\tresigned\n"));
  REQUIRE_FALSE(slot.ok());
  CHECK(slot.status().message().find("unknown slot 'boss'") != std::string::npos);
  Result<Lexicon> type = Lexicon::Parse(LexiconWith("frames.tsv", "5.02\texecutive.party\tperson\tleft\tresigned\n"));
  REQUIRE_FALSE(type.ok());
  CHECK(type.status().message().find("'executive.party' is not in event_types.tsv") != std::string::npos);
  Result<Lexicon> item = Lexicon::Parse(LexiconWith("frames.tsv", "9.99\texecutive.change\tperson\tleft\tresigned\n"));
  REQUIRE_FALSE(item.ok());
  CHECK(item.status().message().find("item 9.99 is not in items.tsv") != std::string::npos);
  Result<Lexicon> trigger = Lexicon::Parse(LexiconWith("triggers.tsv", "payment.made\tpaid\tmoney\n"));
  REQUIRE_FALSE(trigger.ok());
  CHECK(trigger.status().message().find("triggers.tsv") != std::string::npos);
  Result<Lexicon> req = Lexicon::Parse(LexiconWith("triggers.tsv", "payment\tpaid\tcash\n"));
  REQUIRE_FALSE(req.ok());
  CHECK(req.status().message().find("unknown requirement 'cash'") != std::string::npos);
  Result<Lexicon> typed = Lexicon::Parse(LexiconWith("event_types.tsv", "executive.change\texecutive\tchange\tperson,salary\n"));
  REQUIRE_FALSE(typed.ok());
  CHECK(typed.status().message().find("slot 'salary' of executive.change is not in slots.tsv") != std::string::npos);
  Result<Lexicon> ok = Lexicon::Parse(LexiconWith("frames.tsv", "5.02\texecutive.change\tperson\tleft\tresigned\n"));
  CHECK(ok.ok());
}

}  // namespace
}  // namespace dealgraph
