#include "graph/network.h"

#include <algorithm>
#include <queue>
#include <set>

#include <boost/graph/betweenness_centrality.hpp>

namespace dealgraph {

std::vector<Event> AsOf(std::vector<Event> events, std::string_view as_of) {
  if (as_of.empty()) return events;
  std::vector<Event> out;
  for (Event& ev : events) {
    std::vector<Source> keep;
    for (Source& s : ev.sources) {
      // Compare at the precision of the shorter date: "2005" keeps all of 2005.
      size_t n = std::min(s.filed.size(), as_of.size());
      if (s.filed.empty() || s.filed.compare(0, n, as_of.substr(0, n)) <= 0) keep.push_back(std::move(s));
    }
    if (keep.empty()) continue;
    ev.sources = std::move(keep);
    out.push_back(std::move(ev));
  }
  return out;
}

namespace {

// Adds one shared event to an edge: its count and id, its money (in USD,
// what IsMoneyPaid counts), its dates. (An empty type is an index entry of
// a store written before types were kept in it: its amount counts, as it
// did; `dealgraph check --repair` rewrites those entries.)
void CountEvent(NetworkEdge* edge, const std::string& id, const std::string& type, const std::string& date,
                const std::optional<Money>& amount) {
  edge->events++;
  edge->event_ids.push_back(id);
  if ((IsMoneyPaid(type, amount) || (type.empty() && amount && IsTotalAmount(*amount))) &&
      (amount->currency.empty() || amount->currency == "USD")) {
    edge->money += amount->value;
  }
  if (!date.empty()) {
    if (edge->first.empty() || date < edge->first) edge->first = date;
    if (edge->last.empty() || date > edge->last) edge->last = date;
  }
}

}  // namespace

int Network::AddVertex(const Entity& e) {
  auto it = index_.find(e.id);
  if (it != index_.end()) return it->second;
  int v = static_cast<int>(boost::add_vertex(NetworkVertex{e.id, e.name, e.type}, g_));
  index_[e.id] = v;
  return v;
}

int Network::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? -1 : it->second;
}

Network Network::FromSlice(const GraphSlice& slice, bool all_types) {
  Network n;
  std::unordered_map<std::string, const Entity*> by_id;
  for (const Entity& e : slice.entities) by_id[e.id] = &e;
  auto usable = [&](const std::string& id) -> const Entity* {
    auto it = by_id.find(id);
    if (it == by_id.end()) return nullptr;
    const Entity* e = it->second;
    if (!all_types && e->type != EntityType::kOrganization && e->type != EntityType::kPerson) return nullptr;
    return e;
  };
  for (const Event& ev : slice.events) {
    // A firm that serves the event (an underwriter, an adviser, an agent)
    // is no one's partner in it.
    std::vector<int> vs;
    for (const Party& p : ev.parties) {
      if (IsAgentRole(p.role)) continue;
      if (const Entity* e = usable(p.entity_id)) vs.push_back(n.AddVertex(*e));
    }
    std::sort(vs.begin(), vs.end());
    vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
    for (size_t i = 0; i < vs.size(); ++i) {
      for (size_t j = i + 1; j < vs.size(); ++j) {
        auto [edge, added] = boost::add_edge(vs[i], vs[j], n.g_);
        CountEvent(&n.g_[edge], ev.id, ev.type, ev.date, ev.amount);
      }
    }
  }
  // Distinct agreements per edge.
  std::unordered_map<std::string, const Event*> ev_by_id;
  for (const Event& ev : slice.events) ev_by_id[ev.id] = &ev;
  for (auto [ei, ee] = boost::edges(n.g_); ei != ee; ++ei) {
    std::set<std::string> ags;
    for (const std::string& id : n.g_[*ei].event_ids) {
      const Event* ev = ev_by_id[id];
      if (ev && !ev->agreement_id.empty()) ags.insert(ev->agreement_id);
    }
    n.g_[*ei].agreements = static_cast<int>(ags.size());
  }
  for (const Relation& r : slice.relations) {
    const Entity* a = usable(r.from);
    const Entity* b = usable(r.to);
    if (!a || !b || a == b) continue;
    auto [edge, added] = boost::add_edge(n.AddVertex(*a), n.AddVertex(*b), n.g_);
    n.g_[edge].relations.push_back(r.type);
  }
  return n;
}

