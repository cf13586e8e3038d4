#include "graph/check.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <chrono>
#include <charconv>
#include <cstdio>
#include <iterator>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.h"

namespace dealgraph {
namespace {

using keys::Printable;
using keys::PrintableKey;

std::vector<std::string> SourceFilings(const std::vector<Source>& sources) {
  std::vector<std::string> out;
  for (const Source& s : sources) {
    if (std::find(out.begin(), out.end(), s.filing) == out.end()) out.push_back(s.filing);
  }
  return out;
}

// What the reference checks need of each event, without its quotes.
struct EventRefs {
  std::string id;
  std::vector<std::string> parties;
  std::string agreement;
  std::vector<std::string> filings;  //!< of its sources
};

void AddProblem(CheckReport* report, std::string kind, std::string where, std::string detail, bool repairable) {
  if (report->problems.size() >= CheckReport::kMaxProblems) {
    ++report->problems_omitted;
    return;
  }
  report->problems.push_back({std::move(kind), std::move(where), std::move(detail), repairable});
}

// The index check compares 64-bit hashes, not keys: each expected entry
// (derived from the records) and each stored one is held as one hash of its
// key and, for covering entries, its value: 8 bytes instead of the key's
// string (~100 bytes with its allocation). A 9.1-million-key store (the
// 2 GiB generated corpus) took 2.7 GB of memory to check with strings. The
// hashes that differ are turned back into keys by a second scan, only when
// there are any; a key both expected and stored under different hashes has
// the wrong value. Two entries of one store sharing a 64-bit hash would
// hide a missing and a stale entry from each other: about 3 in a million
// for 10 million keys.
struct IndexDiff {
  std::vector<uint64_t> missing;  //!< expected, not stored (sorted)
  std::vector<uint64_t> stale;    //!< stored, not expected (sorted)
  bool empty() const { return missing.empty() && stale.empty(); }
};

uint64_t EntryHash(std::string_view key, uint64_t value_hash) {
  return Hash64(key) ^ (value_hash * 0x9e3779b97f4a7c15ull);
}

class Scanner {
 public:
  // `find`: when given, the scan collects the keys whose hashes the diff
  // names (the second pass) instead of hashing every index entry.
  explicit Scanner(int version, const IndexDiff* find = nullptr) : version_(version), find_(find) {
    scan_.report.format_version = version;
  }

  void Problem(std::string kind, std::string where, std::string detail, bool repairable) {
    AddProblem(&scan_.report, std::move(kind), std::move(where), std::move(detail), repairable);
  }

  const IndexDiff& index_diff() const { return diff_; }

