// Query benchmarks at the scale of the performance issue: a store of
// 1,000,000 synthetic events over 10,000 companies, written through the real
// Store::AddFiling as per-filing FilingExtracts, then the library calls
// behind three commands, timed one call at a time:
//
//   history A B                          ResolveEntity x2, EventsBetween, DisplaySources, DisplayName
//   agreements --party X --action renewed  ResolveEntity, AgreementsOf(X, "agreement.renewed"), DisplayName of the parties
//   partners X                           ResolveEntity, Network::ForPartners(X) (the star), PartnersOf
//
// plus the open of the store (read-only, as the commands open it, and
// read-write). Each benchmark reports counters p50_us, p90_us, p99_us and
// max_us over its iterations; picks are random, with a "hub" variant that
// picks among the 20 companies with the most partners.
//
// The synthetic graph: companies get a power-law number of partners
// (Pareto, exponent 2.3, 2 to 1,500); partner pairs come from matching
// those stubs. About 70% of events belong to agreements between partners
// (entered, upfront and milestone payments, licenses, amendments, renewals
// at the end of the term, extensions, terminations) and the rest are one
// company's own events (results, officer changes, regulatory and clinical
// news, votes). Dates span 2000-2024. Each event is told in a filing of one
// of its parties filed a few days after it, and about one in six again by
// the other party (merged by the store as a second source). Every source
// carries a quote of realistic length.
//
// Flags (before the Google Benchmark flags):
//   --store=DIR       use the store at DIR; built there first when it holds no events
//   --events=N        events to build (default 1000000)
//   --companies=N     companies (default 10000)
//   --build-only      build (or check) the store, print its figures, exit
//   --warmup=SECONDS  before the first benchmark, answer random queries of
//                     all three kinds for this long (default 3), so the
//                     figures are for a process whose block cache is full
//                     and which has mapped the store's hot pages; 0 times a
//                     fresh process (each benchmark still makes its own few
//                     untimed calls first)
// Without --store the store is built in a temp dir and removed at exit.
//
//   bench/query_bench.sh BUILD_DIR /tmp/qb.db     (builds once, then runs)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "bench/synth.h"
#include "graph/network.h"
#include "graph/query.h"
#include "graph/store.h"

