// Helpers shared by the store tests (store, check, fault): opening a store
// that must open, and reading a database's every key for byte-exact
// comparison of two stores.
#ifndef DEALGRAPH_TESTS_GRAPH_STORE_TESTING_H_
#define DEALGRAPH_TESTS_GRAPH_STORE_TESTING_H_

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/store.h"

namespace dealgraph {

// Opens the store at `path`; fails the test when it cannot.
inline std::unique_ptr<Store> OpenTestStore(const std::string& path, bool read_only = false) {
  StoreOptions options;
  options.read_only = read_only;
  Result<std::unique_ptr<Store>> store = Store::Open(path, options);
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

// The value of a read that must succeed: fails the test with the read's
// message when it does not. (By value: a range-for over it keeps it alive.)
template <typename T>
T Must(Result<T> r) {
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

// The database at `path` through a plain read-only RocksDB open (no lock:
// a writer may hold the store).
inline std::unique_ptr<rocksdb::DB> OpenRawReadOnly(const std::string& path) {
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::OpenForReadOnly(rocksdb::Options(), path, &raw);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return std::unique_ptr<rocksdb::DB>(raw);
}

// Every key and value of the database at `path` (indexes and counters
// included), read through a plain read-only RocksDB open.
inline std::vector<std::pair<std::string, std::string>> RawStoreContents(const std::string& path) {
  std::unique_ptr<rocksdb::DB> db = OpenRawReadOnly(path);
  std::vector<std::pair<std::string, std::string>> out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->key().ToString(), it->value().ToString());
  return out;
}

}  // namespace dealgraph

#endif  // DEALGRAPH_TESTS_GRAPH_STORE_TESTING_H_
