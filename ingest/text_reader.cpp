#include "ingest/text_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "common/utf8.h"
#include "ingest/encoding.h"

namespace dealgraph {

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Markdown lets a backslash escape any ASCII punctuation character.
bool IsEscapable(char c) {
  static constexpr std::string_view kPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  return c != '\0' && kPunct.find(c) != std::string_view::npos;
}

// A lower-case copy of `s` (tag and attribute names are short).
std::string LowerName(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

enum class TagKind { kNone, kInline, kBlock };

// Formatting elements whose tags we strip from text. Block-level ones leave a
// space behind so the words on either side stay apart.
TagKind KnownTag(std::string_view lower) {
  static constexpr std::string_view kInline[] = {
      "a",   "b",     "i",   "u",      "em", "strong", "font", "span", "sup",
      "sub", "small", "big", "strike", "tt", "fn",     "img",  "ins",  "del",
  };
  static constexpr std::string_view kBlock[] = {
      "p",    "br", "hr",  "div",     "tr",     "td",         "th",   "table", "tbody", "thead",
      "page", "s",  "c",   "li",      "ul",     "ol",         "h1",   "h2",    "h3",    "h4",
      "h5",   "h6", "pre", "caption", "center", "blockquote", "html", "body",  "head",  "title",
  };
  for (std::string_view t : kInline) {
    if (t == lower) return TagKind::kInline;
  }
  for (std::string_view t : kBlock) {
    if (t == lower) return TagKind::kBlock;
  }
  return TagKind::kNone;
}

bool IsKnownAttribute(std::string_view lower) {
  static constexpr std::string_view kAttrs[] = {
      "id",          "style",       "class",  "align",  "valign",  "size",    "face",
      "color",       "width",       "height", "border", "colspan", "rowspan", "bgcolor",
      "href",        "name",        "src",    "alt",    "lang",    "dir",     "nowrap",
      "cellpadding", "cellspacing", "type",   "target", "title",
  };
  for (std::string_view a : kAttrs) {
    if (a == lower) return true;
  }
  return false;
}

// Matches a formatting tag starting at line[i] == '<'. Accepts "<u>",
// "</u>", "< font id=...>", and a tag whose '>' is missing (then it runs to
// the end of the line). Sets *end past the tag.
bool MatchTag(std::string_view line, size_t i, size_t* end, TagKind* kind) {
  const size_t n = line.size();
  size_t p = i + 1;
  for (int k = 0; k < 2 && p < n && line[p] == ' '; ++k) ++p;
  if (p < n && line[p] == '/') ++p;
  if (p >= n || !IsAsciiAlpha(line[p])) return false;
  size_t q = p;
  while (q < n && IsAsciiAlnum(line[q]) && q - p < 12) ++q;
  if (q < n && !(line[q] == ' ' || line[q] == '>' || line[q] == '/' || line[q] == '\t')) {
    return false;
  }
  TagKind k = KnownTag(LowerName(line.substr(p, q - p)));
  if (k == TagKind::kNone) return false;
  size_t gt = line.find('>', q);
  *end = gt == std::string_view::npos ? n : gt + 1;
  *kind = k;
  return true;
}

// Matches orphaned attributes `id="TAB2" style="x: 9pt">` starting at
// line[i]. Only accepted when the run ends with '>' or the end of the line,
// so ordinary prose with an '=' is never touched.
bool MatchAttributeDebris(std::string_view line, size_t i, size_t* end) {
  const size_t n = line.size();
  size_t p = i;
  while (p < n) {
    size_t q = p;
    while (q < n && (IsAsciiAlnum(line[q]) || line[q] == '-') && q - p < 16) ++q;
    if (q == p || !IsKnownAttribute(LowerName(line.substr(p, q - p)))) return false;
    if (q >= n || line[q] != '=') return false;
    ++q;
    if (q >= n || (line[q] != '"' && line[q] != '\'')) return false;
    size_t close = line.find(line[q], q + 1);
    if (close == std::string_view::npos) {
      *end = n;
      return true;
    }
    size_t s = close + 1;
    while (s < n && line[s] == ' ') ++s;
    if (s >= n) {
      *end = n;
      return true;
    }
    if (line[s] == '>') {
      *end = s + 1;
      return true;
    }
    if (line[s] == '/' && s + 1 < n && line[s + 1] == '>') {
      *end = s + 2;
      return true;
    }
    p = s;
  }
  return false;
}

// Decodes a character reference at line[i] == '&' into *out.
bool DecodeEntity(std::string_view line, size_t i, std::string* out, size_t* end) {
  size_t semi = line.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 10 || semi == i + 1) return false;
  std::string_view body = line.substr(i + 1, semi - i - 1);
  if (body[0] == '#') {
    char32_t cp = 0;
    size_t k = 1;
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    if (hex) ++k;
    if (k >= body.size()) return false;
    for (; k < body.size(); ++k) {
      char c = body[k];
      int v;
      if (IsAsciiDigit(c)) {
        v = c - '0';
      } else if (hex && ToLower(c) >= 'a' && ToLower(c) <= 'f') {
        v = ToLower(c) - 'a' + 10;
      } else {
        return false;
      }
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return false;
    }
    if (cp == 0) return false;
    AppendUtf8(out, cp);
    *end = semi + 1;
    return true;
  }
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", "\xC2\xA0"},
      {"mdash", "\xE2\x80\x94"},
      {"ndash", "\xE2\x80\x93"},
      {"rsquo", "\xE2\x80\x99"},
      {"lsquo", "\xE2\x80\x98"},
      {"ldquo", "\xE2\x80\x9C"},
      {"rdquo", "\xE2\x80\x9D"},
      {"bull", "\xE2\x80\xA2"},
      {"copy", "\xC2\xA9"},
      {"reg", "\xC2\xAE"},
      {"trade", "\xE2\x84\xA2"},
      {"sect", "\xC2\xA7"},
      {"middot", "\xC2\xB7"},
  };
  for (const auto& [name, value] : kNamed) {
    if (body == name) {
      out->append(value);
      *end = semi + 1;
      return true;
    }
  }
  return false;
}

