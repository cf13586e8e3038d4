// Date scanner: tokenizes one sentence, then tries a handful of fixed-width
// patterns at each token. Every pattern looks at a bounded number of tokens
// before and after its start, so a sentence costs O(n) however hostile it is.
//
// Choices worth knowing (the header states the contract):
// - A month with no year ("in November", "on March 6", a table's "Three
//   Months Ended December 31,") is resolved against ctx.anchor to the most
//   recent such month/day not after the anchor, and reported as kRelative (or
//   kPeriodEnd after "ended"); without an anchor it is not reported.
// - "effective March 6, 2023" / "Effective July 28, 2023, the Board ..." is
//   an event date: cue "effective", event_anchor true. "dated (as of)",
//   "executed/signed ... on/in", "expire(s)", "ends", "ended", "through",
//   "until", "by", "as of", "since", "from" give event_anchor false.
// - A bare year needs a reason to be a year: a preceding cue ("in", "during",
//   "since", "of" after a lower-case word, "from", "until", "by", ...), a
//   qualifier ("late 2003", "mid-2005", "the end of 2025"), a following noun
//   it modifies ("a 2000 agreement", "2023 Annual Meeting"), or being the next
//   member of a list/range of dates ("in 2000 and 2005", "from 2007 until
//   2018"). Grouped numbers ("2,200"), amounts ("$2000"), numbers glued to
//   other digits or letters ("995-2005", "10-K") and counts ("2000 shares")
//   are never years.
// - Quarter and half expressions ("second quarter of fiscal 2006", "Q1 FY24",
//   "the first quarter of 2025") are fiscal periods of ctx's fiscal year; the
//   value is the period's last day. A fiscal year is named for the calendar
//   year it ends in (52/53-week retail calendars are not modelled).
// - Ranges ("April 1 - 5, 2006", "from X through Y", "between X and Y",
//   "from 2007-2018") carry event_anchor false.
// - Years: 1900-2099 standing alone, 1800-2199 inside a full date. Two-digit
//   years only in the unmistakable "01/31/06" shape and after "FY".
// - A span covers the date itself; qualifiers and cues before it ("late",
//   "in", "as of") are reported through `cue`, not included in the span.
#include "ingest/extract/dates.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dealgraph {
namespace {

// ---------------------------------------------------------------- calendar

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

bool IsValidDate(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

DateValue MakeDate(int y, int m = 0, int d = 0) {
  DateValue v;
  v.year = y;
  v.month = m;
  v.day = d;
  return v;
}

DateValue AddDays(DateValue v, int delta) {  // delta is -1 or +1
  if (v.day == 0) return {};
  v.day += delta;
  if (v.day < 1) {
    if (--v.month < 1) {
      v.month = 12;
      --v.year;
    }
    v.day = DaysInMonth(v.year, v.month);
  } else if (v.day > DaysInMonth(v.year, v.month)) {
    v.day = 1;
    if (++v.month > 12) {
      v.month = 1;
      ++v.year;
    }
  }
  return v;
}

DateValue AddMonths(DateValue v, int delta) {
  int index = v.year * 12 + (v.month - 1) + delta;
  v.year = index / 12;
  v.month = index % 12 + 1;
  v.day = 0;
  return v;
}

// --------------------------------------------------------------- lexicon

enum class W : uint8_t {
  kOther,
  kOn,
  kIn,
  kOf,
  kAs,
  kOr,
  kAnd,
  kAbout,
  kBefore,
  kAfter,
  kTo,
  kUp,
  kPrior,
  kBetween,
  kThrough,
  kThru,
  kUntil,
  kTill,
  kFrom,
  kDated,
  kEffective,
  kMade,
  kEnded,
  kEnding,
  kEnds,
  kToday,
  kYesterday,
  kTomorrow,
  kRecently,
  kMost,
  kMore,
  kLast,
  kThis,
  kNext,
  kEarlier,
  kLater,
  kYear,
  kMonth,
  kQuarter,
  kHalf,
  kFiscal,
  kFy,
  kCalendar,
  kDay,
  kThe,
};

enum : uint32_t {
  kDeterminer = 1u << 0,  // "the May 2000 agreement": the date modifies a noun
  kModNoun = 1u << 1,     // a noun a year or date can modify: "2000 agreement"
  kUnitNoun = 1u << 2,    // counted things: "2000 shares" is no year
  kPeriodNoun = 1u << 3,  // "quarter ended", "same period last year"
  kQualifier = 1u << 4,   // "late 2003", "mid-2005"
  kSpanNoun = 1u << 5,    // "the end of 2025", "the fall of 2005"
  kWeekday = 1u << 6,
  kMarkerOn = 1u << 7,    // starts a cue phrase ending in "on": "executed by the parties on"
  kMarkerIn = 1u << 8,    // starts a cue phrase ending in "in": "executed in 2000"
  kSimpleCue = 1u << 9,   // a one-word cue
  kYearCue = 1u << 10,    // a bare year may follow
  kMonthCue = 1u << 11,   // a bare month name may follow
  kListLink = 1u << 12,   // "and", "or": the next date continues a list
  kRangeLink = 1u << 13,  // "to", "through", "until": the next date ends a range
  kOfDeny = 1u << 14,     // "total of 2000": "of" after these gives no year
};

struct WordInfo {
  W id = W::kOther;
  int8_t month = 0;
  bool month_abbrev = false;
  int8_t ordinal = 0;  // "first".."fourth"
  uint32_t flags = 0;
};

using WordTable = WordMap<WordInfo, 2048, 24>;

const WordTable& Words() {
  static const WordTable* table = [] {
    auto* t = new std::unordered_map<std::string_view, WordInfo>();
    auto add = [t](std::string_view w, W id, uint32_t flags) {
      WordInfo& i = (*t)[w];
      if (id != W::kOther) i.id = id;
      i.flags |= flags;
    };
    static constexpr std::string_view kMonths[12] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; ++m) (*t)[kMonths[m]].month = static_cast<int8_t>(m + 1);
    static constexpr struct {
      std::string_view w;
      int m;
    } kAbbrev[] = {{"jan", 1}, {"feb", 2}, {"mar", 3},  {"apr", 4},  {"jun", 6},  {"jul", 7},
                   {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
    for (const auto& a : kAbbrev) {
      WordInfo& i = (*t)[a.w];
      i.month = static_cast<int8_t>(a.m);
      i.month_abbrev = true;
    }
    for (std::string_view w :
         {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
      add(w, W::kOther, kWeekday);
    }
    const uint32_t kRangeCue = kSimpleCue | kYearCue | kMonthCue;
    add("on", W::kOn, kSimpleCue);
    add("in", W::kIn, kSimpleCue | kYearCue | kMonthCue);
    add("of", W::kOf, 0);
    add("as", W::kAs, 0);
    add("or", W::kOr, kListLink);
    add("and", W::kAnd, kListLink);
    add("about", W::kAbout, 0);
    add("before", W::kBefore, kRangeCue);
    add("after", W::kAfter, kRangeCue);
    add("to", W::kTo, kSimpleCue | kRangeLink);
    add("up", W::kUp, 0);
    add("prior", W::kPrior, 0);
    add("between", W::kBetween, kRangeCue);
    add("through", W::kThrough, kRangeCue | kRangeLink);
    add("thru", W::kThru, kRangeCue | kRangeLink);
    add("until", W::kUntil, kRangeCue | kRangeLink);
    add("till", W::kTill, kRangeCue | kRangeLink);
    add("from", W::kFrom, kRangeCue);
    add("during", W::kOther, kRangeCue);
    add("since", W::kOther, kRangeCue);
    add("by", W::kOther, kRangeCue);
    add("at", W::kOther, kSimpleCue);
    add("beginning", W::kOther, kSimpleCue | kSpanNoun);
    add("starting", W::kOther, kSimpleCue);
    add("commencing", W::kOther, kSimpleCue);
    add("dated", W::kDated, kSimpleCue | kMarkerOn | kMarkerIn);
    add("effective", W::kEffective, kSimpleCue | kMarkerOn);
    add("made", W::kMade, 0);
    for (std::string_view w : {"executed", "signed"}) add(w, W::kOther, kMarkerOn | kMarkerIn);
    for (std::string_view w : {"expire", "expires", "expired", "expiring", "terminate",
                               "terminates", "terminated", "terminating"}) {
      add(w, W::kOther, kSimpleCue | kMarkerOn);
    }
    add("ended", W::kEnded, kSimpleCue);
    add("ending", W::kEnding, kSimpleCue);
    add("ends", W::kEnds, kSimpleCue | kMarkerOn);
    add("today", W::kToday, 0);
    add("yesterday", W::kYesterday, 0);
    add("tomorrow", W::kTomorrow, 0);
    add("recently", W::kRecently, 0);
    add("most", W::kMost, 0);
    add("more", W::kMore, 0);
    add("last", W::kLast, 0);
    add("this", W::kThis, kDeterminer);
    add("next", W::kNext, 0);
    add("earlier", W::kEarlier, 0);
    add("later", W::kLater, 0);
    add("year", W::kYear, kPeriodNoun);
    add("month", W::kMonth, kPeriodNoun);
    add("quarter", W::kQuarter, kPeriodNoun);
    add("half", W::kHalf, kPeriodNoun);
    add("fiscal", W::kFiscal, 0);
    add("fy", W::kFy, 0);
    add("calendar", W::kCalendar, 0);
    add("day", W::kDay, 0);
    add("the", W::kThe, kDeterminer);
    for (std::string_view w :
         {"years", "months", "quarters", "period", "periods", "week", "weeks", "halves"}) {
      add(w, W::kOther, kPeriodNoun);
    }
    for (std::string_view w : {"a", "an", "that", "these", "those", "its", "their", "our", "his",
                               "her", "such", "each", "any", "every", "whose", "your", "my"}) {
      add(w, W::kOther, kDeterminer);
    }
    for (std::string_view w : {"early", "late", "mid"}) add(w, W::kOther, kQualifier);
    for (std::string_view w :
         {"end", "start", "middle", "close", "fall", "spring", "summer", "winter", "autumn"}) {
      add(w, W::kOther, kSpanNoun);
    }
    static constexpr std::string_view kOrdinals[4] = {"first", "second", "third", "fourth"};
    for (int q = 0; q < 4; ++q) (*t)[kOrdinals[q]].ordinal = static_cast<int8_t>(q + 1);
    for (std::string_view w :
         {"agreement",    "agreements",  "collaboration", "collaborations", "license",
          "licenses",     "licence",     "licences",      "contract",       "contracts",
          "amendment",    "amendments",  "plan",          "plans",          "annual",
          "meeting",      "proxy",       "financial",     "guidance",       "bonus",
          "bonuses",      "cash",        "equity",        "incentive",      "stock",
          "option",       "options",     "performance",   "nonqualified",   "psu",
          "psus",         "rsu",         "rsus",          "notes",          "note",
          "credit",       "loan",        "revenue",       "revenues",       "results",
          "report",       "study",       "trial",         "program",        "programs",
          "compensation", "award",       "awards",        "grant",          "grants",
          "budget",       "target",      "targets",       "base",           "salary",
          "merger",       "acquisition", "offering",      "settlement",     "transaction",
          "financing",    "lease",       "arrangement",   "letter",         "press",
          "deal",         "filing",      "bylaws",        "charter",        "indenture",
          "facility",     "convertible", "debentures",    "warrants",       "warrant",
          "share",        "operating",   "net",           "sales",          "earnings",
          "expenses",     "outlook",     "forecast",      "statement",      "statements",
          "audit",        "tax"}) {
      add(w, W::kOther, kModNoun);
    }
    for (std::string_view w :
         {"shares",  "units",     "employees", "patients", "subjects", "stores",  "people",
          "persons", "customers", "acres",     "feet",     "square",   "barrels", "tons",
          "tonnes",  "copies",    "mg",        "kg",       "miles",    "percent", "holders",
          "sites",   "beds",      "hours",     "days",     "points",   "basis",   "million",
          "billion", "thousand",  "hundred",   "dollars",  "euros",    "times",   "members",
          "votes",   "locations", "centers",   "doses",    "vehicles", "homes",   "rooms"}) {
      add(w, W::kOther, kUnitNoun);
    }
    for (std::string_view w :
         {"total",    "sum",     "aggregate", "maximum", "minimum", "amount",  "number",
          "excess",   "value",   "price",     "rate",    "rule",    "section", "item",
          "code",     "page",    "exhibit",   "form",    "act",     "law",     "regulation",
          "schedule", "version", "class",     "series",  "tier",    "level",   "top",
          "group",    "out",     "one",       "two",     "three",   "up",      "order",
          "count",    "box",     "suite",     "unit",    "room",    "route",   "highway",
          "floor",    "no",      "sum",       "balance", "cost"}) {
      add(w, W::kOther, kOfDeny);
    }
    auto* map = new WordTable();
    for (const auto& [word, info] : *t) (*map)[word] = info;
    delete t;
    return map;
  }();
  return *table;
}

// ---------------------------------------------------------------- tokens

enum class TokKind : uint8_t { kWord, kNumber, kPunct };

struct DateToken {
  size_t begin = 0;
  size_t end = 0;
  TokKind kind = TokKind::kPunct;
  char punct = 0;             //!< kPunct: ASCII char; any dash is '-', quotes '\'' / '"', other '?'
  bool space_before = false;  //!< whitespace separates it from the previous token
  // kWord
  const WordInfo* info = nullptr;
  bool lower = false;       //!< no upper-case letter
  bool has_digit = false;   //!< "FY24", "Q1", "DM1"
  bool possessive = false;  //!< "Company's"
  // kNumber
  int64_t value = 0;     //!< integer part (saturates)
  int digits = 0;        //!< digits in the integer part (saturates)
  bool grouped = false;  //!< "2,200"
  bool decimal = false;  //!< "5.22"
  bool ordinal = false;  //!< "6th", "2nd"
  bool suffix = false;   //!< other letters glued on: "1990s", "4pm"
};

bool IsApostropheAt(std::string_view s, const LexToken& t) {
  return (t.size() == 1 && s[t.begin] == '\'') || (t.size() == 3 && IsRightQuoteAt(s, t.begin));
}

// The scanner's tokens from the sentence's pieces: a word takes in
// apostrophes followed by a letter ("Company's", "O'Neil"), a number's leading
// point and the backslash of "\$" stand alone, a number knows its value, its
// grouping and its glued letters ("6th", "1990s").
void BuildTokens(std::string_view s, const std::vector<LexToken>& lex, std::vector<DateToken>* out) {
  const WordTable& words = Words();
  const size_t n = lex.size();
  for (size_t i = 0; i < n; ++i) {
    const LexToken& l = lex[i];
    DateToken t;
    t.begin = l.begin;
    t.end = l.end;
    t.space_before = l.space_before();
    switch (l.kind) {
      case LexKind::kWord: {
        bool upper = l.Has(kLexUpper);
        t.has_digit = l.Has(kLexDigit);
        bool merged = false;
        while (i + 2 < n && lex[i + 1].begin == t.end && lex[i + 1].kind == LexKind::kPunct &&
               IsApostropheAt(s, lex[i + 1]) && lex[i + 2].begin == lex[i + 1].end &&
               lex[i + 2].kind == LexKind::kWord) {
          upper = upper || lex[i + 2].Has(kLexUpper);
          t.has_digit = t.has_digit || lex[i + 2].Has(kLexDigit);
          t.end = lex[i + 2].end;
          merged = true;
          i += 2;
        }
        const std::string_view w = s.substr(t.begin, t.end - t.begin);
        const uint32_t hash = merged ? LowerHash(w) : l.hash;
        t.kind = TokKind::kWord;
        t.lower = !upper;
        const size_t q = t.end;
        if (w.size() >= 3 && (s[q - 1] == 's' || s[q - 1] == 'S') &&
            (s[q - 2] == '\'' || (w.size() >= 4 && IsRightQuoteAt(s, q - 4)))) {
          t.possessive = true;
        }
        if (!t.has_digit) t.info = words.Find(w, hash);
        break;
      }
      case LexKind::kNumber: {
        size_t q = t.begin;
        if (l.Has(kLexLeadingDot)) {  // ".5": the point, then the number
          DateToken dot = t;
          dot.end = q + 1;
          dot.kind = TokKind::kPunct;
          dot.punct = '.';
          out->push_back(dot);
          t.begin = ++q;
          t.space_before = false;
        }
        while (q < l.end && IsLexDigit(static_cast<unsigned char>(s[q]))) {
          if (t.value < 1000000000000000LL) t.value = t.value * 10 + (s[q] - '0');
          if (t.digits < 1000) ++t.digits;
          ++q;
        }
        if (l.Has(kLexGrouped)) {
          t.grouped = true;
          while (q + 4 <= l.end && s[q] == ',') {
            for (size_t k = 1; k <= 3; ++k) {
              if (t.value < 1000000000000000LL) t.value = t.value * 10 + (s[q + k] - '0');
            }
            q += 4;
          }
        }
        if (q < l.end && s[q] == '.') {
          t.decimal = true;
          ++q;
          while (q < l.end && IsLexDigit(static_cast<unsigned char>(s[q]))) ++q;
        }
        if (q < l.end) {  // letters glued on
          std::string_view suf = s.substr(q, l.end - q);
          auto is = [&](const char* x) {
            return suf.size() == 2 && LexLower(suf[0]) == x[0] && LexLower(suf[1]) == x[1];
          };
          if (!t.grouped && !t.decimal && (is("st") || is("nd") || is("rd") || is("th"))) {
            t.ordinal = true;
          } else {
            t.suffix = true;
          }
        }
        t.kind = TokKind::kNumber;
        break;
      }
      case LexKind::kSymbol:
        t.kind = TokKind::kPunct;
        t.punct = l.punct;
        if (l.size() == 2) {  // "\$"
          DateToken slash = t;
          slash.end = t.begin + 1;
          slash.punct = '\\';
          out->push_back(slash);
          t.begin = slash.end;
          t.space_before = false;
        }
        break;
      case LexKind::kPunct:
        t.kind = TokKind::kPunct;
        t.punct = l.punct == '`' ? '\'' : l.punct;
        break;
    }
    out->push_back(t);
  }
}

// ---------------------------------------------------------------- scanner

// Kinds that say when a period ends or spans, never when an event happened.
bool NeverEventAnchor(DateKind k) {
  return k == DateKind::kPeriodEnd || k == DateKind::kFiscal || k == DateKind::kRange;
}

class DateScanner {
 public:
  DateScanner(std::string_view text, const std::vector<LexToken>& pieces, const DateContext& ctx)
      : text_(text), ctx_(ctx) {
    toks_.reserve(pieces.size() + 4);
    BuildTokens(text, pieces, &toks_);
    first_content_ = static_cast<ptrdiff_t>(toks_.size());
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].kind != TokKind::kPunct) {
        first_content_ = static_cast<ptrdiff_t>(i);
        break;
      }
    }
    fy_month_ = ctx.fiscal_year_end_month >= 1 && ctx.fiscal_year_end_month <= 12
                    ? ctx.fiscal_year_end_month
                    : 12;
    int last_day = DaysInMonth(2001, fy_month_);
    fy_day_ = ctx.fiscal_year_end_day >= 1 && ctx.fiscal_year_end_day <= last_day
                  ? ctx.fiscal_year_end_day
                  : last_day;
    if (fy_month_ == 2 && fy_day_ >= 28) fy_day_ = 29;  // "end of February": clamped per year
  }

  std::vector<DateMention> Run();

 private:
  // A pattern's raw result, before the words around it are read.
  struct Match {
    size_t first = 0;  // first token
    size_t last = 0;   // one past the last token
    DateValue value;
    DateValue range_end;
    DateKind kind = DateKind::kAbsolute;
    bool relative_word = false;    // "today", "recently", "last year"
    bool day_of_form = false;      // "this 6th day of January, 2025"
    bool skip_determiner = false;  // fiscal: "the first half of fiscal 2006"
  };
  struct Found {
    size_t first = 0;
    size_t last = 0;
    bool period_end = false;
    DateMention m;
  };
  // What the words before a date say about it.
  struct Before {
    std::string cue;
    bool modifier = false;    // a determiner or possessive right before it
    bool period_end = false;  // "quarter ended", "periods ended"
    bool plain_as_of = false;
    bool year_ok = false;    // a bare year may stand here
    bool month_ok = false;   // a bare month name may stand here
    bool qualified = false;  // "late", "mid-", "the end of"
    bool sentence_initial = false;
    bool after_period_noun = false;  // "same period last year"
  };

  const DateToken* At(ptrdiff_t k) const {
    return k >= 0 && static_cast<size_t>(k) < toks_.size() ? &toks_[k] : nullptr;
  }
  bool IsWord(ptrdiff_t k, W id) const {
    const DateToken* t = At(k);
    return t && t->kind == TokKind::kWord && t->info && t->info->id == id;
  }
  bool HasFlag(ptrdiff_t k, uint32_t f) const {
    const DateToken* t = At(k);
    return t && t->kind == TokKind::kWord && t->info && (t->info->flags & f) != 0;
  }
  bool IsPunct(ptrdiff_t k, char c) const {
    const DateToken* t = At(k);
    return t && t->kind == TokKind::kPunct && t->punct == c;
  }
  // True when token k touches the token before it.
  bool Glued(ptrdiff_t k) const {
    const DateToken* t = At(k);
    return t && !t->space_before;
  }

  int MonthAt(ptrdiff_t k, bool* abbrev) const;
  bool DayAt(ptrdiff_t k, int* day) const;
  bool YearAt(ptrdiff_t k, int lo, int hi, int* year) const;
  size_t AfterMonth(size_t k) const;
  bool ParseFiscalYear(size_t k, size_t* next, int* year) const;
  DateValue FiscalEnd(int fiscal_year, int months_back) const;
  bool ResolveMonthDay(int m, int d, DateValue* out) const;
  bool ContinuesPrevious(size_t first, bool allow_range_link) const;
  bool BareYearAllowed(size_t i) const;

  bool MatchNumber(size_t i, Match* m) const;
  bool MatchMonth(size_t i, Match* m) const;
  bool MatchFiscal(size_t i, Match* m) const;
  bool MatchFiscalTail(size_t i, size_t j, int quarter, int half, Match* m) const;
  bool MatchRelative(size_t i, Match* m) const;

  Before AnalyzeBefore(size_t start, bool skip_this, bool skip_determiner) const;
  std::string JoinLower(size_t from, size_t to) const;
  void Emit(const Match& m);
  void MergeRanges();

  std::string_view text_;
  const DateContext& ctx_;
  std::vector<DateToken> toks_;
  ptrdiff_t first_content_ = 0;
  int fy_month_ = 12;
  int fy_day_ = 31;
  std::vector<Found> found_;
};

int DateScanner::MonthAt(ptrdiff_t k, bool* abbrev) const {
  const DateToken* t = At(k);
  if (!t || t->kind != TokKind::kWord || !t->info || t->info->month == 0) return 0;
  if (t->lower) return 0;  // "may" is a verb; "May" and "MAY" are months
  if (abbrev) *abbrev = t->info->month_abbrev;
  return t->info->month;
}

bool DateScanner::DayAt(ptrdiff_t k, int* day) const {
  const DateToken* t = At(k);
  if (!t || t->kind != TokKind::kNumber || t->grouped || t->decimal || t->suffix) return false;
  if (t->digits < 1 || t->digits > 2 || t->value < 1 || t->value > 31) return false;
  *day = static_cast<int>(t->value);
  return true;
}

bool DateScanner::YearAt(ptrdiff_t k, int lo, int hi, int* year) const {
  const DateToken* t = At(k);
  if (!t || t->kind != TokKind::kNumber || t->grouped || t->decimal || t->suffix || t->ordinal) {
    return false;
  }
  if (t->digits != 4 || t->value < lo || t->value > hi) return false;
  // "2005-2006", "2005/06", "2005.5": not a plain year.
  const DateToken* next = At(k + 1);
  if (next && !next->space_before && next->kind == TokKind::kPunct &&
      (next->punct == '/' || next->punct == '%' ||
       ((next->punct == '-' || next->punct == '.' || next->punct == ':') && At(k + 2) &&
        At(k + 2)->kind == TokKind::kNumber && !At(k + 2)->space_before))) {
    return false;
  }
  *year = static_cast<int>(t->value);
  return true;
}

// The token after a month name, past the dot of "Jan.".
size_t DateScanner::AfterMonth(size_t k) const {
  bool abbrev = false;
  MonthAt(static_cast<ptrdiff_t>(k), &abbrev);
  if (abbrev && IsPunct(static_cast<ptrdiff_t>(k) + 1, '.') &&
      Glued(static_cast<ptrdiff_t>(k) + 1)) {
    return k + 2;
  }
  return k + 1;
}

bool DateScanner::ResolveMonthDay(int m, int d, DateValue* out) const {
  const DateValue& a = ctx_.anchor;
  if (a.empty() || a.month < 1 || a.month > 12) return false;
  int y = a.year;
  if (m > a.month || (m == a.month && d > 0 && a.day > 0 && d > a.day)) --y;
  if (d > 0 && !IsValidDate(y, m, d)) return false;
  *out = MakeDate(y, m, d);
  return true;
}

// The last day of a fiscal period: the fiscal year's end moved back by
// `months_back` months (3 per quarter, 6 per half), keeping "end of month".
DateValue DateScanner::FiscalEnd(int fiscal_year, int months_back) const {
  int index = fiscal_year * 12 + (fy_month_ - 1) - months_back;
  int y = index / 12;
  int m = index % 12 + 1;
  bool month_end = fy_day_ >= DaysInMonth(2001, fy_month_);
  int d = month_end ? DaysInMonth(y, m) : fy_day_;
  if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
  return MakeDate(y, m, d);
}

// A fiscal year at token k: "2006", "FY24", "FY2024", or after "FY"/"'"
// a two-digit "24".
bool DateScanner::ParseFiscalYear(size_t k, size_t* next, int* year) const {
  ptrdiff_t i = static_cast<ptrdiff_t>(k);
  int y = 0;
  if (YearAt(i, 1900, 2099, &y)) {
    *year = y;
    *next = k + 1;
    return true;
  }
  const DateToken* t = At(i);
  if (!t) return false;
  auto two_digit = [](int v) { return v < 50 ? 2000 + v : 1900 + v; };
  if (t->kind == TokKind::kWord && t->has_digit) {
    std::string_view w = text_.substr(t->begin, t->end - t->begin);
    if (w.size() == 4 || w.size() == 6) {
      if ((w[0] == 'F' || w[0] == 'f') && (w[1] == 'Y' || w[1] == 'y')) {
        int v = 0;
        for (size_t p = 2; p < w.size(); ++p) {
          if (!IsLexDigit(static_cast<unsigned char>(w[p]))) return false;
          v = v * 10 + (w[p] - '0');
        }
        *year = w.size() == 4 ? two_digit(v) : v;
        if (*year < 1900 || *year > 2099) return false;
        *next = k + 1;
        return true;
      }
    }
    return false;
  }
  if (IsWord(i, W::kFy)) {
    size_t j = k + 1;
    if (IsPunct(static_cast<ptrdiff_t>(j), '-') || IsPunct(static_cast<ptrdiff_t>(j), '\'')) ++j;
    if (YearAt(static_cast<ptrdiff_t>(j), 1900, 2099, &y)) {
      *year = y;
      *next = j + 1;
      return true;
    }
    const DateToken* n = At(static_cast<ptrdiff_t>(j));
    if (n && n->kind == TokKind::kNumber && n->digits == 2 && !n->grouped && !n->decimal &&
        !n->suffix && !n->ordinal) {
      *year = two_digit(static_cast<int>(n->value));
      *next = j + 1;
      return true;
    }
  }
  if (IsPunct(i, '\'')) {
    const DateToken* n = At(i + 1);
    if (n && n->kind == TokKind::kNumber && n->digits == 2 && Glued(i + 1) && !n->grouped &&
        !n->decimal && !n->suffix) {
      *year = two_digit(static_cast<int>(n->value));
      *next = k + 2;
      return true;
    }
  }
  return false;
}

// True when the tokens between the previous found date and `first` are a
// list link ("," "and" "or", ", and") or, with allow_range_link, a range link
// ("to", "through", "until", "-").
bool DateScanner::ContinuesPrevious(size_t first, bool allow_range_link) const {
  if (found_.empty()) return false;
  size_t a = found_.back().last;
  if (first <= a || first - a > 2) return false;
  for (size_t k = a; k < first; ++k) {
    ptrdiff_t i = static_cast<ptrdiff_t>(k);
    if (IsPunct(i, ',') || HasFlag(i, kListLink)) continue;
    if (allow_range_link && (HasFlag(i, kRangeLink) || IsPunct(i, '-'))) continue;
    return false;
  }
  return true;
}

// Shape checks for a four-digit number standing alone as a year.
bool DateScanner::BareYearAllowed(size_t i) const {
  ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const DateToken& t = toks_[i];
  if (!t.space_before && k > 0) {
    const DateToken& p = toks_[i - 1];
    bool ok = p.kind == TokKind::kPunct &&
              (p.punct == '(' || p.punct == '"' || p.punct == '\'' || p.punct == '[' ||
               (p.punct == '-' && HasFlag(k - 2, kQualifier)));
    if (!ok) return false;
  }
  const DateToken* next = At(k + 1);
  if (next && !next->space_before && next->kind != TokKind::kPunct) return false;
  if (HasFlag(k + 1, kUnitNoun)) return false;
  return true;
}

std::string DateScanner::JoinLower(size_t from, size_t to) const {
  std::string out;
  for (size_t k = from; k <= to && k < toks_.size(); ++k) {
    if (!out.empty()) out.push_back(' ');
    for (size_t p = toks_[k].begin; p < toks_[k].end; ++p) out.push_back(LexLower(text_[p]));
  }
  return out;
}

DateScanner::Before DateScanner::AnalyzeBefore(size_t start, bool skip_this,
                                               bool skip_determiner) const {
  Before b;
  ptrdiff_t k = static_cast<ptrdiff_t>(start) - 1;
  if (skip_this && (IsWord(k, W::kThis) || IsWord(k, W::kThe))) --k;
  if (skip_determiner) {
    if (At(k) && At(k)->possessive) --k;
    if (HasFlag(k, kDeterminer)) --k;
  }
  // "on Monday, May 3, 2005"
  if (IsPunct(k, ',') && HasFlag(k - 1, kWeekday)) {
    k -= 2;
  } else if (HasFlag(k, kWeekday)) {
    --k;
  }
  for (int guard = 0; guard < 3 && k >= 0; ++guard) {
    if (HasFlag(k, kQualifier)) {  // "late 2003"
      b.qualified = true;
      --k;
      continue;
    }
    if (IsPunct(k, '-') && HasFlag(k - 1, kQualifier)) {  // "mid-2005"
      b.qualified = true;
      k -= 2;
      continue;
    }
    if (IsWord(k, W::kOf) && HasFlag(k - 1, kSpanNoun)) {  // "the end of 2025"
      b.qualified = true;
      k -= 2;
      if (IsWord(k, W::kThe)) --k;
      continue;
    }
    break;
  }
  b.year_ok = b.month_ok = b.qualified;
  if (k < first_content_) {
    b.sentence_initial = true;
    return b;
  }
  const DateToken& t = toks_[k];
  if (t.kind != TokKind::kWord) return b;
  if (HasFlag(k, kPeriodNoun)) b.after_period_noun = true;
  if (t.possessive || (HasFlag(k, kDeterminer) && !b.qualified)) {
    b.modifier = true;
    return b;
  }
  if (!t.info) return b;
  const W id = t.info->id;
  ptrdiff_t from = k;
  auto marker_lookback = [&](uint32_t marker) {
    // "executed by the parties on", "as of the close of business on"
    for (ptrdiff_t j = from - 1, steps = 0; j >= 0 && steps < 6; --j, ++steps) {
      if (toks_[j].kind != TokKind::kWord) break;
      if (HasFlag(j, marker)) {
        from = j;
        break;
      }
      if (IsWord(j, W::kAs) && IsWord(j + 1, W::kOf)) {
        from = j;
        if (IsWord(j - 1, W::kDated) || IsWord(j - 1, W::kEffective) || IsWord(j - 1, W::kMade)) {
          from = j - 1;
        }
        break;
      }
    }
  };
  switch (id) {
    case W::kOf:
      if (IsWord(k - 1, W::kAs)) {
        from = k - 1;
        if (IsWord(k - 2, W::kDated) || IsWord(k - 2, W::kEffective) || IsWord(k - 2, W::kMade)) {
          from = k - 2;
        } else {
          b.plain_as_of = true;
        }
        b.year_ok = b.month_ok = true;
      } else {
        // "in the fall of 2005" was consumed above; "Act of 1934" and
        // "a total of 2000" are not years.
        const DateToken* p = At(k - 1);
        b.year_ok =
            b.qualified || (p && p->kind == TokKind::kWord && p->lower && !HasFlag(k - 1, kOfDeny));
        if (!b.year_ok) return b;
      }
      break;
    case W::kAbout:
    case W::kBefore:
    case W::kAfter:
      if (IsWord(k - 1, W::kOr) && IsWord(k - 2, W::kOn)) {  // "on or about"
        from = k - 2;
        marker_lookback(kMarkerOn);
      } else if (id == W::kAbout) {
        return b;
      } else {
        b.year_ok = b.month_ok = true;
      }
      break;
    case W::kOn:
      marker_lookback(kMarkerOn);
      break;
    case W::kIn:
      marker_lookback(kMarkerIn);
      b.year_ok = b.month_ok = true;
      break;
    case W::kEnded:
    case W::kEnding:
    case W::kEnds:
      for (ptrdiff_t j = k - 1; j >= 0 && j >= k - 5; --j) {
        if (HasFlag(j, kPeriodNoun)) {
          b.period_end = true;
          break;
        }
        if (toks_[j].kind == TokKind::kWord || toks_[j].kind == TokKind::kNumber ||
            IsPunct(j, '-')) {
          continue;
        }
        break;
      }
      break;
    case W::kTo:
      if (IsWord(k - 1, W::kPrior) || IsWord(k - 1, W::kUp)) {
        from = k - 1;
        b.year_ok = b.month_ok = true;
      }
      break;
    default:
      if ((t.info->flags & kSimpleCue) == 0) return b;
      b.year_ok = b.year_ok || (t.info->flags & kYearCue) != 0;
      b.month_ok = b.month_ok || (t.info->flags & kMonthCue) != 0;
      break;
  }
  b.cue = JoinLower(static_cast<size_t>(from), static_cast<size_t>(k));
  return b;
}

// ---- patterns starting at a number: ISO, slashes, day-month-year, years

bool DateScanner::MatchNumber(size_t i, Match* m) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const DateToken& t = toks_[i];
  if (t.grouped || t.decimal || t.suffix) return false;
  // Not the tail of something else: "12-2005-01-31", "www/2006/01/31",
  // "xbrl-instance-2003-12-31". "mid-2005" is let through for the year check.
  if (!t.space_before && k > 0) {
    const DateToken& p = toks_[i - 1];
    bool ok = p.kind == TokKind::kPunct &&
              (p.punct == '(' || p.punct == '[' || p.punct == '"' || p.punct == '\'' ||
               p.punct == ':' || (p.punct == '-' && HasFlag(k - 2, kQualifier)));
    if (!ok) return false;
  }
  auto number = [&](ptrdiff_t j, int min_digits, int max_digits, int* v) {
    const DateToken* n = At(j);
    if (!n || n->kind != TokKind::kNumber || n->grouped || n->decimal || n->suffix || n->ordinal ||
        n->digits < min_digits || n->digits > max_digits || !Glued(j)) {
      return false;
    }
    *v = static_cast<int>(n->value);
    return true;
  };
  auto tail_clear = [&](ptrdiff_t j) {  // nothing glued on after the last number
    const DateToken* n = At(j);
    if (!n || n->space_before) return true;
    if (n->kind != TokKind::kPunct) return false;
    return !((n->punct == '-' || n->punct == '/' || n->punct == '.') && At(j + 1) &&
             At(j + 1)->kind == TokKind::kNumber && Glued(j + 1));
  };
  // ISO "2006-01-31"; or a span of years "2007-2018" / "2007–2018".
  if (t.digits == 4 && !t.ordinal && IsPunct(k + 1, '-') && Glued(k + 1)) {
    int mo = 0, d = 0, y2 = 0;
    const int y = static_cast<int>(t.value);
    if (number(k + 2, 2, 2, &mo) && IsPunct(k + 3, '-') && Glued(k + 3) &&
        number(k + 4, 2, 2, &d) && tail_clear(k + 5)) {
      if (y >= 1800 && y <= 2199 && IsValidDate(y, mo, d)) {
        m->first = i;
        m->last = i + 5;
        m->value = MakeDate(y, mo, d);
        m->kind = DateKind::kAbsolute;
        return true;
      }
    } else if (number(k + 2, 4, 4, &y2) && tail_clear(k + 3) && y >= 1900 && y < y2 && y2 <= 2099 &&
               BareYearAllowed(i) && !HasFlag(k + 3, kUnitNoun)) {
      Before b = AnalyzeBefore(i, false, false);
      if (b.year_ok || HasFlag(k + 3, kModNoun)) {
        m->first = i;
        m->last = i + 3;
        m->value = MakeDate(y);
        m->range_end = MakeDate(y2);
        m->kind = DateKind::kRange;
        return true;
      }
    }
    return false;
  }
  // US "1/31/2006", "01/31/06".
  if (t.digits <= 2 && !t.ordinal && IsPunct(k + 1, '/') && Glued(k + 1)) {
    int d = 0, y = 0;
    const DateToken* yt = At(k + 4);
    if (number(k + 2, 1, 2, &d) && IsPunct(k + 3, '/') && Glued(k + 3) && number(k + 4, 2, 4, &y) &&
        tail_clear(k + 5) && yt->digits != 3) {
      int mo = static_cast<int>(t.value);
      if (yt->digits == 2) {
        // Two-digit years only in the unmistakable "01/31/06" shape.
        if (t.digits != 2 || At(k + 2)->digits != 2) return false;
        y += y < 50 ? 2000 : 1900;
      }
      if (y >= 1800 && y <= 2199 && IsValidDate(y, mo, d)) {
        m->first = i;
        m->last = i + 5;
        m->value = MakeDate(y, mo, d);
        m->kind = DateKind::kAbsolute;
        return true;
      }
    }
    return false;
  }
  int day = 0;
  if (DayAt(k, &day)) {
    // "31 January 2006"
    bool abbrev = false;
    int mo = MonthAt(k + 1, &abbrev);
    if (mo) {
      size_t j = AfterMonth(i + 1);
      if (IsPunct(static_cast<ptrdiff_t>(j), ',')) ++j;
      int y = 0;
      if (YearAt(static_cast<ptrdiff_t>(j), 1800, 2199, &y)) {
        if (!IsValidDate(y, mo, day)) return false;
        m->first = i;
        m->last = j + 1;
        m->value = MakeDate(y, mo, day);
        m->kind = DateKind::kAbsolute;
        return true;
      }
      return false;
    }
    // "this 6th day of January, 2025"
    if (IsWord(k + 1, W::kDay) && IsWord(k + 2, W::kOf) && (mo = MonthAt(k + 3, &abbrev)) != 0) {
      size_t j = AfterMonth(i + 3);
      if (IsPunct(static_cast<ptrdiff_t>(j), ',')) ++j;
      int y = 0;
      if (YearAt(static_cast<ptrdiff_t>(j), 1800, 2199, &y) && IsValidDate(y, mo, day)) {
        m->first = i;
        m->last = j + 1;
        m->value = MakeDate(y, mo, day);
        m->kind = DateKind::kAbsolute;
        m->day_of_form = true;
        return true;
      }
      return false;
    }
  }
  int y = 0;
  if (!YearAt(k, 1900, 2099, &y) || !BareYearAllowed(i)) return false;
  // "the Company's 2006 fiscal year"
  if (IsWord(k + 1, W::kFiscal) && IsWord(k + 2, W::kYear)) {
    m->first = i;
    m->last = i + 3;
    m->value = FiscalEnd(y, 0);
    m->kind = DateKind::kFiscal;
    m->skip_determiner = true;
    return true;
  }
  Before b = AnalyzeBefore(i, false, false);
  bool noun_after = HasFlag(k + 1, kModNoun);
  if (!(b.year_ok || noun_after || ContinuesPrevious(i, true))) return false;
  m->first = i;
  m->last = i + 1;
  m->value = MakeDate(y);
  m->kind = DateKind::kPartial;
  return true;
}

