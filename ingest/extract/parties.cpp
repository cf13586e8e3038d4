// Parties and amounts: who an event is about, the registrant for "the Company" and "we",
// the paragraph's counterparty, roles, and the money an event carries.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

void Extractor::PartiesBySlot() {
  std::string lower_doc;
  auto common_word = [&](std::string_view w) {
    if (lower_doc.empty()) lower_doc = ToLower(doc_.text);
    std::string lw = ToLower(w);
    for (size_t p = 0; (p = FindWordLower(lower_doc, lw, p)) != std::string::npos; p += lw.size()) {
      if (doc_.text.compare(p, w.size(), w) != 0) return true;  // written in lower case somewhere
    }
    return false;
  };
  auto candidate = [&](const Token& k) {
    if (!k.word || !k.cap || k.all_caps || k.has_digit || !k.has_lower || k.text().size() < 3)
      return false;
    for (char c : k.text()) {
      if (!IsAsciiAlpha(c)) return false;
    }
    if (k.lex & (kLexStop | kLexTitle | kLexIndustry)) return false;
    if (table_.Lookup(k.text()) >= 0) return false;
    return true;
  };
  auto word_at = [](const std::vector<Token>& t, size_t i, std::string_view w) {
    return i < t.size() && t[i].text() == w;
  };
  for (size_t si = 0; si < seg_.sentences.size(); ++si) {
    const Sentence& sent = seg_.sentences[si];
    const Block& block = seg_.blocks[sent.block];
    if (block.section == Section::kCover || block.section == Section::kSignature ||
        block.table_row || block.heading || block.boilerplate) {
      continue;
    }
    const std::vector<Token>& t = tokens_[si];
    std::vector<EntityMention> ms;
    bool ms_read = false;
    auto known_org_at = [&](size_t i) {
      if (!ms_read) {
        ms = table_.Mentions(t);
        ms_read = true;
      }
      for (const EntityMention& m : ms) {
        if (m.tok_begin == i && table_.entities[m.entity].type == EntityType::kOrganization)
          return true;
      }
      return false;
    };
    for (size_t i = 0; i + 2 < t.size(); ++i) {
      size_t found = SIZE_MAX;
      // "granted Vantis an exclusive license"
      if (GrantedLicenseArticle(t, i) == i + 2 && candidate(t[i + 1])) found = i + 1;
      // "Osmios licensed the", "Oria took a license", "Praigen exercised its
      // option", "Wexone paid Pelello": at a clause start.
      bool clause_start = i == 0 || t[i - 1].text() == ",";
      if (found == SIZE_MAX && clause_start && candidate(t[i])) {
        const std::string_view v = t[i + 1].text();
        if ((v == "licensed" && (word_at(t, i + 2, "the") || word_at(t, i + 2, "an"))) ||
            (v == "took" && word_at(t, i + 2, "a") && word_at(t, i + 3, "license")) ||
            (v == "exercised" && word_at(t, i + 2, "its") && word_at(t, i + 3, "option")) ||
            (v == "paid" && known_org_at(i + 2))) {
          found = i;
        }
      }
      if (found == SIZE_MAX || common_word(t[found].text())) continue;
      table_.Add(EntityType::kOrganization, t[found].text(), t[found].text());
      ms_read = false;
    }
  }
}

