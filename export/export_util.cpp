#include "export/export_util.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>
#include <unordered_set>

#include "common/strings.h"
#include "common/utf8.h"

namespace dealgraph {

namespace {

bool IsXmlLegal(char32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// "1234567" -> "1,234,567".
std::string GroupThousands(std::string digits) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string XmlLegalText(std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  bool all_legal = true;
  for (unsigned char c : clean) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xEF) {
      all_legal = false;  // 0xEF may start U+FFFE/U+FFFF: check properly
      break;
    }
  }
  if (all_legal) return clean;
  std::string out;
  out.reserve(clean.size());
  size_t i = 0;
  while (i < clean.size()) {
    size_t start = i;
    char32_t cp = DecodeUtf8(clean, &i);
    if (IsXmlLegal(cp)) out.append(clean, start, i - start);
  }
  return out;
}

void AppendXmlEscaped(std::string* out, std::string_view s, bool attribute) {
  std::string clean = XmlLegalText(s);
  for (char c : clean) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&apos;");
        break;
      case '\t':
        out->append(attribute ? "&#9;" : "\t");
        break;
      case '\n':
        out->append(attribute ? "&#10;" : "\n");
        break;
      // A raw CR is turned into LF by every XML parser; keep it explicitly.
      case '\r':
        out->append("&#13;");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string XmlEscape(std::string_view s, bool attribute) {
  std::string out;
  AppendXmlEscaped(&out, s, attribute);
  return out;
}

namespace {

// [+-]digits[.digits][e[+-]digits], or with the digits after the point only.
bool IsNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && IsAsciiDigit(s[i])) ++i;
    return i - from;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t whole = digits();
  size_t part = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    part = digits();
  }
  if (whole + part == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool IsCsvFormula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return !IsNumber(s);
}

void AppendCsvField(std::string* out, std::string_view s) {
  std::string clean = SanitizeUtf8(s);
  if (IsCsvFormula(clean)) clean.insert(0, 1, '\'');
  bool quote = !clean.empty() && (clean.front() == ' ' || clean.back() == ' ');
  for (char c : clean) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out->append(clean);
    return;
  }
  out->push_back('"');
  for (char c : clean) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

namespace {

// True when s[i] == '&' starts something Graphviz would decode as an entity.
bool StartsEntity(std::string_view s, size_t i) {
  size_t j = i + 1;
  size_t n = 0;
  while (j < s.size() && n <= 32) {
    char c = s[j];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c == '#' && n == 0);
    if (!ok) break;
    ++j;
    ++n;
  }
  return n > 0 && j < s.size() && s[j] == ';';
}

std::string GraphvizText(std::string_view s, int backslash_copies) {
  std::string clean = XmlLegalText(s);
  std::string out;
  out.reserve(clean.size() + 8);
  bool pending_space = false;
  for (size_t i = 0; i < clean.size(); ++i) {
    char c = clean[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (c == '\\') {
      out.append(static_cast<size_t>(backslash_copies), '\\');
    } else if (c == '&' && StartsEntity(clean, i)) {
      out.append("&amp;");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string DotText(std::string_view s) { return GraphvizText(s, 2); }

std::string DotTooltip(std::string_view s) { return GraphvizText(s, 4); }

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    DecodeUtf8(s, &i);
    ++n;
  }
  return n;
}

std::string TruncateUtf8(std::string_view s, size_t max_chars) {
  if (Utf8Length(s) <= max_chars) return std::string(s);
  if (max_chars == 0) return std::string();
  std::string out;
  size_t i = 0;
  for (size_t kept = 0; kept + 1 < max_chars && i < s.size(); ++kept) {
    size_t start = i;
    DecodeUtf8(s, &i);
    out.append(s.substr(start, i - start));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out.append("\xE2\x80\xA6");  // …
  return out;
}

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  if (std::fabs(v) >= 1e15) {
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
  }
  if (v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string out = buf;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string CurrencyPrefix(std::string_view currency) {
  if (currency == "USD") return "$";
  if (currency == "EUR") return "\xE2\x82\xAC";  // €
  if (currency == "GBP") return "\xC2\xA3";      // £
  if (currency == "JPY") return "\xC2\xA5";      // ¥
  if (currency.empty()) return "";
  return std::string(currency) + " ";
}

namespace {

// A price's digits: two decimals, up to four when it has more ("0.0625").
std::string PriceDigits(double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", a);
  std::string s = buf;
  while (s.size() > 3 && s.back() == '0' && s[s.size() - 3] != '.') s.pop_back();
  return s;
}

// "$2.0M", "€350K", "$1.2B", "$0.50"; "?" when the figure is no number.
std::string ShortFigure(double v, bool cents, std::string_view currency) {
  if (!std::isfinite(v)) return "?";
  double a = std::fabs(v);
  std::string sign = v < 0 ? "-" : "";
  char buf[64];
  if (cents) {
    return sign + CurrencyPrefix(currency) + PriceDigits(a);
  } else if (a >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.1fB", a / 1e9);
  } else if (a >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fM", a / 1e6);
  } else if (a >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.0fK", a / 1e3);
  } else if (a == std::floor(a)) {
    std::snprintf(buf, sizeof buf, "%.0f", a);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", a);
  }
  return sign + CurrencyPrefix(currency) + buf;
}

// "$2,000,000", "$0.50"; cents only when there are some (or `cents`).
std::string LongFigure(double v, bool cents, std::string_view currency) {
  if (!std::isfinite(v)) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::fabs(v));
  std::string text = buf;
  if (cents && std::fabs(v) < 1000) return (v < 0 ? "-" : "") + CurrencyPrefix(currency) + PriceDigits(std::fabs(v));
  std::string number = GroupThousands(text.substr(0, text.size() - 3));
  if (text.compare(text.size() - 3, 3, ".00") != 0 || cents) number += text.substr(text.size() - 3);
  return (v < 0 ? "-" : "") + CurrencyPrefix(currency) + number;
}

}  // namespace

std::string DescribeAmount(const Money& m, bool compact) {
  const bool cents = m.per_share();
  auto figure = [&](double v) {
    return compact ? ShortFigure(v, cents, m.currency) : LongFigure(v, cents, m.currency);
  };
  std::string out = figure(m.value);
  if (m.is_range()) out += "\xE2\x80\x93" + figure(m.high);  // en dash
  switch (m.kind) {
    case MoneyKind::kTotal:
      break;
    case MoneyKind::kPerShare:
      out += compact ? "/share" : " per share";
      break;
    case MoneyKind::kPerUnit:
      out += (compact ? "/" : " per ") + (m.unit.empty() ? std::string("unit") : m.unit);
      break;
    case MoneyKind::kUpTo:
      out = "up to " + out;
      break;
    case MoneyKind::kContingent:
      out += compact ? " contingent" : " (contingent)";
      break;
  }
  return out;
}

std::string FormatMoneyShort(const Money& m) { return DescribeAmount(m, /*compact=*/true); }

std::string FormatMoneyLong(const Money& m) {
  std::string out = DescribeAmount(m, /*compact=*/false);
  if (!m.currency.empty()) out += " (" + m.currency + ")";
  return out;
}

bool ParseIsoDate(std::string_view s, IsoDate* out) {
  IsoDate d;
  if (s.size() < 4 || !IsDigits(s.substr(0, 4))) return false;
  d.year = ToInt(s.substr(0, 4));
  if (s.size() == 4) {
    *out = d;
    return true;
  }
  if (s.size() < 7 || s[4] != '-' || !IsDigits(s.substr(5, 2))) return false;
  d.month = ToInt(s.substr(5, 2));
  if (d.month < 1 || d.month > 12) return false;
  if (s.size() == 7) {
    *out = d;
    return true;
  }
  if (s.size() < 10 || s[7] != '-' || !IsDigits(s.substr(8, 2))) return false;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return false;
  d.day = ToInt(s.substr(8, 2));
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return false;
  *out = d;
  return true;
}

double DateToYears(const IsoDate& d) {
  if (d.month == 0) return d.year + 0.5;
  if (d.day == 0) return d.year + (d.month - 0.5) / 12.0;
  return d.year + (d.month - 1) / 12.0 + (d.day - 0.5) / (12.0 * DaysInMonth(d.year, d.month));
}

EntityIndex::EntityIndex(const GraphSlice& slice) {
  by_id_.reserve(slice.entities.size());
  for (const Entity& e : slice.entities) by_id_.emplace(e.id, &e);  // first one wins
}

const Entity* EntityIndex::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::string_view EntityIndex::Name(std::string_view id) const {
  const Entity* e = Find(id);
  return (e != nullptr && !e->name.empty()) ? std::string_view(e->name) : id;
}

EntityType GuessEntityType(std::string_view id) {
  if (id.starts_with("person:")) return EntityType::kPerson;
  if (id.starts_with("product:")) return EntityType::kProduct;
  if (id.starts_with("ag:")) return EntityType::kAgreement;
  return EntityType::kOrganization;
}

std::vector<FlatEdge> FlattenEdges(const GraphSlice& slice) {
  std::vector<FlatEdge> edges;
  std::set<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>> seen;
  auto add = [&](std::string_view s, std::string_view t, std::string_view type,
                 std::string_view role) {
    if (s.empty() || t.empty()) return;
    if (!seen.emplace(s, t, type, role).second) return;
    edges.push_back(FlatEdge{s, t, type, role});
  };
  for (const Event& e : slice.events) {
    for (const Party& p : e.parties) add(p.entity_id, e.id, "party_of", p.role);
    add(e.id, e.agreement_id, "concerns", "");
  }
  for (const Entity& ent : slice.entities) {
    if (ent.type != EntityType::kAgreement) continue;
    for (const std::string& p : ent.parties) add(p, ent.id, "signatory_of", "");
  }
  for (const Relation& r : slice.relations) add(r.from, r.to, r.type, r.role);
  return edges;
}

std::vector<std::string_view> DanglingIds(const GraphSlice& slice,
                                          const std::vector<FlatEdge>& edges) {
  std::unordered_set<std::string_view> known;
  for (const Entity& e : slice.entities) known.insert(e.id);
  for (const Event& e : slice.events) known.insert(e.id);
  std::vector<std::string_view> out;
  for (const FlatEdge& e : edges) {
    for (std::string_view id : {e.source, e.target}) {
      if (known.insert(id).second) out.push_back(id);
    }
  }
  return out;
}

}  // namespace dealgraph
