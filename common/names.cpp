#include "common/names.h"

#include <algorithm>
#include <array>
#include <vector>

#include "common/utf8.h"

namespace dealgraph {

namespace {

// ASCII spellings of the Latin-1 letters U+00C0..U+00FF ("" = not a letter).
constexpr std::array<const char*, 64> kLatin1Folds = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0
};

bool IsCorporateSuffix(std::string_view w) {
  static constexpr std::array<std::string_view, 18> kSuffixes = {
      "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc",
      "llc", "lp",           "sa",   "ag",          "nv", "bv",      "gmbh", "group", "holdings"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

}  // namespace

std::string FoldName(std::string_view name) {
  // Keep [0-9a-z&]; Latin-1 letters become their ASCII spelling; anything
  // else separates words.
  std::string flat;
  size_t i = 0;
  while (i < name.size()) {
    char32_t cp = DecodeUtf8(name, &i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&';
      flat.push_back(keep ? c : ' ');
    } else if (cp >= 0xC0 && cp <= 0xFF && *kLatin1Folds[cp - 0xC0] != '\0') {
      flat.append(kLatin1Folds[cp - 0xC0]);
    } else {
      flat.push_back(' ');
    }
  }
  std::vector<std::string> words;
  size_t p = 0;
  while (p < flat.size()) {
    while (p < flat.size() && flat[p] == ' ') ++p;
    size_t q = p;
    while (q < flat.size() && flat[q] != ' ') ++q;
    if (q > p) words.emplace_back(flat.substr(p, q - p));
    p = q;
  }
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());
  // Drop trailing suffixes ("Holdings, Inc."), also when spelled with
  // periods ("S.A." -> "s a", "L.L.C." -> "l l c"), and a dangling "&"
  // ("Smith & Co."); never the last remaining word.
  for (bool dropped = true; dropped && words.size() > 1;) {
    dropped = false;
    if (IsCorporateSuffix(words.back()) || words.back() == "&") {
      words.pop_back();
      dropped = true;
      continue;
    }
    size_t singles = 0;  // trailing one-letter words
    while (singles + 1 < words.size() && words[words.size() - 1 - singles].size() == 1) ++singles;
    for (size_t k = 2; k <= singles && !dropped; ++k) {
      std::string letters;
      for (size_t j = words.size() - k; j < words.size(); ++j) letters += words[j];
      if (IsCorporateSuffix(letters)) {
        words.resize(words.size() - k);
        dropped = true;
      }
    }
  }
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

}  // namespace dealgraph
