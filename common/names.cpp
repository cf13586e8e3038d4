#include "common/names.h"

#include <array>
#include <vector>

#include "common/strings.h"

namespace dealgraph {

namespace {
constexpr std::array<std::string_view, 21> kFoldedSuffixes = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc",
    "lp", "sa", "ag", "nv", "bv", "gmbh", "group", "holdings", "the", "pc", "na"};

bool IsFoldedSuffix(std::string_view w) {
  for (std::string_view s : kFoldedSuffixes) {
    if (w == s) return true;
  }
  return false;
}
}  // namespace

std::string FoldName(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (unsigned char c : name) {
    char l = AsciiLower(static_cast<char>(c));
    if (IsAsciiAlnum(l) || l == '&' || c >= 0x80) {
      cur.push_back(l);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  size_t b = 0;
  while (b + 1 < words.size() && words[b] == "the") ++b;
  size_t e = words.size();
  // "N.A." and "P.C." fold to "n a" / "p c": drop such letter pairs too.
  while (e > b + 1) {
    if (IsFoldedSuffix(words[e - 1]) && words[e - 1] != "the") {
      --e;
    } else if (e > b + 2 && words[e - 1].size() == 1 && words[e - 2].size() == 1) {
      e -= 2;
    } else {
      break;
    }
  }
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

}  // namespace dealgraph
