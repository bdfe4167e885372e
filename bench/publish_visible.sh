#!/bin/bash
# Issue 12: publish → visible through the real server, on a data dir made
# by snapshot_bench (build/bench/snapshot_bench N --data DIR). Approves an
# article over the API and polls its page, its column page, the home page
# and search until all four show it; prints the time for each of ROUNDS
# articles. Usage: bench/publish_visible.sh DIR [PORT] [ROUNDS]
set -euo pipefail
DIR=$1; PORT=${2:-18700}; ROUNDS=${3:-5}
BIN=${PROCURA_BIN:-$(dirname "$0")/../build/procura}
U=http://127.0.0.1:$PORT
if [ ! -f "$DIR/.bench-users" ]; then
  for who in "ed editor" "rv reviewer" "adm admin"; do
    set -- $who
    echo "correct horse battery staple" | "$BIN" user add "$1" --role "$2" --data "$DIR" >/dev/null
  done
  touch "$DIR/.bench-users"
fi
ED=$("$BIN" user token ed --data "$DIR"); RV=$("$BIN" user token rv --data "$DIR"); ADM=$("$BIN" user token adm --data "$DIR")
RVID=$(sqlite3 "$DIR/procura.db" "SELECT id FROM users WHERE name='rv'" 2>/dev/null || echo 2)
"$BIN" serve --data "$DIR" --listen 127.0.0.1:$PORT --access-log off 2>/tmp/publish_visible.log &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$U/healthz"; do sleep 0.05; done
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$U/search?q=x")" != 503 ]; do sleep 0.5; done
curl -sf -X PUT -H "Authorization: Bearer $ADM" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Column 0\",\"slug\":\"c0\",\"position\":0,\"reviewer_ids\":[$RVID]}" "$U/api/v1/columns/1" >/dev/null
api() { curl -s -X "$1" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' ${4:+-d "$4"} "$U$3"; }
for i in $(seq 1 "$ROUNDS"); do
  word="Visibleprobe$RANDOM$i"
  id=$(api POST "$ED" /api/v1/articles "{\"column_id\":1,\"title\":\"$word report\",\"body\":\"$word\"}" | sed -E 's/.*"id":([0-9]+).*/\1/')
  api POST "$ED" "/api/v1/articles/$id/submit" >/dev/null
  version=$(api GET "$RV" "/api/v1/articles/$id" | sed -E 's/.*"version":([0-9]+).*/\1/')
  t0=$(date +%s%N)
  api POST "$RV" "/api/v1/articles/$id/approve" "{\"version\":$version}" >/dev/null
  t1=$(date +%s%N)
  until curl -sf "$U/articles/$id/" >/dev/null && curl -s "$U/columns/c0/" | grep -q "$word" \
        && curl -s "$U/" | grep -q "$word" && curl -s "$U/search?q=$word" | grep -q "$word report"; do
    sleep 0.005
  done
  t2=$(date +%s%N)
  echo "article $id: approve answered in $(( (t1 - t0) / 1000000 )) ms; visible everywhere after $(( (t2 - t0) / 1000000 )) ms"
done
