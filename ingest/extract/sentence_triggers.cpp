// Sentence triggers (data/lexicon/triggers.tsv): what a sentence says happened, its date,
// standing relations, compensation table rows.
#include <algorithm>
#include <cmath>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

void Extractor::ReadSentence(size_t si, const std::vector<EntityMention>& ms) {
  const Sentence& sent = seg_.sentences[si];
  const Block& block = seg_.blocks[sent.block];
  if (block.section == Section::kCover || block.section == Section::kSignature) return;
  if (block.table_row && !block.boilerplate) {
    // An exhibit index row ("10.1<tab>Letter Agreement, dated as of October
    // 26, 2005, by and between the Company and Michael D. Craighead.") names
    // an agreement with its date and parties: a telling of its making.
    if (ExhibitIndexRow(si)) {
      std::vector<DateMention> dates = FindDates(sent.text, Pieces(si), ctx_);
      std::vector<bool> date_used(dates.size(), false);
      std::vector<AgreementMention> ams =
          Agreements(si, tokens_[si], dates, &date_used, PartiesIn(si, ms, false, false), ms);
      const size_t before = drafts_.size();
      ImpliedEntered(si, ams);
      for (size_t d = before; d < drafts_.size(); ++d) drafts_[d].index_row = true;
      return;
    }
    TableRow(si);
    return;
  }
  if (block.heading || block.boilerplate) return;
  std::string_view s = sent.text;
  if (s.size() < 25) return;
  const std::string lower = ToLower(s);
  // "The Company's news release dated April 19, 1994 announcing it will
  // discontinue manufacturing ... is incorporated herein by reference":
  // the reference tells what the release announced.
  const bool boilerplate = Boilerplate(lower);
  boilerplate_[si] = boilerplate ? 1 : 0;
  if (boilerplate && FindWordLower(lower, "announcing") == std::string_view::npos) return;
  const auto& t = tokens_[si];
  std::vector<DateMention> dates = FindDates(s, Pieces(si), ctx_);
  std::vector<bool> date_used(dates.size(), false);
  std::vector<MoneyMention> money = FindMoney(s, Pieces(si));
  std::vector<int> orgs = PartiesIn(si, ms, false, false);
  std::vector<AgreementMention> ams = Agreements(si, t, dates, &date_used, orgs, ms);

  // Dates the clause's events happened on.
  if (sent.index_in_block == 0) block_date_.erase(sent.block);
  DateValue sentence_anchor;
  bool weak = false;
  for (size_t d = 0; d < dates.size(); ++d) {
    if (date_used[d] || !dates[d].event_anchor) continue;
    sentence_anchor = dates[d].value;
    weak = dates[d].kind == DateKind::kRelative &&
           FindIgnoreCase(s.substr(dates[d].begin, dates[d].end - dates[d].begin), "today") ==
               std::string::npos;
    break;
  }
  // "The Company's news release dated April 19, 1994 announcing ...": what
  // the release announced is dated by the release.
  for (size_t d = 0; d < dates.size() && sentence_anchor.empty(); ++d) {
    std::string_view before = Trim(std::string_view(lower).substr(0, dates[d].begin));
    std::string_view after = std::string_view(lower).substr(dates[d].end);
    while (!after.empty() && (after.front() == ' ' || after.front() == ',')) after.remove_prefix(1);
    constexpr std::string_view kRelease = "release dated";
    if (dates[d].value.day != 0 && before.size() >= kRelease.size() &&
        before.substr(before.size() - kRelease.size()) == kRelease &&
        after.rfind("announcing", 0) == 0) {
      sentence_anchor = dates[d].value;
    }
  }
  DateValue default_date;
  auto bd = block_date_.find(sent.block);
  const bool inherited = bd != block_date_.end();
  if (inherited) {
    default_date = bd->second;
  } else {
    default_date = block.section == Section::kExhibit && !seg_.cover.dateline.empty()
                       ? seg_.cover.dateline
                       : event_date_;
  }
  if (!sentence_anchor.empty() && !weak) block_date_[sent.block] = sentence_anchor;

  // Trigger phrases, and what their requirements ask of the sentence: read
  // only when a phrase is in it (most sentences hold none).
  const std::vector<TriggerMatch> matches = TriggerMatches(lower);
  const bool has_agreement = !ams.empty();
  bool has_money = false, has_amount = false, has_trial = false, has_regulator = false,
       has_person = false;
  bool has_vote = false, has_auditor = false, has_condition = false;
  int org_count = 0;
  if (!matches.empty()) {
    for (const MoneyMention& m : money) {
      if (!m.per_share && !m.up_to && m.value > 0) has_money = true;
      if (!m.up_to && m.value > 0) has_amount = true;
    }
    for (const Token& k : t) {
      for (std::string_view w :
           {"trial", "study", "phase", "data", "findings", "patients", "trials"}) {
        has_trial |= EqualsIgnoreCase(k.text(), w);
      }
      if (IsRegulatoryWord(k.text())) has_regulator = true;
    }
    for (const EntityMention& m : ms) {
      if (table_.entities[m.entity].regulator) has_regulator = true;
      if (table_.entities[m.entity].type == EntityType::kPerson) has_person = true;
    }
    for (int e : orgs) org_count += table_.entities[e].type == EntityType::kOrganization;
    auto any_word = [&](std::initializer_list<std::string_view> words) {
      for (std::string_view w : words) {
        if (FindWordLower(lower, w) != std::string_view::npos) return true;
      }
      return false;
    };
    // "the annual meeting to be held on September 21" is no vote yet.
    const bool future_meeting = any_word({"to be held", "will be held"});
    has_vote = (any_word({"held", "voted", "votes", "approved", "elected", "ratified"}) &&
                !future_meeting) ||
               block.item == "5.07";
    has_auditor = MentionsAuditor(lower);
    bool modal_may = false;  // not the month ("On May 3, 2013, ... entered into")
    for (size_t k = 0; k < t.size() && !modal_may; ++k) {
      modal_may = EqualsIgnoreCase(t[k].text(), "may") && !IsMonthMay(t, k);
    }
    has_condition =
        any_word({"if", "unless", "in the event", "right to", "circumstances"}) || modal_may;
  }
  std::map<std::string, std::vector<size_t>> fired;  // type -> token positions
  int commentary = -1;  // ResultsCommentary(lower), read at the first trigger it can rule out
  for (const TriggerMatch& match : matches) {
    const TriggerRule& r = lex_.triggers[match.rule];
    if (r.type != "financial.results") {
      if (commentary < 0) commentary = ResultsCommentary(lower) ? 1 : 0;
      if (commentary == 1) continue;
    }
    size_t tok = TokenAt(t, match.at);
    bool ok = true;
    for (const std::string& req : r.requires_) {
      if (req == "agreement")
        ok &= has_agreement;
      else if (req == "money")
        ok &= has_money;
      else if (req == "amount")
        ok &= has_amount;
      else if (req == "trial")
        ok &= has_trial;
      else if (req == "regulator")
        ok &= has_regulator;
      else if (req == "person")
        ok &= has_person;
      else if (req == "org2")
        ok &= org_count >= 2;
      else if (req == "vote")
        ok &= has_vote;
      else if (req == "auditor")
        ok &= has_auditor;
      else if (req == "factual")
        ok &= !has_condition;
      else if (req == "current")
        ok &= !Restated(lower);
    }
    if (!ok) continue;
    // "entered into a Second Amendment (the "Amendment") to the Supply
    // Agreement", "entered into Amendment No. 4 ... to their License
    // Agreement": what was entered is an amendment.
    std::string_view type = r.type;
    if (type == "agreement.entered" && AmendmentNounAfter(t, tok)) type = "agreement.amended";
    // "exercised its right to renew", "exercised its option to extend":
    // the right used, not a possibility.
    bool exercised = tok >= 3 && t[tok - 1].text() == "to" &&
                     (t[tok - 2].text() == "right" || t[tok - 2].text() == "option") &&
                     FindWordLower(lower, "exercised") != std::string_view::npos;
    // "to renew", "allows X to license": possibilities, not events.
    // ... except what was decided: "agreed to extend", "decided to
    // discontinue development", "elected to terminate".
    // "the Securities Act of 1933, as amended", "the Agreement, as extended":
    // what the thing now is, not an event.
    if (tok > 0 && t[tok - 1].text() == "as" && r.type.rfind("agreement.", 0) == 0) continue;
    // "pursuant to that certain Amended and Restated Credit Agreement": a
    // title word, not an amendment told.
    if ((r.type == "agreement.amended" || r.type == "agreement.extended" || r.type == "agreement.renewed") &&
        InAgreementTitle(t, tok)) {
      continue;
    }
    if (!exercised && !DecidedTo(t, tok) && tok > 0 && t[tok - 1].text() == "to" &&
        r.type != "financial.results") {
      continue;
    }
    // Settlements are "subject to court approval" and still facts.
    if (!exercised && Conditional(t, tok) && r.type != "financial.results" &&
        r.type != "shareholder.vote" && r.type != "litigation") {
      continue;
    }
    auto& v = fired[std::string(type)];
    if (std::find(v.begin(), v.end(), tok) == v.end()) v.push_back(tok);
  }
  // "Solova granted Vantis an exclusive license to ...": a grant made,
  // with the licensee between the verb and the license.
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (GrantedLicenseArticle(t, i) == 0 ||
        (i > 0 && (t[i - 1].text() == "be" || t[i - 1].text() == "to")))
      continue;
    if (Conditional(t, i)) continue;
    // "... pursuant to which the Company granted X a license", "Under the
    // terms of the settlement, X granted Y a license": what an agreement
    // provides, told with the agreement, not a grant of its own.
    bool terms = false;
    for (size_t k = i; k-- > 0 && t[k].text() != ";";)
      terms |= t[k].text() == "which" || t[k].text() == "terms";
    if (terms) continue;
    auto& v = fired["license.granted"];
    if (std::find(v.begin(), v.end(), i) == v.end()) v.push_back(i);
  }
  // The Item's frames: what its cue phrases say happened, where no trigger
  // read an event of the frame's type.
  std::map<std::string, const FrameRule*> framed;  // type -> the frame that made it
  FrameMatches(si, ms, lower, &fired, &framed);
  if (fired.empty()) {
    if (!ams.empty()) ImpliedEntered(si, ams);
    return;
  }
  // An agreement lifecycle verb makes "entered"-only readings of the same
  // agreement redundant ("agreed to amend the ... Agreement executed on").
  for (auto& [type, toks] : fired) {
    std::sort(toks.begin(), toks.end());
    // One event per type per sentence, unless the triggers sit in
    // different clauses with different dates.
    std::vector<std::pair<DateValue, size_t>> per_date;
    for (size_t tok : toks) {
      DateValue d = NearestDate(t, dates, date_used, tok);
      bool dup = false;
      for (auto& pd : per_date) dup |= pd.first == d;
      if (!dup) per_date.push_back({d, tok});
    }
    if (per_date.size() > 1) {
      // Keep the undated trigger only when no dated one exists.
      std::vector<std::pair<DateValue, size_t>> dated;
      for (auto& pd : per_date)
        if (!pd.first.empty()) dated.push_back(pd);
      if (!dated.empty()) per_date = dated;
    }
    // A contract's own clauses (EX-10 exhibits) are terms, not events: only
    // its making and the pay it sets are read.
    if (InContract(si) && type != "agreement.entered" && type != "executive.compensation" &&
        type != "payment") {
      continue;
    }
    if (type == "agreement.entered" && InContract(si) && !ContractPreamble(si)) continue;
    for (auto& [d, tok] : per_date) {
      Draft dr;
      dr.type = type;
      dr.date = d.empty() ? (sentence_anchor.empty() ? default_date : sentence_anchor) : d;
      dr.weak_date =
          d.empty() ? (sentence_anchor.empty() ? !inherited : weak) : IsWeak(s, dates, d);
      dr.block = sent.block;
      dr.sentence = static_cast<int>(si);
      FillParties(&dr, si, ms, t, tok);
      auto frame = framed.find(type);
      if (frame != framed.end()) {
        dr.summary = frame->second->action;
        if (frame->second->slot == FrameSlot::kAuditor) AuditorParty(&dr, ms, tok);
      }
      if (!ams.empty() &&
          (type.rfind("agreement.", 0) == 0 || type == "license.granted" || type == "payment")) {
        // The agreement the trigger acts on: the first one after it ("entered
        // into a voting and support agreement"), else the nearest before.
        size_t best = 0;
        size_t best_dist = SIZE_MAX;
        for (size_t a = 0; a < ams.size(); ++a) {
          size_t dist = ams[a].head_tok > tok ? ams[a].head_tok - tok : (tok - ams[a].head_tok) + 8;
          if (dist < best_dist) {
            best_dist = dist;
            best = a;
          }
        }
        dr.agreement = ams[best].agreement;
        // "the Agreement executed by the parties on March 30, 2001": the
        // agreement's own date tells its entry (ImpliedEntered); the
        // sentence's other dates are not the entry's.
        if (type == "agreement.entered" && !agreements_[dr.agreement].dated.empty() &&
            !agreements_[dr.agreement].dated.CompatibleWith(dr.date)) {
          continue;
        }
      }
      if (type == "payment" || type == "executive.compensation" ||
          type.rfind("agreement.", 0) == 0 || type == "license.granted" ||
          type == "corporate.transaction" || type == "financial.results" ||
          type == "restructuring" || type == "impairment") {
        dr.amount = PickAmount(money, t, tok, type);
      }
      if (type == "payment" && !dr.amount) continue;
      dr.sources.push_back(MakeSource(si));
      // "Doug Petno, 61, and Troy Rohrbaugh, 56, ... have been elected": one
      // event per person of the listed subject.
      std::vector<int> listed;
      if (type == "executive.change" || type == "executive.compensation")
        listed = ListedPeople(ms, t, dr.parties);
      // "signed five-year employment agreements with New Line Chairman Robert
      // Shaye and New Line President Michael Lynne": one agreement each.
      const std::string& kind = dr.agreement >= 0 ? agreements_[dr.agreement].kind : std::string();
      if (type.rfind("agreement.", 0) == 0 && (kind == "employment" || kind == "consulting")) {
        std::vector<int> people;
        for (int p : dr.parties) {
          if (table_.entities[p].type == EntityType::kPerson) people.push_back(p);
        }
        if (people.size() >= 2) {
          dr.parties.erase(std::remove_if(dr.parties.begin(), dr.parties.end(),
                                          [&](int p) { return p != people[0] && table_.entities[p].type == EntityType::kPerson; }),
                           dr.parties.end());
          listed.assign(people.begin() + 1, people.end());
        }
      }
      for (int other : listed) {
        Draft copy = dr;
        for (int& p : copy.parties) {
          if (table_.entities[p].type == EntityType::kPerson) p = other;
        }
        drafts_.push_back(std::move(copy));
      }
      drafts_.push_back(std::move(dr));
    }
  }
  ImpliedEntered(si, ams);
}