// ---- patterns starting at a month name

bool DateScanner::MatchMonth(size_t i, Match* m) const {
  bool abbrev = false;
  const int mo = MonthAt(static_cast<ptrdiff_t>(i), &abbrev);
  if (!mo) return false;
  const size_t j = AfterMonth(i);
  const bool dotted = j == i + 2;
  const ptrdiff_t pj = static_cast<ptrdiff_t>(j);
  int d1 = 0;
  if (DayAt(pj, &d1)) {
    // A range inside one month or across two: "April 1 - 5, 2006",
    // "January 1 through December 31, 2025".
    ptrdiff_t c = pj + 1;
    bool link = IsPunct(c, '-') || HasFlag(c, kRangeLink) ||
                (IsWord(c, W::kAnd) && IsWord(static_cast<ptrdiff_t>(i) - 1, W::kBetween));
    if (link) {
      int d2 = 0, y = 0, mo2 = mo;
      size_t e = static_cast<size_t>(c) + 1;
      bool ok = false;
      if (DayAt(static_cast<ptrdiff_t>(e), &d2)) {
        ok = true;
        ++e;
      } else if ((mo2 = MonthAt(static_cast<ptrdiff_t>(e), nullptr)) != 0) {
        e = AfterMonth(e);
        if (DayAt(static_cast<ptrdiff_t>(e), &d2)) {
          ok = true;
          ++e;
        }
      }
      if (ok) {
        if (IsPunct(static_cast<ptrdiff_t>(e), ',')) ++e;
        if (YearAt(static_cast<ptrdiff_t>(e), 1800, 2199, &y)) {
          int y1 = (mo2 < mo || (mo2 == mo && d2 < d1)) ? y - 1 : y;
          if (IsValidDate(y1, mo, d1) && IsValidDate(y, mo2, d2) && !(mo2 == mo && d2 < d1)) {
            m->first = i;
            m->last = e + 1;
            m->value = MakeDate(y1, mo, d1);
            m->range_end = MakeDate(y, mo2, d2);
            m->kind = DateKind::kRange;
            return true;
          }
        }
      }
    }
    size_t e = j + 1;
    if (IsPunct(static_cast<ptrdiff_t>(e), ',')) ++e;
    int y = 0;
    if (YearAt(static_cast<ptrdiff_t>(e), 1800, 2199, &y)) {
      if (!IsValidDate(y, mo, d1)) return false;  // "February 30, 2006"
      m->first = i;
      m->last = e + 1;
      m->value = MakeDate(y, mo, d1);
      m->kind = DateKind::kAbsolute;
      return true;
    }
    // No year: "on March 6", "Three Months Ended December 31,".
    const DateToken* after = At(pj + 1);
    if (after && after->kind == TokKind::kNumber) return false;
    if (after && !after->space_before && after->kind == TokKind::kPunct &&
        (after->punct == '/' || after->punct == '-' || after->punct == '.') && At(pj + 2) &&
        At(pj + 2)->kind == TokKind::kNumber) {
      return false;
    }
    DateValue v;
    if (!ResolveMonthDay(mo, d1, &v)) return false;
    m->first = i;
    m->last = j + 1;
    m->value = v;
    m->kind = DateKind::kRelative;
    return true;
  }
  // "December 2005", "December, 2005"; not the rest of an impossible "31 April 2006".
  size_t e = j;
  if (IsPunct(static_cast<ptrdiff_t>(e), ',')) ++e;
  int y = 0;
  if (YearAt(static_cast<ptrdiff_t>(e), 1800, 2199, &y)) {
    if (HasFlag(static_cast<ptrdiff_t>(e) + 1, kUnitNoun)) return false;
    int day_before = 0;
    if (DayAt(static_cast<ptrdiff_t>(i) - 1, &day_before) && !IsValidDate(y, mo, day_before)) {
      return false;
    }
    m->first = i;
    m->last = e + 1;
    m->value = MakeDate(y, mo);
    m->kind = DateKind::kPartial;
    return true;
  }
  // A month alone: "in November", only after a cue and with an anchor.
  if (abbrev && !dotted) return false;
  const DateToken* after = At(pj);
  if (after && after->kind == TokKind::kNumber) return false;
  Before b = AnalyzeBefore(i, false, false);
  if (!b.month_ok) return false;
  DateValue v;
  if (!ResolveMonthDay(mo, 0, &v)) return false;
  m->first = i;
  m->last = dotted ? i + 2 : i + 1;
  m->value = v;
  m->kind = DateKind::kRelative;
  return true;
}

