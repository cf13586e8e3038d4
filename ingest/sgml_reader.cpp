#include "ingest/sgml_reader.h"

#include <algorithm>
#include <vector>

#include "common/names.h"
#include "common/utf8.h"
#include "ingest/encoding.h"
#include "ingest/html_reader.h"
#include "ingest/text_reader.h"

namespace dealgraph {

namespace {

constexpr size_t kNpos = std::string_view::npos;

char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToUpper(c);
  return out;
}

// rfind limited to the last `window` bytes: closing tags sit at the end of
// a document, and string_view::rfind compares at every position, which on a
// large document without the tag would cost a full slow scan.
size_t FindNearEnd(std::string_view s, std::string_view tag, size_t window = 4096) {
  size_t from = s.size() > window ? s.size() - window : 0;
  size_t pos = s.substr(from).rfind(tag);
  return pos == std::string_view::npos ? pos : from + pos;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (ToLower(s[s.size() - suffix.size() + i]) != suffix[i]) return false;
  }
  return true;
}

// "20240201" -> "2024-02-01"; "" unless eight digits.
std::string IsoDate(std::string_view v) {
  v = Trim(v);
  if (v.size() < 8) return "";
  for (size_t i = 0; i < 8; ++i) {
    if (!IsDigit(v[i])) return "";
  }
  if (v.size() > 8 && IsDigit(v[8])) return "";
  std::string out;
  out.append(v.substr(0, 4)).push_back('-');
  out.append(v.substr(4, 2)).push_back('-');
  out.append(v.substr(6, 2));
  return out;
}

// ---------------------------------------------------------------- header

enum class Field {
  kIgnore,
  kAccession,
  kForm,
  kPeriod,
  kFiled,
  kItem,
  kFiler,       // block: a FILER
  kOtherBlock,  // block: SUBJECT COMPANY, FILED BY, ... (not a filer)
  kName,
  kCik,
  kFiscalYearEnd,
  kFormerCompany,
  kFormerName,
  kNameChange,
};

// Both dialects' keys, upper-case: "ACCESSION NUMBER" / "ACCESSION-NUMBER".
Field FieldForKey(std::string_view key) {
  static constexpr std::pair<std::string_view, Field> kKeys[] = {
      {"ACCESSION NUMBER", Field::kAccession},
      {"ACCESSION-NUMBER", Field::kAccession},
      {"CONFORMED SUBMISSION TYPE", Field::kForm},
      {"TYPE", Field::kForm},
      {"CONFORMED PERIOD OF REPORT", Field::kPeriod},
      {"PERIOD", Field::kPeriod},
      {"FILED AS OF DATE", Field::kFiled},
      {"FILING-DATE", Field::kFiled},
      {"ITEM INFORMATION", Field::kItem},
      {"ITEMS", Field::kItem},
      {"FILER", Field::kFiler},
      {"SUBJECT COMPANY", Field::kOtherBlock},
      {"SUBJECT-COMPANY", Field::kOtherBlock},
      {"FILED BY", Field::kOtherBlock},
      {"FILED-BY", Field::kOtherBlock},
      {"REPORTING-OWNER", Field::kOtherBlock},
      {"REPORTING OWNER", Field::kOtherBlock},
      {"ISSUER", Field::kOtherBlock},
      {"SERIAL COMPANY", Field::kOtherBlock},
      {"SERIAL-COMPANY", Field::kOtherBlock},
      {"DEPOSITOR", Field::kOtherBlock},
      {"SECURITIZER", Field::kOtherBlock},
      {"ISSUING ENTITY", Field::kOtherBlock},
      {"ISSUING-ENTITY", Field::kOtherBlock},
      {"COMPANY CONFORMED NAME", Field::kName},
      {"CONFORMED-NAME", Field::kName},
      {"CENTRAL INDEX KEY", Field::kCik},
      {"CIK", Field::kCik},
      {"FISCAL YEAR END", Field::kFiscalYearEnd},
      {"FISCAL-YEAR-END", Field::kFiscalYearEnd},
      {"FORMER COMPANY", Field::kFormerCompany},
      {"FORMER-COMPANY", Field::kFormerCompany},
      {"FORMER CONFORMED NAME", Field::kFormerName},
      {"FORMER-CONFORMED-NAME", Field::kFormerName},
      {"DATE OF NAME CHANGE", Field::kNameChange},
      {"DATE-CHANGED", Field::kNameChange},
  };
  for (const auto& [k, f] : kKeys) {
    if (k == key) return f;
  }
  return Field::kIgnore;
}

