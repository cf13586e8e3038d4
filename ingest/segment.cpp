#include "ingest/segment.h"

#include <algorithm>
#include <array>

#include "common/strings.h"

namespace dealgraph {

namespace {

// Words that end with a period without ending a sentence.
constexpr std::array<std::string_view, 52> kAbbreviations = {
    "inc", "corp", "co", "ltd", "no", "nos", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "v",
    "e.g", "i.e", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "p.m", "a.m", "n.a", "s.a", "n.v", "l.p", "l.l.c", "p.c", "fig",
    "ph.d", "esq", "gov", "dept", "mt", "ft", "cf", "b.v", "s.p.a", "plc", "seq"};

bool IsAbbreviation(std::string_view word) {
  std::string w = ToLower(word);
  for (std::string_view a : kAbbreviations) {
    if (w == a) return true;
  }
  // Initials: "M", "J" ; dotted acronyms "U.S", "N.A".
  if (word.size() == 1 && IsAsciiUpper(word[0])) return true;
  if (word.size() >= 3 && word.find('.') != std::string_view::npos) {
    bool dotted = true;
    for (size_t i = 0; i < word.size(); ++i) {
      if ((i % 2 == 0 && !IsAsciiAlpha(word[i])) || (i % 2 == 1 && word[i] != '.')) dotted = false;
    }
    if (dotted) return true;
  }
  return false;
}

bool IsClosing(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// True when the UTF-8 text at p starts with a closing curly quote.
bool IsCurlyClose(std::string_view s, size_t p) {
  return s.substr(p, 3) == "\xE2\x80\x9D" || s.substr(p, 3) == "\xE2\x80\x99";
}

bool StartsSentence(std::string_view s, size_t p) {
  if (p >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[p]);
  if (IsAsciiUpper(static_cast<char>(c)) || IsAsciiDigit(static_cast<char>(c))) return true;
  if (c == '"' || c == '(' || c == '[' || c == '$' || c == '\\') return true;
  if (s.substr(p, 3) == "\xE2\x80\x9C") return true;  // opening curly quote
  if (c == '-' || c == 0xE2) return true;              // dash / bullet
  return false;
}

bool IsTitleWord(std::string_view w) {
  return !w.empty() && (IsAsciiUpper(w[0]) || IsAsciiDigit(w[0]) || !IsAsciiAlpha(w[0]));
}

// A short line with no sentence-ending punctuation whose words are mostly
// capitalized: a heading or a headline.
bool LooksLikeHeading(std::string_view line) {
  if (line.size() > 160 || line.empty()) return false;
  char last = line.back();
  if (last == '.' || last == ':' || last == ';' || last == ',') {
    if (line.size() > 60 || last == ',') return false;
  }
  int words = 0, caps = 0;
  for (size_t b = 0; b < line.size();) {
    size_t e = std::min(line.find(' ', b), line.size());
    if (e > b) {
      ++words;
      if (IsTitleWord(line.substr(b, e - b))) ++caps;
    }
    b = e + 1;
  }
  if (words == 0) return false;
  if (words <= 2) return true;
  return caps * 10 >= words * 6;
}

}  // namespace

std::vector<std::string_view> SplitSentences(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < n && (IsClosing(text[end]) || IsCurlyClose(text, end))) {
      end += IsCurlyClose(text, end) ? 3 : 1;
    }
    if (end < n && text[end] != ' ') continue;
    size_t next = end;
    while (next < n && text[next] == ' ') ++next;
    if (next < n && !StartsSentence(text, next)) continue;
    if (c == '.') {
      size_t w = i;
      while (w > start && text[w - 1] != ' ' && text[w - 1] != '(') --w;
      std::string_view word = text.substr(w, i - w);
      if (IsAbbreviation(word) && end == i + 1) {
        // "Inc." ends a sentence only when a capitalized function word follows
        // and the abbreviation is a corporate suffix; keep it simple: if the
        // next word is a sentence-initial function word, split.
        std::string_view rest = text.substr(next);
        bool split = false;
        for (std::string_view fw : {"The ", "This ", "In ", "On ", "Under ", "It ", "We ", "Our ",
                                    "These ", "A ", "For ", "As "}) {
          if (rest.substr(0, fw.size()) == fw) split = true;
        }
        if (!split || word.size() == 1 || ToLower(word) == "no" || ToLower(word) == "u.s") continue;
      }
      // Decimal numbers never reach here (no space after the point).
    }
    std::string_view sent = Trim(text.substr(start, end - start));
    if (!sent.empty()) out.push_back(sent);
    start = next;
    i = next > 0 ? next - 1 : 0;
  }
  if (start < n) {
    std::string_view sent = Trim(text.substr(start));
    if (!sent.empty()) out.push_back(sent);
  }
  return out;
}

