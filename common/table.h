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
  // UTF-8 code points). Newlines, tabs and carriage returns in a cell are
  // spaces, every other control character is escaped (EscapeControls,
  // common/terminal_text.h). Cells wider than `max_width` are cut with "…"; the
  // last column is never padded. 0 = no limit. With a `total_width` (a
  // terminal's columns), the widest columns are narrowed, one character at a
  // time, until every line fits, and cells are cut to their column with "…";
  // a column of short cells (10 or fewer) is never cut, a wider one keeps
  // at least its header's width (8 when that is less), so a table too wide
  // even then overflows.
  void Print(std::ostream& out, size_t max_width = 0, size_t total_width = 0) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of a UTF-8 string in code points.
size_t DisplayWidth(const std::string& s);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_TABLE_H_
