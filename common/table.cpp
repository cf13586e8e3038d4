#include "common/table.h"

#include <algorithm>

namespace dealgraph {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {
std::string Cut(const std::string& s, size_t max_width) {
  if (max_width == 0 || DisplayWidth(s) <= max_width) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n + 1 >= max_width) break;
      ++n;
    }
    out.push_back(s[i]);
  }
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0) out.pop_back();
  return out + "\xE2\x80\xA6";
}
}  // namespace

void Table::Print(std::ostream& out, size_t max_width) const {
  std::vector<std::vector<std::string>> all;
  all.push_back(header_);
  for (const auto& r : rows_) all.push_back(r);
  for (auto& r : all) {
    r.resize(header_.size());
    for (auto& c : r) {
      for (char& ch : c) if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
      c = Cut(c, max_width);
    }
  }
  std::vector<size_t> width(header_.size(), 0);
  for (const auto& r : all) {
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], DisplayWidth(r[i]));
  }
  for (const auto& r : all) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - DisplayWidth(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace dealgraph
