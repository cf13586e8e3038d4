// Readers: bytes of one input file -> Document.
//
// ReadFiling sniffs the form (EDGAR SGML submission, HTML/iXBRL, plain text;
// gzip is unwrapped first) and dispatches. It never throws and never crashes
// on hostile input; anything it refuses comes back as a Status whose message
// says why in a few words ("empty file", "binary data, not a filing",
// "truncated SGML: <DOCUMENT> without </DOCUMENT>").
#ifndef DEALGRAPH_INGEST_READER_H_
#define DEALGRAPH_INGEST_READER_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/document.h"

namespace dealgraph {

// Reads one filing. `name` is the file's basename (used as Document::name).
Result<Document> ReadFiling(std::string_view name, std::string_view bytes);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_READER_H_
