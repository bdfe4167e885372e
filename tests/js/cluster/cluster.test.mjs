// Several stateless nodes on one PostgreSQL behind nginx (issue 15), as
// real processes on loopback: tests/pg/with-postgres.sh starts the
// database, this file starts three `procura serve` nodes with data dirs of
// their own and nginx in front of them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, request, sleep, waitFor, pgDatabaseFor, PG_ADMIN, queryDb, ROOT, runCli } from "../lib/server.mjs";
import { addUser, apiToken, api, apiReview, publishViaApi, Client } from "../lib/newsroom.mjs";
import { startNginxProxy } from "../lib/nginx.mjs";

Client.defaultLang = "en";
const nodes = [];
const dirs = [];
let lb, ed, ed2, rv, adm;

async function startNode(i) {
  nodes[i] = await startServer({ dataDir: dirs[i], demo: i === 0, args: ["--trusted-proxy", "127.0.0.1"] });
  return nodes[i];
}

before(async () => {
  assert.ok(PG_ADMIN, "run under tests/pg/with-postgres.sh");
  for (let i = 0; i < 3; i++) dirs.push(tempDir());
  const url = pgDatabaseFor(dirs[0]);  // one database, three data dirs
  for (const d of dirs.slice(1)) writeFileSync(join(d, ".test-database"), url);
  addUser(dirs[0], "ed", ["editor"]);
  addUser(dirs[0], "ed2", ["editor"]);
  addUser(dirs[0], "rv", ["reviewer"]);
  addUser(dirs[0], "adm", ["admin"]);
  [ed, ed2, rv, adm] = ["ed", "ed2", "rv", "adm"].map((n) => apiToken(dirs[0], n));
  await startNode(0);  // loads the demo; the others find the site there
  await startNode(1);
  await startNode(2);
  const col = await api(nodes[1], "PUT", "/api/v1/columns/2", { token: adm, json: { name: "Party Building", slug: "party-building", position: 2, reviewer_ids: [3] } });
  assert.equal(col.status, 200, JSON.stringify(col.json));
  lb = await startNginxProxy(nodes.map((n) => `${n.host}:${n.port}`));
});

after(async () => {
  await lb?.stop();
  for (const n of nodes) await n?.cleanup();
});

// Articles made through the API are in the site's first language, Chinese,
// so they live at the unprefixed addresses.
async function seenOn(node, id, title) {
  const page = await request(`${node.url}/articles/${id}/`);
  const column = (await request(`${node.url}/columns/party-building/`)).body;
  const home = (await request(`${node.url}/`)).body;
  const found = (await request(`${node.url}/search?q=${encodeURIComponent(title.split(" ")[0])}`)).body;
  return page.status === 200 && column.includes(title) && home.includes(title) && found.includes(title);
}

test("an article published through node 1 shows on nodes 2 and 3 within 1 s: page, list, home, search", async () => {
  const times = [];
  for (let round = 0; round < 3; round++) {
    const title = `Clusterwombat${round} report`;
    const id = await publishViaApi(nodes[0], ed, rv, title, "Published on node one.", 2);
    const t0 = Date.now();
    await waitFor(async () => (await seenOn(nodes[1], id, title)) && (await seenOn(nodes[2], id, title)),
                  { timeoutMs: 5000, what: `article ${id} on nodes 2 and 3` });
    times.push(Date.now() - t0);
  }
  console.log(`publish on node 1 → visible everywhere on nodes 2 and 3 after ${times.join(", ")} ms`);
  assert.ok(Math.max(...times) < 1000, `took ${times} ms`);
});

test("a media file uploaded on node 2 downloads from node 3, byte for byte", async () => {
  const jpg = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  const up = await api(nodes[1], "POST", "/api/v1/media?filename=photo.jpg&alt=Cluster", { token: ed, body: jpg });
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const url = up.json.url;
  await waitFor(async () => (await request(nodes[2].url + url)).status === 200, { timeoutMs: 3000, what: "the file on node 3" });
  const there = await request(nodes[2].url + url);
  const here = await request(nodes[1].url + url);
  assert.equal(there.raw.length, here.raw.length);
  assert.ok(there.raw.equals(here.raw));
  // A static export made from a data dir that holds no media files has the
  // seed report's photo all the same, fetched from the database.
  const fresh = tempDir(), out = tempDir();
  writeFileSync(join(fresh, ".test-database"), readFileSync(join(dirs[0], ".test-database"), "utf8"));
  const r = await runCli(["export", "--data", fresh, "--out", out], { timeoutMs: 120000 });
  assert.equal(r.code, 0, r.stderr);
  const photo = (await request(`${nodes[0].url}/articles/38/`)).body.match(/\/media\/[0-9a-f]+\.\w+/)[0];
  const original = await request(nodes[0].url + photo);
  assert.ok(readFileSync(join(out, photo)).equals(original.raw), "the exported photo is the stored one");
});

