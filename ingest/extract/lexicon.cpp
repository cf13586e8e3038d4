#include "ingest/extract/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/strings.h"
#include "graph/model.h"

namespace dealgraph {

namespace {

// The non-comment, non-blank lines of a lexicon file.
std::vector<std::string_view> Entries(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::string_view line : SplitLines(text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> Columns(std::string_view line) {
  std::vector<std::string> cols;
  for (std::string_view c : Split(line, '\t')) cols.emplace_back(Trim(c));
  return cols;
}

}  // namespace

Result<Lexicon> Lexicon::Parse(const std::unordered_map<std::string, std::string>& files) {
  Lexicon lex;
  auto text = [&](const char* name) -> std::string_view {
    auto it = files.find(name);
    return it == files.end() ? std::string_view() : std::string_view(it->second);
  };
  auto set_of = [&](const char* name, WordSet* out) {
    for (std::string_view e : Entries(text(name))) out->emplace(Trim(e));
  };
  set_of("corporate_suffixes.txt", &lex.corporate_suffixes);
  set_of("name_stopwords.txt", &lex.name_stopwords);
  set_of("person_titles.txt", &lex.person_titles);
  set_of("exchanges.txt", &lex.exchanges);
  set_of("agency_words.txt", &lex.agency_words);
  set_of("industry_words.txt", &lex.industry_words);
  set_of("non_products.txt", &lex.non_products);
  set_of("headline_verbs.txt", &lex.headline_verbs);
  set_of("job_nouns.txt", &lex.job_nouns);
  set_of("non_org_heads.txt", &lex.non_org_heads);
  set_of("title_heads.txt", &lex.title_heads);
  set_of("deal_nouns.txt", &lex.deal_nouns);
  set_of("of_heads.txt", &lex.of_heads);
  set_of("professional_suffixes.txt", &lex.professional_suffixes);
  for (std::string_view e : Entries(text("results_commentary.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2 || (cols[0] != "change" && cols[0] != "cue" && cols[0] != "restated")) {
      return Status::InvalidArgument("results_commentary.tsv: malformed line: " + std::string(e));
    }
    std::vector<std::string>& into = cols[0] == "change" ? lex.commentary_changes
                                     : cols[0] == "cue"  ? lex.commentary_cues
                                                         : lex.restated_cues;
    into.push_back(ToLower(cols[1]));
  }
  for (std::string_view e : Entries(text("product_stems.txt"))) lex.product_stems.emplace_back(Trim(e));
  for (std::string_view e : Entries(text("regulators.tsv"))) lex.regulators.push_back(Columns(e));
  for (std::string_view e : Entries(text("agreement_kinds.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2) continue;
    AgreementKind k{cols[0], {}};
    for (size_t i = 1; i < cols.size(); ++i) k.cues.push_back(ToLower(cols[i]));
    lex.agreement_kinds.push_back(std::move(k));
  }
  for (std::string_view e : Entries(text("triggers.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2) return Status::InvalidArgument("triggers.tsv: malformed line: " + std::string(e));
    TriggerRule r;
    r.type = cols[0];
    r.phrase = ToLower(cols[1]);
    if (!r.phrase.empty() && r.phrase.back() == '*') {
      r.stem = true;
      r.phrase.pop_back();
    }
    if (cols.size() > 2) {
      for (std::string_view q : Split(cols[2], ',')) {
        std::string req(Trim(q));
        if (req.empty() || req == "none") continue;
        static const std::unordered_set<std::string> kKnown = {"agreement", "money", "amount", "trial", "regulator", "person",
                                                               "org2", "vote", "auditor", "factual", "current"};
        if (!kKnown.count(req)) {
          return Status::InvalidArgument("triggers.tsv: unknown requirement '" + req + "' in: " + std::string(e));
        }
        r.requires_.push_back(req);
      }
    }
    const std::string& phrase = r.phrase;
    size_t first_word = 0;
    while (first_word < phrase.size() && IsAsciiAlnum(phrase[first_word])) ++first_word;
    if (first_word == 0) {
      lex.triggers_unindexed.push_back(lex.triggers.size());
    } else {
      lex.triggers_by_first_word[phrase.substr(0, first_word)].push_back(lex.triggers.size());
    }
    lex.triggers.push_back(std::move(r));
  }
  for (std::string_view e : Entries(text("boilerplate.txt"))) {
    std::string phrase = ToLower(Trim(e));
    if (phrase.size() >= 2) lex.boilerplate_starts.set(BytePair(phrase[0], phrase[1]));
    lex.boilerplate.push_back(std::move(phrase));
  }
  for (std::string_view e : Entries(text("conditional_cues.txt"))) lex.conditional_cues.push_back(ToLower(Trim(e)));
  for (std::string_view e : Entries(text("conditional_openers.txt")))
    lex.conditional_openers.push_back(ToLower(Trim(e)));
  for (std::string_view e : Entries(text("contingent_cues.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2 || (cols[0] != "before" && cols[0] != "after"))
      return Status::InvalidArgument("contingent_cues.tsv: malformed line: " + std::string(e));
    (cols[0] == "before" ? lex.contingent_before : lex.contingent_after).push_back(ToLower(Trim(cols[1])));
  }
  for (std::string_view e : Entries(text("agent_roles.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2 || !IsAgentRole(cols[0]))
      return Status::InvalidArgument("agent_roles.tsv: malformed line or unknown role: " + std::string(e));
    lex.agent_roles.emplace_back(cols[0], ToLower(Trim(cols[1])));
  }
  for (std::string_view e : Entries(text("cover_forms.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2 || cols[0].empty() || cols[1].empty())
      return Status::InvalidArgument("cover_forms.tsv: malformed line: " + std::string(e));
    lex.cover_forms.emplace_back(cols[0], ToLower(Trim(cols[1])));
  }
  // The typed slots events may carry, and their kinds.
  for (std::string_view e : Entries(text("slots.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 3) return Status::InvalidArgument("slots.tsv: malformed line: " + std::string(e));
    SlotInfo info;
    if (cols[1] == "entity") info.kind = SlotKind::kEntity;
    else if (cols[1] == "text") info.kind = SlotKind::kText;
    else if (cols[1] == "date") info.kind = SlotKind::kDate;
    else if (cols[1] == "number") info.kind = SlotKind::kNumber;
    else return Status::InvalidArgument("slots.tsv: unknown kind '" + cols[1] + "' in: " + std::string(e));
    info.meaning = cols[2];
    lex.slots.emplace(cols[0], std::move(info));
  }
  // The event-type registry: every type named below must be one of its rows.
  std::unordered_set<std::string> known_types;
  for (std::string_view e : Entries(text("event_types.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 3) return Status::InvalidArgument("event_types.tsv: malformed line: " + std::string(e));
    known_types.insert(cols[0]);
    EventTypeInfo info{cols[0], cols[1], cols[2], {}};
    if (cols.size() > 3) {
      for (std::string_view slot : Split(cols[3], ',')) {
        std::string name(Trim(slot));
        if (name.empty()) continue;
        if (!lex.slots.count(name))
          return Status::InvalidArgument("event_types.tsv: slot '" + name + "' of " + cols[0] + " is not in slots.tsv");
        info.slots.push_back(std::move(name));
      }
    }
    lex.event_types.push_back(std::move(info));
  }
  auto check_type = [&](const char* file, const std::string& type) -> Status {
    if (known_types.count(type)) return Status::Ok();
    return Status::InvalidArgument(std::string(file) + ": event type '" + type + "' is not in event_types.tsv");
  };
  if (!known_types.empty()) {
    for (const TriggerRule& r : lex.triggers) RETURN_IF_ERROR(check_type("triggers.tsv", r.type));
  }
  for (std::string_view e : Entries(text("question_cues.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 2) return Status::InvalidArgument("question_cues.tsv: malformed line: " + std::string(e));
    std::vector<std::string> types;
    for (std::string_view t : Split(cols[1], ',')) {
      std::string type(Trim(t));
      if (type.empty()) continue;
      if (!known_types.empty()) RETURN_IF_ERROR(check_type("question_cues.tsv", type));
      types.push_back(std::move(type));
    }
    Lexicon::QuestionCue cue{ToLower(Trim(cols[0])), std::move(types), "", {}};
    if (cols.size() > 2 && !cols[2].empty()) {
      std::string what = ToLower(cols[2]);
      if (what.rfind("role=", 0) == 0) {
        cue.role = what.substr(5);
      } else if (what.rfind("action=", 0) == 0) {
        for (std::string_view a : Split(std::string_view(what).substr(7), ',')) cue.actions.emplace_back(Trim(a));
      } else {
        return Status::InvalidArgument("question_cues.tsv: column 3 is role=... or action=...: " + std::string(e));
      }
    }
    lex.question_cues.push_back(std::move(cue));
  }
  for (const EventTypeInfo& t : lex.event_types) lex.question_cues.push_back({ToLower(t.label), {t.type}, "", {}});
  for (std::string_view e : Entries(text("items.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 3) return Status::InvalidArgument("items.tsv: malformed line: " + std::string(e));
    ItemInfo info;
    info.default_type = cols[1];
    RETURN_IF_ERROR(check_type("items.tsv", info.default_type));
    for (std::string_view t : Split(cols[2], ',')) {
      std::string type(Trim(t));
      if (type.empty()) continue;
      RETURN_IF_ERROR(check_type("items.tsv", type));
      info.types.push_back(std::move(type));
    }
    if (std::find(info.types.begin(), info.types.end(), info.default_type) == info.types.end()) {
      return Status::InvalidArgument("items.tsv: item " + cols[0] + ": its default type is not among its types");
    }
    if (cols.size() > 3) info.title = cols[3];
    lex.items[cols[0]] = std::move(info);
  }
  for (std::string_view e : Entries(text("frames.tsv"))) {
    std::vector<std::string> cols = Columns(e);
    if (cols.size() < 5) return Status::InvalidArgument("frames.tsv: malformed line: " + std::string(e));
    FrameRule r;
    for (std::string_view i : Split(cols[0], ',')) {
      std::string item(Trim(i));
      if (!item.empty()) r.items.push_back(std::move(item));
    }
    r.type = cols[1];
    RETURN_IF_ERROR(check_type("frames.tsv", r.type));
    const std::string& slot = cols[2];
    if (slot == "person") r.slot = FrameSlot::kPerson;
    else if (slot == "auditor") r.slot = FrameSlot::kAuditor;
    else if (slot == "counterparty") r.slot = FrameSlot::kCounterparty;
    else if (slot == "registrant") r.slot = FrameSlot::kRegistrant;
    else return Status::InvalidArgument("frames.tsv: unknown slot '" + slot + "' in: " + std::string(e));
    r.action = cols[3];
    for (std::string_view c : Split(cols[4], ',')) {
      FrameCue cue{ToLower(Trim(c)), false};
      if (!cue.phrase.empty() && cue.phrase.back() == '*') {
        cue.stem = true;
        cue.phrase.pop_back();
      }
      if (!cue.phrase.empty()) r.cues.push_back(std::move(cue));
    }
    if (r.items.empty() || r.cues.empty()) return Status::InvalidArgument("frames.tsv: a rule without items or cues: " + std::string(e));
    for (const std::string& item : r.items) {
      if (!lex.items.count(item)) return Status::InvalidArgument("frames.tsv: item " + item + " is not in items.tsv");
      const ItemInfo& info = lex.items[item];
      if (std::find(info.types.begin(), info.types.end(), r.type) == info.types.end()) {
        return Status::InvalidArgument("frames.tsv: " + r.type + " is not among item " + item + "'s types in items.tsv");
      }
      lex.frames_by_item[item].push_back(lex.frames.size());
    }
    lex.frames.push_back(std::move(r));
  }
  for (std::string_view e : Entries(text("generic_org_words.txt"))) lex.generic_org_words.insert(ToLower(Trim(e)));
  for (const WordSet* set : {&lex.corporate_suffixes, &lex.industry_words}) {
    for (const std::string& w : *set) lex.generic_org_words.insert(ToLower(w));
  }
  auto flag_all = [&](const WordSet& set, uint8_t flag) {
    for (const std::string& w : set) lex.word_flags[w] |= flag;
  };
  flag_all(lex.name_stopwords, kLexStop);
  flag_all(lex.person_titles, kLexTitle);
  // All-capitals headlines ("STOCKWALK.COM GROUP, INC. COMPLETES ACQUISITION
  // OF KINNARD INVESTMENTS, INC."): a stop word or a headline verb in capitals
  // ends a name as its title-case form does ("OF", "AND" and "&" join names).
  auto upper = [](std::string w) {
    for (char& c : w) c = IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c;
    return w;
  };
  for (const WordSet* set : {&lex.name_stopwords, &lex.headline_verbs}) {
    for (const std::string& w : *set) {
      std::string u = upper(w);
      if (u == "OF" || u == "AND" || u == "THE" || u.size() < 2) continue;
      lex.word_flags[u] |= kLexStop;
    }
  }
  // "Eldon Miller, chairman and CEO of ...": titles in lower case too.
  for (const std::string& w : lex.person_titles) {
    std::string lower = ToLower(w);
    if (lower != w && !lex.name_stopwords.count(lower)) lex.word_flags[lower] |= kLexTitle;
  }
  flag_all(lex.corporate_suffixes, kLexSuffix);
  flag_all(lex.industry_words, kLexIndustry);
  flag_all(lex.agency_words, kLexAgency);
  flag_all(lex.exchanges, kLexExchange);
  flag_all(lex.non_products, kLexNonProduct);
  for (const std::string& w : lex.corporate_suffixes) {
    if (w.size() < 2) continue;
    std::string upper = w;
    for (char& c : upper) {
      if (IsAsciiLower(c)) c = static_cast<char>(c - 'a' + 'A');
    }
    lex.word_flags[upper] |= kLexSuffixUpper;
  }
  for (const auto& [word, flags] : lex.word_flags) lex.word_flags_filter.Add(word);
  if (lex.triggers.empty() || lex.corporate_suffixes.empty()) {
    return Status::InvalidArgument("lexicon is missing triggers.tsv or corporate_suffixes.txt");
  }
  return lex;
}

std::string Lexicon::ItemKey(std::string_view item) {
  if (item.empty() || item.find('.') != std::string_view::npos) return std::string(item);
  for (char c : item) {
    if (!IsAsciiDigit(c)) return std::string(item);
  }
  return "old:" + std::string(item);
}

const Lexicon& Lexicon::Get() {
  static const Lexicon lexicon = [] {
    std::unordered_map<std::string, std::string> files;
    for (const EmbeddedFile& f : EmbeddedLexiconFiles()) files[f.name] = f.content;
    if (const char* dir = std::getenv("DEALGRAPH_LEXICON_DIR"); dir && *dir) {
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files[entry.path().filename().string()] = ss.str();
      }
      if (ec) std::cerr << "dealgraph: DEALGRAPH_LEXICON_DIR " << dir << ": " << ec.message() << "\n";
    }
    Result<Lexicon> lex = Lexicon::Parse(files);
    if (!lex.ok()) {
      std::cerr << "dealgraph: " << lex.status().message() << "; using the built-in lexicon\n";
      files.clear();
      for (const EmbeddedFile& f : EmbeddedLexiconFiles()) files[f.name] = f.content;
      lex = Lexicon::Parse(files);
    }
    return std::move(lex).value();
  }();
  return lexicon;
}

const EventTypeInfo* Lexicon::EventType(std::string_view type) const {
  for (const EventTypeInfo& t : event_types) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

}  // namespace dealgraph