bool Extractor::InAgreementTitle(const std::vector<Token>& t, size_t tok) {
  if (tok >= t.size() || !t[tok].cap) return false;
  for (size_t k = tok + 1; k < t.size() && k < tok + 9; ++k) {
    std::string_view w = t[k].text();
    if (w == "Agreement" || w == "Agreements" || w == "Plan") return true;
    if (!(t[k].cap || w == "and" || w == "&" || w == ",")) return false;
  }
  return false;
}

bool Extractor::ExhibitIndexRow(size_t si) const {
  const Block& block = seg_.blocks[seg_.sentences[si].block];
  const std::string key = Lexicon::ItemKey(block.item);
  if (block.section != Section::kBody || (key != "9.01" && key != "old:7")) return false;
  std::string_view s = seg_.sentences[si].text;
  size_t tab = s.find('\t');
  if (tab == std::string_view::npos || tab == 0 || tab > 8) return false;
  for (char c : s.substr(0, tab)) {
    if (!IsAsciiDigit(c) && c != '.' && c != '(' && c != ')' && c != ' ' && !IsAsciiAlpha(c)) return false;
  }
  return IsAsciiDigit(s[0]) && FindIgnoreCase(s, "agreement") != std::string_view::npos;
}

std::vector<Extractor::TriggerMatch> Extractor::TriggerMatches(std::string_view lower) const {
  std::vector<TriggerMatch> out;
  for (size_t rule : lex_.triggers_unindexed) {
    const std::string& phrase = lex_.triggers[rule].phrase;
    for (size_t p = 0; (p = FindWordLower(lower, phrase, p)) != std::string_view::npos;
         p += phrase.size()) {
      out.push_back({rule, p});
    }
  }
  // Every other phrase starts with a letter or digit, so it can only match
  // at the start of a run of them, and only when that run is its first word.
  const size_t n = lower.size();
  for (size_t b = 0; b < n;) {
    if (!IsAsciiAlnum(lower[b])) {
      ++b;
      continue;
    }
    size_t e = b + 1;
    while (e < n && IsAsciiAlnum(lower[e])) ++e;
    auto it = lex_.triggers_by_first_word.find(lower.substr(b, e - b));
    if (it != lex_.triggers_by_first_word.end()) {
      for (size_t rule : it->second) {
        const std::string& phrase = lex_.triggers[rule].phrase;
        if (lower.compare(b, phrase.size(), phrase) != 0) continue;
        const size_t end = b + phrase.size();
        if (end < n && IsAsciiAlnum(lower[end]) && IsAsciiAlnum(phrase.back())) continue;
        // A match inside the phrase's previous match does not count.
        bool overlaps = false;
        for (const TriggerMatch& m : out) overlaps |= m.rule == rule && b < m.at + phrase.size();
        if (!overlaps) out.push_back({rule, b});
      }
    }
    b = e;
  }
  return out;
}

