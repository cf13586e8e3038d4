#include "graph/query.h"

#include <algorithm>
#include <map>
#include <set>

#include "ingest/extract/dates.h"

#include "common/names.h"
#include "common/strings.h"

namespace dealgraph {

Result<Entity> ResolveEntity(const Store& store, std::string_view name) {
  std::string_view q = Trim(name);
  if (q.empty()) return Status::InvalidArgument("empty entity name");
  if (q.find(':') != std::string_view::npos) {
    Result<Entity> e = store.GetEntity(q);
    if (e.ok() || e.status().code() != StatusCode::kNotFound) return e;
  }
  ASSIGN_OR_RETURN(std::vector<Entity> found, store.FindEntities(q));
  if (found.empty()) return Status::NotFound("no entity matches '" + std::string(q) + "' (try `dealgraph entities`)");
  ASSIGN_OR_RETURN(size_t best, BestNamed(store, found, q));
  return std::move(found[best]);
}

bool NamedExactly(const Entity& e, std::string_view name) {
  const std::string want = FoldName(name);
  if (FoldName(e.name) == want) return true;
  return std::any_of(e.aliases.begin(), e.aliases.end(), [&](const std::string& a) { return FoldName(a) == want; });
}

Result<size_t> BestNamed(const Store& store, const std::vector<Entity>& found, std::string_view name,
                         std::vector<const Entity*>* others) {
  if (found.empty()) return size_t{0};
  const std::string want = FoldName(name);
  size_t best = 0;
  std::vector<size_t> exact;
  for (size_t i = 0; i < found.size(); ++i) {
    if (NamedExactly(found[i], name)) exact.push_back(i);
  }
  if (exact.size() >= 2) {
    // Has events, then bears the name as its own, then is known to EDGAR,
    // then files reports.
    std::vector<int> rank;
    for (size_t i : exact) {
      int r = FoldName(found[i].name) == want ? 4 : 0;
      if (!found[i].cik.empty()) r += 2;
      ASSIGN_OR_RETURN(std::vector<FilingInfo> own, store.FilingsOf(found[i].id));
      if (!own.empty()) r += 1;
      ASSIGN_OR_RETURN(std::vector<Event> events, store.EventsOf(found[i].id, DateRange{}));
      if (!events.empty()) r += 8;
      rank.push_back(r);
    }
    const int top = *std::max_element(rank.begin(), rank.end());
    if (std::count(rank.begin(), rank.end(), top) == 1) best = exact[std::find(rank.begin(), rank.end(), top) - rank.begin()];
  }
  if (others) {
    for (size_t i : exact) {
      if (i != best) others->push_back(&found[i]);
    }
  }
  return best;
}

Result<std::string> ActionToType(std::string_view action) {
  std::string a = ToLower(Trim(action));
  if (a.empty()) return std::string();
  for (std::string_view t : {"entered", "renewed", "extended", "amended", "terminated"}) {
    if (a == t) return "agreement." + a;
  }
  if (a.rfind("agreement.", 0) == 0) return a;
  return Status::InvalidArgument("unknown action '" + a + "' (one of entered, renewed, extended, amended, terminated)");
}

Result<std::vector<AgreementStory>> AgreementsOf(const Store& store, std::string_view party_id,
                                                 std::string_view type) {
  std::vector<std::string> order;
  if (type.empty()) {
    std::set<std::string> ids;
    ASSIGN_OR_RETURN(std::vector<Event> events, store.EventsOf(party_id, DateRange{}));
    for (const Event& ev : events) {
      if (!ev.agreement_id.empty() && ids.insert(ev.agreement_id).second) order.push_back(ev.agreement_id);
    }
  } else {
    ASSIGN_OR_RETURN(order, store.AgreementsOfPartyAndType(party_id, type));
  }
  std::vector<AgreementStory> out;
  ASSIGN_OR_RETURN(std::vector<std::optional<Entity>> heads, store.GetEntityHeaders(order));
  ASSIGN_OR_RETURN(std::vector<std::vector<Event>> events, store.EventsOfAgreements(order));
  for (size_t i = 0; i < order.size(); ++i) {
    if (!heads[i]) continue;  // an event naming an agreement not stored: check reports it
    RETURN_IF_ERROR(DisplaySources(store, &events[i]));
    AgreementStory story{AgreementLifecycle(std::move(*heads[i]), events[i]), std::move(events[i])};
    out.push_back(std::move(story));
  }
  return out;
}

std::vector<AgreementStory> StoriesAsOf(std::vector<AgreementStory> stories, std::string_view as_of) {
  if (as_of.empty()) return stories;
  std::vector<AgreementStory> out;
  for (AgreementStory& st : stories) {
    st.events = AsOf(std::move(st.events), as_of);
    if (st.events.empty()) continue;
    // The written expiry may come from a later filing: recompute from the
    // term and the renewals known then.
    st.agreement.expires.clear();
    st.agreement = AgreementLifecycle(std::move(st.agreement), st.events);
    out.push_back(std::move(st));
  }
  return out;
}

bool ActiveOn(const AgreementStory& story, std::string_view date) {
  auto cmp = [](std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size());
    return a.substr(0, n).compare(b.substr(0, n));
  };
  const Entity& ag = story.agreement;
  if (ag.dated.empty() || cmp(ag.dated, date) > 0) return false;
  if (!ag.expires.empty() && cmp(ag.expires, date) < 0) return false;
  for (const Event& ev : story.events) {
    if (ev.type == "agreement.terminated" && !ev.date.empty() && cmp(ev.date, date) < 0) return false;
  }
  return true;
}

