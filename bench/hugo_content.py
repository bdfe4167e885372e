#!/usr/bin/env python3
"""Writes procura's published articles (from DB, a procura.db) as a Hugo
content tree under OUT: one section per column, one Markdown file per
article with its title, date and lead image (path, responsive sizes, alt
text, caption), for bench/export_bench.sh. With a third argument, the
site's media directory is copied into that Hugo static directory, so that
Hugo copies the images into its output as procura's export does."""
import os, shutil, sqlite3, sys, datetime, json

db, out = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
cols = dict(con.execute("SELECT id, slug FROM columns"))
names = dict(con.execute("SELECT id, name FROM columns"))
for cid, slug in cols.items():
    os.makedirs(os.path.join(out, slug), exist_ok=True)
    with open(os.path.join(out, slug, "_index.md"), "w") as f:
        f.write("---\ntitle: %s\n---\n" % json.dumps(names[cid], ensure_ascii=False))
media = {}
for mid, name, width, height, variants in con.execute(
        "SELECT id, stored_name, width, height, variants FROM media"):
    srcset = ", ".join("/media/%s %sw" % (v.split(":")[1], v.split(":")[0])
                       for v in (variants or "").split(";") if v)
    media[mid] = (name, width, height, srcset)
if len(sys.argv) > 3:
    shutil.copytree(os.path.join(os.path.dirname(db), "media"), os.path.join(sys.argv[3], "media"))
n = 0
for aid, cid, title, body, published, lead, alt, caption in con.execute(
        "SELECT id, column_id, title, body_md, published_at, lead_media_id, lead_alt, lead_caption "
        "FROM articles WHERE status = 'published'"):
    date = datetime.datetime.fromtimestamp(published, datetime.timezone(datetime.timedelta(hours=8)))
    image = ""
    if lead in media:
        name, width, height, srcset = media[lead]
        image = "image: %s\nimage_width: %d\nimage_height: %d\nimage_srcset: %s\nimage_alt: %s\ncaption: %s\n" % (
            json.dumps("/media/" + name), width, height, json.dumps(srcset),
            json.dumps(alt, ensure_ascii=False), json.dumps(caption, ensure_ascii=False))
    with open(os.path.join(out, cols[cid], "%d.md" % aid), "w") as f:
        f.write("---\ntitle: %s\ndate: %s\nurl: /articles/%d/\n%s---\n%s" % (
            json.dumps(title, ensure_ascii=False), date.isoformat(), aid, image, body))
    n += 1
print("hugo content: %d articles in %d sections" % (n, len(cols)))
