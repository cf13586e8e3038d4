// Entity discovery: organizations, people and products named in a filing.
//
// Discovery runs over the whole segmented filing first (so a name introduced
// with its suffix or ticker in one sentence is known in every other), then
// EntityTable::Mentions finds the known names in any sentence. Nothing here
// knows any particular company: names are found by their shape (corporate
// suffixes, tickers, defined terms, titles, drug-code shapes) and by the
// generic lexicons of data/lexicon.
#ifndef DEALGRAPH_INGEST_EXTRACT_ENTITIES_H_
#define DEALGRAPH_INGEST_EXTRACT_ENTITIES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/model.h"
#include "ingest/document.h"
#include "ingest/extract/lexicon.h"
#include "ingest/extract/tokens.h"
#include "ingest/segment.h"

namespace dealgraph {

struct FoundEntity {
  std::string id;  //!< "org:genentech", "person:mitchel-sayare", "product:dm1"
  EntityType type = EntityType::kOrganization;
  std::string name;
  std::vector<std::string> aliases;
  std::string title;       //!< people
  int employer = -1;       //!< people: index of their organization
  std::string cik;
  bool regulator = false;  //!< FDA, SEC, ministries: never a commercial partner
  bool registrant = false;
  int product_evidence = 0;  //!< products: contexts for minus contexts against
  int mentions = 0;
  int merged_into = -1;      //!< another spelling of that entity (EntityTable::Merge): not emitted
};

struct EntityMention {
  size_t tok_begin = 0, tok_end = 0;  //!< token range [begin, end)
  size_t begin = 0, end = 0;          //!< byte range in the sentence
  int entity = -1;                    //!< index into EntityTable::entities
};

struct FoundRelation {
  std::string type;  //!< "subsidiary_of", "officer_of", "licensee_of", "develops"
  int from = -1, to = -1;
  std::string role;
  int sentence = -1;
};

class EntityTable {
 public:
  // Adds (or finds) an entity; `surface` is how the text wrote it. Returns its index.
  int Add(EntityType type, std::string_view name, std::string_view surface = {});
  void AddAlias(int entity, std::string_view alias);
  // `from` is another spelling of `into` ("W.A. Freeman" of "William A.
  // Freeman"): its names become `into`'s aliases and every surface, employer
  // and relation that named it names `into`. `from` stays in `entities`,
  // marked merged_into, so indexes held elsewhere stay valid.
  void Merge(int from, int into);
  // Index of the entity with this exact surface form, or -1.
  int Lookup(std::string_view surface) const;
  // Known names in a tokenized sentence, longest match first, no overlaps.
  std::vector<EntityMention> Mentions(const std::vector<Token>& tokens) const;
  // The entity of the longest known name starting at tokens[i] (its length
  // in tokens in *len), or -1: the first of Mentions(tokens[i..]) when that
  // starts at i.
  int MentionAt(const std::vector<Token>& tokens, size_t i, size_t* len) const;

  std::vector<FoundEntity> entities;
  std::vector<FoundRelation> relations;
  int registrant = -1;

 private:
  void IndexSurface(std::string_view surface, int entity);
  int MatchAt(const Token* t, size_t n, size_t i, size_t* len) const;
  // The first tokens of surfaces_: most tokens of a sentence start no known
  // name and are ruled out without hashing them.
  WordShapeFilter first_tokens_;
  std::unordered_map<std::string, int> by_id_;
  // First token text -> (token texts of a surface form, entity). Searched by
  // string_view (no temporary string per token).
  std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, int>>, StringViewHash,
                     std::equal_to<>>
      surfaces_;
  std::unordered_map<std::string, int, StringViewHash, std::equal_to<>> surface_entity_;
};

// Discovers the entities of a filing. `tokens[i]` are the tokens of
// seg.sentences[i].
EntityTable DiscoverEntities(const Document& doc, const Segmented& seg,
                             const std::vector<std::vector<Token>>& tokens);

// The officer's or director's title written at tokens[b...] ("Chief
// Financial Officer", "Senior Vice President and General Counsel"), or ""
// when tokens[b] starts none; *end is one past its last token.
std::string TitleAt(const std::vector<Token>& tokens, size_t b, std::string_view sentence, size_t* end);

// The id an entity of this type and name gets.
std::string EntityId(EntityType type, std::string_view name);

}  // namespace dealgraph

#endif  // DEALGRAPH_INGEST_EXTRACT_ENTITIES_H_
