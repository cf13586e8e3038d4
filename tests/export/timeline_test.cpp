#include "export/timeline.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "tests/export/export_fixtures.h"

namespace dealgraph {
namespace {

using export_fixtures::HostileName;
using export_fixtures::ImmunoGenSlice;
using export_fixtures::SyntheticSlice;
using export_fixtures::XmlError;

TimelineOptions ImmunoGenFocus() {
  TimelineOptions o;
  o.focus_entity_id = "org:immunogen";
  return o;
}

const TimelineEventMark& Mark(const TimelineLayout& l, std::string_view id) {
  for (const TimelineEventMark& m : l.events) {
    if (m.event_id == id) return m;
  }
  FAIL("no event " << id);
  return l.events.front();
}

// Every pair of text boxes, checked for overlap; reports the first clash.
void CheckNoOverlap(const TimelineLayout& layout) {
  std::vector<TimelineBox> boxes = layout.TextBoxes();
  std::sort(boxes.begin(), boxes.end(),
            [](const TimelineBox& a, const TimelineBox& b) { return a.Left() < b.Left(); });
  size_t clashes = 0;
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t j = i + 1; j < boxes.size() && boxes[j].Left() < boxes[i].Right(); ++j) {
      if (boxes[i].Overlaps(boxes[j])) {
        if (clashes++ == 0) {
          FAIL_CHECK("boxes overlap: (" << boxes[i].x << "," << boxes[i].y << " " << boxes[i].width
                                        << "x" << boxes[i].height << ") and (" << boxes[j].x << ","
                                        << boxes[j].y << " " << boxes[j].width << "x"
                                        << boxes[j].height << ")");
        }
      }
    }
  }
  CHECK(clashes == 0);
  for (const TimelineBox& b : boxes) {
    CHECK(b.Left() >= 0);
    CHECK(b.Top() >= 0);
    CHECK(b.Right() <= layout.width);
    CHECK(b.Bottom() <= layout.height);
  }
}

std::string Get(void* obj, const char* attr) {
  char* v = agget(obj, const_cast<char*>(attr));
  return v != nullptr ? v : "";
}

std::vector<std::string> SvgElementTexts(const std::string& svg, const char* name) {
  std::vector<std::string> out;
  xmlDoc* doc =
      xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "t.svg", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  REQUIRE(doc != nullptr);
  std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc)};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
    }
    if (std::string(reinterpret_cast<const char*>(n->name)) == name) {
      xmlChar* v = xmlNodeGetContent(n);
      out.emplace_back(v != nullptr ? reinterpret_cast<const char*>(v) : "");
      xmlFree(v);
    }
  }
  xmlFreeDoc(doc);
  return out;
}

TEST_CASE("timeline: partner lanes follow the focus's partners in order of first deal",
          "[export]") {
  GraphSlice s = ImmunoGenSlice();
  TimelineLayout l = LayoutTimeline(s, ImmunoGenFocus());
  REQUIRE(l.lanes.size() == 3);
  CHECK(l.lanes[0].label == "ImmunoGen (own)");
  CHECK(l.lanes[1].label == "Genentech");
  CHECK(l.lanes[2].label == "Millennium Pharmaceuticals");
  CHECK(Mark(l, "ev:0000000000000002").lane == 1);
  CHECK(Mark(l, "ev:0000000000000005").lane == 1);  // Genentech's IND: Genentech's lane
  CHECK(Mark(l, "ev:0000000000000007").lane == 2);
  CHECK(Mark(l, "ev:0000000000000010").lane == 0);  // a person is no partner
  CHECK(Mark(l, "ev:0000000000000011").lane == 0);
  // Lanes are stacked without gaps.
  for (size_t i = 1; i < l.lanes.size(); ++i) {
    CHECK(l.lanes[i].top == Approx(l.lanes[i - 1].top + l.lanes[i - 1].height));
  }
}

