// Dates in filing text, at the precision the text gives.
//
// FindDates scans one sentence and returns every date expression in it, in
// order of position. No std::regex: a hand-written scanner over the bytes.
#ifndef DEALGRAPH_INGEST_EXTRACT_DATES_H_
#define DEALGRAPH_INGEST_EXTRACT_DATES_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/lexer.h"

namespace dealgraph {

// A calendar date with optional month and day (0 = not given).
struct DateValue {
  int year = 0;
  int month = 0;  //!< 1..12, 0 when only the year is known
  int day = 0;    //!< 1..31, 0 when only year/month are known

  bool empty() const { return year == 0; }
  // ISO 8601 at the precision held: "2005", "2005-12", "2005-12-31"; "" when empty.
  std::string Iso() const;
  // Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (and "YYYYMMDD"); empty on failure.
  static DateValue FromIso(std::string_view iso);
  // True when one value refines the other: 2005 ~ 2005-12 ~ 2005-12-31.
  bool CompatibleWith(const DateValue& other) const;
  friend bool operator==(const DateValue&, const DateValue&) = default;
};

enum class DateKind {
  kAbsolute,   //!< "May 2, 2000", "2000-05-02", "5/2/2000"
  kPartial,    //!< "In December 2005", "in 2000", "May 2000 agreement", "Earlier in 2005"
  kRelative,   //!< "today", "recently", "last year", "yesterday": resolved against the anchor
  kPeriodEnd,  //!< "the quarter ended December 31, 2005", "fiscal year ended June 30, 2005"
  kRange,      //!< "April 1 - 5, 2006", "from January 1 through December 31, 2025": value = start
  kFiscal,     //!< "second quarter of fiscal 2006", "fiscal 2006": value = resolved period end
};

struct DateMention {
  size_t begin = 0;  //!< byte offset in the sentence
  size_t end = 0;    //!< one past the last byte
  DateValue value;   //!< resolved value (for kRange the start; for relative, resolved)
  DateValue range_end;  //!< for kRange: the end of the range; else empty
  DateKind kind = DateKind::kAbsolute;
  // True when the expression is marked as a when-it-happened date of the
  // clause ("On May 3, 2005,", "In December 2005,", "in July 2004", "today")
  // rather than a modifier of a noun ("the May 2000 agreement", "dated as of
  // May 2, 2000", "executed ... on March 30, 2001", "expire March 30, 2007",
  // "period ended December 31, 2005").
  bool event_anchor = false;
  // Lower-cased word(s) right before the date that explain its role:
  // "on", "in", "dated as of", "executed", "ended", "expire", "through", "as of",
  // "effective", ... ; "" when none.
  std::string cue;
};

// Context for relative expressions and fiscal periods.
struct DateContext {
  DateValue anchor;  //!< the dateline / filing date "today" refers to; may be empty
  int fiscal_year_end_month = 12;  //!< month the filer's fiscal year ends (6 for June 30)
  int fiscal_year_end_day = 31;
};

// Returns the date expressions found in `text` (normally one sentence).
std::vector<DateMention> FindDates(std::string_view text, const DateContext& ctx);
// The same from the sentence's pieces (lexer.h) when they are at hand.
std::vector<DateMention> FindDates(std::string_view text, const std::vector<LexToken>& pieces,
                                   const DateContext& ctx);

// Parses a stand-alone date such as "May 3, 2005", "January 27, 2006",
// "2005-05-03", "05/03/2005", "20050503"; empty DateValue when it is not one.
DateValue ParseDate(std::string_view text);

// The month a word names, in any case ("April" 4, "sept" 9), else 0.
int MonthOfWord(std::string_view word);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_DATES_H_
