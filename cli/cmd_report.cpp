// dealgraph report: the self-contained HTML report (export/report.h).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

#include "cli/common.h"
#include "export/export_util.h"
#include "export/report.h"
#include "graph/query.h"

namespace dealgraph {

namespace {

struct ReportOpts {
  CommonOptions common;
  std::string output;
  std::string entity, with, from, to, title;
};

// "2026-11-22 08:05 UTC".
std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// The filings as the report's sources name them (DisplaySources: the
// accession number, else the file name).
Result<std::vector<ReportFiling>> FilingsFor(const Store& store) {
  std::vector<ReportFiling> out;
  ASSIGN_OR_RETURN(std::vector<FilingInfo> filings, store.ListFilings());
  DisplayNames names(store);
  for (const FilingInfo& f : filings) {
    ReportFiling r;
    r.key = f.id.rfind("sha:", 0) == 0 && !f.name.empty() ? f.name : f.id;
    r.file_name = f.name;
    r.form = f.form;
    r.filed = f.filed;
    r.event_date = f.event_date;
    if (!f.registrant.empty()) r.registrant = names(f.registrant);
    r.items = f.items;
    out.push_back(std::move(r));
  }
  RETURN_IF_ERROR(names.status());
  return out;
}

int Run(const ReportOpts& o, std::ostream& out, std::ostream& err) {
  if (!DateRangeOk(err, o.from, o.to)) return kExitUsage;
  if (!o.with.empty() && o.entity.empty()) {
    err << "dealgraph: report: --with needs --entity\n";
    return kExitUsage;
  }
  std::unique_ptr<Store> store = OpenStore(o.common, true, err);
  if (!store) return kExitFailure;

  ReportOptions ro;
  ro.title = o.title;
  ro.from = o.from;
  ro.to = o.to;
  DateRange range{o.from, o.to};
  std::vector<Event> events;
  std::vector<Entity> named;  // the entities asked for, shown even with no events
  if (!o.entity.empty()) {
    Result<Entity> a = ResolveEntity(*store, o.entity);
    if (!a.ok()) {
      err << "dealgraph: report: " << a.status().message() << "\n";
      return kExitFailure;
    }
    ro.focus_entity_id = a->id;
    named.push_back(a.value());
    if (!o.with.empty()) {
      Result<Entity> b = ResolveEntity(*store, o.with);
      if (!b.ok()) {
        err << "dealgraph: report: " << b.status().message() << "\n";
        return kExitFailure;
      }
      ro.with_entity_id = b->id;
      named.push_back(b.value());
      ASSIGN_OR_EXIT(events, store->EventsBetween(a->id, b->id, range), err);
    } else {
      ASSIGN_OR_EXIT(events, store->EventsOf(a->id, range), err);
    }
  } else {
    ASSIGN_OR_EXIT(events, store->AllEvents(), err);
    if (!range.unbounded()) {
      events.erase(std::remove_if(events.begin(), events.end(),
                                  [&](const Event& e) { return !range.Contains(e.date); }),
                   events.end());
    }
  }
  ASSIGN_OR_EXIT(GraphSlice slice, SliceFor(*store, std::move(events)), err);
  for (Entity& e : named) {
    if (slice.Find(e.id) == nullptr) slice.entities.push_back(std::move(e));
  }
  ASSIGN_OR_EXIT(ro.filings, FilingsFor(*store), err);
  ro.generated_at = NowUtc();

  // Written into memory first: a failed report leaves no half-written file.
  std::ostringstream buf;
  ReportInfo info;
  Status st = WriteHtmlReport(slice, ro, buf, &info);
  if (!st.ok()) {
    err << "dealgraph: report: " << st.message() << "\n";
    return kExitFailure;
  }
  for (const std::string& w : info.warnings) err << "dealgraph: report: not drawn: " << w << "\n";
  if (!WriteOutput(o.output, buf.str(), out, err, "report")) return kExitFailure;
  if (o.output.empty() || o.output == "-") return kExitOk;
  err << "wrote " << o.output << " (" << info.events << (info.events == 1 ? " event" : " events")
      << ", " << buf.str().size() / 1024 << " KiB)\n";
  return kExitOk;
}

}  // namespace

void SetupReport(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  auto o = std::make_shared<ReportOpts>();
  CLI::App* sub = app.add_subcommand(
      "report", "write a self-contained HTML report: timeline, partners, sortable event table, quotes");
  AddDbOption(sub, &o->common);
  sub->add_option("-o,--output", o->output, "the HTML file to write; - for standard output")
      ->required();
  sub->add_option("--entity", o->entity, "only events with this party (the report's focus)");
  sub->add_option("--with", o->with, "... and with this party too");
  sub->add_option("--from", o->from, "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", o->to, "on or before this date");
  sub->add_option("--title", o->title, "page title (default: \"Deal report: ENTITY\")");
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int { return Run(*o, out, err); };
  });
}

}  // namespace dealgraph
