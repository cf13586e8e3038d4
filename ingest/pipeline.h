// Ingest pipeline: paths -> files -> read -> extract -> store.
//
// Each file is one unit of work: it is read and extracted (in parallel with
// --jobs N) and then written to the store with one atomic write. A file that
// fails gets one diagnostic line naming it and the reason; the batch goes on.
#ifndef DEALGRAPH_INGEST_PIPELINE_H_
#define DEALGRAPH_INGEST_PIPELINE_H_

#include <atomic>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/store.h"

namespace dealgraph {

struct IngestOptions {
  bool replace = false;   //!< re-extract filings already stored
  int jobs = 1;           //!< worker threads for read + extract
  bool progress = false;  //!< draw a progress line on `diag` (a TTY)
  // Whether a thread asks the kernel to read the next files ahead of the
  // workers: kAuto from the point where reads have waited for the disk.
  enum class ReadAhead { kAuto, kAlways, kNever };
  ReadAhead read_ahead = ReadAhead::kAuto;
  // Set (by a SIGINT handler) to stop: the filings in hand are stored,
  // nothing more is started, and Ingest returns Ok with summary->interrupted.
  const std::atomic<bool>* stop = nullptr;
};

struct IngestSummary {
  int files = 0;             //!< files considered
  int filings_added = 0;     //!< newly stored (or replaced)
  int filings_unchanged = 0; //!< already stored, nothing written
  int failed = 0;            //!< files with a diagnostic
  int entities_added = 0;
  int events_added = 0;
  int events_merged = 0;
  double bytes = 0;          //!< input bytes read
  double seconds = 0;
  bool interrupted = false;  //!< IngestOptions::stop ended it before every file was read
};

// Expands files and folders (recursively; symlink loops are skipped; in
// folders only filing-like names: .txt .htm .html .nc .sgml .xml .gz or no
// extension) into a sorted list of files. "-" stands for standard input.
// Missing paths are reported through `diag` and counted in *missing.
std::vector<std::string> CollectInputs(const std::vector<std::string>& paths, std::ostream& diag, int* missing);

// Ingests `paths` into `store`. Diagnostics ("dealgraph: FILE: reason") go
// to `diag`. Returns OK even when some files failed (see summary.failed);
// an error only when the store itself fails.
Status Ingest(Store& store, const std::vector<std::string>& paths, const IngestOptions& options,
              std::ostream& diag, IngestSummary* summary);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_PIPELINE_H_
