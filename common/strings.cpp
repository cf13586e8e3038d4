#include "common/strings.h"

#include <cstdint>
#include <cstdio>

namespace dealgraph {

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string FoldSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines = Split(s, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != AsciiLower(prefix[i])) return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && StartsWithIgnoreCase(a, b);
}

size_t FindIgnoreCase(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  if (hay.size() < needle.size()) return std::string_view::npos;
  const char first = AsciiLower(needle[0]);
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (AsciiLower(hay[i]) != first) continue;
    if (StartsWithIgnoreCase(hay.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

size_t FindWordIgnoreCase(std::string_view hay, std::string_view needle, size_t from) {
  size_t p = from;
  while ((p = FindIgnoreCase(hay, needle, p)) != std::string_view::npos) {
    bool left = p == 0 || !IsAsciiAlnum(hay[p - 1]);
    size_t e = p + needle.size();
    bool right = e >= hay.size() || !IsAsciiAlnum(hay[e]) || !IsAsciiAlnum(needle.back());
    if (left && right) return p;
    ++p;
  }
  return std::string_view::npos;
}

size_t FindWordLower(std::string_view hay, std::string_view needle, size_t from) {
  size_t p = from;
  while ((p = hay.find(needle, p)) != std::string_view::npos) {
    bool left = p == 0 || !IsAsciiAlnum(hay[p - 1]);
    size_t e = p + needle.size();
    bool right = e >= hay.size() || !IsAsciiAlnum(hay[e]) || needle.empty() || !IsAsciiAlnum(needle.back());
    if (left && right) return p;
    ++p;
  }
  return std::string_view::npos;
}

std::string Slug(std::string_view s) {
  std::string out;
  bool dash = false;
  for (unsigned char c : s) {
    if (IsAsciiAlnum(static_cast<char>(c)) || c >= 0x80) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(AsciiLower(static_cast<char>(c)));
    } else if (c == '&') {
      if (!out.empty()) out.push_back('-');
      out.push_back('&');
      dash = true;
    } else {
      dash = true;
    }
  }
  return out;
}

uint64_t Hash64(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace dealgraph
