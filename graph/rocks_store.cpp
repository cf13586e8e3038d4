#include "graph/rocks_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace dealgraph {
namespace {

constexpr size_t kBlockCacheBytes = 64u << 20;
constexpr size_t kWriteBufferBytes = 64u << 20;

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(std::move(msg));
  if (s.IsCorruption()) return Status::Corruption(std::move(msg));
  if (s.IsInvalidArgument()) return Status::InvalidArgument(std::move(msg));
  if (s.IsNotSupported()) return Status::Unsupported(std::move(msg));
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Busy(std::move(msg));
  return Status::IoError(std::move(msg));
}

// RocksDB reports a held LOCK file as an IOError, worded differently for
// another process ("While lock file: .../LOCK: Resource temporarily
// unavailable") and for this process ("lock hold by current process").
bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  std::string text = s.ToString();
  return text.find("lock file") != std::string::npos ||
         text.find("lock hold by current process") != std::string::npos ||
         text.find("/LOCK:") != std::string::npos;
}

// LZ4 when this RocksDB was built with it (Debian's is), else Snappy, else
// none: the store stays readable by any build since RocksDB records the
// compression per block.
rocksdb::CompressionType PickCompression() {
  std::vector<rocksdb::CompressionType> have = rocksdb::GetSupportedCompressions();
  for (rocksdb::CompressionType want : {rocksdb::kLZ4Compression, rocksdb::kSnappyCompression}) {
    if (std::find(have.begin(), have.end(), want) != have.end()) return want;
  }
  return rocksdb::kNoCompression;
}

// The smallest string greater than every string that starts with `prefix`;
// "" when there is none (prefix all 0xff).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

// Calls fn(key) for every key starting with `prefix`, from `start` (>=
// prefix) and below `upper` ("" = end of prefix). fn returns false to stop.
template <typename Fn>
void ScanPrefix(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, const std::string& prefix,
                const std::string& start, const std::string& upper, Fn fn) {
  std::string end = upper.empty() ? PrefixEnd(prefix) : upper;
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  if (!end.empty()) ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    if (!fn(key)) break;
  }
}

// ---- Merge rules (docs/storage.md, "Merging") ------------------------------

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

void FillEmpty(std::string* field, const std::string& value) {
  if (field->empty()) *field = value;
}

bool HasSourceFrom(const std::vector<Source>& sources, const std::string& filing_id) {
  return std::any_of(sources.begin(), sources.end(),
                     [&](const Source& s) { return s.filing == filing_id; });
}

// The one Source a filing contributes to a fact: the first the extractor
// gave (preferring one that names this filing), labelled with this filing.
Source SourceFor(const std::vector<Source>& given, const FilingInfo& filing) {
  Source s;
  if (!given.empty()) s = given.front();
  for (const Source& g : given) {
    if (g.filing == filing.id) {
      s = g;
      break;
    }
  }
  s.filing = filing.id;
  if (s.filed.empty()) s.filed = filing.filed;
  return s;
}

// Dates are compatible when equal (both "" included) or when one refines
// the other at an ISO boundary: "2005" ~ "2005-04" ~ "2005-04-12".
bool DatesCompatible(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  std::string_view shorter = a.size() < b.size() ? a : b;
  std::string_view longer = a.size() < b.size() ? b : a;
  return longer.starts_with(shorter) && longer[shorter.size()] == '-';
}

bool AgreementsCompatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

std::vector<std::string> PartySet(const Event& e) {
  std::vector<std::string> ids;
  for (const Party& p : e.parties) ids.push_back(p.entity_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool SameIdentity(const Event& a, const Event& b) {
  return a.type == b.type && PartySet(a) == PartySet(b);
}

Entity NewEntity(const Entity& in, const FilingInfo& filing) {
  Entity e = in;
  e.aliases.clear();
  for (const std::string& a : in.aliases) {
    if (a != e.name) AddUnique(&e.aliases, a);
  }
  e.parties.clear();
  for (const std::string& p : in.parties) AddUnique(&e.parties, p);
  e.sources = {SourceFor(in.sources, filing)};
  return e;
}

void MergeEntity(Entity* e, const Entity& in, const FilingInfo& filing) {
  FillEmpty(&e->name, in.name);
  if (in.name != e->name) AddUnique(&e->aliases, in.name);
  for (const std::string& a : in.aliases) {
    if (a != e->name) AddUnique(&e->aliases, a);
  }
  FillEmpty(&e->cik, in.cik);
  FillEmpty(&e->title, in.title);
  FillEmpty(&e->dated, in.dated);
  FillEmpty(&e->term, in.term);
  // The later expiry wins: renewals and extensions push it forward. ISO
  // strings compare as dates; at an equal prefix the more precise wins.
  if (in.expires > e->expires) e->expires = in.expires;
  for (const std::string& p : in.parties) AddUnique(&e->parties, p);
  if (!HasSourceFrom(e->sources, filing.id)) e->sources.push_back(SourceFor(in.sources, filing));
}

Event NewEvent(const Event& in, const FilingInfo& filing) {
  Event e = in;
  e.sources = {SourceFor(in.sources, filing)};
  return e;
}

void MergeEvent(Event* e, const Event& in, const FilingInfo& filing) {
  if (in.date.size() > e->date.size() && DatesCompatible(in.date, e->date)) e->date = in.date;
  FillEmpty(&e->agreement_id, in.agreement_id);
  if (!e->amount && in.amount) e->amount = in.amount;
  FillEmpty(&e->summary, in.summary);
  for (Party& p : e->parties) {
    if (!p.role.empty()) continue;
    for (const Party& q : in.parties) {
      if (q.entity_id == p.entity_id && !q.role.empty()) {
        p.role = q.role;
        break;
      }
    }
  }
  if (!HasSourceFrom(e->sources, filing.id)) e->sources.push_back(SourceFor(in.sources, filing));
}

Relation NewRelation(const Relation& in, const FilingInfo& filing) {
  Relation r = in;
  r.sources = {SourceFor(in.sources, filing)};
  return r;
}

void MergeRelation(Relation* r, const Relation& in, const FilingInfo& filing) {
  FillEmpty(&r->role, in.role);
  if (!HasSourceFrom(r->sources, filing.id)) r->sources.push_back(SourceFor(in.sources, filing));
}

uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string HashedEventId(std::string_view seed) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Fnv1a64(seed)));
  return "ev:" + std::string(buf);
}

