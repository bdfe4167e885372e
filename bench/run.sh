#!/usr/bin/env bash
# procura benchmarks: in-process costs (Google Benchmark) and end-to-end
# throughput and latency over loopback (wrk), plus the server's peak RSS;
# search over a generated corpus, in process and through the server.
# Results are printed, never asserted. Installs what it needs if missing:
# wrk, nginx, and the word lists of the search corpus (scowl, python3-jieba).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
[[ -d /usr/share/dict/scowl ]] || need+=(scowl)
[[ -f /usr/lib/python3/dist-packages/jieba/dict.txt ]] || need+=(python3-jieba)
if (( ${#need[@]} )); then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

echo "== in-process (Google Benchmark)"
"$BUILD/bench/render_bench" --benchmark_min_time=0.2
"$BUILD/bench/safety_bench" --benchmark_min_time=0.2
"$BUILD/bench/visit_bench" --benchmark_min_time=0.2

echo "== rescan ${RESCAN_N:=20000} published articles against 20,000 list entries (RESCAN_N=100000 for the issue's figure)"
RESCAN_DATA=${RESCAN_DATA:-/tmp/procura-rescan-bench-$RESCAN_N}
mkdir -p "$RESCAN_DATA"
"$BUILD/bench/rescan_bench" "$RESCAN_N" --data "$RESCAN_DATA"
/usr/bin/time -v "$BUILD/procura" check-content --data "$RESCAN_DATA" >/dev/null 2>"$RESCAN_DATA/check.log" || true
grep -E "Elapsed|Maximum resident|Percent of CPU" "$RESCAN_DATA/check.log" | sed 's/^\s*/procura check-content: /'

echo "== search (${SEARCH_N:=20000} generated zh/en articles; SEARCH_N=100000 for the issue's figure)"
# The data dir is kept (SEARCH_DATA) and reused by the next run with the same N.
SEARCH_DATA=${SEARCH_DATA:-/tmp/procura-search-bench-$SEARCH_N}
"$BUILD/bench/search_bench" "$SEARCH_N" --data "$SEARCH_DATA"

echo "== search through the server (wrk, bench/search_mix.lua, $DURATION)"
/usr/bin/time -v "$BUILD/procura" serve --data "$SEARCH_DATA" --listen 127.0.0.1:18183 \
  --access-log off 2>"$SEARCH_DATA/serve.log" &
spid=$!
# Start-up reads the whole database (integrity check, summaries): about 9 s
# cold at 100,000 articles, 2 minutes at 1,000,000. Wait up to 10 minutes.
started=$SECONDS
for _ in $(seq 6000); do
  curl -sf "http://127.0.0.1:18183/search?q=training" -o /dev/null && break
  sleep 0.1
done
echo "server answering search after $((SECONDS - started)) s"
grep VmRSS "/proc/$(pgrep -P $spid procura || echo $spid)/status" | sed 's/^/server after start: /' || true
for conns in 2 8; do
  echo "-- $conns connections"
  wrk -t2 -c$conns -d"$DURATION" --latency -s bench/search_mix.lua http://127.0.0.1:18183 | \
    grep -E "Requests/sec|  50%|  90%|  99%|Socket errors|Non-2xx" || true
done
pkill -TERM -P $spid || true; wait $spid || true
grep -E "Maximum resident set size" "$SEARCH_DATA/serve.log" | sed 's/^/search server peak RSS: /'

data=$(mktemp -d)
log=$(mktemp)
/usr/bin/time -v "$BUILD/procura" serve --data "$data" --listen 127.0.0.1:18181 --demo \
  --access-log off 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.1; done

echo "== end to end (wrk, $CONNS connections, $DURATION, 2 threads)"
# The demo is Chinese first: the seed report is /articles/38/ (/articles/1/ redirects to /en/).
for path in / /articles/38/ /columns/highlights/ "/static/css/site.css"; do
  echo "-- GET $path"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:18181$path" | \
    grep -E "Requests/sec|Transfer/sec|  50%|  99%|Socket errors|Non-2xx" || true
done

echo "== the same pages as static files from nginx (the Hugo baseline)"
site=$(mktemp -d)
chmod 755 "$site"  # mktemp's 0700 would make nginx's workers answer 403
mkdir -p "$site/articles/38" "$site/columns/highlights"
curl -sf http://127.0.0.1:18181/ >"$site/index.html"
curl -sf http://127.0.0.1:18181/articles/38/ >"$site/articles/38/index.html"
curl -sf http://127.0.0.1:18181/columns/highlights/ >"$site/columns/highlights/index.html"
cat >"$site/nginx.conf" <<CONF
worker_processes 2;
pid $site/nginx.pid;
error_log $site/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  server { listen 127.0.0.1:18182; root $site; index index.html; }
}
CONF
nginx -c "$site/nginx.conf"
for path in / /articles/38/; do
  echo "-- nginx GET $path"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:18182$path" | \
    grep -E "Requests/sec|  50%|  99%|Socket errors|Non-2xx" || true
done
nginx -c "$site/nginx.conf" -s stop
rm -rf "$site"

pkill -TERM -P $pid || true
wait $pid || true
echo "== procura peak RSS (after the load above)"
grep -E "Maximum resident set size" "$log"
