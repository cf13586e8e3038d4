// Slices and checkers shared by the export tests (declared in
// tests/export/export_fixtures.h).
#include <libxml/parser.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "tests/export/export_fixtures.h"

namespace dealgraph::export_fixtures {

namespace {

Source Src(std::string filing, std::string item, std::string quote) {
  return Source{std::move(filing), std::move(item), std::move(quote), ""};
}

Party P(std::string id, std::string role = "") { return Party{std::move(id), std::move(role)}; }

// A small JSON syntax checker (RFC 8259 grammar, no semantics).
class JsonChecker {
 public:
  explicit JsonChecker(std::string_view s) : s_(s) {}
  bool Check() {
    SkipWs();
    if (!Value()) return false;
    SkipWs();
    return i_ == s_.size();
  }

 private:
  void SkipWs() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool Lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool Value() {
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return Object();
    if (c == '[') return Array();
    if (c == '"') return String();
    if (c == 't') return Lit("true");
    if (c == 'f') return Lit("false");
    if (c == 'n') return Lit("null");
    return Number();
  }
  bool Object() {
    ++i_;
    SkipWs();
    if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
    while (true) {
      SkipWs();
      if (i_ >= s_.size() || s_[i_] != '"' || !String()) return false;
      SkipWs();
      if (i_ >= s_.size() || s_[i_++] != ':') return false;
      SkipWs();
      if (!Value()) return false;
      SkipWs();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == '}') return ++i_, true;
      return false;
    }
  }
  bool Array() {
    ++i_;
    SkipWs();
    if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
    while (true) {
      SkipWs();
      if (!Value()) return false;
      SkipWs();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == ']') return ++i_, true;
      return false;
    }
  }
  bool String() {
    ++i_;
    while (i_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (i_ >= s_.size()) return false;
        char e = s_[i_++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_++])))
              return false;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool Number() {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    size_t digits = i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ == digits) return false;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      size_t frac = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (i_ == frac) return false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      size_t exp = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (i_ == exp) return false;
    }
    return i_ > start;
  }
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::string HostileName() { return "Acme \"Bio\", Inc.\n<script>&"; }

