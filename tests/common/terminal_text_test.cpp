#include "common/terminal_text.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "common/table.h"

namespace dealgraph {
namespace {

TEST_CASE("terminal text: C0, DEL and C1 controls are escaped, the rest left as it is", "[common]") {
  CHECK(EscapeControls("\x1b]0;title\x07\x1b[2J") == "\\u001b]0;title\\u0007\\u001b[2J");
  CHECK(EscapeControls("a\x7f" "b") == "a\\u007fb");
  CHECK(EscapeControls("CSI \xc2\x9b" "2J, NEL \xc2\x85") == "CSI \\u009b2J, NEL \\u0085");
  // U+00A0 and up, other UTF-8, backslashes and a lone 0xC2 stay.
  CHECK(EscapeControls("Soci\xc3\xa9t\xc3\xa9 \xc2\xa0\\ \xe2\x80\xa6 \xc2") == "Soci\xc3\xa9t\xc3\xa9 \xc2\xa0\\ \xe2\x80\xa6 \xc2");
  CHECK(EscapeControls("a\nb\tc\rd") == "a\\u000ab\\u0009c\\u000dd");
  CHECK(EscapeControls("a\nb\tc\rd", "\n\t") == "a\nb\tc\\u000dd");
}

TEST_CASE("terminal text: a stream under EscapingStream escapes what is written, line layout kept", "[common]") {
  std::ostringstream out;
  {
    EscapingStream guard(out);
    out << "dealgraph: \x1b[31mbad.txt: binary\n" << "\r3/4 files" << std::flush;
    // A C1 control split between two writes is still one control.
    out << "x\xc2";
    out << "\x9b" "2J\n";
    out << "end \xc2";
  }
  CHECK(out.str() == "dealgraph: \\u001b[31mbad.txt: binary\n\r3/4 filesx\\u009b2J\nend \xc2");
  out << "\x1b";  // the stream's own buffer is back
  CHECK(out.str().back() == '\x1b');
}

TEST_CASE("terminal text: table cells are escaped", "[common]") {
  Table t({"ID", "FILE"});
  t.AddRow({"sha:1", "\x1b]0;pwned\x07x.txt"});
  std::ostringstream out;
  t.Print(out);
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(out.str().find("sha:1  \\u001b]0;pwned\\u0007x.txt\n") != std::string::npos);
}

}  // namespace
}  // namespace dealgraph
