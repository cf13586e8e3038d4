#!/usr/bin/env bash
# End-to-end ingest throughput: times a plain read of the corpus (cat to
# /dev/null), `ingest --jobs 1` (free to run RocksDB's background threads on
# another core, and pinned to one core), and `ingest --jobs 2` over the same
# files, RUNS times each (interleaved, so load from other processes spreads
# over all of them), and prints the median and range of each in MB/s, the CPU time
# of each ingest, its peak RSS, and the store's size per event.
#
# usage: bench/ingest_bench.sh [BINARY] [CORPUS] [RUNS]
#   CORPUS  gen:N[:SEED[:MIX]]  N filings written by dealgraph-gen (next to
#                         BINARY) with SEED (default 7) and MIX (full, the
#                         default: filings at their real lengths; lean: the
#                         facts alone, as in versions 0.1-0.11) -- distinct filings
#           dir:PATH      an existing folder of filings (e.g. a generated
#                         2 GiB corpus: dealgraph-gen --count 120000 ...)
#           COPIES        (a number; the old default, 150) copies of the 16
#                         bundled filings, each made distinct (a marker
#                         appended, SGML accession numbers renumbered).
#                         Entity records then gather thousands of sources,
#                         which no real corpus does.
#   RUNS    timed runs of each command (default 3)
# Environment: JOBS2=0 skips the two-job runs; KEEP=DIR keeps the last
# one-job store in DIR.
set -euo pipefail
bin=${1:-build/dealgraph}
corpus_spec=${2:-150}
runs=${3:-3}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
data=$(cd "$(dirname "$0")/../data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$corpus_spec" in
  gen:*)
    IFS=: read -r count seed mix <<<"${corpus_spec#gen:}"
    seed=${seed:-7}
    mix=${mix:-full}
    "$(dirname "$bin")/dealgraph-gen" --count "$count" --seed "$seed" --mix "$mix" --out "$work/corpus" \
      --gold "$work/gold.json" 2>/dev/null
    corpus="$work/corpus"
    label="dealgraph-gen --count $count --seed $seed --mix $mix"
    ;;
  dir:*)
    corpus=${corpus_spec#dir:}
    label="folder $corpus"
    ;;
  *)
    copies=$corpus_spec
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
    corpus="$work/corpus"
    label="$copies copies of the bundled filings"
    ;;
esac

python3 - "$bin" "$corpus" "$work" "$runs" "$label" "${JOBS2:-1}" "${KEEP:-}" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
binary, corpus, work, runs, label, jobs2, keep = sys.argv[1:8]
runs = int(runs)
files = []
for root, _, names in os.walk(corpus):
    files += [os.path.join(root, n) for n in names]
files.sort()
nbytes = sum(os.path.getsize(f) for f in files)
mb = nbytes / 1e6

def timed(cmd, **kw):
    """Wall seconds, CPU seconds (user+sys) and peak RSS (KiB) of one child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, **kw)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss

def cat():
    # xargs keeps the argument list short on a 100,000-file corpus.
    listing = os.path.join(work, "files.lst")
    if not os.path.exists(listing):
        with open(listing, "w") as f:
            f.write("\0".join(files))
    return timed(["sh", "-c", f"xargs -0 cat < '{listing}' > /dev/null"])

# --jobs 1 still has RocksDB's flush and compaction threads, which run on
# another core when there is one; pinned, everything shares one core: the
# one-core figure.
cpus = sorted(os.sched_getaffinity(0))
one_core = {cpus[0]} if len(cpus) > 1 else None

def ingest(jobs, pin=None):
    db = os.path.join(work, f"j{jobs}.db")
    shutil.rmtree(db, ignore_errors=True)
    pre = (lambda: os.sched_setaffinity(0, pin)) if pin else None
    with open(os.devnull, "w") as devnull:
        r = timed([binary, "ingest", "--db", db, "--jobs", str(jobs), corpus], stdout=devnull, stderr=devnull,
                  preexec_fn=pre)
    return r

results = {"cat": [], "ingest --jobs 1": [], "  on one core": [], "ingest --jobs 2": []}
cat()  # warms the page cache: every run reads from memory
for _ in range(runs):
    results["cat"].append(cat())
    if one_core:
        results["  on one core"].append(ingest(1, one_core))
    if jobs2 != "0":
        results["ingest --jobs 2"].append(ingest(2))
    results["ingest --jobs 1"].append(ingest(1))  # last: its store is measured below

load = open("/proc/loadavg").read().split()[:3]
print(f"corpus: {label}: {mb:.1f} MB, {len(files)} files; {runs} runs each; load average {' '.join(load)}")
print(f"{'command':16s} {'median MB/s':>11s} {'range MB/s':>15s} {'CPU MB/s':>9s} {'peak RSS':>9s}")
med = {}
for name, rs in results.items():
    if not rs:
        continue
    speeds = sorted(mb / w for w, _, _ in rs)
    med[name] = statistics.median(speeds)
    cpu = statistics.median(mb / c for _, c, _ in rs if c > 0) if name != "cat" else float("nan")
    rss = max(r for _, _, r in rs) / 1024
    print(f"{name:16s} {med[name]:11.1f} {speeds[0]:7.1f}-{speeds[-1]:<7.1f} {cpu:9.1f} {rss:7.0f} MB")
j1 = med["ingest --jobs 1"]
if "ingest --jobs 2" in med:
    print(f"jobs-2 / jobs-1 speed-up (medians): {med['ingest --jobs 2'] / j1:.2f}x", end="")
    if "  on one core" in med:
        print(f"; against --jobs 1 on one core: {med['ingest --jobs 2'] / med['  on one core']:.2f}x", end="")
    print()
print(f"ingest --jobs 1 time / cat time (medians): {med['cat'] / j1:.1f}")
db = os.path.join(work, "j1.db")
events = subprocess.run([binary, "events", "--db", db, "--format", "jsonl"], capture_output=True).stdout.count(b"\n")
store = sum(os.path.getsize(os.path.join(r, n)) for r, _, ns in os.walk(db) for n in ns)
sst = sum(os.path.getsize(os.path.join(r, n)) for r, _, ns in os.walk(db) for n in ns if n.endswith(".sst"))
print(f"store: {store / 1e6:.1f} MB on disk ({sst / 1e6:.1f} MB in SST files) for {events} events: "
      f"{store / max(events, 1):.0f} bytes/event")
if keep:
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(db, keep)
PY
