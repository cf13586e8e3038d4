// Extractor: one Document -> one FilingExtract (entities, agreements,
// events and relations, each with its provenance).
//
// Stages, in order: segment (ingest/segment.h) -> tokens -> entity discovery
// (entities.h) -> per sentence: dates, money, agreement mentions, trigger
// phrases -> events -> in-filing resolution (anaphora such as "this
// agreement", "the Company"; one event per real-world event within the
// filing). Cross-filing merging is the store's job.
#ifndef DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_H_
#define DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_H_

#include "common/status.h"
#include "graph/model.h"
#include "ingest/document.h"

namespace dealgraph {

// Extracts everything dealgraph knows how to read from one filing. Never
// fails on odd text (it may extract nothing); returns an error only when the
// document is not something to store (no text at all).
Result<FilingExtract> ExtractFiling(const Document& doc);

// The form a filing without an EDGAR header names on its cover page ("8-K",
// "8-K/A", "10-K", ...; data/lexicon/cover_forms.tsv), or "" when its first
// lines name none: then it is no filing at all.
std::string FormOnCover(std::string_view text);

// The id the filing is stored under: its accession number, else "sha:" and
// a hash of its text (so the same filing read twice is one filing).
std::string FilingId(const Document& doc);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_EXTRACTOR_H_
