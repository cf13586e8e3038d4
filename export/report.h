// The HTML report: one self-contained HTML5 file an analyst can open, mail
// or archive. It holds a summary header, the timeline and the partner
// diagram as inline SVG (rendered in-process by export/timeline.h and
// export/partners.h), a sortable, filterable table of the events whose rows
// link to their source quotes lower in the page (and back), the agreements,
// and the filings the quotes come from.
//
// Self-contained means no network fetch of any kind: styles and script are
// inline, there are no images, fonts or links to other documents, and a
// Content-Security-Policy meta forbids every fetch (default-src 'none'); the
// one inline script is allowed by its SHA-256 hash, so text that somehow
// formed a <script> element would still not run.
//
// Escaping: every piece of user text (names, quotes, summaries, filing
// names, the title) is repaired to valid UTF-8, stripped of characters
// illegal in XML and HTML-escaped (& < > " ') for the context it lands in;
// the JSON data block escapes <, >, &, U+2028 and U+2029 as \uXXXX, so it
// can never close its <script> element. The SVGs come from Graphviz, which
// escapes what it writes (docs/export.md, "Escaping user text").
#ifndef DEALGRAPH_EXPORT_REPORT_H_
#define DEALGRAPH_EXPORT_REPORT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// What the report says about one filing a source names. Optional: without
// it a filing is shown by the name the sources use.
struct ReportFiling {
  std::string key;         //!< the name Source::filing holds (accession number or file name)
  std::string file_name;   //!< the file it was read from; may be ""
  std::string form;        //!< "8-K", "8-K/A"; may be ""
  std::string filed;       //!< ISO filing date; may be ""
  std::string event_date;  //!< "date of earliest event reported"; may be ""
  std::string registrant;  //!< display name of the registrant; may be ""
  std::vector<std::string> items;  //!< "1.01", "8.01", ...
};

struct ReportOptions {
  // Page heading and <title>. Empty: "Deal report: <focus name>", else
  // "Deal report".
  std::string title;
  // The entity the report is about (--entity): the timeline's focus, named
  // in the summary. May be empty (the timeline then picks the organization
  // in the most events).
  std::string focus_entity_id;
  // A second entity the events were restricted to (--with); summary only.
  std::string with_entity_id;
  // The date filter the events were selected with; summary only.
  std::string from;
  std::string to;
  // Details of the filings the sources name, for the filings table.
  std::vector<ReportFiling> filings;
  // Shown in the footer ("2026-11-22 08:00 UTC"); empty: not shown, which
  // keeps the output a pure function of the inputs.
  std::string generated_at;
};

// What WriteHtmlReport did besides writing the page.
struct ReportInfo {
  size_t events = 0;  //!< rows in the event table
  // Diagrams that could not be drawn (the page says so in their place),
  // e.g. "timeline: Graphviz layout engine 'nop2' is not available ...".
  std::vector<std::string> warnings;
};

// Writes the report for `slice` (events in table order, usually oldest
// first) to `out`. Works for any number of events: with none the page says
// so and draws no diagrams; at thousands the page stays responsive (sorting
// and filtering touch only the table rows).
//
// A diagram Graphviz cannot draw does not fail the report: a note takes its
// place and the reason goes to info->warnings (when `info` is not null).
// Errors: NotFound when options.focus_entity_id is set but names neither an
// entity of the slice nor a party of its events; IoError when `out` fails.
// Nothing is thrown.
Status WriteHtmlReport(const GraphSlice& slice, const ReportOptions& options, std::ostream& out,
                       ReportInfo* info = nullptr);

// ---- Pieces, public for tests and for other HTML writers.

// `s` as HTML text or a double-quoted attribute value: valid UTF-8, XML-
// illegal characters removed, & < > " ' escaped. Newlines are kept.
std::string HtmlEscape(std::string_view s);

// `json` (valid JSON text) made safe inside an HTML <script> element: every
// '<', '>', '&' and U+2028/U+2029 is written as a \uXXXX escape. These
// characters only occur inside JSON strings, where the escape means the
// same character, so JSON.parse returns the same value.
std::string JsonForScript(std::string_view json);

// A Graphviz SVG document made embeddable in HTML5: the XML declaration,
// doctype and comments are dropped; every id gets `id_prefix` ("tl-"), and
// so do the references to ids (url(#...) in fill, stroke, clip-path, filter,
// mask, style; href="#..."), so two diagrams in one page never share an id.
// Text content and other attributes are copied unchanged. Returns "" when
// `svg` holds no <svg> element.
std::string EmbeddableSvg(std::string_view svg, std::string_view id_prefix);

// The standard base64 of the SHA-256 digest of `data`, as CSP hash sources
// use it ("sha256-<this>").
std::string Sha256Base64(std::string_view data);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_REPORT_H_
