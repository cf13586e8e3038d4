// Queries over the store that the commands share: name resolution, partner
// histories, agreement lifecycles, and slices of the graph for exporters.
#ifndef DEALGRAPH_GRAPH_QUERY_H_
#define DEALGRAPH_GRAPH_QUERY_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "graph/network.h"
#include "graph/store.h"

namespace dealgraph {

// The entity a user means by `name` ("Genentech", "genentech inc", "DNA",
// "org:genentech"). NotFound names the query and, when there are near
// matches, lists them. A failed read of the store is its error, never
// "no match".
Result<Entity> ResolveEntity(const Store& store, std::string_view name);

// Which of FindEntities' answers for `name` a user means, of those it is
// the name or an alias of: ranked by having events, then bearing the name as
// its own, then being known to EDGAR (a CIK), then being the registrant of a
// stored filing; the top one when it stands alone, else the first. ("PNC" is
// the ticker of The PNC Financial Services Group, Inc. and its bank's short
// name in a credit agreement; "Apple" the short name of Apple Computer, Inc.
// and the name of an "Apple" a contract names and no event does; "NL
// Acquisition" the name of TBS's merger subsidiary and, by a merge, an alias
// of TBS.) `others` (when given) gets the other entities `name` names, for
// the answer to say whom it did not take.
Result<size_t> BestNamed(const Store& store, const std::vector<Entity>& found, std::string_view name,
                         std::vector<const Entity*>* others = nullptr);

// Whether `name` is the entity's name or an alias, folded (case,
// punctuation and corporate suffixes aside).
bool NamedExactly(const Entity& e, std::string_view name);

// Every event type the extractor emits (docs/events.md), in the spec's order.
const std::vector<std::string>& EventTypes();

// Event types named by `spec`: a comma-separated list of types
// ("payment,agreement.renewed") or families ("agreement" = every
// agreement.* type). "" -> empty (no filter). InvalidArgument naming the
// unknown word and the known types otherwise.
Result<std::vector<std::string>> ExpandEventTypes(std::string_view spec);

// "renewed" -> "agreement.renewed"; "" -> "". InvalidArgument otherwise.
Result<std::string> ActionToType(std::string_view action);

struct AgreementStory {
  Entity agreement;  //!< without its sources (each event has its own)
  std::vector<Event> events;  //!< every event concerning it, oldest first
};

// Agreements `party_id` is party to. With `type` set (an agreement.* type),
// only those with an event of that type where the party took part.
Result<std::vector<AgreementStory>> AgreementsOf(const Store& store, std::string_view party_id, std::string_view type);

// The stories as the filings up to `as_of` told them: later tellings are
// dropped, agreements told only later disappear, and expiry is recomputed
// from what was known then. `as_of` "" returns the stories unchanged.
std::vector<AgreementStory> StoriesAsOf(std::vector<AgreementStory> stories, std::string_view as_of);

// True when the agreement was in force on `date` (ISO, any precision): made
// on or before it, not yet expired, not terminated before it.
bool ActiveOn(const AgreementStory& story, std::string_view date);

// The events plus every entity they name (parties and agreements) and the
// relations among those entities: what exporters need.
Result<GraphSlice> SliceFor(const Store& store, std::vector<Event> events);

// What listing events as JSON Lines or CSV needs: the events plus the
// headers of the entities they name (no sources, no relations), agreements
// with their lifecycle. Reads in batches, so a listing of every event of a
// big store does not hold every entity's sources as SliceFor would.
Result<GraphSlice> EventSlice(const Store& store, std::vector<Event> events);

// An agreement as its events tell it across filings: `dated` refined to
// the most precise entry date told, `expires` recomputed from the term
// ("five-year"), each renewal ("one additional three-year term") and
// extension ("for an additional year", "now scheduled to expire March 30,
// 2007"). `events` are the agreement's events, oldest first.
Entity AgreementLifecycle(Entity agreement, const std::vector<Event>& events);

// One end date an agreement has had. An agreement's term is told in steps:
// the original term, then each renewal or extension moving the end; every
// step but the last is superseded.
struct TermStep {
  std::string expires;   //!< ISO date the term ended / ends at this step
  std::string because;   //!< "five-year term from 2000-05-02", "renewed 2005-05-03 for 3 years", ...
  std::string event_id;  //!< the renewal/extension that set it; "" for the original term
  bool inferred = false; //!< worked back from a later step (the end an extension moved)
  bool superseded = false;
};

// The agreement's end dates in order, oldest first, as AgreementLifecycle
// computes them (the last step's date is its `expires`). Empty when nothing
// tells when the agreement ends.
std::vector<TermStep> TermHistory(const Entity& agreement, const std::vector<Event>& events);

// Rewrites every source's filing id to what users know the filing by: its
// accession number, else its file name. A source whose filing is not
// stored keeps its id; a failed read is returned (the events are then as
// they were, or partly rewritten: callers drop them).
Status DisplaySources(const Store& store, std::vector<Event>* events);

// The canonical display name of an entity id ("org:genentech" ->
// "Genentech"); the id itself when no such entity is stored; the error of
// a failed read.
Result<std::string> DisplayName(const Store& store, std::string_view id);

// DisplayName with memory, for listings that name the same parties again
// and again (a company's history, its agreements): one read per id. A
// failed read gives the id and is kept: status() is the first one, which a
// caller checks before it writes out what it made with the names.
class DisplayNames {
 public:
  explicit DisplayNames(const Store& store) : store_(store) {}
  const std::string& operator()(const std::string& id);
  const Status& status() const { return status_; }

 private:
  const Store& store_;
  std::map<std::string, std::string, std::less<>> names_;
  Status status_;
};

// The filing an 8-K/A amends. FilingInfo::amends holds either the amended
// filing's id or the extractor's hint "filed:YYYY-MM-DD" (the date the
// amendment says the original report was filed); a hint is resolved to the
// stored 8-K of the same registrant filed that day, taken from `candidates`
// (normally the registrant's filings). Returns "" when `filing` amends
// nothing or the amended filing is not among the candidates.
std::string AmendedFilingId(const FilingInfo& filing, const std::vector<FilingInfo>& candidates);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_QUERY_H_
