// GraphML export (http://graphml.graphdrawing.org/), for Gephi, yEd,
// NetworkX, igraph and Cytoscape.
#ifndef DEALGRAPH_EXPORT_GRAPHML_H_
#define DEALGRAPH_EXPORT_GRAPHML_H_

#include <ostream>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// Writes `slice` as one directed GraphML graph:
//  - nodes: every entity (kind = organization/person/product/agreement),
//    every event (kind = "event"), and a stub node (kind guessed from the id
//    prefix, label = id) for any id an edge names but the slice lacks;
//  - edges: party_of (entity -> event, with role), concerns (event ->
//    agreement), signatory_of (party -> agreement), and the relations under
//    their own type (subsidiary_of, licensee_of, officer_of, ...);
//  - every key is declared with its type (amount and amount_high: double,
//    per_share: boolean, weight: double, the rest string; amount_kind is
//    total, per_share, per_unit, up_to or contingent). Gephi uses "label" as the node
//    and edge label; in yEd map it with Edit > Properties Mapper.
// All text is XML-escaped, characters illegal in XML 1.0 are dropped and
// invalid UTF-8 is repaired, so the document is always well-formed.
// IoError when the stream fails.
Status WriteGraphml(const GraphSlice& slice, std::ostream& out);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_GRAPHML_H_
