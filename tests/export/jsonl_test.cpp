#include "export/jsonl.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::ImmunoGenSlice;
using export_fixtures::IsValidJson;

const Event& EventById(const GraphSlice& s, std::string_view id) {
  for (const Event& e : s.events) {
    if (e.id == id) return e;
  }
  FAIL("no event " << id);
  return s.events.front();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_CASE("jsonl: an event line has the events.md shape with canonical party names", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::string line;
  WriteEventJson(EventById(s, "ev:0000000000000002"), s, &line);
  CHECK(line ==
        R"({"id":"ev:0000000000000002","type":"agreement.renewed","date":"2005-05-03",)"
        R"("parties":[{"name":"Genentech","role":"licensee","id":"org:genentech"},)"
        R"({"name":"ImmunoGen","role":"licensor","id":"org:immunogen"}],)"
        R"("agreement":{"id":"ag:genentech-tap","name":"technology access agreement",)"
        R"("dated":"2000-05-02","expires":"2008-05-02"},)"
        R"("amount":{"value":2000000,"currency":"USD"},)"
        R"("summary":"renewed for one additional three-year term",)"
        R"("sources":[{"filing":"004_95bce008d3f773b5.txt","item":"8.01",)"
        R"("quote":"Genentech (NYSE: DNA) has renewed its agreement with ImmunoGen, dated as of )"
        R"(May 2, 2000, by payment of a $2 million technology access fee."}]})");
  CHECK(IsValidJson(line));
}

TEST_CASE("jsonl: an undated event has a null date and omits what it lacks", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::string line;
  WriteEventJson(EventById(s, "ev:0000000000000008"), s, &line);
  CHECK(line == R"({"id":"ev:0000000000000008","type":"clinical","date":null,)"
                R"("parties":[{"name":"ImmunoGen","role":"sponsor","id":"org:immunogen"}],)"
                R"("summary":"Phase I trial of huC242-DM4 expanded",)"
                R"("sources":[{"filing":"0001193125-06-100001","item":"8.01",)"
                R"("quote":"ImmunoGen has expanded its Phase I trial of huC242-DM4."}]})");
}

TEST_CASE("jsonl: typed slots are one object after the summary: entities by name and id, counts as numbers",
          "[export]") {
  GraphSlice s = ImmunoGenSlice();
  Event ev = EventById(s, "ev:0000000000000008");
  ev.slots = {Slot{"person", "Mitchel Sayare", "person:mitchel-sayare"}, Slot{"role", "Chief Executive Officer", ""},
              Slot{"effective", "2006-07-01", ""}, Slot{"jobs", "180", ""}};
  std::string line;
  WriteEventJson(ev, s, &line);
  CHECK(IsValidJson(line));
  INFO(line);
  // The person by the slice's canonical name, as a party is.
  CHECK(line.find(R"("summary":"Phase I trial of huC242-DM4 expanded","slots":{"person":{"name":)"
                  R"("Mitchel Sayare","id":"person:mitchel-sayare"},"role":"Chief Executive Officer",)"
                  R"("effective":"2006-07-01","jobs":180},"sources":)") != std::string::npos);
}

TEST_CASE("jsonl: a party or agreement missing from the slice falls back to its id", "[export]") {
  GraphSlice s;
  Event e;
  e.id = "ev:1";
  e.type = "payment";
  e.parties = {Party{"org:ghost", ""}};
  e.agreement_id = "ag:ghost";
  e.amount = Money{0.25, "USD", MoneyKind::kPerShare};
  s.events.push_back(e);
  std::string line;
  WriteEventJson(e, s, &line);
  CHECK(
      line ==
      R"({"id":"ev:1","type":"payment","date":null,"parties":[{"name":"org:ghost","id":"org:ghost"}],)"
      R"("agreement":{"id":"ag:ghost","name":"ag:ghost"},)"
      R"("amount":{"value":0.25,"currency":"USD","kind":"per_share","per_share":true},"sources":[]})");
  CHECK(IsValidJson(line));
}

TEST_CASE("jsonl: an entity line lists aliases and only the fields it has", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::string org;
  WriteEntityJson(*s.Find("org:genentech"), &org);
  CHECK(
      org ==
      R"({"id":"org:genentech","type":"organization","name":"Genentech","aliases":["Genentech, Inc.","DNA"]})");
  std::string ag;
  WriteEntityJson(*s.Find("ag:genentech-tap"), &ag);
  CHECK(ag == R"({"id":"ag:genentech-tap","type":"agreement","name":"technology access agreement",)"
              R"("aliases":[],"title":"technology access agreement","dated":"2000-05-02",)"
              R"("expires":"2008-05-02","term":"five-year, then one additional three-year term",)"
              R"("parties":["org:genentech","org:immunogen"]})");
}

TEST_CASE("jsonl: a relation line carries type, ends and role", "[export]") {
  std::string line;
  WriteRelationJson(Relation{"officer_of", "person:x", "org:y", "Chairman and CEO", {}}, &line);
  CHECK(line ==
        R"({"type":"officer_of","from":"person:x","to":"org:y","role":"Chairman and CEO"})");
}

TEST_CASE("jsonl: hostile strings are escaped and every record stays on one line", "[export]") {
  GraphSlice s;
  Entity acme{
      "org:acme", EntityType::kOrganization, HostileName(), {"back\\slash \xC3\xA9t\xC3\xA9"}};
  s.entities.push_back(acme);
  Event e;
  e.id = "ev:2";
  e.type = "litigation";
  e.date = "2007";
  e.parties = {Party{"org:acme", "defendant"}};
  e.sources = {
      Source{"f.txt", "", std::string("quote with \"quotes\",\ttab\r\nand \x01 control"), ""}};
  s.events.push_back(e);

  std::ostringstream events, entities;
  REQUIRE(WriteEventsJsonl(s, events).ok());
  REQUIRE(WriteEntitiesJsonl(s, entities).ok());
  for (const std::string& text : {events.str(), entities.str()}) {
    std::vector<std::string> lines = Lines(text);
    REQUIRE(lines.size() == 1);
    CHECK(IsValidJson(lines[0]));
    CHECK(lines[0].find(R"("Acme \"Bio\", Inc.\n<script>&")") != std::string::npos);
  }
  CHECK(events.str().find(R"(quote with \"quotes\",\ttab\r\nand \u0001 control)") !=
        std::string::npos);
  CHECK(entities.str().find(R"(["back\\slash été"])") != std::string::npos);
}

TEST_CASE("jsonl: the stream writers write one line per record", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream events, entities, relations;
  REQUIRE(WriteEventsJsonl(s, events).ok());
  REQUIRE(WriteEntitiesJsonl(s, entities).ok());
  REQUIRE(WriteRelationsJsonl(s, relations).ok());
  CHECK(Lines(events.str()).size() == s.events.size());
  CHECK(Lines(entities.str()).size() == s.entities.size());
  CHECK(Lines(relations.str()).size() == s.relations.size());
  for (const std::string& l : Lines(events.str())) CHECK(IsValidJson(l));
}

TEST_CASE("jsonl: a failed stream is an IoError", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Status st = WriteEventsJsonl(s, out);
  CHECK(st.code() == StatusCode::kIoError);
}

}  // namespace
}  // namespace dealgraph
