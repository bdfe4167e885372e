// Start-up, shutdown and restart of the real binary; its CLI and the
// errors it gives for bad data dirs.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { execFileSync } from "node:child_process";
import { writeFileSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, request, runCli, tempDir, sleep, rawExchange, waitFor } from "../lib/server.mjs";

test("--version and --help", async () => {
  const v = await runCli(["--version"]);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^procura \d+\.\d+\.\d+/);
  const h = await runCli(["--help"]);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /serve/);
  const sh = await runCli(["serve", "--help"]);
  assert.equal(sh.code, 0);
  for (const opt of ["--data", "--listen", "--demo", "--threads", "--max-header-bytes", "--max-body-bytes"]) {
    assert.ok(sh.stdout.includes(opt), opt);
  }
});

test("usage errors exit 2 with a message", async () => {
  for (const args of [[], ["serve"], ["serve", "--data", "/tmp", "--listen", "nonsense"],
    ["serve", "--data", "/tmp", "--threads", "-1"], ["frobnicate"]]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.ok(r.stderr.length > 0 || r.stdout.length > 0);
  }
});

test("a missing data dir: exit 3, nothing created", async () => {
  const dir = join(tempDir(), "absent");
  const r = await runCli(["serve", "--data", dir]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /does not exist/);
  assert.throws(() => readFileSync(dir));
});

test("a data dir that is a file, or unwritable: exit 3", async () => {
  const file = join(tempDir(), "file");
  writeFileSync(file, "x");
  let r = await runCli(["serve", "--data", file]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /not a directory/);
  // /proc/self/fdinfo is a directory that nobody, root included, can write.
  r = await runCli(["serve", "--data", "/proc/self/fdinfo"]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /not writable/);
});

test("a corrupt database: exit 4, file untouched", async () => {
  const dir = tempDir();
  const junk = Buffer.alloc(16384, 0x41);
  writeFileSync(join(dir, "procura.db"), junk);
  const r = await runCli(["serve", "--data", dir, "--listen", "127.0.0.1:0"]);
  assert.equal(r.code, 4);
  assert.match(r.stderr, /not a readable procura database/);
  assert.deepEqual(readFileSync(join(dir, "procura.db")), junk);
  rmSync(dir, { recursive: true });
});

test("a database from a newer procura: exit 4, file untouched", async () => {
  const srv = await startServer();
  await srv.stop();
  const db = join(srv.dataDir, "procura.db");
  execFileSync("sqlite3", [db, "PRAGMA user_version = 999;"]);
  const before = readFileSync(db);
  const r = await runCli(["serve", "--data", srv.dataDir, "--listen", "127.0.0.1:0"]);
  assert.equal(r.code, 4);
  assert.match(r.stderr, /schema version 999.*newer procura/);
  assert.deepEqual(readFileSync(db), before);
  rmSync(srv.dataDir, { recursive: true });
});

test("one data dir, one server: a second one exits 3", async () => {
  const srv = await startServer();
  try {
    const r = await runCli(["serve", "--data", srv.dataDir, "--listen", "127.0.0.1:0"]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /in use by another procura/);
  } finally {
    await srv.cleanup();
  }
});

test("a port already in use: exit 5", async () => {
  const srv = await startServer();
  try {
    const dir = tempDir();
    const r = await runCli(["serve", "--data", dir, "--listen", `127.0.0.1:${srv.port}`]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+/);
    rmSync(dir, { recursive: true });
  } finally {
    await srv.cleanup();
  }
});

test("an empty data dir without --demo serves an empty portal", async () => {
  const srv = await startServer({ demo: false });
  try {
    const res = await request(srv.url + "/");
    assert.equal(res.status, 200);
    assert.equal((await request(srv.url + "/en/articles/1/")).status, 404);
  } finally {
    await srv.cleanup();
  }
});

test("IPv4 and IPv6 listeners together", async () => {
  const srv = await startServer({ listen: ["127.0.0.1:0", "[::1]:0"] });
  try {
    assert.match(srv.addresses[1], /^\[::1\]:\d+$/);
    const v6 = await request(`http://${srv.addresses[1]}/healthz`);
    assert.equal(v6.status, 200);
    const v4 = await request(`http://${srv.addresses[0]}/healthz`);
    assert.equal(v4.status, 200);
  } finally {
    await srv.cleanup();
  }
});

test("a restart keeps the data; --demo again is a no-op", async () => {
  const dir = tempDir();
  let srv = await startServer({ dataDir: dir });
  const first = await request(srv.url + "/en/articles/1/");
  assert.equal((await srv.stop()).code, 0);
  srv = await startServer({ dataDir: dir, demo: false });
  const second = await request(srv.url + "/en/articles/1/");
  assert.equal(second.status, 200);
  assert.equal(second.body, first.body, "same page, same published date");
  await srv.stop();
  srv = await startServer({ dataDir: dir, demo: true });
  assert.match(srv.stderr, /already has content; nothing loaded/);
  const health = JSON.parse((await request(srv.url + "/healthz")).body);
  assert.equal(health.articles, 105, "no duplicate demo content");
  await srv.stop();
  rmSync(dir, { recursive: true });
});

