#include "export/partners.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "export/export_util.h"

namespace dealgraph {

namespace {

constexpr std::string_view kFontName = "Helvetica,Arial,sans-serif";
constexpr size_t kMaxAgreementsPerEdge = 3;
constexpr size_t kMaxTooltipEvents = 15;

struct NodeInfo {
  std::string id;
  EntityType type = EntityType::kOrganization;
  int events = 0;
  int first_year = INT_MAX;
  int last_year = INT_MIN;
};

struct PairInfo {
  int events = 0;
  std::map<std::string, double> money;  // by currency; per-share amounts left out
  int first_year = INT_MAX;
  int last_year = INT_MIN;
  std::vector<std::string> agreements;  // ids, first-seen order
  std::vector<std::string> relations;   // "Genentech licensee of ImmunoGen"
  std::vector<size_t> event_indices;
  bool subsidiary = false;
};

int YearOf(std::string_view date) {
  IsoDate d;
  return ParseIsoDate(date, &d) ? d.year : 0;
}

std::string Fmt(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string Years(int first, int last) {
  if (first == INT_MAX) return "";
  if (first == last) return std::to_string(first);
  return std::to_string(first) + "\xE2\x80\x93" + std::to_string(last);  // –
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out += "\\n";
    out += l;
  }
  return out;
}

// The fill for an activity level: light to mid blue.
std::string_view ActivityFill(int events) {
  if (events >= 20) return "#6a9bd6";
  if (events >= 10) return "#8db4e2";
  if (events >= 5) return "#b3cdec";
  if (events >= 2) return "#d4e2f4";
  return "#eef3fb";
}

}  // namespace

std::string_view PartnerLayoutEngine(size_t node_count) {
  return node_count <= kPartnerDotMaxNodes ? "dot" : "sfdp";
}

namespace {

Result<AgraphPtr> BuildPartnerGraphImpl(const GraphSlice& slice, const PartnerOptions& options) {
  EntityIndex index(slice);
  const std::string& focus = options.focus_entity_id;
  auto type_of = [&](std::string_view id) {
    const Entity* e = index.Find(id);
    return e != nullptr ? e->type : GuessEntityType(id);
  };
  // Organizations, plus the focus whatever its type. Agreements are edge
  // labels, never nodes.
  auto wanted = [&](std::string_view id) {
    if (id.empty()) return false;
    EntityType t = type_of(id);
    return t == EntityType::kOrganization || (id == focus && t != EntityType::kAgreement);
  };

  std::vector<NodeInfo> nodes;
  std::unordered_map<std::string, size_t> node_of;
  auto node = [&](std::string_view id) -> NodeInfo& {
    auto [it, fresh] = node_of.emplace(std::string(id), nodes.size());
    if (fresh) nodes.push_back(NodeInfo{std::string(id), type_of(id)});
    return nodes[it->second];
  };
  for (const Entity& e : slice.entities) {
    if (wanted(e.id)) node(e.id);
  }
  if (!focus.empty() && wanted(focus)) node(focus);

  std::map<std::pair<std::string, std::string>, PairInfo> pairs;
  auto pair = [&](const std::string& a, const std::string& b) -> PairInfo& {
    return a < b ? pairs[{a, b}] : pairs[{b, a}];
  };

  // Who dealt with whom in one event or agreement: the parties on the two
  // sides of a role (licensor and licensee, payer and payee, acquirer and
  // target) pair up; else the focus, or the first party (the filer that
  // tells it), pairs with each other party. Co-parties of one document (the
  // underwriters of an offering, the lenders of a facility) are not drawn as
  // each other's partners.
  auto counterparties = [&](const std::vector<std::string>& members,
                            const std::vector<Party>* parties) {
    std::vector<std::pair<std::string, std::string>> out;
    if (members.size() < 2) return out;
    if (parties != nullptr) {
      std::vector<std::string> giving, taking;
      for (const Party& p : *parties) {
        if (!wanted(p.entity_id)) continue;
        if (p.role == "licensor" || p.role == "payer" || p.role == "acquirer") AddUnique(&giving, p.entity_id);
        if (p.role == "licensee" || p.role == "payee" || p.role == "target") AddUnique(&taking, p.entity_id);
      }
      for (const std::string& g : giving) {
        for (const std::string& t : taking) {
          if (g != t) out.emplace_back(g, t);
        }
      }
      if (!out.empty()) return out;
    }
    const std::string& anchor =
        std::find(members.begin(), members.end(), focus) != members.end() ? focus : members.front();
    for (const std::string& m : members) {
      if (m != anchor) out.emplace_back(anchor, m);
    }
    return out;
  };
  // Firms that serve an event (underwriters, advisers, counsel, agents:
  // IsAgentRole) are no partners: they are left out of its members, and out
  // of the signatories of its agreement.
  std::map<std::string, std::vector<std::string>> agents_of_agreement;
  for (size_t i = 0; i < slice.events.size(); ++i) {
    const Event& e = slice.events[i];
    int year = YearOf(e.date);
    std::vector<std::string> members;
    for (const Party& p : e.parties) {
      if (IsAgentRole(p.role)) {
        if (!e.agreement_id.empty()) AddUnique(&agents_of_agreement[e.agreement_id], p.entity_id);
        continue;
      }
      if (wanted(p.entity_id)) AddUnique(&members, p.entity_id);
    }
    for (const std::string& m : members) {
      NodeInfo& n = node(m);
      n.events++;
      if (year != 0) {
        n.first_year = std::min(n.first_year, year);
        n.last_year = std::max(n.last_year, year);
      }
    }
    for (const auto& [from, to] : counterparties(members, &e.parties)) {
      {
        PairInfo& p = pair(from, to);
        p.events++;
        p.event_indices.push_back(i);
        if (year != 0) {
          p.first_year = std::min(p.first_year, year);
          p.last_year = std::max(p.last_year, year);
        }
        if (IsMoneyPaid(e.type, e.amount)) {
          p.money[e.amount->currency] += e.amount->value;
        }
        if (!e.agreement_id.empty()) AddUnique(&p.agreements, e.agreement_id);
      }
    }
  }
  for (const Entity& ag : slice.entities) {
    if (ag.type != EntityType::kAgreement) continue;
    std::vector<std::string> members;
    const auto agents = agents_of_agreement.find(ag.id);
    for (const std::string& p : ag.parties) {
      const bool agent = agents != agents_of_agreement.end() &&
                         std::find(agents->second.begin(), agents->second.end(), p) != agents->second.end();
      if (wanted(p) && !agent) AddUnique(&members, p);
    }
    for (const std::string& m : members) node(m);
    for (const auto& [from, to] : counterparties(members, nullptr)) AddUnique(&pair(from, to).agreements, ag.id);
  }
  // Subsidiaries: child -> parent, refusing links that would close a cycle.
  std::unordered_map<std::string, std::string> parent_of;
  auto reaches = [&](std::string from, const std::string& target) {
    for (size_t steps = 0; steps <= parent_of.size(); ++steps) {
      if (from == target) return true;
      auto it = parent_of.find(from);
      if (it == parent_of.end()) return false;
      from = it->second;
    }
    return true;
  };
  for (const Relation& r : slice.relations) {
    if (!wanted(r.from) || !wanted(r.to) || r.from == r.to) continue;
    node(r.from);
    node(r.to);
    PairInfo& p = pair(r.from, r.to);
    std::string type = r.type;
    std::replace(type.begin(), type.end(), '_', ' ');
    AddUnique(&p.relations,
              std::string(index.Name(r.from)) + " " + type + " " + std::string(index.Name(r.to)));
    if (r.type == "subsidiary_of") {
      p.subsidiary = true;
      if (!parent_of.count(r.from) && !reaches(r.to, r.from)) parent_of[r.from] = r.to;
    }
  }

  // Big graphs kept legible: companies with fewer than min_events events, and
  // beyond the top N by events, are left out (the focus never is), with the
  // pairs that name them.
  if (options.min_events > 0 || options.top > 0) {
    std::vector<const NodeInfo*> ranked;
    for (const NodeInfo& n : nodes) ranked.push_back(&n);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const NodeInfo* a, const NodeInfo* b) { return a->events > b->events; });
    std::unordered_set<std::string> keep;
    for (const NodeInfo* n : ranked) {
      const bool is_focus = n->id == focus;
      if (!is_focus && n->events < options.min_events) continue;
      if (!is_focus && options.top > 0 && keep.size() >= options.top + (keep.count(focus) ? 1 : 0)) continue;
      keep.insert(n->id);
    }
    if (!focus.empty() && node_of.count(focus)) keep.insert(focus);
    std::vector<NodeInfo> kept;
    for (NodeInfo& n : nodes) {
      if (keep.count(n.id)) kept.push_back(std::move(n));
    }
    nodes = std::move(kept);
    for (auto it = pairs.begin(); it != pairs.end();) {
      it = keep.count(it->first.first) && keep.count(it->first.second) ? std::next(it) : pairs.erase(it);
    }
    for (auto it = parent_of.begin(); it != parent_of.end();) {
      it = keep.count(it->first) && keep.count(it->second) ? std::next(it) : parent_of.erase(it);
    }
  }
  // A partner diagram draws partners: a company with no counterparty here
  // (an underwriter of the focus's notes, a filer that only reports its
  // results) is left out, unless nothing would be left.
  if (!pairs.empty()) {
    std::unordered_set<std::string> paired;
    for (const auto& [ends, info] : pairs) {
      paired.insert(ends.first);
      paired.insert(ends.second);
    }
    std::vector<NodeInfo> kept;
    for (NodeInfo& n : nodes) {
      if (paired.count(n.id) || n.id == focus) kept.push_back(std::move(n));
    }
    nodes = std::move(kept);
  }
  const bool small = nodes.size() <= kPartnerDotMaxNodes;
  GraphBuilder b("partners", GraphBuilder::Kind::kUndirected);
  b.SetGraphDefault("fontname", kFontName);
  b.SetGraphDefault("labelloc", "t");
  b.SetGraphDefault("fontsize", "16");
  if (small) {
    b.SetGraphDefault("rankdir", "LR");
    b.SetGraphDefault("nodesep", "0.35");
    b.SetGraphDefault("ranksep", "0.9");
    b.SetGraphDefault("splines", "true");
  } else {
    b.SetGraphDefault("overlap", "prism");
    b.SetGraphDefault("sep", "+6");
    b.SetGraphDefault("splines", "false");
    b.SetGraphDefault("outputorder", "edgesfirst");
  }
  b.SetNodeDefault("shape", "box");
  b.SetNodeDefault("style", "rounded,filled");
  b.SetNodeDefault("fontname", kFontName);
  b.SetNodeDefault("fontsize", "10");
  b.SetNodeDefault("color", "#4a6fa5");
  b.SetNodeDefault("fillcolor", "#eef3fb");
  b.SetEdgeDefault("fontname", kFontName);
  b.SetEdgeDefault("fontsize", "8");
  b.SetEdgeDefault("fontcolor", "#34495e");
  b.SetEdgeDefault("color", "#7f8c9d");
  std::string title =
      focus.empty() ? std::string("Partners") : "Partners of " + std::string(index.Name(focus));
  b.SetText(b.graph(), "label", title);

