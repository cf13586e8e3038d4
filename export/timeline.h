// The event timeline: a date axis along x, one swimlane per partner of a
// focus company (or per event type), events as shaped, coloured boxes at
// their dates, agreements as horizontal spans from signing to expiry.
//
// dealgraph lays the timeline out itself (LayoutTimeline: positions from
// dates, label boxes stacked so none overlap) and Graphviz only draws the
// pinned positions (layout engine "nop2", i.e. neato -n2). Letting `dot`
// place a timeline is far too slow (seconds at 100 events) and does not keep
// dates in order. See docs/export.md for the design.
#ifndef DEALGRAPH_EXPORT_TIMELINE_H_
#define DEALGRAPH_EXPORT_TIMELINE_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "export/render.h"
#include "graph/model.h"

namespace dealgraph {

struct TimelineOptions {
  std::string title;  //!< empty: "Timeline: <focus name>"
  enum class Lanes { kPartner, kType } lanes = Lanes::kPartner;
  // Lanes are this entity's partners: for each event, the first party that
  // is an organization other than the focus. Events without one go to the
  // focus's own lane ("ImmunoGen (own)"). Empty: the organization that takes
  // part in the most events.
  std::string focus_entity_id;
  // The axis: these years (ISO dates; "" = the events' own span). The
  // export's --from/--to: "2015".."2020" draws 2015 to the end of 2020.
  std::string from, to;
  // Past this many dated events in view, a lane's events of one period (a
  // month, a quarter or a year, by the span shown) are drawn as one counted
  // mark ("12 events") whose tooltip lists them, and partner lanes beyond
  // kFewerLanes are folded into "Other partners".
  size_t aggregate_above = 100;
};

// How one event type is drawn (a fixed map covering every type of
// docs/events.md; unknown types get a grey dashed ellipse).
struct EventTypeStyle {
  std::string_view type;         //!< "agreement.renewed"; "" for the fallback
  std::string_view short_label;  //!< box text in partner lanes: "renewed"
  std::string_view shape;        //!< Graphviz shape: "box", "hexagon", ...
  std::string_view color;        //!< outline and legend colour
  std::string_view fill;         //!< fill colour
  std::string_view style;        //!< extra Graphviz style ("rounded", "diagonals") or ""
};
const EventTypeStyle& StyleForEventType(std::string_view type);
// Every styled type, in the order of docs/events.md.
const std::vector<EventTypeStyle>& AllEventTypeStyles();

// Layout coordinates are points (1/72 in; one SVG px), origin at the top
// left, y growing downwards. A box is given by its centre and size.
struct TimelineBox {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double Left() const { return x - width / 2; }
  double Right() const { return x + width / 2; }
  double Top() const { return y - height / 2; }
  double Bottom() const { return y + height / 2; }
  // True when the interiors intersect (touching edges do not overlap).
  bool Overlaps(const TimelineBox& o) const {
    return Left() < o.Right() && o.Left() < Right() && Top() < o.Bottom() && o.Top() < Bottom();
  }
};

struct TimelineLane {
  // Partner lanes: the partner's entity id; the focus's own lane: the focus
  // id; type lanes: the event type; "(agreements)" for the spans lane of
  // Lanes::kType; "(other)" for partners beyond the lane cap.
  std::string key;
  std::string label;       //!< "Genentech", "ImmunoGen (own)", "payment", ... (maybe shortened)
  std::string full_label;  //!< the label before shortening (the lane's tooltip)
  double top = 0;
  double height = 0;
  int span_rows = 0;   //!< rows of agreement spans at the top of the lane
  int event_rows = 0;  //!< rows of event boxes below them
  TimelineBox label_box;
};

struct TimelineEventMark {
  size_t event_index = 0;  //!< into GraphSlice::events
  std::string event_id;
  std::string label;         //!< the box text: "renewed", "$2.0M", "Genentech $2.0M"
  size_t lane = 0;           //!< into TimelineLayout::lanes
  bool undated = false;      //!< no parseable date: in the undated column
  bool approximate = false;  //!< date known to the month or year only (drawn dashed)
  // Aggregates (TimelineOptions::aggregate_above): a counted mark lists the
  // events it stands for (itself first); each of the others is hidden, drawn
  // only through it, its box the counted mark's.
  std::vector<size_t> members;
  bool hidden = false;
  TimelineBox box;
};

struct TimelineSpan {
  std::string agreement_id;
  std::string label;  //!< agreement name and years
  size_t lane = 0;
  double x0 = 0;  //!< from the agreement's date (or its first event)
  double x1 = 0;  //!< to its expiry (or termination, or last event / axis end)
  double y = 0;
  bool open_end = false;  //!< no expiry known: drawn dashed
  TimelineBox label_box;
  // Renewals, extensions, amendments and termination marked on the span.
  struct Mark {
    double x = 0;
    size_t event_index = 0;
  };
  std::vector<Mark> marks;
};

struct TimelineTick {
  double x = 0;
  bool major = false;  //!< a year boundary
  std::string label;   //!< "2005", "May", or "" (no label)
  TimelineBox label_box;
};

struct TimelineLegendItem {
  std::string type;  //!< event type; "(span)" or "(approximate)" for the extra samples
  std::string label;
  TimelineBox box;
};

struct TimelineLayout {
  double width = 0;
  double height = 0;
  std::string title;
  TimelineBox title_box;
  std::string focus_id;  //!< the focus used (chosen when the options left it empty)
  TimelineOptions::Lanes lane_kind = TimelineOptions::Lanes::kPartner;

