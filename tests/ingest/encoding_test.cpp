#include "ingest/encoding.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "common/utf8.h"

namespace dealgraph {
namespace {

// Compresses `data` into a gzip member (test helper).
std::string GzipForTest(const std::string& data) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  REQUIRE(deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST_CASE("encoding: gunzip restores the bytes of a gzip member", "[ingest]") {
  std::string text = "FORM 8-K\nItem 8.01 Other Events\n";
  std::string gz = GzipForTest(text);
  REQUIRE(IsGzip(gz));
  Result<std::string> back = Gunzip(gz);
  REQUIRE(back.ok());
  CHECK(*back == text);
}

TEST_CASE("encoding: gunzip reads concatenated gzip members in turn", "[ingest]") {
  std::string gz = GzipForTest("first part\n") + GzipForTest("second part\n");
  Result<std::string> back = Gunzip(gz);
  REQUIRE(back.ok());
  CHECK(*back == "first part\nsecond part\n");
}

TEST_CASE("encoding: gunzip refuses output beyond the size cap", "[ingest][error]") {
  std::string big(100000, 'a');
  Result<std::string> back = Gunzip(GzipForTest(big), 1000);
  REQUIRE_FALSE(back.ok());
  CHECK(back.status().code() == StatusCode::kUnsupported);
  CHECK(back.status().message().find("gzip data expands beyond") != std::string::npos);
}

TEST_CASE("encoding: gunzip reports truncated and corrupt streams", "[ingest][error]") {
  std::string gz = GzipForTest(std::string(5000, 'x') + "tail");
  Result<std::string> truncated = Gunzip(gz.substr(0, gz.size() / 2));
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.status().code() == StatusCode::kCorruption);

  std::string corrupt = gz;
  for (size_t i = 10; i < corrupt.size() && i < 40; ++i) corrupt[i] = static_cast<char>(0xFF);
  Result<std::string> bad = Gunzip(corrupt);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kCorruption);
}

TEST_CASE("encoding: binary data is recognised, text is not", "[ingest]") {
  CHECK(LooksBinary(std::string("abc\0def", 7)));
  CHECK(LooksBinary("%PDF-1.4\n..."));
  CHECK(LooksBinary("PK\x03\x04rest"));
  std::string controls(100, '\x01');
  CHECK(LooksBinary(controls + std::string(100, 'a')));
  CHECK_FALSE(LooksBinary("FORM 8-K\r\n\tItem 1.01\f\n"));
  CHECK_FALSE(LooksBinary("caf\xE9 \x93quoted\x94"));
}

TEST_CASE("encoding: Windows-1252 bytes come out as UTF-8", "[ingest]") {
  // 0x93/0x94 curly quotes, 0xA0 no-break space, 0xE9 e-acute, 0x80 euro.
  std::string in =
      "\x93Hello\x94\xA0"
      "caf\xE9 \x80"
      "5";
  std::string out = DecodeToUtf8(in);
  CHECK(IsValidUtf8(out));
  CHECK(out ==
        "\xE2\x80\x9CHello\xE2\x80\x9D\xC2\xA0"
        "caf\xC3\xA9 \xE2\x82\xAC"
        "5");
  // The bytes Windows-1252 leaves undefined fall back to Latin-1.
  CHECK(Cp1252ToUtf8("\x81\x8D") == "\xC2\x81\xC2\x8D");
}

TEST_CASE("encoding: valid UTF-8 is kept, a mixed file keeps its UTF-8 parts", "[ingest]") {
  std::string utf8 = "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D";
  CHECK(DecodeToUtf8(utf8) == utf8);
  CHECK(DecodeToUtf8("\xEF\xBB\xBFplain") == "plain");
  std::string mixed =
      "Caf\xC3\xA9 and \x93"
      "1252\x94";
  std::string out = DecodeToUtf8(mixed);
  CHECK(out ==
        "Caf\xC3\xA9 and \xE2\x80\x9C"
        "1252\xE2\x80\x9D");
}

TEST_CASE("encoding: NormalizeText folds line ends and odd spaces, keeps quotes", "[ingest]") {
  CHECK(NormalizeText("a\r\nb\rc\n") == "a\nb\nc\n");
  CHECK(NormalizeText("a\xC2\xA0"
                      "b\xE2\x80\x83"
                      "c") == "a b c");  // NBSP, em space
  CHECK(NormalizeText("co\xC2\xAD"
                      "operate\xE2\x80\x8B!") == "cooperate!");  // SHY, ZWSP
  CHECK(NormalizeText("\xE2\x80\x9Cq\xE2\x80\x9D") == "\xE2\x80\x9Cq\xE2\x80\x9D");
  CHECK(NormalizeText("x\x01y\x7Fz") == "xyz");
  // A C1 control from "&#147;" is read as the Windows-1252 quote it meant.
  CHECK(NormalizeText("\xC2\x93q\xC2\x94") == "\xE2\x80\x9Cq\xE2\x80\x9D");
  CHECK(IsValidUtf8(NormalizeText("bad \xFF\xFE bytes")));
}

TEST_CASE("encoding: TidyLines folds spaces, trims cells and squeezes blank lines", "[ingest]") {
  CHECK(TidyLines("  a   b  \n\n\n\nc\t \t d \n\n") == "a b\n\nc\t\td\n");
  CHECK(TidyLines("\t\t\n \nx") == "x\n");
  CHECK(TidyLines("") == "");
  CHECK(TidyLines("\tlead") == "\tlead\n");
}

TEST_CASE("encoding: FinishText always returns valid UTF-8", "[ingest]") {
  std::string junk = "a\xC0\xAF b\xED\xA0\x80 c\xF5";
  std::string out = FinishText(junk);
  CHECK(IsValidUtf8(out));
  CHECK(out.back() == '\n');
}

TEST_CASE("encoding: byte-order marks name UTF-8, UTF-16 and UTF-32", "[ingest]") {
  using std::string_literals::operator""s;
  CHECK(DetectBom("\xEF\xBB\xBFx") == UnicodeBom::kUtf8);
  CHECK(DetectBom("\xFF\xFEx\0"s) == UnicodeBom::kUtf16Le);
  CHECK(DetectBom("\xFE\xFF\0x"s) == UnicodeBom::kUtf16Be);
  CHECK(DetectBom("\xFF\xFE\0\0x\0\0\0"s) == UnicodeBom::kUtf32Le);
  CHECK(DetectBom("\0\0\xFE\xFF\0\0\0x"s) == UnicodeBom::kUtf32Be);
  CHECK(DetectBom("FORM 8-K") == UnicodeBom::kNone);
  CHECK(DetectBom("") == UnicodeBom::kNone);
}

TEST_CASE("encoding: UTF-16 and UTF-32 decode to UTF-8, bad units to U+FFFD", "[ingest]") {
  using std::string_literals::operator""s;
  // "A\u00e9" then U+1F4C8 as a surrogate pair.
  Result<std::string> le = DecodeUtf16or32("\xFF\xFE" "A\0\xE9\0\x3D\xD8\xC8\xDC"s, UnicodeBom::kUtf16Le);
  REQUIRE(le.ok());
  CHECK(*le == "A\xC3\xA9\xF0\x9F\x93\x88");
  Result<std::string> be = DecodeUtf16or32("\xFE\xFF\0A\0\xE9"s, UnicodeBom::kUtf16Be);
  REQUIRE(be.ok());
  CHECK(*be == "A\xC3\xA9");
  Result<std::string> w = DecodeUtf16or32("\xFF\xFE\0\0" "A\0\0\0\xC8\xF4\x01\0"s, UnicodeBom::kUtf32Le);
  REQUIRE(w.ok());
  CHECK(*w == "A\xF0\x9F\x93\x88");
  // A lone high surrogate, a code point past U+10FFFF and an odd last byte.
  Result<std::string> bad = DecodeUtf16or32("\xFF\xFE\x3D\xD8" "A\0" "B"s, UnicodeBom::kUtf16Le);
  REQUIRE(bad.ok());
  CHECK(*bad == "\xEF\xBF\xBD" "A\xEF\xBF\xBD");
  Result<std::string> big = DecodeUtf16or32("\0\0\xFE\xFF\0\x11\0\0"s, UnicodeBom::kUtf32Be);
  REQUIRE(big.ok());
  CHECK(*big == "\xEF\xBF\xBD");
  CHECK(IsValidUtf8(*bad));
  // Bounded like a gzip stream.
  std::string many = "\xFF\xFE"s;
  for (int i = 0; i < 1000; ++i) many += "\xAC\x20"s;  // U+20AC: three bytes each
  Result<std::string> capped = DecodeUtf16or32(many, UnicodeBom::kUtf16Le, 2000);
  REQUIRE_FALSE(capped.ok());
  CHECK(capped.status().message().find("expands beyond 2000 bytes") != std::string::npos);
}

}  // namespace
}  // namespace dealgraph
