// The one tokenizer of a sentence. Lex() reads the bytes once and cuts them
// into small pieces: words (an ASCII letter, then letters and digits), numbers
// (digits with "2,200" grouping, a ".5" decimal part and letters glued after:
// "2.5m", "4th", "1990s"), currency symbols ("$", "\$", "€", "£", "¥", "₹") and
// single punctuation characters; whitespace (and the Unicode spaces) only
// marks what follows as `space_before`.
//
// Everything that reads a sentence token by token builds on these pieces:
// the name and trigger tokens (tokens.h) join them into words with their
// hyphens, dots and ampersands, the date scanner joins "Company's" and reads
// a number's ordinal, the money scanner reads a number's exact digits. A
// sentence is lexed once and the pieces handed to each (FindDates and
// FindMoney take them), so the three agree on where a word or a number starts
// and ends.
#ifndef DEALGRAPH_INGEST_EXTRACT_LEXER_H_
#define DEALGRAPH_INGEST_EXTRACT_LEXER_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace dealgraph {

enum class LexKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

// Bits of LexToken::flags.
enum LexFlagBits : uint8_t {
  kLexSpaceBefore = 1u << 0,  //!< whitespace separates it from the previous piece
  kLexUpper = 1u << 1,        //!< kWord, kNumber: holds an ASCII upper-case letter
  kLexDigit = 1u << 2,        //!< kWord: holds a digit ("FY24", "DM1")
  kLexLeadingDot = 1u << 3,   //!< kNumber: starts with its decimal point (".5")
  kLexGrouped = 1u << 4,      //!< kNumber: "2,200"
  kLexLetter = 1u << 5,       //!< kPunct '?': a non-ASCII character that is no punctuation ("é")
  kLexLower = 1u << 6,        //!< kWord, kNumber: holds an ASCII lower-case letter ("4th")
};

struct LexToken {
  uint32_t begin = 0;  //!< byte offset in the sentence
  uint32_t end = 0;    //!< one past the last byte
  uint32_t hash = 0;   //!< kWord: FNV-1a of the lower-cased word (see WordMap)
  LexKind kind = LexKind::kPunct;
  // kPunct: the ASCII character; a Unicode dash is '-', a curly single quote
  // '\'', a curly double quote '"', any other non-ASCII character '?'.
  // kSymbol: '$' for the dollar sign (also "\$"), '?' for the others.
  char punct = 0;
  uint8_t flags = 0;
  uint8_t letters = 0;  //!< kWord, kNumber: its ASCII letters, counted up to 255
  const char* currency = nullptr;  //!< kSymbol: ISO code, "USD" for "$"

  bool space_before() const { return (flags & kLexSpaceBefore) != 0; }
  bool Has(LexFlagBits f) const { return (flags & f) != 0; }
  size_t size() const { return end - begin; }
};

// Appends the pieces of `s` to `out` (which it clears first).
void Lex(std::string_view s, std::vector<LexToken>* out);

// ---------------------------------------------------------------- byte classes

inline bool IsLexDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsLexAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char LexLower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
}
// Length of the UTF-8 sequence at s[p] (1 when malformed or truncated).
size_t Utf8SequenceLength(std::string_view s, size_t p);
// True when s[p..] is U+2019, the right single quote used as an apostrophe.
inline bool IsRightQuoteAt(std::string_view s, size_t p) {
  return p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 &&
         static_cast<unsigned char>(s[p + 1]) == 0x80 && static_cast<unsigned char>(s[p + 2]) == 0x99;
}

// ---------------------------------------------------------------- word tables

constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t kFnvPrime = 16777619u;
inline uint32_t FnvStep(uint32_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }
// FNV-1a of the lower-cased bytes of `s`: what Lex() stores in `hash`.
inline uint32_t LowerHash(std::string_view s) {
  uint32_t h = kFnvBasis;
  for (char c : s) h = FnvStep(h, static_cast<unsigned char>(LexLower(static_cast<unsigned char>(c))));
  return h;
}

// A fixed open-addressing table of lower-case words, probed with the hash the
// lexer computed while it read the word: a lookup costs one or two slot
// compares, and most words of a sentence miss at the first.
template <typename V, size_t kSlots, size_t kMaxLenT>
class WordMap {
 public:
  static constexpr size_t kMaxLen = kMaxLenT;

  // The value of `key` (lower case), inserted empty when new.
  V& operator[](std::string_view key) {
    if (key.empty() || key.size() > kMaxLen) {  // never found by a lookup either
      static V unused;
      unused = V();
      return unused;
    }
    const uint32_t h = LowerHash(key);
    for (size_t i = h & kMask;; i = (i + 1) & kMask) {
      Slot& s = slots_[i];
      if (s.len == key.size() && s.hash == h && std::memcmp(s.key, key.data(), key.size()) == 0) {
        return s.value;
      }
      if (s.len == 0) {
        s.hash = h;
        s.len = static_cast<uint8_t>(key.size());
        std::memcpy(s.key, key.data(), key.size());
        return s.value;
      }
    }
  }
  // The entry of `word` in any letter case; `hash` is LowerHash(word).
  const V* Find(std::string_view word, uint32_t hash) const {
    const size_t len = word.size();
    if (len == 0 || len > kMaxLen) return nullptr;
    for (size_t i = hash & kMask;; i = (i + 1) & kMask) {
      const Slot& s = slots_[i];
      if (s.len == 0) return nullptr;
      if (s.hash == hash && s.len == len && SameFolded(s.key, word)) return &s.value;
    }
  }

 private:
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");
  static constexpr size_t kMask = kSlots - 1;
  struct Slot {
    uint32_t hash = 0;
    uint8_t len = 0;
    char key[kMaxLen];
    V value;
  };
  static bool SameFolded(const char* key, std::string_view word) {
    for (size_t k = 0; k < word.size(); ++k) {
      if (key[k] != LexLower(static_cast<unsigned char>(word[k]))) return false;
    }
    return true;
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_LEXER_H_