namespace {

// The ids of the parties and agreements `events` name.
std::set<std::string> NamedIds(const std::vector<Event>& events) {
  std::set<std::string> ids;
  for (const Event& ev : events) {
    for (const Party& p : ev.parties) ids.insert(p.entity_id);
    if (!ev.agreement_id.empty()) ids.insert(ev.agreement_id);
  }
  return ids;
}

}  // namespace

Result<GraphSlice> SliceFor(const Store& store, std::vector<Event> events) {
  GraphSlice slice;
  RETURN_IF_ERROR(DisplaySources(store, &events));
  std::set<std::string> ids = NamedIds(events);
  for (const std::string& id : ids) {
    Result<Entity> e = store.GetEntity(id);
    if (!e.ok() && e.status().code() == StatusCode::kNotFound) continue;  // check reports the dangling name
    RETURN_IF_ERROR(e.status());
    if (e->type == EntityType::kAgreement) {
      ASSIGN_OR_RETURN(std::vector<Event> story, store.EventsOfAgreement(id));
      slice.entities.push_back(AgreementLifecycle(std::move(e).value(), story));
    } else {
      slice.entities.push_back(std::move(e).value());
    }
  }
  std::set<std::string> rel_seen;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::vector<Relation> relations, store.RelationsOf(id));
    for (Relation& r : relations) {
      if (!ids.count(r.from) || !ids.count(r.to)) continue;
      if (!rel_seen.insert(r.from + "\x1f" + r.type + "\x1f" + r.to).second) continue;
      slice.relations.push_back(std::move(r));
    }
  }
  slice.events = std::move(events);
  return slice;
}

Result<GraphSlice> EventSlice(const Store& store, std::vector<Event> events) {
  GraphSlice slice;
  RETURN_IF_ERROR(DisplaySources(store, &events));
  std::set<std::string> named = NamedIds(events);
  std::vector<std::string> ids(named.begin(), named.end());
  ASSIGN_OR_RETURN(std::vector<std::optional<Entity>> heads, store.GetEntityHeaders(ids));
  std::vector<size_t> agreements;  // positions in slice.entities
  for (std::optional<Entity>& h : heads) {
    if (!h) continue;
    if (h->type == EntityType::kAgreement) agreements.push_back(slice.entities.size());
    slice.entities.push_back(std::move(*h));
  }
  // Lifecycles from each agreement's events, a batch of agreements at a time.
  constexpr size_t kBatch = 1024;
  for (size_t from = 0; from < agreements.size(); from += kBatch) {
    size_t n = std::min(kBatch, agreements.size() - from);
    std::vector<std::string> batch;
    for (size_t i = 0; i < n; ++i) batch.push_back(slice.entities[agreements[from + i]].id);
    ASSIGN_OR_RETURN(std::vector<std::vector<Event>> stories, store.EventsOfAgreements(batch));
    for (size_t i = 0; i < n; ++i) {
      Entity& ag = slice.entities[agreements[from + i]];
      ag = AgreementLifecycle(std::move(ag), stories[i]);
    }
  }
  slice.events = std::move(events);
  return slice;
}