  // The second pass's finds, sorted, into `scan`'s key lists: a key both
  // missing and stale is stored with the wrong value.
  void TakeIndexKeys(StoreScan* scan) {
    for (std::vector<std::string>* v : {&found_missing_, &found_stale_}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::set_intersection(found_missing_.begin(), found_missing_.end(), found_stale_.begin(), found_stale_.end(),
                          std::back_inserter(scan->wrong_value_index));
    auto minus_wrong = [&](const std::vector<std::string>& from, std::vector<std::string>* to) {
      std::set_difference(from.begin(), from.end(), scan->wrong_value_index.begin(), scan->wrong_value_index.end(),
                          std::back_inserter(*to));
    };
    minus_wrong(found_missing_, &scan->missing_index);
    minus_wrong(found_stale_, &scan->stale_index);
  }

  void Key(std::string_view key, std::string_view value) {
    ++scan_.report.keys;
    CheckReport::Family& family = scan_.report.families[key.empty() ? '\0' : key[0]];
    ++family.keys;
    family.key_bytes += static_cast<long long>(key.size());
    family.value_bytes += static_cast<long long>(value.size());
    if (!key.empty() && key[0] == '\0') return;  // meta keys: checked by Finish
    char tag;
    std::vector<std::string> parts;
    if (!keys::Split(key, &tag, &parts)) {
      Problem("bad-key", PrintableKey(key), "the key is not of the dealgraph layout", false);
      return;
    }
    if (tag > keys::kFiling) filings_complete_ = true;
    if (keys::IsIndexTag(tag)) {
      if (tag == keys::kRegistrant && version_ < 2) return;
      if (tag == keys::kTelling && version_ < 5) return;
      uint64_t h = EntryHash(key, Covering(tag) ? Hash64(value) : 0);
      if (find_) {
        if (std::binary_search(find_->stale.begin(), find_->stale.end(), h)) found_stale_.emplace_back(key);
        return;
      }
      actual_index_.push_back(h);
      if (!Covering(tag) && !value.empty()) Problem("bad-key", PrintableKey(key), "an index entry with a value", false);
      return;
    }
    switch (tag) {
      case keys::kFiling: return Filing(key, parts, value);
      case keys::kFilingTouch: return Touch(key, parts, value);
      case keys::kEntity: return EntityRecord(key, parts, value);
      case keys::kEntitySource: return EntitySource(key, parts, value);
      case keys::kEvent: return EventRecord(key, parts, value);
      case keys::kRelation: return RelationRecord(key, parts, value);
      case keys::kSetAside:
        // Kept by an earlier repair for a person to look at: not damage.
        if (!find_) {
          if (scan_.report.set_aside_keys.size() < CheckReport::kMaxProblems && parts.size() == 1) {
            scan_.report.set_aside_keys.push_back(PrintableKey(parts[0]));
          }
          ++scan_.report.set_aside;
        }
        return;
      default:
        Problem("bad-key", PrintableKey(key), "unknown key family", false);
    }
  }

  // Checks the meta records, references and indexes once every key is seen.
  StoreScan Finish(bool have_counts, std::string_view counts_value) {
    if (version_ < kStoreFormatVersion) {
      Problem("version", "meta/version",
              "format version " + std::to_string(version_) + " is older than " +
                  std::to_string(kStoreFormatVersion) +
                  "; `dealgraph check --repair` (or any writable command) migrates it",
              true);
    }
    for (const auto& [id, c] : source_counts_) {
      if (c.seen < c.count) MissingSources(id, c.seen, c.count);
    }
    CheckReferences();
    CheckTouches();
    CheckIndexes();

    CountsRecord& a = scan_.actual;
    scan_.report.counts = StoreCounts{a.filings, a.entities, a.events, a.relations};
    if (!have_counts && scan_.report.keys == 0) {
      // A database created by a writer killed before its first batch: an
      // empty store, which the next writable open initializes.
    } else if (!have_counts) {
      scan_.counts_differ = true;
      Problem("counts", "meta/counts", "the counts record is missing", true);
    } else {
      Result<CountsRecord> c = DecodeCounts(counts_value);
      if (!c.ok()) {
        scan_.counts_differ = true;
        Problem("counts", "meta/counts", c.status().message(), true);
      } else if (c->filings != a.filings || c->entities != a.entities || c->events != a.events ||
                 c->relations != a.relations) {
        scan_.counts_differ = true;
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "says %lld filings, %lld entities, %lld events, %lld relations; the records "
                      "hold %lld, %lld, %lld, %lld",
                      static_cast<long long>(c->filings), static_cast<long long>(c->entities),
                      static_cast<long long>(c->events), static_cast<long long>(c->relations),
                      static_cast<long long>(a.filings), static_cast<long long>(a.entities),
                      static_cast<long long>(a.events), static_cast<long long>(a.relations));
        Problem("counts", "meta/counts", buf, true);
      }
    }
    return std::move(scan_);
  }

 private:
  // Index entries of covering families (version 3 on) are checked with
  // their values, by hash; before version 3 they held "" like the rest.
  bool Covering(char tag) const { return version_ >= 3 && keys::IsCoveringTag(tag); }

