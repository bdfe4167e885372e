// The static export: `procura export` writes the public site as files that
// Debian's nginx (started here, on loopback) serves under the same URLs.
// A crawl from the home pages, the sitemap and the feeds finds every link
// answering 200 and every page equal to the dynamic server's; `--follow`
// keeps the files in step with a new article, an edit and a withdrawal,
// rewriting only what they touch, and ends byte for byte equal to a fresh
// export; `serve --export-to` does the same beside the server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync, writeFileSync, chmodSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { startServer, tempDir, request, waitFor, BIN, ROOT, withDatabase } from "../lib/server.mjs";
import { addUser, apiToken, api, apiReview, publishViaApi, siteWithNewsroom } from "../lib/newsroom.mjs";
import { startNginx } from "../lib/nginx.mjs";

const BASE = "http://127.0.0.1:8080";  // the demo's public address
let srv, dir, t;
before(async () => {
  const site = await siteWithNewsroom();
  ({ srv, dir } = site);
  t = { ed: site.ed, rv: site.rv, adm: site.adm };
});
after(async () => { await srv.stop(); });

const exportCli = (args) => spawnSync(BIN, withDatabase(["export", "--data", dir, ...args]), { encoding: "utf8", timeout: 60000 });

// Every file under `root` but the export's state (.procura-export and its
// page index .procura-export.db): relative path → bytes.
function tree(root) {
  const out = new Map();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.startsWith(".procura-export")) out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}
// The files under `root` by name only, while an exporter may be writing
// (its temporary files come and go).
function names(root) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (!e.name.includes(".tmp.")) out.push(relative(root, join(d, e.name)));
    }
  };
  walk(root);
  return out;
}
const inodes = (root) => new Map([...tree(root).keys()].map((f) => [f, statSync(join(root, f)).ino]));
const stateSeq = (root) => Number(readFileSync(join(root, ".procura-export"), "utf8").match(/^seq\t(-?\d+)$/m)[1]);

