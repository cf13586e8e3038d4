// What the subcommands share: the store location, output format, and
// helpers to print events and entities.
#ifndef DEALGRAPH_CLI_COMMON_H_
#define DEALGRAPH_CLI_COMMON_H_

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/status.h"
#include "graph/model.h"
#include "graph/store.h"

namespace dealgraph {

// Exit statuses.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  //!< some input failed, or nothing matched
inline constexpr int kExitUsage = 2;

struct CommonOptions {
  std::string db;      //!< --db; "" = $DEALGRAPH_DB or ./dealgraph.db
  std::string format;  //!< "table" (default), "jsonl", "csv"
};

// Adds --db to a subcommand.
void AddDbOption(CLI::App* sub, CommonOptions* o);
// Adds --format with the given choices (first = default).
void AddFormatOption(CLI::App* sub, CommonOptions* o, std::vector<std::string> choices);

// The store path the user asked for.
std::string StorePath(const CommonOptions& o);

// Opens the store; prints "dealgraph: ..." to err on failure (nullptr), and
// the store's OpenNotice (a format migration done or needed) once. A store
// whose damaged write-ahead log lost filings not yet back (LostLogNotice)
// is refused to a read-only open (its answers would miss them) unless
// `allow_lost_log` (check); a writable open says so and goes on (an ingest
// brings them back).
std::unique_ptr<Store> OpenStore(const CommonOptions& o, bool read_only, std::ostream& err,
                                 bool allow_lost_log = false);
// Prints the store's OpenNotice and LostLogNotice, if any, to `err`.
void PrintOpenNotices(const Store& store, std::ostream& err);

// Prints events as a table (date, type, parties, amount, agreement, source)
// or JSON Lines / CSV. The slice supplies entity names. Everything is read
// before anything is written: a failed read (returned) prints nothing.
Status PrintEvents(std::vector<Event> events, const Store& store, const std::string& format, std::ostream& out);

// What a command does when a read of the store (or a write of its output)
// fails: prints "dealgraph: MESSAGE" (the store's one line: which store,
// what failed, what to do) to `err` and gives kExitFailure. A command reads
// everything before it writes, so nothing of a partial answer is printed.
int ExitWith(std::ostream& err, const Status& status);

// In a command's run function: binds the value of a Result, or returns
// ExitWith(err, its status).
#define ASSIGN_OR_EXIT(lhs, expr, err)                                                      \
  auto DG_CONCAT_(dg_exit_, __LINE__) = (expr);                                            \
  if (!DG_CONCAT_(dg_exit_, __LINE__).ok())                                                \
    return ::dealgraph::ExitWith((err), DG_CONCAT_(dg_exit_, __LINE__).status());           \
  lhs = std::move(DG_CONCAT_(dg_exit_, __LINE__)).value()
// In a command's run function: returns ExitWith(err, status) when `expr` fails.
#define EXIT_IF_ERROR(expr, err)                                            \
  do {                                                                      \
    ::dealgraph::Status dg_exit_status_ = (expr);                           \
    if (!dg_exit_status_.ok()) return ::dealgraph::ExitWith((err), dg_exit_status_); \
  } while (0)

// True when `from` and `to` are each empty or a date (YYYY, YYYY-MM or
// YYYY-MM-DD, a real month and day) and `from` does not begin after `to`
// ends; else prints why to `err` ("dealgraph: --from '2005-13' is not a
// date ...") and returns false.
bool DateRangeOk(std::ostream& err, const std::string& from, const std::string& to);

// "$2,000,000" / "EUR 40,000,000" / "$0.89/share".
std::string FormatMoney(const Money& m);

// Writes `data` where `-o path` says: to `out` for "" and "-", else to the
// file, through WriteOutputFile (common/output_file.h: a regular file is
// replaced whole, a FIFO or device written in place, a link followed, a
// folder refused). On failure prints "dealgraph: CONTEXT: cannot write PATH:
// REASON" to `err` and returns false.
bool WriteOutput(const std::string& path, std::string_view data, std::ostream& out, std::ostream& err,
                 std::string_view context);

// Where a streamed listing waits until it is whole: an unlinked file in
// $TMPDIR (memory stays bounded however big the listing), copied to the
// output by CopyTo once every read succeeded, and gone at the end of the
// object either way.
class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  const Status& status() const { return status_; }  //!< why the spool could not be made
  std::ostream& stream() { return file_; }
  // Writes what was spooled to `out`; an IoError naming `what` when writing
  // the spool or `out` failed.
  Status CopyTo(std::ostream& out, std::string_view what);

 private:
  std::fstream file_;
  Status status_;
};

// True when `out` is the process's standard output and it is a terminal.
bool IsTerminal(const std::ostream& out);

// The width a table printed to `out` fits (Table::Print's total_width): 0
// with --wide; else $COLUMNS when set; else the terminal's columns when
// `out` is one; else 0 (a pipe gets whole cells).
size_t TableWidth(const std::ostream& out);
// `cap` (Table::Print's max_width) on a terminal, 0 with --wide or in a pipe.
size_t TableCellCap(const std::ostream& out, size_t cap);

struct AgreementStory;
class DisplayNames;
// One agreement with its term history and events (the hit events of `type`
// starred, with their first quote), as `agreement` and `agreements` print it.
void PrintAgreementStory(DisplayNames& names, const AgreementStory& st, const std::string& type, std::ostream& out);
// The agreement as one JSON object: the entity plus "term_history".
std::string AgreementJsonLine(const AgreementStory& st);

// Signatures of the per-command setup functions (one file per command group).
using Runner = std::function<int()>;
void SetupIngest(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupQueries(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupExport(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupEval(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupNetwork(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupInspect(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
void SetupAsk(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
// report (cli/cmd_report.cpp): the self-contained HTML report.
void SetupReport(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);
// check, backup, restore (cli/cmd_admin.cpp): store upkeep.
void SetupAdmin(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run);

}  // namespace dealgraph

#endif  // DEALGRAPH_CLI_COMMON_H_
