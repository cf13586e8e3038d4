#include "ingest/html_text.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "ingest/encoding.h"
#include "ingest/text_reader.h"

namespace dealgraph {
namespace html {

namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view TrimCss(std::string_view v) {
  while (!v.empty() && (IsAsciiSpace(v.front()) || v.front() == '"')) v.remove_prefix(1);
  while (!v.empty() && (IsAsciiSpace(v.back()) || v.back() == '"')) v.remove_suffix(1);
  return v;
}

// True for a CSS length that is not zero ("7.02pt", "1em"; not "0", "0pt").
bool IsNonZeroLength(std::string_view v) {
  for (char c : v) {
    if (c >= '1' && c <= '9') return true;
    if (c != '0' && c != '.') break;
  }
  return false;
}

void ApplyDeclaration(std::string_view prop, std::string_view value, StyleInfo* info) {
  if (EqualsIgnoreCase(prop, "display")) {
    if (StartsWithIgnoreCase(value, "none")) {
      info->hidden = true;
    } else if (StartsWithIgnoreCase(value, "inline-")) {
      info->display = Display::kInlineBlock;
    } else if (StartsWithIgnoreCase(value, "inline")) {
      info->display = Display::kInline;
    } else if (StartsWithIgnoreCase(value, "block") || StartsWithIgnoreCase(value, "list-item") ||
               StartsWithIgnoreCase(value, "flex")) {
      info->display = Display::kBlock;
    }
  } else if (EqualsIgnoreCase(prop, "page-break-before") || EqualsIgnoreCase(prop, "page-break-after") ||
             EqualsIgnoreCase(prop, "break-before") || EqualsIgnoreCase(prop, "break-after")) {
    if (StartsWithIgnoreCase(value, "always") || StartsWithIgnoreCase(value, "page")) {
      info->page_break = true;
    }
  } else if (EqualsIgnoreCase(prop, "padding-left") || EqualsIgnoreCase(prop, "margin-left")) {
    if (IsNonZeroLength(value)) info->leading_space = true;
  }
}

bool IsListMarker(std::string_view s) {
  static constexpr std::string_view kBullets[] = {
      "\xE2\x80\xA2",
      "\xC2\xB7",
      "\xE2\x96\xAA",
      "\xE2\x97\xA6",
      "\xEF\x82\xB7",
      "\xE2\x96\xA0",
      "\xE2\x97\x8F",
      "-",
      "\xE2\x80\x93",
      "\xE2\x80\x94",
      "o",
      "*",
  };
  for (std::string_view b : kBullets) {
    if (s == b) return true;
  }
  if (s.empty() || s.size() > 6) return false;
  size_t i = 0;
  bool paren = s[0] == '(';
  if (paren) ++i;
  size_t start = i;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                          (s[i] >= 'A' && s[i] <= 'Z'))) {
    ++i;
  }
  if (i == start || i - start > 4 || i + 1 != s.size()) return false;
  return s[i] == ')' || (s[i] == '.' && !paren);
}

bool IsPrefixCell(std::string_view s) {
  return s == "$" || s == "(" || s == "$(" || s == "US$" || s == "\xE2\x82\xAC" ||
         s == "\xC2\xA3" || s == "\xC2\xA5";
}

bool IsSuffixCell(std::string_view s) { return s == ")" || s == "%" || s == ")%" || s == "%)"; }

// Whether a paragraph cut by a page break continues with `word`: the line
// before stops mid-sentence and the word starts in lower case.
bool ContinuesAcrossPageBreak(std::string_view last, std::string_view word) {
  if (last.empty() || word.empty()) return false;
  if (last.find('\t') != std::string_view::npos) return false;
  char end = last.back();
  bool open = (end >= 'a' && end <= 'z') || end == ',';
  return open && word[0] >= 'a' && word[0] <= 'z';
}

std::string JoinCell(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) {
    if (!text.empty()) text.push_back(' ');
    text.append(l);
  }
  for (char& c : text) {
    if (c == '\t') c = ' ';
  }
  return text;
}