std::string ParseItemHeading(std::string_view line) {
  line = Trim(line);
  if (line.size() > 220 || !StartsWithIgnoreCase(line, "item")) return "";
  size_t p = 4;
  if (p < line.size() && IsAsciiAlpha(line[p])) return "";  // "Items", "Itemized"
  while (p < line.size() && (line[p] == ' ' || line[p] == '-' || line[p] == ':' || line[p] == '\t' ||
                             line[p] == '\xC2' || line[p] == '\xA0' || line[p] == '#')) {
    ++p;
  }
  size_t b = p;
  while (p < line.size() && IsAsciiDigit(line[p])) ++p;
  if (p == b || p - b > 2) return "";
  std::string num(line.substr(b, p - b));
  if (p + 2 < line.size() && line[p] == '.' && IsAsciiDigit(line[p + 1]) && IsAsciiDigit(line[p + 2])) {
    num += std::string(line.substr(p, 3));
    p += 3;
  }
  // "ITEM 9.01(d). Exhibits": a sub-paragraph letter after the number.
  if (p + 2 < line.size() && line[p] == '(' && IsAsciiAlpha(line[p + 1]) && line[p + 2] == ')') p += 3;
  // What follows must be punctuation / space and then a title, not a sentence
  // such as "Item 5 of the agreement requires...".
  if (p < line.size() && IsAsciiAlnum(line[p])) return "";
  std::string_view rest = Trim(line.substr(p));
  while (!rest.empty() && (rest[0] == '.' || rest[0] == '-' || rest[0] == ':' || rest[0] == ' ' || rest[0] == '\t')) {
    rest.remove_prefix(1);
  }
  if (!rest.empty() && !(IsAsciiUpper(rest[0]) || rest[0] == '"')) return "";
  if (rest.size() > 150) return "";
  return num;
}

namespace {

// Date in a line or its neighbours: the first absolute date.
DateValue FirstDate(std::string_view text) {
  DateContext ctx;
  for (const DateMention& m : FindDates(text, ctx)) {
    if (m.value.day != 0) return m.value;
  }
  return {};
}

bool IsAllCapsWord(std::string_view w) {
  int letters = 0;
  for (char c : w) {
    if (IsAsciiLower(c)) return false;
    if (IsAsciiUpper(c)) ++letters;
  }
  return letters >= 2;
}

// The company a press-release dateline announces for: after the dash that
// ends the dateline ("-- ", "- ", "— "), the words up to "(", ",", "today",
// "announced" or "reported"; "" when the sentence is not of that shape.
std::string DatelineSubject(std::string_view rest) {
  size_t dash = std::string_view::npos;
  for (std::string_view d : {"--", "\xE2\x80\x94", "\xE2\x80\x93", " - "}) {
    size_t p = rest.find(d);
    if (p != std::string_view::npos && p < 80 && (dash == std::string_view::npos || p < dash)) {
      dash = p + d.size();
    }
  }
  if (dash == std::string_view::npos) return "";
  std::string_view after = Trim(rest.substr(dash));
  size_t end = after.size();
  for (std::string_view stop : {" (", ",", " today", " announced", " reported", " said"}) {
    size_t p = after.find(stop);
    if (p != std::string_view::npos && p < end) end = p;
  }
  std::string_view name = Trim(after.substr(0, end));
  // "Inc." after a comma: "Zyora, Inc. today announced".
  std::string_view tail = after.substr(end);
  for (std::string_view suffix : {", Inc.", ", Inc", ", Ltd.", ", L.P.", ", LLC", ", Corp."}) {
    if (tail.substr(0, suffix.size()) == suffix) {
      name = after.substr(0, end + suffix.size());
      break;
    }
  }
  if (name.empty() || name.size() > 80 || !IsAsciiUpper(name[0])) return "";
  return std::string(name);
}

}  // namespace

