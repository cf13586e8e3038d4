// dealgraph export timeline|partners|events|entities|graphml|neo4j
#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/common.h"
#include "common/strings.h"
#include "export/csv.h"
#include "export/export_util.h"
#include "export/graphml.h"
#include "export/jsonl.h"
#include "export/partners.h"
#include "export/timeline.h"
#include "graph/query.h"

namespace dealgraph {

namespace {

struct ExportOpts {
  CommonOptions common;
  std::string what;
  std::string output;
  std::string entity, with, from, to, types, lanes, title;
  size_t top = 0;
  int min_events = 0;
};

// The format of an export: --format, else the -o file's extension, else the
// export's own default; a mismatch between the two, an extension no format
// of this export has, or a format it cannot write is an error (nothing is
// written under a name that says another format).
Result<std::string> ExportFormat(const ExportOpts& o) {
  const bool picture = o.what == "timeline" || o.what == "partners";
  if (o.what == "neo4j") return std::string("csv");
  const std::vector<std::string> formats = picture            ? std::vector<std::string>{"svg", "dot", "png", "pdf"}
                                           : o.what == "graphml" ? std::vector<std::string>{"graphml"}
                                                                 : std::vector<std::string>{"jsonl", "csv"};
  auto list = [&] {
    std::string l;
    for (const std::string& f : formats) l += (l.empty() ? "" : ", ") + f;
    return l;
  };
  std::string by_ext;
  if (!o.output.empty() && o.output != "-") {
    std::string ext = ToLower(std::filesystem::path(o.output).extension().string());
    if (!ext.empty()) {
      ext = ext.substr(1);
      if (ext == "gv") ext = "dot";
      if (ext == "json" || ext == "ndjson") ext = "jsonl";
      if (ext == "xml") ext = "graphml";
      if (std::find(formats.begin(), formats.end(), ext) == formats.end())
        return Status::InvalidArgument("export " + o.what + " -o " + o.output + ": '." + ext +
                                       "' is no format it writes (" + list() + ")");
      by_ext = ext;
    }
  }
  const std::string& asked = o.common.format;
  if (!asked.empty() && std::find(formats.begin(), formats.end(), asked) == formats.end())
    return Status::InvalidArgument("export " + o.what + " cannot be written as " + asked + " (" + list() + ")");
  if (!asked.empty() && !by_ext.empty() && asked != by_ext)
    return Status::InvalidArgument("export " + o.what + ": --format " + asked + " but -o " + o.output +
                                   " names ." + by_ext + "; give one or make them agree");
  if (!asked.empty()) return asked;
  if (!by_ext.empty()) return by_ext;
  return formats.front();
}

// The events an export covers, per the filters.
Result<std::vector<Event>> SelectEvents(const Store& store, const ExportOpts& o, std::string* focus) {
  DateRange range{o.from, o.to};
  std::vector<Event> events;
  if (!o.entity.empty()) {
    ASSIGN_OR_RETURN(Entity a, ResolveEntity(store, o.entity));
    *focus = a.id;
    if (!o.with.empty()) {
      ASSIGN_OR_RETURN(Entity b, ResolveEntity(store, o.with));
      ASSIGN_OR_RETURN(events, store.EventsBetween(a.id, b.id, range));
    } else {
      ASSIGN_OR_RETURN(events, store.EventsOf(a.id, range));
    }
  } else {
    ASSIGN_OR_RETURN(events, store.AllEvents());
    if (!range.unbounded()) {
      events.erase(std::remove_if(events.begin(), events.end(), [&](const Event& e) { return !range.Contains(e.date); }), events.end());
    }
  }
  if (!o.types.empty()) {
    std::set<std::string> keep;
    for (std::string_view t : Split(o.types, ',')) keep.emplace(Trim(t));
    events.erase(std::remove_if(events.begin(), events.end(),
                                [&](const Event& e) {
                                  if (keep.count(e.type)) return false;
                                  // "agreement" keeps every agreement.* type.
                                  return !keep.count(e.type.substr(0, e.type.find('.')));
                                }),
                 events.end());
  }
  return events;
}

}  // namespace

void SetupExport(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  auto o = std::make_shared<ExportOpts>();
  CLI::App* sub = app.add_subcommand("export", "draw timelines and partner diagrams; write JSON Lines, CSV, GraphML, Neo4j CSV");
  AddDbOption(sub, &o->common);
  sub->add_option("what", o->what, "timeline, partners, events, entities, edges, graphml or neo4j")
      ->required()
      ->check(CLI::IsMember({"timeline", "partners", "events", "entities", "edges", "graphml", "neo4j"}));
  o->common.format = "";
  sub->add_option("--format", o->common.format, "dot, svg, png, pdf (pictures); jsonl, csv (tables)");
  sub->add_option("-o,--output", o->output, "output file (a folder for neo4j); default standard output");
  sub->add_option("--entity", o->entity, "only events with this party (the timeline's focus)");
  sub->add_option("--with", o->with, "... and with this party too");
  sub->add_option("--from", o->from, "on or after this date");
  sub->add_option("--to", o->to, "on or before this date");
  sub->add_option("--types", o->types, "comma-separated event types (or families: agreement, payment, ...)");
  sub->add_option("--lanes", o->lanes, "timeline swimlanes: partner or type")->check(CLI::IsMember({"partner", "type"}));
  sub->add_option("--title", o->title, "picture title");
  sub->add_option("--top", o->top, "partners: draw only the N most active companies (and the --entity)");
  sub->add_option("--min-events", o->min_events, "partners: draw only companies with at least K events")
      ->check(CLI::NonNegativeNumber);
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      Result<std::string> chosen = ExportFormat(*o);
      if (!chosen.ok()) {
        err << "dealgraph: " << chosen.status().message() << "\n";
        return kExitUsage;
      }
      const std::string format = *chosen;
      // Options of one kind of export only.
      if (!o->lanes.empty() && o->what != "timeline") {
        err << "dealgraph: export " << o->what << ": --lanes is for the timeline only\n";
        return kExitUsage;
      }
      if ((o->top > 0 || o->min_events > 0) && o->what != "partners") {
        err << "dealgraph: export " << o->what << ": --top and --min-events are for the partner diagram only\n";
        return kExitUsage;
      }
      if (!o->title.empty() && o->what != "timeline" && o->what != "partners") {
        err << "dealgraph: export " << o->what << ": --title is for pictures only (timeline, partners)\n";
        return kExitUsage;
      }
      if (!DateRangeOk(err, o->from, o->to)) return kExitUsage;
      if (o->what == "neo4j" && o->output.empty()) {
        err << "dealgraph: export neo4j needs -o FOLDER\n";
        return kExitUsage;
      }
      std::unique_ptr<Store> store = OpenStore(o->common, true, err);
      if (!store) return kExitFailure;
      std::string focus;
      Result<std::vector<Event>> events = SelectEvents(*store, *o, &focus);
      if (!events.ok()) {
        err << "dealgraph: " << events.status().message() << "\n";
        return kExitFailure;
      }
      ASSIGN_OR_EXIT(GraphSlice slice, SliceFor(*store, std::move(events).value()), err);
      // Unfiltered table exports carry the whole graph, standing relations
      // (subsidiary_of, licensee_of, develops, officer_of) included.
      bool whole = o->entity.empty() && o->from.empty() && o->to.empty() && o->types.empty();
      if (whole && (o->what == "entities" || o->what == "edges" || o->what == "graphml" || o->what == "neo4j")) {
        ASSIGN_OR_EXIT(std::vector<Event> every_event, store->AllEvents(), err);
        ASSIGN_OR_EXIT(GraphSlice all, SliceFor(*store, std::move(every_event)), err);
        ASSIGN_OR_EXIT(all.entities, store->ListEntities(std::nullopt), err);
        for (Entity& e : all.entities) {
          if (e.type != EntityType::kAgreement) continue;
          ASSIGN_OR_EXIT(std::vector<Event> story, store->EventsOfAgreement(e.id), err);
          e = AgreementLifecycle(std::move(e), story);
        }
        ASSIGN_OR_EXIT(all.relations, store->AllRelations(), err);
        slice = std::move(all);
      }
      if (o->what == "neo4j") {
        // Into memory first, like every export; then each file is written
        // whole (WriteOutput), so a failure leaves the old one.
        std::error_code ec;
        std::filesystem::create_directories(o->output, ec);
        if (ec) {
          err << "dealgraph: export neo4j: cannot make folder " << o->output << ": " << ec.message() << "\n";
          return kExitFailure;
        }
        std::vector<std::pair<std::string, std::unique_ptr<std::ostringstream>>> files;
        Status st = WriteNeo4jImportFiles(slice, [&](std::string_view name) -> std::ostream& {
          files.emplace_back(std::string(name), std::make_unique<std::ostringstream>());
          return *files.back().second;
        });
        if (!st.ok()) {
          err << "dealgraph: " << st.message() << "\n";
          return kExitFailure;
        }
        for (const auto& [name, text] : files) {
          if (!WriteOutput((std::filesystem::path(o->output) / name).string(), text->str(), out, err, "export neo4j"))
            return kExitFailure;
        }
        out << "wrote Neo4j import files to " << o->output << " (see docs/export.md)\n";
        return kExitOk;
      }
      // Render into memory first: a failed export leaves no half-written file.
      std::ostringstream buf;
      Status st;
      if (o->what == "timeline") {
        TimelineOptions to;
        to.title = o->title;
        to.focus_entity_id = focus;
        to.lanes = o->lanes == "type" ? TimelineOptions::Lanes::kType : TimelineOptions::Lanes::kPartner;
        to.from = o->from;
        to.to = o->to;
        st = WriteTimeline(slice, to, format, buf);
      } else if (o->what == "partners") {
        PartnerOptions po;
        po.focus_entity_id = focus;
        po.top = o->top;
        po.min_events = o->min_events;
        st = WritePartnerDiagram(slice, po, format, buf);
      } else if (o->what == "graphml") {
        st = WriteGraphml(slice, buf);
      } else if (o->what == "events") {
        st = format == "csv" ? WriteEventsCsv(slice, buf) : WriteEventsJsonl(slice, buf);
      } else if (o->what == "entities") {
        st = format == "csv" ? WriteEntitiesCsv(slice, buf) : WriteEntitiesJsonl(slice, buf);
      } else if (o->what == "edges") {
        st = format == "csv" ? WriteEdgesCsv(slice, buf) : WriteEdgesJsonl(slice, buf);
      }
      if (!st.ok()) {
        err << "dealgraph: export " << o->what << ": " << st.message() << "\n";
        return kExitFailure;
      }
      if (!WriteOutput(o->output, buf.str(), out, err, "export " + o->what)) return kExitFailure;
      if (!o->output.empty() && o->output != "-") {
        // What was written, in the export's own units.
        auto count = [](size_t n, const char* one, const char* many) {
          return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        std::string what = count(slice.events.size(), "event", "events");
        if (o->what == "entities") what = count(slice.entities.size(), "entity", "entities");
        if (o->what == "edges") what = count(FlattenEdges(slice).size(), "edge", "edges");
        if (o->what == "graphml")
          what = count(slice.entities.size(), "entity", "entities") + ", " + what;
        err << "wrote " << o->output << " (" << what << ")\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace dealgraph
