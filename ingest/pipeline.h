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
  // The forms to store, as the header (CONFORMED SUBMISSION TYPE, <TYPE>) or
  // the cover ("FORM 8-K") names them, compared in any case; "*" takes every
  // form. An exhibit filed on its own (EX-99.*, EX-10.*: EDGAR's per-document
  // files) goes with 8-K. Other files are skipped with their form named, and
  // a file with neither header nor cover form as "not a filing".
  std::vector<std::string> forms = {"8-K", "8-K/A"};
  // Bytes the files in flight may take together at their peak (estimated
  // from their sizes, about 24 times a file's text): a file that would pass
  // it waits until the ones before it are stored; one file of any size
  // always goes. 0 = no bound. The CLI's default is half the machine's memory.
  double max_memory = 0;
};

// Whether a filing of `form` is stored under `forms` (IngestOptions::forms).
bool FormWanted(std::string_view form, const std::vector<std::string>& forms);

struct IngestSummary {
  int files = 0;             //!< files considered
  int filings_added = 0;     //!< newly stored (or replaced)
  int filings_unchanged = 0; //!< already stored, nothing written
  int skipped = 0;           //!< not filings, or forms not asked for (IngestOptions::forms)
  int failed = 0;            //!< files that could not be read or stored
  int entities_added = 0;
  int events_added = 0;
  int events_merged = 0;
  double bytes = 0;          //!< input bytes read
  double seconds = 0;
  bool interrupted = false;  //!< IngestOptions::stop ended it before every file was read
};

// Expands files and folders (recursively; in folders only filing-like names:
// .txt .htm .html .nc .sgml .xml .gz or no extension) into a sorted list of
// files. "-" stands for standard input. Missing paths are reported through
// `diag` and counted in *missing; a store, a FIFO, socket or device, a broken
// symbolic link and a symbolic link loop inside a folder are reported once
// each, skipped and counted in *skipped (when given).
std::vector<std::string> CollectInputs(const std::vector<std::string>& paths, std::ostream& diag, int* missing,
                                       int* skipped = nullptr);

// Ingests `paths` into `store`. Diagnostics ("dealgraph: FILE: reason") go
// to `diag`. Returns OK even when some files failed (see summary.failed);
// an error only when the store itself fails.
Status Ingest(Store& store, const std::vector<std::string>& paths, const IngestOptions& options,
              std::ostream& diag, IngestSummary* summary);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_PIPELINE_H_
