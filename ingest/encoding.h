// Byte-level decoding for the readers: gzip, binary detection, character
// encodings (UTF-8, Windows-1252, Latin-1) and the text normalisation every
// reader applies to its output.
//
// None of these functions throws; all of them accept arbitrary bytes.
#ifndef DEALGRAPH_INGEST_ENCODING_H_
#define DEALGRAPH_INGEST_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace dealgraph {

// Largest input ReadFiling accepts after gunzip: 512 MiB.
inline constexpr size_t kMaxDecompressedBytes = size_t{512} << 20;

// True when `bytes` starts with the gzip magic number 1f 8b.
bool IsGzip(std::string_view bytes);

// Inflates a gzip stream (several concatenated members are read in turn).
// Errors: Corruption("corrupt gzip data: ...") / Corruption("truncated gzip
// data"); Unsupported("gzip data expands beyond N bytes") when the output
// would exceed `max_bytes`.
Result<std::string> Gunzip(std::string_view bytes, size_t max_bytes = kMaxDecompressedBytes);

// True when the first 8 KiB of `bytes` hold a NUL byte, more than 10% control
// bytes (other than tab, LF, CR, FF, VT), or start with the magic number of a
// known binary format (PDF, ZIP, PNG, GIF, JPEG, OLE2).
bool LooksBinary(std::string_view bytes);

// The Unicode encoding a byte-order mark at the start of `bytes` names.
enum class UnicodeBom { kNone, kUtf8, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be };
UnicodeBom DetectBom(std::string_view bytes);

// Decodes UTF-16 or UTF-32 text (kUtf16Le ... kUtf32Be; a leading byte-order
// mark is dropped) to UTF-8. Unpaired surrogates, code points past U+10FFFF
// and a trailing partial unit become U+FFFD. Output is bounded by `max_bytes`:
// Unsupported("... expands beyond N bytes") past it.
Result<std::string> DecodeUtf16or32(std::string_view bytes, UnicodeBom encoding,
                                    size_t max_bytes = kMaxDecompressedBytes);

// Decodes `bytes` to UTF-8. Valid UTF-8 is returned unchanged (less a leading
// byte-order mark). Otherwise every well-formed UTF-8 multi-byte sequence is
// kept and every other byte is read as Windows-1252, with Latin-1 for the five
// bytes 1252 leaves undefined; so pure 1252/Latin-1 input and files mixing
// both encodings come out right. The result is always valid UTF-8.
std::string DecodeToUtf8(std::string_view bytes);

// Maps each byte through Windows-1252 (Latin-1 for 0x81, 0x8D, 0x8F, 0x90,
// 0x9D). Always valid UTF-8.
std::string Cp1252ToUtf8(std::string_view bytes);

// Normalises UTF-8 text without changing its words: CRLF and CR become LF
// (also U+2028/U+2029 and form feed); NBSP and the other Unicode spaces become
// ' '; soft hyphens, zero-width characters, BOMs and control characters other
// than '\t' and '\n' are removed. Curly quotes and dashes are kept. Ill-formed
// UTF-8 is replaced by U+FFFD.
std::string NormalizeText(std::string_view utf8);
// The same, rewriting `text` in place (no second buffer on large inputs).
void NormalizeTextInPlace(std::string* text);

// Line-level tidying to the Document::text shape: in each line, runs of spaces
// fold to one, spaces around tabs and at both ends are trimmed, a line holding
// only spaces/tabs becomes blank; runs of blank lines fold to one; leading and
// trailing blank lines are dropped; a non-empty result ends with '\n'.
std::string TidyLines(std::string_view text);
// The same, in place.
void TidyLinesInPlace(std::string* text);

// What every reader does last: NormalizeText, TidyLines, then SanitizeUtf8 so
// the text is valid UTF-8 whatever happened before. Works in place on `text`.
std::string FinishText(std::string text);

// IsValidUtf8 (common/utf8.h) with an eight-bytes-at-a-time ASCII fast path.
bool IsValidUtf8Fast(std::string_view s);

// True when `text` holds at least one character other than whitespace.
bool HasVisibleText(std::string_view text);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_ENCODING_H_
