// dealgraph eval --gold FILE
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/common.h"
#include "graph/eval.h"

namespace dealgraph {

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
  sub->add_option("--gold", o->gold, "gold JSON (data/gold/seeds.json)")->required();
  sub->add_flag("-v,--verbose", o->verbose, "list misses, false positives and duplicates");
  sub->add_option("--min-events-f1", o->min_events_f1, "exit 1 when events F1 is below this");
  sub->add_option("--min-entities-f1", o->min_entities_f1, "exit 1 when entities F1 is below this");
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      std::ifstream in(o->gold, std::ios::binary);
      if (!in) {
        err << "dealgraph: " << o->gold << ": cannot read the gold file\n";
        return kExitFailure;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      std::unique_ptr<Store> store = OpenStore(o->common, true, err);
      if (!store) return kExitFailure;
      Result<EvalReport> rep = Evaluate(ss.str(), store->AllEvents(), store->ListEntities(std::nullopt));
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
                      "\"entities\":{\"predicted\":%d,\"gold_required\":%d,\"matched\":%d,\"precision\":%.3f,\"recall\":%.3f,\"f1\":%.3f}}\n",
                      r.events.predicted, r.events.gold, r.events.matched, r.duplicates, r.false_positives, r.events.precision,
                      r.events.recall, r.events.f1, r.amount_accuracy, r.with_quote, r.entities.predicted, r.entities.gold,
                      r.entities.matched, r.entities.precision, r.entities.recall, r.entities.f1);
        out << buf;
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
        out << buf;
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
