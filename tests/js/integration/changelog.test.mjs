// Issue 12: the change log drives every read model. A write by another
// process (the `procura article` command on the same database) reaches the
// running server's pages, lists and search by the log alone; a process
// killed between a commit and its read models' update comes back agreeing
// with the database; and concurrent publishers and withdrawers leave every
// page agreeing with the database once they stop.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir, waitForSearch, waitFor, sleep, BIN, withDatabase, queryDb, PG_ADMIN } from "../lib/server.mjs";
import { addUser, apiToken, api, apiReview, publishViaApi } from "../lib/newsroom.mjs";

const run = (args) => spawnSync(BIN, withDatabase(args), { encoding: "utf8", timeout: 60000 });

// An API call that, like a real client, tries again after a 503 (the worker
// pool's queue is bounded; a loaded test machine can fill it).
async function apiRetrying(srv, method, path, opts) {
  for (let i = 0; ; i++) {
    const r = await api(srv, method, path, opts);
    if (r.status !== 503 || i === 20) return r;
    await sleep(50 * (i + 1));
  }
}

async function newSite(opts = {}) {
  const dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "adm", ["admin"]);
  const t = { ed: apiToken(dir, "ed"), rv: apiToken(dir, "rv"), adm: apiToken(dir, "adm") };
  const srv = await startServer({ dataDir: dir, ...opts });
  // rv (user 2) reviews column 2, "party-building".
  const col = await api(srv, "PUT", "/api/v1/columns/2", { token: t.adm, json: { name: "Party Building", slug: "party-building", position: 2, reviewer_ids: [2] } });
  assert.equal(col.status, 200, JSON.stringify(col.json));
  return { dir, srv, ...t };
}

// What the public sees of article `id` titled `title`, on every read model.
async function seen(srv, id, title) {
  const page = await request(`${srv.url}/articles/${id}/`);
  const column = (await request(`${srv.url}/columns/party-building/`)).body;
  const home = (await request(`${srv.url}/`)).body;
  const found = (await request(`${srv.url}/search?q=${encodeURIComponent(title.split(" ")[0])}`)).body;
  return { page: page.status, column: column.includes(title), home: home.includes(title), search: found.includes(title) };
}
const VISIBLE = { page: 200, column: true, home: true, search: true };
const GONE = { page: 404, column: false, home: false, search: false };

test("a write by another process reaches pages, lists and search through the log alone", async () => {
  const { dir, srv, ed, rv } = await newSite();
  try {
    const title = "Changelogwombat report";
    const id = await publishViaApi(srv, ed, rv, title, "Wombat body text.", 2);
    await waitForSearch(srv);
    await waitFor(async () => (await seen(srv, id, title)).search, { what: "indexed" });
    assert.deepEqual(await seen(srv, id, title), VISIBLE);
    assert.deepEqual(await seen(srv, id, title), VISIBLE, "and now served from the cache");

    // The command line writes to the same database; no event reaches the server.
    let r = run(["article", "withdraw", "--data", dir, "--id", String(id), "--reason", "legal takedown"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`withdrew article ${id}`));
    const t0 = Date.now();
    await waitFor(async () => JSON.stringify(await seen(srv, id, title)) === JSON.stringify(GONE),
                  { timeoutMs: 10000, what: "the withdrawal to show" });
    const took = Date.now() - t0;
    console.log(`withdrawn by another process: gone from page, list, home and search after ${took} ms`);
    r = run(["article", "republish", "--data", dir, "--id", String(id)]);
    assert.equal(r.status, 0, r.stderr);
    await waitFor(async () => JSON.stringify(await seen(srv, id, title)) === JSON.stringify(VISIBLE),
                  { timeoutMs: 10000, what: "the republication to show" });

    // Bad input: a clear message and a non-zero exit, nothing changed.
    r = run(["article", "withdraw", "--data", dir, "--id", "999999", "--reason", "x"]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /article 999999: no such article/);
    r = run(["article", "withdraw", "--data", dir, "--id", String(id)]);
    assert.notEqual(r.status, 0, "the reason is required");
    assert.deepEqual(await seen(srv, id, title), VISIBLE);
  } finally {
    await srv.stop();
  }
});

