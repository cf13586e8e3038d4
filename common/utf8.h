// UTF-8 validation and repair.
#ifndef DEALGRAPH_COMMON_UTF8_H_
#define DEALGRAPH_COMMON_UTF8_H_

#include <string>
#include <string_view>

namespace dealgraph {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Returns `s` with every ill-formed sequence replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// Appends code point `cp` to `out` as UTF-8 (U+FFFD when out of range).
void AppendUtf8(std::string* out, char32_t cp);

// Decodes the code point at `s[*i]`, advancing *i; returns U+FFFD and
// advances one byte on an ill-formed sequence.
char32_t DecodeUtf8(std::string_view s, size_t* i);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_UTF8_H_
