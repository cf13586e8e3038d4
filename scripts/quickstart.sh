#!/usr/bin/env bash
# Quick start, step 1: install what dealgraph needs (Debian 12), build it and
# put it on the PATH, ingest the bundled filings into the default store, print the Genentech
# partner history and write a timeline SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDEALGRAPH_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target dealgraph dealgraph-gen
# dealgraph and dealgraph-gen on the PATH (/usr/local/bin), as every example calls them.
cmake --install build >/dev/null
./build/dealgraph ingest data/filings
./build/dealgraph history ImmunoGen Genentech
./build/dealgraph agreements --party Genentech --action renewed
./build/dealgraph export timeline --entity ImmunoGen -o timeline.svg
echo "timeline written to $(pwd)/timeline.svg"
