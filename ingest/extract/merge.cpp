// Resolution within the filing: one event per real-world event.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "ingest/extract/extractor_internal.h"

namespace dealgraph {
namespace extract_internal {

bool Extractor::Subset(const std::vector<int>& a, const std::vector<int>& b) {
  for (int x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) return false;
  return true;
}

std::string_view Extractor::Family(std::string_view type) {
  if (type == "agreement.amended" || type == "agreement.extended") return "agreement.extended";
  return type;
}

bool Extractor::CompletedTransfer(int sentence) const {
  if (sentence < 0) return false;
  const std::string lower = ToLower(seg_.sentences[sentence].text);
  for (std::string_view w : {"sold", "acquired", "purchased", "consummated", "transferred", "completed"}) {
    if (FindWordLower(lower, w) != std::string_view::npos) return true;
  }
  return false;
}

bool Extractor::DifferentPeople(const std::vector<int>& a, const std::vector<int>& b) const {
  bool a_person = false, b_person = false, shared = false;
  for (int p : a) {
    if (table_.entities[p].type != EntityType::kPerson) continue;
    a_person = true;
    shared |= std::find(b.begin(), b.end(), p) != b.end();
  }
  for (int p : b) b_person |= table_.entities[p].type == EntityType::kPerson;
  return a_person && b_person && !shared;
}

void Extractor::MergeDrafts() {
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
      if (std::find(into.parties.begin(), into.parties.end(), p) == into.parties.end())
        into.parties.push_back(p);
    }
    std::sort(into.parties.begin(), into.parties.end());
    from.dead = true;
  };
  // Money paid to a named person is their compensation.
  for (Draft& d : drafts_) {
    if (d.type != "payment") continue;
    bool person = false;
    for (int p : d.parties) person |= table_.entities[p].type == EntityType::kPerson;
    std::string_view q =
        d.sources.empty() ? std::string_view() : std::string_view(d.sources[0].quote);
    bool pay_words = FindWordIgnoreCase(q, "salary") != std::string_view::npos ||
                     FindWordIgnoreCase(q, "retainer") != std::string_view::npos ||
                     FindWordIgnoreCase(q, "compensation") != std::string_view::npos;
    if (person || pay_words) {
      d.type = "executive.compensation";
      if (table_.registrant >= 0 &&
          std::find(d.parties.begin(), d.parties.end(), table_.registrant) == d.parties.end()) {
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
      } else if (!CompletedTransfer(e.sentence)) {
        // ... but "entered into agreements with FTEL pursuant to which
        // Westell sold certain assets ... to FTEL" tells the sale too.
        c.dead = true;
      }
    }
  }
  // "entered into a settlement agreement resolving the lawsuit": one
  // event, the litigation's settlement, with the agreement it was settled by.
  for (Draft& e : drafts_) {
    if (e.type != "agreement.entered" || e.dead || e.agreement < 0 ||
        agreements_[e.agreement].kind != "settlement")
      continue;
    for (Draft& c : drafts_) {
      if (c.type != "litigation" || c.dead || c.sentence != e.sentence) continue;
      e.dead = true;
      if (c.agreement < 0) c.agreement = e.agreement;
      if (!c.amount) c.amount = e.amount;
      for (int p : e.parties) {
        if (std::find(c.parties.begin(), c.parties.end(), p) == c.parties.end())
          c.parties.push_back(p);
      }
      std::sort(c.parties.begin(), c.parties.end());
      break;
    }
  }
  // Amended + extended of one agreement in one filing are one extension.
  for (Draft& d : drafts_) {
    if (d.type != "agreement.amended" || d.agreement < 0) continue;
    for (const Draft& e : drafts_) {
      if (e.type == "agreement.extended" && e.agreement == d.agreement)
        d.type = "agreement.extended";
    }
  }
  // The drafts of each family, in order: only drafts of one family merge,
  // and a long filing has thousands (comparing every pair of them made one
  // 8 MB filing cost as much as 30 of 270 KB). A draft's type changes below
  // only within its family (amended -> extended).
  std::unordered_map<std::string_view, std::vector<size_t>> by_family;
  for (size_t i = 0; i < drafts_.size(); ++i) by_family[Family(drafts_[i].type)].push_back(i);
  auto family_of = [&](const Draft& d) -> const std::vector<size_t>& { return by_family[Family(d.type)]; };
  // A weakly dated telling ("recently", or no date at all) is a retelling
  // of the latest firmly dated event of its kind up to that date.
  for (Draft& b : drafts_) {
    if (!b.weak_date || b.dead) continue;
    Draft* best = nullptr;
    for (size_t ai : family_of(b)) {
      Draft& a = drafts_[ai];
      if (&a == &b || a.dead || a.weak_date || Family(a.type) != Family(b.type)) continue;
      if (!(Subset(b.parties, a.parties) || Subset(a.parties, b.parties))) continue;
      if (a.agreement >= 0 && b.agreement >= 0 && a.agreement != b.agreement) continue;
      if (a.amount && b.amount && std::abs(a.amount->value - b.amount->value) > 0.5) continue;
      std::string ad = a.date.Iso(), bd = b.date.Iso();
      if (ad.empty() || bd.empty() ||
          ad.substr(0, std::min(ad.size(), bd.size())) >
              bd.substr(0, std::min(ad.size(), bd.size())))
        continue;
      if ((b.date.year - a.date.year) * 12 + (b.date.month - a.date.month) > 13) continue;
      if (!best || best->date.Iso() < ad) best = &a;
    }
    if (best) absorb(*best, b);
  }
  for (size_t i = 0; i < drafts_.size(); ++i) {
    Draft& a = drafts_[i];
    if (a.dead) continue;
    for (size_t j : family_of(a)) {
      if (i == j) continue;
      Draft& b = drafts_[j];
      if (b.dead || a.dead || Family(a.type) != Family(b.type)) continue;
      bool same_agreement = a.agreement >= 0 && a.agreement == b.agreement;
      bool agreements_ok = a.agreement < 0 || b.agreement < 0 || same_agreement;
      if (!agreements_ok) continue;
      // Each of two people's employment agreements is its own event.
      if (DifferentPeople(a.parties, b.parties)) continue;
      bool results = a.type == "financial.results" || a.type == "shareholder.vote";
      // A firm is dismissed or engaged once: the board's approval and the
      // engagement's effective day are one change.
      bool auditor = a.type == "auditor.change" && a.parties == b.parties && a.parties.size() >= 2;
      bool parties_eq = a.parties == b.parties;
      bool dates_ok = a.date.CompatibleWith(b.date);
      bool lifecycle = a.type.rfind("agreement.", 0) == 0 && same_agreement &&
                       (a.type != "agreement.entered" || dates_ok);
      bool merge = false;
      if ((results && parties_eq) || auditor)
        merge = true;
      else if (lifecycle)
        merge = true;
      else if (parties_eq && dates_ok)
        merge = true;
      if (!merge) continue;
      // Keep the more precise (or the stronger, or the earlier) date.
      bool take_b = false;
      if (results)
        take_b = false;
      else if (auditor)
        take_b = !b.sources.empty() &&
                 FindWordIgnoreCase(b.sources[0].quote, "effective") != std::string_view::npos;
      else if (a.weak_date && !b.weak_date)
        take_b = true;
      else if (!a.weak_date && b.weak_date)
        take_b = false;
      else if (dates_ok && ((b.date.day && !a.date.day) || (b.date.month && !a.date.month)))
        take_b = true;
      else if (lifecycle && !dates_ok && b.date.Iso() < a.date.Iso())
        take_b = true;
      if (take_b) {
        a.date = b.date;
        a.weak_date = b.weak_date;
        if (Family(a.type) == "agreement.extended" && b.type == "agreement.extended")
          a.type = b.type;
      }
      if (a.type == "agreement.amended" && b.type == "agreement.extended")
        a.type = "agreement.extended";
      absorb(a, b);
    }
  }
  // An exhibit index row tells an agreement's making only where the rest of
  // the filing does not: "2.1 Agreement and Plan of Merger, dated as of ..."
  // is the merger the Item tells as a transaction.
  for (Draft& d : drafts_) {
    if (d.dead || !d.index_row || d.agreement < 0) continue;
    for (Draft& o : drafts_) {
      if (&o == &d || o.dead || o.index_row || o.agreement != d.agreement) continue;
      absorb(o, d);
      break;
    }
  }
}

}  // namespace extract_internal

}  // namespace dealgraph
