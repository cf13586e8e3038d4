// Tests for ingest/extract/lexer.h: the one tokenizer that words (tokens.h),
// dates and money read a sentence through. Sentences are from the seed and
// dev filings and from data/real; the property checks run over every
// sentence of the bundled filings.
#include "ingest/extract/lexer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/dates.h"
#include "ingest/extract/money.h"
#include "ingest/extract/tokens.h"
#include "ingest/segment.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

std::vector<std::string> Texts(std::string_view s, const std::vector<LexToken>& lex) {
  std::vector<std::string> out;
  for (const LexToken& t : lex) out.emplace_back(s.substr(t.begin, t.size()));
  return out;
}

std::vector<std::string> Words(const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const Token& t : toks) out.emplace_back(t.text());
  return out;
}

}  // namespace

TEST_CASE("lexer: words, figures, symbols and punctuation are pieces of their own", "[extract][lexer]") {
  std::string_view s = "ImmunoGen's \\$2 million fee, 2,200 shares at $.89 and FY24 (huN901-DM1).";
  std::vector<LexToken> lex;
  Lex(s, &lex);
  CHECK(Texts(s, lex) == std::vector<std::string>{"ImmunoGen", "'", "s", "\\$", "2", "million", "fee", ",",
                                                   "2,200", "shares", "at", "$", ".89", "and", "FY24", "(",
                                                   "huN901", "-", "DM1", ")", "."});
  CHECK(lex[0].kind == LexKind::kWord);
  CHECK(lex[0].Has(kLexUpper));
  CHECK(lex[0].Has(kLexLower));
  CHECK(lex[3].kind == LexKind::kSymbol);
  CHECK(std::string(lex[3].currency) == "USD");
  CHECK(lex[8].kind == LexKind::kNumber);
  CHECK(lex[8].Has(kLexGrouped));
  CHECK(lex[12].Has(kLexLeadingDot));
  CHECK(lex[14].Has(kLexDigit));
  CHECK(lex[3].space_before());
  CHECK_FALSE(lex[4].space_before());
  CHECK_FALSE(lex[1].space_before());
  // The hash is the lower-cased word's, whatever its case.
  CHECK(lex[0].hash == LowerHash("immunogen"));
  CHECK(lex[5].hash == LowerHash("MILLION"));
}

TEST_CASE("lexer: Unicode dashes, quotes and spaces are classed, currency signs are symbols", "[extract][lexer]") {
  std::string_view s = "Genentech\xE2\x80\x99s \xE2\x82\xAC" "40\xC2\xA0million \xE2\x80\x94 caf\xC3\xA9";
  std::vector<LexToken> lex;
  Lex(s, &lex);
  REQUIRE(Texts(s, lex) == std::vector<std::string>{"Genentech", "\xE2\x80\x99", "s", "\xE2\x82\xAC", "40",
                                                     "million", "\xE2\x80\x94", "caf", "\xC3\xA9"});
  CHECK(lex[1].punct == '\'');
  CHECK(lex[3].kind == LexKind::kSymbol);
  CHECK(std::string(lex[3].currency) == "EUR");
  CHECK(lex[5].space_before());  // the no-break space separates
  CHECK(lex[6].punct == '-');
  CHECK_FALSE(lex[6].Has(kLexLetter));
  CHECK(lex[8].Has(kLexLetter));  // "é" is part of a word
  // Words join the pieces back: "café" is one word, the curly possessive its own token.
  CHECK(Words(Tokenize(s)) ==
        std::vector<std::string>{"Genentech", "\xE2\x80\x99s", "\xE2\x82\xAC" "40", "million", "\xE2\x80\x94",
                                 "caf\xC3\xA9"});
}

TEST_CASE("lexer: words are joined from pieces as names are written", "[extract][lexer]") {
  CHECK(Words(Tokenize("Johnson & Johnson (J&J) and 1-800-FLOWERS.COM, Inc. of the U.S.")) ==
        std::vector<std::string>{"Johnson", "&", "Johnson", "(", "J&J", ")", "and", "1-800-FLOWERS.COM", ",",
                                 "Inc.", "of", "the", "U.S."});
  CHECK(Words(Tokenize("O'Neil's 2,200.5 shares, .5 of /s/John Doe")) ==
        std::vector<std::string>{"O'Neil", "'s", "2", ",", "200.5", "shares", ",", ".", "5", "of", "/", "s",
                                 "/", "John", "Doe"});
}

// Every sentence of the bundled filings: the pieces tile the sentence's
// non-space bytes in order; every date and amount found begins and ends on a
// piece's edge (the scanners read the same figures and words), and the words
// hold every non-space byte once.
TEST_CASE("lexer: on every bundled sentence the pieces tile the text and the readers agree",
          "[extract][lexer]") {
  size_t sentences = 0;
  size_t dates = 0;
  size_t amounts = 0;
  std::vector<std::string> files = AllFilings();
  for (const auto& e : std::filesystem::directory_iterator(DataPath("real"))) {
    if (e.is_regular_file() && e.path().filename() != "MANIFEST.tsv") files.push_back("real/" + e.path().filename().string());
  }
  for (const std::string& rel : files) {
    Document doc = ReadOk(rel);
    Segmented seg = Segment(doc);
    for (const Sentence& sent : seg.sentences) {
      std::string_view s = sent.text;
      INFO(rel << ": " << s);
      std::vector<LexToken> lex;
      Lex(s, &lex);
      std::vector<bool> starts(s.size() + 1, false);
      std::vector<bool> ends(s.size() + 1, false);
      size_t at = 0;
      for (const LexToken& t : lex) {
        REQUIRE(t.begin >= at);
        REQUIRE(t.end > t.begin);
        REQUIRE(t.end <= s.size());
        for (size_t k = at; k < t.begin; ++k) {
          const unsigned char c = static_cast<unsigned char>(s[k]);
          REQUIRE((c == ' ' || c == '\t' || c == '\n' || c >= 0x80));  // only spaces between pieces
        }
        starts[t.begin] = true;
        ends[t.end] = true;
        at = t.end;
      }
      for (const DateMention& d : FindDates(s, lex, DateContext{})) {
        CHECK(starts[d.begin]);
        CHECK(ends[d.end]);
        ++dates;
      }
      for (const MoneyMention& m : FindMoney(s, lex)) {
        CHECK(starts[m.begin]);
        CHECK(ends[m.end]);
        ++amounts;
      }
      size_t held = 0;
      size_t last = 0;
      for (const Token& t : Tokenize(s, lex)) {
        REQUIRE(t.begin >= last);
        held += t.end() - t.begin;
        last = t.end();
      }
      size_t covered = 0;
      for (const LexToken& t : lex) covered += t.size();
      CHECK(held == covered);
      ++sentences;
    }
  }
  // The bundled filings are real: thousands of sentences, hundreds of dates and amounts.
  CHECK(sentences > 2000);
  CHECK(dates > 400);
  CHECK(amounts > 200);
}

}  // namespace dealgraph
