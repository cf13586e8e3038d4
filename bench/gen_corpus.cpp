// dealgraph-gen: writes a corpus of synthetic but realistic Form 8-K filings
// and the gold annotation of the events and entities it planted.
//
//   dealgraph-gen --count N --seed S --out DIR [--formats text,html,sgml] [--gold FILE]
//                 [--mix full|lean]
//
// --mix full (the default) writes filings at the lengths real ones have:
// earnings releases with statements of operations and balance sheets,
// executives' quotes, "About" sections, the risk factors of the safe-harbor
// statement, whole contract articles in EX-10 exhibits, and HTML as filer
// agents' software writes it (a styled span per run of text, tables with
// spacer columns). --mix lean leaves all that out: the corpus of versions
// 0.1-0.11, byte for byte. Both plant the same facts and write the same gold.
//
// The filings rotate among the forms dealgraph reads: EDGAR full-submission
// SGML (.txt: <SEC-HEADER>, ACCESSION NUMBER, ITEM INFORMATION, FILER blocks,
// several <DOCUMENT>s: the 8-K, an EX-99.1 press release, EX-10.x contract
// excerpts, a graphic), primary-document HTML (tables, nested divs, &nbsp;,
// inline-XBRL cover tags; sometimes with the press release as a separate
// EX-99.1 file) and the plain-text form of data/filings. A persistent
// universe of registrants, partners, officers, products and agreements lets
// stories run across filings: an agreement entered in one filing is renewed,
// extended, amended or terminated in later ones, and older facts are retold.
//
// The gold file (default DIR.gold.json) has the format of data/gold/*.json:
// "filings", "entities" (organizations, people, products, agreements;
// optional ones marked) and "events" (type, alt_types, date at the precision
// written, alt_dates, core parties, amount_usd, source files, and the
// planted sentence as the note). The same real-world event told by several
// filings is one gold event with several sources. Sentences that are not
// events (conditions, plans, boilerplate, exhibit references, conference
// calls, "eligible to receive" amounts) are written on purpose and planted
// as nothing.
//
// Deterministic: the same seed and arguments give byte-identical files (own
// PRNG, no std distributions, no clock, no hash-order iteration).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bench/synth.h"

namespace {

using dealgraph::synth::Rng;
namespace synth = dealgraph::synth;

// ---------------------------------------------------------------- helpers

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

struct Ymd {
  int y, m, d;
};
Ymd ToYmd(int day) {
  std::string iso = synth::IsoFromDays(day);
  return {std::atoi(iso.c_str()), std::atoi(iso.c_str() + 5), std::atoi(iso.c_str() + 8)};
}
std::string Iso(int day) { return synth::IsoFromDays(day); }
std::string IsoMonth(int day) { return Iso(day).substr(0, 7); }
std::string LongDate(int day) {
  Ymd t = ToYmd(day);
  return std::string(kMonths[t.m - 1]) + " " + std::to_string(t.d) + ", " + std::to_string(t.y);
}
std::string MonthYear(int day) {
  Ymd t = ToYmd(day);
  return std::string(kMonths[t.m - 1]) + " " + std::to_string(t.y);
}
std::string Year(int day) { return std::to_string(ToYmd(day).y); }
int Weekday(int day) { return ((day % 7) + 7 + 3) % 7; }  // 0 = Monday (1970-01-01 was a Thursday)
int NextBusinessDay(int day) {
  while (Weekday(day) >= 5) ++day;
  return day;
}

// "Belon S.A.." -> "Belon S.A." (a name's period ends the sentence too).
std::string Tidy(std::string s) {
  size_t at;
  while ((at = s.find("..")) != std::string::npos) s.erase(at, 1);
  return s;
}

std::string Article(const std::string& word) {
  return !word.empty() && std::strchr("AEIOUaeiou", word[0]) ? "an" : "a";
}

std::string Slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}
std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string WithCommas(long long v) {
  std::string s = std::to_string(v), out;
  int n = 0;
  for (int i = static_cast<int>(s.size()) - 1; i >= 0; --i) {
    out.insert(out.begin(), s[static_cast<size_t>(i)]);
    if (++n % 3 == 0 && i > 0) out.insert(out.begin(), ',');
  }
  return out;
}
const char* const kSmallNumbers[] = {"zero", "one", "two",   "three", "four", "five",
                                     "six",  "seven", "eight", "nine",  "ten"};

// Money as a filing writes it. `value` in dollars.
std::string MoneyText(double value, Rng* rng) {
  long long v = static_cast<long long>(std::llround(value));
  if (v >= 1000000 && v % 100000 == 0) {
    double m = static_cast<double>(v) / 1e6;
    char buf[64];
    if (v >= 1000000000 && v % 10000000 == 0 && rng->Chance(0.7)) {
      std::snprintf(buf, sizeof buf, "$%g billion", m / 1000);
      return buf;
    }
    switch (rng->Below(4)) {
      case 0: std::snprintf(buf, sizeof buf, "$%g million", m); return buf;
      case 1: std::snprintf(buf, sizeof buf, "$%.1f million", m); return buf;
      case 2: return "$" + WithCommas(v);
      default: std::snprintf(buf, sizeof buf, "US$%g million", m); return buf;
    }
  }
  if (v < 1000000 && v % 1000 == 0 && rng->Chance(0.2)) {
    static const char* kHundreds[] = {"", "one hundred", "two hundred", "three hundred", "four hundred", "five hundred",
                                      "six hundred", "seven hundred", "eight hundred", "nine hundred"};
    if (v % 100000 == 0 && v / 100000 < 10) return std::string(kHundreds[v / 100000]) + " thousand dollars ($" + WithCommas(v) + ")";
  }
  return "$" + WithCommas(v);
}

