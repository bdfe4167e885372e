// Every portal page type, served by the real binary over real HTTP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, request, ROOT, waitFor, waitForSearch, accessLog } from "../lib/server.mjs";

let srv;
before(async () => { srv = await startServer({ args: ["--threads", "2"] }); });
after(async () => { await srv.cleanup(); });

const get = (path, opts) => request(srv.url + path, opts);
const SEED_TITLE = "Provincial Procuratorate Organs Hold Training Class for Party Branch Secretaries";

function assertSecurityHeaders(res) {
  const csp = res.headers["content-security-policy"];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.equal(res.headers["x-content-type-options"], "nosniff");
  assert.ok(res.headers["referrer-policy"]);
}

test("home page: site name, navigation to every column, lead story, latest per column", async () => {
  const res = await get("/en/");
  assert.equal(res.status, 200);
  assert.match(res.headers["content-type"], /^text\/html; charset=utf-8/);
  assertSecurityHeaders(res);
  const b = res.body;
  assert.match(b, /<html lang="en"/);
  assert.match(b, /Provincial People&apos;s Procuratorate/);
  for (const [slug, name] of [["highlights", "Procuratorial Highlights"], ["party-building", "Party Building"],
    ["notices", "Notices"], ["procuratorial-work", "Procuratorial Work"], ["open-affairs", "Open Procuratorial Affairs"]]) {
    assert.ok(b.includes(`<a href="/en/columns/${slug}/">${name}</a>`), `nav link to ${slug}`);
    assert.ok(b.includes(`id="col-${slug}"`), `home box for ${slug}`);
  }
  assert.match(b, /class="lead-story"/);
  assert.ok(b.includes(`<a href="/en/articles/1/">${SEED_TITLE}</a>`), "the seed is the lead story");
  assert.doesNotMatch(b, /<script>/, "no inline script");
});

test("article page is the seed's page", async () => {
  const res = await get("/en/articles/1/");
  assert.equal(res.status, 200);
  const b = res.body;
  assert.ok(b.includes(`<a href="/en/columns/highlights/">Procuratorial Highlights</a>`), "column linked back");
  assert.ok(b.includes(`<h1 id="article-title" class="article-title">${SEED_TITLE}</h1>`));
  assert.match(b, /Time: <time datetime="2022-07-14T10:00:00\+08:00">July 14, 2022<\/time>/);
  assert.doesNotMatch(b, /Author:/, "empty author is omitted, not shown blank");
  assert.doesNotMatch(b, /News source:/, "empty news source is omitted");
  assert.match(b, /Font size:/);
  for (const s of ["large", "medium", "small"]) assert.ok(b.includes(`<a href="?fs=${s}" data-fs="${s}"`));
  assert.match(b, /<figure class="article-figure">\s*<img src="\/media\/[0-9a-f]{24}\.svg" alt="Placeholder illustration of a lecture[^"]+"/);
  assert.match(b, /<figcaption>Zhou Yong gives lectures<\/figcaption>/);
  // The body, complete: all six paragraphs of the seed, in order.
  const seed = readFileSync(join(ROOT, "data/demo/articles/2022-07-14-branch-secretaries-training.md"), "utf8");
  const paragraphs = seed.trim().split(/\n\n/);
  assert.equal(paragraphs.length, 6);
  let at = 0;
  for (const p of paragraphs) {
    const escaped = p.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
    const i = b.indexOf(`<p>${escaped}</p>`, at);
    assert.ok(i > at, `paragraph in order: ${p.slice(0, 40)}`);
    at = i;
  }
  for (const branch of ["the Cadre Office", "the Third Procuratorate", "the Sixth Procuratorate",
    "the Seventh Procuratorate", "the Case Management Office", "the Procuratorate and Supervision Department"]) {
    assert.ok(b.includes(branch), branch);
  }
  assert.match(b, /29 party branch secretaries/);
  // Previous (older) and next (newer) articles in the same column.
  assert.match(b, /Previous: <\/span><a href="\/en\/articles\/\d+\/" rel="prev">Sample article 12:/);
  assert.match(b, /Next: <\/span><a href="\/en\/articles\/\d+\/" rel="next">Sample article 13:/);
  assert.match(b, /media="print"/, "print stylesheet");
});

