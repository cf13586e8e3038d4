#include "graph/backup.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace dealgraph {
namespace {

Status BackupError(const rocksdb::Status& s, const std::string& what) {
  std::string msg = what + ": " + s.ToString();
  if (s.IsNoSpace()) return Status::IoError(what + ": the disk is full (" + s.ToString() + ")");
  if (s.IsNotFound() || s.IsPathNotFound()) return Status::NotFound(std::move(msg));
  if (s.IsCorruption()) return Status::Corruption(std::move(msg));
  return Status::IoError(std::move(msg));
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<BackupInfo> BackupDatabase(rocksdb::DB* db, rocksdb::Env* env, const std::string& backup_dir) {
  auto start = std::chrono::steady_clock::now();
  if (env == nullptr) env = rocksdb::Env::Default();
  rocksdb::BackupEngineOptions options(backup_dir);
  options.share_files_with_checksum = true;
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(options, env, &raw);
  if (!s.ok()) return BackupError(s, "cannot open backup folder " + backup_dir);
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions create;
  create.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackup(create, db, &id);
  if (!s.ok()) return BackupError(s, "while backing up to " + backup_dir);
  s = engine->VerifyBackup(id, /*verify_with_checksum=*/true);
  if (!s.ok()) return BackupError(s, "backup " + std::to_string(id) + " in " + backup_dir + " does not verify");
  rocksdb::BackupInfo info;
  rocksdb::Status is = engine->GetBackupInfo(id, &info);
  if (!is.ok()) return BackupError(is, "while reading backup " + std::to_string(id));
  BackupInfo out;
  out.backup_id = id;
  out.bytes = info.size;
  out.files = info.number_files;
  out.seconds = Since(start);
  return out;
}

Result<BackupInfo> RestoreDatabase(const std::string& backup_dir, const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::is_directory(backup_dir, ec)) {
    return Status::NotFound("no backup folder at " + backup_dir);
  }
  rocksdb::BackupEngineOptions options(backup_dir);
  options.share_files_with_checksum = true;
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(options, rocksdb::Env::Default(), &raw);
  if (!s.ok()) return BackupError(s, "cannot open backup folder " + backup_dir);
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw);
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  if (infos.empty()) return Status::NotFound("backup folder " + backup_dir + " holds no backup");
  s = engine->RestoreDBFromLatestBackup(rocksdb::RestoreOptions(), path, path);
  if (!s.ok()) return BackupError(s, "while restoring " + backup_dir + " to " + path);
  BackupInfo out;
  // RestoreDBFromLatestBackup takes the newest backup that is not corrupt.
  for (const rocksdb::BackupInfo& i : infos) {
    if (i.backup_id > out.backup_id) {
      out.backup_id = i.backup_id;
      out.bytes = i.size;
      out.files = i.number_files;
    }
  }
  out.seconds = Since(start);
  return out;
}

}  // namespace dealgraph
