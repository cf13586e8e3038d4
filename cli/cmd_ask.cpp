// dealgraph ask "QUESTION": plain-English questions for the common cases,
// read with a small grammar (verbs and connectives around entity names).
#include <algorithm>
#include <sstream>

#include "cli/common.h"
#include "common/strings.h"
#include "graph/network.h"
#include "graph/query.h"
#include "ingest/extract/dates.h"

namespace dealgraph {

namespace {

constexpr const char* kForms =
    "Questions dealgraph understands:\n"
    "  which agreements did X renew|extend|amend|enter|terminate [with Y] [in YEAR]\n"
    "  what did X pay Y\n"
    "  what happened between X and Y [from DATE] [to DATE]\n"
    "  who are X's partners          (also: partners of X)\n"
    "  when did X first work with Y\n"
    "  which agreements were active on DATE [for X]\n"
    "  history of X [and Y]\n"
    "Any of them may end with \"as of DATE\" (or start \"As of DATE, ...\"): the answer the\n"
    "filings up to that date gave.\n";

std::string Strip(std::string q) {
  while (!q.empty() && (q.back() == '?' || q.back() == '.' || q.back() == ' ')) q.pop_back();
  return std::string(Trim(q));
}

// Splits `s` at the first " word " (case-insensitive); false when absent.
bool SplitAt(std::string_view s, std::string_view word, std::string* left, std::string* right) {
  std::string needle = " " + std::string(word) + " ";
  size_t p = FindIgnoreCase(s, needle);
  if (p == std::string_view::npos) return false;
  *left = std::string(Trim(s.substr(0, p)));
  *right = std::string(Trim(s.substr(p + needle.size())));
  return true;
}

bool IsYear(std::string_view s) { return s.size() == 4 && std::all_of(s.begin(), s.end(), IsAsciiDigit); }

class Asker {
 public:
  Asker(const Store& store, std::ostream& out, std::ostream& err) : store_(store), answer_(out), err_(err) {}

  // `as_of` (ISO, "" = now): answer from the filings up to that date only.
  void SetAsOf(std::string as_of) { as_of_ = std::move(as_of); }

  // The answer is written out only when every read of the store it made
  // succeeded; else the first failed read is the one line said.
  int Ask(const std::string& raw) {
    int code = Answer(raw);
    Status failed = !failed_.ok() ? failed_ : names_.status();
    if (!failed.ok()) return ExitWith(err_, failed);
    answer_ << out_.str();
    return code;
  }

 private:
  int Answer(const std::string& raw) {
    std::string q = Strip(raw);
    if (!TakeAsOf(&q)) return kExitUsage;
    std::string lower = ToLower(q);
    std::string a, b;
    if (StartsWithIgnoreCase(q, "which agreements did ")) return AgreementsDid(q.substr(21));
    if (StartsWithIgnoreCase(q, "which agreements were active on ")) return ActiveAgreements(q.substr(32));
    if (StartsWithIgnoreCase(q, "what did ") && SplitAt(q.substr(9), "pay", &a, &b)) return Paid(a, b);
    if (StartsWithIgnoreCase(q, "what happened between ") && SplitAt(q.substr(22), "and", &a, &b)) return Between(a, b);
    if (StartsWithIgnoreCase(q, "when did ") && SplitAt(q.substr(9), "first work with", &a, &b)) return FirstWith(a, b);
    if (StartsWithIgnoreCase(q, "partners of ")) return Partners(q.substr(12));
    if (StartsWithIgnoreCase(q, "who are ") && lower.size() > 17 && lower.substr(lower.size() - 9) == " partners") {
      std::string name = q.substr(8, q.size() - 8 - 9);
      for (std::string_view poss : {"'s", "\xE2\x80\x99s", "'"}) {
        if (name.size() > poss.size() && name.compare(name.size() - poss.size(), poss.size(), poss) == 0) {
          name.resize(name.size() - poss.size());
          break;
        }
      }
      return Partners(name);
    }
    if (StartsWithIgnoreCase(q, "history of ")) {
      std::string rest = q.substr(11);
      if (SplitAt(rest, "and", &a, &b)) return Between(a, b);
      return History(rest);
    }
    err_ << "dealgraph: I cannot read that question.\n" << kForms;
    return kExitUsage;
  }

