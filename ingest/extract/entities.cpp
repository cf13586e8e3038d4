#include "ingest/extract/entities.h"

#include <algorithm>
#include <unordered_set>

#include "common/names.h"
#include "common/strings.h"
#include "ingest/extract/lexicon.h"

namespace dealgraph {

namespace {

// True when FoldSpaces(s) == s: single spaces between words, none at the ends.
bool IsFolded(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsSpace(s[i]) && (s[i] != ' ' || i == 0 || i + 1 == s.size() || IsSpace(s[i + 1]))) return false;
  }
  return true;
}

// FoldSpaces(s), copying `s` as it is when it is folded already (most names
// are), which is cheaper than folding it byte by byte.
std::string Folded(std::string_view s) { return IsFolded(s) ? std::string(s) : FoldSpaces(s); }

std::string Join(const std::vector<Token>& t, size_t b, size_t e, std::string_view sentence) {
  if (b >= e) return "";
  return Folded(sentence.substr(t[b].begin, t[e - 1].end() - t[b].begin));
}

// A corporate suffix ("Inc.", "plc"; also upper-case spellings such as
// "INC.", "CORP", "LLC"), from the flags Tokenize looked up.
bool IsSuffixTok(const Token& t) {
  if (t.text().empty() || t.text().size() > 12) return false;
  if (t.lex & kLexSuffix) return true;
  return (t.lex & kLexSuffixUpper) && std::none_of(t.text().begin(), t.text().end(), IsAsciiLower);
}

bool IsConnector(std::string_view w) { return w == "&" || w == "of" || w == "de" || w == "du" || w == "la"; }

// A token that can be part of a proper name.
bool NameLike(const Lexicon&, const Token& t) {
  if (!t.word) return false;
  if (std::all_of(t.text().begin(), t.text().end(), [](char c) { return IsAsciiDigit(c) || c == '.' || c == ','; })) return false;
  if (t.cap || t.all_caps) return true;
  if (t.has_digit && !t.has_lower) return true;
  // Lower-case brands with a hyphen: "sanofi-aventis"; "bluebird".
  if (t.text().find('-') != std::string_view::npos && !t.has_digit) {
    bool letters_only = std::all_of(t.text().begin(), t.text().end(), [](char c) { return IsAsciiAlpha(c) || c == '-'; });
    return letters_only && t.text().size() >= 6 && !(t.lex & kLexStop);
  }
  // "iPhone", "eBay", "huN901": lower first letter, capitals later.
  if (IsAsciiLower(t.text()[0]) && t.text().size() > 2 && std::any_of(t.text().begin() + 1, t.text().end(), IsAsciiUpper)) return true;
  return false;
}

bool IsStop(const Lexicon&, const Token& t) { return (t.lex & kLexStop) != 0; }

// Walks back from token `end` (exclusive) over a proper-name run; returns the
// first token of the run (== end when none).
size_t NameRunStart(const Lexicon& lex, const std::vector<Token>& t, size_t end, size_t max_len = 6) {
  size_t b = end;
  while (b > 0 && end - b < max_len) {
    const Token& p = t[b - 1];
    // A lower-case brand ("sanofi-aventis") only right before the suffix.
    bool lower_brand = !p.cap && !p.all_caps && !(p.has_digit && !p.has_lower);
    // "Ernst & Young LLP", "Deloitte & Touche LLP": "&" joins a name. ("of"
    // stays a stop here: "Restated Bylaws of Biogen Inc." is no company.)
    bool connector = p.text() == "&" && b >= 2 && NameLike(lex, t[b - 2]) && !IsStop(lex, t[b - 2]);
    // "Bank of Tokyo-Mitsubishi UFJ": "of" after an institution's head word.
    const bool of_head = (p.text() == "of" || p.text() == "OF") && b >= 2 && lex.of_heads.count(t[b - 2].text()) > 0;
    if (of_head && b != end) {
      --b;
      continue;
    }
    if (lower_brand && b != end && !connector) break;
    // A title word inside a name ("Morgan Stanley Senior Funding, Inc.") has a
    // name word before it; one that opens the run ("President Acme Inc.") is
    // the title of someone.
    const bool inner_title = (p.lex & kLexTitle) && b >= 2 && NameLike(lex, t[b - 2]) &&
                             !IsStop(lex, t[b - 2]) && !(t[b - 2].lex & kLexTitle) && b != end;
    if (NameLike(lex, p) && !IsStop(lex, p) && !(p.lex & kLexExchange) &&
        (!(p.lex & kLexTitle) || inner_title)) {
      --b;
      continue;
    }
    if ((p.word || p.text() == "&") && IsConnector(p.text()) && b < end && b >= 2 && NameLike(lex, t[b - 2]) && !IsStop(lex, t[b - 2])) {
      --b;
      continue;
    }
    break;
  }
  // A run never starts with a connector, nor with the suffix of the name
  // before it ("Inc. Kinnard Investments") or an "AND" of a list.
  while (b < end && (IsConnector(t[b].text()) || IsSuffixTok(t[b]) || t[b].text() == "AND")) ++b;
  // "ACQUISITION OF KINNARD INVESTMENTS, INC.": the deal is not the name.
  while (b + 2 < end && EqualsIgnoreCase(t[b + 1].text(), "of") && lex.deal_nouns.count(ToLower(t[b].text()))) b += 2;
  return b;
}

bool IsTitleTok(const Token& t) { return (t.lex & kLexTitle) != 0; }

// A person's name at tokens [b, e): 2-4 capitalized words or initials, the
// last a real word.
bool PersonNameShape(const Lexicon& lex, const std::vector<Token>& t, size_t b, size_t e) {
  if (e <= b || e - b < 2 || e - b > 5) return false;
  for (size_t i = b; i < e; ++i) {
    const Token& k = t[i];
    if (!k.word || !k.cap || k.has_digit) return false;
    if (IsStop(lex, k) || IsTitleTok(k) || (k.lex & kLexIndustry) ||
        IsSuffixTok(k) || (k.lex & kLexAgency)) {
      return false;
    }
    bool initial = k.text().size() == 2 && k.text()[1] == '.';
    if (i + 1 == e && (initial || k.text().size() < 2)) return false;
    if (i == b && initial && e - b < 3) return false;
  }
  return true;
}

// Extends a person name over a following ", Jr." / "Jr.".
size_t PersonNameEnd(const std::vector<Token>& t, size_t e) {
  if (e + 1 < t.size() && t[e].text() == "," && (t[e + 1].text() == "Jr." || t[e + 1].text() == "Sr." || t[e + 1].text() == "III" || t[e + 1].text() == "II")) return e + 2;
  if (e < t.size() && (t[e].text() == "Jr." || t[e].text() == "Sr.")) return e + 1;
  return e;
}

bool IsDegree(std::string_view w) {
  return w == "PhD" || w == "Ph.D." || w == "Ph.D" || w == "M.D." || w == "MD" || w == "Esq." || w == "CPA" || w == "J.D." || w == "MBA";
}

// The title written at t[b...]: capitalized words, "and", "of", "&" until
// punctuation other than those. Empty when t[b] is not a title word.
std::string ReadTitle(const Lexicon&, const std::vector<Token>& t, size_t b, std::string_view s, size_t* end_out) {
  if (end_out) *end_out = b;
  if (b >= t.size() || !IsTitleTok(t[b])) return "";
  size_t e = b;
  while (e < t.size() && e - b < 10) {
    const Token& k = t[e];
    if (k.word && (k.cap || k.text() == "and" || k.text() == "of" || k.text() == "&")) { ++e; continue; }
    if (k.text() == "," && e + 1 < t.size() && IsTitleTok(t[e + 1])) { ++e; continue; }
    break;
  }
  while (e > b && (t[e - 1].text() == "and" || t[e - 1].text() == "of" || t[e - 1].text() == "," || t[e - 1].text() == "&")) --e;
  if (end_out) *end_out = e;
  return Join(t, b, e, s);
}

bool ProductShape(const Lexicon& lex, const Token& t) {
  if (!t.word || !t.has_digit) return false;
  std::string_view w = t.text();
  if (IsAsciiDigit(w[0])) return false;
  if (w.find('@') != std::string_view::npos || w.find('.') != std::string_view::npos || w.find('/') != std::string_view::npos) return false;
  if (lex.non_products.count(w)) return false;
  if (StartsWithIgnoreCase(w, "EX-") || StartsWithIgnoreCase(w, "FY") || StartsWithIgnoreCase(w, "NCT") ||
      StartsWithIgnoreCase(w, "SFAS") || StartsWithIgnoreCase(w, "Form")) {
    return false;
  }
  int letters = 0, digits = 0;
  for (char c : w) {
    if (IsAsciiAlpha(c)) ++letters;
    if (IsAsciiDigit(c)) ++digits;
  }
  if (letters < 2 || digits < 1) return false;
  // "mid-1950s", "Index-1": a common word joined to a number is no drug code.
  size_t first_dash = w.find('-');
  if (first_dash != std::string_view::npos && lex.non_products.count(w.substr(0, first_dash))) return false;
  // Footnote markers ("Bonus1", "Salary2") and opaque ids in URLs.
  if (w.size() > 14 && w.find('-') == std::string_view::npos) return false;
  size_t k = 1;
  while (k < w.size() && IsAsciiLower(w[k])) ++k;
  if (IsAsciiUpper(w[0]) && k >= 4 && k < w.size() && w.size() - k <= 2 &&
      std::all_of(w.begin() + static_cast<long>(k), w.end(), IsAsciiDigit)) {
    return false;
  }
  // "Q1", "H2", "10b5": quarters and rules are in non_products; codes ending in
  // a lower-case word ("CD56-expressing") are adjectives.
  size_t dash = w.rfind('-');
  if (dash != std::string_view::npos) {
    std::string_view tail = w.substr(dash + 1);
    if (!tail.empty() && std::all_of(tail.begin(), tail.end(), IsAsciiLower)) return false;
    if (tail.size() >= 5 && std::all_of(tail.begin(), tail.end(), IsAsciiAlpha)) return false;
  }
  return true;
}

