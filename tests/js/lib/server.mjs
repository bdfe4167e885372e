// Starts the real build/procura on a random 127.0.0.1 port over a fresh
// temporary data dir, and speaks plain HTTP to it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import net from "node:net";

export const BIN = process.env.PROCURA_BIN ?? new URL("../../../build/procura", import.meta.url).pathname;
export const ROOT = process.env.PROCURA_ROOT ?? new URL("../../..", import.meta.url).pathname;
export const ARTIFACTS = process.env.PROCURA_ARTIFACTS ?? join(ROOT, "build", "test-artifacts");

const madeDirs = [];
export function tempDir(prefix = "procura-test-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}
// A test file's directories go when all its tests passed; a failure keeps
// them for a look (so does PROCURA_KEEP_TEST_DIRS=1).
process.on("exit", (code) => {
  if (code !== 0 || process.env.PROCURA_KEEP_TEST_DIRS) return;
  for (const dir of madeDirs) {
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* a server may still hold it */ }
  }
});

// With PROCURA_TEST_PG_ADMIN set (tests/pg/with-postgres.sh), the servers
// and commands a test starts keep their database in PostgreSQL: each data
// dir gets a database of its own, made and migrated on first use and
// remembered in <dir>/.test-database, so a restart over the same dir finds
// its data again.
export const PG_ADMIN = process.env.PROCURA_TEST_PG_ADMIN ?? "";
const PG_COMMANDS = new Set(["serve", "user", "article", "reindex", "export", "export-status", "check-content", "inspect", "remind", "stats", "rerender"]);

export function pgDatabaseFor(dir) {
  const file = join(dir, ".test-database");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const name = "t_" + Math.random().toString(36).slice(2, 12);
  const made = spawnSync("psql", [PG_ADMIN, "-qc", `CREATE DATABASE ${name}`], { encoding: "utf8" });
  if (made.status !== 0) throw new Error("cannot create a test database: " + made.stderr);
  const url = PG_ADMIN.replace(/\/[^/]*$/, "/" + name);
  const migrated = spawnSync(BIN, ["migrate", "--database", url], { encoding: "utf8" });
  if (migrated.status !== 0) throw new Error("procura migrate failed: " + migrated.stderr);
  writeFileSync(file, url);
  return url;
}

// `args` plus --database for a PostgreSQL run of a command that takes it.
export function withDatabase(args) {
  if (!PG_ADMIN || !PG_COMMANDS.has(args[0]) || args.includes("--database")) return args;
  const at = args.indexOf("--data");
  if (at < 0 || !args[at + 1] || !existsSync(args[at + 1])) return args;
  return [...args, "--database", pgDatabaseFor(args[at + 1])];
}

// Runs one SQL query on the database of data dir `dir` (SQLite's file, or
// its PostgreSQL database in a PostgreSQL run); rows come back as
// "a|b|c" lines, as sqlite3 prints them.
export function queryDb(dir, sql) {
  const r = PG_ADMIN
    ? spawnSync("psql", [pgDatabaseFor(dir), "-At", "-F", "|", "-c", sql], { encoding: "utf8" })
    : spawnSync("sqlite3", ["-cmd", ".timeout 5000", join(dir, "procura.db"), sql], { encoding: "utf8" });  // waits out a write the server holds
  if (r.status !== 0) throw new Error(`query failed: ${sql}\n${r.stderr}`);
  return r.stdout;
}

// Runs procura to completion with `args`; resolves {code, stdout, stderr}.
export function runCli(args, { timeoutMs = 20000 } = {}) {
  args = withDatabase(args);
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => { p.kill("SIGKILL"); reject(new Error(`procura ${args.join(" ")} hung`)); }, timeoutMs);
    p.on("exit", (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

// Starts `procura serve`. Options: dataDir (default: a new temp dir),
// demo (default true), args (extra CLI args), listen (default
// 127.0.0.1:0). Resolves once the server logs its bound addresses.
export async function startServer({ dataDir, demo = true, args = [], listen = ["127.0.0.1:0"], env = {} } = {}) {
  const dir = dataDir ?? tempDir();
  const argv = withDatabase(["serve", "--data", dir, ...listen.flatMap((l) => ["--listen", l]), ...args]);
  if (demo) argv.push("--demo");
  const proc = spawn(BIN, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  const server = { proc, dataDir: dir, stdout: "", stderr: "", addresses: [], exited: null };
  proc.stdout.on("data", (d) => (server.stdout += d));
  server.exitPromise = new Promise((resolve) => proc.on("exit", (code, signal) => {
    server.exited = { code, signal };
    resolve(server.exited);
  }));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start:\n" + server.stderr)), 15000);
    proc.stderr.on("data", (d) => {
      server.stderr += d;
      const found = [...server.stderr.matchAll(/listening on http:\/\/(\S+)\//g)].map((m) => m[1]);
      if (found.length === listen.length) {
        server.addresses = found;
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on("exit", () => { clearTimeout(timer); reject(new Error("server exited:\n" + server.stderr)); });
  });
  const [host, port] = splitHostPort(server.addresses[0]);
  server.host = host;
  server.port = port;
  server.url = `http://${server.addresses[0]}`;
  server.stop = async (signal = "SIGTERM") => {
    if (!server.exited) proc.kill(signal);
    return server.exitPromise;
  };
  server.cleanup = async () => {
    await server.stop();
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  };
  return server;
}

export function splitHostPort(addr) {
  const i = addr.lastIndexOf(":");
  return [addr.slice(0, i).replace(/^\[|\]$/g, ""), Number(addr.slice(i + 1))];
}

// One HTTP request; resolves {status, headers, body, socket}.
export function request(url, { method = "GET", headers = {}, body, agent = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({
        status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString("utf8"), raw: Buffer.concat(chunks), socket: req.socket,
      }));
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("response aborted")));
    });
    req.on("error", reject);
    // A request that gets no answer fails the test with the URL, instead
    // of hanging it until ctest's timeout.
    req.setTimeout(60000, () => req.destroy(new Error(`no answer in 60 s: ${method} ${url}`)));
    if (body) req.write(body);
    req.end();
  });
}

// Writes raw bytes on a new TCP connection and collects everything the
// server sends until it closes (or `timeoutMs`). Resolves {data, closed}.
export function rawExchange(port, payload, { host = "127.0.0.1", timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host);
    let data = "";
    const timer = setTimeout(() => { sock.destroy(); resolve({ data, closed: false }); }, timeoutMs);
    sock.on("connect", () => sock.write(payload));
    sock.on("data", (d) => (data += d.toString("latin1")));
    sock.on("close", () => { clearTimeout(timer); resolve({ data, closed: true }); });
    sock.on("error", (e) => { if (e.code !== "ECONNRESET" && e.code !== "EPIPE") reject(e); });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits until the server's search index is ready: a new data dir's index is
// built in the background after start, and /search answers 503 until then.
export async function waitForSearch(server, { timeoutMs = 30000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server.url + "/search?q=ready");
    if (res.status !== 503) return;
    if (Date.now() > end) {
      const said = (res.body.match(/<main[\s\S]*?<\/main>/) ?? [res.body])[0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      throw new Error(`search not ready after ${timeoutMs} ms: ${said.slice(0, 300)}`);
    }
    await sleep(50);
  }
}

// Polls `cond` (sync or async) every 20 ms until it returns truthy; throws
// after `timeoutMs`.
export async function waitFor(cond, { timeoutMs = 5000, what = "condition" } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// The server's access-log lines, parsed.
export function accessLog(server) {
  return server.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
