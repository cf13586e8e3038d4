#include "cli/common.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <tuple>

#include "common/output_file.h"
#include "common/table.h"
#include "export/export_util.h"
#include "export/csv.h"
#include "export/jsonl.h"
#include "graph/query.h"

namespace dealgraph {

void AddDbOption(CLI::App* sub, CommonOptions* o) {
  sub->add_option("--db", o->db, "store directory (default: $DEALGRAPH_DB or ./dealgraph.db)");
}

namespace {
bool g_wide_tables = false;  //!< --wide: tables keep every cell whole
}  // namespace

void AddFormatOption(CLI::App* sub, CommonOptions* o, std::vector<std::string> choices) {
  o->format = choices.front();
  sub->add_option("--format", o->format, "output format")->check(CLI::IsMember(choices));
  if (std::find(choices.begin(), choices.end(), "table") != choices.end())
    sub->add_flag("--wide", g_wide_tables, "tables keep every cell whole instead of fitting the terminal");
}

size_t TableWidth(const std::ostream& out) {
  if (g_wide_tables) return 0;
  if (const char* env = std::getenv("COLUMNS"); env && *env) {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (end && *end == '\0' && n >= 20 && n <= 10000) return static_cast<size_t>(n);
  }
  if (IsTerminal(out)) {
    struct winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  }
  return 0;
}

size_t TableCellCap(const std::ostream& out, size_t cap) { return g_wide_tables || !IsTerminal(out) ? 0 : cap; }

std::string StorePath(const CommonOptions& o) {
  if (!o.db.empty()) return o.db;
  if (const char* env = std::getenv("DEALGRAPH_DB"); env && *env) return env;
  return "dealgraph.db";
}

void PrintOpenNotices(const Store& store, std::ostream& err) {
  // A migration done by this open, or one a writable command would do.
  if (std::string note = store.OpenNotice(); !note.empty()) err << "dealgraph: " << note << "\n";
  if (std::string lost = store.LostLogNotice(); !lost.empty()) err << "dealgraph: " << lost << "\n";
}

std::unique_ptr<Store> OpenStore(const CommonOptions& o, bool read_only, std::ostream& err, bool allow_lost_log) {
  StoreOptions so;
  so.read_only = read_only;
  so.create_if_missing = !read_only;
  std::string path = StorePath(o);
  Result<std::unique_ptr<Store>> s = Store::Open(path, so);
  if (!s.ok()) {
    err << "dealgraph: " << s.status().message() << "\n";
    return nullptr;
  }
  if (read_only && !allow_lost_log && !(*s)->LostLogNotice().empty()) {
    err << "dealgraph: " << (*s)->LostLogNotice() << "\n";
    return nullptr;
  }
  PrintOpenNotices(**s, err);
  return std::move(s).value();
}

bool DateRangeOk(std::ostream& err, const std::string& from, const std::string& to) {
  IsoDate f, t;
  for (const auto& [flag, value, date] : {std::tuple{"--from", &from, &f}, std::tuple{"--to", &to, &t}}) {
    if (!value->empty() && !ParseIsoDate(*value, date)) {
      err << "dealgraph: " << flag << " '" << *value << "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n";
      return false;
    }
  }
  if (from.empty() || to.empty()) return true;
  // The first day of `from` against the last day of `to`.
  const int fm = f.month ? f.month : 1, fd = f.day ? f.day : 1;
  const int tm = t.month ? t.month : 12, td = t.day ? t.day : 31;
  if (std::tie(f.year, fm, fd) > std::tie(t.year, tm, td)) {
    err << "dealgraph: --from '" << from << "' is after --to '" << to << "': nothing could match\n";
    return false;
  }
  return true;
}

bool WriteOutput(const std::string& path, std::string_view data, std::ostream& out, std::ostream& err,
                 std::string_view context) {
  if (path.empty() || path == "-") {
    errno = 0;
    out << data;
    out.flush();
    if (out) return true;
    err << "dealgraph: " << context << ": cannot write to standard output"
        << (errno ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
    return false;
  }
  Status st = WriteOutputFile(path, data);
  if (!st.ok()) err << "dealgraph: " << context << ": " << st.message() << "\n";
  return st.ok();
}

bool IsTerminal(const std::ostream& out) { return &out == &std::cout && isatty(STDOUT_FILENO); }

std::string FormatMoney(const Money& m) { return DescribeAmount(m, /*compact=*/false); }

Spool::Spool() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/dealgraph-spool-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) {
    status_ = Status::IoError("cannot make a spool file in " + path.substr(0, path.rfind('/')) + ": " +
                              std::strerror(errno));
    return;
  }
  file_.open(path, std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
  ::unlink(path.c_str());
  ::close(fd);
  if (!file_) status_ = Status::IoError("cannot open the spool file " + path);
}

Spool::~Spool() = default;

Status Spool::CopyTo(std::ostream& out, std::string_view what) {
  file_.flush();
  const std::streamoff size = file_.tellp();
  if (!file_ || size < 0) return Status::IoError("writing " + std::string(what) + " to its spool file failed (disk full?)");
  file_.seekg(0);
  if (size > 0) out << file_.rdbuf();
  out.flush();
  if (!out) return Status::IoError("writing " + std::string(what) + " failed (disk full or output closed)");
  return Status::Ok();
}

int ExitWith(std::ostream& err, const Status& status) {
  err << "dealgraph: " << status.message() << "\n";
  return kExitFailure;
}

Status PrintEvents(std::vector<Event> events, const Store& store, const std::string& format, std::ostream& out) {
  if (format == "jsonl" || format == "csv") {
    ASSIGN_OR_RETURN(GraphSlice slice, EventSlice(store, std::move(events)));
    std::ostringstream text;
    RETURN_IF_ERROR(format == "jsonl" ? WriteEventsJsonl(slice, text) : WriteEventsCsv(slice, text));
    out << text.str() << std::flush;
    if (!out) return Status::IoError("writing the events failed (disk full or output closed)");
    return Status::Ok();
  }
  Table t({"DATE", "TYPE", "PARTIES", "AMOUNT", "AGREEMENT", "SOURCE", "QUOTE"});
  std::vector<Event> shown = events;
  RETURN_IF_ERROR(DisplaySources(store, &shown));
  DisplayNames names(store);
  for (const Event& ev : shown) {
    std::string parties;
    for (const Party& p : ev.parties) {
      if (!parties.empty()) parties += ", ";
      parties += names(p.entity_id);
      if (!p.role.empty()) parties += " (" + p.role + ")";
    }
    std::string src, quote;
    for (const Source& s : ev.sources) {
      if (!src.empty()) src += ", ";
      src += s.filing;
      if (!s.item.empty()) src += " " + s.item;
    }
    if (!ev.sources.empty()) quote = ev.sources.front().quote;
    t.AddRow({ev.date.empty() ? "(undated)" : ev.date, ev.type, parties, ev.amount ? FormatMoney(*ev.amount) : "",
              ev.agreement_id.empty() ? "" : names(ev.agreement_id), src, quote});
  }
  RETURN_IF_ERROR(names.status());
  t.Print(out, TableCellCap(out, 60), TableWidth(out));
  return Status::Ok();
}

}  // namespace dealgraph
