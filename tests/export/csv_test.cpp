#include "export/csv.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "export/export_util.h"
#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::ImmunoGenSlice;
using Table = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: fails the test on malformed quoting.
Table ParseCsv(std::string_view text, std::string_view eol) {
  Table rows;
  std::vector<std::string> row;
  std::string field;
  size_t i = 0;
  bool quoted = false;
  bool field_started = false;
  while (i < text.size()) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        bool at_end = i == text.size() || text[i] == ',' || text.substr(i, eol.size()) == eol;
        REQUIRE(at_end);
        continue;
      }
      field.push_back(c);
      ++i;
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      ++i;
      continue;
    }
    if (c == ',') {
      row.push_back(field);
      field.clear();
      field_started = false;
      ++i;
      continue;
    }
    if (text.substr(i, eol.size()) == eol) {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      field_started = false;
      i += eol.size();
      continue;
    }
    REQUIRE(c != '"');
    REQUIRE(c != '\n');
    REQUIRE(c != '\r');
    field.push_back(c);
    field_started = true;
    ++i;
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(row.empty());
  REQUIRE(field.empty());
  return rows;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("csv: a hostile name round-trips through RFC 4180 quoting", "[export]") {
  GraphSlice s;
  Entity acme{"org:acme", EntityType::kOrganization, HostileName(), {" leading space", "a,b"}};
  s.entities.push_back(acme);
  std::ostringstream out;
  REQUIRE(WriteEntitiesCsv(s, out).ok());
  Table t = ParseCsv(out.str(), "\r\n");
  REQUIRE(t.size() == 2);
  CHECK(t[1][0] == "org:acme");
  CHECK(t[1][2] == HostileName());
  CHECK(t[1][3] == " leading space;a,b");
  CHECK(out.str().find("\"Acme \"\"Bio\"\", Inc.\n<script>&\"") != std::string::npos);
}

TEST_CASE("csv: a cell a spreadsheet would run gets a leading quote, numbers stay numbers", "[export]") {
  for (const char* f : {"=HYPERLINK(\"http://x.test\",\"Acme\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
                        "\t=1", "\r=1", "-", "+", "=", "-1e", "-1.2.3", "- 5", "+.e1"}) {
    INFO(f);
    CHECK(IsCsvFormula(f));
    std::string cell;
    AppendCsvField(&cell, f);
    CHECK(cell.substr(0, cell.front() == '"' ? 2 : 1) == (cell.front() == '"' ? "\"'" : "'"));
  }
  for (const char* n : {"-5", "+1.5", "-2.5e6", "-.5", "+3.", "-1E+07", "Acme", "", "1=1", "a-b"}) {
    INFO(n);
    CHECK_FALSE(IsCsvFormula(n));
    std::string cell;
    AppendCsvField(&cell, n);
    CHECK(cell == n);
  }
  // In every CSV writer: entities, events (parties), Neo4j nodes.
  GraphSlice s = ImmunoGenSlice();
  const std::string formula = "=HYPERLINK(\"http://x.test\",\"Acme\")";
  for (Entity& e : s.entities) {
    if (e.id == "org:genentech") e.name = formula;
  }
  std::ostringstream entities, events, ent, ev, rel;
  REQUIRE(WriteEntitiesCsv(s, entities).ok());
  REQUIRE(WriteEventsCsv(s, events).ok());
  REQUIRE(WriteNeo4jCsv(s, Neo4jSinks{&ent, &ev, &rel}).ok());
  bool in_entities = false, in_neo4j = false;
  for (const auto& row : ParseCsv(entities.str(), "\r\n")) in_entities |= row[0] == "org:genentech" && row[2] == "'" + formula;
  for (const auto& row : ParseCsv(ent.str(), "\n")) in_neo4j |= row[0] == "org:genentech" && row[2] == "'" + formula;
  CHECK(in_entities);
  CHECK(in_neo4j);
  for (const auto& [text, eol] : {std::pair{entities.str(), "\r\n"}, std::pair{events.str(), "\r\n"},
                                  std::pair{ent.str(), "\n"}, std::pair{ev.str(), "\n"}, std::pair{rel.str(), "\n"}}) {
    for (const auto& row : ParseCsv(text, eol)) {
      for (const std::string& cell : row) CHECK((cell.empty() || cell.front() != '='));
    }
  }
}

