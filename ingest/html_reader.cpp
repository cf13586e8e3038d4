#include "ingest/html_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bitset>
#include <climits>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/strings.h"
#include "common/utf8.h"
#include "ingest/encoding.h"
#include "ingest/html_text.h"

namespace dealgraph {

namespace {

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive search for `needle` (lower-case, starting with a
// non-letter such as '<') in `hay`; jumps between candidates with memchr.
size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  const size_t last = hay.size() - needle.size();
  size_t i = from;
  while (i <= last) {
    const void* hit = std::memchr(hay.data() + i, needle[0], last - i + 1);
    if (hit == nullptr) return std::string_view::npos;
    i = static_cast<size_t>(static_cast<const char*>(hit) - hay.data());
    size_t k = 1;
    while (k < needle.size() && ToLower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
    ++i;
  }
  return std::string_view::npos;
}

// True when hay[pos..] is `<name` followed by '>', '/', or whitespace.
bool TagAt(std::string_view hay, size_t pos, size_t name_len) {
  size_t k = pos + 1 + name_len;
  if (k >= hay.size()) return false;
  char c = hay[k];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int CountTags(std::string_view head, std::string_view name) {
  int count = 0;
  std::string pattern = "<" + std::string(name);
  size_t pos = 0;
  while ((pos = FindNoCase(head, pattern, pos)) != std::string_view::npos) {
    if (TagAt(head, pos, name.size())) ++count;
    pos += pattern.size();
  }
  return count;
}

// ---------------------------------------------------------------------------
// The parser. It builds the tree libxml2 2.9's HTML parser (HTML_PARSE_RECOVER)
// builds, rule for rule, and hands it to html::TextBuilder as it goes:
//
// - Markup: start tags "<" + ASCII letter, names lower-cased and cut at 100
//   bytes; end tags "</" + name (a "</" not followed by a name is dropped and
//   what follows is text); comments end at the first "-->" or "--!>" (an
//   unterminated one runs to the end); "<?" processing instructions at the
//   first ">"; DOCTYPE declarations; any other "<" is text.
// - Elements a later start tag implies the end of (a <p> ends an open <p>, a
//   <td> an open <td>, ...): libxml2's own table (htmlAutoCloseTag), plus the
//   tags that close their own kind. An end tag closes the elements opened
//   after its match unless one of them ranks higher (a stray </div> does not
//   close an open cell); one with no match is ignored.
// - Implied elements: <html> and <body> (or <head> for head elements) before
//   the first element, <p> for text directly under <html> or <head>.
//   Misplaced <html>, <head> and <body> tags are dropped, and so are the end
//   tags that go with them.
// - Empty elements (br, img, hr, meta, ...: libxml2's element table) end at
//   once, and so does any "<x/>".
// - Text: entities by libxml2's HTML 4 table (a name without ';' or unknown
//   stays as written; "&#...;" that is not a character is dropped), control
//   characters dropped, NUL read as a space; script and style content is raw
//   up to "</script" / "</style".
//
// Element names keep their prefix for these rules ("ix:header" is no HTML
// element); the text rules see the local name ("header"), as libxml2's tree
// does.

constexpr size_t kMaxName = 100;  // libxml2's HTML_PARSER_BUFFER_SIZE
constexpr int kMaxTags = 128;

// Every name any rule (libxml2's or the TextBuilder's) mentions. Tag 0 is
// every other name.
constexpr std::string_view kTagNames[] = {
    "",         "a",       "abbr",     "acronym",  "address",   "applet",     "area",
    "b",        "base",    "basefont", "bdo",      "big",       "blockquote", "body",
    "br",       "button",  "caption",  "center",   "cite",      "code",       "col",
    "colgroup", "dd",      "del",      "dfn",      "dir",       "div",        "dl",
    "dt",       "em",      "embed",    "fieldset", "font",      "form",       "frame",
    "frameset", "h1",      "h2",       "h3",       "h4",        "h5",         "h6",
    "head",     "hr",      "html",     "i",        "iframe",    "img",        "input",
    "ins",      "isindex", "kbd",      "label",    "legend",    "li",         "link",
    "map",      "menu",    "meta",     "noframes", "noscript",  "object",     "ol",
    "optgroup", "option",  "p",        "param",    "pre",       "q",          "s",
    "samp",     "script",  "select",   "small",    "span",      "strike",     "strong",
    "style",    "sub",     "sup",      "table",    "tbody",     "td",         "textarea",
    "tfoot",    "th",      "thead",    "title",    "tr",        "tt",         "u",
    "ul",       "var",     "listing",  "xmp",      "plaintext", "header",     "hidden",
    "template", "svg",     "math",     "xml",      "resources", "references", "section",
    "article",  "aside",   "nav",      "footer",   "main",      "figure",     "figcaption",
    "page",
};
constexpr int kNumTags = static_cast<int>(sizeof(kTagNames) / sizeof(kTagNames[0]));
static_assert(kNumTags <= kMaxTags, "tag ids are bytes with room for a bitset");

// Elements a start tag of their own kind closes (libxml2's htmlStartClose
// entries with the same name twice, which htmlAutoCloseTag cannot report).
constexpr std::string_view kSelfClosing[] = {"a", "col",   "colgroup", "form", "li", "option",
                                             "p", "tbody", "td",       "th",   "tr"};

// libxml2's htmlEndPriority: an end tag closes no element of higher rank.
struct EndPriority {
  std::string_view name;
  uint8_t rank;
};
constexpr EndPriority kEndPriorities[] = {
    {"div", 150},   {"td", 160},    {"th", 160},   {"tr", 170},   {"thead", 180}, {"tbody", 180},
    {"tfoot", 180}, {"table", 190}, {"head", 200}, {"body", 200}, {"html", 220},
};
constexpr uint8_t kDefaultEndPriority = 100;

uint32_t HashName(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

struct Tables {
  static constexpr size_t kSlots = 512;
  uint8_t slots[kSlots] = {};              // tag id by name hash; 0 = empty
  std::bitset<kMaxTags> closes[kMaxTags];  // closes[new][old]: <new> ends an open <old>
  bool empty[kMaxTags] = {};
  uint8_t priority[kMaxTags] = {};
  html::Kind kind[kMaxTags] = {};
  std::unordered_map<std::string_view, uint32_t> entities;  // name -> code point

  uint8_t Tag(std::string_view name) const {
    if (name.empty() || name.size() > 10) return 0;
    for (size_t i = HashName(name) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      uint8_t t = slots[i];
      if (t == 0) return 0;
      if (kTagNames[t] == name) return t;
    }
  }
};

constexpr uint8_t TagId(std::string_view name) {
  for (int t = 1; t < kNumTags; ++t) {
    if (kTagNames[t] == name) return static_cast<uint8_t>(t);
  }
  return 0;
}

const Tables& GetTables() {
  static const Tables* const tables = [] {
    InitLibxml();
    auto* t = new Tables();
    for (int id = 1; id < kNumTags; ++id) {
      size_t i = HashName(kTagNames[id]) & (Tables::kSlots - 1);
      while (t->slots[i] != 0) i = (i + 1) & (Tables::kSlots - 1);
      t->slots[i] = static_cast<uint8_t>(id);
      t->kind[id] = html::ClassifyElement(kTagNames[id]);
      t->priority[id] = kDefaultEndPriority;
      std::string name(kTagNames[id]);
      const htmlElemDesc* desc = htmlTagLookup(BAD_CAST name.c_str());
      t->empty[id] = desc != nullptr && desc->empty != 0;
    }
    t->kind[0] = html::Kind::kInline;
    t->priority[0] = kDefaultEndPriority;
    for (const EndPriority& p : kEndPriorities) t->priority[TagId(p.name)] = p.rank;
    // htmlAutoCloseTag(doc, old, node) asks libxml2's table whether a start
    // tag named node->name closes an open `old`.
    for (int n = 1; n < kNumTags; ++n) {
      std::string newname(kTagNames[n]);
      xmlNode node{};
      node.type = XML_ELEMENT_NODE;
      node.name = BAD_CAST newname.c_str();
      for (int o = 1; o < kNumTags; ++o) {
        if (o == n) continue;
        std::string oldname(kTagNames[o]);
        if (htmlAutoCloseTag(nullptr, BAD_CAST oldname.c_str(), &node) == 1) t->closes[n].set(o);
      }
    }
    for (std::string_view self : kSelfClosing) {
      uint8_t id = TagId(self);
      t->closes[id].set(id);
    }
    // libxml2's HTML 4 entities, each found by its value (no two share one;
    // the last is U+2666, &diams;). Each lookup scans libxml2's table: 2 ms.
    for (unsigned v = 1; v < 0x3000; ++v) {
      const htmlEntityDesc* e = htmlEntityValueLookup(v);
      if (e == nullptr || e->name == nullptr) continue;
      const htmlEntityDesc* back = htmlEntityLookup(BAD_CAST e->name);
      if (back != nullptr && back->value == v) {
        t->entities.emplace(std::string_view(e->name), v);
      }
    }
    return t;
  }();
  return *tables;
}

bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// XML's Char production.
bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Bytes of text, for ParseCharData's scan: where it stops, what it may
// have to drop (control characters; 0xEF starts U+FFFE and U+FFFF, which
// are no characters), and what is not blank.
constexpr uint8_t kStop = 1, kMaybeDropped = 2, kVisible = 4;
constexpr std::array<uint8_t, 256> kCharClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c == '<' || c == '&') {
      t[c] = kStop;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      t[c] = 0;
    } else if (c < 0x20) {
      t[c] = kMaybeDropped;
    } else if (c == 0xEF) {
      t[c] = kMaybeDropped | kVisible;
    } else {
      t[c] = kVisible;
    }
  }
  return t;
}();

class Parser {
 public:
  Parser(std::string_view in, html::TextBuilder* out)
      : t_(GetTables()), in_(in), n_(in.size()), out_(out) {}

