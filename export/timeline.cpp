#include "export/timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "export/export_util.h"

namespace dealgraph {

namespace {

// ---- Geometry (points). Font metrics are estimates: kCharEm of the font
// size per character is wide for Helvetica-like fonts, so the real text fits
// the boxes computed here.
constexpr double kCharEm = 0.6;
constexpr double kMargin = 16;
constexpr double kEventFont = 9;
constexpr double kEventHeight = 18;
constexpr double kRowPitch = 22;  // event row: box + 4 pt gap
constexpr double kBoxGap = 6;     // least horizontal gap between boxes of one row
constexpr double kSpanRowHeight = 26;
constexpr double kSpanFont = 9;
constexpr double kSpanLabelHeight = 12;
constexpr double kLaneFont = 11;
constexpr double kLanePad = 6;
constexpr double kMinLaneHeight = 26;
constexpr double kTickFont = 9;
constexpr double kTickLabelHeight = 12;
constexpr double kTitleFont = 16;
constexpr double kTitleHeight = 22;
constexpr double kLegendRowPitch = 24;
constexpr double kMaxLaneLabelWidth = 190;

// The x scale: about 120 pt per year, the axis kept between these widths,
// widened (up to the cap) while a lane needs more than kTargetRows rows.
constexpr double kBasePxPerYear = 120;
constexpr double kMinAxisWidth = 480;
constexpr double kMaxAxisWidth = 4800;
constexpr int kTargetRows = 4;

constexpr size_t kMaxPartnerLanes = 40;
// With many events in view (TimelineOptions::aggregate_above): fewer lanes,
// a narrower axis cap, so a thousand events fit a screen or two.
constexpr size_t kFewerLanes = 16;
constexpr double kAggregateMaxAxisWidth = 2000;
constexpr size_t kMaxEventLabelChars = 24;
constexpr size_t kMaxSpanNameChars = 40;
constexpr size_t kMaxTitleChars = 100;
constexpr size_t kMaxQuoteChars = 600;

constexpr std::string_view kFontName = "Helvetica,Arial,sans-serif";
constexpr std::string_view kOwnSuffix = " (own)";
constexpr std::string_view kOtherKey = "(other)";
constexpr std::string_view kAgreementsKey = "(agreements)";

const EventTypeStyle kFallbackStyle = {"", "", "ellipse", "#808080", "#f0f0f0", "dashed"};

double TextWidth(std::string_view s, double font) {
  return static_cast<double>(Utf8Length(s)) * font * kCharEm;
}

// Extra width a shape needs around its text (slanted or decorated sides).
double ShapeExtra(std::string_view shape) {
  static const std::set<std::string_view> kSlanted = {
      "hexagon",   "octagon",      "doubleoctagon", "tripleoctagon", "house", "invhouse",
      "trapezium", "invtrapezium", "parallelogram", "cds",           "rarrow"};
  if (kSlanted.count(shape)) return 18;
  if (shape == "ellipse") return 14;
  if (shape == "box3d" || shape == "component" || shape == "tab" || shape == "folder" ||
      shape == "note" || shape == "cylinder") {
    return 8;
  }
  return 0;
}

double BoxWidth(std::string_view label, const EventTypeStyle& style) {
  return std::max(30.0, TextWidth(label, kEventFont) + 12 + ShapeExtra(style.shape));
}

struct ParsedDate {
  bool ok = false;
  bool approximate = false;
  double years = 0;
  int year = 0;
};

ParsedDate ParseDate(std::string_view s) {
  ParsedDate p;
  IsoDate d;
  if (s.empty() || !ParseIsoDate(s, &d)) return p;
  p.ok = true;
  p.approximate = d.day == 0;
  p.years = DateToYears(d);
  p.year = d.year;
  return p;
}

bool IsOrganization(std::string_view id, const EntityIndex& index) {
  const Entity* e = index.Find(id);
  EntityType t = e != nullptr ? e->type : GuessEntityType(id);
  return t == EntityType::kOrganization;
}

// The organization taking part in the most events (ties: smallest id).
std::string ChooseFocus(const GraphSlice& slice, const EntityIndex& index) {
  std::map<std::string_view, int> count;
  for (const Event& e : slice.events) {
    std::set<std::string_view> seen;
    for (const Party& p : e.parties) {
      if (!p.entity_id.empty() && IsOrganization(p.entity_id, index) &&
          seen.insert(p.entity_id).second) {
        ++count[p.entity_id];
      }
    }
  }
  std::string best;
  int best_count = 0;
  for (const auto& [id, n] : count) {
    if (n > best_count) {
      best = std::string(id);
      best_count = n;
    }
  }
  return best;
}

// The first party that is an organization other than the focus, or "".
std::string_view PartnerOf(const Event& e, std::string_view focus, const EntityIndex& index) {
  for (const Party& p : e.parties) {
    if (!p.entity_id.empty() && p.entity_id != focus && IsOrganization(p.entity_id, index)) {
      return p.entity_id;
    }
  }
  return {};
}

std::string EventLabel(const Event& e, TimelineOptions::Lanes lanes, std::string_view focus,
                       const EntityIndex& index) {
  const EventTypeStyle& style = StyleForEventType(e.type);
  std::string money = e.amount ? FormatMoneyShort(*e.amount) : std::string();
  std::string label;
  if (lanes == TimelineOptions::Lanes::kType) {
    std::string_view who = PartnerOf(e, focus, index);
    if (who.empty()) {
      for (const Party& p : e.parties) {
        if (p.entity_id != focus && !p.entity_id.empty()) {
          who = p.entity_id;
          break;
        }
      }
    }
    if (who.empty() && !focus.empty()) who = focus;
    label = who.empty() ? std::string("-") : TruncateUtf8(index.Name(who), 20);
    if (!money.empty()) label += " " + money;
  } else if (e.type == "payment" && !money.empty()) {
    label = money;
  } else {
    label = style.short_label.empty() ? e.type : std::string(style.short_label);
    if (label.empty()) label = "event";
    if (!money.empty()) label += " " + money;
  }
  if (DotText(label).empty()) label = "event";
  return TruncateUtf8(label, kMaxEventLabelChars);
}

// First-fit row for an interval, given the right edge of each row so far.
// Intervals must come in order of their left edges; the row count is then
// the least possible (the largest number of intervals over any one point).
size_t AssignRow(std::vector<double>* row_right, double left, double right, double gap) {
  for (size_t r = 0; r < row_right->size(); ++r) {
    if ((*row_right)[r] + gap <= left) {
      (*row_right)[r] = right;
      return r;
    }
  }
  row_right->push_back(right);
  return row_right->size() - 1;
}

struct EventInfo {
  ParsedDate date;
  std::string label;
  double width = 0;
  std::string lane_key;
  std::vector<size_t> members;  // a counted mark's events (itself first)
  bool hidden = false;          // drawn through another's counted mark
};

struct SpanInfo {
  std::string agreement_id;
  std::string name;
  double start = 0;  // fractional years
  double end = 0;    // fractional years; open_end: last event or axis end
  bool has_end = false;
  bool open_end = false;
  std::string lane_key;
  std::vector<size_t> mark_events;
  int start_year = 0;
  int end_year = 0;
};

struct LaneInfo {
  std::string key;
  std::string label;
  std::string full_label;
  int activity = 0;
  double earliest = std::numeric_limits<double>::infinity();
};

std::string YearRange(const SpanInfo& s) {
  std::string out = " (" + std::to_string(s.start_year);
  if (s.has_end) {
    if (s.end_year != s.start_year) out += "\xE2\x80\x93" + std::to_string(s.end_year);  // –
  } else {
    out += "\xE2\x80\x93";
  }
  return out + ")";
}

std::string Fmt(const char* fmt, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

const std::vector<EventTypeStyle>& AllEventTypeStyles() {
  static const std::vector<EventTypeStyle> kStyles = {
      {"agreement.entered", "entered", "box", "#1f4e99", "#d6e4f5", ""},
      {"agreement.renewed", "renewed", "box", "#2b7a2b", "#d5efd5", "rounded"},
      {"agreement.extended", "extended", "cds", "#2b7a2b", "#e6f4cf", ""},
      {"agreement.amended", "amended", "note", "#1f4e99", "#e8eef8", ""},
      {"agreement.terminated", "terminated", "octagon", "#b22222", "#f8d7d7", ""},
      {"license.granted", "license", "tab", "#6a3d9a", "#e6dcf2", ""},
      {"payment", "payment", "ellipse", "#8a6d00", "#fff0b3", ""},
      {"regulatory", "regulatory", "hexagon", "#b0307a", "#f9dcec", ""},
      {"clinical", "clinical", "parallelogram", "#11808f", "#d3f1f5", ""},
      {"product.discontinued", "discontinued", "invtrapezium", "#666666", "#e4e4e4", ""},
      {"financial.results", "results", "folder", "#c05a00", "#fde3cc", ""},
      {"executive.change", "exec change", "house", "#7a4a3a", "#eedcd5", ""},
      {"executive.compensation", "compensation", "invhouse", "#7a4a3a", "#f6ebe2", ""},
      {"corporate.transaction", "transaction", "box3d", "#2f3a8f", "#dadff3", ""},
      {"control.change", "control", "doubleoctagon", "#8b2f2f", "#f1d5d5", ""},
      {"auditor.change", "auditor", "component", "#55702a", "#e4ecd2", ""},
      {"financial.restatement", "restatement", "trapezium", "#a33f3f", "#f6d9d9", ""},
      {"governance.change", "governance", "cylinder", "#4a4fa3", "#e0e1f5", ""},
      {"shareholder.vote", "vote", "box", "#5b5fc7", "#e3e4f8", "diagonals"},
      {"bankruptcy", "bankruptcy", "tripleoctagon", "#222222", "#d0d0d0", ""},
      {"litigation", "litigation", "rarrow", "#9c7a1c", "#f6eccd", ""},
      {"restructuring", "restructuring", "larrow", "#8a4b08", "#f7e1c8", ""},
      {"impairment", "impairment", "invtriangle", "#7a1f3d", "#f3d3de", ""},
      {"listing.notice", "listing notice", "septagon", "#6b4c00", "#f5ebc6", ""},
      {"obligation.triggered", "obligation", "pentagon", "#5c2a2a", "#ecd3d3", ""},
      {"security.incident", "cyber incident", "star", "#3a2a6b", "#dcd6f2", ""},
  };
  return kStyles;
}

const EventTypeStyle& StyleForEventType(std::string_view type) {
  for (const EventTypeStyle& s : AllEventTypeStyles()) {
    if (s.type == type) return s;
  }
  return kFallbackStyle;
}

std::vector<TimelineBox> TimelineLayout::TextBoxes() const {
  std::vector<TimelineBox> out;
  out.push_back(title_box);
  for (const TimelineLane& l : lanes) out.push_back(l.label_box);
  for (const TimelineEventMark& e : events) {
    if (!e.hidden) out.push_back(e.box);
  }
  for (const TimelineSpan& s : spans) out.push_back(s.label_box);
  for (const TimelineTick& t : ticks) {
    if (!t.label.empty()) out.push_back(t.label_box);
  }
  if (undated_label_box.width > 0) out.push_back(undated_label_box);
  for (const TimelineLegendItem& l : legend) out.push_back(l.box);
  return out;
}

TimelineLayout LayoutTimeline(const GraphSlice& slice, const TimelineOptions& options) {
  TimelineLayout L;
  L.lane_kind = options.lanes;
  EntityIndex index(slice);
  const bool by_type = options.lanes == TimelineOptions::Lanes::kType;
  L.focus_id =
      options.focus_entity_id.empty() ? ChooseFocus(slice, index) : options.focus_entity_id;
  const std::string focus_name(L.focus_id.empty() ? std::string_view() : index.Name(L.focus_id));
  const std::string own_key = L.focus_id.empty() ? std::string("(own)") : L.focus_id;

  // ---- Events: dates, labels, widths, lane keys.
  std::vector<EventInfo> info(slice.events.size());
  for (size_t i = 0; i < slice.events.size(); ++i) {
    const Event& e = slice.events[i];
    EventInfo& ev = info[i];
    ev.date = ParseDate(e.date);
    ev.label = EventLabel(e, options.lanes, L.focus_id, index);
    ev.width = BoxWidth(ev.label, StyleForEventType(e.type));
    if (by_type) {
      ev.lane_key = e.type;
    } else {
      std::string_view partner = PartnerOf(e, L.focus_id, index);
      ev.lane_key = partner.empty() ? own_key : std::string(partner);
    }
  }

  // ---- Agreement spans: from the agreement's date (else its earliest
  // event) to its expiry (else its termination, else open).
  std::vector<SpanInfo> spans;
  {
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    for (const Entity& ent : slice.entities) {
      if (ent.type == EntityType::kAgreement && seen.insert(ent.id).second) ids.push_back(ent.id);
    }
    for (const Event& e : slice.events) {
      if (!e.agreement_id.empty() && seen.insert(e.agreement_id).second) {
        ids.push_back(e.agreement_id);
      }
    }
    std::unordered_map<std::string_view, std::vector<size_t>> events_of;
    for (size_t i = 0; i < slice.events.size(); ++i) {
      if (!slice.events[i].agreement_id.empty()) {
        events_of[slice.events[i].agreement_id].push_back(i);
      }
    }
    for (const std::string& id : ids) {
      const Entity* ag = index.Find(id);
      SpanInfo s;
      s.agreement_id = id;
      s.name = TruncateUtf8(index.Name(id), kMaxSpanNameChars);
      ParsedDate start = ParseDate(ag != nullptr ? std::string_view(ag->dated) : "");
      ParsedDate end = ParseDate(ag != nullptr ? std::string_view(ag->expires) : "");
      double first = std::numeric_limits<double>::infinity();
      double last = -first;
      std::map<std::string, int> lane_votes;
      for (size_t i : events_of[id]) {
        const Event& e = slice.events[i];
        lane_votes[info[i].lane_key]++;
        if (!info[i].date.ok) continue;
        first = std::min(first, info[i].date.years);
        last = std::max(last, info[i].date.years);
        if (e.type == "agreement.renewed" || e.type == "agreement.extended" ||
            e.type == "agreement.amended" || e.type == "agreement.terminated") {
          s.mark_events.push_back(i);
        }
        if (e.type == "agreement.terminated" && !end.ok) end = info[i].date;
      }
      if (start.ok) {
        s.start = start.years;
        s.start_year = start.year;
      } else if (std::isfinite(first)) {
        s.start = first;
        s.start_year = static_cast<int>(std::floor(first));
      } else {
        continue;  // no date at all: nothing to draw
      }
      if (end.ok && end.years >= s.start) {
        s.end = end.years;
        s.end_year = end.year;
        s.has_end = true;
      } else {
        s.open_end = true;
        s.end = std::max(s.start, std::isfinite(last) ? last : s.start);
      }
      // Renewals and the like lie on the term; should the record of the
      // term disagree with their dates, stretch the span to hold them.
      for (size_t i : s.mark_events) {
        s.start = std::min(s.start, info[i].date.years);
        s.end = std::max(s.end, info[i].date.years);
      }
      // Its lane: the partner among the signatories, else where most of
      // its events went, else the focus's own lane.
      if (by_type) {
        s.lane_key = std::string(kAgreementsKey);
      } else {
        if (ag != nullptr) {
          for (const std::string& p : ag->parties) {
            if (p != L.focus_id && IsOrganization(p, index)) {
              s.lane_key = p;
              break;
            }
          }
        }
        if (s.lane_key.empty()) {
          int best = 0;
          for (const auto& [key, n] : lane_votes) {
            if (n > best) {
              best = n;
              s.lane_key = key;
            }
          }
        }
        if (s.lane_key.empty()) s.lane_key = own_key;
      }
      spans.push_back(std::move(s));
    }
  }

  // ---- Lanes.
  std::vector<LaneInfo> lane_infos;
  {
    std::unordered_map<std::string, size_t> pos;
    auto touch = [&](const std::string& key, double when) {
      auto [it, fresh] = pos.emplace(key, lane_infos.size());
      if (fresh)
        lane_infos.push_back(LaneInfo{key, "", "", 0, std::numeric_limits<double>::infinity()});
      LaneInfo& li = lane_infos[it->second];
      li.activity++;
      if (std::isfinite(when)) li.earliest = std::min(li.earliest, when);
    };
    const double kNever = std::numeric_limits<double>::infinity();
    for (const EventInfo& ev : info) touch(ev.lane_key, ev.date.ok ? ev.date.years : kNever);
    for (const SpanInfo& s : spans) touch(s.lane_key, s.start);

    if (by_type) {
      std::map<std::string, size_t> order;
      const auto& styles = AllEventTypeStyles();
      for (size_t i = 0; i < styles.size(); ++i) order[std::string(styles[i].type)] = i + 1;
      auto rank = [&](const LaneInfo& l) -> size_t {
        if (l.key == kAgreementsKey) return 0;
        auto it = order.find(l.key);
        return it == order.end() ? styles.size() + 1 : it->second;
      };
      std::sort(lane_infos.begin(), lane_infos.end(), [&](const LaneInfo& a, const LaneInfo& b) {
        size_t ra = rank(a), rb = rank(b);
        return ra != rb ? ra < rb : a.key < b.key;
      });
      for (LaneInfo& l : lane_infos) {
        l.label = l.key == kAgreementsKey ? std::string("Agreements")
                                          : (l.key.empty() ? std::string("(no type)") : l.key);
      }
    } else {
      // Keep the most active partners; fold the rest into one lane.
      std::vector<LaneInfo*> partners;
      for (LaneInfo& l : lane_infos) {
        if (l.key != own_key) partners.push_back(&l);
      }
      std::set<std::string> folded;
      size_t dated = 0;
      for (const EventInfo& ev : info) dated += ev.date.ok;
      const size_t max_lanes = dated > options.aggregate_above ? kFewerLanes : kMaxPartnerLanes;
      if (partners.size() > max_lanes) {
        std::stable_sort(
            partners.begin(), partners.end(), [](const LaneInfo* a, const LaneInfo* b) {
              return a->activity != b->activity ? a->activity > b->activity : a->key < b->key;
            });
        for (size_t i = max_lanes; i < partners.size(); ++i) folded.insert(partners[i]->key);
      }
      if (!folded.empty()) {
        LaneInfo other{std::string(kOtherKey), "", "", 0, std::numeric_limits<double>::infinity()};
        std::vector<LaneInfo> kept;
        for (LaneInfo& l : lane_infos) {
          if (folded.count(l.key)) {
            other.activity += l.activity;
            other.earliest = std::min(other.earliest, l.earliest);
          } else {
            kept.push_back(l);
          }
        }
        other.label = "Other partners (" + std::to_string(folded.size()) + ")";
        kept.push_back(other);
        lane_infos = std::move(kept);
        for (EventInfo& ev : info) {
          if (folded.count(ev.lane_key)) ev.lane_key = std::string(kOtherKey);
        }
        for (SpanInfo& s : spans) {
          if (folded.count(s.lane_key)) s.lane_key = std::string(kOtherKey);
        }
      }
      for (LaneInfo& l : lane_infos) {
        if (l.key == own_key) {
          l.label = focus_name.empty() ? std::string("(no partner)")
                                       : focus_name + std::string(kOwnSuffix);
        } else if (l.key != kOtherKey) {
          l.label = std::string(index.Name(l.key));
        }
      }
      auto rank = [&](const LaneInfo& l) {
        return l.key == own_key ? 0 : l.key == kOtherKey ? 2 : 1;
      };
      std::sort(lane_infos.begin(), lane_infos.end(), [&](const LaneInfo& a, const LaneInfo& b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return ra < rb;
        if (a.earliest != b.earliest) return a.earliest < b.earliest;
        return a.label != b.label ? a.label < b.label : a.key < b.key;
      });
    }
  }
  std::unordered_map<std::string, size_t> lane_of;
  for (size_t i = 0; i < lane_infos.size(); ++i) lane_of[lane_infos[i].key] = i;
  const size_t lane_count = lane_infos.size();

  // ---- The x scale.
  double min_years = std::numeric_limits<double>::infinity();
  double max_years = -min_years;
  double max_half = 0;  // half the widest dated box
  for (const EventInfo& ev : info) {
    if (!ev.date.ok) continue;
    min_years = std::min(min_years, ev.date.years);
    max_years = std::max(max_years, ev.date.years);
    max_half = std::max(max_half, ev.width / 2);
  }
  for (const SpanInfo& s : spans) {
    min_years = std::min(min_years, s.start);
    max_years = std::max(max_years, s.end);
  }
  // The years asked for (--from/--to) bound the axis, else the content's own.
  const ParsedDate want_from = ParseDate(options.from), want_to = ParseDate(options.to);
  if (want_from.ok) min_years = std::isfinite(min_years) ? std::max(min_years, double(want_from.year)) : want_from.year;
  if (want_to.ok) max_years = std::isfinite(max_years) ? std::min(max_years, want_to.year + 0.999) : want_to.year + 0.999;
  if (want_from.ok && want_to.ok && want_from.year <= want_to.year) {
    min_years = want_from.year;
    max_years = want_to.year + 0.999;
  }
  const bool has_axis = std::isfinite(min_years) && std::isfinite(max_years) && min_years <= max_years;
  if (has_axis) {
    L.first_year = static_cast<int>(std::floor(min_years));
    L.end_year = static_cast<int>(std::floor(max_years)) + 1;
  }
  const double span_years = std::max(1, L.end_year - L.first_year);

  // Dated events of each lane in date order (fixed whatever the scale).
  std::vector<std::vector<size_t>> dated_by_lane(lane_count);
  std::vector<std::vector<size_t>> undated_by_lane(lane_count);
  for (size_t i = 0; i < info.size(); ++i) {
    size_t lane = lane_of.at(info[i].lane_key);
    (info[i].date.ok ? dated_by_lane : undated_by_lane)[lane].push_back(i);
  }
  for (auto& list : dated_by_lane) {
    std::stable_sort(list.begin(), list.end(),
                     [&](size_t a, size_t b) { return info[a].date.years < info[b].date.years; });
  }
  // ---- Many events: a lane's events of one period are one counted mark.
  size_t dated_count = 0;
  for (const auto& list : dated_by_lane) dated_count += list.size();
  const bool aggregate = has_axis && dated_count > options.aggregate_above;
  if (aggregate) {
    const double shown = L.end_year - L.first_year;
    const double period = shown <= 6 ? 1.0 / 12 : shown <= 20 ? 0.25 : 1.0;  // month, quarter, year
    for (auto& list : dated_by_lane) {
      std::vector<size_t> kept;
      for (size_t a = 0; a < list.size();) {
        const double key = std::floor(info[list[a]].date.years / period);
        size_t b = a;
        while (b < list.size() && std::floor(info[list[b]].date.years / period) == key) ++b;
        const size_t rep = list[a];
        if (b - a >= 2) {
          bool one_type = true;
          for (size_t k = a; k < b; ++k) {
            info[rep].members.push_back(list[k]);
            one_type = one_type && slice.events[list[k]].type == slice.events[rep].type;
            if (k > a) info[list[k]].hidden = true;
          }
          const EventTypeStyle& style = StyleForEventType(slice.events[rep].type);
          std::string what = one_type && !style.short_label.empty() ? std::string(style.short_label) : "events";
          info[rep].label = std::to_string(b - a) + " " + (one_type ? "\xC3\x97 " : "") + what;
          info[rep].width = BoxWidth(info[rep].label, style);
          info[rep].date.years = (key + 0.5) * period;
          info[rep].date.approximate = false;
          max_half = std::max(max_half, info[rep].width / 2);
        }
        kept.push_back(rep);
        a = b;
      }
      list = std::move(kept);
    }
  }
  const double max_axis_width = aggregate ? kAggregateMaxAxisWidth : kMaxAxisWidth;
  auto max_rows_at = [&](double ppy) {
    size_t worst = 0;
    std::vector<double> rows;
    for (const auto& list : dated_by_lane) {
      rows.clear();
      for (size_t i : list) {
        double x = info[i].date.years * ppy;
        AssignRow(&rows, x - info[i].width / 2, x + info[i].width / 2, kBoxGap);
      }
      worst = std::max(worst, rows.size());
    }
    return worst;
  };
  double ppy = kBasePxPerYear;
  if (has_axis) {
    ppy = std::clamp(kBasePxPerYear, kMinAxisWidth / span_years, max_axis_width / span_years);
    while (max_rows_at(ppy) > static_cast<size_t>(kTargetRows) &&
           span_years * ppy * 1.25 <= max_axis_width) {
      ppy *= 1.25;
    }
  }
  L.px_per_year = has_axis ? ppy : 0;

  // ---- Horizontal bands: lane labels | dated area | undated column.
  double label_col = 60;
  for (LaneInfo& l : lane_infos) {
    size_t max_chars = static_cast<size_t>((kMaxLaneLabelWidth - 8) / (kLaneFont * kCharEm));
    l.full_label = l.label;
    l.label = TruncateUtf8(l.label, max_chars);
    label_col = std::max(label_col, TextWidth(l.label, kLaneFont) + 8);
  }
  label_col = std::min(label_col, kMaxLaneLabelWidth);
  const double content_left = kMargin + label_col + 12;
  L.axis_x0 = content_left + max_half;
  L.axis_x1 = L.axis_x0 + (has_axis ? span_years * ppy : 0);
  const double dated_right = L.axis_x1 + max_half;

  size_t max_undated = 0;
  double undated_box = 0;
  for (size_t l = 0; l < lane_count; ++l) {
    max_undated = std::max(max_undated, undated_by_lane[l].size());
    for (size_t i : undated_by_lane[l]) undated_box = std::max(undated_box, info[i].width);
  }
  const size_t undated_cols =
      max_undated == 0 ? 0 : std::clamp<size_t>((max_undated + 5) / 6, 1, 4);
  const double undated_col_width = undated_box + kBoxGap;
  L.undated_x0 = L.undated_x1 = dated_right;
  if (undated_cols > 0) {
    L.undated_x0 = dated_right + (has_axis ? 28 : 0);
    L.undated_x1 = L.undated_x0 + undated_cols * undated_col_width;
  }
  L.lanes_left = kMargin;
  L.lanes_right = std::max(L.undated_x1, dated_right) + 8;

  // ---- Title and the undated header above the lanes.
  // The title says what is shown: whose timeline (every company when no
  // --entity chose one) and which years.
  L.title = options.title;
  if (L.title.empty()) {
    const std::string who = !options.focus_entity_id.empty() && !focus_name.empty()
                                ? focus_name
                                : (focus_name.empty() ? std::string("All companies")
                                                      : "All companies, by partner of " + focus_name);
    std::string years;
    if (has_axis) {
      years = std::to_string(L.first_year);
      if (L.end_year - 1 > L.first_year) years += "\xE2\x80\x93" + std::to_string(L.end_year - 1);
    }
    L.title = "Timeline: " + who + (years.empty() ? "" : ", " + years);
  }
  L.title = TruncateUtf8(L.title, kMaxTitleChars);
  double title_width = TextWidth(L.title, kTitleFont) + 8;
  L.title_box = {kMargin + title_width / 2, kMargin + kTitleHeight / 2, title_width, kTitleHeight};
  L.lanes_top = kMargin + kTitleHeight + 18;
  if (undated_cols > 0) {
    double w = TextWidth("undated", 10) + 8;
    L.undated_label_box = {(L.undated_x0 + L.undated_x1) / 2, L.lanes_top - 9, w, 14};
  }

  // ---- Lanes, top to bottom: span rows, then event rows.
  std::vector<std::vector<size_t>> spans_by_lane(lane_count);
  for (size_t s = 0; s < spans.size(); ++s)
    spans_by_lane[lane_of.at(spans[s].lane_key)].push_back(s);
  const double span_label_room = std::max(60.0, dated_right - content_left);
  double y = L.lanes_top;
  L.events.resize(slice.events.size());
  for (size_t l = 0; l < lane_count; ++l) {
    TimelineLane lane;
    lane.key = lane_infos[l].key;
    lane.label = lane_infos[l].label;
    lane.full_label = lane_infos[l].full_label;
    lane.top = y;

    // Spans, by start, each with its label above the line.
    std::vector<size_t>& lane_spans = spans_by_lane[l];
    // Many events: the folded partners' terms are many partners' terms, one
    // line each would fill the picture; their events are drawn, counted.
    if (aggregate && lane.key == kOtherKey) lane_spans.clear();
    std::stable_sort(lane_spans.begin(), lane_spans.end(),
                     [&](size_t a, size_t b) { return spans[a].start < spans[b].start; });
    struct PlacedSpan {
      size_t span;
      size_t row;
      double x0, x1, label_left, label_width;
      std::string label;
    };
    std::vector<PlacedSpan> placed;
    {
      std::vector<double> rows;
      for (size_t s : lane_spans) {
        const SpanInfo& si = spans[s];
        PlacedSpan p;
        p.span = s;
        // A term reaching outside the years shown is cut at the axis.
        p.x0 = std::clamp(L.XForYears(si.start), L.axis_x0, std::max(L.axis_x0, L.axis_x1));
        p.x1 = std::clamp(L.XForYears(si.end), L.axis_x0, std::max(L.axis_x0, L.axis_x1));
        // An open term runs to its last known event, at least a short stub.
        if (si.open_end) p.x1 = std::max(p.x1, std::min(L.axis_x1, p.x0 + 40));
        p.x1 = std::max(p.x1, p.x0 + 4);
        std::string full = si.name + YearRange(si);
        size_t max_chars = static_cast<size_t>((span_label_room - 6) / (kSpanFont * kCharEm));
        p.label = TruncateUtf8(full, max_chars);
        p.label_width = TextWidth(p.label, kSpanFont) + 6;
        p.label_left =
            std::clamp(p.x0, content_left, std::max(content_left, dated_right - p.label_width));
        double left = std::min(p.x0, p.label_left);
        double right = std::max(p.x1, p.label_left + p.label_width);
        p.row = AssignRow(&rows, left, right, 10);
        placed.push_back(std::move(p));
      }
      lane.span_rows = static_cast<int>(rows.size());
    }
    const double events_top = y + kLanePad + lane.span_rows * kSpanRowHeight;

    // Dated events, stacked into rows where they would overlap.
    std::vector<double> rows;
    for (size_t i : dated_by_lane[l]) {
      double x = L.XForYears(info[i].date.years);
      double w = info[i].width;
      size_t row = AssignRow(&rows, x - w / 2, x + w / 2, kBoxGap);
      TimelineEventMark& m = L.events[i];
      m.box = {x, events_top + row * kRowPitch + kEventHeight / 2, w, kEventHeight};
      for (size_t k : info[i].members) L.events[k].box = m.box;
    }
    size_t event_rows = rows.size();
    // Undated events, in a grid in the undated column.
    const std::vector<size_t>& und = undated_by_lane[l];
    for (size_t k = 0; k < und.size(); ++k) {
      size_t col = k % undated_cols;
      size_t row = k / undated_cols;
      size_t i = und[k];
      double x = L.undated_x0 + col * undated_col_width + undated_col_width / 2;
      L.events[i].box = {x, events_top + row * kRowPitch + kEventHeight / 2, info[i].width,
                         kEventHeight};
    }
    if (undated_cols > 0)
      event_rows = std::max(event_rows, (und.size() + undated_cols - 1) / undated_cols);
    lane.event_rows = static_cast<int>(event_rows);
    lane.height = std::max(kMinLaneHeight, 2 * kLanePad + lane.span_rows * kSpanRowHeight +
                                               event_rows * kRowPitch - (event_rows > 0 ? 4 : 0));
    lane.label_box = {kMargin + label_col / 2, y + lane.height / 2, label_col, kLaneFont + 4};

    for (PlacedSpan& p : placed) {
      const SpanInfo& si = spans[p.span];
      TimelineSpan span;
      span.agreement_id = si.agreement_id;
      span.label = p.label;
      span.lane = l;
      span.x0 = p.x0;
      span.x1 = p.x1;
      double row_top = y + kLanePad + p.row * kSpanRowHeight;
      span.y = row_top + 19;
      span.open_end = si.open_end;
      span.label_box = {p.label_left + p.label_width / 2, row_top + 1 + kSpanLabelHeight / 2,
                        p.label_width, kSpanLabelHeight};
      for (size_t i : si.mark_events) {
        const double x = L.XForYears(info[i].date.years);
        if (x >= p.x0 && x <= p.x1) span.marks.push_back({x, i});
      }
      L.spans.push_back(std::move(span));
    }
    y += lane.height;
    L.lanes.push_back(std::move(lane));
  }
  L.lanes_bottom = y;
  for (size_t i = 0; i < slice.events.size(); ++i) {
    TimelineEventMark& m = L.events[i];
    m.event_index = i;
    m.event_id = slice.events[i].id;
    m.label = info[i].label;
    m.lane = lane_of.at(info[i].lane_key);
    m.undated = !info[i].date.ok;
    m.approximate = info[i].date.ok && info[i].date.approximate;
    m.members = info[i].members;
    m.hidden = info[i].hidden;
  }

  // ---- The axis: year ticks, month (or quarter) ticks when there is room.
  L.axis_y = L.lanes_bottom + 10;
  double below_axis = L.axis_y;
  if (has_axis) {
    const bool month_labels = ppy / 12 >= 24;
    const double minor_row = L.axis_y + 6 + kTickLabelHeight / 2;
    const double major_row = month_labels ? minor_row + kTickLabelHeight + 2 : minor_row;
    int step = 1;
    for (int s : {1, 2, 5, 10, 20, 50, 100, 200, 500}) {
      step = s;
      if (s * ppy >= 44) break;
    }
    for (int yr = L.first_year; yr <= L.end_year; ++yr) {
      TimelineTick t;
      t.x = L.XForYears(yr);
      t.major = true;
      if (step > 1 && yr % step == 0) {
        t.label = std::to_string(yr);
        double w = TextWidth(t.label, kTickFont) + 4;
        t.label_box = {t.x, major_row, w, kTickLabelHeight};
      }
      L.ticks.push_back(t);
      if (yr == L.end_year) break;
      if (step == 1) {
        TimelineTick mid;  // the year's name under its middle, no tick line
        mid.x = L.XForYears(yr + 0.5);
        mid.label = std::to_string(yr);
        double w = TextWidth(mid.label, kTickFont) + 4;
        mid.label_box = {mid.x, major_row, w, kTickLabelHeight};
        mid.major = false;
        L.ticks.push_back(mid);
      }
      int per_year = ppy >= 180 ? 12 : (ppy >= 80 ? 4 : 0);
      for (int k = 1; k < per_year; ++k) {
        TimelineTick m;
        m.x = L.XForYears(yr + static_cast<double>(k) / per_year);
        L.ticks.push_back(m);
      }
      if (month_labels) {
        for (int k = 0; k < 12; ++k) {
          TimelineTick m;
          m.x = L.XForYears(yr + (k + 0.5) / 12);
          m.label = kMonthNames[k];
          m.label_box = {m.x, minor_row, TextWidth(m.label, kTickFont) + 2, kTickLabelHeight};
          m.major = false;
          L.ticks.push_back(m);
        }
      }
    }
    below_axis = major_row + kTickLabelHeight / 2;
  }

  // ---- Legend: one sample per event type present, then the extra samples.
  {
    std::vector<std::pair<std::string, std::string>> items;  // type, label
    std::set<std::string> present;
    for (const Event& e : slice.events) present.insert(e.type);
    for (const EventTypeStyle& s : AllEventTypeStyles()) {
      if (present.count(std::string(s.type))) items.emplace_back(s.type, s.type);
    }
    for (const std::string& t : present) {
      if (&StyleForEventType(t) == &kFallbackStyle) {
        items.emplace_back(t, TruncateUtf8(t.empty() ? std::string("(no type)") : t, 30));
      }
    }
    if (!spans.empty()) items.emplace_back("(span)", "agreement term, dated to expiry");
    bool any_approx = false;
    for (const TimelineEventMark& m : L.events) any_approx = any_approx || m.approximate;
    if (any_approx) items.emplace_back("(approximate)", "date known to the month or year");
    double row_width = std::max(600.0, L.lanes_right - kMargin);
    double x = kMargin;
    double row_y = below_axis + 14 + kEventHeight / 2;
    for (auto& [type, label] : items) {
      double w;
      if (type == "(span)") {
        w = TextWidth(label, kEventFont) + 6;
        x += 40;  // room for the sample line drawn before the text
      } else {
        w = BoxWidth(label, StyleForEventType(type));
      }
      if (x + w > kMargin + row_width && x > kMargin + 40) {
        x = kMargin + (type == "(span)" ? 40 : 0);
        row_y += kLegendRowPitch;
      }
      L.legend.push_back({type, label, {x + w / 2, row_y, w, kEventHeight}});
      x += w + 12;
    }
    below_axis = items.empty() ? below_axis : row_y + kEventHeight / 2;
  }

  // ---- Canvas.
  double right = L.lanes_right;
  for (const TimelineBox& b : L.TextBoxes()) right = std::max(right, b.Right());
  L.width = right + kMargin;
  L.height = below_axis + kMargin;
  return L;
}

namespace {

Result<AgraphPtr> BuildTimelineGraphImpl(const GraphSlice& slice, const TimelineLayout& L) {
  if (L.events.size() != slice.events.size()) {
    return Status::InvalidArgument("timeline layout does not belong to this slice");
  }
  EntityIndex index(slice);
  GraphBuilder b("timeline", GraphBuilder::Kind::kUndirected);
  b.SetGraphDefault("outputorder", "edgesfirst");  // lines under boxes
  b.SetGraphDefault("splines", "line");
  b.SetGraphDefault("pad", "0.1");
  b.SetGraphDefault("bgcolor", "white");
  b.SetGraphDefault("fontname", kFontName);
  b.SetNodeDefault("shape", "box");
  b.SetNodeDefault("style", "");
  b.SetNodeDefault("fixedsize", "true");
  // Graphviz's own default; nodes without text say label="" explicitly, so
  // that the DOT written reads back the same (agwrite omits empty defaults).
  b.SetNodeDefault("label", "\\N");
  b.SetNodeDefault("fontname", kFontName);
  b.SetNodeDefault("fontsize", "9");
  b.SetNodeDefault("fontcolor", "#222222");
  b.SetNodeDefault("margin", "0");
  b.SetEdgeDefault("color", "#999999");
  b.SetEdgeDefault("headclip", "false");
  b.SetEdgeDefault("tailclip", "false");

  const double H = L.height;
  auto pos = [&](double x, double y) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "%.2f,%.2f!", x, H - y);
    return std::string(buf);
  };
  auto inches = [](double pt) { return Fmt("%.4f", pt / 72.0); };
  size_t counter = 0;
  auto point = [&](double x, double y) {
    Agnode_t* n = b.Node("tl:p" + std::to_string(counter++));
    b.Set(n, "shape", "point");
    b.Set(n, "style", "invis");
    b.Set(n, "width", "0.01");
    b.Set(n, "height", "0.01");
    b.Set(n, "pos", pos(x, y));
    return n;
  };
  auto line = [&](double x0, double y0, double x1, double y1, std::string_view color, double width,
                  std::string_view style) {
    Agedge_t* e = b.Edge(point(x0, y0), point(x1, y1));
    b.Set(e, "color", color);
    if (width != 1) b.Set(e, "penwidth", Fmt("%.2f", width));
    if (!style.empty()) b.Set(e, "style", style);
    return e;
  };
  auto text = [&](std::string_view name, const TimelineBox& box, std::string_view label,
                  double font, std::string_view color) {
    Agnode_t* n = b.Node(name);
    b.Set(n, "shape", "plaintext");
    b.Set(n, "label", label);
    b.Set(n, "width", inches(box.width));
    b.Set(n, "height", inches(box.height));
    b.Set(n, "pos", pos(box.x, box.y));
    if (font != 9) b.Set(n, "fontsize", Fmt("%.0f", font));
    if (!color.empty()) b.Set(n, "fontcolor", color);
    return n;
  };

  // Lane bands (alternate shading), separators, year grid.
  for (size_t l = 0; l < L.lanes.size(); ++l) {
    const TimelineLane& lane = L.lanes[l];
    double mid = lane.top + lane.height / 2;
    if (l % 2 == 0) line(L.lanes_left, mid, L.lanes_right, mid, "#f2f5fa", lane.height, "");
    line(L.lanes_left, lane.top + lane.height, L.lanes_right, lane.top + lane.height, "#dde2ea",
         0.6, "");
  }
  for (const TimelineTick& t : L.ticks) {
    if (t.major) line(t.x, L.lanes_top, t.x, L.lanes_bottom, "#e2e2e2", 0.6, "");
  }
  if (L.undated_x1 > L.undated_x0 && L.first_year != L.end_year) {
    double x = L.undated_x0 - 14;
    line(x, L.lanes_top - 16, x, L.lanes_bottom, "#b0b0b0", 0.8, "dashed");
  }
  // The axis.
  if (L.first_year != L.end_year) {
    line(L.axis_x0, L.axis_y, L.axis_x1, L.axis_y, "#555555", 1, "");
    for (const TimelineTick& t : L.ticks) {
      bool is_name_only = !t.major && !t.label.empty();
      if (is_name_only) continue;
      line(t.x, L.axis_y, t.x, L.axis_y + (t.major ? 5 : 3), "#555555", t.major ? 1 : 0.6, "");
    }
  }
  // Agreement spans.
  for (size_t s = 0; s < L.spans.size(); ++s) {
    const TimelineSpan& span = L.spans[s];
    Agedge_t* e =
        line(span.x0, span.y, span.x1, span.y, "#7fa7d9", 5, span.open_end ? "dashed" : "");
    const Entity* ag = index.Find(span.agreement_id);
    std::vector<std::string> tip = {DotTooltip(index.Name(span.agreement_id))};
    if (ag != nullptr) {
      std::string parties;
      for (const std::string& p : ag->parties) {
        if (!parties.empty()) parties += ", ";
        parties += std::string(index.Name(p));
      }
      if (!parties.empty()) tip.push_back(DotTooltip("Parties: " + parties));
      std::string when = "dated " + (ag->dated.empty() ? std::string("?") : ag->dated) +
                         ", expires " + (ag->expires.empty() ? std::string("?") : ag->expires);
      tip.push_back(DotTooltip(when));
      if (!ag->term.empty()) tip.push_back(DotTooltip("Term: " + ag->term));
    }
    tip.push_back(DotTooltip("Id: " + span.agreement_id));
    std::string joined;
    for (const std::string& t : tip) joined += (joined.empty() ? "" : "\\n") + t;
    b.Set(e, "tooltip", joined);
    Agnode_t* label = text("tl:span:" + std::to_string(s), span.label_box,
                           DotText(span.label) + "\\l", 9, "#1f3f66");
    b.Set(label, "tooltip", joined);
    for (size_t k = 0; k < span.marks.size(); ++k) {
      const Event& ev = slice.events[span.marks[k].event_index];
      Agnode_t* m = b.Node("tl:mark:" + std::to_string(s) + ":" + std::to_string(k));
      std::string_view shape = "circle", color = "#2b7a2b";
      if (ev.type == "agreement.extended") shape = "diamond";
      if (ev.type == "agreement.amended") {
        shape = "square";
        color = "#1f4e99";
      }
      if (ev.type == "agreement.terminated") {
        shape = "square";
        color = "#b22222";
      }
      b.Set(m, "shape", shape);
      b.Set(m, "label", "");
      b.Set(m, "style", "filled");
      b.Set(m, "fillcolor", color);
      b.Set(m, "color", "white");
      b.Set(m, "width", "0.13");
      b.Set(m, "height", "0.13");
      b.Set(m, "pos", pos(span.marks[k].x, span.y));
      b.Set(m, "tooltip",
            DotTooltip(ev.type + " " + ev.date + (ev.summary.empty() ? "" : ": " + ev.summary)));
    }
  }
  // Lane labels, title, undated header.
  for (size_t l = 0; l < L.lanes.size(); ++l) {
    Agnode_t* n = text("tl:lane:" + std::to_string(l), L.lanes[l].label_box,
                       DotText(L.lanes[l].label) + "\\r", 11, "#333333");
    b.Set(n, "tooltip", DotTooltip(L.lanes[l].full_label));
  }
  text("tl:title", L.title_box, DotText(L.title) + "\\l", 16, "#111111");
  if (L.undated_label_box.width > 0)
    text("tl:undated", L.undated_label_box, "undated", 10, "#666666");
  size_t tick_n = 0;
  for (const TimelineTick& t : L.ticks) {
    if (!t.label.empty())
      text("tl:tick:" + std::to_string(tick_n++), t.label_box, t.label, 9, "#444444");
  }

  // Events.
  std::unordered_set<std::string> names;
  for (const TimelineEventMark& m : L.events) {
    if (m.hidden) continue;  // drawn by its counted mark
    const Event& e = slice.events[m.event_index];
    const EventTypeStyle& style = StyleForEventType(e.type);
    std::string name = m.event_id.empty() ? "tl:event" : m.event_id;
    for (int k = 2; !names.insert(name).second; ++k) name = m.event_id + "#" + std::to_string(k);
    Agnode_t* n = b.Node(name);
    b.Set(n, "shape", style.shape);
    std::string st = "filled";
    if (!style.style.empty()) st += "," + std::string(style.style);
    if (m.approximate && style.style != "dashed") st += ",dashed";
    b.Set(n, "style", st);
    b.Set(n, "color", style.color);
    b.Set(n, "fillcolor", style.fill);
    b.Set(n, "label", DotText(m.label));
    b.Set(n, "width", inches(m.box.width));
    b.Set(n, "height", inches(m.box.height));
    b.Set(n, "pos", pos(m.box.x, m.box.y));

    if (!m.members.empty()) {
      // A counted mark: its box says how many, its tooltip lists them.
      b.Set(n, "style", "filled,bold");
      std::string joined = DotTooltip(std::to_string(m.members.size()) + " events");
      size_t listed = 0;
      for (size_t k : m.members) {
        if (listed++ == 25) {
          joined += "\\n" + DotTooltip("(+" + std::to_string(m.members.size() - 25) + " more)");
          break;
        }
        const Event& x = slice.events[k];
        std::string line = x.date + " \xC2\xB7 " + x.type;
        for (const Party& p : x.parties) line += (&p == &x.parties.front() ? ": " : ", ") + std::string(index.Name(p.entity_id));
        if (x.amount) line += " \xC2\xB7 " + FormatMoneyLong(*x.amount);
        joined += "\\n" + DotTooltip(TruncateUtf8(line, 160));
      }
      b.Set(n, "tooltip", joined);
      continue;
    }
    std::vector<std::string> tip;
    std::string head = (e.date.empty() ? std::string("undated") : e.date) + " \xC2\xB7 " + e.type;
    if (m.undated && !e.date.empty()) head += " (date not understood)";
    tip.push_back(DotTooltip(head));
    if (!e.parties.empty()) {
      std::string parties;
      for (const Party& p : e.parties) {
        if (!parties.empty()) parties += ", ";
        parties += std::string(index.Name(p.entity_id));
        if (!p.role.empty()) parties += " (" + p.role + ")";
      }
      tip.push_back(DotTooltip("Parties: " + parties));
    }
    if (!e.agreement_id.empty()) {
      tip.push_back(DotTooltip("Agreement: " + std::string(index.Name(e.agreement_id))));
    }
    if (e.amount) tip.push_back(DotTooltip("Amount: " + FormatMoneyLong(*e.amount)));
    if (!e.summary.empty()) tip.push_back(DotTooltip(e.summary));
    for (size_t k = 0; k < e.sources.size() && k < 3; ++k) {
      const Source& src = e.sources[k];
      if (!src.quote.empty()) {
        tip.push_back(
            DotTooltip("\xE2\x80\x9C" + TruncateUtf8(src.quote, kMaxQuoteChars) + "\xE2\x80\x9D"));
      }
      std::string where = "Filing " + src.filing;
      if (!src.item.empty()) where += ", Item " + src.item;
      tip.push_back(DotTooltip(where));
    }
    if (e.sources.size() > 3) {
      tip.push_back(DotTooltip("(+" + std::to_string(e.sources.size() - 3) + " more sources)"));
    }
    tip.push_back(DotTooltip("Id: " + e.id));
    std::string joined;
    for (const std::string& t : tip) joined += (joined.empty() ? "" : "\\n") + t;
    b.Set(n, "tooltip", joined);
  }

  // Legend.
  for (size_t k = 0; k < L.legend.size(); ++k) {
    const TimelineLegendItem& item = L.legend[k];
    std::string name = "tl:legend:" + std::to_string(k);
    if (item.type == "(span)") {
      line(item.box.Left() - 38, item.box.y, item.box.Left() - 4, item.box.y, "#7fa7d9", 5, "");
      text(name, item.box, DotText(item.label), 9, "#333333");
      continue;
    }
    Agnode_t* n = b.Node(name);
    const EventTypeStyle& style =
        item.type == "(approximate)" ? AllEventTypeStyles().front() : StyleForEventType(item.type);
    b.Set(n, "shape", style.shape);
    std::string st = "filled";
    if (!style.style.empty()) st += "," + std::string(style.style);
    if (item.type == "(approximate)") st += ",dashed";
    b.Set(n, "style", st);
    b.Set(n, "color", item.type == "(approximate)" ? "#555555" : style.color);
    b.Set(n, "fillcolor", item.type == "(approximate)" ? "#ffffff" : style.fill);
    b.Set(n, "label", DotText(item.label));
    b.Set(n, "width", inches(item.box.width));
    b.Set(n, "height", inches(item.box.height));
    b.Set(n, "pos", pos(item.box.x, item.box.y));
  }

  if (!b.status().ok()) return b.status();
  return b.Release();
}

}  // namespace

Result<AgraphPtr> BuildTimelineGraph(const GraphSlice& slice, const TimelineLayout& layout) {
  // Only allocation can throw in here; it must not cross the API.
  try {
    return BuildTimelineGraphImpl(slice, layout);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("building the graph: ") + e.what());
  }
}

Status WriteTimeline(const GraphSlice& slice, const TimelineOptions& options,
                     std::string_view format, std::ostream& out) {
  return CatchAll("timeline", [&]() -> Status {
    if (!options.focus_entity_id.empty() && slice.Find(options.focus_entity_id) == nullptr) {
      bool named = false;
      for (const Event& e : slice.events) {
        for (const Party& p : e.parties) named = named || p.entity_id == options.focus_entity_id;
      }
      if (!named) {
        return Status::NotFound("timeline focus '" + options.focus_entity_id +
                                "' is not in the selected graph");
      }
    }
    TimelineLayout layout = LayoutTimeline(slice, options);
    ASSIGN_OR_RETURN(AgraphPtr graph, BuildTimelineGraph(slice, layout));
    return Render(graph.get(), "nop2", format, out).WithContext("timeline");
  });
}

}  // namespace dealgraph