// The extract's event `index` with an id: the extractor's, or one derived
// from the filing and position when it gave none.
Event WithId(const Event& in, const std::string& filing_id, size_t index) {
  Event e = in;
  if (e.id.empty()) e.id = HashedEventId(filing_id + '\0' + std::to_string(index));
  return e;
}

// ---- Index entries derived from records ------------------------------------

std::string IdentityPrefix(const Event& e) {
  std::vector<std::string> ids = PartySet(e);
  std::string key = keys::Make(keys::kIdentity, {e.type, std::to_string(ids.size())});
  for (const std::string& id : ids) keys::Append(&key, id);
  return key;
}

std::vector<std::string> EventIndexKeys(const Event& e) {
  std::string date = keys::DateKey(e.date);
  std::vector<std::string> ids = PartySet(e);
  std::vector<std::string> out;
  out.push_back(keys::Make(keys::kDate, {date, e.id}));
  out.push_back(keys::Make(keys::kType, {e.type, date, e.id}));
  for (const std::string& a : ids) {
    out.push_back(keys::Make(keys::kParty, {a, date, e.id}));
    out.push_back(keys::Make(keys::kPartyType, {a, e.type, date, e.id}));
    for (const std::string& b : ids) {
      if (a != b) out.push_back(keys::Make(keys::kPair, {a, b, date, e.id}));
    }
  }
  if (!e.agreement_id.empty()) out.push_back(keys::Make(keys::kAgreement, {e.agreement_id, date, e.id}));
  std::string identity = IdentityPrefix(e);
  keys::Append(&identity, e.id);
  out.push_back(std::move(identity));
  return out;
}

std::vector<std::string> EntityIndexKeys(const Entity& e) {
  std::vector<std::string> out;
  out.push_back(keys::Make(keys::kEntityType, {EntityTypeName(e.type), e.id}));
  std::set<std::string> folds;
  folds.insert(FoldName(e.name));
  for (const std::string& a : e.aliases) folds.insert(FoldName(a));
  for (const std::string& f : folds) {
    if (!f.empty()) out.push_back(keys::Make(keys::kAlias, {f, e.id}));
  }
  return out;
}

std::vector<std::string> RelationIndexKeys(const Relation& r) {
  return {keys::Make(keys::kRelationTo, {r.to, r.type, r.from})};
}

std::vector<std::string> NoIndexKeys(const FilingExtract&) { return {}; }
std::vector<std::string> NoTouchIndexKeys(const FilingTouch&) { return {}; }

Status ValidateExtract(const FilingExtract& x) {
  if (x.filing.id.empty()) return Status::InvalidArgument("filing has no id");
  for (size_t i = 0; i < x.entities.size(); ++i) {
    if (x.entities[i].id.empty()) {
      return Status::InvalidArgument("entity #" + std::to_string(i) + " of filing " + x.filing.id +
                                     " has no id");
    }
  }
  for (size_t i = 0; i < x.relations.size(); ++i) {
    const Relation& r = x.relations[i];
    if (r.from.empty() || r.to.empty() || r.type.empty()) {
      return Status::InvalidArgument("relation #" + std::to_string(i) + " of filing " + x.filing.id +
                                     " lacks a type or an end");
    }
  }
  return Status::Ok();
}

}  // namespace

// ---- Batch: staged changes of one write ------------------------------------

// Reads go to the staged state first, then to the database, so that one
// write can see its own changes (a replace removes, then adds; events of one
// extract merge with each other). Nothing touches the database until
// Commit, which writes the difference as one WriteBatch.
class RocksStore::Batch {
 public:
  explicit Batch(RocksStore* store) : store_(store) {}

  Result<bool> FilingPresent(const std::string& filing_id);
  // Stages the removal of a stored filing (NotFound when absent).
  Status Remove(const std::string& filing_id);
  // Stages the addition of an extract whose filing id is not stored.
  Status Add(const FilingExtract& x, AddStats* stats);
  // Writes everything staged as one WriteBatch.
  Status Commit();

 private:
  // A record as stored before this write (orig) and as it will be after
  // (cur); nullopt = absent.
  template <typename T>
  struct Staged {
    std::optional<T> orig;
    std::optional<T> cur;
  };

  template <typename T, typename Encode, typename IndexKeys>
  static rocksdb::Status ApplyStaged(rocksdb::WriteBatch* wb, const std::string& key, const Staged<T>& st,
                                     Encode encode, IndexKeys index_keys, int64_t* counter);

