// Heart-to-heart talks (谈心谈话) over HTTP against the real server and the
// demo's branches: a secretary records talks in their own branch (every
// problem named at once, nothing stored), sees who has not yet talked with
// them, deletes one after confirming; the officer sees any branch; another
// branch's secretary and a plain member are kept out; every change audited.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

let srv, dir, branch, members, names;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  // A branch whose secretary is a member, and its other current members.
  const row = queryDb(dir, "SELECT p.unit_id, p.member_id FROM member_posts p JOIN members m ON m.id = p.member_id " +
    "WHERE p.post = 'secretary' AND m.branch_id = p.unit_id ORDER BY p.unit_id LIMIT 1").trim().split("|");
  branch = row[0];
  members = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${branch} AND status <> 'transferred-out' AND id <> ${row[1]} ORDER BY id`).trim().split("\n");
  members.unshift(row[1]);  // [secretary, others...]
  names = members.map((id) => queryDb(dir, `SELECT name FROM members WHERE id = ${id}`).trim());
  const other = queryDb(dir, `SELECT p.member_id FROM member_posts p JOIN members m ON m.id = p.member_id WHERE p.post = 'secretary' AND p.unit_id <> ${branch} AND m.branch_id = p.unit_id LIMIT 1`).trim();
  // The demo's talks in this branch are cleared: the test starts from none.
  queryDb(dir, `DELETE FROM heart_talks WHERE branch_id = ${branch}`);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", members[0]]);
  addUser(dir, "sec2", ["branch-secretary"], undefined, ["--member", other]);
  addUser(dir, "mem", ["member"], undefined, ["--member", members[1]]);
  addUser(dir, "officer", ["records-officer"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

async function as(name) {
  const c = new Client(srv);
  assert.equal((await c.signIn(name)).status, 303);
  return c;
}
const today = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const count = () => Number(queryDb(dir, `SELECT count(*) FROM heart_talks WHERE branch_id = ${branch}`).trim());

test("a secretary records talks in their branch and sees who is still to talk with", async () => {
  const s = await as("sec");
  let page = await s.get(`/admin/branch-life/branches/${branch}`);
  assert.match(page.body, new RegExp(`href="/admin/branch-life/branches/${branch}/talks\\?year=\\d{4}" id="talks-link"`));
  page = await s.get(`/admin/branch-life/branches/${branch}/talks`);
  assert.equal(page.status, 200);
  assert.match(page.body, /No talks are recorded for this year yet\./);
  const notYet = () => (page.body.match(/Not yet talked with the secretary \(([^)]+)\) in \d{4}: ([^<]+)\./) ?? []).slice(1);
  assert.equal(notYet()[0], names[0]);
  assert.deepEqual(notYet()[1].split("、").sort(), names.slice(1).sort(), "every other member, in pinyin order");
  assert.match(page.body, new RegExp(`<select id="t-talker" name="talker_id">[\\s\\S]*?<option value="${members[0]}" selected>`), "the secretary leads by default");
  const first = names.indexOf(notYet()[1].split("、")[0]);
  assert.match(page.body, new RegExp(`<select id="t-member" name="member_id">[\\s\\S]*?<option value="${members[first]}" selected>`), "with the first not yet talked with");
  // Everything wrong at once: a future date, the same person twice, no points.
  let r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: "2999-01-01", talker_id: members[0], member_id: members[0], summary: "" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="t-held_on-error">The date is after today|A talk is recorded once it has been held/);
  assert.match(r.body, /id="t-member-error">A talk is between two different members\./);
  assert.match(r.body, /id="t-summary-error">Main points: please fill this in\./);
  assert.match(r.body, /<a href="#t-summary">/, "the summary links each problem to its field");
  // A member of another branch is not a choice.
  const stranger = queryDb(dir, `SELECT id FROM members WHERE branch_id <> ${branch} LIMIT 1`).trim();
  r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: today(), talker_id: members[0], member_id: stranger, summary: "x" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="t-member-error">Choose a member of this branch\./);
  assert.equal(count(), 0, "nothing stored");

  r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: today(), talker_id: members[0], member_id: members[1], summary: "谈思想和工作情况。\n相互提出批评意见。" });
  assert.equal(r.status, 303, r.body);
  assert.match(r.headers.location, new RegExp(`^/admin/branch-life/branches/${branch}/talks\\?year=\\d{4}&done=saved`));
  page = await s.get(r.headers.location);
  assert.match(page.body, new RegExp(`<td data-label="Led the talk">${names[0]}</td><td data-label="Talked with">${names[1]}</td>`));
  assert.match(page.body, /class="talk-summary">谈思想和工作情况。\n相互提出批评意见。<\/td>/);
  assert.ok(!notYet()[1].split("、").includes(names[1]), "talked with now");
  // A talk the other way round counts too (the member leads).
  r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: today(), talker_id: members[2], member_id: members[0], summary: "谈整改措施" });
  assert.equal(r.status, 303);
  page = await s.get(`/admin/branch-life/branches/${branch}/talks`);
  assert.ok(!(notYet()[1] ?? "").split("、").includes(names[2]), "a talk the member led counts");
  assert.equal(count(), 2);
  assert.equal(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'talk.record' AND object_id = ${branch}`).trim(), "2");
});

test("deleting a talk asks first; other branches and plain members are kept out", async () => {
  const s = await as("sec");
  await s.get(`/admin/branch-life/branches/${branch}/talks`);
  const id = queryDb(dir, `SELECT id FROM heart_talks WHERE branch_id = ${branch} ORDER BY id LIMIT 1`).trim();
  let r = await s.post(`/admin/branch-life/talks/${id}/delete`, {});
  assert.equal(r.status, 200, "a confirmation page, nothing deleted yet");
  assert.match(r.body, /Delete the record of the talk held on \d{4}-\d\d-\d\d\? This cannot be undone\./);
  assert.equal(count(), 2);

  const other = await as("sec2");
  await other.get("/admin/branch-life/mine");
  assert.equal((await other.get(`/admin/branch-life/branches/${branch}/talks`)).status, 403);
  r = await other.post(`/admin/branch-life/talks/${id}/delete`, { confirm: "1" });
  assert.equal(r.status, 404, "another branch's talk is not there for them");
  r = await other.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: today(), talker_id: members[0], member_id: members[1], summary: "x" });
  assert.equal(r.status, 403);
  const m = await as("mem");
  await m.get("/admin/branch-life/mine");
  assert.equal((await m.get(`/admin/branch-life/branches/${branch}/talks`)).status, 403);
  assert.equal(count(), 2);

  const o = await as("officer");
  const page = await o.get(`/admin/branch-life/branches/${branch}/talks`);
  assert.equal(page.status, 200);
  assert.match(page.body, /谈整改措施/);
  r = await s.post(`/admin/branch-life/talks/${id}/delete`, { confirm: "1" });
  assert.equal(r.status, 303, r.body);
  assert.equal(count(), 1);
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'talk.delete' AND object_id = ${branch}`).trim(), today());
});
