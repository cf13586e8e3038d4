// Tests of tokenization (ingest/extract/tokens.h) and entity discovery
// (ingest/extract/entities.h) on the seed 8-Ks and the dev filings: each
// filing is read with ReadFiling, segmented, tokenized sentence by sentence
// and handed to DiscoverEntities, as the extractor does.
#include "ingest/extract/entities.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/extractor.h"
#include "ingest/extract/tokens.h"
#include "ingest/reader.h"
#include "ingest/segment.h"

#include "tests/test_data.h"

namespace dealgraph {
namespace {

namespace fs = std::filesystem;

// One filing taken through discovery. Segmented and the tokens view into
// doc.text, so the whole lives on the heap and never moves.
struct Discovered {
  Document doc;
  Segmented seg;
  std::vector<std::vector<Token>> tokens;
  EntityTable table;
};

std::unique_ptr<Discovered> Discover(std::string_view rel) {
  auto d = std::make_unique<Discovered>();
  std::string path = DataPath(rel);
  Result<Document> doc = ReadFiling(fs::path(path).filename().string(), Slurp(path));
  INFO(rel << ": " << doc.status().message());
  REQUIRE(doc.ok());
  d->doc = std::move(doc).value();
  d->seg = Segment(d->doc);
  for (const Sentence& s : d->seg.sentences) d->tokens.push_back(Tokenize(s.text));
  d->table = DiscoverEntities(d->doc, d->seg, d->tokens);
  return d;
}

// The entity whose name or one of whose aliases is exactly `name`, or nullptr.
const FoundEntity* Named(const EntityTable& t, std::string_view name) {
  for (const FoundEntity& e : t.entities) {
    if (e.name == name) return &e;
  }
  for (const FoundEntity& e : t.entities) {
    if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) return &e;
  }
  return nullptr;
}

const FoundEntity* WithId(const EntityTable& t, std::string_view id) {
  for (const FoundEntity& e : t.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

bool HasAlias(const FoundEntity& e, std::string_view alias) {
  return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
}

// A product the extractor keeps: discovery weighs the contexts a code is
// written in (product_evidence) and the extractor drops the ones with more
// contexts against than for.
bool KeptProduct(const EntityTable& t, std::string_view name) {
  for (const FoundEntity& e : t.entities) {
    if (e.type != EntityType::kProduct || e.product_evidence < 0) continue;
    if (e.name == name || HasAlias(e, name)) return true;
  }
  return false;
}

std::string Dump(const EntityTable& t) {
  std::string s;
  for (const FoundEntity& e : t.entities) s += e.id + " (" + e.name + ")\n";
  return s;
}

std::vector<std::string> TokenTexts(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) out.emplace_back(t.text());
  return out;
}

// ---- Tokenize ---------------------------------------------------------------

TEST_CASE("tokens: a possessive 's becomes its own token so the name stands alone", "[ingest][entities]") {
  std::vector<Token> t = Tokenize("ImmunoGen's TAP technology");
  REQUIRE(t.size() == 4);
  CHECK(t[0].text() == "ImmunoGen");
  CHECK(t[1].text() == "'s");
  CHECK(t[1].possessive);
  CHECK_FALSE(t[0].possessive);
  CHECK(t[2].text() == "TAP");
  CHECK(t[2].all_caps);
  // The curly apostrophe too.
  std::vector<std::string> curly = TokenTexts("Genentech\xE2\x80\x99s therapeutic antibody");
  CHECK(curly == std::vector<std::string>{"Genentech", "\xE2\x80\x99s", "therapeutic", "antibody"});
}

TEST_CASE("tokens: hyphens, dots of abbreviations and ampersands stay inside words", "[ingest][entities]") {
  CHECK(TokenTexts("huN901-DM1 and AVE9633") == std::vector<std::string>{"huN901-DM1", "and", "AVE9633"});
  CHECK(TokenTexts("the U.S. Food and Drug Administration") ==
        std::vector<std::string>{"the", "U.S.", "Food", "and", "Drug", "Administration"});
  CHECK(TokenTexts("Millennium Pharmaceuticals, Inc. (NASDAQ: MLNM)") ==
        std::vector<std::string>{"Millennium", "Pharmaceuticals", ",", "Inc.", "(", "NASDAQ", ":", "MLNM", ")"});
  CHECK(TokenTexts("Johnson & Johnson and J&J") == std::vector<std::string>{"Johnson", "&", "Johnson", "and", "J&J"});
  CHECK(TokenTexts("Karleen M. Oberton") == std::vector<std::string>{"Karleen", "M.", "Oberton"});
  // A sentence-final period is punctuation, not part of the word.
  CHECK(TokenTexts("paid to ImmunoGen.") == std::vector<std::string>{"paid", "to", "ImmunoGen", "."});
  CHECK(TokenTexts("$0.89 per share") == std::vector<std::string>{"$", "0.89", "per", "share"});
}

TEST_CASE("tokens: the /s/ signature mark is split from the name", "[ingest][entities]") {
  CHECK(TokenTexts("/s/ Karleen M. Oberton") == std::vector<std::string>{"/", "s", "/", "Karleen", "M.", "Oberton"});
  CHECK(TokenTexts("By:/S/ Fred D. Anderson") ==
        std::vector<std::string>{"By", ":", "/", "S", "/", "Fred", "D.", "Anderson"});
}

TEST_CASE("tokens: offsets and shape flags describe each token", "[ingest][entities]") {
  std::string s = "Genentech (NYSE: DNA) paid $2 million";
  std::vector<Token> t = Tokenize(s);
  REQUIRE(t.size() == 10);
  for (const Token& k : t) CHECK(s.substr(k.begin, k.end() - k.begin) == k.text());
  CHECK(t[0].word);
  CHECK(t[0].cap);
  CHECK(t[0].has_lower);
  CHECK_FALSE(t[0].all_caps);
  CHECK_FALSE(t[1].word);  // "("
  CHECK(t[4].text() == "DNA");
  CHECK(t[4].all_caps);
  CHECK(t[8].text() == "2");
  CHECK(t[8].has_digit);
  CHECK_FALSE(t[8].cap);
  CHECK(Tokenize("").empty());
  CHECK(Tokenize("   \t ").empty());
}

// ---- EntityTable -----------------------------------------------------------

TEST_CASE("tokens: a run longer than a token holds becomes several, covering it byte for byte", "[ingest][entities]") {
  // A token keeps a 16-bit length: 70,000 letters with no break (a blob in
  // a text filing) are two tokens, the second starting where the first ends.
  const std::string blob = "Ab" + std::string(69998, 'x');
  const std::string s = "See " + blob + " here";
  std::vector<Token> t = Tokenize(s);
  REQUIRE(t.size() == 4);
  CHECK(t[0].text() == "See");
  CHECK(t[1].size == Token::kMaxSize);
  CHECK(t[1].begin == 4);
  CHECK(t[2].begin == t[1].end());
  CHECK(std::string(t[1].text()) + std::string(t[2].text()) == blob);
  CHECK(t[1].word);
  CHECK(t[2].word);
  CHECK(t[1].cap);
  CHECK(t[3].text() == "here");
  CHECK(s.substr(t[3].begin, t[3].size) == "here");
}

TEST_CASE("entities: EntityId folds suffixes for companies and middle initials for people", "[ingest][entities]") {
  CHECK(EntityId(EntityType::kOrganization, "Genentech") == "org:genentech");
  CHECK(EntityId(EntityType::kOrganization, "Millennium Pharmaceuticals, Inc.") == "org:millennium-pharmaceuticals");
  CHECK(EntityId(EntityType::kPerson, "Mitchel Sayare") == "person:mitchel-sayare");
  CHECK(EntityId(EntityType::kPerson, "Karleen M. Oberton") == EntityId(EntityType::kPerson, "Karleen Oberton"));
  CHECK(EntityId(EntityType::kPerson, "R. Kent McGaughy, Jr.") == "person:kent-mcgaughy");
  CHECK(EntityId(EntityType::kProduct, "huN901-DM1") == "product:hun901-dm1");
}

TEST_CASE("entities: the table finds an entity again by id and by every alias", "[ingest][entities]") {
  EntityTable t;
  int m = t.Add(EntityType::kOrganization, "Millennium Pharmaceuticals", "Millennium Pharmaceuticals, Inc.");
  REQUIRE(m >= 0);
  CHECK(t.Add(EntityType::kOrganization, "Millennium  Pharmaceuticals") == m);  // same id, spaces folded
  t.AddAlias(m, "Millennium");
  t.AddAlias(m, "MLNM");
  t.AddAlias(m, "MLNM");  // twice: still one alias
  REQUIRE(t.entities.size() == 1);
  CHECK(t.entities[m].id == "org:millennium-pharmaceuticals");
  CHECK(t.entities[m].name == "Millennium Pharmaceuticals");
  CHECK(std::count(t.entities[m].aliases.begin(), t.entities[m].aliases.end(), "MLNM") == 1);
  CHECK(t.Lookup("Millennium Pharmaceuticals") == m);
  CHECK(t.Lookup("Millennium Pharmaceuticals, Inc.") == m);
  CHECK(t.Lookup("Millennium") == m);
  CHECK(t.Lookup("MLNM") == m);
  CHECK(t.Lookup("Genentech") == -1);
  CHECK(t.Add(EntityType::kOrganization, "   ") == -1);  // no name, no entity
}

TEST_CASE("entities: Mentions takes the longest known name first and never overlaps", "[ingest][entities]") {
  EntityTable t;
  int m = t.Add(EntityType::kOrganization, "Millennium Pharmaceuticals");
  t.AddAlias(m, "Millennium");
  int i = t.Add(EntityType::kOrganization, "ImmunoGen");
  std::string s = "Millennium Pharmaceuticals will pay ImmunoGen's fee; Millennium agreed.";
  std::vector<Token> toks = Tokenize(s);
  std::vector<EntityMention> ms = t.Mentions(toks);
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].entity == m);
  CHECK(s.substr(ms[0].begin, ms[0].end - ms[0].begin) == "Millennium Pharmaceuticals");
  CHECK(ms[0].tok_end - ms[0].tok_begin == 2);
  CHECK(ms[1].entity == i);
  CHECK(s.substr(ms[1].begin, ms[1].end - ms[1].begin) == "ImmunoGen");
  CHECK(ms[2].entity == m);
  CHECK(s.substr(ms[2].begin, ms[2].end - ms[2].begin) == "Millennium");
  for (size_t k = 1; k < ms.size(); ++k) CHECK(ms[k].tok_begin >= ms[k - 1].tok_end);
}

