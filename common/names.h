// Name folding for matching entity names across spellings, and the form of
// an EDGAR company key.
#ifndef DEALGRAPH_COMMON_NAMES_H_
#define DEALGRAPH_COMMON_NAMES_H_

#include <string>
#include <string_view>

namespace dealgraph {

// Folds a name for matching: lower case, Latin-1 letters spelled in ASCII,
// every character other than
// [0-9a-z&] (and non-ASCII letters) becomes a space, spaces collapse, a
// leading "the" and trailing corporate suffix words (inc, incorporated, corp,
// corporation, co, company, ltd, limited, plc, llc, lp, sa, ag, nv, bv, gmbh,
// group, holdings) are dropped while more than one word remains.
// "The Buckle, Inc." -> "buckle"; "Millennium Pharmaceuticals, Inc." ->
// "millennium pharmaceuticals".
std::string FoldName(std::string_view name);

// A Central Index Key as EDGAR writes it: 1 to 10 digits (leading zeros kept).
bool ValidCik(std::string_view cik);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_NAMES_H_
