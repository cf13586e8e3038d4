#!/usr/bin/env bash
# End-to-end checks of the dealgraph command line on the bundled filings.
# usage: e2e.sh DEALGRAPH_BINARY DATA_DIR
set -uo pipefail
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fails=$((fails + 1)); fi
}
contains() { grep -qF -- "$2" "$1"; }

db="$tmp/g.db"
"$bin" ingest --db "$db" "$data/filings" >"$tmp/ingest1.out" 2>"$tmp/ingest1.err"
check "ingest of the seed filings succeeds" test $? -eq 0
check "ingest summary counts 4 filings" contains "$tmp/ingest1.out" "4 filings"

# Idempotent re-ingest: nothing changes.
"$bin" events --db "$db" --format jsonl | sort >"$tmp/ev1"
"$bin" entities --db "$db" --format jsonl | sort >"$tmp/en1"
"$bin" ingest --db "$db" "$data/filings" >"$tmp/ingest2.out" 2>&1
check "re-ingest reports every filing unchanged" contains "$tmp/ingest2.out" "(4 unchanged, 0 skipped, 0 failed)"
"$bin" events --db "$db" --format jsonl | sort >"$tmp/ev2"
"$bin" entities --db "$db" --format jsonl | sort >"$tmp/en2"
check "re-ingest leaves events identical" cmp -s "$tmp/ev1" "$tmp/ev2"
check "re-ingest leaves entities identical" cmp -s "$tmp/en1" "$tmp/en2"

# The Genentech partner history, oldest first, with sources.
"$bin" history --db "$db" ImmunoGen Genentech >"$tmp/hist" 2>&1
check "history names the 2005-05-03 renewal" grep -q "^2005-05-03  agreement.renewed" "$tmp/hist"
check "history cites the source filing" contains "$tmp/hist" "source 004_95bce008d3f773b5.txt"
first=$(grep -m1 -o '^[0-9-]\{4,10\}' "$tmp/hist")
check "history starts in 2000" test "${first:0:4}" = "2000"
check "history is in date order" bash -c "grep -o '^[0-9-]\{4,10\}' '$tmp/hist' | sort -c"

# "Which agreements did Genentech renew?"
"$bin" agreements --db "$db" --party Genentech --action renewed >"$tmp/ag" 2>&1
check "agreements --action renewed answers with the May 2, 2000 agreement" contains "$tmp/ag" "dated 2000-05-02"
check "... renewed on 2005-05-03" contains "$tmp/ag" "2005-05-03  renewed"
check "... against a \$2,000,000 fee" contains "$tmp/ag" '$2,000,000'
check "... running to 2008" contains "$tmp/ag" "runs to 2008"
"$bin" agreements --db "$db" --party Millennium --action extended >"$tmp/ag2" 2>&1
check "Millennium's extension runs to 2007-03-30" contains "$tmp/ag2" "2007-03-30"

# As of a date: what the filings up to then told.
"$bin" agreements --db "$db" --party Genentech --as-of 2005-06 >"$tmp/asof" 2>&1
check "as of 2005-06 the HER2 license (first told in 2006) is unknown" bash -c "! grep -q 'exclusive license agreement' '$tmp/asof'"
check "as of 2005-06 the technology access agreement is known" contains "$tmp/asof" "technology access agreement"

# Questions in plain words.
"$bin" ask --db "$db" "which agreements did Genentech renew?" >"$tmp/ask1" 2>&1
check "ask: Genentech renewed the agreement dated 2000-05-02" contains "$tmp/ask1" "dated 2000-05-02"
check "ask: ... renewed on 2005-05-03 for \$2,000,000" contains "$tmp/ask1" '2005-05-03  agreement.renewed  $2,000,000'
"$bin" ask --db "$db" "which agreements did Millennium extend" >"$tmp/ask2" 2>&1
check "ask: Millennium's access term runs to 2007-03-30" contains "$tmp/ask2" "2007-03-30"
"$bin" ask --db "$db" "how tall is Genentech" >"$tmp/ask3" 2>&1
check "ask: an unreadable question is refused with the forms understood" test $? -eq 2
check "ask: ... listing them" contains "$tmp/ask3" "which agreements did X"
"$bin" path --db "$db" Vernalis Genentech >"$tmp/path" 2>&1
check "path Vernalis Genentech goes through ImmunoGen" contains "$tmp/path" "-> ImmunoGen"

