// A member's calendar address (日历订阅): a secret link their phone's
// calendar subscribes to and fetches without signing in. Made with a POST
// and shown once (only its hash is kept); a new one replaces the old; it
// can be stopped; disabling the user stops it for good. The feed is the
// same iCalendar as the download, in the owner's language, with meeting
// end times.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { startServer, tempDir, queryDb, withDatabase } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";
import { readCalendar } from "../lib/calendar.mjs";
import { startNginx } from "../lib/nginx.mjs";

Client.defaultLang = "en";
const BIN = process.env.PROCURA_BIN;

// A day at the site's +08:00, `days` from today.
const dayFrom = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

let srv, dir, branch, member;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  [member, branch] = queryDb(dir, "SELECT id || '|' || branch_id FROM members WHERE status = 'full' AND id NOT IN (SELECT member_id FROM member_posts) ORDER BY id LIMIT 1").trim().split("|");
  const secretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${branch} AND post = 'secretary' LIMIT 1`).trim();
  assert.ok(member && branch && secretary, "the demo has the people");
  addUser(dir, "mem", ["member"], undefined, ["--member", member]);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", secretary]);
  srv = await startServer({ dataDir: dir, demo: false, args: ["--access-log", accessLog()] });
});
after(async () => { await srv.stop(); });

const accessLog = () => `${dir}/access.log`;
const links = () => queryDb(dir, "SELECT count(*) FROM calendar_links").trim();
const addressOf = (page) => (page.match(/<input id="cal-address" value="([^"]+)" readonly/) ?? [])[1];
const pathOf = (address) => new URL(address).pathname;

test("a member makes a calendar address, and a calendar reads it without signing in", async () => {
  const sec = new Client(srv);
  await sec.signIn("sec");
  const day = dayFrom(2);
  let r = await sec.post(`/admin/branch-life/branches/${branch}/meetings`, { kind: "members", topic: "Planning the quarter", held_on: day, starts_at: "09:00", ends_at: "10:30", place: "Room 5" });
  assert.equal(r.status, 303, r.body.slice(0, 500));

  const m = new Client(srv);
  await m.signIn("mem");
  let mine = (await m.get("/admin/branch-life/mine")).body;
  assert.match(mine, /<details class="add-form" id="calendar-link">\s*<summary>Keep my calendar up to date<\/summary>/, "folded while there is none");
  assert.match(mine, /<button type="submit" id="calendar-link-make">Make my calendar address<\/button>/);
  assert.doesNotMatch(mine, /id="calendar-link-stop"/, "nothing to stop yet");
  // GET never makes one; nor does a POST without the form's token.
  assert.notEqual((await m.get("/admin/branch-life/mine/calendar-link")).status, 200);
  assert.equal((await m.post("/admin/branch-life/mine/calendar-link", {}, { csrf: false })).status, 403);
  assert.equal(links(), "0");
  // Nor can someone signed out.
  assert.equal((await new Client(srv).post("/admin/branch-life/mine/calendar-link", {}, { csrf: false })).status, 403);

  r = await m.post("/admin/branch-life/mine/calendar-link");
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.equal(r.headers["cache-control"], "no-store", "the page with the address is not kept");
  const address = addressOf(r.body);
  // On the site's public address (the demo's), whatever host the form was sent to.
  assert.match(address ?? "", /^https?:\/\/[^/]+\/admin\/calendar\/[A-Za-z0-9_-]{43}\.ics$/, r.body.slice(0, 2000));
  assert.ok(r.body.includes(`<a class="button" id="cal-subscribe" href="webcal${address.slice(address.indexOf("://"))}">Subscribe on this device</a>`));
  const token = pathOf(address).slice("/admin/calendar/".length, -4);
  assert.equal(links(), "1");
  assert.equal(queryDb(dir, `SELECT count(*) FROM calendar_links WHERE token_hash = '${token}'`).trim(), "0", "only a hash is kept");

  // A calendar app: no cookies, no session.
  const feed = await new Client(srv).get(pathOf(address));
  assert.equal(feed.status, 200, feed.body.slice(0, 300));
  assert.equal(feed.headers["content-type"], "text/calendar; charset=utf-8");
  assert.equal(feed.headers["cache-control"], "no-store", "no copy kept on the way");
  assert.equal(feed.headers["x-robots-tag"], "noindex");
  const cal = readCalendar(feed.body);
  assert.equal(cal.name, "My party meetings and training", "in the owner's language");
  const planned = cal.events.find((e) => e.summary.endsWith(": Planning the quarter"));
  assert.ok(planned, feed.body);
  assert.match(planned.summary, /^[A-Z][a-z' ]+: Planning the quarter$/, "in English, as the owner reads");
  assert.equal(planned.location, "Room 5");
  assert.equal(planned.start, new Date(`${day}T09:00:00+08:00`).toISOString().replace(".000Z", "+00:00"));
  assert.equal(planned.end, new Date(`${day}T10:30:00+08:00`).toISOString().replace(".000Z", "+00:00"));
  // The access log keeps that the address was read, not the address.
  const logged = readFileSync(accessLog(), "utf8");
  assert.match(logged, /"target":"\/admin\/calendar\/\[token\]"/);
  assert.ok(!logged.includes(token), "the token is not in the access log");
  // The same events as the download.
  const download = readCalendar((await m.get("/admin/branch-life/mine.ics")).body);
  assert.deepEqual(cal.events.map((e) => e.uid), download.events.map((e) => e.uid));

  mine = (await m.get("/admin/branch-life/mine")).body;
  assert.match(mine, /<details class="add-form" id="calendar-link" open>/, "open once there is one");
  assert.match(mine, /<p id="calendar-link-state">Your calendar address was made on \d{4}-\d\d-\d\d \d\d:\d\d\.<\/p>\s*<p id="calendar-link-read">A calendar last fetched it on \d{4}-\d\d-\d\d \d\d:\d\d\.<\/p>/);
  assert.match(mine, /Make a new address \(the old one stops working\)/);
});