// A template: "{key}" is replaced from `vars`; "[a|b|c]" picks one
// alternative (alternatives may nest and hold keys).
std::string Expand(const std::string& t, const std::map<std::string, std::string>& vars, Rng* rng) {
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '{') {
      size_t e = t.find('}', i);
      std::string key = t.substr(i + 1, e - i - 1);
      auto it = vars.find(key);
      if (it == vars.end()) {
        std::fprintf(stderr, "dealgraph-gen: template key {%s} unset in: %s\n", key.c_str(), t.c_str());
        std::abort();
      }
      out += it->second.find('[') == std::string::npos ? it->second : Expand(it->second, vars, rng);
      i = e;
    } else if (c == '[') {
      // Split the bracket at top-level '|'.
      std::vector<std::string> alts(1);
      int depth = 0;
      size_t j = i + 1;
      for (; j < t.size(); ++j) {
        if (t[j] == '[') ++depth;
        if (t[j] == ']') {
          if (depth == 0) break;
          --depth;
        }
        if (t[j] == '|' && depth == 0) {
          alts.emplace_back();
        } else {
          alts.back() += t[j];
        }
      }
      out += Expand(alts[rng->Below(static_cast<uint32_t>(alts.size()))], vars, rng);
      i = j;
    } else {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------- universe

enum Industry { kBiotech, kTech, kEnergy, kFinance, kConsumer, kIndustrial, kIndustries };

struct Org {
  std::string gid, name, legal, short_name, ticker, exchange, cik, state, city, state_abbr, street, zip, phone, irs;
  std::string conformed;  // SEC header form: "CORVEXA THERAPEUTICS INC"
  std::vector<std::string> extra_aliases;
  int industry = kBiotech;
  int fye_month = 12;
  bool registrant = false;
  std::vector<int> officers;  // people: CEO, CFO, GC, ...
  std::vector<int> directors;
  std::vector<int> products;
  std::string auditor;        // gid of an audit firm org
  std::string technology;     // "Tumor-Activated Prodrug (TAP) technology" style, biotech/tech
  bool used = false, required = false;
};

struct Person {
  std::string gid, first, middle, last, suffix, title, honorific;
  bool female = false;
  int org = -1;
  bool used = false, required = false;
  std::string Full() const { return first + (middle.empty() ? "" : " " + middle + ".") + " " + last + (suffix.empty() ? "" : ", " + suffix); }
  std::string Plain() const { return first + " " + last; }
};

struct Product {
  std::string gid, name;
  std::vector<std::string> aliases;
  int owner = -1;
  std::string indication;
  bool used = false;
};

struct Agreement {
  std::string gid, title, kind, defined;  // "Collaboration and License Agreement", "collaboration", "Collaboration Agreement"
  int reg = -1, partner = -1;
  int dated = 0;   // day made
  int years = 0;   // initial term
  int expires = 0;
  bool ended = false;
  bool entered_told = false;  // the entered event is in the gold already
  std::string entered_event;  // gold id of its entered event
  bool used = false;
};

struct GoldEvent {
  std::string id, type;
  std::vector<std::string> alt_types;
  std::string date;
  std::vector<std::string> alt_dates;
  std::vector<std::string> parties;
  std::string agreement;
  double amount = -1;
  std::vector<std::string> sources;
  std::string note;
  bool optional = false;
  size_t idx = 0;
};

struct FilingGold {
  std::string form;
  std::vector<std::string> items;
  std::string event_date, dateline;
};

// ---------------------------------------------------------------- documents

struct Block {
  enum Kind { kTitle, kHeading, kItem, kPara, kBullet, kTable, kSignature, kBreak, kCenter } kind = kPara;
  std::string text;       // kItem: the number ("1.01"); kPara etc.: the text
  std::string text2;      // kItem: the item title
  std::vector<std::vector<std::string>> rows;  // kTable
};

struct Doc {
  std::string type;         // "8-K", "EX-99.1", "EX-10.1", "GRAPHIC"
  std::string description;  // "PRESS RELEASE"
  std::string filename;
  std::vector<Block> blocks;
};

// ---------------------------------------------------------------- the generator

class Generator {
 public:
  // `full`: the full-length mix (what filings carry besides their facts:
  // quotes, financial tables, risk factors, whole contract articles, filer
  // agents' markup); false: the lean mix of versions 0.1–0.11, byte for byte.
  Generator(uint64_t seed, long long count, bool full) : rng_(seed), count_(count), full_(full), seed_(seed) {}

  void Run(const std::string& out_dir, const std::vector<std::string>& formats, const std::string& gold_path, uint64_t seed);

 private:
  // Universe.
  void MakeUniverse();
  int NewOrg(int industry, bool registrant);
  int NewPerson(int org, const std::string& title);
  int NewProduct(int owner);
  // A new audit firm's gid; "" when the names drawn are taken (draw again),
  // or, after 50 such draws in a row, the existing firm of that name.
  std::string AuditFirm();
  int auditor_misses_ = 0;
  std::string UniqueStem();
  int PickPartner(int reg);
  int PickRegistrant();

  // Naming in text.
  std::string OrgFirst(int o);   // first mention: legal name, maybe with ticker
  std::string OrgShort(int o);   // later mentions
  std::string PersonFirst(int p);
  std::string ProductName(int p);

  // Gold.
  GoldEvent* Plant(const std::string& type, const std::string& date, std::vector<std::string> parties,
                   const std::string& note, bool optional = false);
  GoldEvent* PlantOnce(const std::string& key, const std::string& type, const std::string& date,
                       std::vector<std::string> parties, const std::string& note);
  void Source(GoldEvent* ev);
  std::vector<std::string> DayAlts(int day);

  // Filings.
  void MakeFiling(long long index, int day, const std::string& format);
  void Scenario(int kind);
  // One per event family; each appends to body_ (8-K items) and pr_ (press release).
  void SDealEntered();
  void SDealRenewed();
  void SDealExtended();
  void SDealAmended();
  void SDealTerminated();
  void SLicense();
  void SMilestone();
  void SRegulatory();
  void SClinical();
  void SDiscontinued();
  void SResults();
  void SExecChange();
  void SExecComp();
  void STransaction();
  void SControlChange();
  void SAuditor();
  void SRestatement();
  void SGovernance();
  void SVote();
  void SBankruptcy();
  void SLitigation();

  int AgreementFor(int reg, bool active_only);
  // AgreementFor(reg_, active_only), made the current agreement and partner,
  // with the template variables P, P_legal, title, ag and D0 set from it.
  int PickAgreement(bool active_only);
  int NewAgreement(int reg, int partner, int dated);
  std::string AgreementRef(int a, bool first);  // "the License Agreement, dated as of May 2, 2010, ..." pieces
  void PlantEntered(int a, const std::string& sentence);
  void Distractors(int n);
  void AddItem(const std::string& number);
  void Para(std::vector<Block>* to, const std::string& text) { to->push_back(Block{Block::kPara, Tidy(text), "", {}}); }
  std::string Fill(const std::string& t) { return Tidy(Expand(t, vars_, &rng_)); }
  void SetVars();
  void Append(const std::string& sentence) { body_.back().text += " " + Tidy(sentence); }
  void SetPronouns(int pid) {
    const Person& p = people_[pid];
    vars_["he"] = p.female ? "she" : "he";
    vars_["his"] = p.female ? "her" : "his";
    vars_["him"] = p.female ? "her" : "him";
    vars_["Mr"] = p.honorific;
  }

  // Rendering.
  std::vector<Block> CoverBlocks();
  std::vector<Block> SignatureBlocks();
  std::vector<Block> ExhibitIndex();
  std::vector<Block> PressReleaseBlocks();
  std::vector<Block> ContractExcerpt(int a);
  // The full-length mix. Everything here draws from fill_, never rng_, so
  // the planted facts, the gold and the lean mix do not change with it.
  std::string FillF(const std::string& t) { return Tidy(Expand(t, vars_, &fill_)); }
  void ReleaseExtras(std::vector<Block>* b);   // statements of operations, quotes, about the product
  void AboutPartner(std::vector<Block>* b);
  void RiskFactors(std::vector<Block>* b);
  void FinancialTables(std::vector<Block>* b);
  void ContractArticles(std::vector<Block>* b, int a);
  void ContractClosing(std::vector<Block>* b, int a);
  std::string RenderText(const std::vector<Doc>& docs);
  std::string RenderHtml(const Doc& doc, bool inline_xbrl);
  std::string RenderSgml(const std::vector<Doc>& docs, const std::string& accession);
  std::string Esc(const std::string& s);

  void WriteGold(const std::string& path, uint64_t seed);
  void WriteFile(const std::string& name, const std::string& bytes);

  Rng rng_;
  long long count_;
  bool full_ = true;
  uint64_t seed_ = 1;
  Rng fill_{0};
  int signer_ = -1;  // who signs the filing being written
  std::vector<Org> orgs_;
  std::vector<Person> people_;
  std::vector<Product> products_;
  std::vector<Agreement> agreements_;
  std::vector<int> registrants_;
  std::set<std::string> stems_used_, gids_;
  std::deque<GoldEvent> gold_;
  std::map<std::string, size_t> gold_by_key_;
  std::map<std::string, FilingGold> filings_;
  std::map<std::string, int> type_counts_;

  // The filing being written.
  std::string file_;      // file name, the gold source
  int reg_ = -1;          // registrant
  int day_ = 0;           // date of earliest event
  int filed_ = 0;         // filing date / press release date
  int partner_ = -1;
  int product_ = -1;
  int agreement_ = -1;
  bool has_pr_ = false;
  bool old_items_ = false;  // pre-August-2004 Item numbering
  std::vector<std::string> items_;
  std::vector<Block> body_;  // the 8-K items
  std::vector<Block> pr_;    // the press release body (after the dateline paragraph)
  std::string pr_headline_, pr_lead_;
  std::vector<int> ex10_;    // agreements whose text is an EX-10 exhibit
  std::map<std::string, std::string> vars_;
  std::set<int> mentioned_orgs_;
  // Gold events told by this filing: 1 = in the 8-K body, 2 = in the press
  // release, 4 = by the release's "today" lead (dated by its dateline).
  std::map<size_t, int> told_;
  int part_ = 1;
  int eff_day_ = 0;
  std::string out_dir_;
  std::set<std::string> names_used_, tickers_used_;
  std::map<std::string, int> plain_count_;
  std::vector<std::string> formats_;
  bool used_fda_ = false;
  std::set<std::string> agencies_used_, courts_used_, conferences_used_;
};

// ---------------------------------------------------------------- universe

std::string Generator::UniqueStem() {
  const auto& on = synth::Onsets();
  const auto& co = synth::Codas();
  for (int tries = 0; tries < 200; ++tries) {
    std::string s;
    if (rng_.Chance(0.12)) {
      s = rng_.Pick(synth::WordStems());
    } else {
      s = rng_.Pick(on) + rng_.Pick(co);
    }
    if (stems_used_.insert(s).second) return s;
  }
  // Two-syllable stems taken: onset + middle syllable(s) + coda ("Corlavexa").
  static const std::vector<std::string> kMid = {"ri", "la", "no", "ve", "ta", "mi", "so", "ka", "de", "lu",
                                                "pe", "zo", "ga", "ti", "ro", "be", "ne", "sa", "vo", "di"};
  for (int syllables = 1;; ++syllables) {
    for (int tries = 0; tries < 400; ++tries) {
      std::string s = rng_.Pick(on);
      for (int k = 0; k < syllables; ++k) s += rng_.Pick(kMid);
      s += rng_.Pick(co);
      if (stems_used_.insert(s).second) return s;
    }
  }
}

int Generator::NewOrg(int industry, bool registrant) {
  static const char* kWordsByIndustry[kIndustries][6] = {
      {"Therapeutics", "Pharmaceuticals", "Biosciences", "Biologics", "Oncology", "Biopharma"},
      {"Technologies", "Systems", "Software", "Networks", "Semiconductor", "Communications"},
      {"Energy", "Resources", "Petroleum", "Midstream", "Minerals", "Power"},
      {"Financial", "Bancorp", "Capital", "Realty", "Bancshares", "Trust"},
      {"Brands", "Foods", "Stores", "Apparel", "Restaurants", "Beverage"},
      {"Industries", "Materials", "Logistics", "Aerospace", "Instruments", "Chemicals"}};
  static const char* kSuffixes[] = {", Inc.", ", Inc.", " Inc.", ", Inc.", " Corporation", " Corp.", ", Ltd.", " plc",
                                    " AG", " S.A.", ", LLC", " N.V.", " Holdings, Inc.", " Co."};
  Org o;
  o.industry = industry;
  o.registrant = registrant;
  std::string stem = UniqueStem();
  std::string word = kWordsByIndustry[industry][rng_.Below(6)];
  bool bare = rng_.Chance(0.2);  // "Talion, Inc."
  o.name = bare ? stem : stem + " " + word;
  std::string suffix = kSuffixes[rng_.Below(registrant ? 6 : sizeof kSuffixes / sizeof *kSuffixes)];
  if (word == "Trust" && !bare) suffix = "";
  if (suffix.empty() && bare) suffix = ", Inc.";
  o.legal = o.name + suffix;
  o.short_name = stem;
  o.gid = Slug(o.name);
  while (!gids_.insert(o.gid).second) o.gid += "x";
  o.conformed = Upper(o.legal);
  for (char& c : o.conformed) if (c == ',' || c == '.') c = ' ';
  {
    std::string t;
    for (char c : o.conformed) if (!(c == ' ' && (t.empty() || t.back() == ' '))) t += c;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    o.conformed = t;
  }
  for (char c : stem) {
    if (std::isalpha(static_cast<unsigned char>(c)) && o.ticker.size() < 4) o.ticker += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (o.ticker.size() < 3) o.ticker += "X";
  // Tickers are unique: vary the last letters until free.
  // Past the 676 four-letter ones of a prefix, five letters.
  const std::string prefix = o.ticker.substr(0, 2);
  auto letter = [](uint32_t v) { return static_cast<char>('A' + v % 26); };
  for (uint32_t k = 0; !tickers_used_.insert(o.ticker).second; ++k) {
    o.ticker = prefix + (k < 676 ? std::string() : std::string(1, letter(k / 676 - 1))) + letter(k / 26) + letter(k);
  }
  static const char* kExchanges[] = {"Nasdaq", "NASDAQ", "NYSE", "Nasdaq", "NYSE American", "NASDAQ"};
  o.exchange = kExchanges[rng_.Below(6)];
  char cik[16];
  std::snprintf(cik, sizeof cik, "%010u", 800000 + rng_.Below(1200000));
  o.cik = cik;
  static const char* kPlaces[][4] = {
      {"Cambridge", "Massachusetts", "MA", "02139"}, {"South San Francisco", "California", "CA", "94080"},
      {"Houston", "Texas", "TX", "77056"},           {"New York", "New York", "NY", "10017"},
      {"Boston", "Massachusetts", "MA", "02110"},    {"San Diego", "California", "CA", "92121"},
      {"Wilmington", "Delaware", "DE", "19801"},     {"Chicago", "Illinois", "IL", "60606"},
      {"Austin", "Texas", "TX", "78701"},            {"Seattle", "Washington", "WA", "98101"},
      {"Princeton", "New Jersey", "NJ", "08540"},    {"Denver", "Colorado", "CO", "80202"},
      {"Atlanta", "Georgia", "GA", "30303"},         {"Minneapolis", "Minnesota", "MN", "55402"},
      {"Raleigh", "North Carolina", "NC", "27601"},  {"Pittsburgh", "Pennsylvania", "PA", "15222"}};
  const auto& place = kPlaces[rng_.Below(16)];
  o.city = place[0];
  o.state = rng_.Chance(0.6) ? "Delaware" : place[1];
  o.state_abbr = place[2];
  o.zip = place[3];
  static const char* kStreets[] = {"Sidney Street", "Main Street", "Park Avenue", "Technology Drive", "Market Street",
                                   "Innovation Way", "Commerce Boulevard", "Harbor Drive", "Oak Street", "Research Parkway"};
  o.street = std::to_string(rng_.Range(1, 9999)) + " " + kStreets[rng_.Below(10)];
  if (rng_.Chance(0.4)) o.street += ", Suite " + std::to_string(rng_.Range(1, 30) * 100);
  char buf[32];
  std::snprintf(buf, sizeof buf, "(%03d) %03d-%04d", rng_.Range(201, 989), rng_.Range(200, 999), rng_.Range(0, 9999));
  o.phone = buf;
  std::snprintf(buf, sizeof buf, "%02d-%07d", rng_.Range(10, 99), rng_.Range(0, 9999999));
  o.irs = buf;
  o.fye_month = rng_.Chance(0.7) ? 12 : (rng_.Chance(0.5) ? 6 : 9);
  if (industry == kBiotech || industry == kTech) {
    static const char* kTech1[] = {"Antibody-Drug Conjugate", "Targeted Protein Degradation", "Gene Editing",
                                   "Adaptive Signal", "Cell-Penetrating Peptide", "Bispecific Engager",
                                   "Nanoparticle Delivery", "Precision Imaging"};
    std::string t = kTech1[rng_.Below(8)];
    std::string acr;
    for (size_t i = 0; i < t.size(); ++i) if (std::isupper(static_cast<unsigned char>(t[i]))) acr += t[i];
    o.technology = t + " (" + acr + ") technology";
  }
  int id = static_cast<int>(orgs_.size());
  orgs_.push_back(o);
  return id;
}

int Generator::NewPerson(int org, const std::string& title) {
  Person p;
  // Names are unique; once the plain "First Last" pairs run short, people
  // get a middle initial and are known by the full form only.
  for (int tries = 0;; ++tries) {
    p.first = rng_.Pick(synth::FirstNames());
    // Common surnames, and coined ones ("Corvanson") so that names stay as
    // rare as real ones in large corpora.
    static const char* kEndings[] = {"son", "man", "ley", "ton", "berg", "field", "wood", "ford", "er", "ski", "ez", "ini"};
    if (rng_.Chance(0.5)) {
      p.last = rng_.Pick(synth::LastNames());
    } else {
      p.last = rng_.Pick(synth::Onsets()) + rng_.Pick(synth::Codas()) + kEndings[rng_.Below(12)];
    }
    p.middle.clear();
    if (tries > 20 || rng_.Chance(0.45)) p.middle = std::string(1, static_cast<char>('A' + rng_.Below(26)));
    if (names_used_.count(p.Full())) continue;
    if (p.middle.empty() && names_used_.count(p.Plain())) continue;
    break;
  }
  names_used_.insert(p.Full());
  plain_count_[p.Plain()]++;
  if (rng_.Chance(0.04)) p.suffix = rng_.Chance(0.5) ? "Jr." : "III";
  p.title = title;
  p.org = org;
  static const std::set<std::string> kFemale = {
      "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy",
      "Sandra", "Ashley", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie",
      "Rebecca", "Laura", "Helen", "Sharon", "Cynthia", "Kathleen", "Amy", "Angela", "Anna", "Brenda", "Pamela",
      "Nicole", "Ruth", "Katherine", "Samantha", "Mei", "Ingrid", "Olga", "Priya", "Aisha", "Yuki", "Chiara",
      "Lucia", "Noor"};
  p.female = kFemale.count(p.first) > 0;
  p.honorific = rng_.Chance(0.2) ? "Dr." : (p.female ? "Ms." : "Mr.");
  p.gid = "person-" + Slug(p.first + " " + p.last);
  while (!gids_.insert(p.gid).second) p.gid += "x";
  int id = static_cast<int>(people_.size());
  people_.push_back(p);
  return id;
}

int Generator::NewProduct(int owner) {
  Product p;
  p.owner = owner;
  const Org& o = orgs_[owner];
  for (int tries = 0; tries < 50; ++tries) {
    if (o.industry == kBiotech && rng_.Chance(0.35)) {
      p.name = rng_.Pick(synth::InnPrefixes()) + rng_.Pick(synth::InnStems());
    } else {
      std::string letters = o.ticker.substr(0, std::min<size_t>(o.ticker.size(), 2 + rng_.Below(2)));
      int num = rng_.Range(100, 9999);
      if (rng_.Chance(0.5)) p.name = letters + "-" + std::to_string(num);
      else p.name = letters + std::to_string(num);
    }
    if (!gids_.count("product-" + Slug(p.name))) break;
  }
  p.gid = "product-" + Slug(p.name);
  while (!gids_.insert(p.gid).second) {
    p.name += std::string(1, static_cast<char>('A' + rng_.Below(26)));
    p.gid = "product-" + Slug(p.name);
  }
  static const char* kIndications[] = {"relapsed or refractory multiple myeloma", "metastatic non-small cell lung cancer",
                                       "moderate-to-severe plaque psoriasis", "type 2 diabetes",
                                       "HER2-positive metastatic breast cancer", "acute myeloid leukemia",
                                       "idiopathic pulmonary fibrosis", "chronic kidney disease",
                                       "Duchenne muscular dystrophy", "advanced solid tumors"};
  p.indication = kIndications[rng_.Below(10)];
  int id = static_cast<int>(products_.size());
  products_.push_back(p);
  orgs_[owner].products.push_back(id);
  return id;
}

std::string Generator::AuditFirm() {
  // Audit firms: "Whitaker Langford LLP"; created as organizations.
  Org o;
  std::string a = rng_.Pick(synth::LastNames()), b = rng_.Pick(synth::LastNames());
  o.name = a + (rng_.Chance(0.5) ? " & " : " ") + b + " LLP";
  o.legal = o.name;
  o.short_name = a + (o.name.find('&') != std::string::npos ? " & " : " ") + b;
  o.gid = "auditor-" + Slug(a + " " + b);
  if (!gids_.insert(o.gid).second) {
    // Every pair of names taken (large corpora): firms audit several companies.
    if (++auditor_misses_ > 50) {
      auditor_misses_ = 0;
      return o.gid;
    }
    return "";
  }
  auditor_misses_ = 0;
  o.industry = kFinance;
  orgs_.push_back(o);
  return o.gid;
}

void Generator::MakeUniverse() {
  int n_reg = static_cast<int>(std::max<long long>(12, std::min<long long>(count_ / 5 + 8, 20000)));
  int n_partners = static_cast<int>(std::max<long long>(30, std::min<long long>(count_ / 2 + 20, 60000)));
  static const int kIndustryOfRegistrant[] = {kBiotech, kBiotech, kBiotech, kTech, kTech, kEnergy, kFinance, kConsumer, kIndustrial};
  for (int i = 0; i < n_reg; ++i) {
    int o = NewOrg(kIndustryOfRegistrant[rng_.Below(9)], true);
    registrants_.push_back(o);
    static const char* kOfficerTitles[] = {"President and Chief Executive Officer", "Chief Financial Officer",
                                           "General Counsel and Corporate Secretary", "Chief Operating Officer"};
    for (int k = 0; k < 4; ++k) orgs_[o].officers.push_back(NewPerson(o, kOfficerTitles[k]));
    int nd = rng_.Range(5, 8);
    for (int k = 0; k < nd; ++k) orgs_[o].directors.push_back(NewPerson(o, "Director"));
    int np = orgs_[o].industry == kBiotech ? rng_.Range(2, 4) : rng_.Range(0, 2);
    for (int k = 0; k < np; ++k) NewProduct(o);
    std::string aud;
    while (aud.empty()) aud = AuditFirm();
    orgs_[o].auditor = aud;
  }
  for (int i = 0; i < n_partners; ++i) {
    int ind = rng_.Chance(0.6) ? kBiotech : static_cast<int>(rng_.Below(kIndustries));
    int o = NewOrg(ind, false);
    if (ind == kBiotech && rng_.Chance(0.5)) NewProduct(o);
  }
}

int Generator::PickRegistrant() {
  // A few registrants file much more than the rest.
  double u = rng_.Unit();
  size_t n = registrants_.size();
  size_t i = static_cast<size_t>(std::pow(u, 1.5) * static_cast<double>(n));
  return registrants_[std::min(i, n - 1)];
}

int Generator::PickPartner(int reg) {
  for (;;) {
    int o = static_cast<int>(rng_.Below(static_cast<uint32_t>(orgs_.size())));
    if (o == reg || orgs_[o].gid.rfind("auditor-", 0) == 0) continue;
    // Biotech registrants deal mostly with biotech partners.
    if (orgs_[reg].industry == kBiotech && orgs_[o].industry != kBiotech && rng_.Chance(0.7)) continue;
    return o;
  }
}

// ---------------------------------------------------------------- naming

std::string Generator::OrgFirst(int o) {
  Org& x = orgs_[o];
  x.used = true;
  mentioned_orgs_.insert(o);
  if (x.registrant && rng_.Chance(0.5)) return x.legal + " (" + x.exchange + ": " + x.ticker + ")";
  return x.legal;
}
std::string Generator::OrgShort(int o) {
  Org& x = orgs_[o];
  x.used = true;
  mentioned_orgs_.insert(o);
  return x.short_name;
}
std::string Generator::PersonFirst(int p) {
  people_[p].used = true;
  return people_[p].Full();
}
std::string Generator::ProductName(int p) {
  products_[p].used = true;
  return products_[p].name;
}

// ---------------------------------------------------------------- gold

std::vector<std::string> Generator::DayAlts(int day) { return {IsoMonth(day)}; }

GoldEvent* Generator::Plant(const std::string& type, const std::string& date, std::vector<std::string> parties,
                            const std::string& note, bool optional) {
  GoldEvent ev;
  ev.id = "e" + std::to_string(gold_.size() + 1) + "-" + type;
  ev.type = type;
  ev.date = date;
  if (date.size() == 10) ev.alt_dates = {date.substr(0, 7)};
  ev.parties = std::move(parties);
  ev.note = note;
  ev.optional = optional;
  ev.idx = gold_.size();
  gold_.push_back(ev);
  told_[ev.idx] |= part_;
  if (!optional) ++type_counts_[type];
  return &gold_.back();
}

GoldEvent* Generator::PlantOnce(const std::string& key, const std::string& type, const std::string& date,
                                std::vector<std::string> parties, const std::string& note) {
  auto it = gold_by_key_.find(key);
  if (it != gold_by_key_.end()) {
    GoldEvent* ev = &gold_[it->second];
    told_[ev->idx] |= part_;
    // A more precise retelling ("dated as of May 15, 1997" after "In May
    // 1997"): the store keeps the most precise date, so the gold does too.
    if (date.size() > ev->date.size() && date.compare(0, ev->date.size(), ev->date) == 0) {
      std::vector<std::string> alts = {ev->date};
      if (date.size() == 10 && ev->date.size() < 7) alts.push_back(date.substr(0, 7));
      ev->date = date;
      for (const std::string& a : alts) {
        if (std::find(ev->alt_dates.begin(), ev->alt_dates.end(), a) == ev->alt_dates.end()) ev->alt_dates.push_back(a);
      }
    }
    return ev;
  }
  GoldEvent* ev = Plant(type, date, std::move(parties), note);
  gold_by_key_[key] = gold_.size() - 1;
  return ev;
}

void Generator::Source(GoldEvent* ev) { told_[ev->idx] |= 2 | 4; }

// ---------------------------------------------------------------- agreements

int Generator::NewAgreement(int reg, int partner, int dated) {
  static const char* kTitles[][3] = {
      // title, kind, defined term
      {"Collaboration and License Agreement", "collaboration", "Collaboration Agreement"},
      {"Exclusive License Agreement", "license", "License Agreement"},
      {"License Agreement", "license", "License Agreement"},
      {"Development and Commercialization Agreement", "collaboration", "Agreement"},
      {"Supply Agreement", "supply", "Supply Agreement"},
      {"Manufacturing and Supply Agreement", "supply", "Supply Agreement"},
      {"Research Collaboration Agreement", "collaboration", "Research Agreement"},
      {"Technology Access Agreement", "access", "Access Agreement"},
      {"Master Services Agreement", "services", "MSA"},
      {"Credit Agreement", "credit", "Credit Agreement"},
      {"Distribution Agreement", "distribution", "Distribution Agreement"},
      {"Co-Promotion Agreement", "collaboration", "Co-Promotion Agreement"},
      {"Option and License Agreement", "license", "Option Agreement"},
      {"Joint Development Agreement", "collaboration", "JDA"}};
  int k = orgs_[reg].industry == kBiotech ? static_cast<int>(rng_.Below(14))
                                          : static_cast<int>(std::vector<int>{4, 5, 8, 9, 10, 13, 2}[rng_.Below(7)]);
  Agreement a;
  a.title = kTitles[k][0];
  a.kind = kTitles[k][1];
  a.defined = kTitles[k][2];
  a.reg = reg;
  a.partner = partner;
  a.dated = dated;
  a.years = rng_.Range(2, 7);
  a.expires = dated + 365 * a.years;
  a.gid = "ag-" + orgs_[reg].gid + "-" + orgs_[partner].gid + "-" + Slug(a.title) + "-" + Year(dated);
  while (!gids_.insert(a.gid).second) a.gid += "x";
  int id = static_cast<int>(agreements_.size());
  agreements_.push_back(a);
  return id;
}

int Generator::AgreementFor(int reg, bool active_only) {
  std::vector<int> mine;
  for (size_t i = 0; i < agreements_.size(); ++i) {
    const Agreement& a = agreements_[i];
    if (a.reg == reg && !a.ended && (!active_only || a.dated < day_ - 200)) mine.push_back(static_cast<int>(i));
  }
  if (!mine.empty() && rng_.Chance(0.75)) return mine[rng_.Below(static_cast<uint32_t>(mine.size()))];
  // A backstory agreement, made 2-8 years ago, first told now.
  int dated = day_ - rng_.Range(400, 2900);
  return NewAgreement(reg, PickPartner(reg), dated);
}

// The entered event of an agreement, planted the first time the agreement's
// making is told with its date.
void Generator::PlantEntered(int a, const std::string& sentence) {
  Agreement& ag = agreements_[a];
  ag.used = true;
  GoldEvent* ev = PlantOnce("entered:" + ag.gid, "agreement.entered", Iso(ag.dated),
                            {orgs_[ag.reg].gid, orgs_[ag.partner].gid}, sentence);
  ev->agreement = ag.gid;
  if (ag.kind == "license") ev->alt_types = {"license.granted"};
}

// ---------------------------------------------------------------- vars

void Generator::SetVars() {
  const Org& r = orgs_[reg_];
  vars_.clear();
  vars_["R"] = r.short_name;
  vars_["R_legal"] = r.legal;
  vars_["R_name"] = r.name;
  vars_["D"] = LongDate(day_);
  vars_["D_month"] = MonthYear(day_);
  vars_["Co"] = "[the Company|the Company|the Registrant|" + r.short_name + "]";
  vars_["co"] = "[the Company|the Company|" + r.short_name + "]";
  vars_["the Company"] = "the Company";
  vars_["tech"] = r.technology.empty() ? "proprietary platform technology" : r.technology;
  vars_["CEO"] = people_[r.officers[0]].Full();
  vars_["CEO_last"] = people_[r.officers[0]].last;
  vars_["CFO"] = people_[r.officers[1]].Full();
}

void Generator::AddItem(const std::string& number) {
  static const std::map<std::string, std::string> kNew = {
      {"1.01", "Entry into a Material Definitive Agreement"},
      {"1.02", "Termination of a Material Definitive Agreement"},
      {"1.03", "Bankruptcy or Receivership"},
      {"2.01", "Completion of Acquisition or Disposition of Assets"},
      {"2.02", "Results of Operations and Financial Condition"},
      {"2.03", "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant"},
      {"3.02", "Unregistered Sales of Equity Securities"},
      {"4.01", "Changes in Registrant's Certifying Accountant"},
      {"4.02", "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review"},
      {"5.01", "Changes in Control of Registrant"},
      {"5.02", "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers"},
      {"5.03", "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year"},
      {"5.07", "Submission of Matters to a Vote of Security Holders"},
      {"7.01", "Regulation FD Disclosure"},
      {"8.01", "Other Events"},
      {"9.01", "Financial Statements and Exhibits"}};
  // Before August 2004: Item 1 control, 2 acquisitions, 3 bankruptcy, 4 accountants,
  // 5 other events, 6 director resignations, 7 exhibits, 9 Reg FD, 12 results.
  static const std::map<std::string, std::pair<std::string, std::string>> kOld = {
      {"1.01", {"5", "Other Events"}},
      {"1.02", {"5", "Other Events"}},
      {"1.03", {"3", "Bankruptcy or Receivership"}},
      {"2.01", {"2", "Acquisition or Disposition of Assets"}},
      {"2.02", {"12", "Results of Operations and Financial Condition"}},
      {"2.03", {"5", "Other Events"}},
      {"3.02", {"5", "Other Events"}},
      {"4.01", {"4", "Changes in Registrant's Certifying Accountant"}},
      {"4.02", {"5", "Other Events"}},
      {"5.01", {"1", "Changes in Control of Registrant"}},
      {"5.02", {"6", "Resignations of Registrant's Directors"}},
      {"5.03", {"5", "Other Events"}},
      {"5.07", {"5", "Other Events"}},
      {"7.01", {"9", "Regulation FD Disclosure"}},
      {"8.01", {"5", "Other Events"}},
      {"9.01", {"7", "Financial Statements and Exhibits"}}};
  std::string num = number, title = kNew.at(number);
  if (old_items_) {
    num = kOld.at(number).first;
    title = kOld.at(number).second;
  }
  if (std::find(items_.begin(), items_.end(), num) != items_.end()) return;
  items_.push_back(num);
  body_.push_back(Block{Block::kItem, num, title, {}});
}

// ---------------------------------------------------------------- distractors

// Sentences that mention agreements, dates, money or people without telling
// an event.
void Generator::Distractors(int n) {
  static const char* kGeneric[] = {
      "The foregoing description of the {ag} does not purport to be complete and is qualified in its entirety by reference to the full text of the {ag}, a copy of which [is filed|will be filed] as Exhibit 10.1 to [this Current Report on Form 8-K|the Company's next Quarterly Report on Form 10-Q].",
      "Under the {ag}, {P} may terminate the {ag} [for convenience upon ninety days' prior written notice|upon 180 days' written notice to {R}|in the event of an uncured material breach by {R}].",
      "{R} [is eligible to receive|may receive|could receive] up to {bigmoney} in [development, regulatory and sales-based|aggregate] milestone payments, as well as tiered royalties on net sales [ranging from the mid-single digits to low double digits|of any resulting products].",
      "If {P} [elects|chooses] to exercise its option, it [would be required to pay|will owe] {R} an additional option exercise fee.",
      "The {ag} will remain in effect until the expiration of the last royalty term, unless terminated earlier in accordance with its terms.",
      "[Management will|{R} will] host a conference call and webcast [today|tomorrow] at [8:30 a.m.|9:00 a.m.|4:30 p.m.] Eastern Time to discuss [these results|the transaction].",
      "The information in this Item 7.01, including Exhibit 99.1, shall not be deemed \"filed\" for purposes of Section 18 of the Securities Exchange Act of 1934, as amended.",
      "Each party has made customary representations, warranties and covenants in the {ag}.",
      "There can be no assurance that [any product will be successfully developed|the parties will achieve any milestone|the transaction will be completed] under the {ag}.",
      "[As of|At] {qend}, {R} had [cash, cash equivalents and marketable securities|cash and cash equivalents] of {cash}.",
      "{R} [expects|anticipates] that its existing cash will be sufficient to fund operations [into|through] {future_year}.",
      "The [Board|Company] [intends to|may] seek additional partners for [its programs|the program] in the future.",
      "The {ag} contains customary confidentiality, indemnification and dispute resolution provisions."};
  for (int i = 0; i < n; ++i) {
    std::string t = kGeneric[rng_.Below(sizeof kGeneric / sizeof *kGeneric)];
    bool needs_ag = t.find("{ag}") != std::string::npos || t.find("{P}") != std::string::npos;
    if (needs_ag && agreement_ < 0) continue;
    if (t.find("Item 7.01") != std::string::npos && old_items_) continue;
    Para(&body_, Fill(t));
  }
}

// ---------------------------------------------------------------- scenarios

void Generator::SDealEntered() {
  int p = partner_ = PickPartner(reg_);
  int a = agreement_ = NewAgreement(reg_, p, day_);
  Agreement& ag = agreements_[a];
  ag.used = true;
  ex10_.push_back(a);
  vars_["P"] = OrgShort(p);
  vars_["P_legal"] = OrgFirst(p);
  vars_["title"] = ag.title;
  vars_["a"] = Article(ag.title);
  vars_["a_years"] = Article(kSmallNumbers[std::min(ag.years, 10)]);
  vars_["ag"] = "[" + ag.defined + "|" + ag.defined + "|Agreement]";
  vars_["defined"] = ag.defined;
  vars_["years"] = kSmallNumbers[std::min(ag.years, 10)];
  vars_["bigmoney"] = MoneyText(1e6 * rng_.Range(50, 900), &rng_);
  vars_["prod"] = !orgs_[reg_].products.empty() ? ProductName(orgs_[reg_].products[0]) : "its lead program";
  AddItem("1.01");
  static const char* kTemplates[] = {
      "On {D}, {R_legal} (the \"Company\") entered into {a} {title} (the \"{defined}\") with {P_legal} (\"{P}\"), pursuant to which the Company granted {P} [an exclusive, worldwide license|a non-exclusive license|certain rights] to [develop and commercialize|research, develop and commercialize] products [using {tech}|based on {prod}].",
      "On {D}, {R} and {P_legal} (\"{P}\") [executed|signed|entered into] {a} {title} (the \"{defined}\") under which the parties will [jointly develop|collaborate on the development of] [products|product candidates] [directed to up to three targets|for the treatment of cancer|in the field of {field}].",
      "Effective as of {D}, {R_legal} entered into {a_years} {years}-year {title} (the \"{defined}\") with {P_legal} (\"{P}\").",
      "{R} announced that on {D} it entered into {a} {title} with {P_legal} (\"{P}\"), [which grants {P} the right to test {tech} with its proprietary antibodies|covering the [supply|manufacture and supply] of [commercial|clinical] quantities of {prod}|under which {P} will provide [services|financing] to the Company]."};
  vars_["field"] = rng_.Chance(0.5) ? "immuno-oncology" : "rare diseases";
  std::string s = Fill(kTemplates[rng_.Below(4)]);
  Para(&body_, s);
  size_t main_para = body_.size() - 1;
  PlantEntered(a, s);
  // Term sentence (not an event: the making is planted once).
  Para(&body_, Fill("[The initial term of the {ag} is {years} years|The {ag} has an initial term of {years} years|Unless terminated earlier, the {ag} will continue for {years} years] [from the effective date|from {D}], [and may be renewed by {P} for [one|two] additional [two|three]-year [term|terms]|after which it renews automatically for successive one-year periods unless either party gives notice]."));
  // An upfront payment, told as made.
  if (rng_.Chance(0.6)) {
    double amt = 1e6 * rng_.Range(1, 60) + (rng_.Chance(0.2) ? 5e5 : 0);
    vars_["amt"] = MoneyText(amt, &rng_);
    static const char* kPay[] = {
        "In connection with the execution of the {ag}, {P} paid {R} an upfront [fee|payment] of {amt}.",
        "{R} received a non-refundable upfront payment of {amt} from {P} upon [signing|execution of the {ag}].",
        "Upon signing, {P} made [a one-time|an upfront] payment to {R} of {amt}."};
    std::string ps = Fill(kPay[rng_.Below(3)]);
    body_[main_para].text += " " + ps;  // same paragraph: the date above is its date
    GoldEvent* ev = Plant("payment", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, ps);
    ev->amount = amt;
    ev->agreement = ag.gid;
  }
  Distractors(rng_.Range(1, 3));
  if (has_pr_) {
    pr_headline_ = Fill("{R} [Announces|Enters into] [Strategic Collaboration|{title}] with {P}");
    pr_lead_ = Fill("{R_legal} today announced that it has entered into {a} {title} with {P_legal}.");
    GoldEvent* ev = &gold_[gold_by_key_["entered:" + ag.gid]];
    Source(ev);
    Para(&pr_, Fill("\"[We are delighted|We are pleased] to [partner|be working] with {P},\" said {CEO}, {R}'s [President and Chief Executive Officer|Chief Executive Officer]. \"This [agreement|collaboration] [validates|underscores the value of] our [platform|programs] and [provides significant resources|strengthens our balance sheet].\""));
    people_[orgs_[reg_].officers[0]].required = true;
  }
}

int Generator::PickAgreement(bool active_only) {
  int a = agreement_ = AgreementFor(reg_, active_only);
  const Agreement& ag = agreements_[a];
  int p = partner_ = ag.partner;
  vars_["P"] = OrgShort(p);
  vars_["P_legal"] = OrgFirst(p);
  vars_["title"] = ag.title;
  vars_["ag"] = "[" + ag.defined + "|agreement]";
  vars_["D0"] = LongDate(ag.dated);
  return a;
}

void Generator::SDealRenewed() {
  int a = PickAgreement(true);
  Agreement& ag = agreements_[a];
  int p = partner_;
  vars_["D0_month"] = MonthYear(ag.dated);
  vars_["newyears"] = kSmallNumbers[rng_.Range(1, 5)];
  AddItem(old_items_ || rng_.Chance(0.5) ? "8.01" : "1.01");
  static const char* kT[] = {
      "On {D}, {R_legal} announced that {P_legal} (\"{P}\") has renewed its {title} with {R}, dated as of {D0}, for [one|an] additional {newyears}-year term.",
      "On {D}, {P_legal} exercised its right to renew the {title} between {P} and {R}, dated as of {D0}, for an additional {newyears}-year term.",
      "On {D}, {R} and {P_legal} renewed the {title}, originally entered into on {D0}; the renewed term [runs for {newyears} years|will expire in {exp_year}]."};
  int k = static_cast<int>(rng_.Below(3));
  int new_end = std::max(ag.expires, day_) + 365 * 3;
  vars_["exp_year"] = Year(new_end);
  std::string s = Fill(kT[k]);
  Para(&body_, s);
  PlantEntered(a, s);
  GoldEvent* ev = Plant("agreement.renewed", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, s);
  ev->agreement = ag.gid;
  ag.expires = new_end;
  if (rng_.Chance(0.5)) {
    double amt = 1e5 * rng_.Range(5, 80);
    vars_["amt"] = MoneyText(amt, &rng_);
    std::string ps = Fill("[In connection with the renewal, {P} paid {R} a renewal fee of {amt}.|{P} has paid {R} {amt} to renew the {ag}.|The renewal was effected by payment of {amt} by {P} to {R}.]");
    Append(ps);  // same paragraph: the date above is its date
    GoldEvent* pe = Plant("payment", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, ps);
    pe->amount = amt;
    ev->amount = amt;
  }
  Para(&body_, Fill("The {ag} [provides|continues to provide] {P} with [certain rights to test {tech}|the right to evaluate {R}'s technology] [with its proprietary compounds|for specific targets], and to license the right to use the technology on the terms defined in the {ag}."));
  Distractors(rng_.Range(0, 2));
  if (has_pr_) {
    pr_headline_ = Fill("{R} Announces {P}'s Renewal of {title}");
    pr_lead_ = Fill("{R_legal} today announced that {P} has renewed its {title} with {R} for an additional {newyears}-year term.");
    Source(ev);
    Source(&gold_[gold_by_key_["entered:" + ag.gid]]);
  }
}

void Generator::SDealExtended() {
  int a = PickAgreement(true);
  Agreement& ag = agreements_[a];
  int p = partner_;
  int new_end = std::max(ag.expires, day_ + 60) + 365 * rng_.Range(1, 2);
  vars_["newend"] = LongDate(new_end);
  vars_["amendno"] = std::to_string(rng_.Range(1, 4));
  AddItem("1.01");
  static const char* kT[] = {
      "On {D}, {R_legal} and {P_legal} (\"{P}\") entered into Amendment No. {amendno} to the {title}, dated as of {D0}, which extends the term of the {ag} [by one year|to {newend}].",
      "On {D}, {R} and {P_legal} agreed to extend the {title} executed on {D0}; the {ag} is now scheduled to expire on {newend}.",
      "Effective {D}, {P_legal} extended the term of its {title} with {R}, dated as of {D0}, through {newend}."};
  std::string s = Fill(kT[rng_.Below(3)]);
  Para(&body_, s);
  PlantEntered(a, s);
  GoldEvent* ev = Plant("agreement.extended", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, s);
  ev->alt_types = {"agreement.amended"};
  ev->agreement = ag.gid;
  ag.expires = new_end;
  if (rng_.Chance(0.5)) {
    double amt = 1e4 * rng_.Range(5, 100) * 5;
    vars_["amt"] = MoneyText(amt, &rng_);
    std::string ps = Fill("[{P} paid {R} an extension fee of {amt}.|In consideration of the extension, {P} paid {R} {amt}.]");
    Append(ps);  // same paragraph: the date above is its date
    GoldEvent* pe = Plant("payment", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, ps);
    pe->amount = amt;
    ev->amount = amt;
  }
  Distractors(rng_.Range(1, 2));
}

void Generator::SDealAmended() {
  int a = PickAgreement(true);
  Agreement& ag = agreements_[a];
  int p = partner_;
  vars_["amendno"] = std::to_string(rng_.Range(1, 4));
  AddItem("1.01");
  static const char* kT[] = {
      "On {D}, {R_legal} entered into [a First|a Second|an] Amendment (the \"Amendment\") to the {title}, dated as of {D0}, with {P_legal} (\"{P}\"), [to expand the field of the license to include [additional indications|two additional targets]|to revise the development milestones and the royalty rates|to add [a research program|an additional product] to the collaboration].",
      "On {D}, {R} and {P_legal} amended the {title} dated {D0} [to modify the payment schedule|to adjust the allocation of development costs between the parties|to grant {P} co-promotion rights in the United States].",
      "{R} and {P_legal} entered into Amendment No. {amendno}, dated {D}, to their {title} dated as of {D0}, [which revises the governance provisions of the collaboration|which adds a manufacturing technology transfer|which increases the research funding]."};
  std::string s = Fill(kT[rng_.Below(3)]);
  Para(&body_, s);
  PlantEntered(a, s);
  GoldEvent* ev = Plant("agreement.amended", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, s);
  ev->agreement = ag.gid;
  Para(&body_, Fill("[Except as modified by the Amendment, the|The other] terms of the {ag} remain [unchanged|in full force and effect]."));
  Distractors(rng_.Range(1, 2));
}

void Generator::SDealTerminated() {
  int a = PickAgreement(true);
  Agreement& ag = agreements_[a];
  int p = partner_;
  ag.ended = true;
  int eff = day_ + rng_.Range(30, 180);
  vars_["eff"] = LongDate(eff);
  AddItem("1.02");
  static const char* kT[] = {
      "On {D}, {R_legal} and {P_legal} (\"{P}\") mutually agreed to terminate the {title}, dated as of {D0}, [effective immediately|effective as of that date].",
      "On {D}, {R} terminated the {title}, dated {D0}, between {R} and {P_legal}, [following {P}'s uncured material breach|after the parties were unable to agree on a development plan].",
      "The {title} between {R} and {P_legal}, dated as of {D0}, expired on {D} in accordance with its terms and was not renewed."};
  int k = static_cast<int>(rng_.Below(3));
  std::string s = Fill(kT[k]);
  Para(&body_, s);
  PlantEntered(a, s);
  GoldEvent* ev = Plant("agreement.terminated", Iso(day_), {orgs_[reg_].gid, orgs_[p].gid}, s);
  ev->agreement = ag.gid;
  Para(&body_, Fill("[Upon termination, all rights licensed to {P} under the {ag} reverted to {R}.|{R} did not incur any early termination penalties in connection with the termination.|Certain provisions of the {ag}, including confidentiality obligations, survive its termination.]"));
  Distractors(rng_.Range(0, 1));
}

void Generator::SLicense() {
  int a = PickAgreement(false);
  Agreement& ag = agreements_[a];
  int p = partner_;
  vars_["D0_year"] = Year(ag.dated);
  AddItem("8.01");
  bool month = rng_.Chance(0.6);
  vars_["when"] = month ? "In " + MonthYear(day_) : "On " + LongDate(day_);
  static const char* kT[] = {
      "{when}, {P} [licensed|took a license to] the exclusive right to use {R}'s {tech} with [therapeutic antibodies|its compounds] [to an undisclosed target|directed to a specified target].",
      "{when}, {P} exercised its option [under the {D0_year} {ag}|under the {title}] and obtained a license [to develop and commercialize a product candidate|to an additional target] using {R}'s {tech}.",
      "{when}, {R} granted {P} an exclusive license to [develop and commercialize|use] {tech} [for one additional target|in the field of oncology]."};
  std::string s = Fill(kT[rng_.Below(3)]);
  Para(&body_, s);
  GoldEvent* ev = Plant("license.granted", month ? IsoMonth(day_) : Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, s);
  if (!month) ev->alt_dates = DayAlts(day_);
  else ev->alt_dates.clear();
  if (rng_.Chance(0.6)) {
    double amt = 5e5 * rng_.Range(1, 20);
    vars_["amt"] = MoneyText(amt, &rng_);
    std::string ps = Fill("[{R} received a {amt} upfront license [fee|payment] and is entitled to receive milestone payments and royalties on sales of any resulting products.|{P} paid {R} a license fee of {amt}.]");
    Append(ps);  // same paragraph: the date above is its date
    GoldEvent* pe = Plant("payment", month ? IsoMonth(day_) : Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, ps);
    pe->amount = amt;
    if (!month) pe->alt_dates = DayAlts(day_);
    else pe->alt_dates.clear();
  }
  Distractors(rng_.Range(1, 2));
}

void Generator::SMilestone() {
  int a = PickAgreement(false);
  Agreement& ag = agreements_[a];
  int p = partner_;
  int prod = orgs_[p].products.empty() ? NewProduct(p) : orgs_[p].products[0];
  vars_["pp"] = ProductName(prod);
  double amt = 1e6 * rng_.Range(1, 40);
  vars_["amt"] = MoneyText(amt, &rng_);
  AddItem(old_items_ || rng_.Chance(0.6) ? "8.01" : "7.01");
  static const char* kT[] = {
      "On {D}, {R_legal} announced that it [earned|received] a {amt} milestone payment from {P_legal} under the {title}, [triggered by|following] [the initiation of a Phase 2 clinical trial of {pp}|the acceptance of a regulatory filing for {pp}|the achievement of a preclinical development milestone].",
      "On {D}, {P_legal} paid {R} {amt} upon the achievement of a [development|regulatory|commercial] milestone for {pp} under the {ag}.",
      "{R} received a {amt} milestone payment from {P_legal} on {D} in connection with [the dosing of the first patient in a clinical trial of {pp}|the first commercial sale of {pp} in Japan]."};
  std::string s = Fill(kT[rng_.Below(3)]);
  Para(&body_, s);
  GoldEvent* ev = Plant("payment", Iso(day_), {orgs_[p].gid, orgs_[reg_].gid}, s);
  ev->amount = amt;
  ev->agreement = ag.gid;
  ag.used = true;
  Distractors(rng_.Range(1, 2));
}

void Generator::SRegulatory() {
  if (orgs_[reg_].products.empty()) NewProduct(reg_);
  int prod = product_ = orgs_[reg_].products[rng_.Below(static_cast<uint32_t>(orgs_[reg_].products.size()))];
  vars_["prod"] = ProductName(prod);
  vars_["ind"] = products_[prod].indication;
  static const char* kAgency[][2] = {{"the U.S. Food and Drug Administration (\"FDA\")", "fda"},
                                     {"the U.S. Food and Drug Administration (the \"FDA\")", "fda"},
                                     {"the European Medicines Agency (\"EMA\")", "ema"},
                                     {"the FDA", "fda"},
                                     {"Health Canada", "healthcanada"},
                                     {"Japan's Pharmaceuticals and Medical Devices Agency (\"PMDA\")", "pmda"}};
  int ag = static_cast<int>(rng_.Below(6));
  vars_["agency"] = kAgency[ag][0];
  agencies_used_.insert(kAgency[ag][1]);
  AddItem(old_items_ || rng_.Chance(0.6) ? "8.01" : "7.01");
  static const char* kT[] = {
      "On {D}, {agency} approved {R}'s [New Drug Application|Biologics License Application|supplemental application] for {prod} for the treatment of {ind}.",
      "On {D}, {R_legal} announced that {agency} [has accepted for filing|accepted for review] its [New Drug Application|marketing authorization application] for {prod}.",
      "On {D}, {agency} granted [Fast Track designation|Breakthrough Therapy designation|Orphan Drug designation] to {prod}, {R}'s [lead|investigational] product candidate for {ind}.",
      "{R} announced on {D} that the Investigational New Drug application for {prod}, submitted to {agency}, has become effective.",
      "On {D}, {R} submitted a [Biologics License Application|New Drug Application] to {agency} seeking approval of {prod} for {ind}."};
  std::string s = Fill(kT[rng_.Below(5)]);
  Para(&body_, s);
  GoldEvent* ev = Plant("regulatory", Iso(day_), {orgs_[reg_].gid}, s);
  (void)ev;
  Para(&body_, Fill("[{R} expects to [launch|commercialize] {prod} [in the United States|in the second half of the year], subject to [manufacturing readiness|market conditions].|The [approval|designation] does not guarantee [commercial success|a faster approval].|{prod} is [an investigational|a] [monoclonal antibody|small molecule] being developed for {ind}.]"));
  if (has_pr_) {
    pr_headline_ = Fill("{R} Announces Regulatory Update for {prod}");
    pr_lead_ = Fill("{R_legal} today provided an update on the regulatory status of {prod} for the treatment of {ind}.");
    Para(&pr_, s);
    told_[ev->idx] |= 2;
  }
}

void Generator::SClinical() {
  if (orgs_[reg_].products.empty()) NewProduct(reg_);
  int prod = product_ = orgs_[reg_].products[rng_.Below(static_cast<uint32_t>(orgs_[reg_].products.size()))];
  vars_["prod"] = ProductName(prod);
  vars_["ind"] = products_[prod].indication;
  vars_["phase"] = rng_.Pick(std::vector<std::string>{"Phase 1", "Phase I", "Phase 2", "Phase II", "Phase 3", "Phase 1b/2", "Phase III"});
  vars_["conf"] = rng_.Pick(std::vector<std::string>{"the American Society of Clinical Oncology (ASCO) Annual Meeting",
                                                     "the American Society of Hematology (ASH) Annual Meeting",
                                                     "the European Society for Medical Oncology (ESMO) Congress",
                                                     "the American Association for Cancer Research (AACR) Annual Meeting"});
  AddItem(old_items_ || rng_.Chance(0.7) ? "8.01" : "7.01");
  bool month = rng_.Chance(0.5);
  vars_["when"] = month ? "In " + MonthYear(day_) : "On " + LongDate(day_);
  static const char* kT[] = {
      "{when}, {R} initiated a {phase} clinical trial evaluating {prod} in patients with {ind}.",
      "{when}, {R} dosed the first patient in its {phase} trial of {prod} for {ind}.",
      "{when}, {R} completed enrollment in the {phase} study of {prod} in {ind}.",
      "{when}, {R} reported [positive|preliminary|top-line] data from its {phase} trial of {prod} [at {conf}|in patients with {ind}].",
      "{when}, {R} presented data from the {phase} study of {prod} at {conf}."};
  std::string s = Fill(kT[rng_.Below(5)]);
  Para(&body_, s);
  GoldEvent* ev = Plant("clinical", month ? IsoMonth(day_) : Iso(day_), {orgs_[reg_].gid}, s);
  if (month) ev->alt_dates.clear();
  vars_["n"] = std::to_string(rng_.Range(2, 60) * 10);
  vars_["m"] = std::to_string(rng_.Range(5, 40));
  vars_["next"] = Year(day_ + 365);
  Para(&body_, Fill("[The trial is designed to enroll approximately {n} patients at [sites in the United States and Europe|up to {m} clinical sites].|The primary endpoint of the study is [overall response rate|progression-free survival|safety and tolerability].|{R} expects to report [additional|top-line] data [in the second half of {next}|during {next}].]"));
  if (has_pr_) {
    pr_headline_ = Fill("{R} Provides Clinical Update on {prod}");
    pr_lead_ = Fill("{R_legal} today provided an update on its clinical development program for {prod}.");
    Para(&pr_, s);
    told_[ev->idx] |= 2;
  }
}

void Generator::SDiscontinued() {
  bool partner_side = rng_.Chance(0.4);
  int owner = reg_;
  if (partner_side) {
    int a = agreement_ = AgreementFor(reg_, false);
    owner = partner_ = agreements_[a].partner;
    vars_["P"] = OrgShort(owner);
    vars_["P_legal"] = OrgFirst(owner);
    vars_["title"] = agreements_[a].title;
    vars_["ag"] = agreements_[a].defined;
  }
  if (orgs_[owner].products.empty()) NewProduct(owner);
  int prod = product_ = orgs_[owner].products[0];
  vars_["prod"] = ProductName(prod);
  vars_["ind"] = products_[prod].indication;
  AddItem("8.01");
  std::string s;
  if (partner_side) {
    s = Fill("On {D}, {P_legal} informed {R} that it has discontinued development of {prod}, [a compound created under the {title}|which {P} had licensed from {R}], [following a portfolio review|based on interim clinical results].");
  } else {
    s = Fill("[On {D}, {R} decided to discontinue development of {prod} for {ind}|On {D}, the Company announced that it is discontinuing the development of {prod}], [after a review of the data from its Phase 2 trial|in order to focus its resources on its other programs].");
  }
  Para(&body_, s);
  Plant("product.discontinued", Iso(day_), {orgs_[owner].gid}, s);
  Para(&body_, Fill("[{R} expects to record a one-time charge in connection with this decision.|The Company will continue to support patients currently enrolled in the trial.]"));
}

void Generator::SResults() {
  AddItem("2.02");
  Org& r = orgs_[reg_];
  int q_end_month = ((ToYmd(day_).m + 9 - 1) / 3) * 3;  // quarter end before the announcement
  Ymd t = ToYmd(day_ - 25);
  int qm = ((t.m - 1) / 3) * 3;  // month index 0,3,6,9 of the quarter start... find the end month
  (void)q_end_month;
  int end_month = qm == 0 ? 12 : qm;
  int end_year = qm == 0 ? t.y - 1 : t.y;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int qend = synth::DaysFromCivil(end_year, static_cast<unsigned>(end_month), static_cast<unsigned>(kDays[end_month - 1]));
  vars_["qend"] = LongDate(qend);
  bool fy = end_month == r.fye_month;
  vars_["period"] = fy ? "fourth quarter and fiscal year ended " + LongDate(qend) : Fill("[quarter|three months|three-month period] ended ") + LongDate(qend);
  std::string s = Fill("On {D}, {R_legal} [issued a press release announcing|announced] its financial results for the {period}.");
  Para(&body_, s);
  GoldEvent* ev = Plant("financial.results", Iso(day_), {r.gid}, s);
  Para(&body_, Fill("The information in this Item 2.02 and Exhibit 99.1 [is being furnished and ]shall not be deemed \"filed\" for purposes of Section 18 of the Securities Exchange Act of 1934."));
  double rev = 1e5 * rng_.Range(20, 20000);
  double net = rev * (rng_.Unit() * 0.6 - 0.3);
  vars_["rev"] = MoneyText(std::round(rev / 1e5) * 1e5, &rng_);
  vars_["prev"] = MoneyText(std::round(rev * (0.7 + rng_.Unit() * 0.5) / 1e5) * 1e5, &rng_);
  vars_["prevnet"] = MoneyText(std::round(std::fabs(net) * (0.5 + rng_.Unit()) / 1e5) * 1e5 + 1e5, &rng_);
  char eps[32];
  std::snprintf(eps, sizeof eps, "$%.2f", std::fabs(net) / 4e7 + 0.01);
  vars_["eps"] = eps;
  vars_["net"] = MoneyText(std::round(std::fabs(net) / 1e5) * 1e5 + 1e5, &rng_);
  vars_["nl"] = net < 0 ? "net loss" : "net income";
  vars_["cash"] = MoneyText(1e5 * rng_.Range(100, 30000), &rng_);
  vars_["future_year"] = Year(day_ + 800);
  has_pr_ = true;
  pr_headline_ = Fill("{R} Reports [Financial Results|Results] for the {period}");
  pr_lead_ = Fill("{R_legal} ({ex}: {tk}) today [announced|reported] financial results for the {period}.");
  Source(ev);
  Para(&pr_, Fill("For the [quarter|three months] ended {qend}, {R} reported a {nl} of {net}, or {eps} per [basic and diluted|diluted] share, compared to a {nl} of {prevnet} for the same period last year."));
  Para(&pr_, Fill("Revenues for the [quarter|period] were {rev}, compared to {prev} [in the prior-year period|for the same period in the prior year]."));
  Para(&pr_, Fill("[As of|At] {qend}, {R} had [cash and cash equivalents|cash, cash equivalents and marketable securities] of {cash}."));
  Block table{Block::kTable, "", "", {}};
  table.rows.push_back({"(in thousands, except per share data)", "Three Months Ended " + LongDate(qend), "Prior Year"});
  long long rv = static_cast<long long>(rev / 1000);
  table.rows.push_back({"Total revenues", "$" + WithCommas(rv), "$" + WithCommas(rv * 9 / 10)});
  table.rows.push_back({"Research and development", WithCommas(rv / 3), WithCommas(rv / 4)});
  table.rows.push_back({"General and administrative", WithCommas(rv / 5), WithCommas(rv / 6)});
  table.rows.push_back({net < 0 ? "Net loss" : "Net income", (net < 0 ? "(" : "") + WithCommas(static_cast<long long>(std::fabs(net) / 1000)) + (net < 0 ? ")" : ""), "—"});
  table.rows.push_back({"Net " + std::string(net < 0 ? "loss" : "income") + " per share, basic and diluted", eps, "—"});
  pr_.push_back(table);
  // Recent highlights: other events of the quarter, told only in the release.
  part_ = 2;
  int n = rng_.Range(0, 2);
  for (int i = 0; i < n; ++i) {
    int hday = day_ - rng_.Range(20, 85);
    if (orgs_[reg_].industry == kBiotech && !r.products.empty() && rng_.Chance(0.6)) {
      vars_["hp"] = ProductName(r.products[rng_.Below(static_cast<uint32_t>(r.products.size()))]);
      vars_["hm"] = MonthYear(hday);
      std::string hs = Fill("[In {hm}, {R} initiated a Phase [1|2] trial of {hp}.|In {hm}, the Company dosed the first patient in a Phase [1b|2] study of {hp}.]");
      pr_.push_back(Block{Block::kBullet, hs, "", {}});
      GoldEvent* he = Plant("clinical", IsoMonth(hday), {r.gid}, hs);
      he->alt_dates.clear();
    } else {
      int p = PickPartner(reg_);
      vars_["hpartner"] = OrgFirst(p);
      vars_["hm"] = MonthYear(hday);
      int a = NewAgreement(reg_, p, hday);
      vars_["htitle"] = agreements_[a].title;
      vars_["a_h"] = Article(agreements_[a].title);
      std::string hs = Fill("In {hm}, {R} entered into {a_h} {htitle} with {hpartner}.");
      pr_.push_back(Block{Block::kBullet, hs, "", {}});
      agreements_[a].used = true;
      GoldEvent* he = PlantOnce("entered:" + agreements_[a].gid, "agreement.entered", IsoMonth(hday), {r.gid, orgs_[p].gid}, hs);
      he->alt_dates.clear();
      he->agreement = agreements_[a].gid;
      if (agreements_[a].kind == "license") he->alt_types = {"license.granted"};
    }
  }
  part_ = 1;
  Para(&pr_, Fill("\"[We made significant progress|This was a strong quarter] [across our pipeline|for our business],\" said {CEO}, [President and Chief Executive Officer|Chief Executive Officer] of {R}. \"[We look forward to|We remain focused on] [executing on our priorities|several important milestones] in the coming year.\""));
  people_[r.officers[0]].required = true;
  Para(&pr_, Fill("{R} will host a conference call and webcast [today|tomorrow] at [8:00 a.m.|4:30 p.m.|5:00 p.m.] Eastern Time to discuss the results."));
}

void Generator::SExecChange() {
  AddItem("5.02");
  Org& r = orgs_[reg_];
  int kind = static_cast<int>(rng_.Below(4));
  int pid;
  eff_day_ = 0;
  std::string s;
  static const char* kRoles[] = {"Chief Financial Officer", "Chief Operating Officer", "Chief Medical Officer",
                                 "Chief Commercial Officer", "General Counsel", "Chief Technology Officer"};
  if (kind == 0) {  // appointment of a new officer
    std::string role = kRoles[rng_.Below(6)];
    pid = NewPerson(reg_, role);
    vars_["pers"] = PersonFirst(pid);
    vars_["pl"] = people_[pid].last;
    SetPronouns(pid);
    vars_["role"] = role;
    vars_["age"] = std::to_string(rng_.Range(38, 64));
    vars_["prior"] = OrgFirst(PickPartner(reg_));
    eff_day_ = day_ + 14;
    vars_["eff"] = LongDate(eff_day_);
    s = Fill("[On {D}, the Board of Directors (the \"Board\") of {R_legal} appointed {pers} as {role}[, effective immediately| of the Company, effective {eff}]|On {D}, {R} announced the appointment of {pers}, age {age}, as its {role}].");
    Para(&body_, s);
    Para(&body_, Fill("{Mr} {pl}, {age}, [previously served as|most recently was] [Senior Vice President, Finance|Vice President of Operations|Chief Financial Officer] of {prior} [from 2009 to 2015|since 2016]."));
  } else if (kind == 1) {  // resignation
    pid = r.officers[1 + rng_.Below(3)];
    vars_["pers"] = PersonFirst(pid);
    vars_["pl"] = people_[pid].last;
    SetPronouns(pid);
    vars_["role"] = people_[pid].title;
    eff_day_ = day_ + rng_.Range(10, 60);
    vars_["eff"] = LongDate(eff_day_);
    s = Fill("[On {D}, {pers} notified {R_legal} of {his} [resignation|decision to resign] as {role}, effective {eff}.|On {D}, {pers} resigned as {role} of {R}[, effective immediately|].|{pers}, the Company's {role}, informed the Board on {D} that {he} will retire effective {eff}.]");
    Para(&body_, s);
    Para(&body_, Fill("{Mr} {pl}'s [resignation|decision] was not the result of any disagreement with the Company on any matter relating to its operations, policies or practices."));
    // The replacement person takes the role.
    int np = NewPerson(reg_, people_[pid].title);
    r.officers[static_cast<size_t>(std::find(r.officers.begin(), r.officers.end(), pid) - r.officers.begin())] = np;
  } else if (kind == 2) {  // director election by the board
    pid = NewPerson(reg_, "Director");
    r.directors.push_back(pid);
    vars_["pers"] = PersonFirst(pid);
    vars_["pl"] = people_[pid].last;
    SetPronouns(pid);
    vars_["committee"] = rng_.Pick(std::vector<std::string>{"Audit Committee", "Compensation Committee", "Nominating and Corporate Governance Committee"});
    vars_["next"] = Year(day_ + 365);
    s = Fill("On {D}, the Board of Directors of {R} [elected|appointed] {pers} as a [director|member of the Board], [with a term expiring at the Company's {next} annual meeting of stockholders|effective immediately], and appointed {him} to the {committee}.");
    Para(&body_, s);
    Para(&body_, Fill("There are no arrangements or understandings between {Mr} {pl} and any other person pursuant to which {he} was selected as a director, and there are no transactions in which {he} has an interest requiring disclosure under Item 404(a) of Regulation S-K."));
  } else {  // CEO transition
    pid = NewPerson(reg_, "Chief Executive Officer");
    int old = r.officers[0];
    vars_["pers"] = PersonFirst(pid);
    vars_["old"] = PersonFirst(old);
    vars_["ol"] = people_[old].last;
    eff_day_ = day_ + 30;
    vars_["eff"] = LongDate(eff_day_);
    s = Fill("On {D}, {R_legal} announced that {pers} [will succeed|has been named to succeed] {old} as President and Chief Executive Officer[, effective {eff}|].");
    Para(&body_, s);
    GoldEvent* ov = Plant("executive.change", Iso(day_), {r.gid, people_[old].gid}, s, true);
    (void)ov;
    people_[old].required = true;
    r.officers[0] = pid;
    people_[pid].title = "President and Chief Executive Officer";
  }
  people_[pid].required = true;
  GoldEvent* ev = Plant("executive.change", Iso(day_), {r.gid, people_[pid].gid}, s);
  // "... effective March 1": the change takes effect then; either date is right.
  if (eff_day_ && s.find(LongDate(eff_day_)) != std::string::npos) ev->alt_dates.push_back(Iso(eff_day_));
  if ((kind == 0 || kind == 3) && rng_.Chance(0.7)) {
    double sal = 1000.0 * rng_.Range(300, 900);
    vars_["sal"] = MoneyText(sal, &rng_);
    vars_["pl"] = people_[pid].last;
    SetPronouns(pid);
    vars_["bonus"] = std::to_string(rng_.Range(4, 10) * 10);
    std::string cs = Fill("[In connection with {his} appointment, {Mr} {pl} will receive an annual base salary of {sal} and will be eligible for an annual target bonus of {bonus}% of {his} base salary.|Pursuant to {his} offer letter, {Mr} {pl} will be paid a base salary of {sal} per year and a target annual bonus equal to {bonus}% of base salary.]");
    Para(&body_, cs);
    GoldEvent* ce = Plant("executive.compensation", Iso(day_), {r.gid, people_[pid].gid}, cs);
    ce->amount = sal;
  }
  Para(&body_, Fill("There are no family relationships between {pers} and any director or executive officer of the Company."));
}

void Generator::SExecComp() {
  AddItem("5.02");
  Org& r = orgs_[reg_];
  vars_["fy"] = Year(day_);
  std::string s = Fill("On {D}, the Compensation Committee of the Board of Directors of {R_legal} approved the {fy} base salaries and target bonus opportunities of the Company's named executive officers, as set forth below.");
  Para(&body_, s);
  Block table{Block::kTable, "", "", {}};
  table.rows.push_back({"Name and Title", vars_["fy"] + " Base Salary", "Target Bonus (% of Salary)"});
  int n = rng_.Range(2, 3);
  for (int i = 0; i < n; ++i) {
    int pid = r.officers[static_cast<size_t>(i)];
    double sal = 1000.0 * rng_.Range(350, 1200);
    table.rows.push_back({people_[pid].Full() + ", " + people_[pid].title, "$" + WithCommas(static_cast<long long>(sal)),
                          std::to_string(rng_.Range(4, 12) * 10) + "%"});
    people_[pid].used = people_[pid].required = true;
    GoldEvent* ev = Plant("executive.compensation", Iso(day_), {r.gid, people_[pid].gid},
                          people_[pid].Full() + ": base salary $" + WithCommas(static_cast<long long>(sal)));
    ev->amount = sal;
  }
  body_.push_back(table);
  vars_["fy2"] = Year(day_ - 365 * 3);
  Para(&body_, Fill("[The Committee also approved grants of restricted stock units to the named executive officers under the Company's {fy2} Equity Incentive Plan, which vest in equal annual installments over four years.|Bonus payouts, if any, will be based on the achievement of corporate goals established by the Committee.]"));
}

void Generator::STransaction() {
  int kind = static_cast<int>(rng_.Below(4));
  int p = partner_ = PickPartner(reg_);
  vars_["P"] = OrgShort(p);
  vars_["P_legal"] = OrgFirst(p);
  Org& r = orgs_[reg_];
  if (kind == 0) {  // completed acquisition
    AddItem("2.01");
    double amt = 1e6 * rng_.Range(20, 4000);
    vars_["amt"] = MoneyText(amt, &rng_);
    std::string s = Fill("[On {D}, {R_legal} completed [its|the] acquisition of {P_legal} (\"{P}\") for [aggregate consideration of|approximately] {amt}[ in cash|, including the assumption of debt].|On {D}, {R} completed the previously announced acquisition of all of the outstanding shares of {P_legal} for {amt} in cash.]");
    Para(&body_, s);
    GoldEvent* ev = Plant("corporate.transaction", Iso(day_), {r.gid, orgs_[p].gid}, s);
    ev->amount = amt;
    Para(&body_, Fill("[As a result of the acquisition, {P} became a wholly-owned subsidiary of {R}.|The acquisition was funded with cash on hand and borrowings under the Company's revolving credit facility.]"));
  } else if (kind == 1) {  // merger agreement signed
    AddItem("1.01");
    double per = rng_.Range(500, 9000) / 100.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%.2f", per);
    vars_["per"] = buf;
    std::string s = Fill("On {D}, {R_legal} entered into an Agreement and Plan of Merger (the \"Merger Agreement\") with {P_legal} (\"{P}\"), pursuant to which {P} [will acquire|has agreed to acquire] {R} for {per} per share in cash.");
    Para(&body_, s);
    int a = NewAgreement(reg_, p, day_);
    agreements_[a].title = "Agreement and Plan of Merger";
    agreements_[a].kind = "merger";
    agreements_[a].defined = "Merger Agreement";
    agreements_[a].used = true;
    agreements_[a].ended = true;
    GoldEvent* ev = Plant("corporate.transaction", Iso(day_), {r.gid, orgs_[p].gid}, s);
    ev->alt_types = {"agreement.entered"};
    ev->agreement = agreements_[a].gid;
    GoldEvent* e2 = Plant("agreement.entered", Iso(day_), {r.gid, orgs_[p].gid}, s, true);
    e2->agreement = agreements_[a].gid;
    vars_["fee"] = MoneyText(1e6 * rng_.Range(10, 300), &rng_);
    Para(&body_, Fill("The Merger Agreement provides that, [under specified circumstances|if the Merger Agreement is terminated in certain circumstances], {R} [would be required to|may be required to] pay {P} a termination fee of {fee}."));
    Para(&body_, Fill("The completion of the merger is subject to [customary closing conditions, including the approval of {R}'s stockholders|the expiration of the waiting period under the Hart-Scott-Rodino Antitrust Improvements Act of 1976]."));
  } else if (kind == 2) {  // sale of a business / divestiture
    AddItem("2.01");
    double amt = 1e6 * rng_.Range(10, 900);
    vars_["amt"] = MoneyText(amt, &rng_);
    vars_["unit"] = rng_.Pick(std::vector<std::string>{"its contract manufacturing business", "its specialty chemicals division", "its European distribution business", "certain oil and gas properties"});
    std::string s = Fill("On {D}, {R} completed the sale of {unit} to {P_legal} for {amt}[ in cash|, subject to customary post-closing adjustments].");
    Para(&body_, s);
    GoldEvent* ev = Plant("corporate.transaction", Iso(day_), {r.gid, orgs_[p].gid}, s);
    ev->amount = amt;
  } else {  // private placement
    AddItem("3.02");
    double amt = 1e6 * rng_.Range(5, 250);
    vars_["amt"] = MoneyText(amt, &rng_);
    vars_["shares"] = WithCommas(rng_.Range(100, 9000) * 1000);
    std::string s = Fill("On {D}, {R_legal} [sold|issued and sold] an aggregate of {shares} shares of its common stock to {P_legal} in a private placement for gross proceeds of {amt}.");
    Para(&body_, s);
    GoldEvent* ev = Plant("corporate.transaction", Iso(day_), {r.gid, orgs_[p].gid}, s);
    ev->amount = amt;
    Para(&body_, "The shares were sold in reliance on the exemption from registration provided by Section 4(a)(2) of the Securities Act of 1933, as amended.");
  }
}

void Generator::SControlChange() {
  int p = partner_ = PickPartner(reg_);
  vars_["P"] = OrgShort(p);
  vars_["P_legal"] = OrgFirst(p);
  AddItem("2.01");
  AddItem("5.01");
  double per = rng_.Range(500, 9000) / 100.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.2f", per);
  vars_["per"] = buf;
  std::string s = Fill("On {D}, {P_legal} completed its acquisition of {R_legal} by means of a merger of a wholly-owned subsidiary of {P} with and into {R}, with {R} surviving as a wholly-owned subsidiary of {P}.");
  Para(&body_, s);
  GoldEvent* t = Plant("corporate.transaction", Iso(day_), {orgs_[reg_].gid, orgs_[p].gid}, s);
  (void)t;
  std::string c = Fill("As a result of the merger, a change in control of the Registrant occurred on {D}, and {R} became a wholly-owned subsidiary of {P}.");
  Para(&body_, c);
  Plant("control.change", Iso(day_), {orgs_[reg_].gid, orgs_[p].gid}, c);
  Para(&body_, Fill("Each share of {R} common stock outstanding immediately prior to the effective time was converted into the right to receive {per} in cash, without interest."));
}

void Generator::SAuditor() {
  AddItem("4.01");
  Org& r = orgs_[reg_];
  std::string old_gid = r.auditor;
  std::string new_gid;
  while (new_gid.empty() || new_gid == old_gid) new_gid = AuditFirm();
  auto by_gid = [&](const std::string& g) {
    for (size_t i = 0; i < orgs_.size(); ++i) if (orgs_[i].gid == g) return static_cast<int>(i);
    return -1;
  };
  int oa = by_gid(old_gid), na = by_gid(new_gid);
  orgs_[oa].used = orgs_[na].used = true;
  orgs_[oa].required = orgs_[na].required = true;
  mentioned_orgs_.insert(oa);
  mentioned_orgs_.insert(na);
  vars_["old"] = orgs_[oa].name;
  vars_["new"] = orgs_[na].name;
  int d2 = rng_.Chance(0.5) ? day_ : NextBusinessDay(day_ + rng_.Range(1, 3));
  filed_ = std::max(filed_, d2);  // the report tells both, so it is filed after both
  vars_["D2"] = LongDate(d2);
  vars_["fy"] = Year(day_);
  std::string s1 = Fill("On {D}, the Audit Committee of the Board of Directors of {R_legal} dismissed {old} as the Company's independent registered public accounting firm.");
  Para(&body_, s1);
  vars_["py"] = Year(day_ - 365);
  vars_["ppy"] = Year(day_ - 730);
  Para(&body_, Fill("The reports of {old} on the Company's financial statements for the [two most recent fiscal years|fiscal years ended December 31, {py} and {ppy}] did not contain an adverse opinion or a disclaimer of opinion, and were not qualified or modified as to uncertainty, audit scope or accounting principles."));
  Plant("auditor.change", Iso(day_), {r.gid, old_gid}, s1);
  std::string s2 = d2 == day_
                       ? Fill("On the same day, the Audit Committee engaged {new} as the Company's independent registered public accounting firm for the fiscal year ending December 31, {fy}.")
                       : Fill("On {D2}, the Audit Committee engaged {new} as the Company's new independent registered public accounting firm for the fiscal year ending December 31, {fy}.");
  Para(&body_, s2);
  GoldEvent* e2 = Plant("auditor.change", Iso(d2), {r.gid, new_gid}, s2);
  if (d2 == day_) {
    e2->optional = true;  // the same change, told in two sentences on one day
    --type_counts_["auditor.change"];
  }
  Para(&body_, Fill("During the two most recent fiscal years, there were no disagreements with {old} on any matter of accounting principles or practices, financial statement disclosure, or auditing scope or procedure."));
  r.auditor = new_gid;
}

void Generator::SRestatement() {
  AddItem("4.02");
  vars_["py"] = Year(day_ - 365);
  vars_["q"] = rng_.Pick(std::vector<std::string>{"March 31", "June 30", "September 30"});
  std::string s = Fill("On {D}, the Audit Committee of the Board of Directors of {R_legal}, after consultation with management, concluded that the Company's previously issued [audited consolidated financial statements for the fiscal year ended December 31, {py}|unaudited interim financial statements for the quarter ended {q}, {py}] should no longer be relied upon [because of an error in the accounting for [revenue recognition|certain warrants|lease obligations]|].");
  Para(&body_, s);
  Plant("financial.restatement", Iso(day_), {orgs_[reg_].gid}, s);
  Para(&body_, Fill("The Company [intends to|will] restate the affected financial statements in an amendment to its [Annual Report on Form 10-K|Quarterly Report on Form 10-Q] as soon as practicable."));
  Para(&body_, "The Audit Committee and management have discussed the matters disclosed in this Item 4.02 with the Company's independent registered public accounting firm.");
}

void Generator::SGovernance() {
  AddItem("5.03");
  int kind = static_cast<int>(rng_.Below(3));
  std::string s;
  if (kind == 0) {
    s = Fill("On {D}, the Board of Directors of {R_legal} approved and adopted the Amended and Restated Bylaws of the Company, effective [immediately|as of that date].");
  } else if (kind == 1) {
    s = Fill("On {D}, the Board of Directors of {R} amended the Company's bylaws to [implement a majority voting standard in uncontested director elections|provide for proxy access|adopt an exclusive forum provision].");
  } else {
    s = Fill("On {D}, the Board of Directors of {R_legal} approved a change in the Company's fiscal year end from December 31 to [June 30|September 30|March 31].");
  }
  Para(&body_, s);
  Plant("governance.change", Iso(day_), {orgs_[reg_].gid}, s);
  if (kind < 2) {
    Para(&body_, "The foregoing summary is qualified in its entirety by reference to the full text of the Amended and Restated Bylaws, a copy of which is filed as Exhibit 3.1 hereto.");
  } else {
    Para(&body_, Fill("{R} [intends to file a transition report on Form 10-Q|will file a transition report] for the transition period."));
  }
}

void Generator::SVote() {
  AddItem("5.07");
  Org& r = orgs_[reg_];
  bool special = rng_.Chance(0.2);
  vars_["mtg"] = special ? "[special meeting of stockholders|special meeting of shareholders]" : "[annual meeting of stockholders|annual meeting of shareholders|Annual Meeting of Stockholders]";
  std::string s = Fill("On {D}, {R_legal} held its {mtg} (the \"Meeting\"), at which the [stockholders|shareholders] voted on the [proposals|matters] described below.");
  Para(&body_, s);
  Plant("shareholder.vote", Iso(day_), {r.gid}, s);
  Block table{Block::kTable, "", "", {}};
  table.rows.push_back({"Nominee", "For", "Withheld", "Broker Non-Votes"});
  int n = std::min<int>(static_cast<int>(r.directors.size()), rng_.Range(3, 6));
  for (int i = 0; i < n; ++i) {
    int d = r.directors[static_cast<size_t>(i)];
    people_[d].used = true;
    table.rows.push_back({people_[d].Full(), WithCommas(rng_.Range(10, 90) * 1000000 + rng_.Range(0, 999999)),
                          WithCommas(rng_.Range(10000, 900000)), WithCommas(rng_.Range(100000, 9000000))});
    GoldEvent* ev = Plant("executive.change", Iso(day_), {r.gid, people_[d].gid}, people_[d].Full() + " elected director", true);
    (void)ev;
  }
  if (!special) {
    Para(&body_, "Proposal 1 - Election of Directors. The stockholders elected each of the director nominees to serve until the next annual meeting, with the following votes:");
    body_.push_back(table);
    size_t ai = 0;
    for (size_t i = 0; i < orgs_.size(); ++i) if (orgs_[i].gid == r.auditor) ai = i;
    Org& aud = orgs_[ai];
    aud.used = true;
    mentioned_orgs_.insert(static_cast<int>(&aud - &orgs_[0]));
    vars_["aud"] = aud.name;
    vars_["fy"] = Year(day_);
    Para(&body_, Fill("Proposal 2 - Ratification of Auditors. The stockholders ratified the appointment of {aud} as the Company's independent registered public accounting firm for the fiscal year ending December 31, {fy}."));
    Plant("auditor.change", Iso(day_), {r.gid, aud.gid}, "ratification of " + aud.name, true);
    Para(&body_, "Proposal 3 - Advisory Vote on Executive Compensation. The stockholders approved, on an advisory basis, the compensation of the Company's named executive officers.");
  } else {
    Para(&body_, Fill("At the Meeting, the [stockholders|shareholders] approved [the adoption of the Merger Agreement|an amendment to the Company's certificate of incorporation to increase the number of authorized shares of common stock|the issuance of shares of common stock in connection with the acquisition]."));
  }
}

void Generator::SBankruptcy() {
  AddItem("1.03");
  vars_["court"] = rng_.Pick(std::vector<std::string>{"District of Delaware", "Southern District of New York", "Southern District of Texas", "District of New Jersey"});
  std::string s = Fill("On {D}, {R_legal} and certain of its subsidiaries (collectively, the \"Debtors\") filed voluntary petitions for relief under Chapter 11 of [title 11 of the United States Code|the United States Bankruptcy Code] in the United States Bankruptcy Court for the {court}.");
  Para(&body_, s);
  Plant("bankruptcy", Iso(day_), {orgs_[reg_].gid}, s);
  Para(&body_, "The Debtors will continue to operate their businesses as \"debtors-in-possession\" under the jurisdiction of the Bankruptcy Court and in accordance with the applicable provisions of the Bankruptcy Code.");
  Distractors(1);
}

void Generator::SLitigation() {
  AddItem("8.01");
  int kind = static_cast<int>(rng_.Below(3));
  std::string s;
  GoldEvent* ev;
  if (kind == 0) {
    int p = partner_ = PickPartner(reg_);
    vars_["P"] = OrgShort(p);
    vars_["P_legal"] = OrgFirst(p);
    double amt = 1e5 * rng_.Range(10, 2000);
    vars_["amt"] = MoneyText(amt, &rng_);
    s = Fill("On {D}, {R} and {P_legal} entered into a settlement agreement resolving the patent infringement lawsuit [filed by {P} against {R}|between the parties] in the United States District Court for the District of Delaware.");
    Para(&body_, s);
    ev = Plant("litigation", Iso(day_), {orgs_[reg_].gid, orgs_[p].gid}, s);
    ev->alt_types = {"agreement.entered"};
    Para(&body_, Fill("[Under the settlement, {R} paid {P} {amt}.|Under the terms of the settlement, {P} granted {R} a non-exclusive license under the patents in suit.]"));
  } else if (kind == 1) {
    s = Fill("On {D}, a putative class action lawsuit was filed in the United States District Court for the [Southern District of New York|Northern District of California|District of Massachusetts] against {R} and certain of its officers, alleging violations of the Securities Exchange Act of 1934.");
    Para(&body_, s);
    ev = Plant("litigation", Iso(day_), {orgs_[reg_].gid}, s);
    Para(&body_, Fill("{R} believes the [lawsuit|complaint] is without merit and intends to defend itself vigorously."));
  } else {
    s = Fill("On {D}, {R_legal} reached a settlement of the shareholder derivative action pending in the Court of Chancery of the State of Delaware, subject to court approval.");
    Para(&body_, s);
    ev = Plant("litigation", Iso(day_), {orgs_[reg_].gid}, s);
    Para(&body_, "Under the proposed settlement, the Company will adopt certain corporate governance reforms.");
  }
  (void)ev;
}

// The types, in the order a corpus covers them first.
enum Kind {
  kDealEntered, kDealRenewed, kDealExtended, kDealAmended, kDealTerminated, kLicenseK, kMilestone, kRegulatoryK,
  kClinicalK, kDiscontinued, kResultsK, kExecChangeK, kExecCompK, kTransactionK, kControlK, kAuditorK, kRestatementK,
  kGovernanceK, kVoteK, kBankruptcyK, kLitigationK, kKinds
};

void Generator::Scenario(int kind) {
  switch (kind) {
    case kDealEntered: SDealEntered(); break;
    case kDealRenewed: SDealRenewed(); break;
    case kDealExtended: SDealExtended(); break;
    case kDealAmended: SDealAmended(); break;
    case kDealTerminated: SDealTerminated(); break;
    case kLicenseK: SLicense(); break;
    case kMilestone: SMilestone(); break;
    case kRegulatoryK: SRegulatory(); break;
    case kClinicalK: SClinical(); break;
    case kDiscontinued: SDiscontinued(); break;
    case kResultsK: SResults(); break;
    case kExecChangeK: SExecChange(); break;
    case kExecCompK: SExecComp(); break;
    case kTransactionK: STransaction(); break;
    case kControlK: SControlChange(); break;
    case kAuditorK: SAuditor(); break;
    case kRestatementK: SRestatement(); break;
    case kGovernanceK: SGovernance(); break;
    case kVoteK: SVote(); break;
    case kBankruptcyK: SBankruptcy(); break;
    default: SLitigation(); break;
  }
}

// ---------------------------------------------------------------- blocks

std::vector<Block> Generator::CoverBlocks() {
  const Org& r = orgs_[reg_];
  std::vector<Block> b;
  auto c = [&](const std::string& t) { b.push_back(Block{Block::kCenter, t, "", {}}); };
  c("UNITED STATES");
  c("SECURITIES AND EXCHANGE COMMISSION");
  c("Washington, D.C. 20549");
  c("FORM 8-K");
  c("CURRENT REPORT");
  c("Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934");
  c("Date of Report (Date of earliest event reported): " + LongDate(day_));
  c(rng_.Chance(0.5) ? Upper(r.legal) : r.legal);
  c("(Exact name of registrant as specified in its charter)");
  Block t{Block::kTable, "", "", {}};
  t.rows.push_back({r.state, "001-" + std::to_string(10000 + std::atoi(r.cik.c_str()) % 89999), r.irs});
  t.rows.push_back({"(State or other jurisdiction of incorporation)", "(Commission File Number)", "(IRS Employer Identification No.)"});
  b.push_back(t);
  c(r.street + ", " + r.city + ", " + r.state_abbr + " " + r.zip);
  c("(Address of principal executive offices) (Zip Code)");
  c("Registrant's telephone number, including area code: " + r.phone);
  b.push_back(Block{Block::kPara, "Check the appropriate box below if the Form 8-K filing is intended to simultaneously satisfy the filing obligation of the registrant under any of the following provisions:", "", {}});
  for (const char* x : {"Written communications pursuant to Rule 425 under the Securities Act (17 CFR 230.425)",
                        "Soliciting material pursuant to Rule 14a-12 under the Exchange Act (17 CFR 240.14a-12)",
                        "Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act (17 CFR 240.14d-2(b))",
                        "Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act (17 CFR 240.13e-4(c))"}) {
    b.push_back(Block{Block::kBullet, std::string("\xe2\x98\x90 ") + x, "", {}});
  }
  if (ToYmd(day_).y >= 2017) {
    Block s{Block::kTable, "", "", {}};
    s.rows.push_back({"Title of each class", "Trading Symbol(s)", "Name of each exchange on which registered"});
    s.rows.push_back({"Common Stock, $0.001 par value per share", r.ticker,
                      r.exchange.rfind("NYSE", 0) == 0 ? "New York Stock Exchange" : "The Nasdaq Global Market"});
    b.push_back(Block{Block::kPara, "Securities registered pursuant to Section 12(b) of the Act:", "", {}});
    b.push_back(s);
    b.push_back(Block{Block::kPara, "Indicate by check mark whether the registrant is an emerging growth company as defined in Rule 405 of the Securities Act of 1933 or Rule 12b-2 of the Securities Exchange Act of 1934. Emerging growth company \xe2\x98\x90", "", {}});
  }
  return b;
}

std::vector<Block> Generator::ExhibitIndex() {
  std::vector<Block> b;
  Block t{Block::kTable, "", "", {}};
  t.rows.push_back({"Exhibit No.", "Description"});
  for (size_t i = 0; i < ex10_.size(); ++i) {
    t.rows.push_back({"10." + std::to_string(i + 1), agreements_[ex10_[i]].title + ", dated as of " +
                                                          LongDate(agreements_[ex10_[i]].dated) + ", by and between " +
                                                          orgs_[agreements_[ex10_[i]].reg].legal + " and " +
                                                          orgs_[agreements_[ex10_[i]].partner].legal + ".*"});
  }
  if (has_pr_) t.rows.push_back({"99.1", "Press Release of " + orgs_[reg_].legal + " dated " + LongDate(day_)});
  if (ToYmd(day_).y >= 2019) t.rows.push_back({"104", "Cover Page Interactive Data File (embedded within the Inline XBRL document)"});
  if (t.rows.size() == 1) return b;
  b.push_back(Block{Block::kPara, "(d) Exhibits.", "", {}});
  b.push_back(t);
  if (!ex10_.empty()) b.push_back(Block{Block::kPara, "* Certain portions of this exhibit have been omitted pursuant to Item 601(b)(10) of Regulation S-K.", "", {}});
  return b;
}

std::vector<Block> Generator::SignatureBlocks() {
  const Org& r = orgs_[reg_];
  std::vector<Block> b;
  b.push_back(Block{Block::kHeading, rng_.Chance(0.5) ? "SIGNATURES" : "SIGNATURE", "", {}});
  b.push_back(Block{Block::kPara, "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.", "", {}});
  int signer = r.officers[1 + rng_.Below(2)];
  people_[signer].used = people_[signer].required = true;
  signer_ = signer;
  b.push_back(Block{Block::kSignature, Upper(r.legal), "", {}});
  b.push_back(Block{Block::kSignature, "Date: " + LongDate(filed_), "", {}});
  b.push_back(Block{Block::kSignature, "By: /s/ " + people_[signer].Full(), "", {}});
  b.push_back(Block{Block::kSignature, "Name: " + people_[signer].Full(), "", {}});
  b.push_back(Block{Block::kSignature, "Title: " + people_[signer].title, "", {}});
  return b;
}

std::vector<Block> Generator::PressReleaseBlocks() {
  const Org& r = orgs_[reg_];
  std::vector<Block> b;
  b.push_back(Block{Block::kCenter, "Exhibit 99.1", "", {}});
  if (rng_.Chance(0.5)) b.push_back(Block{Block::kCenter, "FOR IMMEDIATE RELEASE", "", {}});
  b.push_back(Block{Block::kTitle, pr_headline_, "", {}});
  static const char* kWires[] = {" /PRNewswire/ --", " (GLOBE NEWSWIRE) --", " /Business Wire/ --", " --", " \xe2\x80\x93"};
  std::string city = Upper(r.city) + ", " + (rng_.Chance(0.5) ? std::string(r.state_abbr) : std::string("Mass."));
  if (r.state_abbr != "MA") city = Upper(r.city) + ", " + r.state_abbr;
  std::string lead = city + ", " + LongDate(day_) + kWires[rng_.Below(5)] + " " + pr_lead_;
  b.push_back(Block{Block::kPara, lead, "", {}});
  for (const Block& x : pr_) b.push_back(x);
  if (full_) ReleaseExtras(&b);
  // About the registrant, naming partners (not events).
  std::string about = "About " + r.short_name;
  b.push_back(Block{Block::kHeading, about, "", {}});
  std::vector<int> partners;
  for (const Agreement& a : agreements_) {
    if (a.reg == reg_ && a.used && partners.size() < 4 &&
        std::find(partners.begin(), partners.end(), a.partner) == partners.end()) {
      partners.push_back(a.partner);
    }
  }
  std::map<std::string, std::string> v = vars_;
  v["what"] = r.industry == kBiotech ? "[a clinical-stage biopharmaceutical company|a biotechnology company] focused on [developing targeted therapies for cancer|discovering and developing novel medicines for patients with serious diseases]"
                                     : r.industry == kTech ? "a provider of [enterprise software|semiconductor solutions|network infrastructure products]"
                                     : r.industry == kEnergy ? "an independent [energy|oil and natural gas] company"
                                     : r.industry == kFinance ? "a [bank holding company|diversified financial services company]"
                                     : r.industry == kConsumer ? "a [specialty retailer|consumer products company]"
                                                               : "a [diversified industrial manufacturer|provider of engineered products]";
  std::string text = Expand("{R_legal} is {what}.", v, &rng_);
  if (!r.technology.empty()) text += " The Company's " + r.technology + " [is the basis of its product pipeline|is used by its partners].";
  if (!r.products.empty()) {
    text += " Its product candidates include ";
    for (size_t i = 0; i < r.products.size(); ++i) {
      products_[r.products[i]].used = true;
      text += (i ? (i + 1 == r.products.size() ? " and " : ", ") : "") + products_[r.products[i]].name;
    }
    text += ".";
  }
  if (partners.size() >= 2) {
    text += " The Company has [collaborations|partnerships] with ";
    for (size_t i = 0; i < partners.size(); ++i) {
      text += (i ? (i + 1 == partners.size() ? " and " : ", ") : "") + orgs_[partners[i]].legal;
      orgs_[partners[i]].used = true;
      mentioned_orgs_.insert(partners[i]);
    }
    if (text.back() != '.') text += ".";
  }
  text += " For more information, please visit www." + Slug(r.short_name) + ".com.";
  b.push_back(Block{Block::kPara, Expand(text, v, &rng_), "", {}});
  if (full_) AboutPartner(&b);
  b.push_back(Block{Block::kHeading, rng_.Chance(0.5) ? "Forward-Looking Statements" : "Safe Harbor Statement", "", {}});
  b.push_back(Block{Block::kPara, Expand("This press release contains forward-looking statements within the meaning of the Private Securities Litigation Reform Act of 1995, including statements regarding [the anticipated benefits of the collaboration|the Company's expectations for its clinical programs|future financial performance]. These statements are based on management's current expectations and involve risks and uncertainties that could cause actual results to differ materially, including the risks described in {R}'s Annual Report on Form 10-K [for the fiscal year ended December 31, {py}|] and other filings with the Securities and Exchange Commission. {R} undertakes no obligation to update these statements.",
                                          [&] { auto w = v; w["py"] = Year(filed_ - 365); return w; }(), &rng_), "", {}});
  if (full_) RiskFactors(&b);
  b.push_back(Block{Block::kHeading, "Contacts:", "", {}});
  int ir = NewPerson(reg_, "Investor Relations");
  b.push_back(Block{Block::kSignature, "Investors: " + people_[ir].Full() + ", " + r.phone + ", ir@" + Slug(r.short_name) + ".com", "", {}});
  people_[ir].used = true;  // optional in the gold
  b.push_back(Block{Block::kSignature, "###", "", {}});
  return b;
}

std::vector<Block> Generator::ContractExcerpt(int a) {
  const Agreement& ag = agreements_[a];
  std::vector<Block> b;
  b.push_back(Block{Block::kCenter, "Exhibit 10.1", "", {}});
  b.push_back(Block{Block::kCenter, "CONFIDENTIAL TREATMENT REQUESTED", "", {}});
  b.push_back(Block{Block::kTitle, Upper(ag.title), "", {}});
  b.push_back(Block{Block::kPara, "This " + ag.title + " (this \"Agreement\") is entered into as of " + LongDate(ag.dated) +
                                      " (the \"Effective Date\") by and between " + orgs_[ag.reg].legal + ", a " +
                                      orgs_[ag.reg].state + " corporation (\"" + orgs_[ag.reg].short_name + "\"), and " +
                                      orgs_[ag.partner].legal + " (\"" + orgs_[ag.partner].short_name + "\").", "", {}});
  b.push_back(Block{Block::kHeading, "RECITALS", "", {}});
  b.push_back(Block{Block::kPara, "WHEREAS, " + orgs_[ag.reg].short_name + " has developed certain proprietary technology; and WHEREAS, " +
                                      orgs_[ag.partner].short_name + " desires to obtain rights to such technology on the terms set forth herein;", "", {}});
  b.push_back(Block{Block::kPara, "NOW, THEREFORE, in consideration of the mutual covenants contained herein, the parties agree as follows:", "", {}});
  b.push_back(Block{Block::kHeading, "ARTICLE 1 DEFINITIONS", "", {}});
  b.push_back(Block{Block::kPara, "1.1 \"Affiliate\" means any entity that controls, is controlled by or is under common control with a party, for so long as such control exists.", "", {}});
  b.push_back(Block{Block::kPara, "1.2 \"Net Sales\" means the gross amounts invoiced for sales of Licensed Products, less customary deductions. [***]", "", {}});
  if (full_) ContractArticles(&b, a);
  b.push_back(Block{Block::kHeading, "ARTICLE 9 TERM AND TERMINATION", "", {}});
  b.push_back(Block{Block::kPara, "9.1 Term. This Agreement shall commence on the Effective Date and continue for " + std::to_string(ag.years) +
                                      " years, unless earlier terminated as provided herein.", "", {}});
  b.push_back(Block{Block::kPara, "9.2 Termination for Breach. Either party may terminate this Agreement upon sixty (60) days' written notice if the other party materially breaches this Agreement and fails to cure such breach.", "", {}});
  if (full_) ContractClosing(&b, a);
  b.push_back(Block{Block::kPara, "IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.", "", {}});
  return b;
}

// ---------------------------------------------------------------- the full-length mix
//
// What an 8-K carries besides its facts, at the lengths real filings have
// them: earnings releases' statements of operations and balance sheets,
// executives' quotes, "About" sections, the risk factors of a safe-harbor
// statement, and a filed contract's articles. None of it tells an event
// (the extractor must not find one in it) or names an entity the filing
// did not already name, so the gold is the same as the lean mix's.

namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& sep, const std::string& last_sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? (i + 1 == parts.size() ? last_sep : sep) : "") + parts[i];
  return out;
}

