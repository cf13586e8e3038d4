#include "graph/store.h"

#include <algorithm>

#include "graph/rocks_store.h"

// FoldName, which the alias index keys on, lives in common/names.cpp: the
// extractor folds names the same way.

namespace dealgraph {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  Result<std::unique_ptr<RocksStore>> store = RocksStore::Open(path, options);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

namespace {

// Compares two ISO dates at the precision of the less precise one, so that
// "2005" neither precedes nor follows "2005-05-03".
int CompareAtPrecision(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  return a.substr(0, n).compare(b.substr(0, n));
}

}  // namespace

bool DateRange::Contains(std::string_view iso_date) const {
  if (iso_date.empty()) return unbounded();
  if (!from.empty() && CompareAtPrecision(iso_date, from) < 0) return false;
  if (!to.empty() && CompareAtPrecision(iso_date, to) > 0) return false;
  return true;
}

}  // namespace dealgraph