test("a session started through one node works on the others", async () => {
  const c = new Client(nodes[0]);
  assert.equal((await c.signIn("ed")).status, 303);
  for (const n of [nodes[1], nodes[2]]) {
    c.srv = n;
    const page = await c.get("/admin/articles/");
    assert.equal(page.status, 200, "signed in on " + n.url);
    // And a form POST there passes CSRF with the token from node 1.
    const made = await c.post("/admin/articles/", { title: `Made via ${n.port}`, column: "2", body: "x" });
    assert.equal(made.status, 303, made.body);
  }
});

test("two editors save one article on two nodes: exactly one gets 409", async () => {
  const r = await api(nodes[0], "POST", "/api/v1/articles", { token: ed, json: { column_id: 2, title: "Contested", body: "v1" } });
  assert.equal(r.status, 201);
  const { id, version } = r.json.article;
  const [a, b] = await Promise.all([
    api(nodes[1], "PUT", `/api/v1/articles/${id}`, { token: ed, json: { version, title: "Contested A", column_id: 2, body: "A" } }),
    api(nodes[2], "PUT", `/api/v1/articles/${id}`, { token: ed, json: { version, title: "Contested B", column_id: 2, body: "B" } }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], JSON.stringify([a.json, b.json]));
});

test("login throttling counts sign-ins made through different nodes", async () => {
  addUser(dirs[0], "victim", ["editor"]);
  // Five free failures per account and address, then a wait: with each
  // node counting alone, four tries per node would never be slowed.
  const throttled = [];
  for (let i = 0; i < 12; i++) {
    const c = new Client(nodes[i % 3]);
    const page = await c.get("/admin/login");
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)[1];
    const res = await c.post("/admin/login", { _csrf: token, name: "victim", password: "wrong " + i, next: "/admin/" }, { csrf: false });
    assert.equal(res.status, 401);
    throttled.push(/Too many failed sign-in attempts|登录失败次数过多/.test(res.body));
  }
  assert.equal(throttled.indexOf(true), 5, `throttled: ${throttled}`);
  const rows = queryDb(dirs[0], "SELECT sum(failures) FROM login_throttle WHERE lower(user_name) = 'victim'").trim();
  assert.ok(Number(rows) >= 5, rows);
});

