// The partner diagram: who deals with whom. Organizations are nodes sized by
// how many events they take part in; an edge joins two parties that share
// events, agreements or relations, labelled with the agreements and years
// and drawn thicker with more events; subsidiaries sit in a cluster with
// their parent. Graphviz lays it out ("dot" for small graphs, "sfdp" with
// overlap removal for large ones).
#ifndef DEALGRAPH_EXPORT_PARTNERS_H_
#define DEALGRAPH_EXPORT_PARTNERS_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"
#include "export/render.h"
#include "graph/model.h"

namespace dealgraph {

struct PartnerOptions {
  // Highlighted; also the only person or product drawn (people and products
  // are omitted otherwise). May be empty.
  std::string focus_entity_id;
  // Legibility (--top, --min-events): draw only the `top` most active
  // companies (0: all) with at least `min_events` events each; the focus
  // is always drawn.
  size_t top = 0;
  int min_events = 0;
};

// Graphs with at most this many nodes are laid out with "dot".
inline constexpr size_t kPartnerDotMaxNodes = 150;

// "dot" up to kPartnerDotMaxNodes nodes, else "sfdp".
std::string_view PartnerLayoutEngine(size_t node_count);

// The undirected cgraph graph of the diagram. Nodes are named by entity id;
// clusters are subgraphs named "cluster_<n>"; each edge has a "weight"-like
// penwidth and a label (omitted above kPartnerDotMaxNodes nodes, where the
// text would bury the drawing; the tooltip keeps it). Graph attributes are
// set for the engine PartnerLayoutEngine picks.
Result<AgraphPtr> BuildPartnerGraph(const GraphSlice& slice, const PartnerOptions& options);

// Builds and renders the diagram in `format` ("svg", "png", "pdf", "dot",
// ...). NotFound when options.focus_entity_id is set but names neither an
// entity of the slice nor a party of its events; errors of Render otherwise.
Status WritePartnerDiagram(const GraphSlice& slice, const PartnerOptions& options,
                           std::string_view format, std::ostream& out);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_PARTNERS_H_
