// Tests of the command line (cli/cli.h), run in-process through RunCli with
// string streams, against a real store in a fresh temp dir.
#include "cli/cli.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

// A unique directory under the system temp dir, removed when the test ends.
struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs `dealgraph ARGS...` in-process.
CliRun Run(std::vector<std::string> args) {
  args.insert(args.begin(), "dealgraph");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  CliRun r;
  r.code = RunCli(static_cast<int>(args.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Contains(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

// A temp dir holding a store with the four seed filings ingested.
class SeedStore {
 public:
  SeedStore() : db_(dir_.Sub("graph.db")) {
    CliRun r = Run({"ingest", "--db", db_, DataPath("filings")});
    INFO(r.out << r.err);
    REQUIRE(r.code == 0);
  }
  const std::string& db() const { return db_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::string db_;
};

TEST_CASE("cli: ingest of the seed filings succeeds and reports 4 filings", "[cli]") {
  TempDir dir;
  std::string db = dir.Sub("graph.db");
  CliRun r = Run({"ingest", "--db", db, DataPath("filings")});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "4 filings"));
  CHECK(Contains(r.out, "ingested 4 of 4 files (0 unchanged, 0 skipped, 0 failed)"));
  CHECK(r.err.empty());
  CHECK(fs::is_directory(db));
  // Again: nothing new.
  CliRun again = Run({"ingest", "--db", db, DataPath("filings")});
  CHECK(again.code == 0);
  CHECK(Contains(again.out, "(4 unchanged, 0 skipped, 0 failed)"));
  CHECK(Contains(again.out, "4 filings"));
}

TEST_CASE("cli: history of ImmunoGen and Genentech lists its events oldest first", "[cli]") {
  SeedStore s;
  CliRun r = Run({"history", "--db", s.db(), "ImmunoGen", "Genentech"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0].rfind("History of ImmunoGen and Genentech: ", 0) == 0);
  std::vector<std::string> dates;
  for (const std::string& line : lines) {
    if (!line.empty() && line[0] >= '0' && line[0] <= '9') dates.push_back(line.substr(0, line.find(' ')));
  }
  REQUIRE(dates.size() >= 5);
  CHECK(std::is_sorted(dates.begin(), dates.end()));
  CHECK(dates.front().rfind("2000", 0) == 0);
  CHECK(Contains(r.out, "2005-05-03  agreement.renewed"));
  CHECK(Contains(r.out, "source 004_95bce008d3f773b5.txt"));
  CHECK(lines[0] == "History of ImmunoGen and Genentech: " + std::to_string(dates.size()) + " events");
}

TEST_CASE("cli: agreements Genentech renewed shows the 2000-05-02 agreement running to 2008-05-02", "[cli]") {
  SeedStore s;
  CliRun r = Run({"agreements", "--db", s.db(), "--party", "Genentech", "--action", "renewed"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(Contains(r.out, "2000-05-02"));
  CHECK(Contains(r.out, "2008-05-02"));
  CHECK(Contains(r.out, "2005-05-03  renewed"));
  CHECK(Contains(r.out, "$2,000,000"));
  // Millennium renewed nothing: exit 1 and a sentence saying so.
  CliRun none = Run({"agreements", "--db", s.db(), "--party", "Millennium", "--action", "renewed"});
  CHECK(none.code == 1);
  CHECK(Contains(none.out, "No agreements of Millennium Pharmaceuticals renewed."));
}

TEST_CASE("cli: events --format jsonl writes one JSON object per line with a type and sources", "[cli]") {
  SeedStore s;
  CliRun r = Run({"events", "--db", s.db(), "--format", "jsonl"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() >= 10);
  for (const std::string& line : lines) {
    INFO(line);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    REQUIRE(j.is_object());
    REQUIRE(j.contains("type"));
    CHECK(j["type"].is_string());
    REQUIRE(j.contains("sources"));
    CHECK(j["sources"].is_array());
    CHECK_FALSE(j["sources"].empty());
  }
}

TEST_CASE("cli: entities --format csv lists every entity once, as jsonl does, with or without --type", "[cli]") {
  SeedStore store;
  for (std::vector<std::string> extra : {std::vector<std::string>{}, std::vector<std::string>{"--type", "organization"}}) {
    std::vector<std::string> csv_args = {"entities", "--db", store.db(), "--format", "csv"};
    std::vector<std::string> json_args = {"entities", "--db", store.db(), "--format", "jsonl"};
    csv_args.insert(csv_args.end(), extra.begin(), extra.end());
    json_args.insert(json_args.end(), extra.begin(), extra.end());
    CliRun csv = Run(csv_args), json = Run(json_args);
    REQUIRE(csv.code == 0);
    REQUIRE(json.code == 0);
    std::vector<std::string> rows = Lines(csv.out), objects = Lines(json.out);
    REQUIRE(rows.size() >= 2);
    CHECK(rows[0] == "id,type,name,aliases,cik,title,dated,expires,term,parties\r");
    CHECK(rows.size() == objects.size() + 1);
    // Row i is entity i of the JSON listing: same id, same type.
    for (size_t i = 0; i < objects.size() && i + 1 < rows.size(); ++i) {
      nlohmann::json e = nlohmann::json::parse(objects[i]);
      std::string id = e["id"], type = e["type"];
      CHECK(rows[i + 1].rfind(id + "," + type + ",", 0) == 0);
      if (!extra.empty()) CHECK(type == "organization");
    }
    CHECK(Contains(csv.out, "org:genentech,organization,Genentech,"));
  }
}

TEST_CASE("cli: --help on every subcommand prints its usage and exits 0", "[cli]") {
  for (const char* sub : {"ingest", "remove", "filings", "entities", "events", "history", "agreements", "export",
                          "eval", "partners", "path", "central", "inspect"}) {
    INFO(sub);
    CliRun r = Run({sub, "--help"});
    CHECK(r.code == 0);
    CHECK(Contains(r.out, sub));
    CHECK(r.err.empty());
  }
  CliRun top = Run({"--help"});
  CHECK(top.code == 0);
  CHECK(Contains(top.out, "history"));
}

TEST_CASE("cli: an unknown subcommand, or none, is a usage error (exit 2)", "[cli]") {
  CliRun r = Run({"frobnicate"});
  CHECK(r.code == 2);
  CHECK_FALSE(r.err.empty());
  CHECK(r.out.empty());
  CliRun none = Run({});
  CHECK(none.code == 2);
  CHECK_FALSE(none.err.empty());
}

TEST_CASE("cli: agreements --action bogus is a usage error that names the action", "[cli]") {
  SeedStore s;
  CliRun r = Run({"agreements", "--db", s.db(), "--party", "Genentech", "--action", "bogus"});
  CHECK(r.code == 2);
  CHECK(Contains(r.err, "bogus"));
  CHECK(Contains(r.err, "renewed"));  // says what is allowed
  CHECK(r.out.empty());
}

TEST_CASE("cli: ingesting an empty file gives one error line naming it and exit 1", "[cli]") {
  TempDir dir;
  std::string empty = dir.Sub("empty.txt");
  { std::ofstream f(empty, std::ios::binary); }
  REQUIRE(fs::file_size(empty) == 0);
  CliRun r = Run({"ingest", "--db", dir.Sub("graph.db"), empty});
  CHECK(r.code == 1);
  std::vector<std::string> lines = Lines(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(Contains(lines[0], "empty.txt"));
  CHECK(Contains(lines[0], "empty file"));
  CHECK(Contains(r.out, "ingested 0 of 1 files (0 unchanged, 0 skipped, 1 failed)"));
}

TEST_CASE("cli: bad inputs beside good ones: one line each, the good ones stored", "[cli]") {
  TempDir dir;
  fs::create_directories(dir.Sub("in"));
  { std::ofstream f(dir.Sub("in/empty.txt"), std::ios::binary); }
  fs::copy_file(DataPath("filings/000_005fa54bed851147.txt"), dir.Sub("in/good.txt"));
  CliRun r = Run({"ingest", "--db", dir.Sub("graph.db"), dir.Sub("in"), dir.Sub("missing.txt")});
  CHECK(r.code == 1);
  std::vector<std::string> lines = Lines(r.err);
  CHECK(lines.size() == 2);
  CHECK(Contains(r.err, "empty.txt"));
  CHECK(Contains(r.err, "missing.txt"));
  CHECK_FALSE(Contains(r.err, "good.txt"));
  CHECK(Contains(r.out, "ingested 1 of 3 files"));
}

TEST_CASE("cli: --db is accepted after every subcommand that uses the store", "[cli]") {
  SeedStore s;
  const std::string& db = s.db();
  const std::string gold = DataPath("gold/seeds.json");
  std::vector<std::vector<std::string>> commands = {
      {"ingest", "--db", db, DataPath("filings")},
      {"filings", "--db", db},
      {"entities", "--db", db},
      {"events", "--db", db},
      {"history", "--db", db, "ImmunoGen"},
      {"agreements", "--db", db, "--party", "Genentech"},
      {"export", "--db", db, "events"},
      {"eval", "--db", db, "--gold", gold},
      {"partners", "--db", db, "Genentech"},
      {"path", "--db", db, "Vernalis", "Genentech"},
      {"central", "--db", db},
      {"remove", "--db", db, "004_95bce008d3f773b5.txt"},
  };
  for (const auto& c : commands) {
    INFO(c[0]);
    CliRun r = Run(c);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK_FALSE(Contains(r.err, "--db"));
    CHECK_FALSE(r.out.empty());
  }
  // The store the commands read is the one --db named: 3 filings remain.
  CliRun f = Run({"filings", "--db", db});
  CHECK(Lines(f.out).size() == 1 + 3);
  CHECK_FALSE(Contains(f.out, "004_95bce008d3f773b5.txt"));
}

TEST_CASE("cli: the path from Vernalis to Genentech goes through ImmunoGen", "[cli]") {
  SeedStore s;
  CliRun r = Run({"path", "--db", s.db(), "Vernalis", "Genentech"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "Vernalis");
  std::vector<std::string> hops;
  for (const std::string& line : lines) {
    if (line.rfind("  -> ", 0) == 0) hops.push_back(line.substr(5, line.find("  (") - 5));
  }
  CHECK(hops == std::vector<std::string>{"ImmunoGen", "Genentech"});
}

// `history` cites filings by file name (DisplaySources); `path` lists the
// events of each hop with their filing too, and users know a plain-text
// filing by its file name, not by the store's internal "sha:" id.
TEST_CASE("cli: path cites each event's filing by the name users know it by", "[cli]") {
  SeedStore s;
  CliRun r = Run({"path", "--db", s.db(), "Vernalis", "Genentech"});
  REQUIRE(r.code == 0);
  INFO(r.out);
  CHECK_FALSE(Contains(r.out, "[sha:"));
  CHECK(Contains(r.out, "[001_d2b176b1605cc666.txt]"));
}

TEST_CASE("cli: partners of Genentech lists ImmunoGen first", "[cli]") {
  SeedStore s;
  CliRun r = Run({"partners", "--db", s.db(), "Genentech"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "Partners of Genentech");
  CHECK(lines[1].rfind("PARTNER", 0) == 0);
  CHECK(lines[2].rfind("ImmunoGen ", 0) == 0);
}

TEST_CASE("cli: an entity nobody filed about is reported and exits 1", "[cli]") {
  SeedStore s;
  CliRun r = Run({"history", "--db", s.db(), "Pfizer"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "Pfizer"));
  CHECK(r.out.empty());
  CliRun bad_date = Run({"events", "--db", s.db(), "--from", "May 2005"});
  CHECK(bad_date.code == 2);
  CHECK(Contains(bad_date.err, "YYYY"));
}

TEST_CASE("cli: --version prints the version", "[cli]") {
  CliRun r = Run({"--version"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, DEALGRAPH_VERSION));
}

}  // namespace
}  // namespace dealgraph
