#!/usr/bin/env bash
# Issue 15's figures: publish → visible on other nodes, and cached-page
# throughput through nginx with one and three nodes beside nginx serving
# the page as a file. Starts its own PostgreSQL (tests/pg/with-postgres.sh).
#   N=50 ROUNDS=3 DURATION=5s C=64 bench/cluster_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PROCURA_BIN=${PROCURA_BIN:-$PWD/build/procura}
exec tests/pg/with-postgres.sh node bench/cluster_bench.mjs