// Unclosed <font> tags in old EDGAR HTML nest a whole document thousands of
// levels deep, and all of it must be read. The cap only bounds memory on
// hostile input: past it, elements are entered and left at once.
constexpr size_t kMaxDepth = size_t{1} << 20;

enum Action : uint8_t {
  kBreakAfter = 1,
  kEndCell = 2,
  kEndRow = 4,
  kEndPre = 8,
  kSpaceAfter = 16,
};

}  // namespace

Kind ClassifyElement(std::string_view name) {
  static const auto* const kKinds = new std::unordered_map<std::string_view, Kind>{
      {"script", Kind::kSkip},    {"style", Kind::kSkip},       {"head", Kind::kSkip},
      {"title", Kind::kSkip},     {"header", Kind::kSkip},      {"hidden", Kind::kSkip},
      {"noscript", Kind::kSkip},  {"template", Kind::kSkip},    {"object", Kind::kSkip},
      {"embed", Kind::kSkip},     {"iframe", Kind::kSkip},      {"svg", Kind::kSkip},
      {"math", Kind::kSkip},      {"xml", Kind::kSkip},         {"select", Kind::kSkip},
      {"resources", Kind::kSkip}, {"references", Kind::kSkip},  {"meta", Kind::kSkip},
      {"link", Kind::kSkip},      {"p", Kind::kBlock},          {"div", Kind::kBlock},
      {"li", Kind::kBlock},       {"ul", Kind::kBlock},         {"ol", Kind::kBlock},
      {"dl", Kind::kBlock},       {"dt", Kind::kBlock},         {"dd", Kind::kBlock},
      {"h1", Kind::kBlock},       {"h2", Kind::kBlock},         {"h3", Kind::kBlock},
      {"h4", Kind::kBlock},       {"h5", Kind::kBlock},         {"h6", Kind::kBlock},
      {"section", Kind::kBlock},  {"article", Kind::kBlock},    {"aside", Kind::kBlock},
      {"nav", Kind::kBlock},      {"footer", Kind::kBlock},     {"main", Kind::kBlock},
      {"center", Kind::kBlock},   {"blockquote", Kind::kBlock}, {"address", Kind::kBlock},
      {"figure", Kind::kBlock},   {"figcaption", Kind::kBlock}, {"form", Kind::kBlock},
      {"fieldset", Kind::kBlock}, {"legend", Kind::kBlock},     {"hr", Kind::kBlock},
      {"html", Kind::kBlock},     {"body", Kind::kBlock},       {"caption", Kind::kBlock},
      {"table", Kind::kBlock},    {"thead", Kind::kBlock},      {"tbody", Kind::kBlock},
      {"tfoot", Kind::kBlock},    {"page", Kind::kBlock},       {"dir", Kind::kBlock},
      {"menu", Kind::kBlock},     {"option", Kind::kBlock},     {"textarea", Kind::kBlock},
      {"br", Kind::kBreak},       {"tr", Kind::kRow},           {"td", Kind::kCell},
      {"th", Kind::kCell},        {"pre", Kind::kPre},          {"listing", Kind::kPre},
      {"xmp", Kind::kPre},        {"plaintext", Kind::kPre},
  };
  auto it = kKinds->find(name);
  return it == kKinds->end() ? Kind::kInline : it->second;
}

StyleInfo ReadStyle(std::string_view style) {
  StyleInfo info;
  while (!style.empty()) {
    size_t semi = style.find(';');
    std::string_view decl = style.substr(0, semi);
    style = semi == std::string_view::npos ? std::string_view() : style.substr(semi + 1);
    size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    ApplyDeclaration(TrimCss(decl.substr(0, colon)), TrimCss(decl.substr(colon + 1)), &info);
  }
  return info;
}

// Collects the lines of one container: the document, or one table cell.
struct TextBuilder::Sink {
  explicit Sink(std::string* out) : out_(out) {}
  Sink() = default;

  void Word(std::string_view w) {
    if (pending_space_ && !cur_.empty()) cur_.push_back(' ');
    pending_space_ = false;
    cur_.append(w);
  }
  void Space() { pending_space_ = true; }
  // Ends the current line; in <pre>, aligned columns become cells.
  void Break(bool columnize = false) {
    pending_space_ = false;
    if (cur_.empty()) return;
    if (HasVisibleText(cur_)) Emit(columnize ? ColumnizeLine(cur_) : cur_);
    cur_.clear();
  }
  void RawLine(std::string line) {
    Break();
    Emit(std::move(line));
  }
  bool AtLineStart() const { return cur_.empty(); }

