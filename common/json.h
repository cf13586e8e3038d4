// A small streaming JSON writer (output only) and string escaping.
//
// Output is always valid JSON and valid UTF-8: invalid bytes in strings are
// replaced with U+FFFD, control characters are escaped.
#ifndef DEALGRAPH_COMMON_JSON_H_
#define DEALGRAPH_COMMON_JSON_H_

#include <string>
#include <string_view>
#include <vector>

namespace dealgraph {

// Appends `s` to `out` as a quoted JSON string.
void AppendJsonString(std::string* out, std::string_view s);

// Builds one JSON value into a string. Usage:
//   JsonWriter w; w.BeginObject(); w.Key("id"); w.String("x"); w.EndObject();
//   std::string line = w.Take();
// Commas are inserted automatically; the caller keeps Begin/End balanced.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view k);
  void String(std::string_view s);
  void Number(double v);
  void Int(long long v);
  void Bool(bool b);
  void Null();
  // Key + String, skipped entirely when `s` is empty and `skip_empty`.
  void Field(std::string_view k, std::string_view s, bool skip_empty = false);
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_JSON_H_
