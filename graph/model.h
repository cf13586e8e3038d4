// The graph's data model: filings, entities, events, relations.
//
// These are plain values. The extractor produces them per filing (a
// FilingExtract); the store merges them across filings (one entity per
// real-world company, one event per real-world event with one Source per
// telling); queries and exporters read them back.
#ifndef DEALGRAPH_GRAPH_MODEL_H_
#define DEALGRAPH_GRAPH_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dealgraph {

enum class EntityType { kOrganization, kPerson, kProduct, kAgreement };

// "organization", "person", "product", "agreement".
std::string_view EntityTypeName(EntityType t);
// Parses the names above (also "org", "company"); false when unknown.
bool ParseEntityType(std::string_view s, EntityType* out);

// An agreement's id: "ag:" PARTIES ":" KIND, then ":" the year it was made
// or, when no filing gave the year, ":" its title's slug (nothing when it
// has neither): "ag:genentech+immunogen:license:2000".
std::string AgreementId(std::string_view parties, std::string_view kind, int year, std::string_view title_slug);
// True when agreement ids `a` and `b` name the same parties and kind and
// only one of them ends in a year: the same agreement, told once with its
// date and once by its title alone.
bool SameAgreementOneDated(std::string_view a, std::string_view b);

// Where a fact was read: the filing, the 8-K Item it sat under, the sentence.
struct Source {
  std::string filing;  //!< accession number, else the file name
  std::string item;    //!< "1.01", "8.01", "EX-99.1", or ""
  std::string quote;   //!< the sentence, verbatim, whitespace folded
  std::string filed;   //!< the filing's date (ISO), for "as of" queries; may be ""
};

// A name a company used until a day: an EDGAR header's FORMER COMPANY block
// (FORMER CONFORMED NAME, DATE OF NAME CHANGE).
struct FormerName {
  std::string name;   //!< as the header spells it: "APPLE COMPUTER INC"
  std::string until;  //!< ISO day the name changed, or "" when not given
};

struct Entity {
  std::string id;    //!< "org:genentech", "person:mitchel-sayare", "product:dm1", "ag:..."
  EntityType type = EntityType::kOrganization;
  std::string name;  //!< canonical display name: "Genentech", "Mitchel Sayare"
  std::vector<std::string> aliases;  //!< other spellings: "Genentech, Inc.", "DNA"; at most kMaxAliases
  std::string cik;   //!< SEC Central Index Key when known
  // People: their title as written ("Chairman and CEO"); agreements: their kind.
  std::string title;
  // Agreements only.
  std::string dated;    //!< ISO date the agreement was made ("2000-05-02"), at its precision
  std::string expires;  //!< ISO date the current term ends, recomputed on renewal/extension
  std::string term;     //!< term as written: "five-year", "one additional three-year term"
  std::vector<std::string> parties;  //!< entity ids of the signatories
  // Organizations: names used before, oldest change first (each is also an alias).
  std::vector<FormerName> former_names;
  std::vector<Source> sources;  //!< where it is mentioned (one per filing at most)
};

// What an amount measures. Only a total is money that moved; the others
// describe a price, a rate, a cap or a promise.
enum class MoneyKind : uint8_t {
  kTotal = 0,       //!< "$2 million"
  kPerShare = 1,    //!< "$172.50 per share", "a dividend of $0.03 for each share"
  kPerUnit = 2,     //!< "$16,780 per month", "$5 per ton": a rate (`unit` says of what)
  kUpTo = 3,        //!< "up to $1.5 billion", "not to exceed $250,000": a cap
  kContingent = 4,  //!< "eligible to receive $40 million upon achievement of ...": owed on a condition
};

// "total", "per_share", "per_unit", "up_to", "contingent".
std::string_view MoneyKindName(MoneyKind kind);
// The kind a name gives; false for an unknown name.
bool ParseMoneyKind(std::string_view name, MoneyKind* kind);

struct Money {
  double value = 0;        //!< whole currency units; a range's low end
  std::string currency;    //!< "USD", "EUR", ...
  MoneyKind kind = MoneyKind::kTotal;
  double high = 0;         //!< a range's high end ("$14 to $16 million"), else 0
  std::string unit;        //!< per_unit only: "month", "year", "ton", ...

  bool per_share() const { return kind == MoneyKind::kPerShare; }
  bool is_range() const { return high > value; }
};

// A total of `value` in `currency` (what sums and totals print).
inline Money TotalMoney(double value, std::string currency) {
  Money m;
  m.value = value;
  m.currency = std::move(currency);
  return m;
}

