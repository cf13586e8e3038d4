// Agreements: mentions, kinds, dates and terms; contracts filed as exhibits; one agreement
// told several ways in a filing.
#include <algorithm>
#include <cmath>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

std::string Extractor::KindOf(std::string_view text, std::string* cue) const {
  std::string lower = ToLower(text);
  // A cue in the singular names the plural too: "employment agreements with
  // A and B".
  auto has_cue = [&](const std::string& c) {
    for (size_t p = lower.find(c); p != std::string::npos; p = lower.find(c, p + 1)) {
      if (p > 0 && IsAsciiAlnum(lower[p - 1])) continue;
      size_t e = p + c.size();
      if (e < lower.size() && lower[e] == 's' && IsAsciiAlpha(c.back())) ++e;
      if (e == lower.size() || !IsAsciiAlnum(lower[e])) return true;
    }
    return false;
  };
  for (const AgreementKind& k : lex_.agreement_kinds) {
    for (const std::string& c : k.cues) {
      if (has_cue(c)) {
        *cue = c;
        return k.kind;
      }
    }
  }
  cue->clear();
  return "agreement";
}

std::vector<Extractor::AgreementMention> Extractor::Agreements(
    size_t si, const std::vector<Token>& t, const std::vector<DateMention>& dates,
    std::vector<bool>* date_used, const std::vector<int>& orgs, const std::vector<EntityMention>& ms) {
  std::vector<AgreementMention> out;
  std::string_view s = seg_.sentences[si].text;
  int block = seg_.sentences[si].block;
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view w = t[i].text();
    bool head = EqualsIgnoreCase(w, "agreement") || EqualsIgnoreCase(w, "agreements") ||
                w == "Plan" ||
                (EqualsIgnoreCase(w, "license") && i > 0 &&
                 (t[i - 1].text() == "exclusive" || t[i - 1].text() == "a")) ||
                EqualsIgnoreCase(w, "collaboration") || w == "Letter";
    if (!head) continue;
    if ((w == "Plan" || w == "Letter") && !(i > 0 && t[i - 1].cap)) continue;
    if (EqualsIgnoreCase(w, "collaboration") && !(i + 1 < t.size() && t[i + 1].text() == "with"))
      continue;
    // Title: capitalized words before "Agreement" ("Access, Option and License Agreement").
    std::string title;
    size_t tb = i;
    if (t[i].cap) {
      // A stop word in any case: "THIS" ends an all-capitals title as "This"
      // does ("... ARISING OUT OF THIS AGREEMENT" in a contract's
      // disclaimer is no agreement's name).
      auto stop = [&](const Token& p) {
        if (lex_.name_stopwords.count(std::string(p.text()))) return true;
        if (!p.all_caps || p.text() == "AND") return false;
        std::string cased(p.text());
        for (size_t k = 1; k < cased.size(); ++k) cased[k] = AsciiLower(cased[k]);
        return lex_.name_stopwords.count(cased) > 0;
      };
      while (tb > 0) {
        const Token& p = t[tb - 1];
        // An exhibit index row's number ("10.1<tab>Voting and Support
        // Agreement") is not a title word.
        const bool exhibit_number = tb == 1 && std::all_of(p.text().begin(), p.text().end(), [](char c) {
          return IsAsciiDigit(c) || c == '.';
        });
        if (exhibit_number) break;
        // "the Credit Agreement and Collateral Agreement": two titles.
        if (p.text() == "Agreement" || p.text() == "Agreements" || p.text() == "AGREEMENT") break;
        if (p.word && (p.cap || (p.has_digit && !p.has_lower)) && !stop(p)) {
          --tb;
          continue;
        }
        if ((p.text() == "," || p.text() == "and" || p.text() == "&") && tb >= 2 && t[tb - 2].cap &&
            t[tb - 2].word && !stop(t[tb - 2])) {
          --tb;
          continue;
        }
        break;
      }
      // A title never opens with the "and" or the comma of a list of titles.
      while (tb < i && (t[tb].text() == "and" || t[tb].text() == "," || t[tb].text() == "&")) ++tb;
      // "Agreement and Plan of Merger"
      size_t te = i + 1;
      if (te + 3 < t.size() + 1 && te < t.size() && t[te].text() == "and" && te + 1 < t.size() &&
          t[te + 1].text() == "Plan") {
        te += 2;
        while (te < t.size() && (t[te].cap || t[te].text() == "of")) ++te;
      }
      // Known organizations at the start of a title are parties, not title words.
      if (tb < i || te > i + 1)
        title = FoldSpaces(s.substr(t[tb].begin, t[te - 1].end() - t[tb].begin));
      else if (t[i].cap && i > 0 && t[i - 1].text() == "the")
        title = "";
    }
    // Description window: the title, and up to 25 tokens after the head.
    // The description window stops at the neighbouring agreements: "the
    // Merger Agreement, Biogen ... entered into a voting and support
    // agreement" describes two.
    size_t we = std::min(t.size(), i + 25);
    size_t wb = i >= 8 ? i - 8 : 0;
    for (size_t k = i + 1; k < we; ++k) {
      if (EqualsIgnoreCase(t[k].text(), "agreement") || EqualsIgnoreCase(t[k].text(), "agreements")) {
        we = k;
        break;
      }
    }
    for (size_t k = i; k-- > wb;) {
      if (EqualsIgnoreCase(t[k].text(), "agreement") || EqualsIgnoreCase(t[k].text(), "agreements")) {
        wb = k + 1;
        break;
      }
    }
    if (wb > tb) wb = tb;
    std::string window = FoldSpaces(s.substr(t[wb].begin, t[we - 1].end() - t[wb].begin));
    std::string cue;
    std::string kind = title.empty() ? KindOf(window, &cue) : KindOf(title, &cue);
    if (!title.empty() && kind == "agreement") kind = KindOf(window, &cue);
    // Dates that belong to the agreement: "May 2000 agreement", "dated as of
    // May 2, 2000", "executed ... on March 30, 2001", "executed in 2000".
    DateValue dated;
    for (size_t d = 0; d < dates.size(); ++d) {
      size_t dt = TokenAt(t, dates[d].begin);
      size_t de = TokenAt(t, dates[d].end > 0 ? dates[d].end - 1 : 0);
      bool before_head =
          de < i && i - de <= 2 &&
          (dates[d].kind == DateKind::kPartial || dates[d].kind == DateKind::kAbsolute);
      bool after_head = false;
      if (dt > i && dt - i <= 12) {
        std::string between = ToLower(FoldSpaces(s.substr(t[i].end(), dates[d].begin - t[i].end())));
        after_head =
            (between.find("dated") != std::string::npos ||
             between.find("executed") != std::string::npos ||
             between.find("entered into") != std::string::npos ||
             between.find("signed") != std::string::npos ||
             // a contract's own preamble: "This Agreement is made as of this 6th day of ..."
             between.find("made as of") != std::string::npos ||
             between.find("made and entered") != std::string::npos ||
             between.find("effective as of") != std::string::npos) &&
            between.find("renew") == std::string::npos &&
            between.find("amend") == std::string::npos;
      }
      std::string cue_l = dates[d].cue;
      if (before_head || after_head) {
        dated = dates[d].value;
        (*date_used)[d] = true;
      }
      if (dt > i && dt - i <= 30 &&
          (cue_l.find("expire") != std::string::npos || cue_l == "ends" ||
           cue_l.find("which ends") != std::string::npos)) {
        (*date_used)[d] = true;
      }
    }
    // Anaphora: "this agreement", "the agreement", "the Agreement" (a defined term).
    bool anaphoric = title.empty() && dated.empty() && i > 0 &&
                     (t[i - 1].text() == "this" || t[i - 1].text() == "This" ||
                      t[i - 1].text() == "the" || t[i - 1].text() == "The" || t[i - 1].text() == "that" ||
                      t[i - 1].text() == "such" || t[i - 1].text() == "its");
    const bool between = FindWordIgnoreCase(s, "between") != std::string_view::npos;
    const bool with_person = FindWordIgnoreCase(s, "with") != std::string_view::npos;
    std::vector<int> parties;
    for (int e : orgs)
      if (!table_.entities[e].regulator) parties.push_back(e);
    if (parties.size() < 2 && table_.registrant >= 0 &&
        std::find(parties.begin(), parties.end(), table_.registrant) == parties.end()) {
      parties.push_back(table_.registrant);
    }
    // "Letter Agreement, dated as of October 26, 2005, by and between the
    // Company and Michael D. Craighead": a person signs with the company.
    // The person is named right after "with", "between" or "and" (a
    // courtesy title between): "with Thomas O. Staggs", "and Dr. Eli Harari".
    if (parties.size() < 2 && (between || with_person) && kind != "plan") {
      for (const EntityMention& m : ms) {
        if (table_.entities[m.entity].type != EntityType::kPerson || m.tok_begin == 0) continue;
        size_t before = m.tok_begin - 1;
        std::string_view w = t[before].text();
        if ((w == "Dr." || w == "Mr." || w == "Ms." || w == "Mrs.") && before > 0) w = t[before - 1].text();
        if (w == "with" || w == "between" || w == "and") {
          parties.push_back(m.entity);
          break;
        }
      }
    }
    std::sort(parties.begin(), parties.end());
    int idx = -1;
    // "also entered into a guarantee and collateral agreement with Barclays",
    // "In a separate agreement": a further agreement, not the last one told.
    bool indefinite = false;
    for (size_t k = i; k-- > 0 && k + 5 > i;) {
      std::string_view w = t[k].text();
      if (w == "a" || w == "an" || w == "A" || w == "An") indefinite = true;
      if (indefinite || w == "the" || w == "The" || w == "this" || w == "its" || w == "such" || !t[k].word) break;
    }
    indefinite = indefinite && (FindWordIgnoreCase(s, "also") != std::string_view::npos ||
                                FindWordIgnoreCase(s, "separate") != std::string_view::npos ||
                                FindWordIgnoreCase(s, "another") != std::string_view::npos ||
                                FindWordIgnoreCase(s, "additional") != std::string_view::npos);
    if (anaphoric || (title.empty() && dated.empty() && cue.empty() && !indefinite)) idx = Recent(block, parties);
    if (idx < 0 && !title.empty()) {
      for (size_t a = 0; a < agreements_.size(); ++a) {
        if (agreements_[a].title == title ||
            std::find(agreements_[a].aliases.begin(), agreements_[a].aliases.end(), title) !=
                agreements_[a].aliases.end())
          idx = static_cast<int>(a);
      }
    }
    if (idx < 0 && parties.size() >= 2) {
      for (size_t a = 0; a < agreements_.size(); ++a) {
        const FoundAgreement& g = agreements_[a];
        if (g.parties != parties || (g.kind != kind && !(title.empty() && cue.empty()))) continue;
        if (!dated.empty() && !g.dated.empty() && !dated.CompatibleWith(g.dated)) continue;
        idx = static_cast<int>(a);
      }
    }
    if (idx < 0) {
      if (parties.size() < 2 && title.empty())
        continue;  // an agreement with nobody: "the merger agreement" boilerplate
      if (anaphoric && cue.empty()) continue;
      // A loose mention ("our collaboration with X", "a separate agreement")
      // names an agreement only when it is titled, dated or acted on.
      if (title.empty() && dated.empty() && !LifecycleVerb(s)) continue;
      FoundAgreement g;
      g.kind = kind;
      g.title = title;
      g.cue = cue;
      g.parties = parties;
      agreements_.push_back(std::move(g));
      idx = static_cast<int>(agreements_.size()) - 1;
    }
    FoundAgreement& g = agreements_[idx];
    if (g.dated.empty() || (!dated.empty() && dated.CompatibleWith(g.dated) &&
                            dated.day > g.dated.day && dated.month >= g.dated.month)) {
      if (!dated.empty()) g.dated = dated;
    }
    if (g.title.empty() && !title.empty()) g.title = title;
    if (g.cue.empty() && !cue.empty()) g.cue = cue;
    // Defined term: "(the Agreement)" / ("Agreement").
    if (i + 3 < t.size() && t[i + 1].text() == "(") {
      size_t k = i + 2;
      if (t[k].text() == "the" && k + 1 < t.size()) ++k;
      if (k < t.size() && (t[k].text() == "\"" || t[k].text() == "\xE2\x80\x9C")) ++k;
      if (k < t.size() && t[k].cap) g.aliases.push_back("the " + std::string(t[k].text()));
    }
    // Term and expiry.
    for (size_t d = 0; d < dates.size(); ++d) {
      const std::string& c = dates[d].cue;
      if (c.find("expire") != std::string::npos || c == "ends" ||
          c.find("which ends") != std::string::npos) {
        if (g.expires.empty() || dates[d].value.year >= g.expires.year) g.expires = dates[d].value;
      }
    }
    for (size_t k = (i >= 3 ? i - 3 : 0); k < i && g.term.empty(); ++k) {
      std::string_view w2 = t[k].text();
      if (w2.size() > 5 && w2.substr(w2.size() - 5) == "-year" &&
          !(k > 0 && t[k - 1].text() == "additional"))
        g.term = std::string(w2);
    }
    const std::string quote = FoldSpaces(s);
    bool have = false;
    for (const Source& src : g.sources) have |= src.quote == quote;
    if (!have) g.sources.push_back(MakeSource(si));
    last_agreement_in_block_[block] = idx;
    last_agreement_ = idx;
    out.push_back({idx, i});
  }
  return out;
}

