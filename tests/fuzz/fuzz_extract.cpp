// libFuzzer target: any (valid UTF-8) text through segmenting and extraction.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/utf8.h"
#include "ingest/document.h"
#include "ingest/extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dealgraph::Document doc;
  doc.name = "fuzz.txt";
  doc.text = dealgraph::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)dealgraph::ExtractFiling(doc);
  return 0;
}
