// Shared helpers for tests that read the bundled filings under data/.
#ifndef DEALGRAPH_TESTS_TEST_DATA_H_
#define DEALGRAPH_TESTS_TEST_DATA_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "ingest/document.h"
#include "ingest/reader.h"

namespace dealgraph {

// Absolute path of a file under data/ ("filings/000_....txt").
inline std::string DataPath(std::string_view rel) { return std::string(DEALGRAPH_DATA_DIR) + "/" + std::string(rel); }

// The bytes of a file; fails the test when it cannot be read.
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO(path);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "dev/<name>" of the dev filing whose name starts with `prefix` ("06_").
inline std::string DevFile(std::string_view prefix) {
  for (const auto& e : std::filesystem::directory_iterator(DataPath("dev"))) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) return "dev/" + name;
  }
  FAIL("no dev file starts with " << prefix);
  return "";
}

// Every bundled filing, "filings/..." and "dev/...", sorted.
inline std::vector<std::string> AllFilings() {
  std::vector<std::string> out;
  for (const char* dir : {"filings", "dev"}) {
    for (const auto& e : std::filesystem::directory_iterator(DataPath(dir))) {
      std::string name = e.path().filename().string();
      if (!e.is_regular_file() || name == "MANIFEST.tsv") continue;
      out.push_back(std::string(dir) + "/" + name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Reads a bundled filing with ReadFiling; fails the test when it is refused.
inline Document ReadOk(std::string_view rel) {
  std::string path = DataPath(rel);
  Result<Document> doc = ReadFiling(std::filesystem::path(path).filename().string(), Slurp(path));
  INFO(rel << ": " << doc.status().message());
  REQUIRE(doc.ok());
  return std::move(doc).value();
}

}  // namespace dealgraph

#endif  // DEALGRAPH_TESTS_TEST_DATA_H_