bool Extractor::LifecycleVerb(std::string_view s) {
  for (std::string_view v : {"entered into", "renewed", "extended", "amended", "amend",
                             "terminated", "signed", "executed", "agreed to", "expire"}) {
    if (FindWordIgnoreCase(s, v) != std::string_view::npos) return true;
  }
  return false;
}

int Extractor::Recent(int block, const std::vector<int>& parties) const {
  auto it = last_agreement_in_block_.find(block);
  if (it != last_agreement_in_block_.end()) return it->second;
  if (last_agreement_ >= 0) {
    const FoundAgreement& g = agreements_[last_agreement_];
    bool overlap = false;
    for (int p : parties)
      overlap |= std::find(g.parties.begin(), g.parties.end(), p) != g.parties.end() &&
                 p != table_.registrant;
    if (overlap) return last_agreement_;
  }
  // The only agreement with these parties.
  int found = -1;
  for (size_t a = 0; a < agreements_.size(); ++a) {
    if (agreements_[a].parties == parties) {
      if (found >= 0) return -1;
      found = static_cast<int>(a);
    }
  }
  return found;
}

void Extractor::ImpliedEntered(size_t si, const std::vector<AgreementMention>& ams) {
  if (InContract(si) && !ContractPreamble(si)) return;
  for (const AgreementMention& am : ams) {
    const FoundAgreement& g = agreements_[am.agreement];
    if (g.dated.empty() || g.parties.size() < 2) continue;
    if (implied_.count({am.agreement, static_cast<int>(si)})) continue;
    implied_.insert({am.agreement, static_cast<int>(si)});
    Draft dr;
    dr.type = "agreement.entered";
    dr.date = g.dated;
    dr.parties = g.parties;
    dr.agreement = am.agreement;
    dr.block = seg_.sentences[si].block;
    dr.sentence = static_cast<int>(si);
    dr.sources.push_back(MakeSource(si));
    drafts_.push_back(std::move(dr));
  }
}