// Length of the run of '*' at line[i].
size_t StarRun(std::string_view line, size_t i) {
  size_t k = i;
  while (k < line.size() && line[k] == '*') ++k;
  return k - i;
}

// Finds paired markdown emphasis markers (`**x**`, `*x*`) and appends the
// positions of their stars to *drop, in increasing order.
void FindEmphasis(std::string_view line, std::vector<size_t>* drop) {
  constexpr size_t kMaxSpan = 600;  // bounds the search so long lines stay linear
  const size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    char c = line[i];
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c != '*') {
      ++i;
      continue;
    }
    size_t run = StarRun(line, i);
    bool opener = run <= 2 && (i == 0 || !IsAsciiAlnum(line[i - 1])) && i + run < n &&
                  !IsBlank(line[i + run]);
    if (!opener) {
      i += run;
      continue;
    }
    size_t k = i + run;
    size_t limit = std::min(n, i + run + kMaxSpan);
    size_t closer = std::string_view::npos;
    while (k < limit) {
      if (line[k] == '\\') {
        k += 2;
        continue;
      }
      if (line[k] != '*') {
        ++k;
        continue;
      }
      size_t r = StarRun(line, k);
      if (r == run && !IsBlank(line[k - 1]) && (k + r >= n || !IsAsciiAlnum(line[k + r]))) {
        closer = k;
        break;
      }
      k += r;
    }
    if (closer == std::string_view::npos) {
      i += run;
      continue;
    }
    for (size_t s = 0; s < run; ++s) drop->push_back(i + s);
    for (size_t s = 0; s < run; ++s) drop->push_back(closer + s);
    i = closer + run;
  }
}

constexpr std::array<bool, 256> MakeCleanTable() {
  std::array<bool, 256> t{};
  t['<'] = t['*'] = t['\\'] = t['&'] = t['='] = true;
  return t;
}
constexpr std::array<bool, 256> kCleanInteresting = MakeCleanTable();

