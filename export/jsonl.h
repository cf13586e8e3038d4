// JSON Lines export of events, entities and relations, in the shapes of
// docs/events.md (the contract read by the scorer). One object per line,
// '\n'-terminated, UTF-8; strings escaped by common/json.h.
#ifndef DEALGRAPH_EXPORT_JSONL_H_
#define DEALGRAPH_EXPORT_JSONL_H_

#include <ostream>
#include <string>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// Appends one event as a single-line JSON object (no trailing newline):
//   {"id", "type", "date" (null when empty),
//    "parties": [{"name", "role" (omitted when empty), "id"}],
//    "agreement": {"id", "name", "dated", "expires"}  (only with agreement_id),
//    "amount": {"value", "currency", "high" (a range's high end),
//               "kind" (per_share, per_unit, up_to, contingent; absent for a total),
//               "unit" (per_unit), "per_share" (only when true)}  (only when set),
//    "summary" (omitted when empty),
//    "sources": [{"filing", "item" (omitted when empty), "quote", "filed" (omitted when empty)}]}
// Party and agreement names are the canonical names of the entities in
// `slice`, falling back to the id when the slice lacks the entity. The
// agreement's "dated"/"expires" are omitted when unknown. Indexes the
// slice's entities on every call: to write many events, use WriteEventsJsonl.
void WriteEventJson(const Event& event, const GraphSlice& slice, std::string* out);

// Appends one entity: {"id", "type", "name", "aliases": [...]} plus "cik",
// "title", "dated", "expires", "term", "parties" (ids) when non-empty.
void WriteEntityJson(const Entity& entity, std::string* out);

// Appends one relation: {"type", "from", "to", "role" (omitted when empty),
// "sources": [...] (omitted when empty)}.
void WriteRelationJson(const Relation& relation, std::string* out);

// Write every event / entity / relation of `slice`, one per line, in slice
// order. IoError when the stream fails.
Status WriteEventsJsonl(const GraphSlice& slice, std::ostream& out);
Status WriteEntitiesJsonl(const GraphSlice& slice, std::ostream& out);
Status WriteRelationsJsonl(const GraphSlice& slice, std::ostream& out);
// Every edge of `slice` (FlattenEdges: party_of, concerns, signatory_of and
// the relations), one {"source", "target", "type", "role"?} per line: the
// same set, in the same order, as WriteEdgesCsv's rows.
Status WriteEdgesJsonl(const GraphSlice& slice, std::ostream& out);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_JSONL_H_
