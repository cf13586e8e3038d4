#!/usr/bin/env bash
# The same filing given as an EDGAR SGML submission (.txt), as the primary
# HTML document (.htm) and as plain text yields the same events.
#
# For each seed (plain text, as the seeds come) the test writes the HTML a
# filer's software would produce from it (paragraphs, list items, tab-separated
# cells as table rows, character references) and the full submission that
# wraps it (SEC header + <DOCUMENT>). For each of several dev filings (HTML, as
# they come) it writes the submission and a plain-text rendering made by a
# converter independent of dealgraph's (Python's html.parser). Each form goes
# into its own store; the events (type, date, parties, amount, agreement) of
# the three stores must be identical.
# Usage: formats_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $tmp" >&2
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$tmp/text" "$tmp/html" "$tmp/sgml"
python3 - "$data" "$tmp" <<'EOF' || fail "could not write the three forms"
import html, html.parser, os, re, sys
data, out = sys.argv[1:]

def sgml(acc, body, filename):
    return ("<SEC-DOCUMENT>%s.txt : 20200101\n<SEC-HEADER>%s.hdr.sgml : 20200101\n"
            "ACCESSION NUMBER:\t\t%s\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t1\n"
            "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>%s\n<DESCRIPTION>8-K\n<TEXT>\n%s\n"
            "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n" % (acc, acc, acc, filename, body))

def text_to_html(text):
    # The seeds are a markdown-ish rendering: "\$" escapes, *emphasis*,
    # "- " list items, tab-separated table rows.
    parts, rows, items = [], [], []
    def flush():
        if rows:
            parts.append("<table>" + "".join("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in r) + "</tr>"
                                             for r in rows) + "</table>")
            rows.clear()
        if items:
            parts.append("<ul>" + "".join("<li>%s</li>" % html.escape(i) for i in items) + "</ul>")
            items.clear()
    for line in text.split("\n"):
        line = line.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
        line = re.sub(r"\*([^*\n]+)\*", r"\1", line)
        if not line.strip():
            flush()
        elif "\t" in line:
            if items: flush()
            rows.append(line.split("\t"))
        elif line.startswith("- "):
            if rows: flush()
            items.append(line[2:])
        else:
            flush()
            # Non-ASCII as numeric references, as filer software writes them.
            parts.append("<p>%s</p>" % html.escape(line).encode("ascii", "xmlcharrefreplace").decode())
    flush()
    return "<html><head><title>8-K</title></head><body>\n%s\n</body></html>" % "\n".join(parts)

class Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre",
             "title", "center", "blockquote", "hr"}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.row = [], 0, None
    # Inside a table cell, block elements are spaces: a row stays one line.
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"): self.skip += 1
        if tag in ("td", "th"):
            self.cell = getattr(self, "cell", 0) + 1
            if self.out and not self.out[-1].endswith("\n"): self.out.append("\t")
        elif tag == "tr":
            self.cell = 0
            self.out.append("\n")
        elif tag in self.BLOCK:
            # style="display:inline" makes a div an inline box, as in a browser.
            inline = "display:inline" in (dict(attrs).get("style") or "").replace(" ", "")
            self.stack = getattr(self, "stack", []) + [(tag, inline)]
            if not inline:
                self.out.append(" " if getattr(self, "cell", 0) else "\n")
    def handle_endtag(self, tag):
        stack = getattr(self, "stack", [])
        inline = False
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == tag:
                inline = stack[i][1]
                del stack[i:]
                break
        if inline:
            return
        if tag in ("script", "style", "head"): self.skip = max(0, self.skip - 1)
        if tag in ("td", "th"):
            self.cell = max(0, getattr(self, "cell", 0) - 1)
        elif tag in ("tr", "table"):
            self.cell = 0
            self.out.append("\n")
        elif tag in self.BLOCK:
            self.out.append(" " if getattr(self, "cell", 0) else "\n")
    def handle_data(self, d):
        if self.skip: return
        d = re.sub(r"[ \r\n\u00a0]+", " ", d)
        if "display:none" in d: return
        self.out.append(d)
    def text(self):
        lines = [re.sub(r" *\t *", "\t", l).strip(" ") for l in "".join(self.out).split("\n")]
        return "\n\n".join(l for l in lines if l.strip())

def html_to_text(h):
    # Inline XBRL's hidden header is not part of what a reader sees.
    h = re.sub(r"(?is)<ix:header>.*?</ix:header>", "", h)
    p = Text()
    p.feed(h)
    return p.text()

n = 0
for f in sorted(os.listdir(os.path.join(data, "filings"))):
    text = open(os.path.join(data, "filings", f), encoding="utf-8").read()
    stem = os.path.splitext(f)[0]
    h = text_to_html(text)
    open(os.path.join(out, "text", stem + ".txt"), "w").write(text)
    open(os.path.join(out, "html", stem + ".htm"), "w").write(h)
    open(os.path.join(out, "sgml", stem + ".txt"), "w").write(sgml("0000000000-20-%06d" % n, h, stem + ".htm"))
    n += 1
for f in ("01_biogen_reata_merger_8k.html", "06_nordstrom_exec_comp_8k.html", "08_nexpoint_capital_nav_8k.html",
          "10_waterbridge_director_appointment_8k.html"):
    h = open(os.path.join(data, "dev", f), encoding="utf-8", errors="replace").read()
    stem = os.path.splitext(f)[0]
    open(os.path.join(out, "html", stem + ".htm"), "w").write(h)
    open(os.path.join(out, "text", stem + ".txt"), "w").write(html_to_text(h))
    open(os.path.join(out, "sgml", stem + ".txt"), "w").write(sgml("0000000000-20-%06d" % n, h, stem + ".htm"))
    n += 1
EOF

for form in text html sgml; do
  "$bin" ingest --db "$tmp/$form.db" "$tmp/$form" >/dev/null 2>"$tmp/$form.err" || fail "ingest of the $form forms: $(cat "$tmp/$form.err")"
  "$bin" events --db "$tmp/$form.db" --format jsonl >"$tmp/$form.jsonl" || fail "events ($form)"
done

python3 - "$tmp" <<'EOF'
import json, sys
t = sys.argv[1]
def events(form):
    out = set()
    for line in open("%s/%s.jsonl" % (t, form)):
        e = json.loads(line)
        amount = e.get("amount") or {}
        out.add((e["type"], e.get("date", ""), tuple(sorted(p["id"] for p in e.get("parties", []))),
                 amount.get("value"), amount.get("currency"), (e.get("agreement") or {}).get("id", "")))
    return out
text, html, sgml = events("text"), events("html"), events("sgml")
ok = True
for name, other in (("html", html), ("sgml", sgml)):
    if other != text:
        ok = False
        print("FAIL: %s form differs from the text form" % name, file=sys.stderr)
        for e in sorted(text - other): print("  only in text: %s" % (e,), file=sys.stderr)
        for e in sorted(other - text): print("  only in %s: %s" % (name, e), file=sys.stderr)
if not text:
    ok = False
    print("FAIL: no events at all", file=sys.stderr)
print("%d events, the same from text, HTML and SGML" % len(text))
sys.exit(0 if ok else 1)
EOF