test("an account without a member record still gets a calendar: its training, no meetings", async () => {
  await srv.stop();
  addUser(dir, "plainstaff", ["editor"]);
  srv = await startServer({ dataDir: dir, demo: false, args: ["--access-log", accessLog()] });
  const ed = new Client(srv);
  await ed.signIn("plainstaff");
  const r = await ed.post("/admin/branch-life/mine/calendar-link");
  assert.equal(r.status, 200, r.body.slice(0, 500));
  for (const path of [pathOf(addressOf(r.body)), "/admin/branch-life/mine.ics"]) {
    const feed = await (path.endsWith("mine.ics") ? ed : new Client(srv)).get(path);
    assert.equal(feed.status, 200, `${path}: ${feed.body.slice(0, 300)}`);
    assert.match(feed.headers["content-type"], /^text\/calendar/);
    const cal = readCalendar(feed.body);
    assert.equal(cal.name, "My party meetings and training");
    assert.ok(!cal.events.some((e) => e.uid.startsWith("meeting-")), feed.body);
  }
  await ed.post("/admin/branch-life/mine/calendar-link/stop");
});

test("an address that opens nothing is a 404, whatever is wrong with it", async () => {
  const anon = new Client(srv);
  const good = "A".repeat(43);
  for (const path of [`/admin/calendar/${good}.ics`, `/admin/calendar/${good}`, "/admin/calendar/short.ics",
    `/admin/calendar/${"x".repeat(500)}.ics`, "/admin/calendar/.ics", "/admin/calendar/..%2F..%2Fprocura.db"]) {
    const r = await anon.get(path);
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.body, /BEGIN:VCALENDAR/);
  }
});