std::vector<int> Extractor::PartiesIn(size_t si, const std::vector<EntityMention>& ms,
                                      bool include_regulators, bool include_people) const {
  std::vector<int> out;
  auto add = [&](int e) {
    if (e >= 0 && std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  for (const EntityMention& m : ms) {
    const FoundEntity& e = table_.entities[m.entity];
    if (e.type == EntityType::kOrganization && (include_regulators || !e.regulator)) add(m.entity);
    if (e.type == EntityType::kPerson && include_people) add(m.entity);
  }
  const auto& t = tokens_[si];
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view w = t[i].text();
    bool company = (w == "Company" || w == "Registrant" || w == "registrant") && i > 0 &&
                   (t[i - 1].text() == "the" || t[i - 1].text() == "The");
    bool we = w == "we" || w == "We" || w == "our" || w == "Our" || w == "us";
    if ((company || we) && table_.registrant >= 0) add(table_.registrant);
  }
  return out;
}

void Extractor::FillParties(Draft* dr, size_t si, const std::vector<EntityMention>& ms,
                            const std::vector<Token>& t, size_t tok) {
  const std::string& type = dr->type;
  bool regulators = type == "regulatory";
  bool people = type.rfind("executive.", 0) == 0 || type == "corporate.transaction" ||
                type == "litigation" || type.rfind("agreement.", 0) == 0 || type == "payment";
  dr->parties = PartiesIn(si, ms, regulators, people);
  // The person quoted ("..., said Gary Stern, President", "Eldon Miller,
  // chairman, stated") speaks of the event; he is no party to a deal.
  if (type != "executive.change" && type != "executive.compensation") {
    for (const EntityMention& m : ms) {
      if (table_.entities[m.entity].type != EntityType::kPerson || !Speaker(t, m)) continue;
      dr->parties.erase(std::remove(dr->parties.begin(), dr->parties.end(), m.entity),
                        dr->parties.end());
    }
  }
  int reg = table_.registrant;
  bool registrant_only = type == "financial.results" || type == "shareholder.vote" ||
                         type == "governance.change" || type == "financial.restatement" ||
                         type == "bankruptcy" || type == "restructuring" || type == "impairment" ||
                         type == "listing.notice" || type == "security.incident";
  if (registrant_only && reg >= 0) {
    // "SIPC commenced a proceeding ... against the Company's subsidiary MJK
    // Clearing, Inc.": a subsidiary the sentence names is the one it befell.
    std::vector<int> subsidiaries;
    if (type == "bankruptcy" || type == "restructuring" || type == "impairment") {
      for (const EntityMention& m : ms) {
        const bool named_subsidiary = m.tok_begin > 0 && StartsWithIgnoreCase(t[m.tok_begin - 1].text(), "subsidiar") &&
                                      m.entity != reg;
        if (named_subsidiary && std::find(subsidiaries.begin(), subsidiaries.end(), m.entity) == subsidiaries.end()) {
          subsidiaries.push_back(m.entity);
        }
        for (const FoundRelation& r : table_.relations) {
          if (r.type == "subsidiary_of" && r.from == m.entity && r.to == reg &&
              std::find(subsidiaries.begin(), subsidiaries.end(), m.entity) == subsidiaries.end()) {
            subsidiaries.push_back(m.entity);
          }
        }
      }
    }
    dr->parties = {reg};
    dr->parties.insert(dr->parties.end(), subsidiaries.begin(), subsidiaries.end());
    return;
  }
  if ((type.rfind("executive.", 0) == 0 || type == "auditor.change" || type == "control.change" ||
       type == "litigation") &&
      reg >= 0 && std::find(dr->parties.begin(), dr->parties.end(), reg) == dr->parties.end()) {
    dr->parties.insert(dr->parties.begin(), reg);
  }
  if (type == "executive.change" || type == "executive.compensation") {
    // Only the people near the trigger: a sentence naming a whole board is one event per person.
    std::vector<int> keep;
    for (int p : dr->parties)
      if (table_.entities[p].type != EntityType::kPerson) keep.push_back(p);
    size_t best_dist = SIZE_MAX;
    int best = -1;
    for (const EntityMention& m : ms) {
      if (table_.entities[m.entity].type != EntityType::kPerson) continue;
      size_t dist = m.tok_begin > tok ? m.tok_begin - tok : tok - m.tok_begin;
      if (dist < best_dist) {
        best_dist = dist;
        best = m.entity;
      }
    }
    if (best >= 0) keep.push_back(best);
    dr->parties = keep;
  }
  bool two_sided = type.rfind("agreement.", 0) == 0 || type == "license.granted" ||
                   type == "payment" || type == "clinical";
  int commercial = 0;
  for (int p : dr->parties)
    commercial +=
        !table_.entities[p].regulator && table_.entities[p].type == EntityType::kOrganization;
  if (two_sided && commercial < 2 && type != "clinical") {
    // The counterparty from the paragraph: the previous event's parties.
    for (auto it = drafts_.rbegin(); it != drafts_.rend(); ++it) {
      if (it->block != dr->block) break;
      for (int p : it->parties) {
        const FoundEntity& e = table_.entities[p];
        if (e.regulator || e.type != EntityType::kOrganization) continue;
        if (std::find(dr->parties.begin(), dr->parties.end(), p) == dr->parties.end()) {
          dr->parties.push_back(p);
          ++commercial;
        }
      }
      if (commercial >= 2) break;
    }
    if (commercial < 2 && reg >= 0 &&
        std::find(dr->parties.begin(), dr->parties.end(), reg) == dr->parties.end() &&
        commercial == 1) {
      dr->parties.push_back(reg);
    }
  }
  if (dr->parties.empty() && reg >= 0) dr->parties.push_back(reg);
  // Roles.
  if (type == "payment") {
    for (size_t k = tok; k + 1 < t.size() && k < tok + 12; ++k) {
      if (t[k].text() == "to") {
        for (const EntityMention& m : ms)
          if (m.tok_begin == k + 1) dr->roles[m.entity] = "payee";
      }
    }
    for (const EntityMention& m : ms) {
      if (m.tok_end < t.size() && m.tok_end + 1 < t.size() &&
          (t[m.tok_end].text() == "received" || t[m.tok_end].text() == "earned"))
        dr->roles[m.entity] = "payee";
    }
    // "... fee, which Genentech has now paid to ImmunoGen": the one who
    // pays is the subject of "paid", the one paid its "to", wherever in the
    // sentence the verb stands.
    auto pay_verb = [](std::string_view w) { return w == "paid" || w == "pays" || w == "pay"; };
    for (size_t k = 0; k < t.size(); ++k) {
      if (!pay_verb(t[k].text())) continue;
      for (const EntityMention& m : ms) {
        const FoundEntity& e = table_.entities[m.entity];
        if (e.regulator || e.type != EntityType::kOrganization) continue;
        if (k + 1 < t.size() && t[k + 1].text() == "to" && m.tok_begin == k + 2) dr->roles[m.entity] = "payee";
        // "Genentech paid", "Genentech has now paid", "Millennium will pay".
        if (m.tok_end <= k && k - m.tok_end <= 2) {
          bool aux = true;
          for (size_t q = m.tok_end; q < k; ++q) {
            std::string_view w = t[q].text();
            aux = aux && (w == "has" || w == "have" || w == "had" || w == "now" || w == "will" || w == "also");
          }
          if (aux && !dr->roles.count(m.entity)) dr->roles[m.entity] = "payer";
        }
      }
    }
    if (!dr->roles.empty()) {
      for (int p : dr->parties)
        if (!dr->roles.count(p) && table_.entities[p].type == EntityType::kOrganization)
          dr->roles[p] = "payer";
    }
  } else if (type == "license.granted") {
    for (const EntityMention& m : ms) {
      if (m.tok_end < t.size() && t[m.tok_end].possessive)
        dr->roles[m.entity] = "licensor";
      else if (m.tok_end < t.size() && StartsWithIgnoreCase(t[m.tok_end].text(), "licens"))
        dr->roles[m.entity] = "licensee";
    }
  }
  AgentRoles(dr, ms, t);
}

void Extractor::AgentRoles(Draft* dr, const std::vector<EntityMention>& ms, const std::vector<Token>& t) const {
  if (lex_.agent_roles.empty()) return;
  auto quote = [](std::string_view w) {
    return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D" || w == "'" || w == "\xE2\x80\x98" ||
           w == "\xE2\x80\x99";
  };
  auto verb = [](std::string_view w) {
    return EqualsIgnoreCase(w, "is") || EqualsIgnoreCase(w, "are") || EqualsIgnoreCase(w, "was") ||
           EqualsIgnoreCase(w, "were") || EqualsIgnoreCase(w, "has") || EqualsIgnoreCase(w, "have") ||
           EqualsIgnoreCase(w, "been") || EqualsIgnoreCase(w, "will") || EqualsIgnoreCase(w, "acting") ||
           EqualsIgnoreCase(w, "acted") || EqualsIgnoreCase(w, "acts") || EqualsIgnoreCase(w, "act") ||
           EqualsIgnoreCase(w, "served") || EqualsIgnoreCase(w, "serves") || EqualsIgnoreCase(w, "serve") ||
           EqualsIgnoreCase(w, "serving") || EqualsIgnoreCase(w, "also");
  };
  // The role a phrase of the lexicon gives at t[from, to), or nullptr.
  auto role_in = [&](size_t from, size_t to) -> const std::string* {
    for (size_t k = from; k < to && k < t.size(); ++k) {
      for (const auto& [role, phrase] : lex_.agent_roles) {
        if (PhraseAt(t, k, phrase)) return &role;
      }
    }
    return nullptr;
  };
  // The end of the words that tell a role: the clause's next ",", ";", ")"
  // or ".", at most `most` tokens on.
  auto phrase_end = [&](size_t from, size_t most) {
    size_t k = from;
    while (k < t.size() && k < from + most && t[k].text() != "," && t[k].text() != ";" && t[k].text() != ")" &&
           t[k].text() != ".")
      ++k;
    return k;
  };
  // Mentions in order, grouped into lists: "X, Y and Z".
  std::vector<const EntityMention*> order;
  for (const EntityMention& m : ms) {
    if (table_.entities[m.entity].type == EntityType::kOrganization) order.push_back(&m);
  }
  std::sort(order.begin(), order.end(),
            [](const EntityMention* a, const EntityMention* b) { return a->tok_begin < b->tok_begin; });
  for (size_t i = 0; i < order.size();) {
    size_t j = i + 1;
    while (j < order.size()) {
      // Joined by ",", "and", and a short parenthetical ("HSBC Securities
      // (USA) Inc."; not a defined term).
      bool joined = order[j]->tok_begin >= order[j - 1]->tok_end;
      for (size_t k = order[j - 1]->tok_end; joined && k < order[j]->tok_begin; ++k) {
        if (t[k].text() == "(") {
          size_t close = k + 1;
          while (close < order[j]->tok_begin && close < k + 5 && t[close].text() != ")" && !quote(t[close].text()))
            ++close;
          joined = close < order[j]->tok_begin && t[close].text() == ")";
          k = close;
          continue;
        }
        // A corporate suffix the name left out ("Corp.", "Inc.", "LLC").
        std::string_view w = t[k].text();
        const bool suffix = lex_.corporate_suffixes.count(w) > 0 ||
                            (!w.empty() && w.back() == '.' && lex_.corporate_suffixes.count(w.substr(0, w.size() - 1)) > 0);
        joined = w == "," || w == "." || EqualsIgnoreCase(w, "and") || suffix;
      }
      if (!joined) break;
      ++j;
    }
    size_t e = order[j - 1]->tok_end;
    while (e < t.size() && (lex_.corporate_suffixes.count(t[e].text()) > 0 || t[e].text() == ".")) ++e;
    const std::string* role = nullptr;
    // "(the "Initial Purchasers")"; a parenthetical alias ("Barclays") is passed.
    if (e < t.size() && t[e].text() == "(") {
      size_t close = e + 1;
      while (close < t.size() && close < e + 10 && t[close].text() != ")") ++close;
      bool defined = false;
      for (size_t k = e + 1; k < close; ++k) defined |= quote(t[k].text());
      if (defined) role = role_in(e + 1, close);
      if (!role && close < t.size() && t[close].text() == ")") e = close + 1;
    }
    if (!role && e + 1 < t.size() && t[e].text() == "," && EqualsIgnoreCase(t[e + 1].text(), "as")) {
      role = role_in(e + 2, phrase_end(e + 2, 7));  // ", as administrative agent"
    }
    if (!role) {
      size_t k = e;
      while (k < t.size() && k < e + 4 && verb(t[k].text())) ++k;
      if (k > e && k < t.size() && EqualsIgnoreCase(t[k].text(), "as")) role = role_in(k + 1, phrase_end(k + 1, 5));
    }
    if (role) {
      for (size_t k = i; k < j; ++k) {
        const int p = order[k]->entity;
        if (std::find(dr->parties.begin(), dr->parties.end(), p) != dr->parties.end() && !dr->roles.count(p))
          dr->roles[p] = *role;
      }
    }
    i = j;
  }
}

bool Extractor::Speaker(const std::vector<Token>& t, const EntityMention& m) {
  auto speech = [](std::string_view w) {
    return w == "said" || w == "stated" || w == "commented" || w == "added" || w == "noted" ||
           w == "says";
  };
  if (m.tok_begin > 0 && speech(t[m.tok_begin - 1].text())) return true;
  for (size_t k = m.tok_end; k < t.size() && k < m.tok_end + 12; ++k) {
    if (speech(t[k].text())) return true;
    if (t[k].text() == "." || t[k].text() == ";" || t[k].text() == "\"" || t[k].text() == "\xE2\x80\x9C")
      break;
  }
  return false;
}

std::optional<MoneyMention> Extractor::PickAmount(const std::vector<MoneyMention>& money,
                                                  const std::vector<Token>& t, size_t tok,
                                                  const std::string& type) const {
  std::optional<MoneyMention> best;
  size_t best_dist = SIZE_MAX;
  bool dividend = false;
  for (const Token& k : t) dividend |= k.text() == "dividend" || k.text() == "dividends";
  for (const MoneyMention& m : money) {
    // "up to $1.5 billion" is a facility's size, not money that moved.
    if (m.value <= 0 || (m.up_to && (type == "payment" || type == "executive.compensation")))
      continue;
    // A dividend is paid per share: "a quarterly cash dividend of $0.03 per share".
    if (m.per_share && type != "corporate.transaction" && type != "financial.results" && !dividend)
      continue;
    size_t mt = TokenAt(t, m.begin);
    if (Conditional(t, mt) && type == "payment") continue;
    // "par value $0.001 per share" describes the stock, not the deal.
    bool par = false;
    for (size_t k = mt >= 3 ? mt - 3 : 0; k < mt; ++k) par |= t[k].text() == "par";
    if (par) continue;
    size_t dist = mt > tok ? mt - tok : (tok - mt) * 2;
    if (dist < best_dist) {
      best_dist = dist;
      best = m;
    }
  }
  if (best) best->contingent = Contingent(t, TokenAt(t, best->begin));
  return best;
}

bool Extractor::Contingent(const std::vector<Token>& t, size_t mt) const {
  size_t start = 0;
  for (size_t k = 0; k < mt && k < t.size(); ++k) {
    if (t[k].text() == ";") start = k + 1;
  }
  for (size_t k = start; k < mt; ++k) {
    for (const std::string& cue : lex_.contingent_before) {
      if (PhraseAt(t, k, cue)) return true;
    }
  }
  // Past the amount itself ("$5.0 million"), up to ten words on.
  size_t k = mt + 1;
  while (k < t.size() && k < mt + 3 && (t[k].text() == "million" || t[k].text() == "billion")) ++k;
  for (size_t end = std::min(t.size(), k + 10); k < end && t[k].text() != ";" && t[k].text() != "."; ++k) {
    for (const std::string& cue : lex_.contingent_after) {
      if (PhraseAt(t, k, cue)) return true;
    }
  }
  return false;
}

void Extractor::AttachAmounts() {
  // Renewal and extension terms told in the paragraph ("renew the
  // agreement for one additional three-year term") go in the summary, for
  // the lifecycle to move the expiry.
  for (Draft& d : drafts_) {
    if (d.type != "agreement.renewed" && d.type != "agreement.extended") continue;
    std::string_view text = seg_.blocks[d.block].text;
    size_t p = FindWordIgnoreCase(text, "additional");
    if (p == std::string_view::npos) continue;
    // Keep the count or article before it: "one additional three-year term".
    if (p >= 2) {
      size_t b = text.rfind(' ', p - 2);
      b = b == std::string_view::npos ? 0 : b + 1;
      std::string_view before = text.substr(b, p - 1 - b);
      if (before.size() <= 6 && !before.empty() && IsAsciiLower(before[0]) && before != "for" &&
          before != "the")
        p = b;
    }
    size_t e = text.find_first_of(",.;", p);
    std::string_view phrase =
        text.substr(p, std::min<size_t>(e == std::string_view::npos ? text.size() - p : e - p, 40));
    size_t cut = phrase.find(" by ");
    if (cut != std::string_view::npos) phrase = phrase.substr(0, cut);
    d.summary =
        (d.type == "agreement.renewed" ? "renewed for " : "extended for ") + std::string(phrase);
  }
  // The drafts of each block, in order: the amounts below come from the same
  // block, and a long filing has thousands of drafts (comparing every pair
  // made one 8 MB filing cost as much as 30 of 270 KB).
  std::unordered_map<int, std::vector<const Draft*>> by_block;
  for (const Draft& d : drafts_) by_block[d.block].push_back(&d);
  for (Draft& d : drafts_) {
    if (d.amount || (d.type != "agreement.renewed" && d.type != "agreement.extended" &&
                     d.type != "license.granted"))
      continue;
    for (const Draft* pp : by_block[d.block]) {
      const Draft& p = *pp;
      if (p.type != "payment" || p.block != d.block || !p.amount || p.sentence < d.sentence ||
          p.sentence > d.sentence + 2)
        continue;
      d.amount = p.amount;
      break;
    }
  }
  // An agreement's entry takes the pay set "pursuant to" it a sentence or
  // two later: "entered into a new consulting agreement (the "Loeb
  // Consulting Agreement") ... Pursuant to the Loeb Consulting Agreement,
  // Mr. Loeb will receive cash compensation of $16,780 per month".
  for (Draft& d : drafts_) {
    if (d.amount || d.type != "agreement.entered" || d.agreement < 0) continue;
    const FoundAgreement& g = agreements_[d.agreement];
    for (const Draft* pp : by_block[d.block]) {
      const Draft& p = *pp;
      if ((p.type != "payment" && p.type != "executive.compensation") || p.block != d.block ||
          !p.amount || p.sentence <= d.sentence || p.sentence > d.sentence + 2 ||
          p.sources.empty()) {
        continue;
      }
      std::string_view q = p.sources.front().quote;
      bool names = !g.title.empty() && q.find(g.title) != std::string_view::npos;
      for (const std::string& a : g.aliases)
        names |= a.size() > 4 && q.find(a) != std::string_view::npos;
      bool under = FindWordIgnoreCase(q, "pursuant to") != std::string_view::npos ||
                   FindWordIgnoreCase(q, "under the") != std::string_view::npos;
      if (names && under) {
        d.amount = p.amount;
        break;
      }
    }
  }
  // A merger's price per share, told after the agreement's entry: "each
  // share of ... common stock ... will be converted into the right to
  // receive $172.50 in cash".
  for (Draft& d : drafts_) {
    if (d.amount || d.type != "corporate.transaction") continue;
    const size_t last = std::min(seg_.sentences.size(), static_cast<size_t>(d.sentence) + 4);
    for (size_t si = static_cast<size_t>(d.sentence) + 1; si < last && !d.amount; ++si) {
      if (seg_.blocks[seg_.sentences[si].block].item != seg_.blocks[d.block].item) break;
      std::string_view s = seg_.sentences[si].text;
      size_t at = FindWordIgnoreCase(s, "right to receive");
      if (at == std::string_view::npos ||
          FindWordIgnoreCase(s, "each share") == std::string_view::npos)
        continue;
      for (const MoneyMention& m : FindMoney(s, Pieces(si))) {
        if (m.begin > at && m.value > 0) {
          MoneyMention price = m;
          price.per_share = true;
          d.amount = price;
          break;
        }
      }
    }
  }
}

}  // namespace extract_internal

}  // namespace dealgraph
