// The server's limits and connection handling, over raw sockets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { startServer, request, rawExchange, sleep } from "../lib/server.mjs";

let srv;
before(async () => {
  // One I/O thread: proves a stalled client cannot block others even then.
  srv = await startServer({
    args: ["--threads", "1", "--max-header-bytes", "8192", "--max-body-bytes", "4096",
      "--header-timeout-ms", "1500", "--idle-timeout-ms", "1500", "--max-connections", "64"],
  });
});
after(async () => { await srv.cleanup(); });

test("a request header over the limit gets 431 with security headers", async () => {
  const big = "x".repeat(10000);
  const { data } = await rawExchange(srv.port, `GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${big}\r\n\r\n`);
  assert.match(data, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  assert.match(data, /\r\nContent-Security-Policy: /);
  assert.match(data, /\r\nConnection: close\r\n/i);
});

test("a header just under the limit is served", async () => {
  const res = await request(srv.url + "/", { headers: { "X-Fill": "y".repeat(7000) } });
  assert.equal(res.status, 200);
});

test("a declared body over the limit gets 413 before it is sent", async () => {
  const { data } = await rawExchange(srv.port,
    "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\nContent-Type: text/plain\r\n\r\n");
  assert.match(data, /^HTTP\/1\.1 413 /);
});

test("a chunked body over the limit gets 413", async () => {
  const chunk = "a".repeat(3000);
  const body = `${(3000).toString(16)}\r\n${chunk}\r\n`.repeat(3) + "0\r\n\r\n";
  const { data } = await rawExchange(srv.port,
    `POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
  assert.match(data, /^HTTP\/1\.1 413 /);
});

test("a body within the limit reaches routing (405 for the GET-only portal)", async () => {
  const res = await request(srv.url + "/", { method: "POST", body: "a=1", headers: { "Content-Type": "text/plain" } });
  assert.equal(res.status, 405);
});

test("malformed requests get 400", async () => {
  const { data } = await rawExchange(srv.port, "GARBAGE\r\n\r\n");
  assert.match(data, /^HTTP\/1\.1 400 /);
});

test("keep-alive: 200 requests on one connection", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  for (let i = 0; i < 200; i++) {
    const path = ["/", "/en/articles/1/", "/columns/highlights/", "/static/css/site.css"][i % 4];
    const res = await request(srv.url + path, { agent });
    assert.equal(res.status, 200);
    sockets.add(res.socket);
  }
  agent.destroy();
  assert.equal(sockets.size, 1, "every request reused the same socket");
});

test("pipelined requests on one connection are answered in order", async () => {
  const req = (p) => `GET ${p} HTTP/1.1\r\nHost: t\r\n\r\n`;
  const { data } = await rawExchange(srv.port,
    req("/healthz") + req("/nope") + `GET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
  const statuses = [...data.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
  assert.deepEqual(statuses, ["200", "404", "200"]);
});

test("a slow client does not block another client", async () => {
  const slow = net.connect(srv.port, "127.0.0.1");
  let slowGotData = false;
  slow.on("data", () => (slowGotData = true));
  slow.on("error", () => {});
  await new Promise((r) => slow.on("connect", r));
  slow.write("GET / HTTP/1.1\r\nHo");  // and then nothing, for now
  // Meanwhile, on the single I/O thread, other clients are served.
  for (let i = 0; i < 20; i++) {
    const res = await request(srv.url + "/en/articles/1/");
    assert.equal(res.status, 200);
  }
  assert.equal(slowGotData, false, "the slow client is still waiting for its own request");
  assert.equal(slow.destroyed, false);
  slow.destroy();
});

test("a client that never finishes its header is disconnected after the header timeout", async () => {
  const { data, closed } = await rawExchange(srv.port, "GET / HTTP/1.1\r\nHost: t\r\n", { timeoutMs: 8000 });
  assert.equal(closed, true, "closed by the server, before the test's own 8 s limit");
  assert.equal(data, "");
});

test("an idle keep-alive connection is closed after the idle timeout", async () => {
  const sock = net.connect(srv.port, "127.0.0.1");
  let data = "";
  sock.on("data", (d) => (data += d));
  await new Promise((r) => sock.on("connect", r));
  sock.write("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  const closed = await new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), 8000);
    sock.on("close", () => { clearTimeout(t); resolve(true); });
  });
  assert.equal(closed, true);
  assert.match(data, /^HTTP\/1\.1 200 /);
  assert.equal([...data.matchAll(/HTTP\/1\.1/g)].length, 1);
});

test("too many connections: the next one gets 503", async () => {
  const capped = await startServer({ args: ["--threads", "1", "--max-connections", "3", "--idle-timeout-ms", "10000", "--header-timeout-ms", "10000"] });
  try {
    const held = [];
    for (let i = 0; i < 3; i++) {
      const s = net.connect(capped.port, "127.0.0.1");
      s.on("error", () => {});
      await new Promise((r) => s.on("connect", r));
      held.push(s);
    }
    await sleep(100);  // let the server accept all three
    const { data } = await rawExchange(capped.port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    assert.match(data, /^HTTP\/1\.1 503 /);
    assert.match(data, /\r\nRetry-After: 1\r\n/);
    held.forEach((s) => s.destroy());
    await sleep(100);
    const res = await request(capped.url + "/healthz");
    assert.equal(res.status, 200, "served again once connections close");
  } finally {
    await capped.cleanup();
  }
});