// Internal links of a page or feed, as paths ("/articles/1/"); queries and
// fragments dropped. A script site.js loads on demand (data-lib) counts.
function links(body, isXml) {
  const raw = isXml
    ? [...body.matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>|href="([^"]+)"/g)].map((m) => m[1] ?? m[2])
    : [...body.matchAll(/(?:href|src|data-lib)="([^"]+)"|srcset="([^"]+)"/g)].flatMap((m) => m[1] ? [m[1]] : m[2].split(",").map((s) => s.trim().split(/\s+/)[0]));
  const out = [];
  for (let u of raw) {
    u = u.replace(/&amp;/g, "&");
    if (u.startsWith(BASE)) u = u.slice(BASE.length) || "/";
    if (!u.startsWith("/") || u.startsWith("//")) continue;
    u = u.replace(/[?#].*$/, "");
    // Search and the message boxes are proxied to a node (docs/deploy.md).
    if (u === "" || /^(\/en|\/zh)?\/(search|mailbox\/)/.test(u)) continue;
    out.push(u);
  }
  return out;
}

// A directory the export is to create, under a parent anyone may enter.
function newPublicDir() {
  const parent = tempDir();
  chmodSync(parent, 0o755);
  return join(parent, "public", "site");
}

test("a full export served by nginx answers every link, and each page equals the dynamic server's", async () => {
  // procura runs with umask 077; the directories it creates are still 0755,
  // or nginx's workers (nobody here) would answer 403 to everything.
  const out = newPublicDir();
  const r = exportCli(["--out", out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(out).mode & 0o777, 0o755);
  assert.equal(statSync(join(out, "..")).mode & 0o777, 0o755);
  assert.doesNotMatch(r.stderr, /403/);
  assert.match(r.stdout, /^exported \d+ pages to /);
  assert.match(r.stderr, /export: \d+\/\d+ pages \(100%\)/, "plain progress lines off a terminal");
  const nginx = await startNginx(out);
  try {
    const queue = ["/", "/en/", "/sitemap.xml", "/robots.txt", "/feed.xml", "/atom.xml", "/en/feed.xml", "/en/atom.xml", "/404.html"];
    const seen = new Set(queue);
    let pages = 0;
    while (queue.length) {
      const path = queue.shift();
      const res = await request(nginx.url + path);
      assert.equal(res.status, 200, `nginx ${path}`);
      if (path.startsWith("/static/") || path.startsWith("/media/")) continue;
      const dynamic = await request(srv.url + path);
      if (path !== "/404.html") {
        assert.equal(dynamic.status, 200, `server ${path}`);
        assert.ok(res.raw.equals(dynamic.raw), `${path}: the exported file equals the server's page`);
      }
      pages++;
      const isXml = path.endsWith(".xml");
      if (path === "/robots.txt") continue;
      for (const link of links(res.body, isXml))
        if (!seen.has(link)) { seen.add(link); queue.push(link); }
    }
    const sitemap = (await request(nginx.url + "/sitemap.xml")).body;
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].slice(BASE.length));
    for (const loc of locs) assert.ok(seen.has(loc), `sitemap entry ${loc} crawled`);
    assert.ok(pages > 80, `${pages} pages crawled`);
    assert.ok([...seen].some((p) => p.startsWith("/media/")), "images crawled");
    assert.ok([...seen].some((p) => /^\/static\/css\/site\.[0-9a-f]{10}\.css$/.test(p)), "fingerprinted assets crawled");
    // nginx sends the precompressed file; it decodes to the same page.
    const plain = await request(nginx.url + "/articles/38/");
    const gz = await request(nginx.url + "/articles/38/", { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.ok(gunzipSync(gz.raw).equals(plain.raw));
    assert.ok(existsSync(join(out, "articles/38/index.html.br")), "brotli beside it");
    const missing = await request(nginx.url + "/articles/999999/");
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<title>[^<]*(页面不存在|Page not found)/);
    assert.equal((await request(nginx.url + "/.procura-export")).status, 404, "the state is not served");
    assert.equal((await request(nginx.url + "/.procura-export.db")).status, 404, "nor its page index");
  } finally {
    await nginx.stop();
  }
  // A second run finds every file already right and writes nothing.
  const before = inodes(out);
  const again = exportCli(["--out", out]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, / 0 written, 0 deleted, 0 assets and media files/);
  assert.deepEqual(inodes(out), before);
});

test("--follow rewrites exactly what a new article, an edit, a withdrawal and a pin touch, and matches a fresh export", async () => {
  // rv reviews 检察要闻 too (for the pin below), before the export starts:
  // a column's change rebuilds every page, which would hide what a pin does.
  const cols = await api(srv, "GET", "/api/v1/columns", { token: t.adm });
  const hl = cols.json.columns.find((c) => c.slug === "highlights");
  const put = await api(srv, "PUT", `/api/v1/columns/${hl.id}`, { token: t.adm, json: { name: hl.name, slug: hl.slug, position: hl.position, reviewer_ids: [2] } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const out = tempDir();
  const follower = spawn(BIN, withDatabase(["export", "--data", dir, "--out", out, "--follow"]), { stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  follower.stdout.on("data", (d) => (said += d));
  follower.stderr.on("data", (d) => (said += d));
  try {
    await waitFor(() => said.includes("following the change log"), { timeoutMs: 30000, what: "the first export" });
    const seq0 = stateSeq(out);
    const before = inodes(out);
    // A new article in party-building.
    const id = await publishViaApi(srv, t.ed, t.rv, "Exportwombat 报道", "Wombat 正文。", 2);
    const page = join(out, `articles/${id}/index.html`);
    await waitFor(() => existsSync(page) && stateSeq(out) > seq0, { timeoutMs: 5000, what: "the new article's file" });
    const afterNew = inodes(out);
    const changed = [...afterNew.keys()].filter((f) => before.get(f) !== afterNew.get(f)).map((f) => f.replace(/\.(gz|br)$/, ""));
    const allowed = new RegExp(`^(index\\.html|feed\\.xml|atom\\.xml|sitemap\\.xml|articles/\\d+/index\\.html|columns/party-building/(index\\.html|page/\\d+/index\\.html|feed\\.xml|atom\\.xml))$`);
    for (const f of new Set(changed)) assert.match(f, allowed, `${f} is something a new party-building article touches`);
    assert.ok(changed.includes(`articles/${id}/index.html`));
    assert.ok(changed.includes("columns/party-building/index.html"));
    const neighbours = [...new Set(changed)].filter((f) => /^articles\/\d+\//.test(f) && f !== `articles/${id}/index.html`);
    assert.ok(neighbours.length <= 1, `only the neighbour it links to: ${neighbours}`);
    assert.equal(before.get("columns/highlights/index.html"), afterNew.get("columns/highlights/index.html"), "another column untouched");
    assert.equal(before.get("en/index.html"), afterNew.get("en/index.html"), "the other language untouched");
    // An edit of the published article (a pending revision, approved).
    const got = await api(srv, "GET", `/api/v1/articles/${id}`, { token: t.ed });
    const edit = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: t.ed, json: { version: got.json.article.version, title: "Exportwombat 报道（更新）", body: "Wombat 正文，已更新。", column_id: 2 } });
    assert.equal(edit.status, 200, JSON.stringify(edit.json));
    await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: t.ed });
    const approved = await apiReview(srv, id, "approve", t.rv);
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    await waitFor(() => readFileSync(page, "utf8").includes("已更新"), { timeoutMs: 5000, what: "the edit in the file" });
    // A withdrawal of an older article in the same column, from the command line.
    const older = Number(neighbours[0]?.match(/\d+/)?.[0] ?? 41);
    const w = spawnSync(BIN, withDatabase(["article", "withdraw", "--data", dir, "--id", String(older), "--reason", "export test"]), { encoding: "utf8" });
    assert.equal(w.status, 0, w.stderr);
    await waitFor(() => !existsSync(join(out, `articles/${older}/index.html`)), { timeoutMs: 5000, what: "the withdrawn article's file to go" });
    await waitFor(() => !existsSync(join(out, `articles/${older}`)), { timeoutMs: 5000, what: "its directory to go too" });
    await waitFor(() => !readFileSync(join(out, "sitemap.xml"), "utf8").includes(`/articles/${older}/`), { timeoutMs: 5000, what: "the sitemap" });
    // 置顶: 检察要闻's oldest article, on an archive page, pinned to the top
    // of the column's first page and of its block on the home page (the
    // first page did not show it before, so only the pin can rebuild it).
    const list = await api(srv, "GET", `/api/v1/articles?status=published&column_id=${hl.id}&limit=200`, { token: t.rv });
    const zh = list.json.articles.filter((x) => x.lang === "zh-CN").sort((x, y) => x.published_at.localeCompare(y.published_at));
    assert.ok(!readFileSync(join(out, "columns/highlights/index.html"), "utf8").includes(`/articles/${zh[0].id}/"`), "not on the first page yet");
    const pin = await api(srv, "POST", `/api/v1/articles/${zh[0].id}/pin`, { token: t.rv, json: {} });
    assert.equal(pin.status, 200, JSON.stringify(pin.json));
    const pinnedFirst = (file) => new RegExp(`<li class="pinned"><span class="pin-tag">[^<]+</span> <a href="/articles/${zh[0].id}/">`).test(readFileSync(join(out, file), "utf8"));
    await waitFor(() => pinnedFirst("columns/highlights/index.html"), { timeoutMs: 5000, what: "the pin on the column's page" });
    await waitFor(() => pinnedFirst("index.html"), { timeoutMs: 5000, what: "the pin on the home page" });
    // An article with a photo of its own, published and withdrawn: the
    // photo's files leave the export with it (not left public).
    const photo = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
    const up = await api(srv, "POST", "/api/v1/media?filename=koala.jpg&alt=Koala", { token: t.ed, body: photo, headers: { "Content-Type": "image/jpeg" } });
    assert.equal(up.status, 201, JSON.stringify(up.json));
    const pictured = await publishViaApi(srv, t.ed, t.rv, "Exportkoala 报道", `Koala 正文。\n\n![Koala](${up.json.url})`, 2);
    const photoFile = join(out, up.json.url.slice(1));
    await waitFor(() => existsSync(photoFile), { timeoutMs: 5000, what: "the photo in the export" });
    const wp = spawnSync(BIN, withDatabase(["article", "withdraw", "--data", dir, "--id", String(pictured), "--reason", "export test"]), { encoding: "utf8" });
    assert.equal(wp.status, 0, wp.stderr);
    await waitFor(() => !existsSync(photoFile), { timeoutMs: 5000, what: "the withdrawn article's photo to go" });
  } finally {
    follower.kill("SIGTERM");
    await new Promise((r) => follower.exitCode !== null ? r() : follower.once("exit", r));
  }
  assert.equal(follower.exitCode, 0, said);
  const fresh = tempDir();
  const r = exportCli(["--out", fresh]);
  assert.equal(r.status, 0, r.stderr);
  const a = tree(out), b = tree(fresh);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), "the same files");
  for (const [f, bytes] of b) assert.ok(a.get(f).equals(bytes), `${f}: byte for byte`);
  // A restart resumes from the state and writes nothing.
  const resumed = exportCli(["--out", out]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, / 0 written, 0 deleted/);
  const pages = (stdout) => Number(stdout.match(/^exported (\d+) pages/m)[1]);
  assert.equal(pages(resumed.stdout), pages(r.stdout), "the incremental runs kept count of the pages");
});