  void Run() {
    // The prologue: comments, processing instructions and one DOCTYPE
    // before the first element; leading blanks are not text.
    SkipBlanks();
    SkipCommentsAndPIs();
    if (AtDoctype()) ParseDoctype();
    SkipBlanks();
    SkipCommentsAndPIs();
    Content();
    CloseAll();
  }

 private:
  struct Open {
    uint8_t tag;
    std::vector<uint32_t>* where;  // where_[tag], or where_other_[name] for tag 0
  };

  static constexpr uint8_t kHtml = TagId("html"), kHead = TagId("head"), kBody = TagId("body"),
                           kP = TagId("p"), kScript = TagId("script"), kStyle = TagId("style"),
                           kMeta = TagId("meta"), kLink = TagId("link"), kTitle = TagId("title"),
                           kBase = TagId("base"), kNoframes = TagId("noframes"),
                           kFrame = TagId("frame"), kFrameset = TagId("frameset"),
                           kHr = TagId("hr");

  unsigned char Cur() const { return pos_ < n_ ? static_cast<unsigned char>(in_[pos_]) : 0; }
  unsigned char At(size_t k) const {
    return pos_ + k < n_ ? static_cast<unsigned char>(in_[pos_ + k]) : 0;
  }
  // libxml2 stops where it reads a 0 byte: the end, or a NUL in the input.
  bool AtZero() const { return Cur() == 0; }
  void SkipBlanks() {
    while (pos_ < n_ && IsBlank(static_cast<unsigned char>(in_[pos_]))) ++pos_;
  }

