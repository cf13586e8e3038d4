// Text for a terminal: data (file names, entity names, quotes) shown to a
// person must not act on the terminal. An ESC in a file name could clear
// the screen or retitle the window; a C1 control (U+009B is CSI) the same.
#ifndef DEALGRAPH_COMMON_TERMINAL_TEXT_H_
#define DEALGRAPH_COMMON_TERMINAL_TEXT_H_

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace dealgraph {

// `s` with every control character written as "\u00XX": the C0 controls
// (bytes below 0x20) but those in `keep`, DEL (0x7f), and the C1 controls
// U+0080..U+009F (UTF-8 0xC2 0x80..0x9F). Everything else, backslashes and
// ill-formed UTF-8 included, is left as it is (display text, not an
// encoding: JSON's own escapes are what reading back needs). The one
// escaping of terminal output: the table printer (common/table.h) and
// EscapingStream use it.
std::string EscapeControls(std::string_view s, std::string_view keep = {});

// While alive, everything written to `stream` goes through EscapeControls,
// keeping only newline, carriage return and tab (the layout of lines and of
// a progress line), line by line; the stream's own buffer is back when it
// ends. The CLI puts its error stream, and its output when that is a
// terminal, under one (cli/cli.cpp).
class EscapingStream {
 public:
  explicit EscapingStream(std::ostream& stream);
  ~EscapingStream();
  EscapingStream(const EscapingStream&) = delete;
  EscapingStream& operator=(const EscapingStream&) = delete;

 private:
  class Buf : public std::streambuf {
   public:
    explicit Buf(std::streambuf* target) : target_(target) {}
    ~Buf() override;
    int Flush(bool all);

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

   private:
    std::streambuf* target_;
    std::string pending_;
  };
  std::ostream& stream_;
  Buf buf_;
  std::streambuf* saved_;
};

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_TERMINAL_TEXT_H_
