// The extractor's internals, shared by the files of its stages (extractor.cpp,
// filing_facts.cpp, agreements.cpp, item_frames.cpp, sentence_triggers.cpp, parties.cpp,
// merge.cpp). Not part of the extractor's interface: include ingest/extract/extractor.h.
#ifndef DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_INTERNAL_H_
#define DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/names.h"
#include "common/strings.h"
#include "ingest/extract/dates.h"
#include "ingest/extract/entities.h"
#include "ingest/extract/extractor.h"
#include "ingest/extract/lexicon.h"
#include "ingest/extract/money.h"
#include "ingest/extract/tokens.h"
#include "ingest/segment.h"

namespace dealgraph {
namespace extract_internal {

// Whether the words of `phrase` (lower case, split at spaces) are the tokens
// t[q], t[q+1], ..., in any case: "in the event".
bool PhraseAt(const std::vector<Token>& t, size_t q, std::string_view phrase);

// An agreement found in the filing, before it becomes an Entity.
struct FoundAgreement {
  std::string kind;          //!< from data/lexicon/agreement_kinds.tsv, or "agreement"
  std::string title;         //!< "Access, Option and License Agreement", or ""
  std::string cue;           //!< the cue phrase that gave the kind ("technology access")
  std::vector<int> parties;  //!< entity indices, sorted
  DateValue dated;
  DateValue expires;
  std::string term;
  std::vector<std::string> aliases;
  std::vector<Source> sources;
  std::string id;
};

// An event before resolution.
// A typed slot of a draft: `entity` indexes the entity table for entity slots.
struct DraftSlot {
  std::string name;
  std::string value;
  int entity = -1;
};

struct Draft {
  std::string type;
  DateValue date;
  bool weak_date = false;  //!< "recently" or inherited: may merge into a dated telling
  std::vector<int> parties;
  std::map<int, std::string> roles;
  int agreement = -1;
  std::optional<MoneyMention> amount;
  int block = -1;
  int sentence = -1;
  std::string summary;
  std::vector<Source> sources;
  std::vector<DraftSlot> slots;  //!< FillSlots
  bool dead = false;
  bool index_row = false;  //!< told by an exhibit index row (ExhibitIndexRow)
};

// FilingId, given the hash of the filing's text (hashed once per filing).
inline std::string FilingIdOf(const Document& doc, uint64_t text_hash) {
  return !doc.header.accession.empty() ? doc.header.accession : "sha:" + Hex64(text_hash);
}

inline bool IsRegulatoryWord(std::string_view w) {
  return w == "IND" || w == "NDA" || w == "BLA" || w == "sNDA" || w == "MAA" || w == "510(k)" ||
         w == "PMA";
}

class Extractor {
 public:
  explicit Extractor(const Document& doc) : doc_(doc), lex_(Lexicon::Get()) {}

  Result<FilingExtract> Run();

 private:
  // Agreement mentions of the sentence: returns agreement indices in order.
  struct AgreementMention {
    int agreement;
    size_t head_tok;
  };

  struct TriggerMatch {
    size_t rule;  //!< index into Lexicon::triggers
    size_t at;    //!< byte offset of the phrase in the sentence
  };

  // ---- the stages in order, and the output (extractor.cpp) ----
  Result<FilingExtract> Build();

  std::string AgreementName(const FoundAgreement& g) const;

  // The dated former names the header gives for a company (by its CIK).
  std::vector<FormerName> FormerNamesOf(const FoundEntity& fe) const;

  Source MakeSource(size_t si) const;

  // The pieces (lexer.h) of sentence `si`. A filing of up to
  // kHeldPiecesBytes of sentence text keeps every sentence's pieces from the
  // first lexing; a longer one keeps none and lexes a sentence again when it
  // is read (about 5% more time for it, a quarter less memory). The answer
  // lasts until the next call.
  const std::vector<LexToken>& Pieces(size_t si) const;
  static constexpr size_t kHeldPiecesBytes = 256 * 1024;