void AppendCleanTextLine(std::string_view line, std::string* out) {
  const size_t n = line.size();
  auto next_interesting = [&](size_t i) {
    while (i < n && !kCleanInteresting[static_cast<unsigned char>(line[i])]) ++i;
    return i;
  };
  size_t first = next_interesting(0);
  if (first == n) {
    out->append(line);
    return;
  }
  std::vector<size_t> drop;
  if (line.find('*', first) != std::string_view::npos) FindEmphasis(line, &drop);
  const bool maybe_attrs =
      line.find("=\"") != std::string_view::npos || line.find("='") != std::string_view::npos;
  size_t d = 0;
  size_t i = 0;
  while (i < n) {
    // Plain text up to the next character that may start markup. An
    // attribute run starts at a word, so with maybe_attrs every letter after
    // a blank is a candidate and the bulk copy stops there.
    size_t next = maybe_attrs ? i : next_interesting(i);
    if (next > i) {
      out->append(line.data() + i, next - i);
      i = next;
      if (i >= n) break;
    }
    while (d < drop.size() && drop[d] < i) ++d;
    if (d < drop.size() && drop[d] == i) {
      ++i;
      continue;
    }
    char c = line[i];
    size_t end = 0;
    if (c == '\\' && i + 1 < n && IsEscapable(line[i + 1])) {
      out->push_back(line[i + 1]);
      i += 2;
      continue;
    }
    if (c == '<') {
      TagKind kind;
      if (MatchTag(line, i, &end, &kind)) {
        if (kind == TagKind::kBlock) out->push_back(' ');
        i = end;
        continue;
      }
    } else if (c == '&') {
      if (DecodeEntity(line, i, out, &end)) {
        i = end;
        continue;
      }
    } else if (maybe_attrs && IsAsciiAlpha(c) && (i == 0 || IsBlank(line[i - 1]))) {
      if (MatchAttributeDebris(line, i, &end)) {
        i = end;
        continue;
      }
    }
    out->push_back(c);
    ++i;
  }
}

// A "wide gap" separates columns in fixed-width text: a tab, or 3+ spaces
// strictly inside the (trimmed) line.
struct GapInfo {
  int gaps = 0;
  size_t first = std::string_view::npos;  //!< offset of the first wide gap
};

GapInfo ScanGaps(std::string_view s) {
  GapInfo info;
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    if (s[i] != ' ' && s[i] != '\t') {
      ++i;
      continue;
    }
    size_t j = i;
    bool tab = false;
    while (j < n && IsBlank(s[j])) {
      tab = tab || s[j] == '\t';
      ++j;
    }
    if (i > 0 && j < n && (tab || j - i >= 3)) {
      if (info.gaps++ == 0) info.first = i;
    }
    i = j;
  }
  return info;
}

// Appends trimmed `s` with each wide gap as '\t' when `table`, else with every
// run of blanks as one space.
void AppendColumnized(std::string_view s, bool table, std::string* out) {
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t k = i;
    while (k < n && !IsBlank(s[k])) ++k;
    out->append(s.data() + i, k - i);
    if (k >= n) break;
    size_t j = k;
    bool tab = false;
    while (j < n && IsBlank(s[j])) {
      tab = tab || s[j] == '\t';
      ++j;
    }
    if (j >= n) break;  // trailing blanks
    out->push_back(table && (tab || j - k >= 3) ? '\t' : ' ');
    i = j;
  }
}

// Splits text into lines at LF, CRLF or a lone CR (the caller's bytes are
// not normalised yet); the common LF-only case runs on memchr.
class LineReader {
 public:
  explicit LineReader(std::string_view text)
      : text_(text), has_cr_(std::memchr(text.data(), '\r', text.size()) != nullptr) {}

  bool Next(std::string_view* line) {
    const size_t n = text_.size();
    if (pos_ >= n) return false;
    const char* base = text_.data();
    size_t end;
    size_t next;
    if (!has_cr_) {
      const void* hit = std::memchr(base + pos_, '\n', n - pos_);
      end = hit == nullptr ? n : static_cast<size_t>(static_cast<const char*>(hit) - base);
      next = end + 1;
    } else {
      end = pos_;
      while (end < n && base[end] != '\n' && base[end] != '\r') ++end;
      next = end + 1;
      if (end < n && base[end] == '\r' && end + 1 < n && base[end + 1] == '\n') ++next;
    }
    *line = text_.substr(pos_, end - pos_);
    pos_ = next;
    return true;
  }

 private:
  std::string_view text_;
  bool has_cr_;
  size_t pos_ = 0;
};

struct WrapStats {
  bool wrapped = false;
  size_t width = 0;  //!< typical length of a full line
};

WrapStats MeasureWrapping(std::string_view text) {
  // Histogram of (trailing-blank-trimmed) line lengths up to 100 bytes.
  std::array<size_t, 101> hist{};
  size_t nonblank = 0;
  size_t long_lines = 0;
  size_t medium = 0;
  LineReader lines(text);
  std::string_view line;
  while (lines.Next(&line)) {
    size_t len = line.size();
    while (len > 0 && IsBlank(line[len - 1])) --len;
    if (len == 0) continue;
    ++nonblank;
    if (len > 100) {
      ++long_lines;
    } else {
      ++hist[len];
    }
    if (len >= 50) ++medium;
  }
  WrapStats stats;
  stats.wrapped = medium >= 3 && long_lines * 50 <= nonblank;
  if (!stats.wrapped) return stats;
  // The 90th percentile of lines of 30+ bytes is the right margin.
  size_t total = 0;
  for (size_t len = 30; len <= 100; ++len) total += hist[len];
  size_t seen = 0;
  stats.width = 80;
  for (size_t len = 30; len <= 100; ++len) {
    seen += hist[len];
    if (total > 0 && seen * 10 >= total * 9) {
      stats.width = len;
      break;
    }
  }
  return stats;
}