  template <typename T>
  Result<Staged<T>*> Load(std::map<std::string, Staged<T>>* staged, const std::string& key,
                          Result<T> (*decode)(std::string_view), std::string_view what) {
    auto it = staged->find(key);
    if (it != staged->end()) return &it->second;
    Staged<T> st;
    std::string value;
    rocksdb::Status s = store_->db_->Get(rocksdb::ReadOptions(), key, &value);
    if (s.ok()) {
      Result<T> decoded = decode(value);
      if (!decoded.ok()) return decoded.status().WithContext(std::string("while reading ") + std::string(what));
      st.orig = std::move(decoded).value();
      st.cur = st.orig;
    } else if (!s.IsNotFound()) {
      return FromRocks(s, std::string("while reading ") + std::string(what));
    }
    return &staged->emplace(key, std::move(st)).first->second;
  }

  Result<Staged<FilingExtract>*> FilingAt(const std::string& id) {
    return Load(&filings_, keys::FilingKey(id), &DecodeFilingExtract, "filing " + id);
  }
  Result<Staged<FilingTouch>*> TouchAt(const std::string& id) {
    return Load(&touches_, keys::FilingTouchKey(id), &DecodeFilingTouch, "filing touch " + id);
  }
  Result<Staged<Entity>*> EntityAt(const std::string& id) {
    return Load(&entities_, keys::EntityKey(id), &DecodeEntity, "entity " + id);
  }
  Result<Staged<Event>*> EventAt(const std::string& id) {
    return Load(&events_, keys::EventKey(id), &DecodeEvent, "event " + id);
  }
  Result<Staged<Relation>*> RelationAt(const std::string& from, const std::string& type,
                                       const std::string& to) {
    return Load(&relations_, keys::RelationKey(from, type, to), &DecodeRelation,
                "relation " + from + " " + type + " " + to);
  }

  // The touch record of a stored filing, checked against its extract.
  Result<FilingTouch*> CheckedTouch(const std::string& filing_id, const FilingExtract& x) {
    ASSIGN_OR_RETURN(Staged<FilingTouch>* st, TouchAt(filing_id));
    if (!st->cur || st->cur->event_ids.size() != x.events.size()) {
      return Status::Corruption("the touch record of filing " + filing_id +
                                " is missing or does not match its extract");
    }
    return &*st->cur;
  }

  Result<std::vector<std::string>> IdentityMatches(const Event& in);
  Result<std::optional<std::string>> ChooseMatch(const Event& in);
  Result<std::string> FreeEventId(const Event& in, const std::string& filing_id, size_t index);
  Status RecomputeEvent(const std::string& id);
  Status RecomputeEntity(const std::string& id);
  Status RecomputeRelation(const std::string& from, const std::string& type, const std::string& to);

  RocksStore* store_;
  std::map<std::string, Staged<FilingExtract>> filings_;
  std::map<std::string, Staged<FilingTouch>> touches_;
  std::map<std::string, Staged<Entity>> entities_;
  std::map<std::string, Staged<Event>> events_;
  std::map<std::string, Staged<Relation>> relations_;
};

Result<bool> RocksStore::Batch::FilingPresent(const std::string& filing_id) {
  ASSIGN_OR_RETURN(Staged<FilingExtract>* st, FilingAt(filing_id));
  return st->cur.has_value();
}

Result<std::vector<std::string>> RocksStore::Batch::IdentityMatches(const Event& in) {
  std::set<std::string> ids;
  std::string prefix = IdentityPrefix(in);
  std::vector<std::string> parts;
  ScanPrefix(store_->db_.get(), nullptr, prefix, prefix, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && !parts.empty()) ids.insert(parts.back());
    return true;
  });
  for (const auto& [key, st] : events_) {
    if (st.cur && SameIdentity(*st.cur, in)) ids.insert(st.cur->id);
  }
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
    if (st->cur && SameIdentity(*st->cur, in)) out.push_back(id);
  }
  return out;
}

// Picks the stored (or staged) event `in` is another telling of, or nullopt
// for a new event. Candidates share type and party set and have compatible
// dates and agreements. Prefer the exact date, then the same agreement; if
// several candidates remain and more than one is more precise than `in`,
// the telling is ambiguous ("2005" vs stored "2005-04" and "2005-12") and
// is stored as a new event; otherwise the most precise, then lowest id, wins.
Result<std::optional<std::string>> RocksStore::Batch::ChooseMatch(const Event& in) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, IdentityMatches(in));
  std::vector<const Event*> cands;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
    const Event& e = *st->cur;
    if (DatesCompatible(in.date, e.date) && AgreementsCompatible(in.agreement_id, e.agreement_id)) {
      cands.push_back(&e);
    }
  }
  if (cands.empty()) return std::optional<std::string>();
  auto narrow = [&cands](auto pred) {
    std::vector<const Event*> kept;
    for (const Event* e : cands) {
      if (pred(*e)) kept.push_back(e);
    }
    if (!kept.empty()) cands = std::move(kept);
  };
  narrow([&](const Event& e) { return e.date == in.date; });
  if (!in.agreement_id.empty()) narrow([&](const Event& e) { return e.agreement_id == in.agreement_id; });
  if (cands.size() > 1) {
    size_t more_precise = std::count_if(cands.begin(), cands.end(), [&](const Event* e) {
      return e->date.size() > in.date.size();
    });
    if (more_precise > 1) return std::optional<std::string>();
  }
  const Event* best = cands.front();  // ids ascend, so ties keep the lowest id
  for (const Event* e : cands) {
    if (e->date.size() > best->date.size()) best = e;
  }
  return std::optional<std::string>(best->id);
}