TEST_CASE("timeline: the focus defaults to the most active organization", "[export]") {
  TimelineLayout l = LayoutTimeline(ImmunoGenSlice(), TimelineOptions{});
  CHECK(l.focus_id == "org:immunogen");
  // The title says what is drawn: no company was asked for, the lanes are
  // the most active one's partners, and the years.
  CHECK(l.title == "Timeline: All companies, by partner of ImmunoGen, 2000\xE2\x80\x93" "2008");
  TimelineOptions asked = ImmunoGenFocus();
  asked.from = "2005";
  asked.to = "2006";
  TimelineLayout ranged = LayoutTimeline(ImmunoGenSlice(), asked);
  CHECK(ranged.title == "Timeline: ImmunoGen, 2005\xE2\x80\x93" "2006");
  // The axis is the years asked for, not the content's 2000-2008.
  CHECK(ranged.first_year == 2005);
  CHECK(ranged.end_year == 2007);
  for (const TimelineSpan& sp : ranged.spans) {
    CHECK(sp.x0 >= ranged.axis_x0);
    CHECK(sp.x1 <= ranged.axis_x1);
  }
}

TEST_CASE("timeline: x follows the dates on a year axis", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  TimelineLayout l = LayoutTimeline(s, ImmunoGenFocus());
  CHECK(l.first_year == 2000);
  CHECK(l.end_year == 2009);  // the agreement runs to 2008-05-02
  CHECK(l.px_per_year >= 100);
  CHECK(l.px_per_year <= 400);
  double entered = Mark(l, "ev:0000000000000001").box.x;
  double renewed = Mark(l, "ev:0000000000000002").box.x;
  double license = Mark(l, "ev:0000000000000004").box.x;
  CHECK(entered < renewed);
  CHECK(renewed < license);
  CHECK(renewed == Approx(l.XForYears(2005 + (4 + 2.5 / 31) / 12)));
  // Same-day renewal and payment in one lane: stacked, not overlapping.
  const TimelineBox& a = Mark(l, "ev:0000000000000002").box;
  const TimelineBox& b = Mark(l, "ev:0000000000000003").box;
  CHECK(a.x == Approx(b.x));
  CHECK(a.y != Approx(b.y));
  CHECK_FALSE(a.Overlaps(b));
  // Year ticks, each year named once.
  std::vector<std::string> years;
  for (const TimelineTick& t : l.ticks) {
    if (t.label.size() == 4) years.push_back(t.label);
  }
  CHECK(years == std::vector<std::string>{"2000", "2001", "2002", "2003", "2004", "2005", "2006",
                                          "2007", "2008"});
}

TEST_CASE("timeline: payments show their amount, approximate dates are flagged", "[export]") {
  TimelineLayout l = LayoutTimeline(ImmunoGenSlice(), ImmunoGenFocus());
  CHECK(Mark(l, "ev:0000000000000003").label == "$2.0M");
  CHECK(Mark(l, "ev:0000000000000007").label == "$500K");
  CHECK(Mark(l, "ev:0000000000000002").label == "renewed $2.0M");
  CHECK(Mark(l, "ev:0000000000000005").approximate);  // "2005-12"
  CHECK_FALSE(Mark(l, "ev:0000000000000004").approximate);
}

TEST_CASE("timeline: undated events sit in a column right of the axis", "[export]") {
  TimelineLayout l = LayoutTimeline(ImmunoGenSlice(), ImmunoGenFocus());
  const TimelineEventMark& clinical = Mark(l, "ev:0000000000000008");
  const TimelineEventMark& amended = Mark(l, "ev:0000000000000009");
  CHECK(clinical.undated);
  CHECK(amended.undated);
  CHECK(clinical.lane == 0);
  CHECK(amended.lane == 2);
  CHECK(l.undated_x1 > l.undated_x0);
  for (const TimelineEventMark* m : {&clinical, &amended}) {
    CHECK(m->box.Left() >= l.undated_x0);
    CHECK(m->box.Right() <= l.undated_x1);
  }
  for (const TimelineEventMark& m : l.events) {
    if (!m.undated) CHECK(m.box.Right() < l.undated_x0);
  }
}

TEST_CASE("timeline: agreements are spans from signing to expiry with renewals marked",
          "[export]") {
  GraphSlice s = ImmunoGenSlice();
  TimelineLayout l = LayoutTimeline(s, ImmunoGenFocus());
  REQUIRE(l.spans.size() == 2);
  const TimelineSpan& tap = l.spans[0].agreement_id == "ag:genentech-tap" ? l.spans[0] : l.spans[1];
  const TimelineSpan& mlnm =
      l.spans[0].agreement_id == "ag:genentech-tap" ? l.spans[1] : l.spans[0];
  CHECK(tap.lane == 1);
  CHECK(tap.x0 == Approx(l.XForYears(2000 + (4 + 1.5 / 31) / 12)));
  CHECK(tap.x1 == Approx(l.XForYears(2008 + (4 + 1.5 / 31) / 12)));
  CHECK_FALSE(tap.open_end);
  CHECK(tap.label ==
        "technology access agreement (2000\xE2\x80\x93"
        "2008)");
  REQUIRE(tap.marks.size() == 1);
  CHECK(s.events[tap.marks[0].event_index].type == "agreement.renewed");
  CHECK(tap.marks[0].x == Approx(Mark(l, "ev:0000000000000002").box.x));
  // Spans sit above the events of their lane.
  CHECK(tap.y < Mark(l, "ev:0000000000000001").box.Top());
  CHECK(mlnm.lane == 2);
  CHECK(mlnm.open_end);
  CHECK(mlnm.x1 > mlnm.x0);
}