TEST_CASE("csv: events have one row per event with the documented columns", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  REQUIRE(WriteEventsCsv(s, out).ok());
  Table t = ParseCsv(out.str(), "\r\n");
  REQUIRE(t.size() == s.events.size() + 1);
  CHECK(t[0] == std::vector<std::string>{"id", "type", "date", "parties", "roles", "agreement", "amount",
                                         "currency", "amount_kind", "amount_high", "unit", "filings", "quote"});
  // The renewal: ;-joined canonical names and their roles in that order, the
  // agreement's name, a plain amount that is a total.
  CHECK(t[2] == std::vector<std::string>{
                    "ev:0000000000000002", "agreement.renewed", "2005-05-03", "Genentech;ImmunoGen",
                    "licensee;licensor", "technology access agreement", "2000000", "USD", "total", "", "",
                    "004_95bce008d3f773b5.txt",
                    "Genentech (NYSE: DNA) has renewed its agreement with ImmunoGen, dated as of "
                    "May 2, 2000, by payment of a $2 million technology access fee."});
  // The undated clinical event: empty date, no agreement, no amount, no amount kind.
  CHECK(t[8][2].empty());
  CHECK(t[8][5].empty());
  CHECK(t[8][6].empty());
  CHECK(t[8][8].empty());
  for (const auto& row : t) CHECK(row.size() == 13);
}

TEST_CASE("csv: a per-share amount says so, a party without a role leaves its place empty", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  Event biogen = s.events.front();
  biogen.amount = Money{172.5, "USD", MoneyKind::kPerShare};
  biogen.parties = {Party{"org:genentech", ""}, Party{"org:immunogen", "payee"}};
  s.events = {biogen};
  std::ostringstream out;
  REQUIRE(WriteEventsCsv(s, out).ok());
  Table t = ParseCsv(out.str(), "\r\n");
  REQUIRE(t.size() == 2);
  CHECK(t[1][4] == ";payee");
  CHECK(t[1][6] == "172.5");
  CHECK(t[1][8] == "per_share");
  CHECK(t[1][9].empty());
}

TEST_CASE("csv: a range keeps its high end, a rate its unit, a cap and a promise their kind", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  Event base = s.events.front();
  std::vector<Money> forms = {Money{14e6, "USD", MoneyKind::kTotal, 16e6},
                              Money{16780, "USD", MoneyKind::kPerUnit, 0, "month"},
                              Money{1.5e9, "USD", MoneyKind::kUpTo}, Money{4e7, "USD", MoneyKind::kContingent}};
  s.events.clear();
  for (const Money& m : forms) {
    s.events.push_back(base);
    s.events.back().amount = m;
  }
  std::ostringstream out;
  REQUIRE(WriteEventsCsv(s, out).ok());
  Table t = ParseCsv(out.str(), "\r\n");
  REQUIRE(t.size() == 5);
  CHECK(std::vector<std::string>(t[1].begin() + 6, t[1].begin() + 11) ==
        std::vector<std::string>{"14000000", "USD", "total", "16000000", ""});
  CHECK(std::vector<std::string>(t[2].begin() + 6, t[2].begin() + 11) ==
        std::vector<std::string>{"16780", "USD", "per_unit", "", "month"});
  CHECK(t[3][8] == "up_to");
  CHECK(t[4][8] == "contingent");
}