namespace dealgraph {
namespace {

using synth::Rng;

struct Config {
  std::string store_path;
  bool temp_store = false;
  long long events = 1000000;
  int companies = 10000;
  bool build_only = false;
  double warmup_seconds = 3;
};
Config g_config;
// Filings that carry an entity's record (see BuildStore).
constexpr int kEntitySources = 200;

struct Company {
  std::string id, name, legal, ticker;
  int degree = 0;
};

struct PlanEvent {
  int day = 0;         // days since 1970-01-01
  uint8_t type = 0;    // index into kTypes
  int a = -1, b = -1;  // companies; b = -1 for one-company events
  int agreement = -1;  // index into agreements
  int person = -1;     // index into people
  double amount = 0;
};

const char* const kTypes[] = {"agreement.entered",  "agreement.renewed",     "agreement.extended",
                              "agreement.amended",  "agreement.terminated",  "license.granted",
                              "payment",            "financial.results",     "executive.change",
                              "executive.compensation", "regulatory",        "clinical",
                              "shareholder.vote",   "corporate.transaction", "governance.change",
                              "litigation"};
enum : uint8_t { kEntered, kRenewed, kExtended, kAmended, kTerminated, kLicense, kPayment, kResults,
                 kExecChange, kExecComp, kRegulatory, kClinical, kVote, kTransaction, kGovernance, kLitigation };

struct Agreement {
  std::string id, name, kind;
  int a = 0, b = 0, day = 0, years = 0;
};

// The synthetic universe, deterministic from one seed.
struct Universe {
  std::vector<Company> companies;
  std::vector<std::string> people;  // "First M. Last"
  std::vector<int> person_company;
  std::vector<std::pair<int, int>> pairs;
  std::vector<Agreement> agreements;
  std::vector<PlanEvent> events;
  std::vector<int> hubs;  // the 20 companies with most partners
};

std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Universe MakeUniverse(int n_companies, long long n_events) {
  Universe u;
  Rng rng(0x8C0FFEEull);
  // Names: (coined stem, industry word) pairs, distinct.
  const auto& on = synth::Onsets();
  const auto& co = synth::Codas();
  const auto& ind = synth::IndustryWords();
  std::vector<uint32_t> combos;
  for (uint32_t i = 0; i < on.size() * co.size() * ind.size(); ++i) combos.push_back(i);
  synth::Shuffle(&combos, &rng);
  static const char* kSuffix[] = {", Inc.", " Inc.", " Corp.", " Corporation", ", Ltd.", " plc", " AG", " S.A.", " LLC", " N.V."};
  for (int i = 0; i < n_companies; ++i) {
    uint32_t c = combos[static_cast<size_t>(i)];
    std::string stem = on[c % on.size()] + co[(c / on.size()) % co.size()];
    Company x;
    x.name = stem + " " + ind[c / (on.size() * co.size())];
    x.legal = x.name + kSuffix[rng.Below(10)];
    x.id = "org:" + Slug(x.name);
    for (size_t k = 0; k < stem.size() && x.ticker.size() < 3; ++k) {
      if (stem[k] != ' ') x.ticker += static_cast<char>(std::toupper(static_cast<unsigned char>(stem[k])));
    }
    x.ticker += static_cast<char>('A' + i % 26);
    // Pareto degree, exponent 2.3, minimum 2, capped.
    double d = 2.0 * std::pow(1.0 - rng.Unit(), -1.0 / 1.3);
    x.degree = static_cast<int>(std::min(d, 1500.0));
    u.companies.push_back(std::move(x));
  }
  // Partner pairs by stub matching.
  std::vector<int> stubs;
  for (int i = 0; i < n_companies; ++i) for (int k = 0; k < u.companies[i].degree; ++k) stubs.push_back(i);
  synth::Shuffle(&stubs, &rng);
  std::set<std::pair<int, int>> seen;
  for (size_t i = 0; i + 1 < stubs.size(); i += 2) {
    int a = std::min(stubs[i], stubs[i + 1]), b = std::max(stubs[i], stubs[i + 1]);
    if (a != b && seen.insert({a, b}).second) u.pairs.emplace_back(a, b);
  }
  std::vector<int> order(n_companies);
  for (int i = 0; i < n_companies; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int x, int y) { return u.companies[x].degree > u.companies[y].degree; });
  u.hubs.assign(order.begin(), order.begin() + std::min(20, n_companies));
  // Officers: three per company.
  for (int i = 0; i < n_companies; ++i) {
    for (int k = 0; k < 3; ++k) {
      std::string p = rng.Pick(synth::FirstNames()) + " " + static_cast<char>('A' + rng.Below(26)) + ". " +
                      rng.Pick(synth::LastNames());
      u.people.push_back(p);
      u.person_company.push_back(i);
    }
  }
  // Events.
  const int kFirst = synth::DaysFromCivil(2000, 1, 1), kLast = synth::DaysFromCivil(2024, 12, 31);
  static const char* kKinds[] = {"license", "collaboration", "supply", "access", "credit", "consulting", "lease", "purchase"};
  static const char* kKindTitles[] = {"License Agreement", "Collaboration and License Agreement", "Supply Agreement",
                                      "Technology Access Agreement", "Credit Agreement", "Consulting Agreement",
                                      "Lease Agreement", "Asset Purchase Agreement"};
  std::map<std::string, int> ag_ids;
  long long target_agreement_events = n_events * 7 / 10;
  long long made = 0;
  while (made < target_agreement_events) {
    auto [a, b] = u.pairs[rng.Below(static_cast<uint32_t>(u.pairs.size()))];
    if (rng.Chance(0.5)) std::swap(a, b);
    int k = static_cast<int>(rng.Below(8));
    Agreement ag;
    ag.a = a;
    ag.b = b;
    ag.kind = kKinds[k];
    ag.day = kFirst + static_cast<int>(rng.Below(static_cast<uint32_t>(kLast - kFirst - 30)));
    ag.years = rng.Range(2, 7);
    std::string year = synth::IsoFromDays(ag.day).substr(0, 4);
    std::string id = "ag:" + Slug(u.companies[a].name) + "+" + Slug(u.companies[b].name) + ":" + ag.kind + ":" + year;
    int& dup = ag_ids[id];
    if (dup++) id += "-" + std::to_string(dup);
    ag.id = id;
    ag.name = u.companies[b].name + " " + kKindTitles[k];
    int ai = static_cast<int>(u.agreements.size());
    u.agreements.push_back(ag);
    auto add = [&](int day, uint8_t type, double amount) {
      if (day > kLast) return false;
      PlanEvent e;
      e.day = day;
      e.type = type;
      e.a = a;
      e.b = b;
      e.agreement = ai;
      e.amount = amount;
      u.events.push_back(e);
      ++made;
      return true;
    };
    add(ag.day, kEntered, 0);
    if (rng.Chance(0.6)) add(ag.day + rng.Range(0, 20), kPayment, 1e5 * rng.Range(5, 500));
    if (k <= 1 && rng.Chance(0.5)) add(ag.day + rng.Range(0, 10), kLicense, 0);
    int day = ag.day, end = ag.day + 365 * ag.years;
    while (day < kLast) {
      int step = rng.Range(120, 900);
      day += step;
      if (day >= end) {
        // The term ends: renewed, extended, let lapse or terminated.
        double r = rng.Unit();
        if (r < 0.45) {
          if (!add(end - rng.Range(0, 60), kRenewed, rng.Chance(0.3) ? 1e5 * rng.Range(5, 50) : 0)) break;
          day = end;
          end += 365 * rng.Range(1, 5);
        } else if (r < 0.65) {
          if (!add(end - rng.Range(0, 60), kExtended, 0)) break;
          day = end;
          end += 365 * rng.Range(1, 2);
        } else {
          if (r < 0.85) add(end, kTerminated, 0);
          break;
        }
        continue;
      }
      double r = rng.Unit();
      if (r < 0.45) {
        if (!add(day, kPayment, 1e5 * rng.Range(2, 300))) break;
      } else if (r < 0.7) {
        if (!add(day, kAmended, 0)) break;
      } else if (r < 0.8) {
        if (!add(day, kLicense, 0)) break;
      } else if (r < 0.85) {
        add(day, kTerminated, 0);
        break;
      }
    }
  }
  // One company's own events, more for companies with more partners.
  std::vector<int> weighted;
  for (int i = 0; i < n_companies; ++i) for (int k = 0; k <= u.companies[i].degree / 2; ++k) weighted.push_back(i);
  static const uint8_t kSolo[] = {kResults, kResults, kResults, kExecChange, kExecChange, kExecComp, kRegulatory,
                                  kClinical, kVote, kTransaction, kGovernance, kLitigation};
  while (static_cast<long long>(u.events.size()) < n_events) {
    PlanEvent e;
    e.a = weighted[rng.Below(static_cast<uint32_t>(weighted.size()))];
    e.type = kSolo[rng.Below(sizeof kSolo)];
    e.day = kFirst + static_cast<int>(rng.Below(static_cast<uint32_t>(kLast - kFirst)));
    if (e.type == kExecChange || e.type == kExecComp) e.person = e.a * 3 + static_cast<int>(rng.Below(3));
    if (e.type == kExecComp) e.amount = 1000.0 * rng.Range(250, 1500);
    if (e.type == kTransaction) {
      e.b = u.pairs[rng.Below(static_cast<uint32_t>(u.pairs.size()))].second;
      if (e.b == e.a) e.b = -1;
      e.amount = 1e6 * rng.Range(10, 5000);
    }
    u.events.push_back(e);
  }
  std::stable_sort(u.events.begin(), u.events.end(), [](const PlanEvent& x, const PlanEvent& y) { return x.day < y.day; });
  return u;
}

// A sentence of realistic length telling the event, as a filing would.
std::string Quote(const Universe& u, const PlanEvent& e, Rng* rng) {
  const Company& a = u.companies[e.a];
  const Company* b = e.b >= 0 ? &u.companies[e.b] : nullptr;
  std::string date = synth::IsoFromDays(e.day);
  std::string amount = e.amount > 0 ? "$" + std::to_string(static_cast<long long>(e.amount)) : "";
  const Agreement* ag = e.agreement >= 0 ? &u.agreements[e.agreement] : nullptr;
  switch (e.type) {
    case kEntered:
      return "On " + date + ", " + a.legal + " (the \"Company\") entered into a " + ag->name + " with " + b->legal +
             ", pursuant to which the Company granted " + b->name +
             " certain rights to develop and commercialize products on the terms set forth therein.";
    case kRenewed:
      return b->name + " has renewed its " + ag->name + " with " + a.name +
             " for one additional term, and the agreement will now remain in effect unless terminated earlier in "
             "accordance with its terms.";
    case kExtended:
      return "On " + date + ", " + a.name + " and " + b->name + " agreed to extend the term of the " + ag->name +
             ", which is now scheduled to expire on the date set forth in the amendment filed herewith.";
    case kAmended:
      return a.name + " and " + b->name + " entered into Amendment No. " + std::to_string(1 + rng->Below(4)) +
             " to the " + ag->name + ", which amends the development timelines and the allocation of certain costs.";
    case kTerminated:
      return "Effective " + date + ", the " + ag->name + " between " + a.name + " and " + b->name +
             " was terminated, and all rights licensed thereunder reverted to " + a.name + ".";
    case kLicense:
      return "Under the " + ag->name + ", " + b->name + " licensed the exclusive right to use " + a.name +
             "'s technology with antibodies to an undisclosed target.";
    case kPayment:
      return b ? b->name + " paid " + a.name + " " + amount + " upon the achievement of a development milestone under the " +
                     (ag ? ag->name : std::string("agreement")) + "."
               : a.name + " paid " + amount + ".";
    case kResults:
      return a.legal + " today announced financial results for the quarter ended " + date +
             ", reporting revenues and net income in line with the Company's previously issued guidance.";
    case kExecChange:
      return "On " + date + ", the Board of Directors of " + a.name + " appointed " + u.people[e.person] +
             " as Chief Financial Officer, effective immediately.";
    case kExecComp:
      return u.people[e.person] + " will receive an annual base salary of " + amount +
             " and will be eligible for an annual target bonus of 50% of base salary.";
    case kRegulatory:
      return a.name + " announced that the U.S. Food and Drug Administration approved its supplemental application, "
                      "clearing the way for the commercial launch of the product.";
    case kClinical:
      return a.name + " initiated a Phase II trial evaluating its lead product candidate in patients with relapsed or "
                      "refractory disease.";
    case kVote:
      return "At the annual meeting of stockholders of " + a.name + " held on " + date +
             ", the stockholders elected each of the nominees and ratified the appointment of the auditors.";
    case kTransaction:
      return b ? a.name + " completed the acquisition of " + b->name + " for aggregate consideration of " + amount + "."
               : a.name + " completed a public offering of common stock for gross proceeds of " + amount + ".";
    case kGovernance:
      return "The Board of Directors of " + a.name + " approved and adopted the Amended and Restated Bylaws of the "
                                                     "Company, effective immediately.";
    default:
      return "A complaint was filed against " + a.name + " in the United States District Court alleging breach of "
                                                        "contract and seeking unspecified damages.";
  }
}

Entity OrgEntity(const Company& c, const Source& src) {
  Entity e;
  e.id = c.id;
  e.type = EntityType::kOrganization;
  e.name = c.name;
  e.aliases = {c.legal, c.ticker};
  e.sources = {src};
  return e;
}

// Builds the store at g_config.store_path through AddFiling. Returns seconds.
double BuildStore(Store* store, const Universe& u) {
  struct Telling {
    int registrant;
    int file_day;
    size_t event;
  };
  std::vector<Telling> tellings;
  Rng rng(0xF11E5ull);
  for (size_t i = 0; i < u.events.size(); ++i) {
    const PlanEvent& e = u.events[i];
    int reg = e.b >= 0 && rng.Chance(0.5) ? e.b : e.a;
    tellings.push_back({reg, e.day + rng.Range(0, 4), i});
    if (e.b >= 0 && rng.Chance(0.25)) tellings.push_back({reg == e.a ? e.b : e.a, e.day + rng.Range(1, 60), i});
  }
  std::stable_sort(tellings.begin(), tellings.end(), [](const Telling& x, const Telling& y) {
    if (x.file_day != y.file_day) return x.file_day < y.file_day;
    return x.registrant < y.registrant;
  });
  auto start = std::chrono::steady_clock::now();
  long long filings = 0;
  // Entity tellings per entity id. The store keeps one Source per filing in
  // the entity record, so AddFiling rewrites a hub's whole record for every
  // filing naming it (quadratic in the hub's filings). Beyond kEntitySources
  // tellings an entity is left out of the extract (its events still name it).
  std::map<std::string, int> entity_tellings;
  for (size_t i = 0; i < tellings.size();) {
    // One filing: one registrant's tellings on one day.
    size_t j = i;
    while (j < tellings.size() && tellings[j].file_day == tellings[i].file_day &&
           tellings[j].registrant == tellings[i].registrant) {
      ++j;
    }
    const Company& reg = u.companies[tellings[i].registrant];
    FilingExtract x;
    char fid[32];
    std::snprintf(fid, sizeof fid, "%010d-%02d-%06lld", 1000000 + tellings[i].registrant,
                  (tellings[i].file_day / 365) % 100, filings % 1000000);
    x.filing.id = fid;
    x.filing.name = std::string(fid) + ".txt";
    x.filing.form = "8-K";
    x.filing.registrant = reg.id;
    x.filing.filed = synth::IsoFromDays(tellings[i].file_day);
    x.filing.event_date = synth::IsoFromDays(u.events[tellings[i].event].day);
    x.filing.items = {"8.01", "9.01"};
    x.filing.content_hash = static_cast<uint64_t>(filings) * 0x9E3779B97F4A7C15ull;
    std::set<std::string> have;
    auto add_entity = [&](Entity e) {
      if (!have.insert(e.id).second) return;
      if (++entity_tellings[e.id] > kEntitySources) return;
      x.entities.push_back(std::move(e));
    };
    Source entity_src{fid, "", "", x.filing.filed};
    add_entity(OrgEntity(reg, entity_src));
    for (size_t k = i; k < j; ++k) {
      const PlanEvent& pe = u.events[tellings[k].event];
      Source src{fid, pe.agreement >= 0 ? "1.01" : "8.01", Quote(u, pe, &rng), x.filing.filed};
      Event ev;
      ev.type = kTypes[pe.type];
      ev.date = synth::IsoFromDays(pe.day);
      if (rng.Chance(0.1)) ev.date = ev.date.substr(0, 7);  // "in May 2005"
      const Company& a = u.companies[pe.a];
      add_entity(OrgEntity(a, entity_src));
      if (pe.b >= 0) {
        const Company& b = u.companies[pe.b];
        add_entity(OrgEntity(b, entity_src));
        bool pay = pe.type == kPayment;
        ev.parties = {{a.id, pay ? "payee" : (pe.agreement >= 0 ? "licensor" : "acquirer")},
                      {b.id, pay ? "payer" : (pe.agreement >= 0 ? "licensee" : "")}};
      } else {
        ev.parties = {{a.id, ""}};
      }
      if (pe.person >= 0) {
        Entity p;
        p.id = "person:" + Slug(u.people[pe.person]);
        p.type = EntityType::kPerson;
        p.name = u.people[pe.person];
        p.title = "Chief Financial Officer";
        p.sources = {entity_src};
        ev.parties.push_back({p.id, ""});
        add_entity(std::move(p));
      }
      if (pe.agreement >= 0) {
        const Agreement& ag = u.agreements[pe.agreement];
        ev.agreement_id = ag.id;
        Entity e;
        e.id = ag.id;
        e.type = EntityType::kAgreement;
        e.name = ag.name;
        e.title = ag.kind;
        e.dated = synth::IsoFromDays(ag.day);
        e.term = std::to_string(ag.years) + "-year";
        e.expires = synth::IsoFromDays(ag.day + 365 * ag.years);
        e.parties = {u.companies[ag.a].id, u.companies[ag.b].id};
        e.sources = {entity_src};
        add_entity(std::move(e));
      }
      if (pe.amount > 0) ev.amount = Money{pe.amount, "USD"};
      ev.sources = {std::move(src)};
      x.events.push_back(std::move(ev));
    }
    Result<AddStats> added = store->AddFiling(x, false);
    if (!added.ok()) {
      std::fprintf(stderr, "AddFiling %s failed: %s\n", fid, added.status().message().c_str());
      std::exit(1);
    }
    ++filings;
    if (filings % 50000 == 0) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "  %lld filings, %zu/%zu tellings, %.0f s\n", filings, j, tellings.size(), s);
    }
    i = j;
  }
  // As `dealgraph ingest` ends: the recent level-0 files move down.
  auto settle_start = std::chrono::steady_clock::now();
  Status settled = store->Settle();
  std::fprintf(stderr, "  settled in %.1f s%s%s\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - settle_start).count(),
               settled.ok() ? "" : ": ", settled.ok() ? "" : settled.message().c_str());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long long DirBytes(const std::string& path) {
  long long total = 0;
  std::error_code ec;
  for (const auto& f : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (f.is_regular_file(ec)) total += static_cast<long long>(f.file_size(ec));
  }
  return total;
}

