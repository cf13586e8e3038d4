// Resolve: an extract's companies against the companies already stored.
//
// The extractor names an organization from the filing alone ("org:apple" for
// "Apple Inc."). Across filings one company may go by several names: Apple
// Computer, Inc. filed until 2007 and Apple Inc. since, both under CIK
// 320193. The SEC header's CIK is the identity where there is one: an
// organization whose CIK the store already holds under another id, found
// through any of its names or former names, takes the stored id, so its
// events join the company's history instead of starting a second one.
#ifndef DEALGRAPH_GRAPH_RESOLVE_H_
#define DEALGRAPH_GRAPH_RESOLVE_H_

#include <map>
#include <string>

#include "graph/model.h"
#include "graph/store.h"

namespace dealgraph {

// Rewrites `extract` so that each organization with a CIK known to `store`
// under another id uses that id: the entity, the filing's registrant, event
// parties, agreement parties and relation ends. Returns the ids it changed
// (extract id -> stored id). Entities without a CIK, and CIKs the store does
// not know, are left as they are. A failed read of the store is returned
// (and `extract` left as it was), never taken for "not known".
Result<std::map<std::string, std::string>> ResolveIdentities(const Store& store, FilingExtract* extract);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_RESOLVE_H_
