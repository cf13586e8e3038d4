// Shared helpers for tests that read the bundled filings under data/.
#ifndef DEALGRAPH_TESTS_TEST_DATA_H_
#define DEALGRAPH_TESTS_TEST_DATA_H_

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "graph/model.h"
#include "ingest/document.h"
#include "ingest/extract/extractor.h"
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

// The four seed filings.
inline constexpr char kSeed000[] = "filings/000_005fa54bed851147.txt";
inline constexpr char kSeed001[] = "filings/001_d2b176b1605cc666.txt";
inline constexpr char kSeed002[] = "filings/002_97b655c738bd150f.txt";
inline constexpr char kSeed004[] = "filings/004_95bce008d3f773b5.txt";

// Reads and extracts a bundled filing; fails the test on any error.
inline FilingExtract Extract(std::string_view rel) {
  Document doc = ReadOk(rel);
  Result<FilingExtract> x = ExtractFiling(doc);
  INFO(rel << ": " << x.status().message());
  REQUIRE(x.ok());
  return std::move(x).value();
}

// A unique path under the system temp dir, removed with everything in it
// when the test ends. The directory itself is created by Sub() (or by
// whoever opens a store there).
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             ("dealgraph-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd())))
                .string();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // A path inside the directory (which is created if needed).
  std::string Sub(std::string_view name) const {
    std::filesystem::create_directories(path_);
    return (std::filesystem::path(path_) / std::string(name)).string();
  }

 private:
  std::string path_;
};

}  // namespace dealgraph

#endif  // DEALGRAPH_TESTS_TEST_DATA_H_
