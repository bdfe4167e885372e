#!/usr/bin/env bash
# Builds the Markdown fuzz target with clang + libFuzzer + ASan/UBSan and
# runs it for SECONDS (default 60), with a per-input timeout that turns a
# quadratic blow-up into a failure. Needs clang-14 and libclang-rt-14-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
command -v clang++-14 >/dev/null || apt-get install -y -qq clang-14 libclang-rt-14-dev >/dev/null
out=build/fuzz
mkdir -p "$out/corpus"
cp -n data/demo/articles/*.md "$out/corpus/" 2>/dev/null || true
clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc \
  tests/fuzz/markdown_fuzz.cc src/content/markdown.cc src/core/text.cc \
  $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions -o "$out/markdown_fuzz"
"$out/markdown_fuzz" -max_total_time="$secs" -timeout=5 -max_len=262144 -rss_limit_mb=2048 \
  "$out/corpus"
