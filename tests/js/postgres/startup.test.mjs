// Choosing PostgreSQL at start (issue 15): each way the database can be
// wrong gets a clear message and its own exit code; migrations run once,
// under a lock; a schema only expanded by a newer release still serves.
// Runs only under tests/pg/with-postgres.sh (ctest: integration-pg.startup).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, request, runCli, pgDatabaseFor, PG_ADMIN, BIN } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

const skip = PG_ADMIN ? false : "needs PROCURA_TEST_PG_ADMIN (tests/pg/with-postgres.sh)";

function newDatabase() {
  const name = "e_" + Math.random().toString(36).slice(2, 10);
  const r = spawnSync("psql", [PG_ADMIN, "-qc", `CREATE DATABASE ${name}`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return PG_ADMIN.replace(/\/[^/]*$/, "/" + name);
}
const psql = (url, sql) => spawnSync("psql", [url, "-Atqc", sql], { encoding: "utf8" });
const serveOnce = (url) => spawnSync(BIN, ["serve", "--data", tempDir(), "--listen", "127.0.0.1:0", "--database", url],
  { encoding: "utf8", timeout: 20000 });

test("an unreachable server, refused credentials, a non-PostgreSQL URL: exits 8, 9 and 2 with the reason", { skip }, () => {
  let r = serveOnce("postgresql://procura:x@127.0.0.1:1/procura");
  assert.equal(r.status, 8);
  assert.match(r.stderr, /cannot reach the PostgreSQL server/);
  assert.doesNotMatch(r.stderr, /procura:x@/, "the password is not logged");
  r = serveOnce(PG_ADMIN.replace(/:\/\/procura:[^@]*@/, "://procura:wrong@"));
  assert.equal(r.status, 9);
  assert.match(r.stderr, /refused the connection: .*password authentication failed/);
  r = serveOnce("mysql://localhost/procura");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /must be a postgresql:\/\/ URL/);
});

test("a node against an unmigrated database refuses to start and names the command; two migrators do it once", { skip }, async () => {
  const url = newDatabase();
  let r = serveOnce(url);
  assert.equal(r.status, 10);
  assert.match(r.stderr, /schema is at version 0.*Run `procura migrate --database URL`/);
  const [a, b] = await Promise.all([runCli(["migrate", "--database", url]), runCli(["migrate", "--database", url])]);
  assert.deepEqual([a.code, b.code], [0, 0], a.stderr + b.stderr);
  const said = [a.stdout, b.stdout].sort();
  assert.match(said.join("|"), /nothing to do/, "the second waited for the first, then found nothing to do");
  assert.match(said.join("|"), /schema version 0 -> \d+/);
  assert.equal(psql(url, "SELECT count(*) FROM schema_migrations WHERE version = 1").stdout.trim(), "1");
});

test("a schema a newer release only expanded still serves; one it contracted is exit 4", { skip }, async () => {
  const url = newDatabase();
  assert.equal((await runCli(["migrate", "--database", url])).code, 0);
  psql(url, "CREATE TABLE newer_feature (id BIGINT); INSERT INTO schema_migrations (version, name) VALUES (999, '0999_newer_feature')");
  const srv = await startServer({ dataDir: tempDir(), args: ["--database", url] });
  try {
    assert.equal((await request(srv.url + "/healthz")).status, 200);
    assert.match(srv.stderr, /schema version 999/);
  } finally {
    await srv.cleanup();
  }
  psql(url, "UPDATE meta SET value = '999' WHERE key = 'readable_from'");
  const r = serveOnce(url);
  assert.equal(r.status, 4);
  assert.match(r.stderr, /no longer readable by this procura/);
  const m = await runCli(["migrate", "--database", url]);
  assert.equal(m.code, 4);
  assert.match(m.stderr, /newer than this procura/);
});

test("behind a trusted proxy the audit log records the forwarded client; from anyone else the claim is ignored", { skip }, async () => {
  const dir = tempDir(), dir2 = tempDir();
  addUser(dir, "adm", ["admin"]);
  const url = pgDatabaseFor(dir);
  writeFileSync(join(dir2, ".test-database"), url);  // a second node on the same database
  const srv = await startServer({ dataDir: dir, args: ["--trusted-proxy", "127.0.0.1/32"] });
  const other = await startServer({ dataDir: dir2, demo: false });
  try {
    for (const [s, expect] of [[srv, "198.51.100.23"], [other, "127.0.0.1"]]) {
      const c = new Client(s);
      const page = await c.get("/admin/login");
      const token = page.body.match(/name="_csrf" value="([^"]+)"/)[1];
      const res = await c.post("/admin/login", { _csrf: token, name: "adm", password: "not it", next: "/admin/" },
        { csrf: false, headers: { "X-Forwarded-For": "203.0.113.1, 198.51.100.23" } });
      assert.equal(res.status, 401);
      const ips = psql(url, "SELECT ip FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1").stdout.trim();
      assert.equal(ips, expect);
    }
  } finally {
    await srv.cleanup();
    await other.cleanup();
  }
});
