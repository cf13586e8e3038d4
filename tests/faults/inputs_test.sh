#!/usr/bin/env bash
# Only filings become filings (docs/reliability.md, "Only filings become
# filings"). A folder holding a README, "hello world", a Lorem-ipsum page, a
# header-less 10-K, a seed filing saved as UTF-16 and as UTF-32, a FIFO, a
# socket, a broken link and a link back to the folder:
#   - the README, hello and Lorem files are skipped as "not a filing", the
#     10-K with its form named, each once; the FIFO, socket and links are
#     reported once each (and the FIFO is never opened: no hang);
#   - skipped files are counted apart from failures and do not fail the run;
#   - the UTF-16 and UTF-32 copies read as the seed does (same events);
#   - --forms 10-K takes the 10-K and skips the 8-Ks; --forms '*' takes both.
# Usage: inputs_test.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$here/../cli/checks.sh"

seed="$data/filings/000_005fa54bed851147.txt"
in="$tmp/in"
mkdir "$in"
cp "$here/../../README.md" "$in/README"
echo "hello world" >"$in/hello.txt"
printf '<html><head><title>Lorem</title></head><body><h1>Lorem ipsum</h1><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p></body></html>\n' >"$in/lorem.html"
printf 'UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\nFORM 10-K\n\nANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\n\nAnnual Corp.\n(Exact name of registrant as specified in its charter)\n\nOn June 1, 2021, Annual Corp. entered into a License Agreement with Partner Inc.\n' >"$in/annual.txt"
python3 - "$seed" "$in" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2] + "/wide16.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
# Another text (a mark after the name), so the store keeps both copies.
open(sys.argv[2] + "/wide32.txt", "wb").write(
    b"\x00\x00\xfe\xff" + text.replace("ImmunoGen, Inc.", "ImmunoGen\u00ae, Inc.", 1).encode("utf-32-be"))
PY
mkfifo "$in/pipe.txt"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$in/sock" || fail "no socket made"
ln -s nowhere.txt "$in/broken.txt"
ln -s . "$in/again"

run "ingest the folder" 0 ingest --db "$tmp/a.db" "$in"
once() {  # once FILE WORDS: one diagnostic for FILE, holding WORDS
  local n
  n=$(grep -cF -- "$in/$1: " <<<"$err")
  [ "$n" -eq 1 ] || fail "$1: reported $n times, want once (stderr: ${err:0:600})"
  grep -F -- "$in/$1: " <<<"$err" | grep -qF -- "$2" || fail "$1: diagnostic lacks '$2': $(grep -F -- "$in/$1: " <<<"$err")"
}
once README "skipped, not a filing"
once hello.txt "skipped, not a filing"
once lorem.html "skipped, not a filing"
once annual.txt "skipped, form 10-K is not asked for (--forms 8-K,8-K/A)"
once pipe.txt "skipped, a FIFO"
once sock "skipped, a socket"
once broken.txt "skipped, a broken symbolic link"
once again "skipped, a symbolic link to a folder already read"
grep -qF "wide16.txt" <<<"$err" && fail "the UTF-16 copy was refused: $err"
grep -qF "wide32.txt" <<<"$err" && fail "the UTF-32 copy was refused: $err"
has "ingest the folder" "ingested 2 of 10 files (0 unchanged, 8 skipped, 0 failed)"

run "filings" 0 filings --db "$tmp/a.db" --format jsonl
[ "$(grep -c . <<<"$out")" -eq 2 ] || fail "filings: want the two wide copies, got: $out"
has "filings" '"name":"wide16.txt"'
has "filings" '"name":"wide32.txt"'
lacks "filings" '"name":"README"'
lacks "filings" '"form":"10-K"'

# The UTF-16 copy tells what the seed tells.
run "seed" 0 ingest --db "$tmp/seed.db" "$seed"
events() { "$bin" events --db "$1" --format jsonl | python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    print(e["type"], e["date"], " ".join(sorted(p["id"] for p in e["parties"])))' | sort; }
[ "$(events "$tmp/seed.db")" = "$(events "$tmp/a.db")" ] || fail "the wide copies' events differ from the seed's"
[ -n "$(events "$tmp/seed.db")" ] || fail "the seed has no events"

run "--forms 10-K" 0 ingest --db "$tmp/k.db" --forms 10-K "$in"
once wide16.txt "skipped, form 8-K is not asked for (--forms 10-K)"
run "filings of --forms 10-K" 0 filings --db "$tmp/k.db" --format jsonl
[ "$(grep -c . <<<"$out")" -eq 1 ] && has "filings of --forms 10-K" '"form":"10-K"' ||
  fail "--forms 10-K: want the one 10-K, got: $out"
run "--forms '*'" 0 ingest --db "$tmp/any.db" --forms '*' --json "$in"
python3 -c 'import json,sys; s=json.loads(sys.argv[1]); assert (s["filings_added"], s["skipped"], s["failed"]) == (3, 7, 0), s' "$out" ||
  fail "--forms '*': want 3 added, 7 skipped, 0 failed: $out"

# A file named on the command line that is no filing is skipped too.
run "one README" 0 ingest --db "$tmp/one.db" "$in/README"
err_has "one README" "README: skipped, not a filing (no EDGAR header, no form on its cover)"

# Values validated at the door: a header's CIK that is not 1-10 digits is no
# CIK, and a company renamed in every one of 300 filings (each header giving
# the last name as its former one) keeps at most 256 aliases, with one warning.
mkdir "$tmp/names"
python3 - "$tmp/names" <<'PY'
import sys
for i in range(1, 301):
    cik = "-5" if i == 1 else "0000000042"
    open("%s/f%03d.txt" % (sys.argv[1], i), "w").write(
        "<SEC-DOCUMENT>0009999999-21-%06d.txt : 20210601\n<SEC-HEADER>0009999999-21-%06d.hdr.sgml : 20210601\n"
        "ACCESSION NUMBER:\t0009999999-21-%06d\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t1\n"
        "FILED AS OF DATE:\t20210601\n\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tSHIFTER %d CORP\n"
        "\t\tCENTRAL INDEX KEY:\t%s\n\tFORMER COMPANY:\n\t\tFORMER CONFORMED NAME:\tSHIFTER %d CORP\n"
        "\t\tDATE OF NAME CHANGE:\t20200101\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n"
        "Item 8.01 Other Events.\n\nOn June 1, 2021, the Company announced its new name.\n</TEXT>\n</DOCUMENT>\n"
        "</SEC-DOCUMENT>\n" % (i, i, i, i, cik, i - 1))
PY
run "a company of 300 names" 0 ingest --db "$tmp/names.db" "$tmp/names"
[ "$(grep -c "keeps absorbing names" <<<"$err")" -eq 1 ] || fail "want one warning of a company absorbing names, got: ${err:0:600}"
run "its names" 0 entities --db "$tmp/names.db" --format jsonl
python3 -c '
import json, sys
es = [json.loads(l) for l in sys.argv[1].splitlines()]
big = max(es, key=lambda e: len(e.get("aliases", [])))
assert len(big.get("aliases", [])) == 256 and len(big.get("former_names", [])) <= 256, (len(big.get("aliases", [])), len(big.get("former_names", [])))
assert all(e.get("cik", "0").isdigit() for e in es), [e.get("cik") for e in es if not e.get("cik", "0").isdigit()]
' "$out" || fail "names or CIKs not bounded"
run "check" 0 check --db "$tmp/names.db"

[ "$failures" -eq 0 ] || exit 1
echo "ok: only filings stored; every skipped input named once; names and CIKs bounded"
