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
// (AddFiling, RemoveFiling, Repair, Backup) must come from one thread at a
// time.
#ifndef DEALGRAPH_GRAPH_STORE_H_
#define DEALGRAPH_GRAPH_STORE_H_

#include <cstdint>
#include <map>
#include <functional>
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
// 1: the first layout. 2: adds the n/ index of filings by registrant
// (Store::FilingsOf). 3: an entity's sources under keys of their own (one
// write per mention instead of rewriting the whole list). 4: an amount's kind
// byte may say per unit, up to or contingent, and carry a range's high end
// (a build of version 3 cannot read those). Older stores are
// read as they are and migrated by the first writable open
// (docs/storage.md, "Format versions").
inline constexpr int kStoreFormatVersion = 5;

struct StoreOptions {
  bool read_only = false;          //!< open without taking the write lock
  bool create_if_missing = true;   //!< ignored when read_only
  //! Settle acts only after this open wrote at least this many bytes of
  //! batches (two memtables' worth: a smaller write leaves at most two new
  //! files).
  uint64_t settle_min_bytes = uint64_t{64} << 20;
};

struct StoreCounts {
  long long filings = 0, entities = 0, events = 0, relations = 0;
};

// One thing wrong with a store, as Store::Check finds it.
struct CheckProblem {
  // What kind of damage: "version", "counts", "bad-key", "undecodable",
  // "missing-index", "stale-index", "missing-touch", "orphan-touch",
  // "dangling-touch", "dangling-party", "dangling-agreement",
  // "dangling-relation", "no-source", "unknown-source", "source-mismatch",
  // "id-mismatch".
  std::string kind;
  std::string where;   //!< the record or key concerned, printable ("event ev:...")
  std::string detail;  //!< what is wrong, one line
  bool repairable = false;  //!< Store::Repair fixes it
};

// What Store::Check found.
struct CheckReport {
  int format_version = 0;
  long long keys = 0;        //!< keys scanned
  StoreCounts counts;        //!< what the records hold (not the counts record)
  std::vector<CheckProblem> problems;  //!< at most kMaxProblems, in key order
  long long problems_omitted = 0;      //!< found beyond kMaxProblems
  double seconds = 0;
  // Keys and bytes (before compression) per key family, by tag ('f', 'e',
  // 's', 'v', 'k', ...; '\0' for the meta keys): where a store's size goes.
  struct Family {
    long long keys = 0;
    long long key_bytes = 0;
    long long value_bytes = 0;
  };
  std::map<char, Family> families;
  static constexpr size_t kMaxProblems = 10000;
  // Records an earlier `check --repair` set aside (z/): not problems, kept
  // for a person to look at; the first kMaxProblems keys, printable.
  long long set_aside = 0;
  std::vector<std::string> set_aside_keys;
  bool clean() const { return problems.empty() && problems_omitted == 0; }
};

struct RepairOptions {
  bool dry_run = false;  //!< find what a repair would change; write nothing (works on a read-only open)
};

// What Store::RepairWith changed (or, dry, would change). Facts (filings,
// entities and their sources, events, relations, touch records) are never
// deleted: each is kept, rebuilt from the stored filings, or set aside
// under z/ when nothing rebuilds it.
struct RepairReport {
  bool dry_run = false;
  long long entities_rebuilt = 0;  //!< missing entities refolded from the filings naming them
  long long events_rebuilt = 0;    //!< events that lost their sources, refolded from the filings telling them
  long long index_written = 0;     //!< index entries put (missing, or with a stale copy of their event)
  long long index_deleted = 0;     //!< index entries no record implies
  bool counts_rewritten = false;
  bool migrated = false;           //!< entity records moved to the version-3 layout
  bool lost_log_accepted = false;  //!< the loss of a damaged log tail is no longer reported
  // Printable keys of the records set aside (events no filing tells any
  // more, touch records of filings not stored, entity sources past their
  // entity or of an entity not stored), each with why.
  std::vector<std::pair<std::string, std::string>> set_aside;
  StoreCounts kept;  //!< the records after the repair that it left as they were
  StoreCounts after; //!< what the store holds after it (dry: before)
};