TEST_CASE("amounts: labels and tooltips say what a figure is", "[export]") {
  CHECK(FormatMoneyShort(Money{2e6, "USD"}) == "$2.0M");
  CHECK(FormatMoneyLong(Money{2e6, "USD"}) == "$2,000,000 (USD)");
  CHECK(FormatMoneyShort(Money{172.5, "USD", MoneyKind::kPerShare}) == "$172.50/share");
  CHECK(FormatMoneyLong(Money{0.0625, "USD", MoneyKind::kPerShare}) == "$0.0625 per share (USD)");
  CHECK(FormatMoneyShort(Money{14e6, "USD", MoneyKind::kTotal, 16e6}) == "$14.0M\xE2\x80\x93$16.0M");
  CHECK(DescribeAmount(Money{14e6, "USD", MoneyKind::kTotal, 16e6}, false) == "$14,000,000\xE2\x80\x93$16,000,000");
  CHECK(DescribeAmount(Money{16780, "USD", MoneyKind::kPerUnit, 0, "month"}, false) == "$16,780 per month");
  CHECK(FormatMoneyShort(Money{16780, "USD", MoneyKind::kPerUnit, 0, "month"}) == "$17K/month");
  CHECK(FormatMoneyShort(Money{1.5e9, "USD", MoneyKind::kUpTo}) == "up to $1.5B");
  CHECK(DescribeAmount(Money{4e7, "EUR", MoneyKind::kContingent}, false) == "\xE2\x82\xAC" "40,000,000 (contingent)");
}

TEST_CASE("csv: edges list party_of, concerns, signatory_of and relations", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  REQUIRE(WriteEdgesCsv(s, out).ok());
  Table t = ParseCsv(out.str(), "\r\n");
  REQUIRE(!t.empty());
  CHECK(t[0] == std::vector<std::string>{"source", "target", "type", "role"});
  auto has = [&](std::vector<std::string> row) {
    return std::find(t.begin(), t.end(), row) != t.end();
  };
  CHECK(has({"org:genentech", "ev:0000000000000002", "party_of", "licensee"}));
  CHECK(has({"ev:0000000000000002", "ag:genentech-tap", "concerns", ""}));
  CHECK(has({"org:immunogen", "ag:genentech-tap", "signatory_of", ""}));
  CHECK(has({"org:genentech", "org:roche", "subsidiary_of", ""}));
  CHECK(has({"person:mitchel-sayare", "org:immunogen", "officer_of", "Chairman and CEO"}));
}

TEST_CASE("neo4j csv: headers are exactly the documented ones", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream ent, ev, rel;
  REQUIRE(WriteNeo4jCsv(s, Neo4jSinks{&ent, &ev, &rel}).ok());
  auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  CHECK(first_line(ent.str()) ==
        "id:ID(Entity),:LABEL,name,aliases:string[],cik,title,dated,expires,term");
  CHECK(first_line(ev.str()) ==
        "id:ID(Entity),:LABEL,type,date,summary,amount:double,currency,per_share:boolean,"
        "amount_kind,amount_high:double,filings:string[],quote");
  CHECK(first_line(rel.str()) == ":START_ID(Entity),:END_ID(Entity),:TYPE,role");

  // docs/export.md shows the same headers and the import command.
  std::string doc = ReadFile(std::string(DEALGRAPH_SOURCE_DIR) + "/docs/export.md");
  CHECK(doc.find(std::string(kNeo4jEntityNodesHeader)) != std::string::npos);
  CHECK(doc.find(std::string(kNeo4jEventNodesHeader)) != std::string::npos);
  CHECK(doc.find(std::string(kNeo4jRelationshipsHeader)) != std::string::npos);
  CHECK(doc.find("neo4j-admin database import full") != std::string::npos);
  CHECK(doc.find("--nodes=import/entity_nodes.csv") != std::string::npos);
  CHECK(doc.find("--nodes=import/event_nodes.csv") != std::string::npos);
  CHECK(doc.find("--relationships=import/relationships.csv") != std::string::npos);
}