void Extractor::UnifyAgreements() {
  std::vector<int> into(agreements_.size());
  for (size_t a = 0; a < agreements_.size(); ++a) into[a] = static_cast<int>(a);
  // Organizations only: the exhibit's preamble names the person who signs
  // ("by and between Acorn Energy, Inc. and Jan H. Loeb"), the Item the
  // companies.
  auto orgs_of = [&](const std::vector<int>& x) {
    std::vector<int> out;
    for (int p : x) {
      if (table_.entities[p].type != EntityType::kPerson) out.push_back(p);
    }
    return out;
  };
  auto subset = [&](const std::vector<int>& x, const std::vector<int>& y) {
    const std::vector<int> ox = orgs_of(x), oy = orgs_of(y);
    return std::includes(oy.begin(), oy.end(), ox.begin(), ox.end());
  };
  // The day each agreement was made: its own date ("dated as of"), else
  // the day its entry is told ("On January 6, 2025, ... entered into").
  std::vector<DateValue> day(agreements_.size());
  for (size_t a = 0; a < agreements_.size(); ++a) day[a] = agreements_[a].dated;
  for (const Draft& d : drafts_) {
    if (d.type != "agreement.entered" || d.agreement < 0 || d.weak_date || d.date.day == 0)
      continue;
    if (day[d.agreement].empty()) day[d.agreement] = d.date;
  }
  for (size_t b = 1; b < agreements_.size(); ++b) {
    FoundAgreement& gb = agreements_[b];
    if (day[b].day == 0) continue;
    for (size_t a = 0; a < b; ++a) {
      if (into[a] != static_cast<int>(a)) continue;
      FoundAgreement& ga = agreements_[a];
      // A contract called by its defined term ("the Option Agreement") has
      // no kind of its own: it is the kind the same day's contract is.
      const bool generic_a = ga.kind == "agreement", generic_b = gb.kind == "agreement";
      if ((ga.kind != gb.kind && !generic_a && !generic_b) || !(day[a] == day[b])) continue;
      if (!subset(ga.parties, gb.parties) && !subset(gb.parties, ga.parties)) continue;
      into[b] = static_cast<int>(a);
      if (generic_a && !generic_b) {
        ga.kind = gb.kind;
        ga.cue = gb.cue;
        if (!gb.title.empty()) std::swap(ga.title, gb.title);
      }
      auto alias = [&](const std::string& name) {
        if (!name.empty() && name != ga.title &&
            std::find(ga.aliases.begin(), ga.aliases.end(), name) == ga.aliases.end()) {
          ga.aliases.push_back(name);
        }
      };
      alias(gb.title);
      for (const std::string& x : gb.aliases) alias(x);
      if (ga.title.empty()) ga.title = gb.title;
      if (ga.dated.empty()) ga.dated = gb.dated;
      if (ga.term.empty()) ga.term = gb.term;
      if (ga.expires.empty()) ga.expires = gb.expires;
      for (const Source& src : gb.sources) {
        bool have = false;
        for (const Source& x : ga.sources) have |= x.quote == src.quote;
        if (!have) ga.sources.push_back(src);
      }
      break;
    }
  }
  for (Draft& d : drafts_) {
    if (d.agreement >= 0) d.agreement = into[d.agreement];
  }
  agreement_into_ = std::move(into);
}