bool StemProduct(const Lexicon& lex, const Token& t) {
  if (!t.word || t.has_digit || t.text().size() < 8) return false;
  const std::string_view w = t.text();
  if (!std::all_of(w.begin(), w.end(), IsAsciiAlpha)) return false;
  if (t.cap && t.has_lower && std::any_of(w.begin() + 1, w.end(), IsAsciiUpper)) return false;
  // The word lower-cased ends with the stem as written.
  auto ends_with = [&](std::string_view stem) {
    for (size_t k = 1; k <= stem.size(); ++k) {
      if (AsciiLower(w[w.size() - k]) != stem[stem.size() - k]) return false;
    }
    return true;
  };
  for (const std::string& stem : lex.product_stems) {
    if (w.size() > stem.size() + 3 && ends_with(stem)) return true;
  }
  return false;
}

int ProductContext(const std::vector<Token>& t, size_t i) {
  static const char* kMinusAfter[] = {"antigen", "protein", "overexpression", "receptor", "gene", "expression",
                                      "mutation", "cells", "positive", "negative", "inhibitor", "inhibitors",
                                      "pathway", "antigens", "shares", "units"};
  static const char* kPlusAround[] = {"compound", "compounds", "candidate", "product", "drug", "agent",
                                      "derivative", "therapy", "vaccine", "program", "development"};
  int score = 0;
  if (i + 1 < t.size()) {
    std::string next = ToLower(t[i + 1].text());
    for (const char* m : kMinusAfter) if (next == m) score -= 2;
  }
  if (i >= 2 && (ToLower(t[i - 1].text()) == "to" && ToLower(t[i - 2].text()) == "antibodies")) score -= 2;
  for (size_t k = (i >= 4 ? i - 4 : 0); k < std::min(t.size(), i + 4); ++k) {
    std::string w = ToLower(t[k].text());
    for (const char* p : kPlusAround) if (w == p) score += 1;
  }
  return score;
}

}  // namespace

std::string TitleAt(const std::vector<Token>& tokens, size_t b, std::string_view sentence, size_t* end) {
  return ReadTitle(Lexicon::Get(), tokens, b, sentence, end);
}

std::string EntityId(EntityType type, std::string_view name) {
  switch (type) {
    case EntityType::kOrganization: return "org:" + Slug(FoldName(name));
    case EntityType::kPerson: {
      // First and last name only: "Karleen M. Oberton" and "Karleen Oberton" are one person.
      std::vector<std::string> words;
      for (std::string_view w : Split(name, ' ')) {
        if (w.empty() || (w.size() == 2 && w[1] == '.') || w == "Jr." || w == "Sr." || w == ",") continue;
        words.emplace_back(w);
      }
      std::string key = words.empty() ? std::string(name) : (words.size() == 1 ? words[0] : words.front() + " " + words.back());
      return "person:" + Slug(key);
    }
    case EntityType::kProduct: return "product:" + Slug(name);
    case EntityType::kAgreement: return "ag:" + Slug(name);
  }
  return Slug(name);
}

void EntityTable::IndexSurface(std::string_view surface, int entity) {
  std::string key = Folded(surface);
  if (surface_entity_.count(key)) return;  // indexed already
  std::vector<Token> toks = Tokenize(surface);
  std::vector<std::string> texts;
  for (const Token& t : toks) {
    if (t.possessive) continue;
    texts.emplace_back(t.text());
  }
  if (texts.empty()) return;
  surface_entity_.emplace(std::move(key), entity);
  first_tokens_.Add(texts[0]);
  surfaces_[texts[0]].push_back({texts, entity});
}

// True when `name` names no organization: one generic word ("Acquiror",
// "SERVICES", "Trust"), or a fragment ending in a dangling connector
// ("CAPITAL STOCK OF", "EMPLOYEE STOCK OWNERSHIP PLAN AND").
static bool GenericOrgName(std::string_view name) {
  const Lexicon& lex = Lexicon::Get();
  std::string_view t = Trim(name);
  size_t last = t.find_last_of(' ');
  std::string tail = ToLower(last == std::string_view::npos ? t : t.substr(last + 1));
  if (last != std::string_view::npos) return tail == "of" || tail == "and" || tail == "&" || tail == "the" || tail == "or";
  while (!tail.empty() && (tail.back() == '.' || tail.back() == ',')) tail.pop_back();
  return lex.generic_org_words.count(tail) > 0;
}

int EntityTable::Add(EntityType type, std::string_view name, std::string_view surface) {
  std::string clean = Folded(name);
  if (clean.empty()) return -1;
  std::string id = EntityId(type, clean);
  if (id.size() <= 4 || id.back() == ':') return -1;
  auto it = by_id_.find(id);
  int idx;
  if (it != by_id_.end()) {
    idx = it->second;
    while (entities[idx].merged_into >= 0) idx = entities[idx].merged_into;
  } else {
    if (type == EntityType::kOrganization && GenericOrgName(clean)) return -1;
    // "Company Disclosure Schedule", "Annual Shareholders Meeting": things.
    if (type == EntityType::kOrganization) {
      const size_t sp = clean.rfind(' ');
      if (sp != std::string::npos && Lexicon::Get().non_org_heads.count(std::string_view(clean).substr(sp + 1))) return -1;
    }
    idx = static_cast<int>(entities.size());
    FoundEntity e;
    e.id = id;
    e.type = type;
    e.name = clean;
    entities.push_back(std::move(e));
    by_id_[id] = idx;
    IndexSurface(clean, idx);
  }
  if (!surface.empty()) AddAlias(idx, surface);
  return idx;
}

void EntityTable::AddAlias(int entity, std::string_view alias) {
  if (entity < 0) return;
  std::string a = Folded(alias);
  if (a.empty()) return;
  FoundEntity& e = entities[entity];
  if (a != e.name && std::find(e.aliases.begin(), e.aliases.end(), a) == e.aliases.end()) e.aliases.push_back(a);
  IndexSurface(a, entity);
}

void EntityTable::Merge(int from, int into) {
  if (from < 0 || into < 0 || from == into) return;
  while (entities[into].merged_into >= 0) into = entities[into].merged_into;
  if (from == into || entities[from].merged_into >= 0) return;
  FoundEntity& f = entities[from];
  f.merged_into = into;
  std::vector<std::string> names{f.name};
  names.insert(names.end(), f.aliases.begin(), f.aliases.end());
  for (auto& [key, ent] : surface_entity_) if (ent == from) ent = into;
  for (auto& [first, list] : surfaces_) {
    for (auto& entry : list) if (entry.second == from) entry.second = into;
  }
  for (const std::string& n : names) AddAlias(into, n);
  FoundEntity& t = entities[into];
  if (t.cik.empty()) t.cik = f.cik;
  if (t.title.empty()) t.title = f.title;
  if (t.employer < 0) t.employer = f.employer;
  t.registrant = t.registrant || f.registrant;
  t.regulator = t.regulator || f.regulator;
  t.mentions += f.mentions;
  if (registrant == from) registrant = into;
  for (FoundEntity& e : entities) if (e.employer == from) e.employer = into;
  for (FoundRelation& r : relations) {
    if (r.from == from) r.from = into;
    if (r.to == from) r.to = into;
  }
}

int EntityTable::Lookup(std::string_view surface) const {
  // Most names come folded already (Join folds): no copy for those.
  auto it = IsFolded(surface) ? surface_entity_.find(surface) : surface_entity_.find(FoldSpaces(surface));
  return it == surface_entity_.end() ? -1 : it->second;
}

int EntityTable::MatchAt(const Token* t, size_t n, size_t i, size_t* len) const {
  *len = 0;
  if (!first_tokens_.MayContain(t[i].text())) return -1;
  auto it = surfaces_.find(t[i].text());
  if (it == surfaces_.end()) return -1;
  size_t best_len = 0;
  int best = -1;
  for (const auto& [texts, ent] : it->second) {
    if (texts.size() <= best_len || i + texts.size() > n) continue;
    bool ok = true;
    for (size_t k = 1; k < texts.size() && ok; ++k) ok = t[i + k].text() == texts[k];
    if (ok) {
      best_len = texts.size();
      best = ent;
    }
  }
  *len = best_len;
  return best;
}

int EntityTable::MentionAt(const std::vector<Token>& t, size_t i, size_t* len) const {
  if (i >= t.size()) {
    *len = 0;
    return -1;
  }
  return MatchAt(t.data(), t.size(), i, len);
}

std::vector<EntityMention> EntityTable::Mentions(const std::vector<Token>& t) const {
  std::vector<EntityMention> out;
  size_t i = 0;
  while (i < t.size()) {
    size_t best_len = 0;
    int best = MatchAt(t.data(), t.size(), i, &best_len);
    if (best >= 0) {
      // A suffix written after the name belongs to the mention: "Millennium Pharmaceuticals, Inc."
      size_t e = i + best_len;
      EntityMention m{i, e, t[i].begin, t[e - 1].end(), best};
      out.push_back(m);
      i = e;
    } else {
      ++i;
    }
  }
  return out;
}

