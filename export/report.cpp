#include "export/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/json.h"
#include "export/export_util.h"
#include "export/partners.h"
#include "export/timeline.h"

namespace dealgraph {

namespace {

// ---- The page's fixed parts. The script is hashed into the CSP at run
// time (Sha256Base64), so it can be edited freely.

constexpr std::string_view kStyle = R"CSS(
:root{--bg:#f4f6f8;--card:#fff;--ink:#1c2430;--muted:#5d6877;--line:#dde3ea;--head:#eef2f6;--accent:#1f5fae;--hl:#fff3bf}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
header.top{background:#1d2b3a;color:#fff;padding:20px 32px 14px}
header.top h1{margin:0 0 4px;font-size:23px;font-weight:600;overflow-wrap:anywhere}
.scope{margin:0 0 14px;color:#c7d2de;overflow-wrap:anywhere}
.scope b{color:#fff;font-weight:600}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:0}
.stats div{background:rgba(255,255,255,.09);border-radius:6px;padding:6px 14px;min-width:104px}
.stats dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#a9b8c8}
.stats dd{margin:0;font-size:18px;font-weight:600;white-space:nowrap}
nav.toc{margin-top:14px;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px}
nav.toc a{color:#bcd6ff;text-decoration:none}
nav.toc a:hover{text-decoration:underline}
main{max-width:1560px;margin:0 auto;padding:8px 28px 28px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 20px 18px;margin:18px 0}
h2{font-size:17px;margin:0 0 10px;display:flex;align-items:baseline;gap:12px}
h2 .aside{font-size:13px;font-weight:400;color:var(--muted)}
h2 .tools{margin-left:auto}
h2 .tools button{font-size:13px;font-weight:400}
.note{color:var(--muted);margin:6px 0}
.empty{color:var(--muted);font-size:15px;padding:18px 0;text-align:center}
button,select,input{font:inherit;color:inherit}
button{background:#fff;border:1px solid #b9c3ce;border-radius:4px;padding:3px 10px;cursor:pointer}
button:hover{background:#f0f4f9}
.diagram{overflow:auto;max-height:88vh;border:1px solid var(--line);border-radius:4px;background:#fff}
.diagram svg{display:block}
.diagram.fit svg{width:100%;height:auto}
.diagram .linked{cursor:pointer}
.diagram .linked:hover polygon,.diagram .linked:hover ellipse,.diagram .linked:hover path{stroke-width:2.5}
.controls{display:flex;flex-wrap:wrap;gap:10px 14px;align-items:center;margin:0 0 10px}
.controls label{display:flex;align-items:center;gap:6px;color:var(--muted)}
.controls input[type=search]{width:min(440px,70vw);padding:5px 8px;border:1px solid #b9c3ce;border-radius:4px;color:var(--ink)}
.controls select{padding:4px 6px;border:1px solid #b9c3ce;border-radius:4px;color:var(--ink);max-width:300px}
.shown{color:var(--muted);margin-left:auto}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 9px;border-bottom:1px solid var(--line)}
thead th{position:sticky;top:0;background:var(--head);z-index:1;white-space:nowrap;font-weight:600}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th[aria-sort=ascending] button::after{content:" \25B2";font-size:10px;color:var(--accent)}
th[aria-sort=descending] button::after{content:" \25BC";font-size:10px;color:var(--accent)}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
td.sum{color:#333d4a;max-width:34em}
td.files{white-space:nowrap}
td.files small{margin-left:5px}
td.files small,.role,.muted{color:var(--muted)}
.undated{color:var(--muted);font-style:italic}
.chip{display:inline-block;border-left:4px solid var(--c,#8a8f98);background:var(--f,#eceff3);padding:1px 7px;border-radius:3px;white-space:nowrap;font-size:12.5px}
tbody tr:hover{background:#f4f8fd}
tr:target,tr.flash{background:var(--hl)!important}
.srcs article{border-top:1px solid var(--line);padding:10px 0 6px}
.srcs article:first-of-type{border-top:0}
.srcs h3{font-size:14px;font-weight:600;margin:0 0 4px}
.srcs h3 a{text-decoration:none;margin-right:6px}
blockquote{margin:6px 0;padding:6px 12px;border-left:3px solid #9db5d8;background:#f7f9fc;border-radius:0 4px 4px 0}
blockquote:target{background:var(--hl)}
blockquote p{margin:0;white-space:pre-line;overflow-wrap:anywhere}
blockquote footer{margin-top:4px;font-size:12.5px;color:var(--muted)}
footer.page{color:var(--muted);text-align:center;font-size:12px;padding:4px 0 28px}
@media print{.controls,h2 .tools,nav.toc{display:none}.diagram{max-height:none;overflow:visible}section{break-inside:auto}}
)CSS";

constexpr std::string_view kScript = R"JS(
(function () {
  'use strict';
  var doc = document;
  var data = {};
  var block = doc.getElementById('dg-data');
  if (block) data = JSON.parse(block.textContent);
  var table = doc.getElementById('ev-table');
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var extra = data.rows || [];
  var byEvent = Object.create(null);
  var search = rows.map(function (tr, i) {
    var x = extra[i] || {};
    if (x.id) byEvent[x.id] = tr;
    return (tr.textContent + '\n' + (x.text || '')).toLowerCase();
  });
  var q = doc.getElementById('ev-filter');
  var sel = doc.getElementById('ev-type');
  var shown = doc.getElementById('ev-shown');
  var none = doc.getElementById('ev-none');

  function apply() {
    var words = q ? q.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var type = sel ? sel.value : '';
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = !type || rows[i].getAttribute('data-type') === type;
      for (var w = 0; ok && w < words.length; w++) ok = search[i].indexOf(words[w]) !== -1;
      if (rows[i].hidden === ok) rows[i].hidden = !ok;
      if (ok) n++;
    }
    if (shown) {
      shown.textContent = (n === rows.length ? 'all ' + n : n + ' of ' + rows.length) +
          (rows.length === 1 ? ' event' : ' events') + ' shown';
    }
    if (none) none.hidden = n !== 0 || rows.length === 0;
  }
  function clearFilters() {
    if (q) q.value = '';
    if (sel) sel.value = '';
    apply();
  }
  if (q) q.addEventListener('input', apply);
  if (sel) sel.addEventListener('change', apply);
  var clear = doc.getElementById('ev-clear');
  if (clear) clear.addEventListener('click', clearFilters);

  // Sorting: dates and amounts by their data-sort numbers, text with a
  // natural collation; empty cells last in either direction; ties keep the
  // original order.
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
  var heads = table ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
  var keyCache = [];
  function keys(col, numeric) {
    if (keyCache[col]) return keyCache[col];
    keyCache[col] = rows.map(function (tr) {
      var td = tr.cells[col];
      var v = td.getAttribute('data-sort');
      if (v === null) v = td.textContent.replace(/\s+/g, ' ').trim();
      if (v === '') return null;
      return numeric ? parseFloat(v) : v;
    });
    return keyCache[col];
  }
  function sortBy(col, dir) {
    var numeric = heads[col].getAttribute('data-kind') === 'num';
    var k = keys(col, numeric);
    var order = rows.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var x = k[a], y = k[b];
      if (x === null || y === null) return x === y ? a - b : (x === null ? 1 : -1);
      var c = numeric ? x - y : collator.compare(x, y);
      return c !== 0 ? c * dir : a - b;
    });
    var body = table.tBodies[0];
    var frag = doc.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(rows[i]); });
    body.appendChild(frag);
    heads.forEach(function (th, i) {
      th.setAttribute('aria-sort', i === col ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }
  heads.forEach(function (th, col) {
    var b = th.querySelector('button');
    if (!b) return;
    b.addEventListener('click', function () {
      sortBy(col, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1);
    });
  });

  function reveal(tr) {
    if (tr.hidden) clearFilters();
    tr.scrollIntoView({block: 'center'});
    tr.classList.add('flash');
    setTimeout(function () { tr.classList.remove('flash'); }, 2400);
  }
  // Links to a row the filter hides: show everything first.
  doc.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a') : null;
    if (!a) return;
    var href = a.getAttribute('href') || '';
    if (href.indexOf('#ev-') === 0) {
      var tr = doc.getElementById(href.slice(1));
      if (tr && tr.hidden) clearFilters();
    }
    var f = a.getAttribute('data-filter');
    if (f !== null && q) {
      q.value = f;
      if (sel) sel.value = '';
      apply();
    }
  });
  doc.addEventListener('keydown', function (e) {
    var t = e.target.tagName;
    if (e.key === '/' && q && t !== 'INPUT' && t !== 'SELECT' && t !== 'TEXTAREA') {
      e.preventDefault();
      q.focus();
    }
  });

  // Diagrams: fit to width or actual size; timeline boxes jump to their
  // row, partner boxes filter the table to that partner.
  Array.prototype.forEach.call(doc.querySelectorAll('button[data-zoom]'), function (b) {
    b.addEventListener('click', function () {
      var fig = doc.getElementById(b.getAttribute('data-zoom'));
      var fit = fig.classList.toggle('fit');
      b.textContent = fit ? 'Actual size' : 'Fit to width';
    });
  });
  function nodes(id, fn) {
    var svg = doc.querySelector('#' + id + ' svg');
    if (!svg) return;
    Array.prototype.forEach.call(svg.querySelectorAll('g.node'), function (g) {
      var t = g.querySelector('title');
      if (t) fn(g, t.textContent);
    });
  }
  nodes('timeline-fig', function (g, name) {
    var tr = byEvent[name];
    if (!tr) return;
    g.classList.add('linked');
    g.addEventListener('click', function (e) { e.preventDefault(); reveal(tr); });
  });
  var names = data.entities || {};
  nodes('partners-fig', function (g, id) {
    if (!Object.prototype.hasOwnProperty.call(names, id) || !q) return;
    g.classList.add('linked');
    g.addEventListener('click', function (e) {
      e.preventDefault();
      q.value = names[id];
      if (sel) sel.value = '';
      apply();
      doc.getElementById('events').scrollIntoView();
    });
  });

  apply();
  doc.documentElement.setAttribute('data-ready', '1');
})();
)JS";

// ---- SHA-256 (FIPS 180-4), for the CSP hash of the inline script.

constexpr std::array<uint32_t, 64> kSha256K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void Sha256Block(const unsigned char* p, std::array<uint32_t, 8>* h) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t{p[4 * i]} << 24) | (uint32_t{p[4 * i + 1]} << 16) |
           (uint32_t{p[4 * i + 2]} << 8) | uint32_t{p[4 * i + 3]};
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = (*h)[0], b = (*h)[1], c = (*h)[2], d = (*h)[3];
  uint32_t e = (*h)[4], f = (*h)[5], g = (*h)[6], k = (*h)[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = k + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                  kSha256K[i] + w[i];
    uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  (*h)[0] += a;
  (*h)[1] += b;
  (*h)[2] += c;
  (*h)[3] += d;
  (*h)[4] += e;
  (*h)[5] += f;
  (*h)[6] += g;
  (*h)[7] += k;
}

std::string Base64(const unsigned char* p, size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = uint32_t{p[i]} << 16;
    if (i + 1 < n) v |= uint32_t{p[i + 1]} << 8;
    if (i + 2 < n) v |= p[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back(i + 2 < n ? kAlphabet[v & 63] : '=');
  }
  return out;
}

// ---- Small HTML helpers.

void AppendHtml(std::string* out, std::string_view s) {
  std::string clean = XmlLegalText(s);
  for (char c : clean) {
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      // HTML turns CR and CRLF into LF when parsing; keep a lone CR as written.
      case '\r': out->append("&#13;"); break;
      default: out->push_back(c);
    }
  }
}

// Appends text, or a muted dash when empty.
void AppendOrDash(std::string* out, std::string_view s) {
  if (s.empty()) {
    out->append("<span class=\"muted\">\xE2\x80\x94</span>");
  } else {
    AppendHtml(out, s);
  }
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "1,234".
std::string Grouped(size_t n) {
  std::string raw = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (i > 0 && (raw.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(raw[i]);
  }
  return out;
}

// "$2,000,000", "€350,000 (EUR)" is too long for a cell: the symbol alone
// says the currency when there is one; other codes keep their prefix.
std::string MoneyCell(const Money& m) {
  std::string s = FormatMoneyLong(m);
  if (!m.currency.empty() && CurrencyPrefix(m.currency).size() <= 3 &&
      CurrencyPrefix(m.currency).back() != ' ') {
    std::string suffix = " (" + m.currency + ")";
    if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
      s.resize(s.size() - suffix.size());
  }
  return s;
}

std::string SortNumber(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// The date's sort key: its middle as a fractional year; "" when undated.
std::string DateSortKey(std::string_view date) {
  IsoDate d;
  if (!ParseIsoDate(date, &d)) return "";
  return SortNumber(DateToYears(d));
}

// Everything the report draws, gathered once.
struct Model {
  const GraphSlice* slice = nullptr;
  EntityIndex names;
  std::vector<std::string> filing_keys;          // distinct Source::filing, first seen first
  std::unordered_map<std::string, size_t> filing_number;  // key -> 1-based anchor number
  std::map<std::string, const ReportFiling*> filing_info;
  std::map<std::string, size_t> quotes_per_filing;
  std::vector<std::pair<std::string, size_t>> types;  // present types, display order, counts

  explicit Model(const GraphSlice& s) : slice(&s), names(s) {}
};

void BuildModel(const ReportOptions& options, Model* m) {
  for (const ReportFiling& f : options.filings) m->filing_info.emplace(f.key, &f);
  std::map<std::string, size_t> type_count;
  for (const Event& e : m->slice->events) {
    ++type_count[e.type];
    for (const Source& s : e.sources) {
      ++m->quotes_per_filing[s.filing];
      if (m->filing_number.emplace(s.filing, m->filing_keys.size() + 1).second) {
        m->filing_keys.push_back(s.filing);
      }
    }
  }
  for (const EventTypeStyle& st : AllEventTypeStyles()) {
    auto it = type_count.find(std::string(st.type));
    if (it != type_count.end()) {
      m->types.emplace_back(it->first, it->second);
      type_count.erase(it);
    }
  }
  for (const auto& [type, n] : type_count) m->types.emplace_back(type, n);
}

std::string DisplayTitle(const ReportOptions& options, const Model& m) {
  if (!options.title.empty()) return options.title;
  if (!options.focus_entity_id.empty()) {
    return "Deal report: " + std::string(m.names.Name(options.focus_entity_id));
  }
  return "Deal report";
}

// ---- Sections.

void AppendHead(const ReportOptions& options, const Model& m, std::string* out) {
  out->append(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
      "'sha256-");
  out->append(Sha256Base64(kScript));
  out->append(
      "'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"dealgraph " DEALGRAPH_VERSION "\">\n<title>");
  AppendHtml(out, DisplayTitle(options, m));
  out->append("</title>\n<style>");
  out->append(kStyle);
  out->append("</style>\n</head>\n");
}

void AppendHeader(const ReportOptions& options, const Model& m, std::string* out) {
  const GraphSlice& s = *m.slice;
  out->append("<body>\n<header class=\"top\">\n<h1>");
  AppendHtml(out, DisplayTitle(options, m));
  out->append("</h1>\n<p class=\"scope\">");
  if (options.focus_entity_id.empty()) {
    out->append("All entities in the store");
  } else {
    out->append("Events of <b>");
    AppendHtml(out, m.names.Name(options.focus_entity_id));
    out->append("</b>");
    if (!options.with_entity_id.empty()) {
      out->append(" with <b>");
      AppendHtml(out, m.names.Name(options.with_entity_id));
      out->append("</b>");
    }
  }
  if (!options.from.empty() || !options.to.empty()) {
    out->append(" \xC2\xB7 dated ");
    if (!options.from.empty()) {
      out->append("from <b>");
      AppendHtml(out, options.from);
      out->append("</b>");
    }
    if (!options.to.empty()) {
      out->append(options.from.empty() ? "up to <b>" : " to <b>");
      AppendHtml(out, options.to);
      out->append("</b>");
    }
  }
  out->append("</p>\n<dl class=\"stats\">\n");
  auto stat = [out](std::string_view label, std::string_view value) {
    out->append("<div><dt>");
    AppendHtml(out, label);
    out->append("</dt><dd>");
    AppendHtml(out, value);
    out->append("</dd></div>\n");
  };
  // Counts.
  std::set<std::string> orgs, agreements;
  std::string first_date, last_date;
  double first_years = 0, last_years = 0;
  size_t undated = 0;
  std::map<std::string, double> paid;  // currency -> sum of payment events
  for (const Event& e : s.events) {
    for (const Party& p : e.parties) {
      const Entity* ent = m.names.Find(p.entity_id);
      EntityType t = ent ? ent->type : GuessEntityType(p.entity_id);
      if (t == EntityType::kOrganization && p.entity_id != options.focus_entity_id) {
        orgs.insert(p.entity_id);
      }
    }
    if (!e.agreement_id.empty()) agreements.insert(e.agreement_id);
    IsoDate d;
    if (ParseIsoDate(e.date, &d)) {
      double y = DateToYears(d);
      if (first_date.empty() || y < first_years) first_date = e.date, first_years = y;
      if (last_date.empty() || y > last_years) last_date = e.date, last_years = y;
    } else {
      ++undated;
    }
    if (IsMoneyPaid(e.type, e.amount)) {
      paid[e.amount->currency] += e.amount->value;
    }
  }
  stat("Events", Grouped(s.events.size()));
  stat(options.focus_entity_id.empty() ? "Organizations" : "Partners", Grouped(orgs.size()));
  stat("Agreements", Grouped(agreements.size()));
  stat("Filings", Grouped(m.filing_keys.size()));
  if (!first_date.empty()) {
    stat("Dates", first_date == last_date ? first_date : first_date + " \xE2\x80\x93 " + last_date);
  }
  if (undated > 0) stat("Undated", Grouped(undated));
  for (const auto& [currency, sum] : paid) {
    stat(paid.size() == 1 ? "Payments" : "Payments " + (currency.empty() ? "?" : currency),
         FormatMoneyShort(TotalMoney(sum, currency)));
  }
  out->append("</dl>\n<nav class=\"toc\">");
  if (!s.events.empty()) {
    out->append("<a href=\"#timeline\">Timeline</a><a href=\"#partners\">Partners</a>");
  }
  out->append("<a href=\"#events\">Events</a>");
  if (!agreements.empty()) out->append("<a href=\"#agreements\">Agreements</a>");
  if (!s.events.empty()) out->append("<a href=\"#sources\">Source quotes</a>");
  if (!m.filing_keys.empty()) out->append("<a href=\"#filings\">Filings</a>");
  out->append("</nav>\n</header>\n<main>\n");
}

// One diagram section: the SVG, or a note saying why there is none.
void AppendDiagram(std::string_view id, std::string_view heading, std::string_view aside,
                   const Status& status, const std::string& svg, std::string* out) {
  out->append("<section id=\"");
  out->append(id);
  out->append("\">\n<h2>");
  AppendHtml(out, heading);
  out->append(" <span class=\"aside\">");
  AppendHtml(out, aside);
  out->append("</span>");
  if (status.ok() && !svg.empty()) {
    out->append("<span class=\"tools\"><button type=\"button\" data-zoom=\"");
    out->append(id);
    out->append("-fig\">Actual size</button></span></h2>\n<figure class=\"diagram fit\" id=\"");
    out->append(id);
    out->append("-fig\" role=\"img\" aria-label=\"");
    AppendHtml(out, heading);
    out->append("\" style=\"margin:0\">\n");
    out->append(svg);
    out->append("\n</figure>\n</section>\n");
  } else {
    out->append("</h2>\n<p class=\"note\">Not drawn: ");
    AppendHtml(out, status.ok() ? std::string("Graphviz produced no SVG") : status.message());
    out->append("</p>\n</section>\n");
  }
}

void AppendPartiesCell(const Event& e, const Model& m, std::string* out) {
  bool first = true;
  for (const Party& p : e.parties) {
    if (!first) out->append(", ");
    first = false;
    AppendHtml(out, m.names.Name(p.entity_id));
    if (!p.role.empty()) {
      out->append(" <span class=\"role\">(");
      AppendHtml(out, p.role);
      out->append(")</span>");
    }
  }
  if (first) out->append("<span class=\"muted\">\xE2\x80\x94</span>");
}

std::string ItemLabel(std::string_view item) {
  if (item.empty()) return "";
  if (item.front() >= '0' && item.front() <= '9') return "Item " + std::string(item);
  return std::string(item);
}

// The event table: one row per event, rows "ev-N" (N from 1, slice order).
void AppendEventTable(const Model& m, std::string* out) {
  const GraphSlice& s = *m.slice;
  out->append("<section id=\"events\">\n<h2>Events <span class=\"aside\">");
  out->append(s.events.empty() ? std::string("none")
                               : "click a heading to sort; the filings link to the quotes");
  out->append("</span></h2>\n");
  if (s.events.empty()) {
    out->append(
        "<p class=\"empty\" id=\"ev-empty\">No events match this selection: there is nothing "
        "to draw or list.</p>\n</section>\n");
    return;
  }
  out->append(
      "<div class=\"controls\">\n<label>Filter <input type=\"search\" id=\"ev-filter\" "
      "placeholder=\"names, words, quotes, filings\xE2\x80\xA6  (press /)\" autocomplete=\"off\" "
      "spellcheck=\"false\"></label>\n<label>Type <select id=\"ev-type\"><option value=\"\">All "
      "types (");
  out->append(Grouped(s.events.size()));
  out->append(")</option>");
  for (const auto& [type, n] : m.types) {
    out->append("<option value=\"");
    AppendHtml(out, type);
    out->append("\">");
    AppendHtml(out, type.empty() ? std::string("(no type)") : type);
    out->append(" (" + Grouped(n) + ")</option>");
  }
  out->append(
      "</select></label>\n<button type=\"button\" id=\"ev-clear\">Clear</button>\n"
      "<span class=\"shown\" id=\"ev-shown\" aria-live=\"polite\">");
  out->append("all " + Plural(s.events.size(), "event", "events") + " shown");
  out->append(
      "</span>\n</div>\n<div class=\"tablewrap\">\n<table id=\"ev-table\">\n<thead><tr>"
      "<th data-kind=\"num\" aria-sort=\"none\"><button type=\"button\">Date</button></th>"
      "<th aria-sort=\"none\"><button type=\"button\">Type</button></th>"
      "<th aria-sort=\"none\"><button type=\"button\">Parties</button></th>"
      "<th data-kind=\"num\" aria-sort=\"none\"><button type=\"button\">Amount</button></th>"
      "<th aria-sort=\"none\"><button type=\"button\">Agreement</button></th>"
      "<th aria-sort=\"none\"><button type=\"button\">Summary</button></th>"
      "<th aria-sort=\"none\"><button type=\"button\">Filing</button></th>"
      "</tr></thead>\n<tbody>\n");
  constexpr size_t kLinksPerRow = 3;
  for (size_t i = 0; i < s.events.size(); ++i) {
    const Event& e = s.events[i];
    std::string n = std::to_string(i + 1);
    out->append("<tr id=\"ev-" + n + "\" data-type=\"");
    AppendHtml(out, e.type);
    out->append("\">");
    // Date.
    std::string key = DateSortKey(e.date);
    out->append("<td class=\"date\" data-sort=\"" + key + "\">");
    if (e.date.empty()) {
      out->append("<span class=\"undated\">undated</span>");
    } else {
      AppendHtml(out, e.date);
    }
    // Type, coloured as on the timeline.
    const EventTypeStyle& st = StyleForEventType(e.type);
    out->append("</td><td><span class=\"chip\" style=\"--c:");
    AppendHtml(out, st.color);
    out->append(";--f:");
    AppendHtml(out, st.fill);
    out->append("\">");
    AppendOrDash(out, e.type);
    out->append("</span></td><td>");
    AppendPartiesCell(e, m, out);
    // Amount.
    if (e.amount && std::isfinite(e.amount->value)) {
      out->append("</td><td class=\"num\" data-sort=\"" + SortNumber(e.amount->value) + "\">");
      AppendHtml(out, MoneyCell(*e.amount));
    } else {
      out->append("</td><td class=\"num\" data-sort=\"\">");
    }
    out->append("</td><td>");
    if (!e.agreement_id.empty()) AppendHtml(out, m.names.Name(e.agreement_id));
    out->append("</td><td class=\"sum\">");
    AppendHtml(out, e.summary);
    out->append("</td><td class=\"files\">");
    for (size_t k = 0; k < e.sources.size() && k < kLinksPerRow; ++k) {
      const Source& src = e.sources[k];
      out->append("<div><a href=\"#src-" + n + "-" + std::to_string(k + 1) + "\">");
      AppendOrDash(out, src.filing);
      out->append("</a>");
      if (!src.item.empty()) {
        out->append("<small>");
        AppendHtml(out, ItemLabel(src.item));
        out->append("</small>");
      }
      out->append("</div>");
    }
    if (e.sources.size() > kLinksPerRow) {
      out->append("<div><a href=\"#src-" + n + "\">+" +
                  std::to_string(e.sources.size() - kLinksPerRow) + " more</a></div>");
    }
    out->append("</td></tr>\n");
  }
  out->append(
      "</tbody>\n</table>\n</div>\n<p class=\"empty\" id=\"ev-none\" hidden>No event matches "
      "the filter.</p>\n</section>\n");
}

void AppendAgreements(const Model& m, std::string* out) {
  const GraphSlice& s = *m.slice;
  std::map<std::string, size_t> count;
  for (const Event& e : s.events) {
    if (!e.agreement_id.empty()) ++count[e.agreement_id];
  }
  if (count.empty()) return;
  // Agreements in order of their date, undated last, then by name.
  std::vector<std::pair<std::string, const Entity*>> rows;
  for (const auto& [id, n] : count) rows.emplace_back(id, m.names.Find(id));
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    std::string_view da = a.second ? std::string_view(a.second->dated) : "";
    std::string_view db = b.second ? std::string_view(b.second->dated) : "";
    if (da.empty() != db.empty()) return db.empty();
    return da < db;
  });
  out->append(
      "<section id=\"agreements\">\n<h2>Agreements <span class=\"aside\">click a name to list "
      "its events</span></h2>\n<div class=\"tablewrap\">\n<table>\n<thead><tr><th>Agreement"
      "</th><th>Parties</th><th>Dated</th><th>Expires</th><th>Term</th><th>Events</th></tr>"
      "</thead>\n<tbody>\n");
  for (const auto& [id, ent] : rows) {
    std::string name(m.names.Name(id));
    out->append("<tr><td><a href=\"#events\" data-filter=\"");
    AppendHtml(out, name);
    out->append("\">");
    AppendHtml(out, name);
    out->append("</a>");
    if (ent != nullptr && !ent->title.empty() && ent->title != ent->name) {
      out->append(" <span class=\"muted\">(");
      AppendHtml(out, ent->title);
      out->append(")</span>");
    }
    out->append("</td><td>");
    if (ent != nullptr) {
      for (size_t i = 0; i < ent->parties.size(); ++i) {
        if (i > 0) out->append(", ");
        AppendHtml(out, m.names.Name(ent->parties[i]));
      }
    }
    out->append("</td><td class=\"date\">");
    if (ent != nullptr) AppendHtml(out, ent->dated);
    out->append("</td><td class=\"date\">");
    if (ent != nullptr) AppendHtml(out, ent->expires);
    out->append("</td><td>");
    if (ent != nullptr) AppendHtml(out, ent->term);
    out->append("</td><td class=\"num\">" + Grouped(count[id]) + "</td></tr>\n");
  }
  out->append("</tbody>\n</table>\n</div>\n</section>\n");
}

// The quotes, one article "src-N" per event, one blockquote "src-N-K" per
// source, each linking back to row "ev-N".
void AppendSources(const Model& m, std::string* out) {
  const GraphSlice& s = *m.slice;
  if (s.events.empty()) return;
  out->append(
      "<section id=\"sources\" class=\"srcs\">\n<h2>Source quotes <span class=\"aside\">each "
      "event's sentences as the filings wrote them; \xE2\x86\x91 goes back to the row</span>"
      "</h2>\n");
  for (size_t i = 0; i < s.events.size(); ++i) {
    const Event& e = s.events[i];
    std::string n = std::to_string(i + 1);
    out->append("<article id=\"src-" + n + "\">\n<h3><a href=\"#ev-" + n +
                "\" title=\"back to the event\">\xE2\x86\x91</a>");
    AppendHtml(out, e.date.empty() ? std::string("undated") : e.date);
    out->append(" \xC2\xB7 ");
    AppendHtml(out, e.type);
    if (!e.parties.empty()) {
      out->append(" \xC2\xB7 ");
      for (size_t p = 0; p < e.parties.size(); ++p) {
        if (p > 0) out->append(", ");
        AppendHtml(out, m.names.Name(e.parties[p].entity_id));
      }
    }
    out->append("</h3>\n");
    if (e.sources.empty()) out->append("<p class=\"note\">No source recorded.</p>\n");
    for (size_t k = 0; k < e.sources.size(); ++k) {
      const Source& src = e.sources[k];
      out->append("<blockquote id=\"src-" + n + "-" + std::to_string(k + 1) + "\"><p>");
      AppendHtml(out, src.quote);
      out->append("</p><footer>");
      auto num = m.filing_number.find(src.filing);
      out->append("<a href=\"#filing-" + std::to_string(num->second) + "\">");
      AppendOrDash(out, src.filing);
      out->append("</a>");
      if (!src.item.empty()) {
        out->append(" \xC2\xB7 ");
        AppendHtml(out, ItemLabel(src.item));
      }
      std::string filed = src.filed;
      auto info = m.filing_info.find(src.filing);
      if (filed.empty() && info != m.filing_info.end()) filed = info->second->filed;
      if (!filed.empty()) {
        out->append(" \xC2\xB7 filed ");
        AppendHtml(out, filed);
      }
      out->append(" \xC2\xB7 <a href=\"#ev-" + n + "\">back to the event</a></footer></blockquote>\n");
    }
    out->append("</article>\n");
  }
  out->append("</section>\n");
}

void AppendFilings(const Model& m, std::string* out) {
  if (m.filing_keys.empty()) return;
  out->append(
      "<section id=\"filings\">\n<h2>Filings <span class=\"aside\">the filings the quotes come "
      "from</span></h2>\n<div class=\"tablewrap\">\n<table>\n<thead><tr><th>Filing</th>"
      "<th>Form</th><th>Filed</th><th>Event date</th><th>Registrant</th><th>Items</th>"
      "<th>File</th><th>Quotes</th></tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < m.filing_keys.size(); ++i) {
    const std::string& key = m.filing_keys[i];
    auto it = m.filing_info.find(key);
    const ReportFiling* f = it == m.filing_info.end() ? nullptr : it->second;
    out->append("<tr id=\"filing-" + std::to_string(i + 1) + "\"><td><a href=\"#events\" data-filter=\"");
    AppendHtml(out, key);
    out->append("\">");
    AppendOrDash(out, key);
    out->append("</a></td><td>");
    if (f) AppendHtml(out, f->form);
    out->append("</td><td class=\"date\">");
    if (f) AppendHtml(out, f->filed);
    out->append("</td><td class=\"date\">");
    if (f) AppendHtml(out, f->event_date);
    out->append("</td><td>");
    if (f) AppendHtml(out, f->registrant);
    out->append("</td><td>");
    if (f) {
      for (size_t k = 0; k < f->items.size(); ++k) {
        if (k > 0) out->append(", ");
        AppendHtml(out, f->items[k]);
      }
    }
    out->append("</td><td>");
    if (f && f->file_name != key) AppendHtml(out, f->file_name);
    out->append("</td><td class=\"num\">" + Grouped(m.quotes_per_filing.at(key)) + "</td></tr>\n");
  }
  out->append("</tbody>\n</table>\n</div>\n</section>\n");
}

// The data block the script reads: per row (table order) the event id and
// extra search text (aliases, quotes, items, the id), and the entity names
// the partner diagram's nodes stand for.
void AppendData(const Model& m, std::string* out) {
  const GraphSlice& s = *m.slice;
  JsonWriter w;
  w.BeginObject();
  w.Key("rows");
  w.BeginArray();
  for (const Event& e : s.events) {
    std::string text;
    auto add = [&text](std::string_view piece) {
      if (piece.empty()) return;
      if (!text.empty()) text.push_back('\n');
      text.append(piece);
    };
    for (const Party& p : e.parties) {
      if (const Entity* ent = m.names.Find(p.entity_id)) {
        for (const std::string& a : ent->aliases) add(a);
      }
    }
    if (const Entity* ag = m.names.Find(e.agreement_id)) {
      for (const std::string& a : ag->aliases) add(a);
    }
    for (const Source& src : e.sources) {
      add(src.quote);
      add(ItemLabel(src.item));
    }
    add(e.id);
    w.BeginObject();
    w.Field("id", e.id);
    w.Field("text", text);
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.BeginObject();
  for (const Entity& ent : s.entities) {
    if (ent.type == EntityType::kAgreement) continue;
    w.Field(ent.id, ent.name.empty() ? ent.id : ent.name);
  }
  w.EndObject();
  w.EndObject();
  out->append("<script type=\"application/json\" id=\"dg-data\">");
  out->append(JsonForScript(w.str()));
  out->append("</script>\n<script>");
  out->append(kScript);
  out->append("</script>\n");
}

bool FocusInSlice(const GraphSlice& slice, std::string_view id) {
  if (slice.Find(id) != nullptr) return true;
  for (const Event& e : slice.events) {
    for (const Party& p : e.parties) {
      if (p.entity_id == id) return true;
    }
  }
  return false;
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  AppendHtml(&out, s);
  return out;
}

std::string JsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') {
      out.append("\\u003c");
    } else if (c == '>') {
      out.append("\\u003e");
    } else if (c == '&') {
      out.append("\\u0026");
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out.append(json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string EmbeddableSvg(std::string_view svg, std::string_view id_prefix) {
  size_t start = 0;
  while (true) {
    start = svg.find("<svg", start);
    if (start == std::string_view::npos) return "";
    char next = start + 4 < svg.size() ? svg[start + 4] : '\0';
    if (next == ' ' || next == '\n' || next == '\t' || next == '\r' || next == '>') break;
    start += 4;
  }
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  auto prefix_urls = [&](std::string_view value) {
    std::string v;
    size_t pos = 0;
    while (true) {
      size_t at = value.find("url(#", pos);
      if (at == std::string_view::npos) break;
      v.append(value.substr(pos, at + 5 - pos));
      v.append(id_prefix);
      pos = at + 5;
    }
    v.append(value.substr(pos));
    return v;
  };
  std::string out;
  out.reserve(svg.size() - start + 1024);
  size_t i = start;
  const size_t n = svg.size();
  while (i < n) {
    if (svg[i] != '<') {
      size_t next = svg.find('<', i);
      if (next == std::string_view::npos) next = n;
      out.append(svg.substr(i, next - i));
      i = next;
      continue;
    }
    if (svg.compare(i, 4, "<!--") == 0) {
      size_t end = svg.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (i + 1 < n && (svg[i + 1] == '?' || svg[i + 1] == '!' || svg[i + 1] == '/')) {
      size_t end = svg.find('>', i);
      if (end == std::string_view::npos) break;
      if (svg[i + 1] == '/') out.append(svg.substr(i, end + 1 - i));  // end tags are kept
      i = end + 1;
      continue;
    }
    // A start tag: copy the name, then each attribute, rewriting ids and
    // references to them.
    size_t j = i + 1;
    while (j < n && !is_space(svg[j]) && svg[j] != '>' && svg[j] != '/') ++j;
    out.append(svg.substr(i, j - i));
    while (j < n) {
      char c = svg[j];
      if (is_space(c)) {
        out.push_back(c);
        ++j;
        continue;
      }
      if (c == '>' || c == '/') {
        out.push_back(c);
        ++j;
        if (c == '>') break;
        continue;
      }
      size_t name_start = j;
      while (j < n && svg[j] != '=' && !is_space(svg[j]) && svg[j] != '>' && svg[j] != '/') ++j;
      std::string_view name = svg.substr(name_start, j - name_start);
      out.append(name);
      if (j >= n || svg[j] != '=' || j + 1 >= n || (svg[j + 1] != '"' && svg[j + 1] != '\'')) {
        continue;  // an attribute without a quoted value (Graphviz writes none)
      }
      char quote = svg[j + 1];
      size_t value_start = j + 2;
      size_t value_end = svg.find(quote, value_start);
      if (value_end == std::string_view::npos) value_end = n;
      std::string_view value = svg.substr(value_start, value_end - value_start);
      out.push_back('=');
      out.push_back(quote);
      if (name == "id") {
        out.append(id_prefix);
        out.append(value);
      } else if ((name == "href" || name == "xlink:href") && !value.empty() && value[0] == '#') {
        out.push_back('#');
        out.append(id_prefix);
        out.append(value.substr(1));
      } else if (name == "fill" || name == "stroke" || name == "clip-path" || name == "filter" ||
                 name == "mask" || name == "style" || name.substr(0, 7) == "marker-") {
        out.append(prefix_urls(value));
      } else {
        out.append(value);
      }
      out.push_back(quote);
      j = value_end + 1;
    }
    i = j;
  }
  while (!out.empty() && is_space(out.back())) out.pop_back();
  return out;
}

std::string Sha256Base64(std::string_view data) {
  std::array<uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  size_t full = n / 64 * 64;
  for (size_t i = 0; i < full; i += 64) Sha256Block(p + i, &h);
  unsigned char tail[128] = {};
  size_t rest = n - full;
  std::copy(p + full, p + n, tail);
  tail[rest] = 0x80;
  size_t tail_len = rest + 9 <= 64 ? 64 : 128;
  uint64_t bits = static_cast<uint64_t>(n) * 8;
  for (int k = 0; k < 8; ++k) tail[tail_len - 1 - k] = static_cast<unsigned char>(bits >> (8 * k));
  for (size_t i = 0; i < tail_len; i += 64) Sha256Block(tail + i, &h);
  unsigned char digest[32];
  for (int i = 0; i < 8; ++i) {
    digest[4 * i] = static_cast<unsigned char>(h[i] >> 24);
    digest[4 * i + 1] = static_cast<unsigned char>(h[i] >> 16);
    digest[4 * i + 2] = static_cast<unsigned char>(h[i] >> 8);
    digest[4 * i + 3] = static_cast<unsigned char>(h[i]);
  }
  return Base64(digest, sizeof digest);
}

Status WriteHtmlReport(const GraphSlice& slice, const ReportOptions& options, std::ostream& out,
                       ReportInfo* info) {
  return CatchAll("report", [&]() -> Status {
    if (!options.focus_entity_id.empty() && !FocusInSlice(slice, options.focus_entity_id)) {
      return Status::NotFound("report focus '" + options.focus_entity_id +
                              "' is not in the selected graph");
    }
    ReportInfo local;
    ReportInfo* inf = info != nullptr ? info : &local;
    inf->events = slice.events.size();
    inf->warnings.clear();
    Model m(slice);
    BuildModel(options, &m);

    std::string page;
    page.reserve(64 * 1024 + slice.events.size() * 2048);
    AppendHead(options, m, &page);
    AppendHeader(options, m, &page);
    if (!slice.events.empty()) {
      // Timeline.
      std::ostringstream tl_svg;
      TimelineOptions to;
      to.focus_entity_id = options.focus_entity_id;
      Status tl = WriteTimeline(slice, to, "svg", tl_svg);
      std::string tl_embed = tl.ok() ? EmbeddableSvg(tl_svg.str(), "tl-") : "";
      if (!tl.ok()) inf->warnings.push_back("timeline: " + tl.message());
      AppendDiagram("timeline", "Timeline",
                    "one lane per partner; hover a box for its quotes, click it for its row", tl,
                    tl_embed, &page);
      // Partner diagram.
      std::ostringstream pd_svg;
      PartnerOptions po;
      po.focus_entity_id = options.focus_entity_id;
      Status pd = WritePartnerDiagram(slice, po, "svg", pd_svg);
      std::string pd_embed = pd.ok() ? EmbeddableSvg(pd_svg.str(), "pd-") : "";
      if (!pd.ok()) inf->warnings.push_back("partner diagram: " + pd.message());
      AppendDiagram("partners", "Partners",
                    "who deals with whom; click an organization to filter the events", pd,
                    pd_embed, &page);
    }
    AppendEventTable(m, &page);
    AppendAgreements(m, &page);
    AppendSources(m, &page);
    AppendFilings(m, &page);
    page.append("</main>\n<footer class=\"page\">Made by dealgraph " DEALGRAPH_VERSION
                " from SEC Form 8-K filings");
    if (!options.generated_at.empty()) {
      page.append(" \xC2\xB7 ");
      AppendHtml(&page, options.generated_at);
    }
    page.append(
        " \xC2\xB7 every fact links to the sentence it was read from; extraction can err, so "
        "check the quote.</footer>\n");
    AppendData(m, &page);
    page.append("</body>\n</html>\n");

    out.write(page.data(), static_cast<std::streamsize>(page.size()));
    out.flush();
    if (!out) return Status::IoError("writing the report failed");
    return Status::Ok();
  });
}

}  // namespace dealgraph