  void Expect(std::vector<std::string> index_keys) {
    for (std::string& k : index_keys) ExpectKey(std::move(k), 0);
  }
  void ExpectEvent(const Event& e, std::string_view encoded) {
    for (std::string& k : keys::EventIndexKeys(e)) {
      uint64_t hash = Covering(k[0]) ? Hash64(keys::EventIndexValue(k, e, encoded)) : 0;
      ExpectKey(std::move(k), hash);
    }
  }
  void ExpectKey(std::string key, uint64_t value_hash) {
    uint64_t h = EntryHash(key, value_hash);
    if (!find_) {
      expected_index_.push_back(h);
    } else if (std::binary_search(find_->missing.begin(), find_->missing.end(), h)) {
      found_missing_.push_back(std::move(key));
    }
  }

  void IdMismatch(std::string_view key, const std::string& what, const std::string& id) {
    Problem("id-mismatch", PrintableKey(key), "holds the " + what + " " + Printable(id), false);
  }

  void Filing(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    Result<FilingExtract> x = DecodeFilingExtract(value);
    if (parts.size() != 1 || !x.ok()) {
      Problem("undecodable", PrintableKey(key),
              x.ok() ? "malformed filing key" : x.status().message() + "; remove and re-ingest the filing",
              false);
      return;
    }
    if (x->filing.id != parts[0]) IdMismatch(key, "filing", x->filing.id);
    ++scan_.actual.filings;
    filing_events_[parts[0]] = x->events.size();
    // Every entity a stored extract names is stored (its telling is one
    // of the entity's sources): one that is not can be refolded from them.
    for (const Entity& e : x->entities) named_by_[e.id].push_back(parts[0]);
    if (version_ >= 2) Expect(keys::FilingIndexKeys(x->filing));
    if (version_ >= 5) {
      for (std::string& k : keys::TellingKeys(*x)) {
        uint64_t hash = Hash64(keys::TellingValue(k, *x));
        ExpectKey(std::move(k), hash);
      }
    }
  }

  void Touch(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    Result<FilingTouch> t = DecodeFilingTouch(value);
    if (parts.size() != 1 || !t.ok()) {
      Problem("undecodable", PrintableKey(key), t.ok() ? "malformed touch key" : t.status().message(), false);
      return;
    }
    touch_keys_[parts[0]] = std::string(key);
    touches_[parts[0]] = std::move(t->event_ids);
  }

  void EntityRecord(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    Result<EntityHead> h = DecodeEntityHead(value);
    if (parts.size() != 1 || !h.ok()) {
      Problem("undecodable", PrintableKey(key), h.ok() ? "malformed entity key" : h.status().message(), false);
      return;
    }
    const Entity& e = h->entity;
    if (e.id != parts[0]) IdMismatch(key, "entity", e.id);
    ++scan_.actual.entities;
    entities_.insert(e.id);
    if (h->source_count == 0) {
      Problem("no-source", "entity " + Printable(e.id), "no filing mentions it", false);
    }
    if (h->inline_sources) {
      for (const std::string& f : SourceFilings(e.sources)) Cites("entity " + e.id, f);
    } else {
      // Its s/ keys come after every e/ key; EntitySource checks them off.
      source_counts_[parts[0]] = SourceCount{h->source_count, 0};
    }
    for (const std::string& p : e.parties) entity_refs_.push_back({"agreement " + e.id, p, "dangling-party"});
    Expect(keys::EntityIndexKeys(e));
  }

  // s/ENTITY/SEQ: source SEQ of an entity whose record says it has more
  // than SEQ; they arrive in SEQ order.
  void EntitySource(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    uint64_t seq = 0;
    Result<Source> src = DecodeSource(value);
    if (parts.size() != 2 || !keys::ParseSeqKey(parts[1], &seq) || !src.ok()) {
      Problem("undecodable", PrintableKey(key), src.ok() ? "malformed source key" : src.status().message(), false);
      return;
    }
    auto it = source_counts_.find(parts[0]);
    if (it == source_counts_.end() || seq >= it->second.count) {
      scan_.orphan_sources.emplace_back(key);
      Problem("orphan-source", PrintableKey(key),
              it == source_counts_.end() ? "source of an entity that is not stored"
                                         : "past the entity's " + std::to_string(it->second.count) + " sources",
              true);
      return;
    }
    if (seq != it->second.seen) MissingSources(parts[0], it->second.seen, seq);
    it->second.seen = seq + 1;
    Cites("entity " + parts[0], src->filing);
  }