// A backup made by Store::Backup or restored by Store::Restore.
struct BackupInfo {
  unsigned backup_id = 0;      //!< RocksDB BackupEngine id, 1, 2, ... per backup folder
  unsigned long long bytes = 0;  //!< size of the files of this backup
  unsigned files = 0;
  double seconds = 0;
};

struct RestoreOptions {
  bool overwrite = false;  //!< replace a non-empty store at the target path
};

// What AddFiling did.
struct AddStats {
  bool already_present = false;  //!< the filing id was stored already; nothing written
  int entities_added = 0;        //!< entities new to the store
  int events_added = 0;          //!< events new to the store
  int events_merged = 0;         //!< events that matched a stored event (a source was added)
  int relations_added = 0;
  // What was stored but not all of it (an entity at kMaxAliases names), one
  // line each, for the user: "entity org:x keeps absorbing names: ...".
  std::vector<std::string> warnings;
};


// Optional date window for queries; ISO strings compared at the precision
// given ("2005" includes every date in 2005). Empty = unbounded.
struct DateRange {
  std::string from;
  std::string to;
  bool Contains(std::string_view iso_date) const;  //!< undated events are outside any bounded range
  bool unbounded() const { return from.empty() && to.empty(); }
};

// An event a party shares with one other party, as the pair index holds
// it: what partner tables need, without reading the event.
struct SharedEvent {
  std::string partner;   //!< the other party's entity id
  std::string date;      //!< ISO at its precision; "" when undated
  std::string event_id;
  std::string agreement_id;
  std::optional<Money> amount;
  std::string type;  //!< the event's type; "" from an index entry written before types were kept
  bool agent = false;  //!< the entity or the partner serves the event as an agent (underwriter, adviser, ...)
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

  // Stores several extracts in order, each as ResolveIdentities and then
  // AddFiling would store it after the ones before it: results[i] is what
  // AddFiling said of extracts[i] (which is resolved in place). A store may
  // write several filings as one batch (RocksStore does: one write-ahead log
  // record and one counts update for many filings); a crash then loses the
  // whole batch, never part of a filing.
  virtual std::vector<Result<AddStats>> AddFilings(std::vector<FilingExtract>& extracts, bool replace);

  // Takes a filing out: its sources are removed from every event, entity
  // and relation; facts left with no source go; entities left with no
  // mention go. NotFound when the filing is not stored.
  virtual Status RemoveFiling(std::string_view filing_id) = 0;
  // RemoveFiling of each; the store equals the one RemoveFiling of each in
  // turn leaves. A store may remove many as one batch (RocksStore does: a
  // fact several of them told is recomputed once), so on an error none of
  // one batch is removed; every id must be stored (NotFound otherwise).
  virtual Status RemoveFilings(const std::vector<std::string>& filing_ids);

  // Every read below returns its error: a block that fails its checksum,
  // a record that does not decode, a failed disk read is a Corruption or
  // IoError (ReadError: it names the store and what to do), never a shorter
  // answer. NotFound only where a single thing asked for is not stored.

  // Whether the filing is stored.
  virtual Result<bool> ContainsFiling(std::string_view filing_id) const = 0;
  // ContainsFiling for callers that only skip work with it (ingest skips
  // reading a file whose filing is stored): false also when the read
  // fails, since AddFilings reads the filing again and reports the error.
  bool HasFiling(std::string_view filing_id) const {
    Result<bool> has = ContainsFiling(filing_id);
    return has.ok() && *has;
  }
  virtual Result<FilingInfo> GetFiling(std::string_view filing_id) const = 0;
  virtual Result<std::vector<FilingInfo>> ListFilings() const = 0;