// k thousands as a statement writes them: 12,345 or (12,345).
std::string Thousands(long long k) { return k < 0 ? "(" + WithCommas(-k) + ")" : WithCommas(k); }

}  // namespace

void Generator::FinancialTables(std::vector<Block>* b) {
  const Org& r = orgs_[reg_];
  int y = ToYmd(day_ - 40).y;
  bool biotech = r.industry == kBiotech;
  // Columns: the quarter, the same quarter a year before, twelve months,
  // twelve months a year before. Lines are drawn per column; totals, the
  // operating result, net result and per-share figures are computed, so the
  // statement adds up.
  long long scale = fill_.Range(2, 900) * 1000LL;  // quarterly revenues, thousands
  auto line = [&](long long base) {
    std::vector<long long> v(4);
    for (int c = 0; c < 4; ++c) v[c] = base * (c >= 2 ? 4 : 1) * fill_.Range(70, 130) / 100;
    return v;
  };
  auto sum = [](const std::vector<std::vector<long long>>& lines) {
    std::vector<long long> v(4, 0);
    for (const auto& l : lines) for (int c = 0; c < 4; ++c) v[c] += l[c];
    return v;
  };
  std::vector<std::string> revenue_names = biotech ? std::vector<std::string>{"Product revenue, net", "Collaboration revenue", "License and milestone revenue"}
                                                   : std::vector<std::string>{"Product revenue", "Service revenue"};
  std::vector<std::vector<long long>> revenue;
  for (size_t i = 0; i < revenue_names.size(); ++i) revenue.push_back(line(scale / static_cast<long long>(i + 2)));
  std::vector<std::string> cost_names = {"Cost of revenue", "Research and development", "Selling, general and administrative"};
  std::vector<std::vector<long long>> costs = {line(scale / 5), line(scale * (biotech ? 9 : 2) / 10), line(scale * 3 / 10)};
  std::vector<long long> total_rev = sum(revenue), total_cost = sum(costs), operating(4), interest = line(scale / 40 + 1), other = line(-(scale / 90) - 1), net(4);
  for (int c = 0; c < 4; ++c) {
    operating[c] = total_rev[c] - total_cost[c];
    net[c] = operating[c] + interest[c] + other[c];
  }
  long long shares = fill_.Range(20, 400) * 1000LL;
  std::vector<long long> share_cols = {shares, shares * 9 / 10, shares * 98 / 100, shares * 88 / 100};
  Block ops{Block::kTable, "", "", {}};
  auto row = [&](const std::string& label, const std::vector<long long>& v, bool dollar) {
    std::vector<std::string> cells = {label};
    for (long long x : v) cells.push_back((dollar ? "$" : "") + Thousands(x));
    ops.rows.push_back(cells);
  };
  b->push_back(Block{Block::kCenter, Upper(r.legal), "", {}});
  b->push_back(Block{Block::kCenter, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", "", {}});
  b->push_back(Block{Block::kCenter, "(Unaudited; in thousands, except per share data)", "", {}});
  ops.rows.push_back({"", "Three Months Ended", "", "Twelve Months Ended", ""});
  ops.rows.push_back({"", std::to_string(y), std::to_string(y - 1), std::to_string(y), std::to_string(y - 1)});
  ops.rows.push_back({"Revenues:", "", "", "", ""});
  for (size_t i = 0; i < revenue.size(); ++i) row(revenue_names[i], revenue[i], i == 0);
  row("Total revenues", total_rev, false);
  ops.rows.push_back({"Operating expenses:", "", "", "", ""});
  for (size_t i = 0; i < costs.size(); ++i) row(cost_names[i], costs[i], false);
  row("Total operating expenses", total_cost, false);
  row("Income (loss) from operations", operating, false);
  row("Interest income", interest, false);
  row("Other income (expense), net", other, false);
  row("Net income (loss)", net, true);
  std::vector<std::string> eps = {"Net income (loss) per share, basic and diluted"};
  for (int c = 0; c < 4; ++c) {
    double x = static_cast<double>(net[c]) / static_cast<double>(share_cols[c]);
    char buf[32];
    std::snprintf(buf, sizeof buf, x < 0 ? "$(%.2f)" : "$%.2f", std::fabs(x));
    eps.push_back(buf);
  }
  ops.rows.push_back(eps);
  row("Weighted-average shares outstanding", share_cols, false);
  b->push_back(ops);
  b->push_back(Block{Block::kCenter, "CONDENSED CONSOLIDATED BALANCE SHEET DATA", "", {}});
  b->push_back(Block{Block::kCenter, "(Unaudited; in thousands)", "", {}});
  Block bs{Block::kTable, "", "", {}};
  bs.rows.push_back({"", vars_["qend"], "December 31, " + std::to_string(y - 1)});
  auto two = [&](long long base) { return std::vector<long long>{base * fill_.Range(70, 130) / 100, base * fill_.Range(70, 130) / 100}; };
  std::vector<std::pair<std::string, std::vector<long long>>> assets = {
      {"Cash and cash equivalents", two(scale * 3)}, {"Marketable securities", two(scale * 2)},
      {"Accounts receivable, net", two(scale / 2)}, {"Property, equipment and other assets", two(scale)}};
  std::vector<std::pair<std::string, std::vector<long long>>> liabilities = {
      {"Accounts payable and accrued expenses", two(scale / 2)}, {"Deferred revenue", two(scale / 3)}, {"Other liabilities", two(scale / 4)}};
  std::vector<long long> ta(2, 0), tl(2, 0);
  auto brow = [&](const std::string& label, const std::vector<long long>& v, bool dollar) {
    bs.rows.push_back({label, (dollar ? "$" : "") + Thousands(v[0]), (dollar ? "$" : "") + Thousands(v[1])});
  };
  for (size_t i = 0; i < assets.size(); ++i) {
    brow(assets[i].first, assets[i].second, i == 0);
    for (int c = 0; c < 2; ++c) ta[c] += assets[i].second[c];
  }
  brow("Total assets", ta, true);
  for (const auto& [label, v] : liabilities) {
    brow(label, v, false);
    for (int c = 0; c < 2; ++c) tl[c] += v[c];
  }
  brow("Total liabilities", tl, false);
  brow("Total stockholders' equity", {ta[0] - tl[0], ta[1] - tl[1]}, false);
  brow("Total liabilities and stockholders' equity", ta, true);
  b->push_back(bs);
  b->push_back(Block{Block::kPara, FillF("[Non-GAAP financial measures exclude stock-based compensation, amortization of acquired intangible assets and restructuring charges.|The Company believes that the non-GAAP measures, viewed together with its GAAP results, provide a more complete understanding of its operating performance.] [A reconciliation of these measures to the most directly comparable GAAP measures is available on the Company's website.|Non-GAAP measures should not be considered in isolation from, or as a substitute for, measures prepared in accordance with GAAP.]"), "", {}});
}

void Generator::ReleaseExtras(std::vector<Block>* b) {
  const Org& r = orgs_[reg_];
  if (std::find(items_.begin(), items_.end(), "2.02") != items_.end()) FinancialTables(b);
  if (signer_ >= 0) {
    const Person& who = people_[signer_];
    std::vector<std::string> q = {
        "[We are pleased with|We are encouraged by] the [continued progress|momentum] [across our business|in our programs] [this year|in recent months]",
        "[Our priority|Our focus] remains [disciplined execution|the execution of our strategy] and [the careful use of our capital|delivering long-term value for our shareholders]",
        "[We believe|We continue to believe] that [our strategy positions us well|we have the team and the resources] to [create value|build a durable business] over the long term"};
    if (product_ >= 0) q.push_back("[We believe|We continue to believe] " + products_[product_].name + " [has the potential to|could] [address a significant unmet need|become an important option] for patients with " + products_[product_].indication);
    if (partner_ >= 0 && orgs_[partner_].used) q.push_back("[Our relationship|Working] with " + orgs_[partner_].short_name + " [continues to|has the potential to] [broaden the reach of our work|strengthen our position in the market]");
    std::string first = q[fill_.Below(static_cast<uint32_t>(q.size()))];
    std::string second = q[fill_.Below(static_cast<uint32_t>(q.size()))];
    std::string text = "\"" + first + ",\" said " + who.Full() + ", " + who.title + " of " + r.short_name + ".";
    if (second != first) text += " \"" + second + ".\"";
    b->push_back(Block{Block::kPara, FillF(text), "", {}});
  }
  if (product_ >= 0 && products_[product_].used) {
    const Product& p = products_[product_];
    b->push_back(Block{Block::kHeading, "About " + p.name, "", {}});
    b->push_back(Block{Block::kPara, FillF(p.name + " is an investigational [antibody-drug conjugate|small molecule|monoclonal antibody|cell therapy] [being developed|in development] for the treatment of " + p.indication +
                                           ". [It is designed to|The product candidate is designed to] [selectively target tumor cells while sparing healthy tissue|block a pathway implicated in disease progression]. " +
                                           p.name + " [is an investigational agent and has not been|has not been] [approved|cleared] for any use, and its safety and efficacy have not been established."),
                       "", {}});
  }
}

void Generator::AboutPartner(std::vector<Block>* b) {
  if (partner_ < 0 || partner_ == reg_ || !orgs_[partner_].used) return;
  const Org& p = orgs_[partner_];
  std::string what = p.industry == kBiotech ? "[a global biopharmaceutical company|a biotechnology company|a research-based pharmaceutical company]"
                     : p.industry == kTech ? "[a technology company|a provider of software and services]"
                     : p.industry == kEnergy ? "[an energy company|an integrated energy company]"
                     : p.industry == kFinance ? "[a financial services company|an investment firm]"
                     : p.industry == kConsumer ? "[a consumer products company|a retailer]"
                                               : "[an industrial company|a manufacturer of engineered products]";
  b->push_back(Block{Block::kHeading, "About " + p.short_name, "", {}});
  std::string where = p.city.empty() ? "" : " [headquartered|based] in " + p.city + (p.state_abbr.empty() ? "" : ", " + p.state_abbr);
  b->push_back(Block{Block::kPara, FillF(p.legal + " is " + what + where + ". " + p.short_name +
                                         " [operates in more than " + std::to_string(fill_.Range(5, 90)) + " countries|has approximately " +
                                         WithCommas(fill_.Range(2, 900) * 100LL) + " employees] and [is committed to|focuses on] [innovation|serving its customers]. For more information, visit www." +
                                         Slug(p.short_name) + ".com."),
                     "", {}});
}

void Generator::RiskFactors(std::vector<Block>* b) {
  static const char* kRisks[] = {
      "the uncertainties inherent in research and development, including the timing and results of clinical trials",
      "the Company's ability to obtain and maintain regulatory approval of its product candidates",
      "the timing of regulatory submissions and the possibility that regulators may disagree with the Company's interpretation of data",
      "the Company's dependence on third parties for the manufacture and supply of its products",
      "the risk that collaborators may not devote sufficient resources to the development of partnered programs",
      "the possibility that a collaboration or license agreement may be terminated or may not be renewed on acceptable terms",
      "competition from other companies, including companies with greater financial resources",
      "the Company's ability to protect its intellectual property and to operate without infringing the rights of others",
      "the Company's need for additional capital and the availability of financing on acceptable terms",
      "changes in general economic, business, political and regulatory conditions",
      "fluctuations in the Company's operating results and the price of its common stock",
      "the Company's ability to attract and retain key personnel",
      "the outcome of pending or future litigation",
      "the impact of public health crises on the Company's operations and those of its suppliers",
      "changes in tax laws and accounting standards",
      "the Company's ability to integrate acquired businesses and to realize the anticipated benefits of acquisitions",
      "cybersecurity incidents and disruptions of the Company's information technology systems",
      "pricing pressure and changes in reimbursement by third-party payers",
      "the risk that the Company's estimates of market size and demand prove inaccurate",
      "product liability claims and the adequacy of the Company's insurance coverage"};
  std::vector<std::string> picked;
  size_t n = sizeof kRisks / sizeof *kRisks;
  size_t start = fill_.Below(static_cast<uint32_t>(n));
  size_t count = static_cast<size_t>(fill_.Range(7, 13));
  for (size_t i = 0; i < count; ++i) picked.push_back(kRisks[(start + i * 7) % n]);
  b->push_back(Block{Block::kPara, FillF("[Factors that could cause actual results to differ materially|Important factors that could cause or contribute to such differences] include, but are not limited to, ") +
                                       Join(picked, "; ", "; and ") + ".", "", {}});
  b->push_back(Block{Block::kPara, FillF("[These and other risks are described in greater detail under the caption \"Risk Factors\" in {R}'s most recent Annual Report on Form 10-K and in its subsequent Quarterly Reports on Form 10-Q.|A further description of these risks is included in {R}'s filings with the Securities and Exchange Commission.] Any forward-looking statements [contained in this press release|herein] speak only as of the date hereof, and {R} [expressly disclaims any|undertakes no] obligation to update them, except as required by law."),
                     "", {}});
}

void Generator::ContractArticles(std::vector<Block>* b, int a) {
  const Agreement& ag = agreements_[a];
  const std::string R = orgs_[ag.reg].short_name, P = orgs_[ag.partner].short_name;
  static const char* kTerms[] = {
      "\"Applicable Law\" means all laws, rules and regulations applicable to the activities conducted under this Agreement.",
      "\"Change of Control\" means, with respect to a party, a merger or consolidation in which the holders of its voting securities hold less than fifty percent of the surviving entity.",
      "\"Commercially Reasonable Efforts\" means the efforts and resources that a similarly situated company would use for a product of similar market potential at a similar stage of development.",
      "\"Confidential Information\" means all non-public information disclosed by one party to the other under this Agreement, in any form.",
      "\"Field\" means the diagnosis, prevention and treatment of all human diseases and conditions.",
      "\"First Commercial Sale\" means the first sale of a Licensed Product to a third party after Regulatory Approval in the country of sale.",
      "\"Know-How\" means unpatented inventions, data, methods, processes and other technical information.",
      "\"Licensed Patents\" means the patents and patent applications listed in Schedule 1.15 and any continuations, divisionals and extensions thereof.",
      "\"Licensed Product\" means any product that incorporates or is made using the Licensed Technology.",
      "\"Regulatory Approval\" means all approvals of a regulatory authority necessary to market and sell a Licensed Product in a jurisdiction.",
      "\"Royalty Term\" means, on a country-by-country basis, the period beginning on the First Commercial Sale and ending on the later of the expiration of the last Valid Claim and ten years thereafter.",
      "\"Sublicensee\" means a third party to which a party grants a sublicense of its rights under this Agreement.",
      "\"Territory\" means all countries of the world.",
      "\"Valid Claim\" means a claim of an issued and unexpired patent that has not been held invalid by a court of competent jurisdiction."};
  size_t n = sizeof kTerms / sizeof *kTerms;
  size_t count = static_cast<size_t>(fill_.Range(8, static_cast<int>(n)));
  for (size_t i = 0; i < count; ++i) b->push_back(Block{Block::kPara, "1." + std::to_string(i + 3) + " " + kTerms[i], "", {}});
  auto heading = [&](const std::string& t) { b->push_back(Block{Block::kHeading, t, "", {}}); };
  auto clause = [&](const std::string& t) { b->push_back(Block{Block::kPara, t, "", {}}); };
  heading("ARTICLE 2 LICENSE GRANTS");
  clause("2.1 License to " + P + ". Subject to the terms of this Agreement, " + R + " hereby grants to " + P +
         " an exclusive, royalty-bearing license, with the right to grant sublicenses as provided in Section 2.2, under the Licensed Patents and Know-How to develop, manufacture and commercialize Licensed Products in the Field in the Territory.");
  clause("2.2 Sublicenses. " + P + " may grant sublicenses through multiple tiers to its Affiliates without consent, and to third parties with the prior written consent of " + R +
         ", which shall not be unreasonably withheld. Each sublicense shall be consistent with the terms of this Agreement.");
  clause("2.3 Retained Rights. " + R + " retains the right to practice the Licensed Patents and Know-How to perform its obligations under this Agreement and for internal research purposes.");
  heading("ARTICLE 3 DEVELOPMENT AND COMMERCIALIZATION");
  clause("3.1 Diligence. " + P + " shall use Commercially Reasonable Efforts to develop and obtain Regulatory Approval for at least one Licensed Product in [***] and, following Regulatory Approval, to commercialize such Licensed Product.");
  clause("3.2 Joint Steering Committee. Within thirty (30) days after the Effective Date, the parties shall establish a joint steering committee of " + std::to_string(fill_.Range(2, 4)) +
         " representatives of each party to oversee the development plan. Decisions of the committee shall be made by unanimous vote, with each party having one vote.");
  clause("3.3 Reports. " + P + " shall provide " + R + " with a written report of its development activities no less than [***] per calendar year.");
  heading("ARTICLE 4 FINANCIAL TERMS");
  clause("4.1 Upfront Payment. " + P + " shall pay to " + R + " a one-time, non-refundable, non-creditable upfront payment of [***] within thirty (30) days after receipt of an invoice therefor.");
  clause("4.2 Milestone Payments. " + P + " shall pay to " + R + " the following one-time payments upon the first achievement of each milestone event by a Licensed Product:");
  Block t{Block::kTable, "", "", {}};
  t.rows.push_back({"Milestone Event", "Payment"});
  for (const char* m : {"Dosing of the first patient in a Phase 2 clinical trial", "Dosing of the first patient in a Phase 3 clinical trial",
                        "Acceptance of the first application for Regulatory Approval in the United States", "First Regulatory Approval in the United States",
                        "First Regulatory Approval in the European Union", "Annual Net Sales first exceeding a threshold to be agreed"}) {
    t.rows.push_back({m, "[***]"});
  }
  b->push_back(t);
  clause("4.3 Royalties. " + P + " shall pay to " + R + " tiered royalties on annual Net Sales of Licensed Products at rates ranging from [***] percent to [***] percent, on a Licensed Product-by-Licensed Product and country-by-country basis during the Royalty Term.");
  clause("4.4 Payment Terms. Royalties shall be paid within forty-five (45) days after the end of each calendar quarter. All payments shall be made in United States dollars by wire transfer to an account designated by " + R + ".");
  clause("4.5 Records and Audits. " + P + " shall keep complete and accurate records of Net Sales for three (3) years after the calendar year to which they pertain, and " + R +
         " may have them audited by an independent accounting firm once per calendar year.");
  heading("ARTICLE 5 INTELLECTUAL PROPERTY");
  clause("5.1 Ownership. Each party shall own the inventions made solely by its employees and agents. Inventions made jointly shall be owned jointly.");
  clause("5.2 Prosecution and Maintenance. " + R + " shall have the first right to prepare, file, prosecute and maintain the Licensed Patents, at " + P + "'s expense, and shall keep " + P + " reasonably informed.");
  clause("5.3 Enforcement. Each party shall promptly notify the other of any suspected infringement of the Licensed Patents. " + P + " shall have the first right to bring an action against the infringer in the Field.");
  heading("ARTICLE 6 CONFIDENTIALITY");
  clause("6.1 Obligations. During the term and for " + std::to_string(fill_.Range(5, 10)) +
         " years thereafter, each party shall keep the other party's Confidential Information confidential and shall not use it except as permitted by this Agreement.");
  clause("6.2 Exceptions. The obligations of Section 6.1 shall not apply to information that is or becomes publicly available through no fault of the receiving party, or that is independently developed without use of the Confidential Information.");
  heading("ARTICLE 7 REPRESENTATIONS AND WARRANTIES");
  clause("7.1 Mutual. Each party represents and warrants that it is duly organized and in good standing, that it has full corporate power to enter into this Agreement, and that this Agreement is a legal and binding obligation enforceable against it.");
  clause("7.2 Disclaimer. EXCEPT AS EXPRESSLY SET FORTH IN THIS AGREEMENT, NEITHER PARTY MAKES ANY REPRESENTATION OR WARRANTY, EXPRESS OR IMPLIED, INCLUDING ANY WARRANTY OF MERCHANTABILITY OR FITNESS FOR A PARTICULAR PURPOSE.");
  heading("ARTICLE 8 INDEMNIFICATION");
  clause("8.1 By " + P + ". " + P + " shall indemnify and hold harmless " + R + " and its Affiliates from all losses arising out of third-party claims resulting from the development or commercialization of Licensed Products by " + P + ".");
  clause("8.2 Limitation of Liability. NEITHER PARTY SHALL BE LIABLE TO THE OTHER FOR ANY INDIRECT, SPECIAL OR CONSEQUENTIAL DAMAGES ARISING OUT OF THIS AGREEMENT.");
}

void Generator::ContractClosing(std::vector<Block>* b, int a) {
  const Agreement& ag = agreements_[a];
  const Org& ro = orgs_[ag.reg];
  const Org& po = orgs_[ag.partner];
  auto heading = [&](const std::string& t) { b->push_back(Block{Block::kHeading, t, "", {}}); };
  auto clause = [&](const std::string& t) { b->push_back(Block{Block::kPara, t, "", {}}); };
  clause("9.3 Termination for Convenience. " + po.short_name + " may terminate this Agreement in its entirety for any reason upon " +
         std::string(fill_.Chance(0.5) ? "ninety (90)" : "one hundred eighty (180)") + " days' prior written notice to " + ro.short_name + ".");
  clause("9.4 Termination for Insolvency. Either party may terminate this Agreement upon written notice if the other party becomes insolvent, makes an assignment for the benefit of creditors, or has a petition in bankruptcy filed against it that is not dismissed within sixty (60) days.");
  clause("9.5 Effects of Termination. Upon any termination of this Agreement, all licenses granted hereunder shall terminate, and each party shall return or destroy the other party's Confidential Information.");
  clause("9.6 Survival. Articles 6 and 8 and Sections 4.5, 9.5 and 10.1 shall survive the expiration or termination of this Agreement.");
  heading("ARTICLE 10 MISCELLANEOUS");
  clause(std::string("10.1 Governing Law. This Agreement shall be governed by the laws of the State of ") + (fill_.Chance(0.5) ? "New York" : "Delaware") +
         ", without regard to its conflict of laws principles.");
  clause("10.2 Notices. All notices shall be in writing and delivered by hand, by overnight courier or by registered mail, to " + ro.short_name + " at " + ro.street + ", " + ro.city + ", " +
         ro.state_abbr + " " + ro.zip + ", Attention: General Counsel, and to " + po.short_name + " at the address it designates in writing.");
  clause("10.3 Assignment. Neither party may assign this Agreement without the prior written consent of the other party, except to an Affiliate or to a successor in connection with a Change of Control.");
  clause("10.4 Entire Agreement. This Agreement, including its Schedules, constitutes the entire agreement between the parties concerning its subject matter and supersedes all prior agreements and understandings.");
  clause("10.5 Counterparts. This Agreement may be executed in counterparts, each of which shall be deemed an original and all of which together shall constitute one instrument.");
}

// ---------------------------------------------------------------- rendering

std::string Generator::Esc(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(') ? "&#8220;" : "&#8221;";
    else if (c == '\'' ) out += "&#8217;";
    else out += c;
  }
  return out;
}

std::string RenderTextBlocks(const std::vector<Block>& blocks, bool tabs) {
  std::string out;
  for (const Block& b : blocks) {
    switch (b.kind) {
      case Block::kItem:
        out += "ITEM " + b.text + (b.text.find('.') == std::string::npos ? ". " : " - ") + Upper(b.text2) + "\n\n";
        break;
      case Block::kTable:
        for (const auto& row : b.rows) {
          std::string line;
          for (size_t i = 0; i < row.size(); ++i) line += (i ? (tabs ? "\t" : "    ") : "") + row[i];
          out += line + "\n";
        }
        out += "\n";
        break;
      case Block::kBullet:
        out += "- " + b.text + "\n";
        if (&b == &blocks.back() || (&b + 1)->kind != Block::kBullet) out += "\n";
        break;
      case Block::kSignature:
        out += b.text + "\n";
        break;
      default:
        out += b.text + "\n\n";
    }
  }
  return out;
}

std::string Generator::RenderText(const std::vector<Doc>& docs) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) out += "\n";
    out += RenderTextBlocks(docs[i].blocks, true);
  }
  return out;
}