  // An HTML tag or attribute name at pos_, lower-cased into *out: a letter,
  // '_', ':' or '.', then letters, digits, ':', '-', '_', '.'; at most
  // kMaxName bytes. False (nothing read) when there is none.
  bool ParseHtmlName(std::string* out) {
    unsigned char c = Cur();
    if (!IsAsciiAlpha(c) && c != '_' && c != ':' && c != '.') return false;
    size_t end = pos_;
    const size_t limit = std::min(n_, pos_ + kMaxName);
    while (end < limit) {
      c = static_cast<unsigned char>(in_[end]);
      if (!(IsAsciiAlpha(c) || IsAsciiDigit(c) || c == ':' || c == '-' || c == '_' || c == '.'))
        break;
      ++end;
    }
    out->assign(in_.data() + pos_, end - pos_);
    for (char& ch : *out) ch = AsciiLower(ch);
    pos_ = end;
    return true;
  }

  // An XML name (entity and processing-instruction names; case kept): a
  // letter, '_' or ':', then also digits, '-' and '.'. libxml2 also takes
  // Unicode letters; with `unicode` any non-ASCII byte counts as one. Entity
  // names read without: no entity has one, and "&" + name comes out the same
  // whether the name stops before it or not.
  std::string_view ParseXmlName(bool unicode) {
    size_t start = pos_;
    unsigned char c = Cur();
    if (!(IsAsciiAlpha(c) || c == '_' || c == ':' || (unicode && c >= 0x80))) return {};
    while (pos_ < n_) {
      c = Cur();
      if (!(IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '_' || c == '-' || c == ':' || c == '.' ||
            (unicode && c >= 0x80))) {
        break;
      }
      ++pos_;
    }
    return in_.substr(start, pos_ - start);
  }