// ---- fiscal periods

// After a quarter/half word at j-1: "[of] [the] (fiscal [year] | FY | calendar [year]) YEAR".
bool DateScanner::MatchFiscalTail(size_t i, size_t j, int quarter, int half, Match* m) const {
  ptrdiff_t k = static_cast<ptrdiff_t>(j);
  if (IsWord(k, W::kOf)) ++k;
  if (IsWord(k, W::kThe)) ++k;
  bool calendar = false;
  if (IsWord(k, W::kFiscal)) {
    ++k;
    if (IsWord(k, W::kYear)) ++k;
  } else if (IsWord(k, W::kCalendar)) {
    calendar = true;
    ++k;
    if (IsWord(k, W::kYear)) ++k;
  }
  size_t next = 0;
  int fy = 0;
  if (!ParseFiscalYear(static_cast<size_t>(k), &next, &fy)) return false;
  int back = quarter ? (4 - quarter) * 3 : (2 - half) * 6;
  m->first = i;
  m->last = next;
  if (calendar) {
    int mo = 12 - back;
    m->value = MakeDate(fy, mo, DaysInMonth(fy, mo));
  } else {
    m->value = FiscalEnd(fy, back);
  }
  m->kind = DateKind::kFiscal;
  m->skip_determiner = true;
  return true;
}

