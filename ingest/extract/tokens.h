// Tokens of one sentence: words (with internal hyphens, ampersands, dots of
// abbreviations and apostrophes kept), numbers and punctuation. A trailing
// possessive "'s" / "’s" becomes its own token so "ImmunoGen's" yields the
// name "ImmunoGen".
#ifndef DEALGRAPH_INGEST_EXTRACT_TOKENS_H_
#define DEALGRAPH_INGEST_EXTRACT_TOKENS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "ingest/extract/lexer.h"

namespace dealgraph {

struct Token {
  std::string_view text;  //!< view into the sentence
  size_t begin = 0;       //!< byte offset in the sentence
  size_t end = 0;
  bool word = false;      //!< starts with a letter or digit (or non-ASCII letter)
  bool cap = false;       //!< first character is an ASCII capital
  bool all_caps = false;  //!< >= 2 letters, no lower case
  bool has_digit = false;
  bool has_lower = false;
  bool possessive = false;  //!< the "'s" token
  uint8_t lex = 0;          //!< LexFlag bits of the text in the lexicon in use
};

std::vector<Token> Tokenize(std::string_view sentence);
// The same from the sentence's pieces (lexer.h), when they are at hand.
std::vector<Token> Tokenize(std::string_view sentence, const std::vector<LexToken>& pieces);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_TOKENS_H_