namespace {

// The regulators' names of the lexicon in use, tokenized once.
struct RegulatorNames {
  std::vector<std::vector<std::vector<Token>>> tokens;  //!< row -> name -> tokens, as Lexicon::regulators
  WordShapeFilter first_words;                          //!< the names' first tokens

  static const RegulatorNames& Get() {
    static const RegulatorNames names = [] {
      RegulatorNames n;
      for (const auto& row : Lexicon::Get().regulators) {
        auto& surfaces = n.tokens.emplace_back();
        for (const std::string& surface : row) {
          surfaces.push_back(Tokenize(surface));
          if (!surfaces.back().empty()) n.first_words.Add(surfaces.back()[0].text());
        }
      }
      return n;
    }();
    return names;
  }
};

// Where strings occur in a text at the start of a word (a run of ASCII
// letters and digits not preceded by one). A small text is scanned each
// time; a big one is indexed once by its words, so looking up every name a
// long filing holds costs the name's occurrences, not the text's length per
// name (an 8 MB filing holds thousands of names). A word written thousands of
// times ("Mr", "The") has its places sorted by the text that follows, once,
// and is searched by halves. Both ways find the same places (not in order).
class WordStarts {
 public:
  explicit WordStarts(std::string_view text) : text_(text) {}

  // Calls fn(pos) for each word start where `needle` occurs.
  template <typename Fn>
  void ForEach(std::string_view needle, Fn fn) {
    if (needle.empty()) return;
    const size_t head = WordEnd(needle, 0);
    if (head == 0 || text_.size() < kIndexAbove || text_.size() >= UINT32_MAX || needle.size() > kSortedPrefix) {
      for (size_t p = text_.find(needle); p != std::string_view::npos; p = text_.find(needle, p + 1)) {
        if (p == 0 || !IsAsciiAlnum(text_[p - 1])) fn(p);
      }
      return;
    }
    if (!built_) Build();
    auto it = index_.find(needle.substr(0, head));
    if (it == index_.end()) return;
    Bucket& b = it->second;
    if (b.places.size() <= kScanUpTo) {
      for (uint32_t p : b.places) {
        if (text_.compare(p, needle.size(), needle) == 0) fn(static_cast<size_t>(p));
      }
      return;
    }
    if (!b.sorted) {
      std::sort(b.places.begin(), b.places.end(),
                [&](uint32_t x, uint32_t y) { return Follows(x) < Follows(y); });
      b.sorted = true;
    }
    auto lo = std::partition_point(b.places.begin(), b.places.end(),
                                   [&](uint32_t p) { return Follows(p).substr(0, needle.size()) < needle; });
    for (; lo != b.places.end() && text_.compare(*lo, needle.size(), needle) == 0; ++lo) fn(static_cast<size_t>(*lo));
  }
  bool Contains(std::string_view needle) {
    bool found = false;
    ForEach(needle, [&](size_t) { found = true; });
    return found;
  }

 private:
  static constexpr size_t kIndexAbove = 256 * 1024;
  static constexpr size_t kScanUpTo = 32;       // a bucket this small is compared place by place
  static constexpr size_t kSortedPrefix = 256;  // places sort by this much of what follows
  struct Bucket {
    std::vector<uint32_t> places;
    bool sorted = false;
  };
  static size_t WordEnd(std::string_view s, size_t b) {
    while (b < s.size() && IsAsciiAlnum(s[b])) ++b;
    return b;
  }
  std::string_view Follows(uint32_t p) const { return text_.substr(p, kSortedPrefix); }
  void Build() {
    built_ = true;
    for (size_t p = 0; p < text_.size();) {
      if (!IsAsciiAlnum(text_[p])) {
        ++p;
        continue;
      }
      size_t e = WordEnd(text_, p);
      index_[text_.substr(p, e - p)].places.push_back(static_cast<uint32_t>(p));
      p = e;
    }
  }
  std::string_view text_;
  bool built_ = false;
  std::unordered_map<std::string_view, Bucket> index_;
};

class Discoverer {
 public:
  Discoverer(const Document& doc, const Segmented& seg, const std::vector<std::vector<Token>>& tokens)
      : doc_(doc), seg_(seg), tokens_(tokens), lex_(Lexicon::Get()), words_(doc.text) {}