// ImmunoGen's deals with Genentech and Millennium, as 8-Ks tell them.
GraphSlice ImmunoGenSlice() {
  GraphSlice s;
  Entity immunogen{"org:immunogen",
                   EntityType::kOrganization,
                   "ImmunoGen",
                   {"ImmunoGen, Inc.", "IMGN"},
                   "0000855654"};
  Entity genentech{
      "org:genentech", EntityType::kOrganization, "Genentech", {"Genentech, Inc.", "DNA"}};
  Entity millennium{
      "org:millennium", EntityType::kOrganization, "Millennium Pharmaceuticals", {"Millennium"}};
  Entity roche{"org:roche", EntityType::kOrganization, "Roche", {"F. Hoffmann-La Roche"}};
  Entity sayare{"person:mitchel-sayare", EntityType::kPerson, "Mitchel Sayare", {}};
  sayare.title = "Chairman and CEO";
  Entity tdm1{"product:t-dm1", EntityType::kProduct, "trastuzumab-DM1", {"T-DM1"}};
  Entity tap{"ag:genentech-tap", EntityType::kAgreement, "technology access agreement", {}};
  tap.title = "technology access agreement";
  tap.dated = "2000-05-02";
  tap.expires = "2008-05-02";
  tap.term = "five-year, then one additional three-year term";
  tap.parties = {"org:genentech", "org:immunogen"};
  Entity mlnm{"ag:millennium-collab", EntityType::kAgreement, "collaboration agreement", {}};
  mlnm.dated = "2001-03";
  mlnm.parties = {"org:millennium", "org:immunogen"};
  s.entities = {immunogen, genentech, millennium, roche, sayare, tdm1, tap, mlnm};

  auto ev = [](std::string id, std::string type, std::string date, std::vector<Party> parties,
               std::string agreement, std::string summary, std::vector<Source> sources) {
    Event e;
    e.id = std::move(id);
    e.type = std::move(type);
    e.date = std::move(date);
    e.parties = std::move(parties);
    e.agreement_id = std::move(agreement);
    e.summary = std::move(summary);
    e.sources = std::move(sources);
    return e;
  };
  s.events.push_back(ev("ev:0000000000000001", "agreement.entered", "2000-05-02",
                        {P("org:genentech", "licensee"), P("org:immunogen", "licensor")},
                        "ag:genentech-tap", "five-year technology access agreement",
                        {Src("0000950135-00-002345", "5",
                             "ImmunoGen entered into a five-year technology access agreement "
                             "with Genentech on May 2, 2000.")}));
  Event renewal = ev("ev:0000000000000002", "agreement.renewed", "2005-05-03",
                     {P("org:genentech", "licensee"), P("org:immunogen", "licensor")},
                     "ag:genentech-tap", "renewed for one additional three-year term",
                     {Src("004_95bce008d3f773b5.txt", "8.01",
                          "Genentech (NYSE: DNA) has renewed its agreement with ImmunoGen, "
                          "dated as of May 2, 2000, by payment of a $2 million technology "
                          "access fee.")});
  renewal.amount = Money{2000000, "USD"};
  s.events.push_back(renewal);
  Event fee = ev("ev:0000000000000003", "payment", "2005-05-03",
                 {P("org:genentech", "payer"), P("org:immunogen", "payee")}, "ag:genentech-tap",
                 "technology access fee",
                 {Src("004_95bce008d3f773b5.txt", "8.01",
                      "Genentech (NYSE: DNA) has renewed its agreement with ImmunoGen, dated as "
                      "of May 2, 2000, by payment of a $2 million technology access fee.")});
  fee.amount = Money{2000000, "USD"};
  s.events.push_back(fee);
  s.events.push_back(ev("ev:0000000000000004", "license.granted", "2006-01-31",
                        {P("org:genentech", "licensee"), P("org:immunogen", "licensor")},
                        "ag:genentech-tap", "exclusive license to DM1 for HER2",
                        {Src("0001193125-06-019873", "8.01",
                             "Genentech has taken an exclusive license to use ImmunoGen's "
                             "maytansinoid technology with antibodies that target HER2.")}));
  s.events.push_back(ev("ev:0000000000000005", "regulatory", "2005-12",
                        {P("org:genentech", "sponsor")}, "", "IND for trastuzumab-DM1 effective",
                        {Src("0001193125-06-019873", "8.01",
                             "In December 2005, Genentech's IND for trastuzumab-DM1 became "
                             "effective.")}));
  s.events.push_back(ev("ev:0000000000000006", "agreement.entered", "2001-03",
                        {P("org:millennium"), P("org:immunogen")}, "ag:millennium-collab",
                        "collaboration agreement",
                        {Src("0000927016-01-500123", "5",
                             "In March 2001, ImmunoGen and Millennium entered into a "
                             "collaboration agreement.")}));
  Event milestone = ev("ev:0000000000000007", "payment", "2003-06-30",
                       {P("org:millennium", "payer"), P("org:immunogen", "payee")},
                       "ag:millennium-collab", "milestone payment",
                       {Src("0000927016-03-002001", "5",
                            "ImmunoGen earned a $500,000 milestone payment from Millennium.")});
  milestone.amount = Money{500000, "USD"};
  s.events.push_back(milestone);
  s.events.push_back(ev("ev:0000000000000008", "clinical", "", {P("org:immunogen", "sponsor")}, "",
                        "Phase I trial of huC242-DM4 expanded",
                        {Src("0001193125-06-100001", "8.01",
                             "ImmunoGen has expanded its Phase I trial of huC242-DM4.")}));
  s.events.push_back(ev("ev:0000000000000009", "agreement.amended", "",
                        {P("org:millennium"), P("org:immunogen")}, "ag:millennium-collab",
                        "terms amended",
                        {Src("0000927016-04-000777", "5",
                             "The companies amended the terms of their collaboration.")}));
  s.events.push_back(ev("ev:0000000000000010", "executive.change", "2006-07",
                        {P("org:immunogen"), P("person:mitchel-sayare", "chairman")}, "",
                        "Mitchel Sayare steps down as CEO",
                        {Src("0001193125-06-150000", "5.02",
                             "Mitchel Sayare will step down as Chief Executive Officer.")}));
  s.events.push_back(
      ev("ev:0000000000000011", "financial.results", "2006-08-09", {P("org:immunogen")}, "",
         "fiscal 2006 results",
         {Src("0001193125-06-160000", "2.02",
              "ImmunoGen reported results for its fiscal year ended June 30, 2006.")}));
  s.relations = {
      Relation{"subsidiary_of", "org:genentech", "org:roche", "", {}},
      Relation{"licensee_of", "org:genentech", "org:immunogen", "", {}},
      Relation{"officer_of", "person:mitchel-sayare", "org:immunogen", "Chairman and CEO", {}},
      Relation{"develops", "org:genentech", "product:t-dm1", "", {}},
  };
  return s;
}

