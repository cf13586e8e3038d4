// Typed slots: what an event's own sentence says beyond its parties (the
// slots each type carries are listed in data/lexicon/event_types.tsv).
#include <algorithm>
#include <functional>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

namespace {

bool Carries(const EventTypeInfo* info, std::string_view slot) {
  return info && std::find(info->slots.begin(), info->slots.end(), slot) != info->slots.end();
}

// A count as written, digits only ("180", "1,200" -> "1200"), or "".
std::string CountOf(std::string_view w) {
  std::string digits;
  for (char c : w) {
    if (IsAsciiDigit(c)) digits += c;
    else if (c != ',') return "";
  }
  return digits.size() > 7 ? "" : digits;
}

}  // namespace

std::string Extractor::FrameAction(const std::string& type, std::string_view lower, const std::vector<Token>& t,
                                   size_t anchor) const {
  std::string action;
  size_t best = SIZE_MAX;
  for (const FrameRule& rule : lex_.frames) {
    if (rule.type != type || rule.action.empty()) continue;
    for (size_t at = FrameCueAt(rule, lower, t); at != std::string_view::npos;
         at = FrameCueAt(rule, lower, t, at + 1)) {
      const size_t tok = TokenAt(t, at);
      const size_t dist = tok > anchor ? tok - anchor : anchor - tok;
      if (dist < best) {
        best = dist;
        action = rule.action;
      }
    }
  }
  return action;
}

bool Extractor::CuesType(const std::string& type, std::string_view lower) const {
  for (const FrameRule& rule : lex_.frames) {
    if (rule.type != type) continue;
    for (const FrameCue& cue : rule.cues) {
      if (CueAt(cue, lower) != std::string_view::npos) return true;
    }
  }
  return false;
}

std::string Extractor::FromTelling(const Draft& d, const std::function<std::string(size_t)>& read,
                                   bool stated) const {
  std::string found = read(static_cast<size_t>(d.sentence));
  if (!found.empty()) return found;
  // The parts of the filing the event was read from: its sentence's Item
  // or exhibit, and those of its other tellings.
  std::vector<std::string_view> parts;
  parts.push_back(seg_.blocks[seg_.sentences[d.sentence].block].item);
  for (const Source& src : d.sources) parts.push_back(src.item);
  // An Item that tells the news by its press release ("The Company's news
  // release dated April 19, 1994 announcing ...") reads on in the release.
  std::string_view said = seg_.sentences[d.sentence].text;
  if (FindWordIgnoreCase(said, "release") != std::string_view::npos ||
      FindWordIgnoreCase(said, "exhibit") != std::string_view::npos) {
    for (const Block& b : seg_.blocks) {
      if (b.section == Section::kExhibit && StartsWithIgnoreCase(b.item, "EX-99")) parts.push_back(b.item);
    }
  }
  // Another sentence of those parts that tells the event too (one of the
  // type's frame cues): "... will affect approximately 180 manufacturing
  // jobs".
  for (size_t si = 0; si < seg_.sentences.size(); ++si) {
    const Block& b = seg_.blocks[seg_.sentences[si].block];
    if (b.section == Section::kCover || b.section == Section::kSignature) continue;
    if (std::find(parts.begin(), parts.end(), std::string_view(b.item)) == parts.end()) continue;
    found = read(si);
    if (found.empty()) continue;
    const std::string lower = ToLower(seg_.sentences[si].text);
    if (stated ? !FrameAction(d.type, lower, tokens_[si], 0).empty() : CuesType(d.type, lower)) return found;
  }
  return "";
}

std::string Extractor::JobsIn(size_t si) const {
  const std::vector<Token>& t = tokens_[si];
  for (size_t k = 0; k + 1 < t.size(); ++k) {
    std::string n = CountOf(t[k].text());
    if (n.empty() || n == "0") continue;
    for (size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
      if (lex_.job_nouns.count(ToLower(t[j].text()))) return n;
    }
  }
  return "";
}