  // The date axis: years [first_year, end_year) map onto [axis_x0, axis_x1].
  // No dated content: first_year == end_year and the axis is empty.
  int first_year = 0;
  int end_year = 0;
  double px_per_year = 0;
  double axis_x0 = 0;
  double axis_x1 = 0;
  double axis_y = 0;
  double lanes_top = 0;
  double lanes_bottom = 0;
  double lanes_left = 0;   //!< where lane bands start (after the label column)
  double lanes_right = 0;  //!< where they end (after the undated column)

  // The undated column, right of the axis; undated_x0 == undated_x1 when no
  // event is undated.
  double undated_x0 = 0;
  double undated_x1 = 0;
  TimelineBox undated_label_box;

  std::vector<TimelineLane> lanes;
  std::vector<TimelineEventMark> events;  //!< one per slice event, in slice order
  std::vector<TimelineSpan> spans;
  std::vector<TimelineTick> ticks;
  std::vector<TimelineLegendItem> legend;

  // x of a fractional year (see DateToYears in export_util.h).
  double XForYears(double years) const { return axis_x0 + (years - first_year) * px_per_year; }
  // Every box that holds text (title, lane labels, event boxes, span labels,
  // tick labels, undated header, legend entries): none overlaps another.
  std::vector<TimelineBox> TextBoxes() const;
};

// Places everything. Deterministic; never fails (bad or missing dates go to
// the undated column). Label widths are estimated from the character count
// (0.6 em per character, generous for proportional fonts).
TimelineLayout LayoutTimeline(const GraphSlice& slice, const TimelineOptions& options);

// The Graphviz graph of a layout: every node pinned (pos="x,y!" in points,
// Graphviz's y pointing up), edges straight lines between pinned points.
// Event nodes are named by event id; other nodes start with "tl:". Render it
// with layout engine "nop2".
Result<AgraphPtr> BuildTimelineGraph(const GraphSlice& slice, const TimelineLayout& layout);

// Lays out, builds and renders the timeline in `format` ("svg", "png",
// "pdf", "dot" for the pinned DOT, or any other Graphviz format).
// NotFound when options.focus_entity_id is set but names neither an entity
// of the slice nor a party of its events; errors of Render otherwise.
Status WriteTimeline(const GraphSlice& slice, const TimelineOptions& options,
                     std::string_view format, std::ostream& out);

}  // namespace dealgraph

#endif  // DEALGRAPH_EXPORT_TIMELINE_H_
