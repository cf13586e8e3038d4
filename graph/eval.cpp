#include "graph/eval.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "common/names.h"

namespace dealgraph {

namespace {

struct GoldEvent {
  std::string id;
  std::vector<std::string> types;
  std::vector<std::string> dates;
  std::vector<std::string> parties;
  bool optional = false;
  double amount = -1;
  std::string text;
};

PRF Score(int tp, int predicted, int gold) {
  PRF r;
  r.predicted = predicted;
  r.gold = gold;
  r.matched = tp;
  r.precision = predicted ? static_cast<double>(tp) / predicted : 0;
  r.recall = gold ? static_cast<double>(tp) / gold : 0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  return r;
}

}  // namespace

Result<EvalReport> Evaluate(const std::string& gold_json, const std::vector<Event>& events,
                            const std::vector<Entity>& entities) {
  nlohmann::json gold;
  try {
    gold = nlohmann::json::parse(gold_json);
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("gold file is not JSON: ") + e.what());
  }
  if (!gold.is_object() || !gold.contains("entities") || !gold.contains("events")) {
    return Status::Corruption("gold file lacks \"entities\" or \"events\"");
  }
  EvalReport rep;
  try {
    std::map<std::string, std::string> alias;  // folded name -> gold entity id
    std::map<std::string, const nlohmann::json*> by_id;
    for (const auto& e : gold["entities"]) {
      std::string id = e.at("id").get<std::string>();
      by_id[id] = &e;
      alias.emplace(FoldName(e.at("name").get<std::string>()), id);
      if (e.contains("aliases")) {
        for (const auto& a : e["aliases"]) alias.emplace(FoldName(a.get<std::string>()), id);
      }
    }
    auto resolve = [&](const std::string& name) -> std::string {
      auto it = alias.find(FoldName(name));
      return it == alias.end() ? "" : it->second;
    };
    // Events as the outside world sees them: party display names.
    std::map<std::string, const Entity*> ent_by_id;
    for (const Entity& e : entities) ent_by_id[e.id] = &e;
    auto party_gold_ids = [&](const Event& ev) {
      std::set<std::string> ids;
      for (const Party& p : ev.parties) {
        auto it = ent_by_id.find(p.entity_id);
        std::string gid;
        if (it != ent_by_id.end()) {
          gid = resolve(it->second->name);
          for (size_t k = 0; gid.empty() && k < it->second->aliases.size(); ++k) gid = resolve(it->second->aliases[k]);
        } else {
          gid = resolve(p.entity_id);
        }
        if (!gid.empty()) ids.insert(gid);
      }
      return ids;
    };
    std::vector<GoldEvent> golds;
    for (const auto& g : gold["events"]) {
      GoldEvent ge;
      ge.id = g.at("id").get<std::string>();
      ge.types.push_back(g.at("type").get<std::string>());
      if (g.contains("alt_types")) for (const auto& t : g["alt_types"]) ge.types.push_back(t.get<std::string>());
      ge.dates.push_back(g.contains("date") && g["date"].is_string() ? g["date"].get<std::string>() : "");
      if (g.contains("alt_dates")) for (const auto& d : g["alt_dates"]) ge.dates.push_back(d.get<std::string>());
      for (const auto& p : g.at("parties")) ge.parties.push_back(p.get<std::string>());
      ge.optional = g.value("optional", false);
      if (g.contains("amount_usd")) ge.amount = g["amount_usd"].get<double>();
      ge.text = g.value("note", "");
      golds.push_back(std::move(ge));
    }
    std::vector<std::set<std::string>> pred_parties;
    for (const Event& ev : events) pred_parties.push_back(party_gold_ids(ev));
    auto matches = [&](const GoldEvent& g, size_t i) {
      const Event& ev = events[i];
      if (std::find(g.types.begin(), g.types.end(), ev.type) == g.types.end()) return false;
      if (std::find(g.dates.begin(), g.dates.end(), ev.date) == g.dates.end()) return false;
      for (const std::string& p : g.parties) if (!pred_parties[i].count(p)) return false;
      return true;
    };
    // Richer predictions claim first, then maximum matching by augmenting paths.
    std::vector<size_t> order(events.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return static_cast<bool>(events[a].amount) > static_cast<bool>(events[b].amount);
    });
    auto max_match = [&](const std::vector<size_t>& preds, const std::vector<const GoldEvent*>& gs) {
      std::map<size_t, std::vector<size_t>> cands;
      for (size_t i : preds) {
        for (size_t g = 0; g < gs.size(); ++g) if (matches(*gs[g], i)) cands[i].push_back(g);
      }
      std::map<size_t, size_t> owner;  // gold index -> prediction
      std::function<bool(size_t, std::set<size_t>&)> augment = [&](size_t i, std::set<size_t>& seen) {
        for (size_t g : cands[i]) {
          if (!seen.insert(g).second) continue;
          if (!owner.count(g) || augment(owner[g], seen)) {
            owner[g] = i;
            return true;
          }
        }
        return false;
      };
      for (size_t i : preds) {
        std::set<size_t> seen;
        augment(i, seen);
      }
      return owner;
    };
    std::vector<const GoldEvent*> req, opt;
    for (const GoldEvent& g : golds) (g.optional ? opt : req).push_back(&g);
    auto matched = max_match(order, req);
    std::set<size_t> taken;
    for (auto& [g, i] : matched) taken.insert(i);
    std::vector<size_t> rest;
    for (size_t i : order) if (!taken.count(i)) rest.push_back(i);
    auto opt_matched = max_match(rest, opt);
    for (auto& [g, i] : opt_matched) taken.insert(i);
    int amount_total = 0, amount_ok = 0;
    for (auto& [g, i] : matched) {
      if (req[g]->amount < 0) continue;
      ++amount_total;
      const auto& a = events[i].amount;
      if (a && std::abs(a->value - req[g]->amount) < 0.5 && (a->currency.empty() || a->currency == "USD")) ++amount_ok;
    }
    for (size_t g = 0; g < req.size(); ++g) {
      if (!matched.count(g)) rep.details.push_back("missed: " + req[g]->id + " " + req[g]->types[0] + " " + req[g]->dates[0] + " — " + req[g]->text);
    }
    for (size_t i = 0; i < events.size(); ++i) {
      if (taken.count(i)) continue;
      bool dup = false;
      for (const GoldEvent& g : golds) dup |= matches(g, i);
      std::string parties;
      for (const Party& p : events[i].parties) parties += " " + p.entity_id;
      if (dup) {
        ++rep.duplicates;
        rep.details.push_back("duplicate: " + events[i].type + " " + events[i].date + parties);
      } else {
        ++rep.false_positives;
        rep.details.push_back("false positive: " + events[i].type + " " + events[i].date + parties);
      }
    }
    rep.events = Score(static_cast<int>(matched.size()), static_cast<int>(events.size() - opt_matched.size()), static_cast<int>(req.size()));
    rep.amount_accuracy = amount_total ? static_cast<double>(amount_ok) / amount_total : -1;
    int quoted = 0;
    for (const Event& ev : events) {
      bool q = false;
      for (const Source& s : ev.sources) q |= !s.quote.empty();
      quoted += q;
    }
    rep.with_quote = events.empty() ? 0 : static_cast<double>(quoted) / events.size();
    // Entities.
    std::set<std::string> found;
    int optional_hits = 0, entity_fp = 0;
    int gold_required = 0;
    for (const auto& e : gold["entities"]) gold_required += !e.value("optional", false);
    for (const Entity& e : entities) {
      std::string gid = resolve(e.name);
      for (size_t k = 0; gid.empty() && k < e.aliases.size(); ++k) gid = resolve(e.aliases[k]);
      if (gid.empty()) {
        ++entity_fp;
        rep.details.push_back("entity false positive: " + e.name + " (" + std::string(EntityTypeName(e.type)) + ")");
        continue;
      }
      const nlohmann::json& g = *by_id[gid];
      if (g.value("optional", false)) {
        ++optional_hits;
      } else if (g.at("type").get<std::string>() != EntityTypeName(e.type)) {
        ++entity_fp;
        rep.details.push_back("entity of the wrong type: " + e.name);
      } else {
        found.insert(gid);
      }
    }
    for (const auto& e : gold["entities"]) {
      if (!e.value("optional", false) && !found.count(e["id"].get<std::string>())) {
        rep.details.push_back("entity missed: " + e["name"].get<std::string>());
      }
    }
    rep.entities = Score(static_cast<int>(found.size()), static_cast<int>(entities.size()) - optional_hits, gold_required);
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("gold file is malformed: ") + e.what());
  }
  return rep;
}

}  // namespace dealgraph
