#include "ingest/pipeline.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common/strings.h"
#include "graph/resolve.h"
#include "ingest/extract/extractor.h"
#include "ingest/reader.h"

namespace dealgraph {

namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxFileBytes = 512ull << 20;

bool FilingLikeName(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') return false;
  std::string ext = ToLower(p.extension().string());
  return ext.empty() || ext == ".txt" || ext == ".htm" || ext == ".html" || ext == ".nc" || ext == ".sgml" ||
         ext == ".xml" || ext == ".gz";
}

// Reads a whole file. `*waited` is set when opening and reading it were
// slow enough to have waited for the disk: over 40 us at under 300 MB/s.
// Generated filings (7 KB) take 8 us at the median and 15 us at the 90th
// percentile from the page cache here, and from a cold cache a third of
// them 50-70 us (the rest come in with their neighbours' blocks); big
// cached filings read at over 500 MB/s.
Result<std::string> ReadAll(const std::string& path, bool* waited) {
  if (path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  // One open, one fstat and the reads: a stat by name before opening would
  // cost path lookups per file, and could describe another file than the
  // one opened. O_NONBLOCK: opening a FIFO given by name must not wait for
  // a writer; fstat then says what it is.
  auto start = std::chrono::steady_clock::now();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Status::IoError(std::string("cannot open file: ") + std::strerror(errno));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::IoError(std::string("cannot stat file: ") + std::strerror(errno));
  // A FIFO or device would block or never end.
  if (!S_ISREG(st.st_mode)) return Status::Unsupported("not a regular file (a pipe, device or socket)");
  uintmax_t size = static_cast<uintmax_t>(st.st_size);
  if (size > kMaxFileBytes) return Status::Unsupported("file is larger than 512 MiB");
  std::string data(size, '\0');
  size_t got = 0;
  while (got < data.size()) {
    ssize_t r = ::read(fd, data.data() + got, data.size() - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::string("read error: ") + std::strerror(errno));
    }
    if (r == 0) break;  // the file shrank while being read
    got += static_cast<size_t>(r);
  }
  data.resize(got);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  *waited = seconds > 40e-6 && static_cast<double>(got) < 300e6 * seconds;
  return data;
}

// Asks the kernel to start reading the files the workers will claim next,
// so that a corpus that is not in the page cache comes off the disk while
// the filings before it are extracted and stored: a worker otherwise waits
// for every file it opens (docs/performance.md, "Session 11"). It starts
// once a good part of one run's reads have waited for the disk (ReadAll),
// so a corpus in the page cache costs it nothing; its system calls take ~28 us a
// file on this machine. It keeps at most kAheadFiles files or kAheadBytes
// beyond the last one claimed, and asks for the first kAheadFileBytes of
// each (the kernel's own readahead follows a big file's sequential read).
// It only opens, fstats, advises and closes: nothing is read here, and a
// FIFO or a file that is gone is passed over.
class Prefetcher {
 public:
  static constexpr size_t kAheadFiles = 256;
  static constexpr uintmax_t kAheadBytes = 32u << 20;
  static constexpr uintmax_t kAheadFileBytes = 4u << 20;
  // It starts when a quarter of a run's reads (up to 64 files), and at
  // least kMinWaits, waited for the disk (ReadAll): a third of them do on a
  // cold corpus, a few on a cached one (preempted, or behind a flush).
  static constexpr size_t kMinWaits = 4;
  static bool ShouldStart(size_t waited, size_t reads) { return waited >= kMinWaits && 4 * waited >= reads; }

