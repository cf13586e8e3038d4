#include "graph/rocks_store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <ctime>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/names.h"
#include "graph/backup.h"
#include "graph/check.h"
#include "graph/resolve.h"

namespace dealgraph {
namespace {

constexpr size_t kBlockCacheBytes = 64u << 20;
// Each ingest key goes into the memtable's skip list, whose search misses
// the caches at every level: the smaller the memtable, the cheaper an
// insert (g10k, --jobs 1: 64 MiB 6.1 s, 32 MiB 5.5 s, 16 MiB 5.3 s). But
// every flushed file overlaps the whole key space, so each level-0
// compaction rewrites the level below it: compactions start after
// kLevel0Files flushes, which keeps them as rare as 4 x 64 MiB did (at
// 16 MiB and 4 files, a 730 MB ingest spent twice the compaction CPU and
// ran 15% longer). docs/performance.md, "Session 9".
constexpr size_t kWriteBufferBytes = 32u << 20;
constexpr int kLevel0Files = 8;

// The writes of one commit, handed to RocksDB in key order. A commit's
// writes come record by record, each followed by its index entries, so
// consecutive keys fall in different key families, far apart in the
// memtable's skip list. The memtable keeps an insert hint (WholeKeySpace):
// where the last insert went, from which a key a little after it is placed
// by fixing the lower levels of the search only. In key order, each key of
// a commit (~1,600 of ~45 filings) lands a few dozen entries after the one
// before. g10k: the skip-list inserts 12.7% -> 9.5% of the ingest's CPU,
// --jobs 1 4.83 -> 4.60 s (docs/performance.md, "Session 11").
class KeyOrderedBatch {
 public:
  // The value is moved in: a filing's extract can be megabytes, and a
  // copy here would be one more pass over everything a commit writes.
  void Put(std::string_view key, std::string value) { Push(key, std::move(value), false); }
  void Delete(std::string_view key) { Push(key, std::string(), true); }

  // Fills `wb` with the writes sorted by key (writes to one key keep their
  // order), its buffer sized up front. Fails only for a key or value over
  // 4 GiB, which WriteBatch cannot hold.
  rocksdb::Status InKeyOrder(rocksdb::WriteBatch* wb) {
    auto key_of = [this](const Op& op) { return std::string_view(keys_).substr(op.key_at, op.key_size); };
    std::stable_sort(ops_.begin(), ops_.end(),
                     [&](const Op& a, const Op& b) { return key_of(a) < key_of(b); });
    // WriteBatch's header (sequence and count), then per record a type
    // byte and two varint lengths of at most 5 bytes each.
    *wb = rocksdb::WriteBatch(12 + keys_.size() + values_bytes_ + 11 * ops_.size());
    for (const Op& op : ops_) {
      rocksdb::Slice key(keys_.data() + op.key_at, op.key_size);
      rocksdb::Status s = op.erase ? wb->Delete(key) : wb->Put(key, op.value);
      if (!s.ok()) return s;
    }
    return rocksdb::Status::OK();
  }

 private:
  struct Op {
    size_t key_at;
    size_t key_size;
    std::string value;
    bool erase;
  };
  void Push(std::string_view key, std::string value, bool erase) {
    values_bytes_ += value.size();
    ops_.push_back(Op{keys_.size(), key.size(), std::move(value), erase});
    keys_.append(key);
  }

  std::string keys_;
  size_t values_bytes_ = 0;
  std::vector<Op> ops_;
};

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
  // "While open a file for lock: .../LOCK: Permission denied" is a store
  // directory this user cannot write, not a lock held by someone.
  if (s.ToString().find("Permission denied") != std::string::npos ||
      s.ToString().find("Read-only file system") != std::string::npos) {
    return false;
  }
  std::string text = s.ToString();
  return text.find("lock file") != std::string::npos ||
         text.find("lock hold by current process") != std::string::npos ||
         text.find("/LOCK:") != std::string::npos;
}

bool Mentions(const rocksdb::Status& s, std::string_view text) {
  return s.ToString().find(text) != std::string::npos;
}

// Errors of writes: a full disk and a directory that cannot be written are
// said plainly, since the user can do something about them.
Status WriteError(const rocksdb::Status& s, const std::string& path) {
  if (s.IsNoSpace() || Mentions(s, "No space left")) {
    return Status::IoError("store " + path + ": the disk is full (" + s.ToString() +
                           "); every filing stored before this one is kept: free space and run the "
                           "command again");
  }
  if (Mentions(s, "Permission denied") || Mentions(s, "Read-only file system")) {
    return Status::IoError("store " + path + " cannot be written (" + s.ToString() +
                           "); read-only commands still work");
  }
  return FromRocks(s, "while writing store " + path);
}

// The command line of process `pid` as "dealgraph ingest": the program's
// file name and its first argument when that is not an option. "" when
// unknown.
std::string CommandOf(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  if (!in) return {};
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::string cur;
  for (char c : all) {
    if (c == '\0') {
      args.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) args.push_back(std::move(cur));
  if (args.empty()) return {};
  std::string out = std::filesystem::path(args[0]).filename().string();
  if (args.size() > 1 && !args[1].empty() && args[1][0] != '-') out += " " + args[1];
  return out;
}

bool ProcessAlive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// The process holding the POSIX lock on `lock_file`, from /proc/locks (the
// kernel's word, so a pid file left by a killed writer cannot mislead), else
// 0. Lines look like "1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF".
long LockHolder(const std::string& lock_file) {
  struct stat st;
  if (::stat(lock_file.c_str(), &st) != 0) return 0;
  char want[64];
  std::snprintf(want, sizeof want, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  std::ifstream in("/proc/locks");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string n, kind, advisory, mode, pid, where;
    fields >> n >> kind;
    if (kind == "->") continue;  // a process waiting for the lock
    fields >> advisory >> mode >> pid >> where;
    if (kind != "POSIX" || where != want) continue;
    char* end = nullptr;
    long p = std::strtol(pid.c_str(), &end, 10);
    if (end && *end == '\0' && p > 0) return p;
  }
  return 0;
}

// "process 1234 (dealgraph ingest)", or "another process" when neither the
// kernel nor a live writer file names it.
std::string WriterOf(const std::string& path, bool this_process) {
  long pid = this_process ? static_cast<long>(::getpid()) : LockHolder(path + "/LOCK");
  if (pid == 0) {
    std::ifstream in(path + "/" + RocksStore::kWriterFile);
    long recorded = 0;
    if (in >> recorded && ProcessAlive(recorded)) pid = recorded;
  }
  if (pid == 0) return "another process";
  std::string command = CommandOf(pid);
  std::string out = "process " + std::to_string(pid);
  if (!command.empty()) out += " (" + command + ")";
  if (this_process) out += ", this one";
  return out;
}

// ZSTD when this RocksDB was built with it (Debian's is), else LZ4, else
// Snappy, else none: the store stays readable by any build since RocksDB
// records the compression per block.
rocksdb::CompressionType PickCompression() {
  std::vector<rocksdb::CompressionType> have = rocksdb::GetSupportedCompressions();
  for (rocksdb::CompressionType want : {rocksdb::kZSTD, rocksdb::kLZ4Compression, rocksdb::kSnappyCompression}) {
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

// Length of a key's tag and first component with its terminator
// ("k\0AGREEMENT\0" of "k\0AGREEMENT\0DATE\0EVENT\0"); 0 when the key has
// no whole first component (the meta keys, a partial name). Components
// escape their 0x00 bytes, so the first 0x00 after the tag ends the first.
size_t FirstComponentEnd(std::string_view key) {
  if (key.size() < 3 || key[1] != '\0') return 0;
  const void* nul = std::memchr(key.data() + 2, '\0', key.size() - 2);
  return nul == nullptr ? 0 : static_cast<size_t>(static_cast<const char*>(nul) - key.data()) + 1;
}

// The prefix extractor: every scan but the listings reads keys of one first
// component (an agreement's events, an entity's index entries, a pair's
// events), so each table file keeps a bloom filter of its first components
// beside the whole-key one, and a seek skips the files that hold none of
// the keys it looks for. A store written before the extractor keeps working:
// RocksDB uses a file's prefix filter only when the file names this
// extractor.
class FirstComponentPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "dealgraph.FirstComponent.1"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), FirstComponentEnd(std::string_view(key.data(), key.size())));
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return FirstComponentEnd(std::string_view(key.data(), key.size())) != 0;
  }
};

// One memtable insert hint for the whole key space: see KeyOrderedBatch.
class WholeKeySpace : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "dealgraph.WholeKeySpace.1"; }
  rocksdb::Slice Transform(const rocksdb::Slice&) const override { return rocksdb::Slice(); }
  bool InDomain(const rocksdb::Slice&) const override { return true; }
};

// How a scan of the keys starting with `prefix` (bounded above by the end
// of that prefix) seeks: in key order, and within one first component with
// the prefix filters, which RocksDB's auto_prefix_mode uses when the upper
// bound is the prefix's successor or shares its first component. A scan over
// a whole family or a partial name runs in plain total order. Every iterator
// of the store must set one or the other: with a prefix extractor,
// RocksDB's default seek is a prefix seek whose results past the prefix are
// undefined. (prefix_same_as_start was measured slower: it drops the upper
// bound's stop at the block boundary, so the last Next of a scan reads the
// following block of every level.)
void SetScanMode(rocksdb::ReadOptions* ro, std::string_view prefix) {
  if (FirstComponentEnd(prefix) != 0) {
    ro->auto_prefix_mode = true;
  } else {
    ro->total_order_seek = true;
  }
}

