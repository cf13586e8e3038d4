#include "ingest/encoding.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>

#include "common/utf8.h"

namespace dealgraph {

namespace {

// Windows-1252 code points for bytes 0x80..0x9F. The five bytes 1252 leaves
// undefined keep their Latin-1 (C1 control) value.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88-8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98-9F
};

char32_t Cp1252CodePoint(unsigned char b) {
  if (b >= 0x80 && b <= 0x9F) return kCp1252High[b - 0x80];
  return b;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Bytes NormalizeText must look at: C0 controls other than tab/LF, DEL, and
// the UTF-8 lead bytes of the code points it rewrites (U+0080..U+00BF,
// U+1680/U+180E, U+2000..U+206F, U+3000, U+FEFF).
constexpr std::array<bool, 256> MakeNormalizeTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = (c != '\t' && c != '\n');
  t[0x7F] = true;
  t[0xC2] = true;
  t[0xE1] = true;
  t[0xE2] = true;
  t[0xE3] = true;
  t[0xEF] = true;
  return t;
}
constexpr std::array<bool, 256> kNormalizeInteresting = MakeNormalizeTable();

enum class CpAction { kKeep, kSpace, kNewline, kDrop, kRemap };

CpAction ClassifyCodePoint(char32_t cp, char32_t* remapped) {
  if (cp >= 0x80 && cp <= 0x9F) {
    // C1 controls mostly come from "&#147;"-style references written by
    // tools that meant Windows-1252; read them that way.
    char32_t m = kCp1252High[cp - 0x80];
    if (m < 0xA0) return CpAction::kDrop;
    *remapped = m;
    return CpAction::kRemap;
  }
  switch (cp) {
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return CpAction::kSpace;
    case 0x00AD:
    case 0x180E:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x200E:
    case 0x200F:
    case 0x2060:
    case 0xFEFF:
      return CpAction::kDrop;
    case 0x2028:
    case 0x2029:
      return CpAction::kNewline;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CpAction::kSpace;
  return CpAction::kKeep;
}

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
         static_cast<unsigned char>(bytes[1]) == 0x8B;
}

Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  // 16 + MAX_WBITS: expect a gzip wrapper, not raw zlib.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    return Status::Internal("cannot initialise zlib");
  }
  std::string out;
  out.resize(std::min<size_t>(std::max<size_t>(bytes.size() * 4, 1 << 16), max_bytes + 1));
  size_t in_pos = 0;
  size_t out_pos = 0;
  Status error;
  bool done = false;
  while (!done) {
    if (zs.avail_in == 0 && in_pos < bytes.size()) {
      size_t chunk = std::min<size_t>(bytes.size() - in_pos, UINT_MAX);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + in_pos));
      zs.avail_in = static_cast<uInt>(chunk);
      in_pos += chunk;
    }
    if (out_pos == out.size()) {
      if (out.size() > max_bytes) {
        error =
            Status::Unsupported("gzip data expands beyond " + std::to_string(max_bytes) + " bytes");
        break;
      }
      out.resize(std::min(out.size() * 2, max_bytes + 1));
    }
    size_t room = std::min<size_t>(out.size() - out_pos, UINT_MAX);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + out_pos);
    zs.avail_out = static_cast<uInt>(room);
    int rc = inflate(&zs, Z_NO_FLUSH);
    out_pos += room - zs.avail_out;
    switch (rc) {
      case Z_OK:
        break;
      case Z_STREAM_END: {
        // Another gzip member may follow (concatenated .gz files).
        size_t consumed = in_pos - zs.avail_in;
        std::string_view rest = bytes.substr(consumed);
        if (IsGzip(rest)) {
          inflateReset(&zs);
        } else {
          done = true;  // trailing padding after the last member is ignored
        }
        break;
      }
      case Z_BUF_ERROR:
        if (zs.avail_in == 0 && in_pos >= bytes.size() && zs.avail_out != 0) {
          error = Status::Corruption("truncated gzip data");
          done = true;
        }
        break;
      default:
        error = Status::Corruption(std::string("corrupt gzip data: ") +
                                   (zs.msg != nullptr ? zs.msg : "inflate failed"));
        done = true;
        break;
    }
    if (!done && out_pos > max_bytes) {
      error =
          Status::Unsupported("gzip data expands beyond " + std::to_string(max_bytes) + " bytes");
      done = true;
    }
    if (!done && zs.avail_in == 0 && in_pos >= bytes.size() && rc == Z_OK && zs.avail_out != 0) {
      // inflate consumed everything and still wants more input.
      error = Status::Corruption("truncated gzip data");
      done = true;
    }
  }
  inflateEnd(&zs);
  if (!error.ok()) return error;
  out.resize(out_pos);
  return out;
}

