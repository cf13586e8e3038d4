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
  flat.reserve(name.size());
  size_t i = 0;
  while (i < name.size()) {
    const unsigned char b = static_cast<unsigned char>(name[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&';
      flat.push_back(keep ? c : ' ');
      ++i;
      continue;
    }
    char32_t cp = DecodeUtf8(name, &i);
    if (cp >= 0xC0 && cp <= 0xFF && *kLatin1Folds[cp - 0xC0] != '\0') {
      flat.append(kLatin1Folds[cp - 0xC0]);
    } else {
      flat.push_back(' ');
    }
  }
  // The words, as views of `flat` (a name folds thousands of times per
  // filing: one buffer per thread, no string per word).
  thread_local std::vector<std::string_view> words;
  words.clear();
  const std::string_view f = flat;
  size_t p = 0;
  while (p < f.size()) {
    while (p < f.size() && f[p] == ' ') ++p;
    size_t q = p;
    while (q < f.size() && f[q] != ' ') ++q;
    if (q > p) words.push_back(f.substr(p, q - p));
    p = q;
  }
  size_t first = 0;
  if (words.size() > 1 && words.front() == "the") first = 1;
  size_t last = words.size();  // one past the last word kept
  // Drop trailing suffixes ("Holdings, Inc."), also when spelled with
  // periods ("S.A." -> "s a", "L.L.C." -> "l l c"), and a dangling "&"
  // ("Smith & Co."); never the last remaining word.
  for (bool dropped = true; dropped && last - first > 1;) {
    dropped = false;
    if (IsCorporateSuffix(words[last - 1]) || words[last - 1] == "&") {
      --last;
      dropped = true;
      continue;
    }
    size_t singles = 0;  // trailing one-letter words
    while (singles + 1 < last - first && words[last - 1 - singles].size() == 1) ++singles;
    for (size_t k = 2; k <= singles && !dropped; ++k) {
      std::string letters;
      for (size_t j = last - k; j < last; ++j) letters += words[j];
      if (IsCorporateSuffix(letters)) {
        last -= k;
        dropped = true;
      }
    }
  }
  std::string out;
  out.reserve(flat.size());
  for (size_t w = first; w < last; ++w) {
    if (!out.empty()) out.push_back(' ');
    out += words[w];
  }
  return out;
}

bool ValidCik(std::string_view cik) {
  return !cik.empty() && cik.size() <= 10 &&
         std::all_of(cik.begin(), cik.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace dealgraph