struct Fixture {
  Universe u;
  std::unique_ptr<Store> store;  // read-only, as the commands open it

  Fixture() {
    auto t0 = std::chrono::steady_clock::now();
    u = MakeUniverse(g_config.companies, g_config.events);
    double plan_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "plan: %zu events, %zu agreements, %zu partner pairs over %d companies (%.1f s); top hub has %d partners\n",
                 u.events.size(), u.agreements.size(), u.pairs.size(), g_config.companies, plan_s,
                 u.companies[u.hubs[0]].degree);
    long long have = 0;
    if (std::filesystem::exists(g_config.store_path)) {
      Result<std::unique_ptr<Store>> ro = Store::Open(g_config.store_path, StoreOptions{true, false});
      if (ro.ok()) have = (*ro)->Counts().events;
    }
    if (have == 0) {
      Result<std::unique_ptr<Store>> rw = Store::Open(g_config.store_path, StoreOptions{});
      if (!rw.ok()) {
        std::fprintf(stderr, "cannot open %s: %s\n", g_config.store_path.c_str(), rw.status().message().c_str());
        std::exit(1);
      }
      std::fprintf(stderr, "building %s ...\n", g_config.store_path.c_str());
      double s = BuildStore(rw->get(), u);
      StoreCounts c = (*rw)->Counts();
      rw->reset();  // close: flushes the memtables to disk
      long long bytes = DirBytes(g_config.store_path);
      std::fprintf(stderr,
                   "built: %lld events, %lld entities, %lld filings, %lld relations in %.1f s (%.0f filings/s, %.0f events/s)\n"
                   "store: %.1f MiB on disk, %.0f bytes/event\n",
                   c.events, c.entities, c.filings, c.relations, s, c.filings / s, c.events / s, bytes / 1048576.0,
                   static_cast<double>(bytes) / static_cast<double>(c.events));
    }
    Result<std::unique_ptr<Store>> ro = Store::Open(g_config.store_path, StoreOptions{true, false});
    if (!ro.ok()) {
      std::fprintf(stderr, "cannot open %s: %s\n", g_config.store_path.c_str(), ro.status().message().c_str());
      std::exit(1);
    }
    store = std::move(ro).value();
    StoreCounts c = store->Counts();
    long long bytes = DirBytes(g_config.store_path);
    std::fprintf(stderr, "store %s: %lld events, %lld entities, %lld filings; %.1f MiB, %.0f bytes/event\n",
                 g_config.store_path.c_str(), c.events, c.entities, c.filings, bytes / 1048576.0,
                 c.events ? static_cast<double>(bytes) / static_cast<double>(c.events) : 0.0);
  }

  ~Fixture() {
    store.reset();
    if (g_config.temp_store) {
      std::error_code ec;
      std::filesystem::remove_all(g_config.store_path, ec);
    }
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// Picks: 0 = a uniformly random partner pair / company; 1 = weighted by
// events (a random event's parties: busy companies come up as often as they
// are in the data); 2 = among the 20 biggest hubs.
std::pair<int, int> PickPair(const Fixture& f, int mode, Rng* rng) {
  if (mode == 2) {
    int a = f.u.hubs[rng->Below(static_cast<uint32_t>(f.u.hubs.size()))];
    // A partner of the hub: a pair that contains it.
    for (int tries = 0; tries < 100000; ++tries) {
      const auto& p = f.u.pairs[rng->Below(static_cast<uint32_t>(f.u.pairs.size()))];
      if (p.first == a || p.second == a) return p;
    }
    return {a, f.u.hubs[0] == a ? f.u.hubs[1] : f.u.hubs[0]};
  }
  if (mode == 1) {
    for (;;) {
      const PlanEvent& e = f.u.events[rng->Below(static_cast<uint32_t>(f.u.events.size()))];
      if (e.b >= 0) return {e.a, e.b};
    }
  }
  return f.u.pairs[rng->Below(static_cast<uint32_t>(f.u.pairs.size()))];
}

int PickCompany(const Fixture& f, int mode, Rng* rng) {
  if (mode == 2) return f.u.hubs[rng->Below(static_cast<uint32_t>(f.u.hubs.size()))];
  if (mode == 1) return f.u.events[rng->Below(static_cast<uint32_t>(f.u.events.size()))].a;
  return static_cast<int>(rng->Below(static_cast<uint32_t>(f.u.companies.size())));
}

std::string Resolved(const Store& store, const std::string& name) {
  Result<Entity> e = ResolveEntity(store, name);
  if (!e.ok()) {
    std::fprintf(stderr, "cannot resolve %s: %s\n", name.c_str(), e.status().message().c_str());
    std::exit(1);
  }
  return e->id;
}

// `history A B`: what cli/cmd_query.cpp does for the table, minus printing.
size_t History(const Store& store, const std::string& name_a, const std::string& name_b) {
  std::string a = Resolved(store, name_a), b = Resolved(store, name_b);
  std::vector<Event> events = bench::Must(store.EventsBetween(a, b, DateRange{}));
  std::string title = bench::Must(DisplayName(store, a)) + " and " + bench::Must(DisplayName(store, b));
  if (Status s = DisplaySources(store, &events); !s.ok()) std::abort();
  DisplayNames names(store);
  size_t n = title.size();
  for (const Event& ev : events) {
    for (const Party& p : ev.parties) if (p.entity_id != a) n += names(p.entity_id).size();
    if (!ev.agreement_id.empty()) n += names(ev.agreement_id).size();
  }
  benchmark::DoNotOptimize(n);
  return events.size();
}

// `agreements --party X --action renewed`.
size_t AgreementsRenewed(Fixture& f, int x) {
  std::string id = Resolved(*f.store, f.u.companies[x].name);
  std::vector<AgreementStory> stories = bench::Must(AgreementsOf(*f.store, id, "agreement.renewed"));
  // The table names each agreement's parties (PrintAgreementStory).
  DisplayNames names(*f.store);
  size_t n = 0;
  for (const AgreementStory& st : stories) {
    for (const std::string& p : st.agreement.parties) n += names(p).size();
  }
  benchmark::DoNotOptimize(n);
  benchmark::DoNotOptimize(stories);
  return stories.size();
}

// `partners X`.
size_t Partners(Fixture& f, int x) {
  std::string id = Resolved(*f.store, f.u.companies[x].name);
  Network net = bench::Must(Network::ForPartners(*f.store, id, ""));
  std::vector<Network::Partner> ps = net.PartnersOf(id);
  benchmark::DoNotOptimize(ps);
  return ps.size();
}

// The fixture after --warmup seconds of random queries of every kind, on
// picks of their own (the benchmarks' picks come from other seeds).
Fixture& Warmed() {
  static Fixture& f = [] () -> Fixture& {
    Fixture& fx = Shared();
    Rng rng(99);
    auto start = std::chrono::steady_clock::now();
    long long calls = 0;
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
           g_config.warmup_seconds) {
      std::pair<int, int> ab = PickPair(fx, 0, &rng);
      History(*fx.store, fx.u.companies[ab.first].name, fx.u.companies[ab.second].name);
      AgreementsRenewed(fx, PickCompany(fx, 0, &rng));
      Partners(fx, PickCompany(fx, 0, &rng));
      calls += 3;
    }
    if (calls > 0) std::fprintf(stderr, "warm-up: %lld untimed queries in %.1f s\n", calls, g_config.warmup_seconds);
    return fx;
  }();
  return f;
}