// ---- Discovery on the seeds ------------------------------------------------

TEST_CASE("entities: the registrant of every seed is ImmunoGen", "[ingest][entities]") {
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) {
    INFO(rel);
    auto d = Discover(rel);
    REQUIRE(d->table.registrant >= 0);
    const FoundEntity& r = d->table.entities[d->table.registrant];
    CHECK(r.id == "org:immunogen");
    CHECK(r.name == "ImmunoGen");
    CHECK(r.registrant);
    CHECK(HasAlias(r, "ImmunoGen, Inc."));
    CHECK(HasAlias(r, "IMGN"));
  }
}

TEST_CASE("entities: Genentech is known by its ticker DNA (seed 004)", "[ingest][entities]") {
  auto d = Discover(kSeed004);
  const FoundEntity* g = WithId(d->table, "org:genentech");
  INFO(Dump(d->table));
  REQUIRE(g != nullptr);
  CHECK(g->type == EntityType::kOrganization);
  CHECK(g->name == "Genentech");
  CHECK(HasAlias(*g, "DNA"));
  CHECK_FALSE(g->regulator);
  CHECK(g->mentions >= 5);
  CHECK(d->table.Lookup("DNA") == d->table.Lookup("Genentech"));
}

TEST_CASE("entities: Millennium Pharmaceuticals is also 'Millennium' and 'MLNM' (seed 002)", "[ingest][entities]") {
  auto d = Discover(kSeed002);
  const FoundEntity* m = WithId(d->table, "org:millennium-pharmaceuticals");
  INFO(Dump(d->table));
  REQUIRE(m != nullptr);
  CHECK(m->name == "Millennium Pharmaceuticals");
  CHECK(HasAlias(*m, "Millennium"));
  CHECK(HasAlias(*m, "MLNM"));
  CHECK(HasAlias(*m, "Millennium Pharmaceuticals, Inc."));
  // "Millennium will pay to ImmunoGen" is a mention of the same company.
  CHECK(Named(d->table, "Millennium") == m);
}

