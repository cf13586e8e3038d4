// dealgraph partners / path / central: the partner network (Boost.Graph).
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "cli/common.h"
#include "common/json.h"
#include "common/table.h"
#include "graph/network.h"
#include "graph/query.h"

namespace dealgraph {

void SetupNetwork(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  {
    struct Opts { CommonOptions common; std::string name, as_of, by = "events"; bool people = false; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("partners", "a company's partners, ranked by shared events and money");
    AddDbOption(sub, &o->common);
    AddFormatOption(sub, &o->common, {"table", "jsonl"});
    sub->add_option("name", o->name, "a company")->required();
    sub->add_option("--as-of", o->as_of, "the network as filings up to this date described it");
    sub->add_option("--by", o->by, "rank by events (default), agreements or money")
        ->check(CLI::IsMember({"events", "agreements", "money"}));
    sub->add_flag("--people", o->people, "list people (officers, signatories) too, not only companies");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        Result<Entity> x = ResolveEntity(*store, o->name);
        if (!x.ok()) {
          err << "dealgraph: " << x.status().message() << "\n";
          return kExitFailure;
        }
        ASSIGN_OR_EXIT(Network net, Network::ForPartners(*store, x->id, o->as_of), err);
        std::vector<Network::Partner> ps = net.PartnersOf(x->id);
        if (!o->people) {
          std::erase_if(ps, [&](const Network::Partner& p) {
            int v = net.Find(p.id);
            return v >= 0 && net.graph()[v].type != EntityType::kOrganization;
          });
        }
        // PartnersOf ranks by events, then money; the other orders keep
        // events as the tie-break.
        if (o->by == "money") {
          std::stable_sort(ps.begin(), ps.end(), [](const auto& a, const auto& b) { return a.edge.money > b.edge.money; });
        } else if (o->by == "agreements") {
          std::stable_sort(ps.begin(), ps.end(),
                           [](const auto& a, const auto& b) { return a.edge.agreements > b.edge.agreements; });
        }
        if (o->common.format == "jsonl") {
          for (const auto& p : ps) {
            JsonWriter w;
            w.BeginObject();
            w.Field("id", p.id);
            w.Field("name", p.name);
            w.Key("events"); w.Int(p.edge.events);
            w.Key("agreements"); w.Int(p.edge.agreements);
            w.Key("money_usd"); w.Number(p.edge.money);
            w.Field("first", p.edge.first);
            w.Field("last", p.edge.last);
            w.EndObject();
            out << w.str() << "\n";
          }
        } else {
          Table t({"PARTNER", "EVENTS", "AGREEMENTS", "MONEY", "FIRST", "LAST"});
          for (const auto& p : ps) {
            t.AddRow({p.name, std::to_string(p.edge.events), std::to_string(p.edge.agreements),
                      p.edge.money > 0 ? FormatMoney(TotalMoney(p.edge.money, "USD")) : "", p.edge.first, p.edge.last});
          }
          out << "Partners of " << x->name << (o->as_of.empty() ? "" : " as of " + o->as_of) << "\n";
          t.Print(out, 0, TableWidth(out));
        }
        return ps.empty() ? kExitFailure : kExitOk;
      };
    });
  }
  {
    struct Opts { CommonOptions common; std::string a, b; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("path", "how two entities are connected, hop by hop");
    AddDbOption(sub, &o->common);
    sub->add_option("A", o->a, "from")->required();
    sub->add_option("B", o->b, "to")->required();
    sub->callback([o, &out, &err, run] {
      *run = [o, &outer = out, &err]() -> int {
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        Result<Entity> a = ResolveEntity(*store, o->a);
        Result<Entity> b = a.ok() ? ResolveEntity(*store, o->b) : a;
        if (!a.ok() || !b.ok()) {
          err << "dealgraph: " << (a.ok() ? b.status() : a.status()).message() << "\n";
          return kExitFailure;
        }
        ASSIGN_OR_EXIT(Network net, Network::Whole(*store, ""), err);
        std::vector<std::string> path = net.Path(a->id, b->id);
        if (path.empty()) {
          outer << a->name << " and " << b->name << " are not connected.\n";
          return kExitFailure;
        }
        DisplayNames names(*store);
        std::ostringstream text;
        std::ostream& out = text;
        out << names(path[0]) << "\n";
        for (size_t i = 1; i < path.size(); ++i) {
          const NetworkEdge* e = net.EdgeBetween(path[i - 1], path[i]);
          out << "  -> " << names(path[i]);
          if (e) {
            out << "  (" << e->events << " event" << (e->events == 1 ? "" : "s");
            if (!e->first.empty()) out << ", " << e->first << (e->last != e->first ? " to " + e->last : "");
            out << ")";
          }
          out << "\n";
          if (e) {
            for (const std::string& id : e->event_ids) {
              Result<Event> ev = store->GetEvent(id);
              EXIT_IF_ERROR(ev.status(), err);
              std::vector<Event> one{std::move(ev).value()};
              EXIT_IF_ERROR(DisplaySources(*store, &one), err);
              ev = std::move(one.front());
              out << "       " << (ev->date.empty() ? "(undated)" : ev->date) << " " << ev->type;
              if (!ev->sources.empty()) out << "  [" << ev->sources.front().filing << "]";
              out << "\n";
            }
          }
        }
        EXIT_IF_ERROR(names.status(), err);
        outer << text.str();
        return kExitOk;
      };
    });
  }
  {
    struct Opts { CommonOptions common; int limit = 20; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("central", "the most connected companies (betweenness and degree centrality)");
    AddDbOption(sub, &o->common);
    sub->add_option("-n,--limit", o->limit, "how many to show");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        ASSIGN_OR_EXIT(Network net, Network::Whole(*store, ""), err);
        Table t({"COMPANY", "DEGREE", "BETWEENNESS"});
        int n = 0;
        for (const auto& c : net.Central()) {
          if (n++ >= o->limit) break;
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.3f", c.betweenness);
          t.AddRow({c.name, std::to_string(c.degree), buf});
        }
        t.Print(out, 0, TableWidth(out));
        return kExitOk;
      };
    });
  }
}

}  // namespace dealgraph
