#include "ingest/reader.h"

#include <cstring>
#include <string>

#include "ingest/encoding.h"
#include "ingest/html_reader.h"
#include "ingest/sgml_reader.h"
#include "ingest/text_reader.h"

namespace dealgraph {

Result<Document> ReadFiling(std::string_view name, std::string_view bytes) {
  std::string inflated;
  if (IsGzip(bytes)) {
    Result<std::string> gz = Gunzip(bytes, kMaxDecompressedBytes);
    if (!gz.ok()) return gz.status();
    inflated = std::move(gz).value();
    bytes = inflated;
  }
  if (bytes.empty()) return Status::Unsupported("empty file");
  if (bytes.size() > kMaxDecompressedBytes) {
    return Status::Unsupported("file larger than " + std::to_string(kMaxDecompressedBytes) +
                               " bytes");
  }
  // UTF-16 and UTF-32 (Windows "Unicode" saves) hold NUL bytes that would
  // read as binary: decoded first when a byte-order mark names them.
  if (UnicodeBom bom = DetectBom(bytes);
      bom != UnicodeBom::kNone && bom != UnicodeBom::kUtf8) {
    Result<std::string> wide = DecodeUtf16or32(bytes, bom, kMaxDecompressedBytes);
    if (!wide.ok()) return wide.status();
    inflated = std::move(wide).value();
    bytes = inflated;
  }
  if (LooksBinary(bytes)) return Status::Unsupported("binary data, not a filing");

  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  // Valid UTF-8 (nearly every filing) is read where it lies: on a 200 MB
  // file each extra copy costs as much as a reader pass.
  std::string decoded;
  std::string_view text = bytes;
  if (!IsValidUtf8Fast(text)) {
    decoded = DecodeToUtf8(text);
    text = decoded;
  }
  if (!HasVisibleText(text)) return Status::Unsupported("empty file");
  // The SGML scanner relies on '\n' line ends (.nc files use bare CR), and
  // libxml2 stops at a NUL byte: those inputs are normalised first.
  const bool sgml = LooksLikeSgml(text);
  if (sgml || std::memchr(text.data(), '\0', text.size()) != nullptr) {
    std::string normalized = decoded.empty() ? std::string(text) : std::move(decoded);
    inflated.clear();
    inflated.shrink_to_fit();
    NormalizeTextInPlace(&normalized);
    if (sgml) return ReadSgmlFiling(name, normalized);
    if (LooksLikeHtml(normalized)) return ReadHtmlFiling(name, normalized);
    return ReadTextFiling(name, normalized);
  }
  if (LooksLikeHtml(text)) return ReadHtmlFiling(name, text);
  return ReadTextFiling(name, text);
}

}  // namespace dealgraph
