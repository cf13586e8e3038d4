// Shared pieces of the synthetic data makers (bench/gen_corpus.cpp,
// bench/query_bench.cpp): a portable PRNG and pools of name parts.
//
// Everything here is deterministic across compilers and standard libraries:
// the generator is splitmix64 and every draw is done by hand (no
// std::uniform_int_distribution and friends, whose output is not specified).
#ifndef DEALGRAPH_BENCH_SYNTH_H_
#define DEALGRAPH_BENCH_SYNTH_H_

#include <cstdint>
#include <cstdio>
#include <utility>
#include <string>
#include <vector>

namespace dealgraph::synth {

// splitmix64 (Steele, Lea, Flood 2014): 64-bit state, one multiply-xorshift
// output per step. Fast, and good enough for synthetic data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift (bias < 2^-32 for our n).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32); }
  // Uniform in [lo, hi].
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(static_cast<uint32_t>(v.size()))]; }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) { return a[Below(static_cast<uint32_t>(N))]; }
  // A child generator whose stream does not overlap this one in practice.
  Rng Fork(uint64_t salt) { return Rng(Next() ^ (salt * 0xD1B54A32D192ED03ull)); }

 private:
  uint64_t state_;
};

template <typename T>
void Shuffle(std::vector<T>* v, Rng* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = rng->Below(static_cast<uint32_t>(i));
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

// Coined company stems: onset + coda ("Corvexa", "Talion"). 56 x 24 = 1344.
inline const std::vector<std::string>& Onsets() {
  static const std::vector<std::string> v = {
      "Ar",   "Bel", "Cal", "Cor",  "Dar",  "El",  "Fen", "Gal", "Hal",  "Ist",  "Jen", "Kor", "Lum", "Mar",
      "Nor",  "Ob",  "Pra", "Quan", "Rav",  "Sol", "Tal", "Ul",  "Ver",  "Wex",  "Xen", "Yor", "Zen", "Ax",
      "Bri",  "Cyn", "Del", "Ev",   "Fir",  "Gen", "Hel", "Ion", "Kal",  "Lex",  "Mer", "Nex", "Or",  "Pel",
      "Rho",  "Sev", "Tor", "Vi",   "Zy",   "Aur", "Cel", "Ner", "Tris", "Osm",  "Ped", "Sar", "Vant", "Lyr"};
  return v;
}
inline const std::vector<std::string>& Codas() {
  static const std::vector<std::string> v = {"ava", "exa", "ion", "ora", "ix",  "eon", "ana",  "ity",
                                             "yx",  "ova", "era", "ium", "ant", "is",  "one",  "ara",
                                             "ent", "ia",  "on",  "igen", "ax", "ello", "ios", "ulo"};
  return v;
}
// Plain-word stems for older, industrial-sounding names.
inline const std::vector<std::string>& WordStems() {
  static const std::vector<std::string> v = {
      "Blue Ridge", "Summit",    "Harbor",   "Pioneer",   "Granite",  "Cedar",     "Atlas",     "Keystone",
      "Meridian",   "Northstar", "Redwood",  "Silverline", "Ironwood", "Clearwater", "Lakeshore", "Highland",
      "Beacon",     "Crescent",  "Evergreen", "Frontier",  "Liberty",  "Pinnacle",  "Sterling",  "Westbrook",
      "Copperhill", "Bayview",   "Stonegate", "Riverbend", "Oakmont",  "Falcon",    "Trident",   "Cobalt"};
  return v;
}
// Second words of a company name; none of them is a corporate suffix that
// name folding drops (so "Corvexa Therapeutics" and "Corvexa Energy" differ).
inline const std::vector<std::string>& IndustryWords() {
  static const std::vector<std::string> v = {
      "Therapeutics", "Pharmaceuticals", "Biosciences", "Biologics",    "Medical",       "Energy",
      "Resources",    "Semiconductor",   "Systems",     "Networks",     "Software",      "Capital",
      "Financial",    "Bancorp",         "Realty",      "Industries",   "Technologies",  "Foods",
      "Brands",       "Materials",       "Logistics",   "Health",       "Genomics",      "Oncology",
      "Devices",      "Minerals",        "Petroleum",   "Communications", "Robotics",    "Diagnostics",
      "Chemicals",    "Aerospace",       "Biopharma",   "Instruments",  "Bioscience",    "Midstream"};
  return v;
}
inline const std::vector<std::string>& FirstNames() {
  static const std::vector<std::string> v = {
      "James",   "Mary",    "Robert", "Patricia", "John",    "Jennifer", "Michael", "Linda",   "David",
      "Elizabeth", "William", "Susan", "Richard",  "Jessica", "Joseph",   "Sarah",   "Thomas",  "Karen",
      "Charles", "Lisa",    "Daniel", "Nancy",    "Matthew", "Sandra",   "Anthony", "Ashley",  "Mark",
      "Emily",   "Steven",  "Donna",  "Andrew",   "Michelle", "Kenneth", "Carol",   "Joshua",  "Amanda",
      "Kevin",   "Melissa", "Brian",  "Deborah",  "George",  "Stephanie", "Timothy", "Rebecca", "Ronald",
      "Laura",   "Jason",   "Helen",  "Edward",   "Sharon",  "Jeffrey",  "Cynthia", "Ryan",    "Kathleen",
      "Jacob",   "Amy",     "Gary",   "Angela",   "Nicholas", "Anna",    "Eric",    "Brenda",  "Jonathan",
      "Pamela",  "Stephen", "Nicole", "Larry",    "Ruth",    "Justin",   "Katherine", "Scott", "Samantha",
      "Raj",     "Mei",     "Hiroshi", "Ingrid",  "Olga",    "Pierre",   "Lars",    "Priya",   "Tomasz",
      "Aisha",   "Mateo",   "Yuki",   "Henrik",   "Chiara",  "Sanjay",   "Lucia",   "Dmitri",  "Noor"};
  return v;
}
inline const std::vector<std::string>& LastNames() {
  static const std::vector<std::string> v = {
      "Smith",    "Johnson",  "Williams", "Brown",    "Jones",     "Garcia",   "Miller",   "Davis",
      "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Gonzalez",  "Wilson",   "Anderson", "Thomas",
      "Taylor",   "Moore",    "Jackson",  "Martin",   "Lee",       "Perez",    "Thompson", "White",
      "Harris",   "Sanchez",  "Clark",    "Ramirez",  "Lewis",     "Robinson", "Walker",   "Young",
      "Allen",    "King",     "Wright",   "Scott",    "Torres",    "Nguyen",   "Hill",     "Flores",
      "Green",    "Adams",    "Nelson",   "Baker",    "Hall",      "Rivera",   "Campbell", "Mitchell",
      "Carter",   "Roberts",  "Okafor",   "Lindqvist", "Tanaka",   "Kowalski", "Rossi",    "Schneider",
      "Dubois",   "Haddad",   "Patel",    "Chen",     "Nakamura",  "Fischer",  "Moreau",   "Novak",
      "Castillo", "Brennan",  "Whitaker", "Delgado",  "Abernathy", "Kessler",  "Vaughn",   "Holloway",
      "Prescott", "Langford", "Ashworth", "Merriman", "Oyelaran",  "Sato",     "Varga",    "Quintero"};
  return v;
}
// Stems of international nonproprietary names ("-mab" antibodies, ...).
inline const std::vector<std::string>& InnStems() {
  static const std::vector<std::string> v = {"mab",    "tinib", "ciclib",   "parib", "zomib",  "lisib",
                                             "glutide", "sartan", "vastatin", "platin", "taxel", "degib"};
  return v;
}
inline const std::vector<std::string>& InnPrefixes() {
  static const std::vector<std::string> v = {"vel", "tora", "beli", "sano", "lute", "dara", "orpa", "mira",
                                             "feno", "quila", "zeri", "adu", "pemi", "ribo", "cane", "teli",
                                             "voxe", "imi",  "sota", "nira", "lora", "epti", "osa",  "rela"};
  return v;
}

// "2005-05-03" from a day count since 1970-01-01 (proleptic Gregorian).
inline std::string IsoFromDays(int z) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}
// Day count since 1970-01-01 of y-m-d.
inline int DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

}  // namespace dealgraph::synth

#endif  // DEALGRAPH_BENCH_SYNTH_H_