  // A source citing `filing`. Every f/ key sorts before the s/, r/ and v/
  // records, so those are checked on the spot; only entity records
  // (version 2's inline sources, e/ before f/) wait for the filings.
  void Cites(std::string who, const std::string& filing) {
    if (!filings_complete_) {
      source_refs_.push_back({std::move(who), filing});
    } else if (!filing_events_.count(filing)) {
      Problem("unknown-source", Printable(who), "cites filing " + Printable(filing) + ", which is not stored", false);
    }
  }

  void MissingSources(const std::string& id, uint64_t from, uint64_t to) {
    Problem("missing-source", "entity " + Printable(id),
            to - from == 1 ? "lacks its source #" + std::to_string(from)
                           : "lacks its sources #" + std::to_string(from) + " to #" + std::to_string(to - 1),
            false);
  }

  void EventRecord(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    Result<Event> e = DecodeEvent(value);
    if (parts.size() != 1 || !e.ok()) {
      Problem("undecodable", PrintableKey(key), e.ok() ? "malformed event key" : e.status().message(), false);
      return;
    }
    if (e->id != parts[0]) IdMismatch(key, "event", e->id);
    ++scan_.actual.events;
    EventRefs refs;
    refs.id = e->id;
    for (const Party& p : e->parties) refs.parties.push_back(p.entity_id);
    refs.agreement = e->agreement_id;
    refs.filings = SourceFilings(e->sources);
    events_.emplace(refs.id, refs);
    ExpectEvent(*e, value);
  }

  void RelationRecord(std::string_view key, const std::vector<std::string>& parts, std::string_view value) {
    Result<Relation> r = DecodeRelation(value);
    if (parts.size() != 3 || !r.ok()) {
      Problem("undecodable", PrintableKey(key), r.ok() ? "malformed relation key" : r.status().message(), false);
      return;
    }
    std::string name = r->from + " " + r->type + " " + r->to;
    if (parts[0] != r->from || parts[1] != r->type || parts[2] != r->to) IdMismatch(key, "relation", name);
    ++scan_.actual.relations;
    if (r->sources.empty()) Problem("no-source", "relation " + Printable(name), "no filing tells it", false);
    for (const std::string& f : SourceFilings(r->sources)) Cites("relation " + name, f);
    entity_refs_.push_back({"relation " + name, r->from, "dangling-relation"});
    entity_refs_.push_back({"relation " + name, r->to, "dangling-relation"});
    Expect(keys::RelationIndexKeys(*r));
  }

  struct EntityRef {
    std::string who;
    std::string entity;
    const char* kind;
  };

  void Dangling(const std::string& who, const std::string& entity, const char* kind) {
    scan_.missing_entities.try_emplace(entity);
    if (scan_.report.problems.size() < CheckReport::kMaxProblems) {
      scan_.dangling_problems.emplace_back(scan_.report.problems.size(), entity);
    }
    Problem(kind, Printable(who), "names entity " + Printable(entity) + ", which is not stored", false);
  }