bool LooksBinary(std::string_view bytes) {
  static constexpr std::string_view kMagic[] = {
      "%PDF-", "PK\x03\x04", "\x89PNG", "GIF87a", "GIF89a", "\xFF\xD8\xFF", "\xD0\xCF\x11\xE0",
  };
  for (std::string_view m : kMagic) {
    if (StartsWith(bytes, m)) return true;
  }
  std::string_view head = bytes.substr(0, 8192);
  if (head.empty()) return false;
  size_t controls = 0;
  for (char ch : head) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F) {
      ++controls;
    }
  }
  return controls * 10 > head.size();
}

std::string Cp1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      AppendUtf8(&out, Cp1252CodePoint(c));
    }
  }
  return out;
}

bool IsValidUtf8Fast(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII runs are the common case: test eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = DecodeUtf8(s, &j);
    if (cp == 0xFFFD && j == i + 1) return false;
    i = j;
  }
  return true;
}

UnicodeBom DetectBom(std::string_view b) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  if (b.size() >= 4 && at(0) == 0xFF && at(1) == 0xFE && at(2) == 0 && at(3) == 0) return UnicodeBom::kUtf32Le;
  if (b.size() >= 4 && at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF) return UnicodeBom::kUtf32Be;
  if (b.size() >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return UnicodeBom::kUtf8;
  if (b.size() >= 2 && at(0) == 0xFF && at(1) == 0xFE) return UnicodeBom::kUtf16Le;
  if (b.size() >= 2 && at(0) == 0xFE && at(1) == 0xFF) return UnicodeBom::kUtf16Be;
  return UnicodeBom::kNone;
}

Result<std::string> DecodeUtf16or32(std::string_view b, UnicodeBom enc, size_t max_bytes) {
  const bool wide = enc == UnicodeBom::kUtf32Le || enc == UnicodeBom::kUtf32Be;
  const bool big = enc == UnicodeBom::kUtf16Be || enc == UnicodeBom::kUtf32Be;
  const size_t unit = wide ? 4 : 2;
  auto read = [&](size_t i) -> char32_t {
    char32_t v = 0;
    for (size_t k = 0; k < unit; ++k) {
      char32_t byte = static_cast<unsigned char>(b[i + (big ? k : unit - 1 - k)]);
      v = (v << 8) | byte;
    }
    return v;
  };
  std::string out;
  out.reserve(std::min(max_bytes, b.size() / unit * 3 / 2 + 16));
  size_t i = 0;
  if (b.size() >= unit && read(0) == 0xFEFF) i = unit;
  for (; i + unit <= b.size(); i += unit) {
    char32_t cp = read(i);
    if (!wide && cp >= 0xD800 && cp <= 0xDBFF && i + 2 * unit <= b.size()) {
      char32_t lo = read(i + unit);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += unit;
      }
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    AppendUtf8(&out, cp);
    if (out.size() > max_bytes) {
      return Status::Unsupported(std::string(wide ? "UTF-32" : "UTF-16") + " text expands beyond " +
                                 std::to_string(max_bytes) + " bytes");
    }
  }
  if (i < b.size()) AppendUtf8(&out, 0xFFFD);
  return out;
}