  bool Closes(uint8_t newtag, const Open& old) const {
    return newtag != 0 && old.tag != 0 && t_.closes[newtag].test(old.tag);
  }

  void Push(uint8_t tag, std::string_view name, const html::StyleInfo& style) {
    Flush();
    if (tag == kHead) saw_head_ = true;
    if (tag == kBody) saw_body_ = true;
    const uint32_t index = static_cast<uint32_t>(stack_.size());
    std::vector<uint32_t>* where = &where_[tag];
    if (tag == 0) {
      auto it = where_other_.find(name);
      if (it == where_other_.end())
        it = where_other_.emplace(std::string(name), std::vector<uint32_t>()).first;
      where = &it->second;
    }
    where->push_back(index);
    const uint8_t rank = t_.priority[tag];
    for (size_t k = 0; k < kRanks && kRankLevels[k] <= rank; ++k) ranked_[k].push_back(index);
    stack_.push_back(Open{tag, where});
    // The text rules go by the local name: "ix:header" is a header, "o:p" a
    // paragraph.
    uint8_t local = tag;
    if (tag == 0) {
      size_t colon = name.find(':');
      if (colon != std::string_view::npos && colon > 0 && colon + 1 < name.size()) {
        local = t_.Tag(name.substr(colon + 1));
      }
    }
    out_->Start(t_.kind[local], local == kHr, style);
  }
  void Pop() {
    Flush();
    out_->End();
    const uint32_t index = static_cast<uint32_t>(stack_.size() - 1);
    stack_.back().where->pop_back();
    for (size_t k = 0; k < kRanks && !ranked_[k].empty() && ranked_[k].back() == index; ++k) {
      ranked_[k].pop_back();
    }
    stack_.pop_back();
  }
  void CloseAll() {
    while (!stack_.empty()) Pop();
  }
  // Text for the open element. Adjacent pieces ("AT", "&", "T") join into
  // one, as libxml2 joins them into one text node: TextBuilder normalises a
  // piece as a whole, so where pieces end must not depend on the parser.
  // Anything that makes a node (an element starting or ending, a comment, a
  // processing instruction) ends the piece.
  void Text(std::string_view text) {
    // libxml2 has no node to put text in before the first element.
    if (!stack_.empty()) pending_.append(text);
  }
  void Flush() {
    if (pending_.empty()) return;
    out_->Characters(pending_);
    pending_.clear();
  }

  void AutoClose(uint8_t newtag) {
    while (!stack_.empty() && Closes(newtag, stack_.back())) Pop();
  }

  // Whether an element of a known tag is open.
  bool StackHas(uint8_t tag) const { return !where_[tag].empty(); }

  // htmlCheckImplied: the <html>, <head> or <body> a new tag implies.
  void CheckImplied(uint8_t newtag) {
    if (newtag == kHtml) return;
    if (stack_.empty()) Push(kHtml, "html", {});
    if (newtag == kBody || newtag == kHead) return;
    const bool head_element = newtag == kScript || newtag == kStyle || newtag == kMeta ||
                              newtag == kLink || newtag == kTitle || newtag == kBase;
    if (stack_.size() <= 1 && head_element) {
      if (saw_head_ || saw_body_) return;
      Push(kHead, "head", {});
    } else if (newtag != kNoframes && newtag != kFrame && newtag != kFrameset) {
      if (saw_body_) return;
      if (StackHas(kBody) || StackHas(kHead)) return;
      Push(kBody, "body", {});
    }
  }