std::string Extractor::ChargeIn(size_t si) const {
  std::string_view text = seg_.sentences[si].text;
  const std::string lower = ToLower(text);
  // A charge word in the few words before the amount ("charges of $11
  // million to $13 million", "an impairment charge of approximately $42
  // million") or right after it ("a $14 million charge").
  auto charge_word = [&](std::string_view window) {
    for (std::string_view w : {"charge", "charges", "impairment", "write-down", "write-off", "costs", "expense",
                               "expenses"}) {
      if (FindWordLower(window, w) != std::string_view::npos) return true;
    }
    return false;
  };
  for (const MoneyMention& m : FindMoney(text, Pieces(si))) {
    if (m.per_share || m.per_period) continue;
    const size_t from = m.begin > 60 ? m.begin - 60 : 0;
    std::string_view before = std::string_view(lower).substr(from, m.begin - from);
    const size_t stop = before.find_last_of(";.");
    if (stop != std::string_view::npos && stop + 1 < before.size()) before.remove_prefix(stop + 1);
    std::string_view after = std::string_view(lower).substr(m.end, std::min<size_t>(24, lower.size() - m.end));
    // "reduce costs by $1.2 million", "annual savings of $3 million": what
    // the plan saves, not what it costs.
    bool saving = false;
    for (std::string_view w : {"reduce", "reduces", "reduction", "reductions", "savings", "save", "saves"}) {
      saving = saving || FindWordLower(before, w) != std::string_view::npos;
    }
    if (saving || !(charge_word(before) || charge_word(after))) continue;
    std::string charge = FoldSpaces(text.substr(m.begin, m.end - m.begin));
    if (m.up_to && !StartsWithIgnoreCase(charge, "up to")) charge = "up to " + charge;
    return charge;
  }
  return "";
}

void Extractor::ListingSlots(std::string_view text, const std::function<void(const char*, std::string)>& add) const {
  const std::string lower = ToLower(text);
  // The exchange: the one written first, the longest name there ("The
  // Nasdaq Stock Market" is "Nasdaq Stock Market", not "Nasdaq").
  size_t at = std::string_view::npos;
  std::string exchange;
  for (const std::string& x : lex_.exchanges) {
    const size_t p = FindWordLower(lower, ToLower(x));
    if (p == std::string_view::npos) continue;
    if (at == std::string_view::npos || p < at ||
        (p == at && (x.size() > exchange.size() || (x.size() == exchange.size() && x < exchange)))) {
      at = p;
      exchange = x;
    }
  }
  if (!exchange.empty()) add("exchange", FoldSpaces(text.substr(at, exchange.size())));
  // The rule: "Listing Rule 5550(a)(2)", "Rule 5810(c)(3)(A)", "Section
  // 802.01C" of the NYSE's manual: the word, then a number with what is
  // glued to it.
  for (std::string_view word : {"rule", "section"}) {
    for (size_t p = FindWordLower(lower, word); p != std::string_view::npos;
         p = FindWordLower(lower, word, p + word.size())) {
      size_t b = p + word.size();
      if (b + 1 >= lower.size() || lower[b] != ' ' || !IsAsciiDigit(lower[b + 1])) continue;
      size_t e = b + 1;
      int depth = 0;
      while (e < text.size()) {
        const char c = text[e];
        if (c == '(') {
          ++depth;
        } else if (c == ')') {
          if (--depth < 0) break;
        } else if (!IsAsciiAlnum(c) && c != '.') {
          break;
        }
        ++e;
      }
      while (e > b + 1 && text[e - 1] == '.') --e;
      add("rule", std::string(text.substr(p, e - p)));
      return;
    }
  }
}

