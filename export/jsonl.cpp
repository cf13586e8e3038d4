#include "export/jsonl.h"

#include <algorithm>

#include "common/json.h"
#include "export/export_util.h"

namespace dealgraph {

namespace {

void WriteSources(JsonWriter* w, const std::vector<Source>& sources) {
  w->BeginArray();
  for (const Source& s : sources) {
    w->BeginObject();
    w->Field("filing", s.filing);
    w->Field("item", s.item, /*skip_empty=*/true);
    w->Field("quote", s.quote);
    w->Field("filed", s.filed, /*skip_empty=*/true);
    w->EndObject();
  }
  w->EndArray();
}

void WriteEvent(const Event& event, const EntityIndex& index, std::string* out) {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", event.id);
  w.Field("type", event.type);
  w.Key("date");
  if (event.date.empty()) {
    w.Null();
  } else {
    w.String(event.date);
  }
  w.Key("parties");
  w.BeginArray();
  for (const Party& p : event.parties) {
    w.BeginObject();
    w.Field("name", index.Name(p.entity_id));
    w.Field("role", p.role, /*skip_empty=*/true);
    w.Field("id", p.entity_id);
    w.EndObject();
  }
  w.EndArray();
  if (!event.agreement_id.empty()) {
    const Entity* ag = index.Find(event.agreement_id);
    w.Key("agreement");
    w.BeginObject();
    w.Field("id", event.agreement_id);
    w.Field("name", index.Name(event.agreement_id));
    if (ag != nullptr) {
      w.Field("dated", ag->dated, /*skip_empty=*/true);
      w.Field("expires", ag->expires, /*skip_empty=*/true);
    }
    w.EndObject();
  }
  if (event.amount.has_value()) {
    w.Key("amount");
    w.BeginObject();
    w.Key("value");
    w.Number(event.amount->value);
    w.Field("currency", event.amount->currency);
    if (event.amount->is_range()) {
      w.Key("high");
      w.Number(event.amount->high);
    }
    if (event.amount->kind != MoneyKind::kTotal) w.Field("kind", MoneyKindName(event.amount->kind));
    if (event.amount->kind == MoneyKind::kPerUnit) w.Field("unit", event.amount->unit, /*skip_empty=*/true);
    if (event.amount->per_share()) {
      w.Key("per_share");
      w.Bool(true);
    }
    w.EndObject();
  }
  w.Field("summary", event.summary, /*skip_empty=*/true);
  if (!event.slots.empty()) {
    // "slots": {"person": {"name": ..., "id": ...}, "role": "Chief Financial
    // Officer", "effective": "2005-10-31", "jobs": 180}.
    w.Key("slots");
    w.BeginObject();
    for (const Slot& s : event.slots) {
      w.Key(s.name);
      if (!s.entity_id.empty()) {
        w.BeginObject();
        w.Field("name", index.Name(s.entity_id));
        w.Field("id", s.entity_id);
        w.EndObject();
      } else if (!s.value.empty() && s.value.size() <= 15 &&
                 std::all_of(s.value.begin(), s.value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        w.Number(std::stod(s.value));
      } else {
        w.String(s.value);
      }
    }
    w.EndObject();
  }
  w.Key("sources");
  WriteSources(&w, event.sources);
  w.EndObject();
  out->append(w.str());
}

Status Finish(std::ostream& out, std::string_view what) {
  out.flush();
  if (!out) return Status::IoError(std::string("writing ") + std::string(what) + " failed");
  return Status::Ok();
}

}  // namespace

void WriteEventJson(const Event& event, const GraphSlice& slice, std::string* out) {
  EntityIndex index(slice);
  WriteEvent(event, index, out);
}

void WriteEntityJson(const Entity& entity, std::string* out) {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", entity.id);
  w.Field("type", EntityTypeName(entity.type));
  w.Field("name", entity.name);
  w.Key("aliases");
  w.BeginArray();
  for (const std::string& a : entity.aliases) w.String(a);
  w.EndArray();
  w.Field("cik", entity.cik, /*skip_empty=*/true);
  w.Field("title", entity.title, /*skip_empty=*/true);
  w.Field("dated", entity.dated, /*skip_empty=*/true);
  w.Field("expires", entity.expires, /*skip_empty=*/true);
  w.Field("term", entity.term, /*skip_empty=*/true);
  if (!entity.parties.empty()) {
    w.Key("parties");
    w.BeginArray();
    for (const std::string& p : entity.parties) w.String(p);
    w.EndArray();
  }
  if (!entity.former_names.empty()) {
    w.Key("former_names");
    w.BeginArray();
    for (const FormerName& f : entity.former_names) {
      w.BeginObject();
      w.Field("name", f.name);
      w.Field("until", f.until, /*skip_empty=*/true);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  out->append(w.str());
}

void WriteRelationJson(const Relation& relation, std::string* out) {
  JsonWriter w;
  w.BeginObject();
  w.Field("type", relation.type);
  w.Field("from", relation.from);
  w.Field("to", relation.to);
  w.Field("role", relation.role, /*skip_empty=*/true);
  if (!relation.sources.empty()) {
    w.Key("sources");
    WriteSources(&w, relation.sources);
  }
  w.EndObject();
  out->append(w.str());
}

Status WriteEventsJsonl(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("events jsonl", [&]() -> Status {
    EntityIndex index(slice);
    std::string line;
    for (const Event& e : slice.events) {
      line.clear();
      WriteEvent(e, index, &line);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      if (!out) break;
    }
    return Finish(out, "events jsonl");
  });
}

Status WriteEntitiesJsonl(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("entities jsonl", [&]() -> Status {
    std::string line;
    for (const Entity& e : slice.entities) {
      line.clear();
      WriteEntityJson(e, &line);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      if (!out) break;
    }
    return Finish(out, "entities jsonl");
  });
}

Status WriteRelationsJsonl(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("relations jsonl", [&]() -> Status {
    std::string line;
    for (const Relation& r : slice.relations) {
      line.clear();
      WriteRelationJson(r, &line);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      if (!out) break;
    }
    return Finish(out, "relations jsonl");
  });
}

Status WriteEdgesJsonl(const GraphSlice& slice, std::ostream& out) {
  return CatchAll("edges jsonl", [&]() -> Status {
    for (const FlatEdge& e : FlattenEdges(slice)) {
      JsonWriter w;
      w.BeginObject();
      w.Field("source", e.source);
      w.Field("target", e.target);
      w.Field("type", e.type);
      w.Field("role", e.role, /*skip_empty=*/true);
      w.EndObject();
      out << w.str() << '\n';
      if (!out) break;
    }
    return Finish(out, "edges jsonl");
  });
}

}  // namespace dealgraph