  // htmlCheckParagraph: text directly under <html> or <head>, or before any
  // element, goes into an implied <p>.
  void CheckParagraph() {
    if (!stack_.empty() && stack_.back().tag != kHtml && stack_.back().tag != kHead) return;
    AutoClose(kP);
    CheckImplied(kP);
    Push(kP, "p", {});
  }

  bool AtComment() const { return Cur() == '<' && At(1) == '!' && At(2) == '-' && At(3) == '-'; }
  bool AtPI() const { return Cur() == '<' && At(1) == '?'; }
  bool AtDoctype() const {
    static constexpr std::string_view kDoctype = "DOCTYPE";
    if (Cur() != '<' || At(1) != '!') return false;
    for (size_t i = 0; i < kDoctype.size(); ++i) {
      unsigned char c = At(2 + i);
      if (static_cast<char>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c) != kDoctype[i]) {
        return false;
      }
    }
    return true;
  }

  void SkipCommentsAndPIs() {
    while (AtComment() || AtPI()) {
      if (AtComment()) ParseComment();
      if (AtPI()) ParsePI();
      SkipBlanks();
    }
  }

  // "<!--" ... the first "-->" or "--!>" after it; unterminated: the rest.
  void ParseComment() {
    Flush();
    size_t from = pos_ + 4;
    while (true) {
      size_t dash = in_.find("--", from);
      if (dash == std::string_view::npos) {
        pos_ = n_;
        return;
      }
      if (dash + 2 < n_ && in_[dash + 2] == '>') {
        pos_ = dash + 3;
        return;
      }
      if (dash + 3 < n_ && in_[dash + 2] == '!' && in_[dash + 3] == '>') {
        pos_ = dash + 4;
        return;
      }
      from = dash + 1;
    }
  }

  // "<?" target ... ">". Without a target only the "<?" goes.
  void ParsePI() {
    pos_ += 2;
    if (ParseXmlName(true).empty()) return;
    Flush();
    size_t gt = in_.find('>', pos_);
    pos_ = gt == std::string_view::npos ? n_ : gt + 1;
  }

  // "<!DOCTYPE" ... ">", skipping quoted literals.
  void ParseDoctype() {
    pos_ += 9;
    while (pos_ < n_ && in_[pos_] != '>') {
      char c = in_[pos_];
      if (c == '"' || c == '\'') {
        size_t close = in_.find(c, pos_ + 1);
        if (close == std::string_view::npos) {
          pos_ = n_;
          return;
        }
        pos_ = close + 1;
      } else if (c == '\0') {
        return;
      } else {
        ++pos_;
      }
    }
    if (pos_ < n_) ++pos_;
  }

  // Style of the first style attribute (libxml2 drops repeated attributes).
  html::StyleInfo ParseAttributes() {
    html::StyleInfo style;
    bool have_style = false;
    SkipBlanks();
    while (!AtZero() && Cur() != '>' && !(Cur() == '/' && At(1) == '>')) {
      if (ParseHtmlName(&attr_name_)) {
        const bool is_style = !have_style && attr_name_ == "style";
        if (is_style) have_style = true;
        SkipBlanks();
        if (Cur() == '=') {
          ++pos_;
          SkipBlanks();
          size_t start, end;
          unsigned char q = Cur();
          if (q == '"' || q == '\'') {
            ++pos_;
            start = pos_;
            // Up to the quote, or a NUL, or the end.
            const void* hit = std::memchr(in_.data() + pos_, q, n_ - pos_);
            size_t stop = hit == nullptr ? n_ : static_cast<const char*>(hit) - in_.data();
            const void* nul = std::memchr(in_.data() + pos_, '\0', stop - pos_);
            if (nul != nullptr) stop = static_cast<const char*>(nul) - in_.data();
            pos_ = stop;
            end = pos_;
            if (Cur() == q) ++pos_;
          } else {
            start = pos_;
            while (!AtZero() && Cur() != '>' && !IsBlank(Cur())) ++pos_;
            end = pos_;
          }
          if (is_style) {
            std::string_view raw = in_.substr(start, end - start);
            style = raw.find('&') == std::string_view::npos ? html::ReadStyle(raw)
                                                            : html::ReadStyle(DecodeAttribute(raw));
          }
        }
      } else {
        // Not a name: skip to the next blank or the end of the tag.
        while (!AtZero() && !IsBlank(Cur()) && Cur() != '>' && !(Cur() == '/' && At(1) == '>')) {
          ++pos_;
        }
      }
      SkipBlanks();
    }
    return style;
  }

