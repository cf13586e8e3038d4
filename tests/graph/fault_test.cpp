// Disk faults under the store (graph/rocks_store.cpp), made with a RocksDB
// FileSystem wrapper so they need no mounts or privileges: a disk that fills
// up after N bytes (the write that crosses the limit is cut short, as a real
// full disk leaves it) and a store directory that cannot be written.
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/options.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graph/rocks_store.h"
#include "graph/store.h"
#include "tests/graph/store_testing.h"
#include "tests/test_data.h"

namespace dealgraph {
namespace {

// A disk with `budget` bytes left for file contents (< 0: unlimited).
struct Disk {
  std::atomic<long long> budget{-1};
  std::atomic<bool> read_only{false};
};

class FullDiskFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FullDiskFile(std::unique_ptr<rocksdb::FSWritableFile>&& f, Disk* disk)
      : FSWritableFileOwnerWrapper(std::move(f)), disk_(disk) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    long long left = disk_->budget.load();
    if (left >= 0 && static_cast<long long>(data.size()) > left) {
      // Write what fits, then fail: a torn record at the end of the file.
      disk_->budget = 0;
      if (left > 0) {
        rocksdb::IOStatus s = target()->Append(rocksdb::Slice(data.data(), left), options, dbg);
        s.PermitUncheckedError();
      }
      return rocksdb::IOStatus::NoSpace("No space left on device");
    }
    if (left >= 0) disk_->budget -= static_cast<long long>(data.size());
    return target()->Append(data, options, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo&, rocksdb::IODebugContext* dbg) override {
    return Append(data, options, dbg);
  }

 private:
  Disk* disk_;
};

class FaultyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultyFileSystem(Disk* disk) : FileSystemWrapper(rocksdb::FileSystem::Default()), disk_(disk) {}
  const char* Name() const override { return "FaultyFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    if (disk_->read_only) return Denied("While open a file for appending", f);
    std::unique_ptr<rocksdb::FSWritableFile> file;
    rocksdb::IOStatus s = target()->NewWritableFile(f, o, &file, dbg);
    if (s.ok()) r->reset(new FullDiskFile(std::move(file), disk_));
    return s;
  }
  rocksdb::IOStatus LockFile(const std::string& f, const rocksdb::IOOptions& o, rocksdb::FileLock** l,
                             rocksdb::IODebugContext* dbg) override {
    if (disk_->read_only) return Denied("While open a file for lock", f);
    return target()->LockFile(f, o, l, dbg);
  }

 private:
  // The words PosixFileSystem uses for EACCES.
  static rocksdb::IOStatus Denied(const std::string& what, const std::string& f) {
    return rocksdb::IOStatus::IOError(what + ": " + f + ": Permission denied");
  }
  Disk* disk_;
};

struct FaultyEnv {
  Disk disk;
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(std::make_shared<FaultyFileSystem>(&disk));
};

std::vector<FilingExtract> ExtractAll() {
  std::vector<FilingExtract> out;
  for (const std::string& rel : AllFilings()) out.push_back(Extract(rel));
  return out;
}

std::set<std::string> StoredFilings(const std::string& path) {
  StoreOptions ro;
  ro.read_only = true;
  Result<std::unique_ptr<Store>> s = Store::Open(path, ro);
  REQUIRE(s.ok());
  std::set<std::string> out;
  for (const FilingInfo& f : Must((*s)->ListFilings())) out.insert(f.id);
  return out;
}

TEST_CASE("reliability: a full disk stops the writes with a clear error and loses nothing stored",
          "[graph][store][reliability]") {
  const std::vector<FilingExtract> all = ExtractAll();
  TempDir clean_dir;
  {
    Result<std::unique_ptr<RocksStore>> clean = RocksStore::Open(clean_dir.path(), StoreOptions{});
    REQUIRE(clean.ok());
    for (const FilingExtract& x : all) REQUIRE((*clean)->AddFiling(x, false).ok());
  }
  const auto uninterrupted = RawStoreContents(clean_dir.path());

  // The disk fills at a different point of the ingest in each run.
  for (long long budget : {0LL, 700LL, 5000LL, 20000LL, 60000LL}) {
    INFO("bytes left on the disk: " << budget);
    TempDir dir;
    FaultyEnv faulty;
    std::set<std::string> acknowledged;
    std::string failed_id, message;
    {
      Result<std::unique_ptr<RocksStore>> store = RocksStore::Open(dir.path(), StoreOptions{}, faulty.env.get());
      REQUIRE(store.ok());
      faulty.disk.budget = budget;
      for (const FilingExtract& x : all) {
        Result<AddStats> st = (*store)->AddFiling(x, false);
        if (!st.ok()) {
          failed_id = x.filing.id;
          message = st.status().message();
          CHECK(st.status().code() == StatusCode::kIoError);
          break;
        }
        acknowledged.insert(x.filing.id);
      }
      REQUIRE(!failed_id.empty());
      CHECK_THAT(message, Catch::Contains("the disk is full") && Catch::Contains("free space"));
      // Later writes keep failing cleanly, never half-done.
      CHECK_FALSE((*store)->AddFiling(all.back(), false).ok());
    }

    // Space again: every acknowledged filing is there, the one that failed is
    // whole or absent, and the store's invariants hold.
    std::set<std::string> stored = StoredFilings(dir.path());
    for (const std::string& id : acknowledged) CHECK(stored.count(id) == 1);
    for (const std::string& id : stored) CHECK((acknowledged.count(id) == 1 || id == failed_id));
    {
      Result<std::unique_ptr<Store>> store = Store::Open(dir.path(), StoreOptions{});
      REQUIRE(store.ok());
      Result<CheckReport> r = (*store)->Check();
      REQUIRE(r.ok());
      CHECK(r->clean());
      // Finishing the ingest gives the store an uninterrupted run gives.
      for (const FilingExtract& x : all) REQUIRE((*store)->AddFiling(x, false).ok());
    }
    CHECK(RawStoreContents(dir.path()) == uninterrupted);
  }
}

TEST_CASE("reliability: a store directory that cannot be written gives a clear error and stays as it was",
          "[graph][store][reliability]") {
  const std::vector<FilingExtract> all = ExtractAll();
  TempDir dir;
  FaultyEnv faulty;
  {
    Result<std::unique_ptr<RocksStore>> store = RocksStore::Open(dir.path(), StoreOptions{}, faulty.env.get());
    REQUIRE(store.ok());
    REQUIRE((*store)->AddFiling(all[0], false).ok());
  }
  const auto before = RawStoreContents(dir.path());
  faulty.disk.read_only = true;
  Result<std::unique_ptr<RocksStore>> writer = RocksStore::Open(dir.path(), StoreOptions{}, faulty.env.get());
  REQUIRE(writer.status().code() == StatusCode::kIoError);
  CHECK_THAT(writer.status().message(),
             Catch::Contains("cannot be written") && Catch::Contains("read-only commands still work"));
  CHECK_THAT(writer.status().message(), !Catch::Contains("being written by"));
  StoreOptions ro;
  ro.read_only = true;
  Result<std::unique_ptr<RocksStore>> reader = RocksStore::Open(dir.path(), ro, faulty.env.get());
  REQUIRE(reader.ok());
  CHECK((*reader)->HasFiling(all[0].filing.id));
  reader = Status::NotFound("closed");
  CHECK(RawStoreContents(dir.path()) == before);
}

}  // namespace
}  // namespace dealgraph
