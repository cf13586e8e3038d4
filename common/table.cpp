#include "common/table.h"

#include <algorithm>

#include "common/terminal_text.h"

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

void Table::Print(std::ostream& out, size_t max_width, size_t total_width) const {
  std::vector<std::vector<std::string>> all;
  all.push_back(header_);
  for (const auto& r : rows_) all.push_back(r);
  for (auto& r : all) {
    r.resize(header_.size());
    for (auto& c : r) {
      for (char& ch : c) if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
      c = Cut(EscapeControls(c), max_width);
    }
  }
  std::vector<size_t> width(header_.size(), 0);
  for (const auto& r : all) {
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], DisplayWidth(r[i]));
  }
  if (total_width > 0 && !width.empty()) {
    std::vector<size_t> least(width.size());
    // A column of short cells (a date, an amount: 10 or fewer) is never cut.
    for (size_t i = 0; i < width.size(); ++i)
      least[i] = width[i] <= 10 ? width[i] : std::max<size_t>(DisplayWidth(header_[i]), 8);
    size_t line = 2 * (width.size() - 1);
    for (size_t w : width) line += w;
    // The wide columns give first: short ones (a date, an amount) keep up to
    // 12 characters while any column is wider; then all go down to their least.
    for (size_t floor_cap : {size_t{12}, size_t{0}}) {
      while (line > total_width) {
        size_t widest = width.size();
        for (size_t i = 0; i < width.size(); ++i) {
          const size_t floor = floor_cap ? std::max(least[i], std::min(width[i], floor_cap)) : least[i];
          if (width[i] > floor && (widest == width.size() || width[i] > width[widest])) widest = i;
        }
        if (widest == width.size()) break;  // every column at its floor
        --width[widest];
        --line;
      }
    }
    for (auto& r : all) {
      for (size_t i = 0; i < r.size(); ++i) r[i] = Cut(r[i], width[i]);
    }
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