bool Extractor::Boilerplate(std::string_view lower) const {
  // One pass over the sentence: a phrase is compared only where the
  // sentence has its first two bytes (phrases shorter than that are
  // searched for on their own).
  for (const std::string& b : lex_.boilerplate) {
    if (b.size() < 2 && lower.find(b) != std::string_view::npos) return true;
  }
  for (size_t i = 0; i + 1 < lower.size(); ++i) {
    if (!lex_.boilerplate_starts.test(Lexicon::BytePair(lower[i], lower[i + 1]))) continue;
    for (const std::string& b : lex_.boilerplate) {
      if (b.size() >= 2 && b[0] == lower[i] && b[1] == lower[i + 1] &&
          lower.compare(i, b.size(), b) == 0)
        return true;
    }
  }
  return false;
}

bool PhraseAt(const std::vector<Token>& t, size_t q, std::string_view phrase) {
  for (size_t at = 0; at < phrase.size(); ++q) {
    const size_t sp = std::min(phrase.find(' ', at), phrase.size());
    if (q >= t.size() || !EqualsIgnoreCase(t[q].text(), phrase.substr(at, sp - at))) return false;
    at = sp + 1;
  }
  return true;
}

bool Extractor::Conditional(const std::vector<Token>& t, size_t tok) const {
  // A clause opened by a condition ("However, if the final estimate ... is
  // lower ..., Disney will make a cash payment"): the clause runs from the
  // sentence's start, or its last ";" before the trigger.
  {
    size_t start = 0;
    for (size_t k = 0; k < tok && k < t.size(); ++k) {
      if (t[k].text() == ";") start = k + 1;
    }
    // Past the clause's connectives and enumerators: "However,", "(ii)".
    auto connective = [](std::string_view w) {
      return EqualsIgnoreCase(w, "however") || EqualsIgnoreCase(w, "additionally") || EqualsIgnoreCase(w, "further") ||
             EqualsIgnoreCase(w, "furthermore") || EqualsIgnoreCase(w, "moreover") || EqualsIgnoreCase(w, "also") ||
             EqualsIgnoreCase(w, "and") || EqualsIgnoreCase(w, "but") || EqualsIgnoreCase(w, "finally") ||
             w == ",";
    };
    size_t k = start;
    while (k < tok) {
      if (k + 2 < tok && t[k].text() == "(" && t[k + 2].text() == ")") {
        k += 3;  // "(ii)"
      } else if (k + 1 < tok && EqualsIgnoreCase(t[k].text(), "in") && EqualsIgnoreCase(t[k + 1].text(), "addition")) {
        k += 2;
      } else if (connective(t[k].text())) {
        ++k;
      } else {
        break;
      }
    }
    for (const std::string& opener : lex_.conditional_openers) {
      if (k < tok && PhraseAt(t, k, opener)) return true;
    }
    // "Disney will pay 21CF $2.5 billion ... if the merger is not
    // consummated": what will be done on a condition written after it.
    bool modal = false;
    for (size_t q = tok >= 3 ? tok - 3 : 0; q < tok; ++q) {
      const std::string_view w = t[q].text();
      modal = modal || EqualsIgnoreCase(w, "will") || EqualsIgnoreCase(w, "would") || EqualsIgnoreCase(w, "shall");
    }
    if (modal) {
      for (size_t q = tok + 1; q < t.size() && t[q].text() != ";"; ++q) {
        for (const std::string& opener : lex_.conditional_openers) {
          if (opener == "should" || opener.rfind("to the extent", 0) == 0) continue;
          if (PhraseAt(t, q, opener)) return true;
        }
      }
    }
  }
  size_t from = tok >= 7 ? tok - 7 : 0;
  for (size_t k = from; k < tok; ++k) {
    if (t[k].text() == "." || t[k].text() == ";") from = k + 1;
  }
  std::string window;
  for (size_t k = from; k < tok; ++k) {
    if (IsMonthMay(t, k)) {
      window += "month ";
      continue;
    }
    for (char c : t[k].text()) window.push_back(AsciiLower(c));
    window.push_back(' ');
  }
  // "Upon signing, X made an upfront payment": the moment, not a
  // condition; "upon achievement of a milestone" stays conditional.
  // "notified the Company that she would not stand for reelection": a
  // decision reported, not a condition.
  for (std::string_view moment :
       {"upon signing", "upon the signing", "upon execution", "upon the execution", "upon closing",
        "upon the closing", "upon effectiveness", "that he would", "that she would",
        "that it would", "that they would"}) {
    size_t p = FindWordLower(window, moment);
    if (p != std::string::npos) window.replace(p, moment.size(), moment.size(), ' ');
  }
  // "Upon termination, the Company paid ...": a verb in the past tells what
  // happened at that moment ("... will pay" stays conditional).
  std::string_view verb = tok < t.size() ? t[tok].text() : std::string_view();
  const bool past = verb == "paid" || (verb.size() > 3 && verb.substr(verb.size() - 2) == "ed");
  if (past) {
    size_t p = FindWordLower(window, "upon");
    if (p != std::string::npos) window.replace(p, 4, 4, ' ');
  }
  for (const std::string& cue : lex_.conditional_cues) {
    if (FindWordLower(window, cue) != std::string::npos) return true;
  }
  return false;
}

