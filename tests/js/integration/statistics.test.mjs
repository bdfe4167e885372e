// Visit statistics for the annual report (issue 18): counted by the server
// after a known number of page views, unique visitors by a day's hash, and
// nothing that identifies a visitor in the database file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Client, siteWithNewsroom } from "../lib/newsroom.mjs";
import { request, startServer, PG_ADMIN, runCli, queryDb, ROOT } from "../lib/server.mjs";
import { readXlsx } from "../lib/xlsx.mjs";

Client.defaultLang = "en";
let site;

// Behind a trusted proxy, as on a real site: visitors come with addresses.
before(async () => { site = await siteWithNewsroom({ args: ["--trusted-proxy", "127.0.0.1"] }); });
after(async () => { await site.srv.stop(); });

test("views and visitors are counted, shown by month and column, and exported", async () => {
  const as = (ua) => ({ headers: { "User-Agent": ua, "X-Forwarded-For": "198.51.100.77" } });
  for (let i = 0; i < 3; ++i) assert.equal((await request(site.srv.url + "/", as("VisitorAlpha-7f3"))).status, 200);
  for (let i = 0; i < 2; ++i) assert.equal((await request(site.srv.url + "/articles/38/", as("VisitorBeta-9c1"))).status, 200);
  assert.equal((await request(site.srv.url + "/columns/highlights/", as("VisitorBeta-9c1"))).status, 200);
  assert.equal((await request(site.srv.url + "/articles/999999/", as("VisitorGamma"))).status, 404);
  // Counts reach the database once a minute and at shutdown.
  await site.srv.stop();
  site.srv = await startServer({ dataDir: site.dir });
  const admin = new Client(site.srv);
  await admin.signIn("adm");
  const page = await admin.get("/admin/statistics");
  assert.equal(page.status, 200);
  assert.match(page.body, /<dt>Page views<\/dt><dd>6<\/dd>/);
  assert.match(page.body, /<dt>Unique visitors \(sum of daily\)<\/dt><dd>2<\/dd>/, "a 404 is not a visit");
  assert.match(page.body, /<svg class="bar-chart"[^>]*role="img"/);
  assert.doesNotMatch(page.body, /id="no-views"/);
  // A year without a view: the page says so, not a chart of empty months.
  const quiet = await admin.get("/admin/statistics?year=2020");
  assert.match(quiet.body, /<p class="empty" id="no-views">No page views counted this year.<\/p>/);
  assert.doesNotMatch(quiet.body, /<svg class="bar-chart"/);
  assert.match(page.body, /<td>检察要闻<\/td><td[^>]*>\d+<\/td><td[^>]*>1<\/td>/);
  assert.match(page.body, /href="\/articles\/38\/">[^<]+<\/a> — 2/);
  const x = await admin.get("/admin/statistics.xlsx");
  assert.equal(x.status, 200);
  const book = readXlsx(x.raw);
  const rows = Object.fromEntries(book["Annual report"].slice(2).map((r) => [r[0], r[1]]));
  assert.equal(rows["Page views"], 6);
  assert.equal(rows["Unique visitors (sum of daily)"], 2);
  assert.equal((await admin.get("/admin/statistics?year=1999")).status, 400);
  if (!PG_ADMIN) {
    const file = readFileSync(join(site.dir, "procura.db")).toString("latin1");
    for (const secret of ["VisitorAlpha", "VisitorBeta", "198.51.100.77"]) assert.ok(!file.includes(secret), secret);
  }
});

