// Document: one filing read into plain UTF-8 text plus what its header says.
//
// Every reader (plain text, HTML, EDGAR SGML) produces a Document; the
// segmenter and extractors downstream only ever see Document::text, so they
// never care which form the filing came in.
#ifndef DEALGRAPH_INGEST_DOCUMENT_H_
#define DEALGRAPH_INGEST_DOCUMENT_H_

#include <string>
#include <vector>

namespace dealgraph {

// A company named by an EDGAR header (a FILER or SUBJECT COMPANY block).
struct HeaderCompany {
  std::string name;  //!< COMPANY CONFORMED NAME, e.g. "APPLE INC"
  std::string cik;   //!< CENTRAL INDEX KEY without leading zeros stripped
  std::string fiscal_year_end;  //!< FISCAL YEAR END as MMDD ("0930"), or ""
  struct FormerName {
    std::string name;     //!< FORMER CONFORMED NAME
    std::string changed;  //!< DATE OF NAME CHANGE as ISO "YYYY-MM-DD", or ""
  };
  std::vector<FormerName> former_names;
  std::string role;  //!< the block's name: "FILER", "SUBJECT COMPANY", "FILED BY", ...
};

// What the filing's header (EDGAR SGML) says about it. Every field may be
// empty: a plain-text or HTML filing has no header; the extractor then reads
// the cover page instead.
struct FilingHeader {
  std::string accession;   //!< "0000320193-24-000005"; the filing's identity
  std::string form;        //!< CONFORMED SUBMISSION TYPE: "8-K", "8-K/A", ...
  std::string filed;       //!< FILED AS OF DATE, ISO "YYYY-MM-DD"
  std::string period;      //!< CONFORMED PERIOD OF REPORT, ISO (= event date)
  std::vector<std::string> items;     //!< ITEM INFORMATION as numbers: "2.02", "5"
  std::vector<HeaderCompany> filers;  //!< FILER blocks, registrant first
  // SUBJECT COMPANY and FILED BY blocks (and the other company blocks EDGAR
  // uses), in order; `role` says which.
  std::vector<HeaderCompany> others;
};

// One filing, read.
struct Document {
  std::string name;     //!< file name (basename) the filing was read from
  FilingHeader header;  //!< empty fields when the input had no SGML header
  // The filing as text, valid UTF-8. One block per line: a paragraph, a
  // heading, a list item or a table row. Table cells are separated by '\t'.
  // Blank lines may separate blocks. Markup, scripts and styles are gone;
  // character references are decoded; runs of spaces are folded.
  // When the filing has several documents (8-K + EX-99.1), their texts are
  // concatenated in order, each preceded by a line "<<DOCUMENT TYPE>>"
  // (e.g. "<<EX-99.1>>") so the segmenter knows where an exhibit begins.
  std::string text;
};

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_DOCUMENT_H_