bool Extractor::DecidedTo(const std::vector<Token>& t, size_t tok) {
  if (tok < 2 || t[tok - 1].text() != "to") return false;
  const std::string_view w = t[tok - 2].text();
  return w == "agreed" || w == "decided" || w == "elected" || w == "voted" || w == "decision" ||
         w == "intention" || w == "determined";
}

bool Extractor::IsMonthMay(const std::vector<Token>& t, size_t k) {
  auto digit_at = [&](size_t i) {
    return i < t.size() && !t[i].text().empty() && IsAsciiDigit(t[i].text()[0]);
  };
  return t[k].text() == "May" &&
         (digit_at(k + 1) || (k + 1 < t.size() && t[k + 1].text() == "," && digit_at(k + 2)));
}

size_t Extractor::GrantedLicenseArticle(const std::vector<Token>& t, size_t i) {
  if (t[i].text() != "granted") return 0;
  size_t art = i + 1;
  while (art < t.size() && art < i + 5 && t[art].text() != "a" && t[art].text() != "an") ++art;
  if (art >= t.size() || art == i + 1 || art == i + 5) return 0;
  for (size_t k = art + 1; k < t.size() && k < art + 5; ++k) {
    if (t[k].text() == "license" || t[k].text() == "sublicense") return art;
  }
  return 0;
}