  // Entities in an attribute value, as libxml2 reads them there.
  std::string DecodeAttribute(std::string_view raw) const {
    std::string out;
    size_t i = 0;
    while (i < raw.size()) {
      char c = raw[i];
      if (c != '&') {
        out.push_back(c);
        ++i;
        continue;
      }
      if (i + 1 < raw.size() && raw[i + 1] == '#') {
        size_t j = i + 2;
        uint32_t v = CharRef(raw, &j);
        i = j;
        if (v == 0) break;  // libxml2 writes a 0 byte: the value ends there
        AppendUtf8(&out, v);
        continue;
      }
      size_t j = i + 1;
      size_t name_start = j;
      if (j < raw.size() && (IsAsciiAlpha(raw[j]) || raw[j] == '_' || raw[j] == ':')) {
        while (j < raw.size() && (IsAsciiAlpha(raw[j]) || IsAsciiDigit(raw[j]) || raw[j] == '_' ||
                                  raw[j] == '-' || raw[j] == ':' || raw[j] == '.')) {
          ++j;
        }
      }
      std::string_view name = raw.substr(name_start, j - name_start);
      if (!name.empty() && j < raw.size() && raw[j] == ';') {
        auto it = t_.entities.find(name);
        if (it != t_.entities.end()) {
          AppendUtf8(&out, it->second);
          i = j + 1;
          continue;
        }
      }
      out.push_back('&');
      out.append(name);
      i = j;
    }
    return out;
  }