void Extractor::FillSlots() {
  for (Draft& d : drafts_) {
    if (d.dead || d.sentence < 0) continue;
    const EventTypeInfo* info = lex_.EventType(d.type);
    if (!info || info->slots.empty()) continue;
    const size_t si = static_cast<size_t>(d.sentence);
    const std::vector<Token>& t = tokens_[si];
    std::string_view text = seg_.sentences[si].text;
    const std::string lower = ToLower(text);
    std::vector<EntityMention> ms = table_.Mentions(t);
    auto add = [&](const char* name, std::string value, int entity = -1) {
      if (!Carries(info, name) || (value.empty() && entity < 0)) return;
      for (const DraftSlot& s : d.slots) {
        if (s.name == name) return;
      }
      d.slots.push_back(DraftSlot{name, std::move(value), entity});
    };
    // The one party of the slot's kind, and where the sentence names it.
    auto only_party = [&](auto wanted) {
      int found = -1;
      for (int p : d.parties) {
        if (p == table_.registrant || !wanted(table_.entities[p])) continue;
        if (found >= 0) return -1;
        found = p;
      }
      return found;
    };
    auto mention_of = [&](int entity) -> const EntityMention* {
      for (const EntityMention& m : ms) {
        if (m.entity == entity) return &m;
      }
      return nullptr;
    };
    int subject = -1;
    if (Carries(info, "person")) {
      subject = only_party([](const FoundEntity& e) { return e.type == EntityType::kPerson; });
      if (subject >= 0) add("person", table_.entities[subject].name, subject);
    } else if (Carries(info, "auditor")) {
      subject = only_party([](const FoundEntity& e) { return e.type == EntityType::kOrganization && !e.regulator; });
      if (subject >= 0) add("auditor", table_.entities[subject].name, subject);
    }
    const EntityMention* at = subject >= 0 ? mention_of(subject) : nullptr;
    if (Carries(info, "action")) {
      // The cue nearest the firm or person: "dismissed Ernst & Young ... and
      // engaged Grant Thornton" tells each firm its own side.
      std::string action = FrameAction(d.type, lower, t, at ? at->tok_begin : 0);
      if (action.empty()) action = d.summary;
      add("action", action);
      if (Carries(info, "side")) {
        if (action == "dismissed") add("side", "former");
        else if (action == "engaged") add("side", "new");
      }
    }
    if (Carries(info, "role") && at) {
      // The office written by the name: after it ("Michael Craighead resigned
      // as Chief Financial Officer"), else just before it ("the Company's
      // Chief Financial Officer, Michael Craighead"); never past another
      // person's name. A seat on the board is "Director".
      std::string role;
      // A title word of person_titles.txt in any case.
      auto title_word = [&](std::string_view w) {
        if (w.empty() || !IsAsciiAlpha(w[0])) return false;
        std::string c(w);
        c[0] = static_cast<char>(IsAsciiLower(c[0]) ? c[0] - 'a' + 'A' : c[0]);
        return lex_.person_titles.count(c) > 0;
      };
      auto title_at = [&](size_t k) {
        size_t end = k;
        std::string title = TitleAt(t, k, text, &end);
        if (title.empty() && t[k].word && !t[k].cap && title_word(t[k].text())) {
          // Lower case: "the Company's principal accounting officer", "a
          // director": the words up to the last title word among the next few.
          size_t last = k;
          for (size_t e = k; e < t.size() && e < k + 5 && t[e].word && !t[e].cap; ++e) {
            if (title_word(t[e].text())) last = e;
          }
          title = std::string(text.substr(t[k].begin, t[last].end() - t[k].begin));
        }
        if (EqualsIgnoreCase(title, "director") || EqualsIgnoreCase(title, "directors") ||
            (k >= 2 && t[k - 1].text() == "of" && EqualsIgnoreCase(t[k - 2].text(), "Board")))
          title = "Director";
        // "Chief Financial Officer of FedEx Corporation": the company the
        // office is of is a party, not part of the office.
        const size_t of = title.rfind(" of ");
        if (of != std::string::npos) {
          std::string_view tail = std::string_view(title).substr(of + 4);
          if (StartsWithIgnoreCase(tail, "the ")) tail.remove_prefix(4);
          const int org = table_.Lookup(tail);
          if (org >= 0 && table_.entities[org].type == EntityType::kOrganization) title.resize(of);
        }
        // "a member of the Board (of Directors)": a seat on the board.
        if (title.empty() && EqualsIgnoreCase(t[k].text(), "member") && k + 3 < t.size() && t[k + 1].text() == "of" &&
            EqualsIgnoreCase(t[k + 3].text(), "Board"))
          title = "Director";
        return title;
      };
      for (size_t k = at->tok_end; k < t.size() && k < at->tok_end + 20 && role.empty(); ++k) {
        size_t len = 0;
        const int other = table_.MentionAt(t, k, &len);
        if (other >= 0 && other != subject && table_.entities[other].type == EntityType::kPerson) break;
        role = title_at(k);
      }
      for (size_t k = at->tok_begin; k > 0 && k + 8 > at->tok_begin && role.empty(); --k) {
        size_t end = 0;
        std::string title = TitleAt(t, k - 1, text, &end);
        if (!title.empty() && end + 2 >= at->tok_begin) role = title_at(k - 1);
      }
      add("role", role);
    }
    if (Carries(info, "effective") && lower.find("effective") != std::string::npos) {
      // "effective October 31, 2005", "effective as of January 1, 2024".
      for (const DateMention& dm : FindDates(text, Pieces(si), ctx_)) {
        std::string_view before = std::string_view(lower).substr(0, dm.begin);
        while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.remove_suffix(1);
        for (std::string_view lead : {"effective as of", "effective on", "effective"}) {
          if (before.size() >= lead.size() && before.substr(before.size() - lead.size()) == lead &&
              (before.size() == lead.size() || !IsAsciiAlnum(before[before.size() - lead.size() - 1]))) {
            add("effective", dm.value.Iso());
            break;
          }
        }
      }
    }
    if (Carries(info, "jobs")) add("jobs", FromTelling(d, [&](size_t k) { return JobsIn(k); }));
    // A charge is most often one the company expects to record.
    if (Carries(info, "charge")) add("charge", FromTelling(d, [&](size_t k) { return ChargeIn(k); }, false));
    if (Carries(info, "exchange") || Carries(info, "rule")) {
      ListingSlots(text, [&](const char* name, std::string value) { add(name, std::move(value)); });
    }
  }
}

}  // namespace extract_internal
}  // namespace dealgraph