  bool Resolve(const std::string& name, Entity* e) {
    Result<Entity> r = ResolveEntity(store_, name);
    if (!r.ok() && r.status().code() != StatusCode::kNotFound) return Read(std::move(r), e);
    if (!r.ok()) {
      err_ << "dealgraph: " << r.status().message() << "\n";
      return false;
    }
    *e = std::move(r).value();
    return true;
  }

  // A read of the store: its value into *into, or false with the error
  // kept for Ask (the answer is then dropped).
  template <typename T>
  bool Read(Result<T> r, T* into) {
    if (!r.ok()) return Read(r.status());
    *into = std::move(r).value();
    return true;
  }
  bool Read(const Status& st) {
    if (!st.ok() && failed_.ok()) failed_ = st;
    return st.ok();
  }
  // The events of a query as the filings up to as_of_ told them, with their
  // sources shown by name.
  bool ReadKnown(Result<std::vector<Event>> r, std::vector<Event>* events) {
    if (!Read(std::move(r), events)) return false;
    *events = Known(std::move(*events));
    return Read(DisplaySources(store_, events));
  }

  void Cite(const Event& ev) {
    out_ << "  " << (ev.date.empty() ? "(undated)" : ev.date) << "  " << ev.type;
    if (ev.amount) out_ << "  " << FormatMoney(*ev.amount);
    std::string parties;
    for (const Party& p : ev.parties) parties += (parties.empty() ? "" : ", ") + names_(p.entity_id);
    out_ << "  (" << parties << ")\n";
    for (const Source& s : ev.sources) out_ << "      source " << s.filing << ": \"" << s.quote << "\"\n";
  }

  // "Genentech renew with ImmunoGen in 2005"
  int AgreementsDid(std::string rest) {
    static const std::pair<const char*, const char*> kVerbs[] = {
        {"renew", "renewed"}, {"extend", "extended"}, {"amend", "amended"}, {"enter into", "entered"},
        {"enter", "entered"}, {"sign", "entered"}, {"terminate", "terminated"}, {"end", "terminated"}};
    std::string subject, tail, action;
    for (const auto& [verb, act] : kVerbs) {
      std::string l, r;
      std::string padded = rest + " ";
      if (SplitAt(" " + padded, verb, &l, &r) || (FindIgnoreCase(padded, std::string(" ") + verb + " ") != std::string::npos)) {
        size_t p = FindIgnoreCase(" " + padded, std::string(" ") + verb + " ");
        subject = std::string(Trim(rest.substr(0, p)));
        tail = std::string(Trim(rest.substr(std::min(rest.size(), p + std::string(verb).size()))));
        action = act;
        break;
      }
    }
    if (action.empty() || subject.empty()) {
      err_ << "dealgraph: which action? (renew, extend, amend, enter, terminate)\n" << kForms;
      return kExitUsage;
    }
    std::string year, with;
    std::vector<std::string_view> words = Split(tail, ' ');
    for (size_t i = 0; i < words.size(); ++i) {
      if (EqualsIgnoreCase(words[i], "in") && i + 1 < words.size() && IsYear(words[i + 1])) year = std::string(words[i + 1]);
    }
    std::string l, r;
    if (SplitAt(" " + tail + " ", "with", &l, &r)) {
      with = r;
      std::string l2, r2;
      if (SplitAt(" " + with + " ", "in", &l2, &r2)) with = l2;
    }
    Entity x, y;
    if (!Resolve(subject, &x)) return kExitFailure;
    if (!with.empty() && !Resolve(with, &y)) return kExitFailure;
    std::string type = "agreement." + action;
    std::vector<AgreementStory> stories;
    if (!Read(AgreementsOf(store_, x.id, type), &stories)) return kExitFailure;
    stories = StoriesAsOf(std::move(stories), as_of_);
    SayAsOf();
    int shown = 0;
    for (const AgreementStory& st : stories) {
      if (!y.id.empty() && std::find(st.agreement.parties.begin(), st.agreement.parties.end(), y.id) == st.agreement.parties.end()) continue;
      std::vector<const Event*> hits;
      for (const Event& ev : st.events) {
        if (ev.type == type && (year.empty() || ev.date.rfind(year, 0) == 0)) hits.push_back(&ev);
      }
      if (hits.empty()) continue;
      ++shown;
      const Entity& ag = st.agreement;
      out_ << ag.name;
      if (!ag.dated.empty()) out_ << " dated " << ag.dated;
      if (!ag.expires.empty()) out_ << ", " << (as_of_.empty() ? "now running" : "then running") << " to " << ag.expires;
      out_ << "  [" << ag.id << "]\n";
      for (const TermStep& step : TermHistory(ag, st.events)) {
        if (step.superseded) out_ << "  (superseded end: " << step.expires << ", " << step.because << ")\n";
      }
      for (const Event* ev : hits) Cite(*ev);
    }
    if (!shown) out_ << "No agreement that " << x.name << " " << action << (y.id.empty() ? "" : " with " + y.name) << (year.empty() ? "" : " in " + year) << ".\n";
    return shown ? kExitOk : kExitFailure;
  }

