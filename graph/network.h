// The partner network: a Boost.Graph view of the store.
//
// Vertices are entities (companies, people, products, agreements); an edge
// joins two entities that share events or a relation, weighted by the
// number of shared events and the money that flowed in them. The view is
// built from the store's indexes for one entity's neighbourhood (prefix
// scans from that entity) or for the whole store.
#ifndef DEALGRAPH_GRAPH_NETWORK_H_
#define DEALGRAPH_GRAPH_NETWORK_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "common/status.h"
#include "graph/model.h"
#include "graph/store.h"

namespace dealgraph {

struct NetworkVertex {
  std::string id;
  std::string name;
  EntityType type = EntityType::kOrganization;
};

struct NetworkEdge {
  int events = 0;        //!< events both ends took part in
  int agreements = 0;    //!< distinct agreements among those events
  double money = 0;      //!< sum of amounts (USD only) of those events
  std::string first;     //!< first date of a shared event (ISO)
  std::string last;      //!< last date
  std::vector<std::string> event_ids;
  std::vector<std::string> relations;  //!< relation types ("subsidiary_of", ...)
};

using NetworkGraph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS, NetworkVertex, NetworkEdge>;

class Network {
 public:
  // Builds the network of the given events and relations. Only
  // organizations and people become vertices unless `all_types`.
  static Network FromSlice(const GraphSlice& slice, bool all_types = false);
  // The neighbourhood of `entity_id` (its events, and their parties'
  // events when depth 2) read from the store. `as_of` ("" = everything)
  // drops sources filed after that date. These read the store and return
  // its error when a read fails.
  static Result<Network> Around(const Store& store, std::string_view entity_id, int depth, std::string_view as_of);
  // The whole store.
  static Result<Network> Whole(const Store& store, std::string_view as_of);
  // The star of `entity_id`: it, its partners and the edges between it and
  // each of them, as Around(store, entity_id, 1, "") has them, read from
  // the pair index (Store::SharedEventsOf) without loading events. For
  // PartnersOf(entity_id) on big stores.
  static Result<Network> Star(const Store& store, std::string_view entity_id);
  // What PartnersOf(entity_id) needs: the star, or with `as_of` set the
  // depth-1 neighbourhood as the filings up to then told it.
  static Result<Network> ForPartners(const Store& store, std::string_view entity_id, std::string_view as_of) {
    return as_of.empty() ? Star(store, entity_id) : Around(store, entity_id, 1, as_of);
  }

  const NetworkGraph& graph() const { return g_; }
  // Vertex index of an entity id, or -1.
  int Find(std::string_view id) const;

  struct Partner {
    std::string id, name;
    NetworkEdge edge;
  };
  // The partners of `id`, most events first (then most money).
  std::vector<Partner> PartnersOf(std::string_view id) const;

  // Shortest path (fewest hops) from a to b: the entity ids along it,
  // empty when not connected.
  std::vector<std::string> Path(std::string_view a, std::string_view b) const;

  struct Centrality {
    std::string id, name;
    int degree = 0;
    double betweenness = 0;  //!< Brandes, normalized to [0, 1]
  };
  // Organizations by betweenness centrality, then degree.
  std::vector<Centrality> Central() const;

  // The edge between two vertices, or nullptr.
  const NetworkEdge* EdgeBetween(std::string_view a, std::string_view b) const;

 private:
  int AddVertex(const Entity& e);
  NetworkGraph g_;
  std::unordered_map<std::string, int> index_;
};

// Filters sources filed after `as_of` out of the events; events left with
// no source are dropped. `as_of` "" keeps everything.
std::vector<Event> AsOf(std::vector<Event> events, std::string_view as_of);

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_NETWORK_H_