TEST_CASE("neo4j csv: nodes and relationships of the ImmunoGen slice", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  s.relations.push_back(Relation{"director_of", "person:ghost", "org:immunogen", "", {}});
  std::ostringstream ent, ev, rel;
  REQUIRE(WriteNeo4jCsv(s, Neo4jSinks{&ent, &ev, &rel}).ok());
  Table nodes = ParseCsv(ent.str(), "\n");
  Table events = ParseCsv(ev.str(), "\n");
  Table rels = ParseCsv(rel.str(), "\n");
  // Every entity, plus a bare node for the id only a relation names.
  REQUIRE(nodes.size() == 1 + s.entities.size() + 1);
  CHECK(nodes[2] == std::vector<std::string>{"org:genentech", "Entity;Organization", "Genentech",
                                             "Genentech, Inc.;DNA", "", "", "", "", ""});
  CHECK(nodes.back() ==
        std::vector<std::string>{"person:ghost", "Entity", "person:ghost", "", "", "", "", "", ""});
  REQUIRE(events.size() == 1 + s.events.size());
  CHECK(events[3][0] == "ev:0000000000000003");
  CHECK(events[3][1] == "Event");
  CHECK(events[3][5] == "2000000");
  CHECK(events[3][6] == "USD");
  CHECK(events[3][7] == "false");
  CHECK(events[8][5].empty());  // no amount: no property
  auto has = [&](std::vector<std::string> row) {
    return std::find(rels.begin(), rels.end(), row) != rels.end();
  };
  CHECK(has({"org:genentech", "ev:0000000000000002", "PARTY_OF", "licensee"}));
  CHECK(has({"ev:0000000000000002", "ag:genentech-tap", "CONCERNS", ""}));
  CHECK(has({"org:genentech", "ag:genentech-tap", "SIGNATORY_OF", ""}));
  CHECK(has({"org:genentech", "org:roche", "SUBSIDIARY_OF", ""}));
  CHECK(has({"org:genentech", "org:immunogen", "LICENSEE_OF", ""}));
  CHECK(has({"person:mitchel-sayare", "org:immunogen", "OFFICER_OF", "Chairman and CEO"}));
  CHECK(has({"org:genentech", "product:t-dm1", "DEVELOPS", ""}));
  for (const auto& r : rels) CHECK(r.size() == 4);
}

TEST_CASE("neo4j csv: newlines are folded and a semicolon cannot split an array element", "[export]") {
  GraphSlice s;
  s.entities.push_back(
      Entity{"org:acme", EntityType::kOrganization, HostileName(), {"Acme; the company", "ACME"}});
  std::ostringstream ent, ev, rel;
  REQUIRE(WriteNeo4jCsv(s, Neo4jSinks{&ent, &ev, &rel}).ok());
  Table nodes = ParseCsv(ent.str(), "\n");
  REQUIRE(nodes.size() == 2);
  CHECK(nodes[1][2] == "Acme \"Bio\", Inc. <script>&");
  CHECK(nodes[1][3] == "Acme, the company;ACME");
}

TEST_CASE("neo4j csv: relationship types are upper-cased identifiers", "[export]") {
  CHECK(Neo4jRelationshipType("subsidiary_of") == "SUBSIDIARY_OF");
  CHECK(Neo4jRelationshipType("co-develops with") == "CO_DEVELOPS_WITH");
  CHECK(Neo4jRelationshipType("") == "RELATED_TO");
}

TEST_CASE("csv: the file sink is asked for each documented file in turn", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::map<std::string, std::unique_ptr<std::ostringstream>> files;
  FileSink sink = [&](std::string_view name) -> std::ostream& {
    auto& slot = files[std::string(name)];
    slot = std::make_unique<std::ostringstream>();
    return *slot;
  };
  REQUIRE(WriteNeo4jImportFiles(s, sink).ok());
  REQUIRE(WriteCsvFiles(s, sink).ok());
  std::vector<std::string> names;
  for (const auto& [name, stream] : files) names.push_back(name);
  CHECK(names == std::vector<std::string>{"edges.csv", "entities.csv", "entity_nodes.csv",
                                          "event_nodes.csv", "events.csv", "relationships.csv"});
  CHECK(files["relationships.csv"]->str().rfind(":START_ID(Entity)", 0) == 0);
  CHECK(files["events.csv"]->str().rfind("id,type,date,", 0) == 0);
}

TEST_CASE("csv: a sink that cannot open a file makes the export an IoError", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream bad;
  bad.setstate(std::ios::failbit);
  FileSink sink = [&](std::string_view) -> std::ostream& { return bad; };
  Status st = WriteNeo4jImportFiles(s, sink);
  CHECK(st.code() == StatusCode::kIoError);
  CHECK(st.message().find("entity_nodes.csv") != std::string::npos);
  CHECK(WriteCsvFiles(s, FileSink()).code() == StatusCode::kInvalidArgument);
  CHECK(WriteNeo4jCsv(s, Neo4jSinks{}).code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dealgraph