test("procura rerender brings stored bodies up to this version's rules while the server serves", async () => {
  const { dir, srv, ed, rv } = await newSite();
  try {
    const title = "Rerenderwombat report";
    const id = await publishViaApi(srv, ed, rv, title, "Wombat body text.", 2);
    // A body rendered under older rules: its Chinese lines were one
    // paragraph. Written behind the server's back, as an older version left it.
    const nl = PG_ADMIN ? "chr(10)" : "char(10)";
    queryDb(dir, `UPDATE articles SET body_md = '第一段文字。' || ${nl} || '第二段文字。', body_html = '<p>第一段文字。' || ${nl} || '第二段文字。</p>' WHERE id = ${id}`);
    const before = queryDb(dir, `SELECT version, updated_at, published_at FROM articles WHERE id = ${id}`).trim();
    const changes = () => Number(queryDb(dir, `SELECT count(*) FROM change_log WHERE kind = 'article' AND entity_id = ${id}`).trim());
    const logged = changes();
    // A dry run lists it and stores nothing.
    let r = run(["rerender", "--data", dir, "--dry-run"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`article ${id} "${title}" would change`));
    assert.match(r.stdout, /\d+ articles checked, 1 would change, 0 could not be rendered, 0 saved meanwhile/);
    assert.match(queryDb(dir, `SELECT body_html FROM articles WHERE id = ${id}`), /<p>第一段文字。\n第二段文字。<\/p>/);
    assert.equal(changes(), logged);
    r = run(["rerender", "--data", dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`article ${id} "${title}" re-rendered`));
    assert.match(r.stdout, /articles checked, 1 re-rendered/);
    assert.equal(queryDb(dir, `SELECT body_html FROM articles WHERE id = ${id}`).trim(), "<p>第一段文字。</p>\n<p>第二段文字。</p>");
    assert.equal(queryDb(dir, `SELECT version, updated_at, published_at FROM articles WHERE id = ${id}`).trim(), before,
                 "no version or date is touched");
    assert.equal(changes(), logged + 1, "one change-log row");
    // The running server takes it up through the log alone.
    await waitFor(async () => (await request(`${srv.url}/articles/${id}/`)).body.includes("<p>第一段文字。</p>\n<p>第二段文字。</p>"),
                  { timeoutMs: 10000, what: "the new rendering on the public page" });
    // Run again: nothing left to change.
    r = run(["rerender", "--data", dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /articles checked, 0 re-rendered/);
    assert.equal(changes(), logged + 1);
    // A full run records the rules it brought the bodies up to; a dry run does not.
    queryDb(dir, "DELETE FROM meta WHERE key = 'rendering_rules'");
    assert.equal(run(["rerender", "--data", dir, "--dry-run"]).status, 0);
    assert.equal(queryDb(dir, "SELECT count(*) FROM meta WHERE key = 'rendering_rules'").trim(), "0");
    assert.equal(run(["rerender", "--data", dir]).status, 0);
    assert.match(queryDb(dir, "SELECT value FROM meta WHERE key = 'rendering_rules'").trim(), /^[1-9]\d*$/);
    // Without a site: a clear message and a non-zero exit.
    r = run(["rerender"]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--data|--database/);
  } finally {
    await srv.stop();
  }
});

test("after an upgrade of the Markdown rules the server re-renders stored bodies once, by itself", async () => {
  let { dir, srv, ed, rv } = await newSite();
  const rules = () => queryDb(dir, "SELECT value FROM meta WHERE key = 'rendering_rules'").trim();
  try {
    await waitFor(async () => /^[1-9]\d*$/.test(rules()), { timeoutMs: 10000, what: "the first start to record its rules" });
    const current = rules();
    const id = await publishViaApi(srv, ed, rv, "Upgradewombat report", "Wombat body text.", 2);
    const nl = PG_ADMIN ? "chr(10)" : "char(10)";
    queryDb(dir, `UPDATE articles SET body_md = '第一段文字。' || ${nl} || '第二段文字。', body_html = '<p>第一段文字。' || ${nl} || '第二段文字。</p>' WHERE id = ${id}`);
    const before = queryDb(dir, `SELECT version, updated_at, published_at FROM articles WHERE id = ${id}`).trim();
    const logged = () => Number(queryDb(dir, `SELECT count(*) FROM change_log WHERE kind = 'article' AND entity_id = ${id}`).trim());
    // The rules are recorded: a restart renders nothing again.
    await srv.stop();
    srv = await startServer({ dataDir: dir, demo: false });
    const old = logged();
    await sleep(1500);
    assert.match((await request(`${srv.url}/articles/${id}/`)).body, /<p>第一段文字。\n第二段文字。<\/p>/, "the old rendering stays");
    assert.equal(logged(), old);
    // A database last rendered by an older binary records older rules (or
    // none): the next start brings every body up to date in the background.
    await srv.stop();
    queryDb(dir, "DELETE FROM meta WHERE key = 'rendering_rules'");
    srv = await startServer({ dataDir: dir, demo: false });
    await waitFor(async () => (await request(`${srv.url}/articles/${id}/`)).body.includes("<p>第一段文字。</p>\n<p>第二段文字。</p>"),
                  { timeoutMs: 15000, what: "the new rendering on the public page" });
    await waitFor(async () => rules() === current, { timeoutMs: 10000, what: "the rules recorded again" });
    assert.equal(queryDb(dir, `SELECT version, updated_at, published_at FROM articles WHERE id = ${id}`).trim(), before,
                 "no version or date is touched");
    assert.equal(logged(), old + 1, "one change-log row, which every node and the export follow");
    // A newer binary's record is never lowered by an older one.
    queryDb(dir, "UPDATE meta SET value = '999' WHERE key = 'rendering_rules'");
    await srv.stop();
    srv = await startServer({ dataDir: dir, demo: false });
    await sleep(1000);
    assert.equal(rules(), "999");
  } finally {
    await srv.stop();
  }
});

test("articles stored before the media index are indexed in the background once the server listens", async () => {
  let { dir, srv, ed, rv } = await newSite();
  const unindexed = () => Number(queryDb(dir, "SELECT count(*) FROM articles WHERE media_indexed = 0").trim());
  const refs = () => queryDb(dir, "SELECT article_id || ':' || stored_name FROM article_media_refs ORDER BY 1").trim();
  try {
    const file = queryDb(dir, "SELECT stored_name FROM media ORDER BY id LIMIT 1").trim();
    assert.ok(file, "the demo has a media file");
    const id = await publishViaApi(srv, ed, rv, "Mediawombat report", `Photo: ![a hall](/media/${file})`, 2);
    await waitFor(async () => unindexed() === 0, { timeoutMs: 10000, what: "every article indexed" });
    const written = refs();
    assert.ok(written.split("\n").includes(`${id}:${file}`), written);
    // A database from before the index: nothing recorded, every article unmarked.
    await srv.stop();
    queryDb(dir, "DELETE FROM article_media_refs");
    queryDb(dir, "UPDATE articles SET media_indexed = 0");
    srv = await startServer({ dataDir: dir, demo: false });
    // The server answers while it indexes, and the file's use is found meanwhile by a scan.
    assert.equal((await request(`${srv.url}/articles/${id}/`)).status, 200);
    await waitFor(async () => unindexed() === 0, { timeoutMs: 15000, what: "the background pass to index every article" });
    assert.equal(refs(), written, "the same refs as written with the articles");
    // The pass logs once its last batch is committed: a moment after the count reads 0.
    await waitFor(async () => /indexed the media files \d+ articles show/.test(srv.stderr),
                  { timeoutMs: 5000, what: "the pass's log line" });
    assert.ok(srv.stderr.indexOf("listening on") < srv.stderr.search(/indexed the media files/),
              "indexed after the server listens, not before");
  } finally {
    await srv.stop();
  }
});

test("killed between the commit and the read models: after restart every model agrees", async () => {
  let { dir, srv, ed, rv } = await newSite();
  const title = "Changelogquoll report";
  const id = await publishViaApi(srv, ed, rv, title, "Quoll body.", 2);
  await waitForSearch(srv);
  await waitFor(async () => (await seen(srv, id, title)).search, { what: "indexed" });
  await seen(srv, id, title);  // cached
  await srv.stop();
  // Armed to SIGKILL itself right after a public change commits, before any
  // read model hears of it.
  srv = await startServer({ dataDir: dir, demo: false, env: { PROCURA_FAULT: "kill-after-commit" } });
  await api(srv, "POST", `/api/v1/articles/${id}/withdraw`, { token: rv, json: { reason: "kill test" } }).catch(() => {});
  const exit = await srv.exitPromise;
  assert.equal(exit.signal, "SIGKILL", "the process really died");
  srv = await startServer({ dataDir: dir, demo: false });
  try {
    await waitForSearch(srv);
    await waitFor(async () => JSON.stringify(await seen(srv, id, title)) === JSON.stringify(GONE),
                  { timeoutMs: 10000, what: "every model to agree the article is withdrawn" });
  } finally {
    await srv.stop();
  }
});

test("concurrent publishers and withdrawers: at quiescence every page agrees with the database", async () => {
  const { srv, ed, rv } = await newSite();
  try {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await publishViaApi(srv, ed, rv, `Racer${i} report`, `Racer ${i}.`, 2));
    let stop = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        await request(`${srv.url}/columns/party-building/`);
        await request(`${srv.url}/articles/${ids[Math.floor(Math.random() * ids.length)]}/`);
        await request(`${srv.url}/`);
      }
    });
    const writers = ids.map(async (id, i) => {
      for (let round = 0; round < 6; round++) {
        const verb = round % 2 === 0 ? "withdraw" : "republish";
        const r = await apiRetrying(srv, "POST", `/api/v1/articles/${id}/${verb}`, { token: rv, json: verb === "withdraw" ? { reason: "race" } : {} });
        assert.equal(r.status, 200, `${verb} ${id}: ${JSON.stringify(r.json)}`);
        if (i % 3 === 0) await sleep(1);
      }
      if (i % 2 === 0) {  // half end withdrawn
        const r = await apiRetrying(srv, "POST", `/api/v1/articles/${id}/withdraw`, { token: rv, json: { reason: "final" } });
        assert.equal(r.status, 200);
      }
    });
    // A failing writer must end the readers too, or the test would hang
    // until ctest's timeout instead of reporting the failure.
    try {
      await Promise.all(writers);
    } finally {
      stop = true;
      await Promise.allSettled(readers);
    }
    await waitForSearch(srv);
    for (const [i, id] of ids.entries()) {
      const truth = (await api(srv, "GET", `/api/v1/articles/${id}`, { token: rv })).json.article.status;
      assert.equal(truth, i % 2 === 0 ? "withdrawn" : "published");
      const s = await seen(srv, id, `Racer${i} report`);
      const want = truth === "published";
      assert.deepEqual({ page: s.page, column: s.column }, { page: want ? 200 : 404, column: want }, `article ${id} (${truth})`);
      assert.equal(s.search, want, `search for article ${id} (${truth})`);
    }
  } finally {
    await srv.stop();
  }
});
