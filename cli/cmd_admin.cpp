// dealgraph check / backup / restore: store upkeep.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/common.h"
#include "common/json.h"
#include "common/table.h"
#include "graph/codec.h"

namespace dealgraph {
namespace {

// Opens an existing store for writing (never creates one: checking,
// repairing or backing up a store that is not there is a mistake).
std::unique_ptr<Store> OpenExisting(const CommonOptions& o, std::ostream& err) {
  StoreOptions so;
  so.create_if_missing = false;
  Result<std::unique_ptr<Store>> s = Store::Open(StorePath(o), so);
  if (!s.ok()) {
    err << "dealgraph: " << s.status().message() << "\n";
    return nullptr;
  }
  PrintOpenNotices(**s, err);
  return std::move(s).value();
}

std::string Bytes(unsigned long long n) {
  char buf[64];
  if (n >= (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / (1 << 20));
  } else if (n >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", n);
  }
  return buf;
}

void PrintProblems(const CheckReport& r, const std::string& format, std::ostream& out) {
  if (format == "jsonl") {
    for (const CheckProblem& p : r.problems) {
      JsonWriter w;
      w.BeginObject();
      w.Field("kind", p.kind);
      w.Field("where", p.where);
      w.Field("detail", p.detail);
      w.Key("repairable");
      w.Bool(p.repairable);
      w.EndObject();
      out << w.str() << "\n";
    }
    return;
  }
  if (r.problems.empty()) return;
  Table t({"KIND", "WHERE", "REPAIR", "DETAIL"});
  for (const CheckProblem& p : r.problems) t.AddRow({p.kind, p.where, p.repairable ? "yes" : "no", p.detail});
  t.Print(out, 0, TableWidth(out));
}

// Bytes of the files in the store directory (what the disk holds).
long long DiskBytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  long long total = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(path, ec)) {
    if (e.is_regular_file(ec)) total += static_cast<long long>(e.file_size(ec));
  }
  return total;
}

void PrintSizes(const std::string& path, const CheckReport& r, const std::string& format, std::ostream& out) {
  long long raw = 0;
  for (const auto& [tag, f] : r.families) raw += f.key_bytes + f.value_bytes;
  if (format == "jsonl") {
    for (const auto& [tag, f] : r.families) {
      JsonWriter w;
      w.BeginObject();
      w.Field("family", std::string(1, tag == '\0' ? '-' : tag));
      w.Field("holds", keys::FamilyName(tag));
      w.Key("keys"); w.Int(f.keys);
      w.Key("key_bytes"); w.Int(f.key_bytes);
      w.Key("value_bytes"); w.Int(f.value_bytes);
      w.EndObject();
      out << w.str() << "\n";
    }
    return;
  }
  Table t({"FAMILY", "HOLDS", "KEYS", "KEY BYTES", "VALUE BYTES", "SHARE"});
  for (const auto& [tag, f] : r.families) {
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%", raw ? 100.0 * (f.key_bytes + f.value_bytes) / raw : 0.0);
    t.AddRow({tag == '\0' ? "-" : std::string(1, tag) + "/", std::string(keys::FamilyName(tag)), std::to_string(f.keys),
              std::to_string(f.key_bytes), std::to_string(f.value_bytes), share});
  }
  t.Print(out, 0, TableWidth(out));
  long long disk = DiskBytes(path);
  out << "before compression " << raw << " bytes; on disk " << disk << " bytes";
  if (r.counts.events > 0) out << " (" << disk / r.counts.events << " per event)";
  out << "\n";
}

// "repair: rebuilt 313 entities and 2 events ...": what a repair did (or,
// dry, would do), every fact counted as kept, rebuilt or set aside, and one
// line per record set aside.
void PrintRepair(const RepairReport& r, std::ostream& note) {
  const char* did = r.dry_run ? "would rebuild" : "rebuilt";
  note << (r.dry_run ? "repair --dry-run (nothing written): " : "repair: ") << did << " " << r.entities_rebuilt
       << " entities and " << r.events_rebuilt << " events (with their index entries) from the stored filings; "
       << (r.dry_run ? "would write " : "wrote ") << r.index_written << " missing and "
       << (r.dry_run ? "delete " : "deleted ") << r.index_deleted << " stale index entries"
       << (r.dry_run ? " (as the store stands; rebuilt facts bring their own)" : "")
       << (r.counts_rewritten ? ", the counts" : "") << (r.migrated ? ", the version-3 entity layout" : "") << "; "
       << (r.dry_run ? "would set aside " : "set aside ") << r.set_aside.size() << " records (z/); "
       << (r.dry_run ? "would keep " : "kept ")
       << r.kept.filings << " filings, " << r.kept.entities << " entities, " << r.kept.events << " events, "
       << r.kept.relations << " relations as they were; " << (r.dry_run ? "the store would hold " : "the store holds ")
       << r.after.filings << " filings, " << r.after.entities << " entities, " << r.after.events << " events, "
       << r.after.relations << " relations\n";
  for (const auto& [key, why] : r.set_aside) {
    note << (r.dry_run ? "would set aside " : "set aside ") << key << ": " << why << "\n";
  }
  if (r.lost_log_accepted) {
    note << (r.dry_run ? "would accept" : "accepted") << " the loss of the damaged write-ahead log's end: it is "
         << "no longer reported; ingesting the folders again still brings those filings back\n";
  }
}

