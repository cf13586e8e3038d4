// dealgraph ask "QUESTION": plain-English questions for the common cases,
// read with a small grammar (verbs and connectives around entity names).
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "cli/common.h"
#include "common/strings.h"
#include "export/jsonl.h"
#include "graph/network.h"
#include "graph/query.h"
#include "ingest/extract/dates.h"
#include "ingest/extract/lexicon.h"

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
    "  any question naming a company or person, with words of what it asks and when:\n"
    "    who replaced Ernst & Young as SPACEHAB's auditor\n"
    "    who became CEO of Stockwalk Group in October 2001\n"
    "    what did Asta Funding's board declare in February 2004\n"
    "    (officers and directors, auditors, deals, results, restatements, votes, governance,\n"
    "    financings, licences, payments, regulatory and clinical events, distress: the words\n"
    "    that ask for each are data/lexicon/question_cues.tsv)\n"
    "  the same words with no name ask across the store (the first 50 on a terminal):\n"
    "    which acquisitions closed in 2006 / who became CFO in 2023 / what happened in April 2006\n"
    "  a name several entities bear is taken as the one EDGAR knows or that files reports;\n"
    "    the answer names the others\n"
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
  // JSON Lines: the events an answer lists, one per line (docs/events.md),
  // without its headings; what it says instead of events goes to stderr.
  void SetJsonl(bool on) { jsonl_ = on; }

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
    // "what did X pay Y" when X and Y name stored entities; else ("what did
    // X agree to pay for Z") the open form reads it.
    if (StartsWithIgnoreCase(q, "what did ") && SplitAt(q.substr(9), "pay", &a, &b) && Names(a) && Names(b))
      return Paid(a, b);
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
    int open = Open(q);
    if (open >= 0) return open;
    err_ << "dealgraph: I cannot read that question.\n" << kForms;
    return kExitUsage;
  }

  // ---- the open form: names, dates and cue words anywhere in the question ----

  // A word of the question, without its trailing punctuation and possessive.
  struct Word {
    std::string text;      // "SPACEHAB", "Ernst", "&"
    bool possessive = false;  // written "SPACEHAB's": a name ends here
    bool stop = false;        // ",", "?" or ";" followed it: a name ends here
  };
  static std::vector<Word> Words(std::string_view q) {
    std::vector<Word> out;
    for (std::string_view w : Split(q, ' ')) {
      Word word;
      std::string t(Trim(w));
      while (!t.empty() && std::string_view(",?;:!\"()").find(t.back()) != std::string_view::npos) {
        word.stop = true;
        t.pop_back();
      }
      while (!t.empty() && (t.front() == '"' || t.front() == '(')) t.erase(0, 1);
      for (std::string_view poss : {"'s", "\xE2\x80\x99s", "'"}) {
        if (t.size() > poss.size() && t.compare(t.size() - poss.size(), poss.size(), poss) == 0) {
          t.resize(t.size() - poss.size());
          word.possessive = true;
          break;
        }
      }
      if (t.empty()) continue;
      word.text = std::move(t);
      out.push_back(std::move(word));
    }
    return out;
  }

  // "who", "what", "did", ...: a question's opening words, never a name.
  static bool QuestionWord(std::string_view t) {
    for (const char* q : {"who", "what", "when", "which", "how", "where", "why", "did", "does", "do", "is", "was",
                          "were", "are", "has", "have", "will"}) {
      if (EqualsIgnoreCase(t, q)) return true;
    }
    return false;
  }

  static bool MonthWord(std::string_view w) { return MonthOfWord(w) != 0; }

  // A one-word cue of question_cues.tsv ("CEO", "board", "audits"): it asks
  // what, not whom.
  static bool CueWord(std::string_view w) {
    static const std::set<std::string, std::less<>> kCueWords = [] {
      std::set<std::string, std::less<>> out;
      for (const Lexicon::QuestionCue& c : Lexicon::Get().question_cues) {
        if (c.phrase.find(' ') == std::string::npos) out.insert(c.phrase);
      }
      return out;
    }();
    return kCueWords.count(ToLower(w)) > 0;
  }

  // The dates the question bounds its events by: "in 2010", "in April 2006",
  // "on June 2, 2000", "from 2005 to 2008". A date after "ended"/"ending"
  // names a reporting period, not when the event happened: not a bound.
  DateRange QuestionDates(const std::vector<Word>& w, std::set<size_t>* used) {
    DateRange range;
    std::vector<std::string> found;
    for (size_t i = 0; i < w.size(); ++i) {
      if (!IsYear(w[i].text)) continue;
      int year = std::stoi(w[i].text);
      if (year < 1900 || year > 2099) continue;
      size_t b = i;
      std::string iso = w[i].text;
      if (i >= 1 && MonthWord(w[i - 1].text)) {
        b = i - 1;
      } else if (i >= 2 && MonthWord(w[i - 2].text)) {  // "June 2, 2000"
        b = i - 2;
      }
      if (b < i) {
        std::string phrase;
        for (size_t k = b; k <= i; ++k) phrase += (phrase.empty() ? "" : " ") + w[k].text;
        DateValue d = ParseDate(phrase);
        if (!d.empty()) iso = d.Iso();
      }
      for (size_t k = b; k <= i; ++k) used->insert(k);
      bool period = b >= 1 && (EqualsIgnoreCase(w[b - 1].text, "ended") || EqualsIgnoreCase(w[b - 1].text, "ending"));
      if (!period) found.push_back(iso);
    }
    if (found.size() == 1) {
      range.from = range.to = found[0];
    } else if (found.size() >= 2) {
      range.from = found.front();
      range.to = found.back();
    }
    return range;
  }

  // The entities the question names: the longest runs of capitalised words
  // ("Home Health Corporation of America", "Ernst & Young", "R.J. Steichen")
  // that name a stored entity, longest first within each run.
  bool QuestionEntities(const std::vector<Word>& w, const std::set<size_t>& used, std::vector<Entity>* out,
                        std::vector<std::string>* unknown) {
    auto name_word = [&](size_t i) {
      const std::string& t = w[i].text;
      if (used.count(i) || MonthWord(t) || (i == 0 && QuestionWord(t)) || CueWord(t)) return false;
      return IsAsciiUpper(t[0]) || IsAsciiDigit(t[0]) || static_cast<unsigned char>(t[0]) >= 0x80;
    };
    auto joiner = [&](size_t i) {
      const std::string& t = w[i].text;
      return t == "&" || t == "of" || t == "and" || t == "de";
    };
    std::set<std::string> ids;
    for (size_t i = 0; i < w.size();) {
      if (!name_word(i)) {
        ++i;
        continue;
      }
      // The run: name words, joined by "&"/"of"/"and" between two of them.
      // A capitalised cue word goes on a run it does not start: "NL
      // Acquisition", "First Capital Bank"; the sub-runs below keep it only
      // when the store names it so ("Apple CEO" is Apple).
      auto goes_on = [&](size_t k) {
        const std::string& t = w[k].text;
        return name_word(k) || (!used.count(k) && !MonthWord(t) && IsAsciiUpper(t[0]) && CueWord(t));
      };
      size_t e = i + 1;
      while (e < w.size() && !w[e - 1].possessive && !w[e - 1].stop) {
        if (goes_on(e)) {
          ++e;
        } else if (joiner(e) && e + 1 < w.size() && name_word(e + 1)) {
          e += 2;
        } else {
          break;
        }
      }
      // Longest sub-run first, from the left.
      size_t b = i;
      bool run_hit = false;
      while (b < e) {
        bool hit = false;
        for (size_t k = e; k > b && !hit; --k) {
          if (joiner(k - 1)) continue;
          std::string span;
          for (size_t m = b; m < k; ++m) span += (span.empty() ? "" : " ") + w[m].text;
          if (k - b == 1 && span.size() < 3) continue;
          std::vector<Entity> found;
          if (!Read(store_.FindEntities(span), &found)) return false;
          if (found.empty()) continue;
          // A name that only starts a stored one ("Pericom" for Pericom
          // Semiconductor) counts when it is the whole run the question
          // wrote; part of a run must be a name itself ("Thomas" of "Thomas
          // O. Staggs" is not Thomas Beaudoin).
          std::vector<const Entity*> others;
          size_t pick = 0;
          if (!Read(BestNamed(store_, found, span, &others), &pick)) return false;
          const Entity& best = found[pick];
          if ((b != i || k != e) && !NamedExactly(best, span)) continue;
          if (ids.insert(best.id).second) {
            out->push_back(best);
            NoteOthers(span, best, others);
          }
          b = k;
          hit = true;
          run_hit = true;
        }
        if (!hit) ++b;
      }
      if (!run_hit) {
        size_t last = e;  // a cue word that only went on the run is no part of the name it misses
        while (last > i + 1 && !name_word(last - 1)) --last;
        std::string run;
        for (size_t m = i; m < last; ++m) run += (run.empty() ? "" : " ") + w[m].text;
        unknown->push_back(std::move(run));
      }
      i = e;
    }
    return true;
  }

  // A name the question wrote that is a name of several stored entities:
  // the answer says which it took and which it did not.
  void NoteOthers(std::string_view span, const Entity& taken, const std::vector<const Entity*>& others) {
    if (others.empty()) return;
    std::string note = "'" + std::string(span) + "' is taken as " + taken.name;
    const bool same = std::any_of(others.begin(), others.end(), [&](const Entity* o) { return o->name == taken.name; });
    if (same) note += " (" + taken.id + ")";
    note += "; it also names ";
    for (size_t k = 0; k < others.size() && k < 3; ++k) {
      note += (k ? ", " : "") + others[k]->name;
      if (others[k]->name == taken.name) note += " (" + others[k]->id + ")";
    }
    if (others.size() > 3) note += " and " + std::to_string(others.size() - 3) + " more";
    notes_.push_back(note + (same ? " (`dealgraph history " + others[0]->id + "` shows it)" : " (ask with the full name)"));
  }

  // A question written in lower case ("who audits spacehab inc."): runs of
  // up to five words, longest first, that are a stored name or alias exactly
  // (folded: case, punctuation and suffixes aside). Question words and cues
  // are no names.
  bool LowerCaseNames(const std::vector<Word>& w, const std::set<size_t>& used, std::vector<Entity>* out) {
    std::set<std::string> ids;
    auto skip = [&](size_t i) {
      std::string l = ToLower(w[i].text);
      if (used.count(i) || MonthWord(l) || l.size() < 2 || QuestionWord(l)) return true;
      for (const char* q : {"the", "a", "an", "of", "in", "on", "for", "to", "with", "and", "its", "their",
                            "from", "by", "at", "as"}) {
        if (l == q) return true;
      }
      return CueWord(l);
    };
    for (size_t b = 0; b < w.size(); ++b) {
      if (skip(b)) continue;
      for (size_t k = std::min(w.size(), b + 5); k > b; --k) {
        if (skip(k - 1)) continue;
        std::string span;
        for (size_t m = b; m < k; ++m) span += (span.empty() ? "" : " ") + w[m].text;
        std::vector<Entity> found;
        if (!Read(store_.FindEntities(span), &found)) return false;
        if (found.empty()) continue;
        std::vector<const Entity*> others;
        size_t pick = 0;
        if (!Read(BestNamed(store_, found, span, &others), &pick)) return false;
        const Entity& e = found[pick];
        if (!NamedExactly(e, span)) continue;
        if (ids.insert(e.id).second) {
          out->push_back(e);
          NoteOthers(span, e, others);
        }
        b = k - 1;
        break;
      }
    }
    return true;
  }

  // "who is the CFO of X", "who audits X", "who serves as ...": the
  // question asks who holds a post now (or as of its date), not its history.
  static bool AsksWhoHolds(const std::string& q) {
    for (const char* opening : {"who is ", "who's ", "who audits ", "who serves ", "who currently ", "who now "}) {
      if (StartsWithIgnoreCase(q, opening)) return true;
    }
    return false;
  }

  // The one the latest appointment or engagement among `events` put in place,
  // unless a later change of that person or firm took them out: "In the
  // latest filings: Grant Thornton (engaged 2004-05-18)." Empty when the
  // events do not say.
  std::string Holder(const std::vector<Event>& events) {
    auto slot = [](const Event& ev, std::string_view name) -> const Slot* {
      for (const Slot& s : ev.slots) {
        if (s.name == name) return &s;
      }
      return nullptr;
    };
    const Event* last = nullptr;
    std::string holder;
    for (const Event& ev : events) {  // oldest first
      if (ev.type != "executive.change" && ev.type != "auditor.change") continue;
      const Slot* who = slot(ev, ev.type == "auditor.change" ? "auditor" : "person");
      const Slot* action = slot(ev, "action");
      if (who == nullptr || who->entity_id.empty() || action == nullptr) continue;
      if (action->value == "appointed" || action->value == "engaged") {
        last = &ev;
        holder = who->entity_id;
      } else if (who->entity_id == holder) {
        last = nullptr;
        holder.clear();
      }
    }
    if (last == nullptr) return "";
    const Slot* action = slot(*last, "action");
    return std::string(as_of_.empty() ? "In the latest filings: " : "By " + as_of_ + ": ") + names_(holder) + " (" +
           action->value + " " +
           (last->date.empty() ? "on an unknown date" : last->date) + ").\n";
  }

  // The event types the question's words ask for, and the officers' roles
  // it names (question_cues.tsv).
  static std::set<std::string> QuestionTypes(const std::string& q, std::set<std::string>* roles,
                                             std::set<std::string>* actions) {
    std::set<std::string> types;
    std::string lower = ToLower(q);
    for (const Lexicon::QuestionCue& cue : Lexicon::Get().question_cues) {
      if (FindWordLower(lower, cue.phrase) == std::string_view::npos) continue;
      types.insert(cue.types.begin(), cue.types.end());
      if (!cue.role.empty()) roles->insert(cue.role);
      actions->insert(cue.actions.begin(), cue.actions.end());
    }
    return types;
  }

  // Whether an officer or auditor change is one of `actions` (its action
  // slot; a change that does not say passes); every other event passes.
  static bool OfActions(const Event& ev, const std::set<std::string>& actions) {
    if (actions.empty() || (ev.type != "executive.change" && ev.type != "auditor.change")) return true;
    for (const Slot& s : ev.slots) {
      if (s.name == "action") return actions.count(ToLower(s.value)) > 0;
    }
    return true;
  }

  // Whether an officer change is of one of `roles` (its role slot, else its
  // quote, holds one); every other event passes.
  static bool OfRoles(const Event& ev, const std::set<std::string>& roles) {
    if (roles.empty() || ev.type != "executive.change") return true;
    std::string text;
    for (const Slot& s : ev.slots) {
      if (s.name == "role") text += ToLower(s.value) + " ";
    }
    if (text.empty()) {
      for (const Source& s : ev.sources) text += ToLower(s.quote) + " ";
    }
    for (const std::string& r : roles) {
      if (FindWordLower(text, r) != std::string_view::npos) return true;
    }
    return false;
  }

  // Any question naming a stored company or person: its events (between the
  // first two named, when both are), of the kinds its words ask for, in its
  // dates. -1 when it names no stored entity.
  int Open(const std::string& q) {
    std::vector<Word> words = Words(q);
    std::set<size_t> date_words;
    DateRange range = QuestionDates(words, &date_words);
    std::vector<Entity> named;
    std::vector<std::string> unknown;
    if (!QuestionEntities(words, date_words, &named, &unknown)) return kExitFailure;
    if (named.empty() && !LowerCaseNames(words, date_words, &named)) return kExitFailure;
    if (named.empty()) {
      if (!unknown.empty()) return Unknown(unknown);
      return AcrossStore(q, range);
    }
    // A name of the question that is close to a stored one and is none is
    // a misspelling: said, with the names it may mean, and not answered.
    if (!unknown.empty() && Unknown(unknown, /*only_near=*/true) != kExitOk) return kExitFailure;
    std::set<std::string> roles, actions;
    std::set<std::string> types = QuestionTypes(q, &roles, &actions);
    if (types.empty() && range.unbounded()) {
      // A name and no word of what is asked, nor when ("how tall is X"):
      // the forms it can read, filled with the name.
      const std::string& x = named[0].name;
      err_ << "dealgraph: I cannot read that question. About " << x << " it can answer:\n"
           << "  history of " << x << "\n"
           << "  who are " << x << "'s partners\n"
           << "  which agreements did " << x << " enter|renew|extend|amend|terminate\n"
           << "  what happened at " << x << " in YEAR\n"
           << "  who became CEO of " << x << " / who audits " << x << " / which companies did " << x << " acquire\n"
           << kForms;
      return kExitUsage;
    }
    std::vector<Event> events;
    if (named.size() >= 2) {
      if (!ReadKnown(store_.EventsBetween(named[0].id, named[1].id, range), &events)) return kExitFailure;
    }
    auto of_kind = [&](const std::vector<Event>& evs) {
      std::vector<Event> out;
      for (const Event& ev : evs) {
        if ((types.empty() || types.count(ev.type)) && OfRoles(ev, roles) && OfActions(ev, actions)) out.push_back(ev);
      }
      return out;
    };
    std::vector<Event> hits = of_kind(events);
    if (hits.empty()) {
      // Each named entity's own events: the question may name a party the
      // events do not ("employment agreements with New Line in the TBS merger").
      std::set<std::string> seen;
      events.clear();
      for (const Entity& e : named) {
        std::vector<Event> mine;
        if (!ReadKnown(store_.EventsOf(e.id, range), &mine)) return kExitFailure;
        for (Event& ev : mine) {
          if (seen.insert(ev.id).second) events.push_back(std::move(ev));
        }
      }
      std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::make_pair(a.date.empty(), a.date) < std::make_pair(b.date.empty(), b.date);
      });
      hits = of_kind(events);
    }
    SayAsOf();
    std::string who;
    for (size_t i = 0; i < named.size() && i < 2; ++i) who += (i ? " and " : "") + named[i].name;
    const std::string when = When(range);
    if (hits.empty()) {
      // Honest, and short: not every event of a company that has hundreds.
      (jsonl_ ? err_ : out_) << "No event of " << who << when
           << (types.empty() ? "" : " of the kinds asked for" + Kinds(types, roles, actions))
           << " is recorded"
           << (types.empty() ? " (`dealgraph history " + named[0].name + "` lists every one)."
                             : "; " + std::to_string(events.size()) + " other event" + (events.size() == 1 ? "" : "s") +
                                   (events.empty() ? "." : " (dealgraph history " + named[0].name + ")."))
           << "\n";
    } else {
      std::ostringstream heading;
      if (AsksWhoHolds(q)) heading << Holder(hits);
      heading << hits.size() << " event" << (hits.size() == 1 ? "" : "s") << " of " << who << when
              << (types.empty() ? "" : " (" + JoinTypes(types) + ")") << ":\n";
      if (!List(heading.str(), hits, true)) return kExitFailure;
    }
    return hits.empty() ? kExitFailure : kExitOk;
  }

  // A question naming no company or person ("which acquisitions closed in
  // 2006", "who became CEO in 2010", "what happened in April 2006"): the
  // events of the kinds it asks for, in its dates, across the store. One
  // with neither a kind nor a date is not read (-1). A terminal gets the
  // first kMaxListed; --format jsonl every one.
  int AcrossStore(const std::string& q, const DateRange& range) {
    std::set<std::string> roles, actions;
    std::set<std::string> types = QuestionTypes(q, &roles, &actions);
    if (types.empty() && range.unbounded()) return -1;
    std::vector<std::string> asked(types.begin(), types.end());
    if (asked.empty()) {
      for (const EventTypeInfo& t : Lexicon::Get().event_types) asked.push_back(t.type);
    }
    std::vector<Event> hits;
    std::set<std::string> seen;
    for (const std::string& type : asked) {
      std::vector<Event> some;
      if (!Read(store_.EventsOfType(type, range), &some)) return kExitFailure;
      for (Event& ev : Known(std::move(some))) {
        if (OfRoles(ev, roles) && OfActions(ev, actions) && seen.insert(ev.id).second) hits.push_back(std::move(ev));
      }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Event& a, const Event& b) {
      return std::make_pair(a.date.empty(), a.date) < std::make_pair(b.date.empty(), b.date);
    });
    SayAsOf();
    const std::string when = When(range);
    const std::string kinds = types.empty() ? "" : Kinds(types, roles, actions);
    if (hits.empty()) {
      (jsonl_ ? err_ : out_) << "No event" << when << kinds << " is recorded in the store.\n";
      return kExitFailure;
    }
    const size_t total = hits.size();
    if (!jsonl_ && hits.size() > kMaxListed) hits.resize(kMaxListed);
    if (!Read(DisplaySources(store_, &hits))) return kExitFailure;
    std::ostringstream heading;
    heading << total << " event" << (total == 1 ? "" : "s") << when << kinds << " in the store"
            << (total > hits.size() ? ", the first " + std::to_string(hits.size()) + " (--format jsonl lists all)" : "")
            << ":\n";
    if (!List(heading.str(), hits, true)) return kExitFailure;
    return kExitOk;
  }
  static constexpr size_t kMaxListed = 50;

  // The question names something capitalised that is in no stored name:
  // the closest stored names, by edit distance on folded names.
  // With `only_near`, says only the names that have close stored names
  // (likely misspellings; "Erie" in "its Erie boiler plant" is a word, not a
  // name) and returns kExitOk when there were none.
  int Unknown(const std::vector<std::string>& runs, bool only_near = false) {
    std::vector<Entity> all;
    for (EntityType t : {EntityType::kOrganization, EntityType::kPerson}) {
      std::vector<Entity> some;
      if (!Read(store_.ListEntities(t), &some)) return kExitFailure;
      all.insert(all.end(), some.begin(), some.end());
    }
    bool said = false;
    for (const std::string& run : runs) {
      const std::string want = FoldName(run);
      std::vector<std::pair<size_t, std::string>> near;
      const size_t limit = std::max<size_t>(2, want.size() / 4);
      for (const Entity& e : all) {
        const std::string have = FoldName(e.name);
        if (have.empty() || have.size() > want.size() + limit || want.size() > have.size() + limit) continue;
        size_t d = EditDistance(want, have, limit);
        if (d <= limit) near.emplace_back(d, e.name);
      }
      std::sort(near.begin(), near.end());
      near.erase(std::unique(near.begin(), near.end()), near.end());
      if (only_near && near.empty()) continue;
      said = true;
      err_ << "dealgraph: no entity matches '" << run << "'";
      if (!near.empty()) {
        err_ << "; did you mean ";
        for (size_t k = 0; k < near.size() && k < 3; ++k) err_ << (k ? ", " : "") << near[k].second;
        err_ << "?";
      }
      err_ << " (`dealgraph entities` lists them)\n";
    }
    return said || !only_near ? kExitFailure : kExitOk;
  }

  // Levenshtein distance of a and b, or limit + 1 once it is past `limit`.
  static size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      size_t best = cur[0];
      for (size_t j = 1; j <= b.size(); ++j) {
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        best = std::min(best, cur[j]);
      }
      if (best > limit) return limit + 1;
      std::swap(prev, cur);
    }
    return prev[b.size()];
  }

  // The events of an answer: JSON Lines, or cited with a heading.
  bool List(const std::string& heading, const std::vector<Event>& events, bool slots) {
    if (jsonl_) {
      Result<GraphSlice> slice = EventSlice(store_, events);
      if (!Read(slice.status())) return false;
      return Read(WriteEventsJsonl(*slice, out_));
    }
    out_ << heading;
    for (const Event& ev : events) {
      Cite(ev);
      if (slots) CiteSlots(ev);
    }
    return true;
  }

  // " in 2006", " from 2005 to 2008", or "" for no dates.
  static std::string When(const DateRange& range) {
    if (range.from.empty()) return "";
    return range.from == range.to ? " in " + range.from : " from " + range.from + " to " + range.to;
  }

  // " (auditor.change; roles: ...; actions: ...)": what the question asked for.
  static std::string Kinds(const std::set<std::string>& types, const std::set<std::string>& roles,
                           const std::set<std::string>& actions) {
    return " (" + JoinTypes(types) + (roles.empty() ? "" : "; roles: " + JoinTypes(roles)) +
           (actions.empty() ? "" : "; actions: " + JoinTypes(actions)) + ")";
  }

  static std::string JoinTypes(const std::set<std::string>& types) {
    std::string out;
    for (const std::string& t : types) out += (out.empty() ? "" : ", ") + t;
    return out;
  }

  // An event's typed slots and party roles: "role: Chief Executive Officer".
  void CiteSlots(const Event& ev) {
    std::string line;
    for (const Slot& s : ev.slots) {
      line += (line.empty() ? "" : "; ") + s.name + ": " + (s.entity_id.empty() ? s.value : names_(s.entity_id));
    }
    for (const Party& p : ev.parties) {
      if (!p.role.empty()) line += (line.empty() ? "" : "; ") + p.role + ": " + names_(p.entity_id);
    }
    if (!line.empty()) out_ << "      " << line << "\n";
  }

  // Whether `name` names a stored entity (a failed read counts as yes: the
  // form that reads it then reports the error).
  bool Names(const std::string& name) {
    Result<Entity> r = ResolveEntity(store_, name);
    return r.ok() || r.status().code() != StatusCode::kNotFound;
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
    if (!List(std::to_string(events.size()) + " event" + (events.size() == 1 ? "" : "s") + " between " + x.name +
                  " and " + y.name + ":\n",
              events, false)) {
      return kExitFailure;
    }
    return events.empty() ? kExitFailure : kExitOk;
  }

  int History(const std::string& a) {
    Entity x;
    if (!Resolve(a, &x)) return kExitFailure;
    std::vector<Event> events;
    if (!ReadKnown(store_.EventsOf(x.id, DateRange{}), &events)) return kExitFailure;
    SayAsOf();
    if (!List(std::to_string(events.size()) + " event" + (events.size() == 1 ? "" : "s") + " of " + x.name + ":\n",
              events, false)) {
      return kExitFailure;
    }
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
    for (const std::string& n : notes_) (jsonl_ ? err_ : out_) << n << "\n";
    notes_.clear();
    if (!as_of_.empty() && !jsonl_) out_ << "As of " << as_of_ << " (filings up to that date):\n";
  }

  const Store& store_;
  DisplayNames names_{store_};
  std::ostringstream out_;  //!< the answer, until Ask knows every read succeeded
  std::ostream& answer_;
  std::ostream& err_;
  std::string as_of_;
  bool jsonl_ = false;
  std::vector<std::string> notes_;  //!< said before the answer (NoteOthers)
  Status failed_;  //!< the first read of the store that failed
};

