#include "ingest/extract/tokens.h"

#include "common/strings.h"
#include "ingest/extract/lexicon.h"

namespace dealgraph {

namespace {

// Length of a UTF-8 punctuation sequence we treat as a token of its own
// (curly quotes, dashes, bullets, non-breaking space), or 0.
size_t PunctUtf8(std::string_view s, size_t i) {
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c = static_cast<unsigned char>(s[i + 2]);
    if ((c >= 0x90 && c <= 0x9F) || c == 0xA2 || c == 0xA6) return 3;  // dashes, quotes, bullet, ellipsis
  }
  if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2) {
    unsigned char c = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xA0 || c == 0xB7 || c == 0xAB || c == 0xBB) return 2;
  }
  return 0;
}

bool WordByte(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (IsAsciiAlnum(static_cast<char>(c))) return true;
  if (c >= 0x80) return PunctUtf8(s, i) == 0;
  return false;
}

bool IsApostrophe(std::string_view s, size_t i, size_t* len) {
  if (s[i] == '\'') { *len = 1; return true; }
  if (s.substr(i, 3) == "\xE2\x80\x99") { *len = 3; return true; }
  return false;
}

}  // namespace

namespace {
std::vector<Token> TokenizeText(std::string_view s);
}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out = TokenizeText(s);
  // One lexicon lookup per token here saves several per token in discovery.
  const Lexicon& lex = Lexicon::Get();
  for (Token& t : out) t.lex = lex.FlagsOf(t.text);
  return out;
}

namespace {

std::vector<Token> TokenizeText(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 4);
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsSpace(static_cast<char>(c))) { ++i; continue; }
    size_t pl = PunctUtf8(s, i);
    if (pl == 2 && static_cast<unsigned char>(s[i + 1]) == 0xA0) { i += 2; continue; }
    if (WordByte(s, i)) {
      size_t b = i;
      while (i < n) {
        if (WordByte(s, i)) { ++i; continue; }
        char ch = s[i];
        // Keep joiners inside a word: "huN901-DM1", "1-800-FLOWERS.COM", "U.S.", "0.89", "J&J".
        // "/s/Name": a lone "s" before a slash is the signature mark, not a word.
        if (ch == '/' && i - b == 1 && (s[b] == 's' || s[b] == 'S')) break;
        if ((ch == '-' || ch == '&' || ch == '.' || ch == '/') && i + 1 < n && WordByte(s, i + 1)) {
          ++i;
          continue;
        }
        size_t al;
        if (IsApostrophe(s, i, &al) && i + al < n && WordByte(s, i + al)) {
          // "'s" at the end of a word is a possessive token of its own.
          bool poss = (s[i + al] == 's' || s[i + al] == 'S') && (i + al + 1 >= n || !WordByte(s, i + al + 1));
          if (poss) break;
          i += al;
          continue;
        }
        break;
      }
      // A trailing period belongs to abbreviations and initials: "Inc.", "M.", "U.S.".
      if (i < n && s[i] == '.') {
        std::string_view w = s.substr(b, i - b);
        bool initial = w.size() == 1 && IsAsciiUpper(w[0]);
        bool dotted = w.find('.') != std::string_view::npos && w.size() <= 6;
        bool abbrev = w == "Inc" || w == "Corp" || w == "Co" || w == "Ltd" || w == "Mr" || w == "Ms" ||
                      w == "Mrs" || w == "Dr" || w == "Jr" || w == "Sr" || w == "St" || w == "No" ||
                      w == "plc" || w == "INC" || w == "CORP" || w == "LTD" || w == "CO" || w == "Bros" ||
                      w == "Ph.D" || w == "vs" || w == "Nos";
        if (initial || dotted || abbrev) ++i;
      }
      Token t;
      t.begin = b;
      t.end = i;
      t.text = s.substr(b, i - b);
      t.word = true;
      int letters = 0;
      for (char ch : t.text) {
        if (IsAsciiDigit(ch)) t.has_digit = true;
        if (IsAsciiLower(ch)) t.has_lower = true;
        if (IsAsciiAlpha(ch)) ++letters;
      }
      t.cap = IsAsciiUpper(t.text[0]);
      t.all_caps = letters >= 2 && !t.has_lower;
      out.push_back(t);
      continue;
    }
    size_t al;
    if (IsApostrophe(s, i, &al) && i + al < n && (s[i + al] == 's' || s[i + al] == 'S') &&
        (i + al + 1 >= n || !WordByte(s, i + al + 1)) && !out.empty() && out.back().end == i) {
      Token t;
      t.begin = i;
      t.end = i + al + 1;
      t.text = s.substr(i, al + 1);
      t.possessive = true;
      out.push_back(t);
      i += al + 1;
      continue;
    }
    size_t len = pl ? pl : 1;
    if (len == 1 && c >= 0x80) {
      // stray continuation byte: skip
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    t.end = i + len;
    t.text = s.substr(i, len);
    out.push_back(t);
    i += len;
  }
  return out;
}

}  // namespace

}  // namespace dealgraph