void BM_History(benchmark::State& state) {
  Fixture& f = Warmed();
  Rng rng(7 + static_cast<uint64_t>(state.range(0)));
  bench::TimeCalls(
      state, 50, [&] { return PickPair(f, static_cast<int>(state.range(0)), &rng); },
      [&](std::pair<int, int> ab) { return History(*f.store, f.u.companies[ab.first].name, f.u.companies[ab.second].name); },
      "events_per_query");
}
// Fewer calls where each is slow (hubs), so a run stays within minutes.
BENCHMARK(BM_History)->ArgName("pick")->Arg(0)->Arg(1)->Iterations(3000)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_History)->ArgName("pick")->Arg(2)->Iterations(1000)->UseManualTime()->Unit(benchmark::kMicrosecond);

void BM_AgreementsRenewed(benchmark::State& state) {
  Fixture& f = Warmed();
  Rng rng(11 + static_cast<uint64_t>(state.range(0)));
  bench::TimeCalls(
      state, state.range(0) == 2 ? 5 : 50, [&] { return PickCompany(f, static_cast<int>(state.range(0)), &rng); },
      [&](int x) { return AgreementsRenewed(f, x); }, "agreements_per_query");
}
BENCHMARK(BM_AgreementsRenewed)->ArgName("pick")->Arg(0)->Iterations(2000)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AgreementsRenewed)->ArgName("pick")->Arg(1)->Iterations(500)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AgreementsRenewed)->ArgName("pick")->Arg(2)->Iterations(60)->UseManualTime()->Unit(benchmark::kMicrosecond);

