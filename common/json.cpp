#include "common/json.h"

#include <cmath>
#include <cstdio>

#include "common/utf8.h"

namespace dealgraph {

void AppendJsonString(std::string* out, std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  out->push_back('"');
  for (unsigned char c : clean) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::BeginObject() { Separate(); out_.push_back('{'); first_.push_back(true); }
void JsonWriter::EndObject() { out_.push_back('}'); first_.pop_back(); }
void JsonWriter::BeginArray() { Separate(); out_.push_back('['); first_.push_back(true); }
void JsonWriter::EndArray() { out_.push_back(']'); first_.pop_back(); }

void JsonWriter::Key(std::string_view k) {
  Separate();
  AppendJsonString(&out_, k);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) { Separate(); AppendJsonString(&out_, s); }

void JsonWriter::Number(double v) {
  Separate();
  if (!std::isfinite(v)) {
    out_.append("null");
    return;
  }
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  out_.append(buf);
}

void JsonWriter::Int(long long v) { Separate(); out_.append(std::to_string(v)); }
void JsonWriter::Bool(bool b) { Separate(); out_.append(b ? "true" : "false"); }
void JsonWriter::Null() { Separate(); out_.append("null"); }

void JsonWriter::Field(std::string_view k, std::string_view s, bool skip_empty) {
  if (skip_empty && s.empty()) return;
  Key(k);
  String(s);
}

}  // namespace dealgraph
