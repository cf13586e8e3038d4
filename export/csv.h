// CSV export: plain RFC 4180 tables for spreadsheets and scripts, and the
// header format of `neo4j-admin database import full` (see docs/export.md
// for the exact command).
#ifndef DEALGRAPH_EXPORT_CSV_H_
#define DEALGRAPH_EXPORT_CSV_H_

#include <functional>
#include <ostream>
#include <string_view>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// Returns the stream to write the file `file_name` (a bare name such as
// "events.csv", no directory). The stream must stay valid until the export
// call returns; a stream already in a failed state means the file could not
// be opened and makes the export fail with IoError.
using FileSink = std::function<std::ostream&(std::string_view file_name)>;

// ---- Plain CSV (RFC 4180: header row, CRLF record ends, fields quoted when
// they hold a comma, a quote, CR or LF; quotes doubled). Values are written
// intact, newlines included. Lists inside a field are joined with ";".

// id,type,name,aliases,cik,title,dated,expires,term,parties
Status WriteEntitiesCsv(const GraphSlice& slice, std::ostream& out);
// The same rows one entity at a time, for a listing that streams: the
// header row when constructed, then one row per Write, which returns false
// once the stream has failed.
class EntityCsvWriter {
 public:
  explicit EntityCsvWriter(std::ostream& out);
  bool Write(const Entity& e);

 private:
  std::ostream& out_;
};
// id,type,date,parties,roles,agreement,amount,currency,amount_kind,amount_high,unit,filings,quote
// One row per event: parties are canonical names, roles theirs in the same
// order, agreement the agreement's name, amount a plain decimal (a range's
// low end), amount_kind what the figure is (MoneyKindName), filings the
// distinct source filings, quote the first source's sentence.
Status WriteEventsCsv(const GraphSlice& slice, std::ostream& out);
// source,target,type,role
// The edges of export_util.h FlattenEdges: party_of, concerns, signatory_of
// and the relation types, in lower case as stored.
Status WriteEdgesCsv(const GraphSlice& slice, std::ostream& out);
// All three, as "entities.csv", "events.csv", "edges.csv", opened one after
// the other.
Status WriteCsvFiles(const GraphSlice& slice, const FileSink& sink);

// ---- neo4j-admin import CSV (header in the first line of each file, LF
// record ends, array delimiter ';', quote '"').
//
// One ID space, "Entity", holds entities and events (their ids never clash:
// events are "ev:..."). Entities are labelled Entity plus their type
// (Organization, Person, Product, Agreement); events are labelled Event;
// ids that edges name but the slice lacks become bare Entity nodes, so the
// import never meets a dangling relationship. Newlines inside values are
// folded to spaces (no --multiline-fields needed), and ';' inside an array
// element becomes ',' (it would split the element).

inline constexpr std::string_view kNeo4jEntityNodesFile = "entity_nodes.csv";
inline constexpr std::string_view kNeo4jEventNodesFile = "event_nodes.csv";
inline constexpr std::string_view kNeo4jRelationshipsFile = "relationships.csv";

inline constexpr std::string_view kNeo4jEntityNodesHeader =
    "id:ID(Entity),:LABEL,name,aliases:string[],cik,title,dated,expires,term";
inline constexpr std::string_view kNeo4jEventNodesHeader =
    "id:ID(Entity),:LABEL,type,date,summary,amount:double,currency,per_share:boolean,"
    "amount_kind,amount_high:double,filings:string[],quote";
// Relationship types: PARTY_OF (entity -> event, role = party role),
// CONCERNS (event -> agreement), SIGNATORY_OF (party -> agreement), and each
// Relation type upper-cased (SUBSIDIARY_OF, LICENSEE_OF, OFFICER_OF with the
// officer's title as role, DEVELOPS, DIRECTOR_OF, ...).
inline constexpr std::string_view kNeo4jRelationshipsHeader =
    ":START_ID(Entity),:END_ID(Entity),:TYPE,role";

// Where the three neo4j files go; none may be null.
struct Neo4jSinks {
  std::ostream* entity_nodes = nullptr;
  std::ostream* event_nodes = nullptr;
  std::ostream* relationships = nullptr;
};

Status WriteNeo4jCsv(const GraphSlice& slice, const Neo4jSinks& sinks);
// The same through `sink`, under the kNeo4j*File names, opened one after
// the other (each stream is finished before the next file is asked for).
Status WriteNeo4jImportFiles(const GraphSlice& slice, const FileSink& sink);

// The Neo4j relationship type for a relation type: "subsidiary_of" ->
// "SUBSIDIARY_OF"; characters other than [A-Za-z0-9_] become '_'; an empty
// type becomes "RELATED_TO".
std::string Neo4jRelationshipType(std::string_view type);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_CSV_H_