// The extractor's id when no event holds it, else a deterministic
// derivative (so a colliding id never overwrites another event).
Result<std::string> RocksStore::Batch::FreeEventId(const Event& in, const std::string& filing_id,
                                                   size_t index) {
  std::string id = in.id;
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
    if (!st->cur) return id;
    id = HashedEventId(in.id + '\0' + filing_id + '\0' + std::to_string(index) + '\0' +
                       std::to_string(attempt));
  }
}

Status RocksStore::Batch::Add(const FilingExtract& x, AddStats* stats) {
  const FilingInfo& info = x.filing;
  ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(info.id));
  fx->cur = x;

  std::set<std::string> new_entities;
  for (const Entity& in : x.entities) {
    ASSIGN_OR_RETURN(Staged<Entity>* st, EntityAt(in.id));
    if (!st->cur) {
      st->cur = NewEntity(in, info);
      new_entities.insert(in.id);
    } else {
      MergeEntity(&*st->cur, in, info);
    }
  }
  stats->entities_added = static_cast<int>(new_entities.size());

  FilingTouch touch;
  std::set<std::string> new_events;
  for (size_t i = 0; i < x.events.size(); ++i) {
    Event in = WithId(x.events[i], info.id, i);
    ASSIGN_OR_RETURN(std::optional<std::string> match, ChooseMatch(in));
    if (match) {
      ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(*match));
      MergeEvent(&*st->cur, in, info);
      touch.event_ids.push_back(*match);
      if (!new_events.count(*match)) ++stats->events_merged;
    } else {
      ASSIGN_OR_RETURN(std::string id, FreeEventId(in, info.id, i));
      ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
      st->cur = NewEvent(in, info);
      st->cur->id = id;
      touch.event_ids.push_back(id);
      new_events.insert(id);
      ++stats->events_added;
    }
  }

  for (const Relation& in : x.relations) {
    ASSIGN_OR_RETURN(Staged<Relation>* st, RelationAt(in.from, in.type, in.to));
    if (!st->cur) {
      st->cur = NewRelation(in, info);
      ++stats->relations_added;
    } else {
      MergeRelation(&*st->cur, in, info);
    }
  }

  ASSIGN_OR_RETURN(Staged<FilingTouch>* tt, TouchAt(info.id));
  tt->cur = std::move(touch);
  return Status::Ok();
}

Status RocksStore::Batch::Remove(const std::string& filing_id) {
  ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(filing_id));
  if (!fx->cur) return Status::NotFound("filing " + filing_id + " is not stored");
  FilingExtract x = std::move(*fx->cur);
  ASSIGN_OR_RETURN(FilingTouch* touch_ptr, CheckedTouch(filing_id, x));
  FilingTouch touch = std::move(*touch_ptr);
  // Gone first, so the recomputations below no longer see this filing.
  fx->cur.reset();
  ASSIGN_OR_RETURN(Staged<FilingTouch>* tt, TouchAt(filing_id));
  tt->cur.reset();

  std::set<std::string> done;
  for (const std::string& id : touch.event_ids) {
    if (done.insert(id).second) RETURN_IF_ERROR(RecomputeEvent(id));
  }
  done.clear();
  for (const Entity& e : x.entities) {
    if (done.insert(e.id).second) RETURN_IF_ERROR(RecomputeEntity(e.id));
  }
  std::set<std::tuple<std::string, std::string, std::string>> done_relations;
  for (const Relation& r : x.relations) {
    if (done_relations.emplace(r.from, r.type, r.to).second) {
      RETURN_IF_ERROR(RecomputeRelation(r.from, r.type, r.to));
    }
  }
  return Status::Ok();
}

// Rebuilds an event from the tellings of the filings still stored, folding
// them in the order they were added (the order of its sources) with the
// same rules AddFiling used. So removing a filing leaves the event as if
// that filing had never been added: its source, and any date, amount or
// summary only it supplied, are gone. When the first telling is gone the
// event takes the id of the first remaining one, as it would have had.
Status RocksStore::Batch::RecomputeEvent(const std::string& id) {
  ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
  if (!st->cur) return Status::Ok();
  std::vector<std::string> filing_ids;
  for (const Source& s : st->cur->sources) AddUnique(&filing_ids, s.filing);

  std::optional<Event> rebuilt;
  std::string first_id;
  std::vector<std::string> contributors;
  for (const std::string& fid : filing_ids) {
    ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(fid));
    if (!fx->cur) continue;
    ASSIGN_OR_RETURN(FilingTouch* touch, CheckedTouch(fid, *fx->cur));
    for (size_t i = 0; i < touch->event_ids.size(); ++i) {
      if (touch->event_ids[i] != id) continue;
      Event in = WithId(fx->cur->events[i], fid, i);
      if (!rebuilt) {
        rebuilt = NewEvent(in, fx->cur->filing);
        first_id = in.id;
      } else {
        MergeEvent(&*rebuilt, in, fx->cur->filing);
      }
      AddUnique(&contributors, fid);
    }
  }
  if (!rebuilt) {
    st->cur.reset();
    return Status::Ok();
  }
  rebuilt->id = id;
  if (first_id != id) {
    ASSIGN_OR_RETURN(Staged<Event>* other, EventAt(first_id));
    if (!other->cur) {
      rebuilt->id = first_id;
      other->cur = std::move(rebuilt);
      st->cur.reset();
      for (const std::string& fid : contributors) {
        ASSIGN_OR_RETURN(Staged<FilingTouch>* tt, TouchAt(fid));
        for (std::string& e : tt->cur->event_ids) {
          if (e == id) e = first_id;
        }
      }
      return Status::Ok();
    }
  }
  st->cur = std::move(rebuilt);
  return Status::Ok();
}