// "store PATH: format version 2, 16 filings, ...; 1234 keys checked in 0.01s: N problems".
std::string Summary(const std::string& path, const CheckReport& r) {
  long long total = static_cast<long long>(r.problems.size()) + r.problems_omitted;
  long long repairable = 0;
  for (const CheckProblem& p : r.problems) repairable += p.repairable ? 1 : 0;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "store %s: format version %d, %lld filings, %lld entities, %lld events, %lld relations; "
                "%lld keys checked in %.2fs: ",
                path.c_str(), r.format_version, r.counts.filings, r.counts.entities, r.counts.events,
                r.counts.relations, r.keys, r.seconds);
  std::string out = buf;
  std::string aside;
  if (r.set_aside > 0) {
    aside = "; " + std::to_string(r.set_aside) + " records set aside by a repair (z/; `--sizes` counts them)";
  }
  if (total == 0) return out + "clean" + aside;
  out += std::to_string(total) + (total == 1 ? " problem" : " problems");
  if (r.problems_omitted) out += " (" + std::to_string(r.problems_omitted) + " not listed)";
  if (repairable) out += ", " + std::to_string(repairable) + " repairable with `dealgraph check --repair`";
  return out + aside;
}

}  // namespace

void SetupAdmin(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  struct CheckOpts {
    CommonOptions common;
    bool repair = false;
    bool dry_run = false;
    bool sizes = false;
  };
  auto c = std::make_shared<CheckOpts>();
  CLI::App* check = app.add_subcommand(
      "check", "verify the store's invariants (exit 1 when something is wrong); --repair rebuilds indexes");
  AddDbOption(check, &c->common);
  AddFormatOption(check, &c->common, {"table", "jsonl"});
  check->add_flag("--repair", c->repair,
                  "rebuild indexes, counts and lost facts from the stored filings (takes the writer's lock; "
                  "also migrates an older format version)");
  check->add_flag("--dry-run", c->dry_run,
                  "with --repair: print what it would rebuild and set aside, and write nothing (a read-only open)");
  check->add_flag("--sizes", c->sizes,
                  "also show keys and bytes (before compression) per key family, and the store's size on disk");
  check->callback([c, &out, &err, run] {
    *run = [c, &out, &err]() -> int {
      std::string path = StorePath(c->common);
      if (c->dry_run && !c->repair) {
        err << "dealgraph: check --dry-run goes with --repair\n";
        return kExitUsage;
      }
      // A store that lost CURRENT or its MANIFEST opens for nothing, repair
      // included, until RocksDB's RepairDB has rebuilt them from its files.
      if (std::string lost = c->repair ? Store::LostFiles(path) : ""; !lost.empty()) {
        if (c->dry_run) {
          err << "dealgraph: store " << path << " does not open (" << lost
              << "): `dealgraph check --repair` would salvage its tables first; a dry run cannot look further\n";
          return kExitFailure;
        }
        Result<std::string> salvaged = Store::Salvage(path);
        if (!salvaged.ok()) {
          err << "dealgraph: " << salvaged.status().message() << "\n";
          return kExitFailure;
        }
        (c->common.format == "jsonl" ? err : out) << "salvaged store " << path << " (" << lost << "): " << *salvaged
                                                   << "\n";
      }
      std::unique_ptr<Store> store = c->repair && !c->dry_run ? OpenExisting(c->common, err)
                                                              : OpenStore(c->common, true, err, true);
      if (!store) return kExitFailure;
      Result<CheckReport> before = store->Check();
      if (!before.ok()) {
        err << "dealgraph: " << before.status().message() << "\n";
        return kExitFailure;
      }
      if (c->sizes) PrintSizes(path, *before, c->common.format, out);
      if (!c->repair) {
        PrintProblems(*before, c->common.format, out);
        (c->common.format == "jsonl" ? err : out) << Summary(path, *before) << "\n";
        return before->clean() ? kExitOk : kExitFailure;
      }
      std::ostream& note = c->common.format == "jsonl" ? err : out;
      if (c->dry_run) {
        PrintProblems(*before, c->common.format, out);
        note << Summary(path, *before) << "\n";
        if (before->clean()) return kExitOk;
        ASSIGN_OR_EXIT(RepairReport plan, store->RepairWith(RepairOptions{true}), err);
        PrintRepair(plan, note);
        return kExitFailure;
      }
      if (!before->clean()) {
        ASSIGN_OR_EXIT(RepairReport done, store->RepairWith(RepairOptions{}), err);
        PrintRepair(done, note);
      }
      Result<CheckReport> after = store->Check();
      if (!after.ok()) {
        err << "dealgraph: " << after.status().message() << "\n";
        return kExitFailure;
      }
      long long found = static_cast<long long>(before->problems.size()) + before->problems_omitted;
      long long left = static_cast<long long>(after->problems.size()) + after->problems_omitted;
      if (found > 0) note << "repaired " << (found - left) << " of " << found << " problems\n";
      PrintProblems(*after, c->common.format, out);
      note << Summary(path, *after) << "\n";
      if (!after->clean()) {
        note << "what --repair cannot fix comes from damaged records: `dealgraph remove` the filings "
                "named and ingest them again, or restore a backup\n";
      }
      return after->clean() ? kExitOk : kExitFailure;
    };
  });

  struct BackupOpts {
    CommonOptions common;
    std::string dir;
    bool force = false;
  };
  auto b = std::make_shared<BackupOpts>();
  CLI::App* backup = app.add_subcommand(
      "backup", "back the store up into a backup folder (incremental; checksums verified)");
  AddDbOption(backup, &b->common);
  backup->add_option("dir", b->dir, "backup folder (created when missing)")->required();
  backup->callback([b, &out, &err, run] {
    *run = [b, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenExisting(b->common, err);
      if (!store) return kExitFailure;
      Result<BackupInfo> info = store->Backup(b->dir);
      if (!info.ok()) {
        err << "dealgraph: " << info.status().message() << "\n";
        return kExitFailure;
      }
      char line[512];
      std::snprintf(line, sizeof line, "backup %u of store %s in %s: %u files, %s, %.2fs\n", info->backup_id,
                    StorePath(b->common).c_str(), b->dir.c_str(), info->files, Bytes(info->bytes).c_str(),
                    info->seconds);
      out << line;
      return kExitOk;
    };
  });

  auto k = std::make_shared<CommonOptions>();
  CLI::App* compact = app.add_subcommand(
      "compact", "rewrite the store into its smallest form (after a big ingest; queries work meanwhile)");
  AddDbOption(compact, k.get());
  compact->callback([k, &out, &err, run] {
    *run = [k, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenExisting(*k, err);
      if (!store) return kExitFailure;
      std::string path = StorePath(*k);
      long long before = DiskBytes(path);
      auto t0 = std::chrono::steady_clock::now();
      if (Status st = store->Compact(); !st.ok()) {
        err << "dealgraph: " << st.message() << "\n";
        return kExitFailure;
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      store.reset();  // obsolete files go when the store closes
      char line[512];
      std::snprintf(line, sizeof line, "compacted store %s: %s -> %s in %.1fs\n", path.c_str(),
                    Bytes(before).c_str(), Bytes(DiskBytes(path)).c_str(), seconds);
      out << line;
      return kExitOk;
    };
  });

  auto r = std::make_shared<BackupOpts>();
  CLI::App* restore = app.add_subcommand("restore", "restore the latest backup of a backup folder as the store");
  AddDbOption(restore, &r->common);
  restore->add_option("dir", r->dir, "backup folder written by `dealgraph backup`")->required();
  restore->add_flag("--force", r->force, "replace a store that is not empty");
  restore->callback([r, &out, &err, run] {
    *run = [r, &out, &err]() -> int {
      RestoreOptions ro;
      ro.overwrite = r->force;
      std::string path = StorePath(r->common);
      Result<BackupInfo> info = Store::Restore(r->dir, path, ro);
      if (!info.ok()) {
        err << "dealgraph: " << info.status().message() << "\n";
        return kExitFailure;
      }
      char line[512];
      std::snprintf(line, sizeof line, "restored backup %u of %s to store %s: %u files, %s, %.2fs\n",
                    info->backup_id, r->dir.c_str(), path.c_str(), info->files, Bytes(info->bytes).c_str(),
                    info->seconds);
      out << line;
      return kExitOk;
    };
  });
}

}  // namespace dealgraph
