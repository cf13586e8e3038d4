#include "export/csv.h"

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "export/export_util.h"

namespace dealgraph {

namespace {

constexpr std::string_view kCrlf = "\r\n";

// Builds records field by field for one file.
class CsvRecord {
 public:
  explicit CsvRecord(std::string_view eol) : eol_(eol) {}
  void Field(std::string_view s) {
    Separate();
    AppendCsvField(&line_, s);
  }
  // A field written verbatim (numbers, booleans, already-safe text).
  void Raw(std::string_view s) {
    Separate();
    line_.append(s);
  }
  // Ends the record and writes it.
  void End(std::ostream& out) {
    line_.append(eol_);
    out.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
    first_ = true;
  }

 private:
  void Separate() {
    if (!first_) line_.push_back(',');
    first_ = false;
  }
  std::string_view eol_;
  std::string line_;
  bool first_ = true;
};

std::string JoinSemicolon(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(';');  // an empty item keeps its place: ";payee"
    out.append(items[i]);
  }
  return out;
}

std::vector<std::string> DistinctFilings(const std::vector<Source>& sources) {
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (const Source& s : sources) {
    if (!s.filing.empty() && seen.insert(s.filing).second) out.push_back(s.filing);
  }
  return out;
}

// One value for a neo4j field: valid UTF-8, every CR/LF/tab a space.
std::string Neo4jValue(std::string_view s) {
  std::string out = SanitizeUtf8(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

std::string Neo4jArray(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    std::string v = Neo4jValue(s);
    for (char& c : v) {
      if (c == ';') c = ',';
    }
    if (!out.empty()) out.push_back(';');
    out.append(v);
  }
  return out;
}

std::string_view Neo4jEntityLabel(EntityType t) {
  switch (t) {
    case EntityType::kOrganization:
      return "Entity;Organization";
    case EntityType::kPerson:
      return "Entity;Person";
    case EntityType::kProduct:
      return "Entity;Product";
    case EntityType::kAgreement:
      return "Entity;Agreement";
  }
  return "Entity";
}

Status CheckStream(std::ostream& out, std::string_view file) {
  out.flush();
  if (!out) return Status::IoError("writing " + std::string(file) + " failed");
  return Status::Ok();
}

Status WriteEntitiesImpl(const GraphSlice& slice, std::ostream& out) {
  EntityCsvWriter w(out);
  for (const Entity& e : slice.entities) {
    if (!w.Write(e)) break;
  }
  return CheckStream(out, "entities csv");
}

Status WriteEventsImpl(const GraphSlice& slice, std::ostream& out) {
  EntityIndex index(slice);
  CsvRecord r(kCrlf);
  for (std::string_view h :
       {"id", "type", "date", "parties", "roles", "agreement", "amount", "currency", "amount_kind", "amount_high", "unit", "filings", "quote"}) {
    r.Raw(h);
  }
  r.End(out);
  for (const Event& e : slice.events) {
    std::vector<std::string> names, roles;
    bool any_role = false;
    for (const Party& p : e.parties) {
      names.emplace_back(index.Name(p.entity_id));
      roles.push_back(p.role);
      any_role |= !p.role.empty();
    }
    r.Field(e.id);
    r.Field(e.type);
    r.Field(e.date);
    r.Field(JoinSemicolon(names));
    // Each party's role, in the parties' order ("payee;payer"); empty when none has one.
    r.Field(any_role ? JoinSemicolon(roles) : std::string());
    r.Field(e.agreement_id.empty() ? std::string_view() : index.Name(e.agreement_id));
    r.Raw(e.amount ? FormatNumber(e.amount->value) : std::string());
    r.Field(e.amount ? std::string_view(e.amount->currency) : std::string_view());
    // "total", or what else the figure is: "per_share" ($172.50 a share is no
    // total), "per_unit" (a rate: `unit` says per what), "up_to" (a cap),
    // "contingent" (owed on a condition). A range's high end in amount_high.
    r.Field(e.amount ? MoneyKindName(e.amount->kind) : std::string_view());
    r.Raw(e.amount && e.amount->is_range() ? FormatNumber(e.amount->high) : std::string());
    r.Field(e.amount ? std::string_view(e.amount->unit) : std::string_view());
    r.Field(JoinSemicolon(DistinctFilings(e.sources)));
    r.Field(e.sources.empty() ? std::string_view() : std::string_view(e.sources.front().quote));
    r.End(out);
    if (!out) break;
  }
  return CheckStream(out, "events csv");
}

Status WriteEdgesImpl(const GraphSlice& slice, std::ostream& out) {
  CsvRecord r(kCrlf);
  for (std::string_view h : {"source", "target", "type", "role"}) r.Raw(h);
  r.End(out);
  for (const FlatEdge& e : FlattenEdges(slice)) {
    r.Field(e.source);
    r.Field(e.target);
    r.Field(e.type);
    r.Field(e.role);
    r.End(out);
    if (!out) break;
  }
  return CheckStream(out, "edges csv");
}

Status WriteNeo4jEntities(const GraphSlice& slice, const std::vector<FlatEdge>& edges,
                          std::ostream& out) {
  CsvRecord r("\n");
  out << kNeo4jEntityNodesHeader << '\n';
  for (const Entity& e : slice.entities) {
    r.Field(Neo4jValue(e.id));
    r.Raw(Neo4jEntityLabel(e.type));
    r.Field(Neo4jValue(e.name));
    r.Field(Neo4jArray(e.aliases));
    r.Field(Neo4jValue(e.cik));
    r.Field(Neo4jValue(e.title));
    r.Field(Neo4jValue(e.dated));
    r.Field(Neo4jValue(e.expires));
    r.Field(Neo4jValue(e.term));
    r.End(out);
    if (!out) break;
  }
  for (std::string_view id : DanglingIds(slice, edges)) {
    r.Field(Neo4jValue(id));
    r.Raw("Entity");
    r.Field(Neo4jValue(id));
    for (int i = 0; i < 6; ++i) r.Raw("");
    r.End(out);
  }
  return CheckStream(out, kNeo4jEntityNodesFile);
}

Status WriteNeo4jEvents(const GraphSlice& slice, std::ostream& out) {
  CsvRecord r("\n");
  out << kNeo4jEventNodesHeader << '\n';
  for (const Event& e : slice.events) {
    r.Field(Neo4jValue(e.id));
    r.Raw("Event");
    r.Field(Neo4jValue(e.type));
    r.Field(Neo4jValue(e.date));
    r.Field(Neo4jValue(e.summary));
    r.Raw(e.amount ? FormatNumber(e.amount->value) : std::string());
    r.Field(e.amount ? Neo4jValue(e.amount->currency) : std::string());
    r.Raw(e.amount ? (e.amount->per_share() ? "true" : "false") : "");
    r.Field(e.amount ? Neo4jValue(MoneyKindName(e.amount->kind)) : std::string());
    r.Raw(e.amount && e.amount->is_range() ? FormatNumber(e.amount->high) : std::string());
    r.Field(Neo4jArray(DistinctFilings(e.sources)));
    r.Field(e.sources.empty() ? std::string() : Neo4jValue(e.sources.front().quote));
    r.End(out);
    if (!out) break;
  }
  return CheckStream(out, kNeo4jEventNodesFile);
}

Status WriteNeo4jRelationships(const std::vector<FlatEdge>& edges, std::ostream& out) {
  CsvRecord r("\n");
  out << kNeo4jRelationshipsHeader << '\n';
  for (const FlatEdge& e : edges) {
    r.Field(Neo4jValue(e.source));
    r.Field(Neo4jValue(e.target));
    r.Raw(Neo4jRelationshipType(e.type));
    r.Field(Neo4jValue(e.role));
    r.End(out);
    if (!out) break;
  }
  return CheckStream(out, kNeo4jRelationshipsFile);
}

// Opens `name` through `sink`, failing when the sink hands back a bad stream.
Status Open(const FileSink& sink, std::string_view name, std::ostream** out) {
  if (!sink) return Status::InvalidArgument("no file sink given");
  std::ostream& s = sink(name);
  if (!s) return Status::IoError("cannot open " + std::string(name) + " for writing");
  *out = &s;
  return Status::Ok();
}

}  // namespace

std::string Neo4jRelationshipType(std::string_view type) {
  if (type.empty()) return "RELATED_TO";
  std::string out;
  for (char c : type) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(std::isalnum(u) && u < 0x80 ? static_cast<char>(std::toupper(u)) : '_');
  }
  return out;
}