bool StartsItemHeading(std::string_view s) {
  if (s.size() < 6) return false;
  if (LowerName(s.substr(0, 5)) != "item ") return false;
  size_t k = 5;
  while (k < s.size() && s[k] == ' ') ++k;
  return k < s.size() && IsAsciiDigit(s[k]);
}

size_t IndentWidth(std::string_view s) {
  size_t w = 0;
  for (char c : s) {
    if (c == ' ') {
      ++w;
    } else if (c == '\t') {
      w = (w / 8 + 1) * 8;
    } else {
      break;
    }
  }
  return w;
}

std::string_view TrimBlank(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsPageTag(std::string_view s) {
  s = TrimBlank(s);
  return s.size() == 6 && LowerName(s) == "<page>";
}

// Removes the page number (and the blank lines after it) that ends `out`.
void DropTrailingPageNumber(std::string* out) {
  size_t end = out->size();
  while (end > 0 && (*out)[end - 1] == '\n') --end;
  size_t start = out->rfind('\n', end == 0 ? 0 : end - 1);
  start = (start == std::string::npos || end == 0) ? 0 : start + 1;
  if (start < end && IsPageNumberLine(std::string_view(*out).substr(start, end - start))) {
    out->resize(start);
  }
}

// Fixed-width text: joins hard-wrapped paragraph lines, columnizes tables.
void UnwrapFixedWidth(std::string_view text, size_t width, std::string* out) {
  const size_t full = width * 72 / 100;
  std::string cleaned;
  std::string para;
  bool have_para = false;
  bool last_full = false;
  bool pending_blank = false;  //!< a blank line after a full line, not yet known to end the paragraph
  int para_lines = 0;          //!< lines joined into the paragraph so far
  bool last_columnar = false;
  size_t last_indent = 0;
  size_t last_hang = std::string_view::npos;  // text column after an enumerator
  auto flush = [&]() {
    if (have_para) {
      out->append(para);
      out->push_back('\n');
    }
    para.clear();
    have_para = false;
  };
  LineReader lines(text);
  std::string_view raw;
  while (lines.Next(&raw)) {
    if (IsPageTag(raw)) {
      // <PAGE> ends a printed page: its page number is noise.
      if (pending_blank) out->push_back('\n');
      pending_blank = false;
      flush();
      DropTrailingPageNumber(out);
      out->push_back('\n');
      last_full = false;
      continue;
    }
    cleaned.clear();
    AppendCleanTextLine(raw, &cleaned);
    std::string_view content = TrimBlank(cleaned);
    if (content.empty()) {
      // Double-spaced text ("a leading" / "" / "designer, constructor and
      // ..."): one blank line after a line cut at the margin may be spacing,
      // not a paragraph's end; the next line tells.
      if (last_full && have_para && !pending_blank) {
        pending_blank = true;
        continue;
      }
      if (pending_blank) out->push_back('\n');
      pending_blank = false;
      flush();
      out->push_back('\n');
      last_full = false;
      continue;
    }
    size_t indent = IndentWidth(cleaned);
    if (pending_blank) {
      pending_blank = false;
      // It continues the sentence: in lower case, or after a line that ended
      // mid-sentence (no closing punctuation).
      const char end = para.empty() ? '.' : para.back();
      const bool mid_sentence = end != '.' && end != ':' && end != '?' && end != '!' && end != '"' && end != ';';
      // (A paragraph's first line may be indented: '    "On October 1, 2003 we' / '' /
      // 'acquisition of the assets ...'.)
      // (A centred headline over a blank line is deeper than such an indent.)
      const bool same_edge = indent == last_indent || (para_lines == 1 && indent < last_indent && last_indent <= 8);
      const bool spacing = same_edge && ((content[0] >= 'a' && content[0] <= 'z') || mid_sentence);
      if (!spacing) {
        flush();
        out->push_back('\n');
        last_full = false;
      }
    }
    GapInfo gaps = ScanGaps(content);
    bool columnar = gaps.gaps >= 2;
    // A deeply indented line (centred title, signature block) only continues
    // in a block with the same left edge.
    // A hanging indent ("Item 7.    Financial ... and" / "           Exhibits.")
    // continues under the text after the enumerator.
    // A paragraph's indented first line ("                 On January 28,
    // 1994, Turner ..., a" / "Georgia corporation ...") goes on at the margin.
    bool first_line_indent = para_lines == 1 && indent < last_indent && last_full;
    bool same_block = (last_indent >= 10 ? indent == last_indent : indent <= last_indent + 1) ||
                      indent == last_hang || first_line_indent;
    // A line starting in lower case at the same left edge continues a label
    // or sentence even when the line above is short ("Date of earliest" /
    // "event reported:  September 3, 1999").
    bool continues = content[0] >= 'a' && content[0] <= 'z' && indent == last_indent &&
                     !para.empty() && para.back() != '.' && para.back() != ':';
    bool join = have_para && !last_columnar && !columnar && (last_full || continues) &&
                same_block && !StartsItemHeading(content);
    if (join) {
      ++para_lines;
      // "trans-" + "action": a word broken at the margin.
      bool hyphen_break = para.size() >= 2 && para.back() == '-' &&
                          IsAsciiAlpha(para[para.size() - 2]) && content[0] >= 'a' &&
                          content[0] <= 'z';
      if (!hyphen_break) para.push_back(' ');
    } else {
      flush();
      have_para = true;
      para_lines = 1;
    }
    AppendColumnized(content, columnar, &para);
    // Was this line cut at the right margin? Form lines with a gap ("Date of
    // Report:    May 3") and short lines never wrap; a gap right after a short
    // enumerator ("(i)   Reference", "Item 7.    Financial") is no form field.
    size_t reach = indent + content.size();
    bool enumerated = gaps.gaps == 1 && gaps.first <= 8;
    bool form_line = gaps.gaps > 1 || (gaps.gaps == 1 && !enumerated);
    last_full = !form_line && reach >= full && content.size() >= width / 2 &&
                (indent < 10 || reach + 10 >= width);
    last_columnar = columnar;
    last_indent = indent;
    last_hang = std::string_view::npos;
    if (enumerated) {
      size_t k = gaps.first;
      while (k < content.size() && IsBlank(content[k])) ++k;
      last_hang = indent + k;
    }
  }
  flush();
  if (pending_blank) out->push_back('\n');
}

}  // namespace

