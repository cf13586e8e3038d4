#include "common/terminal_text.h"

#include <cstdio>

namespace dealgraph {

namespace {
void AppendEscape(std::string* out, unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", code);
  out->append(buf);
}
}  // namespace

std::string EscapeControls(std::string_view s, std::string_view keep) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && keep.find(static_cast<char>(c)) == std::string_view::npos) || c == 0x7f) {
      AppendEscape(&out, c);
    } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      AppendEscape(&out, static_cast<unsigned char>(s[++i]));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

EscapingStream::EscapingStream(std::ostream& stream)
    : stream_(stream), buf_(stream.rdbuf()), saved_(stream.rdbuf(&buf_)) {}

EscapingStream::~EscapingStream() {
  buf_.Flush(true);
  stream_.rdbuf(saved_);
}

EscapingStream::Buf::~Buf() { Flush(true); }

// Writes what is pending, escaped; a last 0xC2 waits for the byte that says
// whether it starts a C1 control, unless `all`.
int EscapingStream::Buf::Flush(bool all) {
  if (pending_.empty()) return 0;
  std::string_view text = pending_;
  const bool hold = !all && static_cast<unsigned char>(text.back()) == 0xc2;
  if (hold) text.remove_suffix(1);
  const std::string escaped = EscapeControls(text, "\n\r\t");
  const std::streamsize n = static_cast<std::streamsize>(escaped.size());
  const bool ok = target_->sputn(escaped.data(), n) == n;
  pending_.erase(0, text.size());
  return ok ? 0 : -1;
}

EscapingStream::Buf::int_type EscapingStream::Buf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
}

std::streamsize EscapingStream::Buf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  return Flush(false) == 0 ? n : 0;
}

int EscapingStream::Buf::sync() {
  if (Flush(false) != 0) return -1;
  return target_->pubsync();
}

}  // namespace dealgraph