test("font size works without JavaScript through ?fs=", async () => {
  const large = await get("/en/articles/1/?fs=large");
  assert.match(large.body, /<html lang="en" class="fs-large">/);
  assert.match(large.body, /data-fs="large" aria-current="true"/);
  const bogus = await get("/en/articles/1/?fs=enormous");
  assert.match(bogus.body, /<html lang="en">/);
});

test("the font size is remembered across pages without JavaScript (a cookie the ?fs= link sets)", async () => {
  const large = await get("/en/articles/1/?fs=large");
  assert.ok([large.headers["set-cookie"]].flat().includes("__Host-procura_fs=large; Path=/; Max-Age=31536000; SameSite=Lax; Secure"));
  const next = await get("/en/columns/highlights/", { headers: { Cookie: "__Host-procura_fs=large" } });
  assert.match(next.body, /<html lang="en" class="fs-large">/);
  // A link wins over the cookie; the default size clears it.
  const small = await get("/en/articles/1/?fs=small", { headers: { Cookie: "__Host-procura_fs=large" } });
  assert.match(small.body, /class="fs-small"/);
  const reset = await get("/en/articles/1/?fs=default");
  assert.ok([reset.headers["set-cookie"]].flat().some((c) => /^__Host-procura_fs=; Path=\/; Max-Age=0;/.test(c)));
  const junk = await get("/en/", { headers: { Cookie: "__Host-procura_fs=<script>" } });
  assert.match(junk.body, /<html lang="en">/);
  // With the elderly-friendly mode too: both cookies are set.
  const both = await get("/en/?fs=medium&care=1");
  assert.equal([both.headers["set-cookie"]].flat().length, 2);
});

test("article details: print header, no empty previous/next, phone menu without script", async () => {
  const b = (await get("/en/articles/1/")).body;
  assert.match(b, /<div class="print-header"><p class="print-site">[^<]+<\/p><p>Column: Procuratorial Highlights · <span class="print-url" data-path="\/en\/articles\/1\/">http:\/\/127.0.0.1:8080\/en\/articles\/1\/<\/span><\/p><\/div>/);
  assert.doesNotMatch(b, /none<\/span>/, "no 'Next: none'");
  assert.match(b, /<details class="phone-menu">\s*<summary>Menu<\/summary>/);
  // The newest article of a column has no "Next" line at all.
  const col = (await get("/en/columns/highlights/")).body;
  const newest = col.match(/<a href="(\/en\/articles\/\d+\/)">/)[1];
  const top = (await get(newest)).body;
  assert.match(top, /rel="prev"/);
  assert.doesNotMatch(top, /Next:/);
});

test("sample articles are labelled as samples", async () => {
  const res = await get("/en/articles/2/");
  assert.equal(res.status, 200);
  assert.match(res.body, /Sample article: generated text/);
});

