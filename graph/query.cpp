#include "graph/query.h"

#include <algorithm>
#include <set>

#include "common/strings.h"

namespace dealgraph {

Result<Entity> ResolveEntity(const Store& store, std::string_view name) {
  std::string_view q = Trim(name);
  if (q.empty()) return Status::InvalidArgument("empty entity name");
  if (q.find(':') != std::string_view::npos) {
    Result<Entity> e = store.GetEntity(q);
    if (e.ok()) return e;
  }
  std::vector<Entity> found = store.FindEntities(q);
  // Prefer organizations, then the most mentioned (most sources).
  if (found.empty()) return Status::NotFound("no entity matches '" + std::string(q) + "' (try `dealgraph entities`)");
  return found.front();
}

Result<std::string> ActionToType(std::string_view action) {
  std::string a = ToLower(Trim(action));
  if (a.empty()) return std::string();
  for (std::string_view t : {"entered", "renewed", "extended", "amended", "terminated"}) {
    if (a == t) return "agreement." + a;
  }
  if (a.rfind("agreement.", 0) == 0) return a;
  return Status::InvalidArgument("unknown action '" + a + "' (one of entered, renewed, extended, amended, terminated)");
}

std::vector<AgreementStory> AgreementsOf(const Store& store, std::string_view party_id, std::string_view type) {
  std::vector<AgreementStory> out;
  std::set<std::string> ids;
  std::vector<std::string> order;
  std::vector<Event> events =
      type.empty() ? store.EventsOf(party_id, DateRange{}) : store.EventsOfPartyAndType(party_id, type);
  for (const Event& ev : events) {
    if (ev.agreement_id.empty()) continue;
    if (!type.empty() && ev.type != type) continue;
    if (ids.insert(ev.agreement_id).second) order.push_back(ev.agreement_id);
  }
  for (const std::string& id : order) {
    Result<Entity> ag = store.GetEntity(id);
    if (!ag.ok()) continue;
    AgreementStory story{std::move(ag).value(), store.EventsOfAgreement(id)};
    out.push_back(std::move(story));
  }
  return out;
}

GraphSlice SliceFor(const Store& store, std::vector<Event> events) {
  GraphSlice slice;
  std::set<std::string> ids;
  for (const Event& ev : events) {
    for (const Party& p : ev.parties) ids.insert(p.entity_id);
    if (!ev.agreement_id.empty()) ids.insert(ev.agreement_id);
  }
  for (const std::string& id : ids) {
    Result<Entity> e = store.GetEntity(id);
    if (e.ok()) slice.entities.push_back(std::move(e).value());
  }
  std::set<std::string> rel_seen;
  for (const std::string& id : ids) {
    for (Relation& r : store.RelationsOf(id)) {
      if (!ids.count(r.from) || !ids.count(r.to)) continue;
      if (!rel_seen.insert(r.from + "\x1f" + r.type + "\x1f" + r.to).second) continue;
      slice.relations.push_back(std::move(r));
    }
  }
  slice.events = std::move(events);
  return slice;
}

std::string DisplayName(const Store& store, std::string_view id) {
  Result<Entity> e = store.GetEntity(id);
  return e.ok() ? e->name : std::string(id);
}

}  // namespace dealgraph
