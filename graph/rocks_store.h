// RocksStore: the Store interface over one RocksDB database.
//
// Callers use Store::Open (graph/store.h); this header exists so the
// implementation can be split across files and tested. Key layout, codec and
// merge rules: docs/storage.md.
//
// Writes stage every record they change in memory (graph/rocks_store.cpp,
// class RocksStore::Batch), then turn the difference between the stored and
// the staged state into one rocksdb::WriteBatch: records, every index entry
// derived from them, and the counters. So a filing is stored or removed
// wholly or not at all, and the indexes always agree with the records.
#ifndef DEALGRAPH_GRAPH_ROCKS_STORE_H_
#define DEALGRAPH_GRAPH_ROCKS_STORE_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/codec.h"
#include "graph/lost_log.h"
#include "graph/model.h"
#include "graph/store.h"

namespace rocksdb {
class DB;
class Status;
class Env;
class Snapshot;
}  // namespace rocksdb

namespace dealgraph {

class RocksStore final : public Store {
 public:
  // See Store::Open. Errors: Busy (locked by another writer: "store PATH is
  // being written by process N (dealgraph ingest)"), Unsupported (newer
  // format version), NotFound (no store and creation not allowed or
  // read_only), Corruption (not a dealgraph store, damaged meta records),
  // IoError (a full disk, a store directory that cannot be written, anything
  // else RocksDB reports). A writable open of an older format version
  // migrates it (Repair) before returning; OpenNotice says so.
  //
  // `env` (tests: fault injection) is used instead of rocksdb::Env::Default();
  // it must outlive the store.
  static Result<std::unique_ptr<RocksStore>> Open(const std::string& path,
                                                  const StoreOptions& options,
                                                  rocksdb::Env* env = nullptr);
  // See Store::Restore.
  static Result<BackupInfo> Restore(const std::string& backup_dir, const std::string& path,
                                    const RestoreOptions& options);

  // Why the folder at `path` holds a store's data (tables, a write-ahead
  // log that is not empty) that cannot open as a store: "its CURRENT file
  // is lost", "its MANIFEST (MANIFEST-000005, which CURRENT names) is
  // lost"; "" when it holds no data or opens. (A folder with only the
  // files of a creation cut short — MANIFEST, OPTIONS, IDENTITY, LOG, an
  // empty log — holds nothing to lose: a writable open creates the store.) Open refuses
  // such a folder (Corruption, pointing at `dealgraph check --repair`),
  // writable or not, and never creates a store over it.
  static std::string LostFiles(const std::string& path);
  // Rebuilds the MANIFEST and CURRENT of such a folder from its tables and
  // logs with rocksdb::RepairDB (under the store's LOCK: Busy while another
  // process writes it); says what it read ("rebuilt its MANIFEST from 3
  // table files and 1 log"). The store then opens; Store::Repair does the
  // rest.
  static Result<std::string> Salvage(const std::string& path);

  // The file, inside the store directory, in which a writer records its
  // process id and command while it holds RocksDB's LOCK.
  static constexpr char kWriterFile[] = "dealgraph.writer";
  ~RocksStore() override;

  RocksStore(const RocksStore&) = delete;
  RocksStore& operator=(const RocksStore&) = delete;

  Result<AddStats> AddFiling(const FilingExtract& extract, bool replace) override;
  std::vector<Result<AddStats>> AddFilings(std::vector<FilingExtract>& extracts, bool replace) override;
  Status RemoveFiling(std::string_view filing_id) override;
  Status RemoveFilings(const std::vector<std::string>& filing_ids) override;

  Result<bool> ContainsFiling(std::string_view filing_id) const override;
  Result<FilingInfo> GetFiling(std::string_view filing_id) const override;
  Result<std::vector<FilingInfo>> ListFilings() const override;

  Result<Entity> GetEntity(std::string_view id) const override;
  Result<Entity> GetEntityHeader(std::string_view id) const override;
  Result<std::vector<Entity>> ListEntities(std::optional<EntityType> type) const override;
  Status ForEachEntity(std::optional<EntityType> type, const std::function<bool(Entity&)>& fn) const override;
  Result<std::vector<Entity>> FindEntities(std::string_view name) const override;

  Result<Event> GetEvent(std::string_view id) const override;
  Result<std::vector<Event>> EventsOf(std::string_view entity_id, const DateRange& range) const override;
  Result<std::vector<Event>> EventsBetween(std::string_view a, std::string_view b,
                                           const DateRange& range) const override;
  Result<std::vector<Event>> EventsOfPartyAndType(std::string_view entity_id,
                                                  std::string_view type) const override;
  Result<std::vector<Event>> EventsOfType(std::string_view type, const DateRange& range) const override;
  Result<std::vector<Event>> EventsOfAgreement(std::string_view agreement_id) const override;
  Result<std::vector<Event>> AllEvents() const override;

  Result<std::vector<Relation>> RelationsOf(std::string_view entity_id) const override;
  Result<std::vector<Relation>> AllRelations() const override;

  StoreCounts Counts() const override;
  int FormatVersion() const override { return version_; }

