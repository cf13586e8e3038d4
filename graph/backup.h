// Backups of a store with RocksDB's BackupEngine: a backup folder holds
// numbered, checksummed backups; files shared between them are copied once,
// so later backups into the same folder are incremental.
#ifndef DEALGRAPH_GRAPH_BACKUP_H_
#define DEALGRAPH_GRAPH_BACKUP_H_

#include <string>

#include "common/status.h"
#include "graph/store.h"

namespace rocksdb {
class DB;
class Env;
}  // namespace rocksdb

namespace dealgraph {

// Flushes `db` and backs it up into `backup_dir` (created when missing),
// then verifies the new backup's files against their checksums. `env` is
// the one the database uses (nullptr = default).
Result<BackupInfo> BackupDatabase(rocksdb::DB* db, rocksdb::Env* env, const std::string& backup_dir);

// Restores the latest valid backup of `backup_dir` into the directory `path`,
// which must be empty or missing (the caller clears it). NotFound when the
// folder holds no backup.
Result<BackupInfo> RestoreDatabase(const std::string& backup_dir, const std::string& path);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_BACKUP_H_
