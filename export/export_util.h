// Helpers shared by the exporters: escaping for each output language, short
// formatting of money and dates, and a by-id index over a GraphSlice.
//
// Every escaping function first repairs its input to valid UTF-8 (ill-formed
// bytes become U+FFFD), so no exporter can emit a byte sequence its reader
// would reject.
#ifndef DEALGRAPH_EXPORT_EXPORT_UTIL_H_
#define DEALGRAPH_EXPORT_EXPORT_UTIL_H_

#include <cstddef>
#include <exception>
#include <ios>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// ---- XML (GraphML, SVG post-processing) ----

// Returns `s` as valid UTF-8 with every character illegal in XML 1.0 removed
// (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF). No escaping.
std::string XmlLegalText(std::string_view s);

// Appends `s` made XML-legal and escaped (&, <, >, ", '). With
// `attribute`, tab, LF and CR become character references so that attribute
// value normalisation keeps them.
void AppendXmlEscaped(std::string* out, std::string_view s, bool attribute);
std::string XmlEscape(std::string_view s, bool attribute = false);

// ---- CSV (RFC 4180) ----

// Appends `s` as one CSV field: quoted (with doubled quotes) when it holds a
// comma, a quote, CR or LF, or starts/ends with a space; otherwise as is. A
// field a spreadsheet would run as a formula (IsCsvFormula) gets a leading
// "'", as OWASP's "CSV Injection" advises: `=HYPERLINK(...)` is written
// `'=HYPERLINK(...)`. Every CSV writer's text goes through here.
void AppendCsvField(std::string* out, std::string_view s);

// True when `s` begins with '=', '+', '-', '@', tab or carriage return and
// is not a number ("-5", "+1.5", "-2.5e6" are numbers).
bool IsCsvFormula(std::string_view s);

// ---- Graphviz ----

// Text for a Graphviz label-like attribute (label, xlabel, headlabel,
// taillabel, graph and cluster labels): valid UTF-8, XML-legal, whitespace
// runs (newlines included) folded to one space, every backslash doubled so
// that user text never forms an escape (\n, \l, \N, \G, ...), and every '&'
// that would start an entity ("&amp;", "&#60;") written as "&amp;", because
// Graphviz decodes entities in labels. Shown by every renderer exactly as
// the input. Never ends in an odd run of backslashes (which would break the
// quoting of cgraph's DOT writer). Plain-text labels only: never use the
// result in an HTML-like label or a record shape.
std::string DotText(std::string_view s);

// The same for the "tooltip" attribute, which Graphviz unescapes twice: each
// backslash is written as four. Callers may join DotTooltip pieces with the
// two characters "\n" to break lines.
std::string DotTooltip(std::string_view s);

// ---- Formatting ----

// Number of Unicode code points in `s` (ill-formed bytes count as one each).
size_t Utf8Length(std::string_view s);

// `s` cut to at most `max_chars` code points; when cut, the last kept one is
// replaced with "…". Never splits a UTF-8 sequence.
std::string TruncateUtf8(std::string_view s, size_t max_chars);

// A plain decimal rendering of a number for CSV and labels: "2000000",
// "0.5", "1234.56"; never exponent notation below 1e15.
std::string FormatNumber(double v);

// The currency symbol for an ISO code ("$" for USD, "€" for EUR, ...), or
// the code followed by a space when there is no common symbol.
std::string CurrencyPrefix(std::string_view currency);

// An amount with what it is: `compact` "$2.0M", "$0.50/share",
// "$14.0M–$16.0M", "$16.8K/month", "up to $1.5B", "$40.0M contingent";
// else "$2,000,000", "$0.50 per share", "$16,780 per month",
// "$40,000,000 (contingent)".
std::string DescribeAmount(const Money& m, bool compact);
// Short money for labels: DescribeAmount compact.
std::string FormatMoneyShort(const Money& m);
// Full money for tooltips: DescribeAmount with the code: "$2,000,000 (USD)",
// "$0.50 per share (USD)".
std::string FormatMoneyLong(const Money& m);

// An ISO date at the precision written: "2005", "2005-05", "2005-05-03".
struct IsoDate {
  int year = 0;
  int month = 0;  //!< 1..12, 0 when only the year is known
  int day = 0;    //!< 1..31, 0 when unknown
};
// Parses the forms above (a trailing time or other suffix after a full date
// is ignored). False on anything else, including impossible months/days.
bool ParseIsoDate(std::string_view s, IsoDate* out);
// The date as a fractional year at the middle of its period: "2005" ->
// 2005.5, "2005-05" -> the middle of May, "2005-05-03" -> noon of that day.
double DateToYears(const IsoDate& d);

// ---- Slice lookup ----

// By-id index over a slice's entities; the slice must outlive it.
class EntityIndex {
 public:
  explicit EntityIndex(const GraphSlice& slice);
  // The entity with this id, or nullptr.
  const Entity* Find(std::string_view id) const;
  // The entity's canonical name, else the id itself.
  std::string_view Name(std::string_view id) const;

 private:
  std::unordered_map<std::string_view, const Entity*> by_id_;
};

// The entity type an id most likely has when the slice lacks the entity:
// read from its prefix ("person:", "product:", "ag:"), else organization.
EntityType GuessEntityType(std::string_view id);

// ---- The edges every graph exporter writes ----

// One edge, viewing strings of the slice it came from.
struct FlatEdge {
  std::string_view source;
  std::string_view target;
  std::string_view type;  //!< "party_of", "concerns", "signatory_of", or a Relation type
  std::string_view role;  //!< party role / relation role; may be empty
};

// Every edge of `slice`, in a stable order, exact duplicates removed:
// party_of (party entity -> event, with the role), concerns (event ->
// agreement), signatory_of (each of an agreement's parties -> the
// agreement), then the slice's relations (from -> to). Edges naming an empty
// id are skipped. The views point into `slice`.
std::vector<FlatEdge> FlattenEdges(const GraphSlice& slice);

// Ids the edges name that the slice defines neither as an entity nor as an
// event, in first-seen order: exporters write them as stub nodes so that
// every edge has both ends.
std::vector<std::string_view> DanglingIds(const GraphSlice& slice,
                                          const std::vector<FlatEdge>& edges);

// Runs `body` (returning Status), turning any escaping exception into a
// Status so that none crosses an exporter's API.
template <typename Fn>
Status CatchAll(std::string_view what, Fn&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Status::Internal(std::string(what) + ": out of memory");
  } catch (const std::ios_base::failure& e) {
    return Status::IoError(std::string(what) + ": " + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_EXPORT_UTIL_H_
