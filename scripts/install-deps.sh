#!/usr/bin/env bash
# Installs dealgraph's build and run dependencies from Debian 12 packages.
set -euo pipefail
pkgs=(build-essential cmake pkg-config librocksdb-dev libboost-graph-dev libgraphviz-dev graphviz
      libcli11-dev catch2 libxml2-dev zlib1g-dev nlohmann-json3-dev libbenchmark-dev libjemalloc-dev python3)
# The test suite also needs: clang with its sanitizer and libFuzzer runtimes
# (scripts/sanitize.sh) and chromium (the HTML report is checked in a headless browser).
if [ "${1:-}" = "--test" ]; then
  pkgs+=(clang libclang-rt-14-dev chromium)
fi
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
