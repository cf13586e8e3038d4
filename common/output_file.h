// Writing a file the user named (`-o PATH`) without harming what is there.
#ifndef DEALGRAPH_COMMON_OUTPUT_FILE_H_
#define DEALGRAPH_COMMON_OUTPUT_FILE_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace dealgraph {

// Writes `data` as the whole of the file at `path`, by what is there:
// - a regular file, or nothing yet (its folder must exist): `data` goes to a
//   new temporary file in the same folder ("PATH.tmp.PID"), which is
//   written, fsynced, closed, given the old file's permissions and renamed
//   over PATH; then the folder is fsynced. Readers see the old file or the
//   new one, never part of either.
// - a symbolic link: followed to the file it finally names, which is
//   written as above; the link stays a link.
// - anything else — a FIFO, a character device (`/dev/full`, a terminal),
//   `/dev/stdout` and the /proc/self/fd links, whatever they point at — is
//   opened and written in place, never replaced.
// - a folder is refused.
// Every write, fsync and close is checked. An error is IoError("cannot
// write PATH: REASON"), REASON the system's ("No space left on device",
// "No such file or directory", "Is a directory"), PATH followed by the
// link's target when PATH is a link; a failure removes the temporary file,
// so the previous file is as it was.
Status WriteOutputFile(const std::string& path, std::string_view data);

}  // namespace dealgraph

#endif  // DEALGRAPH_COMMON_OUTPUT_FILE_H_
