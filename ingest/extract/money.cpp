// Money scanner: tokenizes one sentence, then tries four shapes at each
// token, each looking at a bounded number of tokens, so a sentence costs O(n):
//   symbol   "$2 million", "\$250,000", "US$3 million", "€40 million", "$ (4,599)"
//   code     "USD 3 million", "EUR 40 million", "CHF 10 million"
//   suffix   "3 million dollars", "40 million euros", "2.5 million EUR"
//   words    "two hundred and fifty thousand dollars"
// A figure in parentheses right after an amount that restates it ("two
// hundred and fifty thousand dollars ($250,000)") is folded into one mention
// spanning both. A number with no currency marker is never money, so counts,
// phone numbers and "10-K" stay out; a currency symbol glued to letters or
// digits that are not a known prefix ("K$2", "10$") is not money either.
//
// Values are computed from the digits as integers and scaled by exact powers
// of ten, so "$44.2 million" is exactly 44200000 and "$5.22" is the double
// nearest 5.22. Table negatives "$ (4,599)" come out negative.
//
// Most sentences hold no amount, and every shape needs a currency symbol, an
// ISO code or a currency word, so a token-free pass checks for one first.
#include "ingest/extract/money.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {
namespace {

// ---------------------------------------------------------------- lexicon

enum class MW : uint8_t {
  kOther,
  kUnit,  // one..nineteen (value in `number`)
  kTens,  // twenty..ninety
  kHundred,
  kScale,        // thousand, million, billion, trillion (exponent in `scale`)
  kCurrency,     // dollars, euros, yen, ... (code in `currency`)
  kNationality,  // Canadian, Swiss, ... (code in `currency`)
  kApprox,       // approximately, about, nearly, ...
  kA,
  kAnd,
  kPer,
  kShare,
  kPeriod,
  kPerPeriodWord,
  kEach,
  kIn,
  kCash,
  kUp,
  kTo,
  kAs,
  kMuch,
  kNot,
  kNo,
  kExceed,
  kMaximum,
  kOf,
  kThan,
  kMore,
  kSterling,
  kPounds,
  kHong,
  kKong,
  kNew,
  kZealand,
  kBetween,
  kFrom,
  kChange,  // increased, decreased, rose, fell, ...: "increased $2.0 million to $15.3 million"
};

struct MoneyWord {
  MW id = MW::kOther;
  int number = 0;
  int scale = 0;
  const char* currency = nullptr;
};

using MoneyTable = WordMap<MoneyWord, 512, 16>;

const MoneyTable& MoneyWords() {
  static const MoneyTable* table = [] {
    auto* t = new MoneyTable();
    auto add = [t](std::string_view w, MW id, int number = 0, int scale = 0,
                   const char* currency = nullptr) {
      MoneyWord& e = (*t)[w];
      e.id = id;
      e.number = number;
      e.scale = scale;
      e.currency = currency;
    };
    static constexpr std::string_view kUnits[20] = {
        "zero",     "one",     "two",     "three",     "four",     "five",    "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    for (int v = 0; v < 20; ++v) add(kUnits[v], MW::kUnit, v);
    static constexpr std::string_view kTens[8] = {"twenty", "thirty",  "forty",  "fifty",
                                                  "sixty",  "seventy", "eighty", "ninety"};
    for (int v = 0; v < 8; ++v) add(kTens[v], MW::kTens, (v + 2) * 10);
    add("hundred", MW::kHundred);
    add("thousand", MW::kScale, 0, 3);
    add("million", MW::kScale, 0, 6);
    add("billion", MW::kScale, 0, 9);
    add("trillion", MW::kScale, 0, 12);
    add("thousands", MW::kScale, 0, 3);
    add("millions", MW::kScale, 0, 6);
    add("billions", MW::kScale, 0, 9);
    add("mm", MW::kScale, 0, 6);
    add("mn", MW::kScale, 0, 6);
    add("bn", MW::kScale, 0, 9);
    add("dollar", MW::kCurrency, 0, 0, "USD");
    add("dollars", MW::kCurrency, 0, 0, "USD");
    add("euro", MW::kCurrency, 0, 0, "EUR");
    add("euros", MW::kCurrency, 0, 0, "EUR");
    add("yen", MW::kCurrency, 0, 0, "JPY");
    add("franc", MW::kCurrency, 0, 0, "CHF");
    add("francs", MW::kCurrency, 0, 0, "CHF");
    add("yuan", MW::kCurrency, 0, 0, "CNY");
    add("renminbi", MW::kCurrency, 0, 0, "CNY");
    add("rupee", MW::kCurrency, 0, 0, "INR");
    add("rupees", MW::kCurrency, 0, 0, "INR");
    add("sterling", MW::kSterling, 0, 0, "GBP");
    add("pounds", MW::kPounds, 0, 0, "GBP");
    add("pound", MW::kPounds, 0, 0, "GBP");
    add("american", MW::kNationality, 0, 0, "USD");
    add("canadian", MW::kNationality, 0, 0, "CAD");
    add("australian", MW::kNationality, 0, 0, "AUD");
    add("singapore", MW::kNationality, 0, 0, "SGD");
    add("swiss", MW::kNationality, 0, 0, "CHF");
    add("british", MW::kNationality, 0, 0, "GBP");
    add("hong", MW::kHong);
    add("kong", MW::kKong);
    add("new", MW::kNew);
    add("zealand", MW::kZealand);
    for (std::string_view w : {"approximately", "approx", "about", "around", "roughly", "nearly",
                               "almost", "estimated", "circa", "some"}) {
      add(w, MW::kApprox);
    }
    add("a", MW::kA);
    add("an", MW::kA);
    add("and", MW::kAnd);
    add("per", MW::kPer);
    for (std::string_view w : {"share", "shares", "ads", "adss", "unit", "units"}) {
      add(w, MW::kShare);
    }
    for (std::string_view w : {"month", "year", "annum", "quarter", "week", "day", "hour", "months",
                               "years", "quarters", "weeks", "days", "hours"}) {
      add(w, MW::kPeriod);
    }
    for (std::string_view w : {"monthly", "annually", "yearly", "weekly", "quarterly", "daily"}) {
      add(w, MW::kPerPeriodWord);
    }
    add("each", MW::kEach);
    add("every", MW::kEach);
    add("in", MW::kIn);
    add("cash", MW::kCash);
    add("up", MW::kUp);
    add("to", MW::kTo);
    add("as", MW::kAs);
    add("much", MW::kMuch);
    add("not", MW::kNot);
    add("no", MW::kNo);
    add("exceed", MW::kExceed);
    add("maximum", MW::kMaximum);
    add("of", MW::kOf);
    add("than", MW::kThan);
    add("more", MW::kMore);
    add("between", MW::kBetween);
    add("from", MW::kFrom);
    for (std::string_view w : {"increased", "increase", "increases", "increasing", "decreased", "decrease",
                               "decreases", "decreasing", "rose", "rise", "fell", "grew", "declined",
                               "raised", "reduced", "lowered", "by"}) {
      add(w, MW::kChange);
    }
    return t;
  }();
  return *table;
}

// Upper-case ISO 4217 codes written before or after a figure.
const char* CurrencyCode(std::string_view w) {
  if (w.size() != 3 || w[0] < 'A' || w[0] > 'Z' || w[1] < 'A' || w[1] > 'Z' || w[2] < 'A' ||
      w[2] > 'Z') {
    return nullptr;
  }
  static constexpr std::string_view kCodes[] = {
      "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "CNY", "HKD", "SEK", "NOK", "DKK", "INR",
      "SGD", "NZD", "KRW", "BRL", "MXN", "ZAR", "ILS", "RUB", "TWD", "PLN", "CZK", "HUF"};
  for (std::string_view c : kCodes) {
    if (w == c) return c.data();
  }
  if (w == "RMB") return "CNY";
  return nullptr;
}

// A rate's period, singular: "months" and "monthly" -> "month", "annum" and
// "annually" -> "year".
std::string PeriodUnit(std::string_view w) {
  std::string u(w);
  for (char& c : u) c = LexLower(c);
  if (u == "annum" || u == "annually" || u == "yearly") return "year";
  if (u == "daily") return "day";
  if (u.size() > 2 && u.compare(u.size() - 2, 2, "ly") == 0) u.resize(u.size() - 2);  // monthly, weekly, quarterly
  if (u.size() > 1 && u.back() == 's') u.pop_back();
  return u;
}

// Letters glued before "$": "US$", "C$", "A$", "HK$", ...
const char* DollarPrefix(std::string_view w) {
  if (w == "US") return "USD";
  if (w == "C" || w == "CA" || w == "Can") return "CAD";
  if (w == "A" || w == "AU") return "AUD";
  if (w == "HK") return "HKD";
  if (w == "NZ") return "NZD";
  if (w == "S" || w == "SG") return "SGD";
  if (w == "R") return "BRL";
  if (w == "MX") return "MXN";
  return nullptr;
}

// ---------------------------------------------------------------- tokens

enum class MKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

struct MoneyToken {
  size_t begin = 0;
  size_t end = 0;
  MKind kind = MKind::kPunct;
  char punct = 0;  //!< kPunct: ASCII; any dash is '-', other non-ASCII '?'
  bool space_before = false;
  const char* currency = nullptr;  //!< kSymbol: "USD" for "$", ...
  // kWord
  const MoneyWord* info = nullptr;
  // kNumber: value = mantissa / 10^decimals, or approx / 10^approx_decimals
  // when there are more than 18 digits.
  uint64_t mantissa = 0;
  int decimals = 0;
  bool too_long = false;
  double approx = 0;
  int approx_decimals = 0;
  int digit_count = 0;
  bool grouped = false;     //!< "250,000"
  int suffix_scale = -1;    //!< "2.5m" -> 6, "100k" -> 3; -1 none
  bool bad_suffix = false;  //!< other letters glued on: "4th", "1990s"
};

// Appends one digit; the first 18 are kept exactly, the rest only in `approx`.
void AddDigit(MoneyToken* t, char d, bool fraction) {
  int v = d - '0';
  t->approx = t->approx * 10 + v;
  if (fraction) ++t->approx_decimals;
  ++t->digit_count;
  if (t->too_long) return;
  if (t->mantissa > 99999999999999999ULL) {
    t->too_long = true;
    return;
  }
  t->mantissa = t->mantissa * 10 + static_cast<uint64_t>(v);
  if (fraction) ++t->decimals;
}

// Scans a figure at s[p] ("250,000", "1.5", ".01", "2.5m"); returns its end.
size_t ScanNumber(std::string_view s, size_t p, MoneyToken* t) {
  const size_t n = s.size();
  size_t q = p;
  size_t int_digits = 0;
  while (q < n && IsLexDigit(static_cast<unsigned char>(s[q]))) {
    AddDigit(t, s[q], false);
    ++int_digits;
    ++q;
  }
  if (int_digits >= 1 && int_digits <= 3) {
    while (q + 3 < n && s[q] == ',' && IsLexDigit(static_cast<unsigned char>(s[q + 1])) &&
           IsLexDigit(static_cast<unsigned char>(s[q + 2])) &&
           IsLexDigit(static_cast<unsigned char>(s[q + 3])) &&
           (q + 4 >= n || !IsLexDigit(static_cast<unsigned char>(s[q + 4])))) {
      for (size_t k = 1; k <= 3; ++k) AddDigit(t, s[q + k], false);
      t->grouped = true;
      q += 4;
    }
  }
  if (q + 1 < n && s[q] == '.' && IsLexDigit(static_cast<unsigned char>(s[q + 1]))) {
    ++q;
    while (q < n && IsLexDigit(static_cast<unsigned char>(s[q]))) {
      AddDigit(t, s[q], true);
      ++q;
    }
  }
  // Thirty digits is no amount anyone writes: a hash, an identifier.
  if (t->digit_count > 30) t->bad_suffix = true;
  if (q < n && IsLexAlpha(static_cast<unsigned char>(s[q]))) {
    size_t r = q;
    while (r < n && (IsLexAlpha(static_cast<unsigned char>(s[r])) ||
                     IsLexDigit(static_cast<unsigned char>(s[r])))) {
      ++r;
    }
    std::string_view suf = s.substr(q, r - q);
    std::string low;
    for (char c : suf.substr(0, 3)) low.push_back(LexLower(static_cast<unsigned char>(c)));
    if (suf.size() <= 2 && (low == "m" || low == "mm" || low == "mn")) {
      t->suffix_scale = 6;
    } else if (suf.size() <= 2 && (low == "b" || low == "bn")) {
      t->suffix_scale = 9;
    } else if (suf.size() == 1 && low == "k") {
      t->suffix_scale = 3;
    } else {
      t->bad_suffix = true;
    }
    q = r;
  }
  return q;
}

// The scanner's tokens from the sentence's pieces: a number's exact digits,
// its scale suffix ("2.5m", "100k"); quotes are plain punctuation ('?'), the
// Unicode dashes '-'.
void BuildTokens(std::string_view s, const std::vector<LexToken>& lex, std::vector<MoneyToken>* out) {
  const MoneyTable& words = MoneyWords();
  for (const LexToken& l : lex) {
    MoneyToken t;
    t.begin = l.begin;
    t.end = l.end;
    t.space_before = l.space_before();
    switch (l.kind) {
      case LexKind::kWord:
        t.kind = MKind::kWord;
        if (!l.Has(kLexDigit)) t.info = words.Find(s.substr(l.begin, l.size()), l.hash);
        break;
      case LexKind::kNumber:
        t.kind = MKind::kNumber;
        t.end = ScanNumber(s, l.begin, &t);
        break;
      case LexKind::kSymbol:
        t.kind = MKind::kSymbol;
        t.currency = l.currency;
        break;
      case LexKind::kPunct: {
        t.kind = MKind::kPunct;
        const unsigned char c = static_cast<unsigned char>(s[l.begin]);
        if (c < 0x80) {
          t.punct = static_cast<char>(c);
        } else {
          const bool dash = l.size() == 3 && c == 0xE2 && static_cast<unsigned char>(s[l.begin + 1]) == 0x80 &&
                            static_cast<unsigned char>(s[l.begin + 2]) >= 0x90 &&
                            static_cast<unsigned char>(s[l.begin + 2]) <= 0x95;
          t.punct = dash ? '-' : '?';
        }
        break;
      }
    }
    out->push_back(t);
  }
}

double PowerOfTen(int e) {
  static constexpr double kPow[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (e >= 0 && e <= 22) return kPow[e];
  double v = 1;
  for (int k = 0; k < e && k < 400; ++k) v *= 10;
  return v;
}

// The figure's value times 10^scale, exact where the digits allow.
double FigureValue(const MoneyToken& t, int scale) {
  if (t.too_long) return t.approx / PowerOfTen(t.approx_decimals) * PowerOfTen(scale);
  int e = scale - t.decimals;
  if (e >= 0) {
    double p = PowerOfTen(e);
    if (t.mantissa < (1ULL << 53) && p <= 9007199254740992.0 &&
        static_cast<double>(t.mantissa) * p < 9007199254740992.0) {
      return static_cast<double>(t.mantissa * static_cast<uint64_t>(p));
    }
    return static_cast<double>(t.mantissa) * p;
  }
  return static_cast<double>(t.mantissa) / PowerOfTen(-e);
}

// ---------------------------------------------------------------- scanner

class MoneyScanner {
 public:
  MoneyScanner(std::string_view text, const std::vector<LexToken>& pieces) : text_(text) {
    toks_.reserve(pieces.size());
    BuildTokens(text, pieces, &toks_);
  }
  std::vector<MoneyMention> Run();

 private:
  struct Match {
    size_t first = 0;
    size_t last = 0;  // one past the last token
    double value = 0;
    const char* currency = "USD";
  };

  const MoneyToken* At(ptrdiff_t k) const {
    return k >= 0 && static_cast<size_t>(k) < toks_.size() ? &toks_[k] : nullptr;
  }
  MW Id(ptrdiff_t k) const {
    const MoneyToken* t = At(k);
    return t && t->kind == MKind::kWord && t->info ? t->info->id : MW::kOther;
  }
  bool IsPunct(ptrdiff_t k, char c) const {
    const MoneyToken* t = At(k);
    return t && t->kind == MKind::kPunct && t->punct == c;
  }
  std::string_view Text(ptrdiff_t k) const {
    const MoneyToken* t = At(k);
    return t ? text_.substr(t->begin, t->end - t->begin) : std::string_view();
  }
  bool CleanNumber(ptrdiff_t k) const {
    const MoneyToken* t = At(k);
    return t && t->kind == MKind::kNumber && !t->bad_suffix;
  }

  bool MatchAt(size_t i, Match* m, size_t* skip) const;
  bool MatchSymbol(size_t i, Match* m) const;
  bool MatchCode(size_t i, Match* m) const;
  bool MatchSuffix(size_t i, Match* m) const;
  bool MatchWords(size_t i, Match* m, size_t* skip) const;
  bool FigureWithScale(size_t j, size_t* next, double* value) const;
  bool CurrencyAfter(size_t j, size_t* next, const char** currency) const;
  void Restatement(Match* m) const;
  void Range(Match* m, double* high) const;
  void Decorate(const Match& m, MoneyMention* out) const;

  std::string_view text_;
  std::vector<MoneyToken> toks_;
};

// A figure at j with an optional scale: "2", "1.5 billion", "2.5m", "2-million".
// A bare figure borrows the scale of a range's far end: "$2 to $3 million".
bool MoneyScanner::FigureWithScale(size_t j, size_t* next, double* value) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(j);
  if (!CleanNumber(k)) return false;
  const MoneyToken& t = toks_[j];
  if (t.suffix_scale >= 0) {
    *value = FigureValue(t, t.suffix_scale);
    *next = j + 1;
    return true;
  }
  int scale = 0;
  size_t e = j + 1;
  const MoneyToken* s = At(k + 1);
  if (Id(k + 1) == MW::kScale) {
    scale = s->info->scale;
    e = j + 2;
  } else if (IsPunct(k + 1, '-') && !At(k + 1)->space_before && Id(k + 2) == MW::kScale &&
             !At(k + 2)->space_before) {
    scale = At(k + 2)->info->scale;
    e = j + 3;
  } else if (!t.grouped) {
    // "$2 to $3 million", "$2-3 million", "between $1 and $2 billion"; not
    // "$100,000 to $2 million".
    ptrdiff_t c = k + 1;
    bool link = Id(c) == MW::kTo || IsPunct(c, '-') || Id(c) == MW::kAnd || Text(c) == "or";
    ptrdiff_t d = c + 1;
    if (link && At(d) && At(d)->kind == MKind::kSymbol) ++d;
    if (link && CleanNumber(d) && !At(d)->grouped) {
      if (At(d)->suffix_scale >= 0) {
        scale = At(d)->suffix_scale;
      } else if (Id(d + 1) == MW::kScale) {
        scale = At(d + 1)->info->scale;
      }
    }
  }
  *value = FigureValue(t, scale);
  *next = e;
  return true;
}

// A currency word or code at j: "dollars", "U.S. dollars", "Canadian dollars",
// "Swiss francs", "pounds sterling", "EUR".
bool MoneyScanner::CurrencyAfter(size_t j, size_t* next, const char** currency) const {
  ptrdiff_t k = static_cast<ptrdiff_t>(j);
  const char* nationality = nullptr;
  const MoneyToken* t = At(k);
  if (!t) return false;
  if (t->kind == MKind::kWord && (Text(k) == "U" || Text(k) == "US") && IsPunct(k + 1, '.') &&
      Text(k + 2) == "S" && IsPunct(k + 3, '.')) {
    nationality = "USD";  // "U.S. dollars"
    k += 4;
  } else if (Text(k) == "US" && Id(k + 1) == MW::kCurrency) {
    nationality = "USD";
    k += 1;
  } else if (Id(k) == MW::kNationality) {
    nationality = toks_[k].info->currency;
    k += 1;
  } else if (Id(k) == MW::kHong && Id(k + 1) == MW::kKong) {
    nationality = "HKD";
    k += 2;
  } else if (Id(k) == MW::kNew && Id(k + 1) == MW::kZealand) {
    nationality = "NZD";
    k += 2;
  }
  t = At(k);
  if (!t || t->kind != MKind::kWord) return false;
  MW id = Id(k);
  if (id == MW::kCurrency) {
    const char* c = toks_[k].info->currency;
    if (nationality && std::string_view(c) == "USD") c = nationality;  // "Canadian dollars"
    *currency = c;
    *next = static_cast<size_t>(k + 1);
    return true;
  }
  if (id == MW::kSterling || (id == MW::kPounds && Id(k + 1) == MW::kSterling)) {
    *currency = "GBP";
    *next = static_cast<size_t>(id == MW::kSterling ? k + 1 : k + 2);
    return true;
  }
  if (id == MW::kPounds && nationality && std::string_view(nationality) == "GBP") {
    *currency = "GBP";
    *next = static_cast<size_t>(k + 1);
    return true;
  }
  if (!nationality) {
    if (const char* code = CurrencyCode(Text(k))) {
      *currency = code;
      *next = static_cast<size_t>(k + 1);
      return true;
    }
  }
  return false;
}

bool MoneyScanner::MatchSymbol(size_t i, Match* m) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const MoneyToken& s = toks_[i];
  const char* currency = s.currency;
  size_t first = i;
  if (!s.space_before && k > 0) {
    const MoneyToken& p = toks_[i - 1];
    if (p.kind == MKind::kWord) {
      const char* code =
          std::string_view(s.currency) == "USD" ? DollarPrefix(Text(k - 1)) : nullptr;
      if (!code) return false;  // "K$2": not money
      currency = code;
      first = i - 1;
    } else if (p.kind == MKind::kNumber || p.kind == MKind::kSymbol) {
      return false;  // "10$", "$$"
    } else if (p.punct == '.' && Text(k - 2) == "S" && IsPunct(k - 3, '.') && Text(k - 4) == "U" &&
               std::string_view(s.currency) == "USD") {
      currency = "USD";  // "U.S.$"
      first = i - 4;
    }
  }
  size_t j = i + 1;
  bool negative = false;
  if (IsPunct(static_cast<ptrdiff_t>(j), '(')) {
    negative = true;
    ++j;
  } else if (IsPunct(static_cast<ptrdiff_t>(j), '-') &&
             CleanNumber(static_cast<ptrdiff_t>(j) + 1) &&
             !At(static_cast<ptrdiff_t>(j) + 1)->space_before) {
    negative = true;
    ++j;
  }
  double value = 0;
  size_t next = 0;
  if (!FigureWithScale(j, &next, &value)) return false;
  if (IsPunct(static_cast<ptrdiff_t>(i) + 1, '(')) {
    if (!IsPunct(static_cast<ptrdiff_t>(next), ')')) return false;
    ++next;
  }
  m->first = first;
  m->last = next;
  m->value = negative ? -value : value;
  m->currency = currency;
  return true;
}

bool MoneyScanner::MatchCode(size_t i, Match* m) const {
  const char* code = CurrencyCode(Text(static_cast<ptrdiff_t>(i)));
  if (!code) return false;
  size_t j = i + 1;
  if (At(static_cast<ptrdiff_t>(j)) && At(static_cast<ptrdiff_t>(j))->kind == MKind::kSymbol) ++j;
  double value = 0;
  size_t next = 0;
  if (!FigureWithScale(j, &next, &value)) return false;
  m->first = i;
  m->last = next;
  m->value = value;
  m->currency = code;
  return true;
}

bool MoneyScanner::MatchSuffix(size_t i, Match* m) const {
  const ptrdiff_t k = static_cast<ptrdiff_t>(i);
  const MoneyToken& t = toks_[i];
  if (t.bad_suffix) return false;
  // Not the tail of another token: "10-K", "995-2500", "1.2.3".
  if (!t.space_before && k > 0 && !IsPunct(k - 1, '(') && !IsPunct(k - 1, '"')) return false;
  double value = 0;
  size_t next = 0;
  if (!FigureWithScale(i, &next, &value)) return false;
  const char* currency = nullptr;
  size_t end = 0;
  if (!CurrencyAfter(next, &end, &currency)) return false;
  m->first = i;
  m->last = end;
  m->value = value;
  m->currency = currency;
  return true;
}

// "two hundred and fifty thousand dollars", "a million dollars", "twenty-five million euros".
bool MoneyScanner::MatchWords(size_t i, Match* m, size_t* skip) const {
  ptrdiff_t k = static_cast<ptrdiff_t>(i);
  double total = 0, current = 0;
  bool any = false;
  if (Id(k) == MW::kA) {
    MW next = Id(k + 1);
    if (next != MW::kHundred && next != MW::kScale) return false;
    current = 1;
    ++k;
  }
  while (At(k)) {
    MW id = Id(k);
    if (id == MW::kUnit || id == MW::kTens) {
      current += toks_[k].info->number;
      any = true;
      ++k;
      // "twenty-five"
      if (id == MW::kTens && IsPunct(k, '-') && !At(k)->space_before && Id(k + 1) == MW::kUnit &&
          !At(k + 1)->space_before) {
        current += toks_[k + 1].info->number;
        k += 2;
      }
      continue;
    }
    if (id == MW::kHundred && (any || current > 0)) {
      current = (current == 0 ? 1 : current) * 100;
      any = true;
      ++k;
      continue;
    }
    if (id == MW::kScale && (any || current > 0)) {
      total += (current == 0 ? 1 : current) * PowerOfTen(toks_[k].info->scale);
      current = 0;
      any = true;
      ++k;
      continue;
    }
    if (id == MW::kAnd && any && (Id(k + 1) == MW::kUnit || Id(k + 1) == MW::kTens)) {
      ++k;
      continue;
    }
    break;
  }
  *skip = static_cast<size_t>(k) > i ? static_cast<size_t>(k) : i + 1;
  if (!any) return false;
  const char* currency = nullptr;
  size_t end = 0;
  if (!CurrencyAfter(static_cast<size_t>(k), &end, &currency)) return false;
  m->first = i;
  m->last = end;
  m->value = total + current;
  m->currency = currency;
  return true;
}

bool MoneyScanner::MatchAt(size_t i, Match* m, size_t* skip) const {
  const MoneyToken& t = toks_[i];
  *skip = i + 1;
  switch (t.kind) {
    case MKind::kSymbol:
      return MatchSymbol(i, m);
    case MKind::kNumber:
      return MatchSuffix(i, m);
    case MKind::kWord:
      if (MatchCode(i, m)) return true;
      if (t.info && (t.info->id == MW::kUnit || t.info->id == MW::kTens || t.info->id == MW::kA)) {
        return MatchWords(i, m, skip);
      }
      return false;
    default:
      return false;
  }
}

// A range's two ends, one amount: "$14 to $16 million", "$2-3 million",
// "$1.0 million - $2.0 million", "between $1.0 and $2.0 million", "between
// $3.0 to $4.0 million". Not a change ("from $8.92 to $5.92", "increased
// $2 to $3 million" reads as a range only when it rises), not a list ("$4.5
// billion and $2.9 billion" without "between"), not two currencies.
void MoneyScanner::Range(Match* m, double* high) const {
  const ptrdiff_t first = static_cast<ptrdiff_t>(m->first);
  ptrdiff_t before = first - 1;
  if (Id(before) == MW::kApprox) --before;
  const bool between = Id(before) == MW::kBetween;
  if (Id(before) == MW::kFrom || Id(before) == MW::kChange) return;
  const ptrdiff_t link = static_cast<ptrdiff_t>(m->last);
  const bool to = Id(link) == MW::kTo || IsPunct(link, '-');
  if (!to && !(between && Id(link) == MW::kAnd)) return;
  size_t at = static_cast<size_t>(link + 1);
  if (Id(static_cast<ptrdiff_t>(at)) == MW::kApprox) ++at;
  const MoneyToken* t = At(static_cast<ptrdiff_t>(at));
  if (!t) return;
  Match far;
  if (t->kind == MKind::kNumber) {
    // "$2-3 million", "$14 to 16 million": the far end borrows the currency.
    double value = 0;
    size_t next = 0;
    const bool scaled = t->suffix_scale >= 0 || Id(static_cast<ptrdiff_t>(at) + 1) == MW::kScale;
    if (!scaled || !FigureWithScale(at, &next, &value)) return;
    far.first = at;
    far.last = next;
    far.value = value;
    far.currency = m->currency;
    const char* code = nullptr;
    size_t after = 0;
    if (CurrencyAfter(next, &after, &code)) return;  // "$2 to 3 euros": leave it
  } else {
    size_t skip = 0;
    if (!MatchAt(at, &far, &skip) || far.last <= at) return;
  }
  if (std::string_view(far.currency) != m->currency) return;
  if (!(far.value > m->value)) return;
  m->last = far.last;
  *high = far.value;
}

// "two hundred and fifty thousand dollars ($250,000)": one amount.
void MoneyScanner::Restatement(Match* m) const {
  ptrdiff_t p = static_cast<ptrdiff_t>(m->last);
  if (!IsPunct(p, '(')) return;
  Match inner;
  size_t skip = 0;
  if (!MatchAt(static_cast<size_t>(p + 1), &inner, &skip)) return;
  if (!IsPunct(static_cast<ptrdiff_t>(inner.last), ')')) return;
  double a = m->value, b = inner.value;
  double tolerance = 1e-9 * (a < 0 ? -a : a) + 1e-9;
  if (a - b > tolerance || b - a > tolerance) return;
  if (std::string_view(m->currency) != inner.currency) return;
  m->last = inner.last + 1;
}

void MoneyScanner::Decorate(const Match& m, MoneyMention* out) const {
  out->begin = toks_[m.first].begin;
  out->end = toks_[m.last - 1].end;
  out->value = m.value;
  out->currency = m.currency;
  // Before: "approximately", "up to", "as much as", "not to exceed",
  // "a maximum of", "no more than", "earnings per diluted share of".
  ptrdiff_t k = static_cast<ptrdiff_t>(m.first) - 1;
  if (Id(k) == MW::kApprox || IsPunct(k, '~')) {
    out->approximate = true;
    --k;
  }
  if ((Id(k) == MW::kTo && Id(k - 1) == MW::kUp) ||
      (Id(k) == MW::kAs && Id(k - 1) == MW::kMuch && Id(k - 2) == MW::kAs) ||
      (Id(k) == MW::kExceed && Id(k - 1) == MW::kTo && Id(k - 2) == MW::kNot) ||
      (Id(k) == MW::kOf && Id(k - 1) == MW::kMaximum) ||
      (Id(k) == MW::kThan && Id(k - 1) == MW::kMore &&
       (Id(k - 2) == MW::kNo || Id(k - 2) == MW::kNot))) {
    out->up_to = true;
  }
  if (Id(k) == MW::kOf && Id(k - 1) == MW::kShare) {
    for (ptrdiff_t j = k - 2; j >= k - 5 && j >= 0; --j) {
      if (toks_[j].kind != MKind::kWord) break;
      if (Id(j) == MW::kPer) {
        out->per_share = true;
        break;
      }
    }
  }
  // After: "per share", "per basic and diluted share", "a share", "per month",
  // "annually"; "in cash" may come between.
  ptrdiff_t j = static_cast<ptrdiff_t>(m.last);
  if (Id(j) == MW::kIn && Id(j + 1) == MW::kCash) j += 2;
  MW id = Id(j);
  if (id == MW::kPer) {
    for (ptrdiff_t w = j + 1; w <= j + 5 && At(w) && toks_[w].kind == MKind::kWord; ++w) {
      if (Id(w) == MW::kShare) {
        out->per_share = true;
        break;
      }
      if (Id(w) == MW::kPeriod) {
        out->per_period = true;
        out->unit = PeriodUnit(Text(w));
        break;
      }
    }
  } else if (id == MW::kA || id == MW::kEach) {
    if (Id(j + 1) == MW::kShare) out->per_share = true;
    if (Id(j + 1) == MW::kPeriod) {
      out->per_period = true;
      out->unit = PeriodUnit(Text(j + 1));
    }
  } else if (id == MW::kPerPeriodWord) {
    out->per_period = true;
    out->unit = PeriodUnit(Text(j));
  }
}

std::vector<MoneyMention> MoneyScanner::Run() {
  std::vector<MoneyMention> out;
  const size_t n = toks_.size();
  for (size_t i = 0; i < n;) {
    Match m;
    size_t skip = i + 1;
    if (MatchAt(i, &m, &skip) && m.last > i) {
      Restatement(&m);
      double high = 0;
      Range(&m, &high);
      MoneyMention mm;
      Decorate(m, &mm);
      mm.high = high;
      out.push_back(std::move(mm));
      i = m.last;
    } else {
      i = skip > i ? skip : i + 1;
    }
  }
  return out;
}

// Every shape above needs a currency symbol, an ISO code or a currency word.
// Most sentences have none; one pass without building tokens finds out.
bool MightHoldMoney(std::string_view s) {
  const MoneyTable& words = MoneyWords();
  const size_t n = s.size();
  for (size_t p = 0; p < n;) {
    unsigned char c = static_cast<unsigned char>(s[p]);
    if (c == '$') return true;
    if (c == 0xC2 && p + 1 < n && (s[p + 1] == '\xA3' || s[p + 1] == '\xA5')) return true;
    if (c == 0xE2 && p + 1 < n && s[p + 1] == '\x82') return true;
    if (!IsLexAlpha(c)) {
      ++p;
      continue;
    }
    size_t q = p;
    size_t len = 0;
    uint32_t hash = kFnvBasis;
    bool upper = true;
    while (q < n && IsLexAlpha(static_cast<unsigned char>(s[q]))) {
      unsigned char d = static_cast<unsigned char>(s[q]);
      if (d < 'A' || d > 'Z') upper = false;
      hash = FnvStep(hash, static_cast<unsigned char>(LexLower(d)));
      ++len;
      ++q;
    }
    if (len == 3 && upper && CurrencyCode(s.substr(p, 3))) return true;
    if (len >= 3 && len <= 8) {
      const MoneyWord* w = words.Find(s.substr(p, len), hash);
      if (w && (w->id == MW::kCurrency || w->id == MW::kSterling || w->id == MW::kPounds)) {
        return true;
      }
    }
    p = q;
  }
  return false;
}

}  // namespace

std::vector<MoneyMention> FindMoney(std::string_view text, const std::vector<LexToken>& pieces) {
  if (!MightHoldMoney(text)) return {};
  MoneyScanner scanner(text, pieces);
  return scanner.Run();
}

std::vector<MoneyMention> FindMoney(std::string_view text) {
  if (!MightHoldMoney(text)) return {};
  std::vector<LexToken> pieces;
  Lex(text, &pieces);
  MoneyScanner scanner(text, pieces);
  return scanner.Run();
}

}  // namespace dealgraph
