// A thin RAII wrapper over Graphviz (cgraph to build graphs, gvc to lay out
// and render them), used in-process: no `dot` executable is run.
//
// Ownership: graphs live in AgraphPtr (agclose on destruction); the gvc
// context is one per process, created on first use and freed at exit.
// Graphviz keeps global state and is not thread-safe, so every call made
// through this header takes one process-wide lock; code that calls cgraph
// directly (agnode, agget, ...) on a graph another thread renders must not.
// Plugins (layout engines, output formats) are loaded at run time from the
// installed `graphviz` package, so which formats exist is decided there.
#ifndef DEALGRAPH_EXPORT_RENDER_H_
#define DEALGRAPH_EXPORT_RENDER_H_

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dealgraph {

struct AgraphDeleter {
  void operator()(Agraph_t* g) const;  //!< agclose (root graphs only)
};
using AgraphPtr = std::unique_ptr<Agraph_t, AgraphDeleter>;

// Builds one cgraph graph. Every method is a no-op once a Graphviz call has
// failed (which only happens when memory runs out); status() tells.
class GraphBuilder {
 public:
  enum class Kind { kDirected, kUndirected };

  GraphBuilder(std::string_view name, Kind kind);
  GraphBuilder(const GraphBuilder&) = delete;
  GraphBuilder& operator=(const GraphBuilder&) = delete;

  // OK unless a Graphviz call failed; holds the first failure.
  const Status& status() const { return status_; }
  // The graph being built (owned by the builder), or nullptr after failure.
  Agraph_t* graph() const { return graph_.get(); }
  // Hands the graph over; the builder is empty afterwards.
  AgraphPtr Release() { return std::move(graph_); }

  // Declares an attribute with its default for the graph itself, every node
  // or every edge (agattr). Values in Graphviz syntax, made by the program.
  void SetGraphDefault(std::string_view attr, std::string_view value);
  void SetNodeDefault(std::string_view attr, std::string_view value);
  void SetEdgeDefault(std::string_view attr, std::string_view value);

  // The node named `name` (created when missing) in `parent`, which is the
  // root graph when null. Names are stored with backslashes doubled (see
  // DotName) so that any id can be written as DOT; ids without a backslash
  // are stored unchanged.
  Agnode_t* Node(std::string_view name, Agraph_t* parent = nullptr);
  // A new edge tail -> head (parallel edges are kept), in the root graph.
  Agedge_t* Edge(Agnode_t* tail, Agnode_t* head);
  // The subgraph `name` of `parent` (root when null), created when missing.
  // Graphviz draws a box around it only when the name starts with "cluster".
  Agraph_t* Subgraph(std::string_view name, Agraph_t* parent = nullptr);

  // Sets an attribute of a graph, node or edge (agsafeset) to a value in
  // Graphviz syntax ("box", "12.5,30!", "#1f77b4"). Never pass user text:
  // use SetText, or compose with DotText / DotTooltip from export_util.h.
  void Set(void* obj, std::string_view attr, std::string_view value);
  // Sets a label-like attribute to user text, escaped with DotText.
  void SetText(void* obj, std::string_view attr, std::string_view text);

 private:
  void Fail(std::string message);

  AgraphPtr graph_;
  Status status_;
};

// The name GraphBuilder::Node stores for `name`: valid UTF-8, XML-legal,
// backslashes doubled.
std::string DotName(std::string_view name);

// Lays out `g` with `layout_engine` ("dot", "neato", "sfdp", "nop2", ...)
// and writes it to `out` in `format`:
//  - "dot" (or "gv"): the graph as built, written by cgraph's agwrite, with
//    no layout (the engine is ignored): feed it to any Graphviz tool;
//  - "svg": Graphviz SVG, where every tooltip (Graphviz writes it as the
//    xlink:title of an <a>) is also added as a <title> child of that <a>,
//    the element browsers show as a tooltip;
//  - any other output format of the installed Graphviz ("png", "pdf",
//    "xdot", "json", "plain", ...), bytes as Graphviz makes them.
// Errors: Unsupported when the engine or the format is not installed (the
// message names what is); Internal with Graphviz's own messages when layout
// or rendering fails; IoError when `out` fails. The graph keeps no layout
// afterwards (gvFreeLayout), so it can be rendered again.
Status Render(Agraph_t* g, std::string_view layout_engine, std::string_view format,
              std::ostream& out);

// Writes `g` as DOT (agwrite), with no layout.
Status WriteDot(Agraph_t* g, std::ostream& out);

// Parses DOT text (agmemread). Corruption with Graphviz's message when the
// text is not DOT.
Result<AgraphPtr> ReadDot(std::string_view dot);

// The layout engines / output formats the installed Graphviz provides,
// sorted, without duplicates. Empty when no plugin could be loaded.
std::vector<std::string> AvailableLayoutEngines();
std::vector<std::string> AvailableFormats();

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_RENDER_H_