bool IsPageNumberLine(std::string_view line) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (IsBlank(v.front()) || v.front() == '-')) v.remove_prefix(1);
    while (!v.empty() && (IsBlank(v.back()) || v.back() == '-')) v.remove_suffix(1);
    return v;
  };
  line = trim(line);
  if (line.size() > 5 && LowerName(line.substr(0, 5)) == "page ") line = trim(line.substr(5));
  if (line.empty() || line.size() > 4) return false;
  for (char c : line) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

std::string CleanTextLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  AppendCleanTextLine(line, &out);
  return out;
}

std::string ColumnizeLine(std::string_view line) {
  std::string_view s = TrimBlank(line);
  std::string out;
  out.reserve(s.size());
  AppendColumnized(s, ScanGaps(s).gaps >= 2, &out);
  return out;
}

bool IsHardWrapped(std::string_view text) { return MeasureWrapping(text).wrapped; }

std::string TextToLines(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 16);
  WrapStats stats = MeasureWrapping(utf8);
  if (stats.wrapped) {
    UnwrapFixedWidth(utf8, stats.width, &out);
    return out;
  }
  LineReader lines(utf8);
  std::string_view line;
  std::string columns;
  while (lines.Next(&line)) {
    // A space-aligned table row ("Helen Clark, President    $814,000    90%")
    // keeps its columns as tabs, as the fixed-width path does.
    std::string_view trimmed = TrimBlank(line);
    if (ScanGaps(trimmed).gaps >= 2) {
      columns.clear();
      AppendColumnized(trimmed, true, &columns);
      AppendCleanTextLine(columns, &out);
    } else {
      AppendCleanTextLine(line, &out);
    }
    out.push_back('\n');
  }
  return out;
}

Result<Document> ReadTextFiling(std::string_view name, std::string_view utf8) {
  Document doc;
  doc.name = std::string(name);
  doc.text = FinishText(TextToLines(utf8));
  if (!HasVisibleText(doc.text)) return Status::Corruption("text without content");
  return doc;
}

}  // namespace dealgraph