  // ---- filing facts (filing_facts.cpp) ----
  void FillFilingInfo();


  static bool IsAmendmentForm(std::string_view form);

  // For an 8-K/A: "filed:YYYY-MM-DD", the filing date of the report it
  // amends, from the sentence that says so ("This Amendment No. 1 amends the
  // Current Report on Form 8-K filed with the SEC on March 3, 2023"), or ""
  // when no sentence names it. The store links the hint to the stored 8-K of
  // the same registrant filed that day (graph/query.h AmendedFiling).
  std::string AmendedFilingHint() const;

  // ---- agreements and contracts (agreements.cpp) ----
  std::string KindOf(std::string_view text, std::string* cue) const;

  std::vector<AgreementMention> Agreements(size_t si, const std::vector<Token>& t,
                                           const std::vector<DateMention>& dates,
                                           std::vector<bool>* date_used,
                                           const std::vector<int>& orgs,
                                           const std::vector<EntityMention>& ms);

  static bool LifecycleVerb(std::string_view s);

  int Recent(int block, const std::vector<int>& parties) const;

  void ImpliedEntered(size_t si, const std::vector<AgreementMention>& ams);

  // One event per real-world event within the filing.
  // One contract told three ways in one filing: the Item ("a new consulting
  // agreement (the "Loeb Consulting Agreement")"), the exhibit index
  // ("Consulting Agreement, dated January 6, 2025, by and between ...") and
  // the exhibit itself ("This Consulting Agreement is made as of this 6th
  // day of January, 2025"). Agreements of the same kind, dated the same day,
  // whose parties are one a subset of the other's, are the same agreement:
  // the later-found one is folded into the first (its title becomes an
  // alias), and every draft that named it names the first.
  void UnifyAgreements();

  // A dated agreement reference is itself a telling of the agreement's entry.
  // True when the words after "entered into" at `tok` name an amendment
  // ("a Second Amendment", "Amendment No. 4", "an amendment") before any
  // agreement head.
  static bool AmendmentNounAfter(const std::vector<Token>& t, size_t tok);

  // True when sentence `si` is inside a filed contract (an EX-10 exhibit).
  // Legal instruments are filed as EX-1 (underwriting agreements), EX-2
  // (plans of acquisition and merger), EX-3 (charters and bylaws), EX-4
  // (indentures, notes) and EX-10 (material contracts).
  bool InContract(size_t si) const;

  bool ContractItem(std::string_view item) const;

  // A contract filed under another exhibit number (a merger agreement as
  // EX-99.2): one of its first headings names it ("AGREEMENT AND PLAN OF
  // MERGER", "INDENTURE"), or it is written in clauses: a quarter or more
  // of its (at least 20) sentences say "shall".
  void FindContractExhibits();

  // True when the sentence has the word "shall" (or "Shall", "SHALL"): three
  // memchr-driven searches, where a case-folding scan of every exhibit
  // sentence cost more.
  static bool SaysShall(std::string_view s);

  // Inside a contract every clause names "this Agreement"; only its preamble
  // ("This Agreement is made as of ... by and between ...") tells its making.
  // Clauses ("may not be modified or extended except by a writing signed by
  // both parties") are terms.
  bool ContractPreamble(size_t si) const;

  // ---- Item frames (item_frames.cpp) ----
  // Every Item with a fixed meaning (items.tsv) reports its event: an Item
  // whose sentences yielded none of its types gets one from its frames, read
  // from the sentence a frame cue is in (else its first sentence), with the
  // registrant as a party, dated by that sentence, else by the cover's date of
  // earliest event. An Item that says nothing happened ("Not applicable",
  // "None") has none. An Item that refers to another ("The information set
  // forth in Item 1.01 is incorporated herein by reference") reports the
  // events of the one it refers to: they get a source from this Item.
  void ItemEvents();

