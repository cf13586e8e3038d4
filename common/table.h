// Aligned text tables for terminal output.
#ifndef DEALGRAPH_COMMON_TABLE_H_
#define DEALGRAPH_COMMON_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace dealgraph {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }
  // Writes the table with columns padded to their widest cell (counted in
  // UTF-8 code points). Cells wider than `max_width` are cut with "…"; the
  // last column is never padded. 0 = no limit.
  void Print(std::ostream& out, size_t max_width = 0) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of a UTF-8 string in code points.
size_t DisplayWidth(const std::string& s);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_TABLE_H_