  virtual Result<Entity> GetEntity(std::string_view id) const = 0;
  // GetEntity without the sources (empty): for names and lists.
  virtual Result<Entity> GetEntityHeader(std::string_view id) const { return GetEntity(id); }
  // Entities of a type (all types when nullopt), ordered by id.
  virtual Result<std::vector<Entity>> ListEntities(std::optional<EntityType> type) const = 0;
  // ListEntities one entity at a time, without holding them all (a listing
  // of a store of EDGAR's size): `fn` may move from the entity; it returns
  // false to stop. A read error ends the walk and is returned (the entities
  // before it were given to `fn`: a caller that writes them as they come
  // must hold its output until the walk returns Ok).
  virtual Status ForEachEntity(std::optional<EntityType> type, const std::function<bool(Entity&)>& fn) const;
  // Entities whose name or an alias matches `name` after folding case,
  // punctuation and corporate suffixes ("genentech inc" finds Genentech).
  // When none match exactly, entities whose folded name starts with the
  // folded query. Best match first. Without their sources (as
  // GetEntityHeader): GetEntity reads those.
  virtual Result<std::vector<Entity>> FindEntities(std::string_view name) const = 0;

  virtual Result<Event> GetEvent(std::string_view id) const = 0;
  // Events with `entity_id` among their parties, oldest first (undated last).
  virtual Result<std::vector<Event>> EventsOf(std::string_view entity_id, const DateRange& range) const = 0;
  // Events with both `a` and `b` among their parties, oldest first.
  virtual Result<std::vector<Event>> EventsBetween(std::string_view a, std::string_view b,
                                           const DateRange& range) const = 0;
  // Events of `type` with `entity_id` among their parties, oldest first.
  virtual Result<std::vector<Event>> EventsOfPartyAndType(std::string_view entity_id,
                                                  std::string_view type) const = 0;
  // Events of `type` (any party), oldest first.
  virtual Result<std::vector<Event>> EventsOfType(std::string_view type, const DateRange& range) const = 0;
  // Events concerning agreement `agreement_id`, oldest first.
  virtual Result<std::vector<Event>> EventsOfAgreement(std::string_view agreement_id) const = 0;
  // Every event, oldest first.
  virtual Result<std::vector<Event>> AllEvents() const = 0;

  // Relations with `entity_id` at either end.
  virtual Result<std::vector<Relation>> RelationsOf(std::string_view entity_id) const = 0;
  virtual Result<std::vector<Relation>> AllRelations() const = 0;

  virtual StoreCounts Counts() const = 0;
  virtual int FormatVersion() const = 0;

  // ---- Since format version 2 -------------------------------------------
  // (Not pure: the defaults return Unsupported / nothing, so other Store
  // implementations keep compiling.)

  // The registrant's filings (FilingInfo.registrant == registrant_id),
  // ordered by filed date (undated last), then filing id. Filings that name
  // no registrant are in no registrant's list. Reads the n/ index; on a
  // version-1 store opened read-only, scans the filings instead.
  virtual Result<std::vector<FilingInfo>> FilingsOf(std::string_view registrant_id) const;

  // ---- Since format version 3 -------------------------------------------
  // (The defaults compute the answer from the queries above; RocksStore
  // reads covering index entries instead, falling back to the events on a
  // store of an older version opened read-only.)

  // One entry per (event, other party) of the events `entity_id` shares
  // with other parties: by partner id, then date (oldest first, undated
  // last), then event id.
  virtual Result<std::vector<SharedEvent>> SharedEventsOf(std::string_view entity_id) const;

  // The agreements named by the events of `type` `entity_id` took part in,
  // each once, in the order of those events (oldest first, then event id).
  virtual Result<std::vector<std::string>> AgreementsOfPartyAndType(std::string_view entity_id,
                                                            std::string_view type) const;

  // EventsOfAgreement and GetEntityHeader of many ids at once (under one
  // snapshot, reading in key order): out[i] answers ids[i]; an entity not
  // stored is nullopt.
  virtual Result<std::vector<std::vector<Event>>> EventsOfAgreements(const std::vector<std::string>& ids) const;
  virtual Result<std::vector<std::optional<Entity>>> GetEntityHeaders(const std::vector<std::string>& ids) const;