test("SIGTERM: a request in flight is answered, new connections refused, exit 0", async () => {
  const srv = await startServer({ args: ["--threads", "2"] });
  const sock = net.connect(srv.port, "127.0.0.1");
  let data = "";
  sock.on("data", (d) => (data += d));
  await new Promise((r) => sock.on("connect", r));
  sock.write("GET /en/articles/1/ HTTP/1.1\r\nHost: t\r\n");  // half a request
  const idle = net.connect(srv.port, "127.0.0.1");  // an idle keep-alive peer
  idle.on("error", () => {});
  await new Promise((r) => idle.on("connect", r));
  await sleep(100);
  srv.proc.kill("SIGTERM");
  await sleep(300);
  const refused = await new Promise((resolve) => {
    const s = net.connect(srv.port, "127.0.0.1");
    s.on("connect", () => { s.destroy(); resolve(false); });
    s.on("error", (e) => resolve(e.code === "ECONNREFUSED"));
  });
  assert.equal(refused, true, "no new connections after SIGTERM");
  const closed = new Promise((r) => sock.on("close", r));
  sock.write("\r\n");  // finish the request
  await closed;
  assert.match(data, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(data, /\r\nConnection: close\r\n/i);
  const len = Number(data.match(/\r\nContent-Length: (\d+)\r\n/i)[1]);
  assert.equal(Buffer.byteLength(data.slice(data.indexOf("\r\n\r\n") + 4)), len, "complete body");
  const exit = await srv.exitPromise;
  assert.equal(exit.code, 0);
  assert.match(srv.stderr, /stopped cleanly/);
  rmSync(srv.dataDir, { recursive: true });
});

test("SIGTERM under load loses no answered request", async () => {
  const srv = await startServer({ args: ["--threads", "2"] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let answered = 0, truncated = 0, stop = false;
  const otherErrors = [];
  const worker = async () => {
    while (!stop) {
      try {
        const res = await request(srv.url + "/en/articles/1/", { agent });
        if (res.status !== 200 || Buffer.byteLength(res.body) !== Number(res.headers["content-length"])) truncated++;
        else answered++;
      } catch (e) {
        if (e.message === "response aborted") truncated++;
        else if (!["ECONNREFUSED", "ECONNRESET", "EPIPE"].includes(e.code) && e.message !== "socket hang up") otherErrors.push(e);
        await sleep(5);
      }
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  await sleep(400);
  srv.proc.kill("SIGTERM");
  const exit = await srv.exitPromise;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  assert.equal(exit.code, 0);
  assert.ok(answered > 50, `requests were answered before the signal (${answered})`);
  assert.equal(truncated, 0, "every response that started was complete");
  assert.deepEqual(otherErrors, []);
  rmSync(srv.dataDir, { recursive: true });
});

test("the portal's article summaries are read from a covering index, not from rows with bodies", async () => {
  const srv = await startServer();
  await srv.stop();
  // The query of ListPublishedSummaries (src/storage/sqlite/article_rows.h: kArticleColumns).
  const columns = "id, column_id, title, author, news_source, status, published_at, lead_media_id, " +
    "lead_caption, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at, " +
    "lead_alt, pending_revision, version";
  const plan = execFileSync("sqlite3", [join(srv.dataDir, "procura.db"),
    `EXPLAIN QUERY PLAN SELECT ${columns} FROM articles WHERE status = 'published' ORDER BY published_at DESC, id DESC`],
  { encoding: "utf8" });
  assert.match(plan, /USING COVERING INDEX articles_summaries \(status=\?\)/);
  assert.doesNotMatch(plan, /TEMP B-TREE/, "no sort: the index is in listing order");
  rmSync(srv.dataDir, { recursive: true });
});

test("a damaged page: the server still listens at once, then reports it and refuses writes; procura check exits 4", async () => {
  const { spawnSync } = await import("node:child_process");
  const { openSync, writeSync, closeSync } = await import("node:fs");
  const { addUser, apiToken, api } = await import("../lib/newsroom.mjs");
  const dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  const token = apiToken(dir, "ed");
  let srv = await startServer({ dataDir: dir });
  await srv.stop();
  assert.equal((await runCli(["check", "--data", dir])).code, 0, "a sound database checks ok");
  // Overwrite the audit log's root page (nothing reads it at start).
  const q = spawnSync("sqlite3", [join(dir, "procura.db"), "PRAGMA page_size; SELECT rootpage FROM sqlite_master WHERE name = 'audit_log';"], { encoding: "utf8" });
  const [pageSize, root] = q.stdout.trim().split("\n").map(Number);
  const fd = openSync(join(dir, "procura.db"), "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
  const check = await runCli(["check", "--data", dir]);
  assert.equal(check.code, 4);
  assert.match(check.stderr, /integrity check failed/);
  srv = await startServer({ dataDir: dir, demo: false });
  try {
    assert.equal((await request(srv.url + "/en/articles/1/")).status, 200, "reads go on");
    let health;
    for (let i = 0; i < 100; ++i) {
      health = await request(srv.url + "/healthz");
      if (health.status === 503) break;
      await sleep(50);
    }
    assert.equal(health.status, 503);
    assert.match(JSON.parse(health.body).database, /integrity check failed[^]*writes are refused/);
    const write = await api(srv, "POST", "/api/v1/articles", { token, json: { column_id: 2, title: "x", body: "y" } });
    assert.ok(write.status >= 500, `a write is refused: ${write.status}`);
    // Logged just after the check marks the database (another thread).
    await waitFor(() => /database check: [^]*Run `procura check/.test(srv.stderr),
                  { timeoutMs: 5000, what: "the check's log line" });
  } finally {
    await srv.stop();
  }
});