Status RocksStore::Batch::RecomputeEntity(const std::string& id) {
  ASSIGN_OR_RETURN(Staged<Entity>* st, EntityAt(id));
  if (!st->cur) return Status::Ok();
  std::vector<std::string> filing_ids;
  for (const Source& s : st->cur->sources) AddUnique(&filing_ids, s.filing);
  std::optional<Entity> rebuilt;
  for (const std::string& fid : filing_ids) {
    ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(fid));
    if (!fx->cur) continue;
    for (const Entity& in : fx->cur->entities) {
      if (in.id != id) continue;
      if (!rebuilt) {
        rebuilt = NewEntity(in, fx->cur->filing);
      } else {
        MergeEntity(&*rebuilt, in, fx->cur->filing);
      }
    }
  }
  st->cur = std::move(rebuilt);
  return Status::Ok();
}

Status RocksStore::Batch::RecomputeRelation(const std::string& from, const std::string& type,
                                            const std::string& to) {
  ASSIGN_OR_RETURN(Staged<Relation>* st, RelationAt(from, type, to));
  if (!st->cur) return Status::Ok();
  std::vector<std::string> filing_ids;
  for (const Source& s : st->cur->sources) AddUnique(&filing_ids, s.filing);
  std::optional<Relation> rebuilt;
  for (const std::string& fid : filing_ids) {
    ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(fid));
    if (!fx->cur) continue;
    for (const Relation& in : fx->cur->relations) {
      if (in.from != from || in.type != type || in.to != to) continue;
      if (!rebuilt) {
        rebuilt = NewRelation(in, fx->cur->filing);
      } else {
        MergeRelation(&*rebuilt, in, fx->cur->filing);
      }
    }
  }
  st->cur = std::move(rebuilt);
  return Status::Ok();
}

// Writes the difference between st.orig and st.cur: the record, the index
// entries derived from it, and the counter.
template <typename T, typename Encode, typename IndexKeys>
rocksdb::Status RocksStore::Batch::ApplyStaged(rocksdb::WriteBatch* wb, const std::string& key,
                                               const Staged<T>& st, Encode encode, IndexKeys index_keys,
                                               int64_t* counter) {
  std::string old_value = st.orig ? encode(*st.orig) : std::string();
  std::string new_value = st.cur ? encode(*st.cur) : std::string();
  if (st.orig.has_value() == st.cur.has_value() && old_value == new_value) return rocksdb::Status::OK();
  std::vector<std::string> old_keys, new_keys;
  if (st.orig) old_keys = index_keys(*st.orig);
  if (st.cur) new_keys = index_keys(*st.cur);
  std::sort(old_keys.begin(), old_keys.end());
  old_keys.erase(std::unique(old_keys.begin(), old_keys.end()), old_keys.end());
  std::sort(new_keys.begin(), new_keys.end());
  new_keys.erase(std::unique(new_keys.begin(), new_keys.end()), new_keys.end());
  std::vector<std::string> gone, added;
  std::set_difference(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(),
                      std::back_inserter(gone));
  std::set_difference(new_keys.begin(), new_keys.end(), old_keys.begin(), old_keys.end(),
                      std::back_inserter(added));
  rocksdb::Status s;
  for (const std::string& k : gone) {
    if (s.ok()) s = wb->Delete(k);
  }
  for (const std::string& k : added) {
    if (s.ok()) s = wb->Put(k, rocksdb::Slice());
  }
  if (s.ok()) s = st.cur ? wb->Put(key, new_value) : wb->Delete(key);
  if (counter) *counter += (st.cur ? 1 : 0) - (st.orig ? 1 : 0);
  return s;
}

Status RocksStore::Batch::Commit() {
  rocksdb::WriteBatch wb;
  CountsRecord counts;
  {
    std::lock_guard<std::mutex> lock(store_->counts_mu_);
    counts = store_->counts_;
  }
  rocksdb::Status s;
  for (const auto& [key, st] : filings_) {
    if (s.ok()) s = ApplyStaged(&wb, key, st, EncodeFilingExtract, NoIndexKeys, &counts.filings);
  }
  for (const auto& [key, st] : touches_) {
    if (s.ok()) s = ApplyStaged(&wb, key, st, EncodeFilingTouch, NoTouchIndexKeys, nullptr);
  }
  for (const auto& [key, st] : entities_) {
    if (s.ok()) s = ApplyStaged(&wb, key, st, EncodeEntity, EntityIndexKeys, &counts.entities);
  }
  for (const auto& [key, st] : events_) {
    if (s.ok()) s = ApplyStaged(&wb, key, st, EncodeEvent, EventIndexKeys, &counts.events);
  }
  for (const auto& [key, st] : relations_) {
    if (s.ok()) s = ApplyStaged(&wb, key, st, EncodeRelation, RelationIndexKeys, &counts.relations);
  }
  if (s.ok()) s = wb.Put(std::string(keys::kCountsKey), EncodeCounts(counts));
  if (!s.ok()) return FromRocks(s, "while preparing the write");

  // sync=false: the WAL is on, so a process crash loses nothing; a machine
  // crash may lose the last writes, never half of one.
  rocksdb::WriteOptions wo;
  wo.sync = false;
  wo.disableWAL = false;
  s = store_->db_->Write(wo, &wb);
  if (!s.ok()) return FromRocks(s, "while writing store " + store_->path_);
  std::lock_guard<std::mutex> lock(store_->counts_mu_);
  store_->counts_ = counts;
  return Status::Ok();
}