  int ActiveAgreements(std::string rest) {
    std::string date = rest, who;
    std::string l, r;
    if (SplitAt(" " + rest + " ", "for", &l, &r)) {
      date = l;
      who = r;
    }
    DateValue d = ParseIsoOrWords(date);
    if (d.empty()) {
      err_ << "dealgraph: '" << date << "' is not a date\n";
      return kExitUsage;
    }
    std::vector<Entity> ags;
    if (!Read(store_.ListEntities(EntityType::kAgreement), &ags)) return kExitFailure;
    Entity x;
    if (!who.empty() && !Resolve(who, &x)) return kExitFailure;
    SayAsOf();
    int shown = 0;
    for (Entity& ag : ags) {
      if (!x.id.empty() && std::find(ag.parties.begin(), ag.parties.end(), x.id) == ag.parties.end()) continue;
      std::vector<Event> events;
      if (!ReadKnown(store_.EventsOfAgreement(ag.id), &events)) return kExitFailure;
      if (events.empty()) continue;  // told only after as_of_
      if (!as_of_.empty()) ag.expires.clear();  // the stated end may come from a later filing
      AgreementStory st{AgreementLifecycle(ag, events), events};
      if (!ActiveOn(st, d.Iso())) continue;
      ++shown;
      std::string parties;
      for (const std::string& p : st.agreement.parties) parties += (parties.empty() ? "" : ", ") + names_(p);
      out_ << st.agreement.name << " (" << parties << "), dated " << st.agreement.dated
           << (st.agreement.expires.empty() ? "" : ", runs to " + st.agreement.expires) << "\n";
      if (!st.events.empty() && !st.events.front().sources.empty()) {
        out_ << "      source " << st.events.front().sources.front().filing << "\n";
      }
    }
    if (!shown) out_ << "No agreement known to be in force on " << d.Iso() << ".\n";
    return shown ? kExitOk : kExitFailure;
  }

  static DateValue ParseIsoOrWords(const std::string& s) {
    DateValue d = DateValue::FromIso(Trim(s));
    return d.empty() ? ParseDate(Trim(s)) : d;
  }

