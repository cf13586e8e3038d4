// Slices and checkers shared by the export tests, defined in
// export_fixtures_test.cpp.
#ifndef DEALGRAPH_TESTS_EXPORT_EXPORT_FIXTURES_H_
#define DEALGRAPH_TESTS_EXPORT_EXPORT_FIXTURES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "graph/model.h"

namespace dealgraph::export_fixtures {
GraphSlice ImmunoGenSlice();
GraphSlice SyntheticSlice(size_t n, uint32_t seed);
bool IsValidJson(std::string_view text);
std::string HostileName();
std::string XmlError(const std::string& text);
}  // namespace dealgraph::export_fixtures

#endif  // DEALGRAPH_TESTS_EXPORT_EXPORT_FIXTURES_H_