test("an existing directory only its owner may enter is exported into, with a warning that a web server would answer 403", () => {
  const owned = tempDir();  // mkdtemp: 0700
  const r = exportCli(["--out", owned]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /can be entered only by its owner: a web server running as another user will answer 403 Forbidden/);
  assert.equal(statSync(owned).mode & 0o777, 0o700, "a directory the user made keeps its mode");
  chmodSync(owned, 0o755);
  const again = exportCli(["--out", owned]);
  assert.equal(again.status, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /403 Forbidden/);
});

test("bad export requests get a clear message and their own exit code", () => {
  let r = exportCli(["--out", join(dir, "site")]);
  assert.equal(r.status, 7);
  assert.match(r.stderr, /cannot go inside the data directory/);
  const foreign = tempDir();
  writeFileSync(join(foreign, "keep.txt"), "not ours");
  r = exportCli(["--out", foreign]);
  assert.equal(r.status, 7);
  assert.match(r.stderr, /is not empty and holds no procura export/);
  assert.equal(readFileSync(join(foreign, "keep.txt"), "utf8"), "not ours");
  r = exportCli(["--out", tempDir(), "--base-url", "ftp://example.gov.cn"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--base-url must be http:\/\/ or https:\/\//);
  r = spawnSync(BIN, withDatabase(["export", "--data", join(dir, "nope"), "--out", tempDir()]), { encoding: "utf8" });
  assert.equal(r.status, 3);
  const broken = tempDir();
  writeFileSync(join(broken, ".procura-export"), "something else\n");
  r = exportCli(["--out", broken]);
  assert.equal(r.status, 7);
  assert.match(r.stderr, /is not a procura export state/);
  // A damaged line is named, never guessed at (nor a crash).
  for (const line of ["seq\tabc", "pages\t-2", "p\t/articles/1/\t0123456789abcdef\tsite"]) {
    writeFileSync(join(broken, ".procura-export"), `procura-export 2\n${line}\n`);
    r = exportCli(["--out", broken]);
    assert.equal(r.status, 7, r.stderr);
    assert.match(r.stderr, /unreadable line/);
  }
  // A page index that is not one is refused, and left as it was.
  const badIndex = tempDir();
  writeFileSync(join(badIndex, ".procura-export.db"), "not a database at all, but long enough to look like a header...");
  r = exportCli(["--out", badIndex]);
  assert.equal(r.status, 7, r.stderr);
  assert.match(r.stderr, /\.procura-export\.db is not a procura export state; remove it/);
  assert.match(readFileSync(join(badIndex, ".procura-export.db"), "utf8"), /^not a database/);
  // An empty one (a run stopped as it began) is simply started again.
  const emptyIndex = tempDir();
  writeFileSync(join(emptyIndex, ".procura-export.db"), "");
  r = exportCli(["--out", emptyIndex]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(emptyIndex, "articles/38/index.html")));
  // The first state format (every page in the one file): the export checks
  // every page once and carries on in the new format.
  const old = tempDir();
  writeFileSync(join(old, ".procura-export"), "procura-export 1\nseq\t3\nbase\t\np\t/\t0123456789abcdef\tsite\n");
  r = exportCli(["--out", old]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(old, ".procura-export"), "utf8"), /^procura-export 2\n/);
  assert.ok(existsSync(join(old, "articles/38/index.html")));
  // Another address: every absolute link follows it. Under a strict umask
  // the files are still public (the web server's user reads them).
  const other = tempDir();
  r = spawnSync("sh", ["-c", 'umask 077 && exec "$0" "$@"', BIN,
    ...withDatabase(["export", "--data", dir, "--out", other, "--base-url", "https://www.example.gov.cn/"])], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(join(other, "articles/38/index.html")).mode & 0o777, 0o644);
  assert.equal(statSync(join(other, "articles/38/index.html.br")).mode & 0o777, 0o644);
  assert.equal(statSync(join(other, "articles/38")).mode & 0o777, 0o755);
  assert.equal(statSync(join(other, "static/css")).mode & 0o777, 0o755);
  const media = readdirSync(join(other, "media"))[0];
  assert.equal(statSync(join(other, "media", media)).mode & 0o777, 0o644);
  // For a CDN that compresses by itself: no .gz or .br files.
  const plain = tempDir();
  r = exportCli(["--out", plain, "--no-precompress"]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(plain, "articles/38/index.html")));
  assert.deepEqual([...tree(plain).keys()].filter((f) => /\.(gz|br)$/.test(f)), []);
  // For a site over plain HTTP (browsers ask for brotli only over HTTPS): .gz only.
  const gzOnly = tempDir();
  r = exportCli(["--out", gzOnly, "--precompress", "gzip"]);
  assert.equal(r.status, 0, r.stderr);
  const gzFiles = [...tree(gzOnly).keys()];
  assert.ok(gzFiles.includes("articles/38/index.html.gz"), "gzip beside the page");
  assert.deepEqual(gzFiles.filter((f) => f.endsWith(".br")), []);
  r = exportCli(["--out", tempDir(), "--precompress", "br"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--precompress: br not in \{gzip\+br,gzip,none\}/);
  assert.match(readFileSync(join(other, "robots.txt"), "utf8"), /Sitemap: https:\/\/www.example.gov.cn\/sitemap.xml/);
  assert.match(readFileSync(join(other, "articles/38/index.html"), "utf8"), /<link rel="canonical" href="https:\/\/www.example.gov.cn\/articles\/38\/">/);
  // Moved to another address: every page is rewritten, none is lost.
  r = exportCli(["--out", other, "--base-url", "https://new.example.gov.cn"]);
  assert.equal(r.status, 0, r.stderr);
  const [, pages, written, deleted] = r.stdout.match(/^exported (\d+) pages to .*: (\d+) written, (\d+) deleted/m);
  assert.equal(written, pages, r.stdout);
  assert.equal(deleted, "0");
  assert.match(readFileSync(join(other, "articles/38/index.html"), "utf8"), /<link rel="canonical" href="https:\/\/new.example.gov.cn\/articles\/38\/">/);
});

