// SGML reader: an EDGAR submission (.txt full submission, .nc feed file, or a
// single <DOCUMENT>/<TYPE> wrapper around one document) -> Document.
//
// The header comes in two dialects, both read by ParseSecHeader:
//  * the classic <SEC-HEADER> block of "KEY:<tabs>VALUE" lines, nested by
//    indentation (FILER: / COMPANY DATA: / FORMER COMPANY: ...);
//  * the tagged <SUBMISSION> dialect of .nc files: "<ACCESSION-NUMBER>0001..."
//    with closing tags for blocks (</FILER>) and CR or nothing between tags.
// Then each <DOCUMENT> is split into its <TYPE>, <FILENAME> and <TEXT>. The
// main document (the first one, or the one whose type is the submission
// type), EX-99* and EX-10* exhibits are read by content (HTML or text; an
// <XBRL> wrapper around inline XBRL is removed); XBRL, graphics, PDFs, ZIP
// and Excel files, uuencoded data, XML, JSON, JS and CSS are skipped.
// Document::text holds the read documents in order, each preceded by a line
// "<<TYPE>>" ("<<8-K>>", "<<EX-99.1>>").
#ifndef DEALGRAPH_INGEST_SGML_READER_H_
#define DEALGRAPH_INGEST_SGML_READER_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/document.h"

namespace dealgraph {

// True when `text` is an EDGAR SGML submission: <SEC-DOCUMENT>, <SEC-HEADER>,
// <IMS-DOCUMENT> or <SUBMISSION> in its first 8 KiB (a PEM preamble may
// precede them), or the text begins with a bare <DOCUMENT> or <TYPE> tag.
bool LooksLikeSgml(std::string_view text);

// Parses the text of a header, in either dialect: what lies between
// <SEC-HEADER> (or the older <IMS-HEADER>) and its closing tag, or between
// <SUBMISSION> and the first <DOCUMENT>. Dates become ISO "YYYY-MM-DD" (left empty when malformed);
// ITEM INFORMATION titles become item numbers (see ItemNumberFromTitle), unknown titles are left
// out; only FILER blocks become `filers`. Never fails: what is not there stays empty.
FilingHeader ParseSecHeader(std::string_view header);

// Maps an ITEM INFORMATION value to an 8-K item number: a number is kept
// ("2.02", "Item 5.02" -> "5.02"); a title is looked up ("Results of
// Operations and Financial Condition" -> "2.02"). Titles are read with the
// numbering in force on `filed_iso` (before 2004-08-23 the old one: "Other
// events" -> "5", "Financial statements and exhibits" -> "7"); an empty date
// means the current numbering. Returns "" for an unknown title.
std::string ItemNumberFromTitle(std::string_view title, std::string_view filed_iso);

// Reads a submission. `utf8` must be UTF-8 with '\n' line ends.
// Errors (Corruption): "truncated SGML: header without documents",
// "truncated SGML: <DOCUMENT> 2 (EX-99.1) has no </DOCUMENT>" (any document
// left open refuses the whole filing), "truncated SGML: no <DOCUMENT>", "SGML
// filing without text".
Result<Document> ReadSgmlFiling(std::string_view name, std::string_view utf8);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_SGML_READER_H_