class HeaderBuilder {
 public:
  void Open(std::string_view raw_key, std::string_view value) {
    std::string key = Upper(Trim(raw_key));
    value = Trim(value);
    switch (FieldForKey(key)) {
      case Field::kIgnore:
        break;
      case Field::kAccession:
        if (h_.accession.empty()) h_.accession = std::string(value);
        break;
      case Field::kForm:
        if (h_.form.empty()) h_.form = std::string(value);
        break;
      case Field::kPeriod:
        if (h_.period.empty()) h_.period = IsoDate(value);
        break;
      case Field::kFiled:
        if (h_.filed.empty()) h_.filed = IsoDate(value);
        break;
      case Field::kItem:
        if (!value.empty()) raw_items_.emplace_back(value);
        break;
      case Field::kFiler:
        h_.filers.emplace_back();
        company_ = &h_.filers.back();
        company_->role = "FILER";
        break;
      case Field::kOtherBlock:
        h_.others.emplace_back();
        company_ = &h_.others.back();
        company_->role = key;
        std::replace(company_->role.begin(), company_->role.end(), '-', ' ');
        break;
      case Field::kName:
        if (company_ != nullptr && company_->name.empty()) company_->name = std::string(value);
        break;
      case Field::kCik:
        // EDGAR's keys are 1 to 10 digits: anything else ("-5", a name, 40
        // digits) is a broken or forged header, and no key is better than a
        // false one that would merge two companies.
        if (company_ != nullptr && company_->cik.empty() && ValidCik(value)) {
          company_->cik = std::string(value);
        }
        break;
      case Field::kFiscalYearEnd:
        if (company_ != nullptr && company_->fiscal_year_end.empty()) {
          company_->fiscal_year_end = std::string(value);
        }
        break;
      case Field::kFormerCompany:
        if (company_ != nullptr) company_->former_names.emplace_back();
        break;
      case Field::kFormerName:
        if (company_ != nullptr) {
          if (company_->former_names.empty() || !company_->former_names.back().name.empty()) {
            company_->former_names.emplace_back();
          }
          company_->former_names.back().name = std::string(value);
        }
        break;
      case Field::kNameChange:
        if (company_ != nullptr && !company_->former_names.empty()) {
          company_->former_names.back().changed = IsoDate(value);
        }
        break;
    }
  }

  void Close(std::string_view raw_key) {
    Field f = FieldForKey(Upper(Trim(raw_key)));
    if (f == Field::kFiler || f == Field::kOtherBlock) company_ = nullptr;
  }

  FilingHeader Finish() {
    for (const std::string& raw : raw_items_) {
      std::string num = ItemNumberFromTitle(raw, h_.filed.empty() ? h_.period : h_.filed);
      if (!num.empty() && std::find(h_.items.begin(), h_.items.end(), num) == h_.items.end()) {
        h_.items.push_back(std::move(num));
      }
    }
    std::erase_if(h_.others, [](const HeaderCompany& c) { return c.name.empty(); });
    for (std::vector<HeaderCompany>* list : {&h_.filers, &h_.others}) {
      for (HeaderCompany& c : *list) {
        std::erase_if(c.former_names, [](const HeaderCompany::FormerName& f) { return f.name.empty(); });
      }
    }
    return std::move(h_);
  }

 private:
  FilingHeader h_;
  HeaderCompany* company_ = nullptr;  // the block being read: the last of h_.filers or h_.others
  std::vector<std::string> raw_items_;
};

bool IsTagNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '_' ||
         c == '.';
}

// Normalises item text for title lookup: lower-case letters and digits only.
std::string Squash(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    char l = ToLower(c);
    if ((l >= 'a' && l <= 'z') || IsDigit(l)) out.push_back(l);
  }
  return out;
}

struct ItemTitle {
  std::string_view prefix;  // Squash()ed start of the title
  std::string_view number;
};