# The project's own scorer holds the bar on the seeds.
"$bin" eval --db "$db" --gold "$data/gold/seeds.json" --min-events-f1 0.85 --min-entities-f1 0.85 >"$tmp/eval" 2>&1
check "eval on the seeds: events and entities F1 >= 0.85" test $? -eq 0
cat "$tmp/eval"

# Filings nobody tuned the seeds for: HTML, inline XBRL, EDGAR SGML, the .nc feed.
"$bin" ingest --db "$tmp/dev.db" "$data/dev" >"$tmp/dev.out" 2>"$tmp/dev.err"
check "every dev filing ingests without an error" test $? -eq 0 -a ! -s "$tmp/dev.err"
"$bin" eval --db "$tmp/dev.db" --gold "$data/gold/dev.json" --min-events-f1 0.75 --min-entities-f1 0.80 >"$tmp/deval" 2>&1
check "eval on the dev corpus: events F1 >= 0.75, entities F1 >= 0.80" test $? -eq 0
cat "$tmp/deval"

# Real filings of 1994-2023 with gold (data/dev2, data/gold/dev2.json): the bars of issue 22.
"$bin" ingest --db "$tmp/dev2.db" "$data/dev2" >/dev/null 2>"$tmp/dev2.err"
check "every dev2 filing ingests without an error" test $? -eq 0 -a ! -s "$tmp/dev2.err"
"$bin" eval --db "$tmp/dev2.db" --gold "$data/gold/dev2.json" --min-events-f1 0.85 --min-entities-f1 0.90 >"$tmp/d2eval" 2>&1
check "eval on dev2 (real filings): events F1 >= 0.85, entities F1 >= 0.90" test $? -eq 0
cat "$tmp/d2eval"

# Real filings nobody tuned it on (data/real): every Item with a fixed meaning yields its
# event, and eval says so without gold.
"$bin" ingest --db "$tmp/real.db" "$data/real" >/dev/null 2>"$tmp/real.err"
check "every bundled real filing ingests without an error" test $? -eq 0 -a ! -s "$tmp/real.err"
"$bin" eval --db "$tmp/real.db" >"$tmp/reval" 2>&1
check "eval without gold: every fixed-meaning Item of the real filings yields an event, none silent" \
  contains "$tmp/reval" "items:    100.0% of"
check "eval without gold: ... no filing silent" contains "$tmp/reval" "silent filings 0.0%"
cat "$tmp/reval"

# Pictures.
"$bin" export timeline --db "$db" --entity ImmunoGen -o "$tmp/t.svg" 2>/dev/null
check "timeline SVG is written" grep -q "<svg" "$tmp/t.svg"
"$bin" export partners --db "$db" --format dot -o "$tmp/p.dot" 2>/dev/null
check "partner diagram DOT names Genentech" contains "$tmp/p.dot" "Genentech"

# Bad input: one line per bad file, the rest ingested, exit status non-zero.
mkdir -p "$tmp/bad"
: >"$tmp/bad/empty.txt"
head -c 4096 /dev/urandom >"$tmp/bad/binary.txt"
cp "$data/filings/000_005fa54bed851147.txt" "$tmp/bad/good.txt"
"$bin" ingest --db "$tmp/bad.db" "$tmp/bad" "$tmp/missing.txt" >"$tmp/bad.out" 2>"$tmp/bad.err"
status=$?
check "bad input makes the exit status non-zero" test $status -ne 0
check "the empty file is named" contains "$tmp/bad.err" "empty.txt"
check "the binary file is named" contains "$tmp/bad.err" "binary.txt"
check "the missing path is named" contains "$tmp/bad.err" "missing.txt"
check "one line per bad input" test "$(wc -l <"$tmp/bad.err")" -eq 3
check "the good file is still ingested" contains "$tmp/bad.out" "ingested 1 of 4 files"

# Usage errors.
"$bin" history --db "$db" "No Such Company Anywhere" >/dev/null 2>"$tmp/nf"
check "an unknown entity is a clear error" contains "$tmp/nf" "no entity matches"
"$bin" events --db "$db" --from 2005-13-99x >/dev/null 2>&1
check "a malformed date is a usage error" test $? -eq 2

echo "$fails failed"
exit $((fails > 0))