// Calls fn(key, value) for every entry whose key starts with `prefix`,
// from `start` (>= prefix) and below `upper` ("" = end of prefix); fn
// returns false to stop. Returns the iterator's status (a read error).
template <typename Fn>
rocksdb::Status ScanRange(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, const std::string& prefix,
                          const std::string& start, const std::string& upper, Fn fn) {
  std::string end = upper.empty() ? PrefixEnd(prefix) : upper;
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  SetScanMode(&ro, prefix);
  if (!end.empty()) ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    if (!fn(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return it->status();
}

// ScanRange for the keys alone (index scans); a read error ends the scan
// and is returned.
template <typename Fn>
rocksdb::Status ScanPrefix(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, const std::string& prefix,
                           const std::string& start, const std::string& upper, Fn fn) {
  return ScanRange(db, snapshot, prefix, start, upper, [&](std::string_view key, std::string_view) { return fn(key); });
}

// Calls fn(key, value) for every entry whose key starts with `prefix`
// (listings); fn returns false to stop. Returns the iterator's status.
template <typename Fn>
rocksdb::Status ScanPrefixValues(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, const std::string& prefix,
                                 Fn fn) {
  return ScanRange(db, snapshot, prefix, prefix, "", fn);
}

// What a command says when the store cannot be read, in one line: the store,
// what was being read, RocksDB's reason, and what to do.
std::string DamageAdvice(const std::string& path) {
  return "run `dealgraph check --db " + path + "` to see the damage, then restore a backup (`dealgraph restore`) " +
         "or ingest the filings again into a new store";
}

Status StoreDamaged(const std::string& path, std::string_view what, std::string_view reason, bool io) {
  std::string msg = "store " + path + (io ? " cannot be read" : " is damaged") + " (" + std::string(what) + ": " +
                    std::string(reason) + "); " + DamageAdvice(path);
  return io ? Status::IoError(std::move(msg)) : Status::Corruption(std::move(msg));
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

// Two tellings name agreements that agree when the ids are equal, or one is
// unknown, or only one knows the year (SameAgreementOneDated): a press
// release says "the Distribution Agreement" where the 8-K beside it says
// "the Distribution Agreement, dated as of September 21, 1998".
bool AgreementsCompatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b || SameAgreementOneDated(a, b);
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

// Adds the names `in` knows that `into` does not (a name already there
// takes a change day it lacked), oldest change first, undated last.
void MergeFormerNames(std::vector<FormerName>* into, const std::vector<FormerName>& in, int* dropped) {
  for (const FormerName& f : in) {
    auto it = std::find_if(into->begin(), into->end(), [&](const FormerName& x) { return x.name == f.name; });
    if (it == into->end()) {
      // Bounded like the aliases (kMaxAliases).
      if (into->size() >= kMaxAliases) {
        ++*dropped;
        continue;
      }
      into->push_back(f);
    } else if (it->until.empty()) {
      it->until = f.until;
    }
  }
  std::stable_sort(into->begin(), into->end(), [](const FormerName& a, const FormerName& b) {
    return std::make_pair(a.until.empty(), a.until) < std::make_pair(b.until.empty(), b.until);
  });
}

// Adds `name` to `aliases` unless it is there; returns false when it is not
// there and kMaxAliases leaves no room for it.
bool AddAlias(std::vector<std::string>* aliases, const std::string& name) {
  if (std::find(aliases->begin(), aliases->end(), name) != aliases->end()) return true;
  if (aliases->size() >= kMaxAliases) return false;
  aliases->push_back(name);
  return true;
}

// An entity's fields as its first telling gives them (sources aside).
// *dropped counts the names kMaxAliases leaves out.
Entity NewEntityFields(const Entity& in, int* dropped) {
  Entity e = in;
  e.aliases.clear();
  for (const std::string& a : in.aliases) {
    if (a != e.name && !AddAlias(&e.aliases, a)) ++*dropped;
  }
  if (!ValidCik(e.cik)) e.cik.clear();
  e.parties.clear();
  for (const std::string& p : in.parties) AddUnique(&e.parties, p);
  e.former_names.clear();
  MergeFormerNames(&e.former_names, in.former_names, dropped);
  e.sources.clear();
  return e;
}

// Folds a later telling into an entity's fields (sources aside). *dropped
// counts the names kMaxAliases leaves out.
void MergeEntityFields(Entity* e, const Entity& in, int* dropped) {
  FillEmpty(&e->name, in.name);
  // A company goes by its newest name: a filing whose SEC header lists the
  // name stored so far among the company's former names ("APPLE COMPUTER
  // INC", changed 1997-08-08) renames it; the old name stays an alias. Any
  // order of filings comes to the same name: an older filing's header cannot
  // list a newer name as a former one.
  if (!in.cik.empty() && in.cik == e->cik && in.name != e->name) {
    const std::string current = FoldName(e->name);
    const bool renamed = FoldName(in.name) != current &&
                         std::any_of(in.former_names.begin(), in.former_names.end(),
                                     [&](const FormerName& f) { return FoldName(f.name) == current; });
    if (renamed) {
      if (!AddAlias(&e->aliases, e->name)) ++*dropped;
      e->name = in.name;
      e->aliases.erase(std::remove(e->aliases.begin(), e->aliases.end(), e->name), e->aliases.end());
    }
  }
  if (in.name != e->name && !AddAlias(&e->aliases, in.name)) ++*dropped;
  for (const std::string& a : in.aliases) {
    if (a != e->name && !AddAlias(&e->aliases, a)) ++*dropped;
  }
  if (ValidCik(in.cik)) FillEmpty(&e->cik, in.cik);
  FillEmpty(&e->title, in.title);
  FillEmpty(&e->dated, in.dated);
  FillEmpty(&e->term, in.term);
  // The later expiry wins: renewals and extensions push it forward. ISO
  // strings compare as dates; at an equal prefix the more precise wins.
  if (in.expires > e->expires) e->expires = in.expires;
  for (const std::string& p : in.parties) AddUnique(&e->parties, p);
  MergeFormerNames(&e->former_names, in.former_names, dropped);
}

// The sources an event keeps of one filing's telling: the first of each
// part of the filing (Item, exhibit) it was read from, so an event an 8-K's
// Item 1.01 tells and its Item 2.03 refers to keeps both.
std::vector<Source> SourcesFor(const std::vector<Source>& given, const FilingInfo& filing) {
  std::vector<Source> out;
  for (const Source& g : given) {
    if (!g.filing.empty() && g.filing != filing.id && g.filing != filing.name) continue;
    bool have = false;
    for (const Source& o : out) have |= o.item == g.item;
    if (have) continue;
    Source s = g;
    s.filing = filing.id;
    if (s.filed.empty()) s.filed = filing.filed;
    out.push_back(std::move(s));
  }
  if (out.empty()) out.push_back(SourceFor(given, filing));
  return out;
}

Event NewEvent(const Event& in, const FilingInfo& filing) {
  Event e = in;
  e.sources = SourcesFor(in.sources, filing);
  return e;
}

// "8-K/A", "8-K12B/A": a report that amends an earlier one.
bool IsAmendment(std::string_view form) {
  return form.size() >= 2 && form[form.size() - 2] == '/' && (form.back() == 'A' || form.back() == 'a');
}

void MergeEvent(Event* e, const Event& in, const FilingInfo& filing) {
  if (in.date.size() > e->date.size() && DatesCompatible(in.date, e->date)) e->date = in.date;
  FillEmpty(&e->agreement_id, in.agreement_id);
  // The first amount told stays, but an amendment's replaces it: an 8-K/A
  // restates (and corrects) what the report it amends said. In either
  // order of adding the two, the amendment's amount is the one kept, and
  // removing the amendment brings the first back (removal refolds the
  // remaining tellings with this rule).
  if (in.amount && (!e->amount || IsAmendment(filing.form))) e->amount = in.amount;
  FillEmpty(&e->summary, in.summary);
  // A slot the first telling left out, a later one fills.
  for (const Slot& s : in.slots) {
    if (!e->SlotNamed(s.name)) e->slots.push_back(s);
  }
  for (Party& p : e->parties) {
    if (!p.role.empty()) continue;
    for (const Party& q : in.parties) {
      if (q.entity_id == p.entity_id && !q.role.empty()) {
        p.role = q.role;
        break;
      }
    }
  }
  for (Source& s : SourcesFor(in.sources, filing)) {
    bool have = false;
    for (const Source& o : e->sources) have |= o.filing == s.filing && o.item == s.item;
    if (!have) e->sources.push_back(std::move(s));
  }
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

// ---- Index entries derived from records (graph/codec.h) ----------------------

using keys::EntityIndexKeys;
using keys::EventIndexKeys;
using keys::IdentityPrefix;
using keys::RelationIndexKeys;

std::vector<std::string> FilingExtractIndexKeys(const FilingExtract& x) {
  std::vector<std::string> out = keys::FilingIndexKeys(x.filing);
  for (std::string& k : keys::TellingKeys(x)) out.push_back(std::move(k));
  return out;
}
// A filing's T/ entries hold its telling of the entity; n/ entries "".
std::string FilingExtractIndexValue(std::string_view key, const FilingExtract& x, std::string_view) {
  return !key.empty() && key[0] == keys::kTelling ? keys::TellingValue(key, x) : std::string();
}
// Touch records and entity sources have no index entries.
template <typename T>
std::vector<std::string> NoIndexKeys(const T&) {
  return {};
}
// Index entries of records other than events hold "".
template <typename T>
std::string NoIndexValue(std::string_view, const T&, std::string_view) {
  return {};
}
std::vector<std::string> EntityHeadIndexKeys(const EntityHead& h) { return EntityIndexKeys(h.entity); }

// Whether two states of one entity (staged under one key, so one id) have
// the same index entries: they depend on its type, name and aliases only
// (keys::EntityIndexKeys; every value ""). Most filings that name a company
// only add a source to it.
bool SameEntityIndex(const EntityHead& a, const EntityHead& b) {
  return a.entity.type == b.entity.type && a.entity.name == b.entity.name && a.entity.aliases == b.entity.aliases;
}

// Writes see only version-3 entity records: a writable open migrates older
// ones before anything is written.
Result<EntityHead> DecodeWritableEntityHead(std::string_view bytes) {
  ASSIGN_OR_RETURN(EntityHead h, DecodeEntityHead(bytes));
  if (h.inline_sources) {
    return Status::Corruption("entity " + h.entity.id +
                              " is still in the record format of version 2 (`dealgraph check --repair` migrates it)");
  }
  return h;
}

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
  // What removals leave to recompute: each event, entity and relation a
  // removed filing told, once however many of the removed filings told it.
  struct Touched {
    std::vector<std::string> events;  //!< in the order the filings told them
    std::set<std::string> event_set;
    std::set<std::string> entities;
    std::set<std::tuple<std::string, std::string, std::string>> relations;
  };
  // Stages the removal of a stored filing (NotFound when absent) and
  // recomputes what it told.
  Status Remove(const std::string& filing_id);
  // Stages the removal and adds what it told to *touched, for one
  // Recompute after many removals (an entity named by all of them is
  // refolded once, not once per filing).
  Status RemoveOnly(const std::string& filing_id, Touched* touched);
  Status Recompute(const Touched& touched);
  // Stages the addition of an extract whose filing id is not stored.
  Status Add(const FilingExtract& x, AddStats* stats);
  // Repair: refolds event `id` from the tellings of `filings` (those whose
  // touch records name it); sets it aside (z/) when there are none.
  Status RebuildEvent(const std::string& id, const std::vector<std::string>& filings);
  // Puts `value` under z/`key` in the commit (a record set aside).
  void SetAside(const std::string& key, std::string value) { set_aside_.emplace_back(key, std::move(value)); }
  // Repair: refolds a missing entity from the extracts of `filings`.
  Status RebuildEntity(const std::string& id, const std::vector<std::string>& filings);
  // Writes everything staged as one WriteBatch.
  Status Commit();
  // Whether ResolveIdentities could resolve `x` differently were what is
  // staged stored: it looks organizations with a CIK up by name
  // (FindEntities: the alias index, exact and then by prefix, and the hits'
  // records), so it could when an entity staged by Add has a folded name
  // that starts with one of theirs. Add only ever adds names to an entity,
  // so the staged entities' names as they are now cover their stored ones.
  bool StagedNamesMatter(const FilingExtract& x) const;
  // Counts the names of x's entities as staged (StagedNamesMatter sees
  // them): a filing removed or about to be added by this batch.
  void NoteNames(const FilingExtract& x) {
    for (const Entity& e : x.entities) {
      staged_folds_.insert(FoldName(e.name));
      for (const std::string& a : e.aliases) staged_folds_.insert(FoldName(a));
    }
  }

 private:
  // A record as stored before this write (orig) and as it will be after
  // (cur); nullopt = absent.
  template <typename T>
  struct Staged {
    std::optional<T> orig;
    std::optional<T> cur;
  };

  // `index_value(key, record, encoded record)` is the value of each index
  // entry: "" but for the covering families (keys::IsCoveringTag).
  // `same_index(orig, cur)` may say that a changed record keeps its index
  // entries and their values (an entity that only gained a source): then
  // they are not computed at all.
  template <typename T, typename Encode, typename IndexKeys, typename IndexValue, typename SameIndex>
  static void ApplyStaged(KeyOrderedBatch* wb, const std::string& key, const Staged<T>& st, Encode encode,
                          IndexKeys index_keys, IndexValue index_value, int64_t* counter, SameIndex same_index);
  template <typename T, typename Encode, typename IndexKeys, typename IndexValue>
  static void ApplyStaged(KeyOrderedBatch* wb, const std::string& key, const Staged<T>& st, Encode encode,
                          IndexKeys index_keys, IndexValue index_value, int64_t* counter) {
    ApplyStaged(wb, key, st, encode, index_keys, index_value, counter, [](const T&, const T&) { return false; });
  }

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
  Result<Staged<EntityHead>*> EntityAt(const std::string& id) {
    return Load(&entities_, keys::EntityKey(id), &DecodeWritableEntityHead, "entity " + id);
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
  // Rebuilds entity `id` from the tellings of the filings of `sources` (in
  // that order, each once), sources included; deletes it when none names
  // it. `stored`: they are the entity's stored sources, kept as they are
  // where the filing's T/ entry tells it; else each is made anew from the
  // filing's extract (repair, from bare filing ids).
  Status RefoldEntity(const std::string& id, const std::vector<Source>& sources, bool stored);
  // Stages entity `id` as `rebuilt` (its sources aside) with `sources`,
  // writing the difference from the stored list; deletes it when nullopt.
  Status SetEntitySources(const std::string& id, std::optional<Entity> rebuilt, std::vector<Source> sources);
  // Filing `filing_id`'s info and its telling of entity `entity_id`, from the
  // batch when it stages the filing, else read without staging it.
  Result<std::pair<FilingInfo, std::optional<Entity>>> TellingOf(const std::string& entity_id,
                                                                 const std::string& filing_id);
  // Stages sources 0 .. count-1 of entity `id` (those not staged yet, as
  // stored) and returns them; a missing one is damage (Corruption).
  Result<std::vector<Source>> StageEntitySources(const std::string& id, uint64_t count);
  // Appends `source` to the entity's sources unless its last source is
  // from the same filing (an extract naming the entity twice).
  void AppendEntitySource(const std::string& id, EntityHead* head, Source source);
  Status RecomputeRelation(const std::string& from, const std::string& type, const std::string& to);

  RocksStore* store_;
  std::set<std::string, std::less<>> staged_folds_;  //!< folded names of the entities staged (Add, NoteNames)
  std::map<std::string, Staged<FilingExtract>> filings_;
  std::map<std::string, Staged<FilingTouch>> touches_;
  std::map<std::string, Staged<EntityHead>> entities_;
  std::map<std::string, Staged<Source>> entity_sources_;  //!< s/ENTITY/SEQ -> source
  std::map<std::string, Staged<Event>> events_;
  std::map<std::string, Staged<Relation>> relations_;
  std::vector<std::pair<std::string, std::string>> set_aside_;  //!< (record key, value) for z/
};

Result<bool> RocksStore::Batch::FilingPresent(const std::string& filing_id) {
  ASSIGN_OR_RETURN(Staged<FilingExtract>* st, FilingAt(filing_id));
  return st->cur.has_value();
}

Result<std::vector<std::string>> RocksStore::Batch::IdentityMatches(const Event& in) {
  std::set<std::string> ids;
  std::string prefix = IdentityPrefix(in);
  std::vector<std::string> parts;
  // A failed scan is an error, never "no match": that would store the
  // telling as a second event.
  rocksdb::Status s = ScanPrefix(store_->db_.get(), nullptr, prefix, prefix, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && !parts.empty()) ids.insert(parts.back());
    return true;
  });
  if (!s.ok()) return store_->ReadFailed(s, "while looking for stored tellings of event " + in.id);
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
    ASSIGN_OR_RETURN(Staged<EntityHead>* st, EntityAt(in.id));
    int dropped = 0;
    if (!st->cur) {
      st->cur = EntityHead{NewEntityFields(in, &dropped), 0, false};
      new_entities.insert(in.id);
    } else {
      MergeEntityFields(&st->cur->entity, in, &dropped);
    }
    if (dropped > 0) {
      stats->warnings.push_back("entity " + in.id + " keeps absorbing names: " + std::to_string(dropped) +
                                " more not kept (at most " + std::to_string(kMaxAliases) +
                                " aliases and former names each)");
    }
    AppendEntitySource(in.id, &*st->cur, SourceFor(in.sources, info));
    staged_folds_.insert(FoldName(st->cur->entity.name));
    for (const std::string& a : st->cur->entity.aliases) staged_folds_.insert(FoldName(a));
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

bool RocksStore::Batch::StagedNamesMatter(const FilingExtract& x) const {
  auto matters = [&](const std::string& name) {
    std::string f = FoldName(name);
    if (f.empty()) return false;
    auto it = staged_folds_.lower_bound(f);
    return it != staged_folds_.end() && it->compare(0, f.size(), f) == 0;
  };
  for (const Entity& e : x.entities) {
    if (e.type != EntityType::kOrganization || e.cik.empty()) continue;
    if (matters(e.name) || std::any_of(e.aliases.begin(), e.aliases.end(), matters)) return true;
  }
  return false;
}

Status RocksStore::Batch::Remove(const std::string& filing_id) {
  Touched touched;
  RETURN_IF_ERROR(RemoveOnly(filing_id, &touched));
  return Recompute(touched);
}

Status RocksStore::Batch::RemoveOnly(const std::string& filing_id, Touched* touched) {
  ASSIGN_OR_RETURN(Staged<FilingExtract>* fx, FilingAt(filing_id));
  if (!fx->cur) return Status::NotFound("filing " + filing_id + " is not stored");
  FilingExtract x = std::move(*fx->cur);
  ASSIGN_OR_RETURN(FilingTouch* touch_ptr, CheckedTouch(filing_id, x));
  FilingTouch touch = std::move(*touch_ptr);
  // Gone first, so the recomputations no longer see this filing.
  fx->cur.reset();
  ASSIGN_OR_RETURN(Staged<FilingTouch>* tt, TouchAt(filing_id));
  tt->cur.reset();
  NoteNames(x);  // a later filing's resolution could have read them
  for (const std::string& id : touch.event_ids) {
    if (touched->event_set.insert(id).second) touched->events.push_back(id);
  }
  for (const Entity& e : x.entities) touched->entities.insert(e.id);
  for (const Relation& r : x.relations) touched->relations.emplace(r.from, r.type, r.to);
  return Status::Ok();
}

Status RocksStore::Batch::Recompute(const Touched& touched) {
  for (const std::string& id : touched.events) RETURN_IF_ERROR(RecomputeEvent(id));
  for (const std::string& id : touched.entities) RETURN_IF_ERROR(RecomputeEntity(id));
  for (const auto& [from, type, to] : touched.relations) RETURN_IF_ERROR(RecomputeRelation(from, type, to));
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

void RocksStore::Batch::AppendEntitySource(const std::string& id, EntityHead* head, Source source) {
  if (head->source_count > 0) {
    // Only this write can have added the last source from this filing.
    auto last = entity_sources_.find(keys::EntitySourceKey(id, head->source_count - 1));
    if (last != entity_sources_.end() && last->second.cur && last->second.cur->filing == source.filing) return;
  }
  // No key is stored past the count, so there is nothing to load.
  entity_sources_[keys::EntitySourceKey(id, head->source_count)].cur = std::move(source);
  ++head->source_count;
}

Result<std::vector<Source>> RocksStore::Batch::StageEntitySources(const std::string& id, uint64_t count) {
  // What is not staged yet is read in one scan of the entity's sources.
  bool all_staged = true;
  for (uint64_t seq = 0; seq < count && all_staged; ++seq) {
    all_staged = entity_sources_.count(keys::EntitySourceKey(id, seq)) > 0;
  }
  std::map<std::string, Source, std::less<>> stored;
  Status bad;
  if (!all_staged) {
    std::string prefix = keys::EntitySourcePrefix(id);
    rocksdb::Status s = ScanRange(store_->db_.get(), nullptr, prefix, prefix, "",
                                  [&](std::string_view key, std::string_view value) {
                                    Result<Source> src = DecodeSource(value);
                                    if (!src.ok()) {
                                      bad = src.status();
                                      return false;
                                    }
                                    stored.emplace(key, std::move(src).value());
                                    return true;
                                  });
    if (!s.ok()) return FromRocks(s, "while reading the sources of entity " + id);
    if (!bad.ok()) return bad.WithContext("while reading the sources of entity " + id);
  }
  std::vector<Source> out;
  for (uint64_t seq = 0; seq < count; ++seq) {
    std::string key = keys::EntitySourceKey(id, seq);
    auto st = entity_sources_.find(key);
    if (st == entity_sources_.end()) {
      Staged<Source> loaded;
      auto s = stored.find(key);
      if (s != stored.end()) loaded.orig = loaded.cur = std::move(s->second);
      st = entity_sources_.emplace(key, std::move(loaded)).first;
    }
    if (!st->second.cur) {
      return Status::Corruption("entity " + id + " lacks its source #" + std::to_string(seq) +
                                " (`dealgraph check` reports it)");
    }
    out.push_back(*st->second.cur);
  }
  return out;
}

Status RocksStore::Batch::RecomputeEntity(const std::string& id) {
  ASSIGN_OR_RETURN(Staged<EntityHead>* st, EntityAt(id));
  if (!st->cur) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<Source> sources, StageEntitySources(id, st->cur->source_count));
  return RefoldEntity(id, sources, /*stored=*/true);
}

Result<std::pair<FilingInfo, std::optional<Entity>>> RocksStore::Batch::TellingOf(const std::string& entity_id,
                                                                                const std::string& filing_id) {
  using Telling = std::pair<FilingInfo, std::optional<Entity>>;
  const std::string key = keys::FilingKey(filing_id);
  auto staged = filings_.find(key);
  if (staged != filings_.end()) {
    Telling t;
    if (!staged->second.cur) return t;
    t.first = staged->second.cur->filing;
    for (const Entity& e : staged->second.cur->entities) {
      if (e.id == entity_id) {
        t.second = e;
        break;
      }
    }
    return t;
  }
  // Read, not staged: nothing of the filing changes, and decoding and
  // comparing whole extracts of every filing that names a company made a
  // removal cost the company's filings, not the removed one.
  std::string value;
  rocksdb::Status s = store_->db_->Get(rocksdb::ReadOptions(), key, &value);
  if (s.IsNotFound()) return Telling();
  if (!s.ok()) return FromRocks(s, "while reading filing " + filing_id);
  Result<Telling> t = DecodeEntityOfExtract(value, entity_id);
  if (!t.ok()) return t.status().WithContext("while reading filing " + filing_id);
  return t;
}

Status RocksStore::Batch::RefoldEntity(const std::string& id, const std::vector<Source>& sources, bool stored) {
  // What each filing tells of the entity, from its T/ entry: one scan of
  // small records, where reading the extracts of every filing that names a
  // registrant cost a removal hundreds of reads of whole extracts.
  std::unordered_map<std::string, std::string> told;  // filing -> encoded Entity
  if (stored) {
    std::vector<std::string> parts;
    rocksdb::Status scan = ScanPrefixValues(store_->db_.get(), nullptr, keys::TellingPrefix(id),
                                            [&](std::string_view key, std::string_view value) {
                                              char tag;
                                              if (keys::Split(key, &tag, &parts) && parts.size() == 2) {
                                                told.emplace(parts[1], std::string(value));
                                              }
                                              return true;
                                            });
    if (!scan.ok()) return store_->ReadFailed(scan, "while reading the tellings of entity " + id);
  }
  std::optional<Entity> rebuilt;
  std::vector<Source> kept;
  std::unordered_set<std::string_view> seen;  // each filing once: one source each
  for (const Source& source : sources) {
    if (!seen.insert(source.filing).second) continue;
    std::optional<Entity> in;
    Source from = source;
    auto t = told.find(source.filing);
    if (t == told.end() || filings_.count(keys::FilingKey(source.filing))) {
      // Not a stored source with its T/ entry (repair; damage check
      // reports), or staged by this batch (added, replaced or removed):
      // the extract says, and the source is made as AddFiling made it.
      ASSIGN_OR_RETURN(auto telling, TellingOf(id, source.filing));
      if (telling.second) from = SourceFor(telling.second->sources, telling.first);
      in = std::move(telling.second);
    } else {
      Result<Entity> decoded = DecodeEntity(t->second);
      if (!decoded.ok()) {
        return store_->Damaged(keys::PrintableKey(keys::TellingKey(id, source.filing)), decoded.status().message());
      }
      in = std::move(decoded).value();
    }
    if (!in) continue;
    int dropped = 0;  // as when the filings were added: warned of then
    if (!rebuilt) {
      rebuilt = NewEntityFields(*in, &dropped);
    } else {
      MergeEntityFields(&*rebuilt, *in, &dropped);
    }
    kept.push_back(std::move(from));
  }
  return SetEntitySources(id, std::move(rebuilt), std::move(kept));
}

Status RocksStore::Batch::SetEntitySources(const std::string& id, std::optional<Entity> rebuilt,
                                           std::vector<Source> sources) {
  ASSIGN_OR_RETURN(Staged<EntityHead>* st, EntityAt(id));
  uint64_t old_count = st->cur ? st->cur->source_count : 0;
  // Stage every key the old or the new list occupies, so that the commit
  // writes just the difference.
  RETURN_IF_ERROR(StageEntitySources(id, old_count).status());
  for (uint64_t seq = 0; seq < std::max<uint64_t>(old_count, sources.size()); ++seq) {
    Staged<Source>& src = entity_sources_[keys::EntitySourceKey(id, seq)];
    if (seq < sources.size()) {
      src.cur = std::move(sources[seq]);
    } else {
      src.cur.reset();
    }
  }
  if (rebuilt) {
    rebuilt->sources.clear();
    st->cur = EntityHead{std::move(*rebuilt), static_cast<uint64_t>(sources.size()), false};
  } else {
    st->cur.reset();
  }
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

Status RocksStore::Batch::RebuildEvent(const std::string& id, const std::vector<std::string>& filings) {
  ASSIGN_OR_RETURN(Staged<Event>* st, EventAt(id));
  if (!st->cur) return Status::Ok();
  if (filings.empty()) {
    // Nothing tells it any more, and nothing can rebuild it: it is kept
    // aside, not deleted (its index entries go with the record).
    SetAside(keys::EventKey(id), EncodeEvent(*st->cur));
    st->cur.reset();
    return Status::Ok();
  }
  // RecomputeEvent finds the tellings through the sources' filings.
  st->cur->sources.clear();
  for (const std::string& f : filings) st->cur->sources.push_back(Source{f, "", "", ""});
  return RecomputeEvent(id);
}

Status RocksStore::Batch::RebuildEntity(const std::string& id, const std::vector<std::string>& filings) {
  ASSIGN_OR_RETURN(Staged<EntityHead>* st, EntityAt(id));
  if (st->cur) return Status::Ok();
  std::vector<Source> sources;
  for (const std::string& f : filings) sources.push_back(Source{f, "", "", ""});
  return RefoldEntity(id, sources, /*stored=*/false);
}

// Writes the difference between st.orig and st.cur: the record, the index
// entries derived from it (an entry both have is rewritten only when its
// value changed), and the counter.
template <typename T, typename Encode, typename IndexKeys, typename IndexValue, typename SameIndex>
void RocksStore::Batch::ApplyStaged(KeyOrderedBatch* wb, const std::string& key, const Staged<T>& st,
                                    Encode encode, IndexKeys index_keys, IndexValue index_value, int64_t* counter,
                                    SameIndex same_index) {
  std::string old_value = st.orig ? encode(*st.orig) : std::string();
  std::string new_value = st.cur ? encode(*st.cur) : std::string();
  if (st.orig.has_value() == st.cur.has_value() && old_value == new_value) return;
  if (counter) *counter += (st.cur ? 1 : 0) - (st.orig ? 1 : 0);
  if (st.orig && st.cur && same_index(*st.orig, *st.cur)) {
    wb->Put(key, std::move(new_value));
    return;
  }
  std::vector<std::string> old_keys, new_keys;
  if (st.orig) old_keys = index_keys(*st.orig);
  if (st.cur) new_keys = index_keys(*st.cur);
  std::sort(old_keys.begin(), old_keys.end());
  old_keys.erase(std::unique(old_keys.begin(), old_keys.end()), old_keys.end());
  std::sort(new_keys.begin(), new_keys.end());
  new_keys.erase(std::unique(new_keys.begin(), new_keys.end()), new_keys.end());
  for (const std::string& k : old_keys) {
    if (!std::binary_search(new_keys.begin(), new_keys.end(), k)) wb->Delete(k);
  }
  for (const std::string& k : new_keys) {
    std::string value = index_value(k, *st.cur, new_value);
    bool had = std::binary_search(old_keys.begin(), old_keys.end(), k);
    if (had && (value.empty() || value == index_value(k, *st.orig, old_value))) continue;
    wb->Put(k, std::move(value));
  }
  if (st.cur) {
    wb->Put(key, std::move(new_value));
  } else {
    wb->Delete(key);
  }
}

Status RocksStore::Batch::Commit() {
  KeyOrderedBatch staged;
  CountsRecord counts;
  {
    std::lock_guard<std::mutex> lock(store_->counts_mu_);
    counts = store_->counts_;
  }
  for (const auto& [key, st] : filings_) {
    ApplyStaged(&staged, key, st, EncodeFilingExtract, FilingExtractIndexKeys, FilingExtractIndexValue,
                &counts.filings);
  }
  for (const auto& [key, st] : touches_) {
    ApplyStaged(&staged, key, st, EncodeFilingTouch, NoIndexKeys<FilingTouch>, NoIndexValue<FilingTouch>, nullptr);
  }
  for (const auto& [key, st] : entities_) {
    ApplyStaged(&staged, key, st, EncodeEntityHead, EntityHeadIndexKeys, NoIndexValue<EntityHead>, &counts.entities,
                SameEntityIndex);
  }
  for (const auto& [key, st] : entity_sources_) {
    ApplyStaged(&staged, key, st, EncodeSource, NoIndexKeys<Source>, NoIndexValue<Source>, nullptr);
  }
  for (const auto& [key, st] : events_) {
    ApplyStaged(&staged, key, st, EncodeEvent, EventIndexKeys, keys::EventIndexValue, &counts.events);
  }
  for (const auto& [key, st] : relations_) {
    ApplyStaged(&staged, key, st, EncodeRelation, RelationIndexKeys, NoIndexValue<Relation>, &counts.relations);
  }
  for (auto& [key, value] : set_aside_) staged.Put(keys::Make(keys::kSetAside, {key}), std::move(value));
  staged.Put(keys::kCountsKey, EncodeCounts(counts));
  rocksdb::WriteBatch wb;
  rocksdb::Status s = staged.InKeyOrder(&wb);
  if (!s.ok()) return FromRocks(s, "while preparing the write");

  // sync=false: the WAL is on, so a process crash loses nothing; a machine
  // crash may lose the last writes, never half of one.
  rocksdb::WriteOptions wo;
  wo.sync = false;
  wo.disableWAL = false;
  s = store_->db_->Write(wo, &wb);
  if (!s.ok()) return WriteError(s, store_->path_);
  store_->bytes_written_ += wb.GetDataSize();
  std::lock_guard<std::mutex> lock(store_->counts_mu_);
  store_->counts_ = counts;
  return Status::Ok();
}

// ---- RocksStore ------------------------------------------------------------

RocksStore::RocksStore(std::unique_ptr<rocksdb::DB> db, std::string path, bool read_only,
                       int version, CountsRecord counts, rocksdb::Env* env)
    : db_(std::move(db)),
      path_(std::move(path)),
      read_only_(read_only),
      version_(version),
      env_(env),
      counts_(counts) {}

RocksStore::~RocksStore() {
  // The memtables go to table files now, not into the WAL to be replayed:
  // every read-only open (each query command) would replay it, a second
  // per 100 MB of recent writes. A failure (a full disk) leaves the WAL,
  // which is as safe, only slower to open.
  if (db_ && !read_only_) db_->Flush(rocksdb::FlushOptions()).PermitUncheckedError();
  // An ingest that brought back what a damaged log lost ends the marker.
  if (db_ && !read_only_ && !lost_log_.empty()) {
    Result<bool> restored = LostLogRestored();
    if (restored.ok() && *restored) ForgetLostLog(path_);
  }
  // The writer file goes while the LOCK is still held, so it never names a
  // process that no longer writes (a killed writer leaves it; WriterOf
  // trusts only live processes, and /proc/locks first).
  ForgetWriter();
  if (db_) db_->Close().PermitUncheckedError();
}

void RocksStore::DropEmptyWals() {
  // Every writable open starts a new write-ahead log, and RocksDB 7.8 keeps
  // the logs of earlier opens that wrote nothing until a flush (fixed in
  // RocksDB 8.3, facebook/rocksdb#11409): an ingest that finds nothing new
  // left one more empty .log file behind, and every read-only open (each
  // query command) opens them all. Older empty logs hold nothing to
  // recover; RocksDB's maintainers give deleting them as the mitigation
  // while WAL tracking in the MANIFEST is off (it is, by default). Done
  // under the writer's lock, never on the log in use.
  std::unique_ptr<rocksdb::LogFile> current;
  if (!db_->GetCurrentWalFile(&current).ok() || current == nullptr) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 5 || name.compare(name.size() - 4, 4, ".log") != 0) continue;
    uint64_t number = 0;
    auto [end, err] = std::from_chars(name.data(), name.data() + name.size() - 4, number);
    if (err != std::errc() || end != name.data() + name.size() - 4) continue;
    if (number >= current->LogNumber()) continue;
    std::error_code size_ec;
    if (entry.file_size(size_ec) != 0 || size_ec) continue;
    std::filesystem::remove(entry.path(), size_ec);
  }
}

void RocksStore::RecordWriter() {
  std::string file = path_ + "/" + kWriterFile;
  std::ofstream out(file, std::ios::trunc);
  out << ::getpid() << "\n" << CommandOf(::getpid()) << "\n";
  out.close();
  // A full disk may refuse even this; the lock is what counts.
  wrote_writer_file_ = static_cast<bool>(out);
}

void RocksStore::ForgetWriter() {
  if (!wrote_writer_file_) return;
  std::error_code ec;
  std::filesystem::remove(path_ + "/" + kWriterFile, ec);
  wrote_writer_file_ = false;
}

namespace {

// RocksDB's error for a store that is not there, in its several wordings.
bool IsMissingStore(const rocksdb::Status& s) {
  return (s.IsInvalidArgument() && Mentions(s, "does not exist")) || s.IsPathNotFound() ||
         (s.IsIOError() && Mentions(s, "No such file"));
}

// RocksDB's info log, written with stdio. RocksDB's own logger shares the
// file writer's rule that a write after a failed write is a bug (an assert
// in Debian's build): on a full disk, the LOG fails first and the next log
// line, the one reporting the full disk, would abort the process. Here a
// failed log line is just lost. Readers log nothing: they must not touch a
// directory another process writes (or one they cannot write).
class StoreLogger : public rocksdb::Logger {
 public:
  explicit StoreLogger(const std::string& dir) : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL) {
    if (dir.empty()) return;
    std::string path = dir + "/LOG";
    std::error_code ec;
    // One old log is kept, like keep_log_file_num would.
    if (std::filesystem::file_size(path, ec) > (4u << 20) && !ec) {
      std::filesystem::rename(path, path + ".old", ec);
    }
    file_ = std::fopen(path.c_str(), "a");
  }
  ~StoreLogger() override {
    if (file_) std::fclose(file_);
  }
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (!file_) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::time_t now = std::time(nullptr);
    std::tm tm;
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    std::fputs(stamp, file_);
    std::vfprintf(file_, format, ap);
    std::fputc('\n', file_);
    std::fflush(file_);
  }

 private:
  std::mutex mu_;
  std::FILE* file_ = nullptr;
};

rocksdb::Options StoreRocksOptions(const StoreOptions& options, rocksdb::Env* env, const std::string& path) {
  rocksdb::Options o;
  std::error_code ec;
  bool dir_exists = std::filesystem::is_directory(path, ec);
  if (!options.read_only && !dir_exists && options.create_if_missing) {
    std::filesystem::create_directories(path, ec);
    dir_exists = !ec;
  }
  o.info_log = std::make_shared<StoreLogger>(options.read_only || !dir_exists ? std::string() : path);
  o.create_if_missing = !options.read_only && options.create_if_missing;
  if (env) o.env = env;
  o.compression = PickCompression();
  o.write_buffer_size = kWriteBufferBytes;
  o.max_write_buffer_number = 3;
  o.level0_file_num_compaction_trigger = kLevel0Files;
  o.max_background_jobs = 2;
  o.keep_log_file_num = 3;
  // Every table's checksums and sizes are verified when it opens, and a
  // read or compaction that meets damage stops writes instead of going on.
  o.paranoid_checks = true;
  // The write-ahead log recovers to the last whole batch before the first
  // damaged record, on purpose. Every batch is whole filings in input order
  // (a filing is never split, docs/reliability.md), so what survives is a
  // store an ingest cut short would leave, which ingesting the same folders
  // again completes (ingest is idempotent). kTolerateCorruptedTailRecords
  // would refuse to open at all over one bad byte in the log, and
  // kSkipAnyCorruptedRecords would apply batches that read state a skipped
  // one wrote. What this drops is found beforehand (ScanLogs, lost_log.h),
  // said on open and kept in a marker until it is back.
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  // ZSTD at every level. Files at the last level, where a big store's data
  // ends up (~90% of it, below), each have a dictionary trained on samples
  // of their blocks: records are small and alike (ids, type names, field
  // layouts), so a block compresses against the dictionary (the builder
  // buffers a file's blocks until it has enough samples; the buffer is
  // capped so compactions stay small in memory). A 2 GiB corpus settles to
  // 974 bytes per event.
  //
  // Files above it (flushes, mostly, short-lived) go without a dictionary:
  // buffering and replaying the blocks for one cost the flush thread a
  // third of its CPU, which --jobs 2 takes from the extractors (g10k
  // --jobs 2: 3.02 -> 2.84 s; --jobs 1 unchanged, its flushes run on the
  // other core). An unsettled store (an ingest under settle_min_bytes)
  // is 7% larger for it (g10k: 17.9 -> 19.1 MB). With LZ4 there instead it
  // was 19% larger and no faster (docs/performance.md, "Session 11").
  //
  // The last level's files are written once, when a store settles, and read
  // for years: they take ZSTD level 6 and a 64 KiB dictionary (level 3 and
  // 16 KiB before session 12). With the 8 KiB blocks below, a 2.4 GB corpus
  // of full-length generated filings settles to 974 bytes per event where it
  // took 1,120 (docs/performance.md, "Session 12").
  if (o.compression == rocksdb::kZSTD) {
    rocksdb::CompressionOptions& last = o.bottommost_compression_opts;
    last.enabled = true;
    last.level = 6;
    last.max_dict_bytes = 64 << 10;
    last.zstd_max_train_bytes = 100 * (64 << 10);
    last.max_dict_buffer_bytes = 8 << 20;
    o.bottommost_compression = rocksdb::kZSTD;
  }
  // Levels sized from the last one up: the last level holds ~90% of the
  // data, so the space taken by versions not yet compacted away stays ~10%.
  o.level_compaction_dynamic_level_bytes = true;
  // Queries (read-only opens) map the table files: a block read is then a
  // copy out of the page cache without a pread system call, which is
  // expensive on this VM (agreements of a company: mean and p99 -10%,
  // docs/performance.md). Writers keep pread, so that the pages compactions
  // read do not count into an ingest's resident set.
  o.allow_mmap_reads = options.read_only;
  // Ingest looks up every entity and event of a filing before writing it,
  // and most are new: a whole-key bloom filter on the memtable answers
  // "absent" without searching it.
  o.memtable_whole_key_filtering = true;
  o.memtable_prefix_bloom_size_ratio = 0.02;
  o.prefix_extractor = std::make_shared<FirstComponentPrefix>();
  o.memtable_insert_with_hint_prefix_extractor = std::make_shared<WholeKeySpace>();
  rocksdb::BlockBasedTableOptions table;
  // 8 KiB blocks (RocksDB's default is 4): a block compresses against more
  // of its neighbours, the store is 5% smaller for it, and a point read
  // decompresses twice the bytes. At 1,000,000 events, two runs: history A
  // B mean 0.34-0.36 -> 0.43-0.50 ms, p99 0.84-1.0 -> 1.05-1.26 ms;
  // agreements p99 3.4 -> 2.9-3.6 ms; a read-only open 60 -> 30 ms.
  table.block_size = 8 << 10;
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

// What a file in a store folder holds of the store's data: 's' for a
// table (NNNNNN.sst), 'l' for a write-ahead log (NNNNNN.log) that is not
// empty, else 0. The other files (MANIFEST, OPTIONS, IDENTITY, LOG) are
// there from the first moments of a creation, before any data: a writer
// killed then leaves them without CURRENT, and creating the store anew over
// them loses nothing.
char DataFileKind(const std::filesystem::directory_entry& e) {
  const std::string name = e.path().filename().string();
  if (name.size() <= 4 || name[name.size() - 4] != '.') return 0;
  if (!std::all_of(name.begin(), name.end() - 4, [](char c) { return c >= '0' && c <= '9'; })) return 0;
  std::string_view ext(name.data() + name.size() - 3, 3);
  std::error_code ec;
  if (ext == "sst") return 's';
  if (ext == "log" && e.file_size(ec) > 0 && !ec) return 'l';
  return 0;
}

}  // namespace

namespace {

// One look at a store folder for a lost CURRENT or MANIFEST (LostFiles).
std::string LostFilesOnce(const std::string& path);

// Whether another process holds the store's LOCK (RocksDB locks it with
// fcntl): its files are then in flux, not lost.
bool LockHeldElsewhere(const std::string& path) {
  const int fd = ::open((path + "/LOCK").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  const bool held = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

bool SameFolder(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

}  // namespace

std::string RocksStore::LostFiles(const std::string& path) {
  // A restore swaps a whole new folder in at `path` (renameat2) while it
  // holds the lock: a look that straddles the swap (CURRENT read from the
  // old folder, the MANIFEST looked for in the new one) sees a loss that is
  // not there. Such a look is taken again; a folder another process holds
  // is left to RocksDB's open, which names the writer.
  for (int attempt = 0; attempt < 5; ++attempt) {
    struct stat before {}, after {};
    if (::stat(path.c_str(), &before) != 0) return {};
    std::string lost = LostFilesOnce(path);
    if (lost.empty()) return {};
    if (::stat(path.c_str(), &after) == 0 && !SameFolder(before, after)) continue;
    if (LockHeldElsewhere(path)) return {};
    return lost;
  }
  return {};
}

namespace {

std::string LostFilesOnce(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool has_data = false;
  for (const fs::directory_entry& e : fs::directory_iterator(path, ec)) {
    if (DataFileKind(e) != 0) {
      has_data = true;
      break;
    }
  }
  if (!has_data) return {};
  std::ifstream current(path + "/CURRENT");
  if (!current) return "its CURRENT file is lost";
  std::string manifest;
  std::getline(current, manifest);
  if (manifest.empty() || manifest.find('/') != std::string::npos) return "its CURRENT file is damaged";
  if (!fs::exists(path + "/" + manifest, ec)) return "its MANIFEST (" + manifest + ", which CURRENT names) is lost";
  return {};
}

}  // namespace

Result<std::string> RocksStore::Salvage(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int tables = 0, logs = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(path, ec)) {
    const char kind = DataFileKind(e);
    tables += kind == 's';
    logs += kind == 'l';
  }
  if (ec) return Status::IoError("cannot read store folder " + path + ": " + ec.message());
  StoreOptions so;
  so.create_if_missing = false;
  rocksdb::Options o = StoreRocksOptions(so, nullptr, path);
  // RepairDB takes the store's LOCK, reads every table and log, and writes
  // a new MANIFEST and CURRENT naming what it could read (what it cannot
  // goes to lost/, not away).
  rocksdb::Status s = rocksdb::RepairDB(path, o);
  if (!s.ok()) {
    if (IsLockError(s)) return Status::Busy("store " + path + " is being written by " + WriterOf(path, false));
    return FromRocks(s, "while salvaging store " + path + " with RocksDB's RepairDB");
  }
  return "rebuilt its MANIFEST from " + std::to_string(tables) + (tables == 1 ? " table file" : " table files") +
         " and " + std::to_string(logs) + (logs == 1 ? " log" : " logs");
}

Result<std::unique_ptr<RocksStore>> RocksStore::Open(const std::string& path,
                                                     const StoreOptions& options, rocksdb::Env* env) {
  {
    // A folder of store files that lost CURRENT (or the MANIFEST it names)
    // looks to RocksDB like no database: create_if_missing would start an
    // empty one over the tables, and the next open delete them. Never: the
    // files are salvaged by `check --repair` (Salvage) instead.
    std::error_code ec;
    if (env == nullptr && std::filesystem::is_directory(path, ec)) {
      if (std::string lost = LostFiles(path); !lost.empty()) {
        return Status::Corruption("store " + path + " does not open: " + lost +
                                  "; it is not made anew over its files: run `dealgraph check --repair --db " +
                                  path + "` to salvage it");
      }
    }
    // RocksDB makes the directory (and a LOCK file) before it finds there is
    // no database; a store that may not be created is looked for first.
    bool may_create = !options.read_only && options.create_if_missing;
    if (!may_create && env == nullptr && !std::filesystem::exists(path + "/CURRENT", ec)) {
      return Status::NotFound("no store at " + path);
    }
  }
  // A damaged log tail is found before RocksDB replays it (and, on a
  // writable open, deletes the log): the marker is written first.
  LostLog found;
  if (env == nullptr) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) found = ScanLogs(path);
    if (!found.empty() && !options.read_only) {
      Result<LostLog> marked = LoadLostLog(path);
      if (marked.ok() && !marked->empty()) found = std::move(marked).value();  // the first loss is the one to undo
      RETURN_IF_ERROR_CTX(SaveLostLog(path, found), "store " + path + ": its write-ahead log is damaged");
    }
  }
  rocksdb::Options o = StoreRocksOptions(options, env, path);
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  // A read-only open lists the live files and then opens them; a writer
  // that deletes an obsolete file in between makes it fail with "No such
  // file". The store is there: try again on the newer file list.
  for (int attempt = 0;; ++attempt) {
    s = options.read_only ? rocksdb::DB::OpenForReadOnly(o, path, &raw) : rocksdb::DB::Open(o, path, &raw);
    std::error_code ec;
    bool retry = options.read_only && !s.ok() && attempt < 5 && IsMissingStore(s) &&
                 std::filesystem::exists(path + "/CURRENT", ec);
    if (!retry) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * (attempt + 1)));
  }
  if (!s.ok()) {
    if (IsLockError(s)) {
      return Status::Busy("store " + path + " is being written by " +
                          WriterOf(path, Mentions(s, "lock hold by current process")) +
                          "; wait for it to finish (read-only commands work meanwhile)");
    }
    if (IsMissingStore(s)) return Status::NotFound("no store at " + path + " (" + s.ToString() + ")");
    if (!options.read_only && (s.IsIOError() || s.IsNoSpace())) {
      Status w = WriteError(s, path);
      if (w.message().rfind("while writing", 0) != 0) return w;
    }
    return FromRocks(s, "while opening store " + path);
  }
  std::unique_ptr<rocksdb::DB> db(raw);

  std::string value;
  s = db->Get(rocksdb::ReadOptions(), std::string(keys::kVersionKey), &value);
  int version = 0;
  CountsRecord counts;
  if (s.IsNotFound()) {
    rocksdb::ReadOptions any;
    any.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(any));
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
      if (!ws.ok()) return WriteError(ws, path).WithContext("while initializing the store");
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
  std::unique_ptr<RocksStore> store(
      new RocksStore(std::move(db), path, options.read_only, version, counts, env));
  store->settle_min_bytes_ = options.settle_min_bytes;
  if (env == nullptr) {
    Result<LostLog> marked = LoadLostLog(path);
    if (!marked.ok()) return marked.status();
    store->lost_log_ = !marked->empty() ? std::move(marked).value() : std::move(found);
    if (!store->lost_log_.empty()) {
      ASSIGN_OR_RETURN(bool restored, store->LostLogRestored());
      if (restored) {
        if (!options.read_only) ForgetLostLog(path);
        store->lost_log_ = LostLog();
      }
    }
  }
  if (!options.read_only) {
    store->RecordWriter();
    store->DropEmptyWals();
  }
  if (version < kStoreFormatVersion) {
    std::string from_to = "from format version " + std::to_string(version) + " to " +
                          std::to_string(kStoreFormatVersion);
    if (options.read_only) {
      store->notice_ = "store " + path + " has format version " + std::to_string(version) +
                       ": it is read as it is; a writable command (`dealgraph check --repair`, or any "
                       "ingest) migrates it to version " + std::to_string(kStoreFormatVersion);
    } else {
      RepairReport done;
      long long split = 0;
      RETURN_IF_ERROR_CTX(store->RepairCounting(RepairOptions{}, &done, &split),
                          "while migrating store " + path + " " + from_to);
      const long long fixes = done.index_written + done.index_deleted;
      store->notice_ = "migrated store " + path + " " + from_to + " (" + std::to_string(fixes) +
                       " index entries written, " + std::to_string(split) + " entity records split)";
    }
  }
  return store;
}

