// The extractor's driver (Run: the stages in order) and its output (Build).
#include "ingest/extract/extractor.h"

#include <algorithm>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

namespace {

// An amount as the model keeps it: one kind, the first of per share, per
// unit, up to, contingent that the text gives.
Money ToMoney(const MoneyMention& m) {
  Money out;
  out.value = m.value;
  out.currency = m.currency;
  out.high = m.high > m.value ? m.high : 0;
  if (m.per_share) {
    out.kind = MoneyKind::kPerShare;
  } else if (m.per_period) {
    out.kind = MoneyKind::kPerUnit;
    out.unit = m.unit;
  } else if (m.up_to) {
    out.kind = MoneyKind::kUpTo;
  } else if (m.contingent) {
    out.kind = MoneyKind::kContingent;
  }
  return out;
}

}  // namespace

Result<FilingExtract> Extractor::Run() {
  if (Trim(doc_.text).empty()) return Status::Corruption("no text in the filing");
  seg_ = Segment(doc_);
  size_t sentence_bytes = 0;
  for (const Sentence& s : seg_.sentences) sentence_bytes += s.text.size();
  const bool hold_pieces = sentence_bytes <= kHeldPiecesBytes;
  tokens_.reserve(seg_.sentences.size());
  if (hold_pieces) pieces_.resize(seg_.sentences.size());
  for (size_t si = 0; si < seg_.sentences.size(); ++si) {
    std::vector<LexToken>& pieces = hold_pieces ? pieces_[si] : lexed_;
    Lex(seg_.sentences[si].text, &pieces);
    tokens_.push_back(Tokenize(seg_.sentences[si].text, pieces));
  }
  lexed_si_ = hold_pieces || seg_.sentences.empty() ? SIZE_MAX : seg_.sentences.size() - 1;
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
  FillSlots();
  return Build();
}

Result<FilingExtract> Extractor::Build() {
  // Entities that are worth keeping: products need more evidence for than against.
  std::vector<bool> keep(table_.entities.size(), true);
  for (size_t i = 0; i < table_.entities.size(); ++i) {
    const FoundEntity& e = table_.entities[i];
    if (e.type == EntityType::kProduct && e.product_evidence < 0) keep[i] = false;
    if (e.merged_into >= 0) keep[i] = false;
  }
  std::vector<std::string> ids(table_.entities.size());
  for (size_t i = 0; i < table_.entities.size(); ++i) {
    size_t root = i;
    while (table_.entities[root].merged_into >= 0) root = static_cast<size_t>(table_.entities[root].merged_into);
    ids[i] = table_.entities[root].id;
  }
  for (size_t i = 0; i < table_.entities.size(); ++i) {
    const FoundEntity& fe = table_.entities[i];
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
        Relation r{"officer_of",
                   fe.id,
                   table_.entities[employer].id,
                   fe.title,
                   {Source{source_filing_, "", "", filed_}}};
        out_.relations.push_back(std::move(r));
      }
    }
  }
  for (const FoundRelation& r : table_.relations) {
    if (ids[r.from] == ids[r.to]) continue;  // two spellings of one entity (EntityTable::Merge)
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
    if (d.dead || d.type != "agreement.entered" || d.agreement < 0 || d.weak_date || d.date.empty())
      continue;
    FoundAgreement& g = agreements_[d.agreement];
    if (g.dated.empty()) g.dated = d.date;
  }
  for (size_t a = 0; a < agreements_.size(); ++a) {
    if (a < agreement_into_.size() && agreement_into_[a] != static_cast<int>(a))
      continue;  // folded (UnifyAgreements)
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
    if (d.amount) ev.amount = ToMoney(*d.amount);
    ev.sources = d.sources;
    ev.summary = d.summary;
    for (const DraftSlot& s : d.slots) ev.slots.push_back(Slot{s.name, s.value, s.entity >= 0 ? ids[s.entity] : ""});
    std::string key = ev.type + "|" + ev.date + "|" + ev.agreement_id;
    for (const Party& p : ev.parties) key += "|" + p.entity_id;
    key += "|" + out_.filing.id;
    ev.id = "ev:" + Hex64(Hash64(key));
    out_.events.push_back(std::move(ev));
  }
  return std::move(out_);
}

std::string Extractor::AgreementName(const FoundAgreement& g) const {
  if (!g.title.empty()) return g.title;
  std::string cue = g.cue;
  if (cue.empty() || cue == "agreement")
    return g.kind == "agreement" ? "agreement" : g.kind + " agreement";
  if (cue.find("agreement") != std::string::npos || cue.find("letter") != std::string::npos ||
      cue.find("plan") != std::string::npos)
    return cue;
  if (cue.find("rights to test") != std::string::npos ||
      cue.find("right to test") != std::string::npos)
    return "technology access agreement";
  return cue + " agreement";
}

std::vector<FormerName> Extractor::FormerNamesOf(const FoundEntity& fe) const {
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

const std::vector<LexToken>& Extractor::Pieces(size_t si) const {
  if (!pieces_.empty()) return pieces_[si];
  if (lexed_si_ != si) {
    Lex(seg_.sentences[si].text, &lexed_);
    lexed_si_ = si;
  }
  return lexed_;
}

Source Extractor::MakeSource(size_t si) const {
  const Block& b = seg_.blocks[seg_.sentences[si].block];
  return Source{source_filing_, b.item, FoldSpaces(seg_.sentences[si].text), filed_};
}

}  // namespace extract_internal

Result<FilingExtract> ExtractFiling(const Document& doc) {
  return extract_internal::Extractor(doc).Run();
}

std::string FilingId(const Document& doc) {
  return extract_internal::FilingIdOf(doc, doc.header.accession.empty() ? Hash64(doc.text) : 0);
}

}  // namespace dealgraph