EntityCsvWriter::EntityCsvWriter(std::ostream& out) : out_(out) {
  CsvRecord r(kCrlf);
  for (std::string_view h :
       {"id", "type", "name", "aliases", "cik", "title", "dated", "expires", "term", "parties"}) {
    r.Raw(h);
  }
  r.End(out_);
}

bool EntityCsvWriter::Write(const Entity& e) {
  CsvRecord r(kCrlf);
  r.Field(e.id);
  r.Raw(EntityTypeName(e.type));
  r.Field(e.name);
  r.Field(JoinSemicolon(e.aliases));
  r.Field(e.cik);
  r.Field(e.title);
  r.Field(e.dated);
  r.Field(e.expires);
  r.Field(e.term);
  r.Field(JoinSemicolon(e.parties));
  r.End(out_);
  return static_cast<bool>(out_);
}

Status WriteEntitiesCsv(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("entities csv", [&] { return WriteEntitiesImpl(slice, out); });
}

Status WriteEventsCsv(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("events csv", [&] { return WriteEventsImpl(slice, out); });
}

Status WriteEdgesCsv(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("edges csv", [&] { return WriteEdgesImpl(slice, out); });
}

Status WriteCsvFiles(const GraphSlice& slice, const FileSink& sink) {
  return CatchAll("csv files", [&]() -> Status {
    std::ostream* out = nullptr;
    RETURN_IF_ERROR(Open(sink, "entities.csv", &out));
    RETURN_IF_ERROR(WriteEntitiesImpl(slice, *out));
    RETURN_IF_ERROR(Open(sink, "events.csv", &out));
    RETURN_IF_ERROR(WriteEventsImpl(slice, *out));
    RETURN_IF_ERROR(Open(sink, "edges.csv", &out));
    return WriteEdgesImpl(slice, *out);
  });
}