TEST_CASE("entities: Centocor is a subsidiary of Johnson & Johnson (seed 004)", "[ingest][entities]") {
  auto d = Discover(kSeed004);
  const EntityTable& t = d->table;
  int centocor = t.Lookup("Centocor");
  int jnj = t.Lookup("Johnson & Johnson");
  INFO(Dump(t));
  REQUIRE(centocor >= 0);
  REQUIRE(jnj >= 0);
  CHECK(t.entities[centocor].type == EntityType::kOrganization);
  CHECK(t.entities[jnj].type == EntityType::kOrganization);
  bool found = false;
  for (const FoundRelation& r : t.relations) {
    if (r.type == "subsidiary_of" && r.from == centocor && r.to == jnj) {
      found = true;
      REQUIRE(r.sentence >= 0);
      CHECK(d->seg.sentences[r.sentence].text.find("wholly-owned subsidiary of Johnson & Johnson") !=
            std::string_view::npos);
    }
    // Never the other way round.
    CHECK_FALSE((r.type == "subsidiary_of" && r.from == jnj && r.to == centocor));
  }
  CHECK(found);
}

TEST_CASE("entities: the partner list names Abgenix, Biogen Idec, Boehringer Ingelheim and sanofi-aventis",
          "[ingest][entities]") {
  for (const char* rel : {kSeed004, kSeed002}) {
    INFO(rel);
    auto d = Discover(rel);
    INFO(Dump(d->table));
    for (const char* name : {"Abgenix", "Biogen Idec", "Boehringer Ingelheim", "sanofi-aventis", "Centocor"}) {
      INFO(name);
      const FoundEntity* e = Named(d->table, name);
      REQUIRE(e != nullptr);
      CHECK(e->type == EntityType::kOrganization);
      CHECK_FALSE(e->regulator);
      CHECK_FALSE(e->registrant);
    }
    CHECK(WithId(d->table, "org:biogen-idec") != nullptr);
    CHECK(WithId(d->table, "org:boehringer-ingelheim") != nullptr);
    CHECK(WithId(d->table, "org:sanofi-aventis") != nullptr);
    // "Biogen Idec" is one company, not "Biogen" plus something.
    CHECK(WithId(d->table, "org:biogen") == nullptr);
  }
}

