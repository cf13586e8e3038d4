// Money amounts in filing text.
//
// FindMoney scans one sentence for amounts: "$2 million", "\$2 million"
// (the seeds' escaped dollar), "$250,000", "two hundred and fifty thousand
// dollars ($250,000)" (one amount, not two), "$1.3 million", "$1.5 billion",
// "US$3 million", "€40 million", "EUR 40 million", "£2.5m", "CHF 10 million",
// "¥500 million", "$0.24 per share", "$172.50 per share in cash"; a range
// ("$14 to $16 million", "between $1.0 and $2.0 million", "$2-3 million") is
// one amount with its two ends.
#ifndef DEALGRAPH_INGEST_EXTRACT_MONEY_H_
#define DEALGRAPH_INGEST_EXTRACT_MONEY_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/lexer.h"

namespace dealgraph {

struct MoneyMention {
  size_t begin = 0;       //!< byte offset in the sentence
  size_t end = 0;         //!< one past the last byte
  double value = 0;       //!< whole currency units: "$2 million" -> 2000000
  std::string currency;   //!< ISO 4217: "USD", "EUR", "GBP", "CHF", "JPY", ...
  bool per_share = false; //!< "$0.89 per share", "$172.50 per share"
  bool per_period = false;//!< "$16,780 per month", "$100,000 annual retainer" is not; "per month"/"per year"/"annually" is
  bool approximate = false; //!< "approximately $85.0 million", "up to $1.5 billion"
  bool up_to = false;     //!< "up to $1.5 billion", "as much as": a cap, not a payment
  double high = 0;        //!< a range's high end: "$14 to $16 million", "between $1.0 and $2.0 million"
  std::string unit;       //!< per_period: the period, singular ("month", "year", "quarter")
  bool in_table = false;  //!< set by callers; FindMoney leaves it false
  bool contingent = false;//!< set by callers: owed on a condition ("eligible to receive", "upon achievement of")
};

// Returns the amounts found in `text`, in order of position.
std::vector<MoneyMention> FindMoney(std::string_view text);
// The same from the sentence's pieces (lexer.h) when they are at hand.
std::vector<MoneyMention> FindMoney(std::string_view text, const std::vector<LexToken>& pieces);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_MONEY_H_