std::string DecodeToUtf8(std::string_view bytes) {
  if (StartsWith(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (IsValidUtf8Fast(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    size_t run = i;
    while (i < n && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
    out.append(bytes.data() + run, i - run);
    if (i >= n) break;
    size_t j = i;
    char32_t cp = DecodeUtf8(bytes, &j);
    if (cp == 0xFFFD && j == i + 1) {
      // Not UTF-8: read this byte as Windows-1252.
      AppendUtf8(&out, Cp1252CodePoint(static_cast<unsigned char>(bytes[i])));
      ++i;
    } else {
      out.append(bytes.data() + i, j - i);
      i = j;
    }
  }
  return out;
}

namespace {

// Index of the first byte NormalizeText must look at, or s.size().
size_t FindNormalizeByte(std::string_view s, size_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const size_t n = s.size();
  while (true) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      // Flags a word holding a byte >= 0x80, < 0x20 (tab and LF included:
      // false alarms are fine) or 0x7F.
      uint64_t high = w & kHigh;
      uint64_t low = (w - 0x20 * kOnes) & ~w & kHigh;
      uint64_t del = ((w ^ (0x7F * kOnes)) - kOnes) & ~(w ^ (0x7F * kOnes)) & kHigh;
      if (high | low | del) break;
      i += 8;
    }
    const size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      if (kNormalizeInteresting[static_cast<unsigned char>(s[i])]) return i;
    }
    if (i >= n) return n;
  }
}

}  // namespace

void NormalizeTextInPlace(std::string* text) {
  if (!IsValidUtf8Fast(*text)) *text = SanitizeUtf8(*text);
  std::string& s = *text;
  const size_t n = s.size();
  size_t i = FindNormalizeByte(s, 0);
  if (i >= n) return;
  // Every rewrite below is no longer than what it replaces, except the C1
  // remap (2 bytes -> 3); that rare case continues in a fresh buffer.
  size_t w = i;
  std::string grown;
  bool use_grown = false;
  auto put = [&](const char* p, size_t len) {
    if (use_grown) {
      grown.append(p, len);
    } else {
      if (p != s.data() + w) std::memmove(&s[w], p, len);
      w += len;
    }
  };
  while (i < n) {
    size_t next = FindNormalizeByte(s, i);
    if (next > i) {
      put(s.data() + i, next - i);
      i = next;
      if (i >= n) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\t' || c == '\n') {
        put(s.data() + i, 1);
      } else if (c == '\r') {
        if (i + 1 >= n || s[i + 1] != '\n') put("\n", 1);
      } else if (c == '\f' || c == '\v') {
        put("\n", 1);
      }
      // other control characters are dropped
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = DecodeUtf8(s, &j);
    char32_t remapped = 0;
    switch (ClassifyCodePoint(cp, &remapped)) {
      case CpAction::kKeep:
        put(s.data() + i, j - i);
        break;
      case CpAction::kSpace:
        put(" ", 1);
        break;
      case CpAction::kNewline:
        put("\n", 1);
        break;
      case CpAction::kDrop:
        break;
      case CpAction::kRemap: {
        std::string enc;
        AppendUtf8(&enc, remapped);
        if (!use_grown && w + enc.size() > j) {
          grown.reserve(n + n / 16);
          grown.assign(s.data(), w);
          use_grown = true;
        }
        put(enc.data(), enc.size());
        break;
      }
    }
    i = j;
  }
  if (use_grown) {
    s.swap(grown);
  } else {
    s.resize(w);
  }
}

std::string NormalizeText(std::string_view input) {
  std::string out(input);
  NormalizeTextInPlace(&out);
  return out;
}

void TidyLinesInPlace(std::string* text) {
  // Output never outgrows input (it only folds, trims and drops), so the
  // write index w trails the read index p and one buffer suffices.
  std::string& s = *text;
  // With a final '\n' in place, every output line fits where its input was.
  if (!s.empty() && s.back() != '\n') s.push_back('\n');
  const size_t n = s.size();
  size_t w = 0;
  size_t p = 0;
  bool pending_blank = false;
  bool any_line = false;
  while (p < n) {
    size_t eol = p;
    {
      const void* hit = std::memchr(s.data() + p, '\n', n - p);
      eol = hit == nullptr ? n : static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    }
    const size_t restore = w;
    if (pending_blank) s[w++] = '\n';
    const size_t start = w;
    bool pending_space = false;
    bool has_content = false;  // something other than tabs
    size_t i = p;
    while (i < eol) {
      char c = s[i];
      if (c == ' ') {
        pending_space = true;
        ++i;
      } else if (c == '\t') {
        pending_space = false;
        while (w > start && s[w - 1] == ' ') --w;
        s[w++] = '\t';
        ++i;
      } else {
        if (pending_space && w > start && s[w - 1] != '\t') s[w++] = ' ';
        pending_space = false;
        // Copy the run of ordinary characters in one go.
        size_t k = i;
        while (k < eol && s[k] != ' ' && s[k] != '\t') ++k;
        if (w != i) std::memmove(&s[w], &s[i], k - i);
        w += k - i;
        i = k;
        has_content = true;
      }
    }
    p = eol + 1;
    if (!has_content) {
      w = restore;
      if (any_line) pending_blank = true;
      continue;
    }
    s[w++] = '\n';
    any_line = true;
    pending_blank = false;
  }
  s.resize(w);
}

std::string TidyLines(std::string_view text) {
  std::string out(text);
  TidyLinesInPlace(&out);
  return out;
}

std::string FinishText(std::string text) {
  NormalizeTextInPlace(&text);
  TidyLinesInPlace(&text);
  // The last line of defence: whatever happened above, the result is UTF-8.
  if (!IsValidUtf8Fast(text)) text = SanitizeUtf8(text);
  return text;
}

bool HasVisibleText(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return true;
  }
  return false;
}

}  // namespace dealgraph