namespace {

int WordNumber(std::string_view w) {
  static const char* kNums[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  std::string l = ToLower(w);
  for (int i = 0; i <= 10; ++i) {
    if (l == kNums[i]) return i;
  }
  if (!l.empty() && IsAsciiDigit(l[0])) return std::atoi(l.c_str());
  return 0;
}

// "five-year" -> 5, "three-year term" -> 3.
int YearsIn(std::string_view text, size_t dash_year) {
  size_t b = text.rfind(' ', dash_year);
  b = b == std::string_view::npos ? 0 : b + 1;
  return WordNumber(text.substr(b, dash_year - b));
}

// Years a renewal or extension adds, from its sentence: "for one additional
// three-year term" -> 3, "for an additional year" -> 1; 0 when not said.
int AddedYears(const Event& ev) {
  for (size_t t = 0; t <= ev.sources.size(); ++t) {
    const std::string& text = t == 0 ? ev.summary : ev.sources[t - 1].quote;
    if (text.find("dditional") == std::string::npos && text.find("DDITIONAL") == std::string::npos) continue;
    std::string q = ToLower(text);
    size_t p = q.find("additional ");
    if (p == std::string::npos) continue;
    // "for two additional years": the count comes before "additional".
    if (p >= 2) {
      size_t b = q.rfind(' ', p - 2);
      b = b == std::string::npos ? 0 : b + 1;
      int before = WordNumber(std::string_view(q).substr(b, p - 1 - b));
      std::string_view after = std::string_view(q).substr(p + 11, 6);
      if (before > 0 && after.substr(0, 4) == "year") return before;
    }
    std::string_view rest = std::string_view(q).substr(p + 11, 40);
    size_t y = rest.find("-year");
    if (y != std::string_view::npos) {
      int n = YearsIn(rest, y);
      if (n > 0) return n;
    }
    if (rest.substr(0, 4) == "year") return 1;
    size_t sp = rest.find(' ');
    if (sp != std::string_view::npos && rest.substr(sp + 1, 5) == "years") {
      int n = WordNumber(rest.substr(0, sp));
      if (n > 0) return n;
    }
  }
  return 0;
}

}  // namespace

namespace {

// The entry date told most precisely among the agreement's entered events.
DateValue EntryDate(const Entity& ag, const std::vector<Event>& events) {
  DateValue dated = DateValue::FromIso(ag.dated);
  for (const Event& ev : events) {
    if (ev.type != "agreement.entered") continue;
    DateValue d = DateValue::FromIso(ev.date);
    if (dated.empty() || (d.CompatibleWith(dated) && ev.date.size() > dated.Iso().size())) dated = d;
  }
  return dated;
}

std::string YearsText(int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); }

}  // namespace

const std::vector<std::string>& EventTypes() {
  static const std::vector<std::string> kTypes = {
      "agreement.entered", "agreement.renewed", "agreement.extended", "agreement.amended",
      "agreement.terminated", "license.granted", "payment", "regulatory", "clinical",
      "product.discontinued", "financial.results", "executive.change", "executive.compensation",
      "corporate.transaction", "control.change", "auditor.change", "financial.restatement",
      "governance.change", "shareholder.vote", "bankruptcy", "litigation", "restructuring", "impairment",
      "listing.notice", "obligation.triggered", "security.incident"};
  return kTypes;
}

Result<std::vector<std::string>> ExpandEventTypes(std::string_view spec) {
  std::vector<std::string> out;
  auto add = [&](const std::string& t) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  for (std::string_view raw : Split(spec, ',')) {
    std::string word = ToLower(Trim(raw));
    if (word.empty()) continue;
    bool found = false;
    for (const std::string& t : EventTypes()) {
      // "agreement" names the family agreement.*; "payment" is itself a type.
      if (t == word || (t.size() > word.size() && t.compare(0, word.size(), word) == 0 && t[word.size()] == '.')) {
        add(t);
        found = true;
      }
    }
    if (!found) {
      std::string known;
      for (const std::string& t : EventTypes()) known += (known.empty() ? "" : ", ") + t;
      return Status::InvalidArgument("unknown event type '" + word + "' (types: " + known +
                                     "; or a family such as 'agreement')");
    }
  }
  return out;
}