// The full mix renders the way filer agents' software has written 8-Ks
// since about 2015: every run of text in a span with its whole style,
// tables with spacer columns and a span per cell; the lean mix the older,
// lighter hand-written form. Both read as the same text.
std::string Generator::RenderHtml(const Doc& doc, bool inline_xbrl) {
  const Org& r = orgs_[reg_];
  static const std::string kRun = "<span style=\"color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:400;line-height:120%\">";
  static const std::string kBoldRun = "<span style=\"color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:700;line-height:120%\">";
  static const std::string kCellRun = "<span style=\"color:#000000;font-family:'Times New Roman',sans-serif;font-size:9pt;font-weight:400;line-height:100%\">";
  // A paragraph's text as filer software writes it: a span per sentence.
  auto runs = [&](const std::string& text, const std::string& run) {
    std::string e = Esc(text), out;
    size_t from = 0;
    while (from < e.size()) {
      size_t stop = e.find(". ", from);
      size_t to = stop == std::string::npos ? e.size() : stop + 2;
      out += run + e.substr(from, to - from) + "</span>";
      from = to;
    }
    return out;
  };
  std::string out;
  if (full_) {
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:dei=\"http://xbrl.sec.gov/dei/2023\" "
           "xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\" xmlns:ixt=\"http://www.xbrl.org/inlineXBRL/transformation/2020-02-12\" "
           "xmlns:link=\"http://www.xbrl.org/2003/linkbase\" xmlns:xbrli=\"http://www.xbrl.org/2003/instance\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xml:lang=\"en-US\">\n"
           "<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>" + Esc(doc.description) + "</title>\n</head>\n<body>\n";
  } else {
    out += "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>" +
           Esc(doc.description) + "</title>\n</head>\n<body style=\"font-family: 'Times New Roman', Times, serif; font-size: 10pt\">\n";
  }
  if (inline_xbrl) {
    out += "<div style=\"display:none\"><ix:header><ix:hidden><ix:nonNumeric contextRef=\"c-1\" name=\"dei:AmendmentFlag\">false</ix:nonNumeric>"
           "<ix:nonNumeric contextRef=\"c-1\" name=\"dei:EntityCentralIndexKey\">" + r.cik + "</ix:nonNumeric></ix:hidden>"
           "<ix:resources><xbrli:context id=\"c-1\"><xbrli:entity><xbrli:identifier scheme=\"http://www.sec.gov/CIK\">" + r.cik +
           "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>" + Iso(day_) + "</xbrli:startDate><xbrli:endDate>" + Iso(day_) +
           "</xbrli:endDate></xbrli:period></xbrli:context></ix:resources></ix:header></div>\n";
  }
  out += full_ ? "<div style=\"padding-left:72pt;padding-right:72pt;padding-top:36pt;padding-bottom:36pt\">\n<div>\n"
               : "<div style=\"margin-left: 6%; margin-right: 6%\">\n<div>\n";
  bool first_center_date = true;
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::kCenter: {
        std::string t = Esc(b.text);
        if (inline_xbrl && first_center_date && b.text.rfind("Date of Report", 0) == 0) {
          size_t colon = t.find("): ");
          if (colon != std::string::npos) {
            t = t.substr(0, colon + 3) + "<span style=\"text-decoration: underline\"><ix:nonNumeric contextRef=\"c-1\" name=\"dei:DocumentPeriodEndDate\" format=\"ixt:date-monthname-day-year-en\">" + t.substr(colon + 3) + "</ix:nonNumeric></span>";
          }
          first_center_date = false;
        } else if (inline_xbrl && (b.text == r.legal || b.text == Upper(r.legal))) {
          t = "<ix:nonNumeric contextRef=\"c-1\" name=\"dei:EntityRegistrantName\">" + t + "</ix:nonNumeric>";
        }
        out += full_ ? "<div style=\"margin-top:0pt;margin-bottom:0pt;text-align:center\">" + kBoldRun + t + "</span></div>\n"
                     : "<p style=\"margin: 0pt; text-align: center\"><font style=\"font-size: 10pt\"><b>" + t + "</b></font></p>\n";
        break;
      }
      case Block::kTitle:
        out += full_ ? "<div style=\"margin-top:12pt;margin-bottom:12pt;text-align:center\"><span style=\"color:#000000;font-family:'Times New Roman',sans-serif;font-size:12pt;font-weight:700;line-height:120%\">" +
                           Esc(b.text) + "</span></div>\n"
                     : "<p style=\"text-align: center\"><b><font style=\"font-size: 12pt\">" + Esc(b.text) + "</font></b></p>\n";
        break;
      case Block::kHeading:
        out += full_ ? "<div style=\"margin-top:12pt;margin-bottom:6pt;text-align:justify\"><span style=\"color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:700;line-height:120%;text-decoration:underline\">" +
                           Esc(b.text) + "</span></div>\n"
                     : "<p style=\"margin-top: 12pt\"><b><u>" + Esc(b.text) + "</u></b></p>\n";
        break;
      case Block::kItem: {
        std::string number = b.text + (b.text.find('.') == std::string::npos ? "." : "");
        if (rng_.Chance(0.5)) {
          out += full_ ? "<table style=\"border-collapse:collapse;display:inline-table;margin-bottom:5pt;vertical-align:text-bottom;width:100.000%\"><tr>"
                         "<td style=\"width:12.0%\"></td><td style=\"width:88.0%\"></td></tr><tr><td style=\"padding:2px 1pt;text-align:left;vertical-align:top\">" +
                             kBoldRun + "Item&#160;" + number + "</span></td><td style=\"padding:2px 1pt;text-align:left;vertical-align:top\">" + kBoldRun +
                             Esc(b.text2) + ".</span></td></tr></table>\n"
                       : "<table style=\"width: 100%; border-collapse: collapse\"><tr style=\"vertical-align: top\"><td style=\"width: 12%\"><b>Item&#160;" +
                             number + "</b></td><td><b>" + Esc(b.text2) + ".</b></td></tr></table>\n";
        } else {
          out += full_ ? "<div style=\"margin-top:12pt;margin-bottom:6pt;text-align:justify\">" + kBoldRun + "Item " + number +
                             "</span>" + kBoldRun + "&#160;&#160;&#160;&#160;" + Esc(b.text2) + ".</span></div>\n"
                       : "<p style=\"margin-top: 12pt\"><b>Item " + number + "&#160;&#160;&#160;&#160;" + Esc(b.text2) + ".</b></p>\n";
        }
        break;
      }
      case Block::kPara:
        out += full_ ? "<div style=\"margin-top:6pt;margin-bottom:6pt;text-align:justify;text-indent:36pt\">" + runs(b.text, kRun) + "</div>\n"
                     : "<p style=\"margin: 0pt; text-indent: 0.5in; text-align: justify\"><font style=\"font-family: Times New Roman; font-size: 10pt\">" +
                           Esc(b.text) + "</font></p>\n<p style=\"margin: 0pt\">&#160;</p>\n";
        break;
      case Block::kBullet:
        out += full_ ? "<table style=\"border-collapse:collapse;display:inline-table;margin-bottom:5pt;vertical-align:text-bottom;width:100.000%\"><tr>"
                       "<td style=\"width:3.0%\"></td><td style=\"width:97.0%\"></td></tr><tr><td style=\"padding:2px 1pt;text-align:left;vertical-align:top\">" +
                           kRun + "&#8226;</span></td><td style=\"padding:2px 1pt;text-align:justify;vertical-align:top\">" + runs(b.text, kRun) + "</td></tr></table>\n"
                     : "<table style=\"width: 100%\"><tr><td style=\"width: 0.25in\">&#8226;</td><td>" + Esc(b.text) + "</td></tr></table>\n";
        break;
      case Block::kSignature:
        out += full_ ? "<div style=\"margin-top:0pt;margin-bottom:0pt;padding-left:252pt\">" + kRun + Esc(b.text) + "</span></div>\n"
                     : "<div style=\"margin-left: 50%\">" + Esc(b.text) + "</div>\n";
        break;
      case Block::kTable:
        if (full_) {
          // A label column, then each value column as a "$" cell, the
          // figure and a spacer, as filer software lays statements out.
          size_t cols = 0;
          for (const auto& row : b.rows) cols = std::max(cols, row.size());
          out += "<div style=\"text-align:center\"><table style=\"border-collapse:collapse;display:inline-table;margin-bottom:5pt;vertical-align:text-bottom;width:100.000%\">\n<tr>";
          out += "<td style=\"width:1.0%\"></td><td style=\"width:" + std::to_string(cols > 1 ? 40 : 98) + ".0%\"></td>";
          for (size_t c = 1; c < cols; ++c) out += "<td style=\"width:1.0%\"></td><td style=\"width:1.0%\"></td><td style=\"width:" + std::to_string(54 / std::max<size_t>(cols - 1, 1)) + ".0%\"></td><td style=\"width:1.0%\"></td>";
          out += "</tr>\n";
          for (size_t i = 0; i < b.rows.size(); ++i) {
            const auto& row = b.rows[i];
            out += "<tr>";
            for (size_t c = 0; c < row.size(); ++c) {
              std::string cell = Esc(row[c]);
              std::string border = i == 0 ? "border-bottom:1pt solid #000000;" : "";
              if (c == 0) {
                out += "<td colspan=\"2\" style=\"" + border + "padding:2px 1pt;text-align:left;vertical-align:bottom\">" + kCellRun + cell + "</span></td>";
                continue;
              }
              std::string dollar;
              if (!cell.empty() && cell[0] == '$') {
                dollar = "$";
                cell = cell.substr(1);
              }
              out += "<td style=\"padding:0 1pt\"></td><td style=\"" + border + "padding:2px 0 2px 1pt;text-align:left;vertical-align:bottom\">" +
                     (dollar.empty() ? "" : kCellRun + dollar + "</span>") + "</td><td style=\"" + border +
                     "padding:2px 0;text-align:right;vertical-align:bottom\">" + (cell.empty() ? "" : kCellRun + cell + "</span>") +
                     "</td><td style=\"" + border + "padding:2px 1pt 2px 0;text-align:right;vertical-align:bottom\"></td>";
            }
            out += "</tr>\n";
          }
          out += "</table></div>\n";
          break;
        }
        out += "<div style=\"text-align: center\"><table cellpadding=\"0\" cellspacing=\"0\" style=\"width: 90%; border-collapse: collapse\">\n";
        for (size_t i = 0; i < b.rows.size(); ++i) {
          out += "<tr>";
          for (const std::string& cell : b.rows[i]) {
            out += i == 0 ? "<td style=\"border-bottom: 1pt solid black\"><b>" + Esc(cell) + "</b></td>"
                          : "<td style=\"padding: 0 4pt\">" + Esc(cell) + "&#160;</td>";
          }
          out += "</tr>\n";
        }
        out += "</table></div>\n";
        break;
      case Block::kBreak:
        out += full_ ? "<div style=\"height:36pt;position:relative;width:100%\"></div><hr style=\"page-break-after:always\"/>\n"
                     : "<hr style=\"page-break-after: always\">\n";
        break;
    }
  }
  out += "</div>\n</div>\n</body>\n</html>\n";
  return out;
}

