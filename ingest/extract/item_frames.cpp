// The 8-K Item as the frame (data/lexicon/frames.tsv, items.tsv): cue phrases of an Item's
// frames, and the event every Item with a fixed meaning reports.
#include <algorithm>
#include <cmath>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

void Extractor::ItemEvents() {
  std::vector<std::string> order;  // Item numbers of the body, as written, in order
  for (const Block& b : seg_.blocks) {
    if (b.section == Section::kBody && !b.item.empty() &&
        std::find(order.begin(), order.end(), b.item) == order.end()) {
      order.push_back(b.item);
    }
  }
  std::map<std::string, std::vector<size_t>> sentences;
  for (size_t si = 0; si < seg_.sentences.size(); ++si) {
    const Block& b = seg_.blocks[seg_.sentences[si].block];
    if (b.section != Section::kBody || b.item.empty() || b.heading || b.boilerplate || b.table_row)
      continue;
    if (seg_.sentences[si].text.size() < 12) continue;
    sentences[b.item].push_back(si);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    const std::string& item = order[k];
    auto info = lex_.items.find(Lexicon::ItemKey(item));
    if (info == lex_.items.end()) continue;
    const std::vector<size_t>& mine = sentences[item];
    // "Item 1.01 Entry into ...; Item 2.03 Creation of ...": headings one
    // under the other share the text that follows them.
    std::string ref;
    if (mine.empty()) {
      for (size_t n = k + 1; n < order.size() && ref.empty(); ++n) {
        if (!sentences[order[n]].empty()) ref = order[n];
      }
      if (ref.empty()) continue;
    }
    if (!mine.empty() && NothingHappened(mine)) continue;
    if (ItemHasEvent(item, info->second)) continue;
    // A reference to another Item of this filing.
    size_t ref_sentence = SIZE_MAX;
    for (size_t si : mine) {
      ref = ReferredItem(si, item, sentences);
      if (!ref.empty()) {
        ref_sentence = si;
        break;
      }
    }
    if (!ref.empty()) {
      bool told = false;
      for (Draft& d : drafts_) {
        if (d.dead || d.block < 0 || seg_.blocks[d.block].item != ref) continue;
        const auto& types = info->second.types;
        if (std::find(types.begin(), types.end(), d.type) == types.end() || d.sources.empty())
          continue;
        Source src = ref_sentence != SIZE_MAX ? MakeSource(ref_sentence) : d.sources.front();
        src.item = item;
        d.sources.push_back(std::move(src));
        told = true;
      }
      if (told) continue;
    }
    // The sentence to read: the first one a frame cue of this Item is in,
    // in the Item itself, else in the Item it refers to.
    const FrameRule* rule = nullptr;
    size_t pick = SIZE_MAX, cue_tok = 0;
    auto frames = lex_.frames_by_item.find(Lexicon::ItemKey(item));
    auto search = [&](const std::vector<size_t>& among) {
      if (frames == lex_.frames_by_item.end()) return;
      for (size_t si : among) {
        if (si == ref_sentence) continue;
        if (boilerplate_[si] == 1) continue;
        const std::string lower = ToLower(seg_.sentences[si].text);
        if (boilerplate_[si] == -1 && Boilerplate(lower)) continue;
        for (size_t r : frames->second) {
          size_t at = FrameCueAt(lex_.frames[r], lower, tokens_[si]);
          if (at == std::string_view::npos) continue;
          rule = &lex_.frames[r];
          pick = si;
          cue_tok = TokenAt(tokens_[si], at);
          return;
        }
      }
    };
    search(mine);
    if (auto r = sentences.find(ref); pick == SIZE_MAX && r != sentences.end()) search(r->second);
    if (pick == SIZE_MAX) {
      for (size_t si : mine) {
        if (si != ref_sentence && boilerplate_[si] != 1 &&
            (boilerplate_[si] == 0 || !Boilerplate(ToLower(seg_.sentences[si].text)))) {
          pick = si;
          break;
        }
      }
    }
    if (pick == SIZE_MAX)
      pick = ref_sentence != SIZE_MAX ? ref_sentence
             : !mine.empty()          ? mine.front()
                                      : sentences[ref].front();
    Draft dr;
    dr.type = rule ? rule->type : info->second.default_type;
    dr.summary = rule ? rule->action : std::string();
    const std::vector<Token>& t = tokens_[pick];
    std::string_view text = seg_.sentences[pick].text;
    std::vector<DateMention> dates = FindDates(text, Pieces(pick), ctx_);
    std::vector<bool> used(dates.size(), false);
    DateValue d = NearestDate(t, dates, used, cue_tok);
    dr.date = d.empty() ? event_date_ : d;
    dr.weak_date = d.empty();
    dr.block = seg_.sentences[pick].block;
    dr.sentence = static_cast<int>(pick);
    std::vector<EntityMention> ms = table_.Mentions(t);
    const FrameSlot slot = rule ? rule->slot : FrameSlot::kRegistrant;
    if (table_.registrant >= 0) dr.parties.push_back(table_.registrant);
    if (slot == FrameSlot::kAuditor) {
      AuditorParty(&dr, ms, cue_tok);
    } else if (slot == FrameSlot::kPerson || slot == FrameSlot::kCounterparty) {
      for (int p : PartiesIn(pick, ms, false, slot == FrameSlot::kPerson)) {
        if (std::find(dr.parties.begin(), dr.parties.end(), p) == dr.parties.end())
          dr.parties.push_back(p);
      }
    }
    if (ref_sentence != SIZE_MAX && ref_sentence != pick)
      dr.sources.push_back(MakeSource(ref_sentence));
    Source src = MakeSource(pick);
    src.item = item;  // read for this Item, from the Item it refers to when it does
    dr.sources.push_back(std::move(src));
    drafts_.push_back(std::move(dr));
  }
}