  void CheckReferences() {
    for (auto& [id, filings] : named_by_) {
      if (entities_.count(id)) continue;
      std::sort(filings.begin(), filings.end());
      filings.erase(std::unique(filings.begin(), filings.end()), filings.end());
      Problem("missing-entity", "entity " + Printable(id),
              "named by " + std::to_string(filings.size()) + (filings.size() == 1 ? " stored filing" : " stored filings") +
                  " but not stored; `dealgraph check --repair` refolds it from them",
              true);
      scan_.missing_entities[id] = filings;
    }
    for (const EntityRef& r : entity_refs_) {
      if (!entities_.count(r.entity)) Dangling(r.who, r.entity, r.kind);
    }
    for (const auto& [id, ev] : events_) {
      for (const std::string& p : ev.parties) {
        if (!entities_.count(p)) Dangling("event " + id, p, "dangling-party");
      }
      if (!ev.agreement.empty() && !entities_.count(ev.agreement)) {
        Dangling("event " + id, ev.agreement, "dangling-agreement");
      }
      if (ev.filings.empty()) {
        scan_.sourceless_events.try_emplace(id);
        Problem("no-source", "event " + Printable(id), "no filing tells it", true);
      }
      for (const std::string& f : ev.filings) Cites("event " + id, f);
    }
    for (const SourceRef& s : source_refs_) {
      if (!filing_events_.count(s.filing)) {
        Problem("unknown-source", Printable(s.who), "cites filing " + Printable(s.filing) + ", which is not stored",
                false);
      }
    }
  }

  void CheckTouches() {
    // Events named by each stored filing's touch record.
    std::unordered_map<std::string, std::vector<std::string>> told_by;
    for (const auto& [filing, n] : filing_events_) {
      auto t = touches_.find(filing);
      if (t == touches_.end()) {
        Problem("missing-touch", "filing " + Printable(filing),
                "has no touch record: it cannot be removed or replaced", false);
        continue;
      }
      if (t->second.size() != n) {
        Problem("missing-touch", "filing " + Printable(filing),
                "its touch record names " + std::to_string(t->second.size()) + " events, its extract has " +
                    std::to_string(n),
                false);
      }
      std::set<std::string> once(t->second.begin(), t->second.end());
      for (const std::string& ev : once) {
        if (!events_.count(ev)) {
          Problem("dangling-touch", "filing " + Printable(filing),
                  "its touch record names event " + Printable(ev) + ", which is not stored", false);
        } else {
          told_by[ev].push_back(filing);
        }
      }
    }
    for (const auto& [filing, key] : touch_keys_) {
      if (!filing_events_.count(filing)) {
        scan_.orphan_touches.push_back(key);
        Problem("orphan-touch", PrintableKey(key), "touch record of a filing that is not stored", true);
      }
    }
    for (auto& [id, ev] : events_) {
      std::vector<std::string> by = told_by[id];
      std::sort(by.begin(), by.end());
      auto sl = scan_.sourceless_events.find(id);
      if (sl != scan_.sourceless_events.end()) {
        sl->second = by;
        continue;
      }
      std::vector<std::string> cited = ev.filings;
      std::sort(cited.begin(), cited.end());
      if (cited != by) {
        Problem("source-mismatch", "event " + Printable(id),
                "its sources cite " + std::to_string(cited.size()) + " filings, " + std::to_string(by.size()) +
                    " filings' touch records name it",
                false);
      }
    }
  }