std::vector<TermStep> TermHistory(const Entity& ag, const std::vector<Event>& events) {
  std::vector<TermStep> steps;
  DateValue dated = EntryDate(ag, events);
  int term = 0;
  size_t y = ag.term.find("-year");
  if (y != std::string::npos) term = YearsIn(ag.term, y);
  DateValue expires;
  if (term > 0 && !dated.empty()) {
    expires = DateValue{dated.year + term, dated.month, dated.day};
    steps.push_back({expires.Iso(), ag.term + " term from " + dated.Iso(), "", false, false});
  }
  // Renewals and extensions that say by how much, in date order (events
  // come oldest first).
  DateValue written = DateValue::FromIso(ag.expires);
  for (const Event& ev : events) {
    if (ev.type != "agreement.renewed" && ev.type != "agreement.extended") continue;
    int add = AddedYears(ev);
    if (add <= 0) continue;
    std::string verb = ev.type == "agreement.renewed" ? "renewed " : "extended ";
    std::string why = verb + (ev.date.empty() ? std::string("(undated)") : ev.date) + " for " + YearsText(add);
    if (expires.empty()) {
      // No original term told, but the end the filings wrote down is where
      // this step led: the end before it is that date less the years added.
      if (written.empty()) continue;
      DateValue before{written.year - add, written.month, written.day};
      std::string noun = ev.type == "agreement.renewed" ? "renewal" : "extension";
      steps.push_back({before.Iso(),
                       "end before the " + (ev.date.empty() ? std::string("undated") : ev.date) + " " + noun +
                           ", worked back from the end stated",
                       "", true, false});
      expires = before;
    }
    expires.year += add;
    steps.push_back({expires.Iso(), why, ev.id, false, false});
  }
  if (!written.empty() && (expires.empty() || written.Iso() > expires.Iso())) {
    // An end date written in a filing that the steps above do not reach:
    // credit the latest renewal/extension, else the agreement itself.
    std::string by, why = "as the filings state it";
    for (const Event& ev : events) {
      if (ev.type == "agreement.renewed" || ev.type == "agreement.extended") {
        by = ev.id;
        why = (ev.type == "agreement.renewed" ? "renewed " : "extended ") +
              (ev.date.empty() ? std::string("(undated)") : ev.date) + ", end as stated";
      }
    }
    steps.push_back({written.Iso(), why, by, false, false});
  }
  for (size_t i = 0; i + 1 < steps.size(); ++i) steps[i].superseded = true;
  return steps;
}

Entity AgreementLifecycle(Entity ag, const std::vector<Event>& events) {
  std::vector<TermStep> steps = TermHistory(ag, events);
  ag.dated = EntryDate(ag, events).Iso();
  if (!steps.empty()) ag.expires = steps.back().expires;
  return ag;
}

Status DisplaySources(const Store& store, std::vector<Event>* events) {
  std::map<std::string, std::string> shown;
  for (Event& ev : *events) {
    for (Source& s : ev.sources) {
      // Accession numbers are shown as they are; only content-hash ids
      // ("sha:...", filings with no accession) are shown by file name.
      if (s.filing.rfind("sha:", 0) != 0) continue;
      auto it = shown.find(s.filing);
      if (it == shown.end()) {
        Result<FilingInfo> f = store.GetFiling(s.filing);
        if (!f.ok() && f.status().code() != StatusCode::kNotFound) return f.status();
        std::string name = s.filing;
        if (f.ok()) name = f->id.rfind("sha:", 0) == 0 && !f->name.empty() ? f->name : f->id;
        it = shown.emplace(s.filing, name).first;
      }
      s.filing = it->second;
    }
  }
  return Status::Ok();
}

Result<std::string> DisplayName(const Store& store, std::string_view id) {
  Result<Entity> e = store.GetEntityHeader(id);
  if (e.ok()) return e->name;
  if (e.status().code() == StatusCode::kNotFound) return std::string(id);
  return e.status();
}

const std::string& DisplayNames::operator()(const std::string& id) {
  auto it = names_.find(id);
  if (it == names_.end()) {
    Result<std::string> name = DisplayName(store_, id);
    if (!name.ok() && status_.ok()) status_ = name.status();
    it = names_.emplace(id, name.ok() ? *name : id).first;
  }
  return it->second;
}

std::string AmendedFilingId(const FilingInfo& filing, const std::vector<FilingInfo>& candidates) {
  if (filing.amends.empty()) return "";
  constexpr std::string_view kHint = "filed:";
  if (filing.amends.compare(0, kHint.size(), kHint) != 0) {
    for (const FilingInfo& c : candidates) {
      if (c.id == filing.amends) return c.id;
    }
    return "";
  }
  std::string_view day = std::string_view(filing.amends).substr(kHint.size());
  for (const FilingInfo& c : candidates) {
    if (c.id == filing.id || c.registrant != filing.registrant || c.filed != day) continue;
    if (c.form.compare(0, 3, "8-K") == 0 && c.form.compare(0, 5, "8-K/A") != 0) return c.id;
  }
  return "";
}

}  // namespace dealgraph