std::string Generator::RenderSgml(const std::vector<Doc>& docs, const std::string& accession) {
  const Org& r = orgs_[reg_];
  std::string d8 = Iso(filed_);
  d8.erase(std::remove(d8.begin(), d8.end(), '-'), d8.end());
  std::string p8 = Iso(day_);
  p8.erase(std::remove(p8.begin(), p8.end(), '-'), p8.end());
  static const std::map<std::string, std::string> kItemNames = {
      {"1.01", "Entry into a Material Definitive Agreement"}, {"1.02", "Termination of a Material Definitive Agreement"},
      {"1.03", "Bankruptcy or Receivership"}, {"2.01", "Completion of Acquisition or Disposition of Assets"},
      {"2.02", "Results of Operations and Financial Condition"}, {"3.02", "Unregistered Sales of Equity Securities"},
      {"4.01", "Changes in Registrant's Certifying Accountant"}, {"4.02", "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review"},
      {"5.01", "Changes in Control of Registrant"}, {"5.02", "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers"},
      {"5.03", "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year"},
      {"5.07", "Submission of Matters to a Vote of Security Holders"}, {"7.01", "Regulation FD Disclosure"},
      {"8.01", "Other Events"}, {"9.01", "Financial Statements and Exhibits"}};
  std::string out;
  out += "<SEC-DOCUMENT>" + accession + ".txt : " + d8 + "\n";
  out += "<SEC-HEADER>" + accession + ".hdr.sgml : " + d8 + "\n";
  out += "<ACCEPTANCE-DATETIME>" + d8 + "16" + std::to_string(10 + rng_.Below(49)) + "22\n";
  out += "ACCESSION NUMBER:\t\t" + accession + "\n";
  out += "CONFORMED SUBMISSION TYPE:\t8-K\n";
  out += "PUBLIC DOCUMENT COUNT:\t\t" + std::to_string(docs.size()) + "\n";
  out += "CONFORMED PERIOD OF REPORT:\t" + p8 + "\n";
  for (const std::string& it : items_) {
    auto f = kItemNames.find(it);
    if (f != kItemNames.end()) out += "ITEM INFORMATION:\t\t" + f->second + "\n";
  }
  out += "FILED AS OF DATE:\t\t" + d8 + "\n";
  out += "DATE AS OF CHANGE:\t\t" + d8 + "\n\n";
  out += "FILER:\n\n\tCOMPANY DATA:\t\n";
  out += "\t\tCOMPANY CONFORMED NAME:\t\t\t" + r.conformed + "\n";
  out += "\t\tCENTRAL INDEX KEY:\t\t\t" + r.cik + "\n";
  static const char* kSic[] = {"PHARMACEUTICAL PREPARATIONS [2834]", "SERVICES-PREPACKAGED SOFTWARE [7372]",
                               "CRUDE PETROLEUM & NATURAL GAS [1311]", "STATE COMMERCIAL BANKS [6022]",
                               "RETAIL-APPAREL & ACCESSORY STORES [5600]", "INDUSTRIAL INSTRUMENTS FOR MEASUREMENT [3823]"};
  out += "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t" + std::string(kSic[r.industry]) + "\n";
  std::string irs = r.irs;
  irs.erase(std::remove(irs.begin(), irs.end(), '-'), irs.end());
  out += "\t\tIRS NUMBER:\t\t\t\t" + irs + "\n";
  out += "\t\tSTATE OF INCORPORATION:\t\t\t" + std::string(r.state == "Delaware" ? "DE" : r.state_abbr) + "\n";
  char fye[8];
  std::snprintf(fye, sizeof fye, "%02d%02d", r.fye_month, r.fye_month == 6 || r.fye_month == 9 ? 30 : 31);
  out += "\t\tFISCAL YEAR END:\t\t\t" + std::string(fye) + "\n\n";
  out += "\tFILING VALUES:\n\t\tFORM TYPE:\t\t8-K\n\t\tSEC ACT:\t\t1934 Act\n";
  out += "\t\tSEC FILE NUMBER:\t000-" + std::to_string(10000 + std::atoi(r.cik.c_str()) % 89999) + "\n";
  out += "\t\tFILM NUMBER:\t\t" + std::to_string(rng_.Range(10000000, 99999999)) + "\n\n";
  out += "\tBUSINESS ADDRESS:\t\n\t\tSTREET 1:\t\t" + Upper(r.street) + "\n\t\tCITY:\t\t\t" + Upper(r.city) +
         "\n\t\tSTATE:\t\t\t" + r.state_abbr + "\n\t\tZIP:\t\t\t" + r.zip + "\n\t\tBUSINESS PHONE:\t\t" + r.phone + "\n";
  for (const std::string& former : r.extra_aliases) {
    out += "\n\tFORMER COMPANY:\t\n\t\tFORMER CONFORMED NAME:\t" + former + "\n\t\tDATE OF NAME CHANGE:\t" +
           std::to_string(ToYmd(day_).y - 3) + "0101\n";
  }
  out += "</SEC-HEADER>\n";
  bool html = ToYmd(day_).y >= 2001;
  int seq = 0;
  for (const Doc& d : docs) {
    out += "<DOCUMENT>\n<TYPE>" + d.type + "\n<SEQUENCE>" + std::to_string(++seq) + "\n<FILENAME>" + d.filename + "\n";
    if (!d.description.empty()) out += "<DESCRIPTION>" + d.description + "\n";
    out += "<TEXT>\n";
    if (d.type == "GRAPHIC") {
      out += "begin 644 " + d.filename + "\n";
      for (int i = 0; i < 6; ++i) {
        std::string line = "M";
        for (int k = 0; k < 60; ++k) line += static_cast<char>(33 + rng_.Below(60));
        out += line + "\n";
      }
      out += "`\nend\n";
    } else if (html) {
      out += RenderHtml(d, d.type == "8-K" && ToYmd(day_).y >= 2019);
    } else {
      out += "<PAGE>\n" + RenderTextBlocks(d.blocks, false);
    }
    out += "</TEXT>\n</DOCUMENT>\n";
  }
  out += "</SEC-DOCUMENT>\n";
  return out;
}

