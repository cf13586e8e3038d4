// Codec: the byte formats of the RocksDB store, values and keys.
//
// Values are a compact binary encoding: one record-kind byte, then the
// fields in declaration order; strings and lists carry a varint (LEB128)
// length; doubles are 8 little-endian bytes. Every Decode* checks bounds and
// returns Status::Corruption for a value that is truncated, has trailing
// bytes, an unknown record kind or an out-of-range enum; none of them reads
// past the input or allocates more than the input could describe.
//
// Keys are a one-byte tag, '\0', then components, each escaped and ended by
// '\0' (see docs/storage.md). The escape keeps byte order, so a prefix scan
// over a key with a trailing '\0' lists exactly the keys of that component,
// whatever characters the ids contain.
#ifndef DEALGRAPH_GRAPH_CODEC_H_
#define DEALGRAPH_GRAPH_CODEC_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"

namespace dealgraph {

// ---- Values ---------------------------------------------------------------

// What a filing changed, beside its primary record: for each event of the
// extract (same index), the id of the stored event it became or merged into.
struct FilingTouch {
  std::vector<std::string> event_ids;
};

// The O(1) counters behind Store::Counts().
struct CountsRecord {
  int64_t filings = 0;
  int64_t entities = 0;
  int64_t events = 0;
  int64_t relations = 0;
};

// An entity record since format version 3: the entity without its sources,
// which live under keys of their own (keys::EntitySourceKey, seq 0 ..
// source_count-1, in the order the filings were added), so that a filing
// mentioning a company writes one source, not the company's whole list.
struct EntityHead {
  Entity entity;  //!< sources empty, unless inline_sources
  uint64_t source_count = 0;
  // Read from a record of format version 2 or older, which holds its
  // sources itself (entity.sources); the store migrates such records.
  bool inline_sources = false;
};

// What the partner table and the agreement lookup need of an event, copied
// into its pair (b/) and party-type (q/) index entries.
struct EventBrief {
  std::string agreement_id;
  std::optional<Money> amount;
  std::string type;  //!< the event's type; "" in a brief written before it was kept
  std::vector<std::string> agents;  //!< parties in an agent role (IsAgentRole); written only when some are
};

std::string EncodeEntity(const Entity& e);
std::string EncodeEventBrief(const Event& e);
std::string EncodeEntityHead(const EntityHead& h);  // entity.sources is not written
std::string EncodeSource(const Source& s);
std::string EncodeEvent(const Event& e);
std::string EncodeRelation(const Relation& r);
std::string EncodeFilingInfo(const FilingInfo& f);
std::string EncodeFilingExtract(const FilingExtract& x);
std::string EncodeFilingTouch(const FilingTouch& t);
std::string EncodeCounts(const CountsRecord& c);

// An entity record of format version 2 or older (and entities inside a
// FilingExtract): the entity with its sources.
Result<Entity> DecodeEntity(std::string_view bytes);
// Either form of entity record: version 3's head, or an older record with
// its sources inline (inline_sources set).
Result<EntityHead> DecodeEntityHead(std::string_view bytes);
Result<Source> DecodeSource(std::string_view bytes);
Result<EventBrief> DecodeEventBrief(std::string_view bytes);
// Either form of entity record without its sources (left empty): what
// names and lists need.
Result<Entity> DecodeEntityHeader(std::string_view bytes);
Result<Event> DecodeEvent(std::string_view bytes);
Result<Relation> DecodeRelation(std::string_view bytes);
Result<FilingInfo> DecodeFilingInfo(std::string_view bytes);
Result<FilingExtract> DecodeFilingExtract(std::string_view bytes);
// Decodes only the FilingInfo at the head of an encoded FilingExtract
// (cheap listing of filings without their facts).
Result<FilingInfo> DecodeFilingInfoOfExtract(std::string_view bytes);
// The filing's info and its telling of entity `id` (nullopt when it names no
// such entity), decoding the extract only as far as that entity: what
// refolding an entity reads of each filing that names it.
Result<std::pair<FilingInfo, std::optional<Entity>>> DecodeEntityOfExtract(std::string_view bytes,
                                                                           std::string_view id);
Result<FilingTouch> DecodeFilingTouch(std::string_view bytes);
Result<CountsRecord> DecodeCounts(std::string_view bytes);

// ---- Keys -----------------------------------------------------------------

namespace keys {

// Record and index tags (the first byte of every non-meta key).
inline constexpr char kFiling = 'f';         //!< f/filing -> FilingExtract (primary record)
inline constexpr char kFilingTouch = 'g';    //!< g/filing -> FilingTouch
inline constexpr char kEntity = 'e';         //!< e/entity -> EntityHead (v2: Entity)
// Since format version 3: an entity's sources, in the order told.
inline constexpr char kEntitySource = 's';   //!< s/entity/seq -> Source
inline constexpr char kEntityType = 'y';     //!< y/type/entity -> ""
inline constexpr char kAlias = 'a';          //!< a/folded/entity -> ""
inline constexpr char kEvent = 'v';          //!< v/event -> Event
inline constexpr char kDate = 'd';           //!< d/date/event -> ""
inline constexpr char kParty = 'p';          //!< p/entity/date/event -> ""
inline constexpr char kPair = 'b';           //!< b/a/b/date/event -> ""
inline constexpr char kPartyType = 'q';      //!< q/entity/type/date/event -> ""
inline constexpr char kType = 't';           //!< t/type/date/event -> ""
inline constexpr char kAgreement = 'k';      //!< k/agreement/date/event -> ""
inline constexpr char kIdentity = 'i';       //!< i/type/n/party.../event -> ""
inline constexpr char kRelation = 'r';       //!< r/from/type/to -> Relation
inline constexpr char kRelationTo = 'R';     //!< R/to/type/from -> ""
// Since format version 2: filings by registrant, for Store::FilingsOf.
inline constexpr char kRegistrant = 'n';     //!< n/registrant/filed/filing -> ""
// Since format version 5: what each filing tells of each entity it names
// (the extract's first Entity of that id, as EncodeEntity writes it), a
// covering index of the filing record. Refolding an entity reads these
// instead of the whole extract of every filing that names it.
inline constexpr char kTelling = 'T';        //!< T/entity/filing -> Entity
// Records `check --repair` could not rebuild and set aside instead of
// deleting them: the record's whole key as one component, its value as it was.
inline constexpr char kSetAside = 'z';       //!< z/KEY -> the record's value

// True for the tags of index entries (keys which, with their values, are a
// pure function of one record), false for records and meta keys.
bool IsIndexTag(char tag);
// Since format version 3, three event index families carry a copy of what
// their queries need, so that those queries read no event record: k/
// (EventsOfAgreement) the whole event as its record encodes it, b/ and q/
// (partners, agreements of a party) its EventBrief. Every other index
// entry's value is "".
bool IsCoveringTag(char tag);
// What the keys of `tag` hold, in words ("events by pair"); "meta" for
// '\0', "unknown" for a tag of no family.
std::string_view FamilyName(char tag);
// A key as a person reads it: "p/org:genentech/2005-05-03/ev:..." for a key
// of the layout, else its bytes; bytes below 0x20, 0x7f and '\\' escaped
// (\\xNN) so that a message stays one line whatever the ids hold.
std::string PrintableKey(std::string_view key);
// The escaping of PrintableKey for one string.
std::string Printable(std::string_view s);
// The value of index entry `key` of event `e`, whose record is `encoded`.
std::string EventIndexValue(std::string_view key, const Event& e, std::string_view encoded);

inline constexpr std::string_view kVersionKey{"\0meta/version", 13};
inline constexpr std::string_view kCountsKey{"\0meta/counts", 12};

// The date component of index keys: the ISO date, or "~" when undated so
// that undated events sort after every dated one.
std::string DateKey(std::string_view iso_date);

// tag, '\0', then each component escaped and '\0'-terminated.
std::string Make(char tag, std::initializer_list<std::string_view> components);
// Appends one escaped, '\0'-terminated component (for keys with a
// variable number of components).
void Append(std::string* key, std::string_view component);
// Appends one escaped component without its terminator (for seek bounds:
// "every key whose next component starts with `partial`").
void AppendPartial(std::string* key, std::string_view partial);

// Splits a key made by Make into its components (unescaped); false when the
// key is malformed.
bool Split(std::string_view key, char* tag, std::vector<std::string>* components);

inline std::string EventKey(std::string_view id) { return Make(kEvent, {id}); }
inline std::string EntityKey(std::string_view id) { return Make(kEntity, {id}); }
inline std::string FilingKey(std::string_view id) { return Make(kFiling, {id}); }
inline std::string FilingTouchKey(std::string_view id) { return Make(kFilingTouch, {id}); }
// A sequence number as a key component that sorts numerically: its digit
// count, then the digits ("10", "15", "210", "3123").
std::string SeqKey(uint64_t n);
bool ParseSeqKey(std::string_view s, uint64_t* n);
inline std::string EntitySourceKey(std::string_view id, uint64_t seq) {
  return Make(kEntitySource, {id, SeqKey(seq)});
}
inline std::string EntitySourcePrefix(std::string_view id) { return Make(kEntitySource, {id}); }
inline std::string TellingKey(std::string_view entity, std::string_view filing) {
  return Make(kTelling, {entity, filing});
}
inline std::string TellingPrefix(std::string_view entity) { return Make(kTelling, {entity}); }
inline std::string RelationKey(std::string_view from, std::string_view type, std::string_view to) {
  return Make(kRelation, {from, type, to});
}

// ---- Index entries derived from records ------------------------------------
//
// Every index entry is a pure function of the record it indexes; writes put
// and delete the difference, Check and Repair recompute them from scratch.

// The i/ prefix shared by every event of the same type and party set.
std::string IdentityPrefix(const Event& e);
std::vector<std::string> EventIndexKeys(const Event& e);
std::vector<std::string> EntityIndexKeys(const Entity& e);
std::vector<std::string> RelationIndexKeys(const Relation& r);
// The n/ entry of a filing (none when it names no registrant).
std::vector<std::string> FilingIndexKeys(const FilingInfo& f);
// The T/ entries of a filing's extract, one per entity id it names, and the
// value of one of them (EncodeEntity of the first entity of that id; "" for
// a key that is not one of x's T/ entries).
std::vector<std::string> TellingKeys(const FilingExtract& x);
std::string TellingValue(std::string_view key, const FilingExtract& x);

}  // namespace keys

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_CODEC_H_
