#!/usr/bin/env bash
# End-to-end ingest throughput: builds a corpus of COPIES copies of the
# bundled filings (each copy made distinct: a unique marker appended, SGML
# accession numbers renumbered), then times a plain read (cat), ingest with
# one job and ingest with two jobs. Prints MB/s for each.
# usage: bench/ingest_bench.sh [BINARY] [COPIES]
set -euo pipefail
bin=${1:-build/dealgraph}
copies=${2:-150}
data=$(cd "$(dirname "$0")/../data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$data" "$work/corpus" "$copies" <<'PY'
import os, re, sys
data, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
files = [os.path.join(data, "filings", f) for f in sorted(os.listdir(os.path.join(data, "filings")))]
files += [os.path.join(data, "dev", f) for f in sorted(os.listdir(os.path.join(data, "dev"))) if not f.endswith(".tsv")]
for i in range(copies):
    for f in files:
        b = open(f, "rb").read()
        b = re.sub(rb"(ACCESSION[ -]NUMBER>?:?\s*)(\d{10})-(\d{2})-(\d{6})",
                   lambda m: m.group(1) + b"%010d-%s-%06d" % (int(m.group(2)) + i + 1, m.group(3), int(m.group(4))), b)
        open(os.path.join(out, "%04d_%s" % (i, os.path.basename(f))), "wb").write(b + b"\n<!-- copy %d -->\n" % i)
PY
bytes=$(du -sb "$work/corpus" | cut -f1)
mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
cat_s=$(t sh -c "cat '$work'/corpus/* >/dev/null")
j1_s=$(t "$bin" ingest --db "$work/j1.db" --jobs 1 "$work/corpus")
j2_s=$(t "$bin" ingest --db "$work/j2.db" --jobs 2 "$work/corpus")
events=$("$bin" events --db "$work/j1.db" --format jsonl | wc -l)
store=$(du -sb "$work/j1.db" | cut -f1)
python3 - <<PY
mb = $mb
for name, s in (("cat", $cat_s), ("ingest --jobs 1", $j1_s), ("ingest --jobs 2", $j2_s)):
    print(f"{name:16s} {s:7.2f} s  {mb / s:8.1f} MB/s")
print(f"corpus {mb} MB, $(ls "$work/corpus" | wc -l) files; jobs-2 speed-up {$j1_s / $j2_s:.2f}x; ingest/cat ratio {$j1_s / $cat_s:.1f}")
print(f"store {$store / 1e6:.1f} MB for $events events")
PY