test("serve --export-to keeps an export beside the server, within a second of a publish", async () => {
  const out = tempDir();
  // Over plain HTTP a site needs no .br files: --export-precompress gzip.
  const { dir: d2, srv: s2, ...tk } = await siteWithNewsroom({ args: ["--export-to", out, "--export-precompress", "gzip"] });
  try {
    await waitFor(() => existsSync(join(out, ".procura-export")), { timeoutMs: 30000, what: "the first export" });
    const id = await publishViaApi(s2, tk.ed, tk.rv, "Exportkoala 报道", "Koala 正文。", 2);
    const start = Date.now();
    await waitFor(() => existsSync(join(out, `articles/${id}/index.html`)), { timeoutMs: 5000, what: "the new article's file" });
    const page = await request(s2.url + `/articles/${id}/`);
    assert.ok(readFileSync(join(out, `articles/${id}/index.html`)).equals(page.raw));
    assert.ok(existsSync(join(out, `articles/${id}/index.html.gz`)), "gzip beside it");
    assert.deepEqual(names(out).filter((f) => f.endsWith(".br")), [], "no brotli");
    assert.ok(Date.now() - start < 3000, `${Date.now() - start} ms`);
  } finally {
    await s2.stop();
  }
  const bad = spawnSync(BIN, withDatabase(["serve", "--data", d2, "--export-to", join(d2, "x")]), { encoding: "utf8", timeout: 20000 });
  assert.equal(bad.status, 7);
  assert.match(bad.stdout + bad.stderr, /cannot go inside the data directory/);
  const badCoding = spawnSync(BIN, withDatabase(["serve", "--data", d2, "--export-to", tempDir(), "--export-precompress", "zstd"]), { encoding: "utf8", timeout: 20000 });
  assert.equal(badCoding.status, 2);
  assert.match(badCoding.stderr, /--export-precompress: zstd not in \{gzip\+br,gzip,none\}/);
});
