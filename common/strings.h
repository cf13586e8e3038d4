// Small string helpers shared by every stage. ASCII-only case mapping:
// filing text is UTF-8, and only ASCII letters change case here.
#ifndef DEALGRAPH_COMMON_STRINGS_H_
#define DEALGRAPH_COMMON_STRINGS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {

// Hashes std::string keys and std::string_view probes alike, so an
// unordered container of strings can be searched without a copy
// (std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>).
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline char AsciiLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline char AsciiUpper(char c) { return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string ToLower(std::string_view s);
std::string_view Trim(std::string_view s);
// Collapses every run of whitespace to one space and trims the ends.
std::string FoldSpaces(std::string_view s);
std::vector<std::string_view> SplitLines(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Position of `needle` in `hay` ignoring ASCII case, or npos.
size_t FindIgnoreCase(std::string_view hay, std::string_view needle, size_t from = 0);
// Position of lower-case `needle` in already lower-cased `hay` at word
// boundaries, or npos. The fast path for scanning one text for many phrases:
// lower-case the text once, then search with memchr-backed find.
size_t FindWordLower(std::string_view lower_hay, std::string_view needle, size_t from = 0);
// Like FindIgnoreCase, but the match must start and end at word boundaries.
size_t FindWordIgnoreCase(std::string_view hay, std::string_view needle, size_t from = 0);
// "Millennium Pharmaceuticals, Inc." -> "millennium-pharmaceuticals-inc": for ids.
std::string Slug(std::string_view s);
// 64-bit FNV-1a.
uint64_t Hash64(std::string_view s);
std::string Hex64(uint64_t v);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_STRINGS_H_
