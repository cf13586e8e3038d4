#include "graph/codec.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <set>

#include "common/names.h"

namespace dealgraph {
namespace {

// Record kinds: the first byte of every value, so that a value read under
// the wrong key (or a damaged one) is refused rather than misread.
constexpr uint8_t kEntityRecord = 0xE1;
constexpr uint8_t kEventRecord = 0xE2;
constexpr uint8_t kRelationRecord = 0xE3;
constexpr uint8_t kFilingInfoRecord = 0xE4;
constexpr uint8_t kFilingExtractRecord = 0xE5;
constexpr uint8_t kFilingTouchRecord = 0xE6;
constexpr uint8_t kCountsRecord = 0xE7;
// Since format version 3: an entity without its sources (which have keys of
// their own), then how many sources it has.
constexpr uint8_t kEntityHeadRecord = 0xE8;
constexpr uint8_t kSourceRecord = 0xE9;
constexpr uint8_t kEventBriefRecord = 0xEA;

class Writer {
 public:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<uint8_t>(v));
  }
  void Str(std::string_view s) {
    Varint(s.size());
    out_.append(s.data(), s.size());
  }
  void Strings(const std::vector<std::string>& v) {
    Varint(v.size());
    for (const std::string& s : v) Str(s);
  }
  void Double(double d) {
    uint64_t bits = std::bit_cast<uint64_t>(d);
    for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(bits >> (8 * i)));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads with bounds checks. The first failure sticks: later reads return
// empty values and ok() stays false, so decoders can read a whole record
// and check once.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  size_t Remaining() const { return in_.size() - pos_; }