Segmented Segment(const Document& doc) {
  Segmented seg;
  std::vector<std::string_view> lines = SplitLines(doc.text);
  Section section = Section::kCover;
  std::string item;
  bool in_about = false;
  bool seen_item = false;
  bool item_has_text = false;  //!< a block that is not a heading since the last Item heading
  std::string exhibit_type;
  for (size_t li = 0; li < lines.size(); ++li) {
    std::string_view raw = lines[li];
    std::string_view line = Trim(raw);
    if (line.empty()) continue;
    // Document markers from the SGML reader: "<<8-K>>", "<<EX-99.1>>".
    if (line.size() > 4 && line.substr(0, 2) == "<<" && line.substr(line.size() - 2) == ">>") {
      std::string type(line.substr(2, line.size() - 4));
      if (StartsWithIgnoreCase(type, "EX-")) {
        section = Section::kExhibit;
        item = type;
      } else {
        section = Section::kCover;
        item.clear();
      }
      in_about = false;
      continue;
    }
    Block b;
    b.text = line;
    b.table_row = line.find('\t') != std::string_view::npos;
    std::string num = ParseItemHeading(line);
    if (!num.empty() && section != Section::kExhibit) {
      section = Section::kBody;
      item = num;
      seen_item = true;
      item_has_text = false;
      bool dup = false;
      for (const std::string& it : seg.cover.items) dup |= it == num;
      if (!dup) seg.cover.items.push_back(num);
      b.heading = true;
      b.table_row = false;
    } else if (section != Section::kExhibit &&
               (EqualsIgnoreCase(line, "SIGNATURES") || EqualsIgnoreCase(line, "SIGNATURE"))) {
      // A table of contents lists "Item 2.02 ...", "Item 9.01 ...",
      // "SIGNATURE" one under the other: the signatures begin only after an
      // Item with text of its own (or where no Item was seen at all).
      if (!seen_item || item_has_text) section = Section::kSignature;
      b.heading = true;
    } else if (section == Section::kSignature || (section == Section::kBody && !seen_item)) {
      // The press release follows the signatures in plain-text filings.
      bool exhibit_line = StartsWithIgnoreCase(line, "Exhibit 99") && line.size() < 20;
      // A release's own first line: "FOR IMMEDIATE RELEASE".
      bool release_line = EqualsIgnoreCase(line, "FOR IMMEDIATE RELEASE") && section == Section::kSignature;
      if (exhibit_line || release_line || (line.size() > 200 && !b.table_row)) {
        section = Section::kExhibit;
        item = exhibit_line ? "EX-" + std::string(Trim(line.substr(8))) : "EX-99.1";
        if (exhibit_line) b.heading = true;
      }
    }
    if (!b.heading) b.heading = !b.table_row && LooksLikeHeading(line);
    if (b.heading) {
      in_about = StartsWithIgnoreCase(line, "About ");
    } else if (in_about && line.size() > 200) {
      // stays boilerplate until the next heading
    }
    b.section = section;
    b.item = item;
    b.boilerplate = in_about && !b.heading;
    item_has_text |= section == Section::kBody && !b.heading;
    seg.blocks.push_back(b);
  }

  // A press release on its own (an EX-99.1 saved by itself, without the SGML
  // wrapper that would say so): nothing of an 8-K cover page, no Item
  // headings. Its text is the exhibit's, not a cover page's.
  if (!seen_item) {
    bool cover_page = false;
    size_t first_exhibit = seg.blocks.size();
    for (size_t i = 0; i < seg.blocks.size(); ++i) {
      const Block& b = seg.blocks[i];
      if (b.section == Section::kExhibit) {
        first_exhibit = i;
        break;
      }
      std::string_view t = b.text;
      cover_page |= FindIgnoreCase(t, "form 8-k") != std::string_view::npos ||
                    FindIgnoreCase(t, "current report") != std::string_view::npos ||
                    FindIgnoreCase(t, "name of registrant") != std::string_view::npos ||
                    FindIgnoreCase(t, "commission file number") != std::string_view::npos ||
                    FindIgnoreCase(t, "earliest event reported") != std::string_view::npos;
    }
    if (!cover_page && first_exhibit > 0) {
      std::string type = "EX-99.1";
      for (size_t i = 0; i < first_exhibit && i < 3; ++i) {
        std::string_view t = seg.blocks[i].text;
        if (StartsWithIgnoreCase(t, "Exhibit ") && t.size() < 20) type = "EX-" + std::string(Trim(t.substr(8)));
      }
      for (size_t i = 0; i < first_exhibit; ++i) {
        seg.blocks[i].section = Section::kExhibit;
        seg.blocks[i].item = type;
      }
    }
  }

  // Cover facts.
  for (size_t i = 0; i < seg.blocks.size(); ++i) {
    std::string_view t = seg.blocks[i].text;
    if (seg.cover.event_date.empty() && FindIgnoreCase(t, "earliest event reported") != std::string_view::npos) {
      // "Date of Report (Date of earliest event reported): April 19, 2016
      // (April 15, 2016)": the date in parentheses is the earliest event's.
      auto date_of = [](std::string_view line) {
        DateValue first = FirstDate(line);
        size_t open = line.rfind('(');
        if (!first.empty() && open != std::string_view::npos && open > 0) {
          DateValue inner = FirstDate(line.substr(open));
          if (!inner.empty() && FindIgnoreCase(line.substr(open), "earliest") == std::string_view::npos) return inner;
        }
        return first;
      };
      DateValue d = date_of(t);
      for (size_t k = 1; d.empty() && k <= 3; ++k) {
        if (i + k < seg.blocks.size()) d = date_of(seg.blocks[i + k].text);
        if (d.empty() && i >= k) d = date_of(seg.blocks[i - k].text);
      }
      seg.cover.event_date = d;
    }
    if (seg.cover.registrant.empty() && FindIgnoreCase(t, "exact name of registrant") != std::string_view::npos) {
      size_t paren = t.find('(');
      std::string_view before = paren == std::string_view::npos ? std::string_view() : Trim(t.substr(0, paren));
      if (!before.empty() && before.size() < 120) {
        seg.cover.registrant = std::string(before);
      } else {
        // Up to three lines up; a rule of dashes or underscores under the
        // name is not the name and does not count as one of them.
        size_t looked = 0;
        for (size_t k = i; k-- > 0 && looked < 3;) {
          std::string_view prev = seg.blocks[k].text;
          if (std::count_if(prev.begin(), prev.end(), [](char c) { return IsAsciiAlpha(c); }) < 2) continue;
          ++looked;
          if (prev.size() < 120 && prev[0] != '(' && FindIgnoreCase(prev, "commission") == std::string_view::npos &&
              FindIgnoreCase(prev, "form 8-k") == std::string_view::npos &&
              FindIgnoreCase(prev, "date of report") == std::string_view::npos) {
            seg.cover.registrant = std::string(Trim(prev));
            break;
          }
        }
      }
    }
    // (Both phrases start "fiscal year end": one search rules most lines out.)
    if (seg.cover.fiscal_year_end_month == 0 && FindIgnoreCase(t, "fiscal year end") != std::string_view::npos) {
      size_t p = FindIgnoreCase(t, "fiscal year ended ");
      if (p == std::string_view::npos) p = FindIgnoreCase(t, "fiscal year ending ");
      if (p != std::string_view::npos) {
        DateValue d = ParseDate(t.substr(p + 18, 24));
        if (d.day == 0) {
          std::string_view tail = t.substr(p + 18, 30);
          for (const DateMention& m : FindDates(tail, DateContext{})) {
            if (m.value.day) { d = m.value; break; }
          }
        }
        if (d.month) {
          seg.cover.fiscal_year_end_month = d.month;
          seg.cover.fiscal_year_end_day = d.day;
        }
      }
    }
    if (seg.cover.dateline.empty() && !seg.blocks[i].table_row && t.size() > 60 &&
        seg.blocks[i].section != Section::kCover) {
      // "CAMBRIDGE, MA, May 3, 2005 - ImmunoGen ..." : an upper-case place,
      // then a date, within the first 90 bytes.
      std::string_view first_word = t.substr(0, t.find(' '));
      while (!first_word.empty() && (first_word.back() == ',' || first_word.back() == '-')) first_word.remove_suffix(1);
      if (IsAllCapsWord(first_word)) {
        for (const DateMention& m : FindDates(t.substr(0, std::min<size_t>(t.size(), 110)), DateContext{})) {
          if (m.value.day != 0 && m.kind == DateKind::kAbsolute) {
            seg.cover.dateline = m.value;
            // Without a cover page, the dateline names the registrant:
            // "BOSTON, MA, July 23, 1997 (GLOBE NEWSWIRE) -- Maron Minerals
            // Corporation (NASDAQ: MARO) today announced ...".
            if (seg.cover.registrant.empty()) seg.cover.registrant = DatelineSubject(t.substr(m.end));
            break;
          }
        }
      }
    }
  }

  // Sentences.
  for (size_t bi = 0; bi < seg.blocks.size(); ++bi) {
    const Block& b = seg.blocks[bi];
    if (b.table_row || b.heading) {
      seg.sentences.push_back({b.text, static_cast<int>(bi), 0});
      continue;
    }
    int k = 0;
    for (std::string_view s : SplitSentences(b.text)) {
      seg.sentences.push_back({s, static_cast<int>(bi), k++});
    }
  }
  return seg;
}

}  // namespace dealgraph