  // Clusters: one per organization with subsidiaries, nested like the
  // ownership chain.
  std::unordered_set<std::string> has_children;
  for (const auto& [child, parent] : parent_of) has_children.insert(parent);
  std::unordered_map<std::string, Agraph_t*> cluster_of;
  size_t cluster_counter = 0;
  std::function<Agraph_t*(const std::string&)> cluster_for =
      [&](const std::string& id) -> Agraph_t* {
    auto it = cluster_of.find(id);
    if (it != cluster_of.end()) return it->second;
    auto up = parent_of.find(id);
    Agraph_t* outer = up == parent_of.end() ? b.graph() : cluster_for(up->second);
    Agraph_t* sub = b.Subgraph("cluster_" + std::to_string(cluster_counter++), outer);
    b.SetText(sub, "label", std::string(index.Name(id)) + " group");
    b.Set(sub, "style", "rounded,dashed");
    b.Set(sub, "color", "#9aa7b8");
    b.Set(sub, "fontsize", "10");
    cluster_of[id] = sub;
    return sub;
  };

  std::unordered_map<std::string, Agnode_t*> gv_node;
  for (const NodeInfo& n : nodes) {
    Agraph_t* container = b.graph();
    if (has_children.count(n.id)) {
      container = cluster_for(n.id);
    } else if (auto up = parent_of.find(n.id); up != parent_of.end()) {
      container = cluster_for(up->second);
    }
    Agnode_t* g = b.Node(n.id, container);
    gv_node[n.id] = g;
    std::string label = DotText(index.Name(n.id));
    if (n.events > 0)
      label += "\\n" + std::to_string(n.events) + (n.events == 1 ? " event" : " events");
    b.Set(g, "label", label);
    // Grows with the square root of activity, capped so that one very
    // active company does not dwarf the drawing.
    double scale = std::min(8.0, std::sqrt(static_cast<double>(n.events)));
    b.Set(g, "width", Fmt("%.2f", 0.9 + 0.22 * scale));
    b.Set(g, "height", Fmt("%.2f", 0.45 + 0.08 * scale));
    b.Set(g, "fontsize", Fmt("%.1f", 10 + 1.25 * scale));
    b.Set(g, "fillcolor", ActivityFill(n.events));
    if (n.type == EntityType::kPerson) b.Set(g, "shape", "ellipse");
    if (n.type == EntityType::kProduct) b.Set(g, "shape", "hexagon");
    if (n.id == focus) {
      b.Set(g, "fillcolor", "#ffd966");
      b.Set(g, "penwidth", "2.5");
      b.Set(g, "color", "#b7950b");
    }
    std::vector<std::string> tip = {DotTooltip(index.Name(n.id))};
    if (const Entity* e = index.Find(n.id)) {
      if (!e->aliases.empty()) {
        std::string aliases;
        for (const std::string& a : e->aliases) aliases += (aliases.empty() ? "" : "; ") + a;
        tip.push_back(DotTooltip("Also: " + aliases));
      }
      if (!e->cik.empty()) tip.push_back(DotTooltip("CIK " + e->cik));
      if (!e->title.empty()) tip.push_back(DotTooltip(e->title));
    }
    std::string activity = std::to_string(n.events) + (n.events == 1 ? " event" : " events");
    if (n.first_year != INT_MAX) activity += ", " + Years(n.first_year, n.last_year);
    tip.push_back(DotTooltip(activity));
    tip.push_back(DotTooltip("Id: " + n.id));
    b.Set(g, "tooltip", JoinLines(tip));
  }