test("kill -9 a node under load through nginx: no failed request reaches a client; the restarted node catches up", async () => {
  // wrk runs beside this process (not spawnSync: the nodes' log pipes
  // must keep draining meanwhile).
  const wrk = spawn("wrk", ["-t2", "-c16", "-d4s", "--latency", `${lb.url}/articles/38/`], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  wrk.stdout.on("data", (d) => (out += d));
  const done = new Promise((resolve) => wrk.on("exit", resolve));
  await sleep(1000);
  nodes[1].proc.kill("SIGKILL");
  assert.equal(await done, 0);
  console.log(out);
  assert.match(out, /requests in/);
  assert.doesNotMatch(out, /Non-2xx/);
  assert.doesNotMatch(out, /Socket errors/);
  await nodes[1].exitPromise;
  const title = "Whiledown wombat";
  const id = await publishViaApi(nodes[0], ed, rv, title, "Published while node 2 was down.", 2);
  await startNode(1);
  await waitFor(async () => seenOn(nodes[1], id, title), { timeoutMs: 10000, what: "the restarted node to catch up" });
});

test("a scheduled article is published exactly once, even when the scheduler's node dies just before", async () => {
  const leader = nodes.findIndex((n) => /this node now runs the scheduler/.test(n.stderr));
  assert.ok(leader >= 0, "one node leads");
  // The next whole minute at least 15 s away, in the site's zone (UTC+8).
  const now = Date.now();
  let at = Math.ceil((now + 15000) / 60000) * 60000;
  const local = new Date(at + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
  let r = await api(nodes[0], "POST", "/api/v1/articles", { token: ed, json: { column_id: 2, title: "Scheduledwombat notice", body: "On time.", scheduled_for: local } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.article.id;
  assert.equal((await api(nodes[0], "POST", `/api/v1/articles/${id}/submit`, { token: ed })).status, 200);
  assert.equal((await apiReview(nodes[0], id, "approve", rv)).status, 200);
  await sleep(Math.max(0, at - Date.now() - 3000));
  nodes[leader].proc.kill("SIGKILL");  // 3 s before the time
  await nodes[leader].exitPromise;
  const others = nodes.filter((_, i) => i !== leader);
  await waitFor(async () => (await request(`${others[0].url}/articles/${id}/`)).status === 200,
                { timeoutMs: 20000, what: "the scheduled article to appear" });
  await sleep(3000);  // time for a second (wrong) publication to happen
  const published = queryDb(dirs[0], `SELECT count(*) FROM audit_log WHERE object_type = 'article' AND object_id = ${id} AND action LIKE 'article.publish%'`).trim();
  assert.equal(published, "1");
  assert.ok(others.some((n) => /this node now runs the scheduler/.test(n.stderr)), "another node took over");
  await startNode(leader);
});

test("PostgreSQL restarts under load: the nodes reconnect by themselves and no acknowledged write is lost", async () => {
  const acked = [];
  let stop = false;
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      try {
        const r = await api(nodes[i % 3], "POST", "/api/v1/articles", { token: ed, json: { column_id: 2, title: `Restartwombat ${i}`, body: "x" } });
        if (r.status === 201) acked.push(r.json.article.id);
      } catch { /* refused while the database is away: not acknowledged */ }
      await sleep(20);
    }
  })();
  await sleep(500);
  const dir = process.env.PROCURA_TEST_PG_DIR;
  const cmd = [...(process.getuid() === 0 ? ["runuser", "-u", "postgres", "--"] : []),
    "/usr/lib/postgresql/15/bin/pg_ctl", "-D", join(dir, "data"), "-l", join(dir, "server.log"), "-m", "fast", "-w", "restart"];
  const restart = spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8", timeout: 60000 });
  assert.equal(restart.status, 0, restart.stderr + restart.stdout);
  await sleep(1500);
  stop = true;
  await writer;
  const before = acked.length;
  // Every node answers again, reads and writes.
  for (const n of nodes) {
    await waitFor(async () => (await request(n.url + "/healthz")).status === 200, { timeoutMs: 10000, what: `${n.url} healthy` });
    const r = await api(n, "POST", "/api/v1/articles", { token: ed, json: { column_id: 2, title: "After restart", body: "x" } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    acked.push(r.json.article.id);
  }
  const stored = new Set(queryDb(dirs[0], "SELECT id FROM articles").trim().split("\n").map(Number));
  const lost = acked.filter((id) => !stored.has(id));
  console.log(`${before} writes acknowledged around the restart; lost: ${lost.length}`);
  assert.ok(before > 10);
  assert.deepEqual(lost, []);
});

// Visits are counted on every node without a stored address: a day's key
// made from a secret the nodes share, and sketches merged in the database.
test("one reader served by all three nodes is one unique visitor, not three", async () => {
  const restartAll = async () => {  // counts are stored once a minute and at shutdown
    for (let i = 0; i < 3; i++) { await nodes[i].stop(); await startNode(i); }
  };
  const visitors = () => Number(queryDb(dirs[0], "SELECT COALESCE(SUM(visitors), 0) FROM daily_visitors").trim());
  await restartAll();
  const before = visitors();
  const as = (ip) => ({ headers: { "User-Agent": "Clustervisitor-4e1", "X-Forwarded-For": ip } });
  for (const n of nodes) assert.equal((await request(n.url + "/", as("198.51.100.40"))).status, 200);
  assert.equal((await request(nodes[2].url + "/articles/38/", as("198.51.100.41"))).status, 200);
  await restartAll();
  assert.equal(visitors() - before, 2, "two readers, whichever nodes served them");
  const stored = queryDb(dirs[0], "SELECT count(*) FROM visitor_sketches").trim();
  assert.ok(Number(stored) >= 3, "each node stored its own sketch");
  assert.doesNotMatch(queryDb(dirs[0], "SELECT encode(registers, 'escape') FROM visitor_sketches"), /198\.51|Clustervisitor/);
});

// A new binary with new Markdown rules, started on every node at once:
// the stored bodies are brought up to the rules by one node, not by each.
test("after an upgrade of the Markdown rules, one node re-renders the stored bodies while the others wait", async () => {
  for (const n of nodes) await n.stop();
  const rules = () => queryDb(dirs[0], "SELECT value FROM meta WHERE key = 'rendering_rules'").trim();
  const current = rules();
  assert.match(current, /^[1-9]\d*$/, "the demo recorded its rules");
  queryDb(dirs[0], "UPDATE meta SET value = '0' WHERE key = 'rendering_rules'");
  await Promise.all([0, 1, 2].map((i) => startNode(i)));
  const ran = () => nodes.filter((n) => /stored bodies brought up to Markdown rules/.test(n.stderr));
  await waitFor(() => ran().length > 0, { timeoutMs: 30000, what: "a node to finish the pass" });
  await sleep(2500);  // a second pass would have finished by now
  assert.equal(ran().length, 1, nodes.map((n) => n.stderr).join("\n---\n"));
  assert.equal(rules(), current);
  const waited = nodes.filter((n) => /another node brings stored bodies up/.test(n.stderr)).length;
  console.log(`one node ran the pass; ${waited} waited for it`);
});
