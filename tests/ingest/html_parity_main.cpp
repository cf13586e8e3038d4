// html_parity FILE|FOLDER...: reads every filing twice, with dealgraph's HTML
// parser and with the libxml2 reference (HtmlToTextReference), and reports
// each filing whose text differs, with the first line that does. Exit 1 when
// any does. Also prints the time each took (reading whole filings: SGML and
// plain text filings count in both).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/html_reader.h"
#include "ingest/reader.h"

namespace fs = std::filesystem;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t line = 1, start = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] != b[i]) break;
    if (a[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  auto line_of = [&](const std::string& s) {
    size_t end = s.find('\n', start);
    return s.substr(start, end == std::string::npos ? std::string::npos : end - start);
  };
  return "line " + std::to_string(line) + "\n    ours:      " + line_of(a) +
         "\n    reference: " + line_of(b);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path().string());
      }
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  size_t differ = 0;
  double ours_s = 0, ref_s = 0;
  for (const std::string& path : files) {
    std::string bytes = Slurp(path);
    auto t0 = std::chrono::steady_clock::now();
    auto ours = dealgraph::ReadFiling(path, bytes);
    auto t1 = std::chrono::steady_clock::now();
    dealgraph::Result<dealgraph::Document> ref = dealgraph::Status::Internal("unset");
    {
      dealgraph::ScopedReferenceHtmlParser reference;
      ref = dealgraph::ReadFiling(path, bytes);
    }
    auto t2 = std::chrono::steady_clock::now();
    ours_s += std::chrono::duration<double>(t1 - t0).count();
    ref_s += std::chrono::duration<double>(t2 - t1).count();
    if (ours.ok() != ref.ok()) {
      ++differ;
      std::printf("%s: ours %s, reference %s\n", path.c_str(),
                  ours.ok() ? "ok" : ours.status().message().c_str(),
                  ref.ok() ? "ok" : ref.status().message().c_str());
      continue;
    }
    if (!ours.ok()) continue;
    if (ours->text != ref->text) {
      ++differ;
      std::printf("%s: %s\n", path.c_str(), FirstDifference(ours->text, ref->text).c_str());
    }
  }
  std::printf("%zu filings, %zu differ; reading took %.3f s (ours) and %.3f s (reference)\n",
              files.size(), differ, ours_s, ref_s);
  return differ == 0 ? 0 : 1;
}
