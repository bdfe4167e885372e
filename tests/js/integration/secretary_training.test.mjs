// 新任党支部书记任职培训 over HTTP: a secretary post given in procura carries
// its day; until a training session attended since then credits them, the
// new secretary is on the records officer's dashboard with the day six
// months on, and their member page says so. Nobody else sees the list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

const siteTime = (minutes = 0) => new Date(Date.now() + (8 * 60 + minutes) * 60000).toISOString().slice(0, 16);
const today = siteTime().slice(0, 10);
// `day` plus six calendar months, the day clamped to the month's end.
function sixMonthsAfter(day) {
  const [y, m, d] = day.split("-").map(Number);
  const month = m + 6, year = y + Math.floor((month - 1) / 12), mm = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

let srv, dir, branch, oldSecretary, newSecretary, demoNewest;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo: the last branch's secretary is new
  await srv.stop();
  demoNewest = queryDb(dir, "SELECT member_id || '|' || since FROM member_posts WHERE post = 'secretary' AND since <> ''").trim();
  branch = queryDb(dir, "SELECT id FROM org_units WHERE kind = 'branch' ORDER BY position LIMIT 1 OFFSET 2").trim();
  oldSecretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${branch} AND post = 'secretary'`).trim();
  newSecretary = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${branch} AND id NOT IN (SELECT member_id FROM member_posts) ORDER BY id LIMIT 1`).trim();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", oldSecretary]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