namespace {

// RocksDB's LOCK on a store folder, as a writer takes it (the same fcntl
// lock on FOLDER/LOCK), held until Release or the end of the object.
class FolderLock {
 public:
  FolderLock() = default;
  ~FolderLock() { Release(); }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  // Busy, naming the writer, when another open holds it.
  Status Take(const std::string& dir) {
    rocksdb::Status s = rocksdb::Env::Default()->LockFile(dir + "/LOCK", &lock_);
    if (s.ok()) return Status::Ok();
    lock_ = nullptr;
    if (IsLockError(s)) {
      return Status::Busy("store " + dir + " is being written by " +
                          WriterOf(dir, Mentions(s, "lock hold by current process")) +
                          "; wait for it to finish (read-only commands work meanwhile)");
    }
    return FromRocks(s, "while locking store " + dir);
  }
  void Release() {
    if (lock_) rocksdb::Env::Default()->UnlockFile(lock_).PermitUncheckedError();
    lock_ = nullptr;
  }

 private:
  rocksdb::FileLock* lock_ = nullptr;
};

}  // namespace

Result<BackupInfo> RocksStore::Restore(const std::string& backup_dir, const std::string& path,
                                       const RestoreOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string target = path;
  while (target.size() > 1 && target.back() == '/') target.pop_back();
  const bool existed = fs::exists(target, ec);
  if (existed) {
    if (!fs::is_directory(target, ec)) return Status::InvalidArgument(path + " exists and is not a folder");
    if (!fs::is_empty(target, ec) && !options.overwrite) {
      return Status::InvalidArgument("store " + path + " is not empty; restore replaces it only with --force");
    }
  } else if (!fs::is_directory(backup_dir, ec)) {
    return Status::NotFound("no backup folder at " + backup_dir);
  }
  // The writer's lock on the store is held from here to the end, so no
  // ingest (nor another restore) runs meanwhile: it is refused as a second
  // writer is, naming this process. The folder is made first, when missing,
  // to have a LOCK to hold.
  if (!existed && !fs::create_directories(target, ec) && ec) {
    return Status::IoError("cannot make store folder " + path + ": " + ec.message());
  }
  auto undo_new = [&] {
    if (!existed) fs::remove_all(target, ec);
  };
  FolderLock lock;
  if (Status st = lock.Take(target); !st.ok()) {
    undo_new();
    return st;
  }
  // The restored store is built in a sibling folder, checked, and then
  // swapped in whole: a restore that fails leaves the store as it was. A
  // sibling left by a restore that was killed is this store's own (its
  // restores all hold the lock now held): it goes.
  const std::string sibling = target + ".restore-" + std::to_string(::getpid());
  const std::string stale_prefix = fs::path(target).filename().string() + ".restore-";
  for (const fs::directory_entry& e : fs::directory_iterator(fs::path(target).parent_path().empty()
                                                                 ? fs::path(".")
                                                                 : fs::path(target).parent_path(),
                                                             ec)) {
    if (e.path().filename().string().rfind(stale_prefix, 0) == 0) fs::remove_all(e.path(), ec);
  }
  auto fail = [&](const Status& st) -> Status {
    fs::remove_all(sibling, ec);
    lock.Release();
    undo_new();
    return st;
  };
  Result<BackupInfo> info = RestoreDatabase(backup_dir, sibling);
  if (!info.ok()) return fail(info.status());
  {
    StoreOptions ro;
    ro.read_only = true;
    Result<std::unique_ptr<RocksStore>> restored = Open(sibling, ro);
    if (!restored.ok()) return fail(restored.status().WithContext("the restored store does not open"));
  }
  // The restored folder is locked before it takes the store's name, so an
  // ingest that opens the store after the swap still waits for this one.
  FolderLock restored_lock;
  if (Status st = restored_lock.Take(sibling); !st.ok()) return fail(st);
  // One atomic exchange of the two folders: at no moment is there no store
  // at `path`, or half of one.
  if (::renameat2(AT_FDCWD, sibling.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    const int e = errno;
    restored_lock.Release();
    return fail(Status::IoError("cannot swap the restored store into " + path + ": " + std::strerror(e)));
  }
  // `sibling` now names the old store.
  fs::remove_all(sibling, ec);
  lock.Release();
  restored_lock.Release();
  return std::move(info).value();
}

Result<std::vector<FilingInfo>> RocksStore::FilingsOf(std::string_view registrant_id) const {
  if (version_ < 2) return Store::FilingsOf(registrant_id);  // no n/ index yet
  std::vector<FilingInfo> out;
  if (registrant_id.empty()) return out;
  rocksdb::ManagedSnapshot snap(db_.get());
  std::string prefix = keys::Make(keys::kRegistrant, {registrant_id});
  std::vector<std::string> ids, parts;
  rocksdb::Status s = ScanPrefix(db_.get(), snap.snapshot(), prefix, prefix, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 3) ids.push_back(parts[2]);
    return true;
  });
  if (!s.ok()) return ReadFailed(s, "while reading the filings of " + std::string(registrant_id));
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  std::string value;
  for (const std::string& id : ids) {
    s = db_->Get(ro, keys::FilingKey(id), &value);
    if (s.IsNotFound()) return Damaged("filings by registrant", "the index names filing " + id + ", which is not stored");
    if (!s.ok()) return ReadFailed(s, "while reading filing " + id);
    Result<FilingInfo> info = DecodeFilingInfoOfExtract(value);
    if (!info.ok()) return Damaged("filing " + id, info.status().message());
    out.push_back(std::move(info).value());
  }
  return out;
}