  Result<std::vector<FilingInfo>> FilingsOf(std::string_view registrant_id) const override;
  Result<std::vector<SharedEvent>> SharedEventsOf(std::string_view entity_id) const override;
  Result<std::vector<std::string>> AgreementsOfPartyAndType(std::string_view entity_id,
                                                            std::string_view type) const override;
  Result<std::vector<std::vector<Event>>> EventsOfAgreements(const std::vector<std::string>& ids) const override;
  Result<std::vector<std::optional<Entity>>> GetEntityHeaders(const std::vector<std::string>& ids) const override;
  Result<CheckReport> Check() const override;
  Result<RepairReport> RepairWith(const RepairOptions& options) override;
  Result<BackupInfo> Backup(const std::string& backup_dir) override;
  Status Compact() override;
  Status Settle() override;
  std::string OpenNotice() const override { return notice_; }
  std::string LostLogNotice() const override;

  // The most FindEntities returns when it falls back to prefix matches.
  static constexpr size_t kMaxPrefixMatches = 100;

 private:
  class Batch;

  // AddFilings with replace: groups of filings, each one batch.
  std::vector<Result<AddStats>> ReplaceFilings(std::vector<FilingExtract>& extracts);
  // Validates x and resolves its identities against the store (both as
  // AddFilings does before staging it); then whether `batch` holds it.
  Result<bool> ResolvedPresence(Batch* batch, FilingExtract* x);

  RocksStore(std::unique_ptr<rocksdb::DB> db, std::string path, bool read_only, int version,
             CountsRecord counts, rocksdb::Env* env);

  // RepairWith, also counting in `*entities_split` the entity records it
  // moved to the version-3 layout (a migration).
  Status RepairCounting(const RepairOptions& options, RepairReport* report, long long* entities_split);
  // Writes (or removes) kWriterFile.
  void RecordWriter();
  void ForgetWriter();
  // Deletes the empty write-ahead logs earlier opens left (see the .cpp).
  void DropEmptyWals();

  class SourceWalk;

  // A read that failed (`what`: "while reading event X"), and a record that
  // does not decode or an index entry naming a record that is not stored:
  // Corruption (IoError for a failed disk read) in the one line a command
  // prints: the store, what was read, why, and what to do.
  Status ReadFailed(const rocksdb::Status& s, std::string_view what) const;
  Status Damaged(std::string_view what, std::string_view reason) const;

  // Event ids of the index keys under `prefix` whose date component lies in
  // `range`, in key order. The date is the next-to-last component and the
  // event id the last one of every scanned key.
  Result<std::vector<std::string>> ScanDatedIds(const rocksdb::Snapshot* snapshot, const std::string& prefix,
                                                const DateRange& range) const;
  // Entity `id` with its sources (read under `snapshot`), and its head
  // alone (the record without the s/ keys of a version-3 store).
  Result<Entity> ReadEntity(const rocksdb::Snapshot* snapshot, std::string_view id) const;
  Result<EntityHead> ReadEntityHead(const rocksdb::Snapshot* snapshot, std::string_view id) const;
  // Rewrites the entity records of format version 2 and older (sources
  // inline) as version 3's heads plus source keys. Resumable: each entity
  // is converted in one batch. Counts the records rewritten in `*split`.
  Status SplitEntitySources(long long* split);
  // Loads events by id under `snapshot`, in the order of `ids`; an id that
  // is not stored (the index that named it is stale) is damage.
  Result<std::vector<Event>> LoadEvents(const rocksdb::Snapshot* snapshot, const std::vector<std::string>& ids) const;
  Result<std::vector<Event>> DatedQuery(const std::string& prefix, const DateRange& range) const;
  // Calls fn(components, value) for every index entry under `prefix` until
  // fn returns an error; before version 3, covering entries hold "" and
  // callers fall back to the event records.
  template <typename Fn>
  Status ScanEntries(const rocksdb::Snapshot* snapshot, const std::string& prefix, Fn fn) const;
  // The agreement, amount and type of the entries of `out` at `at`, from
  // their events (a store older than version 3 keeps no briefs).
  Status FillBriefs(const rocksdb::Snapshot* snapshot, std::string_view entity_id, const std::vector<size_t>& at,
                    std::vector<SharedEvent>* out) const;
  // Appends the relation records under `prefix`.
  Status ScanRelations(const rocksdb::Snapshot* snapshot, const std::string& prefix, std::vector<Relation>* out) const;

  std::unique_ptr<rocksdb::DB> db_;
  std::string path_;
  bool read_only_;
  std::atomic<int> version_;  //!< raised by a migration while readers may run
  rocksdb::Env* env_;        //!< not owned; nullptr = default
  std::string notice_;       //!< see OpenNotice
  bool wrote_writer_file_ = false;
  mutable std::mutex counts_mu_;
  CountsRecord counts_;  //!< guarded by counts_mu_
  // Bytes of write batches this open committed (Settle's "big write").
  std::atomic<uint64_t> bytes_written_{0};
  uint64_t settle_min_bytes_ = 0;
  // What recovery dropped of a damaged write-ahead log (graph/lost_log.h),
  // and the filings of it that are not back yet (removed ones still there).
  LostLog lost_log_;
  std::vector<std::string> lost_missing_;
  // Sets lost_missing_ from what is stored now; true when all is back.
  Result<bool> LostLogRestored();
};

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_ROCKS_STORE_H_