// The open form's kinds of event by family, from the registry
// (event_types.tsv) and the words that ask for each (question_cues.tsv): a
// new type or cue shows here without a line of code.
std::string FamilyHelp() {
  const Lexicon& lex = Lexicon::Get();
  std::vector<std::string> families;
  std::map<std::string, std::vector<std::string>> labels, words;
  for (const EventTypeInfo& t : lex.event_types) {
    if (!labels.count(t.family)) families.push_back(t.family);
    labels[t.family].push_back(t.label);
    for (const Lexicon::QuestionCue& c : lex.question_cues) {
      if (c.phrase == ToLower(t.label) || words[t.family].size() >= 6) continue;
      if (std::find(c.types.begin(), c.types.end(), t.type) == c.types.end()) continue;
      auto& w = words[t.family];
      if (std::find(w.begin(), w.end(), c.phrase) == w.end()) w.push_back(c.phrase);
    }
  }
  std::string out = "\nKinds of event a question may ask about, by family (its words in quotes):\n";
  for (const std::string& f : families) {
    std::string line = "  " + f + ": ";
    for (size_t i = 0; i < labels[f].size(); ++i) line += (i ? ", " : "") + labels[f][i];
    if (!words[f].empty()) {
      line += "  (";
      for (size_t i = 0; i < words[f].size(); ++i) line += (i ? ", " : "") + ("\"" + words[f][i] + "\"");
      line += ")";
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

void SetupAsk(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  struct Opts { CommonOptions common; std::vector<std::string> words; std::string as_of; };
  auto o = std::make_shared<Opts>();
  CLI::App* sub = app.add_subcommand("ask", "ask a question in plain English (\"which agreements did Genentech renew?\")");
  AddDbOption(sub, &o->common);
  sub->add_option("question", o->words, "the question (quote it, or write it as words)")->required();
  AddFormatOption(sub, &o->common, {"table", "jsonl"});
  sub->add_option("--as-of", o->as_of,
                  "answer as the filings up to this date told it (also: \"... as of DATE\" in the question)");
  sub->footer(std::string(kForms) + FamilyHelp());
  sub->callback([o, &out, &err, run] {
    *run = [o, &out, &err]() -> int {
      std::string q;
      for (const std::string& w : o->words) q += (q.empty() ? "" : " ") + w;
      std::unique_ptr<Store> store = OpenStore(o->common, true, err);
      if (!store) return kExitFailure;
      Asker asker(*store, out, err);
      asker.SetJsonl(o->common.format == "jsonl");
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
