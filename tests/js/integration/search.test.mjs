// Search over a hand-checked Chinese/English fixture, through the real
// server: recall and ranking, CJK substrings, stemming, phrases, filters,
// pagination, publishing consistency and crash recovery.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir, ROOT, BIN, sleep, withDatabase } from "../lib/server.mjs";
import { addUser, apiToken, api, Client, apiReview, publishViaApi } from "../lib/newsroom.mjs";

const corpus = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/search-corpus.json"), "utf8"));
let srv, dir, ed, rv, adm;
const ids = {};  // fixture key → article id
const keyOf = {};  // article id → key
const columns = {};

const publish = (article, column) => publishViaApi(srv, ed, rv, article.title, article.body, column);

before(async () => {
  dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "adm", ["admin"]);
  ed = apiToken(dir, "ed"); rv = apiToken(dir, "rv"); adm = apiToken(dir, "adm");
  srv = await startServer({ dataDir: dir, demo: false });
  // A new site is Chinese first; this one is English first, chosen before
  // anything is published, so its articles (which name no language) are
  // English ones, at /.
  const boss = new Client(srv, { lang: "en" });
  await boss.signIn("adm");
  const chosen = await boss.post("/admin/settings", { name: "procura", lang: "en" });
  assert.equal(chosen.status, 303, chosen.body.slice(0, 300));
  for (const [key, slug, name] of [["party", "party-building", "Party Building"], ["notices", "notices", "Notices"], ["work", "procuratorial-work", "Procuratorial Work"]]) {
    const r = await api(srv, "POST", "/api/v1/columns", { token: adm, json: { slug, name, reviewer_ids: [2] } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    columns[key] = r.json.id;
  }
  for (const a of corpus.articles) { ids[a.key] = await publish(a, columns[a.column]); keyOf[ids[a.key]] = a.key; }
  for (let n = 1; n <= corpus.fillers.count; n++) {
    const f = corpus.fillers;
    await publish({ title: f.title.replace("{n}", n), body: f.body.replace("{n}", n) }, columns[f.column]);
  }
});
after(async () => { await srv?.stop(); });

async function search(params) {
  const qs = new URLSearchParams(params).toString();
  const res = await request(srv.url + "/search?" + qs);
  const found = [...res.body.matchAll(/<h2><a href="\/articles\/(\d+)\/">/g)].map((m) => keyOf[m[1]] ?? `#${m[1]}`);
  const total = Number((res.body.match(/(\d+) results? for/) || [])[1] ?? -1);
  return { res, found, total };
}

for (const q of corpus.queries) {
  test(`query ${q.q} finds exactly ${q.expect.join(", ")}`, async () => {
    const { found, total, res } = await search({ q: q.q });
    assert.equal(res.status, 200);
    assert.deepEqual([...found].sort(), [...q.expect].sort());
    assert.equal(total, q.expect.length);
    if (q.first) assert.equal(found[0], q.first, "title matches rank first");
  });
}

test("snippets come from the body with the matches marked, and are escaped", async () => {
  const { res } = await search({ q: "juvenile" });
  assert.match(res.body, /<p class="snippet">Officers gave talks on <mark>juvenile<\/mark> protection/);
  const cjk = await search({ q: "支部" });
  assert.match(cjk.res.body, /<mark>支部<\/mark>/);
  await publish({ title: "Escaping probe", body: "if x < y & z then <script>escapeprobe</script>" }, columns.work);
  const esc = await search({ q: "escapeprobe" });
  assert.doesNotMatch(esc.res.body, /<script>escapeprobe/);
  assert.match(esc.res.body, /x &lt; y &amp; z/);
});

test("filters by column and date, sorting, pagination", async () => {
  let r = await search({ q: "training", column: "party-building" });
  assert.deepEqual(r.found.sort(), ["e1", "e7"]);
  // Give the two notices distinct public dates (an admin's audited correction).
  const chief = new Client(srv);
  addUser(dir, "chief", ["admin"]);
  await chief.signIn("chief");
  for (const [key, when] of [["z4", "2023-01-05 10:00"], ["z10", "2024-03-01 10:00"]]) {
    assert.equal((await chief.post(`/admin/articles/${ids[key]}/correct-date`, { published: when })).status, 303);
  }
  r = await search({ q: "公告", from: "2024-01-01" });
  assert.deepEqual(r.found, ["z10"]);
  r = await search({ q: "公告", to: "2023-12-31" });
  assert.deepEqual(r.found, ["z4"]);
  r = await search({ q: "公告", sort: "newest" });
  assert.deepEqual(r.found, ["z10", "z4"]);
  const p1 = await search({ q: "inspection" });
  assert.equal(p1.total, 15);
  assert.equal(p1.found.length, 10);
  assert.match(p1.res.body, /Page 1 of 2/);
  const p2 = await search({ q: "inspection", page: "2" });
  assert.equal(p2.found.length, 5);
  assert.equal(new Set([...p1.found, ...p2.found]).size, 15);
});

test("nothing found: a helpful page, with a spelling suggestion where there is one", async () => {
  const r = await search({ q: "litigatoin" });
  assert.equal(r.total, 0);
  assert.match(r.res.body, /Did you mean <a href="\/search\?q=litigation">litigation<\/a>/);
  assert.match(r.res.body, /browse a column/);
  assert.match(r.res.body, /<a href="\/columns\/notices\/">Notices<\/a>/);
});

test("malformed queries get a message or a literal search, never a crash", async () => {
  assert.equal((await search({ q: "x".repeat(201) })).res.status, 400);
  assert.match((await search({ q: "x".repeat(201) })).res.body, /at most 200 characters/);
  for (const q of ["\"unbalanced quote", "AND OR NOT", "((((", "+ - ~ *", "title:", "培训\"", "NEAR/3"]) {
    const r = await search({ q });
    assert.equal(r.res.status, 200, q);
  }
  const bad = await request(srv.url + "/search?q=%FF%FE");
  assert.equal(bad.status, 400);
  assert.equal((await request(srv.url + "/healthz")).status, 200, "still serving");
});

test("withdrawn articles disappear at once; scheduled ones appear when published", async () => {
  assert.equal((await api(srv, "POST", `/api/v1/articles/${ids.e2}/withdraw`, { token: rv, json: { reason: "outdated" } })).status, 200);
  assert.deepEqual((await search({ q: "juvenile" })).found, []);
  const when = new Date(Date.now() + 8 * 3600e3 + 3000).toISOString().slice(0, 19).replace("T", " ");
  let r = await api(srv, "POST", "/api/v1/articles", { token: ed, json: { column_id: columns.notices, title: "Scheduled zebra notice", body: "zebra crossing works", scheduled_for: when } });
  const id = r.json.article.id;
  await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: ed });
  r = await apiReview(srv, id, "approve", rv);
  assert.equal(r.json.article.status, "scheduled");
  assert.equal((await search({ q: "zebra" })).total, 0);
  let total = 0;
  let res;
  for (let i = 0; i < 60 && total === 0; i++) { await sleep(100); ({ total, res } = await search({ q: "zebra" })); }
  assert.equal(total, 1, "findable once published");
  assert.match(res.body, />1 result for “zebra”</, "one result, in the singular");
});

