// dealgraph eval [--gold FILE]: gold scores, and the gold-free Item coverage.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <fstream>
#include <sstream>

#include "cli/common.h"
#include "graph/eval.h"
#include "ingest/extract/lexicon.h"

namespace dealgraph {

namespace {

// What the store's filings declare against what was read from them, no gold
// needed: each stored Item with a fixed meaning (data/lexicon/items.tsv)
// should have an event of one of its types read from it; a filing with such
// an Item and no event at all is silent.
struct Coverage {
  int items = 0, covered = 0;
  int substantive = 0, silent = 0;
  int events = 0, without_party = 0;
};

Coverage ItemCoverage(const std::vector<FilingInfo>& filings, const std::vector<Event>& events) {
  const Lexicon& lex = Lexicon::Get();
  std::map<std::string, std::set<std::pair<std::string, std::string>>> read;  // filing -> (item, type)
  std::set<std::string> any_event;
  Coverage c;
  for (const Event& ev : events) {
    ++c.events;
    c.without_party += ev.parties.empty();
    for (const Source& s : ev.sources) {
      read[s.filing].insert({s.item, ev.type});
      any_event.insert(s.filing);
    }
  }
  for (const FilingInfo& f : filings) {
    bool substantive = false;
    for (const std::string& item : f.items) {
      auto info = lex.items.find(Lexicon::ItemKey(item));
      if (info == lex.items.end()) continue;
      substantive = true;
      ++c.items;
      const auto& got = read[f.id];
      c.covered += std::any_of(info->second.types.begin(), info->second.types.end(),
                               [&](const std::string& t) { return got.count({item, t}) > 0; });
    }
    c.substantive += substantive;
    c.silent += substantive && !any_event.count(f.id);
  }
  return c;
}

double Pct(int a, int b) { return b ? 100.0 * a / b : 0.0; }

}  // namespace

void SetupEval(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  struct Opts {
    CommonOptions common;
    std::string gold;
    bool verbose = false;
    double min_events_f1 = -1, min_entities_f1 = -1;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("eval", "score the stored events and entities against a gold annotation file");
  AddDbOption(sub, &o->common);
  AddFormatOption(sub, &o->common, {"table", "json"});
  sub->add_option("--gold", o->gold, "gold JSON (data/gold/seeds.json); without it, the Item coverage alone");
  sub->add_flag("-v,--verbose", o->verbose, "list misses, false positives and duplicates");
  sub->add_option("--min-events-f1", o->min_events_f1, "exit 1 when events F1 is below this");
  sub->add_option("--min-entities-f1", o->min_entities_f1, "exit 1 when entities F1 is below this");
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      std::unique_ptr<Store> store = OpenStore(o->common, true, err);
      if (!store) return kExitFailure;
      ASSIGN_OR_EXIT(const std::vector<Event> events, store->AllEvents(), err);
      ASSIGN_OR_EXIT(const std::vector<FilingInfo> filings, store->ListFilings(), err);
      const Coverage cov = ItemCoverage(filings, events);
      char cbuf[512];
      if (o->common.format == "json") {
        std::snprintf(cbuf, sizeof cbuf,
                      "\"coverage\":{\"items\":%d,\"items_with_event\":%d,\"item_coverage_pct\":%.1f,"
                      "\"substantive_filings\":%d,\"silent_filings\":%d,\"silent_pct\":%.1f,"
                      "\"events_without_party_pct\":%.1f}",
                      cov.items, cov.covered, Pct(cov.covered, cov.items), cov.substantive, cov.silent,
                      Pct(cov.silent, cov.substantive), Pct(cov.without_party, cov.events));
      } else {
        std::snprintf(cbuf, sizeof cbuf,
                      "items:    %.1f%% of %d Items with a fixed meaning yield an event read from them; "
                      "silent filings %.1f%% of %d; events without a party %.1f%%\n",
                      Pct(cov.covered, cov.items), cov.items, Pct(cov.silent, cov.substantive), cov.substantive,
                      Pct(cov.without_party, cov.events));
      }
      if (o->gold.empty()) {
        out << (o->common.format == "json" ? "{" + std::string(cbuf) + "}\n" : std::string(cbuf));
        return kExitOk;
      }
      std::ifstream in(o->gold, std::ios::binary);
      if (!in) {
        err << "dealgraph: " << o->gold << ": cannot read the gold file\n";
        return kExitFailure;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      ASSIGN_OR_EXIT(const std::vector<Entity> entities, store->ListEntities(std::nullopt), err);
      Result<EvalReport> rep = Evaluate(ss.str(), events, entities);
      if (!rep.ok()) {
        err << "dealgraph: " << o->gold << ": " << rep.status().message() << "\n";
        return kExitFailure;
      }
      const EvalReport& r = *rep;
      char buf[512];
      if (o->common.format == "json") {
        std::snprintf(buf, sizeof buf,
                      "{\"events\":{\"predicted\":%d,\"gold_required\":%d,\"matched\":%d,\"duplicates\":%d,\"false_positives\":%d,"
                      "\"precision\":%.3f,\"recall\":%.3f,\"f1\":%.3f,\"amount_accuracy\":%.3f,\"with_quote\":%.3f},"
                      "\"entities\":{\"predicted\":%d,\"gold_required\":%d,\"matched\":%d,\"precision\":%.3f,\"recall\":%.3f,\"f1\":%.3f},",
                      r.events.predicted, r.events.gold, r.events.matched, r.duplicates, r.false_positives, r.events.precision,
                      r.events.recall, r.events.f1, r.amount_accuracy, r.with_quote, r.entities.predicted, r.entities.gold,
                      r.entities.matched, r.entities.precision, r.entities.recall, r.entities.f1);
        out << buf << cbuf << "}\n";
      } else {
        std::snprintf(buf, sizeof buf,
                      "events:   P %.3f  R %.3f  F1 %.3f  (%d/%d gold found, %d predicted, %d duplicates, %d false positives)\n"
                      "          amounts right: %s  events with a source quote: %.3f\n"
                      "entities: P %.3f  R %.3f  F1 %.3f  (%d/%d gold found, %d predicted)\n",
                      r.events.precision, r.events.recall, r.events.f1, r.events.matched, r.events.gold, r.events.predicted,
                      r.duplicates, r.false_positives,
                      r.amount_accuracy < 0 ? "n/a" : std::to_string(r.amount_accuracy).substr(0, 5).c_str(), r.with_quote,
                      r.entities.precision, r.entities.recall, r.entities.f1, r.entities.matched, r.entities.gold,
                      r.entities.predicted);
        out << buf << cbuf;
        if (o->verbose) for (const std::string& d : r.details) out << d << "\n";
      }
      bool below = (o->min_events_f1 >= 0 && r.events.f1 + 1e-9 < o->min_events_f1) ||
                   (o->min_entities_f1 >= 0 && r.entities.f1 + 1e-9 < o->min_entities_f1);
      if (below) err << "dealgraph: below the required F1\n";
      return below ? kExitFailure : kExitOk;
    };
  });
}

}  // namespace dealgraph
