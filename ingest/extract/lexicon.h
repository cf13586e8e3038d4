// Lexicons: the generic word lists the extractor reads (corporate suffixes,
// titles, trigger phrases, regulators, agreement kinds, boilerplate...).
//
// They live as data files under data/lexicon/, are compiled into the binary
// (cmake/EmbedLexicon.cmake), and can be replaced at run time by pointing
// DEALGRAPH_LEXICON_DIR at a folder of files with the same names. No company,
// person or product name from any filing belongs in them.
#ifndef DEALGRAPH_INGEST_EXTRACT_LEXICON_H_
#define DEALGRAPH_INGEST_EXTRACT_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"

namespace dealgraph {

struct EmbeddedFile {
  const char* name;
  const char* content;
};
// Defined in the generated lexicon_data.cpp.
const std::vector<EmbeddedFile>& EmbeddedLexiconFiles();

struct TriggerRule {
  std::string type;    //!< event type
  std::string phrase;  //!< lower case
  bool stem = false;   //!< phrase ended in '*'
  std::vector<std::string> requires_;  //!< "agreement", "money", "trial", "regulator", "person", "org2"
};

struct AgreementKind {
  std::string kind;
  std::vector<std::string> cues;  //!< lower case
};

struct ItemInfo {
  std::string default_type;  //!< may be ""
  std::string title;
};

struct Lexicon {
  std::unordered_set<std::string> corporate_suffixes;  //!< as written ("Inc.", "plc")
  std::unordered_set<std::string> name_stopwords;
  std::unordered_set<std::string> person_titles;
  std::unordered_set<std::string> exchanges;
  std::unordered_set<std::string> agency_words;
  std::unordered_set<std::string> industry_words;
  std::unordered_set<std::string> non_products;
  std::vector<std::string> product_stems;
  std::vector<std::vector<std::string>> regulators;  //!< canonical first, then aliases
  std::vector<AgreementKind> agreement_kinds;
  std::vector<TriggerRule> triggers;
  std::vector<std::string> boilerplate;  //!< lower case
  std::vector<std::string> conditional_cues;  //!< lower case
  std::unordered_map<std::string, ItemInfo> items;  //!< "1.01", "old:5"

  // The lexicon in use: DEALGRAPH_LEXICON_DIR when set, else the embedded one.
  // Loaded once; thread-safe.
  static const Lexicon& Get();
  // Parses a lexicon from named file contents (name -> text).
  static Result<Lexicon> Parse(const std::unordered_map<std::string, std::string>& files);
};

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_LEXICON_H_