  // kNever: no thread at all.
  Prefetcher(const std::vector<std::string>& files, IngestOptions::ReadAhead mode)
      : files_(files), active_(mode == IngestOptions::ReadAhead::kAlways) {
    if (mode != IngestOptions::ReadAhead::kNever && !files.empty()) thread_ = std::thread([this] { Run(); });
  }
  ~Prefetcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // The workers have claimed the files before `next`.
  void Claimed(size_t next) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (next <= claimed_) return;
      claimed_ = next;
      if (!active_) return;
    }
    cv_.notify_one();
  }
  // A worker's reads waited for the disk.
  void Start() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (active_) return;
      active_ = true;
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    std::deque<uintmax_t> ahead;  // the sizes asked for, files [first, i)
    size_t first = 0;
    uintmax_t ahead_bytes = 0;
    for (size_t i = 0; i < files_.size(); ++i) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] {
          while (first < claimed_ && !ahead.empty()) {
            ahead_bytes -= ahead.front();
            ahead.pop_front();
            ++first;
          }
          return stop_ || (active_ && i < claimed_ + kAheadFiles && ahead_bytes < kAheadBytes);
        });
        if (stop_) return;
        if (i < claimed_) {  // claimed already: too late to help
          first = claimed_;
          ahead.clear();
          ahead_bytes = 0;
          i = claimed_ - 1;
          continue;
        }
      }
      uintmax_t asked = Ask(files_[i]);
      ahead.push_back(asked);
      ahead_bytes += asked;
    }
  }

  // Starts reading the head of `path`; how many bytes were asked for.
  static uintmax_t Ask(const std::string& path) {
    if (path == "-") return 0;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return 0;
    struct stat st;
    uintmax_t len = 0;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      len = std::min<uintmax_t>(static_cast<uintmax_t>(st.st_size), kAheadFileBytes);
      if (len > 0) ::posix_fadvise(fd, 0, static_cast<off_t>(len), POSIX_FADV_WILLNEED);
    }
    ::close(fd);
    return len;
  }

  const std::vector<std::string>& files_;
  std::mutex mu_;
  std::condition_variable cv_;
  size_t claimed_ = 0;
  bool active_;
  bool stop_ = false;
  std::thread thread_;
};

// A filing that is read, extracted and ready to store (or failed).
struct Work {
  std::string path;
  double bytes = 0;
  bool waited = false;  // reading it waited for the disk (ReadAll)
  Status status;
  std::string skipped;  // why it is no filing to store, or ""
  bool already_stored = false;
  std::optional<Document> doc;
  std::optional<FilingExtract> extract;
};

// What reading, extracting and storing one file may take in memory at its
// peak, from its size: about 12 bytes a byte of text (a 16 MB prose filing
// peaks at 172 MB with the process's base of 19 MB, docs/performance.md), a compressed
// file taken to expand fourfold. 0 for standard input (its size is unknown).
double MemoryEstimate(const std::string& path) {
  constexpr double kPeakPerByte = 12;
  if (path == "-") return 0;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  double size = static_cast<double>(st.st_size);
  if (ToLower(fs::path(path).extension().string()) == ".gz") size *= 4;
  return size * kPeakPerByte;
}

std::string FormList(const std::vector<std::string>& forms) {
  std::string out;
  for (const std::string& f : forms) out += (out.empty() ? "" : ",") + f;
  return out;
}

// Reads one file into a document (w->doc). A filing already in `store` is
// not extracted again unless `replace` (re-ingesting a folder stays cheap).
// A file that is no filing, or of a form not asked for, is skipped.
void ReadStage(const Store& store, const IngestOptions& options, Work* w) {
  Result<std::string> data = ReadAll(w->path, &w->waited);
  if (!data.ok()) {
    w->status = data.status();
    return;
  }
  w->bytes = static_cast<double>(data->size());
  std::string name = w->path == "-" ? "stdin" : fs::path(w->path).filename().string();
  Result<Document> doc = ReadFiling(name, *data);
  if (!doc.ok()) {
    w->status = doc.status();
    return;
  }
  std::string& form = doc->header.form;
  if (form.empty()) form = FormOnCover(doc->text);
  if (form.empty()) {
    w->skipped = "not a filing (no EDGAR header, no form on its cover)";
    return;
  }
  if (!FormWanted(form, options.forms)) {
    w->skipped = "form " + form + " is not asked for (--forms " + FormList(options.forms) + ")";
    return;
  }
  if (!options.replace && store.HasFiling(FilingId(*doc))) {
    w->already_stored = true;
    return;
  }
  w->doc = std::move(doc).value();
}

