#include "cli/common.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "common/table.h"
#include "export/csv.h"
#include "export/jsonl.h"
#include "graph/query.h"

namespace dealgraph {

void AddDbOption(CLI::App* sub, CommonOptions* o) {
  sub->add_option("--db", o->db, "store directory (default: $DEALGRAPH_DB or ./dealgraph.db)");
}

void AddFormatOption(CLI::App* sub, CommonOptions* o, std::vector<std::string> choices) {
  o->format = choices.front();
  sub->add_option("--format", o->format, "output format")->check(CLI::IsMember(choices));
}

std::string StorePath(const CommonOptions& o) {
  if (!o.db.empty()) return o.db;
  if (const char* env = std::getenv("DEALGRAPH_DB"); env && *env) return env;
  return "dealgraph.db";
}

std::unique_ptr<Store> OpenStore(const CommonOptions& o, bool read_only, std::ostream& err) {
  StoreOptions so;
  so.read_only = read_only;
  so.create_if_missing = !read_only;
  std::string path = StorePath(o);
  Result<std::unique_ptr<Store>> s = Store::Open(path, so);
  if (!s.ok()) {
    err << "dealgraph: " << s.status().message() << "\n";
    return nullptr;
  }
  // A migration done by this open, or one a writable command would do.
  if (std::string note = (*s)->OpenNotice(); !note.empty()) err << "dealgraph: " << note << "\n";
  return std::move(s).value();
}

bool IsTerminal(const std::ostream& out) { return &out == &std::cout && isatty(STDOUT_FILENO); }

std::string FormatMoney(const Money& m) {
  char buf[64];
  long long whole = static_cast<long long>(m.value);
  std::string digits;
  if (m.value != static_cast<double>(whole) || m.per_share) {
    std::snprintf(buf, sizeof buf, "%.2f", m.value);
    digits = buf;
  } else {
    std::string raw = std::to_string(whole < 0 ? -whole : whole);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (i && (raw.size() - i) % 3 == 0) digits.push_back(',');
      digits.push_back(raw[i]);
    }
    if (whole < 0) digits = "-" + digits;
  }
  std::string cur = m.currency.empty() || m.currency == "USD" ? "$" : m.currency + " ";
  return cur + digits + (m.per_share ? "/share" : "");
}

void PrintEvents(std::vector<Event> events, const Store& store, const std::string& format, std::ostream& out) {
  if (format == "jsonl" || format == "csv") {
    GraphSlice slice = EventSlice(store, std::move(events));
    if (format == "jsonl") {
      (void)WriteEventsJsonl(slice, out);
    } else {
      (void)WriteEventsCsv(slice, out);
    }
    return;
  }
  Table t({"DATE", "TYPE", "PARTIES", "AMOUNT", "AGREEMENT", "SOURCE", "QUOTE"});
  std::vector<Event> shown = events;
  DisplaySources(store, &shown);
  for (const Event& ev : shown) {
    std::string parties;
    for (const Party& p : ev.parties) {
      if (!parties.empty()) parties += ", ";
      parties += DisplayName(store, p.entity_id);
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
              ev.agreement_id.empty() ? "" : DisplayName(store, ev.agreement_id), src, quote});
  }
  t.Print(out, IsTerminal(out) ? 60 : 0);
}

}  // namespace dealgraph