  uint8_t Byte() {
    if (!ok_ || pos_ >= in_.size()) return Fail();
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      uint8_t b = Byte();
      if (!ok_) return 0;
      if (shift == 63 && b > 1) return Fail();  // would overflow 64 bits
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Fail();
  }
  std::string Str() {
    uint64_t n = Varint();
    if (!ok_ || n > Remaining()) {
      Fail();
      return {};
    }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A list length: each element takes at least `min_bytes`, so a length the
  // remaining input cannot hold is damage (and no huge reserve happens).
  size_t Count(size_t min_bytes) {
    uint64_t n = Varint();
    if (!ok_ || n > Remaining() / min_bytes) {
      Fail();
      return 0;
    }
    return static_cast<size_t>(n);
  }
  std::vector<std::string> Strings() {
    std::vector<std::string> v;
    size_t n = Count(1);
    v.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) v.push_back(Str());
    return v;
  }
  double Double() {
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(Byte()) << (8 * i);
    return ok_ ? std::bit_cast<double>(bits) : 0.0;
  }
  bool Bool() {
    uint8_t b = Byte();
    if (b > 1) Fail();
    return b == 1;
  }
  // Marks the input damaged; returns 0 for the convenience of callers.
  uint8_t Fail() {
    ok_ = false;
    return 0;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutSource(Writer* w, const Source& s) {
  w->Str(s.filing);
  w->Str(s.item);
  w->Str(s.quote);
  w->Str(s.filed);
}

Source GetSource(Reader* r) {
  Source s;
  s.filing = r->Str();
  s.item = r->Str();
  s.quote = r->Str();
  s.filed = r->Str();
  return s;
}

void PutSources(Writer* w, const std::vector<Source>& v) {
  w->Varint(v.size());
  for (const Source& s : v) PutSource(w, s);
}

std::vector<Source> GetSources(Reader* r) {
  std::vector<Source> v;
  size_t n = r->Count(4);
  v.reserve(n);
  for (size_t i = 0; i < n && r->ok(); ++i) v.push_back(GetSource(r));
  return v;
}

// The type byte's high bit says former names follow the parties (records
// written before name histories have it clear, and read as before).
constexpr uint8_t kHasFormerNames = 0x80;

// Everything of an entity but its sources.
void PutEntityFields(Writer* w, const Entity& e) {
  w->Str(e.id);
  w->Byte(static_cast<uint8_t>(e.type) | (e.former_names.empty() ? 0 : kHasFormerNames));
  w->Str(e.name);
  w->Strings(e.aliases);
  w->Str(e.cik);
  w->Str(e.title);
  w->Str(e.dated);
  w->Str(e.expires);
  w->Str(e.term);
  w->Strings(e.parties);
  if (!e.former_names.empty()) {
    w->Varint(e.former_names.size());
    for (const FormerName& f : e.former_names) {
      w->Str(f.name);
      w->Str(f.until);
    }
  }
}

void PutEntity(Writer* w, const Entity& e) {
  PutEntityFields(w, e);
  PutSources(w, e.sources);
}

// The sources come last, so a reader that wants only the rest stops before them.
Entity GetEntity(Reader* r, bool with_sources = true) {
  Entity e;
  e.id = r->Str();
  uint8_t type = r->Byte();
  const bool has_former = (type & kHasFormerNames) != 0;
  type &= ~kHasFormerNames;
  if (type > static_cast<uint8_t>(EntityType::kAgreement)) r->Fail();
  e.type = static_cast<EntityType>(type);
  e.name = r->Str();
  e.aliases = r->Strings();
  e.cik = r->Str();
  e.title = r->Str();
  e.dated = r->Str();
  e.expires = r->Str();
  e.term = r->Str();
  e.parties = r->Strings();
  if (has_former) {
    size_t n = r->Count(2);
    for (size_t i = 0; i < n && r->ok(); ++i) {
      FormerName f;
      f.name = r->Str();
      f.until = r->Str();
      e.former_names.push_back(std::move(f));
    }
  }
  if (with_sources) e.sources = GetSources(r);
  return e;
}

// The amount itself, after its present byte: value, currency, then a kind
// byte: the MoneyKind in the low bits (format 3 wrote 0 or 1, a total or a
// per-share figure, which read the same), kMoneyRange when a high end
// follows, and a per-unit amount's unit after that.
constexpr uint8_t kMoneyKindMask = 0x0F;
constexpr uint8_t kMoneyRange = 0x80;

void PutMoneyFields(Writer* w, const Money& m) {
  w->Double(m.value);
  w->Str(m.currency);
  uint8_t b = static_cast<uint8_t>(m.kind);
  if (m.is_range()) b |= kMoneyRange;
  w->Byte(b);
  if (m.is_range()) w->Double(m.high);
  if (m.kind == MoneyKind::kPerUnit) w->Str(m.unit);
}

Money GetMoneyFields(Reader* r) {
  Money m;
  m.value = r->Double();
  m.currency = r->Str();
  const uint8_t b = r->Byte();
  const uint8_t kind = b & kMoneyKindMask;
  if (kind > static_cast<uint8_t>(MoneyKind::kContingent) || (b & ~(kMoneyKindMask | kMoneyRange))) {
    r->Fail();
    return m;
  }
  m.kind = static_cast<MoneyKind>(kind);
  if (b & kMoneyRange) m.high = r->Double();
  if (m.kind == MoneyKind::kPerUnit) m.unit = r->Str();
  return m;
}

void PutMoney(Writer* w, const std::optional<Money>& m) {
  w->Byte(m.has_value() ? 1 : 0);
  if (m) PutMoneyFields(w, *m);
}

std::optional<Money> GetMoney(Reader* r) {
  if (!r->Bool()) return std::nullopt;
  return GetMoneyFields(r);
}

// The amount's present byte also says whether slots follow the summary
// (records written before slots have it 0 or 1, and read as before).
constexpr uint8_t kHasAmount = 0x01;
constexpr uint8_t kHasSlots = 0x02;

void PutEvent(Writer* w, const Event& e) {
  w->Str(e.id);
  w->Str(e.type);
  w->Str(e.date);
  w->Varint(e.parties.size());
  for (const Party& p : e.parties) {
    w->Str(p.entity_id);
    w->Str(p.role);
  }
  w->Str(e.agreement_id);
  w->Byte((e.amount ? kHasAmount : 0) | (e.slots.empty() ? 0 : kHasSlots));
  if (e.amount) PutMoneyFields(w, *e.amount);
  w->Str(e.summary);
  if (!e.slots.empty()) {
    w->Varint(e.slots.size());
    for (const Slot& s : e.slots) {
      w->Str(s.name);
      w->Str(s.value);
      w->Str(s.entity_id);
    }
  }
  PutSources(w, e.sources);
}

Event GetEvent(Reader* r) {
  Event e;
  e.id = r->Str();
  e.type = r->Str();
  e.date = r->Str();
  size_t n = r->Count(2);
  e.parties.reserve(n);
  for (size_t i = 0; i < n && r->ok(); ++i) {
    Party p;
    p.entity_id = r->Str();
    p.role = r->Str();
    e.parties.push_back(std::move(p));
  }
  e.agreement_id = r->Str();
  const uint8_t flags = r->Byte();
  if (flags & ~(kHasAmount | kHasSlots)) r->Fail();
  if (flags & kHasAmount) e.amount = GetMoneyFields(r);
  e.summary = r->Str();
  if (flags & kHasSlots) {
    size_t n = r->Count(3);
    e.slots.reserve(n);
    for (size_t i = 0; i < n && r->ok(); ++i) {
      Slot s;
      s.name = r->Str();
      s.value = r->Str();
      s.entity_id = r->Str();
      e.slots.push_back(std::move(s));
    }
  }
  e.sources = GetSources(r);
  return e;
}

void PutRelation(Writer* w, const Relation& rel) {
  w->Str(rel.type);
  w->Str(rel.from);
  w->Str(rel.to);
  w->Str(rel.role);
  PutSources(w, rel.sources);
}

Relation GetRelation(Reader* r) {
  Relation rel;
  rel.type = r->Str();
  rel.from = r->Str();
  rel.to = r->Str();
  rel.role = r->Str();
  rel.sources = GetSources(r);
  return rel;
}

void PutFilingInfo(Writer* w, const FilingInfo& f) {
  w->Str(f.id);
  w->Str(f.name);
  w->Str(f.form);
  w->Str(f.registrant);
  w->Str(f.event_date);
  w->Str(f.filed);
  w->Strings(f.items);
  w->Str(f.amends);
  w->Varint(f.content_hash);
}

FilingInfo GetFilingInfo(Reader* r) {
  FilingInfo f;
  f.id = r->Str();
  f.name = r->Str();
  f.form = r->Str();
  f.registrant = r->Str();
  f.event_date = r->Str();
  f.filed = r->Str();
  f.items = r->Strings();
  f.amends = r->Str();
  f.content_hash = r->Varint();
  return f;
}

// Checks the record kind, runs `body`, and insists the whole value was used.
template <typename T, typename Body>
Result<T> DecodeRecord(std::string_view bytes, uint8_t kind, const char* what, Body body,
                       bool allow_trailing = false) {
  Reader r(bytes);
  if (r.Byte() != kind || !r.ok()) {
    return Status::Corruption(std::string("stored ") + what + " record has a wrong kind byte");
  }
  T value = body(&r);
  if (!r.ok()) return Status::Corruption(std::string("stored ") + what + " record is truncated or damaged");
  if (!allow_trailing && !r.AtEnd()) {
    return Status::Corruption(std::string("stored ") + what + " record has trailing bytes");
  }
  return value;
}

}  // namespace

std::string EncodeEntity(const Entity& e) {
  Writer w;
  w.Byte(kEntityRecord);
  PutEntity(&w, e);
  return w.Take();
}

std::string EncodeEvent(const Event& e) {
  Writer w;
  w.Byte(kEventRecord);
  PutEvent(&w, e);
  return w.Take();
}

std::string EncodeRelation(const Relation& r) {
  Writer w;
  w.Byte(kRelationRecord);
  PutRelation(&w, r);
  return w.Take();
}

std::string EncodeFilingInfo(const FilingInfo& f) {
  Writer w;
  w.Byte(kFilingInfoRecord);
  PutFilingInfo(&w, f);
  return w.Take();
}

std::string EncodeFilingExtract(const FilingExtract& x) {
  Writer w;
  w.Byte(kFilingExtractRecord);
  PutFilingInfo(&w, x.filing);
  w.Varint(x.entities.size());
  for (const Entity& e : x.entities) PutEntity(&w, e);
  w.Varint(x.events.size());
  for (const Event& e : x.events) PutEvent(&w, e);
  w.Varint(x.relations.size());
  for (const Relation& r : x.relations) PutRelation(&w, r);
  return w.Take();
}

std::string EncodeFilingTouch(const FilingTouch& t) {
  Writer w;
  w.Byte(kFilingTouchRecord);
  w.Strings(t.event_ids);
  return w.Take();
}

std::string EncodeCounts(const CountsRecord& c) {
  Writer w;
  w.Byte(kCountsRecord);
  w.Varint(static_cast<uint64_t>(c.filings));
  w.Varint(static_cast<uint64_t>(c.entities));
  w.Varint(static_cast<uint64_t>(c.events));
  w.Varint(static_cast<uint64_t>(c.relations));
  return w.Take();
}

Result<Entity> DecodeEntity(std::string_view bytes) {
  return DecodeRecord<Entity>(bytes, kEntityRecord, "entity", [](Reader* r) { return GetEntity(r); });
}

std::string EncodeEntityHead(const EntityHead& h) {
  Writer w;
  w.Byte(kEntityHeadRecord);
  PutEntityFields(&w, h.entity);
  w.Varint(h.source_count);
  return w.Take();
}

Result<EntityHead> DecodeEntityHead(std::string_view bytes) {
  if (!bytes.empty() && static_cast<uint8_t>(bytes[0]) == kEntityRecord) {
    ASSIGN_OR_RETURN(Entity e, DecodeEntity(bytes));
    EntityHead h;
    h.source_count = e.sources.size();
    h.inline_sources = true;
    h.entity = std::move(e);
    return h;
  }
  return DecodeRecord<EntityHead>(bytes, kEntityHeadRecord, "entity", [](Reader* r) {
    EntityHead h;
    h.entity = GetEntity(r, /*with_sources=*/false);
    h.source_count = r->Varint();
    return h;
  });
}

Result<Entity> DecodeEntityHeader(std::string_view bytes) {
  if (!bytes.empty() && static_cast<uint8_t>(bytes[0]) == kEntityRecord) {
    return DecodeRecord<Entity>(
        bytes, kEntityRecord, "entity", [](Reader* r) { return GetEntity(r, /*with_sources=*/false); },
        /*allow_trailing=*/true);
  }
  ASSIGN_OR_RETURN(EntityHead h, DecodeEntityHead(bytes));
  return std::move(h.entity);
}

std::string EncodeEventBrief(const Event& e) {
  Writer w;
  w.Byte(kEventBriefRecord);
  w.Str(e.agreement_id);
  PutMoney(&w, e.amount);
  w.Str(e.type);  // briefs written before it end at the amount
  // Last, and only when there are some: the parties that serve the event
  // (an underwriter, an agent) and are no one's partner in it.
  std::vector<std::string> agents;
  for (const Party& p : e.parties) {
    if (IsAgentRole(p.role) && std::find(agents.begin(), agents.end(), p.entity_id) == agents.end())
      agents.push_back(p.entity_id);
  }
  if (!agents.empty()) w.Strings(agents);
  return w.Take();
}

Result<EventBrief> DecodeEventBrief(std::string_view bytes) {
  return DecodeRecord<EventBrief>(bytes, kEventBriefRecord, "event brief", [](Reader* r) {
    EventBrief b;
    b.agreement_id = r->Str();
    b.amount = GetMoney(r);
    if (!r->AtEnd()) b.type = r->Str();
    if (!r->AtEnd()) b.agents = r->Strings();
    return b;
  });
}

std::string EncodeSource(const Source& s) {
  Writer w;
  w.Byte(kSourceRecord);
  PutSource(&w, s);
  return w.Take();
}

Result<Source> DecodeSource(std::string_view bytes) {
  return DecodeRecord<Source>(bytes, kSourceRecord, "source", [](Reader* r) { return GetSource(r); });
}

Result<Event> DecodeEvent(std::string_view bytes) {
  return DecodeRecord<Event>(bytes, kEventRecord, "event", [](Reader* r) { return GetEvent(r); });
}

Result<Relation> DecodeRelation(std::string_view bytes) {
  return DecodeRecord<Relation>(bytes, kRelationRecord, "relation",
                                [](Reader* r) { return GetRelation(r); });
}

Result<FilingInfo> DecodeFilingInfo(std::string_view bytes) {
  return DecodeRecord<FilingInfo>(bytes, kFilingInfoRecord, "filing",
                                  [](Reader* r) { return GetFilingInfo(r); });
}

Result<FilingExtract> DecodeFilingExtract(std::string_view bytes) {
  return DecodeRecord<FilingExtract>(bytes, kFilingExtractRecord, "filing extract", [](Reader* r) {
    FilingExtract x;
    x.filing = GetFilingInfo(r);
    // Minimum encoded sizes: entity 11 bytes, event 8, relation 5.
    size_t n = r->Count(11);
    x.entities.reserve(n);
    for (size_t i = 0; i < n && r->ok(); ++i) x.entities.push_back(GetEntity(r));
    n = r->Count(8);
    x.events.reserve(n);
    for (size_t i = 0; i < n && r->ok(); ++i) x.events.push_back(GetEvent(r));
    n = r->Count(5);
    x.relations.reserve(n);
    for (size_t i = 0; i < n && r->ok(); ++i) x.relations.push_back(GetRelation(r));
    return x;
  });
}

Result<FilingInfo> DecodeFilingInfoOfExtract(std::string_view bytes) {
  return DecodeRecord<FilingInfo>(
      bytes, kFilingExtractRecord, "filing extract", [](Reader* r) { return GetFilingInfo(r); },
      /*allow_trailing=*/true);
}

Result<std::pair<FilingInfo, std::optional<Entity>>> DecodeEntityOfExtract(std::string_view bytes,
                                                                           std::string_view id) {
  using Telling = std::pair<FilingInfo, std::optional<Entity>>;
  return DecodeRecord<Telling>(
      bytes, kFilingExtractRecord, "filing extract",
      [id](Reader* r) {
        Telling t;
        t.first = GetFilingInfo(r);
        size_t n = r->Count(11);
        for (size_t i = 0; i < n && r->ok(); ++i) {
          Entity e = GetEntity(r);
          if (r->ok() && e.id == id) {
            t.second = std::move(e);
            break;
          }
        }
        return t;
      },
      /*allow_trailing=*/true);
}

Result<FilingTouch> DecodeFilingTouch(std::string_view bytes) {
  return DecodeRecord<FilingTouch>(bytes, kFilingTouchRecord, "filing touch", [](Reader* r) {
    FilingTouch t;
    t.event_ids = r->Strings();
    return t;
  });
}

Result<CountsRecord> DecodeCounts(std::string_view bytes) {
  return DecodeRecord<CountsRecord>(bytes, kCountsRecord, "counts", [](Reader* r) {
    CountsRecord c;
    c.filings = static_cast<int64_t>(r->Varint());
    c.entities = static_cast<int64_t>(r->Varint());
    c.events = static_cast<int64_t>(r->Varint());
    c.relations = static_cast<int64_t>(r->Varint());
    return c;
  });
}

namespace keys {
namespace {

// Escape: 0x00 -> 0x01 0x01, 0x01 -> 0x01 0x02. Byte order is kept (0x00
// still sorts lowest), and an escaped component never holds a raw 0x00, so
// the terminator is unambiguous.
void AppendEscaped(std::string* key, std::string_view s) {
  for (char c : s) {
    if (c == '\0') {
      key->append("\x01\x01", 2);
    } else if (c == '\x01') {
      key->append("\x01\x02", 2);
    } else {
      key->push_back(c);
    }
  }
}

}  // namespace

std::string DateKey(std::string_view iso_date) {
  return iso_date.empty() ? std::string("~") : std::string(iso_date);
}

std::string Make(char tag, std::initializer_list<std::string_view> components) {
  std::string key;
  key.push_back(tag);
  key.push_back('\0');
  for (std::string_view c : components) {
    AppendEscaped(&key, c);
    key.push_back('\0');
  }
  return key;
}

void Append(std::string* key, std::string_view component) {
  AppendEscaped(key, component);
  key->push_back('\0');
}

void AppendPartial(std::string* key, std::string_view partial) { AppendEscaped(key, partial); }

bool Split(std::string_view key, char* tag, std::vector<std::string>* components) {
  // Runs of plain bytes are appended whole; the strings of `components`
  // are reused (a scan splits many keys into the same vector).
  size_t n = 0;
  auto next = [&]() -> std::string& {
    if (n == components->size()) components->emplace_back();
    std::string& c = (*components)[n++];
    c.clear();
    return c;
  };
  auto done = [&](bool ok) {
    components->resize(ok ? n - 1 : 0);
    return ok;
  };
  if (key.size() < 2 || key[1] != '\0') return done(false);
  *tag = key[0];
  std::string* cur = &next();
  size_t i = 2;
  while (i < key.size()) {
    size_t j = i;
    while (j < key.size() && key[j] != '\0' && key[j] != '\x01') ++j;
    cur->append(key.data() + i, j - i);
    if (j == key.size()) return done(false);  // no terminator after the last component
    if (key[j] == '\0') {
      cur = &next();
      i = j + 1;
      continue;
    }
    if (j + 1 >= key.size()) return done(false);
    char e = key[j + 1];
    if (e == '\x01') {
      cur->push_back('\0');
    } else if (e == '\x02') {
      cur->push_back('\x01');
    } else {
      return done(false);
    }
    i = j + 2;
  }
  return done(true);
}

std::string SeqKey(uint64_t n) {
  std::string digits = std::to_string(n);
  return std::string(1, static_cast<char>('0' + digits.size())) + digits;
}

bool ParseSeqKey(std::string_view s, uint64_t* n) {
  if (s.size() < 2 || static_cast<size_t>(s[0] - '0') != s.size() - 1) return false;
  if (s.size() > 2 && s[1] == '0') return false;  // one spelling per number
  uint64_t v = 0;
  for (char c : s.substr(1)) {
    if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *n = v;
  return true;
}

std::string_view FamilyName(char tag) {
  switch (tag) {
    case '\0': return "meta";
    case kFiling: return "filings (extracts)";
    case kFilingTouch: return "filing touches";
    case kEntity: return "entities";
    case kEntitySource: return "entity sources";
    case kEntityType: return "entities by type";
    case kAlias: return "aliases";
    case kEvent: return "events";
    case kDate: return "events by date";
    case kParty: return "events by party";
    case kPair: return "events by pair";
    case kPartyType: return "events by party and type";
    case kType: return "events by type";
    case kAgreement: return "events by agreement";
    case kIdentity: return "event identities";
    case kRelation: return "relations";
    case kRelationTo: return "relations by target";
    case kRegistrant: return "filings by registrant";
    case kTelling: return "entity tellings";
    case kSetAside: return "set aside by repair";
    default: return "unknown";
  }
}

bool IsCoveringTag(char tag) {
  return tag == kAgreement || tag == kPair || tag == kPartyType || tag == kTelling;
}

std::string EventIndexValue(std::string_view key, const Event& e, std::string_view encoded) {
  if (key.empty()) return {};
  switch (key[0]) {
    case kAgreement:
      return std::string(encoded);
    case kPair:
    case kPartyType:
      return EncodeEventBrief(e);
    default:
      return {};
  }
}

bool IsIndexTag(char tag) {
  switch (tag) {
    case kEntityType:
    case kAlias:
    case kDate:
    case kParty:
    case kPair:
    case kPartyType:
    case kType:
    case kAgreement:
    case kIdentity:
    case kRelationTo:
    case kRegistrant:
    case kTelling:
      return true;
    default:
      return false;
  }
}

namespace {

std::vector<std::string> PartyIds(const Event& e) {
  std::vector<std::string> ids;
  for (const Party& p : e.parties) ids.push_back(p.entity_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

std::string IdentityPrefix(const Event& e) {
  std::vector<std::string> ids = PartyIds(e);
  std::string key = Make(kIdentity, {e.type, std::to_string(ids.size())});
  for (const std::string& id : ids) Append(&key, id);
  return key;
}

std::vector<std::string> EventIndexKeys(const Event& e) {
  std::string date = DateKey(e.date);
  std::vector<std::string> ids = PartyIds(e);
  std::vector<std::string> out;
  out.push_back(Make(kDate, {date, e.id}));
  out.push_back(Make(kType, {e.type, date, e.id}));
  for (const std::string& a : ids) {
    out.push_back(Make(kParty, {a, date, e.id}));
    out.push_back(Make(kPartyType, {a, e.type, date, e.id}));
    for (const std::string& b : ids) {
      if (a != b) out.push_back(Make(kPair, {a, b, date, e.id}));
    }
  }
  if (!e.agreement_id.empty()) out.push_back(Make(kAgreement, {e.agreement_id, date, e.id}));
  std::string identity = IdentityPrefix(e);
  Append(&identity, e.id);
  out.push_back(std::move(identity));
  return out;
}

std::vector<std::string> EntityIndexKeys(const Entity& e) {
  std::vector<std::string> out;
  out.push_back(Make(kEntityType, {EntityTypeName(e.type), e.id}));
  std::set<std::string> folds;
  folds.insert(FoldName(e.name));
  for (const std::string& a : e.aliases) folds.insert(FoldName(a));
  for (const std::string& f : folds) {
    if (!f.empty()) out.push_back(Make(kAlias, {f, e.id}));
  }
  return out;
}

std::vector<std::string> RelationIndexKeys(const Relation& r) {
  return {Make(kRelationTo, {r.to, r.type, r.from})};
}

std::vector<std::string> FilingIndexKeys(const FilingInfo& f) {
  if (f.registrant.empty()) return {};
  return {Make(kRegistrant, {f.registrant, DateKey(f.filed), f.id})};
}

std::vector<std::string> TellingKeys(const FilingExtract& x) {
  std::vector<std::string> out;
  out.reserve(x.entities.size());
  for (const Entity& e : x.entities) out.push_back(TellingKey(e.id, x.filing.id));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string TellingValue(std::string_view key, const FilingExtract& x) {
  char tag;
  std::vector<std::string> parts;
  if (!Split(key, &tag, &parts) || tag != kTelling || parts.size() != 2 || parts[1] != x.filing.id) return {};
  for (const Entity& e : x.entities) {
    if (e.id == parts[0]) return EncodeEntity(e);
  }
  return {};
}

std::string Printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// "p/org:genentech/2005-05-03/ev:..." for a well-formed key, else the
// escaped bytes.
std::string PrintableKey(std::string_view key) {
  char tag;
  std::vector<std::string> parts;
  if (!keys::Split(key, &tag, &parts)) return Printable(key);
  std::string out(1, tag);
  for (const std::string& p : parts) out += "/" + Printable(p);
  return out;
}

}  // namespace keys

}  // namespace dealgraph