bool DateScanner::MatchFiscal(size_t i, Match* m) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const DateToken& t = toks_[i];
  // "second quarter of fiscal 2006", "first half fiscal 2006", "2nd quarter 2024",
  // "first fiscal quarter of 2024".
  int ord = 0;
  if (t.kind == TokKind::kWord && t.info && t.info->ordinal) ord = t.info->ordinal;
  if (t.kind == TokKind::kNumber && t.ordinal && t.digits == 1 && t.value >= 1 && t.value <= 4) {
    ord = static_cast<int>(t.value);
  }
  if (ord) {
    ptrdiff_t j = k + 1;
    if (IsWord(j, W::kFiscal)) ++j;
    if (IsWord(j, W::kQuarter)) return MatchFiscalTail(i, static_cast<size_t>(j + 1), ord, 0, m);
    if (IsWord(j, W::kHalf) && ord <= 2) {
      return MatchFiscalTail(i, static_cast<size_t>(j + 1), 0, ord, m);
    }
    return false;
  }
  // "Q1 FY24", "Q3 2024", "H1 fiscal 2006", "Q1'24"
  if (t.kind == TokKind::kWord && t.has_digit && t.end - t.begin == 2) {
    char a = LexLower(text_[t.begin]);
    char b = text_[t.begin + 1];
    if (a == 'q' && b >= '1' && b <= '4') {
      return MatchFiscalTail(i, i + 1, b - '0', 0, m);
    }
    if (a == 'h' && (b == '1' || b == '2')) return MatchFiscalTail(i, i + 1, 0, b - '0', m);
    return false;
  }
  // "fiscal 2006", "fiscal year 2023", "fiscal 2024 first quarter", "FY2024", "FY 24 Q1"
  size_t next = 0;
  int fy = 0;
  bool have = false;
  if (IsWord(k, W::kFiscal)) {
    ptrdiff_t j = k + 1;
    if (IsWord(j, W::kYear)) ++j;
    int y = 0;
    if (YearAt(j, 1900, 2099, &y)) {
      fy = y;
      next = static_cast<size_t>(j + 1);
      have = true;
    }
  } else if (IsWord(k, W::kFy) || (t.kind == TokKind::kWord && t.has_digit)) {
    have = ParseFiscalYear(i, &next, &fy);
  }
  if (!have) return false;
  m->first = i;
  m->last = next;
  m->value = FiscalEnd(fy, 0);
  m->kind = DateKind::kFiscal;
  m->skip_determiner = true;
  // A quarter or half after the year: "fiscal 2024 first quarter", "FY24 Q1".
  ptrdiff_t j = static_cast<ptrdiff_t>(next);
  const DateToken* n = At(j);
  int ord2 = 0;
  bool half = false;
  if (n && n->kind == TokKind::kWord && n->info && n->info->ordinal) {
    ord2 = n->info->ordinal;
    if (IsWord(j + 1, W::kFiscal)) ++j;
    if (IsWord(j + 1, W::kHalf) && ord2 <= 2) {
      half = true;
    } else if (!IsWord(j + 1, W::kQuarter)) {
      ord2 = 0;
    }
    j += 2;
  } else if (n && n->kind == TokKind::kWord && n->has_digit && n->end - n->begin == 2) {
    char a = LexLower(text_[n->begin]);
    char b = text_[n->begin + 1];
    if (a == 'q' && b >= '1' && b <= '4') ord2 = b - '0';
    if (a == 'h' && (b == '1' || b == '2')) {
      ord2 = b - '0';
      half = true;
    }
    j += 1;
  }
  if (ord2) {
    m->last = static_cast<size_t>(j);
    m->value = FiscalEnd(fy, half ? (2 - ord2) * 6 : (4 - ord2) * 3);
  }
  return true;
}