namespace {
Result<GraphSlice> SliceOf(const Store& store, std::vector<Event> events) {
  GraphSlice slice;
  std::set<std::string> ids;
  for (const Event& ev : events) {
    for (const Party& p : ev.parties) ids.insert(p.entity_id);
  }
  ASSIGN_OR_RETURN(std::vector<std::optional<Entity>> heads,
                   store.GetEntityHeaders(std::vector<std::string>(ids.begin(), ids.end())));
  for (std::optional<Entity>& e : heads) {
    if (e) slice.entities.push_back(std::move(*e));
  }
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::vector<Relation> relations, store.RelationsOf(id));
    for (Relation& r : relations) {
      if (ids.count(r.from) && ids.count(r.to) && seen.insert(r.from + "|" + r.type + "|" + r.to).second) {
        slice.relations.push_back(std::move(r));
      }
    }
  }
  slice.events = std::move(events);
  return slice;
}
}  // namespace

Result<Network> Network::Around(const Store& store, std::string_view entity_id, int depth, std::string_view as_of) {
  ASSIGN_OR_RETURN(std::vector<Event> own, store.EventsOf(entity_id, DateRange{}));
  std::vector<Event> events = AsOf(std::move(own), as_of);
  if (depth > 1) {
    std::set<std::string> seen_events;
    for (const Event& ev : events) seen_events.insert(ev.id);
    std::set<std::string> partners;
    for (const Event& ev : events) {
      for (const Party& p : ev.parties) if (p.entity_id != entity_id) partners.insert(p.entity_id);
    }
    for (const std::string& p : partners) {
      ASSIGN_OR_RETURN(std::vector<Event> theirs, store.EventsOf(p, DateRange{}));
      for (Event& ev : AsOf(std::move(theirs), as_of)) {
        if (seen_events.insert(ev.id).second) events.push_back(std::move(ev));
      }
    }
  }
  ASSIGN_OR_RETURN(GraphSlice slice, SliceOf(store, std::move(events)));
  return FromSlice(slice);
}

Result<Network> Network::Star(const Store& store, std::string_view entity_id) {
  Network n;
  Result<Entity> self = store.GetEntityHeader(entity_id);
  if (!self.ok() && self.status().code() == StatusCode::kNotFound) return n;
  RETURN_IF_ERROR(self.status());
  // FromSlice keeps organizations and people.
  auto usable = [](const Entity& e) { return e.type == EntityType::kOrganization || e.type == EntityType::kPerson; };
  if (!usable(*self)) return n;
  int x = n.AddVertex(*self);
  ASSIGN_OR_RETURN(std::vector<SharedEvent> shared, store.SharedEventsOf(entity_id));
  // Relations count only between entities that share events (as SliceOf
  // takes them), so a partner is someone with a shared event.
  std::unordered_map<std::string, std::vector<std::string>> relations;
  ASSIGN_OR_RETURN(std::vector<Relation> own_relations, store.RelationsOf(entity_id));
  for (const Relation& r : own_relations) {
    const std::string& other = r.from == entity_id ? r.to : r.from;
    if (other != entity_id) relations[other].push_back(r.type);
  }
  // The partners' heads in one batch (entries come grouped by partner).
  // A firm that serves an event (an underwriter, an adviser, an agent) is
  // no one's partner in it.
  shared.erase(std::remove_if(shared.begin(), shared.end(), [](const SharedEvent& se) { return se.agent; }),
               shared.end());
  std::vector<std::string> partner_ids;
  for (const SharedEvent& se : shared) {
    if (partner_ids.empty() || partner_ids.back() != se.partner) partner_ids.push_back(se.partner);
  }
  ASSIGN_OR_RETURN(std::vector<std::optional<Entity>> heads, store.GetEntityHeaders(partner_ids));
  for (size_t i = 0, p = 0; i < shared.size(); ++p) {
    size_t j = i;
    while (j < shared.size() && shared[j].partner == shared[i].partner) ++j;
    const std::optional<Entity>& partner = heads[p];
    if (partner && usable(*partner)) {
      NetworkEdge edge;
      std::set<std::string> agreements;
      for (size_t k = i; k < j; ++k) {
        const SharedEvent& se = shared[k];
        CountEvent(&edge, se.event_id, se.type, se.date, se.amount);
        if (!se.agreement_id.empty()) agreements.insert(se.agreement_id);
      }
      edge.agreements = static_cast<int>(agreements.size());
      auto rel = relations.find(partner->id);
      if (rel != relations.end()) edge.relations = rel->second;
      boost::add_edge(x, n.AddVertex(*partner), edge, n.g_);
    }
    i = j;
  }
  return n;
}