// ---------------------------------------------------------------- one filing

void Generator::MakeFiling(long long index, int day, const std::string& format) {
  fill_ = Rng((seed_ ^ 0x5851F42D4C957F2Dull) * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(index) * 0xD1B54A32D192ED03ull);
  signer_ = -1;
  reg_ = PickRegistrant();
  day_ = day;
  filed_ = NextBusinessDay(day + static_cast<int>(rng_.Below(3)));
  old_items_ = ToYmd(day_).y < 2004 || (ToYmd(day_).y == 2004 && ToYmd(day_).m < 8);
  partner_ = product_ = agreement_ = -1;
  items_.clear();
  body_.clear();
  pr_.clear();
  ex10_.clear();
  mentioned_orgs_.clear();
  pr_headline_.clear();
  pr_lead_.clear();
  Org& r = orgs_[reg_];
  r.used = r.required = true;
  mentioned_orgs_.insert(reg_);
  // The kind of filing: the first 21 cover every kind, then weighted.
  static const int kWeights[kKinds] = {10, 5, 4, 5, 4, 4, 4, 5, 6, 2, 12, 10, 4, 6, 2, 3, 2, 3, 5, 1, 3};
  int kind;
  if (index < kKinds) {
    kind = static_cast<int>(index);
  } else {
    int total = 0;
    for (int w : kWeights) total += w;
    int x = static_cast<int>(rng_.Below(static_cast<uint32_t>(total)));
    for (kind = 0; x >= kWeights[kind]; ++kind) x -= kWeights[kind];
    // Drug-development news from companies that develop drugs.
    if ((kind == kRegulatoryK || kind == kClinicalK || kind == kDiscontinued || kind == kMilestone || kind == kLicenseK) &&
        r.industry != kBiotech) {
      kind = kDealEntered;
    }
  }
  // File names.
  char base[96];
  std::snprintf(base, sizeof base, "%06lld_%s_8k_%s", index, Slug(r.short_name).c_str(), Iso(day_).c_str());
  std::string ext = format == "html" ? ".htm" : ".txt";
  file_ = std::string(base) + ext;
  has_pr_ = kind != kExecCompK && kind != kAuditorK && kind != kRestatementK && kind != kVoteK && rng_.Chance(0.55);
  SetVars();
  vars_["ex"] = r.exchange;
  vars_["tk"] = r.ticker;
  vars_["qend"] = LongDate(day_ - 40);
  vars_["cash"] = MoneyText(1e5 * rng_.Range(100, 30000), &rng_);
  vars_["future_year"] = Year(day_ + 800);
  vars_["bigmoney"] = MoneyText(1e6 * rng_.Range(50, 900), &rng_);
  Scenario(kind);
  if (has_pr_ && pr_headline_.empty()) {
    pr_headline_ = orgs_[reg_].short_name + " Provides Corporate Update";
    pr_lead_ = Expand("{R_legal} today [announced|provided] an update on its business.", vars_, &rng_);
    // The 8-K's main paragraph, retold in the release.
    for (const Block& b : body_) {
      if (b.kind == Block::kPara) {
        pr_.push_back(b);
        break;
      }
    }
  }
  if (has_pr_) {
    std::string lead = Expand("[On {F}, {R} issued a press release [announcing|regarding] the matters described [above|in this report]. A copy of the press release is [attached|furnished] as Exhibit 99.1 to this Current Report on Form 8-K.|A copy of the press release issued by {R} on {F} is attached hereto as Exhibit 99.1 and incorporated herein by reference.]",
                              [&] { auto v = vars_; v["F"] = LongDate(day_); return v; }(), &rng_);
    if (!old_items_ && std::find(items_.begin(), items_.end(), "2.02") == items_.end() && rng_.Chance(0.4)) AddItem("7.01");
    body_.push_back(Block{Block::kPara, lead, "", {}});
    // Events told in the 8-K body and again in the release: the release
    // retells the main paragraph (tellings of the same events).
  }
  bool exhibits = has_pr_ || !ex10_.empty();
  if (exhibits) {
    AddItem("9.01");
    for (Block& b : ExhibitIndex()) body_.push_back(b);
  }
  // The gold filing record.
  FilingGold fg;
  fg.form = "8-K";
  fg.items = items_;
  fg.event_date = Iso(day_);
  fg.dateline = has_pr_ ? Iso(day_) : "";
  // Compose documents.
  Doc main;
  main.type = "8-K";
  main.description = "FORM 8-K";
  main.filename = Slug(r.short_name) + "-" + Iso(day_) + ".htm";
  main.blocks = CoverBlocks();
  for (Block& b : body_) main.blocks.push_back(b);
  for (Block& b : SignatureBlocks()) main.blocks.push_back(b);
  std::vector<Doc> docs = {main};
  if (has_pr_) {
    Doc pr;
    pr.type = "EX-99.1";
    pr.description = "PRESS RELEASE";
    pr.filename = Slug(r.short_name) + "-ex991_" + Iso(day_) + ".htm";
    pr.blocks = PressReleaseBlocks();
    docs.push_back(pr);
  }
  for (size_t i = 0; i < ex10_.size(); ++i) {
    Doc ex;
    ex.type = "EX-10." + std::to_string(i + 1);
    ex.description = "EX-10." + std::to_string(i + 1);
    ex.filename = Slug(r.short_name) + "-ex10" + std::to_string(i + 1) + ".htm";
    ex.blocks = ContractExcerpt(ex10_[i]);
    docs.push_back(ex);
  }
  std::string bytes;
  std::string exfile;  // the press release as its own file (HTML form only)
  if (format == "sgml") {
    Doc g;
    g.type = "GRAPHIC";
    g.filename = "logo" + std::to_string(index % 1000) + ".jpg";
    docs.push_back(g);
    char acc[32];
    std::snprintf(acc, sizeof acc, "%010d-%02d-%06lld", std::atoi(r.cik.c_str()), ToYmd(filed_).y % 100, index % 1000000);
    bytes = RenderSgml(docs, acc);
  } else if (format == "html") {
    bool xbrl = ToYmd(day_).y >= 2019;
    if (has_pr_ && rng_.Chance(0.5)) {
      exfile = std::string(base) + "_ex99-1.htm";
      bytes = RenderHtml(docs[0], xbrl);
      WriteFile(exfile, RenderHtml(docs[1], false));
      filings_[exfile] = FilingGold{"EX-99.1", {}, "", Iso(day_)};
      fg.dateline = "";
    } else {
      Doc d = docs[0];
      if (has_pr_) {
        // Pasted after the 8-K, as some filers do.
        d.blocks.push_back(Block{Block::kBreak, "", "", {}});
        for (const Block& b : docs[1].blocks) d.blocks.push_back(b);
      }
      bytes = RenderHtml(d, xbrl);
    }
  } else {
    std::vector<Doc> text_docs = {docs[0]};
    if (has_pr_) text_docs.push_back(docs[1]);
    bytes = RenderText(text_docs);
  }
  WriteFile(file_, bytes);
  filings_[file_] = fg;
  // Sources of the events told here.
  for (const auto& [idx, mask] : told_) {
    GoldEvent& ev = gold_[idx];
    auto add = [&](const std::string& f) {
      if (std::find(ev.sources.begin(), ev.sources.end(), f) == ev.sources.end()) ev.sources.push_back(f);
    };
    if (exfile.empty()) {
      add(file_);
    } else {
      if (mask & 1) add(file_);
      if (mask & 2) add(exfile);
    }
    // "today announced ...": a reader dates that telling by the dateline.
    if ((mask & 4) && has_pr_ && Iso(day_) != ev.date &&
        std::find(ev.alt_dates.begin(), ev.alt_dates.end(), Iso(day_)) == ev.alt_dates.end()) {
      ev.alt_dates.push_back(Iso(day_));
    }
  }
}