Result<CheckReport> RocksStore::Check() const {
  rocksdb::ManagedSnapshot snap(db_.get());
  ASSIGN_OR_RETURN(StoreScan scan, ScanStore(db_.get(), snap.snapshot(), version_));
  if (!lost_log_.empty()) {
    std::string which;
    for (size_t i = 0; i < lost_missing_.size() && i < 10; ++i) which += (i ? ", " : ": ") + lost_missing_[i];
    if (lost_missing_.size() > 10) which += ", ...";
    scan.report.problems.insert(scan.report.problems.begin(),
                                CheckProblem{"lost-log", "write-ahead log " + lost_log_.log,
                                             LostLogNotice() + (which.empty() ? "" : " (not back" + which + ")"),
                                             true});
  }
  return std::move(scan.report);
}

Result<RepairReport> RocksStore::RepairWith(const RepairOptions& options) {
  RepairReport report;
  long long split = 0;
  RETURN_IF_ERROR(RepairCounting(options, &report, &split));
  return report;
}

Status RocksStore::SplitEntitySources(long long* split) {
  constexpr size_t kOpsPerBatch = 50000;
  rocksdb::WriteBatch wb;
  auto flush = [&]() -> Status {
    if (wb.Count() == 0) return Status::Ok();
    rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &wb);
    wb.Clear();
    return s.ok() ? Status::Ok() : WriteError(s, path_);
  };
  std::string prefix = keys::Make(keys::kEntity, {});
  std::string end = PrefixEnd(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &end_slice;
  ro.fill_cache = false;
  SetScanMode(&ro, prefix);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));  // an implicit snapshot
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    Result<EntityHead> h = DecodeEntityHead(std::string_view(it->value().data(), it->value().size()));
    if (!h.ok() || !h->inline_sources) continue;  // damage is Check's to report
    rocksdb::Status s;
    for (uint64_t seq = 0; seq < h->entity.sources.size() && s.ok(); ++seq) {
      s = wb.Put(keys::EntitySourceKey(h->entity.id, seq), EncodeSource(h->entity.sources[seq]));
    }
    h->entity.sources.clear();
    if (s.ok()) s = wb.Put(it->key(), EncodeEntityHead(*h));
    if (!s.ok()) return FromRocks(s, "while preparing the migration");
    ++*split;
    // Whole entities per batch: a migration cut short leaves each record
    // in one format or the other, both readable.
    if (wb.Count() >= kOpsPerBatch) RETURN_IF_ERROR(flush());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "while reading the entities of store " + path_);
  return flush();
}