// ---- relative expressions

bool DateScanner::MatchRelative(size_t i, Match* m) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const DateToken& t = toks_[i];
  if (!t.info) return false;
  const DateValue& a = ctx_.anchor;
  if (a.empty()) return false;
  m->first = i;
  m->last = i + 1;
  m->kind = DateKind::kRelative;
  m->relative_word = true;
  switch (t.info->id) {
    case W::kToday:
      m->value = a;
      return true;
    case W::kYesterday:
    case W::kTomorrow:
      m->value = AddDays(a, t.info->id == W::kYesterday ? -1 : 1);
      return !m->value.empty();
    case W::kRecently:
      if (IsWord(k - 1, W::kMost) || IsWord(k - 1, W::kMore)) return false;
      m->value = a;
      return true;
    case W::kEarlier:
    case W::kLater:
    case W::kLast:
    case W::kThis:
    case W::kNext: {
      ptrdiff_t j = k;
      int delta = 0;
      if (t.info->id == W::kEarlier || t.info->id == W::kLater) {
        if (!IsWord(k + 1, W::kThis)) return false;
        ++j;
      } else {
        if (IsWord(k - 1, W::kThe)) return false;  // "over the last year": a duration
        delta = t.info->id == W::kLast ? -1 : t.info->id == W::kNext ? 1 : 0;
      }
      if (IsWord(j + 1, W::kYear)) {
        m->value = MakeDate(a.year + delta);
      } else if (IsWord(j + 1, W::kMonth) && a.month >= 1 && a.month <= 12) {
        m->value = AddMonths(MakeDate(a.year, a.month), delta);
      } else {
        return false;
      }
      m->last = static_cast<size_t>(j + 2);
      return true;
    }
    default:
      return false;
  }
}