// Extracts the document ReadStage left.
void ExtractStage(Work* w) {
  if (!w->doc) return;
  Result<FilingExtract> x = ExtractFiling(*w->doc);
  w->doc.reset();
  if (!x.ok()) {
    w->status = x.status();
    return;
  }
  w->extract = std::move(x).value();
}

}  // namespace

bool FormWanted(std::string_view form, const std::vector<std::string>& forms) {
  std::string f = ToLower(Trim(form));
  bool eight_k = false;
  for (const std::string& w : forms) {
    std::string want = ToLower(Trim(w));
    if (want == "*" || want == f) return true;
    eight_k = eight_k || want == "8-k";
  }
  return eight_k && (f.rfind("ex-99", 0) == 0 || f.rfind("ex-10", 0) == 0);
}

namespace {

// A RocksDB database (a dealgraph store among them) holds CURRENT, naming its
// MANIFEST, and IDENTITY or LOCK beside it: never filings.
bool IsStoreDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "CURRENT", ec) &&
         (fs::exists(dir / "IDENTITY", ec) || fs::exists(dir / "LOCK", ec));
}

}  // namespace

std::vector<std::string> CollectInputs(const std::vector<std::string>& paths, std::ostream& diag, int* missing,
                                       int* skipped) {
  int unused = 0;
  if (skipped == nullptr) skipped = &unused;
  auto unreadable = [&](const fs::path& dir, const std::error_code& why) {
    diag << "dealgraph: " << dir.string() << ": cannot read the folder: " << why.message() << "\n";
    ++*missing;
  };
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diag << "dealgraph: " << p << ": no such file or folder\n";
      ++*missing;
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::pair<std::string, std::string>> found;  // path, canonical path ("" = resolve)
      std::set<std::string> visited_dirs;
      std::vector<fs::path> stack{fs::path(p)};
      while (!stack.empty()) {
        fs::path dir = stack.back();
        stack.pop_back();
        // A store in the folder (the default ./dealgraph.db of `ingest .`)
        // is skipped, and said once.
        if (IsStoreDir(dir)) {
          diag << "dealgraph: " << dir.string() << ": skipped, a RocksDB store (not filings)\n";
          ++*skipped;
          continue;
        }
        std::error_code rec;
        fs::path canon = fs::canonical(dir, rec);
        if (rec) {
          unreadable(dir, rec);
          continue;
        }
        if (!visited_dirs.insert(canon.string()).second) {
          diag << "dealgraph: " << dir.string() << ": skipped, a symbolic link to a folder already read ("
               << canon.string() << ")\n";
          ++*skipped;
          continue;
        }
        fs::directory_iterator it(dir, rec), end;
        if (rec) {
          unreadable(dir, rec);
          continue;
        }
        for (; !rec && it != end; it.increment(rec)) {
          // The entry's own type comes with the folder listing; only a
          // symbolic link costs a stat to learn what it points at.
          std::error_code e2;
          fs::file_status own = it->symlink_status(e2);
          const bool link = fs::is_symlink(own);
          fs::file_status target = link ? it->status(e2) : own;
          const std::string name = it->path().filename().string();
          const bool hidden = name.empty() || name[0] == '.';
          if (e2 || !fs::exists(target)) {
            if (!hidden) {
              diag << "dealgraph: " << it->path().string() << ": skipped, "
                   << (e2.value() == ELOOP ? std::string("a symbolic link loop")
                                           : "a broken symbolic link" + (e2 ? " (" + e2.message() + ")" : std::string()))
                   << "\n";
              ++*skipped;
            }
            continue;
          }
          if (fs::is_directory(target)) {
            stack.push_back(it->path());
          } else if (fs::is_regular_file(target)) {
            if (FilingLikeName(it->path())) {
              found.emplace_back(it->path().string(), link ? std::string() : (canon / it->path().filename()).string());
            }
          } else if (!hidden) {
            const char* what = fs::is_fifo(target)              ? "a FIFO"
                               : fs::is_socket(target)          ? "a socket"
                               : fs::is_block_file(target)      ? "a block device"
                               : fs::is_character_file(target)  ? "a character device"
                                                                : "not a regular file";
            diag << "dealgraph: " << it->path().string() << ": skipped, " << what << " (not a file)\n";
            ++*skipped;
          }
        }
        if (rec) unreadable(dir, rec);
      }
      // Duplicates are found by canonical path: a plain file's is its
      // folder's (resolved once per folder) and its name; only a symbolic
      // link is resolved on its own (weakly_canonical stats and reads every
      // component, several system calls per file).
      std::sort(found.begin(), found.end());
      for (auto& [f, canon] : found) {
        if (canon.empty()) canon = fs::weakly_canonical(f, ec).string();
        if (seen.insert(canon).second) out.push_back(std::move(f));
      }
    } else {
      if (seen.insert(fs::weakly_canonical(p, ec).string()).second) out.push_back(p);
    }
  }
  return out;
}