  // Diffs the expected and the actual index entries by hash (IndexDiff).
  void CheckIndexes() {
    for (std::vector<uint64_t>* v : {&expected_index_, &actual_index_}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::set_difference(expected_index_.begin(), expected_index_.end(), actual_index_.begin(), actual_index_.end(),
                        std::back_inserter(diff_.missing));
    std::set_difference(actual_index_.begin(), actual_index_.end(), expected_index_.begin(), expected_index_.end(),
                        std::back_inserter(diff_.stale));
    std::vector<uint64_t>().swap(expected_index_);
    std::vector<uint64_t>().swap(actual_index_);
  }

  struct SourceRef {
    std::string who;
    std::string filing;
  };
  struct SourceCount {
    uint64_t count;  //!< what the entity record says
    uint64_t seen;   //!< the next source key expected
  };

  int version_;
  StoreScan scan_;
  const IndexDiff* find_;
  std::vector<uint64_t> expected_index_, actual_index_;  //!< EntryHash of each entry
  IndexDiff diff_;
  std::vector<std::string> found_missing_, found_stale_;
  std::unordered_map<std::string, size_t> filing_events_;  //!< stored filing -> events in its extract
  std::map<std::string, std::vector<std::string>> touches_;
  std::map<std::string, std::string> touch_keys_;
  std::unordered_set<std::string> entities_;
  std::map<std::string, SourceCount> source_counts_;  //!< entities with s/ keys, by id
  std::map<std::string, EventRefs> events_;
  std::unordered_map<std::string, std::vector<std::string>> named_by_;  //!< entity -> stored filings naming it
  std::vector<EntityRef> entity_refs_;
  std::vector<SourceRef> source_refs_;  //!< citations seen before the filings (CheckReferences)
  bool filings_complete_ = false;        //!< every f/ key is behind the scan
};

}  // namespace

Result<StoreScan> ScanStore(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, int version) {
  auto start = std::chrono::steady_clock::now();
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  // A full scan should not evict the block cache's working set, and runs
  // in key order across the prefixes of the store's prefix extractor.
  ro.fill_cache = false;
  ro.total_order_seek = true;
  std::string counts_value;
  bool have_counts = false;
  auto scan_all = [&](Scanner* scanner) -> Status {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      std::string_view value(it->value().data(), it->value().size());
      if (key == keys::kCountsKey) {
        have_counts = true;
        counts_value.assign(value);
      }
      scanner->Key(key, value);
    }
    if (!it->status().ok()) return Status::IoError("while scanning the store: " + it->status().ToString());
    return Status::Ok();
  };
  // Filings' touches and references are known now; Finish finds missing
  // entities, and a pass over the extracts below finds who names them.
  StoreScan scan;
  IndexDiff diff;
  {
    Scanner scanner(version);
    RETURN_IF_ERROR(scan_all(&scanner));
    scan = scanner.Finish(have_counts, counts_value);
    diff = scanner.index_diff();
  }
  if (!diff.empty()) {
    // A second pass turns the differing key hashes back into keys.
    Scanner finder(version, &diff);
    RETURN_IF_ERROR(scan_all(&finder));
    finder.TakeIndexKeys(&scan);
  }
  for (const std::string& k : scan.missing_index) {
    AddProblem(&scan.report, "missing-index", PrintableKey(k), "a record implies this index entry, which is not stored",
               true);
  }
  for (const std::string& k : scan.stale_index) {
    AddProblem(&scan.report, "stale-index", PrintableKey(k), "no record implies this index entry", true);
  }
  for (const std::string& k : scan.wrong_value_index) {
    AddProblem(&scan.report, "stale-index", PrintableKey(k),
               !k.empty() && k[0] == keys::kTelling ? "it is not what the filing's extract tells of the entity"
                                                    : "its copy of the event is not the event as stored",
               true);
  }
  if (!scan.missing_entities.empty()) {
    std::string prefix = keys::Make(keys::kFiling, {});
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      Result<FilingExtract> x = DecodeFilingExtract(std::string_view(it->value().data(), it->value().size()));
      if (!x.ok()) continue;
      for (const Entity& e : x->entities) {
        auto m = scan.missing_entities.find(e.id);
        if (m != scan.missing_entities.end() &&
            std::find(m->second.begin(), m->second.end(), x->filing.id) == m->second.end()) {
          m->second.push_back(x->filing.id);
        }
      }
    }
    if (!it->status().ok()) return Status::IoError("while scanning the store: " + it->status().ToString());
    for (auto& [id, filings] : scan.missing_entities) std::sort(filings.begin(), filings.end());
    // Repair refolds a missing entity from the extracts that name it.
    for (const auto& [index, entity] : scan.dangling_problems) {
      if (!scan.missing_entities[entity].empty()) scan.report.problems[index].repairable = true;
    }
  }
  scan.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return scan;
}

}  // namespace dealgraph