test("the demo's new secretary is on the dashboard, due six months after taking the post", async () => {
  const [member, since] = demoNewest.split("|");
  assert.ok(member && since < today, "one dated secretary post in the demo");
  const c = new Client(srv);
  await c.signIn("officer");
  const dash = (await c.get("/admin/")).body;
  assert.match(dash, /<h3 id="h-new-secretaries">New branch secretaries to be trained<\/h3>/);
  assert.match(dash, new RegExp(`<tr id="new-secretary-${member}"><td><a href="/admin/org/members/${member}">[^<]+</a></td><td[^>]*>[^<]+</td><td[^>]*><span class="date">${sixMonthsAfter(since)}</span><br><span class="hint">secretary since ${since}</span></td></tr>`));
  assert.equal([...dash.matchAll(/<tr id="new-secretary-/g)].length, 1, "posts from before procura kept the day are not judged");
  assert.match((await c.get(`/admin/org/members/${member}`)).body,
    new RegExp(`<dd id="secretary-training">Secretary since ${since}; to be trained by ${sixMonthsAfter(since)}\\.</dd>`));
  // A branch secretary's dashboard has no such list.
  const sec = new Client(srv);
  await sec.signIn("sec");
  assert.doesNotMatch((await sec.get("/admin/")).body, /h-new-secretaries/);
});

test("a secretary appointed today is listed until a session attended since credits them", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  // The post changes hands on the members' pages, as an officer does it.
  assert.equal((await c.post(`/admin/org/members/${oldSecretary}/posts`, { posts_shown: "1" })).status, 303);
  assert.equal((await c.post(`/admin/org/members/${newSecretary}/posts`, { posts_shown: "1", post: "secretary" })).status, 303);
  assert.equal(queryDb(dir, `SELECT since FROM member_posts WHERE member_id = ${newSecretary} AND post = 'secretary'`).trim(), today);
  // Another post added later keeps the secretary post's day.
  assert.equal((await c.post(`/admin/org/members/${newSecretary}/posts`, { posts_shown: "1", post: ["secretary", "discipline-member"] })).status, 303);
  assert.equal(queryDb(dir, `SELECT since FROM member_posts WHERE member_id = ${newSecretary} AND post = 'secretary'`).trim(), today);
  let dash = (await c.get("/admin/")).body;
  assert.match(dash, new RegExp(`<tr id="new-secretary-${newSecretary}">[^]*?<td[^>]*><span class="date">${sixMonthsAfter(today)}</span><br><span class="hint">secretary since ${today}</span></td></tr>`));

  // A class held online: its hours count, but it trains no new secretary.
  await c.get("/admin/training/new");
  let o = await c.post("/admin/training", { title: "网络专题班", start_date: today, end_date: today, venue: "线上", required_hours: "2", online: "1" });
  assert.equal(o.status, 303, o.body);
  const onlineClass = o.headers.location.split("?")[0].split("/").pop();
  const classPage = (await c.get(`/admin/training/${onlineClass}`)).body;
  assert.match(classPage, /, held online \(not centralized training\)<\/dd>/);
  assert.match((await c.get(`/admin/training/${onlineClass}/edit`)).body, /<input type="checkbox" id="c-online" name="online" value="1" checked/);
  o = await c.post(`/admin/training/${onlineClass}/sessions`, { starts_at: siteTime(5), hours: "2", type: "lecture", topic: "网络课程", lecturer: "Zhou" });
  assert.equal(o.status, 303, o.body);
  const onlineSession = (await c.get(`/admin/training/${onlineClass}`)).body.match(/\/admin\/training\/sessions\/(\d+)"/)[1];
  assert.equal((await c.post(`/admin/training/${onlineClass}/enroll`, { member: newSecretary })).status, 303);
  assert.equal((await c.post(`/admin/training/sessions/${onlineSession}/mark`, { member: newSecretary, mark: "present" })).status, 303);
  assert.match((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${newSecretary}"`), "an online class is no centralized training");
  const archive = (await c.get(`/admin/org/members/${newSecretary}/training`)).body;
  assert.match((await c.get(`/admin/training/hours?year=${today.slice(0, 4)}&all=1`)).body, /网络专题班 2 h \(online\)/, "the ledger says so");
  assert.match(archive, new RegExp(`<tr id="class-${onlineClass}">[^]*?<td data-label="Kind">Online</td>\\s*<td data-label="Hours">2</td>`));

  // A class with a session now; enrolled and marked present, they are trained.
  await c.get("/admin/training/new");
  let r = await c.post("/admin/training", { title: "任职培训", start_date: today, end_date: today, venue: "Room 1", required_hours: "2" });
  assert.equal(r.status, 303, r.body);
  const cls = r.headers.location.split("?")[0].split("/").pop();
  r = await c.post(`/admin/training/${cls}/sessions`, { starts_at: siteTime(5), hours: "2", type: "lecture", topic: "支部工作条例", lecturer: "Zhou" });
  assert.equal(r.status, 303, r.body);
  const session = (await c.get(`/admin/training/${cls}`)).body.match(/\/admin\/training\/sessions\/(\d+)"/)[1];
  assert.equal((await c.post(`/admin/training/${cls}/enroll`, { member: newSecretary })).status, 303);
  // Absent earns nothing: still listed.
  assert.equal((await c.post(`/admin/training/sessions/${session}/mark`, { member: newSecretary, mark: "absent" })).status, 303);
  assert.match((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${newSecretary}"`));
  assert.equal((await c.post(`/admin/training/sessions/${session}/mark`, { member: newSecretary, mark: "present" })).status, 303);
  dash = (await c.get("/admin/")).body;
  assert.doesNotMatch(dash, new RegExp(`id="new-secretary-${newSecretary}"`));
  assert.match((await c.get(`/admin/org/members/${newSecretary}`)).body,
    new RegExp(`<dd id="secretary-training">Secretary since ${today}; trained on ${today}\\.</dd>`));
});

test("the Chinese dashboard names it", async () => {
  const c = new Client(srv, { lang: "zh-CN" });
  await c.signIn("officer");
  assert.match((await c.get("/admin/")).body, /<h3 id="h-new-secretaries">新任党支部书记任职培训<\/h3>/);
});

test("a post's day can be given, also for a post held before procura, and is checked", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const joined = queryDb(dir, `SELECT joined_date FROM members WHERE id = ${oldSecretary}`).trim();
  assert.ok(joined, "the demo's secretaries have a joining day");
  const earlier = `${Number(today.slice(0, 4)) - 3}${today.slice(4)}`.replace(/-02-29$/, "-02-28");
  const post = (fields) => c.post(`/admin/org/members/${oldSecretary}/posts`, { posts_shown: "1", ...fields });
  // Wrong days are refused, naming the problem; nothing changes.
  const before = queryDb(dir, `SELECT post || since FROM member_posts WHERE member_id = ${oldSecretary} ORDER BY post`);
  let r = await post({ post: "organization-member", "since-organization-member": "2099-01-01" });
  assert.equal(r.status, 422);
  assert.match(r.body, /A post&apos;s day cannot be in the future\./);
  r = await post({ post: "organization-member", "since-organization-member": "1900-01-01" });
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`cannot be before the member joined the Party \\(${joined}\\)`));
  r = await post({ post: "organization-member", "since-organization-member": "3 March" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Write the date as YYYY-MM-DD/);
  assert.equal(queryDb(dir, `SELECT post || since FROM member_posts WHERE member_id = ${oldSecretary} ORDER BY post`), before);
  // A day given is kept, and shown; an earlier day is no "new" secretary.
  r = await post({ post: "organization-member", "since-organization-member": earlier });
  assert.equal(r.status, 303, r.body);
  assert.equal(queryDb(dir, `SELECT since FROM member_posts WHERE member_id = ${oldSecretary} AND post = 'organization-member'`).trim(), earlier);
  const page = (await c.get(`/admin/org/members/${oldSecretary}`)).body;
  assert.match(page, new RegExp(`<dd>Organization committee member \\(since ${earlier}\\)</dd>`));
  assert.match(page, new RegExp(`id="since-organization-member" name="since-organization-member" value="${earlier}" max="${today}"`));
  // Ticked again without a day, the post keeps the one it has.
  assert.equal((await post({ post: "organization-member" })).status, 303);
  assert.equal(queryDb(dir, `SELECT since FROM member_posts WHERE member_id = ${oldSecretary} AND post = 'organization-member'`).trim(), earlier);
  const audit = queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'member.posts' ORDER BY id DESC LIMIT 1`).trim();
  assert.equal(audit, `posts=organization-member@${earlier}`);
});

test("a secretary post from years back, untrained on record, leaves the dashboard a year after it was due", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const first = queryDb(dir, "SELECT member_id FROM member_posts WHERE post = 'secretary' ORDER BY unit_id LIMIT 1").trim();
  const yearsAgo = (years, months = 0) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - months);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    d.setUTCDate(Math.min(d.getUTCDate(), 28));
    return d.toISOString().slice(0, 10);
  };
  const setSince = async (day) => {
    const r = await c.post(`/admin/org/members/${first}/posts`, { posts_shown: "1", post: "secretary", "since-secretary": day });
    assert.equal(r.status, 303, r.body);
  };
  // The demo's classes since would have trained them: none on record here.
  queryDb(dir, `DELETE FROM attendance WHERE member_id = ${first}`);
  // Due 18 months ago: history. The member page still says so.
  await setSince(yearsAgo(2));
  assert.doesNotMatch((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${first}"`));
  assert.match((await c.get(`/admin/org/members/${first}`)).body,
    new RegExp(`<dd id="secretary-training">Secretary since ${yearsAgo(2)}; the training due by ${sixMonthsAfter(yearsAgo(2))} is not on record\\. <span class="badge due-missing">overdue</span></dd>`));
  // Due four months ago: still on the dashboard, overdue.
  await setSince(yearsAgo(0, 10));
  assert.match((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${first}"`));
});
