#!/usr/bin/env python3
"""Writes procura's published articles (from DB, a procura.db) as a Hugo
content tree under OUT: one section per column, one Markdown file per
article with its title and date, for bench/export_bench.sh."""
import os, sqlite3, sys, datetime, json

db, out = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
cols = dict(con.execute("SELECT id, slug FROM columns"))
names = dict(con.execute("SELECT id, name FROM columns"))
for cid, slug in cols.items():
    os.makedirs(os.path.join(out, slug), exist_ok=True)
    with open(os.path.join(out, slug, "_index.md"), "w") as f:
        f.write("---\ntitle: %s\n---\n" % json.dumps(names[cid], ensure_ascii=False))
n = 0
for aid, cid, title, body, published in con.execute(
        "SELECT id, column_id, title, body_md, published_at FROM articles WHERE status = 'published'"):
    date = datetime.datetime.fromtimestamp(published, datetime.timezone(datetime.timedelta(hours=8)))
    with open(os.path.join(out, cols[cid], "%d.md" % aid), "w") as f:
        f.write("---\ntitle: %s\ndate: %s\nurl: /articles/%d/\n---\n%s" % (
            json.dumps(title, ensure_ascii=False), date.isoformat(), aid, body))
    n += 1
print("hugo content: %d articles in %d sections" % (n, len(cols)))