bool Extractor::AmendmentNounAfter(const std::vector<Token>& t, size_t tok) {
  size_t k = tok;
  while (k < t.size() && t[k].text() != "into") ++k;  // the trigger's own words
  for (size_t e = std::min(t.size(), k + 5); ++k < e;) {
    std::string_view w = t[k].text();
    if (EqualsIgnoreCase(w, "amendment")) return true;
    if (EqualsIgnoreCase(w, "agreement") || EqualsIgnoreCase(w, "agreements")) return false;
  }
  return false;
}

bool Extractor::InContract(size_t si) const { return contract_block_[seg_.sentences[si].block]; }

bool Extractor::ContractItem(std::string_view item) const {
  if (!StartsWithIgnoreCase(item, "EX-")) return false;
  if (contract_exhibits_.count(std::string(item))) return true;
  item.remove_prefix(3);
  size_t n = 0;
  while (n < item.size() && IsAsciiDigit(item[n])) ++n;
  std::string_view num = item.substr(0, n);
  return num == "1" || num == "2" || num == "3" || num == "4" || num == "10";
}

void Extractor::FindContractExhibits() {
  std::map<std::string, std::pair<int, int>> shall;  // exhibit -> (sentences, with "shall")
  std::map<std::string, int> headings;
  for (size_t si = 0; si < seg_.sentences.size(); ++si) {
    const Block& b = seg_.blocks[seg_.sentences[si].block];
    if (b.section != Section::kExhibit || b.item.empty()) continue;
    std::string_view s = seg_.sentences[si].text;
    if (b.heading) {
      if (headings[b.item]++ < 6 && !std::any_of(s.begin(), s.end(), IsAsciiLower) &&
          (s.find("AGREEMENT") != std::string_view::npos ||
           s.find("INDENTURE") != std::string_view::npos ||
           s.find("PLAN OF MERGER") != std::string_view::npos)) {
        contract_exhibits_.insert(b.item);
      }
      continue;
    }
    auto& [n, with] = shall[b.item];
    ++n;
    if (SaysShall(s)) ++with;
  }
  for (const auto& [item, counts] : shall) {
    if (counts.first >= 20 && counts.second * 4 >= counts.first) contract_exhibits_.insert(item);
  }
  contract_block_.assign(seg_.blocks.size(), false);
  for (size_t b = 0; b < seg_.blocks.size(); ++b) {
    if (b > 0 && seg_.blocks[b].item == seg_.blocks[b - 1].item) {
      contract_block_[b] = contract_block_[b - 1];
    } else {
      contract_block_[b] = ContractItem(seg_.blocks[b].item);
    }
  }
}

bool Extractor::SaysShall(std::string_view s) {
  for (std::string_view w : {"shall", "Shall", "SHALL"}) {
    for (size_t p = s.find(w); p != std::string_view::npos; p = s.find(w, p + 1)) {
      const bool left = p == 0 || !IsAsciiAlnum(s[p - 1]);
      const bool right = p + w.size() == s.size() || !IsAsciiAlnum(s[p + w.size()]);
      if (left && right) return true;
    }
  }
  return false;
}

bool Extractor::ContractPreamble(size_t si) const {
  std::string_view s = seg_.sentences[si].text;
  bool preamble = FindWordIgnoreCase(s, "by and between") != std::string_view::npos ||
                  FindWordIgnoreCase(s, "made as of") != std::string_view::npos ||
                  FindWordIgnoreCase(s, "entered into as of") != std::string_view::npos ||
                  FindWordIgnoreCase(s, "made and entered") != std::string_view::npos;
  bool clause = FindWordIgnoreCase(s, "shall") != std::string_view::npos ||
                FindWordIgnoreCase(s, "may") != std::string_view::npos ||
                FindWordIgnoreCase(s, "except") != std::string_view::npos;
  return preamble && !clause;
}

}  // namespace extract_internal

}  // namespace dealgraph
