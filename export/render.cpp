#include "export/render.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>

#include "export/export_util.h"

namespace dealgraph {

namespace {

// Graphviz has global state (error handler, plugin tables, lexer), so one
// recursive lock covers every call made through this file; recursive because
// Render may be called while a GraphBuilder method holds it on this thread.
std::recursive_mutex& GraphvizMutex() {
  static std::recursive_mutex* m = new std::recursive_mutex;  // never destroyed: used at exit
  return *m;
}

struct GvcDeleter {
  void operator()(GVC_t* gvc) const {
    if (gvc != nullptr) gvFreeContext(gvc);
  }
};
using GvcPtr = std::unique_ptr<GVC_t, GvcDeleter>;

// The process-wide context, made on first use (caller holds the lock).
// gvContext() loads the plugin list of the installed graphviz package
// (config6a); plugins themselves are dlopen'ed when first needed.
GVC_t* SharedContext() {
  static GvcPtr context(gvContext());
  return context.get();
}

// Collects what Graphviz reports through agerr while alive (lock held).
std::string* g_capture = nullptr;

int CaptureMessage(char* message) {
  if (g_capture != nullptr && message != nullptr && g_capture->size() < 4096) {
    g_capture->append(message);
  }
  return 0;
}

class ErrorCapture {
 public:
  ErrorCapture() {
    g_capture = &text_;
    previous_handler_ = agseterrf(&CaptureMessage);
    previous_level_ = agseterr(AGWARN);
  }
  ~ErrorCapture() {
    agseterrf(previous_handler_);
    agseterr(previous_level_);
    g_capture = nullptr;
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The captured messages on one line, or `fallback` when there were none.
  std::string Text(std::string_view fallback) const {
    std::string out;
    for (char c : text_) {
      if (c == '\n' || c == '\r') {
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
      } else {
        out.push_back(c);
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out.empty() ? std::string(fallback) : out;
  }

 private:
  std::string text_;
  agusererrf previous_handler_ = nullptr;
  agerrlevel_t previous_level_ = AGWARN;
};

struct RenderDataDeleter {
  void operator()(char* data) const {
    if (data != nullptr) gvFreeRenderData(data);
  }
};

// Frees the layout of `g` on scope exit (gvFreeLayout is safe without one).
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* gvc, Agraph_t* g) : gvc_(gvc), g_(g) {}
  ~LayoutGuard() { gvFreeLayout(gvc_, g_); }
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GVC_t* gvc_;
  Agraph_t* g_;
};

std::vector<std::string> PluginList(const char* kind) {
  std::vector<std::string> out;
  GVC_t* gvc = SharedContext();
  if (gvc == nullptr) return out;
  int n = 0;
  char** list = gvPluginList(gvc, kind, &n, nullptr);
  if (list == nullptr) return out;
  for (int i = 0; i < n; ++i) {
    if (list[i] != nullptr) {
      out.emplace_back(list[i]);
      std::free(list[i]);
    }
  }
  std::free(list);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<std::string>& CachedPlugins(bool layouts) {
  static const std::vector<std::string> engines = PluginList("layout");
  static const std::vector<std::string> formats = PluginList("device");
  return layouts ? engines : formats;
}

std::string JoinNames(const std::vector<std::string>& names) {
  if (names.empty()) return "none: is the graphviz package installed?";
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out.append(", ");
    out.append(n);
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

int AppendToString(void* chan, const char* s) {
  try {
    static_cast<std::string*>(chan)->append(s);
    return 0;
  } catch (...) {
    return EOF;  // out of memory: makes agwrite fail
  }
}

int FlushNothing(void*) { return 0; }

// agwrite into a string (lock held). The io discipline of the graph is
// swapped for the call, so this works for graphs from any source.
Status DotToString(Agraph_t* g, std::string* text) {
  Agiodisc_t io = {AgIoDisc.afread, &AppendToString, &FlushNothing};
  Agraph_t* root = agroot(g);
  Agiodisc_t* saved = root->clos->disc.io;
  root->clos->disc.io = &io;
  ErrorCapture errors;
  int rc = agwrite(g, text);
  root->clos->disc.io = saved;
  if (rc == EOF) return Status::Internal("writing DOT failed: " + errors.Text("agwrite failed"));
  return Status::Ok();
}

// Graphviz writes a tooltip as <a xlink:title="...">; browsers show the
// <title> child element, so copy each such attribute into one. The attribute
// value is already escaped by Graphviz and is valid element content as is.
std::string AddSvgTitles(std::string_view svg) {
  constexpr std::string_view kAttr = " xlink:title=\"";
  std::string out;
  out.reserve(svg.size() + svg.size() / 4);
  size_t pos = 0;
  while (true) {
    size_t open = svg.find("<a ", pos);
    if (open == std::string_view::npos) break;
    size_t close = svg.find('>', open);
    if (close == std::string_view::npos) break;
    out.append(svg.substr(pos, close + 1 - pos));
    std::string_view tag = svg.substr(open, close - open);
    size_t at = tag.find(kAttr);
    if (at != std::string_view::npos && tag.back() != '/') {
      size_t begin = at + kAttr.size();
      size_t end = tag.find('"', begin);
      if (end != std::string_view::npos) {
        out.append("\n<title>");
        out.append(tag.substr(begin, end - begin));
        out.append("</title>");
      }
    }
    pos = close + 1;
  }
  out.append(svg.substr(pos));
  return out;
}

Status WriteBytes(std::ostream& out, std::string_view bytes) {
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return Status::IoError("writing the rendered graph failed");
  return Status::Ok();
}

Status RenderLocked(Agraph_t* g, std::string_view engine, std::string_view format,
                    std::ostream& out) {
  if (g == nullptr) return Status::InvalidArgument("render: no graph");
  if (format == "dot" || format == "gv") {
    std::string text;
    RETURN_IF_ERROR(DotToString(g, &text));
    return WriteBytes(out, text);
  }
  GVC_t* gvc = SharedContext();
  if (gvc == nullptr) return Status::Internal("cannot create a Graphviz context (gvContext)");
  if (!Contains(CachedPlugins(true), engine)) {
    return Status::Unsupported("Graphviz layout engine '" + std::string(engine) +
                               "' is not available (installed: " + JoinNames(CachedPlugins(true)) +
                               ")");
  }
  if (!Contains(CachedPlugins(false), format)) {
    return Status::Unsupported("Graphviz output format '" + std::string(format) +
                               "' is not available (installed: " + JoinNames(CachedPlugins(false)) +
                               ")");
  }
  std::string engine_z(engine);
  std::string format_z(format);
  ErrorCapture errors;
  LayoutGuard guard(gvc, g);
  if (gvLayout(gvc, g, engine_z.c_str()) != 0) {
    return Status::Internal("Graphviz layout '" + engine_z +
                            "' failed: " + errors.Text("no message"));
  }
  char* data = nullptr;
  unsigned int length = 0;
  int rc = gvRenderData(gvc, g, format_z.c_str(), &data, &length);
  std::unique_ptr<char, RenderDataDeleter> hold(data);
  if (rc != 0 || (data == nullptr && length > 0)) {
    return Status::Internal("Graphviz rendering to '" + format_z +
                            "' failed: " + errors.Text("no message"));
  }
  std::string_view bytes(data == nullptr ? "" : data, length);
  if (format == "svg") return WriteBytes(out, AddSvgTitles(bytes));
  return WriteBytes(out, bytes);
}

}  // namespace

void AgraphDeleter::operator()(Agraph_t* g) const {
  if (g == nullptr) return;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  agclose(g);
}

std::string DotName(std::string_view name) {
  std::string clean = XmlLegalText(name);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    if (c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

GraphBuilder::GraphBuilder(std::string_view name, Kind kind) {
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string n = DotName(name);
  graph_.reset(agopen(n.data(), kind == Kind::kDirected ? Agdirected : Agundirected, nullptr));
  if (graph_ == nullptr) Fail("agopen failed");
}

void GraphBuilder::Fail(std::string message) {
  if (status_.ok()) status_ = Status::Internal("building a Graphviz graph: " + message);
}

void GraphBuilder::SetGraphDefault(std::string_view attr, std::string_view value) {
  if (!status_.ok()) return;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string a(attr), v(value);
  if (agattr(graph_.get(), AGRAPH, a.data(), v.data()) == nullptr) Fail("agattr " + a);
}

void GraphBuilder::SetNodeDefault(std::string_view attr, std::string_view value) {
  if (!status_.ok()) return;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string a(attr), v(value);
  if (agattr(graph_.get(), AGNODE, a.data(), v.data()) == nullptr) Fail("agattr " + a);
}

void GraphBuilder::SetEdgeDefault(std::string_view attr, std::string_view value) {
  if (!status_.ok()) return;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string a(attr), v(value);
  if (agattr(graph_.get(), AGEDGE, a.data(), v.data()) == nullptr) Fail("agattr " + a);
}

Agnode_t* GraphBuilder::Node(std::string_view name, Agraph_t* parent) {
  if (!status_.ok()) return nullptr;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string n = DotName(name);
  Agnode_t* node = agnode(parent != nullptr ? parent : graph_.get(), n.data(), 1);
  if (node == nullptr) Fail("agnode " + n);
  return node;
}

Agedge_t* GraphBuilder::Edge(Agnode_t* tail, Agnode_t* head) {
  if (!status_.ok()) return nullptr;
  if (tail == nullptr || head == nullptr) {
    Fail("edge without an end");
    return nullptr;
  }
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  Agedge_t* edge = agedge(graph_.get(), tail, head, nullptr, 1);
  if (edge == nullptr) Fail("agedge");
  return edge;
}

Agraph_t* GraphBuilder::Subgraph(std::string_view name, Agraph_t* parent) {
  if (!status_.ok()) return nullptr;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string n = DotName(name);
  Agraph_t* sub = agsubg(parent != nullptr ? parent : graph_.get(), n.data(), 1);
  if (sub == nullptr) Fail("agsubg " + n);
  return sub;
}

void GraphBuilder::Set(void* obj, std::string_view attr, std::string_view value) {
  if (!status_.ok() || obj == nullptr) return;
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  std::string a(attr), v(value);
  char empty[] = "";
  if (agsafeset(obj, a.data(), v.data(), empty) != 0) Fail("agsafeset " + a);
}

void GraphBuilder::SetText(void* obj, std::string_view attr, std::string_view text) {
  Set(obj, attr, DotText(text));
}

Status Render(Agraph_t* g, std::string_view layout_engine, std::string_view format,
              std::ostream& out) {
  return CatchAll("render", [&] {
    std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
    return RenderLocked(g, layout_engine, format, out);
  });
}

Status WriteDot(Agraph_t* g, std::ostream& out) { return Render(g, "", "dot", out); }

Result<AgraphPtr> ReadDot(std::string_view dot) {
  std::string text(dot);
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  ErrorCapture errors;
  AgraphPtr g(agmemread(text.c_str()));
  if (g == nullptr) return Status::Corruption("not DOT: " + errors.Text("agmemread failed"));
  return g;
}

std::vector<std::string> AvailableLayoutEngines() {
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  return CachedPlugins(true);
}

std::vector<std::string> AvailableFormats() {
  std::lock_guard<std::recursive_mutex> lock(GraphvizMutex());
  return CachedPlugins(false);
}

}  // namespace dealgraph