TEST_CASE("entities: Mitchel Sayare is a person titled Chairman and CEO of ImmunoGen", "[ingest][entities]") {
  SECTION("seed 004: 'Mitchel Sayare, PhD, ImmunoGen Chairman and CEO, commented'") {
    auto d = Discover(kSeed004);
    const FoundEntity* p = WithId(d->table, "person:mitchel-sayare");
    INFO(Dump(d->table));
    REQUIRE(p != nullptr);
    CHECK(p->type == EntityType::kPerson);
    CHECK(p->name == "Mitchel Sayare");
    CHECK(p->title == "Chairman and CEO");
    REQUIRE(p->employer >= 0);
    CHECK(d->table.entities[p->employer].id == "org:immunogen");
  }
  SECTION("seed 000: 'said Mitchel Sayare, Chairman and CEO'") {
    auto d = Discover(kSeed000);
    const FoundEntity* p = WithId(d->table, "person:mitchel-sayare");
    REQUIRE(p != nullptr);
    CHECK(p->type == EntityType::kPerson);
    CHECK(p->title == "Chairman and CEO");
  }
}

TEST_CASE("entities: drug codes and INN names are products (huN901-DM1, AVE9633, MLN2704, trastuzumab)",
          "[ingest][entities]") {
  auto d = Discover(kSeed001);
  const EntityTable& t = d->table;
  INFO(Dump(t));
  for (const char* name : {"huN901-DM1", "huC242-DM4", "AVE9633", "MLN2704", "trastuzumab"}) {
    INFO(name);
    const FoundEntity* e = Named(t, name);
    REQUIRE(e != nullptr);
    CHECK(e->type == EntityType::kProduct);
    CHECK(KeptProduct(t, name));
  }
  // "HuN901-DM1 targets ..." opens a sentence; it is the same product.
  CHECK(t.Lookup("HuN901-DM1") == t.Lookup("huN901-DM1"));
  CHECK(WithId(t, "product:hun901-dm1") != nullptr);
}

TEST_CASE("entities: targets and antigens are not products (HER2, CD56)", "[ingest][entities]") {
  for (const char* rel : {kSeed000, kSeed001, kSeed004}) {
    INFO(rel);
    auto d = Discover(rel);
    INFO(Dump(d->table));
    CHECK_FALSE(KeptProduct(d->table, "HER2"));
    CHECK_FALSE(KeptProduct(d->table, "CD56"));
    CHECK_FALSE(KeptProduct(d->table, "CD56-expressing"));
    // Nor are they companies or people.
    for (const char* name : {"HER2", "CD56"}) {
      const FoundEntity* e = Named(d->table, name);
      if (e != nullptr) CHECK(e->type == EntityType::kProduct);
    }
  }
}