bool Extractor::NothingHappened(const std::vector<size_t>& mine) const {
  if (mine.size() > 2) return false;
  std::string lower = ToLower(Trim(seg_.sentences[mine.front()].text));
  for (std::string_view none : {"not applicable", "none", "n/a", "no change", "no event"}) {
    if (lower.compare(0, none.size(), none) == 0) return true;
  }
  return false;
}

bool Extractor::ItemHasEvent(const std::string& item, const ItemInfo& info) const {
  for (const Draft& d : drafts_) {
    if (d.dead) continue;
    if (std::find(info.types.begin(), info.types.end(), d.type) == info.types.end()) continue;
    for (const Source& src : d.sources) {
      if (src.item == item) return true;
    }
  }
  return false;
}

std::string Extractor::ReferredItem(
    size_t si, const std::string& item,
    const std::map<std::string, std::vector<size_t>>& sentences) const {
  std::string_view s = seg_.sentences[si].text;
  if (FindWordIgnoreCase(s, "incorporated") == std::string_view::npos &&
      FindWordIgnoreCase(s, "set forth") == std::string_view::npos &&
      FindWordIgnoreCase(s, "see") == std::string_view::npos &&
      FindWordIgnoreCase(s, "described") == std::string_view::npos &&
      FindWordIgnoreCase(s, "included") == std::string_view::npos &&
      FindWordIgnoreCase(s, "attached") == std::string_view::npos &&
      FindWordIgnoreCase(s, "furnished") == std::string_view::npos) {
    return "";
  }
  for (size_t p = FindIgnoreCase(s, "item "); p != std::string_view::npos;
       p = FindIgnoreCase(s, "item ", p + 5)) {
    size_t b = p + 5, e = b;
    while (e < s.size() && (IsAsciiDigit(s[e]) || s[e] == '.')) ++e;
    while (e > b && s[e - 1] == '.') --e;
    std::string num(s.substr(b, e - b));
    if (num.empty() || num == item) continue;
    if (sentences.count(num)) return num;
  }
  // "A copy of the press release ... is furnished as Exhibit 99.1".
  for (size_t p = FindIgnoreCase(s, "exhibit "); p != std::string_view::npos;
       p = FindIgnoreCase(s, "exhibit ", p + 8)) {
    size_t b = p + 8, e = b;
    while (e < s.size() && (IsAsciiDigit(s[e]) || s[e] == '.')) ++e;
    while (e > b && s[e - 1] == '.') --e;
    if (e == b) continue;
    std::string ex = "EX-" + std::string(s.substr(b, e - b));
    for (const Block& blk : seg_.blocks) {
      if (blk.section == Section::kExhibit && EqualsIgnoreCase(blk.item, ex)) return blk.item;
    }
  }
  return "";
}

size_t Extractor::CueAt(const FrameCue& cue, std::string_view lower, size_t from) {
  for (size_t p = from; (p = lower.find(cue.phrase, p)) != std::string_view::npos; p += cue.phrase.size()) {
    if (p > 0 && IsAsciiAlnum(lower[p - 1])) continue;
    const size_t end = p + cue.phrase.size();
    if (!cue.stem && end < lower.size() && IsAsciiAlnum(lower[end])) continue;
    return p;
  }
  return std::string_view::npos;
}

size_t Extractor::FrameCueAt(const FrameRule& rule, std::string_view lower,
                             const std::vector<Token>& t, size_t from) const {
  size_t best = std::string_view::npos;
  for (const FrameCue& cue : rule.cues) {
    for (size_t p = CueAt(cue, lower, from); p != std::string_view::npos;
         p = CueAt(cue, lower, p + cue.phrase.size())) {
      if (p >= best) break;
      const size_t tok = TokenAt(t, p);
      if (!DecidedTo(t, tok) && tok > 0 && t[tok - 1].text() == "to" &&
          rule.slot != FrameSlot::kRegistrant)
        continue;
      if (rule.type != "shareholder.vote" && rule.type != "financial.results" &&
          Conditional(t, tok))
        continue;
      best = p;
      break;
    }
  }
  return best;
}

bool Extractor::MentionsAuditor(std::string_view lower) {
  for (std::string_view w :
       {"accounting firm", "accountant", "accountants", "auditor", "auditors", "audit firm"}) {
    if (FindWordLower(lower, w) != std::string_view::npos) return true;
  }
  return false;
}

