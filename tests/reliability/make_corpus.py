#!/usr/bin/env python3
"""Writes COPIES distinct copies of every bundled filing (DATA_DIR/filings,
DATA_DIR/dev) into OUT, for the reliability tests: each copy gets its own
filing id, so the store holds them all and merges their facts.

- EDGAR submissions (an accession number in the header): the accession
  number is rewritten (99999CCCCC-YY-SSSSSS), so the id changes;
- HTML: a paragraph "Copy N." goes before </body>;
- plain text: a last line "Copy N." is appended.
The text-based ids (sha:...) then differ since the text does.

Usage: make_corpus.py DATA_DIR OUT COPIES
"""
import os
import re
import sys

data, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
accession = re.compile(rb"(ACCESSION NUMBER:\s*|<ACCESSION-NUMBER>)(\d{10}-\d{2}-\d{6})")
n = 0
for sub in ("filings", "dev"):
    folder = os.path.join(data, sub)
    for name in sorted(os.listdir(folder)):
        if name == "MANIFEST.tsv":
            continue
        raw = open(os.path.join(folder, name), "rb").read()
        stem, ext = os.path.splitext(name)
        m = accession.search(raw)
        for c in range(copies):
            if m:
                old = m.group(2)
                new = b"99999%05d-%02d-%06d" % (n, c % 100, c)
                body = raw.replace(old, new)
            elif ext.lower() in (".htm", ".html"):
                para = b"<p>Copy %d of this report.</p>" % c
                at = raw.lower().rfind(b"</body>")
                body = raw[:at] + para + raw[at:] if at >= 0 else raw + para
            else:
                body = raw + b"\n\nCopy %d of this report.\n" % c
            with open(os.path.join(out, "%s_copy%03d%s" % (stem, c, ext)), "wb") as f:
                f.write(body)
        n += 1
print("%d filings in %s" % (n * copies, out))
