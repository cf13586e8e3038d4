#include "ingest/extract/lexer.h"

namespace dealgraph {

size_t Utf8SequenceLength(std::string_view s, size_t p) {
  unsigned char c = static_cast<unsigned char>(s[p]);
  size_t len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
  if (p + len > s.size()) return 1;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[p + k]) & 0xC0) != 0x80) return 1;
  }
  return len;
}

namespace {

bool IsAsciiSpaceByte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The end of the figure at s[p]: digits, "2,200" groups after one to three
// leading digits, a decimal part, and letters or digits glued after it.
size_t NumberEnd(std::string_view s, size_t p, bool* grouped) {
  const size_t n = s.size();
  auto digit = [&](size_t q) { return q < n && IsLexDigit(static_cast<unsigned char>(s[q])); };
  size_t q = p;
  while (digit(q)) ++q;
  const size_t int_digits = q - p;
  if (int_digits >= 1 && int_digits <= 3) {
    while (q + 3 < n && s[q] == ',' && digit(q + 1) && digit(q + 2) && digit(q + 3) && !digit(q + 4)) {
      *grouped = true;
      q += 4;
    }
  }
  if (q + 1 < n && s[q] == '.' && digit(q + 1)) {
    ++q;
    while (digit(q)) ++q;
  }
  while (q < n && (IsLexAlpha(static_cast<unsigned char>(s[q])) || digit(q))) ++q;
  return q;
}

// A non-ASCII character: its piece kind, punctuation class and currency; false
// for the Unicode spaces, which only separate.
bool ClassifyNonAscii(std::string_view s, size_t p, size_t len, LexToken* t) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[p + k]); };
  t->kind = LexKind::kPunct;
  t->punct = '?';
  if (len == 2 && b(0) == 0xC2) {
    const unsigned char c = b(1);
    if (c == 0xA0) return false;  // no-break space
    if (c == 0xA3 || c == 0xA5) {
      t->kind = LexKind::kSymbol;
      t->currency = c == 0xA3 ? "GBP" : "JPY";
    }
    // Middle dot and guillemets are punctuation; other Latin-1 characters are letters.
    if (c != 0xB7 && c != 0xAB && c != 0xBB) t->flags |= kLexLetter;
    return true;
  }
  if (len == 3 && b(0) == 0xE2 && b(1) == 0x80) {
    const unsigned char c = b(2);
    if ((c >= 0x80 && c <= 0x8B) || c == 0xAF) return false;  // the Unicode spaces
    if (c >= 0x90 && c <= 0x95) t->punct = '-';
    if (c == 0x98 || c == 0x99) t->punct = '\'';
    if (c == 0x9C || c == 0x9D) t->punct = '"';
    // Dashes, quotes, the bullet and the ellipsis are punctuation.
    if (!((c >= 0x90 && c <= 0x9F) || c == 0xA2 || c == 0xA6)) t->flags |= kLexLetter;
    return true;
  }
  if (len == 3 && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return false;  // ideographic space
  if (len == 3 && b(0) == 0xE2 && b(1) == 0x82 && (b(2) == 0xAC || b(2) == 0xB9)) {
    t->kind = LexKind::kSymbol;
    t->currency = b(2) == 0xAC ? "EUR" : "INR";
  } else if (len == 3 && b(0) == 0xE2 && b(1) == 0x88 && b(2) == 0x92) {
    t->punct = '-';  // minus sign
  }
  t->flags |= kLexLetter;
  return true;
}

}  // namespace

void Lex(std::string_view s, std::vector<LexToken>* out) {
  out->clear();
  out->reserve(s.size() / 5 + 4);
  const size_t n = s.size();
  size_t p = 0;
  bool space = true;
  while (p < n) {
    const unsigned char c = static_cast<unsigned char>(s[p]);
    if (IsAsciiSpaceByte(c)) {
      space = true;
      ++p;
      continue;
    }
    LexToken t;
    t.begin = static_cast<uint32_t>(p);
    t.flags = space ? kLexSpaceBefore : 0;
    size_t q = p + 1;
    if (IsLexAlpha(c)) {
      uint32_t hash = kFnvBasis;
      q = p;
      while (q < n) {
        const unsigned char d = static_cast<unsigned char>(s[q]);
        if (IsLexAlpha(d)) {
          t.flags |= d <= 'Z' ? kLexUpper : kLexLower;
          if (t.letters < 255) ++t.letters;
        } else if (IsLexDigit(d)) {
          t.flags |= kLexDigit;
        } else {
          break;
        }
        hash = FnvStep(hash, static_cast<unsigned char>(LexLower(d)));
        ++q;
      }
      t.kind = LexKind::kWord;
      t.hash = hash;
    } else if (IsLexDigit(c) || (c == '.' && p + 1 < n && IsLexDigit(static_cast<unsigned char>(s[p + 1])) &&
                                 (p == 0 || s[p - 1] == '$' || s[p - 1] == ' ' || s[p - 1] == '('))) {
      // ".01" is a figure only where an amount can start: "$.01", " .5", "(.25)".
      bool grouped = false;
      if (c == '.') t.flags |= kLexLeadingDot;
      q = NumberEnd(s, p, &grouped);
      if (grouped) t.flags |= kLexGrouped;
      for (size_t k = p; k < q; ++k) {  // the letters glued on: "4th", "1990s", "2.5M"
        const unsigned char d = static_cast<unsigned char>(s[k]);
        if (!IsLexAlpha(d)) continue;
        t.flags |= d <= 'Z' ? kLexUpper : kLexLower;
        if (t.letters < 255) ++t.letters;
      }
      t.kind = LexKind::kNumber;
    } else if (c == '$' || (c == '\\' && p + 1 < n && s[p + 1] == '$')) {
      t.kind = LexKind::kSymbol;
      t.punct = '$';
      t.currency = "USD";
      q = p + (c == '$' ? 1 : 2);
    } else if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s, p);
      if (!ClassifyNonAscii(s, p, len, &t)) {
        space = true;
        p += len;
        continue;
      }
      q = p + len;
    } else {
      t.kind = LexKind::kPunct;
      t.punct = static_cast<char>(c);
    }
    t.end = static_cast<uint32_t>(q);
    out->push_back(t);
    space = false;
    p = q;
  }
}

}  // namespace dealgraph