  // The document sink only: the last finished line, or "".
  std::string_view LastLine() const {
    if (out_ == nullptr || out_->empty()) return {};
    size_t end = out_->size() - 1;  // the '\n'
    size_t start = out_->rfind('\n', end == 0 ? 0 : end - 1);
    start = (start == std::string::npos || start >= end) ? 0 : start + 1;
    return std::string_view(*out_).substr(start, end - start);
  }
  void DropLastLine() {
    std::string_view last = LastLine();
    if (!last.empty()) out_->resize(out_->size() - last.size() - 1);
  }
  // Takes the last finished line back as the current line, so the next word
  // continues it (a paragraph split by a page break).
  void ReopenLastLine() {
    std::string_view last = LastLine();
    if (last.empty() || !cur_.empty()) return;
    cur_.assign(last);
    DropLastLine();
    pending_space_ = true;
  }

  std::vector<std::string> TakeLines() {
    Break();
    return std::move(lines_);
  }

 private:
  void Emit(std::string line) {
    if (out_ != nullptr) {
      out_->append(line);
      out_->push_back('\n');
    } else {
      lines_.push_back(std::move(line));
    }
  }

  std::string* out_ = nullptr;  // the document; null for a cell
  std::string cur_;
  bool pending_space_ = false;
  std::vector<std::string> lines_;
};

struct TextBuilder::RowFrame {
  size_t sink_depth;
  std::vector<std::vector<std::string>> cells;
};

TextBuilder::TextBuilder() { sinks_.emplace_back(&out_); }

TextBuilder::~TextBuilder() = default;

TextBuilder::Sink& TextBuilder::sink() { return sinks_.back(); }

void TextBuilder::Start(Kind kind, bool is_hr, const StyleInfo& style) {
  if (skip_depth_ > 0) {
    ++skip_depth_;
    return;
  }
  uint8_t actions = 0;
  bool descend = Enter(kind, is_hr, style, &actions);
  if (!descend || frames_.size() >= kMaxDepth) {
    // Nothing inside is read: leave it now and swallow its content.
    Leave(actions);
    skip_depth_ = 1;
    return;
  }
  frames_.push_back(actions);
}

void TextBuilder::End() {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return;
  }
  if (frames_.empty()) return;  // more ends than starts: a parser bug, ignored
  uint8_t actions = frames_.back();
  frames_.pop_back();
  Leave(actions);
}

void TextBuilder::Characters(std::string_view text) {
  if (skip_depth_ == 0) Text(text);
}

std::string TextBuilder::Finish() {
  while (!frames_.empty()) End();
  while (sinks_.size() > 1) sinks_.pop_back();  // unbalanced only on a bug
  sinks_.back().Break();
  return std::move(out_);
}

bool TextBuilder::Enter(Kind kind, bool is_hr, StyleInfo style, uint8_t* actions) {
  if (kind == Kind::kSkip) return false;
  if (style.hidden) return false;
  if (style.page_break || is_hr) PageBreak();
  if (kind == Kind::kInline || kind == Kind::kBlock) {
    // CSS decides how <div style="display:inline"> or <span
    // style="display:block"> is laid out, not the tag.
    switch (style.display) {
      case Display::kDefault:
        break;
      case Display::kBlock:
        kind = Kind::kBlock;
        break;
      case Display::kInline:
        kind = Kind::kInline;
        break;
      case Display::kInlineBlock:
        kind = Kind::kInline;
        style.leading_space = true;
        *actions = kSpaceAfter;
        break;
    }
  }
  switch (kind) {
    case Kind::kInline:
      // Workiva separates "(d)" from "Exhibits." with padding, not a space.
      if (style.leading_space) sink().Space();
      return true;
    case Kind::kBlock:
      Break();
      *actions = kBreakAfter;
      return true;
    case Kind::kBreak:
      Break();
      return false;
    case Kind::kPre:
      Break();
      ++pre_depth_;
      *actions = kEndPre | kBreakAfter;
      return true;
    case Kind::kRow:
      Break();
      rows_.push_back(RowFrame{sinks_.size(), {}});
      *actions = kEndRow;
      return true;
    case Kind::kCell:
      if (!rows_.empty() && rows_.back().sink_depth == sinks_.size()) {
        sinks_.emplace_back();
        *actions = kEndCell;
      } else {
        Break();  // a cell outside a row reads as a block
        *actions = kBreakAfter;
      }
      return true;
    case Kind::kSkip:
      return false;
  }
  return true;
}