test("column page: breadcrumb, newest first with dates; archive pages counted from the oldest", async () => {
  const res = await get("/en/columns/highlights/");
  assert.equal(res.status, 200);
  const b = res.body;
  assert.match(b, /aria-label="Breadcrumb"/);
  assert.match(b, /<span aria-current="page">Procuratorial Highlights<\/span>/);
  const dates = [...b.matchAll(/<time datetime="[^"]+">(\d{4}-\d{2}-\d{2})<\/time>/g)].map((m) => m[1]);
  assert.equal(dates.length, 25, "45 articles: the newest 25 here, the oldest 20 on archive page 1");
  assert.deepEqual([...dates].sort().reverse(), dates, "newest first");
  assert.match(b, /<p class="list-count">45 articles<\/p>/);
  assert.match(b, /<a href="\/en\/columns\/highlights\/page\/1\/" rel="next">Older<\/a>/);
  assert.match(b, /<span class="current" aria-current="page">Latest<\/span>/);
  assert.match(b, /<a href="\/en\/columns\/highlights\/page\/1\/"><span class="visually-hidden">Page <\/span>1<\/a>/);
  const p1 = await get("/en/columns/highlights/page/1/");
  assert.equal(p1.status, 200);
  const older = [...p1.body.matchAll(/<time datetime="[^"]+">(\d{4}-\d{2}-\d{2})<\/time>/g)].map((m) => m[1]);
  assert.equal(older.length, 20);
  assert.ok(older[0] < dates.at(-1), "older than everything on the first page");
  assert.match(p1.body, /<a href="\/en\/columns\/highlights\/" rel="prev">Newer<\/a>/);
  assert.doesNotMatch(p1.body, /rel="next"/, "the oldest page");
  assert.match(p1.body, /<title>Procuratorial Highlights \(page 1\)/);
  assert.ok(p1.body.includes(`<li><a href="/en/columns/highlights/">Procuratorial Highlights</a></li>`),
    "breadcrumb links the column from an archive page");
});

test("stable URLs: redirects to the canonical form, 404 beyond the last page", async () => {
  let res = await get("/en/columns/highlights");
  assert.equal(res.status, 301);
  assert.equal(res.headers.location, "/en/columns/highlights/");
  for (const p of ["/en/columns/highlights/page/2/", "/columns/highlights/page/2/", "/columns/highlights/page/0/",
    "/columns/highlights/page/01/", "/en/columns/highlights/page/100001/", "/en/columns/highlights/page/99999999999999999999/",
    "/columns/nope/", "/articles/9999/", "/articles/abc/", "/articles/01/", "//evil.example/"]) {
    assert.equal((await get(p)).status, 404, p);
  }
});

test("404 page is in the site's style, with security headers", async () => {
  const res = await get("/en/no/such/page");
  assert.equal(res.status, 404);
  assertSecurityHeaders(res);
  assert.match(res.body, /<h1 class="page-title">Page not found<\/h1>/);
  const zh = await get("/no/such/page");
  assert.equal(zh.status, 404);
  assert.match(zh.body, /<html lang="zh-CN"/);
  assert.match(zh.body, /<h1 class="page-title">页面不存在<\/h1>/);
  assert.match(res.body, /class="site-header"/);
  assert.doesNotMatch(res.body, /Exception|stack|\.cc:/);
});

test("HEAD: same headers as GET, no body", async () => {
  const g = await get("/en/articles/1/");
  const h = await get("/en/articles/1/", { method: "HEAD" });
  assert.equal(h.status, 200);
  assert.equal(h.body, "");
  assert.equal(h.headers["content-length"], String(Buffer.byteLength(g.body)));
  assert.equal(h.headers.etag, g.headers.etag);
  assert.equal((await get("/nowhere", { method: "HEAD" })).status, 404);
});

test("pages revalidate with ETag and 304", async () => {
  const first = await get("/en/");
  assert.equal(first.headers["cache-control"], "no-cache");
  const again = await get("/en/", { headers: { "If-None-Match": first.headers.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body, "");
});

test("other methods get 405 with Allow", async () => {
  const res = await get("/", { method: "POST", body: "x=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  assert.equal(res.status, 405);
  assert.equal(res.headers.allow, "GET, HEAD");
  // A site page in the reader's language, not a bare text line.
  assert.match(res.headers["content-type"], /^text\/html/);
  assert.match(res.body, /<h1 class="page-title">此地址不能这样访问<\/h1>\s*<p>此地址不接受这种请求。/);
  const en = await get("/en/", { method: "DELETE" });
  assert.equal(en.status, 405);
  assert.match(en.body, /<html lang="en"[\s\S]*<h1 class="page-title">Not possible at this address<\/h1>/);
  // A form's address opened in a browser: the site's page, still a 405.
  const opened = await get("/admin/login/mfa", {});
  assert.equal(opened.status, 405);
  assert.equal(opened.headers.allow, "POST");
  assert.match(opened.headers["content-type"], /^text\/html/);
  assert.match(opened.body, /<html lang="[^"]+"/);
});

test("static assets: MIME types, ETag/Last-Modified, 304, immutable fingerprinted names", async () => {
  const home = (await get("/en/")).body;
  const css = home.match(/href="(\/static\/css\/site\.[0-9a-f]{10}\.css)"/)[1];
  const js = home.match(/src="(\/static\/js\/site\.[0-9a-f]{10}\.js)"/)[1];
  const fp = await get(css);
  assert.equal(fp.status, 200);
  assert.equal(fp.headers["content-type"], "text/css; charset=utf-8");
  assert.equal(fp.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.ok(fp.headers.etag && fp.headers["last-modified"]);
  const plain = await get("/static/css/site.css");
  assert.equal(plain.headers["cache-control"], "public, max-age=300");
  assert.equal(plain.body, fp.body);
  const revalidated = await get("/static/css/site.css", { headers: { "If-None-Match": plain.headers.etag } });
  assert.equal(revalidated.status, 304);
  assert.equal((await get(js)).headers["content-type"], "text/javascript; charset=utf-8");
  assert.equal((await get("/static/img/emblem.svg")).headers["content-type"], "image/svg+xml");
  assert.equal((await get("/static/../CMakeLists.txt")).status, 404);
  assert.equal((await get("/static/%2e%2e/CMakeLists.txt")).status, 404);
});

test("media: the lead image is served with its type; unsafe names are 404", async () => {
  const page = (await get("/en/articles/1/")).body;
  const src = page.match(/<img src="(\/media\/[^"]+)"/)[1];
  const img = await get(src);
  assert.equal(img.status, 200);
  assert.equal(img.headers["content-type"], "image/svg+xml");
  assert.match(img.body, /PLACEHOLDER IMAGE/);
  assert.match(img.headers["content-security-policy"], /script-src 'self'/);
  for (const p of ["/media/..%2Fprocura.db", "/media/.hidden", "/media/procura.db/x"]) {
    assert.equal((await get(p)).status, 404, p);
  }
});

test("/healthz reports ok as JSON", async () => {
  const res = await get("/healthz");
  assert.equal(res.status, 200);
  assert.equal(res.headers["content-type"], "application/json");
  const j = JSON.parse(res.body);
  assert.equal(j.status, "ok");
  assert.equal(j.database, "ok");
  assert.equal(j.articles, 105, "57 English and 48 Chinese");
});

test("rendered pages are cached: a second read is a cache hit", async () => {
  await get("/en/columns/notices/");
  await get("/en/columns/notices/");
  const notices = await waitFor(() => {
    const l = accessLog(srv).filter((r) => r.target === "/en/columns/notices/");
    return l.length === 2 && l;
  }, { what: "two log lines" });
  // Each I/O thread logs a request once its answer is sent, so two
  // requests answered by two threads may be logged in either order: one
  // render (the first read: nothing was cached before) and one hit.
  assert.deepEqual(notices.map((r) => r.cache).sort(), ["hit", "miss"]);
  await get("/en/columns/notices/");
  const third = await waitFor(() => {
    const l = accessLog(srv).filter((r) => r.target === "/en/columns/notices/");
    return l.length === 3 && l;
  }, { what: "three log lines" });
  assert.deepEqual(third.map((r) => r.cache).sort(), ["hit", "hit", "miss"]);
});

test("access log: one JSON line per request", async () => {
  await get("/?probe=1", { headers: { "User-Agent": 'tester "quoted"' } });
  const last = await waitFor(() => accessLog(srv).find((r) => r.target === "/?probe=1"), { what: "log line" });
  assert.equal(last.method, "GET");
  assert.equal(last.target, "/?probe=1");
  assert.equal(last.status, 200);
  assert.equal(last.ua, 'tester "quoted"');
  assert.equal(last.remote, "127.0.0.1");
  assert.ok(last.ts.endsWith("Z") && typeof last.ms === "number" && last.bytes > 1000);
});

// Issue 13: Chinese first. The demo's primary language is Chinese at /,
// English is at /en/, and the seed's article exists in both, linked.
const ZH_SEED_TITLE = "省检察院机关举办党支部书记培训班";

test("the Chinese home: lang, Chinese columns and UI, the language link", async () => {
  const b = (await get("/")).body;
  assert.match(b, /<html lang="zh-CN"/);
  assert.match(b, /<title>省人民检察院<\/title>/);
  for (const [slug, name] of [["highlights", "检察要闻"], ["party-building", "党建工作"], ["notices", "通知公告"],
    ["procuratorial-work", "检察业务"], ["open-affairs", "检务公开"]])
    assert.ok(b.includes(`<a href="/columns/${slug}/">${name}</a>`), `nav link to ${name}`);
  assert.ok(b.includes(`<h3><a href="/articles/${await zhSeedId()}/">${ZH_SEED_TITLE}</a></h3>`), "the Chinese seed leads");
  assert.match(b, /<a class="lang-switch" href="\/en\/" hreflang="en" lang="en">English<\/a>/);
  assert.match(b, /<link rel="alternate" hreflang="zh-CN" href="\/">/);
  assert.match(b, /<link rel="alternate" hreflang="en" href="\/en\/">/);
  assert.match(b, /<span class="sample-tag">示例<\/span>/, "Chinese samples are labelled 示例");
  const en = (await get("/en/")).body;
  assert.match(en, /<a class="lang-switch" href="\/" hreflang="zh-CN" lang="zh-CN">中文<\/a>/);
});

async function zhSeedId() {
  const b = (await get("/columns/highlights/")).body;
  return b.match(new RegExp(`<a href="/articles/(\\d+)/">${ZH_SEED_TITLE}</a>`))[1];
}

test("the seed in Chinese: 时间 line, 字号 大 中 小, reciprocal hreflang with the English seed", async () => {
  const id = await zhSeedId();
  const zh = (await get(`/articles/${id}/`)).body;
  assert.match(zh, /<span class="meta-item">时间：<time datetime="2022-07-14T10:00:00\+08:00">2022年07月14日<\/time><\/span>/);
  assert.match(zh, /<span id="fs-label">字号：<\/span>/);
  for (const [s, label] of [["large", "大"], ["medium", "中"], ["small", "小"]])
    assert.ok(zh.includes(`<a href="?fs=${s}" data-fs="${s}">${label}</a>`), label);
  assert.match(zh, /<figcaption>周勇授课<\/figcaption>/);
  assert.match(zh, /29名党支部书记参加培训/);
  assert.ok(zh.includes(`<link rel="alternate" hreflang="en" href="/en/articles/1/">`));
  assert.ok(zh.includes(`<a class="lang-switch" href="/en/articles/1/" hreflang="en" lang="en">English</a>`));
  const en = (await get("/en/articles/1/")).body;
  assert.ok(en.includes(`<link rel="alternate" hreflang="zh-CN" href="/articles/${id}/">`), "reciprocal");
  assert.ok(en.includes(`<link rel="alternate" hreflang="en" href="/en/articles/1/">`));
  // Every language link resolves.
  for (const page of [zh, en, (await get("/")).body, (await get("/en/columns/notices/")).body]) {
    const href = page.match(/<a class="lang-switch" href="([^"]+)"/)[1];
    assert.equal((await get(href)).status, 200, href);
  }
  // An article under the wrong language's prefix moves to its own.
  const moved = await get("/articles/1/");
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.location, "/en/articles/1/");
  assert.equal((await get("/zh/")).status, 404, "the primary language has no prefix");
});

test("Chinese lists: 共 N 条, 最新 / 较早, an archive page gives its dates; an untranslated article's language link goes home", async () => {
  const b = (await get("/columns/highlights/")).body;
  assert.match(b, /<p class="list-count">共 43 条<\/p>/);
  assert.match(b, /<span class="current" aria-current="page">最新<\/span>/);
  assert.match(b, /<a href="\/columns\/highlights\/page\/1\/" rel="next">较早<\/a>/);
  const archive = await get("/columns/highlights/page/1/");
  assert.equal(archive.status, 200);
  // An archive page says which dates it holds, not the column's total
  // (which would change it with every new article).
  assert.match(archive.body, /<p class="list-count">2021-01-04 至 2021-06-05 共 20 条<\/p>/);
  assert.match(archive.body, /<a href="\/columns\/highlights\/" rel="prev">较新<\/a>/);
  assert.match(archive.body, /<title>[^<]*（第 1 页）/);
  const sample = b.match(/<a href="\/articles\/(\d+)\/">示例：省检察院/)[1];
  const page = (await get(`/articles/${sample}/`)).body;
  assert.match(page, /<a class="lang-switch" href="\/en\/" hreflang="en" lang="en">English<\/a>/);
  assert.doesNotMatch(page, /hreflang="en" href="\/en\/articles/);
  const en = (await get("/en/columns/highlights/")).body;
  assert.match(en, /<p class="list-count">45 articles<\/p>/);
  const enArchive = await get("/en/columns/highlights/page/1/");
  assert.match(enArchive.body, /<p class="list-count">20 articles from 2021-06-07 to 2022-03-19<\/p>/);
  assert.equal((await get("/en/columns/highlights/page/2/")).status, 404);
});

test("elderly-friendly mode: a link sets it, a cookie keeps it, the cache keeps the two apart", async () => {
  const on = await get("/columns/notices/?care=1");
  assert.equal(on.status, 200);
  assert.match(on.headers["set-cookie"]?.[0] ?? "", /^__Host-procura_care=1; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/);
  assert.match(on.body, /<html lang="zh-CN" class="care">/);
  // Both labels ride along for site.js, which switches the view in place.
  assert.match(on.body, /<a class="care-switch" href="\?care=0" rel="nofollow" data-label-on="标准版" data-label-off="长者模式">标准版<\/a>/);
  const kept = await get("/columns/notices/", { headers: { Cookie: "__Host-procura_care=1" } });
  assert.match(kept.body, /class="care"/);
  const plain = await get("/columns/notices/");
  assert.doesNotMatch(plain.body, /class="care"/, "a reader without the cookie gets the standard page");
  assert.match(plain.body, /<a class="care-switch" href="\?care=1" rel="nofollow" data-label-on="标准版" data-label-off="长者模式">长者模式<\/a>/);
  assert.equal(plain.headers.vary, "Cookie, Accept-Encoding");
  const off = await get("/columns/notices/?care=0", { headers: { Cookie: "__Host-procura_care=1" } });
  assert.doesNotMatch(off.body, /class="care"/);
  assert.match(off.headers["set-cookie"]?.[0] ?? "", /^__Host-procura_care=0;/);
  // The switch works from every page type, the search and "not found" pages too.
  for (const [path, status] of [["/search?q=%E5%9F%B9%E8%AE%AD&care=0", 200], ["/nope?care=0", 404]]) {
    const r = await get(path, { headers: { Cookie: "__Host-procura_care=1" } });
    assert.equal(r.status, status, path);
    assert.doesNotMatch(r.body, /class="care"/, path);
    assert.match(r.headers["set-cookie"]?.[0] ?? "", /^__Host-procura_care=0;/, path);
  }
});

test("Chinese search on the demo: 培训, 党支部, 支部书记 and 检察 find their articles, highlighted", async () => {
  await waitForSearch(srv);
  const zhSeed = `/articles/${await zhSeedId()}/`;
  for (const [q, count] of [["培训", 1], ["党支部", 3], ["支部书记", 2], ["检察", 7]]) {
    const b = (await get(`/search?q=${encodeURIComponent(q)}`)).body;
    assert.match(b, new RegExp(`共 ${count} 条结果`), q);
    assert.ok(b.includes(`<h2><a href="${zhSeed}">省检察院机关举办党支部书记培训班</a></h2>`), `${q} finds the seed`);
    assert.ok(b.includes(`<mark>${q}</mark>`), `${q} is highlighted`);
  }
});
