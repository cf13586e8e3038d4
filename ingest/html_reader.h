// HTML reader: an HTML or inline-XBRL filing -> Document::text.
//
// Parses with dealgraph's own HTML parser (html_reader.cpp), which builds the
// element tree libxml2's forgiving HTML parser builds (the same implied
// <html>, <body> and <p>, the same elements closed by a later start or end
// tag, the same entities) without building it in memory: elements and text go
// straight to html::TextBuilder (html_text.h). Block elements (p, div, li,
// h1-h6, table, section, center, blockquote, pre, hr, br, ...) end a line;
// inline elements (span, font, b, i, a, and every ix:* / xbrli:* element) are
// read through, so a paragraph spread over many spans comes out as one line
// with its words spaced as a browser would show them. Table rows become one
// line with '\t' between the non-empty cells; a row with one non-empty cell
// is a plain line (so layout tables that wrap whole paragraphs read as
// paragraphs); rows of empty cells are dropped. A cell holding only "$" is
// joined to the next cell ("$44.2"), one holding only ")" or "%" to the
// previous one; a two-cell row whose first cell is a list marker ("•",
// "(a)", "1.") reads as one line "• text". script, style, head, title, the
// inline-XBRL header (ix:header, ix:hidden: hidden facts) and elements styled
// display:none are dropped. <pre> keeps its line breaks (space-aligned
// columns become cells, see ColumnizeLine).
#ifndef DEALGRAPH_INGEST_HTML_READER_H_
#define DEALGRAPH_INGEST_HTML_READER_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/document.h"

namespace dealgraph {

// True when the start of `text` looks like HTML: "<html", "<!DOCTYPE html" or
// "<body" in its first 4 KiB (64 KiB when the text begins with markup), or
// "<div", "<p", "<table" tags in the first 4 KiB when the text begins with
// markup or holds three such tags, unless EDGAR text markup (<PAGE>, <S>, <C>,
// <CAPTION>) shows it is a text document. Case-insensitive.
bool LooksLikeHtml(std::string_view text);

// Converts UTF-8 HTML to Document::text lines (already FinishText-ed).
// Errors: Corruption("HTML without text") when no visible text remains;
// Unsupported("HTML document too large") beyond 2 GiB. Nesting depth is not
// limited: old EDGAR HTML with unclosed <font> tags nests thousands of levels
// deep and is still read in full (past 2^20 levels elements are entered and
// left at once, which bounds memory on hostile input).
Result<std::string> HtmlToText(std::string_view utf8_html);

// The same conversion with libxml2 building the element tree (dealgraph's
// HTML reader before it had its own parser): the reference HtmlToText is
// tested against (tests/ingest/html_parity_test.cpp, and html_parity over any folder).
// Never called on the ingest path.
Result<std::string> HtmlToTextReference(std::string_view utf8_html);

// Initialises libxml2 once (thread-safe); every use of it calls this first.
void InitLibxml();

// For the parity checks only: while one of these lives, HtmlToText (and so
// every reader) converts with HtmlToTextReference. Process-wide.
class ScopedReferenceHtmlParser {
 public:
  ScopedReferenceHtmlParser();
  ~ScopedReferenceHtmlParser();
  ScopedReferenceHtmlParser(const ScopedReferenceHtmlParser&) = delete;
  ScopedReferenceHtmlParser& operator=(const ScopedReferenceHtmlParser&) = delete;
};

// Reads a whole HTML filing (no header). `utf8` must be UTF-8.
Result<Document> ReadHtmlFiling(std::string_view name, std::string_view utf8);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_HTML_READER_H_
