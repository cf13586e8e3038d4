// The text a browser shows for a stream of HTML elements: the second half of
// HtmlToText, after parsing. A parser calls Start/End/Characters in document
// order (the order a walk of the element tree visits it), and Finish returns
// the lines (before FinishText). Both HTML parsers feed it: dealgraph's own
// (html_reader.cpp) and the libxml2 reference (html_reference.cpp), so the
// two can differ only in the tree they build.
//
// Block elements end a line; inline elements are read through; table rows
// become one line with '\t' between the non-empty cells; <pre> keeps its line
// breaks; skipped elements (script, style, head, the inline-XBRL header) and
// elements styled display:none drop everything inside them. See
// html_reader.h for the whole list.
#ifndef DEALGRAPH_INGEST_HTML_TEXT_H_
#define DEALGRAPH_INGEST_HTML_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {
namespace html {

enum class Kind : uint8_t {
  kInline,  // read through
  kBlock,   // ends a line before and after
  kBreak,   // <br>: ends a line
  kSkip,    // content dropped
  kRow,     // <tr>
  kCell,    // <td>, <th>
  kPre,     // <pre>
};

// The kind of an element by its local name (after any "ix:" prefix),
// lower-case. Unknown names are inline.
Kind ClassifyElement(std::string_view local_name);

enum class Display : uint8_t { kDefault, kBlock, kInline, kInlineBlock };

// What a style="..." attribute says that matters for the text.
struct StyleInfo {
  bool hidden = false;         // display:none: the iXBRL header lives in one
  bool leading_space = false;  // padding-left/margin-left: a visual gap
  Display display = Display::kDefault;
  bool page_break = false;  // page-break-before/after: always
};

// Reads the declarations of a style attribute's value, in one pass.
StyleInfo ReadStyle(std::string_view css);

class TextBuilder {
 public:
  TextBuilder();
  ~TextBuilder();
  TextBuilder(const TextBuilder&) = delete;
  TextBuilder& operator=(const TextBuilder&) = delete;

  // An element opens. `is_hr` marks <hr> (a page break).
  void Start(Kind kind, bool is_hr, const StyleInfo& style);
  // The element opened last (and not yet ended) ends.
  void End();
  // Text inside the open elements (entities already decoded). May come in
  // pieces: "AT", "&", "T" read as "AT&T".
  void Characters(std::string_view text);
  // The lines, each ending in '\n' (not yet FinishText-ed).
  std::string Finish();

 private:
  struct Sink;
  struct RowFrame;

  Sink& sink();
  bool Enter(Kind kind, bool is_hr, StyleInfo style, uint8_t* actions);
  void Leave(uint8_t actions);
  void Break();
  void PageBreak();
  void Word(Sink& out, std::string_view w);
  void Text(std::string_view s);
  void EmitRow(RowFrame* row);

  std::string out_;
  std::vector<Sink> sinks_;
  std::vector<RowFrame> rows_;
  std::vector<uint8_t> frames_;  // the actions of each open element
  size_t skip_depth_ = 0;        // > 0 inside a skipped element
  int pre_depth_ = 0;
  bool page_break_ = false;  // a page ended; no word seen since
};

}  // namespace html
}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_HTML_TEXT_H_
