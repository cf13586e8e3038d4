#include "ingest/extract/tokens.h"

#include <algorithm>

#include "common/strings.h"
#include "ingest/extract/lexer.h"
#include "ingest/extract/lexicon.h"

namespace dealgraph {

namespace {

// A piece as words see it: the lexer's pieces, with a grouped figure cut at
// its commas ("2,200" is the words "2" and "200" around a comma) and a figure's
// leading point on its own (".5" is "." then "5").
struct Piece {
  size_t begin = 0;
  size_t end = 0;
  bool word = false;  //!< letters, digits or a non-ASCII letter: what words are made of
  bool digit = false;  //!< holds an ASCII digit
  bool lower = false;  //!< holds an ASCII lower-case letter
  uint8_t letters = 0;  //!< ASCII letters, up to 255
};

void AddPieces(std::string_view s, const LexToken& t, std::vector<Piece>* out) {
  const bool word = t.kind == LexKind::kWord || t.kind == LexKind::kNumber || t.Has(kLexLetter);
  if (t.kind == LexKind::kSymbol && t.size() == 2) {  // "\$"
    out->push_back({t.begin, t.begin + 1u});
    out->push_back({t.begin + 1u, t.end});
    return;
  }
  if (t.kind != LexKind::kNumber) {
    out->push_back({t.begin, t.end, word, t.Has(kLexDigit), t.Has(kLexLower), t.letters});
    return;
  }
  size_t b = t.begin;
  if (t.Has(kLexLeadingDot)) {
    out->push_back({b, b + 1});
    ++b;
  }
  if (t.Has(kLexGrouped)) {  // digits only up to the last group
    for (size_t k = b; k < t.end; ++k) {
      if (s[k] == '.' || IsAsciiAlpha(s[k])) break;
      if (s[k] != ',') continue;
      out->push_back({b, k, true, true});
      out->push_back({k, k + 1});
      b = k + 1;
    }
  }
  out->push_back({b, t.end, true, true, t.Has(kLexLower), t.letters});
}

bool IsApostrophePiece(std::string_view s, const Piece& p) {
  return (p.end - p.begin == 1 && s[p.begin] == '\'') || (p.end - p.begin == 3 && IsRightQuoteAt(s, p.begin));
}

// A one-byte ASCII piece holding `c`.
bool IsChar(std::string_view s, const Piece& p, char c) { return p.end - p.begin == 1 && s[p.begin] == c; }

// A trailing period belongs to abbreviations and initials: "Inc.", "M.", "U.S.".
bool TakesPeriod(std::string_view w) {
  bool initial = w.size() == 1 && IsAsciiUpper(w[0]);
  bool dotted = w.find('.') != std::string_view::npos && w.size() <= 6;
  bool abbrev = w == "Inc" || w == "Corp" || w == "Co" || w == "Ltd" || w == "Mr" || w == "Ms" ||
                w == "Mrs" || w == "Dr" || w == "Jr" || w == "Sr" || w == "St" || w == "No" ||
                w == "plc" || w == "INC" || w == "CORP" || w == "LTD" || w == "CO" || w == "Bros" ||
                w == "Ph.D" || w == "vs" || w == "Nos";
  return initial || dotted || abbrev;
}

// Appends `t` as the bytes [b, e) of `s`: a run longer than Token::kMaxSize
// (a blob of letters with no space in it) becomes tokens of that size, each
// with t's marks.
void Push(std::string_view s, size_t b, size_t e, Token t, std::vector<Token>* out) {
  do {
    const size_t n = std::min(e - b, Token::kMaxSize);
    t.data = s.data() + b;
    t.begin = static_cast<uint32_t>(b);
    t.size = static_cast<uint16_t>(n);
    out->push_back(t);
    b += n;
  } while (b < e);
}

// The word made of pieces [first, last), from `b` to `e`.
void PushWord(std::string_view s, const std::vector<Piece>& ps, size_t first, size_t last, size_t b, size_t e,
              std::vector<Token>* out) {
  Token t;
  t.word = true;
  int letters = 0;
  bool digit = false, lower = false;
  for (size_t k = first; k < last; ++k) {
    digit = digit || ps[k].digit;
    lower = lower || ps[k].lower;
    letters += ps[k].letters;
  }
  t.has_digit = digit;
  t.has_lower = lower;
  t.cap = IsAsciiUpper(s[b]);
  t.all_caps = letters >= 2 && !lower;
  Push(s, b, e, t, out);
}

std::vector<Token> TokensOf(std::string_view s, const std::vector<LexToken>& lex) {
  thread_local std::vector<Piece> ps;  // reused: one allocation per thread, not per sentence
  ps.clear();
  ps.reserve(lex.size() + 4);
  for (const LexToken& t : lex) AddPieces(s, t, &ps);
  const size_t np = ps.size();
  // Piece k touches the byte `at` and is made of word characters.
  auto word_at = [&](size_t k, size_t at) { return k < np && ps[k].begin == at && ps[k].word; };
  std::vector<Token> out;
  out.reserve(lex.size());
  size_t i = 0;
  while (i < np) {
    const Piece& p = ps[i];
    if (p.word) {
      const size_t b = p.begin;
      size_t e = p.end;
      size_t j = i + 1;
      while (j < np && ps[j].begin == e) {
        const Piece& q = ps[j];
        if (q.word) {
          e = q.end;
          ++j;
          continue;
        }
        // Keep joiners inside a word: "huN901-DM1", "1-800-FLOWERS.COM", "U.S.", "0.89", "J&J".
        // "/s/Name": a lone "s" before a slash is the signature mark, not a word.
        if (IsChar(s, q, '/') && e - b == 1 && (s[b] == 's' || s[b] == 'S')) break;
        if ((IsChar(s, q, '-') || IsChar(s, q, '&') || IsChar(s, q, '.') || IsChar(s, q, '/')) &&
            word_at(j + 1, q.end)) {
          e = ps[j + 1].end;
          j += 2;
          continue;
        }
        if (IsApostrophePiece(s, q) && word_at(j + 1, q.end)) {
          // "'s" at the end of a word is a possessive token of its own.
          const Piece& r = ps[j + 1];
          const bool poss = (s[r.begin] == 's' || s[r.begin] == 'S') && r.end - r.begin == 1 && !word_at(j + 2, r.end);
          if (poss) break;
          e = r.end;
          j += 2;
          continue;
        }
        break;
      }
      if (j < np && ps[j].begin == e && IsChar(s, ps[j], '.') && TakesPeriod(s.substr(b, e - b))) {
        e = ps[j].end;
        ++j;
      }
      PushWord(s, ps, i, j, b, e, &out);
      i = j;
      continue;
    }
    if (IsApostrophePiece(s, p) && word_at(i + 1, p.end) && !out.empty() && out.back().end() == p.begin) {
      const Piece& r = ps[i + 1];
      if ((s[r.begin] == 's' || s[r.begin] == 'S') && r.end - r.begin == 1 && !word_at(i + 2, r.end)) {
        Token t;
        t.possessive = true;
        Push(s, p.begin, r.end, t, &out);
        i += 2;
        continue;
      }
    }
    Push(s, p.begin, p.end, Token{}, &out);
    ++i;
  }
  // One lexicon lookup per token here saves several per token in discovery.
  const Lexicon& lexicon = Lexicon::Get();
  for (Token& t : out) t.lex = lexicon.FlagsOf(t.text());
  return out;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s, const std::vector<LexToken>& lex) { return TokensOf(s, lex); }

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<LexToken> lex;
  Lex(s, &lex);
  return TokensOf(s, lex);
}

}  // namespace dealgraph