size_t Extractor::TokenAt(const std::vector<Token>& t, size_t byte) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].end() > byte) return i;
  }
  return t.size();
}

bool Extractor::ResultsCommentary(std::string_view lower) const {
  auto any = [&](const std::vector<std::string>& phrases) {
    for (const std::string& p : phrases) {
      if (FindWordLower(lower, p) != std::string_view::npos) return true;
    }
    return false;
  };
  return any(lex_.commentary_changes) && any(lex_.commentary_cues);
}

bool Extractor::Restated(std::string_view lower) const {
  for (const std::string& p : lex_.restated_cues) {
    if (FindWordLower(lower, p) != std::string_view::npos) return true;
  }
  return false;
}

void Extractor::ReadRelations(size_t si, const std::vector<EntityMention>& ms) {
  const Block& block = seg_.blocks[seg_.sentences[si].block];
  if (block.section == Section::kCover || block.section == Section::kSignature || block.table_row)
    return;
  std::string_view s = seg_.sentences[si].text;
  const auto& t = tokens_[si];
  auto add = [&](const char* type, int from, int to) {
    if (from < 0 || to < 0 || from == to) return;
    for (const FoundRelation& r : table_.relations) {
      if (r.type == type && r.from == from && r.to == to) return;
    }
    table_.relations.push_back({type, from, to, "", static_cast<int>(si)});
  };
  // Licensees: the organizations named before "ha(ve|s) licensed". Every
  // verb phrase holds "licensed": one search rules most sentences out.
  size_t p = std::string_view::npos;
  if (FindIgnoreCase(s, "licensed") != std::string_view::npos) {
    for (std::string_view verb :
         {"have licensed", "has licensed", "licensed the right", "licensed the exclusive right"}) {
      if ((p = FindWordIgnoreCase(s, verb)) != std::string_view::npos) break;
    }
  }
  if (p != std::string_view::npos) {
    int licensor = -1;
    size_t after = TokenAt(t, p);
    for (const EntityMention& m : ms) {
      // "to use ImmunoGen's technology": the owner of the technology licenses it.
      if (m.tok_begin > after && m.tok_end < t.size() && t[m.tok_end].possessive &&
          table_.entities[m.entity].type == EntityType::kOrganization) {
        licensor = m.entity;
        break;
      }
    }
    if (licensor < 0) licensor = table_.registrant;
    for (const EntityMention& m : ms) {
      const FoundEntity& e = table_.entities[m.entity];
      if (m.tok_end <= after && e.type == EntityType::kOrganization && !e.regulator)
        add("licensee_of", m.entity, licensor);
    }
  }
  // Developers of products.
  for (size_t i = 0; i < ms.size(); ++i) {
    const EntityMention& m = ms[i];
    if (table_.entities[m.entity].type != EntityType::kProduct) continue;
    // "X, which is in development by Y" / "X in development by Y" / "X ... wholly owned by Y".
    std::string_view rest = s.substr(m.end, std::min<size_t>(60, s.size() - m.end));
    for (std::string_view cue :
         {"in development by ", "developed by ", "wholly owned by ", "wholly-owned by "}) {
      size_t c = FindIgnoreCase(rest, cue);
      if (c == std::string_view::npos) continue;
      size_t at = m.end + c + cue.size();
      for (const EntityMention& o : ms) {
        if (o.begin >= at && o.begin <= at + 5 &&
            table_.entities[o.entity].type == EntityType::kOrganization) {
          // "huN901-DM1 and huC242-DM4, which are wholly owned by ImmunoGen": every product of the
          // list.
          for (size_t k = 0; k <= i; ++k) {
            if (table_.entities[ms[k].entity].type == EntityType::kProduct &&
                (k == i || ms[i].begin - ms[k].end < 40)) {
              add("develops", o.entity, ms[k].entity);
            }
          }
        }
      }
    }
    // "its TAP compound, MLN2704" / "Genentech's therapeutic antibody, trastuzumab".
    if (m.tok_begin >= 3 && t[m.tok_begin - 1].text() == ",") {
      size_t k = m.tok_begin - 2;
      size_t stop = m.tok_begin >= 6 ? m.tok_begin - 6 : 0;
      for (; k > stop; --k) {
        std::string_view w = t[k].text();
        if (w == "its" || w == "their" || t[k].possessive) break;
      }
      std::string_view head = t[m.tok_begin - 2].text();
      bool product_noun = head == "compound" || head == "candidate" || head == "product" ||
                          head == "antibody" || head == "drug";
      if (product_noun && k > stop) {
        int owner = -1;
        if (t[k].possessive) {
          for (const EntityMention& o : ms)
            if (o.tok_end == k) owner = o.entity;
        } else {
          for (const EntityMention& o : ms) {
            if (o.tok_begin < k && table_.entities[o.entity].type == EntityType::kOrganization) {
              owner = o.entity;
              break;
            }
          }
        }
        if (owner >= 0 && table_.entities[owner].type == EntityType::kOrganization)
          add("develops", owner, m.entity);
      }
    }
  }
}