Result<Network> Network::Whole(const Store& store, std::string_view as_of) {
  ASSIGN_OR_RETURN(std::vector<Event> all, store.AllEvents());
  ASSIGN_OR_RETURN(GraphSlice slice, SliceOf(store, AsOf(std::move(all), as_of)));
  return FromSlice(slice);
}

std::vector<Network::Partner> Network::PartnersOf(std::string_view id) const {
  std::vector<Partner> out;
  int v = Find(id);
  if (v < 0) return out;
  for (auto [ei, ee] = boost::out_edges(v, g_); ei != ee; ++ei) {
    int u = static_cast<int>(boost::target(*ei, g_));
    out.push_back(Partner{g_[u].id, g_[u].name, g_[*ei]});
  }
  std::sort(out.begin(), out.end(), [](const Partner& a, const Partner& b) {
    if (a.edge.events != b.edge.events) return a.edge.events > b.edge.events;
    if (a.edge.money != b.edge.money) return a.edge.money > b.edge.money;
    return a.name < b.name;
  });
  return out;
}

std::vector<std::string> Network::Path(std::string_view a, std::string_view b) const {
  int s = Find(a), t = Find(b);
  if (s < 0 || t < 0) return {};
  std::vector<int> prev(boost::num_vertices(g_), -1);
  std::vector<bool> seen(boost::num_vertices(g_), false);
  std::queue<int> q;
  q.push(s);
  seen[s] = true;
  while (!q.empty()) {
    int v = q.front();
    q.pop();
    if (v == t) break;
    for (auto [ai, ae] = boost::adjacent_vertices(v, g_); ai != ae; ++ai) {
      int u = static_cast<int>(*ai);
      // People are not bridges between companies.
      if (seen[u] || (g_[u].type == EntityType::kPerson && u != t)) continue;
      seen[u] = true;
      prev[u] = v;
      q.push(u);
    }
  }
  if (!seen[t]) return {};
  std::vector<std::string> path;
  for (int v = t; v >= 0; v = prev[v]) path.push_back(g_[v].id);
  std::reverse(path.begin(), path.end());
  return path;
}

const NetworkEdge* Network::EdgeBetween(std::string_view a, std::string_view b) const {
  int u = Find(a), v = Find(b);
  if (u < 0 || v < 0) return nullptr;
  auto [e, ok] = boost::edge(u, v, g_);
  return ok ? &g_[e] : nullptr;
}

std::vector<Network::Centrality> Network::Central() const {
  size_t n = boost::num_vertices(g_);
  std::vector<double> centrality(n, 0.0);
  if (n > 0) {
    boost::brandes_betweenness_centrality(
        g_, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, g_))));
    if (n > 2) {
      double norm = (static_cast<double>(n) - 1) * (static_cast<double>(n) - 2) / 2;
      for (double& c : centrality) c /= norm;
    }
  }
  std::vector<Centrality> out;
  for (size_t v = 0; v < n; ++v) {
    if (g_[v].type != EntityType::kOrganization) continue;
    out.push_back(Centrality{g_[v].id, g_[v].name, static_cast<int>(boost::out_degree(v, g_)), centrality[v]});
  }
  std::sort(out.begin(), out.end(), [](const Centrality& a, const Centrality& b) {
    if (a.betweenness != b.betweenness) return a.betweenness > b.betweenness;
    if (a.degree != b.degree) return a.degree > b.degree;
    return a.name < b.name;
  });
  return out;
}

}  // namespace dealgraph