// 8-K items as numbered since 2004-08-23.
constexpr ItemTitle kCurrentItems[] = {
    {"entryintoamaterialdefinitiveagreement", "1.01"},
    {"terminationofamaterialdefinitiveagreement", "1.02"},
    {"bankruptcyorreceivership", "1.03"},
    {"minesafety", "1.04"},
    {"materialcybersecurityincident", "1.05"},
    {"completionofacquisitionordisposition", "2.01"},
    {"resultsofoperationsandfinancialcondition", "2.02"},
    {"creationofadirectfinancialobligation", "2.03"},
    {"triggeringevents", "2.04"},
    {"costsassociatedwithexitordisposal", "2.05"},
    {"materialimpairments", "2.06"},
    {"noticeofdelisting", "3.01"},
    {"unregisteredsalesofequitysecurities", "3.02"},
    {"materialmodificationtorightsofsecurityholders", "3.03"},
    {"materialmodificationstorightsofsecurityholders", "3.03"},
    {"changesinregistrantscertifyingaccountant", "4.01"},
    {"changesinregistrantcertifyingaccountant", "4.01"},
    {"nonrelianceonpreviouslyissuedfinancialstatements", "4.02"},
    {"changesincontrolofregistrant", "5.01"},
    {"departureofdirectors", "5.02"},
    {"amendmentstoarticlesofincorporation", "5.03"},
    {"temporarysuspensionoftrading", "5.04"},
    {"amendmentstotheregistrantscodeofethics", "5.05"},
    {"amendmentstoregistrantscodeofethics", "5.05"},
    {"changeinshellcompanystatus", "5.06"},
    {"submissionofmatterstoavoteofsecurityholders", "5.07"},
    {"shareholderdirectornominations", "5.08"},
    {"absinformationalandcomputationalmaterial", "6.01"},
    {"changeofservicerortrustee", "6.02"},
    {"changeincreditenhancement", "6.03"},
    {"failuretomakearequireddistribution", "6.04"},
    {"securitiesactupdatingdisclosure", "6.05"},
    {"staticpool", "6.06"},
    {"alternativefilingsofassetbackedissuers", "6.10"},
    {"regulationfddisclosure", "7.01"},
    {"otherevents", "8.01"},
    {"financialstatementsandexhibits", "9.01"},
};

// 8-K items as numbered before 2004-08-23.
constexpr ItemTitle kOldItems[] = {
    {"changesincontrolofregistrant", "1"},
    {"acquisitionordispositionofassets", "2"},
    {"bankruptcyorreceivership", "3"},
    {"changesinregistrantscertifyingaccountant", "4"},
    {"changesinregistrantcertifyingaccountant", "4"},
    {"otherevents", "5"},
    {"resignationsofregistrantsdirectors", "6"},
    {"resignationofregistrantsdirectors", "6"},
    {"financialstatements", "7"},
    {"changeinfiscalyear", "8"},
    {"regulationfddisclosure", "9"},
    {"amendmentstotheregistrantscodeofethics", "10"},
    {"amendmentstoregistrantscodeofethics", "10"},
    {"temporarysuspensionoftrading", "11"},
    {"resultsofoperationsandfinancialcondition", "12"},
};

// "2.02", "Item 2.02", "ITEM 5" -> the number; "" when the value is a title.
std::string LeadingItemNumber(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 4 && Upper(v.substr(0, 4)) == "ITEM") {
    v.remove_prefix(4);
    while (!v.empty() && (IsSpace(v.front()) || v.front() == '-' || v.front() == ':')) {
      v.remove_prefix(1);
    }
  }
  size_t i = 0;
  while (i < v.size() && IsDigit(v[i])) ++i;
  if (i == 0 || i > 2) return "";
  size_t end = i;
  if (i + 1 < v.size() && v[i] == '.' && IsDigit(v[i + 1])) {
    size_t j = i + 1;
    while (j < v.size() && IsDigit(v[j])) ++j;
    end = j;
  }
  // The number must stand alone: followed by nothing, a space or punctuation.
  if (end < v.size() && !(IsSpace(v[end]) || v[end] == '.' || v[end] == ':' || v[end] == ',' ||
                          v[end] == ';' || v[end] == ')')) {
    return "";
  }
  return std::string(v.substr(0, end));
}

// --------------------------------------------------------------- documents

struct SgmlDocument {
  std::string type;
  std::string filename;
  std::string_view content;  // what lies between <TEXT> and </TEXT>
  bool truncated = false;    // no </DOCUMENT>
};

// Reads the <TYPE>/<SEQUENCE>/<FILENAME>/<DESCRIPTION> lines and the <TEXT>
// body of one document (`body` starts right after <DOCUMENT>).
SgmlDocument ParseDocument(std::string_view body) {
  SgmlDocument doc;
  size_t p = 0;
  bool saw_text = false;
  while (p < body.size()) {
    while (p < body.size() && IsSpace(body[p])) ++p;
    if (p >= body.size() || body[p] != '<') break;
    size_t q = p + 1;
    while (q < body.size() && IsTagNameChar(body[q])) ++q;
    if (q >= body.size() || body[q] != '>') break;
    std::string tag = Upper(body.substr(p + 1, q - p - 1));
    if (tag == "TEXT") {
      p = q + 1;
      saw_text = true;
      break;
    }
    if (tag != "TYPE" && tag != "SEQUENCE" && tag != "FILENAME" && tag != "DESCRIPTION") break;
    size_t v = q + 1;
    size_t e = v;
    while (e < body.size() && body[e] != '\n' && body[e] != '<') ++e;
    std::string_view value = Trim(body.substr(v, e - v));
    if (tag == "TYPE") doc.type = Upper(value);
    if (tag == "FILENAME") doc.filename = std::string(value);
    p = e;
  }
  std::string_view content = body.substr(std::min(p, body.size()));
  if (saw_text) {
    size_t close = FindNearEnd(content, "</TEXT>");
    if (close != kNpos) content = content.substr(0, close);
  }
  doc.content = content;
  return doc;
}