void Extractor::TableRow(size_t si) {
  const Sentence& sent = seg_.sentences[si];
  std::vector<std::string_view> cells = Split(sent.text, '\t');
  if (cells.size() < 2) return;
  std::vector<Token> first = Tokenize(cells[0]);
  std::vector<EntityMention> ms = table_.Mentions(first);
  int person = -1;
  for (const EntityMention& m : ms) {
    if (m.tok_begin == 0 && table_.entities[m.entity].type == EntityType::kPerson)
      person = m.entity;
  }
  if (person < 0) return;
  std::optional<MoneyMention> amount;
  for (size_t c = 1; c < cells.size(); ++c) {
    for (const MoneyMention& m : FindMoney(cells[c])) {
      if (m.value > 0 && !m.per_share) amount = m;
    }
  }
  if (!amount) return;
  Draft dr;
  dr.type = "executive.compensation";
  dr.date = event_date_;
  dr.block = sent.block;
  dr.sentence = static_cast<int>(si);
  if (table_.registrant >= 0) dr.parties.push_back(table_.registrant);
  dr.parties.push_back(person);
  dr.amount = amount;
  dr.sources.push_back(MakeSource(si));
  drafts_.push_back(std::move(dr));
}

bool Extractor::IsWeak(std::string_view s, const std::vector<DateMention>& dates,
                       const DateValue& d) {
  bool relative = false;
  for (const DateMention& m : dates) {
    if (!(m.value == d)) continue;
    if (m.kind != DateKind::kRelative) return false;
    relative |= FindIgnoreCase(s.substr(m.begin, m.end - m.begin), "today") == std::string::npos;
  }
  return relative;
}

