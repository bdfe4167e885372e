#!/usr/bin/env bash
# Builds procura's libFuzzer targets (clang-14, ASan + UBSan) and runs them.
#   tests/fuzz/run.sh --runs N       each target for N inputs (make test: a smoke run)
#   tests/fuzz/run.sh SECONDS        each target for SECONDS (make fuzz SECONDS=N)
#   tests/fuzz/run.sh ... TARGET...  only the named targets
# Seeds are checked in under tests/fuzz/corpus/<target>/; the growing corpus
# and any crash files go to build/fuzz/. A crash, leak, sanitizer report or
# an input slower than -timeout fails the run (exit non-zero).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=time; amount=60
if [[ "${1:-}" == "--runs" ]]; then mode=runs; amount=$2; shift 2
elif [[ -n "${1:-}" && "$1" =~ ^[0-9]+$ ]]; then amount=$1; shift; fi
command -v clang++-14 >/dev/null || apt-get install -y -qq clang-14 libclang-rt-14-dev >/dev/null

out=build/fuzz
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -Isrc -DBOOST_ASIO_NO_DEPRECATED -Wno-deprecated-declarations)
core=(src/core/text.cc src/core/clock.cc src/core/status.cc)
declare -A srcs libs
srcs[markdown]="src/content/markdown.cc src/content/markdown_budget.cc"
libs[markdown]="$(pkg-config --libs libcmark-gfm) -lcmark-gfm-extensions -lfmt"
srcs[http_request]="src/http/request_head.cc src/http/forms.cc src/http/message.cc"
libs[http_request]="-lfmt"
srcs[multipart]="src/http/multipart.cc src/http/message.cc"
libs[multipart]="-lfmt"
srcs[csv]="src/tabular/csv.cc"
libs[csv]="-lfmt"
srcs[xlsx]="src/tabular/xlsx_reader.cc"
libs[xlsx]="$(pkg-config --libs minizip expat) -lfmt"
srcs[json]="src/web/api/api_json.cc src/http/message.cc"
libs[json]="-lfmt"
srcs[search_query]="src/search/cjk_text.cc"
libs[search_query]="$(pkg-config --libs xapian-core) -lfmt"
srcs[datetime]=""
libs[datetime]="-lfmt"
srcs[checkin_token]="src/training/checkin_token.cc"
libs[checkin_token]="$(pkg-config --libs libsodium) -lfmt"

targets=("$@")
(( ${#targets[@]} )) || targets=(markdown http_request multipart csv xlsx json search_query datetime checkin_token)

failed=0
for t in "${targets[@]}"; do
  bin="$out/${t}_fuzz"
  src="tests/fuzz/${t}_fuzz.cc"
  if [[ ! -x "$bin" || -n "$(find "$src" ${srcs[$t]} src/core -newer "$bin" -print -quit)" ]]; then
    echo "fuzz: building $t"
    # shellcheck disable=SC2086
    clang++-14 "${flags[@]}" "$src" ${srcs[$t]} "${core[@]}" ${libs[$t]} -o "$bin"
  fi
  corpus="$out/${t}-corpus"
  mkdir -p "$corpus"
  cp -n tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  if [[ $mode == runs ]]; then limit=(-runs="$amount"); else limit=(-max_total_time="$amount"); fi
  log="$out/${t}.log"
  if "$bin" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
       -artifact_prefix="$out/${t}-" "$corpus" >"$log" 2>&1; then
    echo "fuzz: $t ok: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n1), corpus $(ls "$corpus" | wc -l)"
  else
    echo "fuzz: $t FAILED (see $log)"; tail -n 30 "$log"; failed=1
  fi
done
exit $failed