// A static copy served by nginx in the DMZ: its access logs are counted
// once each, as the server counts its own pages.
test("procura stats import-log counts a static copy's visits once, with the same rules", async () => {
  const at = "15/Oct/2026:10:00:00 +0800";
  const line = (ip, method, target, status, ua) =>
    `${ip} - - [${at}] "${method} ${target} HTTP/1.1" ${status} 512 "-" "${ua}"`;
  const log = [
    line("203.0.113.5", "GET", "/", 200, "LogReaderA"),
    line("203.0.113.5", "GET", "/articles/38/", 200, "LogReaderA"),
    line("203.0.113.5", "GET", "/columns/highlights/page/2/", 200, "LogReaderA"),
    line("203.0.113.6", "GET", "/en/articles/38/index.html", 304, "LogReaderB"),
    line("203.0.113.6", "GET", "/static/css/site.css", 200, "LogReaderB"),
    line("203.0.113.6", "POST", "/", 200, "LogReaderB"),
    line("203.0.113.7", "GET", "/articles/999999/", 404, "LogReaderC"),
    "this line is not a log line",
    "",
  ].join("\n");
  const file = join(site.dir, "access.log.1");
  writeFileSync(file, log);
  const first = await runCli(["stats", "import-log", "--data", site.dir, file]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /4 page views counted from 8 lines \(3 other requests, 1 lines not in the combined log format\)/);
  const views = queryDb(site.dir, "SELECT kind, views FROM page_views WHERE day = '2026-10-15' ORDER BY kind");
  assert.deepEqual(views.trim().split("\n"), ["article|2", "column|1", "home|1"]);
  assert.equal(queryDb(site.dir, "SELECT visitors FROM daily_visitors WHERE day = '2026-10-15'").trim(), "2");
  const again = await runCli(["stats", "import-log", "--data", site.dir, file]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /this log was counted before \(the same content\); nothing added/);
  assert.equal(queryDb(site.dir, "SELECT sum(views) FROM page_views WHERE day = '2026-10-15'").trim(), "4");
  const admin = new Client(site.srv);
  await admin.signIn("adm");
  assert.match((await admin.get("/admin/statistics?year=2026")).body,
    /Also counted: the access logs of the site&apos;s static copy \(procura stats import-log\), 1 so far; the latest, [^,]*access\.log\.1, on \d{4}-\d\d-\d\d \d\d:\d\d\./);
  const missing = await runCli(["stats", "import-log", "--data", site.dir, join(site.dir, "no-such.log")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read .*no-such\.log/);

  // logrotate compresses older logs (access.log.2.gz): read as they are,
  // and the same content compressed is the same log.
  const again2 = join(site.dir, "access.log.2.gz");
  writeFileSync(again2, gzipSync(log));
  const same = await runCli(["stats", "import-log", "--data", site.dir, again2]);
  assert.equal(same.code, 1);
  assert.match(same.stderr, /access\.log\.2\.gz: this log was counted before/);
  const other = log.replaceAll("15/Oct/2026", "16/Oct/2026");
  const gz = join(site.dir, "access.log.3.gz");
  writeFileSync(gz, gzipSync(other));
  const fromGz = await runCli(["stats", "import-log", "--data", site.dir, gz]);
  assert.equal(fromGz.code, 0, fromGz.stderr);
  assert.match(fromGz.stdout, /4 page views counted from 8 lines/);
  assert.equal(queryDb(site.dir, "SELECT sum(views) FROM page_views WHERE day = '2026-10-16'").trim(), "4");
  // A cut-off compressed file, a file that is no log, an empty one: each
  // refused with the reason, and none recorded as counted.
  const cut = join(site.dir, "access.log.4.gz");
  const whole = gzipSync(log.replaceAll("15/Oct/2026", "17/Oct/2026"));
  writeFileSync(cut, whole.subarray(0, whole.length - 12));
  const truncated = await runCli(["stats", "import-log", "--data", site.dir, cut]);
  assert.equal(truncated.code, 1);
  assert.match(truncated.stderr, /reading .*access\.log\.4\.gz failed \(the compressed file ends early\)/);
  const notLog = join(site.dir, "photo.jpg");
  writeFileSync(notLog, readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")));
  const refused = await runCli(["stats", "import-log", "--data", site.dir, notLog]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /no line of .*photo\.jpg is in the combined log format \(is it an access log\?\); nothing counted/);
  // A line past 64 KiB is one unreadable line, and the lines after it count.
  const long = join(site.dir, "access.log.5");
  writeFileSync(long, "x".repeat(200000) + "\n" + line("203.0.113.9", "GET", "/", 200, "LogReaderD").replace("15/Oct/2026", "18/Oct/2026") + "\n");
  const longRun = await runCli(["stats", "import-log", "--data", site.dir, long]);
  assert.equal(longRun.code, 0, longRun.stderr);
  assert.match(longRun.stdout, /1 page views counted from 2 lines \(0 other requests, 1 lines not in the combined log format\)/);
  writeFileSync(join(site.dir, "empty.log"), "");
  const empty = await runCli(["stats", "import-log", "--data", site.dir, join(site.dir, "empty.log")]);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /empty\.log is empty; nothing counted/);
  assert.equal(queryDb(site.dir, "SELECT count(*) FROM imported_logs").trim(), "3", "only the three real logs");
  writeFileSync(cut, whole);
  const mended = await runCli(["stats", "import-log", "--data", site.dir, cut]);
  assert.equal(mended.code, 0, mended.stderr);
  if (!PG_ADMIN) {
    const db = readFileSync(join(site.dir, "procura.db")).toString("latin1");
    for (const secret of ["LogReaderA", "203.0.113.5"]) assert.ok(!db.includes(secret), secret);
  }
});