Status RocksStore::RepairCounting(const RepairOptions& options, RepairReport* report, long long* entities_split) {
  const bool dry = options.dry_run;
  report->dry_run = dry;
  if (read_only_ && !dry) return Status::InvalidArgument("store " + path_ + " is open read-only");
  if (version_ < 3) {
    report->migrated = true;
    if (!dry) RETURN_IF_ERROR(SplitEntitySources(entities_split));
  }
  ASSIGN_OR_RETURN(StoreScan scan, ScanStore(db_.get(), nullptr, dry ? version_.load() : kStoreFormatVersion));
  const CountsRecord before = scan.actual;

  // Facts first, through the same staged writes as AddFiling and
  // RemoveFiling; their index entries follow from the records. An event no
  // filing tells any more is set aside, not deleted (RebuildEvent).
  long long events_set_aside = 0;
  if (!scan.sourceless_events.empty() || !scan.missing_entities.empty()) {
    Batch batch(this);
    for (const auto& [id, filings] : scan.sourceless_events) {
      RETURN_IF_ERROR_CTX(batch.RebuildEvent(id, filings), "while rebuilding event " + id);
      if (filings.empty()) {
        ++events_set_aside;
        report->set_aside.emplace_back(keys::PrintableKey(keys::EventKey(id)), "an event no stored filing tells");
      } else {
        ++report->events_rebuilt;
      }
    }
    for (const auto& [id, filings] : scan.missing_entities) {
      if (filings.empty()) continue;  // named, but by no stored extract: the dangling name stays reported
      RETURN_IF_ERROR_CTX(batch.RebuildEntity(id, filings), "while rebuilding entity " + id);
      ++report->entities_rebuilt;
    }
    if (!dry) {
      RETURN_IF_ERROR_CTX(batch.Commit(), "while repairing store " + path_);
      ASSIGN_OR_RETURN(scan, ScanStore(db_.get(), nullptr, kStoreFormatVersion));
    }
  }

  // Then index entries, and the records that belong to nothing (touch
  // records of filings not stored, sources past their entity), which are
  // set aside under z/. In bounded batches: each fix is a pure function of
  // the records, so a repair cut short is finished by the next one; the
  // counts and the version are written last.
  for (const std::string& k : scan.orphan_touches) {
    report->set_aside.emplace_back(keys::PrintableKey(k), "the touch record of a filing that is not stored");
  }
  for (const std::string& k : scan.orphan_sources) {
    // (Dry, the scan is of the store before the refolds: the sources of an
    // entity about to be refolded are rewritten by it, not set aside.)
    char tag;
    std::vector<std::string> parts;
    if (dry && keys::Split(k, &tag, &parts) && !parts.empty()) {
      auto m = scan.missing_entities.find(parts[0]);
      if (m != scan.missing_entities.end() && !m->second.empty()) continue;
    }
    report->set_aside.emplace_back(keys::PrintableKey(k), "a source of an entity not stored, or past its count");
  }
  report->index_written = static_cast<long long>(scan.missing_index.size() + scan.wrong_value_index.size());
  report->index_deleted = static_cast<long long>(scan.stale_index.size());
  report->counts_rewritten = scan.counts_differ || dry;
  report->kept = StoreCounts{before.filings, before.entities, before.events - report->events_rebuilt - events_set_aside,
                             before.relations};
  if (dry) {
    report->after = StoreCounts{before.filings, before.entities + report->entities_rebuilt,
                                before.events - events_set_aside, before.relations};
    report->lost_log_accepted = !lost_log_.empty();
    return Status::Ok();
  }
  constexpr size_t kOpsPerBatch = 50000;
  rocksdb::WriteOptions wo;
  rocksdb::WriteBatch wb;
  auto flush = [&]() -> Status {
    if (wb.Count() == 0) return Status::Ok();
    rocksdb::Status s = db_->Write(wo, &wb);
    wb.Clear();
    if (!s.ok()) return WriteError(s, path_);
    return Status::Ok();
  };
  auto op = [&](rocksdb::Status s) -> Status {
    if (!s.ok()) return FromRocks(s, "while preparing the repair");
    if (wb.Count() >= kOpsPerBatch) return flush();
    return Status::Ok();
  };
  // A covering entry's value is its event's copy, read from the record.
  auto put_entry = [&](const std::string& k) -> Status {
    if (!keys::IsCoveringTag(k[0])) return op(wb.Put(k, rocksdb::Slice()));
    char tag;
    std::vector<std::string> parts;
    std::string encoded;
    if (!keys::Split(k, &tag, &parts) || parts.empty()) return Status::Ok();
    if (tag == keys::kTelling) {  // the filing's telling, read from its extract
      if (parts.size() != 2) return Status::Ok();
      rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::FilingKey(parts[1]), &encoded);
      if (!s.ok()) return ReadFailed(s, "while reading filing " + parts[1]);
      ASSIGN_OR_RETURN(FilingExtract x, DecodeFilingExtract(encoded));
      return op(wb.Put(k, keys::TellingValue(k, x)));
    }
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::EventKey(parts.back()), &encoded);
    if (!s.ok()) return ReadFailed(s, "while reading event " + parts.back());
    ASSIGN_OR_RETURN(Event e, DecodeEvent(encoded));
    return op(wb.Put(k, keys::EventIndexValue(k, e, encoded)));
  };
  // The record moves to z/ in the same batch as it leaves its key.
  auto set_aside = [&](const std::string& k) -> Status {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), k, &value);
    if (s.IsNotFound()) return Status::Ok();
    if (!s.ok()) return ReadFailed(s, "while reading " + keys::PrintableKey(k));
    s = wb.Put(keys::Make(keys::kSetAside, {k}), value);
    return op(s.ok() ? wb.Delete(k) : s);
  };
  for (const std::string& k : scan.missing_index) RETURN_IF_ERROR(put_entry(k));
  for (const std::string& k : scan.wrong_value_index) RETURN_IF_ERROR(put_entry(k));
  for (const std::string& k : scan.stale_index) RETURN_IF_ERROR(op(wb.Delete(k)));
  for (const std::string& k : scan.orphan_touches) RETURN_IF_ERROR(set_aside(k));
  for (const std::string& k : scan.orphan_sources) RETURN_IF_ERROR(set_aside(k));
  RETURN_IF_ERROR(flush());

  CountsRecord counts = scan.actual;
  rocksdb::Status s = wb.Put(std::string(keys::kCountsKey), EncodeCounts(counts));
  if (s.ok()) s = wb.Put(std::string(keys::kVersionKey), std::to_string(kStoreFormatVersion));
  if (!s.ok()) return FromRocks(s, "while preparing the repair");
  wo.sync = true;
  RETURN_IF_ERROR(flush());
  {
    std::lock_guard<std::mutex> lock(counts_mu_);
    counts_ = counts;
  }
  version_ = kStoreFormatVersion;
  report->after = StoreCounts{counts.filings, counts.entities, counts.events, counts.relations};
  if (!lost_log_.empty()) {
    // Said once more by the caller, then no longer reported.
    ForgetLostLog(path_);
    lost_log_ = LostLog();
    lost_missing_.clear();
    report->lost_log_accepted = true;
  }
  return Status::Ok();
}