TEST_CASE("timeline: type lanes hold one event type each, labelled with partners", "[export]") {
  TimelineOptions o = ImmunoGenFocus();
  o.lanes = TimelineOptions::Lanes::kType;
  GraphSlice s = ImmunoGenSlice();
  TimelineLayout l = LayoutTimeline(s, o);
  std::vector<std::string> keys;
  for (const TimelineLane& lane : l.lanes) keys.push_back(lane.key);
  CHECK(keys == std::vector<std::string>{"(agreements)", "agreement.entered", "agreement.renewed",
                                         "agreement.amended", "license.granted", "payment",
                                         "regulatory", "clinical", "financial.results",
                                         "executive.change"});
  CHECK(Mark(l, "ev:0000000000000003").label == "Genentech $2.0M");
  for (const TimelineEventMark& m : l.events) {
    CHECK(l.lanes[m.lane].key == s.events[m.event_index].type);
  }
}

TEST_CASE("timeline: pinned DOT reads back with every event, lane and span", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "dot", out).ok());
  Result<AgraphPtr> g = ReadDot(out.str());
  REQUIRE(g.ok());
  for (const Event& e : s.events) {
    Agnode_t* n = agnode(g->get(), const_cast<char*>(e.id.c_str()), 0);
    REQUIRE(n != nullptr);
    std::string pos = Get(n, "pos");
    CHECK(pos.back() == '!');
    CHECK(Get(n, "tooltip").find(e.sources[0].quote.substr(0, 20)) != std::string::npos);
  }
  std::vector<std::string> lane_labels;
  for (int i = 0; i < 3; ++i) {
    Agnode_t* n = agnode(g->get(), const_cast<char*>(("tl:lane:" + std::to_string(i)).c_str()), 0);
    REQUIRE(n != nullptr);
    lane_labels.push_back(Get(n, "label"));
  }
  CHECK(lane_labels == std::vector<std::string>{"ImmunoGen (own)\\r", "Genentech\\r",
                                                "Millennium Pharmaceuticals\\r"});
  // The span of the technology access agreement: a thick edge with its tooltip.
  bool found_span = false;
  for (Agnode_t* n = agfstnode(g->get()); n != nullptr; n = agnxtnode(g->get(), n)) {
    for (Agedge_t* e = agfstout(g->get(), n); e != nullptr; e = agnxtout(g->get(), e)) {
      if (Get(e, "penwidth") == "5.00" &&
          Get(e, "tooltip").rfind("technology access agreement", 0) == 0) {
        found_span = true;
      }
    }
  }
  CHECK(found_span);
  CHECK(Get(g->get(), "splines") == "line");
}

TEST_CASE("timeline: svg parses and carries the quotes as tooltips", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream out;
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "svg", out).ok());
  REQUIRE(XmlError(out.str()).empty());
  std::vector<std::string> titles = SvgElementTexts(out.str(), "title");
  auto title_with = [&](std::string_view needle) {
    return std::any_of(titles.begin(), titles.end(),
                       [&](const std::string& t) { return t.find(needle) != std::string::npos; });
  };
  CHECK(title_with("has renewed its agreement with ImmunoGen, dated as of May 2, 2000"));
  CHECK(title_with("2005-05-03 \xC2\xB7 agreement.renewed"));
  CHECK(title_with("Filing 004_95bce008d3f773b5.txt, Item 8.01"));
  CHECK(title_with("Parties: Genentech (licensee), ImmunoGen (licensor)"));
  std::vector<std::string> texts = SvgElementTexts(out.str(), "text");
  CHECK(std::find(texts.begin(), texts.end(), "$2.0M") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Genentech") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "undated") != texts.end());
}