  // "&#" digits or "&#x" hex digits, then an optional ';', from s[*i] (just
  // after "&#"). The character, or 0 when it is none.
  static uint32_t CharRef(std::string_view s, size_t* i) {
    uint32_t v = 0;
    size_t j = *i;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    while (j < s.size() && s[j] != ';') {
      unsigned char c = static_cast<unsigned char>(s[j]);
      uint32_t d;
      if (IsAsciiDigit(c)) {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      v = v * (hex ? 16 : 10) + d;
      if (v > 0x110000) v = 0x110000;
      ++j;
    }
    if (j < s.size() && s[j] == ';') ++j;
    *i = j;
    return IsXmlChar(v) ? v : 0;
  }

  // A start tag at "<" + letter, and what ends its element at once.
  void ParseStartTag() {
    ++pos_;
    ParseHtmlName(&name_);
    const uint8_t tag = t_.Tag(name_);
    AutoClose(tag);
    CheckImplied(tag);
    bool discard = false;
    if (tag == kHtml && !stack_.empty()) discard = true;
    if (tag == kHead && stack_.size() != 1) discard = true;
    if (tag == kBody && StackHas(kBody)) discard = true;
    if (discard) ++discarded_;
    html::StyleInfo style = ParseAttributes();
    if (!discard) Push(tag, name_, style);
    // What follows applies to the element now open: the new one, or the
    // one a dropped tag stood in.
    if (stack_.empty()) {
      if (Cur() == '>') ++pos_;
      return;
    }
    if (Cur() == '/' && At(1) == '>') {
      pos_ += 2;
      Pop();
      return;
    }
    if (Cur() != '>') {  // the input ended inside the tag
      Pop();
      return;
    }
    ++pos_;
    if (t_.empty[stack_.back().tag]) Pop();
  }

  void ParseEndTag() {
    pos_ += 2;
    if (!ParseHtmlName(&name_)) return;
    SkipBlanks();
    while (!AtZero() && Cur() != '>') ++pos_;
    if (Cur() == '>') ++pos_;
    const uint8_t tag = t_.Tag(name_);
    if (discarded_ > 0 && (tag == kHtml || tag == kBody || tag == kHead)) {
      --discarded_;
      return;
    }
    // libxml2 looks down the open elements for the name and gives up at
    // one that ranks higher. The same answer without the walk (a stray end
    // tag under thousands of open elements would make it quadratic): the
    // topmost open element of that name, and whether anything above it
    // ranks higher.
    const std::vector<uint32_t>* where = &where_[tag];
    if (tag == 0) {
      auto it = where_other_.find(name_);
      if (it == where_other_.end()) return;
      where = &it->second;
    }
    if (where->empty()) return;
    const uint32_t match = where->back();
    const uint8_t rank = t_.priority[tag];
    for (size_t k = 0; k < kRanks; ++k) {
      if (kRankLevels[k] <= rank) continue;
      if (!ranked_[k].empty() && ranked_[k].back() > match) return;
      break;
    }
    while (stack_.size() > match + 1) Pop();
    Pop();
  }

  // Raw script or style content, up to "</script" or "</style".
  void SkipScript() {
    std::string_view name = kTagNames[stack_.back().tag];
    size_t from = pos_;
    while (true) {
      size_t lt = in_.find("</", from);
      if (lt == std::string_view::npos) {
        pos_ = n_;
        return;
      }
      std::string_view rest = in_.substr(lt + 2, name.size());
      bool match = rest.size() == name.size();
      for (size_t k = 0; match && k < name.size(); ++k) {
        match = AsciiLower(rest[k]) == name[k];
      }
      if (match) {
        pos_ = lt;
        return;
      }
      from = lt + 1;
    }
  }

  // "&#...;" or "&name;".
  void ParseReference() {
    if (At(1) == '#') {
      size_t j = pos_ + 2;
      uint32_t v = CharRef(in_, &j);
      pos_ = j;
      if (v == 0) return;
      scratch_.clear();
      AppendUtf8(&scratch_, v);
      CheckParagraph();
      Text(scratch_);
      return;
    }
    ++pos_;
    std::string_view name = ParseXmlName(false);
    CheckParagraph();
    if (name.empty()) {
      Text("&");
      return;
    }
    if (Cur() == ';') {
      auto it = t_.entities.find(name);
      if (it != t_.entities.end()) {
        ++pos_;
        scratch_.clear();
        AppendUtf8(&scratch_, it->second);
        Text(scratch_);
        return;
      }
    }
    Text("&");
    Text(name);
  }

  // Text up to the next '<' or '&'.
  void ParseCharData() {
    size_t start = pos_;
    size_t end = start;
    uint8_t seen = 0;
    while (end < n_) {
      const uint8_t c = kCharClass[static_cast<unsigned char>(in_[end])];
      if (c & kStop) break;
      seen |= c;
      ++end;
    }
    pos_ = end;
    std::string_view text = in_.substr(start, end - start);
    bool blank = (seen & kVisible) == 0;
    if (seen & kMaybeDropped) {
      scratch_.clear();
      blank = true;
      for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0) c = ' ';
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
          i += 2;
          continue;
        }
        if (!IsBlank(c)) blank = false;
        scratch_.push_back(static_cast<char>(c));
      }
      text = scratch_;
    }
    // Blank text before a tag (or the end) implies no paragraph; libxml2
    // reads text in pieces of 1000 bytes and asks that of each piece, so a
    // longer blank run does.
    if (!blank || text.size() >= 1000 || Cur() == '&') CheckParagraph();
    Text(text);
  }

  void Content() {
    while (true) {
      const unsigned char c = Cur();
      if (c == '<' && At(1) == '/') {
        ParseEndTag();
        continue;
      }
      if (c == '<' && IsAsciiAlpha(At(1)) && !stack_.empty()) {
        // libxml2 first looks the name up without '.' and closes what that
        // name closes, even inside a script or style ("<p.x>" closes an open
        // <p>, "<noscript>" a <script>). Elsewhere ParseStartTag does the
        // same with the whole name.
        size_t k = pos_ + 1;
        while (k < n_ && k - pos_ - 1 < kMaxName &&
               (IsAsciiAlpha(in_[k]) || IsAsciiDigit(in_[k]) || in_[k] == ':' || in_[k] == '-' ||
                in_[k] == '_')) {
          ++k;
        }
        const bool raw = stack_.back().tag == kScript || stack_.back().tag == kStyle;
        if (raw || (k < n_ && in_[k] == '.' && k - pos_ - 1 < kMaxName)) {
          name_.clear();
          for (size_t m = pos_ + 1; m < k; ++m) name_.push_back(AsciiLower(in_[m]));
          uint8_t tag = t_.Tag(name_);
          if (Closes(tag, stack_.back())) {
            AutoClose(tag);
            continue;
          }
        }
      }
      if (c != 0 && !stack_.empty() &&
          (stack_.back().tag == kScript || stack_.back().tag == kStyle)) {
        SkipScript();
        continue;
      }
      if (AtDoctype()) ParseDoctype();  // misplaced; the rest goes on from here
      if (AtComment()) {
        ParseComment();
      } else if (AtPI()) {
        ParsePI();
      } else if (Cur() == '<' && IsAsciiAlpha(At(1))) {
        ParseStartTag();
      } else if (Cur() == '<') {
        Text("<");
        ++pos_;
      } else if (Cur() == '&') {
        ParseReference();
      } else if (AtZero()) {
        return;
      } else {
        ParseCharData();
      }
    }
  }

  const Tables& t_;
  std::string_view in_;
  size_t pos_ = 0;
  size_t n_;
  html::TextBuilder* out_;
  std::vector<Open> stack_;
  // Where each name is open (indices into stack_, ascending), by tag and,
  // for other names, by name.
  std::vector<uint32_t> where_[kMaxTags];
  std::unordered_map<std::string, std::vector<uint32_t>, StringViewHash, std::equal_to<>>
      where_other_;
  // ranked_[k]: the open elements whose end-tag rank is at least
  // kRankLevels[k].
  static constexpr size_t kRanks = 7;
  static constexpr uint8_t kRankLevels[kRanks] = {150, 160, 170, 180, 190, 200, 220};
  std::vector<uint32_t> ranked_[kRanks];
  bool saw_head_ = false;  // a <head> opened (libxml2's html >= 3)
  bool saw_body_ = false;  // a <body> opened (html >= 10)
  int discarded_ = 0;      // misplaced <html>/<head>/<body> tags dropped
  std::string name_;       // the tag name being read
  std::string attr_name_;  // the attribute name being read
  std::string scratch_;
  std::string pending_;  // text not yet given to out_
};
}  // namespace

