// Segmenter: a Document's text -> blocks (lines) and sentences, each tagged
// with the 8-K Item it sits under and the part of the filing it is in; and
// the cover-page facts (registrant, date of earliest event, dateline).
#ifndef DEALGRAPH_INGEST_SEGMENT_H_
#define DEALGRAPH_INGEST_SEGMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"
#include "ingest/extract/dates.h"

namespace dealgraph {

enum class Section {
  kCover,      //!< the 8-K cover page, before the first Item
  kBody,       //!< under an Item heading
  kSignature,  //!< from "SIGNATURE(S)" to the next document
  kExhibit,    //!< an exhibit (press release) after the 8-K body
};

struct Block {
  std::string_view text;  //!< the line, trimmed; views into Document::text
  std::string item;       //!< "1.01", "5" (pre-2004), "EX-99.1", or ""
  Section section = Section::kCover;
  bool table_row = false;   //!< cells separated by '\t'
  bool heading = false;     //!< a short title line, not a sentence
  bool boilerplate = false; //!< inside an "About ..." section or a legal notice
};

struct Sentence {
  std::string_view text;  //!< views into Document::text
  int block = 0;          //!< index into Segmented::blocks
  int index_in_block = 0;
};

struct CoverFacts {
  std::string registrant;      //!< as printed above "(Exact name of registrant ...)"
  DateValue event_date;        //!< "Date of earliest event reported"
  DateValue dateline;          //!< date of the first press-release dateline
  std::vector<std::string> items;  //!< Item numbers in order of appearance
  int fiscal_year_end_month = 0;   //!< from "fiscal year ended June 30, 2005"; 0 unknown
  int fiscal_year_end_day = 0;
};

struct Segmented {
  std::vector<Block> blocks;
  std::vector<Sentence> sentences;
  CoverFacts cover;
};

// Segments `doc`. The result views into doc.text: keep `doc` alive.
Segmented Segment(const Document& doc);

// Splits one paragraph into sentences (views into `text`), aware of
// abbreviations ("Inc.", "U.S.", "Dr.", initials "M.").
std::vector<std::string_view> SplitSentences(std::string_view text);

// Parses an Item heading ("ITEM 1.01 - ENTRY INTO...", "Item 5. Other Events",
// "Item - 5.02"); returns the number ("1.01", "5") or "" when not a heading.
std::string ParseItemHeading(std::string_view line);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_SEGMENT_H_
