#include "ingest/extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/names.h"
#include "common/strings.h"
#include "ingest/extract/dates.h"
#include "ingest/extract/entities.h"
#include "ingest/extract/lexicon.h"
#include "ingest/extract/money.h"
#include "ingest/extract/tokens.h"
#include "ingest/segment.h"

namespace dealgraph {

namespace {

// An agreement found in the filing, before it becomes an Entity.
struct FoundAgreement {
  std::string kind;             //!< from data/lexicon/agreement_kinds.tsv, or "agreement"
  std::string title;            //!< "Access, Option and License Agreement", or ""
  std::string cue;              //!< the cue phrase that gave the kind ("technology access")
  std::vector<int> parties;     //!< entity indices, sorted
  DateValue dated;
  DateValue expires;
  std::string term;
  std::vector<std::string> aliases;
  std::vector<Source> sources;
  std::string id;
};

// An event before resolution.
struct Draft {
  std::string type;
  DateValue date;
  bool weak_date = false;  //!< "recently" or inherited: may merge into a dated telling
  std::vector<int> parties;
  std::map<int, std::string> roles;
  int agreement = -1;
  std::optional<MoneyMention> amount;
  int block = -1;
  int sentence = -1;
  std::string summary;
  std::vector<Source> sources;
  bool dead = false;
};

// FilingId, given the hash of the filing's text (hashed once per filing).
std::string FilingIdOf(const Document& doc, uint64_t text_hash) {
  return !doc.header.accession.empty() ? doc.header.accession : "sha:" + Hex64(text_hash);
}

bool IsRegulatoryWord(std::string_view w) {
  return w == "IND" || w == "NDA" || w == "BLA" || w == "sNDA" || w == "MAA" || w == "510(k)" || w == "PMA";
}

class Extractor {
 public:
  explicit Extractor(const Document& doc) : doc_(doc), lex_(Lexicon::Get()) {}

  Result<FilingExtract> Run() {
    if (Trim(doc_.text).empty()) return Status::Corruption("no text in the filing");
    seg_ = Segment(doc_);
    tokens_.reserve(seg_.sentences.size());
    for (const Sentence& s : seg_.sentences) tokens_.push_back(Tokenize(s.text));
    table_ = DiscoverEntities(doc_, seg_, tokens_);
    boilerplate_.assign(seg_.sentences.size(), -1);
    FindContractExhibits();
    PartiesBySlot();
    FillFilingInfo();
    ctx_.anchor = !seg_.cover.dateline.empty() ? seg_.cover.dateline : event_date_;
    if (seg_.cover.fiscal_year_end_month) {
      ctx_.fiscal_year_end_month = seg_.cover.fiscal_year_end_month;
      ctx_.fiscal_year_end_day = seg_.cover.fiscal_year_end_day ? seg_.cover.fiscal_year_end_day : 31;
    } else if (!doc_.header.filers.empty() && doc_.header.filers[0].fiscal_year_end.size() == 4) {
      // "0630"; a malformed header value leaves the calendar-year default.
      const std::string& f = doc_.header.filers[0].fiscal_year_end;
      if (std::all_of(f.begin(), f.end(), IsAsciiDigit)) {
        int month = (f[0] - '0') * 10 + (f[1] - '0');
        int day = (f[2] - '0') * 10 + (f[3] - '0');
        if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
          ctx_.fiscal_year_end_month = month;
          ctx_.fiscal_year_end_day = day;
        }
      }
    }
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      // Neither reader takes anything from the cover page or the signatures.
      const Section section = seg_.blocks[seg_.sentences[si].block].section;
      if (section == Section::kCover || section == Section::kSignature) continue;
      std::vector<EntityMention> ms = table_.Mentions(tokens_[si]);
      ReadSentence(si, ms);
      ReadRelations(si, ms);
    }
    ItemEvents();
    AttachAmounts();
    UnifyAgreements();
    MergeDrafts();
    return Build();
  }