// `n` events between the focus "org:focus" and a pool of partners, every
// event type, dates from 1998 to 2012 at mixed precision, about 5% undated,
// agreements with renewals. Deterministic for a seed.
GraphSlice SyntheticSlice(size_t n, uint32_t seed) {
  uint64_t state = seed * 2654435761u + 1;
  auto next = [&state](uint32_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state >> 33) % bound);
  };
  static const char* kTypes[] = {"agreement.entered",
                                 "agreement.renewed",
                                 "agreement.extended",
                                 "agreement.amended",
                                 "agreement.terminated",
                                 "license.granted",
                                 "payment",
                                 "regulatory",
                                 "clinical",
                                 "product.discontinued",
                                 "financial.results",
                                 "executive.change",
                                 "executive.compensation",
                                 "corporate.transaction",
                                 "control.change",
                                 "auditor.change",
                                 "financial.restatement",
                                 "governance.change",
                                 "shareholder.vote",
                                 "bankruptcy",
                                 "litigation"};
  GraphSlice s;
  s.entities.push_back(Entity{"org:focus", EntityType::kOrganization, "Focus Therapeutics", {}});
  size_t partners = std::max<size_t>(3, n / 12);
  for (size_t p = 0; p < partners; ++p) {
    s.entities.push_back(Entity{"org:p" + std::to_string(p),
                                EntityType::kOrganization,
                                "Partner Pharma " + std::to_string(p) + " Holdings",
                                {}});
  }
  size_t agreements = std::max<size_t>(1, n / 25);
  for (size_t a = 0; a < agreements; ++a) {
    Entity ag{"ag:a" + std::to_string(a),
              EntityType::kAgreement,
              "license agreement " + std::to_string(a),
              {}};
    int year = 1998 + static_cast<int>(next(10));
    ag.dated = std::to_string(year) + "-0" + std::to_string(1 + next(9)) + "-15";
    if (next(3) != 0) ag.expires = std::to_string(year + 2 + static_cast<int>(next(5))) + "-06-30";
    ag.parties = {"org:focus", "org:p" + std::to_string(a % partners)};
    s.entities.push_back(ag);
  }
  for (size_t i = 0; i < n; ++i) {
    Event e;
    char id[32];
    std::snprintf(id, sizeof id, "ev:%016zx", i + 1);
    e.id = id;
    e.type = kTypes[next(21)];
    int year = 1998 + static_cast<int>(next(15));
    int month = 1 + static_cast<int>(next(12));
    int day = 1 + static_cast<int>(next(28));
    char date[16];
    uint32_t precision = next(20);
    if (precision == 0) {
      e.date = "";
    } else if (precision == 1) {
      e.date = std::to_string(year);
    } else if (precision <= 3) {
      std::snprintf(date, sizeof date, "%04d-%02d", year, month);
      e.date = date;
    } else {
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
      e.date = date;
    }
    size_t partner = next(static_cast<uint32_t>(partners));
    e.parties = {Party{"org:focus", ""}};
    if (next(6) != 0) e.parties.push_back(Party{"org:p" + std::to_string(partner), "partner"});
    if (e.type.rfind("agreement.", 0) == 0 || next(4) == 0) {
      e.agreement_id = "ag:a" + std::to_string(next(static_cast<uint32_t>(agreements)));
    }
    if (e.type == "payment" || next(10) == 0) {
      e.amount = Money{static_cast<double>(1 + next(50000)) * 1000.0, "USD"};
    }
    e.summary = "synthetic " + e.type;
    e.sources = {Source{"0000000000-00-" + std::to_string(100000 + i), "8.01",
                        "Synthetic sentence number " + std::to_string(i) + " about " + e.type + ".",
                        ""}};
    s.events.push_back(std::move(e));
  }
  return s;
}

bool IsValidJson(std::string_view text) { return JsonChecker(text).Check(); }

// Parses `text` as XML without touching the network; "" when well-formed,
// else libxml2's message.
std::string XmlError(const std::string& text) {
  xmlResetLastError();
  xmlDocPtr doc =
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "mem.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (doc == nullptr) {
    const xmlError* err = xmlGetLastError();
    return err != nullptr && err->message != nullptr ? err->message : "unparseable";
  }
  xmlFreeDoc(doc);
  return "";
}

}  // namespace dealgraph::export_fixtures

using dealgraph::export_fixtures::ImmunoGenSlice;
using dealgraph::export_fixtures::IsValidJson;
using dealgraph::export_fixtures::SyntheticSlice;
using dealgraph::export_fixtures::XmlError;

TEST_CASE("export fixtures: the ImmunoGen slice names only entities it defines", "[export]") {
  dealgraph::GraphSlice s = ImmunoGenSlice();
  for (const dealgraph::Event& e : s.events) {
    for (const dealgraph::Party& p : e.parties) CHECK(s.Find(p.entity_id) != nullptr);
    if (!e.agreement_id.empty()) CHECK(s.Find(e.agreement_id) != nullptr);
  }
}

TEST_CASE("export fixtures: synthetic slices are deterministic for a seed", "[export]") {
  dealgraph::GraphSlice a = SyntheticSlice(50, 7);
  dealgraph::GraphSlice b = SyntheticSlice(50, 7);
  REQUIRE(a.events.size() == 50);
  for (size_t i = 0; i < a.events.size(); ++i) {
    CHECK(a.events[i].date == b.events[i].date);
    CHECK(a.events[i].type == b.events[i].type);
  }
}

TEST_CASE("export fixtures: the JSON checker accepts JSON and rejects near misses", "[export]") {
  CHECK(IsValidJson(R"({"a":[1,-2.5e3,"x\n",true,null,{}]})"));
  CHECK_FALSE(IsValidJson(R"({"a":1,})"));
  CHECK_FALSE(IsValidJson("{\"a\":\"raw\nnewline\"}"));
  CHECK_FALSE(IsValidJson(R"({"a":"\q"})"));
  CHECK(XmlError("<a><b/></a>").empty());
  CHECK_FALSE(XmlError("<a><b></a>").empty());
}