DateValue Extractor::NearestDate(const std::vector<Token>& t, const std::vector<DateMention>& dates,
                                 const std::vector<bool>& used, size_t tok) const {
  long best = -1;
  long best_score = 1 << 30;
  for (size_t d = 0; d < dates.size(); ++d) {
    if (used[d]) continue;
    const DateMention& m = dates[d];
    if (!m.event_anchor) continue;
    if (m.kind == DateKind::kPeriodEnd || m.kind == DateKind::kFiscal) continue;
    std::string_view cue = m.cue;
    if (cue.find("expire") != std::string_view::npos || cue == "ends" || cue == "through" ||
        cue == "until" || cue == "ended" || cue == "ending" || cue == "as of" || cue == "dated" ||
        cue == "dated as of") {
      continue;
    }
    size_t dt = TokenAt(t, m.begin);
    long dist = static_cast<long>(dt) - static_cast<long>(tok);
    // Clause boundaries between trigger and date cost extra.
    size_t lo = std::min(dt, tok), hi = std::max(dt, tok);
    int boundaries = 0;
    for (size_t k = lo; k < hi && k < t.size(); ++k) {
      if (t[k].text() == ";" ||
          (t[k].text() == "and" && k + 1 < t.size() && k > lo && IsVerbish(t[k + 1].text())))
        ++boundaries;
    }
    long score = dist >= 0
                     ? dist
                     : (m.event_anchor ? -dist : -dist * 2);  // clause-initial "In December 2005,"
    score += boundaries * 40;
    if (score < best_score) {
      best_score = score;
      best = static_cast<long>(d);
    }
  }
  if (best < 0) return {};
  return dates[best].value;
}

bool Extractor::IsVerbish(std::string_view w) {
  if (w.size() < 4) return false;
  std::string l = ToLower(w);
  return l.compare(l.size() - 2, 2, "ed") == 0 || l == "has" || l == "have" || l == "was" ||
         l == "will";
}

}  // namespace extract_internal

}  // namespace dealgraph
