#!/usr/bin/env bash
# procura's cached pages against nginx serving the same bytes as static
# files (procura's own export, so nginx's gzip_static has the same .gz),
# side by side: ROUNDS interleaved rounds of wrk per URL, connection count
# and coding. Prints req/s and p99 per round and the medians. Results are
# printed, never asserted; bench/RESULTS.md records them.
#   ROUNDS=5 DURATION=5s bench/serve_vs_nginx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
if (( ${#need[@]} )); then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

work=$(mktemp -d)
data="$work/data"; mkdir -p "$data"
"$BUILD/procura" serve --data "$data" --listen 127.0.0.1:18181 --demo --access-log off >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.1; done
"$BUILD/procura" export --data "$data" --out "$work/site" >/dev/null 2>&1
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  gzip_static on;
  server { listen 127.0.0.1:18182; root $work/site; index index.html; }
}
CONF
nginx -c "$work/nginx.conf"

one() {  # port path conns header → "req/s p99"
  wrk -t2 -c"$3" -d"$DURATION" --latency -H "$4" "http://127.0.0.1:$1$2" |
    awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r, p}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The demo is Chinese first: /articles/38/ is the seed report (/articles/1/ redirects to /en/).
for path in /articles/38/ /columns/highlights/ /; do
  for conns in 64 256; do
    for enc in identity gzip; do
      hdr="Accept-Encoding: $enc"
      : >"$work/p"; : >"$work/n"
      for r in $(seq "$ROUNDS"); do
        one 18181 "$path" "$conns" "$hdr" >>"$work/p"
        one 18182 "$path" "$conns" "$hdr" >>"$work/n"
      done
      pr=$(cut -d' ' -f1 "$work/p" | median); nr=$(cut -d' ' -f1 "$work/n" | median)
      pp=$(cut -d' ' -f2 "$work/p" | tr '\n' ' '); np=$(cut -d' ' -f2 "$work/n" | tr '\n' ' ')
      echo "$path c=$conns $enc: procura $pr req/s (p99 $pp) | nginx $nr req/s (p99 $np) | ratio $(python3 -c "print(round($pr/$nr, 2))")"
    done
  done
done