  int Paid(const std::string& payer, const std::string& payee) {
    Entity x, y;
    if (!Resolve(payer, &x) || !Resolve(payee, &y)) return kExitFailure;
    std::vector<Event> events;
    if (!ReadKnown(store_.EventsBetween(x.id, y.id, DateRange{}), &events)) return kExitFailure;
    SayAsOf();
    int shown = 0;
    double total = 0;
    std::vector<const Event*> undirected;  // payments that do not say who paid whom
    for (const Event& ev : events) {
      if (ev.type != "payment" || !ev.amount) continue;
      bool forward = false, reversed = false;
      for (const Party& p : ev.parties) {
        forward |= (p.entity_id == x.id && p.role == "payer") || (p.entity_id == y.id && p.role == "payee");
        reversed |= (p.entity_id == x.id && p.role == "payee") || (p.entity_id == y.id && p.role == "payer");
      }
      if (reversed) continue;
      if (!forward) {
        undirected.push_back(&ev);
        continue;
      }
      ++shown;
      if (ev.amount->currency == "USD" && IsMoneyPaid(ev.type, ev.amount)) total += ev.amount->value;
      Cite(ev);
    }
    if (shown) {
      out_ << "Total: " << FormatMoney(TotalMoney(total, "USD")) << " in " << shown << " payment"
           << (shown == 1 ? "" : "s") << ".\n";
    } else {
      out_ << "No payment from " << x.name << " to " << y.name << " is recorded.\n";
    }
    // Not added to the total: the filings name both, but not who paid.
    if (!undirected.empty()) {
      out_ << "Between them, not saying who paid whom (not in the total):\n";
      for (const Event* ev : undirected) Cite(*ev);
    }
    return shown ? kExitOk : kExitFailure;
  }

  int Between(const std::string& a_raw, const std::string& b_raw) {
    std::string a = a_raw, b = b_raw, from, to;
    std::string l, r;
    if (SplitAt(" " + b + " ", "from", &l, &r)) {
      b = l;
      from = r;
      std::string l2, r2;
      if (SplitAt(" " + from + " ", "to", &l2, &r2)) { from = l2; to = r2; }
    } else if (SplitAt(" " + b + " ", "to", &l, &r)) {
      b = l;
      to = r;
    }
    Entity x, y;
    if (!Resolve(a, &x) || !Resolve(b, &y)) return kExitFailure;
    std::vector<Event> events;
    if (!ReadKnown(store_.EventsBetween(x.id, y.id, DateRange{std::string(Trim(from)), std::string(Trim(to))}),
                   &events)) {
      return kExitFailure;
    }
    SayAsOf();
    out_ << events.size() << " event" << (events.size() == 1 ? "" : "s") << " between " << x.name << " and " << y.name << ":\n";
    for (const Event& ev : events) Cite(ev);
    return events.empty() ? kExitFailure : kExitOk;
  }

  int History(const std::string& a) {
    Entity x;
    if (!Resolve(a, &x)) return kExitFailure;
    std::vector<Event> events;
    if (!ReadKnown(store_.EventsOf(x.id, DateRange{}), &events)) return kExitFailure;
    SayAsOf();
    out_ << events.size() << " event" << (events.size() == 1 ? "" : "s") << " of " << x.name << ":\n";
    for (const Event& ev : events) Cite(ev);
    return events.empty() ? kExitFailure : kExitOk;
  }

  int FirstWith(const std::string& a, const std::string& b) {
    Entity x, y;
    if (!Resolve(a, &x) || !Resolve(b, &y)) return kExitFailure;
    std::vector<Event> events;
    if (!ReadKnown(store_.EventsBetween(x.id, y.id, DateRange{}), &events)) return kExitFailure;
    SayAsOf();
    for (const Event& ev : events) {
      if (ev.date.empty()) continue;
      out_ << x.name << " and " << y.name << " first appear together on " << ev.date << ":\n";
      Cite(ev);
      return kExitOk;
    }
    out_ << "No dated event links " << x.name << " and " << y.name << ".\n";
    return kExitFailure;
  }