TEST_CASE("entities: the FDA is a regulator also written 'U.S. Food and Drug Administration' (seed 000)",
          "[ingest][entities]") {
  auto d = Discover(kSeed000);
  const FoundEntity* fda = WithId(d->table, "org:fda");
  INFO(Dump(d->table));
  REQUIRE(fda != nullptr);
  CHECK(fda->name == "FDA");
  CHECK(fda->regulator);
  CHECK(HasAlias(*fda, "U.S. Food and Drug Administration"));
  CHECK(d->table.Lookup("U.S. Food and Drug Administration") == d->table.Lookup("FDA"));
}

TEST_CASE("entities: a regulator the filing never names is not created (seed 002 has no FDA)", "[ingest][entities]") {
  auto d = Discover(kSeed002);
  CHECK(WithId(d->table, "org:fda") == nullptr);
}

TEST_CASE("entities: every entity of a seed has a typed id and a unique id", "[ingest][entities]") {
  for (const char* rel : {kSeed000, kSeed001, kSeed002, kSeed004}) {
    INFO(rel);
    auto d = Discover(rel);
    std::vector<std::string> ids;
    for (const FoundEntity& e : d->table.entities) {
      INFO(e.id);
      std::string prefix = e.type == EntityType::kOrganization ? "org:"
                           : e.type == EntityType::kPerson     ? "person:"
                           : e.type == EntityType::kProduct    ? "product:"
                                                               : "ag:";
      CHECK(e.id.rfind(prefix, 0) == 0);
      CHECK(e.id.size() > prefix.size());
      CHECK_FALSE(e.name.empty());
      ids.push_back(e.id);
    }
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    for (const FoundRelation& r : d->table.relations) {
      CHECK(r.from >= 0);
      CHECK(r.to >= 0);
      CHECK(static_cast<size_t>(r.from) < d->table.entities.size());
      CHECK(static_cast<size_t>(r.to) < d->table.entities.size());
    }
  }
}

// ---- Discovery on the dev filings -------------------------------------------

TEST_CASE("entities: people with initials in dev/01 (William E. Rose, J. Warren Huff, R. Kent McGaughy, Jr.)",
          "[ingest][entities]") {
  auto d = Discover(DevFile("01_"));
  INFO(Dump(d->table));
  for (const char* name : {"William E. Rose", "J. Warren Huff", "R. Kent McGaughy, Jr."}) {
    INFO(name);
    const FoundEntity* p = Named(d->table, name);
    REQUIRE(p != nullptr);
    CHECK(p->type == EntityType::kPerson);
  }
  CHECK(WithId(d->table, "person:william-rose") != nullptr);
  CHECK(WithId(d->table, "person:warren-huff") != nullptr);
  CHECK(WithId(d->table, "person:kent-mcgaughy") != nullptr);
  // The registrant is Biogen, however the cover spells it.
  REQUIRE(d->table.registrant >= 0);
  CHECK(d->table.entities[d->table.registrant].id == "org:biogen");
}

TEST_CASE("entities: 'the Company's OmniMetrix subsidiary' names an organization (dev/03 .nc)", "[ingest][entities]") {
  auto d = Discover(DevFile("03_"));
  INFO(Dump(d->table));
  const FoundEntity* o = Named(d->table, "OmniMetrix");
  REQUIRE(o != nullptr);
  CHECK(o->type == EntityType::kOrganization);
  CHECK(o->id == "org:omnimetrix");
  REQUIRE(d->table.registrant >= 0);
  CHECK(d->table.entities[d->table.registrant].id == "org:acorn-energy");
  CHECK(d->table.entities[d->table.registrant].cik == "0000880984");
}

TEST_CASE("entities: people who sign with /s/ are found (Baobin He in dev/09, Fred D. Anderson in dev/11)",
          "[ingest][entities]") {
  {
    auto d = Discover(DevFile("09_"));
    INFO(Dump(d->table));
    const FoundEntity* p = Named(d->table, "Baobin He");
    REQUIRE(p != nullptr);
    CHECK(p->type == EntityType::kPerson);
    CHECK(p->id == "person:baobin-he");
  }
  {
    auto d = Discover(DevFile("11_"));
    INFO(Dump(d->table));
    const FoundEntity* p = Named(d->table, "Fred D. Anderson");
    REQUIRE(p != nullptr);
    CHECK(p->type == EntityType::kPerson);
    CHECK(p->id == "person:fred-anderson");
    // The registrant's header name is one of its aliases.
    REQUIRE(d->table.registrant >= 0);
    CHECK(HasAlias(d->table.entities[d->table.registrant], "APPLE COMPUTER INC"));
  }
}

