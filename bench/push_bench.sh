#!/usr/bin/env bash
# Pushing a static export to a web root with deploy/push/procura-push-rsync:
# the first push of a process (the whole tree, no list) against the push
# after one article edit (only the files the export wrote, by
# PROCURA_EXPORT_CHANGED). The web root is a local directory on tmpfs, so
# the figures are rsync's own work (walking and comparing files), not a
# network's. Printed, never asserted; bench/RESULTS.md records them.
#   EXPORT_N=10000 bench/push_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${EXPORT_N:-10000}
DATA=${EXPORT_DATA:-/tmp/procura-export-bench-$N}
command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }

echo "== corpus: $N articles (kept in $DATA)"
"$BUILD/bench/export_corpus" "$N" --data "$DATA"
work=$(mktemp -d -p "${EXPORT_TMP:-/dev/shm}")
trap 'kill $fpid 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/www"
"$BUILD/procura" export --data "$DATA" --out "$work/out" >/dev/null
echo "export: $(find "$work/out" -type f ! -name '.procura-export*' | wc -l) files, $(du -sh "$work/out" | cut -f1)"

# The push, timed by a wrapper that notes whether it had a list.
cat >"$work/push.sh" <<EOS
start=\$(date +%s%N)
"$PWD/deploy/push/procura-push-rsync" "$work/www/"
rc=\$?
echo "\$(( (\$(date +%s%N) - start) / 1000000 )) ms \${PROCURA_EXPORT_CHANGED:+by list of \$(wc -l < "\$PROCURA_EXPORT_CHANGED") paths}" >> "$work/times"
exit \$rc
EOS
"$BUILD/procura" export --data "$DATA" --out "$work/out" --follow --push-command "sh $work/push.sh" >"$work/follow.log" 2>&1 &
fpid=$!
for _ in $(seq 1200); do [[ -s "$work/times" ]] && break; sleep 0.1; done
echo "first push (everything, into an empty web root): $(sed -n 1p "$work/times")"
kill -TERM $fpid; wait $fpid || true
: >"$work/times"
"$BUILD/procura" export --data "$DATA" --out "$work/out" --follow --push-command "sh $work/push.sh" >"$work/follow.log" 2>&1 &
fpid=$!
for _ in $(seq 1200); do [[ -s "$work/times" ]] && break; sleep 0.1; done
echo "first push of a restarted follower (everything, web root up to date): $(sed -n 1p "$work/times")"

id=$(sqlite3 "$DATA/procura.db" "SELECT id FROM articles WHERE status='published' ORDER BY id LIMIT 1 OFFSET $((N / 2))")
log_change="UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT INTO change_log (seq, kind, entity_id, column_ids, at)
  SELECT (SELECT seq FROM change_counter WHERE id = 1), 'article', $id, column_id, strftime('%s','now') FROM articles WHERE id = $id;"
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET title = title || '（修订）', version = version + 1 WHERE id = $id; $log_change COMMIT;"
for _ in $(seq 600); do [[ $(wc -l < "$work/times") -ge 2 ]] && break; sleep 0.1; done
echo "push after one article edit: $(sed -n 2p "$work/times")"
kill -TERM $fpid; wait $fpid || true
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET title = replace(title, '（修订）', '') WHERE id = $id; $log_change COMMIT;"
diff -r -q -x '.procura-export*' "$work/out" "$work/www" && echo "web root equals the export"