Status Ingest(Store& store, const std::vector<std::string>& paths, const IngestOptions& options, std::ostream& diag,
              IngestSummary* summary) {
  auto start = std::chrono::steady_clock::now();
  int missing = 0;
  int skipped = 0;
  std::vector<std::string> files = CollectInputs(paths, diag, &missing, &skipped);
  summary->files = static_cast<int>(files.size()) + missing + skipped;
  summary->skipped += skipped;
  summary->failed += missing;
  double total_bytes = 0;  // for the progress line's ETA only
  for (size_t i = 0; options.progress && i < files.size(); ++i) {
    std::error_code ec;
    if (files[i] != "-") total_bytes += static_cast<double>(fs::file_size(files[i], ec));
  }
  const int jobs = std::max(1, std::min(options.jobs, 64));
  const size_t n = files.size();
  // Reading and extracting run ahead of the storing, which goes in input
  // order (so results never depend on timing). Filings wait in memory in a
  // ring of `window` slots (filing i in slot i % window), and at most
  // kWindowBytes of files are claimed and not yet stored, so memory does not
  // grow with the number of files or with their sizes. This thread stores,
  // and while the next filing to store is not ready it reads and extracts
  // unclaimed ones itself; `jobs - 1` threads do only that. So `jobs`
  // threads are busy, never more (the store thread used to compete with
  // `jobs` extractors for `jobs` cores).
  //
  // Work goes in runs: a thread reads up to kRunFilings files (or kRunBytes
  // of them), then extracts them all, and the store thread then stores
  // them one after the other. Each stage's code and tables (libxml2, the
  // extractor's lexicons, RocksDB's write path) then stay in the caches
  // for a whole run, where going file by file through all three evicted
  // them every few hundred microseconds: generated filings, --jobs 1,
  // 7.7 -> 6.1 s (docs/performance.md, "Session 8").
  constexpr size_t kRunFilings = 64;
  constexpr double kRunBytes = 16e6;
  constexpr double kWindowBytes = 64e6;
  const size_t window = static_cast<size_t>(jobs) * 2 * kRunFilings;
  std::vector<Work> work(std::min(n, window));
  auto slot = [&](size_t i) -> Work& { return work[i % window]; };
  std::mutex mu;
  std::condition_variable cv;
  std::vector<char> done(n, 0);
  size_t next = 0, stored = 0;
  double claimed_bytes = 0;  // read and not yet stored
  // What the files claimed and not yet stored may take in memory at their
  // peak (MemoryEstimate), and the next file's estimate (-1: not looked at).
  double claimed_memory = 0;
  size_t claimed_files = 0;  // claimed and not yet written (under a bound)
  double next_memory = -1;
  std::vector<double> memory(std::min(n, window), 0);
  auto next_estimate = [&] {  // no stat at all without a bound
    if (next_memory < 0) next_memory = next < n && options.max_memory > 0 ? MemoryEstimate(files[next]) : 0;
    return next_memory;
  };
  // The next filing may be claimed: its slot is free (filing next - window
  // is stored), the files in flight are under kWindowBytes and it fits
  // beside them under --max-memory (or nothing is in flight: one filing of
  // any size always goes). Under a bound a filing is in flight until it is
  // written, not only until its writing starts.
  auto claimable = [&] {
    if (next >= n || next >= stored + window) return false;
    if (options.max_memory <= 0) return next == stored || claimed_bytes < kWindowBytes;
    if (claimed_files == 0) return true;
    return claimed_bytes < kWindowBytes && claimed_memory + next_estimate() <= options.max_memory;
  };
  Prefetcher read_ahead(files, options.read_ahead);
  // Claims filings one at a time (under `lock`) and reads each without it,
  // until a run is full or nothing is claimable; then extracts them all and
  // marks them done.
  auto process_run = [&](std::unique_lock<std::mutex>& lock) {
    size_t mine[kRunFilings];
    size_t count = 0, waited = 0;
    double bytes = 0;
    while (count < kRunFilings && bytes < kRunBytes && claimable()) {
      const double estimate = next_estimate();
      size_t i = next++;
      next_memory = -1;
      memory[i % window] = estimate;
      claimed_memory += estimate;
      ++claimed_files;
      read_ahead.Claimed(next);
      lock.unlock();
      Work& w = slot(i);
      w = Work();
      w.path = files[i];
      ReadStage(store, options, &w);
      if (w.waited) ++waited;
      bytes += w.bytes;
      mine[count++] = i;
      lock.lock();
      claimed_bytes += w.bytes;
    }
    lock.unlock();
    if (Prefetcher::ShouldStart(waited, count)) read_ahead.Start();
    for (size_t k = 0; k < count; ++k) ExtractStage(&slot(mine[k]));
    lock.lock();
    for (size_t k = 0; k < count; ++k) done[mine[k]] = 1;
    cv.notify_all();
  };
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) {
    threads.emplace_back([&] {
      std::unique_lock<std::mutex> lock(mu);
      while (true) {
        cv.wait(lock, [&] { return next >= n || claimable(); });
        if (next >= n) return;
        process_run(lock);
      }
    });
  }
  Status failure;
  auto last_progress = std::chrono::steady_clock::now();
  // A diagnostic never shares a line with the progress text: the line is
  // cleared first.
  bool progress_shown = false;
  auto say = [&](const std::string& path, std::string_view message) {
    if (progress_shown) diag << "\r" << std::string(60, ' ') << "\r";
    progress_shown = false;
    diag << "dealgraph: " << path << ": " << message << "\n";
  };
  std::vector<Work> group;
  std::vector<FilingExtract> extracts;
  std::set<std::string> warned;  // what a warning is about ("entity org:x"): said once a run
  for (size_t i = 0; i < n && failure.ok();) {
    // The next filing to store and those after it that are ready too (up
    // to a run's worth) are stored together: AddFilings may write them as
    // one batch.
    size_t end;
    {
      std::unique_lock<std::mutex> lock(mu);
      while (!done[i]) {
        if (claimable()) {
          process_run(lock);
        } else {
          cv.wait(lock, [&] { return done[i] != 0 || claimable(); });
        }
      }
      end = i + 1;
      while (end < n && end - i < kRunFilings && done[end]) ++end;
    }
    group.clear();
    extracts.clear();
    for (size_t k = i; k < end; ++k) {
      group.push_back(std::move(slot(k)));
      if (group.back().extract) extracts.push_back(std::move(*group.back().extract));
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      stored = end;
      for (const Work& w : group) claimed_bytes -= w.bytes;
    }
    cv.notify_all();
    // Companies known to the store under another name (same CIK) keep
    // their stored identity (ResolveIdentities, inside AddFilings); in
    // filing order, so each filing sees every one stored before it.
    std::vector<Result<AddStats>> added = store.AddFilings(extracts, options.replace);
    // Their memory is claimed until they are written: a long filing's commit
    // (its encoded records, the write batch, the memtable) is its peak.
    extracts.clear();
    {
      std::lock_guard<std::mutex> lock(mu);
      for (size_t k = i; k < end; ++k) claimed_memory -= memory[k % window];
      claimed_files -= end - i;
    }
    cv.notify_all();
    size_t next_added = 0;
    for (size_t k = i; k < end; ++k) {
      const Work& w = group[k - i];
      summary->bytes += w.bytes;
      if (!w.status.ok()) {
        say(w.path, w.status.message());
        ++summary->failed;
        continue;
      }
      if (!w.skipped.empty()) {
        say(w.path, "skipped, " + w.skipped);
        ++summary->skipped;
        continue;
      }
      if (w.already_stored) {
        ++summary->filings_unchanged;
        continue;
      }
      const Result<AddStats>& a = added[next_added++];
      if (!a.ok()) {
        if (a.status().code() == StatusCode::kIoError || a.status().code() == StatusCode::kBusy) {
          failure = a.status().WithContext("while storing " + w.path);
          // Store nothing more: no new claims; the threads finish the
          // filing in hand and stop.
          {
            std::lock_guard<std::mutex> lock(mu);
            next = n;
          }
          cv.notify_all();
          break;
        }
        say(w.path, a.status().message());
        ++summary->failed;
      } else {
        for (const std::string& warning : a->warnings) {
          if (warned.insert(warning.substr(0, warning.find(':'))).second) say(w.path, "warning: " + warning);
        }
        if (a->already_present) {
          ++summary->filings_unchanged;
        } else {
          ++summary->filings_added;
        }
        summary->entities_added += a->entities_added;
        summary->events_added += a->events_added;
        summary->events_merged += a->events_merged;
      }
    }
    i = end;
    // Ctrl-C: what is stored stays stored; nothing more is started.
    if (options.stop && options.stop->load() && i < n) {
      summary->interrupted = true;
      {
        std::lock_guard<std::mutex> lock(mu);
        next = n;
      }
      cv.notify_all();
      break;
    }
    auto now = std::chrono::steady_clock::now();
    if (options.progress && (now - last_progress > std::chrono::milliseconds(250) || i == n)) {
      last_progress = now;
      double secs = std::chrono::duration<double>(now - start).count();
      double mbps = secs > 0 ? summary->bytes / secs / 1e6 : 0;
      double eta = mbps > 0 ? (total_bytes - summary->bytes) / 1e6 / mbps : 0;
      char line[160];
      std::snprintf(line, sizeof line, "\r%zu/%zu files  %.1f MB/s  ETA %.0fs   ", i, n, mbps, eta);
      diag << line << std::flush;
      progress_shown = true;
    }
  }
  for (std::thread& t : threads) t.join();
  if (!failure.ok()) return failure;
  if (options.progress) diag << "\r" << std::string(60, ' ') << "\r" << std::flush;
  // A big ingest leaves its last writes in several level-0 files, each one
  // more place every scan seeks; moving them down now makes the queries
  // that follow faster (docs/storage.md, "Compaction and sizes").
  if (summary->filings_added > 0) {
    if (options.progress) diag << "settling the store ..." << std::flush;
    Status settled = store.Settle();
    if (options.progress) diag << "\r" << std::string(24, ' ') << "\r" << std::flush;
    if (!settled.ok()) diag << "dealgraph: " << settled.message() << "\n";
  }
  summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace dealgraph
