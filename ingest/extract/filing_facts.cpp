// Filing facts: form, dates, Items and the report an 8-K/A amends.
#include <algorithm>
#include <cmath>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

void Extractor::FillFilingInfo() {
  const FilingHeader& h = doc_.header;
  FilingInfo& f = out_.filing;
  f.name = doc_.name;
  f.content_hash = Hash64(doc_.text);
  f.id = FilingIdOf(doc_, f.content_hash);
  source_filing_ = !h.accession.empty() ? h.accession : doc_.name;
  // Without a header the cover names the form; a text that names none (only
  // ExtractFiling's direct callers give one: ingest skips it) reads as an 8-K.
  f.form = !h.form.empty() ? h.form : FormOnCover(doc_.text);
  if (f.form.empty()) f.form = "8-K";
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

}  // namespace extract_internal

namespace {

// A form designation at the start of `s` (after "FORM "): "8-K", "10-K405",
// "S-1", "8 - K" (spaces around the hyphen dropped), with "/A" when it
// follows. Sets *used to the bytes read; "" when `s` does not start with one
// (a letter or digit run, a hyphen, a letter or digit run, holding a digit).
std::string FormDesignation(std::string_view s, size_t* used) {
  std::string out;
  size_t i = 0;
  auto run = [&] {
    size_t b = i;
    while (i < s.size() && IsAsciiAlnum(s[i]) && i - b < 8) out.push_back(AsciiUpper(s[i++]));
    return i > b;
  };
  auto spaces = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  if (!run()) return "";
  spaces();
  if (i >= s.size() || s[i] != '-') return "";
  ++i;
  out.push_back('-');
  spaces();
  if (!run()) return "";
  if (i < s.size() && IsAsciiAlnum(s[i])) return "";
  if (out.find_first_of("0123456789") == std::string::npos) return "";
  size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  if (j + 1 < s.size() && s[j] == '/' && (s[j + 1] == 'A' || s[j + 1] == 'a') &&
      (j + 2 == s.size() || !IsAsciiAlnum(s[j + 2]))) {
    out += "/A";
    i = j + 2;
  }
  *used = i;
  return out;
}

// The title row of cover_forms.tsv `cell` (lower case) starts with, or null.
const std::pair<std::string, std::string>* CoverTitle(std::string_view lower) {
  for (const auto& row : Lexicon::Get().cover_forms) {
    const std::string& t = row.second;
    if (lower.size() >= t.size() && lower.compare(0, t.size(), t) == 0 &&
        (lower.size() == t.size() || !IsAsciiAlnum(lower[t.size()]))) {
      return &row;
    }
  }
  return nullptr;
}

// The form one cover cell names, or "".
std::string CellForm(std::string_view cell) {
  cell = Trim(cell);
  std::string lower = ToLower(cell.substr(0, 160));
  if (lower.size() > 5 && lower.compare(0, 5, "form ") == 0) {
    size_t used = 0;
    std::string_view rest = cell.substr(5);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::string form = FormDesignation(rest, &used);
    if (!form.empty()) {
      // The line is the form's heading: nothing after it, or a parenthesis
      // ("(Amendment No. 1)", "(Mark One)"), an amendment's number or a
      // report title.
      std::string_view after = Trim(rest.substr(used));
      std::string after_lower = ToLower(after.substr(0, 160));
      bool amendment = after_lower.rfind("(amendment", 0) == 0 || after_lower.rfind("amendment", 0) == 0;
      if (after.empty() || after.front() == '(' || amendment || CoverTitle(after_lower) != nullptr) {
        if (amendment && form.find("/A") == std::string::npos) form += "/A";
        return form;
      }
      return "";
    }
  }
  if (const auto* row = CoverTitle(lower)) return row->first;
  // An exhibit filed as a file of its own (EDGAR's per-document files) is
  // headed by its number alone: "Exhibit 99.1", "EX-99", "EXHIBIT 10.2".
  for (std::string_view head : {"exhibit ", "ex-"}) {
    if (lower.size() <= head.size() || lower.compare(0, head.size(), head) != 0) continue;
    std::string_view num = Trim(std::string_view(lower).substr(head.size()));
    size_t i = 0;
    while (i < num.size() && (IsAsciiDigit(num[i]) || (num[i] == '.' && i > 0))) ++i;
    if (i == 0 || i > 8 || num[i - 1] == '.') return "";
    if (i < num.size() && num.substr(i) != ":" && num.substr(i) != ".") return "";
    return "EX-" + std::string(num.substr(0, i));
  }
  return "";
}

}  // namespace

std::string FormOnCover(std::string_view text) {
  constexpr int kCoverLines = 40;
  int lines = 0;
  size_t pos = 0;
  while (pos < text.size() && lines < kCoverLines) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (Trim(line).empty()) continue;
    ++lines;
    for (std::string_view cell : Split(line, '\t')) {
      std::string form = CellForm(cell);
      if (!form.empty()) return form;
    }
    if (FindIgnoreCase(line, "exact name of registrant") != std::string_view::npos) break;
  }
  return "";
}

namespace extract_internal {

bool Extractor::IsAmendmentForm(std::string_view form) {
  return form.size() >= 5 && FindIgnoreCase(form, "8-K/A") == 0;
}

std::string Extractor::AmendedFilingHint() const {
  const size_t limit = std::min<size_t>(seg_.sentences.size(), 120);
  for (size_t si = 0; si < limit; ++si) {
    std::string_view s = seg_.sentences[si].text;
    std::string lower = ToLower(s);
    if (lower.find("8-k") == std::string::npos) continue;
    if (lower.find("amend") == std::string::npos && lower.find("original") == std::string::npos)
      continue;
    size_t filed = std::string::npos;
    for (std::string_view verb : {"filed", "furnished", "submitted"}) {
      size_t p = FindWordLower(lower, verb);
      if (p != std::string::npos && (filed == std::string::npos || p < filed)) filed = p;
    }
    if (filed == std::string::npos) continue;
    for (const DateMention& d : FindDates(s, Pieces(si), ctx_)) {
      if (d.begin > filed && d.kind == DateKind::kAbsolute && d.value.day != 0) {
        return "filed:" + d.value.Iso();
      }
    }
  }
  return "";
}

}  // namespace extract_internal

}  // namespace dealgraph