void BM_Partners(benchmark::State& state) {
  Fixture& f = Warmed();
  Rng rng(13 + static_cast<uint64_t>(state.range(0)));
  bench::TimeCalls(
      state, state.range(0) == 2 ? 2 : 10, [&] { return PickCompany(f, static_cast<int>(state.range(0)), &rng); },
      [&](int x) { return Partners(f, x); }, "partners_per_query");
}
BENCHMARK(BM_Partners)->ArgName("pick")->Arg(0)->Iterations(500)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Partners)->ArgName("pick")->Arg(1)->Iterations(200)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Partners)->ArgName("pick")->Arg(2)->Iterations(40)->UseManualTime()->Unit(benchmark::kMicrosecond);

// Open (read-only as the query commands do, or read-write as ingest does),
// one name lookup, close. The OS page cache holds the files after the first
// round, so this is the open a second command pays; the first command after a
// reboot also waits for the disk.
void BM_Open(benchmark::State& state) {
  Fixture& f = Shared();
  bool read_only = state.range(0) == 1;
  std::vector<double> micros;
  const std::string name = f.u.companies[f.u.hubs[0]].name;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    Result<std::unique_ptr<Store>> s = Store::Open(g_config.store_path, StoreOptions{read_only, false});
    if (!s.ok()) {
      state.SkipWithError(s.status().message().c_str());
      return;
    }
    std::vector<Entity> hit = bench::Must((*s)->FindEntities(name));
    benchmark::DoNotOptimize(hit);
    s->reset();
    double us = bench::Since(t0);
    micros.push_back(us);
    state.SetIterationTime(us / 1e6);
  }
  bench::ReportPercentiles(state, &micros);
}
BENCHMARK(BM_Open)->ArgName("read_only")->Arg(1)->Arg(0)->Iterations(20)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dealgraph

int main(int argc, char** argv) {
  using dealgraph::g_config;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> const char* {
      size_t n = std::strlen(flag);
      return a.compare(0, n, flag) == 0 ? argv[i] + n : nullptr;
    };
    if (const char* v = value("--store=")) g_config.store_path = v;
    else if (const char* v = value("--events=")) g_config.events = std::atoll(v);
    else if (const char* v = value("--companies=")) g_config.companies = std::atoi(v);
    else if (a == "--build-only") g_config.build_only = true;
    else if (const char* v = value("--warmup=")) g_config.warmup_seconds = std::atof(v);
    else rest.push_back(argv[i]);
  }
  if (g_config.store_path.empty()) {
    g_config.temp_store = true;
    g_config.store_path = (std::filesystem::temp_directory_path() /
                           ("dealgraph-query-bench-" + std::to_string(::getpid()))).string();
  }
  if (g_config.build_only) {
    dealgraph::Shared();
    return 0;
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