  // Verifies the store's invariants under one snapshot: the format version
  // is known; every key parses and every record decodes; every index entry
  // is exactly the set the records imply (none missing, none stale); the
  // counts record equals what the records hold; every event's parties and
  // agreement and every relation's ends exist; every event, entity and
  // relation has a source and each source's filing is stored; each filing
  // has a touch record naming existing events, and the events a filing's
  // touch names are exactly those listing it as a source. Works on a
  // read-only open (what it sees is the state when the store was opened).
  // Errors only when the store cannot be read at all.
  virtual Result<CheckReport> Check() const;

  // Rebuilds what can be derived from the primary f/ records: every index
  // entry, the counts, the touch records' orphans, events that lost their
  // sources (refolded from the filings whose touch records name them, or
  // deleted), entities that are referenced but missing (refolded from the
  // filings that name them, in filing-id order), and the format version.
  // Resumable: each step is idempotent and the version is written last, so
  // a crash midway leaves a store the next Repair finishes. Damage it cannot
  // fix (undecodable records, missing touch records) stays in Check's
  // report. InvalidArgument on a read-only open. What cannot be rebuilt is
  // set aside (z/), never deleted (RepairReport).
  virtual Result<RepairReport> RepairWith(const RepairOptions& options);
  Status Repair() { return RepairWith(RepairOptions{}).status(); }

  // Backs the store up into `backup_dir` (a RocksDB BackupEngine folder,
  // created when missing; later backups there are incremental) and
  // verifies the copy. Needs a writable open (the memtable is flushed
  // first).
  virtual Result<BackupInfo> Backup(const std::string& backup_dir);

  // Rewrites the whole store into its most compact form (every file at the
  // last level, compressed as that level is: ZSTD with a dictionary when
  // the RocksDB build has it). Ingest leaves recent data in larger,
  // faster-to-write files; after a big ingest this takes the store to its
  // smallest. Needs a writable open; reads work meanwhile.
  virtual Status Compact();

  // After a big write (this open wrote more than a memtable's worth), moves
  // the table files it left at the top of the tree (RocksDB's level 0, one
  // sorted run each) into the level below, so that every scan seeks in two
  // sorted runs instead of up to six, and waits for the compaction that is
  // running rather than abandoning it at close. Cheaper than Compact: it
  // rewrites the recent data and the level it lands in, not the last level.
  // When most of the store was written by this open (a first ingest), it
  // is Compact: one sorted run, the smallest size.
  // Ok and nothing done after a small write or on a read-only open; a
  // failure leaves the store as it was (only slower to scan).
  virtual Status Settle() { return Status::Ok(); }

  // Restores the latest backup in `backup_dir` to a store at `path`. A path
  // that holds anything is refused with InvalidArgument unless
  // options.overwrite. Holds the store's writer lock from start to end (a
  // store another process writes gives Busy; a writer that starts meanwhile
  // gets Busy); the backup is restored into a sibling folder, opened
  // read-only once to check its format version, and exchanged with `path`
  // atomically (renameat2 RENAME_EXCHANGE). On failure the store at `path`
  // is as it was.
  static Result<BackupInfo> Restore(const std::string& backup_dir, const std::string& path,
                                    const RestoreOptions& options);

  // A store folder whose CURRENT or MANIFEST is lost: why ("its CURRENT
  // file is lost"), or "" (RocksStore::LostFiles). Open refuses such a
  // folder and never creates a store over it; Salvage rebuilds its MANIFEST
  // from its tables and logs (RocksDB's RepairDB) and says what it read.
  static std::string LostFiles(const std::string& path);
  static Result<std::string> Salvage(const std::string& path);

  // A note for the user about this open, to be shown once by the caller,
  // or "": "migrated store PATH from format version 1 to 2 (...)", or, on a
  // read-only open of an older store, how it will be migrated.
  virtual std::string OpenNotice() const { return {}; }

  // When recovery dropped the damaged end of the store's write-ahead log
  // and what it held is not back: one line saying so (which log, how many
  // bytes, batches and filings, that ingesting the same folders again
  // restores them, or `check --repair` accepts the loss); else "". A read
  // command refuses such a store (its answers would miss what was dropped);
  // Check reports it until then.
  virtual std::string LostLogNotice() const { return {}; }
};


}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_STORE_H_
