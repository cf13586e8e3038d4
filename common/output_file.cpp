#include "common/output_file.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace dealgraph {
namespace {

// The folder part of `path` ("." for a bare name, "/" for "/x").
std::string DirName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Where the data goes.
struct Target {
  std::string path;       //!< the file finally named (links followed)
  bool exists = false;    //!< false: a new file at `path`
  bool in_place = false;  //!< written through the path given, never replaced
  struct stat st {};      //!< of the file finally named, when it exists
};

// True when `dir` lies in /proc: its links (/proc/self/fd/1, which
// /dev/stdout names) are the kernel's, read as "pipe:[1234]" or the path of
// a file some process holds open; only open() follows them as they mean.
bool InProc(const std::string& dir) {
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved) == nullptr) return false;
  return std::strncmp(resolved, "/proc/", 6) == 0 || std::strcmp(resolved, "/proc") == 0;
}

// Follows the links at `path` (at most 40, as the kernel does) to what it
// names. Errors carry errno.
int Resolve(const std::string& path, Target* t) {
  std::string p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno != ENOENT) return errno;
      t->path = p;
      return 0;
    }
    if (!S_ISLNK(st.st_mode)) {
      t->path = p;
      t->exists = true;
      t->st = st;
      t->in_place = !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
      return 0;
    }
    if (InProc(DirName(p))) {
      if (::stat(path.c_str(), &st) != 0) return errno;
      t->path = path;
      t->exists = true;
      t->st = st;
      t->in_place = !S_ISDIR(st.st_mode);
      return 0;
    }
    char buf[PATH_MAX];
    ssize_t n = ::readlink(p.c_str(), buf, sizeof buf - 1);
    if (n < 0) return errno;
    std::string next(buf, static_cast<size_t>(n));
    p = next.front() == '/' ? next : DirName(p) + "/" + next;
  }
  return ELOOP;
}

// Writes all of `data` to `fd`; errno on failure, else 0.
int WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// Writes `data` into the file `t` names as it is: no temporary file, no
// rename. fsync only where it means something (a regular file).
int WriteInPlace(const std::string& path, const Target& t, std::string_view data) {
  // A regular file reached through /proc/self/fd is the file a shell
  // redirection opened: appended to, as a write to that descriptor would be.
  const bool regular = S_ISREG(t.st.st_mode);
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (regular ? O_APPEND : 0));
  if (fd < 0) return errno;
  int e = WriteAll(fd, data);
  if (e == 0 && regular && ::fsync(fd) != 0) e = errno;
  if (::close(fd) != 0 && e == 0) e = errno;
  return e;
}

// Writes `data` to a new file beside `t.path` and renames it over it.
int WriteAndRename(const Target& t, std::string_view data) {
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    tmp = t.path + ".tmp." + std::to_string(::getpid()) + (attempt ? "." + std::to_string(attempt) : "");
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100)) return errno;
  }
  int e = WriteAll(fd, data);
  // The replacement keeps the permissions of the file it replaces.
  if (e == 0 && t.exists && ::fchmod(fd, t.st.st_mode & 07777) != 0) e = errno;
  if (e == 0 && ::fsync(fd) != 0) e = errno;
  if (::close(fd) != 0 && e == 0) e = errno;
  if (e == 0 && ::rename(tmp.c_str(), t.path.c_str()) != 0) e = errno;
  if (e != 0) {
    ::unlink(tmp.c_str());
    return e;
  }
  // The rename lasts once the folder is on disk. A file system that cannot
  // sync a folder (EINVAL) has nothing more to do.
  int dir = ::open(DirName(t.path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return 0;
  if (::fsync(dir) != 0 && errno != EINVAL) e = errno;
  ::close(dir);
  return e;
}

}  // namespace

Status WriteOutputFile(const std::string& path, std::string_view data) {
  Target t;
  int e = path.empty() ? ENOENT : Resolve(path, &t);
  std::string shown = path;
  if (e == 0 && t.path != path) shown += " (a link to " + t.path + ")";
  if (e == 0 && t.exists && S_ISDIR(t.st.st_mode)) e = EISDIR;
  if (e == 0) e = t.in_place ? WriteInPlace(path, t, data) : WriteAndRename(t, data);
  if (e != 0) return Status::IoError("cannot write " + shown + ": " + std::strerror(e));
  return Status::Ok();
}

}  // namespace dealgraph