// ---- RocksStore ------------------------------------------------------------

RocksStore::RocksStore(std::unique_ptr<rocksdb::DB> db, std::string path, bool read_only,
                       int version, CountsRecord counts)
    : db_(std::move(db)),
      path_(std::move(path)),
      read_only_(read_only),
      version_(version),
      counts_(counts) {}

RocksStore::~RocksStore() {
  if (db_) db_->Close().PermitUncheckedError();
}

Result<std::unique_ptr<RocksStore>> RocksStore::Open(const std::string& path,
                                                     const StoreOptions& options) {
  rocksdb::Options o;
  o.create_if_missing = !options.read_only && options.create_if_missing;
  o.compression = PickCompression();
  o.write_buffer_size = kWriteBufferBytes;
  o.max_write_buffer_number = 3;
  o.max_background_jobs = 2;
  o.keep_log_file_num = 3;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = options.read_only ? rocksdb::DB::OpenForReadOnly(o, path, &raw)
                                        : rocksdb::DB::Open(o, path, &raw);
  if (!s.ok()) {
    if (IsLockError(s)) return Status::Busy("store " + path + " is being written by another process");
    bool missing = (s.IsInvalidArgument() && s.ToString().find("does not exist") != std::string::npos) ||
                   (s.IsPathNotFound()) ||
                   (s.IsIOError() && s.ToString().find("No such file") != std::string::npos);
    if (missing) return Status::NotFound("no store at " + path + " (" + s.ToString() + ")");
    return FromRocks(s, "while opening store " + path);
  }
  std::unique_ptr<rocksdb::DB> db(raw);

  std::string value;
  s = db->Get(rocksdb::ReadOptions(), std::string(keys::kVersionKey), &value);
  int version = 0;
  CountsRecord counts;
  if (s.IsNotFound()) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    it->SeekToFirst();
    if (it->Valid()) {
      return Status::Corruption("store " + path + " is not a dealgraph store (it has no format version)");
    }
    version = kStoreFormatVersion;
    if (!options.read_only) {
      rocksdb::WriteBatch wb;
      rocksdb::Status ws = wb.Put(std::string(keys::kVersionKey), std::to_string(kStoreFormatVersion));
      if (ws.ok()) ws = wb.Put(std::string(keys::kCountsKey), EncodeCounts(counts));
      rocksdb::WriteOptions wo;
      wo.sync = true;
      if (ws.ok()) ws = db->Write(wo, &wb);
      if (!ws.ok()) return FromRocks(ws, "while initializing store " + path);
    }
  } else if (!s.ok()) {
    return FromRocks(s, "while reading the format version of store " + path);
  } else {
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (ec != std::errc() || end != value.data() + value.size() || version < 1) {
      return Status::Corruption("store " + path + " has an unreadable format version \"" + value + "\"");
    }
    if (version > kStoreFormatVersion) {
      return Status::Unsupported("store " + path + " has format version " + std::to_string(version) +
                                 ", newer than version " + std::to_string(kStoreFormatVersion) +
                                 " which this build of dealgraph reads; use a newer dealgraph");
    }
    s = db->Get(rocksdb::ReadOptions(), std::string(keys::kCountsKey), &value);
    if (!s.ok()) return FromRocks(s, "while reading the counts of store " + path);
    Result<CountsRecord> decoded = DecodeCounts(value);
    if (!decoded.ok()) return decoded.status().WithContext("store " + path);
    counts = *decoded;
  }
  return std::unique_ptr<RocksStore>(
      new RocksStore(std::move(db), path, options.read_only, version, counts));
}

Result<AddStats> RocksStore::AddFiling(const FilingExtract& extract, bool replace) {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  RETURN_IF_ERROR(ValidateExtract(extract));
  const std::string& id = extract.filing.id;
  AddStats stats;
  Batch batch(this);
  ASSIGN_OR_RETURN(bool present, batch.FilingPresent(id));
  if (present && !replace) {
    stats.already_present = true;
    return stats;
  }
  if (present) RETURN_IF_ERROR_CTX(batch.Remove(id), "while replacing filing " + id);
  RETURN_IF_ERROR_CTX(batch.Add(extract, &stats), "while adding filing " + id);
  RETURN_IF_ERROR_CTX(batch.Commit(), "while adding filing " + id);
  return stats;
}

Status RocksStore::RemoveFiling(std::string_view filing_id) {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  std::string id(filing_id);
  Batch batch(this);
  RETURN_IF_ERROR(batch.Remove(id));
  RETURN_IF_ERROR_CTX(batch.Commit(), "while removing filing " + id);
  return Status::Ok();
}

bool RocksStore::HasFiling(std::string_view filing_id) const {
  rocksdb::PinnableSlice value;  // no copy of the (possibly large) extract
  return db_->Get(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), keys::FilingKey(filing_id), &value)
      .ok();
}