test("a kill -9 between the database commit and the index write: the restart catches up", async () => {
  const r = await api(srv, "POST", "/api/v1/articles", { token: ed, json: { column_id: columns.work, title: "Quokka crash probe", body: "quokka" } });
  const id = r.json.article.id;
  await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: ed });
  await srv.stop();
  // A server armed to SIGKILL itself right after a public change commits.
  srv = await startServer({ dataDir: dir, demo: false, env: { PROCURA_FAULT: "kill-after-commit" } });
  await apiReview(srv, id, "approve", rv).catch(() => {});
  const exit = await srv.exitPromise;
  assert.equal(exit.signal, "SIGKILL", "the process really died");
  srv = await startServer({ dataDir: dir, demo: false });
  let found = [];
  for (let i = 0; i < 50 && found.length === 0; i++) {
    found = (await search({ q: "quokka" })).found;
    if (!found.length) await sleep(100);
  }
  assert.deepEqual(found, [`#${id}`], "committed as published, so it must be findable");
});

test("a deleted or corrupt index is rebuilt with a warning, and reindex works", async () => {
  await srv.stop();
  writeFileSync(join(dir, "search", "iamglass"), "this is not a glass database");
  srv = await startServer({ dataDir: dir, demo: false });
  let total = -1;
  for (let i = 0; i < 50 && total !== 2; i++) { total = (await search({ q: "公告" })).total; if (total !== 2) await sleep(100); }
  assert.equal(total, 2);
  assert.match(srv.stderr, /unreadable.*rebuilding|building the search index/);
  await srv.stop();
  rmSync(join(dir, "search"), { recursive: true });
  const re = spawnSync(BIN, withDatabase(["reindex", "--data", dir]), { encoding: "utf8" });
  assert.equal(re.status, 0, re.stderr);
  assert.match(re.stderr, /reindex: \d+\/\d+ articles \(100%\)/);
  assert.match(re.stderr, /\(100%\) in \d+s\nreindex: merging into one index\.\.\.\n$/, "100% once, then the merge");
  srv = await startServer({ dataDir: dir, demo: false });
  total = -1;
  for (let i = 0; i < 50 && total !== 2; i++) { total = (await search({ q: "公告" })).total; if (total !== 2) await sleep(100); }
  assert.equal(total, 2);
});
