#include "graph/model.h"

#include <cmath>

#include <algorithm>
#include <string>
#include <utility>

namespace dealgraph {

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kOrganization: return "organization";
    case EntityType::kPerson: return "person";
    case EntityType::kProduct: return "product";
    case EntityType::kAgreement: return "agreement";
  }
  return "organization";
}

bool ParseEntityType(std::string_view s, EntityType* out) {
  if (s == "organization" || s == "org" || s == "company") { *out = EntityType::kOrganization; return true; }
  if (s == "person" || s == "people") { *out = EntityType::kPerson; return true; }
  if (s == "product" || s == "compound" || s == "technology") { *out = EntityType::kProduct; return true; }
  if (s == "agreement") { *out = EntityType::kAgreement; return true; }
  return false;
}

std::string AgreementId(std::string_view parties, std::string_view kind, int year, std::string_view title_slug) {
  std::string id = "ag:";
  id.append(parties).append(":").append(kind);
  if (year) id.append(":").append(std::to_string(year));
  else if (!title_slug.empty()) id.append(":").append(title_slug);
  return id;
}

bool SameAgreementOneDated(std::string_view a, std::string_view b) {
  size_t ka = a.rfind(':'), kb = b.rfind(':');
  if (ka == std::string_view::npos || ka != kb || a.substr(0, ka) != b.substr(0, kb)) return false;
  auto year = [](std::string_view tail) {
    return tail.size() == 4 && std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return year(a.substr(ka + 1)) != year(b.substr(kb + 1));
}

const Entity* GraphSlice::Find(std::string_view id) const {
  for (const Entity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

namespace {
constexpr std::pair<MoneyKind, std::string_view> kMoneyKindNames[] = {
    {MoneyKind::kTotal, "total"},   {MoneyKind::kPerShare, "per_share"},
    {MoneyKind::kPerUnit, "per_unit"}, {MoneyKind::kUpTo, "up_to"},
    {MoneyKind::kContingent, "contingent"},
};
}  // namespace

std::string_view MoneyKindName(MoneyKind kind) {
  for (const auto& [k, name] : kMoneyKindNames) {
    if (k == kind) return name;
  }
  return "total";
}

bool ParseMoneyKind(std::string_view name, MoneyKind* kind) {
  for (const auto& [k, n] : kMoneyKindNames) {
    if (n == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool IsAgentRole(std::string_view role) {
  return role == "underwriter" || role == "adviser" || role == "counsel" || role == "agent";
}

bool ServesAsAgent(const Event& ev, std::string_view entity_id) {
  for (const Party& p : ev.parties) {
    if (p.entity_id == entity_id && IsAgentRole(p.role)) return true;
  }
  return false;
}

bool PlausibleAmount(const Money& m) {
  return std::isfinite(m.value) && std::isfinite(m.high) && m.value >= 0 &&
         m.value <= kMaxPlausibleAmount && m.high <= kMaxPlausibleAmount;
}

bool IsTotalAmount(const Money& m) {
  return m.kind == MoneyKind::kTotal && !m.is_range() && PlausibleAmount(m);
}

bool IsMoneyPaid(std::string_view event_type, const std::optional<Money>& amount) {
  return event_type == "payment" && amount && IsTotalAmount(*amount);
}

const Slot* Event::SlotNamed(std::string_view name) const {
  for (const Slot& s : slots) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace dealgraph
