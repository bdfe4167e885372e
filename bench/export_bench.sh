#!/usr/bin/env bash
# Static export against Hugo, on the same generated corpus, in one run:
# full export (pages/s, peak RSS), a second run that finds nothing to do,
# and the incremental export after one article edit (files written, time).
# Results are printed, never asserted; bench/RESULTS.md records them.
#   EXPORT_N=10000 bench/export_bench.sh
# Installs Hugo (Debian's `hugo`) and the corpus's word lists if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${EXPORT_N:-10000}
DATA=${EXPORT_DATA:-/tmp/procura-export-bench-$N}

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[[ -d /usr/share/dict/scowl ]] || need+=(scowl)
[[ -f /usr/lib/python3/dist-packages/jieba/dict.txt ]] || need+=(python3-jieba)
if (( ${#need[@]} )); then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

echo "== corpus: $N articles (kept in $DATA)"
"$BUILD/bench/export_corpus" "$N" --data "$DATA"

# Outputs go to tmpfs (EXPORT_TMP, /dev/shm by default) so that the figures
# measure the generators, not ext4's mood after the last run's deletions
# (on this machine a run into /tmp right after deleting a large tree takes
# twice as long, for Hugo and procura alike).
work=$(mktemp -d -p "${EXPORT_TMP:-/dev/shm}")
trap 'rm -rf "$work"' EXIT
rss() { grep -E "Maximum resident set size" "$1" | awk '{printf "%.0f MiB", $NF/1024}'; }
wall() { grep -E "Elapsed \(wall clock\)" "$1" | awk '{print $NF}'; }
secs() { python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$1"; }

echo "== Hugo $(hugo version | awk '{print $2}') and procura, interleaved, each into a fresh directory"
# (Deleting a big output tree just before a run makes ext4 slow to create
# files for a while, so nothing is deleted between runs.)
cp -r bench/hugo "$work/hugo"
python3 bench/hugo_content.py "$DATA/procura.db" "$work/hugo/content" "$work/hugo/static"
for run in 1 2; do
  /usr/bin/time -v hugo --quiet -s "$work/hugo" -d "$work/hugo-out$run" 2>"$work/hugo.time" >/dev/null
  hugo_pages=$(find "$work/hugo-out$run" -name '*.html' | wc -l)
  hugo_s=$(secs "$(wall "$work/hugo.time")")
  echo "hugo run $run: $hugo_pages pages in ${hugo_s} s = $(python3 -c "print(round($hugo_pages/$hugo_s))") pages/s, peak RSS $(rss "$work/hugo.time")"
  /usr/bin/time -v "$BUILD/procura" export --data "$DATA" --out "$work/out$run" >"$work/export.out" 2>"$work/export.time"
  pages=$(sed -n 's/^exported \([0-9]*\) pages.*/\1/p' "$work/export.out")
  s=$(secs "$(wall "$work/export.time")")
  echo "procura run $run: $pages pages in ${s} s = $(python3 -c "print(round($pages/$s))") pages/s, peak RSS $(rss "$work/export.time") ($(du -sh "$work/out$run" | cut -f1) with .gz/.br)"
done
/usr/bin/time -v "$BUILD/procura" export --data "$DATA" --out "$work/plain" --no-precompress >"$work/export.out" 2>"$work/export.time"
pages=$(sed -n 's/^exported \([0-9]*\) pages.*/\1/p' "$work/export.out")
s=$(secs "$(wall "$work/export.time")")
echo "procura --no-precompress: $pages pages in ${s} s = $(python3 -c "print(round($pages/$s))") pages/s, peak RSS $(rss "$work/export.time") ($(du -sh "$work/plain" | cut -f1))"
/usr/bin/time -v "$BUILD/procura" export --data "$DATA" --out "$work/gz" --precompress gzip >"$work/export.out" 2>"$work/export.time"
pages=$(sed -n 's/^exported \([0-9]*\) pages.*/\1/p' "$work/export.out")
s=$(secs "$(wall "$work/export.time")")
echo "procura --precompress gzip: $pages pages in ${s} s = $(python3 -c "print(round($pages/$s))") pages/s, peak RSS $(rss "$work/export.time") ($(du -sh "$work/gz" | cut -f1) with .gz)"
mv "$work/out2" "$work/out"
/usr/bin/time -v "$BUILD/procura" export --data "$DATA" --out "$work/out" >"$work/again.out" 2>"$work/again.time"
echo "procura, nothing changed: $(cat "$work/again.out" | cut -c1-120) in $(wall "$work/again.time")"

echo "== one article edited, then the incremental export"
id=$(sqlite3 "$DATA/procura.db" "SELECT id FROM articles WHERE status='published' ORDER BY id LIMIT 1 OFFSET $((N / 2))")
# What the newsroom's save does, in SQL: the row and its change-log entry in one transaction.
log_change="UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT INTO change_log (seq, kind, entity_id, column_ids, at)
  SELECT (SELECT seq FROM change_counter WHERE id = 1), 'article', $id, column_id, strftime('%s','now') FROM articles WHERE id = $id;"
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET title = title || '（修订）', version = version + 1 WHERE id = $id; $log_change COMMIT;"
touch "$work/stamp"; sleep 1
/usr/bin/time -v "$BUILD/procura" export --data "$DATA" --out "$work/out" >"$work/incr.out" 2>"$work/incr.time"
written=$(find "$work/out" -type f -newer "$work/stamp" ! -name '.procura-export*' ! -name '*.gz' ! -name '*.br' | sed "s|$work/out||" | sort)
echo "incremental: $(cut -c1-100 "$work/incr.out") in $(wall "$work/incr.time") (process start, snapshot load and state included)"
echo "files written (variants not listed):"; echo "$written" | sed 's/^/  /'
echo "== the same edit under --follow (snapshot in memory): the follower's own timing"
"$BUILD/procura" export --data "$DATA" --out "$work/out" --follow >"$work/follow.log" 2>&1 &
fpid=$!
for _ in $(seq 600); do grep -q "following the change log" "$work/follow.log" && break; sleep 0.1; done
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET title = title || '（再修订）', version = version + 1 WHERE id = $id; $log_change COMMIT;"
for _ in $(seq 50); do grep -q " built, " "$work/follow.log" && break; sleep 0.1; done
kill -TERM $fpid; wait $fpid || true
grep " built, " "$work/follow.log" | sed 's/^.*export: /follow: /'
sqlite3 "$DATA/procura.db" "UPDATE articles SET title = replace(title, '（再修订）', '') WHERE id = $id;"
# Put the article back, so the kept corpus stays the same for the next run
# (the published copy below is withdrawn again: one more withdrawn row).
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET title = replace(title, '（修订）', '') WHERE id = $id; $log_change COMMIT;"

echo "== one article published under --follow (a copy of another, dated now), then withdrawn"
cols="column_id, title, author, news_source, status, published_at, lead_media_id, lead_caption, body_md, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at, lead_alt, pending_revision, version, body_html, render_error, last_edited_by, lang, translation_of"
copy="column_id, title || '（新）', author, news_source, 'published', strftime('%s','now'), lead_media_id, lead_caption, body_md, is_sample, strftime('%s','now'), strftime('%s','now'), created_by, '', NULL, lead_alt, NULL, 1, body_html, render_error, last_edited_by, lang, NULL"
log_new="UPDATE change_counter SET seq = seq + 1 WHERE id = 1;
  INSERT INTO change_log (seq, kind, entity_id, column_ids, at)
  SELECT (SELECT seq FROM change_counter WHERE id = 1), 'article', id, column_id, strftime('%s','now') FROM articles WHERE id = (SELECT max(id) FROM articles);"
"$BUILD/procura" export --data "$DATA" --out "$work/out" --follow >"$work/follow2.log" 2>&1 &
fpid=$!
for _ in $(seq 600); do grep -q "following the change log" "$work/follow2.log" && break; sleep 0.1; done
sqlite3 "$DATA/procura.db" "BEGIN; INSERT INTO articles ($cols) SELECT $copy FROM articles WHERE id = $id; $log_new COMMIT;"
for _ in $(seq 50); do grep -q " built, " "$work/follow2.log" && break; sleep 0.1; done
sqlite3 "$DATA/procura.db" "BEGIN; UPDATE articles SET status = 'withdrawn', status_reason = 'bench' WHERE id = (SELECT max(id) FROM articles); $log_new COMMIT;"
for _ in $(seq 50); do [[ $(grep -c " built, " "$work/follow2.log") -ge 2 ]] && break; sleep 0.1; done
kill -TERM $fpid; wait $fpid || true
grep " built, " "$work/follow2.log" | sed 's/^.*export: /follow: /' | paste -d' ' <(printf 'publish:\nwithdrawal:\n') -
