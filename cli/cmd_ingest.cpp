// dealgraph ingest PATH... / remove FILING / filings
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>

#include "cli/common.h"
#include "graph/query.h"
#include "common/json.h"
#include "common/table.h"
#include "ingest/pipeline.h"

namespace dealgraph {

namespace {
std::atomic<bool> g_interrupted{false};  //!< set by ingest's SIGINT handler

// "512M", "4G", "1.5g", "2048K", "1000000" (bytes; powers of 1024), "0".
std::optional<double> ParseByteSize(std::string_view s) {
  if (s.empty()) return std::nullopt;
  double scale = 1;
  switch (s.back()) {
    case 'k': case 'K': scale = 1024.0; break;
    case 'm': case 'M': scale = 1024.0 * 1024; break;
    case 'g': case 'G': scale = 1024.0 * 1024 * 1024; break;
    case 't': case 'T': scale = 1024.0 * 1024 * 1024 * 1024; break;
    default: break;
  }
  if (scale != 1) s.remove_suffix(1);
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::string digits(s);
  char* end = nullptr;
  double v = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || !(v >= 0) || std::isinf(v)) return std::nullopt;
  return v * scale;
}
}  // namespace

void SetupIngest(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  struct Opts {
    CommonOptions common;
    std::vector<std::string> paths;
    bool replace = false;
    int jobs = 1;
    bool json = false;
    std::vector<std::string> forms{"8-K", "8-K/A"};
    std::string max_memory;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("ingest", "read filings (files, folders, .gz, - for stdin) into the store");
  AddDbOption(sub, &o->common);
  sub->add_option("paths", o->paths, "files or folders of 8-K filings")->required();
  sub->add_flag("--replace", o->replace, "re-extract filings already stored");
  sub->add_option("-j,--jobs", o->jobs, "worker threads for reading and extraction")->check(CLI::Range(1, 64));
  sub->add_flag("--json", o->json, "print the summary as one JSON object");
  sub->add_option("--forms", o->forms,
                  "forms to store, as the EDGAR header or the cover names them (* for any); others are skipped")
      ->delimiter(',')
      ->default_str("8-K,8-K/A");
  sub->add_option("--max-memory", o->max_memory,
                  "memory the files in flight may take together (512M, 4G; 0 = no bound); a file that would "
                  "pass it waits for the ones before it")
      ->default_str("half the machine's memory");
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenStore(o->common, false, err);
      if (!store) return kExitFailure;
      IngestOptions io;
      io.replace = o->replace;
      io.jobs = o->jobs;
      io.forms = o->forms;
      if (o->max_memory.empty()) {
        long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
        io.max_memory = pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / 2 : 0;
      } else {
        std::optional<double> bytes = ParseByteSize(o->max_memory);
        if (!bytes) {
          err << "dealgraph: --max-memory '" << o->max_memory << "' is not a size (512M, 4G, 1.5G, 0)\n";
          return kExitUsage;
        }
        io.max_memory = *bytes;
      }
      io.progress = isatty(STDERR_FILENO) && !o->json;
      // Ctrl-C stores the filings in hand, then stops and prints the
      // summary; a second Ctrl-C ends the process at once (SA_RESETHAND).
      g_interrupted.store(false);
      struct sigaction sa {}, old {};
      sa.sa_handler = [](int) { g_interrupted.store(true); };
      sa.sa_flags = SA_RESETHAND;
      sigemptyset(&sa.sa_mask);
      sigaction(SIGINT, &sa, &old);
      io.stop = &g_interrupted;
      IngestSummary s;
      Status st = Ingest(*store, o->paths, io, err, &s);
      sigaction(SIGINT, &old, nullptr);
      if (!st.ok()) {
        err << "dealgraph: " << st.message() << "\n";
        return kExitFailure;
      }
      StoreCounts c = store->Counts();
      if (o->json) {
        JsonWriter w;
        w.BeginObject();
        w.Key("files"); w.Int(s.files);
        w.Key("filings_added"); w.Int(s.filings_added);
        w.Key("filings_unchanged"); w.Int(s.filings_unchanged);
        w.Key("skipped"); w.Int(s.skipped);
        w.Key("failed"); w.Int(s.failed);
        w.Key("entities_added"); w.Int(s.entities_added);
        w.Key("events_added"); w.Int(s.events_added);
        w.Key("events_merged"); w.Int(s.events_merged);
        w.Key("bytes"); w.Number(s.bytes);
        w.Key("seconds"); w.Number(s.seconds);
        w.Key("store"); w.BeginObject();
        w.Key("filings"); w.Int(c.filings);
        w.Key("entities"); w.Int(c.entities);
        w.Key("events"); w.Int(c.events);
        w.EndObject();
        w.EndObject();
        out << w.str() << "\n";
      } else {
        char line[256];
        std::snprintf(line, sizeof line,
                      "ingested %d of %d files (%d unchanged, %d skipped, %d failed): +%d entities, +%d events (%d merged) in %.2fs\n"
                      "store %s: %lld filings, %lld entities, %lld events\n",
                      s.filings_added, s.files, s.filings_unchanged, s.skipped, s.failed, s.entities_added, s.events_added,
                      s.events_merged, s.seconds, StorePath(o->common).c_str(), c.filings, c.entities, c.events);
        if (s.interrupted) out << "interrupted: ";
        out << line;
      }
      if (s.interrupted) return 130;  // as a shell reports a SIGINT
      return s.failed > 0 ? kExitFailure : kExitOk;
    };
  });

  auto r = std::make_shared<std::pair<CommonOptions, std::vector<std::string>>>();
  CLI::App* rm = app.add_subcommand("remove", "take filings out of the store, with every fact only they supported");
  AddDbOption(rm, &r->first);
  rm->add_option("filings", r->second, "filing ids (accession number or sha:...) as `dealgraph filings` lists them")->required();
  rm->callback([r, &out, &err, run] {
    *run = [r, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenStore(r->first, false, err);
      if (!store) return kExitFailure;
      int failed = 0;
      std::vector<std::string> ids;  // stored, each once, in the order given
      std::set<std::string> seen;
      for (const std::string& id : r->second) {
        std::string fid = id;
        ASSIGN_OR_EXIT(bool stored, store->ContainsFiling(fid), err);
        if (!stored) {
          // By file name: only when one stored filing has it.
          std::vector<std::string> named;
          ASSIGN_OR_EXIT(std::vector<FilingInfo> all, store->ListFilings(), err);
          for (const FilingInfo& f : all) {
            if (f.name == id) named.push_back(f.id);
          }
          if (named.size() > 1) {
            err << "dealgraph: " << id << ": " << named.size() << " stored filings have this name; give one id:";
            for (const std::string& n : named) err << " " << n;
            err << "\n";
            ++failed;
            continue;
          }
          if (named.empty()) {
            err << "dealgraph: " << id << ": filing " << id << " is not stored\n";
            ++failed;
            continue;
          }
          fid = named.front();
        }
        if (seen.insert(fid).second) ids.push_back(fid);
      }
      // One removal of them all: a company many of them name is refolded
      // once, not once per filing.
      Status st = store->RemoveFilings(ids);
      if (!st.ok()) {
        err << "dealgraph: " << st.message() << "\n";
        return kExitFailure;
      }
      for (const std::string& fid : ids) out << "removed " << fid << "\n";
      return failed ? kExitFailure : kExitOk;
    };
  });

  auto f = std::make_shared<CommonOptions>();
  CLI::App* fl = app.add_subcommand("filings", "list the stored filings");
  AddDbOption(fl, f.get());
  AddFormatOption(fl, f.get(), {"table", "jsonl"});
  fl->callback([f, &out, &err, run] {
    *run = [f, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenStore(*f, true, err);
      if (!store) return kExitFailure;
      ASSIGN_OR_EXIT(std::vector<FilingInfo> fs, store->ListFilings(), err);
      if (f->format == "jsonl") {
        for (const FilingInfo& fi : fs) {
          JsonWriter w;
          w.BeginObject();
          w.Field("id", fi.id);
          w.Field("name", fi.name);
          w.Field("form", fi.form);
          w.Field("registrant", fi.registrant);
          w.Field("event_date", fi.event_date);
          w.Field("filed", fi.filed);
          w.Key("items"); w.BeginArray();
          for (const std::string& i : fi.items) w.String(i);
          w.EndArray();
          if (!fi.amends.empty()) {
            std::string amended = AmendedFilingId(fi, fs);
            w.Field("amends", amended.empty() ? fi.amends : amended);
            w.Key("amends_stored"); w.Bool(!amended.empty());
          }
          w.EndObject();
          out << w.str() << "\n";
        }
      } else {
        Table t({"ID", "FILE", "FORM", "REGISTRANT", "EVENT DATE", "FILED", "ITEMS", "AMENDS"});
        DisplayNames names(*store);
        for (const FilingInfo& fi : fs) {
          std::string items;
          for (const std::string& i : fi.items) items += (items.empty() ? "" : " ") + i;
          std::string amends;
          if (!fi.amends.empty()) {
            amends = AmendedFilingId(fi, fs);
            // An amended report not in the store: say which one it is.
            if (amends.empty()) amends = "8-K " + fi.amends + " (not stored)";
          }
          t.AddRow({fi.id, fi.name, fi.form, fi.registrant.empty() ? "" : names(fi.registrant),
                    fi.event_date, fi.filed, items, amends});
        }
        EXIT_IF_ERROR(names.status(), err);
        t.Print(out, 0, TableWidth(out));
      }
      return kExitOk;
    };
  });
}

}  // namespace dealgraph
