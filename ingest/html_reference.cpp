// HtmlToTextReference: HtmlToText with libxml2's HTML parser building the
// element tree, walked into the same TextBuilder. This was dealgraph's HTML
// reader before it had its own parser; it stays as the reference the tests hold
// dealgraph's own parser to (tests/ingest/html_parity_test.cpp, and
// build/tests/html_parity over any folder), and libxml2's tables (entities, which start tags
// close which elements, which elements are empty) are what that parser is
// built from.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/html_reader.h"
#include "ingest/html_text.h"

namespace dealgraph {

namespace {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

html::StyleInfo StyleOf(const xmlNode* node) {
  html::StyleInfo info;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || xmlStrcasecmp(a->name, BAD_CAST "style") != 0) continue;
    if (a->children == nullptr || a->children->content == nullptr) continue;
    info = html::ReadStyle(reinterpret_cast<const char*>(a->children->content));
  }
  return info;
}

// Visits the tree in document order without recursion (old EDGAR HTML nests
// thousands of levels deep).
void Walk(xmlNode* first, html::TextBuilder* out) {
  std::vector<xmlNode*> stack;
  xmlNode* n = first;
  while (n != nullptr) {
    bool element = false;
    if (n->type == XML_ELEMENT_NODE) {
      element = true;
      const char* name = n->name == nullptr ? "" : reinterpret_cast<const char*>(n->name);
      html::StyleInfo style;
      if (n->properties != nullptr) style = StyleOf(n);
      out->Start(html::ClassifyElement(name), xmlStrcmp(n->name, BAD_CAST "hr") == 0, style);
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
               n->content != nullptr) {
      out->Characters(reinterpret_cast<const char*>(n->content));
    }
    if (element && n->children != nullptr) {
      stack.push_back(n);
      n = n->children;
      continue;
    }
    if (element) out->End();
    while (n != nullptr && n->next == nullptr) {
      if (stack.empty()) {
        n = nullptr;
        break;
      }
      n = stack.back();
      stack.pop_back();
      out->End();
    }
    if (n != nullptr) n = n->next;
  }
}

}  // namespace

void InitLibxml() {
  static const bool done = [] {
    xmlInitParser();
    return true;
  }();
  (void)done;
}

Result<std::string> HtmlToTextReference(std::string_view utf8_html) {
  if (utf8_html.size() > static_cast<size_t>(INT_MAX)) {
    return Status::Unsupported("HTML document too large");
  }
  InitLibxml();
  // The bytes are already UTF-8 (the caller decoded them); saying so keeps
  // libxml2 from re-decoding per a <meta charset> that may be wrong.
  std::unique_ptr<xmlDoc, DocDeleter> doc(htmlReadMemory(
      utf8_html.data(), static_cast<int>(utf8_html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
          HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE));
  if (doc == nullptr) return Status::Corruption("HTML without text");
  html::TextBuilder builder;
  Walk(doc->children, &builder);
  std::string text = FinishText(builder.Finish());
  if (!HasVisibleText(text)) return Status::Corruption("HTML without text");
  return text;
}

}  // namespace dealgraph
