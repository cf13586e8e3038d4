#!/usr/bin/env python3
"""Writes a corpus of hostile and broken filings for dealgraph's ingest.

    scripts/hostile-corpus.py DATA_DIR OUT_DIR [--seed N] [--big-mb MB] [--variants N]

DATA_DIR is the repository's data/ folder (the bundled filings are the raw
material). OUT_DIR gets one file per case plus MANIFEST.tsv with three
columns: the file (relative to OUT_DIR), what ingest must do with it, and a
note. Expectations:

    ok              stored (or "unchanged" when an identical filing came first)
    refuse:WORDS    refused with a one-line diagnostic containing WORDS
    any             stored or refused, but never a crash, a hang or two lines

Everything is deterministic for a given --seed. Nothing here is a test by
itself: tests/ingest/hostile_test.sh runs ingest over the corpus and holds
dealgraph to the manifest.
"""
import argparse
import gzip
import os
import random
import sys
import zlib


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, out):
        self.out = out
        self.rows = []

    def write(self, name, data, expect, note):
        path = os.path.join(self.out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.rows.append((name, expect, note))
        return path

    def manifest(self):
        with open(os.path.join(self.out, "MANIFEST.tsv"), "w") as f:
            f.write("file\texpect\tnote\n")
            for r in self.rows:
                f.write("\t".join(r) + "\n")


def sgml(accession, form, filed, filer, cik, documents, extra_header=b""):
    """An EDGAR full submission with the given (type, body) documents."""
    head = (
        b"<SEC-DOCUMENT>" + accession + b".txt : " + filed + b"\n"
        b"<SEC-HEADER>" + accession + b".hdr.sgml : " + filed + b"\n"
        b"ACCESSION NUMBER:\t\t" + accession + b"\n"
        b"CONFORMED SUBMISSION TYPE:\t" + form + b"\n"
        b"PUBLIC DOCUMENT COUNT:\t\t" + str(len(documents)).encode() + b"\n"
        b"FILED AS OF DATE:\t\t" + filed + b"\n\n"
        b"FILER:\n\n\tCOMPANY DATA:\t\n"
        b"\t\tCOMPANY CONFORMED NAME:\t\t\t" + filer + b"\n"
        b"\t\tCENTRAL INDEX KEY:\t\t\t" + cik + b"\n" + extra_header +
        b"</SEC-HEADER>\n")
    body = b""
    for i, (dtype, text) in enumerate(documents, 1):
        body += (b"<DOCUMENT>\n<TYPE>" + dtype + b"\n<SEQUENCE>" + str(i).encode() +
                 b"\n<FILENAME>doc" + str(i).encode() + b".txt\n<TEXT>\n" + text +
                 b"\n</TEXT>\n</DOCUMENT>\n")
    return head + body + b"</SEC-DOCUMENT>\n"


def uuencoded(rng, size):
    """A uuencoded binary attachment of about `size` bytes."""
    lines = [b"begin 644 image.jpg"]
    line = bytes(rng.randrange(32, 96) for _ in range(60))
    n = max(1, size // 62)
    # One random line repeated keeps generation fast at 200 MB.
    lines.extend([b"M" + line] * n)
    lines.append(b"end")
    return b"\n".join(lines)


def press_release(company, partner, amount):
    return (
        b"FORM 8-K\n\nCURRENT REPORT\n\n"
        b"Date of Report (Date of earliest event reported): June 2, 2021\n\n" + company +
        b"\n(Exact name of registrant as specified in its charter)\n\n"
        b"Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        b"On June 1, 2021, " + company + b" (the \"Company\") entered into a Collaboration "
        b"Agreement with " + partner + b", under which " + partner +
        b" will pay the Company an upfront payment of " + amount + b".\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big-mb", type=int, default=200, help="size of the oversized submission (MB)")
    ap.add_argument("--variants", type=int, default=40, help="truncated / byte-flipped copies of real filings")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out_dir, exist_ok=True)
    c = Corpus(a.out_dir)

    seeds = sorted(os.path.join(a.data_dir, "filings", f) for f in os.listdir(os.path.join(a.data_dir, "filings")))
    dev = sorted(os.path.join(a.data_dir, "dev", f) for f in os.listdir(os.path.join(a.data_dir, "dev"))
                 if not f.endswith(".tsv"))
    seed_text = read(seeds[-1])
    sgml_real = read([d for d in dev if d.endswith("12_apple_q1fy24_results_8k.txt")][0])
    html_real = read([d for d in dev if d.endswith("10_waterbridge_director_appointment_8k.html")][0])

    # --- empty, blank, binary
    c.write("empty.txt", b"", "refuse:empty", "zero bytes")
    c.write("blank.txt", b"\n \n\t\r\n" * 50, "refuse:empty", "only white space")
    for i in range(4):
        c.write("random_%d.txt" % i, bytes(rng.randrange(256) for _ in range(rng.randrange(100, 20000))),
                "refuse:binary", "random bytes")
    c.write("elf.bin.txt", b"\x7fELF\x02\x01\x01" + bytes(4000), "refuse:binary", "an executable")
    c.write("png.htm", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000)), "refuse:binary",
            "an image named .htm")
    c.write("utf16.txt", seed_text.decode("utf-8", "replace").encode("utf-16"), "any",
            "UTF-16 with BOM (not a form EDGAR uses)")

    # --- truncated SGML
    head_end = sgml_real.index(b"</SEC-HEADER>")
    c.write("truncated_in_header.txt", sgml_real[:head_end // 2], "refuse:truncated",
            "cut inside <SEC-HEADER>")
    c.write("truncated_after_header.txt", sgml_real[:head_end + 14], "refuse:truncated",
            "header, no documents")
    first_doc = sgml_real.index(b"<DOCUMENT>")
    c.write("truncated_in_document.txt", sgml_real[:first_doc + 4000], "refuse:truncated",
            "cut inside the first <DOCUMENT>")

    # --- HTML without a body or text
    c.write("html_no_body.htm", b"<html><head><title>8-K</title></head></html>", "refuse:without text",
            "HTML with no body")
    c.write("html_only_script.htm",
            b"<html><body><script>document.write('Item 1.01 ' + 'x'.repeat(10))</script>"
            b"<style>p{color:red}</style></body></html>", "refuse:without text", "only script and style")
    depth = 100000
    c.write("deep_nested_divs.htm",
            b"<html><body>" + b"<div>" * depth +
            b"On June 1, 2021, Nested Corp. entered into a License Agreement with Deep Pharma Inc." +
            b"</div>" * depth + b"</body></html>", "any", "%d nested <div>s" % depth)
    c.write("deep_nested_unclosed.htm", b"<html><body>" + b"<table><tr><td><span><b>" * 40000 + b"text",
            "any", "40,000 levels of unclosed table/span/b")
    c.write("html_entities.htm",
            b"<html><body><p>" + b"&#x110000;&#0;&#xD800;&amp;&nbsp;&lt;script&gt;&#8212;&bogus;" * 200 +
            b"</p></body></html>", "any", "invalid and odd character references")

    # --- size
    big = a.big_mb * 1000 * 1000
    c.write("big_submission.txt",
            sgml(b"0009999999-21-000200", b"8-K", b"20210602", b"BIG ATTACHMENT CORP", b"0009999999",
                 [(b"8-K", press_release(b"Big Attachment Corp.", b"Huge Partner Inc.", b"$12,000,000")),
                  (b"GRAPHIC", uuencoded(rng, big))]),
            "ok", "%d MB submission: a short 8-K and a uuencoded image" % a.big_mb)
    c.write("long_token.txt", press_release(b"Token Corp.", b"Partner Inc.", b"$1,000,000") +
            b"\n" + b"A" * 3_000_000 + b"\n", "ok", "a 3 MB word")
    c.write("long_line.txt", press_release(b"Line Corp.", b"Partner Inc.", b"$1,000,000").replace(b"\n", b" ") +
            b" word" * 400000, "ok", "one 2 MB line, no newline")

    # --- gzip
    c.write("good.txt.gz", gzip.compress(seed_text, mtime=0), "ok", "gzip of a seed filing")
    gz = gzip.compress(read(seeds[0]), mtime=0)
    c.write("truncated.txt.gz", gz[: len(gz) // 2], "refuse:gzip", "gzip cut in half")
    c.write("corrupt.txt.gz", gz[:20] + bytes(rng.randrange(256) for _ in range(500)), "refuse:gzip",
            "gzip header, garbage deflate stream")
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    data = b"".join(bomb.compress(chunk) for _ in range(1100)) + bomb.flush()
    c.write("bomb.txt.gz", data, "refuse:expands", "1.1 GB of zeros in %d KB" % (len(data) // 1024))

    # --- forms
    c.write("form_10q.txt",
            sgml(b"0009999999-21-000301", b"10-Q", b"20210801", b"QUARTERLY CORP", b"0009999998",
                 [(b"10-Q", b"Quarterly report text. Item 2. Management's Discussion.")]),
            "refuse:form 10-Q is not asked for", "a 10-Q")
    c.write("form_10k_cover.txt",
            b"UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\nFORM 10-K\n\n"
            b"ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\n\n"
            b"Annual Corp.\n(Exact name of registrant as specified in its charter)\n\n"
            b"On June 1, 2021, Annual Corp. entered into a License Agreement with Partner Inc.\n",
            "refuse:form 10-K is not asked for", "a 10-K without a header: its cover names the form")
    c.write("README", b"# A project\n\nThis tool turns SEC Form 8-K filings into a graph.\n"
            b"Run `make` to build it. Current reports are read by their Items.\n",
            "refuse:not a filing", "a README that speaks of 8-Ks")
    c.write("hello.txt", b"hello world\n", "refuse:not a filing", "two words")
    c.write("lorem.html", b"<html><head><title>Lorem</title></head><body><h1>Lorem ipsum</h1>"
            b"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p></body></html>",
            "refuse:not a filing", "a Lorem-ipsum web page")
    text = seed_text.decode("utf-8")
    c.write("utf16le.txt", b"\xff\xfe" + text.encode("utf-16-le"), "ok", "a seed filing in UTF-16 LE with a BOM")
    c.write("utf16be.txt", b"\xfe\xff" + text.replace("ImmunoGen", "ImmunoGen\u00ae").encode("utf-16-be"), "ok",
            "a seed filing in UTF-16 BE with a BOM")
    c.write("utf32le.txt", b"\xff\xfe\x00\x00" + text.replace("ImmunoGen", "ImmunoGen\u2122").encode("utf-32-le"),
            "ok", "a seed filing in UTF-32 LE with a BOM")
    c.write("amendment_8ka.txt", read(os.path.join(a.data_dir, "fixtures", "amendment_8ka.txt")), "ok",
            "an 8-K/A")
    c.write("original_8k.txt", read(os.path.join(a.data_dir, "fixtures", "original_8k.txt")), "ok",
            "the 8-K that amendment_8ka.txt amends")

    # --- encodings
    latin1 = press_release(b"Soci\xe9t\xe9 G\xe9n\xe9rale Biotech S.A.", b"M\xfcller Pharma AG",
                           b"\x8010,000,000")
    c.write("cp1252.txt", latin1.replace(b"\"", b"\x93", 1).replace(b"\"", b"\x94", 1), "ok",
            "Windows-1252 bytes")
    c.write("invalid_utf8.txt", press_release(b"Bad \xc3\x28 Bytes Inc.", b"Over\xf8\x88\x80\x80\x80long Corp.",
                                              b"$5,000,000") + b"\xed\xa0\x80 surrogate\n", "ok",
            "invalid UTF-8 sequences")
    c.write("crlf.txt", seed_text.replace(b"\n", b"\r\n"), "ok", "CRLF line ends")
    c.write("nul_bytes.txt", press_release(b"Nul Corp.", b"Zero Inc.", b"$1,000,000").replace(b" ", b"\0", 3),
            "any", "NUL bytes in text")

    # --- hostile names and numbers
    c.write("hostile_names.txt",
            press_release(b"Quote \"Evil\" <script>alert(1)</script> & Back\\slash, Inc.",
                          b"Ctrl\x01\x07\x1b[31mRed Corp.", b"$999,999,999,999,999,999,999,999") +
            b"\nOn June 3, 2021, the Company received a milestone payment of $18446744073709551616 million "
            b"from Ctrl Red Corp.\n", "ok", "quotes, <script>, control bytes, huge amounts")
    c.write("sgml_nested.txt",
            sgml(b"0009999999-21-000400", b"8-K", b"20210602", b"NEST <TEXT> CORP", b"0009999997",
                 [(b"8-K", b"<DOCUMENT>\n<TEXT>\n" * 500 + press_release(b"Nest Corp.", b"Inner Inc.", b"$2"))]),
            "any", "DOCUMENT/TEXT tags nested inside a document")

    # --- duplicates and links
    c.write("dup/first.txt", seed_text, "ok", "a seed filing")
    c.write("dup/second_copy.txt", seed_text, "ok", "the same bytes again: unchanged")
    os.symlink("..", os.path.join(a.out_dir, "dup", "loop"))
    c.rows.append(("dup/loop", "skip", "symlink to its parent: must not loop"))

    # --- unreadable (root reads it anyway)
    p = c.write("unreadable.txt", seed_text.replace(b"ImmunoGen", b"Unreadable"),
                "refuse:permission" if os.geteuid() != 0 else "ok", "mode 000")
    os.chmod(p, 0)

    # --- truncated and byte-flipped copies of every bundled filing
    sources = seeds + dev
    for i in range(a.variants):
        src = read(sources[i % len(sources)])
        base = os.path.basename(sources[i % len(sources)])
        if i % 2 == 0:
            cut = rng.randrange(1, len(src))
            c.write("variants/cut_%02d_%s" % (i, base), src[:cut], "any", "truncated at byte %d" % cut)
        else:
            b = bytearray(src)
            for _ in range(rng.randrange(1, 200)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            c.write("variants/flip_%02d_%s" % (i, base), bytes(b), "any", "random bytes flipped")

    c.manifest()
    print("wrote %d cases to %s" % (len(c.rows), a.out_dir))


if __name__ == "__main__":
    sys.exit(main())