bool IsSkippedFilename(std::string_view filename) {
  static constexpr std::string_view kExt[] = {
      ".jpg", ".jpeg", ".gif", ".png",  ".bmp", ".pdf",     ".xsd", ".xml",   ".js",
      ".css", ".json", ".zip", ".xlsx", ".xls", ".txt.p7m", ".p7s", ".paper",
  };
  for (std::string_view e : kExt) {
    if (EndsWithNoCase(filename, e)) return true;
  }
  return false;
}

// EX-10 but not EX-101 (XBRL).
bool IsExhibitFamily(std::string_view type, std::string_view family) {
  if (!StartsWith(type, family)) return false;
  return type.size() == family.size() || !IsDigit(type[family.size()]);
}

// Uuencoded data ("begin 644 name") or a tag marking non-text payload.
bool IsBinaryPayload(std::string_view content) {
  if (StartsWith(content, "<PDF>") || StartsWith(content, "<XML>")) return true;
  if (StartsWith(content, "begin ") && content.size() > 9 && IsDigit(content[6]) &&
      IsDigit(content[7]) && IsDigit(content[8])) {
    return true;
  }
  return false;
}

// The text of one kept document, or "" when it has none.
std::string ReadDocumentText(std::string_view content) {
  content = Trim(content);
  if (StartsWith(content, "<XBRL>")) {
    content.remove_prefix(6);
    size_t close = FindNearEnd(content, "</XBRL>");
    if (close != kNpos) content = content.substr(0, close);
    content = Trim(content);
  }
  // A document whose </DOCUMENT> is missing may run into the trailer.
  for (std::string_view trailer : {"</SEC-DOCUMENT>", "</SUBMISSION>", "</IMS-DOCUMENT>"}) {
    size_t t = FindNearEnd(content, trailer, 512);
    if (t != kNpos && Trim(content.substr(t + trailer.size())).size() < 200) {
      content = Trim(content.substr(0, t));
    }
  }
  if (content.empty() || IsBinaryPayload(content)) return "";
  if (LooksLikeHtml(content)) {
    Result<std::string> html = HtmlToText(content);
    return html.ok() ? std::move(html).value() : std::string();
  }
  return FinishText(TextToLines(content));
}

size_t FindHeadTag(std::string_view text, std::string_view tag) {
  return text.substr(0, 8192).find(tag);
}

}  // namespace

bool LooksLikeSgml(std::string_view text) {
  std::string_view head = text.substr(0, 8192);
  for (std::string_view tag :
       {"<SEC-DOCUMENT>", "<SEC-HEADER>", "<IMS-DOCUMENT>", "<SUBMISSION>"}) {
    if (head.find(tag) != kNpos) return true;
  }
  std::string_view start = Trim(head.substr(0, 256));
  return StartsWith(start, "<DOCUMENT>") || StartsWith(start, "<TYPE>");
}

FilingHeader ParseSecHeader(std::string_view h) {
  HeaderBuilder b;
  size_t p = 0;
  while (p < h.size()) {
    char c = h[p];
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      ++p;
      continue;
    }
    if (c == '<') {
      size_t q = p + 1;
      bool closing = q < h.size() && h[q] == '/';
      if (closing) ++q;
      size_t name_start = q;
      while (q < h.size() && IsTagNameChar(h[q])) ++q;
      if (q < h.size() && h[q] == '>' && q > name_start) {
        std::string_view name = h.substr(name_start, q - name_start);
        size_t v = q + 1;
        size_t e = v;
        while (e < h.size() && h[e] != '<' && h[e] != '\n' && h[e] != '\r') ++e;
        if (closing) {
          b.Close(name);
        } else {
          b.Open(name, h.substr(v, e - v));
        }
        p = e;
        continue;
      }
    }
    // A classic "KEY:<tabs>VALUE" line.
    size_t eol = h.find('\n', p);
    if (eol == kNpos) eol = h.size();
    std::string_view line = h.substr(p, eol - p);
    size_t colon = line.find(':');
    if (colon != kNpos) b.Open(line.substr(0, colon), line.substr(colon + 1));
    p = eol;
  }
  return b.Finish();
}

