#include "graph/store.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "graph/resolve.h"
#include "graph/rocks_store.h"

// FoldName, which the alias index keys on, lives in common/names.cpp: the
// extractor folds names the same way.

namespace dealgraph {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  Result<std::unique_ptr<RocksStore>> store = RocksStore::Open(path, options);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

Status Store::RemoveFilings(const std::vector<std::string>& filing_ids) {
  for (const std::string& id : filing_ids) RETURN_IF_ERROR(RemoveFiling(id));
  return Status::Ok();
}

std::vector<Result<AddStats>> Store::AddFilings(std::vector<FilingExtract>& extracts, bool replace) {
  std::vector<Result<AddStats>> out;
  out.reserve(extracts.size());
  for (FilingExtract& x : extracts) {
    Result<std::map<std::string, std::string>> resolved = ResolveIdentities(*this, &x);
    if (!resolved.ok()) {
      out.push_back(resolved.status().WithContext("while adding filing " + x.filing.id));
      continue;
    }
    out.push_back(AddFiling(x, replace));
  }
  return out;
}

Result<std::vector<FilingInfo>> Store::FilingsOf(std::string_view registrant_id) const {
  ASSIGN_OR_RETURN(std::vector<FilingInfo> all, ListFilings());
  std::vector<FilingInfo> out;
  for (FilingInfo& f : all) {
    if (!registrant_id.empty() && f.registrant == registrant_id) out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const FilingInfo& a, const FilingInfo& b) {
    return std::make_tuple(a.filed.empty(), std::cref(a.filed), std::cref(a.id)) <
           std::make_tuple(b.filed.empty(), std::cref(b.filed), std::cref(b.id));
  });
  return out;
}

Result<std::vector<SharedEvent>> Store::SharedEventsOf(std::string_view entity_id) const {
  ASSIGN_OR_RETURN(std::vector<Event> events, EventsOf(entity_id, DateRange{}));
  std::vector<SharedEvent> out;
  for (const Event& ev : events) {
    std::set<std::string> partners;
    for (const Party& p : ev.parties) {
      if (p.entity_id != entity_id) partners.insert(p.entity_id);
    }
    for (const std::string& p : partners) {
      out.push_back({p, ev.date, ev.id, ev.agreement_id, ev.amount, ev.type,
                     ServesAsAgent(ev, p) || ServesAsAgent(ev, entity_id)});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const SharedEvent& a, const SharedEvent& b) {
    return std::make_tuple(std::cref(a.partner), a.date.empty(), std::cref(a.date), std::cref(a.event_id)) <
           std::make_tuple(std::cref(b.partner), b.date.empty(), std::cref(b.date), std::cref(b.event_id));
  });
  return out;
}

Result<std::vector<std::string>> Store::AgreementsOfPartyAndType(std::string_view entity_id,
                                                                 std::string_view type) const {
  ASSIGN_OR_RETURN(std::vector<Event> events, EventsOfPartyAndType(entity_id, type));
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Event& ev : events) {
    if (!ev.agreement_id.empty() && seen.insert(ev.agreement_id).second) out.push_back(ev.agreement_id);
  }
  return out;
}

Status Store::ForEachEntity(std::optional<EntityType> type, const std::function<bool(Entity&)>& fn) const {
  ASSIGN_OR_RETURN(std::vector<Entity> all, ListEntities(type));
  for (Entity& e : all) {
    if (!fn(e)) break;
  }
  return Status::Ok();
}

Result<std::vector<std::vector<Event>>> Store::EventsOfAgreements(const std::vector<std::string>& ids) const {
  std::vector<std::vector<Event>> out;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::vector<Event> events, EventsOfAgreement(id));
    out.push_back(std::move(events));
  }
  return out;
}

Result<std::vector<std::optional<Entity>>> Store::GetEntityHeaders(const std::vector<std::string>& ids) const {
  std::vector<std::optional<Entity>> out;
  for (const std::string& id : ids) {
    Result<Entity> e = GetEntityHeader(id);
    if (e.ok()) {
      out.push_back(std::move(e).value());
    } else if (e.status().code() == StatusCode::kNotFound) {
      out.push_back(std::nullopt);
    } else {
      return e.status();
    }
  }
  return out;
}

Result<CheckReport> Store::Check() const { return Status::Unsupported("this store cannot be checked"); }

Status Store::Compact() { return Status::Unsupported("this store cannot be compacted"); }

Result<RepairReport> Store::RepairWith(const RepairOptions&) {
  return Status::Unsupported("this store cannot be repaired");
}

Result<BackupInfo> Store::Backup(const std::string&) {
  return Status::Unsupported("this store cannot be backed up");
}

std::string Store::LostFiles(const std::string& path) { return RocksStore::LostFiles(path); }

Result<std::string> Store::Salvage(const std::string& path) { return RocksStore::Salvage(path); }

Result<BackupInfo> Store::Restore(const std::string& backup_dir, const std::string& path,
                                  const RestoreOptions& options) {
  return RocksStore::Restore(backup_dir, path, options);
}

namespace {

// Compares two ISO dates at the precision of the less precise one, so that
// "2005" neither precedes nor follows "2005-05-03".
int CompareAtPrecision(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  return a.substr(0, n).compare(b.substr(0, n));
}

}  // namespace

bool DateRange::Contains(std::string_view iso_date) const {
  if (iso_date.empty()) return unbounded();
  if (!from.empty() && CompareAtPrecision(iso_date, from) < 0) return false;
  if (!to.empty() && CompareAtPrecision(iso_date, to) > 0) return false;
  return true;
}

}  // namespace dealgraph
