// Lexicons: the generic word lists the extractor reads (corporate suffixes,
// titles, trigger phrases, regulators, agreement kinds, boilerplate...).
//
// They live as data files under data/lexicon/, are compiled into the binary
// (cmake/EmbedLexicon.cmake), and can be replaced at run time by pointing
// DEALGRAPH_LEXICON_DIR at a folder of files with the same names. No company,
// person or product name from any filing belongs in them.
#ifndef DEALGRAPH_INGEST_EXTRACT_LEXICON_H_
#define DEALGRAPH_INGEST_EXTRACT_LEXICON_H_

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/strings.h"

namespace dealgraph {

// Hash and equality that let a set or map of std::string be searched with a
// std::string_view (no temporary string per lookup on the hot paths).
using WordSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

// A filter over words by their shape (first byte, last byte, length): no
// false negatives, and most words of a text are ruled out without hashing
// them. Put in front of a hash lookup on a per-token hot path.
class WordShapeFilter {
 public:
  void Add(std::string_view word) {
    if (!word.empty()) bits_.set(Bit(word));
  }
  bool MayContain(std::string_view word) const { return !word.empty() && bits_.test(Bit(word)); }

 private:
  static constexpr size_t kBits = 4096;
  static size_t Bit(std::string_view w) {
    return (static_cast<unsigned char>(w.front()) * 31u + static_cast<unsigned char>(w.back()) * 7u +
            static_cast<unsigned>(w.size())) & (kBits - 1);
  }
  std::bitset<kBits> bits_;
};

struct EmbeddedFile {
  const char* name;
  const char* content;
};
// Defined in the generated lexicon_data.cpp.
const std::vector<EmbeddedFile>& EmbeddedLexiconFiles();

// What the lexicon says of one word (Lexicon::FlagsOf, Token::lex).
enum LexFlag : uint8_t {
  kLexStop = 1,          //!< name_stopwords
  kLexTitle = 2,         //!< person_titles
  kLexSuffix = 4,        //!< corporate_suffixes, as written
  kLexSuffixUpper = 8,   //!< an upper-case spelling of a corporate suffix of 2+ letters
  kLexIndustry = 16,     //!< industry_words
  kLexAgency = 32,       //!< agency_words
  kLexExchange = 64,     //!< exchanges
  kLexNonProduct = 128,  //!< non_products
};

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

// An 8-K Item with a fixed meaning (data/lexicon/items.tsv).
struct ItemInfo {
  std::string default_type;         //!< the type it reports when no frame says more
  std::vector<std::string> types;   //!< every type that counts as the Item's own
  std::string title;
};

// What a frame rule says an Item sentence's cue means (data/lexicon/frames.tsv).
enum class FrameSlot { kPerson, kAuditor, kCounterparty, kRegistrant };

struct FrameCue {
  std::string phrase;  //!< lower case
  bool stem = false;   //!< "resign*": any word ending
};

struct FrameRule {
  std::vector<std::string> items;  //!< "5.02", "old:6"
  std::string type;
  FrameSlot slot = FrameSlot::kRegistrant;
  std::string action;  //!< "appointed", "left": the event's summary
  std::vector<FrameCue> cues;
};

// One event type of the registry (data/lexicon/event_types.tsv).
struct EventTypeInfo {
  std::string type;
  std::string family;
  std::string label;
  std::vector<std::string> slots;  //!< the typed slots its events may carry, in order (slots.tsv)
};

// A typed slot of events (slots.tsv): what kind of value it holds.
enum class SlotKind { kEntity, kText, kDate, kNumber };

struct SlotInfo {
  SlotKind kind = SlotKind::kText;
  std::string meaning;
};

struct Lexicon {
  WordSet corporate_suffixes;  //!< as written ("Inc.", "plc")
  WordSet name_stopwords;
  WordSet person_titles;
  WordSet exchanges;
  WordSet agency_words;
  WordSet industry_words;
  WordSet non_products;
  // Lower case: generic_org_words.txt, the corporate suffixes and the
  // industry words, each of which names no organization on its own.
  WordSet generic_org_words;
  WordSet headline_verbs;  //!< headline_verbs.txt, as written
  WordSet job_nouns;       //!< job_nouns.txt, lower case: what a restructuring counts ("jobs", "positions")
  WordSet non_org_heads;   //!< non_org_heads.txt, as written
  WordSet title_heads;     //!< title_heads.txt, as written
  WordSet deal_nouns;      //!< deal_nouns.txt, lower case
  WordSet of_heads;        //!< of_heads.txt, as written
  WordSet professional_suffixes;  //!< professional_suffixes.txt: end a firm's name and stay in it
  std::vector<std::string> commentary_changes;  //!< results_commentary.tsv "change" rows, lower case
  std::vector<std::string> commentary_cues;     //!< results_commentary.tsv "cue" rows, lower case
  std::vector<std::string> restated_cues;       //!< results_commentary.tsv "restated" rows, lower case
  std::vector<std::string> product_stems;
  std::vector<std::vector<std::string>> regulators;  //!< canonical first, then aliases
  std::vector<AgreementKind> agreement_kinds;
  std::vector<TriggerRule> triggers;
  // Indices into `triggers` by the first word of the phrase (its leading run
  // of ASCII letters and digits): a phrase matched at word boundaries can
  // only start where the text has that word, so a sentence is scanned once,
  // word by word, instead of once per phrase. Phrases that do not start with
  // a letter or digit are listed in triggers_unindexed.
  std::unordered_map<std::string, std::vector<size_t>, StringViewHash, std::equal_to<>> triggers_by_first_word;
  std::vector<size_t> triggers_unindexed;
  std::vector<std::string> boilerplate;  //!< lower case
  // The first two bytes of each boilerplate phrase (BytePair): a sentence is
  // compared with the phrases only where it has one of them.
  std::bitset<65536> boilerplate_starts;
  std::vector<std::string> conditional_cues;  //!< lower case
  std::vector<std::string> conditional_openers;  //!< conditional_openers.txt, lower case
  // contingent_cues.tsv, lower case: phrases before and after an amount that
  // make it owed on a condition (MoneyKind::kContingent).
  std::vector<std::string> contingent_before;
  std::vector<std::string> contingent_after;
  // agent_roles.tsv: (role, phrase lower case) of the firms that serve a deal
  // (underwriter, adviser, counsel, agent), in the file's order.
  std::vector<std::pair<std::string, std::string>> agent_roles;
  // cover_forms.tsv: (form, title lower case) of the report titles a cover
  // page prints ("current report" -> 8-K), in the file's order.
  std::vector<std::pair<std::string, std::string>> cover_forms;
  // question_cues.tsv and every registry label, in the file's order then
  // the registry's.
  struct QuestionCue {
    std::string phrase;               //!< lower case
    std::vector<std::string> types;   //!< the event types it asks for
    std::string role;                 //!< "role=": an officer's role it names, lower case, or ""
    std::vector<std::string> actions; //!< "action=": the changes it asks for (appointed, left, ...)
  };
  std::vector<QuestionCue> question_cues;
  std::vector<EventTypeInfo> event_types;           //!< the registry, in its file's order
  std::unordered_map<std::string, SlotInfo> slots;  //!< slots.tsv, by name
  // The registry's row for `type`, or nullptr.
  const EventTypeInfo* EventType(std::string_view type) const;
  std::unordered_map<std::string, ItemInfo> items;  //!< "1.01", "old:6"
  std::vector<FrameRule> frames;
  // Indices into `frames` by Item code, in the file's order.
  std::unordered_map<std::string, std::vector<size_t>> frames_by_item;
  // Every word of the sets above with its LexFlag bits: one lookup per token.
  std::unordered_map<std::string, uint8_t, StringViewHash, std::equal_to<>> word_flags;
  WordShapeFilter word_flags_filter;  //!< the words of word_flags

  uint8_t FlagsOf(std::string_view word) const {
    if (!word_flags_filter.MayContain(word)) return 0;
    auto it = word_flags.find(word);
    return it == word_flags.end() ? 0 : it->second;
  }

  // Two adjacent bytes as one key of boilerplate_starts.
  static size_t BytePair(char a, char b) {
    return static_cast<size_t>(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
  }

  // The lexicon in use: DEALGRAPH_LEXICON_DIR when set, else the embedded one.
  // Loaded once; thread-safe.
  static const Lexicon& Get();
  // The Item code a block's Item number is looked up under: "5.02" as
  // written, pre-2004 "5" as "old:5".
  static std::string ItemKey(std::string_view item);
  // Parses a lexicon from named file contents (name -> text). Fails on a
  // malformed row, an event type the registry does not list, or an unknown
  // frame slot.
  static Result<Lexicon> Parse(const std::unordered_map<std::string, std::string>& files);
};

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_LEXICON_H_