  for (const auto& [key, p] : pairs) {
    Agedge_t* e = b.Edge(gv_node[key.first], gv_node[key.second]);
    std::vector<std::string> lines;
    for (size_t k = 0; k < p.agreements.size() && k < kMaxAgreementsPerEdge; ++k) {
      const Entity* ag = index.Find(p.agreements[k]);
      std::string line = TruncateUtf8(index.Name(p.agreements[k]), 40);
      if (ag != nullptr) {
        int from = YearOf(ag->dated);
        int to = YearOf(ag->expires);
        if (from != 0)
          line += " (" + (to != 0 ? Years(from, to) : std::to_string(from) + "\xE2\x80\x93") + ")";
      }
      lines.push_back(line);
    }
    if (p.agreements.size() > kMaxAgreementsPerEdge) {
      lines.push_back("+" + std::to_string(p.agreements.size() - kMaxAgreementsPerEdge) +
                      " more agreements");
    }
    for (const std::string& r : p.relations) lines.push_back(TruncateUtf8(r, 60));
    if (p.events > 0) {
      std::string line = std::to_string(p.events) + (p.events == 1 ? " event" : " events");
      std::string years = Years(p.first_year, p.last_year);
      if (!years.empty()) line += ", " + years;
      if (p.money.size() == 1) {
        line +=
            ", " + FormatMoneyShort(TotalMoney(p.money.begin()->second, p.money.begin()->first));
      }
      lines.push_back(line);
    }
    std::vector<std::string> label_lines;
    for (const std::string& l : lines) label_lines.push_back(DotText(l));
    if (small && !label_lines.empty()) b.Set(e, "label", JoinLines(label_lines));

    double width = 1 + std::min(7.0, 1.6 * std::log2(1.0 + p.events));
    b.Set(e, "penwidth", Fmt("%.2f", width));
    if (p.events == 0) b.Set(e, "style", "dashed");
    if (p.subsidiary && p.events == 0) b.Set(e, "color", "#b0b8c4");

    std::vector<std::string> tip;
    for (const std::string& l : lines) tip.push_back(DotTooltip(l));
    for (size_t k = 0; k < p.event_indices.size() && k < kMaxTooltipEvents; ++k) {
      const Event& ev = slice.events[p.event_indices[k]];
      std::string t = (ev.date.empty() ? std::string("undated") : ev.date) + " " + ev.type;
      if (ev.amount) t += " " + FormatMoneyShort(*ev.amount);
      if (!ev.summary.empty()) t += ": " + TruncateUtf8(ev.summary, 80);
      tip.push_back(DotTooltip(t));
    }
    if (p.event_indices.size() > kMaxTooltipEvents) {
      tip.push_back(
          DotTooltip("(+" + std::to_string(p.event_indices.size() - kMaxTooltipEvents) + " more)"));
    }
    b.Set(e, "tooltip", JoinLines(tip));
  }