 private:
  // ---- parties named by a bare word ----
  // A partner introduced earlier (in another filing) is often written by one
  // bare word: "Solova granted Vantis an exclusive license", "Osmios licensed
  // the exclusive right", "Praigen paid Norello a license fee". Discovery
  // finds names by their shape (suffixes, tickers, definitions); here a
  // capitalized word in a licensing or paying slot next to a known company
  // becomes one, when the filing never writes it in lower case (so "Cash
  // paid" or "Management licensed" never do).
  void PartiesBySlot() {
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
      if (!k.word || !k.cap || k.all_caps || k.has_digit || !k.has_lower || k.text.size() < 3) return false;
      for (char c : k.text) {
        if (!IsAsciiAlpha(c)) return false;
      }
      if (k.lex & (kLexStop | kLexTitle | kLexIndustry)) return false;
      if (table_.Lookup(k.text) >= 0) return false;
      return true;
    };
    auto word_at = [](const std::vector<Token>& t, size_t i, std::string_view w) {
      return i < t.size() && t[i].text == w;
    };
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      const Sentence& sent = seg_.sentences[si];
      const Block& block = seg_.blocks[sent.block];
      if (block.section == Section::kCover || block.section == Section::kSignature || block.table_row ||
          block.heading || block.boilerplate) {
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
          if (m.tok_begin == i && table_.entities[m.entity].type == EntityType::kOrganization) return true;
        }
        return false;
      };
      for (size_t i = 0; i + 2 < t.size(); ++i) {
        size_t found = SIZE_MAX;
        // "granted Vantis an exclusive license"
        if (GrantedLicenseArticle(t, i) == i + 2 && candidate(t[i + 1])) found = i + 1;
        // "Osmios licensed the", "Oria took a license", "Praigen exercised its
        // option", "Wexone paid Pelello": at a clause start.
        bool clause_start = i == 0 || t[i - 1].text == ",";
        if (found == SIZE_MAX && clause_start && candidate(t[i])) {
          const std::string_view v = t[i + 1].text;
          if ((v == "licensed" && (word_at(t, i + 2, "the") || word_at(t, i + 2, "an"))) ||
              (v == "took" && word_at(t, i + 2, "a") && word_at(t, i + 3, "license")) ||
              (v == "exercised" && word_at(t, i + 2, "its") && word_at(t, i + 3, "option")) ||
              (v == "paid" && known_org_at(i + 2))) {
            found = i;
          }
        }
        if (found == SIZE_MAX || common_word(t[found].text)) continue;
        table_.Add(EntityType::kOrganization, t[found].text, t[found].text);
        ms_read = false;
      }
    }
  }

  // ---- filing ----
  void FillFilingInfo() {
    const FilingHeader& h = doc_.header;
    FilingInfo& f = out_.filing;
    f.name = doc_.name;
    f.content_hash = Hash64(doc_.text);
    f.id = FilingIdOf(doc_, f.content_hash);
    source_filing_ = !h.accession.empty() ? h.accession : doc_.name;
    f.form = h.form.empty() ? CoverForm() : h.form;
    event_date_ = DateValue::FromIso(h.period);
    if (event_date_.empty()) event_date_ = seg_.cover.event_date;
    DateValue filed = DateValue::FromIso(h.filed);
    if (filed.empty()) filed = !seg_.cover.dateline.empty() ? seg_.cover.dateline : event_date_;
    if (event_date_.empty()) event_date_ = !seg_.cover.dateline.empty() ? seg_.cover.dateline : filed;
    f.event_date = event_date_.Iso();
    f.filed = filed.Iso();
    filed_ = f.filed;
    f.items = h.items.empty() ? seg_.cover.items : h.items;
    if (table_.registrant >= 0) f.registrant = table_.entities[table_.registrant].id;
    if (IsAmendmentForm(f.form)) f.amends = AmendedFilingHint();
  }

  // The form a filing without an SGML header names on its cover: "8-K/A"
  // when the cover says so ("FORM 8-K/A", "Form 8-K (Amendment No. 1)"),
  // else "8-K".
  std::string CoverForm() const {
    // The cover ends at the registrant's name; without that line, the first
    // few thousand bytes stand for it.
    std::string_view cover = std::string_view(doc_.text).substr(0, std::min<size_t>(doc_.text.size(), 6000));
    size_t name_line = FindIgnoreCase(cover, "exact name of registrant");
    cover = cover.substr(0, name_line != std::string_view::npos ? name_line : 3000);
    for (size_t at = FindIgnoreCase(cover, "8-K"); at != std::string_view::npos;
         at = FindIgnoreCase(cover, "8-K", at + 3)) {
      std::string_view rest = cover.substr(at + 3, 40);
      size_t i = 0;
      while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
      if (i < rest.size() && rest[i] == '/' ) {
        ++i;
        while (i < rest.size() && rest[i] == ' ') ++i;
        if (i < rest.size() && (rest[i] == 'A' || rest[i] == 'a') &&
            (i + 1 == rest.size() || !IsAsciiAlnum(rest[i + 1]))) {
          return "8-K/A";
        }
      }
      if (i < rest.size() && rest[i] == '(' && FindIgnoreCase(rest.substr(i), "(amendment") == 0) return "8-K/A";
    }
    return "8-K";
  }

  static bool IsAmendmentForm(std::string_view form) {
    return form.size() >= 5 && FindIgnoreCase(form, "8-K/A") == 0;
  }

  // For an 8-K/A: "filed:YYYY-MM-DD", the filing date of the report it
  // amends, from the sentence that says so ("This Amendment No. 1 amends the
  // Current Report on Form 8-K filed with the SEC on March 3, 2023"), or ""
  // when no sentence names it. The store links the hint to the stored 8-K of
  // the same registrant filed that day (graph/query.h AmendedFiling).
  std::string AmendedFilingHint() const {
    const size_t limit = std::min<size_t>(seg_.sentences.size(), 120);
    for (size_t si = 0; si < limit; ++si) {
      std::string_view s = seg_.sentences[si].text;
      std::string lower = ToLower(s);
      if (lower.find("8-k") == std::string::npos) continue;
      if (lower.find("amend") == std::string::npos && lower.find("original") == std::string::npos) continue;
      size_t filed = std::string::npos;
      for (std::string_view verb : {"filed", "furnished", "submitted"}) {
        size_t p = FindWordLower(lower, verb);
        if (p != std::string::npos && (filed == std::string::npos || p < filed)) filed = p;
      }
      if (filed == std::string::npos) continue;
      for (const DateMention& d : FindDates(s, ctx_)) {
        if (d.begin > filed && d.kind == DateKind::kAbsolute && d.value.day != 0) {
          return "filed:" + d.value.Iso();
        }
      }
    }
    return "";
  }

  // ---- sentence-level reading ----
  // `lower` is the sentence lower-cased.
  bool Boilerplate(std::string_view lower) const {
    // One pass over the sentence: a phrase is compared only where the
    // sentence has its first two bytes (phrases shorter than that are
    // searched for on their own).
    for (const std::string& b : lex_.boilerplate) {
      if (b.size() < 2 && lower.find(b) != std::string_view::npos) return true;
    }
    for (size_t i = 0; i + 1 < lower.size(); ++i) {
      if (!lex_.boilerplate_starts.test(Lexicon::BytePair(lower[i], lower[i + 1]))) continue;
      for (const std::string& b : lex_.boilerplate) {
        if (b.size() >= 2 && b[0] == lower[i] && b[1] == lower[i + 1] && lower.compare(i, b.size(), b) == 0) return true;
      }
    }
    return false;
  }

  Source MakeSource(size_t si) const {
    const Block& b = seg_.blocks[seg_.sentences[si].block];
    return Source{source_filing_, b.item, FoldSpaces(seg_.sentences[si].text), filed_};
  }

  // Organizations (and people) named in the sentence, with "the Company",
  // "we", "our" resolved to the registrant.
  std::vector<int> PartiesIn(size_t si, const std::vector<EntityMention>& ms, bool include_regulators,
                             bool include_people) const {
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
      std::string_view w = t[i].text;
      bool company = (w == "Company" || w == "Registrant" || w == "registrant") && i > 0 &&
                     (t[i - 1].text == "the" || t[i - 1].text == "The");
      bool we = w == "we" || w == "We" || w == "our" || w == "Our" || w == "us";
      if ((company || we) && table_.registrant >= 0) add(table_.registrant);
    }
    return out;
  }

  // True when a conditional cue sits in the few tokens before position `tok`.
  bool Conditional(const std::vector<Token>& t, size_t tok) const {
    size_t from = tok >= 7 ? tok - 7 : 0;
    for (size_t k = from; k < tok; ++k) {
      if (t[k].text == "." || t[k].text == ";") from = k + 1;
    }
    std::string window;
    for (size_t k = from; k < tok; ++k) {
      if (IsMonthMay(t, k)) {
        window += "month ";
        continue;
      }
      for (char c : t[k].text) window.push_back(AsciiLower(c));
      window.push_back(' ');
    }
    // "Upon signing, X made an upfront payment": the moment, not a
    // condition; "upon achievement of a milestone" stays conditional.
    // "notified the Company that she would not stand for reelection": a
    // decision reported, not a condition.
    for (std::string_view moment : {"upon signing", "upon the signing", "upon execution", "upon the execution",
                                    "upon closing", "upon the closing", "upon effectiveness", "that he would",
                                    "that she would", "that it would", "that they would"}) {
      size_t p = FindWordLower(window, moment);
      if (p != std::string::npos) window.replace(p, moment.size(), moment.size(), ' ');
    }
    for (const std::string& cue : lex_.conditional_cues) {
      if (FindWordLower(window, cue) != std::string::npos) return true;
    }
    return false;
  }

  // True when the verb at `tok` follows "to" after a decision: "agreed to
  // extend", "decided to retire", "elected to terminate". A verb after "to"
  // is otherwise a possibility ("allows X to license"), not an event.
  static bool DecidedTo(const std::vector<Token>& t, size_t tok) {
    if (tok < 2 || t[tok - 1].text != "to") return false;
    const std::string_view w = t[tok - 2].text;
    return w == "agreed" || w == "decided" || w == "elected" || w == "voted" || w == "decision" ||
           w == "intention" || w == "determined";
  }

  // "On May 3, 2013", "In May 2013", "in May, 2013": the month, not the modal.
  static bool IsMonthMay(const std::vector<Token>& t, size_t k) {
    auto digit_at = [&](size_t i) { return i < t.size() && !t[i].text.empty() && IsAsciiDigit(t[i].text[0]); };
    return t[k].text == "May" && (digit_at(k + 1) || (k + 1 < t.size() && t[k + 1].text == "," && digit_at(k + 2)));
  }

  // "granted Vantis an exclusive license": when t[i] is "granted" and a
  // license follows within four words of an article ("a", "an") that comes
  // one to three words after it, the article's index; else 0.
  static size_t GrantedLicenseArticle(const std::vector<Token>& t, size_t i) {
    if (t[i].text != "granted") return 0;
    size_t art = i + 1;
    while (art < t.size() && art < i + 5 && t[art].text != "a" && t[art].text != "an") ++art;
    if (art >= t.size() || art == i + 1 || art == i + 5) return 0;
    for (size_t k = art + 1; k < t.size() && k < art + 5; ++k) {
      if (t[k].text == "license" || t[k].text == "sublicense") return art;
    }
    return 0;
  }

  static size_t TokenAt(const std::vector<Token>& t, size_t byte) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i].end > byte) return i;
    }
    return t.size();
  }

  // Agreement mentions of the sentence: returns agreement indices in order.
  struct AgreementMention {
    int agreement;
    size_t head_tok;
  };

  std::string KindOf(std::string_view text, std::string* cue) const {
    std::string lower = ToLower(text);
    for (const AgreementKind& k : lex_.agreement_kinds) {
      for (const std::string& c : k.cues) {
        if (FindWordLower(lower, c) != std::string::npos) {
          *cue = c;
          return k.kind;
        }
      }
    }
    cue->clear();
    return "agreement";
  }

  std::vector<AgreementMention> Agreements(size_t si, const std::vector<Token>& t, const std::vector<DateMention>& dates,
                                           std::vector<bool>* date_used, const std::vector<int>& orgs) {
    std::vector<AgreementMention> out;
    std::string_view s = seg_.sentences[si].text;
    int block = seg_.sentences[si].block;
    for (size_t i = 0; i < t.size(); ++i) {
      std::string_view w = t[i].text;
      bool head = EqualsIgnoreCase(w, "agreement") || EqualsIgnoreCase(w, "agreements") || w == "Plan" ||
                  (EqualsIgnoreCase(w, "license") && i > 0 && (t[i - 1].text == "exclusive" || t[i - 1].text == "a")) ||
                  EqualsIgnoreCase(w, "collaboration") || w == "Letter";
      if (!head) continue;
      if ((w == "Plan" || w == "Letter") && !(i > 0 && t[i - 1].cap)) continue;
      if (EqualsIgnoreCase(w, "collaboration") && !(i + 1 < t.size() && t[i + 1].text == "with")) continue;
      // Title: capitalized words before "Agreement" ("Access, Option and License Agreement").
      std::string title;
      size_t tb = i;
      if (t[i].cap) {
        // A stop word in any case: "THIS" ends an all-capitals title as "This"
        // does ("... ARISING OUT OF THIS AGREEMENT" in a contract's
        // disclaimer is no agreement's name).
        auto stop = [&](const Token& p) {
          if (lex_.name_stopwords.count(std::string(p.text))) return true;
          if (!p.all_caps || p.text == "AND") return false;
          std::string cased(p.text);
          for (size_t k = 1; k < cased.size(); ++k) cased[k] = AsciiLower(cased[k]);
          return lex_.name_stopwords.count(cased) > 0;
        };
        while (tb > 0) {
          const Token& p = t[tb - 1];
          if (p.word && (p.cap || (p.has_digit && !p.has_lower)) && !stop(p)) { --tb; continue; }
          if ((p.text == "," || p.text == "and" || p.text == "&") && tb >= 2 && t[tb - 2].cap && t[tb - 2].word &&
              !stop(t[tb - 2])) {
            --tb;
            continue;
          }
          break;
        }
        // "Agreement and Plan of Merger"
        size_t te = i + 1;
        if (te + 3 < t.size() + 1 && te < t.size() && t[te].text == "and" && te + 1 < t.size() && t[te + 1].text == "Plan") {
          te += 2;
          while (te < t.size() && (t[te].cap || t[te].text == "of")) ++te;
        }
        // Known organizations at the start of a title are parties, not title words.
        if (tb < i || te > i + 1) title = FoldSpaces(s.substr(t[tb].begin, t[te - 1].end - t[tb].begin));
        else if (t[i].cap && i > 0 && t[i - 1].text == "the") title = "";
      }
      // Description window: the title, and up to 25 tokens after the head.
      // The description window stops at the neighbouring agreements: "the
      // Merger Agreement, Biogen ... entered into a voting and support
      // agreement" describes two.
      size_t we = std::min(t.size(), i + 25);
      size_t wb = i >= 8 ? i - 8 : 0;
      for (size_t k = i + 1; k < we; ++k) {
        if (EqualsIgnoreCase(t[k].text, "agreement") || EqualsIgnoreCase(t[k].text, "agreements")) { we = k; break; }
      }
      for (size_t k = i; k-- > wb;) {
        if (EqualsIgnoreCase(t[k].text, "agreement") || EqualsIgnoreCase(t[k].text, "agreements")) { wb = k + 1; break; }
      }
      if (wb > tb) wb = tb;
      std::string window = FoldSpaces(s.substr(t[wb].begin, t[we - 1].end - t[wb].begin));
      std::string cue;
      std::string kind = title.empty() ? KindOf(window, &cue) : KindOf(title, &cue);
      if (!title.empty() && kind == "agreement") kind = KindOf(window, &cue);
      // Dates that belong to the agreement: "May 2000 agreement", "dated as of
      // May 2, 2000", "executed ... on March 30, 2001", "executed in 2000".
      DateValue dated;
      for (size_t d = 0; d < dates.size(); ++d) {
        size_t dt = TokenAt(t, dates[d].begin);
        size_t de = TokenAt(t, dates[d].end > 0 ? dates[d].end - 1 : 0);
        bool before_head = de < i && i - de <= 2 && (dates[d].kind == DateKind::kPartial || dates[d].kind == DateKind::kAbsolute);
        bool after_head = false;
        if (dt > i && dt - i <= 12) {
          std::string between = ToLower(FoldSpaces(s.substr(t[i].end, dates[d].begin - t[i].end)));
          after_head = (between.find("dated") != std::string::npos || between.find("executed") != std::string::npos ||
                        between.find("entered into") != std::string::npos || between.find("signed") != std::string::npos ||
                        // a contract's own preamble: "This Agreement is made as of this 6th day of ..."
                        between.find("made as of") != std::string::npos || between.find("made and entered") != std::string::npos ||
                        between.find("effective as of") != std::string::npos) &&
                       between.find("renew") == std::string::npos && between.find("amend") == std::string::npos;
        }
        std::string cue_l = dates[d].cue;
        if (before_head || after_head) {
          dated = dates[d].value;
          (*date_used)[d] = true;
        }
        if (dt > i && dt - i <= 30 && (cue_l.find("expire") != std::string::npos || cue_l == "ends" || cue_l.find("which ends") != std::string::npos)) {
          (*date_used)[d] = true;
        }
      }
      // Anaphora: "this agreement", "the agreement", "the Agreement" (a defined term).
      bool anaphoric = title.empty() && dated.empty() && i > 0 &&
                       (t[i - 1].text == "this" || t[i - 1].text == "This" || t[i - 1].text == "the" || t[i - 1].text == "The" ||
                        t[i - 1].text == "that" || t[i - 1].text == "such" || t[i - 1].text == "its");
      std::vector<int> parties;
      for (int e : orgs) if (!table_.entities[e].regulator) parties.push_back(e);
      if (parties.size() < 2 && table_.registrant >= 0 &&
          std::find(parties.begin(), parties.end(), table_.registrant) == parties.end()) {
        parties.push_back(table_.registrant);
      }
      std::sort(parties.begin(), parties.end());
      int idx = -1;
      if (anaphoric || (title.empty() && dated.empty() && cue.empty())) idx = Recent(block, parties);
      if (idx < 0 && !title.empty()) {
        for (size_t a = 0; a < agreements_.size(); ++a) {
          if (agreements_[a].title == title || std::find(agreements_[a].aliases.begin(), agreements_[a].aliases.end(), title) != agreements_[a].aliases.end()) idx = static_cast<int>(a);
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
        if (parties.size() < 2 && title.empty()) continue;  // an agreement with nobody: "the merger agreement" boilerplate
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
      if (g.dated.empty() || (!dated.empty() && dated.CompatibleWith(g.dated) && dated.day > g.dated.day && dated.month >= g.dated.month)) {
        if (!dated.empty()) g.dated = dated;
      }
      if (g.title.empty() && !title.empty()) g.title = title;
      if (g.cue.empty() && !cue.empty()) g.cue = cue;
      // Defined term: "(the Agreement)" / ("Agreement").
      if (i + 3 < t.size() && t[i + 1].text == "(") {
        size_t k = i + 2;
        if (t[k].text == "the" && k + 1 < t.size()) ++k;
        if (k < t.size() && (t[k].text == "\"" || t[k].text == "\xE2\x80\x9C")) ++k;
        if (k < t.size() && t[k].cap) g.aliases.push_back("the " + std::string(t[k].text));
      }
      // Term and expiry.
      for (size_t d = 0; d < dates.size(); ++d) {
        const std::string& c = dates[d].cue;
        if (c.find("expire") != std::string::npos || c == "ends" || c.find("which ends") != std::string::npos) {
          if (g.expires.empty() || dates[d].value.year >= g.expires.year) g.expires = dates[d].value;
        }
      }
      for (size_t k = (i >= 3 ? i - 3 : 0); k < i && g.term.empty(); ++k) {
        std::string_view w2 = t[k].text;
        if (w2.size() > 5 && w2.substr(w2.size() - 5) == "-year" && !(k > 0 && t[k - 1].text == "additional")) g.term = std::string(w2);
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

  static bool LifecycleVerb(std::string_view s) {
    for (std::string_view v : {"entered into", "renewed", "extended", "amended", "amend", "terminated", "signed", "executed",
                               "agreed to", "expire"}) {
      if (FindWordIgnoreCase(s, v) != std::string_view::npos) return true;
    }
    return false;
  }

  int Recent(int block, const std::vector<int>& parties) const {
    auto it = last_agreement_in_block_.find(block);
    if (it != last_agreement_in_block_.end()) return it->second;
    if (last_agreement_ >= 0) {
      const FoundAgreement& g = agreements_[last_agreement_];
      bool overlap = false;
      for (int p : parties) overlap |= std::find(g.parties.begin(), g.parties.end(), p) != g.parties.end() && p != table_.registrant;
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

  // Standing relations told in passing, boilerplate included ("Centocor,
  // Biogen Idec, ... have licensed the right to develop TAP compounds";
  // "AVE9633, which is in development by the sanofi-aventis Group").
  void ReadRelations(size_t si, const std::vector<EntityMention>& ms) {
    const Block& block = seg_.blocks[seg_.sentences[si].block];
    if (block.section == Section::kCover || block.section == Section::kSignature || block.table_row) return;
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
      for (std::string_view verb : {"have licensed", "has licensed", "licensed the right", "licensed the exclusive right"}) {
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
        if (m.tok_end <= after && e.type == EntityType::kOrganization && !e.regulator) add("licensee_of", m.entity, licensor);
      }
    }
    // Developers of products.
    for (size_t i = 0; i < ms.size(); ++i) {
      const EntityMention& m = ms[i];
      if (table_.entities[m.entity].type != EntityType::kProduct) continue;
      // "X, which is in development by Y" / "X in development by Y" / "X ... wholly owned by Y".
      std::string_view rest = s.substr(m.end, std::min<size_t>(60, s.size() - m.end));
      for (std::string_view cue : {"in development by ", "developed by ", "wholly owned by ", "wholly-owned by "}) {
        size_t c = FindIgnoreCase(rest, cue);
        if (c == std::string_view::npos) continue;
        size_t at = m.end + c + cue.size();
        for (const EntityMention& o : ms) {
          if (o.begin >= at && o.begin <= at + 5 && table_.entities[o.entity].type == EntityType::kOrganization) {
            // "huN901-DM1 and huC242-DM4, which are wholly owned by ImmunoGen": every product of the list.
            for (size_t k = 0; k <= i; ++k) {
              if (table_.entities[ms[k].entity].type == EntityType::kProduct && (k == i || ms[i].begin - ms[k].end < 40)) {
                add("develops", o.entity, ms[k].entity);
              }
            }
          }
        }
      }
      // "its TAP compound, MLN2704" / "Genentech's therapeutic antibody, trastuzumab".
      if (m.tok_begin >= 3 && t[m.tok_begin - 1].text == ",") {
        size_t k = m.tok_begin - 2;
        size_t stop = m.tok_begin >= 6 ? m.tok_begin - 6 : 0;
        for (; k > stop; --k) {
          std::string_view w = t[k].text;
          if (w == "its" || w == "their" || t[k].possessive) break;
        }
        std::string_view head = t[m.tok_begin - 2].text;
        bool product_noun = head == "compound" || head == "candidate" || head == "product" || head == "antibody" || head == "drug";
        if (product_noun && k > stop) {
          int owner = -1;
          if (t[k].possessive) {
            for (const EntityMention& o : ms) if (o.tok_end == k) owner = o.entity;
          } else {
            for (const EntityMention& o : ms) {
              if (o.tok_begin < k && table_.entities[o.entity].type == EntityType::kOrganization) { owner = o.entity; break; }
            }
          }
          if (owner >= 0 && table_.entities[owner].type == EntityType::kOrganization) add("develops", owner, m.entity);
        }
      }
    }
  }

  void ReadSentence(size_t si, const std::vector<EntityMention>& ms) {
    const Sentence& sent = seg_.sentences[si];
    const Block& block = seg_.blocks[sent.block];
    if (block.section == Section::kCover || block.section == Section::kSignature) return;
    if (block.table_row && !block.boilerplate) {
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
    std::vector<DateMention> dates = FindDates(s, ctx_);
    std::vector<bool> date_used(dates.size(), false);
    std::vector<MoneyMention> money = FindMoney(s);
    std::vector<int> orgs = PartiesIn(si, ms, false, false);
    std::vector<AgreementMention> ams = Agreements(si, t, dates, &date_used, orgs);

    // Dates the clause's events happened on.
    if (sent.index_in_block == 0) block_date_.erase(sent.block);
    DateValue sentence_anchor;
    bool weak = false;
    for (size_t d = 0; d < dates.size(); ++d) {
      if (date_used[d] || !dates[d].event_anchor) continue;
      sentence_anchor = dates[d].value;
      weak = dates[d].kind == DateKind::kRelative && FindIgnoreCase(s.substr(dates[d].begin, dates[d].end - dates[d].begin), "today") == std::string::npos;
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
          before.substr(before.size() - kRelease.size()) == kRelease && after.rfind("announcing", 0) == 0) {
        sentence_anchor = dates[d].value;
      }
    }
    DateValue default_date;
    auto bd = block_date_.find(sent.block);
    const bool inherited = bd != block_date_.end();
    if (inherited) {
      default_date = bd->second;
    } else {
      default_date = block.section == Section::kExhibit && !seg_.cover.dateline.empty() ? seg_.cover.dateline : event_date_;
    }
    if (!sentence_anchor.empty() && !weak) block_date_[sent.block] = sentence_anchor;

    // Trigger phrases, and what their requirements ask of the sentence: read
    // only when a phrase is in it (most sentences hold none).
    const std::vector<TriggerMatch> matches = TriggerMatches(lower);
    const bool has_agreement = !ams.empty();
    bool has_money = false, has_amount = false, has_trial = false, has_regulator = false, has_person = false;
    bool has_vote = false, has_auditor = false, has_condition = false;
    int org_count = 0;
    if (!matches.empty()) {
      for (const MoneyMention& m : money) {
        if (!m.per_share && !m.up_to && m.value > 0) has_money = true;
        if (!m.up_to && m.value > 0) has_amount = true;
      }
      for (const Token& k : t) {
        for (std::string_view w : {"trial", "study", "phase", "data", "findings", "patients", "trials"}) {
          has_trial |= EqualsIgnoreCase(k.text, w);
        }
        if (IsRegulatoryWord(k.text)) has_regulator = true;
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
      has_vote = (any_word({"held", "voted", "votes", "approved", "elected", "ratified"}) && !future_meeting) ||
                 block.item == "5.07";
      has_auditor = MentionsAuditor(lower);
      bool modal_may = false;  // not the month ("On May 3, 2013, ... entered into")
      for (size_t k = 0; k < t.size() && !modal_may; ++k) {
        modal_may = EqualsIgnoreCase(t[k].text, "may") && !IsMonthMay(t, k);
      }
      has_condition = any_word({"if", "unless", "in the event", "right to", "circumstances"}) || modal_may;
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
        if (req == "agreement") ok &= has_agreement;
        else if (req == "money") ok &= has_money;
        else if (req == "amount") ok &= has_amount;
        else if (req == "trial") ok &= has_trial;
        else if (req == "regulator") ok &= has_regulator;
        else if (req == "person") ok &= has_person;
        else if (req == "org2") ok &= org_count >= 2;
        else if (req == "vote") ok &= has_vote;
        else if (req == "auditor") ok &= has_auditor;
        else if (req == "factual") ok &= !has_condition;
        else if (req == "current") ok &= !Restated(lower);
      }
      if (!ok) continue;
      // "entered into a Second Amendment (the "Amendment") to the Supply
      // Agreement", "entered into Amendment No. 4 ... to their License
      // Agreement": what was entered is an amendment.
      std::string_view type = r.type;
      if (type == "agreement.entered" && AmendmentNounAfter(t, tok)) type = "agreement.amended";
      // "exercised its right to renew", "exercised its option to extend":
      // the right used, not a possibility.
      bool exercised = tok >= 3 && t[tok - 1].text == "to" &&
                       (t[tok - 2].text == "right" || t[tok - 2].text == "option") &&
                       FindWordLower(lower, "exercised") != std::string_view::npos;
      // "to renew", "allows X to license": possibilities, not events.
      // ... except what was decided: "agreed to extend", "decided to
      // discontinue development", "elected to terminate".
      // "the Securities Act of 1933, as amended", "the Agreement, as extended":
      // what the thing now is, not an event.
      if (tok > 0 && t[tok - 1].text == "as" && r.type.rfind("agreement.", 0) == 0) continue;
      if (!exercised && !DecidedTo(t, tok) && tok > 0 && t[tok - 1].text == "to" && r.type != "financial.results") {
        continue;
      }
      // Settlements are "subject to court approval" and still facts.
      if (!exercised && Conditional(t, tok) && r.type != "financial.results" && r.type != "shareholder.vote" &&
          r.type != "litigation") {
        continue;
      }
      auto& v = fired[std::string(type)];
      if (std::find(v.begin(), v.end(), tok) == v.end()) v.push_back(tok);
    }
    // "Solova granted Vantis an exclusive license to ...": a grant made,
    // with the licensee between the verb and the license.
    for (size_t i = 0; i + 2 < t.size(); ++i) {
      if (GrantedLicenseArticle(t, i) == 0 || (i > 0 && (t[i - 1].text == "be" || t[i - 1].text == "to"))) continue;
      if (Conditional(t, i)) continue;
      // "... pursuant to which the Company granted X a license", "Under the
      // terms of the settlement, X granted Y a license": what an agreement
      // provides, told with the agreement, not a grant of its own.
      bool terms = false;
      for (size_t k = i; k-- > 0 && t[k].text != ";";) terms |= t[k].text == "which" || t[k].text == "terms";
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
        for (auto& pd : per_date) if (!pd.first.empty()) dated.push_back(pd);
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
        dr.weak_date = d.empty() ? (sentence_anchor.empty() ? !inherited : weak) : IsWeak(s, dates, d);
        dr.block = sent.block;
        dr.sentence = static_cast<int>(si);
        FillParties(&dr, si, ms, t, tok);
        auto frame = framed.find(type);
        if (frame != framed.end()) {
          dr.summary = frame->second->action;
          if (frame->second->slot == FrameSlot::kAuditor) AuditorParty(&dr, ms, tok);
        }
        if (!ams.empty() && (type.rfind("agreement.", 0) == 0 || type == "license.granted" || type == "payment")) {
          // The agreement the trigger acts on: the first one after it ("entered
          // into a voting and support agreement"), else the nearest before.
          size_t best = 0;
          size_t best_dist = SIZE_MAX;
          for (size_t a = 0; a < ams.size(); ++a) {
            size_t dist = ams[a].head_tok > tok ? ams[a].head_tok - tok : (tok - ams[a].head_tok) + 8;
            if (dist < best_dist) { best_dist = dist; best = a; }
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
        if (type == "payment" || type == "executive.compensation" || type.rfind("agreement.", 0) == 0 ||
            type == "license.granted" || type == "corporate.transaction" || type == "financial.results" ||
            type == "restructuring" || type == "impairment") {
          dr.amount = PickAmount(money, t, tok, type);
        }
        if (type == "payment" && !dr.amount) continue;
        dr.sources.push_back(MakeSource(si));
        // "Doug Petno, 61, and Troy Rohrbaugh, 56, ... have been elected": one
        // event per person of the listed subject.
        std::vector<int> listed;
        if (type == "executive.change" || type == "executive.compensation") listed = ListedPeople(ms, t, dr.parties);
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

  // True when the person mentioned at `m` is the speaker of a quote: "said
  // Name", or "Name, [title,] said/stated/commented" within a few words.
  static bool Speaker(const std::vector<Token>& t, const EntityMention& m) {
    auto speech = [](std::string_view w) {
      return w == "said" || w == "stated" || w == "commented" || w == "added" || w == "noted" || w == "says";
    };
    if (m.tok_begin > 0 && speech(t[m.tok_begin - 1].text)) return true;
    for (size_t k = m.tok_end; k < t.size() && k < m.tok_end + 12; ++k) {
      if (speech(t[k].text)) return true;
      if (t[k].text == "." || t[k].text == ";" || t[k].text == "\"" || t[k].text == "\xE2\x80\x9C") break;
    }
    return false;
  }

  // A results release's explanation of its figures (results_commentary.tsv):
  // a change verb and an explanation cue in one sentence.
  bool ResultsCommentary(std::string_view lower) const {
    auto any = [&](const std::vector<std::string>& phrases) {
      for (const std::string& p : phrases) {
        if (FindWordLower(lower, p) != std::string_view::npos) return true;
      }
      return false;
    };
    return any(lex_.commentary_changes) && any(lex_.commentary_cues);
  }

  // A sentence that restates figures for an earlier action ("restated to
  // give effect for a 2:1 stock split in March, 2004").
  bool Restated(std::string_view lower) const {
    for (const std::string& p : lex_.restated_cues) {
      if (FindWordLower(lower, p) != std::string_view::npos) return true;
    }
    return false;
  }

  // ---- Item frames (data/lexicon/frames.tsv) ----
  // Every Item with a fixed meaning (items.tsv) reports its event: an Item
  // whose sentences yielded none of its types gets one from its frames, read
  // from the sentence a frame cue is in (else its first sentence), with the
  // registrant as a party, dated by that sentence, else by the cover's date of
  // earliest event. An Item that says nothing happened ("Not applicable",
  // "None") has none. An Item that refers to another ("The information set
  // forth in Item 1.01 is incorporated herein by reference") reports the
  // events of the one it refers to: they get a source from this Item.
  void ItemEvents() {
    std::vector<std::string> order;  // Item numbers of the body, as written, in order
    for (const Block& b : seg_.blocks) {
      if (b.section == Section::kBody && !b.item.empty() && std::find(order.begin(), order.end(), b.item) == order.end()) {
        order.push_back(b.item);
      }
    }
    std::map<std::string, std::vector<size_t>> sentences;
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      const Block& b = seg_.blocks[seg_.sentences[si].block];
      if (b.section != Section::kBody || b.item.empty() || b.heading || b.boilerplate || b.table_row) continue;
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
          if (std::find(types.begin(), types.end(), d.type) == types.end() || d.sources.empty()) continue;
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
      if (pick == SIZE_MAX) pick = ref_sentence != SIZE_MAX ? ref_sentence : !mine.empty() ? mine.front() : sentences[ref].front();
      Draft dr;
      dr.type = rule ? rule->type : info->second.default_type;
      dr.summary = rule ? rule->action : std::string();
      const std::vector<Token>& t = tokens_[pick];
      std::string_view text = seg_.sentences[pick].text;
      std::vector<DateMention> dates = FindDates(text, ctx_);
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
          if (std::find(dr.parties.begin(), dr.parties.end(), p) == dr.parties.end()) dr.parties.push_back(p);
        }
      }
      if (ref_sentence != SIZE_MAX && ref_sentence != pick) dr.sources.push_back(MakeSource(ref_sentence));
      Source src = MakeSource(pick);
      src.item = item;  // read for this Item, from the Item it refers to when it does
      dr.sources.push_back(std::move(src));
      drafts_.push_back(std::move(dr));
    }
  }

  // "Not applicable.", "None.": the Item reports that nothing happened.
  bool NothingHappened(const std::vector<size_t>& mine) const {
    if (mine.size() > 2) return false;
    std::string lower = ToLower(Trim(seg_.sentences[mine.front()].text));
    for (std::string_view none : {"not applicable", "none", "n/a", "no change", "no event"}) {
      if (lower.compare(0, none.size(), none) == 0) return true;
    }
    return false;
  }

  // True when a live draft of one of the Item's types was read from it.
  bool ItemHasEvent(const std::string& item, const ItemInfo& info) const {
    for (const Draft& d : drafts_) {
      if (d.dead) continue;
      if (std::find(info.types.begin(), info.types.end(), d.type) == info.types.end()) continue;
      for (const Source& src : d.sources) {
        if (src.item == item) return true;
      }
    }
    return false;
  }

  // The other Item or the exhibit of this filing sentence `si` (in `item`)
  // refers its reader to ("set forth under Item 1.01", "see Item 2.03",
  // "furnished as Exhibit 99.1"), or "".
  std::string ReferredItem(size_t si, const std::string& item,
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
    for (size_t p = FindIgnoreCase(s, "item "); p != std::string_view::npos; p = FindIgnoreCase(s, "item ", p + 5)) {
      size_t b = p + 5, e = b;
      while (e < s.size() && (IsAsciiDigit(s[e]) || s[e] == '.')) ++e;
      while (e > b && s[e - 1] == '.') --e;
      std::string num(s.substr(b, e - b));
      if (num.empty() || num == item) continue;
      if (sentences.count(num)) return num;
    }
    // "A copy of the press release ... is furnished as Exhibit 99.1".
    for (size_t p = FindIgnoreCase(s, "exhibit "); p != std::string_view::npos; p = FindIgnoreCase(s, "exhibit ", p + 8)) {
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

  // The byte offset of the first cue of `rule` in the lower-cased sentence
  // that states a fact (not after "to" unless decided, not conditional), or npos.
  size_t FrameCueAt(const FrameRule& rule, std::string_view lower, const std::vector<Token>& t) const {
    size_t best = std::string_view::npos;
    for (const FrameCue& cue : rule.cues) {
      for (size_t p = 0; (p = lower.find(cue.phrase, p)) != std::string_view::npos; p += cue.phrase.size()) {
        if (p >= best) break;
        if (p > 0 && IsAsciiAlnum(lower[p - 1])) continue;
        const size_t end = p + cue.phrase.size();
        if (!cue.stem && end < lower.size() && IsAsciiAlnum(lower[end])) continue;
        const size_t tok = TokenAt(t, p);
        if (!DecidedTo(t, tok) && tok > 0 && t[tok - 1].text == "to" && rule.slot != FrameSlot::kRegistrant) continue;
        if (rule.type != "shareholder.vote" && rule.type != "financial.results" && Conditional(t, tok)) continue;
        best = p;
        break;
      }
    }
    return best;
  }

  // True when the lower-cased sentence speaks of an accountant or audit firm.
  static bool MentionsAuditor(std::string_view lower) {
    for (std::string_view w : {"accounting firm", "accountant", "accountants", "auditor", "auditors", "audit firm"}) {
      if (FindWordLower(lower, w) != std::string_view::npos) return true;
    }
    return false;
  }

  // True when the sentence names what the rule's slot asks for.
  bool FrameSlotFilled(const FrameRule& rule, const std::vector<EntityMention>& ms, std::string_view lower) const {
    switch (rule.slot) {
      case FrameSlot::kPerson:
        for (const EntityMention& m : ms) {
          if (table_.entities[m.entity].type == EntityType::kPerson) return true;
        }
        return false;
      case FrameSlot::kAuditor:
        for (const EntityMention& m : ms) {
          const FoundEntity& e = table_.entities[m.entity];
          if (e.type == EntityType::kOrganization && !e.regulator && m.entity != table_.registrant) return true;
        }
        return MentionsAuditor(lower);
      case FrameSlot::kCounterparty:
      case FrameSlot::kRegistrant:
        return true;
    }
    return true;
  }

  void FrameMatches(size_t si, const std::vector<EntityMention>& ms, std::string_view lower,
                    std::map<std::string, std::vector<size_t>>* fired, std::map<std::string, const FrameRule*>* framed) {
    const Block& block = seg_.blocks[seg_.sentences[si].block];
    if (block.section != Section::kBody) return;
    auto it = lex_.frames_by_item.find(Lexicon::ItemKey(block.item));
    if (it == lex_.frames_by_item.end()) return;
    const auto& t = tokens_[si];
    for (size_t r : it->second) {
      const FrameRule& rule = lex_.frames[r];
      if (fired->count(rule.type)) continue;  // a trigger (or an earlier frame) read it
      const size_t at = FrameCueAt(rule, lower, t);
      if (at == std::string_view::npos || !FrameSlotFilled(rule, ms, lower)) continue;
      (*fired)[rule.type].push_back(TokenAt(t, at));
      (*framed)[rule.type] = &rule;
    }
  }

  // An auditor change is about one firm: the registrant and the firm named
  // nearest the cue ("dismissed Ernst & Young LLP ... and engaged Grant
  // Thornton LLP" tells two changes).
  void AuditorParty(Draft* dr, const std::vector<EntityMention>& ms, size_t tok) const {
    int best = -1;
    size_t best_dist = SIZE_MAX;
    for (const EntityMention& m : ms) {
      const FoundEntity& e = table_.entities[m.entity];
      if (e.type != EntityType::kOrganization || e.regulator || m.entity == table_.registrant) continue;
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

  // The other people of the list the person in `parties` is written in:
  // "A, 61, and B, 56," or "A and B" (names joined by commas, "and" and ages
  // only).
  std::vector<int> ListedPeople(const std::vector<EntityMention>& ms, const std::vector<Token>& t,
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
        std::string_view w = t[k].text;
        bool age = w.size() == 2 && IsAsciiDigit(w[0]) && IsAsciiDigit(w[1]);
        if (w != "and" && w != "," && !age) return false;
      }
      return true;
    };
    for (size_t at = 0; at < people.size(); ++at) {
      if (people[at]->entity != person) continue;
      for (size_t i = at; i > 0 && joined(people[i - 1], people[i]); --i) out.push_back(people[i - 1]->entity);
      for (size_t i = at; i + 1 < people.size() && joined(people[i], people[i + 1]); ++i) out.push_back(people[i + 1]->entity);
    }
    std::vector<int> uniq;
    for (int p : out) {
      if (p != person && std::find(uniq.begin(), uniq.end(), p) == uniq.end()) uniq.push_back(p);
    }
    return uniq;
  }

  struct TriggerMatch {
    size_t rule;  //!< index into Lexicon::triggers
    size_t at;    //!< byte offset of the phrase in the sentence
  };

  // Where the trigger phrases occur in the lower-cased sentence `lower`, as
  // FindWordLower finds them phrase by phrase (at word boundaries, each
  // phrase's matches never overlapping one another), in no particular order.
  std::vector<TriggerMatch> TriggerMatches(std::string_view lower) const {
    std::vector<TriggerMatch> out;
    for (size_t rule : lex_.triggers_unindexed) {
      const std::string& phrase = lex_.triggers[rule].phrase;
      for (size_t p = 0; (p = FindWordLower(lower, phrase, p)) != std::string_view::npos; p += phrase.size()) {
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

  // A compensation table row: "Erik B. Nordstrom Chief Executive Officer\t$—\t$758,500".
  void TableRow(size_t si) {
    const Sentence& sent = seg_.sentences[si];
    std::vector<std::string_view> cells = Split(sent.text, '\t');
    if (cells.size() < 2) return;
    std::vector<Token> first = Tokenize(cells[0]);
    std::vector<EntityMention> ms = table_.Mentions(first);
    int person = -1;
    for (const EntityMention& m : ms) {
      if (m.tok_begin == 0 && table_.entities[m.entity].type == EntityType::kPerson) person = m.entity;
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

  // A date is weak when only a relative mention gives it ("last month"),
  // except "today", which is the day the text was dated.
  static bool IsWeak(std::string_view s, const std::vector<DateMention>& dates, const DateValue& d) {
    bool relative = false;
    for (const DateMention& m : dates) {
      if (!(m.value == d)) continue;
      if (m.kind != DateKind::kRelative) return false;
      relative |= FindIgnoreCase(s.substr(m.begin, m.end - m.begin), "today") == std::string::npos;
    }
    return relative;
  }

  // The event date for a trigger at `tok`: the nearest unused event-anchor
  // date in the same clause, preferring one right after the verb phrase
  // ("renewed by Genentech in 2005") or opening the clause ("In December
  // 2005, Genentech licensed").
  DateValue NearestDate(const std::vector<Token>& t, const std::vector<DateMention>& dates,
                        const std::vector<bool>& used, size_t tok) const {
    long best = -1;
    long best_score = 1 << 30;
    for (size_t d = 0; d < dates.size(); ++d) {
      if (used[d]) continue;
      const DateMention& m = dates[d];
      if (!m.event_anchor) continue;
      if (m.kind == DateKind::kPeriodEnd || m.kind == DateKind::kFiscal) continue;
      std::string_view cue = m.cue;
      if (cue.find("expire") != std::string_view::npos || cue == "ends" || cue == "through" || cue == "until" ||
          cue == "ended" || cue == "ending" || cue == "as of" || cue == "dated" || cue == "dated as of") {
        continue;
      }
      size_t dt = TokenAt(t, m.begin);
      long dist = static_cast<long>(dt) - static_cast<long>(tok);
      // Clause boundaries between trigger and date cost extra.
      size_t lo = std::min(dt, tok), hi = std::max(dt, tok);
      int boundaries = 0;
      for (size_t k = lo; k < hi && k < t.size(); ++k) {
        if (t[k].text == ";" || (t[k].text == "and" && k + 1 < t.size() && k > lo && IsVerbish(t[k + 1].text))) ++boundaries;
      }
      long score = dist >= 0 ? dist : (m.event_anchor ? -dist : -dist * 2);  // clause-initial "In December 2005,"
      score += boundaries * 40;
      if (score < best_score) {
        best_score = score;
        best = static_cast<long>(d);
      }
    }
    if (best < 0) return {};
    return dates[best].value;
  }

  static bool IsVerbish(std::string_view w) {
    if (w.size() < 4) return false;
    std::string l = ToLower(w);
    return l.compare(l.size() - 2, 2, "ed") == 0 || l == "has" || l == "have" || l == "was" || l == "will";
  }

  std::optional<MoneyMention> PickAmount(const std::vector<MoneyMention>& money, const std::vector<Token>& t, size_t tok,
                                         const std::string& type) const {
    std::optional<MoneyMention> best;
    size_t best_dist = SIZE_MAX;
    bool dividend = false;
    for (const Token& k : t) dividend |= k.text == "dividend" || k.text == "dividends";
    for (const MoneyMention& m : money) {
      // "up to $1.5 billion" is a facility's size, not money that moved.
      if (m.value <= 0 || (m.up_to && (type == "payment" || type == "executive.compensation"))) continue;
      // A dividend is paid per share: "a quarterly cash dividend of $0.03 per share".
      if (m.per_share && type != "corporate.transaction" && type != "financial.results" && !dividend) continue;
      size_t mt = TokenAt(t, m.begin);
      if (Conditional(t, mt) && type == "payment") continue;
      // "par value $0.001 per share" describes the stock, not the deal.
      bool par = false;
      for (size_t k = mt >= 3 ? mt - 3 : 0; k < mt; ++k) par |= t[k].text == "par";
      if (par) continue;
      size_t dist = mt > tok ? mt - tok : (tok - mt) * 2;
      if (dist < best_dist) {
        best_dist = dist;
        best = m;
      }
    }
    return best;
  }

  void FillParties(Draft* dr, size_t si, const std::vector<EntityMention>& ms, const std::vector<Token>& t, size_t tok) {
    const std::string& type = dr->type;
    bool regulators = type == "regulatory";
    bool people = type.rfind("executive.", 0) == 0 || type == "corporate.transaction" || type == "litigation" ||
                  type.rfind("agreement.", 0) == 0 || type == "payment";
    dr->parties = PartiesIn(si, ms, regulators, people);
    // The person quoted ("..., said Gary Stern, President", "Eldon Miller,
    // chairman, stated") speaks of the event; he is no party to a deal.
    if (type != "executive.change" && type != "executive.compensation") {
      for (const EntityMention& m : ms) {
        if (table_.entities[m.entity].type != EntityType::kPerson || !Speaker(t, m)) continue;
        dr->parties.erase(std::remove(dr->parties.begin(), dr->parties.end(), m.entity), dr->parties.end());
      }
    }
    int reg = table_.registrant;
    bool registrant_only = type == "financial.results" || type == "shareholder.vote" || type == "governance.change" ||
                           type == "financial.restatement" || type == "bankruptcy" || type == "restructuring" ||
                           type == "impairment" || type == "listing.notice" || type == "security.incident";
    if (registrant_only && reg >= 0) {
      dr->parties = {reg};
      return;
    }
    if ((type.rfind("executive.", 0) == 0 || type == "auditor.change" || type == "control.change" || type == "litigation") && reg >= 0 &&
        std::find(dr->parties.begin(), dr->parties.end(), reg) == dr->parties.end()) {
      dr->parties.insert(dr->parties.begin(), reg);
    }
    if (type == "executive.change" || type == "executive.compensation") {
      // Only the people near the trigger: a sentence naming a whole board is one event per person.
      std::vector<int> keep;
      for (int p : dr->parties) if (table_.entities[p].type != EntityType::kPerson) keep.push_back(p);
      size_t best_dist = SIZE_MAX;
      int best = -1;
      for (const EntityMention& m : ms) {
        if (table_.entities[m.entity].type != EntityType::kPerson) continue;
        size_t dist = m.tok_begin > tok ? m.tok_begin - tok : tok - m.tok_begin;
        if (dist < best_dist) { best_dist = dist; best = m.entity; }
      }
      if (best >= 0) keep.push_back(best);
      dr->parties = keep;
    }
    bool two_sided = type.rfind("agreement.", 0) == 0 || type == "license.granted" || type == "payment" || type == "clinical";
    int commercial = 0;
    for (int p : dr->parties) commercial += !table_.entities[p].regulator && table_.entities[p].type == EntityType::kOrganization;
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
      if (commercial < 2 && reg >= 0 && std::find(dr->parties.begin(), dr->parties.end(), reg) == dr->parties.end() &&
          commercial == 1) {
        dr->parties.push_back(reg);
      }
    }
    if (dr->parties.empty() && reg >= 0) dr->parties.push_back(reg);
    // Roles.
    if (type == "payment") {
      for (size_t k = tok; k + 1 < t.size() && k < tok + 12; ++k) {
        if (t[k].text == "to") {
          for (const EntityMention& m : ms) if (m.tok_begin == k + 1) dr->roles[m.entity] = "payee";
        }
      }
      for (const EntityMention& m : ms) {
        if (m.tok_end < t.size() && m.tok_end + 1 < t.size() && (t[m.tok_end].text == "received" || t[m.tok_end].text == "earned")) dr->roles[m.entity] = "payee";
      }
      if (!dr->roles.empty()) {
        for (int p : dr->parties) if (!dr->roles.count(p) && table_.entities[p].type == EntityType::kOrganization) dr->roles[p] = "payer";
      }
    } else if (type == "license.granted") {
      for (const EntityMention& m : ms) {
        if (m.tok_end < t.size() && t[m.tok_end].possessive) dr->roles[m.entity] = "licensor";
        else if (m.tok_end < t.size() && StartsWithIgnoreCase(t[m.tok_end].text, "licens")) dr->roles[m.entity] = "licensee";
      }
    }
  }

  // A dated agreement reference is itself a telling of the agreement's entry.
  // True when the words after "entered into" at `tok` name an amendment
  // ("a Second Amendment", "Amendment No. 4", "an amendment") before any
  // agreement head.
  static bool AmendmentNounAfter(const std::vector<Token>& t, size_t tok) {
    size_t k = tok;
    while (k < t.size() && t[k].text != "into") ++k;  // the trigger's own words
    for (size_t e = std::min(t.size(), k + 5); ++k < e;) {
      std::string_view w = t[k].text;
      if (EqualsIgnoreCase(w, "amendment")) return true;
      if (EqualsIgnoreCase(w, "agreement") || EqualsIgnoreCase(w, "agreements")) return false;
    }
    return false;
  }

  // True when sentence `si` is inside a filed contract (an EX-10 exhibit).
  // Legal instruments are filed as EX-1 (underwriting agreements), EX-2
  // (plans of acquisition and merger), EX-3 (charters and bylaws), EX-4
  // (indentures, notes) and EX-10 (material contracts).
  bool InContract(size_t si) const { return contract_block_[seg_.sentences[si].block]; }

  bool ContractItem(std::string_view item) const {
    if (!StartsWithIgnoreCase(item, "EX-")) return false;
    if (contract_exhibits_.count(std::string(item))) return true;
    item.remove_prefix(3);
    size_t n = 0;
    while (n < item.size() && IsAsciiDigit(item[n])) ++n;
    std::string_view num = item.substr(0, n);
    return num == "1" || num == "2" || num == "3" || num == "4" || num == "10";
  }

  // A contract filed under another exhibit number (a merger agreement as
  // EX-99.2): one of its first headings names it ("AGREEMENT AND PLAN OF
  // MERGER", "INDENTURE"), or it is written in clauses: a quarter or more
  // of its (at least 20) sentences say "shall".
  void FindContractExhibits() {
    std::map<std::string, std::pair<int, int>> shall;  // exhibit -> (sentences, with "shall")
    std::map<std::string, int> headings;
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      const Block& b = seg_.blocks[seg_.sentences[si].block];
      if (b.section != Section::kExhibit || b.item.empty()) continue;
      std::string_view s = seg_.sentences[si].text;
      if (b.heading) {
        if (headings[b.item]++ < 6 && !std::any_of(s.begin(), s.end(), IsAsciiLower) &&
            (s.find("AGREEMENT") != std::string_view::npos || s.find("INDENTURE") != std::string_view::npos ||
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

  // True when the sentence has the word "shall" (or "Shall", "SHALL"): three
  // memchr-driven searches, where a case-folding scan of every exhibit
  // sentence cost more.
  static bool SaysShall(std::string_view s) {
    for (std::string_view w : {"shall", "Shall", "SHALL"}) {
      for (size_t p = s.find(w); p != std::string_view::npos; p = s.find(w, p + 1)) {
        const bool left = p == 0 || !IsAsciiAlnum(s[p - 1]);
        const bool right = p + w.size() == s.size() || !IsAsciiAlnum(s[p + w.size()]);
        if (left && right) return true;
      }
    }
    return false;
  }

  // Inside a contract every clause names "this Agreement"; only its preamble
  // ("This Agreement is made as of ... by and between ...") tells its making.
  // Clauses ("may not be modified or extended except by a writing signed by
  // both parties") are terms.
  bool ContractPreamble(size_t si) const {
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

  void ImpliedEntered(size_t si, const std::vector<AgreementMention>& ams) {
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

  // Agreement events and licenses that carry no amount take the amount of a
  // payment told in the same paragraph ("renewed ... by payment of a $2
  // million fee").
  void AttachAmounts() {
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
        if (before.size() <= 6 && !before.empty() && IsAsciiLower(before[0]) && before != "for" && before != "the") p = b;
      }
      size_t e = text.find_first_of(",.;", p);
      std::string_view phrase = text.substr(p, std::min<size_t>(e == std::string_view::npos ? text.size() - p : e - p, 40));
      size_t cut = phrase.find(" by ");
      if (cut != std::string_view::npos) phrase = phrase.substr(0, cut);
      d.summary = (d.type == "agreement.renewed" ? "renewed for " : "extended for ") + std::string(phrase);
    }
    for (Draft& d : drafts_) {
      if (d.amount || (d.type != "agreement.renewed" && d.type != "agreement.extended" && d.type != "license.granted")) continue;
      for (const Draft& p : drafts_) {
        if (p.type != "payment" || p.block != d.block || !p.amount || p.sentence < d.sentence || p.sentence > d.sentence + 2) continue;
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
      for (const Draft& p : drafts_) {
        if ((p.type != "payment" && p.type != "executive.compensation") || p.block != d.block || !p.amount ||
            p.sentence <= d.sentence || p.sentence > d.sentence + 2 || p.sources.empty()) {
          continue;
        }
        std::string_view q = p.sources.front().quote;
        bool names = !g.title.empty() && q.find(g.title) != std::string_view::npos;
        for (const std::string& a : g.aliases) names |= a.size() > 4 && q.find(a) != std::string_view::npos;
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
        if (at == std::string_view::npos || FindWordIgnoreCase(s, "each share") == std::string_view::npos) continue;
        for (const MoneyMention& m : FindMoney(s)) {
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

  static bool Subset(const std::vector<int>& a, const std::vector<int>& b) {
    for (int x : a) if (std::find(b.begin(), b.end(), x) == b.end()) return false;
    return true;
  }

  static std::string Family(const std::string& type) {
    if (type == "agreement.amended" || type == "agreement.extended") return "agreement.extended";
    return type;
  }

  // One event per real-world event within the filing.
  // One contract told three ways in one filing: the Item ("a new consulting
  // agreement (the "Loeb Consulting Agreement")"), the exhibit index
  // ("Consulting Agreement, dated January 6, 2025, by and between ...") and
  // the exhibit itself ("This Consulting Agreement is made as of this 6th
  // day of January, 2025"). Agreements of the same kind, dated the same day,
  // whose parties are one a subset of the other's, are the same agreement:
  // the later-found one is folded into the first (its title becomes an
  // alias), and every draft that named it names the first.
  void UnifyAgreements() {
    std::vector<int> into(agreements_.size());
    for (size_t a = 0; a < agreements_.size(); ++a) into[a] = static_cast<int>(a);
    auto subset = [](const std::vector<int>& x, const std::vector<int>& y) {
      return std::includes(y.begin(), y.end(), x.begin(), x.end());
    };
    // The day each agreement was made: its own date ("dated as of"), else
    // the day its entry is told ("On January 6, 2025, ... entered into").
    std::vector<DateValue> day(agreements_.size());
    for (size_t a = 0; a < agreements_.size(); ++a) day[a] = agreements_[a].dated;
    for (const Draft& d : drafts_) {
      if (d.type != "agreement.entered" || d.agreement < 0 || d.weak_date || d.date.day == 0) continue;
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

  void MergeDrafts() {
    for (Draft& d : drafts_) {
      std::vector<int> ps = d.parties;
      std::sort(ps.begin(), ps.end());
      d.parties = ps;
    }
    auto absorb = [&](Draft& into, Draft& from) {
      for (const Source& s : from.sources) {
        bool have = false;
        for (const Source& x : into.sources) have |= x.quote == s.quote;
        if (!have) into.sources.push_back(s);
      }
      if (!into.amount && from.amount) into.amount = from.amount;
      if (into.summary.empty()) into.summary = from.summary;
      if (into.agreement < 0) into.agreement = from.agreement;
      for (auto& [k, v] : from.roles) into.roles.emplace(k, v);
      for (int p : from.parties) {
        if (std::find(into.parties.begin(), into.parties.end(), p) == into.parties.end()) into.parties.push_back(p);
      }
      std::sort(into.parties.begin(), into.parties.end());
      from.dead = true;
    };
    // Money paid to a named person is their compensation.
    for (Draft& d : drafts_) {
      if (d.type != "payment") continue;
      bool person = false;
      for (int p : d.parties) person |= table_.entities[p].type == EntityType::kPerson;
      std::string_view q = d.sources.empty() ? std::string_view() : std::string_view(d.sources[0].quote);
      bool pay_words = FindWordIgnoreCase(q, "salary") != std::string_view::npos || FindWordIgnoreCase(q, "retainer") != std::string_view::npos ||
                       FindWordIgnoreCase(q, "compensation") != std::string_view::npos;
      if (person || pay_words) {
        d.type = "executive.compensation";
        if (table_.registrant >= 0 && std::find(d.parties.begin(), d.parties.end(), table_.registrant) == d.parties.end()) {
          d.parties.push_back(table_.registrant);
          std::sort(d.parties.begin(), d.parties.end());
        }
      }
    }
    // "The Compensation Committee approved the base salaries of the named
    // executive officers, as set forth below": the per-person events (the
    // table's rows) tell it; the company-only reading is their heading.
    for (Draft& d : drafts_) {
      if (d.type != "executive.compensation" || d.dead) continue;
      bool person = false;
      for (int p : d.parties) person |= table_.entities[p].type == EntityType::kPerson;
      if (person) continue;
      for (const Draft& o : drafts_) {
        if (&o == &d || o.dead || o.type != "executive.compensation" || !(o.date == d.date)) continue;
        bool other_person = false;
        for (int p : o.parties) other_person |= table_.entities[p].type == EntityType::kPerson;
        if (other_person) {
          d.dead = true;
          break;
        }
      }
    }
    // One sentence telling an acquisition agreement is a transaction; telling
    // any other agreement (a commitment letter, a support agreement) it is
    // the agreement's entry.
    for (Draft& e : drafts_) {
      if (e.type != "agreement.entered" || e.dead) continue;
      for (Draft& c : drafts_) {
        if (c.type != "corporate.transaction" || c.dead || c.sentence != e.sentence) continue;
        const std::string& kind = e.agreement >= 0 ? agreements_[e.agreement].kind : std::string();
        if (kind == "settlement") continue;  // see below: the lawsuit's settlement
        if (kind == "merger" || kind == "purchase") {
          e.dead = true;
          if (!c.amount) c.amount = e.amount;
          // The transaction is the agreement's story: its entry date, and
          // `agreement ID` lists it.
          if (c.agreement < 0) c.agreement = e.agreement;
          FoundAgreement& g = agreements_[e.agreement];
          if (g.dated.empty() && !e.weak_date && e.date.day != 0) g.dated = e.date;
        } else {
          c.dead = true;
        }
      }
    }
    // "entered into a settlement agreement resolving the lawsuit": one
    // event, the litigation's settlement, with the agreement it was settled by.
    for (Draft& e : drafts_) {
      if (e.type != "agreement.entered" || e.dead || e.agreement < 0 || agreements_[e.agreement].kind != "settlement") continue;
      for (Draft& c : drafts_) {
        if (c.type != "litigation" || c.dead || c.sentence != e.sentence) continue;
        e.dead = true;
        if (c.agreement < 0) c.agreement = e.agreement;
        if (!c.amount) c.amount = e.amount;
        for (int p : e.parties) {
          if (std::find(c.parties.begin(), c.parties.end(), p) == c.parties.end()) c.parties.push_back(p);
        }
        std::sort(c.parties.begin(), c.parties.end());
        break;
      }
    }
    // Amended + extended of one agreement in one filing are one extension.
    for (Draft& d : drafts_) {
      if (d.type != "agreement.amended" || d.agreement < 0) continue;
      for (const Draft& e : drafts_) {
        if (e.type == "agreement.extended" && e.agreement == d.agreement) d.type = "agreement.extended";
      }
    }
    // A weakly dated telling ("recently", or no date at all) is a retelling
    // of the latest firmly dated event of its kind up to that date.
    for (Draft& b : drafts_) {
      if (!b.weak_date || b.dead) continue;
      Draft* best = nullptr;
      for (Draft& a : drafts_) {
        if (&a == &b || a.dead || a.weak_date || Family(a.type) != Family(b.type)) continue;
        if (!(Subset(b.parties, a.parties) || Subset(a.parties, b.parties))) continue;
        if (a.agreement >= 0 && b.agreement >= 0 && a.agreement != b.agreement) continue;
        if (a.amount && b.amount && std::abs(a.amount->value - b.amount->value) > 0.5) continue;
        std::string ad = a.date.Iso(), bd = b.date.Iso();
        if (ad.empty() || bd.empty() || ad.substr(0, std::min(ad.size(), bd.size())) > bd.substr(0, std::min(ad.size(), bd.size()))) continue;
        if ((b.date.year - a.date.year) * 12 + (b.date.month - a.date.month) > 13) continue;
        if (!best || best->date.Iso() < ad) best = &a;
      }
      if (best) absorb(*best, b);
    }
    for (size_t i = 0; i < drafts_.size(); ++i) {
      Draft& a = drafts_[i];
      if (a.dead) continue;
      for (size_t j = 0; j < drafts_.size(); ++j) {
        if (i == j) continue;
        Draft& b = drafts_[j];
        if (b.dead || a.dead || Family(a.type) != Family(b.type)) continue;
        bool same_agreement = a.agreement >= 0 && a.agreement == b.agreement;
        bool agreements_ok = a.agreement < 0 || b.agreement < 0 || same_agreement;
        if (!agreements_ok) continue;
        bool results = a.type == "financial.results" || a.type == "shareholder.vote";
        // A firm is dismissed or engaged once: the board's approval and the
        // engagement's effective day are one change.
        bool auditor = a.type == "auditor.change" && a.parties == b.parties && a.parties.size() >= 2;
        bool parties_eq = a.parties == b.parties;
        bool dates_ok = a.date.CompatibleWith(b.date);
        bool lifecycle = a.type.rfind("agreement.", 0) == 0 && same_agreement && (a.type != "agreement.entered" || dates_ok);
        bool merge = false;
        if ((results && parties_eq) || auditor) merge = true;
        else if (lifecycle) merge = true;
        else if (parties_eq && dates_ok) merge = true;
        if (!merge) continue;
        // Keep the more precise (or the stronger, or the earlier) date.
        bool take_b = false;
        if (results) take_b = false;
        else if (auditor) take_b = !b.sources.empty() && FindWordIgnoreCase(b.sources[0].quote, "effective") != std::string_view::npos;
        else if (a.weak_date && !b.weak_date) take_b = true;
        else if (!a.weak_date && b.weak_date) take_b = false;
        else if (dates_ok && ((b.date.day && !a.date.day) || (b.date.month && !a.date.month))) take_b = true;
        else if (lifecycle && !dates_ok && b.date.Iso() < a.date.Iso()) take_b = true;
        if (take_b) {
          a.date = b.date;
          a.weak_date = b.weak_date;
          if (Family(a.type) == "agreement.extended" && b.type == "agreement.extended") a.type = b.type;
        }
        if (a.type == "agreement.amended" && b.type == "agreement.extended") a.type = "agreement.extended";
        absorb(a, b);
      }
    }
  }

  // ---- output ----
  std::string AgreementName(const FoundAgreement& g) const {
    if (!g.title.empty()) return g.title;
    std::string cue = g.cue;
    if (cue.empty() || cue == "agreement") return g.kind == "agreement" ? "agreement" : g.kind + " agreement";
    if (cue.find("agreement") != std::string::npos || cue.find("letter") != std::string::npos || cue.find("plan") != std::string::npos) return cue;
    if (cue.find("rights to test") != std::string::npos || cue.find("right to test") != std::string::npos) return "technology access agreement";
    return cue + " agreement";
  }

  // The dated former names the header gives for a company (by its CIK).
  std::vector<FormerName> FormerNamesOf(const FoundEntity& fe) const {
    std::vector<FormerName> out;
    if (fe.type != EntityType::kOrganization || fe.cik.empty()) return out;
    auto take = [&](const HeaderCompany& c) {
      if (c.cik != fe.cik) return;
      for (const HeaderCompany::FormerName& f : c.former_names) {
        bool have = false;
        for (const FormerName& x : out) have |= x.name == f.name;
        if (!have) out.push_back(FormerName{f.name, f.changed});
      }
    };
    for (const HeaderCompany& c : doc_.header.filers) take(c);
    for (const HeaderCompany& c : doc_.header.others) take(c);
    return out;
  }

  Result<FilingExtract> Build() {
    // Entities that are worth keeping: products need more evidence for than against.
    std::vector<bool> keep(table_.entities.size(), true);
    for (size_t i = 0; i < table_.entities.size(); ++i) {
      const FoundEntity& e = table_.entities[i];
      if (e.type == EntityType::kProduct && e.product_evidence < 0) keep[i] = false;
    }
    std::vector<std::string> ids(table_.entities.size());
    for (size_t i = 0; i < table_.entities.size(); ++i) {
      const FoundEntity& fe = table_.entities[i];
      ids[i] = fe.id;
      if (!keep[i]) continue;
      Entity e;
      e.id = fe.id;
      e.type = fe.type;
      e.name = fe.name;
      e.aliases = fe.aliases;
      e.cik = fe.cik;
      e.title = fe.title;
      e.former_names = FormerNamesOf(fe);
      e.sources.push_back(Source{source_filing_, "", "", filed_});
      out_.entities.push_back(std::move(e));
      if (fe.type == EntityType::kPerson && !fe.title.empty()) {
        int employer = fe.employer >= 0 ? fe.employer : table_.registrant;
        if (employer >= 0) {
          Relation r{"officer_of", fe.id, table_.entities[employer].id, fe.title, {Source{source_filing_, "", "", filed_}}};
          out_.relations.push_back(std::move(r));
        }
      }
    }
    for (const FoundRelation& r : table_.relations) {
      Relation rel{r.type, ids[r.from], ids[r.to], r.role, {MakeSource(r.sentence)}};
      out_.relations.push_back(std::move(rel));
    }
    // Agreements.
    std::vector<std::string> ag_ids(agreements_.size());
    // An agreement whose own date is not written takes the day its entry is
    // told ("today announced that it has entered into a License Agreement"),
    // so a later filing's "the License Agreement, dated as of May 5, 2003"
    // names the same agreement.
    for (const Draft& d : drafts_) {
      if (d.dead || d.type != "agreement.entered" || d.agreement < 0 || d.weak_date || d.date.empty()) continue;
      FoundAgreement& g = agreements_[d.agreement];
      if (g.dated.empty()) g.dated = d.date;
    }
    for (size_t a = 0; a < agreements_.size(); ++a) {
      if (a < agreement_into_.size() && agreement_into_[a] != static_cast<int>(a)) continue;  // folded (UnifyAgreements)
      FoundAgreement& g = agreements_[a];
      std::string pid;
      for (int p : g.parties) pid += (pid.empty() ? "" : "+") + ids[p].substr(ids[p].find(':') + 1);
      std::string id = AgreementId(pid, g.kind, g.dated.year, g.title.empty() ? "" : Slug(g.title));
      ag_ids[a] = id;
      Entity e;
      e.id = id;
      e.type = EntityType::kAgreement;
      e.name = AgreementName(g);
      e.aliases = g.aliases;
      e.title = g.kind;
      e.dated = g.dated.Iso();
      e.term = g.term;
      for (int p : g.parties) e.parties.push_back(ids[p]);
      e.sources = g.sources;
      // Expiry as written; the lifecycle (graph/query.h) recomputes it from
      // the term, renewals and extensions across filings.
      e.expires = g.expires.Iso();
      out_.entities.push_back(std::move(e));
    }
    // Events.
    for (const Draft& d : drafts_) {
      if (d.dead) continue;
      Event ev;
      ev.type = d.type;
      ev.date = d.date.Iso();
      for (int p : d.parties) {
        auto r = d.roles.find(p);
        ev.parties.push_back(Party{ids[p], r == d.roles.end() ? "" : r->second});
      }
      if (d.agreement >= 0) ev.agreement_id = ag_ids[d.agreement];
      if (d.amount) ev.amount = Money{d.amount->value, d.amount->currency, d.amount->per_share};
      ev.sources = d.sources;
      ev.summary = d.summary;
      std::string key = ev.type + "|" + ev.date + "|" + ev.agreement_id;
      for (const Party& p : ev.parties) key += "|" + p.entity_id;
      key += "|" + out_.filing.id;
      ev.id = "ev:" + Hex64(Hash64(key));
      out_.events.push_back(std::move(ev));
    }
    return std::move(out_);
  }

  const Document& doc_;
  const Lexicon& lex_;
  Segmented seg_;
  std::vector<std::vector<Token>> tokens_;
  EntityTable table_;
  FilingExtract out_;
  std::string source_filing_;
  std::string filed_;
  DateValue event_date_;
  DateContext ctx_;
  std::vector<FoundAgreement> agreements_;
  std::vector<int> agreement_into_;  //!< agreement -> the agreement it was folded into (itself if kept)
  std::map<int, int> last_agreement_in_block_;
  int last_agreement_ = -1;
  std::map<int, DateValue> block_date_;
  std::set<std::pair<int, int>> implied_;
  std::vector<Draft> drafts_;
  std::set<std::string> contract_exhibits_;  //!< exhibits (by item) that are contracts: FindContractExhibits
  std::vector<int8_t> boilerplate_;          //!< per sentence: Boilerplate() as ReadSentence found it, -1 unread
  std::vector<bool> contract_block_;         //!< per block: inside a contract (InContract)
};

}  // namespace

Result<FilingExtract> ExtractFiling(const Document& doc) { return Extractor(doc).Run(); }

std::string FilingId(const Document& doc) {
  return FilingIdOf(doc, doc.header.accession.empty() ? Hash64(doc.text) : 0);
}

}  // namespace dealgraph