  EntityTable Run() {
    Registrant();
    HeaderCompanies();
    Regulators();
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      SuffixedOrgs(si);
      TickerOrgs(si);
      AgencyOrgs(si);
    }
    // A press release filed with no cover, header or headline to name its
    // company announces itself with its ticker: "PITTSBURGH, June 1, 2021 -
    // The PNC Financial Services Group, Inc. (NYSE: PNC) today announced".
    if (table_.registrant < 0 && first_ticker_ >= 0) {
      table_.registrant = first_ticker_;
      table_.entities[first_ticker_].registrant = true;
    }
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      DefinedTerms(si);
      Subsidiaries(si);
      Lists(si);
      People(si);
      Products(si);
    }
    ShortNames();
    Count();
    return std::move(table_);
  }

 private:
  std::string_view S(size_t si) const { return seg_.sentences[si].text; }
  const std::vector<Token>& T(size_t si) const { return tokens_[si]; }

  void Registrant() {
    std::string name = seg_.cover.registrant;
    std::string header_name;
    if (!doc_.header.filers.empty()) header_name = doc_.header.filers[0].name;
    // The header's first FILER is the registrant when there is one; the
    // cover's line above "(Exact name of registrant ...)" gives its spelling
    // when it names the same company (a garbled cover line does not).
    if (!header_name.empty()) {
      const std::string cover = FoldName(name), header = FoldName(header_name);
      const std::string_view cover_first = std::string_view(cover).substr(0, cover.find(' '));
      const std::string_view header_first = std::string_view(header).substr(0, header.find(' '));
      if (cover.empty() || cover_first != header_first) name = header_name;
    }
    if (name.empty()) name = HeadlineSubject();
    if (name.empty()) return;
    std::string display = TextSpelling(name);
    std::string canonical = StripSuffix(display);
    int idx = table_.Add(EntityType::kOrganization, canonical, display);
    if (idx < 0) return;
    table_.registrant = idx;
    table_.entities[idx].registrant = true;
    if (!header_name.empty()) table_.AddAlias(idx, header_name);
    if (!doc_.header.filers.empty()) {
      table_.entities[idx].cik = doc_.header.filers[0].cik;
      for (const auto& former : doc_.header.filers[0].former_names) table_.AddAlias(idx, former.name);
    }
    table_.AddAlias(idx, ToUpperAscii(display));
  }

  // A press release filed on its own, with no cover page, header or
  // dateline, is about the company its headline opens with: "U.S. Bancorp
  // Reports Fourth Quarter and Full Year 2021 Results". The name is the
  // capitalized run before the first headline verb (headline_verbs.txt) of
  // one of the first few headings.
  std::string HeadlineSubject() const {
    int headings = 0;
    for (size_t si = 0; si < seg_.sentences.size() && headings < 4; ++si) {
      const Block& b = seg_.blocks[seg_.sentences[si].block];
      if (!b.heading || b.table_row) continue;
      ++headings;
      const auto& t = T(si);
      // A financial supplement's title page: "Truist Financial Corporation",
      // "Bank of America Corporation and Subsidiaries", "ALLY FINANCIAL INC.".
      size_t e = t.size();
      if (e > 3 && t[e - 2].text() == "and" && EqualsIgnoreCase(t[e - 1].text(), "Subsidiaries")) e -= 2;
      if (e >= 2 && e <= 8 && IsSuffixTok(t[e - 1])) {
        bool name = true;
        for (size_t k = 0; k < e && name; ++k) {
          name = t[k].cap || t[k].text() == "&" || t[k].text() == "," || t[k].text() == "." ||
                 (k > 0 && (t[k].text() == "of" || t[k].text() == "and"));
        }
        if (name) return Join(t, 0, e, S(si));
      }
      for (size_t i = 1; i < t.size() && i < 8; ++i) {
        if (!lex_.headline_verbs.count(t[i].text())) continue;
        bool run = true;
        for (size_t k = 0; k < i && run; ++k) run = (t[k].cap || t[k].text() == "&" || t[k].text() == "." || t[k].text() == ",") && !IsStop(lex_, t[k]);
        if (run) return Join(t, 0, i, S(si));
        break;
      }
    }
    return "";
  }

  // The header's other companies: co-registrants (further FILER blocks),
  // SUBJECT COMPANY, FILED BY. The header names them as parties to the
  // filing, so each is an organization with its CIK and former names.
  void HeaderCompanies() {
    auto add = [&](const HeaderCompany& c) {
      if (c.name.empty()) return;
      std::string display = TextSpelling(c.name);
      int idx = table_.Add(EntityType::kOrganization, StripSuffix(display), display);
      if (idx < 0 || idx == table_.registrant) return;
      if (table_.entities[idx].cik.empty()) table_.entities[idx].cik = c.cik;
      table_.AddAlias(idx, c.name);
      for (const auto& former : c.former_names) table_.AddAlias(idx, former.name);
    };
    for (size_t i = 1; i < doc_.header.filers.size(); ++i) add(doc_.header.filers[i]);
    for (const HeaderCompany& c : doc_.header.others) add(c);
  }

  // `name` as the text spells it: header names are all capitals ("APPLE
  // INC"); the body usually has "Apple Inc.". Returns `name` when the text
  // has no mixed-case spelling of it.
  std::string TextSpelling(const std::string& name) const {
    std::string fold = FoldName(name);
    std::string display = name;
    bool caps = std::none_of(name.begin(), name.end(), IsAsciiLower);
    if (caps) {
      for (size_t si = 0; si < seg_.sentences.size() && caps; ++si) {
        const auto& t = T(si);
        for (size_t i = 0; i < t.size(); ++i) {
          if (!t[i].cap || t[i].all_caps) continue;
          // FoldName of a run that starts with a capital keeps that letter
          // (lower-cased) first, unless it drops a leading "The": a run whose
          // first letter is neither can never fold to `fold`.
          const char first = AsciiLower(t[i].text()[0]);
          if (fold.empty() || (first != fold[0] && first != 't')) continue;
          std::string acc;
          for (size_t e = i; e < t.size() && e < i + 6; ++e) {
            acc = Join(t, i, e + 1, S(si));
            if (FoldName(acc) == fold) {
              // The longest run that folds the same: "The Walt Disney
              // Company", not "The Walt Disney" (the fold drops the suffix).
              display = acc;
              for (size_t f = e + 1; f < t.size() && f < e + 4 && (t[f].word || t[f].text() == ","); ++f) {
                if (!t[f].word) continue;
                std::string longer = Join(t, i, f + 1, S(si));
                if (FoldName(longer) != fold) break;
                display = longer;
              }
              caps = false;
              break;
            }
          }
          if (!caps) break;
        }
      }
    }
    return display;
  }

  // "CELOVA FINANCIAL" -> "Celova Financial".
  static std::string TitleCaseWords(std::string_view s) {
    std::string o(s);
    bool start = true;
    for (char& c : o) {
      if (IsAsciiAlpha(c)) {
        if (!start && IsAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
        start = false;
      } else {
        start = c == ' ' || c == '-';
      }
    }
    return o;
  }

  static std::string ToUpperAscii(std::string_view s) {
    std::string o(s);
    for (char& c : o) if (IsAsciiLower(c)) c = static_cast<char>(c - 'a' + 'A');
    return o;
  }

  // "Millennium Pharmaceuticals, Inc." -> "Millennium Pharmaceuticals".
  std::string StripSuffix(std::string_view name) const {
    std::vector<Token> t = Tokenize(name);
    size_t e = t.size();
    // "The Walt Disney Company", "The Estee Lauder Companies": a written-out
    // "Company" after a leading "The" is part of the name.
    const bool the_company = !t.empty() && EqualsIgnoreCase(t[0].text(), "The") && t.size() > 2 &&
                             (EqualsIgnoreCase(t.back().text(), "Company") || EqualsIgnoreCase(t.back().text(), "Companies"));
    while (!the_company && e > 1 && (IsSuffixTok(t[e - 1]) || t[e - 1].text() == ",")) --e;
    // "JPMorgan Chase & Co.", "Goldman, Sachs & Co.": the suffix's "&" binds it
    // to the name; cut, the name would end in "&".
    if (e < t.size() && e > 1 && (t[e - 1].text() == "&" || t[e - 1].text() == "and")) e = t.size();
    if (e == t.size()) return Folded(name);
    return Join(t, 0, e, name);
  }

  // Where each word that starts a regulator's name stands in the sentences
  // outside the cover page: (sentence, token) by the word's text.
  using WordPlaces = std::unordered_map<std::string_view, std::vector<std::pair<size_t, size_t>>>;

  WordPlaces PlacesOf(const WordShapeFilter& first_words) const {
    WordPlaces places;
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      if (seg_.blocks[seg_.sentences[si].block].section == Section::kCover) continue;
      const auto& t = T(si);
      for (size_t i = 0; i < t.size(); ++i) {
        if (first_words.MayContain(t[i].text())) places[t[i].text()].push_back({si, i});
      }
    }
    return places;
  }

  // True when a sentence outside the cover page holds the tokens `want`.
  bool NamedInBody(const std::vector<Token>& want, const WordPlaces& places) const {
    if (want.empty()) return false;
    auto it = places.find(want[0].text());
    if (it == places.end()) return false;
    for (const auto& [si, i] : it->second) {
      const auto& t = T(si);
      bool ok = i + want.size() <= t.size();
      for (size_t k = 1; k < want.size() && ok; ++k) ok = t[i + k].text() == want[k].text();
      if (ok) return true;
    }
    return false;
  }

  void Regulators() {
    // The sentences are read once for the first words of all the names, not
    // once per name.
    const RegulatorNames& names = RegulatorNames::Get();
    const WordPlaces places = PlacesOf(names.first_words);
    for (size_t r = 0; r < lex_.regulators.size(); ++r) {
      const auto& row = lex_.regulators[r];
      if (row.empty()) continue;
      // Created only when the text names it.
      int idx = -1;
      for (size_t k = 0; k < row.size(); ++k) {
        if (!NamedInBody(names.tokens[r][k], places)) continue;
        if (idx < 0) {
          idx = table_.Add(EntityType::kOrganization, row[0]);
          table_.entities[idx].regulator = true;
        }
        table_.AddAlias(idx, row[k]);
      }
    }
  }

  // "<Name>, Inc." / "<Name> plc" / "the <brand> Group".
  // Contact blocks ("Media Tony Loke Rx Communications Group, LLC Tel: ...")
  // name press agencies, not parties.
  bool ContactLine(size_t si) const {
    std::string_view s = S(si);
    return s.find('@') != std::string_view::npos || s.find("Tel:") != std::string_view::npos ||
           s.find("TEL:") != std::string_view::npos || s.find("Phone:") != std::string_view::npos;
  }

  void SuffixedOrgs(size_t si) {
    // The cover page names the registrant (read separately) and form
    // boilerplate ("Emerging growth company").
    if (ContactLine(si) || seg_.blocks[seg_.sentences[si].block].section == Section::kCover) return;
    const auto& t = T(si);
    // A national bank's legal form, "National Association", is its suffix:
    // "U.S. Bank Trust National Association", "Wells Fargo Bank, National Association".
    auto bank_form = [&](size_t k) { return k >= 2 && k < t.size() && t[k].text() == "Association" && t[k - 1].text() == "National"; };
    for (size_t i = 1; i < t.size(); ++i) {
      const bool bank = bank_form(i);
      if (!IsSuffixTok(t[i]) && !bank) continue;
      // A suffix followed by another suffix ("Group, LLC") is handled at the last one.
      if (i + 2 < t.size() && t[i + 1].text() == "," && IsSuffixTok(t[i + 2]) && t[i + 2].text() != "Trust") continue;
      if (i + 1 < t.size() && IsSuffixTok(t[i + 1])) continue;
      if (bank_form(i + 2) || (i + 3 < t.size() && t[i + 1].text() == "," && bank_form(i + 3))) continue;
      size_t end = bank ? i - 1 : i;
      if (t[end - 1].text() == ",") --end;
      // "Larry O'Donnell, CPA, PC": the suffixes before the last one. A
      // professional designation stays in the name: "Lawrence Scharfman, CPA"
      // is the firm.
      const bool professional = lex_.professional_suffixes.count(t[i].text()) > 0;
      while (end > 1 && IsSuffixTok(t[end - 1]) && t[end - 1].text() != "Trust") {
        --end;
        if (t[end - 1].text() == ",") --end;
      }
      // "Goldman, Sachs & Co.": the run before the "&" of "& Co.".
      const size_t run_end = end > 1 && t[end - 1].text() == "&" ? end - 1 : end;
      size_t b = NameRunStart(lex_, t, run_end);
      if (b == run_end) continue;
      // "Burr, Pilger & Mayer LLP", "Goldman, Sachs & Co.": a partnership
      // writes its partners' names with commas; the run before the "&" takes
      // the single capitalized names before it, one comma at a time.
      bool ampersand = false;
      for (size_t k = b; k < end; ++k) ampersand |= t[k].text() == "&";
      while (ampersand && b >= 2 && t[b - 1].text() == "," && NameLike(lex_, t[b - 2]) && !IsStop(lex_, t[b - 2]) &&
             !(t[b - 2].lex & (kLexTitle | kLexSuffix)) && !t[b - 2].all_caps &&
             (b == 2 || !NameLike(lex_, t[b - 3]) || IsStop(lex_, t[b - 3]))) {
        b -= 2;
      }
      // "The Buckle, Inc.": a leading "The" that is part of the name on a cover.
      std::string surface = Join(t, b, i + 1, S(si));
      // "JPMorgan Chase & Co.": "& Co." is one suffix; cut, the name would end in "&".
      std::string name = Join(t, b, t[end - 1].text() == "&" || professional ? i + 1 : end, S(si));
      if (name.size() < 2) continue;
      if (b > 0 && (t[b - 1].lex & kLexExchange)) continue;  // "NYSE Texas, Inc." is an exchange
      // "A LEADING CONSUMER RECEIVABLE ASSET MANAGEMENT AND LIQUIDATION
      // COMPANY", "a Delaware corporation": a description, not a name.
      if (b > 0 && (EqualsIgnoreCase(t[b - 1].text(), "a") || EqualsIgnoreCase(t[b - 1].text(), "an") ||
                    EqualsIgnoreCase(t[b - 1].text(), "leading"))) {
        continue;
      }
      if (lex_.exchanges.count(name)) continue;
      int idx = table_.Add(EntityType::kOrganization, name, surface);
      if (idx >= 0 && b > 0 && t[b - 1].text() == "The") table_.AddAlias(idx, Join(t, b - 1, i + 1, S(si)));
    }
  }

  // "Genentech (NYSE: DNA)", "ImmunoGen, Inc. (Nasdaq: IMGN)".
  void TickerOrgs(size_t si) {
    const auto& t = T(si);
    for (size_t i = 1; i + 3 < t.size(); ++i) {
      if (t[i].text() != "(") continue;
      size_t k = i + 1;
      std::string exch;
      while (k < t.size() && t[k].word && k < i + 6) {
        exch += (exch.empty() ? "" : " ") + std::string(t[k].text());
        ++k;
      }
      if (k + 2 >= t.size() || t[k].text() != ":" || !lex_.exchanges.count(exch)) continue;
      const Token& sym = t[k + 1];
      if (!sym.word || !sym.all_caps || sym.text().size() > 6 || t[k + 2].text() != ")") continue;
      size_t end = i;
      size_t b;
      std::string surface;
      if (IsSuffixTok(t[end - 1])) {
        size_t suffix = end - 1;
        size_t ne = suffix;
        if (ne > 0 && t[ne - 1].text() == ",") --ne;
        b = NameRunStart(lex_, t, ne);
        if (b == ne) continue;
        surface = Join(t, b, suffix + 1, S(si));
        end = ne;
      } else {
        b = NameRunStart(lex_, t, end, 4);
        if (b == end) continue;
        surface = Join(t, b, end, S(si));
      }
      int idx = table_.Add(EntityType::kOrganization, Join(t, b, end, S(si)), surface);
      table_.AddAlias(idx, sym.text());
      if (first_ticker_ < 0) first_ticker_ = idx;
    }
  }

  // "Israeli Ministry of Health", "U.S. Department of Energy".
  void AgencyOrgs(size_t si) {
    const auto& t = T(si);
    // The names known before this sentence, read at its first agency word
    // (most sentences have none).
    std::vector<EntityMention> known;
    bool known_read = false;
    for (size_t i = 0; i < t.size(); ++i) {
      if (!(t[i].lex & kLexAgency)) continue;
      if (!known_read) {
        known = table_.Mentions(t);
        known_read = true;
      }
      bool inside = false;
      for (const EntityMention& m : known) inside |= m.tok_begin <= i && i < m.tok_end;
      if (inside) continue;  // "U.S. Food and Drug Administration" is known already
      if (InRegulatorName(si, t[i])) continue;  // the tail of "Securities and Exchange Commission" on a cover
      size_t b = NameRunStart(lex_, t, i);
      size_t e = i + 1;
      while (e + 1 < t.size() && t[e].text() == "of" && t[e + 1].cap && !IsStop(lex_, t[e + 1])) {
        e += 2;
        while (e < t.size() && t[e].cap && !IsStop(lex_, t[e]) && e < i + 6) ++e;
      }
      if (e - b < 2) continue;
      std::string name = Join(t, b, e, S(si));
      if (table_.Lookup(name) >= 0) continue;
      int idx = table_.Add(EntityType::kOrganization, name);
      if (idx >= 0) table_.entities[idx].regulator = true;
    }
  }

  // True when `tok` lies inside a regulator's name written out in sentence
  // `si` (one that Regulators() did not create because only the cover page
  // names it).
  bool InRegulatorName(size_t si, const Token& tok) const {
    std::string_view s = S(si);
    size_t at = tok.begin;
    for (const auto& row : lex_.regulators) {
      for (const std::string& surface : row) {
        for (size_t p = s.find(surface); p != std::string_view::npos; p = s.find(surface, p + 1)) {
          if (p <= at && at < p + surface.size()) return true;
        }
      }
    }
    return false;
  }

  // Known org followed by ("Short") / (the "Short") defines an alias.
  void DefinedTerms(size_t si) {
    const auto& t = T(si);
    // A definition opens with ("... or (the "...: most sentences hold none.
    bool opens = false;
    for (size_t k = 0; k + 1 < t.size() && !opens; ++k) {
      opens = t[k].text() == "(" && (IsQuote(t[k + 1].text()) || (k + 2 < t.size() && IsQuote(t[k + 2].text())));
    }
    if (!opens) return;
    AcronymDefinitions(si);
    auto mentions = table_.Mentions(t);
    for (const EntityMention& m : mentions) {
      size_t k = m.tok_end;
      if (k < t.size() && t[k].text() == ",") ++k;
      if (k < t.size() && IsSuffixTok(t[k])) ++k;
      // "New Line Cinema Corporation, a Delaware corporation ("New Line")":
      // the apposition that says what the company is comes before its term.
      if (k + 1 < t.size() && k > 0 && t[k - 1].text() == "," && (t[k].text() == "a" || t[k].text() == "an")) {
        size_t c = k + 1;
        bool company = false;
        while (c < t.size() && c < k + 9 && t[c].text() != "(" && t[c].text() != ")" && t[c].text() != ",") {
          std::string_view w = t[c].text();
          company |= w == "corporation" || w == "company" || w == "partnership" || w == "association" ||
                     StartsWithIgnoreCase(w, "subsidiar") || w == "bank" || IsSuffixTok(t[c]);
          ++c;
        }
        if (company && c < t.size() && t[c].text() == "(") k = c;
      }
      if (k >= t.size() || t[k].text() != "(") continue;
      ++k;
      if (k < t.size() && (t[k].text() == "the" || t[k].text() == "The")) ++k;
      if (k >= t.size() || !IsQuote(t[k].text())) continue;
      size_t b = ++k;
      while (k < t.size() && !IsQuote(t[k].text()) && k < b + 5) ++k;
      if (k >= t.size() || !IsQuote(t[k].text()) || k == b) continue;
      std::string term = Join(t, b, k, S(si));
      if (term == "Company" || term == "Registrant" || term == "we" || term == "us") continue;
      if (table_.entities[m.entity].type == EntityType::kOrganization) table_.AddAlias(m.entity, term);
    }
  }

  // "Astrotech Space Operations ("ASO")", "Burr, Pilger & Mayer ("BPM")": a
  // run of capitalized words defined by the acronym of their initials is an
  // organization, known by the acronym too. ("of", "and", "&" may be skipped
  // or spelled by the acronym.)
  void AcronymDefinitions(size_t si) {
    const auto& t = T(si);
    for (size_t k = 2; k + 3 < t.size(); ++k) {
      if (t[k].text() != "(" || !IsQuote(t[k + 1].text()) || !IsQuote(t[k + 3].text())) continue;
      const Token& acr = t[k + 2];
      if (!acr.word || !acr.all_caps || acr.has_digit || acr.text().size() < 2 || acr.text().size() > 6) continue;
      // Match the initials backwards from the word before "(".
      size_t b = k, n = acr.text().size();
      while (b > 0 && n > 0) {
        const Token& w = t[b - 1];
        if (w.text() == "of" || w.text() == "and" || w.text() == "&" || w.text() == ",") {
          if (AsciiLower(acr.text()[n - 1]) == AsciiLower(w.text()[0]) && w.text() != ",") --n;
          --b;
          continue;
        }
        if (!w.word || !w.cap || IsStop(lex_, w) || AsciiLower(w.text()[0]) != AsciiLower(acr.text()[n - 1])) break;
        --n;
        --b;
      }
      while (b < k && !t[b].cap) ++b;  // a run never starts with a connector
      if (n != 0 || k - b < 2 || lex_.non_org_heads.count(t[k - 1].text())) continue;
      // ... and told to be a company: "(“ASO”), a subsidiary of Astrotech
      // Corporation", "(“Merger Sub”), a Delaware corporation". A defined
      // acronym alone is as often a law, a measure or a plan.
      size_t a = k + 4;
      if (a < t.size() && t[a].text() == ")") ++a;
      if (a + 1 >= t.size() || t[a].text() != "," || (t[a + 1].text() != "a" && t[a + 1].text() != "an")) continue;
      bool company = false;
      for (size_t c = a + 2; c < t.size() && c < a + 7 && !company; ++c) {
        std::string_view w = t[c].text();
        company = StartsWithIgnoreCase(w, "subsidiar") || w == "corporation" || w == "company" || w == "partnership" ||
                  w == "affiliate";
      }
      if (!company) continue;
      if (table_.Lookup(Join(t, b, k, S(si))) >= 0) continue;
      int idx = table_.Add(EntityType::kOrganization, Join(t, b, k, S(si)), Join(t, b, k, S(si)));
      table_.AddAlias(idx, acr.text());
    }
  }

  static bool IsQuote(std::string_view w) { return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D"; }

  // "Centocor (a wholly-owned subsidiary of Johnson & Johnson)".
  void Subsidiaries(size_t si) {
    const auto& t = T(si);
    std::string_view s = S(si);
    for (size_t i = 0; i + 1 < t.size(); ++i) {
      if (!StartsWithIgnoreCase(t[i].text(), "subsidiary") || i + 2 >= t.size() || t[i + 1].text() != "of") continue;
      // Parent: name run after "of".
      size_t pb = i + 2;
      size_t pe = pb;
      while (pe < t.size() && pe < pb + 6 && (NameLike(lex_, t[pe]) || (t[pe].text() == "&" && pe > pb))) ++pe;
      if (pe == pb) continue;
      int parent = table_.Lookup(Join(t, pb, pe, s));
      if (parent < 0) parent = table_.Add(EntityType::kOrganization, StripSuffix(Join(t, pb, pe, s)), Join(t, pb, pe, s));
      // Child: before "(a wholly-owned" or ", a wholly owned".
      size_t k = i;
      while (k > 0 && t[k - 1].text() != "(" && t[k - 1].text() != "," && i - k < 4) --k;
      if (k == 0) continue;
      size_t ce = k - 1;
      size_t cb = NameRunStart(lex_, t, ce, 5);
      if (cb == ce) continue;
      int child = table_.Lookup(Join(t, cb, ce, s));
      if (child < 0) child = table_.Add(EntityType::kOrganization, Join(t, cb, ce, s));
      if (child >= 0 && parent >= 0 && child != parent) {
        table_.relations.push_back({"subsidiary_of", child, parent, "", static_cast<int>(si)});
      }
    }
  }

  // "Genentech, Centocor (...), Biogen Idec, the sanofi-aventis Group, ... and
  // Abgenix have licensed": once two members of a list are known
  // organizations, its other proper-name members are organizations too.
  void Lists(size_t si) {
    const auto& t = T(si);
    // Split into members at "," and "and", skipping parentheticals.
    struct Member { size_t b, e; bool last = false; };
    std::vector<Member> members;
    size_t b = 0;
    int depth = 0;
    auto flush = [&](size_t e) {
      size_t mb = b, me = e;
      if (mb < me && (t[mb].text() == "and" || t[mb].text() == "or")) ++mb;
      if (mb < me && (t[mb].text() == "the" || t[mb].text() == "The")) ++mb;
      // The last member runs into the verb: "and Abgenix have licensed ...".
      size_t k = mb;
      auto of_after_head = [&](size_t k) { return t[k].text() == "of" && k > mb && lex_.of_heads.count(t[k - 1].text()) > 0; };
      while (k < me && ((NameLike(lex_, t[k]) && !IsStop(lex_, t[k])) || t[k].text() == "&" || of_after_head(k))) ++k;
      bool last = false;
      if (k > mb && k < me && t[k].word && !t[k].cap) {
        me = k;
        last = true;  // the list ends at the verb: "... and License Agreement" after it is another list
      }
      // A corporate suffix after a comma belongs to the previous member.
      if (me == mb + 1 && IsSuffixTok(t[mb])) me = mb;
      members.push_back({mb, me, last});
    };
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i].text() == "(") { if (depth++ == 0) flush(i); continue; }
      if (t[i].text() == ")") { depth = std::max(0, depth - 1); b = i + 1; continue; }
      if (depth) continue;
      if (t[i].text() == "," || t[i].text() == ";" || (t[i].text() == "and" && i > b)) {
        flush(i);
        b = t[i].text() == "and" ? i : i + 1;
      }
    }
    flush(t.size());
    // Runs of consecutive name-like members.
    size_t run_start = 0;
    for (size_t m = 0; m <= members.size(); ++m) {
      bool name_like = false;
      if (m < members.size()) {
        const Member& mm = members[m];
        name_like = mm.e > mm.b && mm.e - mm.b <= 5;
        for (size_t k = mm.b; k < mm.e && name_like; ++k) {
          name_like = (NameLike(lex_, t[k]) && !IsStop(lex_, t[k]) && !t[k].has_digit) || t[k].text() == "&" ||
                      (t[k].text() == "of" && k > mm.b && lex_.of_heads.count(t[k - 1].text()) > 0);
        }
        if (mm.e == mm.b) name_like = true;  // empty member from ", (" splits
      }
      if (!name_like) {
        ProcessList(si, members, run_start, m);
        run_start = m + 1;
      } else if (m < members.size() && members[m].last) {
        ProcessList(si, members, run_start, m + 1);
        run_start = m + 1;
      }
    }
  }

  template <typename M>
  void ProcessList(size_t si, const std::vector<M>& members, size_t from, size_t to) {
    const auto& t = T(si);
    int known = 0, count = 0;
    for (size_t m = from; m < to; ++m) {
      if (members[m].e == members[m].b) continue;
      ++count;
      int idx = table_.Lookup(Join(t, members[m].b, members[m].e, S(si)));
      if (idx >= 0 && table_.entities[idx].type == EntityType::kOrganization && !table_.entities[idx].regulator) ++known;
    }
    if (count < 3 || known < 2) return;
    for (size_t m = from; m < to; ++m) {
      if (members[m].e == members[m].b) continue;
      std::string name = Join(t, members[m].b, members[m].e, S(si));
      if (table_.Lookup(name) >= 0) continue;
      table_.Add(EntityType::kOrganization, StripSuffix(name), name);
    }
  }

  void AddPerson(size_t si, size_t b, size_t e, const std::string& title) {
    const auto& t = T(si);
    e = PersonNameEnd(t, e);
    std::string name = Join(t, b, e, S(si));
    // "R. Kent McGaughy, Jr." keeps its suffix in the display name.
    int idx = table_.Add(EntityType::kPerson, name, name);
    if (idx < 0) return;
    FoundEntity& p = table_.entities[idx];
    if (p.title.empty() && !title.empty()) p.title = title;
    if (p.name.size() < name.size()) p.name = name;
  }

  static bool IsInitial(const Token& k) { return k.text().size() == 2 && IsAsciiUpper(k.text()[0]) && k.text()[1] == '.'; }
  bool CapWord(const Token& k) const {
    return k.word && k.cap && k.has_lower && !k.has_digit && k.text().size() >= 2 && !IsInitial(k) && !IsTitleTok(k) &&
           !IsSuffixTok(k) && !(k.lex & kLexIndustry) && !(k.lex & kLexAgency);
  }

  // "William E. Rose", "R. Kent McGaughy, Jr.", "J. Warren Huff": a middle
  // or leading initial between capitalized words is a person's name.
  void InitialNames(size_t si) {
    const auto& t = T(si);
    for (size_t i = 0; i + 2 < t.size(); ++i) {
      if (i > 0 && t[i - 1].word && t[i - 1].cap && !IsStop(lex_, t[i - 1]) && t[i - 1].text() != "/s/") continue;
      size_t e = 0;
      if (CapWord(t[i]) && !IsStop(lex_, t[i]) && IsInitial(t[i + 1]) && CapWord(t[i + 2])) e = i + 3;
      else if (IsInitial(t[i]) && CapWord(t[i + 1]) && CapWord(t[i + 2])) e = i + 3;
      if (!e) continue;
      // "101 W. Renner Rd., Suite 280": an address ends in a street word.
      if (IsStop(lex_, t[e - 1])) continue;
      if (e < t.size() && (IsSuffixTok(t[e]) || (t[e].text() == "," && e + 1 < t.size() && IsSuffixTok(t[e + 1]) &&
                                                         t[e + 1].text() != "Jr." && t[e + 1].text() != "Sr."))) {
        continue;
      }
      if (e < t.size() && t[e].cap && t[e].word && CapWord(t[e]) && !IsStop(lex_, t[e]) && !IsTitleTok(t[e])) continue;
      if (table_.Lookup(Join(t, i, e, S(si))) >= 0) continue;
      AddPerson(si, i, e, "");
    }
  }

  // "the Company's OmniMetrix subsidiary" names an organization.
  void SubsidiaryNouns(size_t si) {
    const auto& t = T(si);
    for (size_t i = 1; i < t.size(); ++i) {
      if (t[i].text() != "subsidiary" && t[i].text() != "subsidiaries") continue;
      size_t b = NameRunStart(lex_, t, i, 3);
      if (b == i || (b > 0 && !t[b - 1].possessive && t[b - 1].text() != "its")) continue;
      std::string name = Join(t, b, i, S(si));
      if (table_.Lookup(name) >= 0) continue;
      int idx = table_.Add(EntityType::kOrganization, name);
      if (idx >= 0 && table_.registrant >= 0 && idx != table_.registrant) {
        table_.relations.push_back({"subsidiary_of", idx, table_.registrant, "", static_cast<int>(si)});
      }
    }
  }

  // A vote table's row names a director elected: "Irwin Federman<tab>158,434,567
  // <tab>2,162,482<tab>31,694,834" in Item 5.07 (a name, then only numbers).
  void VoteTableRow(size_t si) {
    const Block& blk = seg_.blocks[seg_.sentences[si].block];
    if (!blk.table_row || blk.item != "5.07") return;
    std::string_view s = S(si);
    const size_t tab = s.find('\t');
    if (tab == std::string_view::npos) return;
    for (char c : s.substr(tab)) {
      if (!(IsAsciiDigit(c) || c == ',' || c == '.' || c == '%' || c == '-' || c == '\t' || c == ' ')) return;
    }
    const auto& t = T(si);
    size_t b = 0, e = 0;
    while (e < t.size() && t[e].end() <= tab) ++e;
    if (b < e && (t[b].text() == "Dr." || t[b].text() == "Mr." || t[b].text() == "Ms." || t[b].text() == "Mrs.")) ++b;
    if (PersonNameShape(lex_, t, b, e)) AddPerson(si, b, e, "");
  }

  void People(size_t si) {
    InitialNames(si);
    SubsidiaryNouns(si);
    VoteTableRow(si);
    const auto& t = T(si);
    std::string_view s = S(si);
    for (size_t i = 0; i < t.size(); ++i) {
      // "/s/ Karleen M. Oberton"
      if (t[i].text() == "/" && i + 3 < t.size() && (t[i + 1].text() == "s" || t[i + 1].text() == "S") && t[i + 2].text() == "/") {
        size_t b = i + 3, e = b;
        while (e < t.size() && e < b + 5 && t[e].word && t[e].cap && !t[e].has_digit && !IsTitleTok(t[e])) ++e;
        if (e - b >= 2 && e - b <= 4 && !IsSuffixTok(t[e - 1]) && !(t[e - 1].text().size() == 2 && t[e - 1].text()[1] == '.')) {
          size_t te;
          std::string title = ReadTitle(lex_, t, e, s, &te);
          AddPerson(si, b, e, title);
        }
        continue;
      }
      // "said Mitchel Sayare, Chairman and CEO" / "Mr. Loeb" / "Dr. Jedidiah Monson"
      if (t[i].word && (t[i].text() == "said" || t[i].text() == "Mr." || t[i].text() == "Ms." || t[i].text() == "Dr." ||
                        t[i].text() == "Mrs.")) {
        size_t b = i + 1, e = b;
        while (e < t.size() && e < b + 4 && t[e].word && t[e].cap && !IsStop(lex_, t[e]) && !IsTitleTok(t[e])) ++e;
        if (PersonNameShape(lex_, t, b, e)) {
          size_t k = e;
          if (k < t.size() && t[k].text() == ",") ++k;
          size_t te;
          AddPerson(si, b, e, ReadTitle(lex_, t, k, s, &te));
        }
        continue;
      }
      // "NAME, [PhD,] [Company] Title" and "NAME Title" in short signature lines.
      if (!t[i].cap || !t[i].word || IsStop(lex_, t[i])) continue;
      // "Zurn Chairman George H. Schofield said", "New Line President Michael
      // Lynne": a title right before the name starts its run.
      const bool title_before = i > 0 && IsTitleTok(t[i - 1]) && lex_.title_heads.count(t[i - 1].text());
      if (i > 0 && t[i - 1].word && t[i - 1].cap && !IsStop(lex_, t[i - 1]) && !title_before) continue;  // not a run start
      size_t e = i;
      while (e < t.size() && e < i + 4 && t[e].word && t[e].cap && !t[e].has_digit && !IsTitleTok(t[e]) && !IsStop(lex_, t[e]) &&
             !IsSuffixTok(t[e])) {
        ++e;
      }
      if (!PersonNameShape(lex_, t, i, e)) continue;
      const int known = table_.Lookup(Join(t, i, e, s));
      if (known >= 0 && table_.entities[known].type != EntityType::kPerson) continue;
      size_t k = PersonNameEnd(t, e);
      bool comma = k < t.size() && t[k].text() == ",";
      if (comma) ++k;
      while (k < t.size() && IsDegree(t[k].text())) {
        ++k;
        if (k < t.size() && t[k].text() == ",") ++k;
      }
      // "Doug Petno, 61, and ...": an age in apposition is said of people only.
      bool age = comma && k + 1 < t.size() && t[k].text().size() == 2 && IsAsciiDigit(t[k].text()[0]) &&
                 IsAsciiDigit(t[k].text()[1]) && t[k].text()[0] >= '2' &&
                 (t[k + 1].text() == "," || t[k + 1].text() == ")" || t[k + 1].text() == "and" || t[k + 1].text() == ".");
      // "Marianne Lake, current CEO of CCB", "..., our Chief Financial Officer".
      if (comma && k < t.size() &&
          (t[k].text() == "current" || t[k].text() == "former" || t[k].text() == "our" || t[k].text() == "its" ||
           t[k].text() == "then" || t[k].text() == "interim")) {
        ++k;
      }
      // "ImmunoGen Chairman and CEO": skip a known organization before the title.
      int employer = -1;
      if (k < t.size()) {
        // The longest known name starting at token k (what Mentions of the
        // tail would find first), without copying the tail.
        size_t len = 0;
        int at = table_.MentionAt(t, k, &len);
        if (at >= 0) {
          employer = at;
          k += len;
          if (k < t.size() && t[k].possessive) ++k;
        }
      }
      size_t te = k;  // ReadTitle leaves it when it reads no title
      std::string title = ReadTitle(lex_, t, k, s, &te);
      // "NAME Title" without a comma is a signature block's line ("John Smith
      // President"), not a sentence that names a company before a title ("...
      // with New Line Chairman Robert Shaye and New Line President Michael Lynne").
      // In running text the "title" must be all title words: in "... and New
      // Line President Michael Lynne" it runs into a name.
      const Block& blk = seg_.blocks[seg_.sentences[si].block];
      bool title_words = !title.empty();
      for (size_t w = k; w < te && w < t.size() && title_words; ++w) {
        title_words = IsTitleTok(t[w]) || !t[w].cap || t[w].text() == "," || t[w].text() == "&";
      }
      bool short_line = s.size() < 160 && (blk.table_row || blk.section == Section::kSignature ||
                                           blk.section == Section::kCover || title_words);
      bool verb = false;
      if (e < t.size()) {
        std::string_view nx = t[e].text();
        // Verbs only people do in a filing: "said", "resigned", "informed the
        // Board", "will succeed X as", "will retire", "has been named".
        auto own_verb = [](std::string_view w) {
          return w == "said" || w == "commented" || w == "stated" || w == "resigned" || w == "retired" || w == "informed" ||
                 w == "notified" || w == "succeeds" || w == "joined";
        };
        verb = nx == "was" || nx == "has" || nx == "will" || nx == "is" || own_verb(nx);
        if (verb && e + 2 < t.size()) {
          std::string_view v2 = t[e + 1].text();
          std::string_view v3 = t[e + 2].text();
          verb = own_verb(nx) || v2 == "appointed" || v2 == "elected" || v2 == "named" || v3 == "appointed" ||
                 v2 == "decided" || v2 == "notified" || v2 == "informed" || v2 == "tendered" ||
                 v3 == "elected" || v3 == "named" || v3 == "promoted" || v2 == "resigned" ||
                 (nx == "will" && (v2 == "succeed" || v2 == "retire" || v2 == "join" || v2 == "step" || v2 == "resign"));
        } else if (verb) {
          verb = own_verb(nx);
        }
      }
      bool appointed_before = i >= 1 && (t[i - 1].text() == "appointed" || t[i - 1].text() == "elected" || t[i - 1].text() == "of" ) &&
                              i >= 2 && (t[i - 1].text() != "of" || t[i - 2].text() == "appointment" || t[i - 2].text() == "election");
      // The title before the name counts when the name ends the run: "President
      // Michael Lynne." / "..., said", not "President Search Committee".
      // ("President Global Sales and Marketing", "Chairman of ..." go on as a title.)
      bool titled_before = title_before && (e == t.size() || !t[e].cap || t[e].text() == "said") &&
                           !(e < t.size() && (t[e].text() == "of" || t[e].text() == "&"));
      if (titled_before) {
        bool generic_word = lex_.non_org_heads.count(t[e - 1].text()) > 0;
        for (size_t k = i; k < e && !generic_word; ++k) generic_word = lex_.generic_org_words.count(ToLower(t[k].text())) > 0;
        titled_before = !generic_word;
      }
      if ((!title.empty() && (comma || short_line)) || verb || appointed_before || age || titled_before) {
        AddPerson(si, i, e, title);
        int idx = table_.Lookup(Join(t, i, PersonNameEnd(t, e), s));
        if (idx >= 0 && employer >= 0) table_.entities[idx].employer = employer;
      }
    }
  }

  void Products(size_t si) {
    const auto& t = T(si);
    std::string_view s = S(si);
    for (size_t i = 0; i < t.size(); ++i) {
      if (ProductShape(lex_, t[i]) || StemProduct(lex_, t[i])) {
        if (table_.Lookup(t[i].text()) >= 0 && table_.entities[table_.Lookup(t[i].text())].type != EntityType::kProduct) continue;
        int ctx = ProductContext(t, i);
        // Sentence-initial capitals: "HuN901-DM1 targets" is "huN901-DM1".
        std::string name(t[i].text());
        int idx = table_.Lookup(name);
        if (idx < 0 && IsAsciiUpper(name[0]) && name.size() > 1 && IsAsciiLower(name[1])) {
          std::string lower = name;
          lower[0] = AsciiLower(lower[0]);
          idx = table_.Lookup(lower);
          if (idx < 0) {
            // Keep the capitalized form only until a lower-case one shows up.
            bool lower_elsewhere = words_.Contains(lower);
            if (lower_elsewhere) name = lower;
          }
        }
        if (idx < 0) idx = table_.Add(EntityType::kProduct, name, t[i].text());
        else table_.AddAlias(idx, t[i].text());
        if (idx >= 0) table_.entities[idx].product_evidence += ctx;
      }
      // "Tumor-Activated Prodrug (TAP) technology"
      if (t[i].text() == "(" && i + 3 < t.size() && t[i + 1].all_caps && t[i + 2].text() == ")" &&
          (t[i + 3].text() == "technology" || t[i + 3].text() == "platform")) {
        size_t b = NameRunStart(lex_, t, i, 5);
        std::string acronym(t[i + 1].text());
        std::string name = acronym + " " + std::string(t[i + 3].text());
        int idx = table_.Add(EntityType::kProduct, name, Join(t, b, i + 4, s));
        if (idx >= 0) {
          table_.AddAlias(idx, acronym);
          if (b < i) table_.AddAlias(idx, Join(t, b, i, s) + " " + std::string(t[i + 3].text()));
          table_.entities[idx].product_evidence += 2;
        }
      }
    }
  }

  // "Millennium Pharmaceuticals" is also "Millennium" when the text says so;
  // a name written two ways in one filing is one entity (SameSpellings).
  void ShortNames() {
    size_t n = table_.entities.size();
    // The organization each short form stands for: -1 once two would claim it.
    std::unordered_map<std::string, int> claims;
    for (size_t i = 0; i < n; ++i) {
      FoundEntity& e = table_.entities[i];
      if (e.merged_into >= 0) continue;
      if (e.type == EntityType::kPerson) {
        // "Mr. Loeb" / "Ms. Carrig" / "Loeb".
        std::vector<std::string_view> parts = Split(e.name, ' ');
        std::string last;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
          if (*it != "Jr." && *it != "Sr." && !it->empty() && it->back() != ',') { last = std::string(*it); break; }
        }
        if (last.size() > 2) {
          for (const char* hon : {"Mr. ", "Ms. ", "Mrs. ", "Dr. "}) {
            if (words_.Contains(std::string(hon) + last)) table_.AddAlias(static_cast<int>(i), std::string(hon) + last);
          }
        }
        continue;
      }
      if (e.type != EntityType::kOrganization || e.regulator) continue;
      // A header's capitals ("CELOVA FINANCIAL") are matched as the text
      // writes names: "Celova Financial", short "Celova".
      bool caps = std::none_of(e.name.begin(), e.name.end(), IsAsciiLower);
      std::string spelled = caps ? TitleCaseWords(e.name) : e.name;
      std::vector<Token> t = Tokenize(spelled);
      if (t.size() < 2) continue;
      size_t k = t.size();
      // "Home Health Corporation of America": a legal name's suffix can be
      // followed by where it is incorporated; the name is what comes before.
      for (size_t j = t.size() > 4 ? t.size() - 3 : 2; j + 1 < t.size(); ++j) {
        if (t[j].text() != "of" || !IsSuffixTok(t[j - 1])) continue;
        bool place = true;
        for (size_t q = j + 1; q < t.size(); ++q) place = place && t[q].cap;
        if (!place) break;
        k = j - 1;
        while (k > 1 && (IsSuffixTok(t[k - 1]) || t[k - 1].text() == ",")) --k;
        break;
      }
      if (k == t.size()) {
        while (k > 1 && (t[k - 1].lex & kLexIndustry)) --k;
      }
      if (k == t.size()) continue;
      std::string short_name = Join(t, 0, k, spelled);
      if (short_name.size() < 3 || lex_.name_stopwords.count(short_name)) continue;
      const int other = table_.Lookup(short_name);
      if (other >= 0 && other != static_cast<int>(i)) {
        // The short form names an organization of its own ("Westell, Inc."
        // beside "Westell Technologies, Inc."): the filing writes one company
        // two ways, unless two longer names share it or the CIKs differ.
        const FoundEntity& o = table_.entities[other];
        // Only a name found as such: a defined term ("PGIM, Inc. (\"Prudential\")")
        // is the text's label for one party, not another spelling of this one.
        if (o.type != EntityType::kOrganization || o.regulator || o.registrant || o.name != short_name ||
            (!o.cik.empty() && o.cik != e.cik) || o.name.size() >= e.name.size())
          continue;
        auto [it, fresh] = claims.emplace(Folded(short_name), static_cast<int>(i));
        if (!fresh) it->second = -1;
        continue;
      }
      if (other >= 0) continue;
      // Only when the text uses the short form on its own.
      int uses = 0;
      words_.ForEach(short_name, [&](size_t p) {
        size_t after = p + short_name.size();
        bool boundary = after >= doc_.text.size() || !IsAsciiAlnum(doc_.text[after]);
        bool longer = doc_.text.compare(after, spelled.size() - short_name.size(), spelled.substr(short_name.size())) == 0;
        if (boundary && !longer) ++uses;
      });
      if (uses > 0) table_.AddAlias(static_cast<int>(i), short_name);
    }
    for (const auto& [short_name, owner] : claims) {
      if (owner < 0) continue;
      const int other = table_.Lookup(short_name);
      if (other >= 0 && other != owner) table_.Merge(other, owner);
    }
    SameSpellings();
  }

  // One name written two ways in one filing: an organization's words
  // abbreviated ("Fujitsu Telecom Europe" / "FUJITSU TELECOMMUNICATIONS
  // EUROPE", "Med IV" / "Medical I.V."), a person's given names as initials
  // ("W.A. Freeman" signing for "William A. Freeman"). The shorter spelling
  // joins the fuller one, when exactly one fuller one matches.
  void SameSpellings() {
    // Lower-case words: "I.V." -> "iv" (a person's "W.A." -> "w", "a"),
    // "EUROPE" -> "europe"; a dot inside a word parts it ("Funding.com" is
    // "funding com", never "funding"); "Jr." and "Sr." are no words of a name.
    auto words_of = [](std::string_view name, bool initials_apart) {
      std::vector<std::string> out;
      for (std::string_view w : Split(name, ' ')) {
        if (w == "Jr." || w == "Sr.") continue;
        bool initials = w.size() >= 2 && w.size() % 2 == 0;
        for (size_t q = 0; q + 1 < w.size() && initials; q += 2) initials = IsAsciiAlpha(w[q]) && w[q + 1] == '.';
        if (initials && initials_apart) {
          for (size_t q = 0; q < w.size(); q += 2) out.emplace_back(1, AsciiLower(w[q]));
          continue;
        }
        std::string k;
        for (char c : w) {
          if (IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) {
            k += AsciiLower(c);
          } else if (c == '.' && !initials && !k.empty()) {
            out.push_back(std::move(k));
            k.clear();
          }
        }
        if (!k.empty()) out.push_back(std::move(k));
      }
      return out;
    };
    struct Key {
      int entity;
      std::vector<std::string> words;
    };
    std::unordered_map<std::string, std::vector<Key>> orgs, people;  // by first word's 3 letters / last word
    for (size_t i = 0; i < table_.entities.size(); ++i) {
      const FoundEntity& e = table_.entities[i];
      if (e.merged_into >= 0 || e.regulator) continue;
      if (e.type == EntityType::kOrganization) {
        std::vector<std::string> w = words_of(e.name, false);
        if (w.size() >= 2) orgs[w[0].substr(0, 3)].push_back({static_cast<int>(i), std::move(w)});
      } else if (e.type == EntityType::kPerson) {
        std::vector<std::string> w = words_of(e.name, true);
        if (w.size() >= 2) people[w.back()].push_back({static_cast<int>(i), std::move(w)});
      }
    }
    // Each shorter word a prefix (3 letters or more) of the fuller one's.
    auto abbreviates = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
      if (a.size() != b.size() || a == b) return false;
      for (size_t q = 0; q < a.size(); ++q) {
        if (a[q] == b[q]) continue;
        if (a[q].size() < 3 || b[q].size() <= a[q].size() || b[q].compare(0, a[q].size(), a[q]) != 0) return false;
      }
      return true;
    };
    // Given names as initials: "w a freeman" of "william a freeman".
    auto initials_of = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
      if (a.size() != b.size() || a == b) return false;
      bool any = false;
      for (size_t q = 0; q + 1 < a.size(); ++q) {
        if (a[q] == b[q]) continue;
        if (a[q].size() != 1 || b[q].size() < 2 || b[q][0] != a[q][0]) return false;
        any = true;
      }
      return any && a.back() == b.back();
    };
    auto join = [&](std::unordered_map<std::string, std::vector<Key>>& groups, auto shorter) {
      std::vector<std::pair<int, int>> merges;
      for (auto& [first, keys] : groups) {
        if (keys.size() < 2) continue;
        for (const Key& a : keys) {
          int fuller = -1, found = 0;
          for (const Key& b : keys) {
            if (a.entity != b.entity && shorter(a.words, b.words)) {
              fuller = b.entity;
              ++found;
            }
          }
          if (found != 1) continue;
          const FoundEntity& s = table_.entities[a.entity];
          const FoundEntity& f = table_.entities[fuller];
          if (!s.cik.empty() && !f.cik.empty() && s.cik != f.cik) continue;
          // The registrant and a CIK keep their entity: the other joins it.
          if (s.registrant || (!s.cik.empty() && f.cik.empty())) merges.emplace_back(fuller, a.entity);
          else merges.emplace_back(a.entity, fuller);
        }
      }
      for (auto [from, into] : merges) table_.Merge(from, into);
    };
    join(orgs, abbreviates);
    join(people, initials_of);
  }

  void Count() {
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      for (const EntityMention& m : table_.Mentions(T(si))) table_.entities[m.entity].mentions++;
    }
  }

  const Document& doc_;
  const Segmented& seg_;
  const std::vector<std::vector<Token>>& tokens_;
  const Lexicon& lex_;
  EntityTable table_;
  int first_ticker_ = -1;  //!< the first organization written with its ticker
  WordStarts words_;       //!< where names occur in doc_.text
};

}  // namespace

EntityTable DiscoverEntities(const Document& doc, const Segmented& seg, const std::vector<std::vector<Token>>& tokens) {
  return Discoverer(doc, seg, tokens).Run();
}

}  // namespace dealgraph
