#!/usr/bin/env bash
# procura's cached pages against nginx serving the same bytes as static
# files (procura's own export, so nginx's gzip_static has the same .gz),
# side by side: ROUNDS interleaved rounds of wrk per URL, connection count
# and coding. Prints req/s and p99 per round and the medians. Results are
# printed, never asserted; bench/RESULTS.md records them.
#   ROUNDS=5 DURATION=5s bench/serve_vs_nginx.sh
# NGINX_OPEN_FILE_CACHE=1 gives nginx its open_file_cache (descriptors and
# stat results kept between requests), its fastest way to serve files.
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
# mktemp makes the directory 0700: nginx's workers (www-data) could not read
# the export and would answer every request 403. Open it up, and check below
# that both servers answer 200 with the same body before measuring.
chmod 755 "$work"
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
  $([[ ${NGINX_OPEN_FILE_CACHE:-0} == 1 ]] && echo "open_file_cache max=10000 inactive=60s; open_file_cache_valid 60s;")
  gzip_static on;
  server { listen 127.0.0.1:18182; root $work/site; index index.html; }
}
CONF
nginx -c "$work/nginx.conf"

one() {  # port path conns header → "req/s p99"; stops on any error answer
  local out
  out=$(wrk -t2 -c"$3" -d"$DURATION" --latency -H "$4" "http://127.0.0.1:$1$2")
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
    echo "port $1 $2: wrk saw errors, the figures would be meaningless:" >&2
    grep -E "Non-2xx|Socket errors" <<<"$out" >&2
    exit 1
  fi
  awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r, p}' <<<"$out"
}
# Both servers must send the same page: 200, the same bytes (the pages carry
# no per-request parts once cached), per coding.
same() {  # path coding
  local a b
  a=$(curl -s -H "Accept-Encoding: $2" -o "$work/a" -w "%{http_code}" "http://127.0.0.1:18181$1")
  b=$(curl -s -H "Accept-Encoding: $2" -o "$work/b" -w "%{http_code}" "http://127.0.0.1:18182$1")
  if [[ $a != 200 || $b != 200 ]] || ! cmp -s "$work/a" "$work/b"; then
    echo "$1 ($2): procura answered $a, nginx $b, bodies $(cmp -s "$work/a" "$work/b" && echo equal || echo differ)" >&2
    exit 1
  fi
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The demo is Chinese first: /articles/38/ is the seed report (/articles/1/ redirects to /en/).
for path in ${PATHS:-/articles/38/ /columns/highlights/ /}; do
  for conns in 64 256; do
    for enc in identity gzip; do
      hdr="Accept-Encoding: $enc"
      same "$path" "$enc"
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
