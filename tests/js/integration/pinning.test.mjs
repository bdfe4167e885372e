// 置顶: a reviewer pins a published article to the top of its column's
// first page and of its block on the home page, until a day or until
// unpinned; the scheduler ends a pin whose time is up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, Client, siteWithNewsroom } from "../lib/newsroom.mjs";
import { request, waitFor } from "../lib/server.mjs";

Client.defaultLang = "en";
let site, oldest, newest, oldestTitle, ids;

const pinnedOn = (body) => [...body.matchAll(/<li class="pinned"><span class="pin-tag">[^<]+<\/span> <a href="[^"]*\/articles\/(\d+)\/">/g)].map((m) => Number(m[1]));
const firstListed = (body) => Number(body.match(/<ul class="article-list">\s*<li[^>]*>(?:<span class="pin-tag">[^<]+<\/span> )?<a href="[^"]*\/articles\/(\d+)\//)[1]);
const page = async (path) => (await request(site.srv.url + path)).body;

before(async () => {
  site = await siteWithNewsroom();
  // 检察要闻 has two list pages of the demo's articles; rv reviews it too.
  const columns = await api(site.srv, "GET", "/api/v1/columns", { token: site.adm });
  const c = columns.json.columns.find((x) => x.slug === "highlights");
  const put = await api(site.srv, "PUT", `/api/v1/columns/${c.id}`, { token: site.adm, json: { name: c.name, slug: c.slug, position: c.position, reviewer_ids: [2] } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const list = await api(site.srv, "GET", `/api/v1/articles?status=published&column_id=${c.id}&limit=200`, { token: site.rv });
  const zh = list.json.articles.filter((a) => a.lang === "zh-CN").sort((a, b) => a.published_at.localeCompare(b.published_at));
  assert.ok(zh.length > 40, "the demo has two list pages in 检察要闻");
  [oldest, newest, oldestTitle] = [zh[0].id, zh[zh.length - 1].id, zh[0].title];
  ids = zh.map((a) => a.id);
});
after(async () => { await site.srv.stop(); });

test("a reviewer pins an old article: first on the column's first page and home block, marked, until unpinned", async () => {
  assert.equal(firstListed(await page("/columns/highlights/")), newest);
  const rv = new Client(site.srv);
  await rv.signIn("rv");
  const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10);
  const done = await rv.post(`/admin/articles/${oldest}/pin`, { until: tomorrow });
  assert.equal(done.status, 303, done.body.slice(0, 400));
  const column = await page("/columns/highlights/");
  assert.deepEqual(pinnedOn(column), [oldest]);
  assert.equal(firstListed(column), oldest);
  assert.match(column, /<span class="pin-tag">置顶<\/span>/);
  assert.equal([...column.matchAll(new RegExp(`/articles/${oldest}/"`, "g"))].length, 1, "not listed twice");
  const home = await page("/");
  const block = home.slice(home.indexOf('id="col-highlights"'));
  assert.equal(firstListed(block), oldest);
  assert.deepEqual(pinnedOn(await page("/columns/highlights/page/1/")), [], "archive pages keep their order, unmarked");
  assert.match((await rv.get("/admin/articles/?q=" + encodeURIComponent(oldestTitle))).body,
    new RegExp(`<a href="/admin/articles/${oldest}/" lang="[^"]+">[^<]+</a></td><td[^>]*>[^<]*</td><td[^>]*><span class="status">[^<]+</span> <span class="pin-tag">Pinned</span>`),
    "the newsroom's list marks it");
  const editor = (await rv.get(`/admin/articles/${oldest}/`)).body;
  assert.match(editor, new RegExp(`Pinned to the top of its column since [^,]+, through ${tomorrow}\\.`));
  assert.match(editor, new RegExp(`<input id="pin-until" name="until" type="date" value="${tomorrow}">`));

  // Refusals come back on the article with the reason.
  const past = await rv.post(`/admin/articles/${oldest}/pin`, { until: "2020-01-01" });
  assert.equal(past.status, 422);
  assert.match(past.body, /Pinned until: choose a time in the future\./);
  const garbled = await rv.post(`/admin/articles/${oldest}/pin`, { until: "next week" });
  assert.equal(garbled.status, 422);
  assert.match(garbled.body, /Pinned until: enter a day as 2026-12-31\./);
  const ed = new Client(site.srv);
  await ed.signIn("ed");
  assert.equal((await ed.post(`/admin/articles/${oldest}/pin`, {})).status, 403, "editors do not pin");
  const edView = (await ed.get(`/admin/articles/${oldest}/`)).body;
  assert.doesNotMatch(edView, /id="pin-until"/);
  assert.match(edView, /<p id="pinned-note"><span class="pin-tag">Pinned<\/span> Pinned to the top of its column since/, "editors see that it is pinned");

  assert.equal((await rv.post(`/admin/articles/${oldest}/unpin`, {})).status, 303);
  assert.deepEqual(pinnedOn(await page("/columns/highlights/")), []);
  assert.equal(firstListed(await page("/columns/highlights/")), newest);
});

test("through the API, and the scheduler ends a pin whose time is up", async () => {
  let r = await api(site.srv, "POST", `/api/v1/articles/${oldest}/pin`, { token: site.ed, json: {} });
  assert.equal(r.status, 403);
  r = await api(site.srv, "POST", `/api/v1/articles/${oldest}/pin`, { token: site.rv, json: { pinned_until: "soon" } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /^pinned_until: an RFC 3339 time/);
  const soon = new Date(Date.now() + 3000).toISOString().replace(/\.\d+Z$/, "Z");
  r = await api(site.srv, "POST", `/api/v1/articles/${oldest}/pin`, { token: site.rv, json: { pinned_until: soon } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.ok(r.json.article.pinned_at);
  assert.ok(r.json.article.pinned_until);
  assert.deepEqual(pinnedOn(await page("/columns/highlights/")), [oldest]);
  await waitFor(async () => pinnedOn(await page("/columns/highlights/")).length === 0,
                { what: "the pin to run out", timeoutMs: 10000 });
  r = await api(site.srv, "GET", `/api/v1/articles/${oldest}`, { token: site.rv });
  assert.equal(r.json.article.pinned_at, null);
  r = await api(site.srv, "POST", `/api/v1/articles/${oldest}/unpin`, { token: site.rv, json: {} });
  assert.equal(r.status, 422, "not pinned");
});

test("at most five pinned in a column, with eight requests at once", async () => {
  const eight = ids.slice(1, 9);
  const answers = await Promise.all(eight.map((id) =>
    api(site.srv, "POST", `/api/v1/articles/${id}/pin`, { token: site.rv, json: {} })));
  const codes = answers.map((r) => r.status).sort();
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 422, 422, 422]);
  const refused = answers.find((r) => r.status === 422);
  assert.match(refused.json.error.message, /This column already has 5 pinned articles: unpin one first\./);
  assert.equal(pinnedOn(await page("/columns/highlights/")).length, 5);
  for (const id of eight) await api(site.srv, "POST", `/api/v1/articles/${id}/unpin`, { token: site.rv, json: {} });
  assert.equal(pinnedOn(await page("/columns/highlights/")).length, 0);
});
