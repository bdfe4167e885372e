// Publishing outputs: RSS and Atom feeds (site and column, both languages)
// read by a real feed parser (Debian's python3-feedparser), the sitemap
// validated by xmllint against the sitemap protocol's schema, robots.txt
// from the site settings, and each page's description, canonical link,
// Open Graph / Twitter tags and feed links. A publish or a withdrawal
// reaches the cached feeds and sitemap at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { join } from "node:path";
import { startServer, tempDir, request, ROOT, BIN, withDatabase } from "../lib/server.mjs";
import { addUser, apiToken, api, publishViaApi, Client, siteWithNewsroom } from "../lib/newsroom.mjs";

const BASE = "http://127.0.0.1:8080";  // the demo's public address
let srv, dir, t;
before(async () => {
  const site = await siteWithNewsroom();
  ({ srv, dir } = site);
  t = { ed: site.ed, rv: site.rv, adm: site.adm };
});
after(async () => { await srv.stop(); });

// The feed as feedparser reads it: {bozo, version, title, link, language, entries: [{title, link, id, published, summary}]}.
function parseFeed(xml) {
  const file = join(dir, "feed-under-test.xml");
  writeFileSync(file, xml);
  const py = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": d.bozo, "error": str(d.get("bozo_exception", "")), "version": d.version,
  "title": d.feed.get("title"), "link": d.feed.get("link"), "language": d.feed.get("language"),
  "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
               "published": e.get("published_parsed") is not None, "summary": e.get("summary", "")}
              for e in d.entries]}))`;
  const r = spawnSync("/usr/bin/python3", ["-c", py, file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function xmllint(xml, schema) {
  const file = join(dir, "doc-under-test.xml");
  writeFileSync(file, xml);
  const args = ["--noout", ...(schema ? ["--schema", join(ROOT, "tests/fixtures/xml", schema)] : []), file];
  return spawnSync("xmllint", args, { encoding: "utf8" });
}

test("site and column feeds, RSS and Atom, in both languages, parse cleanly", async () => {
  for (const [path, version, lang, first] of [
    ["/feed.xml", "rss20", "zh-CN", "省检察院机关举办党支部书记培训班"],
    ["/atom.xml", "atom10", "zh-CN", "省检察院机关举办党支部书记培训班"],
    ["/en/feed.xml", "rss20", "en", null],
    ["/en/atom.xml", "atom10", "en", null],
    ["/columns/highlights/feed.xml", "rss20", "zh-CN", "省检察院机关举办党支部书记培训班"],
    ["/en/columns/highlights/atom.xml", "atom10", "en", null],
  ]) {
    const res = await request(srv.url + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers["content-type"], version === "rss20" ? /^application\/rss\+xml; charset=utf-8/ : /^application\/atom\+xml; charset=utf-8/);
    assert.equal(xmllint(res.body).status, 0, `${path} is well-formed`);
    const feed = parseFeed(res.body);
    assert.equal(feed.bozo, false, `${path}: ${feed.error}`);
    assert.equal(feed.version, version, path);
    if (version === "rss20") assert.equal(feed.language, lang, path);
    assert.ok(feed.entries.length > 0 && feed.entries.length <= 20, `${path}: ${feed.entries.length} entries`);
    for (const e of feed.entries) {
      assert.ok(e.link.startsWith(BASE + (lang === "en" ? "/en/articles/" : "/articles/")), `${path}: ${e.link}`);
      assert.ok(e.published, `${path}: ${e.title} has a date`);
      assert.ok(e.summary.length > 0, `${path}: ${e.title} has a summary`);
      assert.doesNotMatch(e.summary, /[#*]{2}|<p>/, "plain text, not Markdown or HTML");
    }
    if (first) assert.equal(feed.entries[0].title, first, `${path}: newest first`);
  }
  // The column feed lists what the column's first page lists, in order.
  const column = parseFeed((await request(srv.url + "/en/columns/highlights/feed.xml")).body);
  const page = (await request(srv.url + "/en/columns/highlights/")).body;
  const listed = [...page.matchAll(/<a href="(\/en\/articles\/\d+\/)"/g)].map((m) => m[1]);
  assert.deepEqual(column.entries.map((e) => e.link.slice(BASE.length)), [...new Set(listed)].slice(0, 20));
});

test("unknown feeds are 404: a missing column, a language the site does not have", async () => {
  for (const path of ["/columns/no-such/feed.xml", "/zh/feed.xml", "/en/columns/no-such/atom.xml", "/sitemaps/0.xml", "/sitemaps/2.xml", "/sitemaps/x.xml"])
    assert.equal((await request(srv.url + path)).status, 404, path);
});

test("the sitemap lists every public page with lastmod and validates against the protocol's schema", async () => {
  const res = await request(srv.url + "/sitemap.xml");
  assert.equal(res.status, 200);
  assert.match(res.headers["content-type"], /^application\/xml/);
  const lint = xmllint(res.body, "sitemap.xsd");
  assert.equal(lint.status, 0, lint.stderr);
  const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.equal(new Set(locs).size, locs.length, "no URL twice");
  for (const url of [`${BASE}/`, `${BASE}/en/`, `${BASE}/columns/highlights/`, `${BASE}/en/columns/highlights/`, `${BASE}/articles/38/`, `${BASE}/en/articles/1/`])
    assert.ok(locs.includes(url), url);
  assert.equal((res.body.match(/<lastmod>/g) || []).length, locs.length, "every URL has lastmod");
  // Every listed URL answers 200 on this server.
  for (const url of locs) assert.equal((await request(srv.url + url.slice(BASE.length))).status, 200, url);
  const health = JSON.parse((await request(srv.url + "/healthz")).body);
  assert.equal(locs.filter((u) => /\/articles\/\d+\/$/.test(u)).length, health.articles, "every published article");
});

test("robots.txt follows the site settings and names the sitemap", async () => {
  let robots = await request(srv.url + "/robots.txt");
  assert.equal(robots.status, 200);
  assert.match(robots.headers["content-type"], /^text\/plain/);
  assert.equal(robots.body, `User-agent: *\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: ${BASE}/sitemap.xml\n`);
  addUser(dir, "boss", ["admin"]);  // the CLI writes beside the running server
  const boss = new Client(srv, { lang: "en" });
  await boss.signIn("boss");
  const form = (await boss.get("/admin/settings")).body;
  const fields = {};
  for (const m of form.matchAll(/<input id="s-[^"]*" name="([^"]+)"[^>]*? value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&apos;/g, "'");
  for (const m of form.matchAll(/<textarea id="s-[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = m[2].replace(/&apos;/g, "'");
  const saved = await boss.post("/admin/settings", { ...fields, robots_disallow: "", public_url: "https://www.example.gov.cn" });
  assert.equal(saved.status, 303);
  robots = await request(srv.url + "/robots.txt");
  assert.equal(robots.body, "User-agent: *\nDisallow:\n\nSitemap: https://www.example.gov.cn/sitemap.xml\n");
  assert.match((await request(srv.url + "/feed.xml")).body, /<link>https:\/\/www.example.gov.cn\/<\/link>/, "feeds follow the address");
  assert.match((await request(srv.url + "/articles/38/")).body, /<link rel="canonical" href="https:\/\/www.example.gov.cn\/articles\/38\/">/);
  await boss.post("/admin/settings", { ...fields });  // back to the demo's
  assert.match((await request(srv.url + "/robots.txt")).body, /Sitemap: http:\/\/127.0.0.1:8080\/sitemap.xml/);
});

test("each page carries its description, canonical link, sharing tags and feed links", async () => {
  const article = (await request(srv.url + "/articles/38/?fs=large")).body;
  const meta = (prop) => article.match(new RegExp(`<meta (?:name|property)="${prop}" content="([^"]*)">`))?.[1];
  assert.match(article, new RegExp(`<link rel="canonical" href="${BASE}/articles/38/">`), "without the font-size query");
  assert.equal(meta("og:type"), "article");
  assert.equal(meta("og:title"), "省检察院机关举办党支部书记培训班");
  assert.equal(meta("og:url"), `${BASE}/articles/38/`);
  assert.equal(meta("og:locale"), "zh_CN");
  assert.match(meta("og:image"), new RegExp(`^${BASE}/media/[0-9a-f]+\\.svg$`));
  assert.match(meta("og:image:alt"), /讲座示意图/);
  assert.equal(meta("article:published_time"), "2022-07-14T02:00:00+00:00");
  assert.equal(meta("twitter:card"), "summary_large_image");
  const description = meta("description");
  assert.ok(description.length > 20 && [...description].length <= 120, description);
  assert.match(description, /党支部书记培训班/);
  assert.equal(meta("og:description"), description);
  for (const href of ["/feed.xml", "/atom.xml", "/columns/highlights/feed.xml", "/columns/highlights/atom.xml"])
    assert.ok(article.includes(`href="${href}"`), href);
  const home = (await request(srv.url + "/en/")).body;
  assert.match(home, /<meta property="og:type" content="website">/);
  assert.match(home, /<meta name="description" content="Portal of the Provincial People&apos;s Procuratorate/);
  assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/en\/feed.xml">/);
  assert.match(home, /<meta name="twitter:card" content="summary">/);
  const column = (await request(srv.url + "/en/columns/highlights/")).body;
  assert.match(column, /<meta name="description" content="News and major events of the procuratorate\.">/, "the column's English description");
  assert.doesNotMatch((await request(srv.url + "/nope")).body, /rel="canonical"/, "no canonical on a 404");
});