Status RocksStore::Compact() {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  rocksdb::CompactRangeOptions o;
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
  // Everything ends at the last level, where levels sized from the last
  // one up want it (without a target, a small store's run lands in L1).
  o.change_level = true;
  o.target_level = db_->NumberLevels() - 1;
  rocksdb::Status s = db_->CompactRange(o, nullptr, nullptr);
  if (!s.ok()) return WriteError(s, path_);
  return Status::Ok();
}

Status RocksStore::Settle() {
  if (read_only_ || bytes_written_ < settle_min_bytes_) return Status::Ok();
  rocksdb::Status s = db_->Flush(rocksdb::FlushOptions());
  if (!s.ok()) return WriteError(s, path_);
  // Most of the store is new (a first ingest of a corpus): compact it all,
  // into one sorted run at the last level, where RocksDB drops the
  // sequence numbers and the store takes its smallest size. The batches
  // are uncompressed and count rewrites, so twice the table files' size
  // means most of their content came from this open.
  uint64_t live = 0;
  if (db_->GetIntProperty(rocksdb::DB::Properties::kLiveSstFilesSize, &live) && bytes_written_ >= 2 * live) {
    return Compact();
  }
  // An automatic compaction may hold some level-0 files (and would be
  // abandoned by Close); CompactFiles refuses files being compacted, so
  // wait for it, then move what is left. Bounded: a compaction that fails
  // (a full disk) sets a background error, and then nothing runs; a
  // CompactFiles refused for another reason is tried at most 20 times.
  int refused = 0;
  for (int round = 0; round < 100000 && refused < 20; ++round) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(&meta);
    if (meta.levels.empty()) return Status::Ok();
    std::vector<std::string> l0;
    bool busy = false;
    for (const rocksdb::SstFileMetaData& f : meta.levels[0].files) {
      if (f.being_compacted) {
        busy = true;
      } else {
        l0.push_back(f.name);
      }
    }
    uint64_t errors = 0;
    db_->GetIntProperty(rocksdb::DB::Properties::kBackgroundErrors, &errors);
    if (errors > 0) return Status::Ok();
    if (busy) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    // One file is one sorted run: compacting it down would rewrite the
    // level below for a single seek saved.
    if (l0.size() < 2) return Status::Ok();
    uint64_t base = 0;
    if (!db_->GetIntProperty("rocksdb.base-level", &base) || base < 1) return Status::Ok();
    rocksdb::CompactionOptions co;
    co.compression = rocksdb::kDisableCompressionOption;  // the level's own (ZSTD, dictionary)
    co.output_file_size_limit = rocksdb::Options().target_file_size_base;
    s = db_->CompactFiles(co, l0, static_cast<int>(base));
    if (s.ok()) return Status::Ok();
    // Files taken by a compaction that started meanwhile: look again.
    if (!s.IsInvalidArgument() && !s.IsAborted()) return WriteError(s, path_);
    ++refused;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status::Ok();
}

Result<BackupInfo> RocksStore::Backup(const std::string& backup_dir) {
  if (read_only_) {
    return Status::InvalidArgument("store " + path_ + " is open read-only; a backup needs the writer's lock");
  }
  return BackupDatabase(db_.get(), env_, backup_dir);
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

Result<bool> RocksStore::ResolvedPresence(Batch* batch, FilingExtract* x) {
  RETURN_IF_ERROR(ValidateExtract(*x));
  RETURN_IF_ERROR_CTX(ResolveIdentities(*this, x).status(), "while adding filing " + x->filing.id);
  return batch->FilingPresent(x->filing.id);
}

std::vector<Result<AddStats>> RocksStore::AddFilings(std::vector<FilingExtract>& extracts, bool replace) {
  std::vector<Result<AddStats>> out(extracts.size(), AddStats());
  if (read_only_) {
    std::fill(out.begin(), out.end(), Status::InvalidArgument("store " + path_ + " is open read-only"));
    return out;
  }
  // The filings [begin, k) are staged in `batch`, each resolved against the
  // store as it was before them: none of them staged a name the next one's
  // resolution reads (StagedNamesMatter), or the batch is written first.
  // A replacement goes alone: removing a filing can rename entities.
  size_t begin = 0;
  auto batch = std::make_unique<Batch>(this);
  auto write = [&](size_t end) {
    if (begin == end) return;
    Status s = batch->Commit();
    for (size_t k = begin; k < end && !s.ok(); ++k) {
      if (out[k].ok() && !out[k]->already_present) {
        out[k] = s.WithContext("while adding filing " + extracts[k].filing.id);
      }
    }
    batch = std::make_unique<Batch>(this);
    begin = end;
  };
  if (replace) return ReplaceFilings(extracts);
  for (size_t k = 0; k < extracts.size(); ++k) {
    FilingExtract& x = extracts[k];
    if (batch->StagedNamesMatter(x)) write(k);
    Result<bool> present = ResolvedPresence(batch.get(), &x);
    if (!present.ok()) {
      out[k] = present.status();
      continue;
    }
    if (*present && !replace) {
      out[k]->already_present = true;
      continue;
    }
    Status s = batch->Add(x, &*out[k]).WithContext("while adding filing " + x.filing.id);
    if (!s.ok()) {
      // The batch holds part of this filing: drop it, and store the ones
      // before it again (each resolved already), one batch each.
      out[k] = s;
      batch = std::make_unique<Batch>(this);
      for (size_t j = begin; j < k; ++j) {
        if (!out[j].ok() || out[j]->already_present) continue;
        out[j] = AddFiling(extracts[j], false);
      }
      begin = k;
    }
  }
  write(extracts.size());
  return out;
}

std::vector<Result<AddStats>> RocksStore::ReplaceFilings(std::vector<FilingExtract>& extracts) {
  std::vector<Result<AddStats>> out(extracts.size(), AddStats());
  // A group of filings goes as one batch: every old version out, what they
  // told recomputed once (a registrant all of them name is refolded once,
  // not once per filing), then the new versions in. Each filing is
  // resolved against the store as sequential replacements would have left
  // it: a group ends before a filing whose resolution could read a name
  // the group removes or adds (StagedNamesMatter), so the store is the one
  // replacing them one at a time gives.
  constexpr size_t kPerBatch = 1000;
  size_t begin = 0;
  while (begin < extracts.size()) {
    Batch batch(this);
    Batch::Touched touched;
    std::vector<size_t> members;
    size_t end = begin;
    Status failed;
    for (; end < extracts.size() && end - begin < kPerBatch; ++end) {
      FilingExtract& x = extracts[end];
      if (end > begin && batch.StagedNamesMatter(x)) break;
      const std::string& id = x.filing.id;
      Result<bool> present = ResolvedPresence(&batch, &x);
      if (!present.ok()) {
        out[end] = present.status();
        continue;
      }
      if (*present) {
        failed = batch.RemoveOnly(id, &touched).WithContext("while replacing filing " + id);
        if (!failed.ok()) {
          members.push_back(end++);  // its error comes from the replacement alone, below
          break;
        }
      }
      batch.NoteNames(x);
      members.push_back(end);
    }
    if (failed.ok()) failed = batch.Recompute(touched).WithContext("while replacing filings");
    for (size_t k : members) {
      if (!failed.ok()) break;
      failed = batch.Add(extracts[k], &*out[k]).WithContext("while adding filing " + extracts[k].filing.id);
    }
    if (failed.ok()) failed = batch.Commit();
    if (!failed.ok()) {
      // Nothing of the group is written: each alone, so that one filing's
      // error is its own (and a write error everyone's).
      for (size_t k : members) out[k] = AddFiling(extracts[k], true);
    }
    begin = end;
  }
  return out;
}

Status RocksStore::RemoveFiling(std::string_view filing_id) {
  return RemoveFilings({std::string(filing_id)});
}

Status RocksStore::RemoveFilings(const std::vector<std::string>& filing_ids) {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  // Batches of a bounded size: what one stages stays in memory until its
  // commit, and a crash loses at most one batch (removing again resumes).
  constexpr size_t kPerBatch = 1000;
  for (size_t from = 0; from < filing_ids.size(); from += kPerBatch) {
    const size_t to = std::min(filing_ids.size(), from + kPerBatch);
    Batch batch(this);
    Batch::Touched touched;
    std::set<std::string_view> seen;
    for (size_t i = from; i < to; ++i) {
      if (!seen.insert(filing_ids[i]).second) continue;
      RETURN_IF_ERROR(batch.RemoveOnly(filing_ids[i], &touched));
    }
    RETURN_IF_ERROR(batch.Recompute(touched));
    RETURN_IF_ERROR_CTX(batch.Commit(), to - from == 1 ? "while removing filing " + filing_ids[from]
                                                       : "while removing " + std::to_string(to - from) + " filings");
  }
  return Status::Ok();
}

Result<bool> RocksStore::LostLogRestored() {
  lost_missing_.clear();
  for (const std::vector<std::string>* ids : {&lost_log_.stored, &lost_log_.removed}) {
    const bool want = ids == &lost_log_.stored;
    for (const std::string& id : *ids) {
      ASSIGN_OR_RETURN(bool has, ContainsFiling(id));
      if (has != want) lost_missing_.push_back(id);
    }
  }
  // Nothing readable in what was dropped: only `check --repair` can say
  // the loss is accepted.
  if (lost_log_.stored.empty() && lost_log_.removed.empty()) return false;
  return lost_missing_.empty();
}

std::string RocksStore::LostLogNotice() const {
  if (lost_log_.empty()) return {};
  const LostLog& l = lost_log_;
  std::string held;
  if (l.stored.empty() && l.removed.empty()) {
    held = "which filings they held cannot be read";
  } else {
    held = std::to_string(l.stored.size()) + (l.stored.size() == 1 ? " filing" : " filings") + " stored, " +
           std::to_string(l.removed.size()) + " removed; " + std::to_string(lost_missing_.size()) +
           " of them not back";
  }
  return "store " + path_ + " lost the end of its write-ahead log: " + l.log + " is damaged at byte " +
         std::to_string(l.at) + " and recovery dropped the " + std::to_string(l.bytes) + " bytes from there (" +
         std::to_string(l.batches) + (l.batches == 1 ? " write batch: " : " write batches: ") + held +
         "); ingest the same folders again to restore them (ingest is idempotent), or accept the loss with "
         "`dealgraph check --repair --db " + path_ + "`";
}

Status RocksStore::ReadFailed(const rocksdb::Status& s, std::string_view what) const {
  return StoreDamaged(path_, what, s.ToString(), !s.IsCorruption());
}

Status RocksStore::Damaged(std::string_view what, std::string_view reason) const {
  return StoreDamaged(path_, what, reason, false);
}

Result<bool> RocksStore::ContainsFiling(std::string_view filing_id) const {
  rocksdb::PinnableSlice value;  // no copy of the (possibly large) extract
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), keys::FilingKey(filing_id), &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return ReadFailed(s, "while reading filing " + std::string(filing_id));
  return true;
}

