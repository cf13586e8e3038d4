// The store's invariants, checked by one full scan (Store::Check), and what
// Store::Repair needs to restore them.
//
// ScanStore reads every key and value of the database under one snapshot,
// recomputes every index entry from the records (graph/codec.h, *IndexKeys)
// and compares, and checks the references between records. It never
// writes. RocksStore::Check reports the problems; RocksStore::Repair applies
// the fixes the scan lists (rocks_store.cpp).
#ifndef DEALGRAPH_GRAPH_CHECK_H_
#define DEALGRAPH_GRAPH_CHECK_H_

#include <map>
#include <utility>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/codec.h"
#include "graph/store.h"

namespace rocksdb {
class DB;
class Snapshot;
}  // namespace rocksdb

namespace dealgraph {

struct StoreScan {
  CheckReport report;
  // Index entries the records imply but the store lacks, and entries the
  // store holds that no record implies; both sorted.
  std::vector<std::string> missing_index;
  std::vector<std::string> stale_index;
  // Covering index entries (keys::IsCoveringTag) whose value is not what
  // their event implies; sorted.
  std::vector<std::string> wrong_value_index;
  std::vector<std::string> orphan_touches;  //!< g/ keys of filings not stored
  std::vector<std::string> orphan_sources;  //!< s/ keys of entities not stored, or past their count
  CountsRecord actual;                      //!< what the records hold
  bool counts_differ = false;               //!< the counts record is missing, damaged or wrong
  // Events with no source -> the stored filings whose touch records name
  // them (empty: nothing tells the event any more).
  std::map<std::string, std::vector<std::string>> sourceless_events;
  // Entities that events, relations or agreements name but that are not
  // stored -> the stored filings whose extracts name them (filing-id order).
  std::map<std::string, std::vector<std::string>> missing_entities;
  // (index in report.problems, entity id) of the dangling-* problems.
  std::vector<std::pair<size_t, std::string>> dangling_problems;
};

// Scans the database under `snapshot` (nullptr = the current state).
// `version` is the store's format version: index families newer than it
// (n/ before version 2) are neither expected nor reported.
Result<StoreScan> ScanStore(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, int version);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_CHECK_H_