// ---- assembling mentions

void DateScanner::Emit(const Match& mt) {
  Before b = AnalyzeBefore(mt.first, mt.day_of_form, mt.skip_determiner);
  Found f;
  f.first = mt.first;
  f.last = mt.last;
  DateMention& dm = f.m;
  dm.begin = toks_[mt.first].begin;
  dm.end = toks_[mt.last - 1].end;
  dm.value = mt.value;
  dm.range_end = mt.range_end;
  dm.kind = mt.kind;
  dm.cue = b.cue;
  bool modifier = b.modifier || (mt.relative_word && b.after_period_noun);
  if (b.cue.empty() && HasFlag(static_cast<ptrdiff_t>(mt.last), kModNoun)) modifier = true;
  f.period_end = b.period_end || b.plain_as_of;
  bool inherited = false;
  bool inherited_anchor = false;
  if (b.cue.empty() && !b.modifier && ContinuesPrevious(mt.first, false)) {
    // "on April 1, 2025, July 1, 2025 and October 1, 2025"
    const Found& prev = found_.back();
    dm.cue = prev.m.cue;
    f.period_end = prev.period_end;
    inherited = true;
    inherited_anchor = prev.m.event_anchor;
  }
  if (f.period_end && !mt.relative_word &&
      (dm.kind == DateKind::kAbsolute || dm.kind == DateKind::kPartial ||
       dm.kind == DateKind::kRelative)) {
    dm.kind = DateKind::kPeriodEnd;
  }
  const std::string& cue = dm.cue;
  if (NeverEventAnchor(dm.kind) || modifier) {
    dm.event_anchor = false;
  } else if (inherited) {
    dm.event_anchor = inherited_anchor;
  } else if (cue.empty()) {
    // "January 6, 2025, the Registrant entered into ..." (a yearless
    // "November 2," opening a line is a table heading, not a clause).
    bool clause_start = b.sentence_initial && dm.kind != DateKind::kRelative &&
                        IsPunct(static_cast<ptrdiff_t>(mt.last), ',');
    dm.event_anchor = mt.relative_word || clause_start;
  } else {
    dm.event_anchor = cue == "on" || cue == "in" || cue == "during" || cue == "effective" ||
                      cue == "effective as of" || cue == "effective on" || cue == "on or about";
  }
  found_.push_back(std::move(f));
  // "ended December 31, 2005 and 2004": the same day of another year.
  const Found& last = found_.back();
  if (last.m.kind == DateKind::kPeriodEnd && last.m.value.day != 0) {
    ptrdiff_t a = static_cast<ptrdiff_t>(last.last);
    int y = 0;
    if (IsWord(a, W::kAnd) && YearAt(a + 1, 1800, 2199, &y) && !HasFlag(a + 2, kUnitNoun) &&
        IsValidDate(y, last.m.value.month, last.m.value.day)) {
      Found g = last;
      g.first = static_cast<size_t>(a + 1);
      g.last = g.first + 1;
      g.m.begin = toks_[g.first].begin;
      g.m.end = toks_[g.first].end;
      g.m.value.year = y;
      found_.push_back(std::move(g));
    }
  }
}