bool LooksLikeHtml(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const bool starts_with_markup = text[first] == '<';
  // A document that opens with markup (an XML declaration, comments, a long
  // <style>) may reach its <html> tag late; plain text gets 4 KiB.
  std::string_view head = text.substr(0, starts_with_markup ? 65536 : 4096);
  for (std::string_view strong : {"<html", "<!doctype html", "<body"}) {
    size_t pos = FindNoCase(head, strong);
    if (pos != std::string_view::npos) {
      if (strong[1] == '!' || TagAt(head, pos, strong.size() - 1)) return true;
    }
  }
  head = head.substr(0, 4096);
  // EDGAR's own text markup (<PAGE>, and <TABLE> with <S>/<C> column marks)
  // is not HTML.
  for (std::string_view sgml_text : {"<PAGE>", "<S>", "<C>", "<CAPTION>"}) {
    if (head.find(sgml_text) != std::string_view::npos) return false;
  }
  int weak = CountTags(head, "div") + CountTags(head, "p") + CountTags(head, "table");
  if (weak == 0) return false;
  return starts_with_markup || weak >= 3;
}

namespace {
std::atomic<int> g_reference_scopes{0};
}  // namespace

ScopedReferenceHtmlParser::ScopedReferenceHtmlParser() { ++g_reference_scopes; }
ScopedReferenceHtmlParser::~ScopedReferenceHtmlParser() { --g_reference_scopes; }

Result<std::string> HtmlToText(std::string_view utf8_html) {
  if (g_reference_scopes.load(std::memory_order_relaxed) > 0) {
    return HtmlToTextReference(utf8_html);
  }
  if (utf8_html.size() > static_cast<size_t>(INT_MAX)) {
    return Status::Unsupported("HTML document too large");
  }
  html::TextBuilder builder;
  Parser(utf8_html, &builder).Run();
  std::string text = FinishText(builder.Finish());
  if (!HasVisibleText(text)) return Status::Corruption("HTML without text");
  return text;
}

Result<Document> ReadHtmlFiling(std::string_view name, std::string_view utf8) {
  ASSIGN_OR_RETURN(std::string text, HtmlToText(utf8));
  Document doc;
  doc.name = std::string(name);
  doc.text = std::move(text);
  return doc;
}

}  // namespace dealgraph
