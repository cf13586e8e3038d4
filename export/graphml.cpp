#include "export/graphml.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "export/export_util.h"

namespace dealgraph {

namespace {

struct KeyDecl {
  std::string_view id;
  std::string_view domain;  // "node" or "edge"
  std::string_view type;    // GraphML attr.type
};

// attr.name equals the id, so the names Gephi shows are the ids below.
constexpr KeyDecl kKeys[] = {
    {"label", "node", "string"},      {"kind", "node", "string"},
    {"aliases", "node", "string"},    {"cik", "node", "string"},
    {"title", "node", "string"},      {"dated", "node", "string"},
    {"expires", "node", "string"},    {"term", "node", "string"},
    {"event_type", "node", "string"}, {"date", "node", "string"},
    {"summary", "node", "string"},    {"amount", "node", "double"},
    {"currency", "node", "string"},   {"per_share", "node", "boolean"},
    {"amount_kind", "node", "string"}, {"amount_high", "node", "double"},
    {"unit", "node", "string"},
    {"filings", "node", "string"},    {"quote", "node", "string"},
    {"edge_label", "edge", "string"}, {"type", "edge", "string"},
    {"role", "edge", "string"},       {"weight", "edge", "double"},
};

class GraphmlWriter {
 public:
  explicit GraphmlWriter(std::ostream& out) : out_(out) {}

  void Raw(std::string_view s) { buf_.append(s); }
  void BeginNode(std::string_view id) {
    buf_.append("    <node id=\"");
    AppendXmlEscaped(&buf_, id, /*attribute=*/true);
    buf_.append("\">\n");
  }
  void EndNode() {
    buf_.append("    </node>\n");
    Flush();
  }
  void BeginEdge(size_t n, std::string_view source, std::string_view target) {
    buf_.append("    <edge id=\"e" + std::to_string(n) + "\" source=\"");
    AppendXmlEscaped(&buf_, source, /*attribute=*/true);
    buf_.append("\" target=\"");
    AppendXmlEscaped(&buf_, target, /*attribute=*/true);
    buf_.append("\">\n");
  }
  void EndEdge() {
    buf_.append("    </edge>\n");
    Flush();
  }
  // <data key="k">v</data>, skipped when `value` is empty.
  void Data(std::string_view key, std::string_view value) {
    if (value.empty()) return;
    buf_.append("      <data key=\"");
    buf_.append(key);
    buf_.append("\">");
    AppendXmlEscaped(&buf_, value, /*attribute=*/false);
    buf_.append("</data>\n");
  }
  void Flush() {
    if (buf_.size() < 1 << 16) return;
    FlushNow();
  }
  void FlushNow() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  std::ostream& out_;
  std::string buf_;
};

std::string JoinSemicolon(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out.append("; ");
    out.append(s);
  }
  return out;
}

std::string DistinctFilings(const std::vector<Source>& sources) {
  std::vector<std::string> seen;
  for (const Source& s : sources) {
    bool dup = false;
    for (const std::string& f : seen) dup = dup || f == s.filing;
    if (!dup && !s.filing.empty()) seen.push_back(s.filing);
  }
  return JoinSemicolon(seen);
}

Status WriteGraphmlImpl(const GraphSlice& slice, std::ostream& out) {
  GraphmlWriter w(out);
  w.Raw(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (const KeyDecl& k : kKeys) {
    std::string name = k.id == "edge_label" ? "label" : std::string(k.id);
    w.Raw("  <key id=\"" + std::string(k.id) + "\" for=\"" + std::string(k.domain) +
          "\" attr.name=\"" + name + "\" attr.type=\"" + std::string(k.type) + "\"/>\n");
  }
  w.Raw("  <graph id=\"dealgraph\" edgedefault=\"directed\">\n");

  // GraphML ids must be unique: a repeated id keeps its first definition.
  std::unordered_set<std::string_view> written;
  for (const Entity& e : slice.entities) {
    if (!written.insert(e.id).second) continue;
    w.BeginNode(e.id);
    w.Data("label", e.name.empty() ? e.id : e.name);
    w.Data("kind", EntityTypeName(e.type));
    w.Data("aliases", JoinSemicolon(e.aliases));
    w.Data("cik", e.cik);
    w.Data("title", e.title);
    w.Data("dated", e.dated);
    w.Data("expires", e.expires);
    w.Data("term", e.term);
    w.Data("filings", DistinctFilings(e.sources));
    w.EndNode();
  }
  for (const Event& e : slice.events) {
    if (!written.insert(e.id).second) continue;
    w.BeginNode(e.id);
    std::string label = e.type;
    if (!e.date.empty()) label += " " + e.date;
    w.Data("label", label);
    w.Data("kind", "event");
    w.Data("event_type", e.type);
    w.Data("date", e.date);
    w.Data("summary", e.summary);
    if (e.amount) {
      w.Data("amount", FormatNumber(e.amount->value));
      w.Data("currency", e.amount->currency);
      w.Data("per_share", e.amount->per_share() ? "true" : "false");
      w.Data("amount_kind", MoneyKindName(e.amount->kind));
      if (e.amount->is_range()) w.Data("amount_high", FormatNumber(e.amount->high));
      if (!e.amount->unit.empty()) w.Data("unit", e.amount->unit);
    }
    w.Data("filings", DistinctFilings(e.sources));
    if (!e.sources.empty()) w.Data("quote", e.sources.front().quote);
    w.EndNode();
  }
  std::vector<FlatEdge> edges = FlattenEdges(slice);
  for (std::string_view id : DanglingIds(slice, edges)) {
    w.BeginNode(id);
    w.Data("label", id);
    w.Data("kind", EntityTypeName(GuessEntityType(id)));
    w.EndNode();
  }
  size_t n = 0;
  for (const FlatEdge& e : edges) {
    w.BeginEdge(n++, e.source, e.target);
    w.Data("edge_label",
           e.role.empty() ? e.type : std::string(e.type) + " (" + std::string(e.role) + ")");
    w.Data("type", e.type);
    w.Data("role", e.role);
    w.Data("weight", "1");
    w.EndEdge();
  }
  w.Raw("  </graph>\n</graphml>\n");
  w.FlushNow();
  out.flush();
  if (!out) return Status::IoError("writing graphml failed");
  return Status::Ok();
}

}  // namespace

Status WriteGraphml(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("graphml", [&] { return WriteGraphmlImpl(slice, out); });
}

}  // namespace dealgraph