std::string ItemNumberFromTitle(std::string_view title, std::string_view filed_iso) {
  std::string number = LeadingItemNumber(title);
  if (!number.empty()) return number;
  std::string key = Squash(title);
  if (key.empty()) return "";
  // Item numbering changed on 2004-08-23; ISO dates compare as strings.
  bool old = !filed_iso.empty() && filed_iso < std::string_view("2004-08-23");
  if (old) {
    for (const ItemTitle& t : kOldItems) {
      if (StartsWith(key, t.prefix)) return std::string(t.number);
    }
  }
  for (const ItemTitle& t : kCurrentItems) {
    if (StartsWith(key, t.prefix)) return std::string(t.number);
  }
  return "";
}

Result<Document> ReadSgmlFiling(std::string_view name, std::string_view text) {
  Document doc;
  doc.name = std::string(name);

  // The header, in either dialect.
  size_t body_start = 0;
  bool has_header = false;
  // <IMS-HEADER> is the same header in 1990s submissions.
  std::string_view close_tag = "</SEC-HEADER>";
  size_t h = FindHeadTag(text, "<SEC-HEADER>");
  if (h == kNpos && (h = FindHeadTag(text, "<IMS-HEADER>")) != kNpos) close_tag = "</IMS-HEADER>";
  if (h != kNpos) {
    has_header = true;
    size_t start = h + 12;
    size_t end = text.find(close_tag, start);
    size_t first_doc = text.find("<DOCUMENT>", start);
    if (end == kNpos || (first_doc != kNpos && first_doc < end)) {
      end = first_doc == kNpos ? text.size() : first_doc;
      body_start = end;
    } else {
      body_start = end + close_tag.size();
    }
    doc.header = ParseSecHeader(text.substr(start, end - start));
  } else if ((h = FindHeadTag(text, "<SUBMISSION>")) != kNpos) {
    has_header = true;
    size_t start = h + 12;
    size_t end = text.find("<DOCUMENT>", start);
    if (end == kNpos) end = text.size();
    body_start = end;
    doc.header = ParseSecHeader(text.substr(start, end - start));
  }

  // Split the documents.
  std::vector<SgmlDocument> docs;
  size_t p = text.find("<DOCUMENT>", body_start);
  if (p == kNpos) {
    std::string_view rest = Trim(text.substr(body_start));
    if (StartsWith(rest, "<TYPE>")) {
      // A bare wrapper: <TYPE>EX-99.1 <SEQUENCE>.. <TEXT> without <DOCUMENT>.
      docs.push_back(ParseDocument(rest));
    } else if (has_header) {
      return Status::Corruption("truncated SGML: header without documents");
    } else {
      return Status::Corruption("truncated SGML: no <DOCUMENT>");
    }
  }
  while (p != kNpos) {
    size_t start = p + 10;
    size_t close = text.find("</DOCUMENT>", start);
    size_t next = text.find("<DOCUMENT>", start);
    size_t end;
    bool truncated = false;
    if (close != kNpos && (next == kNpos || close < next)) {
      end = close;
    } else {
      truncated = true;
      end = next == kNpos ? text.size() : next;
    }
    SgmlDocument d = ParseDocument(text.substr(start, end - start));
    d.truncated = truncated;
    if (truncated) {
      // A download cut short (or a broken file): what is there may be half a
      // sentence or half a table, so none of it is stored.
      return Status::Corruption("truncated SGML: <DOCUMENT> " + std::to_string(docs.size() + 1) +
                                (d.type.empty() ? std::string() : " (" + d.type + ")") +
                                " has no </DOCUMENT>");
    }
    docs.push_back(std::move(d));
    p = next;
  }

  if (doc.header.form.empty() && !docs.empty()) doc.header.form = docs.front().type;

  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    const SgmlDocument& d = docs[i];
    bool main = i == 0 || (!d.type.empty() && d.type == Upper(doc.header.form));
    bool keep = main || IsExhibitFamily(d.type, "EX-99") || IsExhibitFamily(d.type, "EX-10");
    if (!keep || IsSkippedFilename(d.filename)) continue;
    std::string body = ReadDocumentText(d.content);
    if (!HasVisibleText(body)) continue;
    out.append("<<").append(d.type.empty() ? std::string("DOCUMENT") : d.type).append(">>\n");
    out.append(body);
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
  }
  if (!HasVisibleText(out)) return Status::Corruption("SGML filing without text");
  if (!IsValidUtf8Fast(out)) out = SanitizeUtf8(out);
  doc.text = std::move(out);
  return doc;
}

}  // namespace dealgraph