  if (!b.status().ok()) return b.status();
  return b.Release();
}

}  // namespace

Result<AgraphPtr> BuildPartnerGraph(const GraphSlice& slice, const PartnerOptions& options) {
  // Only allocation can throw in here; it must not cross the API.
  try {
    return BuildPartnerGraphImpl(slice, options);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("building the graph: ") + e.what());
  }
}

Status WritePartnerDiagram(const GraphSlice& slice, const PartnerOptions& options,
                           std::string_view format, std::ostream& out) {
  return CatchAll("partner diagram", [&]() -> Status {
    if (!options.focus_entity_id.empty() && slice.Find(options.focus_entity_id) == nullptr) {
      bool named = false;
      for (const Event& e : slice.events) {
        for (const Party& p : e.parties) named = named || p.entity_id == options.focus_entity_id;
      }
      if (!named) {
        return Status::NotFound("partner diagram focus '" + options.focus_entity_id +
                                "' is not in the selected graph");
      }
    }
    ASSIGN_OR_RETURN(AgraphPtr graph, BuildPartnerGraph(slice, options));
    size_t node_count = static_cast<size_t>(agnnodes(graph.get()));
    return Render(graph.get(), PartnerLayoutEngine(node_count), format, out)
        .WithContext("partner diagram");
  });
}

}  // namespace dealgraph