  // "Not applicable.", "None.": the Item reports that nothing happened.
  bool NothingHappened(const std::vector<size_t>& mine) const;

  // True when a live draft of one of the Item's types was read from it.
  bool ItemHasEvent(const std::string& item, const ItemInfo& info) const;

  // The other Item or the exhibit of this filing sentence `si` (in `item`)
  // refers its reader to ("set forth under Item 1.01", "see Item 2.03",
  // "furnished as Exhibit 99.1"), or "".
  std::string ReferredItem(size_t si, const std::string& item,
                           const std::map<std::string, std::vector<size_t>>& sentences) const;

  // The byte offset of the first cue of `rule` at or after byte `from` of
  // the lower-cased sentence that states a fact (not after "to" unless
  // decided, not conditional), or npos.
  // The byte offset of the first place at or after `from` where `cue` is
  // written in the lower-cased sentence at word boundaries (a stem cue may
  // go on: "restructur*"), or npos.
  static size_t CueAt(const FrameCue& cue, std::string_view lower, size_t from = 0);

  size_t FrameCueAt(const FrameRule& rule, std::string_view lower,
                    const std::vector<Token>& t, size_t from = 0) const;

  // True when the lower-cased sentence speaks of an accountant or audit firm.
  static bool MentionsAuditor(std::string_view lower);

  // True when the sentence names what the rule's slot asks for.
  bool FrameSlotFilled(const FrameRule& rule, const std::vector<EntityMention>& ms,
                       std::string_view lower) const;

  void FrameMatches(size_t si, const std::vector<EntityMention>& ms, std::string_view lower,
                    std::map<std::string, std::vector<size_t>>* fired,
                    std::map<std::string, const FrameRule*>* framed);

  // An auditor change is about one firm: the registrant and the firm named
  // nearest the cue ("dismissed Ernst & Young LLP ... and engaged Grant
  // Thornton LLP" tells two changes).
  void AuditorParty(Draft* dr, const std::vector<EntityMention>& ms, size_t tok) const;

  // The other people of the list the person in `parties` is written in:
  // "A, 61, and B, 56," or "A and B" (names joined by commas, "and" and ages
  // only).
  std::vector<int> ListedPeople(const std::vector<EntityMention>& ms, const std::vector<Token>& t,
                                const std::vector<int>& parties) const;

  // ---- typed slots (slots.cpp) ----
  // Fills each live draft's typed slots, those its type lists in
  // event_types.tsv: an officer change's person, role, action and effective
  // date; an auditor change's firm, action and side; a restructuring's jobs.
  // Each is read from the draft's own sentence; a slot the sentence does not
  // give is left out, never guessed.
  void FillSlots();

  // What `read` finds for the draft: in its own sentence, else in a
  // sentence of the same Item or exhibit (or the press release the Item
  // points to) that tells the event too (one of its type's frame cues); ""
  // when none does. With `stated` false the other sentence need only name
  // the event (a cue of its type's frames, conditional or not: "expects to
  // record an impairment charge of ...").
  std::string FromTelling(const Draft& d, const std::function<std::string(size_t)>& read,
                          bool stated = true) const;

  // True when a cue of one of `type`'s frames is in the lower-cased sentence.
  bool CuesType(const std::string& type, std::string_view lower) const;

  // The positions a restructuring cuts, as sentence `si` counts them
  // ("approximately 180 manufacturing jobs"), or "".
  std::string JobsIn(size_t si) const;

  // The charge sentence `si` gives, as written: an amount or a range after
  // a charge word or before one ("pre-tax charges of $11 million to $13
  // million", "a $14 million charge"), never a per-share figure; or "".
  std::string ChargeIn(size_t si) const;

  // A listing notice's exchange (exchanges.txt: the first written, its
  // longest name) and the rule it cites ("Listing Rule 5550(a)(2)" gives
  // "Rule 5550(a)(2)"), from the notice's sentence.
  void ListingSlots(std::string_view text, const std::function<void(const char*, std::string)>& add) const;