// The emitted organization or person with this name or alias, or nullptr;
// *count says how many there are.
const Entity* Spelled(const FilingExtract& x, std::string_view name, int* count) {
  const Entity* found = nullptr;
  *count = 0;
  for (const Entity& e : x.entities) {
    if (e.type != EntityType::kOrganization && e.type != EntityType::kPerson) continue;
    if (e.name == name || std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) {
      found = &e;
      ++*count;
    }
  }
  return found;
}

// The one entity spelled `name` (and that there is exactly one).
const Entity& OnlyOne(const FilingExtract& x, std::string_view name) {
  int n = 0;
  const Entity* e = Spelled(x, name, &n);
  INFO(name);
  REQUIRE(e != nullptr);
  REQUIRE(n == 1);
  return *e;
}

TEST_CASE("entities: one company written two ways in one real filing is one entity (Westell 1999, Home Health 1998)",
          "[ingest][entities]") {
  {
    // "Westell, Inc." beside "Westell Technologies, Inc.", "Westell sold ...";
    // "Fujitsu Telecom Europe Limited" in the text, "FUJITSU TELECOMMUNICATIONS
    // EUROPE LIMITED" in the press release's heading.
    FilingExtract x = Extract("real/0018_westell-technologies_1999.txt");
    const Entity* westell = &OnlyOne(x, "Westell");
    int n = 0;
    CHECK(westell->id == x.filing.registrant);
    CHECK(westell->name == "Westell Technologies");
    const Entity* ftel = &OnlyOne(x, "Fujitsu Telecom Europe");
    CHECK(Spelled(x, "FUJITSU TELECOMMUNICATIONS EUROPE", &n) == ftel);
    CHECK(Spelled(x, "FTEL", &n) == ftel);
    // Westell Europe Limited is another company: it stays one.
    const Entity* wel = Spelled(x, "Westell Europe", &n);
    REQUIRE(wel != nullptr);
    CHECK(wel != westell);
    // No event lists the registrant twice under two names.
    for (const Event& ev : x.events) {
      int westells = 0;
      for (const Party& p : ev.parties) westells += p.entity_id == westell->id;
      CHECK(westells <= 1);
      CHECK(ev.parties.size() == [&] {
        std::vector<std::string> ids;
        for (const Party& p : ev.parties) ids.push_back(p.entity_id);
        std::sort(ids.begin(), ids.end());
        return static_cast<size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
      }());
    }
  }
  {
    // "Home Health Corporation of America, Inc." and, in its press release,
    // "Home Health Corporation is a leading provider ...".
    FilingExtract x = Extract("real/0016_home-health-of_1998.txt");
    const Entity* hh = &OnlyOne(x, "Home Health Corporation");
    int n = 0;
    CHECK(hh->id == x.filing.registrant);
    CHECK(hh->name == "Home Health Corporation of America");
    // The place a legal name ends with is not a short form by itself.
    CHECK(Spelled(x, "Home", &n) == nullptr);
  }
}

TEST_CASE("entities: a signer's initials name the person typed out below them (Zurn 1994: W.A. Freeman)",
          "[ingest][entities]") {
  FilingExtract x = Extract("real/0002_zurn-industries_1994.txt");
  const Entity* p = &OnlyOne(x, "W.A. Freeman");
  CHECK(p->type == EntityType::kPerson);
  CHECK(p->name == "William A. Freeman");
}

TEST_CASE("entities: a national bank's 'National Association' is its legal form (Estee Lauder 2012 indenture trustee)",
          "[ingest][entities]") {
  // "... between the Company and U.S. Bank Trust National Association, as
  // successor in interest to State Street Bank and Trust Company, as trustee."
  FilingExtract x = Extract("real/0142_estee-lauder-companies_2012.htm");
  const Entity* bank = &OnlyOne(x, "U.S. Bank Trust National Association");
  int n = 0;
  CHECK(bank->name == "U.S. Bank Trust");
  CHECK(Spelled(x, "U.S. Bank", &n) == nullptr);
}

}  // namespace
}  // namespace dealgraph
