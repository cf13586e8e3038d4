#include "graph/model.h"

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

const Entity* GraphSlice::Find(std::string_view id) const {
  for (const Entity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace dealgraph