  int Partners(const std::string& name) {
    Entity x;
    if (!Resolve(name, &x)) return kExitFailure;
    Network net;
    if (!Read(Network::ForPartners(store_, x.id, as_of_), &net)) return kExitFailure;
    std::vector<Network::Partner> ps = net.PartnersOf(x.id);
    // Partners are companies; officers and signatories are not.
    std::erase_if(ps, [&](const Network::Partner& p) {
      int v = net.Find(p.id);
      return v >= 0 && net.graph()[v].type != EntityType::kOrganization;
    });
    SayAsOf();
    out_ << x.name << " has " << ps.size() << " partner" << (ps.size() == 1 ? "" : "s") << ":\n";
    for (const auto& p : ps) {
      out_ << "  " << p.name << ": " << p.edge.events << " event" << (p.edge.events == 1 ? "" : "s");
      if (!p.edge.first.empty()) out_ << ", " << p.edge.first << " to " << p.edge.last;
      if (p.edge.money > 0) out_ << ", " << FormatMoney(TotalMoney(p.edge.money, "USD"));
      out_ << "\n";
    }
    return ps.empty() ? kExitFailure : kExitOk;
  }

  // "as of DATE" at the start or end of the question ("As of June 2005,
  // which agreements ...", "... renew, as of 2005-06-30") sets the date the
  // answer is given as of. False (after a message) when DATE is not a date.
  bool TakeAsOf(std::string* q) {
    std::string date;
    if (StartsWithIgnoreCase(*q, "as of ")) {
      // The date may hold commas itself ("As of June 1, 2005, which ..."):
      // the question starts after the first comma that ends a date.
      size_t comma = q->find(',');
      while (comma != std::string::npos && ParseIsoOrWords(q->substr(6, comma - 6)).empty()) {
        comma = q->find(',', comma + 1);
      }
      if (comma == std::string::npos) {
        err_ << "dealgraph: write the date as \"As of DATE, QUESTION\" (DATE: 2005-06-30, June 30, 2005)\n";
        return false;
      }
      date = q->substr(6, comma - 6);
      *q = std::string(Trim(q->substr(comma + 1)));
    } else {
      size_t p = FindIgnoreCase(*q, " as of ");
      if (p == std::string::npos) return true;
      date = q->substr(p + 7);
      q->resize(p);
      while (!q->empty() && (q->back() == ',' || q->back() == ' ')) q->pop_back();
    }
    DateValue d = ParseIsoOrWords(date);
    if (d.empty()) {
      err_ << "dealgraph: '" << std::string(Trim(date)) << "' is not a date (as of DATE: 2005-06-30, June 30, 2005)\n";
      return false;
    }
    as_of_ = d.Iso();
    return true;
  }

  // The events as the filings up to as_of_ told them.
  std::vector<Event> Known(std::vector<Event> events) const { return AsOf(std::move(events), as_of_); }

  void SayAsOf() {
    if (!as_of_.empty()) out_ << "As of " << as_of_ << " (filings up to that date):\n";
  }

  const Store& store_;
  DisplayNames names_{store_};
  std::ostringstream out_;  //!< the answer, until Ask knows every read succeeded
  std::ostream& answer_;
  std::ostream& err_;
  std::string as_of_;
  Status failed_;  //!< the first read of the store that failed
};

}  // namespace

void SetupAsk(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  struct Opts { CommonOptions common; std::vector<std::string> words; std::string as_of; };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("ask", "ask a question in plain English (\"which agreements did Genentech renew?\")");
  AddDbOption(sub, &o->common);
  sub->add_option("question", o->words, "the question (quote it, or write it as words)")->required();
  sub->add_option("--as-of", o->as_of,
                  "answer as the filings up to this date told it (also: \"... as of DATE\" in the question)");
  sub->footer(kForms);
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      std::string q;
      for (const std::string& w : o->words) q += (q.empty() ? "" : " ") + w;
      std::unique_ptr<Store> store = OpenStore(o->common, true, err);
      if (!store) return kExitFailure;
      Asker asker(*store, out, err);
      if (!o->as_of.empty()) {
        DateValue d = DateValue::FromIso(o->as_of);
        if (d.empty()) d = ParseDate(o->as_of);
        if (d.empty()) {
          err << "dealgraph: --as-of '" << o->as_of << "' is not a date (2005-06-30, June 30, 2005)\n";
          return kExitUsage;
        }
        asker.SetAsOf(d.Iso());
      }
      return asker.Ask(q);
    };
  });
}

}  // namespace dealgraph