  // The frame action (frames.tsv) of `type` whose cue in the lower-cased
  // sentence stands nearest token `anchor` (the firm or person the event is
  // about), or "" when no cue of the type's frames is there.
  std::string FrameAction(const std::string& type, std::string_view lower, const std::vector<Token>& t,
                          size_t anchor) const;

  // ---- sentence triggers, dates and relations (sentence_triggers.cpp) ----
  void ReadSentence(size_t si, const std::vector<EntityMention>& ms);

  // Where the trigger phrases occur in the lower-cased sentence `lower`, as
  // FindWordLower finds them phrase by phrase (at word boundaries, each
  // phrase's matches never overlapping one another), in no particular order.
  std::vector<TriggerMatch> TriggerMatches(std::string_view lower) const;

  // `lower` is the sentence lower-cased.
  bool Boilerplate(std::string_view lower) const;

  // True when a conditional cue sits in the few tokens before position `tok`.
  bool Conditional(const std::vector<Token>& t, size_t tok) const;

  // True when the verb at `tok` follows "to" after a decision: "agreed to
  // extend", "decided to retire", "elected to terminate". A verb after "to"
  // is otherwise a possibility ("allows X to license"), not an event.
  static bool DecidedTo(const std::vector<Token>& t, size_t tok);

  // "On May 3, 2013", "In May 2013", "in May, 2013": the month, not the modal.
  static bool IsMonthMay(const std::vector<Token>& t, size_t k);

  // "granted Vantis an exclusive license": when t[i] is "granted" and a
  // license follows within four words of an article ("a", "an") that comes
  // one to three words after it, the article's index; else 0.
  static size_t GrantedLicenseArticle(const std::vector<Token>& t, size_t i);

  static size_t TokenAt(const std::vector<Token>& t, size_t byte);

  // A results release's explanation of its figures (results_commentary.tsv):
  // a change verb and an explanation cue in one sentence.
  bool ResultsCommentary(std::string_view lower) const;

  // A sentence that restates figures for an earlier action ("restated to
  // give effect for a 2:1 stock split in March, 2004").
  bool Restated(std::string_view lower) const;

  // Standing relations told in passing, boilerplate included ("Centocor,
  // Biogen Idec, ... have licensed the right to develop TAP compounds";
  // "AVE9633, which is in development by the sanofi-aventis Group").
  void ReadRelations(size_t si, const std::vector<EntityMention>& ms);

  // A compensation table row: "Erik B. Nordstrom Chief Executive Officer\t$—\t$758,500".
  void TableRow(size_t si);

  // True when sentence `si` is a row of an 8-K's exhibit index (Item 9.01,
  // old Item 7) that names an agreement: "10.1<tab>Letter Agreement, dated ...".
  bool ExhibitIndexRow(size_t si) const;

  // True when the capitalized word at `tok` begins or sits in an agreement's
  // title: "Amended and Restated Credit Agreement".
  static bool InAgreementTitle(const std::vector<Token>& t, size_t tok);

  // A date is weak when only a relative mention gives it ("last month"),
  // except "today", which is the day the text was dated.
  static bool IsWeak(std::string_view s, const std::vector<DateMention>& dates, const DateValue& d);

  // The event date for a trigger at `tok`: the nearest unused event-anchor
  // date in the same clause, preferring one right after the verb phrase
  // ("renewed by Genentech in 2005") or opening the clause ("In December
  // 2005, Genentech licensed").
  DateValue NearestDate(const std::vector<Token>& t, const std::vector<DateMention>& dates,
                        const std::vector<bool>& used, size_t tok) const;

  static bool IsVerbish(std::string_view w);

