#include "graph/resolve.h"

#include <algorithm>
#include <vector>

namespace dealgraph {

namespace {

// The stored organization with this CIK reachable through one of `names`,
// other than `self`; "" when none.
Result<std::string> StoredIdForCik(const Store& store, const Entity& e) {
  std::vector<std::string> names{e.name};
  names.insert(names.end(), e.aliases.begin(), e.aliases.end());
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(std::vector<Entity> found, store.FindEntities(name));
    for (const Entity& f : found) {
      if (f.type == EntityType::kOrganization && f.cik == e.cik && f.id != e.id) return f.id;
    }
  }
  return std::string();
}

}  // namespace

Result<std::map<std::string, std::string>> ResolveIdentities(const Store& store, FilingExtract* x) {
  std::map<std::string, std::string> moved;
  for (const Entity& e : x->entities) {
    if (e.type != EntityType::kOrganization || e.cik.empty()) continue;
    ASSIGN_OR_RETURN(std::string id, StoredIdForCik(store, e));
    if (!id.empty()) moved.emplace(e.id, std::move(id));
  }
  if (moved.empty()) return moved;
  auto map = [&](std::string* id) {
    auto it = moved.find(*id);
    if (it != moved.end()) *id = it->second;
  };
  // An extract lists an entity once; if it also named the stored id itself,
  // the renamed entity's names join that one.
  std::vector<Entity> entities;
  for (Entity& e : x->entities) {
    map(&e.id);
    for (std::string& p : e.parties) map(&p);
    auto same = std::find_if(entities.begin(), entities.end(), [&](const Entity& o) { return o.id == e.id; });
    if (same == entities.end()) {
      entities.push_back(std::move(e));
      continue;
    }
    for (std::string& a : e.aliases) {
      if (a != same->name && std::find(same->aliases.begin(), same->aliases.end(), a) == same->aliases.end()) {
        same->aliases.push_back(std::move(a));
      }
    }
    if (e.name != same->name &&
        std::find(same->aliases.begin(), same->aliases.end(), e.name) == same->aliases.end()) {
      same->aliases.push_back(e.name);
    }
    if (same->cik.empty()) same->cik = e.cik;
  }
  x->entities = std::move(entities);
  map(&x->filing.registrant);
  for (Event& ev : x->events) {
    for (Party& p : ev.parties) map(&p.entity_id);
    for (Slot& s : ev.slots) {
      if (!s.entity_id.empty()) map(&s.entity_id);
    }
  }
  for (Relation& r : x->relations) {
    map(&r.from);
    map(&r.to);
  }
  return moved;
}

}  // namespace dealgraph