bool Extractor::FrameSlotFilled(const FrameRule& rule, const std::vector<EntityMention>& ms,
                                std::string_view lower) const {
  switch (rule.slot) {
    case FrameSlot::kPerson:
      for (const EntityMention& m : ms) {
        if (table_.entities[m.entity].type == EntityType::kPerson) return true;
      }
      return false;
    case FrameSlot::kAuditor:
      for (const EntityMention& m : ms) {
        const FoundEntity& e = table_.entities[m.entity];
        if (e.type == EntityType::kOrganization && !e.regulator && m.entity != table_.registrant)
          return true;
      }
      return MentionsAuditor(lower);
    case FrameSlot::kCounterparty:
    case FrameSlot::kRegistrant:
      return true;
  }
  return true;
}

void Extractor::FrameMatches(size_t si, const std::vector<EntityMention>& ms,
                             std::string_view lower,
                             std::map<std::string, std::vector<size_t>>* fired,
                             std::map<std::string, const FrameRule*>* framed) {
  const Block& block = seg_.blocks[seg_.sentences[si].block];
  if (block.section != Section::kBody) return;
  auto it = lex_.frames_by_item.find(Lexicon::ItemKey(block.item));
  if (it == lex_.frames_by_item.end()) return;
  const auto& t = tokens_[si];
  for (size_t r : it->second) {
    const FrameRule& rule = lex_.frames[r];
    if (fired->count(rule.type)) continue;  // a trigger (or an earlier frame) read it
    // A registrant's event the Item told already (its first cue sentence);
    // the Item's later sentences tell more of it ("This proceeding was
    // subsequently transferred to the U.S. Bankruptcy Court").
    if (rule.slot == FrameSlot::kRegistrant) {
      bool told = false;
      for (const Draft& d : drafts_) {
        told |= !d.dead && d.type == rule.type && d.block >= 0 && seg_.blocks[d.block].item == block.item;
      }
      if (told) continue;
    }
    const size_t at = FrameCueAt(rule, lower, t);
    if (at == std::string_view::npos || !FrameSlotFilled(rule, ms, lower)) continue;
    (*fired)[rule.type].push_back(TokenAt(t, at));
    (*framed)[rule.type] = &rule;
  }
}

void Extractor::AuditorParty(Draft* dr, const std::vector<EntityMention>& ms, size_t tok) const {
  int best = -1;
  size_t best_dist = SIZE_MAX;
  for (const EntityMention& m : ms) {
    const FoundEntity& e = table_.entities[m.entity];
    if (e.type != EntityType::kOrganization || e.regulator || m.entity == table_.registrant)
      continue;
    // The firm acted on comes after the verb ("engaged X"), or is its
    // subject ("X resigned"): after costs less.
    size_t dist = m.tok_begin >= tok ? m.tok_begin - tok : (tok - m.tok_end) * 2;
    if (dist < best_dist) {
      best_dist = dist;
      best = m.entity;
    }
  }
  dr->parties.clear();
  if (table_.registrant >= 0) dr->parties.push_back(table_.registrant);
  if (best >= 0) dr->parties.push_back(best);
}

std::vector<int> Extractor::ListedPeople(const std::vector<EntityMention>& ms,
                                         const std::vector<Token>& t,
                                         const std::vector<int>& parties) const {
  std::vector<int> out;
  int person = -1;
  for (int p : parties) {
    if (table_.entities[p].type == EntityType::kPerson) person = p;
  }
  if (person < 0) return out;
  std::vector<const EntityMention*> people;
  for (const EntityMention& m : ms) {
    if (table_.entities[m.entity].type == EntityType::kPerson) people.push_back(&m);
  }
  // The person may be named more than once ("Doug Petno, 61, ... Mr. Petno
  // will become"): each mention's list counts.
  auto joined = [&](const EntityMention* a, const EntityMention* b) {
    if (b->tok_begin < a->tok_end || b->tok_begin - a->tok_end > 5) return false;
    if (b->tok_begin == a->tok_end) return false;  // two names side by side are no list
    for (size_t k = a->tok_end; k < b->tok_begin; ++k) {
      std::string_view w = t[k].text();
      bool age = w.size() == 2 && IsAsciiDigit(w[0]) && IsAsciiDigit(w[1]);
      if (w != "and" && w != "," && !age) return false;
    }
    return true;
  };
  for (size_t at = 0; at < people.size(); ++at) {
    if (people[at]->entity != person) continue;
    for (size_t i = at; i > 0 && joined(people[i - 1], people[i]); --i)
      out.push_back(people[i - 1]->entity);
    for (size_t i = at; i + 1 < people.size() && joined(people[i], people[i + 1]); ++i)
      out.push_back(people[i + 1]->entity);
  }
  std::vector<int> uniq;
  for (int p : out) {
    if (p != person && std::find(uniq.begin(), uniq.end(), p) == uniq.end()) uniq.push_back(p);
  }
  return uniq;
}

}  // namespace extract_internal

}  // namespace dealgraph
