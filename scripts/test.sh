#!/usr/bin/env bash
# Quick start, step 2: install, build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh" --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEALGRAPH_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
# The report test drives a headless chromium; here its absence is a failure, not a skip.
export DEALGRAPH_REQUIRE_CHROMIUM=1
ctest --test-dir build --output-on-failure -j"$(nproc)"