Result<FilingInfo> RocksStore::GetFiling(std::string_view filing_id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::FilingKey(filing_id), &value);
  if (s.IsNotFound()) return Status::NotFound("filing " + std::string(filing_id) + " is not stored");
  if (!s.ok()) return ReadFailed(s, "while reading filing " + std::string(filing_id));
  Result<FilingInfo> info = DecodeFilingInfoOfExtract(value);
  if (!info.ok()) return Damaged("filing " + std::string(filing_id), info.status().message());
  return info;
}

Result<std::vector<FilingInfo>> RocksStore::ListFilings() const {
  std::vector<FilingInfo> out;
  Status bad;
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::Status s = ScanPrefixValues(db_.get(), snap.snapshot(), keys::Make(keys::kFiling, {}),
                                       [&](std::string_view key, std::string_view value) {
                                         Result<FilingInfo> info = DecodeFilingInfoOfExtract(value);
                                         if (!info.ok()) {
                                           bad = Damaged(keys::PrintableKey(key), info.status().message());
                                           return false;
                                         }
                                         out.push_back(std::move(info).value());
                                         return true;
                                       });
  if (!s.ok()) return ReadFailed(s, "while listing the filings");
  RETURN_IF_ERROR(bad);
  return out;
}

namespace {

// Point reads of many keys by MultiGet in batches, fn(i, status, value) for
// each key in order; fn returns a non-OK Status to stop, which is returned.
// Every value of a batch stays pinned (its block held in the cache) until
// the batch is handed over, so one MultiGet of a whole store's keys held
// them all.
template <typename Fn>
Status MultiGetBatched(rocksdb::DB* db, const rocksdb::ReadOptions& ro, const std::vector<std::string>& keys, Fn fn) {
  constexpr size_t kBatch = 512;
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::PinnableSlice> values(std::min(keys.size(), kBatch));
  std::vector<rocksdb::Status> statuses(values.size());
  for (size_t from = 0; from < keys.size(); from += kBatch) {
    size_t n = std::min(kBatch, keys.size() - from);
    slices.assign(keys.begin() + static_cast<std::ptrdiff_t>(from),
                  keys.begin() + static_cast<std::ptrdiff_t>(from + n));
    db->MultiGet(ro, db->DefaultColumnFamily(), n, slices.data(), values.data(), statuses.data());
    Status st;
    for (size_t i = 0; i < n; ++i) {
      if (st.ok()) st = fn(from + i, statuses[i], std::string_view(values[i].data(), values[i].size()));
      values[i].Reset();
    }
    RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

}  // namespace

// The sources of entities asked for in id order, read with one iterator
// over s/ that walks along: an entity's s/ keys follow the previous
// entity's, so most entities need no seek. (One iterator per entity cost
// more than the reading: 8.5 s for the 417,590 entities of the 2 GiB
// generated store.)
class RocksStore::SourceWalk {
 public:
  SourceWalk(const RocksStore* store, const rocksdb::Snapshot* snapshot) : store_(store) {
    end_ = PrefixEnd(keys::Make(keys::kEntitySource, {}));
    end_slice_ = rocksdb::Slice(end_);
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot;
    ro.total_order_seek = true;
    ro.iterate_upper_bound = &end_slice_;
    it_.reset(store->db_->NewIterator(ro));
  }

  Result<std::vector<Source>> Of(std::string_view id, uint64_t count) {
    std::vector<Source> out;
    out.reserve(std::min<uint64_t>(count, 1 << 16));
    std::string prefix = keys::EntitySourcePrefix(id);
    if (!it_->Valid() || std::string_view(it_->key().data(), it_->key().size()) < prefix) it_->Seek(prefix);
    for (; it_->Valid() && it_->key().starts_with(prefix); it_->Next()) {
      Result<Source> s = DecodeSource(std::string_view(it_->value().data(), it_->value().size()));
      if (!s.ok()) return store_->Damaged("a source of entity " + std::string(id), s.status().message());
      out.push_back(std::move(s).value());
    }
    if (!it_->status().ok()) return store_->ReadFailed(it_->status(), "while reading the sources of entity " + std::string(id));
    return out;
  }

 private:
  const RocksStore* store_;
  std::string end_;
  rocksdb::Slice end_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

Result<EntityHead> RocksStore::ReadEntityHead(const rocksdb::Snapshot* snapshot, std::string_view id) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(ro, db_->DefaultColumnFamily(), keys::EntityKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("entity " + std::string(id) + " is not stored");
  if (!s.ok()) return ReadFailed(s, "while reading entity " + std::string(id));
  Result<EntityHead> h = DecodeEntityHead(std::string_view(value.data(), value.size()));
  if (!h.ok()) return Damaged("entity " + std::string(id), h.status().message());
  return h;
}

Result<Entity> RocksStore::ReadEntity(const rocksdb::Snapshot* snapshot, std::string_view id) const {
  ASSIGN_OR_RETURN(EntityHead h, ReadEntityHead(snapshot, id));
  if (!h.inline_sources && h.source_count > 0) {
    ASSIGN_OR_RETURN(h.entity.sources, SourceWalk(this, snapshot).Of(id, h.source_count));
  }
  return std::move(h.entity);
}

Result<Entity> RocksStore::GetEntity(std::string_view id) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  return ReadEntity(snap.snapshot(), id);
}

Result<Entity> RocksStore::GetEntityHeader(std::string_view id) const {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), keys::EntityKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("entity " + std::string(id) + " is not stored");
  if (!s.ok()) return ReadFailed(s, "while reading entity " + std::string(id));
  Result<Entity> e = DecodeEntityHeader(std::string_view(value.data(), value.size()));
  if (!e.ok()) return Damaged("entity " + std::string(id), e.status().message());
  return e;
}

Result<std::vector<Entity>> RocksStore::ListEntities(std::optional<EntityType> type) const {
  std::vector<Entity> out;
  RETURN_IF_ERROR(ForEachEntity(type, [&](Entity& e) {
    out.push_back(std::move(e));
    return true;
  }));
  return out;
}

Status RocksStore::ForEachEntity(std::optional<EntityType> type, const std::function<bool(Entity&)>& fn) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  SourceWalk sources(this, snap.snapshot());
  Status bad;
  auto with_sources = [&](Result<EntityHead>& h) {
    if (!h->inline_sources && h->source_count > 0) {
      Result<std::vector<Source>> s = sources.Of(h->entity.id, h->source_count);
      if (!s.ok()) {
        bad = s.status();
        return false;
      }
      h->entity.sources = std::move(s).value();
    }
    return true;
  };
  if (!type) {
    std::string prefix = keys::Make(keys::kEntity, {});
    rocksdb::Status s =
        ScanRange(db_.get(), snap.snapshot(), prefix, prefix, "", [&](std::string_view key, std::string_view value) {
          Result<EntityHead> h = DecodeEntityHead(value);
          if (!h.ok()) {
            bad = Damaged(keys::PrintableKey(key), h.status().message());
            return false;
          }
          return with_sources(h) && fn(h->entity);
        });
    if (!s.ok()) return ReadFailed(s, "while listing the entities");
    return bad;
  }
  std::string prefix = keys::Make(keys::kEntityType, {EntityTypeName(*type)});
  std::vector<std::string> ids, parts;
  rocksdb::Status s = ScanPrefix(db_.get(), snap.snapshot(), prefix, prefix, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 2) ids.push_back(parts[1]);
    return true;
  });
  if (!s.ok()) return ReadFailed(s, "while listing the entities of a type");
  // Ids come in key order, as the s/ keys do: heads by point reads,
  // sources by the walk.
  for (const std::string& id : ids) {
    Result<EntityHead> h = ReadEntityHead(snap.snapshot(), id);
    if (!h.ok()) {
      if (h.status().code() != StatusCode::kNotFound) return h.status();
      return Damaged("entities by type", "the index names entity " + id + ", which is not stored");
    }
    if (!with_sources(h)) return bad;
    if (!fn(h->entity)) break;
  }
  return Status::Ok();
}

Result<std::vector<Entity>> RocksStore::FindEntities(std::string_view name) const {
  std::string folded = FoldName(name);
  if (folded.empty()) return std::vector<Entity>();
  // One iterator reads everything below, so every read sees the store at
  // one moment, as a snapshot would. A snapshot is not taken: ingest calls
  // this for every company a filing names with its CIK, and each release of
  // a snapshot has RocksDB look for last-level files whose sequence numbers
  // can be zeroed; while a store is all level-0 files, the oldest qualifies,
  // and was rewritten once (10,813 full-length generated filings: 0.79 s of
  // compaction CPU in an ingest of 6.2 s).
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  auto scan = [&](const std::string& prefix, auto fn) -> Status {
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (!key.starts_with(prefix)) break;
      fn(key);
    }
    if (!it->status().ok()) return ReadFailed(it->status(), "while looking up the name '" + std::string(name) + "'");
    return Status::Ok();
  };

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
  RETURN_IF_ERROR(scan(exact, [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 2) hits.push_back({1, 0, parts[0], parts[1]});
  }));
  if (hits.empty()) {
    std::string prefix = keys::Make(keys::kAlias, {});
    keys::AppendPartial(&prefix, folded);
    RETURN_IF_ERROR(scan(prefix, [&](std::string_view key) {
      char tag;
      if (keys::Split(key, &tag, &parts) && parts.size() == 2) {
        hits.push_back({2, parts[0].size(), parts[0], parts[1]});
      }
    }));
  }

  // An alias entry names a stored entity: one that does not is damage
  // (`check --repair` rebuilds the index), not "no match".
  auto load = [&](const std::string& id) -> Result<Entity> {
    std::string key = keys::EntityKey(id);
    it->Seek(key);
    if (!it->status().ok()) return ReadFailed(it->status(), "while reading entity " + id);
    if (!it->Valid() || it->key() != rocksdb::Slice(key)) {
      return Damaged("aliases", "the index names entity " + id + ", which is not stored");
    }
    Result<Entity> e = DecodeEntityHeader(std::string_view(it->value().data(), it->value().size()));
    if (!e.ok()) return Damaged("entity " + id, e.status().message());
    return e;
  };
  // Exact hits are few: load them to rank canonical-name matches first.
  // Prefix hits are ranked by key alone and loaded only up to the limit.
  std::map<std::string, Entity> loaded;
  for (Hit& h : hits) {
    if (h.rank != 1) continue;
    ASSIGN_OR_RETURN(Entity e, load(h.id));
    if (FoldName(e.name) == folded) h.rank = 0;
    loaded.emplace(h.id, std::move(e));
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.rank, a.length, a.fold, a.id) < std::tie(b.rank, b.length, b.fold, b.id);
  });
  std::vector<Entity> out;
  std::set<std::string> seen;
  for (const Hit& h : hits) {
    if (!seen.insert(h.id).second) continue;
    auto found = loaded.find(h.id);
    if (found != loaded.end()) {
      out.push_back(found->second);
    } else if (h.rank == 2) {
      ASSIGN_OR_RETURN(Entity e, load(h.id));
      out.push_back(std::move(e));
    }
    if (out.size() >= kMaxPrefixMatches) break;
  }
  return out;
}

Result<Event> RocksStore::GetEvent(std::string_view id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), keys::EventKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("event " + std::string(id) + " is not stored");
  if (!s.ok()) return ReadFailed(s, "while reading event " + std::string(id));
  Result<Event> e = DecodeEvent(value);
  if (!e.ok()) return Damaged("event " + std::string(id), e.status().message());
  return e;
}

