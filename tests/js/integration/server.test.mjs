// The server's limits and connection handling, over raw sockets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { startServer, request, rawExchange, sleep } from "../lib/server.mjs";

// rawExchange reads bytes as latin1 (headers are); pages are UTF-8.
const utf8 = (data) => Buffer.from(data, "latin1").toString("utf8");

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
  // The page says what happened in Chinese first, then in English.
  assert.match(utf8(data), /<html lang="zh-CN">/);
  assert.match(utf8(data), /<h1 class="page-title">431 请求头过大\s*<\/h1>[\s\S]*清除本站的 Cookie/);
  assert.match(utf8(data), /<div lang="en">\s*<h2>431 Request headers too large\s*<\/h2>/);
});

test("a header just under the limit is served", async () => {
  const res = await request(srv.url + "/", { headers: { "X-Fill": "y".repeat(7000) } });
  assert.equal(res.status, 200);
});

test("a declared body over the limit gets 413 before it is sent", async () => {
  const { data } = await rawExchange(srv.port,
    "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\nContent-Type: text/plain\r\n\r\n");
  assert.match(data, /^HTTP\/1\.1 413 /);
  // The limits are named: uploads at the default 21 MiB, other forms at --max-body-bytes 4096.
  assert.match(utf8(data), /没有保存任何内容[^<]*上传文件每次最多 21 MiB，其他表单最多 4 KiB/);
  assert.match(utf8(data), /An upload may be at most 21 MiB, any other form 4 KiB\./);
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
  assert.match(utf8(data), /400 请求有误[\s\S]*400 Bad request/);
  // A request target that is no absolute path: a site page, in the site's language.
  const odd = await rawExchange(srv.port, "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  assert.match(odd.data, /^HTTP\/1\.1 400 /);
  assert.match(utf8(odd.data), /<h1 class="page-title">无法识别的地址<\/h1>/);
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
    assert.match(utf8(data), /503 服务器繁忙[\s\S]*请几秒钟后重试[\s\S]*503 Server busy/);
    held.forEach((s) => s.destroy());
    await sleep(100);
    const res = await request(capped.url + "/healthz");
    assert.equal(res.status, 200, "served again once connections close");
  } finally {
    await capped.cleanup();
  }
});

test("a failing page gets the site's 500 page in the reader's language", async () => {
  const failing = await startServer({ env: { PROCURA_FAULT: "article-throws" } });
  try {
    const zh = await request(failing.url + "/articles/1/");
    assert.equal(zh.status, 500);
    assert.equal(zh.headers["cache-control"], "no-store");
    assert.match(zh.body, /<html lang="zh-CN"/);
    assert.match(zh.body, /<h1 class="page-title">服务出错<\/h1>/);
    assert.match(zh.body, /href="\/columns\/highlights\/"/, "the site's own navigation, as now");
    const en = await request(failing.url + "/en/articles/1/");
    assert.equal(en.status, 500);
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /<h1 class="page-title">Service error<\/h1>/);
    assert.match(failing.stderr, /handler for \/articles\/1\/ threw: PROCURA_FAULT=article-throws/);
    assert.equal((await request(failing.url + "/")).status, 200, "other pages are served");
  } finally {
    await failing.cleanup();
  }
});