// The most names the store keeps for one entity. Real companies gather a few
// dozen over decades (16 is the most in the shared real corpus); one that keeps
// absorbing names is being fed junk, and more would make its record and every
// lookup that reads it grow without bound. Further names are not kept, and
// ingest warns once per entity.
inline constexpr size_t kMaxAliases = 256;

// The largest amount an 8-K plausibly states ($10 trillion, above any
// company's worth): a figure beyond it is a misreading, kept but never added.
inline constexpr double kMaxPlausibleAmount = 1e13;
bool PlausibleAmount(const Money& m);
// One whole, plausible figure of money: no price, rate, cap, promise or range.
bool IsTotalAmount(const Money& m);

// Whether an event's amount is money that was paid, for totals: a payment's
// amount, one whole figure (a per-share or per-unit figure is a price or a
// rate, "up to" a cap, a contingent amount a promise, a range no figure). An
// agreement's or a deal's event that carries its payment's amount tells the
// same money again; a commitment or a fee owed on a condition is no payment.
bool IsMoneyPaid(std::string_view event_type, const std::optional<Money>& amount);

struct Party {
  std::string entity_id;
  std::string role;  //!< "licensee", "licensor", "payer", "payee", "sponsor", "acquirer", ...; may be ""
};

// Whether a party's role is one of a firm that serves the deal rather than
// makes it ("underwriter", "adviser", "counsel", "agent";
// data/lexicon/agent_roles.tsv): such a party is no partner.
bool IsAgentRole(std::string_view role);

struct Event;
// Whether `entity_id` serves `ev` in an agent role (IsAgentRole).
bool ServesAsAgent(const Event& ev, std::string_view entity_id);

// A typed fact of an event beyond its parties (docs/events.md lists each
// type's slots, data/lexicon/slots.tsv their kinds): an officer change's
// "role" and "action", an auditor change's "side", an "effective" date.
struct Slot {
  std::string name;       //!< "role", "action", "side", "effective", "jobs", ...
  std::string value;      //!< as written ("Chief Financial Officer"), ISO for dates, digits for numbers
  std::string entity_id;  //!< the entity the slot names ("person", "auditor"), else ""
};

struct Event {
  std::string id;    //!< "ev:" + 16 hex digits, stable across runs
  std::string type;  //!< one of the types of docs/events.md ("agreement.renewed", ...)
  std::string date;  //!< ISO at the precision written, or "" when unknown
  std::vector<Party> parties;
  std::string agreement_id;  //!< "ag:..." when the event concerns an agreement
  std::optional<Money> amount;
  std::string summary;  //!< a short description ("renewed for one additional three-year term")
  std::vector<Slot> slots;  //!< in the order of the type's slots; a slot at most once
  std::vector<Source> sources;
  // The slot called `name`, or nullptr.
  const Slot* SlotNamed(std::string_view name) const;
};

// Typed edges between entities that are not events.
// "subsidiary_of", "licensee_of", "officer_of", "develops", "director_of".
struct Relation {
  std::string type;
  std::string from;  //!< entity id
  std::string to;    //!< entity id
  std::string role;  //!< "Chairman and CEO" for officer_of; may be ""
  std::vector<Source> sources;
};

struct FilingInfo {
  std::string id;        //!< accession number, else "sha:" + content hash prefix
  std::string name;      //!< file name
  std::string form;      //!< "8-K", "8-K/A", "EX-99.1"
  std::string registrant;  //!< entity id of the registrant
  std::string event_date;  //!< "Date of earliest event reported", ISO
  std::string filed;       //!< filing / dateline date, ISO
  std::vector<std::string> items;
  std::string amends;      //!< for 8-K/A: id of the filing amended, when known
  uint64_t content_hash = 0;
};

// Everything read from one filing: the unit of atomic storage.
struct FilingExtract {
  FilingInfo filing;
  std::vector<Entity> entities;  //!< includes agreements (type kAgreement)
  std::vector<Event> events;
  std::vector<Relation> relations;
};

// A self-contained piece of the graph, as queries hand it to exporters: the
// selected events, every entity they (or the relations) name, and relations.
struct GraphSlice {
  std::vector<Entity> entities;
  std::vector<Event> events;
  std::vector<Relation> relations;
  // The entity with this id, or nullptr.
  const Entity* Find(std::string_view id) const;
};

}  // namespace dealgraph

#endif  // DEALGRAPH_GRAPH_MODEL_H_
