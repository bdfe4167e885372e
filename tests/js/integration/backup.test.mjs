// Backup under write load and restore into a new data dir and over an old
// one (issue 11, item 17): counts, pages and search must match the backup,
// and a search index ahead of the restored database must rebuild itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, request, tempDir, waitForSearch, BIN } from "../lib/server.mjs";
import { addUser, apiToken, api, publishViaApi } from "../lib/newsroom.mjs";

const run = (args) => spawnSync(BIN, args, { encoding: "utf8", timeout: 60000 });
const runAsync = (args) => new Promise((resolve) => {
  const p = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => (err += d));
  p.on("exit", (code) => resolve({ code, out, err }));
});

const publish = (srv, ed, rv, title) => publishViaApi(srv, ed, rv, title, `${title} body text.`, 2);

// A data dir with an editor, a reviewer and an admin, and their API tokens.
function newSite() {
  const dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "adm", ["admin"]);
  return { dir, ed: apiToken(dir, "ed"), rv: apiToken(dir, "rv"), adm: apiToken(dir, "adm") };
}

async function state(srv) {
  await waitForSearch(srv);
  const health = JSON.parse((await request(srv.url + "/healthz")).body);
  const alpha = (await request(srv.url + "/search?q=Backupalpha")).body;
  const beta = (await request(srv.url + "/search?q=Backupbeta")).body;
  return { articles: health.articles, alpha: alpha.includes("Backupalpha report"), beta: beta.includes("Backupbeta report") };
}

test("backup while writing, restore into a new dir and over the old one", async (t) => {
  const { dir, ed, rv, adm } = newSite();
  const started = [];  // stopped however the test ends: a server left running hangs the file
  t.after(() => Promise.all(started.map((s) => s.stop())));
  const serve = async (opts) => { const s = await startServer(opts); started.push(s); return s; };
  let srv = await serve({ dataDir: dir });
  const col = await api(srv, "PUT", "/api/v1/columns/2", { token: adm, json: { name: "Party Building", slug: "party-building", position: 2, reviewer_ids: [2] } });
  assert.equal(col.status, 200, JSON.stringify(col.json));
  const alphaId = await publish(srv, ed, rv, "Backupalpha report");
  const before = await state(srv);
  assert.deepEqual(before, { articles: 106, alpha: true, beta: false });

  // A member's training certificate (a file of the "certificates" area).
  mkdirSync(join(dir, "certificates"), { recursive: true });
  writeFileSync(join(dir, "certificates", "0123456789abcdef0123456789abcdef.pdf"), "%PDF-1.4 certificate");

  // Write load (drafts) while the backup runs against the live server.
  const file = join(tempDir(), "site.procura-backup");
  let writing = true, drafts = 0;
  const load = (async () => {
    while (writing) {
      const r = await api(srv, "POST", "/api/v1/articles", { token: ed, json: { column_id: 2, title: `Draft ${drafts}`, body: "x" } });
      assert.equal(r.status, 201);
      drafts++;
    }
  })();
  const backup = await runAsync(["backup", "--data", dir, "--out", file]);
  writing = false;
  await load;
  assert.equal(backup.code, 0, backup.err);
  assert.match(backup.out, /backup: .* \(database and \d+ files/);
  assert.ok(drafts > 0, "writes went on during the backup");
  assert.equal(statSync(file).mode & 0o777, 0o600, "the backup holds personal data");
  assert.equal(run(["backup", "--data", dir, "--out", file]).status, 2, "an existing file is not overwritten");

  // After the backup: a newer article the restores must not carry.
  await publish(srv, ed, rv, "Backupbeta report");
  assert.deepEqual(await state(srv), { articles: 107, alpha: true, beta: true });
  await srv.stop();

  // Into a new data dir.
  const fresh = tempDir();
  let r = run(["restore", "--from", file, "--data", fresh]);
  assert.equal(r.status, 0, r.stderr);
  const restored = await serve({ dataDir: fresh, demo: false });
  assert.deepEqual(await state(restored), before);
  assert.equal((await request(`${restored.url}/articles/${alphaId}/`)).status, 200);
  const lead = (await request(restored.url + "/")).body.match(/src="(\/media\/[0-9a-f]+\.(?:jpg|png|webp))"/);
  if (lead) assert.equal((await request(restored.url + lead[1])).status, 200, "media came along");
  assert.equal(readFileSync(join(fresh, "certificates", "0123456789abcdef0123456789abcdef.pdf"), "utf8"),
    "%PDF-1.4 certificate", "certificates came along");
  await restored.stop();

  // Over the old data dir, whose search index is ahead of the backup.
  r = run(["restore", "--from", file, "--data", dir]);
  assert.equal(r.status, 2, "a data dir with a database needs --replace");
  assert.match(r.stderr, /--replace/);
  r = run(["restore", "--from", file, "--data", dir, "--replace"]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!existsSync(join(dir, "search")), "the old index is gone");
  srv = await serve({ dataDir: dir, demo: false });
  assert.deepEqual(await state(srv), before, "search forgot the article the backup does not hold");
  await srv.stop();
});

test("a read model from another generation rebuilds itself: an old database copied back under a newer index", async () => {
  const { dir, ed, rv, adm } = newSite();
  let srv = await startServer({ dataDir: dir });
  const file = join(tempDir(), "b.zip");
  try {  // stopped however this ends: a server left running keeps the file from finishing
    await api(srv, "PUT", "/api/v1/columns/2", { token: adm, json: { name: "Party Building", slug: "party-building", position: 2, reviewer_ids: [2] } });
    const backup = run(["backup", "--data", dir, "--out", file]);
    assert.equal(backup.status, 0, backup.stderr);
    await publish(srv, ed, rv, "Backupbeta report");
  } finally {
    await srv.stop();
  }
  const firstLog = srv.stderr;
  // Put only the old database back by hand (no restore command): the
  // index's applied change is now ahead of the database's log.
  const other = tempDir();
  assert.equal(run(["restore", "--from", file, "--data", other]).status, 0);
  spawnSync("cp", [join(other, "procura.db"), join(dir, "procura.db")]);
  spawnSync("rm", ["-f", join(dir, "procura.db-wal"), join(dir, "procura.db-shm")]);
  srv = await startServer({ dataDir: dir, demo: false });
  try {
    const s = await state(srv);
    assert.equal(s.beta, false, "the index rebuilt instead of keeping an article the database lacks");
    assert.match(srv.stderr, /another generation|ahead of the database/, `the first server said:\n${firstLog}`);
  } finally {
    await srv.stop();
  }
});

test("restore refuses a file that is not a procura backup, or names paths outside the data dir", async () => {
  const { writeFileSync } = await import("node:fs");
  const junk = join(tempDir(), "junk.zip");
  writeFileSync(junk, "not a zip");
  let r = run(["restore", "--from", junk, "--data", tempDir()]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a procura backup/);
  const evil = join(tempDir(), "evil.zip");
  const py = spawnSync("python3", ["-c", `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("PROCURA-BACKUP", "procura backup\\n")
    z.writestr("procura.db", "x")
    z.writestr("media/../../evil", "x")
`, evil], { encoding: "utf8" });
  assert.equal(py.status, 0, py.stderr);
  const target = tempDir();
  r = run(["restore", "--from", evil, "--data", target]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /names a path outside the data dir: media\/\.\.\/\.\.\/evil/);
  assert.ok(!existsSync(join(target, "procura.db")), "nothing was written");
});
