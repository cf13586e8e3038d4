#include "graph/lost_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "graph/codec.h"

namespace dealgraph {
namespace {

constexpr size_t kBlockSize = 32768;
constexpr size_t kHeaderSize = 7;
enum RecordType : uint8_t { kZero = 0, kFull = 1, kFirst = 2, kMiddle = 3, kLast = 4 };

// CRC32C (Castagnoli), as RocksDB's logs carry it.
uint32_t Crc32c(uint32_t crc, const unsigned char* p, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

uint32_t Fixed32(const unsigned char* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

bool Varint32(std::string_view* in, uint32_t* v) {
  *v = 0;
  for (int shift = 0; shift <= 28 && !in->empty(); shift += 7) {
    uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= uint32_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

bool Slice(std::string_view* in, std::string_view* out) {
  uint32_t n = 0;
  if (!Varint32(in, &n) || n > in->size()) return false;
  *out = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

// The filings a write batch (RocksDB's WriteBatch encoding: sequence,
// count, then tagged records) stores and removes, in order: (id, stored).
// Only the record kinds dealgraph writes are read; anything else ends it.
void FilingsOfBatch(std::string_view rep, std::vector<std::pair<std::string, bool>>* out) {
  if (rep.size() < 12) return;
  rep.remove_prefix(12);
  std::vector<std::string> parts;
  char tag;
  while (!rep.empty()) {
    const uint8_t type = static_cast<uint8_t>(rep.front());
    rep.remove_prefix(1);
    std::string_view key, value;
    bool put = type == 0x1, del = type == 0x0 || type == 0x7;
    if (!(put || del) || !Slice(&rep, &key) || (put && !Slice(&rep, &value))) return;
    if (!key.empty() && key[0] == keys::kFiling && keys::Split(key, &tag, &parts) && parts.size() == 1) {
      out->emplace_back(parts[0], put);
    }
  }
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

LostLog ScanLogs(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<uint64_t, fs::path> logs;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".log") != 0) continue;
    uint64_t n = 0;
    auto [end, err] = std::from_chars(name.data(), name.data() + name.size() - 4, n);
    if (err == std::errc() && end == name.data() + name.size() - 4) logs[n] = e.path();
  }
  LostLog loss;
  std::map<std::string, bool> last;  // filing -> stored, as the dropped batches leave it
  for (const auto& [number, path] : logs) {
    const std::string data = ReadAll(path);
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    std::string record;
    bool in_record = false;
    uint64_t record_at = 0;
    size_t at = 0;
    while (at < data.size()) {
      const size_t left = kBlockSize - at % kBlockSize;
      if (left < kHeaderSize) {  // a block's trailer
        at += left;
        continue;
      }
      if (at + kHeaderSize > data.size()) break;  // a header cut short: a torn write
      const uint32_t length = uint32_t(bytes[at + 4]) | (uint32_t(bytes[at + 5]) << 8);
      const uint8_t type = bytes[at + 6];
      if (type == kZero && length == 0 &&
          std::all_of(data.begin() + static_cast<std::ptrdiff_t>(at), data.end(), [](char c) { return c == 0; })) {
        break;  // space allocated, never written
      }
      if (at + kHeaderSize + length > data.size()) break;  // a record cut short: a torn write
      const bool whole_block = kHeaderSize + length <= left;
      const bool sound = whole_block && type >= kFull && type <= kLast &&
                         Unmask(Fixed32(bytes + at)) == Crc32c(0, bytes + at + 6, 1 + length) &&
                         (type == kFull || type == kFirst || in_record);
      if (!sound && loss.empty()) {
        loss.log = path.filename().string();
        loss.at = in_record ? record_at : at;
      }
      if (!whole_block) {  // a length that cannot be: go on at the next block
        at += left;
        in_record = false;
        continue;
      }
      if (type == kFull || type == kFirst) {
        record.clear();
        record_at = at;
        in_record = true;
      }
      record.append(data, at + kHeaderSize, length);
      at += kHeaderSize + length;
      if ((type == kFull || type == kLast) && in_record) {
        in_record = false;
        if (!loss.empty()) {
          ++loss.batches;
          std::vector<std::pair<std::string, bool>> filings;
          FilingsOfBatch(record, &filings);
          for (auto& [id, stored] : filings) last[id] = stored;
        }
      }
    }
    if (!loss.empty()) loss.bytes += (loss.log == path.filename().string() ? data.size() - loss.at : data.size());
  }
  for (const auto& [id, stored] : last) (stored ? loss.stored : loss.removed).push_back(id);
  return loss;
}

Status SaveLostLog(const std::string& dir, const LostLog& loss) {
  std::ostringstream text;
  text << "dealgraph lost-log 1\nlog " << loss.log << "\nat " << loss.at << "\nbytes " << loss.bytes << "\nbatches "
       << loss.batches << "\n";
  for (const std::string& id : loss.stored) text << "stored " << id << "\n";
  for (const std::string& id : loss.removed) text << "removed " << id << "\n";
  const std::string path = dir + "/" + kLostLogFile, tmp = path + ".tmp";
  const std::string body = text.str();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()) && ::fsync(fd) == 0;
  const int e = errno;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (ok) ok = ::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) {
    ::unlink(tmp.c_str());
    return Status::IoError("cannot write " + path + ": " + std::strerror(e ? e : errno));
  }
  int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d >= 0) {
    ::fsync(d);
    ::close(d);
  }
  return Status::Ok();
}

Result<LostLog> LoadLostLog(const std::string& dir) {
  const std::string path = dir + "/" + kLostLogFile;
  std::ifstream in(path);
  LostLog loss;
  if (!in) return loss;
  std::string line;
  if (!std::getline(in, line) || line != "dealgraph lost-log 1") {
    return Status::Corruption(path + " is not a dealgraph lost-log marker");
  }
  while (std::getline(in, line)) {
    const size_t sp = line.find(' ');
    const std::string key = line.substr(0, sp), value = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (key == "log") loss.log = value;
    if (key == "at") loss.at = std::strtoull(value.c_str(), nullptr, 10);
    if (key == "bytes") loss.bytes = std::strtoull(value.c_str(), nullptr, 10);
    if (key == "batches") loss.batches = std::strtoll(value.c_str(), nullptr, 10);
    if (key == "stored") loss.stored.push_back(value);
    if (key == "removed") loss.removed.push_back(value);
  }
  if (loss.log.empty()) return Status::Corruption(path + " names no log");
  return loss;
}

void ForgetLostLog(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove(dir + "/" + kLostLogFile, ec);
}

}  // namespace dealgraph
