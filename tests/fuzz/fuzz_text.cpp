// libFuzzer target: any bytes through the plain-text reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/utf8.h"
#include "ingest/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = dealgraph::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)dealgraph::ReadTextFiling("fuzz.txt", text);
  return 0;
}