Status WriteNeo4jCsv(const GraphSlice& slice, const Neo4jSinks& sinks) {
  if (sinks.entity_nodes == nullptr || sinks.event_nodes == nullptr ||
      sinks.relationships == nullptr) {
    return Status::InvalidArgument("neo4j export needs three output streams");
  }
  return CatchAll("neo4j csv", [&]() -> Status {
    std::vector<FlatEdge> edges = FlattenEdges(slice);
    RETURN_IF_ERROR(WriteNeo4jEntities(slice, edges, *sinks.entity_nodes));
    RETURN_IF_ERROR(WriteNeo4jEvents(slice, *sinks.event_nodes));
    return WriteNeo4jRelationships(edges, *sinks.relationships);
  });
}

Status WriteNeo4jImportFiles(const GraphSlice& slice, const FileSink& sink) {
  return CatchAll("neo4j csv", [&]() -> Status {
    std::vector<FlatEdge> edges = FlattenEdges(slice);
    std::ostream* out = nullptr;
    RETURN_IF_ERROR(Open(sink, kNeo4jEntityNodesFile, &out));
    RETURN_IF_ERROR(WriteNeo4jEntities(slice, edges, *out));
    RETURN_IF_ERROR(Open(sink, kNeo4jEventNodesFile, &out));
    RETURN_IF_ERROR(WriteNeo4jEvents(slice, *out));
    RETURN_IF_ERROR(Open(sink, kNeo4jRelationshipsFile, &out));
    return WriteNeo4jRelationships(edges, *out);
  });
}

}  // namespace dealgraph
