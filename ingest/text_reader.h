// Text reader: a plain-text filing -> Document::text.
//
// Two kinds of plain text reach it:
//  * the markdown-ish conversions in data/filings/ (one paragraph per line,
//    '\t' between table cells, left-over HTML such as `< font id="TAB2"`,
//    `<u>..</u>`, `**bold**`, `*italic*`, and markdown escapes like `\$`);
//  * fixed-width EDGAR text documents (lines hard-wrapped near column 70-80,
//    columns aligned with runs of spaces, SGML page tags like <PAGE>).
// The reader tells them apart by line lengths (see IsHardWrapped) and, for
// the second kind, joins wrapped lines back into one line per paragraph and
// turns space-aligned columns into '\t'-separated cells.
#ifndef DEALGRAPH_INGEST_TEXT_READER_H_
#define DEALGRAPH_INGEST_TEXT_READER_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/document.h"

namespace dealgraph {

// Removes markup debris from one line and returns what is left:
//  * HTML/SGML tags of the usual formatting elements, also when broken
//    (`< font id="TAB2"` to the end of the line, `<u>`, `</u>`, `<PAGE>`);
//    their inner text stays;
//  * orphaned attribute runs such as `id="TAB2" style="LETTER-SPACING: 9pt">`;
//  * markdown emphasis `**x**`, `*x*` (only when paired on the line, so
//    footnote stars like "Revenue*" stay);
//  * markdown escapes `\$`, `\*`, `\_`, `\#`, ... (backslash + ASCII punctuation);
//  * the character references &amp; &lt; &gt; &quot; &apos; &nbsp; &#N; &#xH;.
// Spacing is not folded here (TidyLines does that). `line` holds no '\n'.
std::string CleanTextLine(std::string_view line);

// For fixed-width text: when `line` has two or more "wide gaps" (a tab, or
// three or more spaces, between non-space text) it is a table row and each gap
// becomes one '\t'; otherwise the line is returned with its gaps as single
// spaces. Leading/trailing spaces are removed.
std::string ColumnizeLine(std::string_view line);

// True for a line that is only a page number: "2", "- 2 -", "Page 2".
bool IsPageNumberLine(std::string_view line);

// True when `text` looks hard-wrapped: at least 3 lines of 50+ bytes and no
// more than 2% of the non-blank lines longer than 100 bytes.
bool IsHardWrapped(std::string_view text);

// Converts plain text (UTF-8; LF, CRLF or CR line ends) to Document::text lines:
// CleanTextLine on every line; if IsHardWrapped, wrapped paragraph lines are
// joined and columns become cells. The result is not yet tidied (callers run
// FinishText).
std::string TextToLines(std::string_view utf8);

// Reads a whole plain-text filing (no header). `utf8` must be UTF-8.
// Errors: Corruption("text without content") when nothing visible is left.
Result<Document> ReadTextFiling(std::string_view name, std::string_view utf8);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_TEXT_READER_H_
