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

std::string Extractor::CoverForm() const {
  // The cover ends at the registrant's name; without that line, the first
  // few thousand bytes stand for it.
  std::string_view cover =
      std::string_view(doc_.text).substr(0, std::min<size_t>(doc_.text.size(), 6000));
  size_t name_line = FindIgnoreCase(cover, "exact name of registrant");
  cover = cover.substr(0, name_line != std::string_view::npos ? name_line : 3000);
  for (size_t at = FindIgnoreCase(cover, "8-K"); at != std::string_view::npos;
       at = FindIgnoreCase(cover, "8-K", at + 3)) {
    std::string_view rest = cover.substr(at + 3, 40);
    size_t i = 0;
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
    if (i < rest.size() && rest[i] == '/') {
      ++i;
      while (i < rest.size() && rest[i] == ' ') ++i;
      if (i < rest.size() && (rest[i] == 'A' || rest[i] == 'a') &&
          (i + 1 == rest.size() || !IsAsciiAlnum(rest[i + 1]))) {
        return "8-K/A";
      }
    }
    if (i < rest.size() && rest[i] == '(' && FindIgnoreCase(rest.substr(i), "(amendment") == 0)
      return "8-K/A";
  }
  return "8-K";
}

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
    for (const DateMention& d : FindDates(s, pieces_[si], ctx_)) {
      if (d.begin > filed && d.kind == DateKind::kAbsolute && d.value.day != 0) {
        return "filed:" + d.value.Iso();
      }
    }
  }
  return "";
}

}  // namespace extract_internal

}  // namespace dealgraph