// "from X through Y", "between X and Y", "X - Y": one range.
void DateScanner::MergeRanges() {
  if (found_.size() < 2) return;
  std::vector<Found> out;
  out.reserve(found_.size());
  for (size_t i = 0; i < found_.size(); ++i) {
    Found f = std::move(found_[i]);
    if (i + 1 < found_.size()) {
      const Found& g = found_[i + 1];
      ptrdiff_t c = static_cast<ptrdiff_t>(f.last);
      bool one_link = g.first == f.last + 1;
      bool from = f.m.cue == "from" || f.m.cue == "between";
      bool link =
          one_link &&
          ((from && (HasFlag(c, kRangeLink) || IsPunct(c, '-') ||
                     (f.m.cue == "between" && IsWord(c, W::kAnd)))) ||
           (IsPunct(c, '-') && f.m.kind == DateKind::kAbsolute && g.m.kind == DateKind::kAbsolute));
      bool kinds_ok = f.m.kind != DateKind::kRange && g.m.kind != DateKind::kRange &&
                      f.m.kind != DateKind::kRelative && g.m.kind != DateKind::kRelative;
      if (link && kinds_ok) {
        f.m.end = g.m.end;
        f.m.range_end = g.m.value;
        f.m.kind = DateKind::kRange;
        f.m.event_anchor = false;
        f.last = g.last;
        ++i;
      }
    }
    out.push_back(std::move(f));
  }
  found_ = std::move(out);
}