  // ---- parties and amounts (parties.cpp) ----
  // A partner introduced earlier (in another filing) is often written by one
  // bare word: "Solova granted Vantis an exclusive license", "Osmios licensed
  // the exclusive right", "Praigen paid Norello a license fee". Discovery
  // finds names by their shape (suffixes, tickers, definitions); here a
  // capitalized word in a licensing or paying slot next to a known company
  // becomes one, when the filing never writes it in lower case (so "Cash
  // paid" or "Management licensed" never do).
  void PartiesBySlot();

  // Organizations (and people) named in the sentence, with "the Company",
  // "we", "our" resolved to the registrant.
  std::vector<int> PartiesIn(size_t si, const std::vector<EntityMention>& ms,
                             bool include_regulators, bool include_people) const;

  void FillParties(Draft* dr, size_t si, const std::vector<EntityMention>& ms,
                   const std::vector<Token>& t, size_t tok);

  // The roles of firms that serve the deal (agent_roles.tsv) from the words
  // after their names: ", as administrative agent", "(the "Initial
  // Purchasers")", "is acting as financial advisor"; a list of firms before
  // the words takes the role, each. Parties that have a role keep it.
  void AgentRoles(Draft* dr, const std::vector<EntityMention>& ms, const std::vector<Token>& t) const;

  // True when the person mentioned at `m` is the speaker of a quote: "said
  // Name", or "Name, [title,] said/stated/commented" within a few words.
  static bool Speaker(const std::vector<Token>& t, const EntityMention& m);

  // True when the amount at token `mt` is owed on a condition: a
  // contingent cue before it in its clause ("eligible to receive $40
  // million") or just after it ("$5 million upon the achievement of ...").
  bool Contingent(const std::vector<Token>& t, size_t mt) const;

  std::optional<MoneyMention> PickAmount(const std::vector<MoneyMention>& money,
                                         const std::vector<Token>& t, size_t tok,
                                         const std::string& type) const;

  // Agreement events and licenses that carry no amount take the amount of a
  // payment told in the same paragraph ("renewed ... by payment of a $2
  // million fee").
  void AttachAmounts();

  // ---- one event per real-world event (merge.cpp) ----
  static bool Subset(const std::vector<int>& a, const std::vector<int>& b);

  static std::string_view Family(std::string_view type);

  void MergeDrafts();

  // True when sentence `sentence` tells a transfer done ("sold", "acquired",
  // "completed", ...), not only agreed.
  bool CompletedTransfer(int sentence) const;

  // True when both party lists name people and no person is in both.
  bool DifferentPeople(const std::vector<int>& a, const std::vector<int>& b) const;

  // ---- state ----
  const Document& doc_;
  const Lexicon& lex_;
  Segmented seg_;
  std::vector<std::vector<Token>> tokens_;
  std::vector<std::vector<LexToken>> pieces_;  //!< each sentence's pieces, when held (Pieces)
  mutable std::vector<LexToken> lexed_;        //!< the pieces of sentence lexed_si_ otherwise
  mutable size_t lexed_si_ = SIZE_MAX;
  EntityTable table_;
  FilingExtract out_;
  std::string source_filing_;
  std::string filed_;
  DateValue event_date_;
  DateContext ctx_;
  std::vector<FoundAgreement> agreements_;
  //! agreement -> the agreement it was folded into (itself if kept)
  std::vector<int> agreement_into_;
  std::map<int, int> last_agreement_in_block_;
  int last_agreement_ = -1;
  std::map<int, DateValue> block_date_;
  std::set<std::pair<int, int>> implied_;
  std::vector<Draft> drafts_;
  //! exhibits (by item) that are contracts: FindContractExhibits
  std::set<std::string> contract_exhibits_;
  //! per sentence: Boilerplate() as ReadSentence found it, -1 unread
  std::vector<int8_t> boilerplate_;
  std::vector<bool> contract_block_;  //!< per block: inside a contract (InContract)
};

}  // namespace extract_internal
}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_INTERNAL_H_
