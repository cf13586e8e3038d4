// store_edit: damage a dealgraph store from outside, as a failing disk or a
// careless hand would, for the fault tests (tests/faults/*_test.sh).
//
//   store_edit flip DB TAG        flips one byte inside the table block that
//                                 holds the first key of family TAG ('f',
//                                 'e', 'v', ...), in the table file holding
//                                 it; prints "FILE OFFSET"
//   store_edit drop DB TAG N      deletes N records of family TAG (every
//                                 k-th, spread over the family), nothing
//                                 else: their index entries and sources stay
//   store_edit crash-ingest DB PATH...
//                                 ingests PATH... and ends the process at
//                                 once (_Exit), as a kill just after ingest
//                                 returns: what it wrote is in the
//                                 write-ahead log only
//   store_edit count DB TAG       prints how many keys family TAG holds
#include <rocksdb/db.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "graph/store.h"
#include "ingest/pipeline.h"

namespace {

int Fail(const std::string& why) {
  std::cerr << "store_edit: " << why << "\n";
  return 2;
}

std::unique_ptr<rocksdb::DB> OpenRaw(const std::string& path) {
  rocksdb::DB* raw = nullptr;
  rocksdb::Options o;
  rocksdb::Status s = rocksdb::DB::Open(o, path, &raw);
  if (!s.ok()) {
    std::cerr << "store_edit: " << s.ToString() << "\n";
    std::exit(2);
  }
  return std::unique_ptr<rocksdb::DB>(raw);
}

std::string Family(char tag) { return std::string(1, tag) + std::string(1, '\0'); }

std::vector<std::string> KeysOf(rocksdb::DB* db, char tag) {
  std::vector<std::string> out;
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
  const std::string prefix = Family(tag);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) out.push_back(it->key().ToString());
  if (!it->status().ok()) {
    std::cerr << "store_edit: " << it->status().ToString() << "\n";
    std::exit(2);
  }
  return out;
}

int Flip(const std::string& path, char tag) {
  std::string file;
  uint64_t offset = 0;
  {
    std::unique_ptr<rocksdb::DB> db = OpenRaw(path);
    db->Flush(rocksdb::FlushOptions());
    std::vector<std::string> keys = KeysOf(db.get(), tag);
    if (keys.empty()) return Fail("no key of family " + std::string(1, tag));
    const std::string& key = keys.front();
    std::vector<rocksdb::LiveFileMetaData> files;
    db->GetLiveFilesMetaData(&files);
    for (const rocksdb::LiveFileMetaData& f : files) {
      if (f.smallestkey <= key && key <= f.largestkey) {
        // The approximate size of [the file's first key, key) is the
        // offset of the block that holds `key`, within this file alone.
        rocksdb::Range r(f.smallestkey, key);
        uint64_t size = 0;
        rocksdb::SizeApproximationOptions so;
        so.include_memtables = false;
        so.files_size_error_margin = -1;
        db->GetApproximateSizes(so, db->DefaultColumnFamily(), &r, 1, &size);
        file = f.db_path + f.name;
        offset = size;
        break;
      }
    }
  }
  if (file.empty()) return Fail("no table file holds family " + std::string(1, tag));
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  if (!io) return Fail("cannot open " + file);
  const uint64_t at = offset + 16;
  io.seekg(static_cast<std::streamoff>(at));
  char c = 0;
  io.get(c);
  io.seekp(static_cast<std::streamoff>(at));
  io.put(static_cast<char>(c ^ 0x5a));
  io.close();
  if (!io) return Fail("cannot write " + file);
  std::cout << file << " " << at << "\n";
  return 0;
}

int Drop(const std::string& path, char tag, long n) {
  std::unique_ptr<rocksdb::DB> db = OpenRaw(path);
  std::vector<std::string> keys = KeysOf(db.get(), tag);
  if (n <= 0 || static_cast<size_t>(n) > keys.size()) return Fail("family holds " + std::to_string(keys.size()) + " keys");
  const double step = static_cast<double>(keys.size()) / static_cast<double>(n);
  for (long i = 0; i < n; ++i) {
    rocksdb::Status s = db->Delete(rocksdb::WriteOptions(), keys[static_cast<size_t>(i * step)]);
    if (!s.ok()) return Fail(s.ToString());
  }
  db->Flush(rocksdb::FlushOptions());
  std::cout << n << "\n";
  return 0;
}

int Count(const std::string& path, char tag) {
  std::unique_ptr<rocksdb::DB> db = OpenRaw(path);
  std::cout << KeysOf(db.get(), tag).size() << "\n";
  return 0;
}

int CrashIngest(const std::string& path, const std::vector<std::string>& inputs) {
  dealgraph::StoreOptions so;
  dealgraph::Result<std::unique_ptr<dealgraph::Store>> store = dealgraph::Store::Open(path, so);
  if (!store.ok()) return Fail(store.status().message());
  dealgraph::IngestOptions options;
  options.jobs = 1;
  dealgraph::IngestSummary summary;
  dealgraph::Status st = dealgraph::Ingest(**store, inputs, options, std::cerr, &summary);
  if (!st.ok()) return Fail(st.message());
  std::cout << summary.filings_added << "\n" << std::flush;
  std::_Exit(0);  // no close: the memtable is never flushed
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "flip" && args[2].size() == 1) return Flip(args[1], args[2][0]);
  if (args.size() == 4 && args[0] == "drop" && args[2].size() == 1) return Drop(args[1], args[2][0], std::atol(args[3].c_str()));
  if (args.size() == 3 && args[0] == "count" && args[2].size() == 1) return Count(args[1], args[2][0]);
  if (args.size() >= 3 && args[0] == "crash-ingest") {
    return CrashIngest(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  }
  return Fail("usage: store_edit flip DB TAG | drop DB TAG N | count DB TAG | crash-ingest DB PATH...");
}