TEST_CASE("timeline: png and pdf render too", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  std::ostringstream png, pdf;
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "png", png).ok());
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "pdf", pdf).ok());
  CHECK(png.str().rfind("\x89PNG", 0) == 0);
  CHECK(pdf.str().rfind("%PDF", 0) == 0);
}

TEST_CASE("timeline: no two label boxes overlap at 10 events", "[export]") {
  GraphSlice s = SyntheticSlice(10, 1);
  TimelineLayout l = LayoutTimeline(s, TimelineOptions{});
  CHECK(l.focus_id == "org:focus");
  CheckNoOverlap(l);
  CheckNoOverlap(LayoutTimeline(ImmunoGenSlice(), ImmunoGenFocus()));
}

TEST_CASE("timeline: no two label boxes overlap at 500 events, and it renders", "[export]") {
  GraphSlice s = SyntheticSlice(500, 2);
  TimelineLayout l = LayoutTimeline(s, TimelineOptions{});
  CheckNoOverlap(l);
  CHECK(l.width <= 5800);  // the axis is capped
  size_t undated = std::count_if(l.events.begin(), l.events.end(),
                                 [](const TimelineEventMark& m) { return m.undated; });
  CHECK(undated > 0);
  TimelineOptions by_type;
  by_type.lanes = TimelineOptions::Lanes::kType;
  CheckNoOverlap(LayoutTimeline(s, by_type));

  std::ostringstream svg;
  REQUIRE(WriteTimeline(s, TimelineOptions{}, "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  CHECK(SvgElementTexts(svg.str(), "title").size() > 500);
}

TEST_CASE("timeline: many partners fold into an 'Other partners' lane", "[export]") {
  GraphSlice s = SyntheticSlice(1200, 3);  // 100 partners
  TimelineOptions few_events;
  few_events.aggregate_above = 100000;  // every event its own mark: 40 partner lanes
  TimelineLayout l = LayoutTimeline(s, few_events);
  CHECK(l.lanes.size() == 42);  // own + 40 partners + other
  CHECK(l.lanes.back().label.rfind("Other partners (", 0) == 0);
  CheckNoOverlap(l);
  // Past 100 events in view: 16 partner lanes, the rest folded.
  TimelineLayout many = LayoutTimeline(s, TimelineOptions{});
  CHECK(many.lanes.size() == 18);
  CHECK(many.lanes.back().label.rfind("Other partners (", 0) == 0);
}

TEST_CASE("timeline: 1,000 events fit a picture under 3,000 x 3,000 pt, counted marks listing their events",
          "[export]") {
  GraphSlice s = SyntheticSlice(1000, 5);
  TimelineLayout l = LayoutTimeline(s, TimelineOptions{});
  CheckNoOverlap(l);
  CHECK(l.width <= 3000);  // 4,000 px at 96 dpi
  CHECK(l.height <= 3000);
  // Every event is drawn: as itself or inside exactly one counted mark.
  std::vector<int> drawn(s.events.size(), 0);
  size_t counted = 0;
  for (const TimelineEventMark& m : l.events) {
    if (m.hidden) continue;
    if (m.members.empty()) {
      drawn[m.event_index]++;
      continue;
    }
    ++counted;
    CHECK(m.members.front() == m.event_index);
    for (size_t k : m.members) drawn[k]++;
    CHECK(m.label.find(std::to_string(m.members.size()) + " ") == 0);
  }
  CHECK(counted > 0);
  CHECK(std::all_of(drawn.begin(), drawn.end(), [](int n) { return n == 1; }));
  std::ostringstream svg;
  REQUIRE(WriteTimeline(s, TimelineOptions{}, "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
}

TEST_CASE("timeline: a dense short period widens the axis and shows months", "[export]") {
  GraphSlice s = SyntheticSlice(60, 4);
  for (size_t i = 0; i < s.events.size(); ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2006-%02zu-%02zu", 1 + i % 12, 1 + i % 28);
    s.events[i].date = date;
  }
  s.entities.erase(std::remove_if(s.entities.begin(), s.entities.end(),
                                  [](const Entity& e) { return e.type == EntityType::kAgreement; }),
                   s.entities.end());
  for (Event& e : s.events) e.agreement_id.clear();
  TimelineLayout l = LayoutTimeline(s, TimelineOptions{});
  CHECK(l.first_year == 2006);
  CHECK(l.end_year == 2007);
  CHECK(l.px_per_year >= 480);
  bool months = std::any_of(l.ticks.begin(), l.ticks.end(),
                            [](const TimelineTick& t) { return t.label == "May"; });
  CHECK(months);
  CheckNoOverlap(l);
}

TEST_CASE("timeline: hostile names render inert and intact", "[export]") {
  GraphSlice s = ImmunoGenSlice();
  for (Entity& e : s.entities) {
    if (e.id == "org:genentech") e.name = HostileName();
  }
  s.events[1].sources[0].quote = "He said \"<b>stop</b>\" & left \\n\n now";
  std::ostringstream svg;
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "svg", svg).ok());
  REQUIRE(XmlError(svg.str()).empty());
  std::vector<std::string> texts = SvgElementTexts(svg.str(), "text");
  CHECK(std::find(texts.begin(), texts.end(), "Acme \"Bio\", Inc. <script>&") != texts.end());
  std::vector<std::string> titles = SvgElementTexts(svg.str(), "title");
  bool quote_ok = std::any_of(titles.begin(), titles.end(), [](const std::string& t) {
    return t.find("\xE2\x80\x9CHe said \"<b>stop</b>\" & left \\n now\xE2\x80\x9D") !=
           std::string::npos;
  });
  CHECK(quote_ok);
  std::ostringstream dot;
  REQUIRE(WriteTimeline(s, ImmunoGenFocus(), "dot", dot).ok());
  CHECK(ReadDot(dot.str()).ok());
}

TEST_CASE("timeline: an empty slice and an undated-only slice still render", "[export]") {
  std::ostringstream out;
  CHECK(WriteTimeline(GraphSlice{}, TimelineOptions{}, "svg", out).ok());
  CHECK(XmlError(out.str()).empty());
  GraphSlice s = ImmunoGenSlice();
  for (Event& e : s.events) e.date = "sometime";
  s.entities.erase(std::remove_if(s.entities.begin(), s.entities.end(),
                                  [](const Entity& e) { return e.type == EntityType::kAgreement; }),
                   s.entities.end());
  for (Event& e : s.events) e.agreement_id.clear();
  TimelineLayout l = LayoutTimeline(s, ImmunoGenFocus());
  CHECK(l.first_year == l.end_year);
  for (const TimelineEventMark& m : l.events) CHECK(m.undated);
  CheckNoOverlap(l);
  std::ostringstream svg;
  CHECK(WriteTimeline(s, ImmunoGenFocus(), "svg", svg).ok());
}

TEST_CASE("timeline: an unknown focus is NotFound, an unknown format is Unsupported", "[export]") {
  TimelineOptions o;
  o.focus_entity_id = "org:nobody";
  std::ostringstream out;
  CHECK(WriteTimeline(ImmunoGenSlice(), o, "svg", out).code() == StatusCode::kNotFound);
  CHECK(WriteTimeline(ImmunoGenSlice(), ImmunoGenFocus(), "bogus", out).code() ==
        StatusCode::kUnsupported);
}

TEST_CASE("timeline: every event type of events.md has its own style", "[export]") {
  std::vector<std::string_view> types;
  for (const EventTypeStyle& s : AllEventTypeStyles()) types.push_back(s.type);
  CHECK(types.size() == 26);
  for (std::string_view t : types)
    CHECK(&StyleForEventType(t) != &StyleForEventType("no.such.type"));
  CHECK(StyleForEventType("payment").shape == "ellipse");
}

TEST_CASE("timeline: rendering 1000 events to svg", "[export][.bench]") {
  GraphSlice s = SyntheticSlice(1000, 5);
  auto t0 = std::chrono::steady_clock::now();
  TimelineLayout l = LayoutTimeline(s, TimelineOptions{});
  auto t1 = std::chrono::steady_clock::now();
  std::ostringstream svg;
  REQUIRE(WriteTimeline(s, TimelineOptions{}, "svg", svg).ok());
  auto t2 = std::chrono::steady_clock::now();
  using Ms = std::chrono::duration<double, std::milli>;
  double layout_ms = Ms(t1 - t0).count();
  double total_ms = Ms(t2 - t1).count();
  WARN("layout " << layout_ms << " ms; layout+build+render " << total_ms << " ms; svg "
                 << svg.str().size() << " bytes; canvas " << l.width << "x" << l.height << " pt");
}

}  // namespace
}  // namespace dealgraph