test("a publish and a withdrawal reach the cached feeds and sitemap at once", async () => {
  const before = parseFeed((await request(srv.url + "/columns/party-building/atom.xml")).body);
  await request(srv.url + "/sitemap.xml");  // cached now
  const id = await publishViaApi(srv, t.ed, t.rv, "Outputsquokka 报道", "Quokka body text.", 2);
  const url = `${BASE}/articles/${id}/`;
  for (const path of ["/feed.xml", "/atom.xml", "/columns/party-building/atom.xml"]) {
    const feed = parseFeed((await request(srv.url + path)).body);
    assert.equal(feed.entries[0].link, url, `${path} leads with the new article`);
    assert.equal(feed.entries[0].summary, "Quokka body text.");
  }
  assert.ok((await request(srv.url + "/sitemap.xml")).body.includes(`<loc>${url}</loc>`));
  assert.ok(!(await request(srv.url + "/en/feed.xml")).body.includes(url), "not in the other language's feed");
  const r = spawnSync(BIN, withDatabase(["article", "withdraw", "--data", dir, "--id", String(id), "--reason", "test"]), { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const deadline = Date.now() + 5000;
  let feed;
  do {
    feed = parseFeed((await request(srv.url + "/columns/party-building/atom.xml")).body);
  } while (feed.entries.some((e) => e.link === url) && Date.now() < deadline);
  assert.deepEqual(feed.entries.map((e) => e.link), before.entries.map((e) => e.link), "back to what it was");
  assert.ok(!(await request(srv.url + "/sitemap.xml")).body.includes(url));
});

test("pages, feeds and assets come precompressed as Accept-Encoding asks, with Vary and per-coding ETags", async () => {
  for (const path of ["/articles/38/", "/", "/en/columns/highlights/", "/feed.xml", "/sitemap.xml", "/static/css/site.css"]) {
    const plain = await request(srv.url + path);
    assert.equal(plain.status, 200, path);
    assert.equal(plain.headers["content-encoding"], undefined, `${path}: identity without Accept-Encoding`);
    assert.match(plain.headers.vary, /Accept-Encoding/, path);
    for (const [ae, coding, decode] of [["gzip, deflate, br", "br", brotliDecompressSync], ["gzip", "gzip", gunzipSync],
                                        ["br;q=0, gzip;q=0.8", "gzip", gunzipSync]]) {
      const res = await request(srv.url + path, { headers: { "Accept-Encoding": ae } });
      assert.equal(res.headers["content-encoding"], coding, `${path} ${ae}`);
      assert.match(res.headers.vary, /Accept-Encoding/);
      assert.equal(Number(res.headers["content-length"]), res.raw.length);
      assert.ok(res.raw.length < plain.raw.length / 2, `${path} ${coding}: ${res.raw.length} of ${plain.raw.length}`);
      assert.ok(decode(res.raw).equals(plain.raw), `${path} ${coding} decodes to the same bytes`);
      const suffix = coding === "br" ? "-br" : "-gz";
      assert.equal(res.headers.etag, plain.headers.etag.replace(/"$/, `${suffix}"`));
      const again = await request(srv.url + path, { headers: { "Accept-Encoding": ae, "If-None-Match": res.headers.etag } });
      assert.equal(again.status, 304, `${path} ${coding} revalidates`);
    }
    const none = await request(srv.url + path, { headers: { "Accept-Encoding": "gzip;q=0, br;q=0" } });
    assert.equal(none.headers["content-encoding"], undefined);
    assert.ok(none.raw.equals(plain.raw));
  }
  // Media files are sent as stored.
  const article = (await request(srv.url + "/articles/38/")).body;
  const media = article.match(/src="(\/media\/[^"]+)"/)[1];
  const img = await request(srv.url + media, { headers: { "Accept-Encoding": "gzip, br" } });
  assert.equal(img.status, 200);
  assert.equal(img.headers["content-encoding"], undefined);
});

test("a cache hit's pre-serialized head carries every header the general path sends; HEAD, HTTP/1.0 and ?fs= take the general path", async () => {
  const { rawExchange } = await import("../lib/server.mjs");
  const headersOf = (data) => {
    const [head] = data.split("\r\n\r\n");
    const lines = head.split("\r\n");
    const map = {};
    for (const l of lines.slice(1)) { const i = l.indexOf(":"); map[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
    return { status: lines[0], headers: map, body: data.slice(head.length + 4) };
  };
  await request(srv.url + "/articles/38/");  // cached now
  const get = headersOf((await rawExchange(srv.port, "GET /articles/38/ HTTP/1.1\r\nHost: t\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n")).data);
  const head = headersOf((await rawExchange(srv.port, "HEAD /articles/38/ HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).data);
  const old = headersOf((await rawExchange(srv.port, "GET /articles/38/ HTTP/1.0\r\nHost: t\r\n\r\n")).data);
  for (const [what, r] of [["GET", get], ["HEAD", head], ["HTTP/1.0", old]]) {
    assert.match(r.status, /^HTTP\/1\.[01] 200 OK$/, what);
    for (const h of ["content-security-policy", "x-content-type-options", "etag", "cache-control", "vary", "content-type", "content-length", "server"])
      assert.ok(r.headers[h], `${what}: ${h}`);
    assert.match(r.headers.date, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/, what);
    assert.equal(r.headers.vary, "Cookie, Accept-Encoding", what);
    assert.equal(r.headers["content-length"], get.headers["content-length"], what);
  }
  assert.equal(get.headers.connection, "close", "asked to close: says so");
  assert.equal(Buffer.byteLength(get.body, "latin1"), Number(get.headers["content-length"]));
  assert.equal(head.body, "", "HEAD has no body");
  // Two requests on one connection: both answered, in order, with the right lengths.
  const two = (await rawExchange(srv.port, "GET /articles/38/ HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).data;
  assert.equal((two.match(/HTTP\/1\.1 200 OK/g) || []).length, 2);
  assert.match(two, /Content-Encoding: br/);
  // ?fs= sets a cookie: the general path, with the cookie.
  const fs = await request(srv.url + "/articles/38/?fs=large");
  assert.match(String(fs.headers["set-cookie"]), /__Host-procura_fs=large/);
  assert.ok(fs.headers.etag && fs.headers["content-security-policy"]);
});