void Generator::WriteFile(const std::string& name, const std::string& bytes) {
  std::string path = out_dir_ + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "dealgraph-gen: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
  }
}

// ---------------------------------------------------------------- gold JSON

std::string Json(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}
std::string JsonList(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Json(v[i]);
  return out + "]";
}
std::string Amount(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void Generator::WriteGold(const std::string& path, uint64_t seed) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "dealgraph-gen: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
  }
  std::string out = "{\n  \"name\": \"generated\",\n  \"about\": " +
                    Json("Planted events and entities of " + std::to_string(count_) + " synthetic 8-K filings written by dealgraph-gen --seed " +
                         std::to_string(seed) + " (bench/gen_corpus.cpp). Event and entity contract: docs/events.md") +
                    ",\n  \"filings\": {\n";
  size_t n = 0;
  for (const auto& [name, fg] : filings_) {
    out += "    " + Json(name) + ": {\"form\": " + Json(fg.form) + ", \"items\": " + JsonList(fg.items) +
           ", \"event_date\": " + (fg.event_date.empty() ? "null" : Json(fg.event_date)) +
           ", \"dateline\": " + (fg.dateline.empty() ? "null" : Json(fg.dateline)) + "}" + (++n < filings_.size() ? ",\n" : "\n");
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), f);
      out.clear();
    }
  }
  out += "  },\n  \"entities\": [\n";
  std::vector<std::string> ents;
  auto entity = [&](const std::string& id, const char* type, const std::string& name, std::vector<std::string> aliases, bool optional) {
    std::vector<std::string> a;
    for (std::string& x : aliases) if (x != name && std::find(a.begin(), a.end(), x) == a.end()) a.push_back(x);
    ents.push_back("    {\"id\": " + Json(id) + ", \"type\": \"" + type + "\", \"name\": " + Json(name) + ", \"aliases\": " +
                   JsonList(a) + (optional ? ", \"optional\": true" : "") + "}");
  };
  for (const Org& o : orgs_) {
    if (!o.used) continue;
    std::vector<std::string> al = {o.legal, o.short_name, o.conformed};
    if (o.registrant) al.push_back(o.ticker);
    entity(o.gid, "organization", o.name, al, false);
  }
  // Agencies named by regulatory events; the rest of the public bodies,
  // exchanges, courts and conferences the boilerplate names are optional.
  static const struct { const char* id; const char* name; std::vector<std::string> aliases; } kFixed[] = {
      {"fda", "FDA", {"U.S. Food and Drug Administration", "US Food and Drug Administration", "Food and Drug Administration", "U.S. FDA", "the FDA"}},
      {"ema", "EMA", {"European Medicines Agency"}},
      {"healthcanada", "Health Canada", {}},
      {"pmda", "PMDA", {"Pharmaceuticals and Medical Devices Agency", "Japan's Pharmaceuticals and Medical Devices Agency"}}};
  for (const auto& a : kFixed) {
    if (agencies_used_.count(a.id)) entity(a.id, "organization", a.name, a.aliases, false);
  }
  entity("sec", "organization", "Securities and Exchange Commission", {"SEC", "U.S. Securities and Exchange Commission", "UNITED STATES SECURITIES AND EXCHANGE COMMISSION"}, true);
  entity("nasdaq", "organization", "Nasdaq", {"NASDAQ", "The Nasdaq Global Market", "Nasdaq Global Market"}, true);
  entity("nyse", "organization", "NYSE", {"New York Stock Exchange", "NYSE American"}, true);
  entity("courts", "organization", "United States District Court",
         {"United States Bankruptcy Court", "Bankruptcy Court", "Court of Chancery of the State of Delaware", "Court of Chancery",
          "United States District Court for the District of Delaware", "United States District Court for the Southern District of New York",
          "United States District Court for the Northern District of California", "United States District Court for the District of Massachusetts",
          "United States Bankruptcy Court for the District of Delaware", "United States Bankruptcy Court for the Southern District of New York",
          "United States Bankruptcy Court for the Southern District of Texas", "United States Bankruptcy Court for the District of New Jersey"}, true);
  entity("conferences", "organization", "American Society of Clinical Oncology",
         {"ASCO", "American Society of Hematology", "ASH", "European Society for Medical Oncology", "ESMO",
          "American Association for Cancer Research", "AACR"}, true);
  entity("wires", "organization", "PR Newswire", {"PRNewswire", "GLOBE NEWSWIRE", "Business Wire"}, true);
  for (const Person& p : people_) {
    if (!p.used) continue;
    std::vector<std::string> al;
    if (plain_count_[p.Plain()] == 1) al.push_back(p.Plain());
    if (!p.middle.empty()) al.push_back(p.first + " " + p.middle + ". " + p.last);
    entity(p.gid, "person", p.Full(), al, !p.required);
  }
  for (const Product& p : products_) {
    if (p.used) entity(p.gid, "product", p.name, p.aliases, false);
  }
  for (const Org& o : orgs_) {
    if (o.used && !o.technology.empty() && o.registrant) {
      std::string acr = o.technology.substr(o.technology.find('(') + 1);
      acr = acr.substr(0, acr.find(')'));
      entity("tech-" + o.gid, "product", o.technology, {acr + " technology", acr}, true);
    }
  }
  for (const Agreement& a : agreements_) {
    if (a.used) entity(a.gid, "agreement", orgs_[a.partner].short_name + " " + a.title, {a.title, a.defined}, true);
  }
  for (size_t i = 0; i < ents.size(); ++i) {
    out += ents[i] + (i + 1 < ents.size() ? ",\n" : "\n");
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), f);
      out.clear();
    }
  }
  out += "  ],\n  \"events\": [\n";
  for (size_t i = 0; i < gold_.size(); ++i) {
    const GoldEvent& e = gold_[i];
    out += "    {\"id\": " + Json(e.id) + ", \"type\": " + Json(e.type);
    if (!e.alt_types.empty()) out += ", \"alt_types\": " + JsonList(e.alt_types);
    out += ", \"date\": " + Json(e.date);
    if (!e.alt_dates.empty()) out += ", \"alt_dates\": " + JsonList(e.alt_dates);
    out += ", \"parties\": " + JsonList(e.parties);
    if (!e.agreement.empty()) out += ", \"agreement\": " + Json(e.agreement);
    if (e.amount >= 0) out += ", \"amount_usd\": " + Amount(e.amount);
    if (e.optional) out += ", \"optional\": true";
    out += ", \"sources\": " + JsonList(e.sources) + ", \"note\": " + Json(e.note) + "}" + (i + 1 < gold_.size() ? ",\n" : "\n");
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), f);
      out.clear();
    }
  }
  out += "  ]\n}\n";
  std::fwrite(out.data(), 1, out.size(), f);
  if (std::fclose(f) != 0) {
    std::fprintf(stderr, "dealgraph-gen: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

void Generator::Run(const std::string& out_dir, const std::vector<std::string>& formats, const std::string& gold_path,
                    uint64_t seed) {
  out_dir_ = out_dir;
  formats_ = formats;
  MakeUniverse();
  // Filing dates spread evenly over 1996-2025, in order, so stories told
  // across filings run forward in time.
  const int first = synth::DaysFromCivil(1996, 1, 2), last = synth::DaysFromCivil(2025, 11, 28);
  double step = static_cast<double>(last - first) / static_cast<double>(std::max<long long>(count_, 1));
  for (long long i = 0; i < count_; ++i) {
    int day = first + static_cast<int>(step * static_cast<double>(i) + rng_.Unit() * step);
    day = NextBusinessDay(day);
    told_.clear();
    part_ = 1;
    MakeFiling(i, day, formats[static_cast<size_t>(i % static_cast<long long>(formats.size()))]);
  }
  WriteGold(gold_path, seed);
  int required = 0;
  for (const GoldEvent& e : gold_) required += !e.optional;
  std::fprintf(stderr, "dealgraph-gen: %lld filings (%zu files) in %s, %d planted events (%zu with optional ones); gold %s\n",
               count_, filings_.size(), out_dir.c_str(), required, gold_.size(), gold_path.c_str());
  for (const auto& [type, n] : type_counts_) std::fprintf(stderr, "  %-24s %d\n", type.c_str(), n);
}

}  // namespace

int main(int argc, char** argv) {
  long long count = -1;
  uint64_t seed = 1;
  std::string out, gold, formats = "sgml,html,text", mix = "full";
  auto usage = [] {
    std::fprintf(stderr,
                 "usage: dealgraph-gen --count N --seed S --out DIR [--formats text,html,sgml] [--gold FILE]\n"
                 "                     [--mix full|lean]\n"
                 "  writes N synthetic 8-K filings into DIR (created) and the planted events and entities as\n"
                 "  a gold file in the format of data/gold/*.json (default DIR.gold.json, beside DIR);\n"
                 "  the same seed gives byte-identical output. --mix lean (the corpus of versions 0.1–0.11) leaves\n"
                 "  out what filings carry besides their facts: quotes, financial tables, risk factors, whole\n"
                 "  contract articles, filer agents' markup; the same facts and gold either way\n");
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "dealgraph-gen: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--count") count = std::atoll(next().c_str());
    else if (a == "--seed") seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--out") out = next();
    else if (a == "--formats") formats = next();
    else if (a == "--gold") gold = next();
    else if (a == "--mix") mix = next();
    else if (a == "-h" || a == "--help") return usage(), 0;
    else {
      std::fprintf(stderr, "dealgraph-gen: unknown argument %s\n", a.c_str());
      return usage();
    }
  }
  if (count < 0 || out.empty()) return usage();
  if (mix != "full" && mix != "lean") {
    std::fprintf(stderr, "dealgraph-gen: unknown mix '%s' (full, lean)\n", mix.c_str());
    return 2;
  }
  std::vector<std::string> fmts;
  for (size_t p = 0; p <= formats.size();) {
    size_t e = formats.find(',', p);
    if (e == std::string::npos) e = formats.size();
    std::string f = formats.substr(p, e - p);
    if (f == "txt") f = "text";
    if (f == "htm") f = "html";
    if (f != "text" && f != "html" && f != "sgml") {
      std::fprintf(stderr, "dealgraph-gen: unknown format '%s' (text, html, sgml)\n", f.c_str());
      return 2;
    }
    fmts.push_back(f);
    p = e + 1;
  }
  while (!out.empty() && out.size() > 1 && out.back() == '/') out.pop_back();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "dealgraph-gen: cannot create %s: %s\n", out.c_str(), ec.message().c_str());
    return 1;
  }
  if (gold.empty()) gold = out + ".gold.json";
  Generator g(seed, count, mix == "full");
  g.Run(out, fmts, gold, seed);
  return 0;
}
