// A write-ahead log whose tail recovery drops, found before RocksDB opens
// the store, and the marker that keeps the loss known until it is undone.
//
// The store opens with WALRecoveryMode::kPointInTimeRecovery (rocks_store.cpp
// says why): recovery replays the logs up to the first record that fails its
// checksum and drops everything after it. A record cut short at the very end
// of a log is a write a crash interrupted (the kill test makes them): that
// batch was never acknowledged and losing it is not a loss. A whole record
// that fails its checksum, followed by anything, is damage: acknowledged
// batches are dropped. ScanLogs tells the two apart by reading the logs
// itself (RocksDB's log format: 32 KiB blocks of records with a 7-byte
// header: masked CRC32C, length, type) and reads the batches after the
// damage for the filings they stored or removed. The marker
// (`dealgraph.lost-log` in the store folder) is written before a writable
// open lets RocksDB replay and then delete the log.
#ifndef DEALGRAPH_GRAPH_LOST_LOG_H_
#define DEALGRAPH_GRAPH_LOST_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace dealgraph {

struct LostLog {
  std::string log;          //!< "000012.log": the log whose record is damaged; "" = nothing lost
  uint64_t at = 0;          //!< byte offset of the damaged record in it
  uint64_t bytes = 0;       //!< bytes recovery drops: from there to the end of every log
  long long batches = 0;    //!< write batches in what is dropped (the damaged one included, when readable)
  std::vector<std::string> stored;   //!< filings the dropped batches stored (sorted)
  std::vector<std::string> removed;  //!< filings they removed (sorted)
  bool empty() const { return log.empty(); }
};

// Reads the write-ahead logs (NNNNNN.log) of the store folder `dir`.
LostLog ScanLogs(const std::string& dir);

inline constexpr char kLostLogFile[] = "dealgraph.lost-log";

// The marker: written (and synced) into `dir`, read back, removed. Load
// gives an empty LostLog when there is none.
Status SaveLostLog(const std::string& dir, const LostLog& loss);
Result<LostLog> LoadLostLog(const std::string& dir);
void ForgetLostLog(const std::string& dir);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_LOST_LOG_H_
