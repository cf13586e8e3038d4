// Store: the persistent graph in RocksDB.
//
// One Store per open database directory. A filing's extract is written with
// one atomic WriteBatch (WAL on), so a filing is either wholly stored or not
// at all. Entities and events are merged across filings as they arrive:
// one entity per id, one event per real-world event, each telling adding a
// Source. Every query below runs off an index by prefix scan (see
// docs/storage.md for the key layout), never a full scan, except the
// explicit All* listings.
//
// Thread safety: a Store may be read from several threads; writes
// (AddFiling, RemoveFiling) must come from one thread at a time.
#ifndef DEALGRAPH_GRAPH_STORE_H_
#define DEALGRAPH_GRAPH_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/names.h"  // FoldName, used by the alias index
#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// The on-disk format version this build writes and reads.
inline constexpr int kStoreFormatVersion = 1;

struct StoreOptions {
  bool read_only = false;          //!< open without taking the write lock
  bool create_if_missing = true;   //!< ignored when read_only
};

// What AddFiling did.
struct AddStats {
  bool already_present = false;  //!< the filing id was stored already; nothing written
  int entities_added = 0;        //!< entities new to the store
  int events_added = 0;          //!< events new to the store
  int events_merged = 0;         //!< events that matched a stored event (a source was added)
  int relations_added = 0;
};

struct StoreCounts {
  long long filings = 0, entities = 0, events = 0, relations = 0;
};

// Optional date window for queries; ISO strings compared at the precision
// given ("2005" includes every date in 2005). Empty = unbounded.
struct DateRange {
  std::string from;
  std::string to;
  bool Contains(std::string_view iso_date) const;  //!< undated events are outside any bounded range
  bool unbounded() const { return from.empty() && to.empty(); }
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating when allowed) the store at `path`. A store written by a
  // newer format version is refused with a message naming both versions; a
  // store locked by another writer gives Status::Busy("store PATH is being
  // written by another process").
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);

  // Stores one filing's extract atomically, merging its entities and events
  // into those already stored. When the filing id is present already:
  // `replace` false -> nothing is written and already_present is set;
  // `replace` true -> the old extract is removed first, in the same batch.
  virtual Result<AddStats> AddFiling(const FilingExtract& extract, bool replace) = 0;

  // Takes a filing out: its sources are removed from every event, entity
  // and relation; facts left with no source go; entities left with no
  // mention go. NotFound when the filing is not stored.
  virtual Status RemoveFiling(std::string_view filing_id) = 0;

  virtual bool HasFiling(std::string_view filing_id) const = 0;
  virtual Result<FilingInfo> GetFiling(std::string_view filing_id) const = 0;
  virtual std::vector<FilingInfo> ListFilings() const = 0;

  virtual Result<Entity> GetEntity(std::string_view id) const = 0;
  // Entities of a type (all types when nullopt), ordered by id.
  virtual std::vector<Entity> ListEntities(std::optional<EntityType> type) const = 0;
  // Entities whose name or an alias matches `name` after folding case,
  // punctuation and corporate suffixes ("genentech inc" finds Genentech).
  // When none match exactly, entities whose folded name starts with the
  // folded query. Best match first.
  virtual std::vector<Entity> FindEntities(std::string_view name) const = 0;

  virtual Result<Event> GetEvent(std::string_view id) const = 0;
  // Events with `entity_id` among their parties, oldest first (undated last).
  virtual std::vector<Event> EventsOf(std::string_view entity_id, const DateRange& range) const = 0;
  // Events with both `a` and `b` among their parties, oldest first.
  virtual std::vector<Event> EventsBetween(std::string_view a, std::string_view b,
                                           const DateRange& range) const = 0;
  // Events of `type` with `entity_id` among their parties, oldest first.
  virtual std::vector<Event> EventsOfPartyAndType(std::string_view entity_id,
                                                  std::string_view type) const = 0;
  // Events of `type` (any party), oldest first.
  virtual std::vector<Event> EventsOfType(std::string_view type, const DateRange& range) const = 0;
  // Events concerning agreement `agreement_id`, oldest first.
  virtual std::vector<Event> EventsOfAgreement(std::string_view agreement_id) const = 0;
  // Every event, oldest first.
  virtual std::vector<Event> AllEvents() const = 0;

  // Relations with `entity_id` at either end.
  virtual std::vector<Relation> RelationsOf(std::string_view entity_id) const = 0;
  virtual std::vector<Relation> AllRelations() const = 0;

  virtual StoreCounts Counts() const = 0;
  virtual int FormatVersion() const = 0;
};


}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_STORE_H_
