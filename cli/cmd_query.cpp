// dealgraph entities / events / history / agreements
#include <algorithm>
#include <optional>
#include <set>
#include <sstream>

#include "cli/common.h"
#include "common/json.h"
#include "common/table.h"
#include "export/csv.h"
#include "export/jsonl.h"
#include "graph/query.h"

namespace dealgraph {

namespace {

// Resolves `name`, printing the error; empty id on failure.
std::string Resolve(const Store& store, const std::string& name, std::ostream& err) {
  Result<Entity> e = ResolveEntity(store, name);
  if (!e.ok()) {
    ExitWith(err, e.status());
    return "";
  }
  return e->id;
}

}  // namespace

std::string AgreementJsonLine(const AgreementStory& st) {
  std::string line;
  WriteEntityJson(st.agreement, &line);
  std::vector<TermStep> steps = TermHistory(st.agreement, st.events);
  if (steps.empty() || line.empty() || line.back() != '}') return line;
  // The entity object, plus how its end date came to be.
  JsonWriter w;
  w.BeginArray();
  for (const TermStep& step : steps) {
    w.BeginObject();
    w.Field("expires", step.expires);
    w.Field("because", step.because);
    w.Field("event", step.event_id, true);
    w.Key("inferred"); w.Bool(step.inferred);
    w.Key("superseded"); w.Bool(step.superseded);
    w.EndObject();
  }
  w.EndArray();
  line.pop_back();
  line += ",\"term_history\":" + w.str() + "}";
  return line;
}

void PrintAgreementStory(DisplayNames& names, const AgreementStory& st, const std::string& type, std::ostream& out) {
  const Entity& ag = st.agreement;
  std::string parties;
  for (const std::string& p : ag.parties) parties += (parties.empty() ? "" : ", ") + names(p);
  out << ag.name << " (" << parties << ")";
  if (!ag.dated.empty()) out << ", dated " << ag.dated;
  if (!ag.term.empty()) out << ", " << ag.term << " term";
  if (!ag.expires.empty()) out << ", runs to " << ag.expires;
  out << "  [" << ag.id << "]\n";
  std::vector<TermStep> steps = TermHistory(ag, st.events);
  if (steps.size() > 1) {
    for (const TermStep& step : steps) {
      out << "    term to " << step.expires << "  " << (step.superseded ? "superseded" : "current   ") << "  ("
          << step.because << ")\n";
    }
  }
  for (const Event& ev : st.events) {
    bool hit = type.empty() || ev.type == type;
    out << (hit ? "  * " : "    ") << (ev.date.empty() ? "(undated)" : ev.date) << "  " << ev.type.substr(ev.type.find('.') + 1);
    if (ev.amount) out << "  " << FormatMoney(*ev.amount);
    if (!ev.summary.empty()) out << "  (" << ev.summary << ")";
    std::string srcs;
    // One filing once, however many of its Items told the event.
    std::vector<std::string_view> seen;
    for (const Source& s : ev.sources) {
      if (std::find(seen.begin(), seen.end(), s.filing) != seen.end()) continue;
      seen.push_back(s.filing);
      srcs += (srcs.empty() ? "" : ", ") + s.filing;
    }
    out << "  [" << srcs << "]\n";
    if (hit && !ev.sources.empty()) out << "      \"" << ev.sources.front().quote << "\"\n";
  }
}

void SetupQueries(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  // agreement ID
  {
    struct Opts { CommonOptions common; std::string id; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("agreement", "one agreement's whole story, with sources");
    AddDbOption(sub, &o->common);
    sub->add_option("id", o->id, "agreement id (ag:...) or name")->required();
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        Result<Entity> ag = ResolveEntity(*store, o->id);
        if (!ag.ok() && ag.status().code() != StatusCode::kNotFound) return ExitWith(err, ag.status());
        if (!ag.ok() || ag->type != EntityType::kAgreement) {
          err << "dealgraph: no agreement matches '" << o->id << "' (try `dealgraph entities --type agreement`)\n";
          return kExitFailure;
        }
        ASSIGN_OR_EXIT(std::vector<Event> events, store->EventsOfAgreement(ag->id), err);
        EXIT_IF_ERROR(DisplaySources(*store, &events), err);
        AgreementStory st{AgreementLifecycle(std::move(ag).value(), events), std::move(events)};
        DisplayNames names(*store);
        std::ostringstream text;
        PrintAgreementStory(names, st, "", text);
        EXIT_IF_ERROR(names.status(), err);
        out << text.str();
        return kExitOk;
      };
    });
  }
  // entities
  {
    struct Opts { CommonOptions common; std::string type; std::string name; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("entities", "list companies, people, products and agreements");
    AddDbOption(sub, &o->common);
    AddFormatOption(sub, &o->common, {"table", "jsonl", "csv"});
    sub->add_option("--type", o->type, "organization, person, product or agreement");
    sub->add_option("--name", o->name, "only entities matching this name");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        std::optional<EntityType> type;
        if (!o->type.empty()) {
          EntityType t;
          if (!ParseEntityType(o->type, &t)) {
            err << "dealgraph: unknown entity type '" << o->type << "' (organization, person, product, agreement)\n";
            return kExitUsage;
          }
          type = t;
        }
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        if ((o->common.format == "jsonl" || o->common.format == "csv") && o->name.empty()) {
          // One line per entity as it is read: a listing of a big store
          // does not hold every entity and its sources at once. (The table
          // needs its column widths first.) The lines go to a spool first
          // and out only when every entity was read: a read that fails
          // midway prints nothing.
          Spool spool;
          EXIT_IF_ERROR(spool.status(), err);
          std::optional<EntityCsvWriter> csv;
          if (o->common.format == "csv") csv.emplace(spool.stream());
          std::string line;
          auto write_jsonl = [&](const Entity& e) {
            line.clear();
            WriteEntityJson(e, &line);
            spool.stream() << line << "\n";
            return static_cast<bool>(spool.stream());
          };
          EXIT_IF_ERROR(store->ForEachEntity(type, [&](Entity& e) { return csv ? csv->Write(e) : write_jsonl(e); }),
                        err);
          EXIT_IF_ERROR(spool.CopyTo(out, "the entity listing"), err);
          return kExitOk;
        }
        ASSIGN_OR_EXIT(std::vector<Entity> ents, o->name.empty() ? store->ListEntities(type) : store->FindEntities(o->name),
                       err);
        if (type) ents.erase(std::remove_if(ents.begin(), ents.end(), [&](const Entity& e) { return e.type != *type; }), ents.end());
        if (o->common.format == "jsonl") {
          for (const Entity& e : ents) {
            std::string line;
            WriteEntityJson(e, &line);
            out << line << "\n";
          }
        } else if (o->common.format == "csv") {
          GraphSlice s;
          s.entities = std::move(ents);
          EXIT_IF_ERROR(WriteEntitiesCsv(s, out), err);
        } else {
          Table t({"ID", "TYPE", "NAME", "ALIASES", "DETAIL"});
          for (const Entity& e : ents) {
            std::string aliases;
            for (const std::string& a : e.aliases) aliases += (aliases.empty() ? "" : "; ") + a;
            std::string detail = e.title;
            if (e.type == EntityType::kAgreement) {
              if (!e.dated.empty()) detail += " dated " + e.dated;
              if (!e.expires.empty()) detail += ", expires " + e.expires;
            }
            for (const FormerName& f : e.former_names) {
              detail += (detail.empty() ? "formerly " : "; formerly ") + f.name;
              if (!f.until.empty()) detail += " (to " + f.until + ")";
            }
            t.AddRow({e.id, std::string(EntityTypeName(e.type)), e.name, aliases, detail});
          }
          t.Print(out, TableCellCap(out, 50), TableWidth(out));
        }
        return kExitOk;
      };
    });
  }
  // events
  {
    struct Opts { CommonOptions common; std::string entity, with, type, from, to; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("events", "list events, filtered by party, type and date");
    AddDbOption(sub, &o->common);
    AddFormatOption(sub, &o->common, {"table", "jsonl", "csv"});
    sub->add_option("--entity,--party", o->entity, "events with this party");
    sub->add_option("--with", o->with, "... and with this party too");
    sub->add_option("--type,--types", o->type,
                    "event types, comma-separated (agreement.renewed,payment) or a family (agreement)");
    sub->add_option("--from", o->from, "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)");
    sub->add_option("--to", o->to, "on or before this date");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        if (!DateRangeOk(err, o->from, o->to)) return kExitUsage;
        Result<std::vector<std::string>> types = ExpandEventTypes(o->type);
        if (!types.ok()) {
          err << "dealgraph: " << types.status().message() << "\n";
          return kExitUsage;
        }
        if (!o->with.empty() && o->entity.empty()) {
          err << "dealgraph: --with needs --entity (events between the two)\n";
          return kExitUsage;
        }
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        DateRange range{o->from, o->to};
        std::vector<Event> events;
        auto by_date = [](std::vector<Event>* evs) {
          // Oldest first, undated last, as every store listing is.
          std::stable_sort(evs->begin(), evs->end(), [](const Event& x, const Event& y) {
            if (x.date.empty() != y.date.empty()) return y.date.empty();
            return x.date < y.date;
          });
        };
        if (!o->entity.empty()) {
          std::string a = Resolve(*store, o->entity, err);
          if (a.empty()) return kExitFailure;
          if (!o->with.empty()) {
            std::string b = Resolve(*store, o->with, err);
            if (b.empty()) return kExitFailure;
            ASSIGN_OR_EXIT(events, store->EventsBetween(a, b, range), err);
            if (!types->empty()) {
              std::erase_if(events, [&](const Event& e) {
                return std::find(types->begin(), types->end(), e.type) == types->end();
              });
            }
          } else if (!types->empty()) {
            // The party+type index, one scan per type.
            for (const std::string& t : *types) {
              ASSIGN_OR_EXIT(std::vector<Event> of_type, store->EventsOfPartyAndType(a, t), err);
              for (Event& e : of_type) {
                if (range.unbounded() || range.Contains(e.date)) events.push_back(std::move(e));
              }
            }
            by_date(&events);
          } else {
            ASSIGN_OR_EXIT(events, store->EventsOf(a, range), err);
          }
        } else if (!types->empty()) {
          for (const std::string& t : *types) {
            ASSIGN_OR_EXIT(std::vector<Event> of_type, store->EventsOfType(t, range), err);
            for (Event& e : of_type) events.push_back(std::move(e));
          }
          by_date(&events);
        } else {
          ASSIGN_OR_EXIT(events, store->AllEvents(), err);
          if (!range.unbounded()) {
            events.erase(std::remove_if(events.begin(), events.end(), [&](const Event& e) { return !range.Contains(e.date); }), events.end());
          }
        }
        EXIT_IF_ERROR(PrintEvents(std::move(events), *store, o->common.format, out), err);
        return kExitOk;
      };
    });
  }
  // history
  {
    struct Opts { CommonOptions common; std::string a, b, from, to; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("history", "the dated story of A (with B), oldest first, with sources");
    AddDbOption(sub, &o->common);
    AddFormatOption(sub, &o->common, {"table", "jsonl", "csv"});
    sub->add_option("A", o->a, "a company, person or product")->required();
    sub->add_option("B", o->b, "only events shared with this one");
    sub->add_option("--from", o->from, "on or after this date");
    sub->add_option("--to", o->to, "on or before this date");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        if (!DateRangeOk(err, o->from, o->to)) return kExitUsage;
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        std::string a = Resolve(*store, o->a, err);
        if (a.empty()) return kExitFailure;
        DateRange range{o->from, o->to};
        std::vector<Event> events;
        ASSIGN_OR_EXIT(std::string title, DisplayName(*store, a), err);
        if (!o->b.empty()) {
          std::string b = Resolve(*store, o->b, err);
          if (b.empty()) return kExitFailure;
          ASSIGN_OR_EXIT(events, store->EventsBetween(a, b, range), err);
          ASSIGN_OR_EXIT(std::string other, DisplayName(*store, b), err);
          title += " and " + other;
        } else {
          ASSIGN_OR_EXIT(events, store->EventsOf(a, range), err);
        }
        if (o->common.format == "table") {
          EXIT_IF_ERROR(DisplaySources(*store, &events), err);
          DisplayNames names(*store);
          std::ostringstream text;
          text << "History of " << title << ": " << events.size() << " event" << (events.size() == 1 ? "" : "s") << "\n";
          for (const Event& ev : events) {
            std::string parties;
            for (const Party& p : ev.parties) {
              if (p.entity_id == a) continue;
              parties += (parties.empty() ? "" : ", ") + names(p.entity_id);
            }
            text << (ev.date.empty() ? "(undated)" : ev.date) << "  " << ev.type;
            if (!parties.empty()) text << "  with " << parties;
            if (ev.amount) text << "  " << FormatMoney(*ev.amount);
            if (!ev.agreement_id.empty()) text << "  [" << names(ev.agreement_id) << "]";
            text << "\n";
            for (const Source& s : ev.sources) {
              text << "    source " << s.filing << (s.item.empty() ? "" : " (" + s.item + ")") << ": \"" << s.quote << "\"\n";
            }
          }
          EXIT_IF_ERROR(names.status(), err);
          out << text.str();
        } else {
          bool none = events.empty();
          EXIT_IF_ERROR(PrintEvents(std::move(events), *store, o->common.format, out), err);
          return none ? kExitFailure : kExitOk;
        }
        return events.empty() ? kExitFailure : kExitOk;
      };
    });
  }
  // agreements
  {
    struct Opts { CommonOptions common; std::string party, action, active_on, as_of; };
    auto o = std::make_shared<Opts>();
    CLI::App* sub = app.add_subcommand("agreements", "agreements a party entered, renewed, extended, amended or terminated");
    AddDbOption(sub, &o->common);
    AddFormatOption(sub, &o->common, {"table", "jsonl"});
    sub->add_option("--party", o->party, "a company")->required();
    sub->add_option("--action", o->action, "entered, renewed, extended, amended or terminated");
    sub->add_option("--active-on", o->active_on, "only agreements in force on this date (dated on or before, not expired or terminated)");
    sub->add_option("--as-of", o->as_of, "as the filings up to this date told it (later filings ignored)");
    sub->callback([o, &out, &err, run] {
      *run = [o, &out, &err]() -> int {
        Result<std::string> type = ActionToType(o->action);
        if (!type.ok()) {
          err << "dealgraph: " << type.status().message() << "\n";
          return kExitUsage;
        }
        std::unique_ptr<Store> store = OpenStore(o->common, true, err);
        if (!store) return kExitFailure;
        std::string party = Resolve(*store, o->party, err);
        if (party.empty()) return kExitFailure;
        if (!DateRangeOk(err, o->active_on, "") || !DateRangeOk(err, o->as_of, "")) return kExitUsage;
        ASSIGN_OR_EXIT(std::vector<AgreementStory> all, AgreementsOf(*store, party, *type), err);
        std::vector<AgreementStory> stories = StoriesAsOf(std::move(all), o->as_of);
        if (!type->empty()) {
          // With --as-of, the action itself must have been told by then.
          stories.erase(std::remove_if(stories.begin(), stories.end(),
                                       [&](const AgreementStory& st) {
                                         return std::none_of(st.events.begin(), st.events.end(),
                                                             [&](const Event& ev) { return ev.type == *type; });
                                       }),
                        stories.end());
        }
        if (!o->active_on.empty()) {
          stories.erase(std::remove_if(stories.begin(), stories.end(),
                                       [&](const AgreementStory& st) { return !ActiveOn(st, o->active_on); }),
                        stories.end());
        }
        if (o->common.format == "jsonl") {
          std::ostringstream text;
          for (const AgreementStory& st : stories) {
            text << AgreementJsonLine(st) << "\n";
            ASSIGN_OR_EXIT(GraphSlice slice, EventSlice(*store, st.events), err);
            EXIT_IF_ERROR(WriteEventsJsonl(slice, text), err);
          }
          out << text.str();
          return stories.empty() ? kExitFailure : kExitOk;
        }
        if (stories.empty()) {
          ASSIGN_OR_EXIT(std::string name, DisplayName(*store, party), err);
          out << "No agreements of " << name << (o->action.empty() ? "" : " " + o->action) << ".\n";
          return kExitFailure;
        }
        DisplayNames names(*store);
        std::ostringstream text;
        for (const AgreementStory& st : stories) PrintAgreementStory(names, st, *type, text);
        EXIT_IF_ERROR(names.status(), err);
        out << text.str();
        return kExitOk;
      };
    });
  }
}

}  // namespace dealgraph
