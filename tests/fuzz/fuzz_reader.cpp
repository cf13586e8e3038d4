// libFuzzer target: any bytes through ReadFiling (gzip, SGML, HTML, text).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/utf8.h"
#include "ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dealgraph::Result<dealgraph::Document> doc = dealgraph::ReadFiling("fuzz.txt", bytes);
  if (doc.ok() && !dealgraph::IsValidUtf8(doc->text)) __builtin_trap();  // the contract: text is UTF-8
  return 0;
}