Result<std::vector<std::string>> RocksStore::ScanDatedIds(const rocksdb::Snapshot* snapshot,
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
  rocksdb::Status s = ScanPrefix(db_.get(), snapshot, prefix, start, upper, [&](std::string_view key) {
    char tag;
    if (!keys::Split(key, &tag, &parts) || parts.size() < 2) return true;
    const std::string& date = parts[parts.size() - 2];
    if (range.Contains(date == "~" ? std::string_view() : std::string_view(date))) ids.push_back(parts.back());
    return true;
  });
  if (!s.ok()) return ReadFailed(s, "while reading the index " + keys::PrintableKey(prefix));
  return ids;
}

Result<std::vector<Event>> RocksStore::LoadEvents(const rocksdb::Snapshot* snapshot,
                                                  const std::vector<std::string>& ids) const {
  std::vector<Event> out;
  out.reserve(ids.size());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::vector<std::string> key_bytes;
  key_bytes.reserve(ids.size());
  for (const std::string& id : ids) key_bytes.push_back(keys::EventKey(id));
  RETURN_IF_ERROR(MultiGetBatched(db_.get(), ro, key_bytes,
                                  [&](size_t i, const rocksdb::Status& status, std::string_view value) -> Status {
                                    // The index and the records are read under one snapshot: an
                                    // entry naming no event is damage, not an event less.
                                    if (status.IsNotFound()) {
                                      return Damaged("an index of events",
                                                     "it names event " + ids[i] + ", which is not stored");
                                    }
                                    if (!status.ok()) return ReadFailed(status, "while reading event " + ids[i]);
                                    Result<Event> e = DecodeEvent(value);
                                    if (!e.ok()) return Damaged("event " + ids[i], e.status().message());
                                    out.push_back(std::move(e).value());
                                    return Status::Ok();
                                  }));
  return out;
}

Result<std::vector<Event>> RocksStore::DatedQuery(const std::string& prefix, const DateRange& range) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  ASSIGN_OR_RETURN(std::vector<std::string> ids, ScanDatedIds(snap.snapshot(), prefix, range));
  return LoadEvents(snap.snapshot(), ids);
}

Result<std::vector<Event>> RocksStore::EventsOf(std::string_view entity_id, const DateRange& range) const {
  return DatedQuery(keys::Make(keys::kParty, {entity_id}), range);
}

Result<std::vector<Event>> RocksStore::EventsBetween(std::string_view a, std::string_view b,
                                                     const DateRange& range) const {
  // Every event naming `a` names "both" when b == a; the pair index holds
  // distinct pairs only.
  if (a == b) return EventsOf(a, range);
  return DatedQuery(keys::Make(keys::kPair, {a, b}), range);
}

Result<std::vector<Event>> RocksStore::EventsOfPartyAndType(std::string_view entity_id,
                                                            std::string_view type) const {
  return DatedQuery(keys::Make(keys::kPartyType, {entity_id, type}), DateRange{});
}

Result<std::vector<Event>> RocksStore::EventsOfType(std::string_view type, const DateRange& range) const {
  return DatedQuery(keys::Make(keys::kType, {type}), range);
}

template <typename Fn>
Status RocksStore::ScanEntries(const rocksdb::Snapshot* snapshot, const std::string& prefix, Fn fn) const {
  std::vector<std::string> parts;
  char tag;
  Status bad;
  rocksdb::Status s = ScanPrefixValues(db_.get(), snapshot, prefix, [&](std::string_view key, std::string_view value) {
    if (keys::Split(key, &tag, &parts)) bad = fn(parts, value);
    return bad.ok();
  });
  if (!s.ok()) return ReadFailed(s, "while reading the index " + keys::PrintableKey(prefix));
  return bad;
}

Result<std::vector<Event>> RocksStore::EventsOfAgreement(std::string_view agreement_id) const {
  // k/AG/DATE/EVENT holds the whole event: one scan, no point reads.
  ASSIGN_OR_RETURN(std::vector<std::vector<Event>> all, EventsOfAgreements({std::string(agreement_id)}));
  return std::move(all.front());
}

Result<std::vector<std::vector<Event>>> RocksStore::EventsOfAgreements(const std::vector<std::string>& ids) const {
  // One iterator, sought forward through the agreements in key order. Its
  // upper bound moves to the end of each agreement's range before the seek
  // (RocksDB re-reads the bound on every seek), which lets the prefix
  // filters apply and stops the iterator at the agreement's end without
  // reading on into the next block (no measurable gain on the 1M store).
  std::vector<size_t> order(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
  rocksdb::ManagedSnapshot snap(db_.get());
  std::string upper;
  rocksdb::Slice upper_slice;
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  ro.iterate_upper_bound = &upper_slice;
  ro.auto_prefix_mode = true;  // each seek target is one agreement's first component, bounded by its successor
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  std::vector<std::vector<Event>> out(ids.size());
  std::vector<std::string> parts;
  char tag;
  for (size_t i : order) {
    std::string prefix = keys::Make(keys::kAgreement, {ids[i]});
    upper = PrefixEnd(prefix);
    upper_slice = rocksdb::Slice(upper);
    std::vector<std::string> event_ids;
    bool covered = true;  // k/ entries of a version-2 store hold ""
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      std::string_view value(it->value().data(), it->value().size());
      if (!keys::Split(std::string_view(it->key().data(), it->key().size()), &tag, &parts) || parts.size() != 3) {
        continue;
      }
      event_ids.push_back(parts[2]);
      covered = covered && !value.empty();
      if (!covered) continue;
      Result<Event> e = DecodeEvent(value);
      if (!e.ok()) return Damaged("the events of agreement " + ids[i], e.status().message());
      out[i].push_back(std::move(e).value());
    }
    if (!it->status().ok()) return ReadFailed(it->status(), "while reading the events of agreement " + ids[i]);
    if (!covered) {
      ASSIGN_OR_RETURN(out[i], LoadEvents(snap.snapshot(), event_ids));
    }
  }
  return out;
}

Result<std::vector<std::optional<Entity>>> RocksStore::GetEntityHeaders(const std::vector<std::string>& ids) const {
  std::vector<std::optional<Entity>> out;
  out.reserve(ids.size());
  std::vector<std::string> key_bytes;
  key_bytes.reserve(ids.size());
  for (const std::string& id : ids) key_bytes.push_back(keys::EntityKey(id));
  RETURN_IF_ERROR(MultiGetBatched(db_.get(), rocksdb::ReadOptions(), key_bytes,
                                  [&](size_t i, const rocksdb::Status& status, std::string_view value) -> Status {
                                    if (status.IsNotFound()) {
                                      out.emplace_back();
                                      return Status::Ok();
                                    }
                                    if (!status.ok()) return ReadFailed(status, "while reading entity " + ids[i]);
                                    Result<Entity> e = DecodeEntityHeader(value);
                                    if (!e.ok()) return Damaged("entity " + ids[i], e.status().message());
                                    out.emplace_back(std::move(e).value());
                                    return Status::Ok();
                                  }));
  return out;
}

// Fills in each brief an older store's index entries lack from the events
// themselves (`at`: the positions in `out` of entries without one).
Status RocksStore::FillBriefs(const rocksdb::Snapshot* snapshot, std::string_view entity_id, const std::vector<size_t>& at,
                              std::vector<SharedEvent>* out) const {
  std::vector<std::string> ids;
  for (size_t i : at) ids.push_back((*out)[i].event_id);
  ASSIGN_OR_RETURN(std::vector<Event> loaded, LoadEvents(snapshot, ids));
  std::map<std::string, Event> events;
  for (Event& e : loaded) events.emplace(e.id, std::move(e));
  for (size_t i : at) {
    const Event& e = events.at((*out)[i].event_id);
    (*out)[i].agreement_id = e.agreement_id;
    (*out)[i].amount = e.amount;
    (*out)[i].type = e.type;
    (*out)[i].agent = ServesAsAgent(e, (*out)[i].partner) || ServesAsAgent(e, entity_id);
  }
  return Status::Ok();
}

Result<std::vector<SharedEvent>> RocksStore::SharedEventsOf(std::string_view entity_id) const {
  // b/X/PARTNER/DATE/EVENT holds the event's brief.
  rocksdb::ManagedSnapshot snap(db_.get());
  std::vector<SharedEvent> out;
  std::vector<size_t> uncovered;
  RETURN_IF_ERROR(ScanEntries(snap.snapshot(), keys::Make(keys::kPair, {entity_id}),
                              [&](std::vector<std::string>& parts, std::string_view value) -> Status {
                                if (parts.size() != 4) return Status::Ok();
                                SharedEvent se{std::move(parts[1]),
                                               parts[2] == "~" ? std::string() : std::move(parts[2]),
                                               std::move(parts[3]),
                                               {},
                                               std::nullopt,
                                               {}};
                                if (value.empty()) {
                                  uncovered.push_back(out.size());
                                } else {
                                  Result<EventBrief> brief = DecodeEventBrief(value);
                                  if (!brief.ok()) {
                                    return Damaged("events by pair", "the entry of event " + se.event_id + ": " +
                                                                         brief.status().message());
                                  }
                                  se.agreement_id = std::move(brief->agreement_id);
                                  se.amount = std::move(brief->amount);
                                  se.type = std::move(brief->type);
                                  for (const std::string& a : brief->agents)
                                    se.agent = se.agent || a == se.partner || a == entity_id;
                                }
                                out.push_back(std::move(se));
                                return Status::Ok();
                              }));
  if (!uncovered.empty()) RETURN_IF_ERROR(FillBriefs(snap.snapshot(), entity_id, uncovered, &out));
  return out;
}

Result<std::vector<std::string>> RocksStore::AgreementsOfPartyAndType(std::string_view entity_id,
                                                                      std::string_view type) const {
  // q/X/TYPE/DATE/EVENT holds the event's brief.
  rocksdb::ManagedSnapshot snap(db_.get());
  std::vector<std::string> out, uncovered;
  std::set<std::string> seen;
  auto add = [&](const std::string& ag) {
    if (!ag.empty() && seen.insert(ag).second) out.push_back(ag);
  };
  RETURN_IF_ERROR(ScanEntries(snap.snapshot(), keys::Make(keys::kPartyType, {entity_id, type}),
                              [&](const std::vector<std::string>& parts, std::string_view value) -> Status {
                                if (parts.size() != 4) return Status::Ok();
                                if (!uncovered.empty() || value.empty()) {
                                  uncovered.push_back(parts[3]);
                                  return Status::Ok();
                                }
                                Result<EventBrief> brief = DecodeEventBrief(value);
                                if (!brief.ok()) {
                                  return Damaged("events by party and type",
                                                 "the entry of event " + parts[3] + ": " + brief.status().message());
                                }
                                add(brief->agreement_id);
                                return Status::Ok();
                              }));
  if (!uncovered.empty()) {
    // A store of an older version: the events, in index order, from the
    // first uncovered entry on.
    ASSIGN_OR_RETURN(std::vector<Event> events, LoadEvents(snap.snapshot(), uncovered));
    for (const Event& e : events) add(e.agreement_id);
  }
  return out;
}

Result<std::vector<Event>> RocksStore::AllEvents() const {
  return DatedQuery(keys::Make(keys::kDate, {}), DateRange{});
}

Status RocksStore::ScanRelations(const rocksdb::Snapshot* snapshot, const std::string& prefix,
                                 std::vector<Relation>* out) const {
  Status bad;
  rocksdb::Status s = ScanPrefixValues(db_.get(), snapshot, prefix, [&](std::string_view key, std::string_view value) {
    Result<Relation> r = DecodeRelation(value);
    if (!r.ok()) {
      bad = Damaged(keys::PrintableKey(key), r.status().message());
      return false;
    }
    out->push_back(std::move(r).value());
    return true;
  });
  if (!s.ok()) return ReadFailed(s, "while reading the relations");
  return bad;
}

Result<std::vector<Relation>> RocksStore::RelationsOf(std::string_view entity_id) const {
  rocksdb::ManagedSnapshot snap(db_.get());
  rocksdb::ReadOptions ro;
  ro.snapshot = snap.snapshot();
  std::vector<Relation> out;
  RETURN_IF_ERROR(ScanRelations(snap.snapshot(), keys::Make(keys::kRelation, {entity_id}), &out));
  std::string incoming = keys::Make(keys::kRelationTo, {entity_id});
  std::vector<std::array<std::string, 3>> reverse;
  std::vector<std::string> parts;
  rocksdb::Status s = ScanPrefix(db_.get(), snap.snapshot(), incoming, incoming, "", [&](std::string_view key) {
    char tag;
    if (keys::Split(key, &tag, &parts) && parts.size() == 3 && parts[2] != entity_id) {
      reverse.push_back({parts[2], parts[1], parts[0]});  // from, type, to
    }
    return true;
  });
  if (!s.ok()) return ReadFailed(s, "while reading the relations of " + std::string(entity_id));
  std::string value;
  for (const auto& [from, type, to] : reverse) {
    std::string name = from + " " + type + " " + to;
    s = db_->Get(ro, keys::RelationKey(from, type, to), &value);
    if (s.IsNotFound()) return Damaged("relations by target", "the index names relation " + name + ", which is not stored");
    if (!s.ok()) return ReadFailed(s, "while reading relation " + name);
    Result<Relation> r = DecodeRelation(value);
    if (!r.ok()) return Damaged("relation " + name, r.status().message());
    out.push_back(std::move(r).value());
  }
  return out;
}

Result<std::vector<Relation>> RocksStore::AllRelations() const {
  rocksdb::ManagedSnapshot snap(db_.get());
  std::vector<Relation> out;
  RETURN_IF_ERROR(ScanRelations(snap.snapshot(), keys::Make(keys::kRelation, {}), &out));
  return out;
}

StoreCounts RocksStore::Counts() const {
  std::lock_guard<std::mutex> lock(counts_mu_);
  return StoreCounts{counts_.filings, counts_.entities, counts_.events, counts_.relations};
}

}  // namespace dealgraph