Result<FilingInfo> RocksStore::GetFiling(std::string_view filing_id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::FilingKey(filing_id), &value);
  if (s.IsNotFound()) return Status::NotFound("filing " + std::string(filing_id) + " is not stored");
  if (!s.ok()) return FromRocks(s, "while reading filing " + std::string(filing_id));
  Result<FilingInfo> info = DecodeFilingInfoOfExtract(value);
  if (!info.ok()) return info.status().WithContext("filing " + std::string(filing_id));
  return info;
}

std::vector<FilingInfo> RocksStore::ListFilings() const {
  std::vector<FilingInfo> out;
  rocksdb::ManagedSnapshot snap(db_.get());
  std::string prefix = keys::Make(keys::kFiling, {});
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  std::string end = PrefixEnd(prefix);
  rocksdb::Slice end_slice(end);
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    Result<FilingInfo> info = DecodeFilingInfoOfExtract(std::string_view(it->value().data(), it->value().size()));
    if (info.ok()) out.push_back(std::move(info).value());
  }
  return out;
}

Result<Entity> RocksStore::GetEntity(std::string_view id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::EntityKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("entity " + std::string(id) + " is not stored");
  if (!s.ok()) return FromRocks(s, "while reading entity " + std::string(id));
  Result<Entity> e = DecodeEntity(value);
  if (!e.ok()) return e.status().WithContext("entity " + std::string(id));
  return e;
}

std::vector<Entity> RocksStore::ListEntities(std::optional<EntityType> type) const {
  std::vector<Entity> out;
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  if (!type) {
    std::string prefix = keys::Make(keys::kEntity, {});
    std::string end = PrefixEnd(prefix);
    rocksdb::Slice end_slice(end);
    ro.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      Result<Entity> e = DecodeEntity(std::string_view(it->value().data(), it->value().size()));
      if (e.ok()) out.push_back(std::move(e).value());
    }
    return out;
  }
  std::string prefix = keys::Make(keys::kEntityType, {EntityTypeName(*type)});
  std::vector<std::string> ids, parts;
  ScanPrefix(db_.get(), snap.snapshot(), prefix, prefix, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 2) ids.push_back(parts[1]);
    return true;
  });
  for (const std::string& id : ids) {
    std::string value;
    if (!db_->Get(ro, keys::EntityKey(id), &value).ok()) continue;
    Result<Entity> e = DecodeEntity(value);
    if (e.ok()) out.push_back(std::move(e).value());
  }
  return out;
}

std::vector<Entity> RocksStore::FindEntities(std::string_view name) const {
  std::string folded = FoldName(name);
  if (folded.empty()) return {};
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();

  // (rank, folded key, id): exact matches of the canonical name first, then
  // exact alias matches, then prefix matches with the shortest key first.
  struct Hit {
    int rank;
    size_t length;
    std::string fold;
    std::string id;
  };
  std::vector<Hit> hits;
  std::vector<std::string> parts;
  std::string exact = keys::Make(keys::kAlias, {folded});
  ScanPrefix(db_.get(), snap.snapshot(), exact, exact, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 2) hits.push_back({1, 0, parts[0], parts[1]});
    return true;
  });
  if (hits.empty()) {
    std::string prefix = keys::Make(keys::kAlias, {});
    keys::AppendPartial(&prefix, folded);
    ScanPrefix(db_.get(), snap.snapshot(), prefix, prefix, "", [&](std::string_view key) {
      char tag;
      if (keys::Split(key, &tag, &parts) && parts.size() == 2) {
        hits.push_back({2, parts[0].size(), parts[0], parts[1]});
      }
      return true;
    });
  }

  auto load = [&](const std::string& id) -> std::optional<Entity> {
    std::string value;
    if (!db_->Get(ro, keys::EntityKey(id), &value).ok()) return std::nullopt;
    Result<Entity> e = DecodeEntity(value);
    if (!e.ok()) return std::nullopt;
    return std::move(e).value();
  };
  // Exact hits are few: load them to rank canonical-name matches first.
  // Prefix hits are ranked by key alone and loaded only up to the limit.
  std::map<std::string, Entity> loaded;
  for (Hit& h : hits) {
    if (h.rank != 1) continue;
    std::optional<Entity> e = load(h.id);
    if (!e) continue;
    if (FoldName(e->name) == folded) h.rank = 0;
    loaded.emplace(h.id, std::move(*e));
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.rank, a.length, a.fold, a.id) < std::tie(b.rank, b.length, b.fold, b.id);
  });
  std::vector<Entity> out;
  std::set<std::string> seen;
  for (const Hit& h : hits) {
    if (!seen.insert(h.id).second) continue;
    auto it = loaded.find(h.id);
    if (it != loaded.end()) {
      out.push_back(it->second);
    } else if (h.rank == 2) {
      std::optional<Entity> e = load(h.id);
      if (e) out.push_back(std::move(*e));
    }
    if (out.size() >= kMaxPrefixMatches) break;
  }
  return out;
}

Result<Event> RocksStore::GetEvent(std::string_view id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::EventKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("event " + std::string(id) + " is not stored");
  if (!s.ok()) return FromRocks(s, "while reading event " + std::string(id));
  Result<Event> e = DecodeEvent(value);
  if (!e.ok()) return e.status().WithContext("event " + std::string(id));
  return e;
}