void TextBuilder::Leave(uint8_t actions) {
  if (actions & kEndCell) {
    std::vector<std::string> lines = sink().TakeLines();
    sinks_.pop_back();
    if (!rows_.empty()) rows_.back().cells.push_back(std::move(lines));
  }
  if (actions & kEndRow) {
    if (!rows_.empty()) {
      RowFrame row = std::move(rows_.back());
      rows_.pop_back();
      EmitRow(&row);
    }
  }
  if (actions & kEndPre) {
    Break();
    --pre_depth_;
  }
  if (actions & kBreakAfter) Break();
  if (actions & kSpaceAfter) sink().Space();
}

void TextBuilder::Break() { sink().Break(pre_depth_ > 0); }

// EDGAR HTML marks pages with page-break styles or <hr>. At the top level,
// the page number printed at the foot of the page is dropped, and a
// paragraph that continues on the next page is joined back (see Word).
void TextBuilder::PageBreak() {
  if (sinks_.size() != 1) return;
  Break();
  if (IsPageNumberLine(sink().LastLine())) sink().DropLastLine();
  page_break_ = true;
}

void TextBuilder::Word(Sink& out, std::string_view w) {
  if (page_break_) {
    page_break_ = false;
    if (sinks_.size() == 1 && pre_depth_ == 0 && out.AtLineStart() &&
        ContinuesAcrossPageBreak(out.LastLine(), w)) {
      out.ReopenLastLine();
    }
  }
  out.Word(w);
}

void TextBuilder::Text(std::string_view s) {
  std::string normalized;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      // NBSP and friends must count as spaces here, so that a cell of
      // "&nbsp;" is an empty cell.
      normalized = NormalizeText(s);
      s = normalized;
      break;
    }
  }
  Sink& out = sink();
  if (pre_depth_ > 0) {
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '\n') {
        if (i > start) Word(out, s.substr(start, i - start));
        if (i < s.size()) out.Break(true);
        start = i + 1;
      }
    }
    return;
  }
  size_t i = 0;
  while (i < s.size()) {
    if (IsAsciiSpace(s[i])) {
      out.Space();
      while (i < s.size() && IsAsciiSpace(s[i])) ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !IsAsciiSpace(s[j])) ++j;
    Word(out, s.substr(i, j - i));
    i = j;
  }
}

void TextBuilder::EmitRow(RowFrame* row) {
  size_t nonempty = 0;
  const std::vector<std::string>* only = nullptr;
  for (const auto& cell : row->cells) {
    if (!cell.empty()) {
      ++nonempty;
      only = &cell;
    }
  }
  if (nonempty == 0) return;
  Sink& out = sink();
  if (nonempty == 1) {
    for (const std::string& line : *only) out.RawLine(line);
    return;
  }
  std::vector<std::string> cells;
  for (const auto& cell : row->cells) {
    if (cell.empty()) continue;
    std::string text = JoinCell(cell);
    if (!cells.empty() && IsSuffixCell(text)) {
      cells.back().append(text);
    } else if (!cells.empty() && IsPrefixCell(cells.back())) {
      cells.back().append(text);
    } else {
      cells.push_back(std::move(text));
    }
  }
  if (cells.size() == 2 && IsListMarker(cells[0])) {
    out.RawLine(cells[0] + " " + cells[1]);
    return;
  }
  std::string line;
  for (const std::string& c : cells) {
    if (!line.empty()) line.push_back('\t');
    line.append(c);
  }
  out.RawLine(std::move(line));
}

}  // namespace html
}  // namespace dealgraph
