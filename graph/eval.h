// Evaluation of the extracted graph against hand-checked gold annotations
// (data/gold/*.json, the format of docs/events.md): precision, recall and F1
// for events and entities, amount accuracy, and quote coverage.
#ifndef DEALGRAPH_GRAPH_EVAL_H_
#define DEALGRAPH_GRAPH_EVAL_H_

#include <string>
#include <vector>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

struct PRF {
  int predicted = 0;
  int gold = 0;
  int matched = 0;
  double precision = 0, recall = 0, f1 = 0;
};

struct EvalReport {
  PRF events;
  PRF entities;
  int duplicates = 0;
  int false_positives = 0;
  double amount_accuracy = -1;  //!< -1 when no matched gold event has an amount
  double with_quote = 0;        //!< share of events with a source quote
  std::vector<std::string> details;  //!< "missed: ...", "false positive: ..." lines
};

// Scores `events` and `entities` against the gold JSON text. Event
// matching: same type (or an alt type), same date (or an alt date), every
// gold core party among the event's parties (names matched through gold
// aliases after FoldName); a maximum bipartite matching pairs them. Optional
// gold items neither count nor penalize.
Result<EvalReport> Evaluate(const std::string& gold_json, const std::vector<Event>& events,
                            const std::vector<Entity>& entities);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_EVAL_H_