std::vector<std::string> RocksStore::ScanDatedIds(const rocksdb::Snapshot* snapshot,
                                                  const std::string& prefix,
                                                  const DateRange& range) const {
  // Seek to the year of `from`: a less precise date ("2005") sorts before
  // a more precise bound ("2005-06") yet overlaps it. Stop past every date
  // that starts with `to`. DateRange::Contains then decides exactly.
  std::string start = prefix;
  if (!range.from.empty()) keys::AppendPartial(&start, range.from.substr(0, std::min<size_t>(4, range.from.size())));
  std::string upper;
  if (!range.to.empty()) {
    upper = prefix;
    keys::AppendPartial(&upper, range.to);
    upper.push_back('\xff');
  }
  std::vector<std::string> ids, parts;
  ScanPrefix(db_.get(), snapshot, prefix, start, upper, [&](std::string_view key) {
    char tag;
    if (!keys::Split(key, &tag, &parts) || parts.size() < 2) return true;
    const std::string& date = parts[parts.size() - 2];
    if (range.Contains(date == "~" ? std::string_view() : std::string_view(date))) ids.push_back(parts.back());
    return true;
  });
  return ids;
}

std::vector<Event> RocksStore::LoadEvents(const rocksdb::Snapshot* snapshot,
                                          const std::vector<std::string>& ids) const {
  std::vector<Event> out;
  if (ids.empty()) return out;
  out.reserve(ids.size());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::vector<std::string> key_bytes;
  key_bytes.reserve(ids.size());
  for (const std::string& id : ids) key_bytes.push_back(keys::EventKey(id));
  std::vector<rocksdb::Slice> key_slices(key_bytes.begin(), key_bytes.end());
  std::vector<rocksdb::PinnableSlice> values(ids.size());
  std::vector<rocksdb::Status> statuses(ids.size());
  db_->MultiGet(ro, db_->DefaultColumnFamily(), ids.size(), key_slices.data(), values.data(),
                statuses.data());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!statuses[i].ok()) continue;
    Result<Event> e = DecodeEvent(std::string_view(values[i].data(), values[i].size()));
    if (e.ok()) out.push_back(std::move(e).value());
  }
  return out;
}

std::vector<Event> RocksStore::DatedQuery(const std::string& prefix, const DateRange& range) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  return LoadEvents(snap.snapshot(), ScanDatedIds(snap.snapshot(), prefix, range));
}

std::vector<Event> RocksStore::EventsOf(std::string_view entity_id, const DateRange& range) const {
  return DatedQuery(keys::Make(keys::kParty, {entity_id}), range);
}

std::vector<Event> RocksStore::EventsBetween(std::string_view a, std::string_view b,
                                             const DateRange& range) const {
  // Every event naming `a` names "both" when b == a; the pair index holds
  // distinct pairs only.
  if (a == b) return EventsOf(a, range);
  return DatedQuery(keys::Make(keys::kPair, {a, b}), range);
}

std::vector<Event> RocksStore::EventsOfPartyAndType(std::string_view entity_id,
                                                    std::string_view type) const {
  return DatedQuery(keys::Make(keys::kPartyType, {entity_id, type}), DateRange{});
}

std::vector<Event> RocksStore::EventsOfType(std::string_view type, const DateRange& range) const {
  return DatedQuery(keys::Make(keys::kType, {type}), range);
}

std::vector<Event> RocksStore::EventsOfAgreement(std::string_view agreement_id) const {
  return DatedQuery(keys::Make(keys::kAgreement, {agreement_id}), DateRange{});
}

std::vector<Event> RocksStore::AllEvents() const {
  return DatedQuery(keys::Make(keys::kDate, {}), DateRange{});
}

std::vector<Relation> RocksStore::RelationsOf(std::string_view entity_id) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  std::vector<Relation> out;
  std::string outgoing = keys::Make(keys::kRelation, {entity_id});
  {
    std::string end = PrefixEnd(outgoing);
    rocksdb::Slice end_slice(end);
    rocksdb::ReadOptions scan = ro;
    scan.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(scan));
    for (it->Seek(outgoing); it->Valid(); it->Next()) {
      Result<Relation> r = DecodeRelation(std::string_view(it->value().data(), it->value().size()));
      if (r.ok()) out.push_back(std::move(r).value());
    }
  }
  std::string incoming = keys::Make(keys::kRelationTo, {entity_id});
  std::vector<std::array<std::string, 3>> reverse;
  std::vector<std::string> parts;
  ScanPrefix(db_.get(), snap.snapshot(), incoming, incoming, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 3 && parts[2] != entity_id) {
      reverse.push_back({parts[2], parts[1], parts[0]});  // from, type, to
    }
    return true;
  });
  std::string value;
  for (const auto& [from, type, to] : reverse) {
    if (!db_->Get(ro, keys::RelationKey(from, type, to), &value).ok()) continue;
    Result<Relation> r = DecodeRelation(value);
    if (r.ok()) out.push_back(std::move(r).value());
  }
  return out;
}

std::vector<Relation> RocksStore::AllRelations() const {
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  std::string prefix = keys::Make(keys::kRelation, {});
  std::string end = PrefixEnd(prefix);
  rocksdb::Slice end_slice(end);
  ro.iterate_upper_bound = &end_slice;
  std::vector<Relation> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    Result<Relation> r = DecodeRelation(std::string_view(it->value().data(), it->value().size()));
    if (r.ok()) out.push_back(std::move(r).value());
  }
  return out;
}

StoreCounts RocksStore::Counts() const {
  std::lock_guard<std::mutex> lock(counts_mu_);
  return StoreCounts{counts_.filings, counts_.entities, counts_.events, counts_.relations};
}

}  // namespace dealgraph