test("a new address replaces the old; stopping it ends it; a disabled user's is gone for good", async () => {
  const m = new Client(srv);
  await m.signIn("mem");
  const first = pathOf(addressOf((await m.post("/admin/branch-life/mine/calendar-link")).body));
  const second = pathOf(addressOf((await m.post("/admin/branch-life/mine/calendar-link")).body));
  assert.notEqual(first, second);
  const anon = new Client(srv);
  assert.equal((await anon.get(first)).status, 404, "the old address stops working");
  assert.equal((await anon.get(second)).status, 200);
  assert.equal(links(), "1", "one per user");
  let mine = (await m.get("/admin/branch-life/mine")).body;
  assert.match(mine, /No calendar has fetched it yet\.|A calendar last fetched it on/);

  assert.equal((await m.post("/admin/branch-life/mine/calendar-link/stop", {}, { csrf: false })).status, 403);
  assert.equal((await anon.get(second)).status, 200, "a refused stop stops nothing");
  let r = await m.post("/admin/branch-life/mine/calendar-link/stop");
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, "/admin/branch-life/mine?done=calendar-stopped#calendar-link");
  mine = (await m.get(r.headers.location.replace(/#.*/, ""))).body;
  assert.match(mine, /The calendar address was stopped: calendars subscribed to it no longer update\./);
  assert.match(mine, /<details class="add-form" id="calendar-link" open>/, "the section the notice is about stays open");
  assert.match(mine, /Make my calendar address/);
  const gone = await anon.get(second);
  assert.equal(gone.status, 404);
  assert.match(gone.body, /该日历订阅地址已失效/, "said in the site's language to whoever asks");
  assert.equal(links(), "0");

  const third = pathOf(addressOf((await m.post("/admin/branch-life/mine/calendar-link")).body));
  assert.equal((await anon.get(third)).status, 200);
  for (const verb of ["disable", "enable"]) {
    const cli = spawnSync(BIN, withDatabase(["user", verb, "mem", "--data", dir]), { encoding: "utf8" });
    assert.equal(cli.status, 0, cli.stderr);
  }
  assert.equal((await anon.get(third)).status, 404, "enabling again does not revive it");
  assert.equal((await new Client(srv).signIn("mem")).status, 303, "the CLI's enable lets them sign in again");
  const nobody = spawnSync(BIN, withDatabase(["user", "enable", "nobody", "--data", dir]), { encoding: "utf8" });
  assert.notEqual(nobody.status, 0);
  assert.match(nobody.stderr, /There is no user named 'nobody'/);

  const audit = queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'user.calendar-link' AND actor_name = 'mem' ORDER BY id").trim().split("\n");
  assert.deepEqual(audit, ["made", "replaced", "replaced", "stopped", "made"]);
  assert.match(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'user.disable' ORDER BY id DESC LIMIT 1"), /calendar address stopped/);
});

test("on a static site, the DMZ's nginx passes a calendar address on and nothing else of /admin/ (docs/deploy.md)", async () => {
  const m = new Client(srv);
  await m.signIn("sec");  // (mem's account is disabled by now)
  const r = await m.post("/admin/branch-life/mine/calendar-link");
  assert.equal(r.status, 200);
  const path = pathOf(addressOf(r.body));
  const www = tempDir();  // the static copy; nothing of /admin/ in it
  const dmz = await startNginx(www, { proxy: srv.url });
  try {
    const feed = await new Client(dmz).get(path);
    assert.equal(feed.status, 200, feed.body.slice(0, 300));
    assert.equal(feed.headers["content-type"], "text/calendar; charset=utf-8");
    assert.equal(readCalendar(feed.body).name, "My party meetings and training");
    for (const other of ["/admin/login", "/admin/", "/admin/calendar/x.ics", `${path}x`])
      assert.equal((await new Client(dmz).get(other)).status, 404, other);
    const sent = await new Client(dmz).post(path, {}, { csrf: false });
    assert.equal(sent.status, 403, "a GET only");
  } finally {
    await dmz.stop();
  }
});
