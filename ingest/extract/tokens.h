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

// 16 bytes: a filing's tokens are held for all its sentences at once (the
// extractor reads them in several passes), about one per five bytes of text.
struct Token {
  static constexpr size_t kMaxSize = 0xFFFF;  //!< longer runs are cut into tokens of this size

  const char* data = nullptr;  //!< the token's first byte, in the sentence
  uint32_t begin = 0;          //!< byte offset in the sentence
  uint16_t size = 0;
  bool word : 1 = false;        //!< starts with a letter or digit (or non-ASCII letter)
  bool cap : 1 = false;         //!< first character is an ASCII capital
  bool all_caps : 1 = false;    //!< >= 2 letters, no lower case
  bool has_digit : 1 = false;
  bool has_lower : 1 = false;
  bool possessive : 1 = false;  //!< the "'s" token
  uint8_t lex = 0;              //!< LexFlag bits of the text in the lexicon in use

  std::string_view text() const { return {data, size}; }
  size_t end() const { return begin + size; }
};
static_assert(sizeof(Token) == 16);

std::vector<Token> Tokenize(std::string_view sentence);
// The same from the sentence's pieces (lexer.h), when they are at hand.
std::vector<Token> Tokenize(std::string_view sentence, const std::vector<LexToken>& pieces);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_TOKENS_H_