std::vector<DateMention> DateScanner::Run() {
  const size_t n = toks_.size();
  for (size_t i = 0; i < n;) {
    const DateToken& t = toks_[i];
    Match m;
    bool hit = false;
    if (t.kind == TokKind::kNumber) {
      hit = MatchFiscal(i, &m) || MatchNumber(i, &m);
    } else if (t.kind == TokKind::kWord) {
      if (t.info && t.info->month) {
        hit = MatchMonth(i, &m);
      } else {
        hit = MatchFiscal(i, &m) || MatchRelative(i, &m);
      }
    }
    if (hit && m.last > i) {
      Emit(m);
      i = found_.back().last;
    } else {
      ++i;
    }
  }
  MergeRanges();
  std::vector<DateMention> out;
  out.reserve(found_.size());
  for (Found& f : found_) out.push_back(std::move(f.m));
  return out;
}

bool ParseDigits(std::string_view s, size_t pos, size_t len, int* out) {
  int v = 0;
  for (size_t k = pos; k < pos + len; ++k) {
    if (k >= s.size() || !IsLexDigit(static_cast<unsigned char>(s[k]))) return false;
    v = v * 10 + (s[k] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

// ---------------------------------------------------------------- DateValue

std::string DateValue::Iso() const {
  if (year == 0) return "";
  char buf[32];
  if (month == 0) {
    std::snprintf(buf, sizeof(buf), "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

DateValue DateValue::FromIso(std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() == 4 && ParseDigits(iso, 0, 4, &y)) {
    if (y >= 1) return MakeDate(y);
  } else if (iso.size() == 7 && iso[4] == '-' && ParseDigits(iso, 0, 4, &y) &&
             ParseDigits(iso, 5, 2, &m)) {
    if (y >= 1 && m >= 1 && m <= 12) return MakeDate(y, m);
  } else if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-' && ParseDigits(iso, 0, 4, &y) &&
             ParseDigits(iso, 5, 2, &m) && ParseDigits(iso, 8, 2, &d)) {
    if (IsValidDate(y, m, d)) return MakeDate(y, m, d);
  } else if (iso.size() == 8 && ParseDigits(iso, 0, 4, &y) && ParseDigits(iso, 4, 2, &m) &&
             ParseDigits(iso, 6, 2, &d)) {
    if (IsValidDate(y, m, d)) return MakeDate(y, m, d);
  }
  return {};
}

// An empty value refines nothing, so it is compatible with nothing.
bool DateValue::CompatibleWith(const DateValue& other) const {
  if (empty() || other.empty() || year != other.year) return false;
  if (month == 0 || other.month == 0) return true;
  if (month != other.month) return false;
  if (day == 0 || other.day == 0) return true;
  return day == other.day;
}

// ---------------------------------------------------------------- API

std::vector<DateMention> FindDates(std::string_view text, const std::vector<LexToken>& pieces,
                                   const DateContext& ctx) {
  DateScanner scanner(text, pieces, ctx);
  return scanner.Run();
}

std::vector<DateMention> FindDates(std::string_view text, const DateContext& ctx) {
  std::vector<LexToken> pieces;
  Lex(text, &pieces);
  return FindDates(text, pieces, ctx);
}

DateValue ParseDate(std::string_view text) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && (space(text.back()) || text.back() == '.')) text.remove_suffix(1);
  if (text.empty()) return {};
  DateValue v = DateValue::FromIso(text);
  if (!v.empty()) return v;
  for (const DateMention& m : FindDates(text, DateContext{})) {
    if (m.begin == 0 && m.end == text.size() &&
        (m.kind == DateKind::kAbsolute || m.kind == DateKind::kPartial)) {
      return m.value;
    }
  }
  return {};
}

int MonthOfWord(std::string_view word) {
  const WordInfo* info = Words().Find(word, LowerHash(word));
  return info != nullptr ? info->month : 0;
}

}  // namespace dealgraph
