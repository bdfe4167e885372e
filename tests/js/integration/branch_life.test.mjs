// Branch organisational life (三会一课) over HTTP against the real server
// and its demo year: the committee's overview and its XLSX, a secretary
// recording a meeting (form errors, quorum, minutes filing the records),
// QR check-in by a member, the printable record and its XLSX read back,
// guides, the appraisal, the member's own year, a news draft — and a
// secretary kept out of another branch through pages, exports and the API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, queryDb, runCli, request, ROOT } from "../lib/server.mjs";
import { startSmtpSink, decodeMail } from "../lib/smtp.mjs";
import { addUser, Client, apiToken, api, apiReview, signedIn } from "../lib/newsroom.mjs";
import { readXlsx } from "../lib/xlsx.mjs";
import { readCalendar } from "../lib/calendar.mjs";

Client.defaultLang = "en";

let srv, dir, ownBranch, otherBranch, ownMembers, otherMeeting, admToken, rvToken;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo: 29 branches with a year of meetings
  await srv.stop();
  ownBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  otherBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 9").trim();
  assert.notEqual(ownBranch, otherBranch);
  ownMembers = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${ownBranch} ORDER BY id`).trim().split("\n");
  otherMeeting = queryDb(dir, `SELECT id FROM meetings WHERE branch_id = ${otherBranch} ORDER BY id LIMIT 1`).trim();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec1", ["branch-secretary"], undefined, ["--member", "1"]);  // secretary of ownBranch
  // A plain member of that branch: the member role, their own year only.
  addUser(dir, "mem2", ["member"], undefined, ["--member", ownMembers[1]]);
  // The secretary of the other branch.
  const otherSecretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${otherBranch} AND post = 'secretary' LIMIT 1`).trim();
  assert.ok(otherSecretary, "the demo's other branch has a secretary");
  addUser(dir, "sec2", ["branch-secretary"], undefined, ["--member", otherSecretary]);
  addUser(dir, "sec0", ["branch-secretary"]);  // no member record linked yet
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "adm", ["admin"]);
  addUser(dir, "rv1", ["reviewer"]);
  admToken = apiToken(dir, "adm");
  rvToken = apiToken(dir, "rv1");
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const as = (name) => signedIn(srv, name);

// "YYYY-MM-DD" and "HH:MM" in the site's zone (+08:00), `minutes` from now.
function siteNow(minutes = 0) {
  const iso = new Date(Date.now() + (8 * 60 + minutes) * 60000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

async function createMeeting(c, fields) {
  await c.get(`/admin/branch-life/branches/${ownBranch}/meetings/new`);
  const res = await c.post(`/admin/branch-life/branches/${ownBranch}/meetings`, fields);
  assert.equal(res.status, 303, res.body);
  return res.headers.location.split("?")[0].split("/").pop();
}

test("the committee's overview: 29 branches by month, gaps shown, XLSX read back and audited", async () => {
  const c = await as("officer");
  const year = siteNow().day.slice(0, 4);
  const page = await c.get(`/admin/branch-life?year=${year}`);
  assert.equal(page.status, 200, page.body);
  assert.equal([...page.body.matchAll(/<tr id="branch-\d+">/g)].length, 29);
  assert.match(page.body, /badge due-missing">Missing</, "branches that are behind show gaps");
  assert.match(page.body, /badge due-ok">On time</);
  assert.match(page.body, /<figure class="chart-figure" aria-labelledby="life-chart"><figcaption id="life-chart">/);
  const missing = Number(page.body.match(/<dd id="total-missing">(\d+)<\/dd>/)[1]);
  assert.ok(missing > 0);
  // The demo's branches have planned their next two weeks: those meetings
  // have nothing recorded yet, and nothing later is there.
  const today = siteNow().day, horizon = siteNow(14 * 24 * 60).day;
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings WHERE held_on > '${horizon}'`).trim(), "0");
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id WHERE m.held_on > '${today}'`).trim(), "0");
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings WHERE held_on > '${today}' AND (records_filed_at IS NOT NULL OR minutes <> '')`).trim(), "0");
  // The totals say what they are out of; the chart puts the branches that are behind first.
  const count = (id) => Number(page.body.match(new RegExp(`id="${id}">(\\d+)<`))[1]);
  assert.equal(count("total-due"), count("total-met") + count("total-late") + missing);
  assert.match(page.body, /<span id="total-met">\d+<\/span><span class="hint share">\(\d+% of the items due so far\)<\/span>/);
  const shares = [...page.body.matchAll(/<span class="bar-value">(\d+)%<\/span>/g)].map((x) => Number(x[1]));
  assert.equal(shares.length, 29);
  assert.ok(shares[0] < shares[28], "some branches are behind");
  assert.deepEqual(shares, [...shares].sort((a, b) => a - b), "lowest first");
  // Only the branches behind: exactly those with a gap or late records in the full grid, the chart whole.
  const gridRows = (html) => [...html.matchAll(/<tr id="branch-(\d+)">[^]*?<td class="n-late"[^>]*>(\d+)<\/td><td class="n-missing"[^>]*>(\d+)<\/td>/g)]
    .map((m) => ({ id: m[1], behind: Number(m[2]) + Number(m[3]) > 0 }));
  const behindIds = gridRows(page.body).filter((r) => r.behind).map((r) => r.id);
  assert.ok(behindIds.length > 0 && behindIds.length < 29, `${behindIds.length} behind`);
  const behind = (await c.get(`/admin/branch-life?year=${year}&behind=1`)).body;
  assert.deepEqual(gridRows(behind).map((r) => r.id), behindIds);
  assert.match(behind, new RegExp(`<p class="list-count" id="grid-shown">${behindIds.length} of 29 branches have an item missing or records late\\. <a href="/admin/branch-life\\?year=${year}&amp;quarter=#h-grid">Show every branch</a></p>`));
  assert.match(behind, /<input type="checkbox" id="lo-behind" name="behind" value="1" checked>/);
  assert.equal([...behind.matchAll(/<span class="bar-value">/g)].length, 29, "the chart still has every branch");
  assert.doesNotMatch(page.body, /id="grid-shown"/);
  const q = await c.get(`/admin/branch-life?year=${year}&quarter=2`);
  assert.equal([...q.body.matchAll(/<th scope="col">Month \d+<\/th>/g)].length, 3, "a quarter shows its three months");
  assert.equal((await c.get(`/admin/branch-life?year=${year}&quarter=5`)).status, 400);
  const xlsx = await c.get(`/admin/branch-life/overview.xlsx?year=${year}`);
  assert.equal(xlsx.status, 200);
  const book = readXlsx(xlsx.raw);
  const sheet = Object.values(book)[0];
  const header = sheet.find((r) => r[0] === "Party branch");
  assert.ok(header, JSON.stringify(sheet.slice(0, 3)));
  const rows = sheet.slice(sheet.indexOf(header) + 1);
  assert.equal(rows.length, 29);
  const missingCol = header.indexOf("Missing");
  assert.equal(rows.reduce((n, r) => n + Number(r[missingCol]), 0), missing, "the XLSX's counts are the page's");
  assert.match(queryDb(dir, "SELECT action FROM audit_log WHERE action = 'branch-life.export'"), /branch-life\.export/);
  // A secretary is sent to their own branch; the XLSX of all is not theirs.
  const s = await as("sec1");
  const mine = await s.get("/admin/branch-life");
  assert.equal(mine.status, 303);
  assert.equal(mine.headers.location, `/admin/branch-life/branches/${ownBranch}`);
  assert.equal((await s.get(`/admin/branch-life/overview.xlsx?year=${year}`)).status, 403);
});

test("a secretary cannot see or change another branch's meetings: pages, exports, API", async () => {
  const s = await as("sec1");
  assert.equal((await s.get(`/admin/branch-life/branches/${ownBranch}`)).status, 200);
  assert.equal((await s.get(`/admin/branch-life/branches/${otherBranch}`)).status, 403);
  assert.equal((await s.get(`/admin/meetings/${otherMeeting}`)).status, 404);
  assert.equal((await s.get(`/admin/meetings/${otherMeeting}/edit`)).status, 404);
  await s.get(`/admin/branch-life/branches/${ownBranch}`);
  const before = queryDb(dir, `SELECT topic, version FROM meetings WHERE id = ${otherMeeting}`);
  assert.equal((await s.post(`/admin/meetings/${otherMeeting}/edit`, { kind: "committee", topic: "hijack", held_on: "2026-01-05", starts_at: "09:00", version: "1" })).status, 404);
  assert.equal((await s.post(`/admin/meetings/${otherMeeting}/marks`, { [`mark-7`]: "absent" })).status, 404);
  assert.equal((await s.post(`/admin/meetings/${otherMeeting}/delete`, { confirm: "1" })).status, 404);
  assert.equal(queryDb(dir, `SELECT topic, version FROM meetings WHERE id = ${otherMeeting}`), before, "nothing changed");
  assert.equal((await s.post(`/admin/branch-life/branches/${otherBranch}/meetings`, { kind: "committee", topic: "x", held_on: "2026-01-05", starts_at: "09:00" })).status, 403);
  assert.equal((await s.get(`/admin/branch-life/branches/${otherBranch}/record`)).status, 403);
  assert.equal((await s.get(`/admin/branch-life/branches/${otherBranch}/record.xlsx`)).status, 403);
  assert.equal((await s.get(`/admin/branch-life/branches/${otherBranch}/appraisal`)).status, 403);
  assert.equal((await s.get(`/admin/meetings/${otherMeeting}/checkin`)).status, 404);
  const token = apiToken(dir, "sec1");
  assert.equal((await api(srv, "GET", `/api/v1/branches/${otherBranch}/meetings`, { token })).status, 403);
  assert.equal((await api(srv, "GET", `/api/v1/meetings/${otherMeeting}`, { token })).status, 404);
  const own = await api(srv, "GET", `/api/v1/branches/${ownBranch}/meetings`, { token });
  assert.equal(own.status, 200);
  assert.ok(own.json.meetings.length > 10, "the demo year");
  assert.ok(own.json.due.some((d) => d.rule === "committee" && d.state === "met"));
  // An editor has no party records at all.
  const e = await as("ed");
  assert.equal((await e.get(`/admin/branch-life/branches/${ownBranch}`)).status, 403);
});

// 支部工作条例 第九条: a branch of fewer than 7 members has a secretary and
// no committee, so no committee meeting is due from it, nor missed; one
// given a committee member (组织委员) owes them again.
test("a branch of fewer than 7 members without committee members owes no committee meetings", async () => {
  const small = queryDb(dir, "SELECT u.id FROM org_units u WHERE u.kind = 'branch' " +
    "AND (SELECT count(*) FROM members m WHERE m.branch_id = u.id AND m.status <> 'transferred-out') < 7 " +
    "AND NOT EXISTS (SELECT 1 FROM member_posts p WHERE p.unit_id = u.id AND p.post <> 'secretary') ORDER BY u.id LIMIT 1").trim();
  assert.ok(small, "the demo has such a branch");
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings WHERE branch_id = ${small} AND kind = 'committee'`).trim(), "0", "the demo holds none there");
  const c = await as("officer");
  const year = siteNow().day.slice(0, 4);
  const page = (await c.get(`/admin/branch-life/branches/${small}?year=${year}`)).body;
  assert.match(page, /<p class="hint" id="no-committee">This branch has fewer than 7 members and no committee members on record/);
  assert.doesNotMatch(page, /<th scope="row">Committee meeting every month<\/th>/);
  // Its new-meeting form offers no committee meeting; the secretary's branch's does.
  const kinds = async (b) => [...(await c.get(`/admin/branch-life/branches/${b}/meetings/new`)).body
    .matchAll(/<option value="([a-z-]+)"[^>]*>[^<]*<\/option>/g)].map((x) => x[1]);
  assert.ok(!(await kinds(small)).includes("committee"));
  assert.ok((await kinds(small)).includes("members"));
  assert.ok((await kinds(ownBranch)).includes("committee"));
  const token = apiToken(dir, "officer");
  let r = await api(srv, "GET", `/api/v1/branches/${small}/meetings?year=${year}`, { token });
  assert.equal(r.status, 200);
  assert.equal(r.json.has_committee, false);
  assert.ok(!r.json.due.some((d) => d.rule === "committee"));
  assert.ok(r.json.due.some((d) => d.rule === "themed-day"), "the other rules still apply");
  // The overview's row for it counts no committee months among its items due.
  const ownDue = (await api(srv, "GET", `/api/v1/branches/${ownBranch}/meetings?year=${year}`, { token })).json;
  assert.equal(ownDue.has_committee, true, "the secretary's branch has an organisation member");
  assert.ok(ownDue.due.some((d) => d.rule === "committee"));
  // A committee member on record: the committee meetings are due again.
  const member = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${small} AND id NOT IN (SELECT member_id FROM member_posts) ORDER BY id LIMIT 1`).trim();
  // Where committee members are given, the rule is said.
  assert.match((await c.get(`/admin/org/members/${member}`)).body, /<p class="hint" id="small-branch">This branch has \d members: under 7, it has no committee/);
  assert.doesNotMatch((await c.get("/admin/org/members/9")).body, /id="small-branch"/, "a branch of 7");
  assert.equal((await c.post(`/admin/org/members/${member}/posts`, { posts_shown: "1", post: "organization-member" })).status, 303);
  try {
    r = await api(srv, "GET", `/api/v1/branches/${small}/meetings?year=${year}`, { token });
    assert.equal(r.json.has_committee, true);
    assert.ok(r.json.due.some((d) => d.rule === "committee" && d.state === "missing"), "months gone by without one");
    assert.doesNotMatch((await c.get(`/admin/branch-life/branches/${small}?year=${year}`)).body, /id="no-committee"/);
  } finally {
    assert.equal((await c.post(`/admin/org/members/${member}/posts`, { posts_shown: "1" })).status, 303);
  }
  assert.equal((await api(srv, "GET", `/api/v1/branches/${small}/meetings?year=${year}`, { token })).json.has_committee, false);
});

test("recording a meeting: clear errors, quorum at exactly half and above, minutes file the records", async () => {
  const s = await as("sec1");
  await s.get(`/admin/branch-life/branches/${ownBranch}/meetings/new?kind=members`);
  const bad = await s.post(`/admin/branch-life/branches/${ownBranch}/meetings`, { kind: "members", topic: "", held_on: "2026-02-30", starts_at: "25:00" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Write the date as YYYY-MM-DD/);
  assert.match(bad.body, /Write the time as HH:MM/);
  assert.match(bad.body, /href="#m-topic"/);
  // An end time is optional; given, it is a time after the start.
  for (const [ends_at, message] of [["14:30", "A meeting ends after it starts, on the same day."], ["13:00", "A meeting ends after it starts, on the same day."], ["4pm", "Write the end time as HH:MM, e.g. 16:30, or leave it empty."]]) {
    const r = await s.post(`/admin/branch-life/branches/${ownBranch}/meetings`, { kind: "members", topic: "Ends", held_on: "2026-03-02", starts_at: "14:30", ends_at });
    assert.equal(r.status, 422, ends_at);
    assert.ok(r.body.includes(`id="m-ends-at-error">${message}</span>`), r.body.slice(0, 3000));
    assert.match(r.body, new RegExp(`id="m-ends-at" name="ends_at" type="time" value="${ends_at}" aria-describedby="m-ends-at-hint m-ends-at-error" aria-invalid="true"`));
  }
  assert.match((await s.get(`/admin/branch-life/branches/${ownBranch}/meetings/new`)).body, /id="m-ends-at" name="ends_at" type="time" value="16:30"/, "a new meeting is two hours long to start with");
  const { day } = siteNow(-24 * 60);
  const id = await createMeeting(s, { kind: "members", topic: "Quarterly members' meeting", held_on: day, starts_at: "14:30", place: "Room 3", host: "Secretary", recorder: "记录员甲" });
  // The next meeting's form: the recorder as last time, and the branch's
  // members offered as the host and the recorder are typed.
  const next = (await s.get(`/admin/branch-life/branches/${ownBranch}/meetings/new`)).body;
  assert.match(next, /id="m-recorder" name="recorder" value="记录员甲" maxlength="100" list="m-people"/);
  const member = queryDb(dir, `SELECT name FROM members WHERE branch_id = ${ownBranch} AND status <> 'transferred-out' ORDER BY id LIMIT 1`).trim();
  assert.match(next, new RegExp(`<datalist id="m-people">[^]*?<option value="${member}">[^]*?</datalist>`));
  const page = await s.get(`/admin/meetings/${id}`);
  assert.equal(page.status, 200);
  const expected = [...page.body.matchAll(/name="mark-(\d+)"/g)].map((m) => m[1]);
  assert.equal(expected.length, ownMembers.length, "every current member of the branch is expected");
  const half = expected.length / 2;
  assert.ok(Number.isInteger(half), "the demo branch has an even number of members");
  const marks = Object.fromEntries(expected.map((m, i) => [`mark-${m}`, i < half ? "present" : "absent"]));
  assert.equal((await s.post(`/admin/meetings/${id}/marks`, marks)).status, 303);
  let view = await s.get(`/admin/meetings/${id}`);
  assert.match(view.body, /No quorum: its decisions are flagged/, "exactly half is not a quorum");
  assert.equal((await s.post(`/admin/meetings/${id}/marks`, { [`mark-${expected[half]}`]: "late" })).status, 303);
  view = await s.get(`/admin/meetings/${id}`);
  assert.match(view.body, /More than half attended: quorum/);
  // Leave needs a reason.
  const leave = await s.post(`/admin/meetings/${id}/marks`, { [`mark-${expected[half + 1]}`]: "excused" });
  assert.equal(leave.status, 422);
  assert.match(leave.body, /Excused leave needs a reason/);
  // Minutes, written the next day, file the records on time.
  assert.match(view.body, /Not filed yet/);
  const edit = await s.get(`/admin/meetings/${id}/edit`);
  const version = edit.body.match(/name="version" value="(\d+)"/)[1];
  const saved = await s.post(`/admin/meetings/${id}/edit`, { kind: "members", topic: "Quarterly members' meeting", held_on: day, starts_at: "14:30", minutes: "Discussed the quarter's work.", resolutions: "Adopted the plan.", version });
  assert.equal(saved.status, 303, saved.body);
  view = await s.get(`/admin/meetings/${id}`);
  assert.match(view.body, /Filed on time/);
  assert.match(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'meeting.view' AND object_id = ${id}`), /^[1-9]/, "reading minutes is audited");
  // A stale version is refused.
  const stale = await s.post(`/admin/meetings/${id}/edit`, { kind: "members", topic: "Again", held_on: day, starts_at: "14:30", version });
  assert.equal(stale.status, 409);
});

// A meeting planned over a training session that the branch's members are
// enrolled in, or over another of its meetings, says so on its page.
test("a meeting's page names the training session and the meeting at the same hours", async () => {
  const s = await as("sec1");
  const [starts, classId, enrolled] = queryDb(dir, "SELECT s.starts_at || '|' || s.class_id || '|' || " +
    `(SELECT count(*) FROM enrollments e WHERE e.class_id = s.class_id AND e.withdrawn_at IS NULL AND e.member_id IN (${ownMembers.join(",")})) ` +
    "FROM training_sessions s ORDER BY s.starts_at DESC LIMIT 1").trim().split("|");
  assert.ok(Number(enrolled) > 0, "the demo enrols the branch's members");
  const [day, time] = starts.split(" ");
  const first = await createMeeting(s, { kind: "themed-day", topic: "Over the class", held_on: day, starts_at: time, ends_at: "17:30" });
  let page = (await s.get(`/admin/meetings/${first}`)).body;
  assert.match(page, new RegExp(`<div class="notice" role="status" id="clashes"><p>Also at this time:</p><ul><li><a href="/admin/training/${classId}#sessions">[^<]+</a>: training session at ${starts}; ${enrolled} of this branch(&#39;|&apos;|')s members are enrolled</li></ul></div>`));
  // The form asks before saving: the same clash, as JSON, for the hours being chosen.
  const preview = async (c, query) => {
    const r = await c.get(`/admin/branch-life/branches/${ownBranch}/clashes.json?${new URLSearchParams(query)}`);
    return { status: r.status, json: JSON.parse(r.body) };
  };
  const planned = await preview(s, { held_on: day, starts_at: time, ends_at: "17:30" });
  assert.equal(planned.status, 200);
  assert.equal(planned.json.heading, "Also at this time:");
  assert.equal(planned.json.separator, ": ");
  assert.deepEqual(planned.json.clashes.map((c) => c.url), [`/admin/training/${classId}#sessions`, `/admin/meetings/${first}`]);
  assert.match(planned.json.clashes[0].text, new RegExp(`^training session at ${starts}; ${enrolled} of this branch's members are enrolled$`));
  assert.equal(planned.json.clashes[1].text, `Themed party day at ${starts}`);
  const editing = await preview(s, { held_on: day, starts_at: time, ends_at: "17:30", meeting: first });
  assert.deepEqual(editing.json.clashes.map((c) => c.url), [`/admin/training/${classId}#sessions`], "not its own clash");
  assert.deepEqual((await preview(s, { held_on: day, starts_at: "19:00", ends_at: "20:00" })).json.clashes, []);
  const badDay = await preview(s, { held_on: "31/12", starts_at: time });
  assert.equal(badDay.status, 400);
  assert.deepEqual(badDay.json, { error: "Enter the date as YYYY-MM-DD and the start as HH:MM.", field: "held_on" });
  const badEnd = await preview(s, { held_on: day, starts_at: "15:00", ends_at: "14:00" });
  assert.deepEqual([badEnd.status, badEnd.json.field], [400, "ends_at"]);
  assert.deepEqual([(await preview(s, { held_on: day, starts_at: time, meeting: "x" })).status], [400]);
  assert.equal((await preview(await as("sec2"), { held_on: day, starts_at: time })).status, 403, "another branch's secretary");
  // Sessions are not held to the class's dates: one outside them still counts.
  const endDate = queryDb(dir, `SELECT end_date FROM training_classes WHERE id = ${classId}`).trim();
  queryDb(dir, `UPDATE training_classes SET end_date = start_date WHERE id = ${classId}`);
  try {
    assert.match((await s.get(`/admin/meetings/${first}`)).body, new RegExp(`training session at ${starts}; ${enrolled} of this branch`));
  } finally {
    queryDb(dir, `UPDATE training_classes SET end_date = '${endDate}' WHERE id = ${classId}`);
  }
  // The class page tells the records officer which branches meet at the session's hours.
  const branchName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${ownBranch}`).trim();
  const officer = await as("officer");
  assert.match((await officer.get(`/admin/training/${classId}`)).body,
    new RegExp(`<span class="hint session-clash">Also at this time: ${branchName} · Themed party day ${time}–17:30</span>`));
  // A second meeting half an hour into the first: each page names the other.
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + 30;
  const later = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const second = await createMeeting(s, { kind: "lesson", topic: "Half an hour in", held_on: day, starts_at: later });
  page = (await s.get(`/admin/meetings/${first}`)).body;
  assert.match(page, new RegExp(`<li><a href="/admin/meetings/${second}">Half an hour in</a>: Party lesson at ${day} ${later}</li>`));
  assert.match((await s.get(`/admin/meetings/${second}`)).body, new RegExp(`<li><a href="/admin/meetings/${first}">Over the class</a>: Themed party day at ${day} ${time}</li>`));
  // Both deleted, one in the evening instead clashes with nothing.
  for (const id of [first, second]) {
    await s.get(`/admin/meetings/${id}/edit`);
    assert.equal((await s.post(`/admin/meetings/${id}/delete`, { confirm: "1" })).status, 303);
  }
  const evening = await createMeeting(s, { kind: "themed-day", topic: "In the evening", held_on: day, starts_at: "19:00", ends_at: "20:00" });
  assert.doesNotMatch((await s.get(`/admin/meetings/${evening}`)).body, /id="clashes"/);
  assert.equal((await s.post(`/admin/meetings/${evening}/delete`, { confirm: "1" })).status, 303);
});

test("QR check-in: a member signs in on the phone; a foreign code is refused", async () => {
  const s = await as("sec1");
  const { day, time } = siteNow(5);
  const id = await createMeeting(s, { kind: "themed-day", topic: "Visit to the memorial hall", held_on: day, starts_at: time });
  const other = await createMeeting(s, { kind: "themed-day", topic: "Another day", held_on: day, starts_at: time });
  assert.equal((await s.get(`/admin/meetings/${id}/checkin`)).status, 200);
  const live = JSON.parse((await s.get(`/admin/meetings/${id}/checkin.json`)).body);
  const token = live.url.split("t=")[1];
  assert.match(live.svg, /<svg/);
  // Scanned while signed out: the sign-in page says what it is for; a
  // forged code names nothing.
  const visitor = new Client(srv);
  const start = await visitor.get(`/admin/meeting-checkin/${id}?t=${token}`);
  assert.equal(start.status, 303);
  const signInPage = await visitor.get(start.headers.location);
  // (signed out, the page is in the site's language)
  assert.match(signInPage.body, /id="sign-in-purpose">请登录后签到：主题党日“Visit to the memorial hall”，\d{4}-\d\d-\d\d \d\d:\d\d。</);
  const forgedNext = encodeURIComponent(`/admin/meeting-checkin/${id}?t=${id}-1-AAAA`);
  assert.doesNotMatch((await visitor.get(`/admin/login?next=${forgedNext}`)).body, /sign-in-purpose/);
  const m = await as("mem2");
  const form = await m.get(`/admin/meeting-checkin/${id}?t=${token}`);
  assert.equal(form.status, 200);
  assert.match(form.body, /Visit to the memorial hall/);
  const wrong = await m.post(`/admin/meeting-checkin/${other}`, { t: token });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /belongs to another meeting/);
  const ok = await m.post(`/admin/meeting-checkin/${id}`, { t: token });
  assert.equal(ok.status, 200, ok.body);
  assert.match(ok.body, /you are checked in to the Themed party day: Visit to the memorial hall, on time/);
  assert.match(queryDb(dir, `SELECT mark, method FROM meeting_attendance WHERE meeting_id = ${id}`), /present\|qr/);
  const again = await m.post(`/admin/meeting-checkin/${id}`, { t: token });
  assert.match(again.body, /already checked in/);
  // A training class's code format with a forged tag names nothing.
  assert.equal((await m.get(`/admin/meeting-checkin/${id}?t=${id}-1-AAAA`)).status, 422);
  // The member sees the meeting in their own year.
  const mine = await m.get("/admin/branch-life/mine");
  assert.equal(mine.status, 200);
  assert.match(mine.body, /Visit to the memorial hall<\/td><td class="mine-mark">Present/);
  // Held meetings are listed newest first, and only they are counted.
  const heldDays = [...mine.body.slice(mine.body.indexOf('id="h-mine"')).matchAll(/<td class="date">([\d-]+)<\/td>/g)].map((x) => x[1]);
  assert.ok(heldDays.length > 1, mine.body);
  assert.deepEqual(heldDays, [...heldDays].sort().reverse());
  assert.match(mine.body, new RegExp(`<dd id="mine-attended">\\d+ of ${heldDays.length} meetings</dd>`));
  // A meeting planned for tomorrow comes first, under its own heading, and is not counted.
  const tomorrow = siteNow(24 * 60).day;
  const aheadId = await createMeeting(s, { kind: "committee", topic: "Committee still ahead", held_on: tomorrow, starts_at: "09:00", ends_at: "10:30", place: "Room 5" });
  // Before it is held (and before anyone is marked) its quorum is not judged.
  const aheadPage = (await s.get(`/admin/meetings/${aheadId}`)).body;
  assert.ok(aheadPage.includes(`<dt>When</dt><dd>${tomorrow} 09:00–10:30</dd>`), "the meeting's time is a span");
  const viaApi = await api(srv, "GET", `/api/v1/meetings/${aheadId}`, { token: apiToken(dir, "sec1") });
  assert.equal(viaApi.status, 200);
  assert.deepEqual([viaApi.json.starts_at, viaApi.json.ends_at], ["09:00", "10:30"]);
  assert.match(aheadPage, /<dd id="quorum"><span class="badge">Judged from the attendance once it is taken<\/span><\/dd>/);
  assert.doesNotMatch(aheadPage, /No quorum/);
  const ahead = (await m.get(`/admin/branch-life/mine?year=${tomorrow.slice(0, 4)}`)).body;
  const next = ahead.indexOf('<h2 id="h-next">Coming up</h2>'), at = ahead.indexOf("Committee still ahead"), held = ahead.indexOf('id="h-mine"');
  assert.ok(next > 0 && at > next && (held < 0 || at < held), ahead);
  assert.match(ahead, new RegExp(`<td class="date">${tomorrow} 09:00–10:30</td><td>Branch committee meeting</td><td class="mine-topic">Committee still ahead</td><td class="mine-place">Room 5</td>`));
  if (tomorrow.slice(0, 4) === day.slice(0, 4))
    assert.match(ahead, new RegExp(`<dd id="mine-attended">\\d+ of ${heldDays.length} meetings</dd>`));
  // The meetings ahead go to the member's phone calendar: an .ics file that
  // a real parser reads, the planned meeting at its instant in UTC, with
  // reminders a day and an hour before; nothing already held.
  assert.match(ahead, /<a id="mine-ics" href="\/admin\/branch-life\/mine.ics" download>Add to my phone's calendar<\/a>/);
  const ics = await m.get("/admin/branch-life/mine.ics");
  assert.equal(ics.status, 200);
  assert.equal(ics.headers["content-type"], "text/calendar; charset=utf-8");
  assert.match(ics.headers["content-disposition"], /^attachment; filename="party-calendar.ics"/);
  const cal = readCalendar(ics.body);
  const planned = cal.events.find((e) => e.uid.startsWith(`meeting-${aheadId}@`));
  assert.ok(planned, ics.body);
  assert.equal(planned.summary, "Branch committee meeting: Committee still ahead");
  assert.equal(planned.location, "Room 5");
  assert.equal(planned.start, new Date(`${tomorrow}T09:00:00+08:00`).toISOString().replace(".000Z", "+00:00"));
  assert.equal(planned.end, new Date(`${tomorrow}T10:30:00+08:00`).toISOString().replace(".000Z", "+00:00"), "it ends when planned");
  assert.deepEqual(planned.alarms, [-86400, -3600]);
  assert.ok(cal.events.every((e) => Date.parse(e.start) > Date.now()), ics.body);
  assert.equal(new Set(cal.events.map((e) => e.uid)).size, cal.events.length);
  assert.equal((await new Client(srv).get("/admin/branch-life/mine.ics")).status, 303);
  // The member's dashboard names the next meeting: the first one coming up.
  const firstAhead = ahead.slice(ahead.indexOf('id="h-next"')).match(/<td class="date">([\d-]+ [\d:–]+)<\/td><td>([^<]+)<\/td><td class="mine-topic">([^<]+)<\/td>/);
  if (tomorrow.slice(0, 4) === day.slice(0, 4)) {
    const dash = (await m.get("/admin/")).body;
    assert.match(dash, new RegExp(`<dd id="my-next"><span class="date">${firstAhead[1]}</span> ${firstAhead[2]}: ${firstAhead[3]}`));
    assert.match(dash, /<a href="\/admin\/branch-life\/mine.ics" download>Add to my phone's calendar<\/a>/);
  }
  // A meeting later today has not started: it is still coming up, and in the calendar.
  const later = siteNow(180);
  if (later.day === siteNow().day) {
    const laterId = await createMeeting(s, { kind: "committee", topic: "Committee later today", held_on: later.day, starts_at: later.time, place: "Room 6" });
    const today = (await m.get("/admin/branch-life/mine")).body;
    const row = today.indexOf("Committee later today");
    assert.ok(row > today.indexOf('id="h-next"') && (today.indexOf('id="h-mine"') < 0 || row < today.indexOf('id="h-mine"')), today);
    assert.ok(readCalendar((await m.get("/admin/branch-life/mine.ics")).body).events.some((e) => e.uid.startsWith(`meeting-${laterId}@`)));
  }
  // …and nothing of the branch's records.
  assert.equal((await m.get(`/admin/branch-life/branches/${ownBranch}`)).status, 403);
  assert.equal((await m.get(`/admin/meetings/${id}`)).status, 404);
});

test("an account whose role needs a member record, without one, is told who can link it", async () => {
  const unlinked = (await (await as("sec0")).get("/admin/")).body;
  assert.match(unlinked, /<p class="notice" id="member-unlinked">Your account is not linked to a party member record/);
  assert.doesNotMatch(unlinked, /id="h-me"/);
  const linked = (await (await as("mem2")).get("/admin/")).body;
  assert.doesNotMatch(linked, /member-unlinked/);
  assert.match(linked, /<h2 id="h-me">As a party member<\/h2>/);
  assert.doesNotMatch((await (await as("ed")).get("/admin/")).body, /member-unlinked/, "an editor needs no member record");
});

test("the printable record and its XLSX read back; exports are audited", async () => {
  const s = await as("sec1");
  const year = siteNow().day.slice(0, 4);
  const page = await s.get(`/admin/branch-life/branches/${ownBranch}/record?year=${year}`);
  assert.equal(page.status, 200);
  const topics = queryDb(dir, `SELECT topic FROM meetings WHERE branch_id = ${ownBranch} AND held_on LIKE '${year}-%' AND held_on <= '${siteNow().day}'`).trim().split("\n");
  assert.equal([...page.body.matchAll(/<section class="record-entry"/g)].length, topics.length);
  const xlsx = await s.get(`/admin/branch-life/branches/${ownBranch}/record.xlsx?year=${year}`);
  assert.equal(xlsx.status, 200);
  const book = readXlsx(xlsx.raw);
  const meetings = book["Meetings"];
  const header = meetings.find((r) => r[0] === "Date");
  const rows = meetings.slice(meetings.indexOf(header) + 1);
  assert.equal(rows.length, topics.length);
  assert.deepEqual(rows.map((r) => r[header.indexOf("Topic")]).sort(), topics.sort());
  assert.ok(book["Due items"].length > 40);
  assert.match(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'branch.record' AND object_id = ${ownBranch}`), new RegExp(`${year} print\\n${year} xlsx`));
  // The administrator reads those entries in words: the year and what was
  // done, and which kind of meeting's minutes were read.
  const adm = await as("adm");
  const records = (await adm.audit("action=branch.record")).body;
  assert.match(records, new RegExp(`<td[^>]*>${year}, print</td>`));
  assert.match(records, new RegExp(`<td[^>]*>${year}, XLSX</td>`));
  assert.match((await adm.audit("action=meeting.view")).body, /<td[^>]*>Branch members&apos; meeting<\/td>/);
});

test("guides from the committee, a branch plan, and the appraisal with its counts", async () => {
  const o = await as("officer");
  const year = siteNow().day.slice(0, 4);
  await o.get(`/admin/branch-life/guides?year=${year}`);
  const bad = await o.post("/admin/branch-life/guides", { period: "2026-13", title: "", report_by: "soon" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Write the period as a month/);
  const ok = await o.post("/admin/branch-life/guides", { period: `${year}-Q4`, title: "Fourth-quarter guide", topics: "Study", report_by: `${year}-12-31` });
  assert.equal(ok.status, 303, ok.body);
  const s = await as("sec1");
  const guides = await s.get(`/admin/branch-life/guides?year=${year}`);
  assert.match(guides.body, /Fourth-quarter guide/);
  assert.doesNotMatch(guides.body, /Publish to all branches/);
  assert.equal((await s.post("/admin/branch-life/guides", { period: `${year}-Q4`, title: "x", report_by: `${year}-12-31` })).status, 403);
  // The meeting form offers the guide; a meeting answering it counts.
  const form = await s.get(`/admin/branch-life/branches/${ownBranch}/meetings/new`);
  const guideId = form.body.match(/<option value="(\d+)">[^<]*Fourth-quarter guide<\/option>/)[1];
  assert.match(guides.body, /Your branch has not answered it yet/);
  await createMeeting(s, { kind: "themed-day", topic: "Answering the guide", held_on: siteNow().day, starts_at: "09:00", guide_id: guideId });
  assert.match((await s.get(`/admin/branch-life/guides?year=${year}`)).body, /Your branch has answered it\./);
  assert.match((await o.get(`/admin/branch-life/guides?year=${year}`)).body, /1 of 29 branches answered by the day/);
  assert.equal((await s.post(`/admin/branch-life/branches/${ownBranch}/plan`, { year, plan: "Monthly themed days." })).status, 303);
  assert.match((await s.get(`/admin/branch-life/branches/${ownBranch}?year=${year}`)).body, /Monthly themed days\./);
  await s.get(`/admin/branch-life/branches/${ownBranch}/appraisal?year=${year}`);
  const badRating = await s.post(`/admin/branch-life/branches/${ownBranch}/appraisal`, { year, [`rating-${ownMembers[0]}`]: "great" });
  assert.equal(badRating.status, 422);
  const rated = await s.post(`/admin/branch-life/branches/${ownBranch}/appraisal`, { year, [`rating-${ownMembers[0]}`]: "excellent", [`rating-${ownMembers[1]}`]: "basically-qualified" });
  assert.equal(rated.status, 303);
  const page = await s.get(`/admin/branch-life/branches/${ownBranch}/appraisal?year=${year}`);
  assert.match(page.body, /Excellent 1, qualified 0, basically qualified 1, unqualified 0; not rated \d+\./);
  assert.match(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'appraisal.view'`), /^[1-9]/);
  // The member's record keeps their ratings.
  assert.match((await o.get(`/admin/org/members/${ownMembers[0]}`)).body, new RegExp(`id="appraisals"><span class="appraisal">${year}: Excellent</span>`));
});

test("a held themed day becomes a news draft with its facts and without its minutes", async () => {
  const s = await as("sec1");
  const { day } = siteNow(-60);
  const id = await createMeeting(s, { kind: "themed-day", topic: "Volunteering in the community", held_on: day, starts_at: "09:00", place: "Riverside community", minutes: "PRIVATE NOTES" });
  const page = await s.get(`/admin/meetings/${id}`);
  assert.match(page.body, /Draft a news report/);
  const res = await s.post(`/admin/meetings/${id}/news`, { column: "1" });
  assert.equal(res.status, 303, res.body);
  const article = queryDb(dir, `SELECT news_article_id FROM meetings WHERE id = ${id}`).trim();
  const row = queryDb(dir, `SELECT status, title, body_md FROM articles WHERE id = ${article}`);
  assert.match(row, /^draft\|/);
  assert.match(row, /Volunteering in the community/);
  assert.match(row, /Riverside community/);
  assert.doesNotMatch(row, /PRIVATE NOTES/);
  // A life meeting never becomes news.
  const life = await createMeeting(s, { kind: "life-meeting", topic: "Annual life meeting", held_on: day, starts_at: "09:00" });
  assert.doesNotMatch((await s.get(`/admin/meetings/${life}`)).body, /Draft a news report/);
  assert.equal((await s.post(`/admin/meetings/${life}/news`, { column: "1" })).status, 409);
});

test("a meeting keeps at most 20 photos: the 21st is refused before anything is stored", async () => {
  const s = await as("sec1");
  const { day } = siteNow(-60);
  const id = await createMeeting(s, { kind: "themed-day", topic: "A well photographed day", held_on: day, starts_at: "09:00" });
  const photo = () => [["file", { filename: "IMG_3001.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }]];
  await s.get(`/admin/meetings/${id}`);
  assert.equal((await s.upload(`/admin/meetings/${id}/photos`, photo())).status, 303, "room for one more");
  // Nineteen more on record (as if uploaded), making twenty.
  const first = queryDb(dir, `SELECT photos FROM meetings WHERE id = ${id}`).trim();
  queryDb(dir, `UPDATE meetings SET photos = '${Array(20).fill(first).join(",")}' WHERE id = ${id}`);
  const media = queryDb(dir, "SELECT count(*) FROM media").trim();
  const files = readdirSync(join(dir, "media")).length;
  await s.get(`/admin/meetings/${id}`);
  const full = await s.upload(`/admin/meetings/${id}/photos`, photo());
  assert.equal(full.status, 422);
  assert.match(full.body, /A meeting keeps at most 20 photos\./);
  assert.equal(queryDb(dir, "SELECT count(*) FROM media").trim(), media, "no media row is left behind");
  assert.equal(readdirSync(join(dir, "media")).length, files, "nor a file");
});

test("a photo comes off its meeting after a question; its file goes when nothing else shows it", async () => {
  const s = await as("sec1");
  const { day } = siteNow(-61);
  const id = await createMeeting(s, { kind: "themed-day", topic: "One photo too many", held_on: day, starts_at: "09:00" });
  await s.get(`/admin/meetings/${id}`);
  const up = await s.upload(`/admin/meetings/${id}/photos`, [["file", { filename: "IMG_4001.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }]]);
  assert.equal(up.status, 303, up.body);
  const [photo, name] = queryDb(dir, "SELECT id, stored_name FROM media ORDER BY id DESC LIMIT 1").trim().split("|");
  const page = await s.get(`/admin/meetings/${id}`);
  assert.match(page.body, new RegExp(`<div class="photo-actions no-print"><form method="post" action="/admin/meetings/${id}/photos/remove" class="inline">`), "one photo: it leads, so only removal is offered");
  // A second photo can be made to lead the meeting's news draft.
  assert.equal((await s.upload(`/admin/meetings/${id}/photos`, [["file", { filename: "IMG_4002.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }]])).status, 303);
  const second = queryDb(dir, "SELECT id FROM media ORDER BY id DESC LIMIT 1").trim();
  assert.match((await s.get(`/admin/meetings/${id}`)).body, new RegExp(`action="/admin/meetings/${id}/photos/lead" class="inline">.*name="media" value="${second}"><button type="submit" class="secondary">Make lead photo`));
  const lead = await s.post(`/admin/meetings/${id}/photos/lead`, { media: second });
  assert.equal(lead.status, 303, lead.body);
  assert.equal(lead.headers.location, `/admin/meetings/${id}?done=photo-lead#photos`);
  assert.equal(queryDb(dir, `SELECT photos FROM meetings WHERE id = ${id}`).trim(), `${second},${photo}`);
  assert.equal((await s.post(`/admin/meetings/${id}/photos/remove`, { media: second, confirm: "1" })).status, 303);
  // Another branch's secretary cannot take it off.
  const other = await as("sec2");
  await other.get("/admin/");
  assert.equal((await other.post(`/admin/meetings/${id}/photos/remove`, { media: photo, confirm: "1" })).status, 404);
  const ask = await s.post(`/admin/meetings/${id}/photos/remove`, { media: photo });
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Remove this photo from the meeting\?/);
  assert.equal(queryDb(dir, `SELECT photos FROM meetings WHERE id = ${id}`).trim(), photo, "not before the answer");
  const done = await s.post(`/admin/meetings/${id}/photos/remove`, { media: photo, confirm: "1" });
  assert.equal(done.status, 303, done.body);
  assert.equal(done.headers.location, `/admin/meetings/${id}?done=photo-removed#photos`);
  assert.equal(queryDb(dir, `SELECT photos FROM meetings WHERE id = ${id}`).trim(), "");
  assert.equal(queryDb(dir, `SELECT count(*) FROM media WHERE id = ${photo}`).trim(), "0", "a private photo nothing uses is deleted");
  assert.ok(!readdirSync(join(dir, "media")).includes(name), "with its file");
  assert.equal((await s.post(`/admin/meetings/${id}/photos/remove`, { media: photo, confirm: "1" })).status, 404);
});

test("a meeting's photos are records: staff see them, the public only once its news report is published", async () => {
  const s = await as("sec1");
  const { day } = siteNow(-90);
  const id = await createMeeting(s, { kind: "themed-day", topic: "Visiting veterans", held_on: day, starts_at: "09:00" });
  await s.get(`/admin/meetings/${id}`);
  const up = await s.upload(`/admin/meetings/${id}/photos`, [
    ["file", { filename: "IMG_2001.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }],
    ["alt", "Members with the veterans"]]);
  assert.equal(up.status, 303, up.body);
  const [name, flag] = queryDb(dir, "SELECT stored_name, private FROM media ORDER BY id DESC LIMIT 1").trim().split("|");
  assert.equal(flag, "1", "a meeting photo is stored private");
  // The meeting's page shows it from the staff address, never from /media/.
  const page = await s.get(`/admin/meetings/${id}`);
  const src = page.body.match(/<img[^>]+src="(\/admin\/media-file\/[^"]+)"/)?.[1];
  assert.ok(src, "the photo is shown from /admin/media-file/");
  assert.doesNotMatch(page.body, new RegExp(`/media/${name.split(".")[0]}`));
  const staff = await s.get(src);
  assert.equal(staff.status, 200);
  assert.equal(staff.headers["content-type"], "image/jpeg");
  assert.equal(staff.headers["cache-control"], "no-store");
  assert.equal(staff.headers["x-content-type-options"], "nosniff");
  assert.match(String(staff.headers["content-security-policy"]), /sandbox/);
  // Another branch's secretary does not; a member's own account does not.
  assert.equal((await (await as("sec2")).get(`/admin/media-file/${name}`)).status, 403);
  assert.equal((await (await as("mem2")).get(`/admin/media-file/${name}`)).status, 403);
  // An editor sees it too (to choose it as a lead image); the public does not.
  assert.equal((await (await as("ed")).get(`/admin/media-file/${name}`)).status, 200);
  assert.equal((await request(`${srv.url}/media/${name}`)).status, 404);
  const anonymous = await request(`${srv.url}/admin/media-file/${name}`);
  assert.equal(anonymous.status, 303, "a visitor is sent to sign in");
  assert.match(anonymous.headers.location, /^\/admin\/login/);
  // A second photo, described with quotes.
  const second = await s.upload(`/admin/meetings/${id}/photos`, [
    ["file", { filename: "IMG_2002.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }],
    ["alt", 'The "veterans" speak']]);
  assert.equal(second.status, 303, second.body);
  const name2 = queryDb(dir, "SELECT stored_name FROM media ORDER BY id DESC LIMIT 1").trim();
  // The news report takes the first photo as its lead image and the
  // second into its body, captioned; publishing it releases both, and the
  // public page shows them.
  await s.get(`/admin/meetings/${id}`);  // the form's CSRF token
  const drafted = await s.post(`/admin/meetings/${id}/news`, { column: "1" });
  assert.equal(drafted.status, 303, drafted.body);
  const article = Number(queryDb(dir, `SELECT news_article_id FROM meetings WHERE id = ${id}`).trim());
  assert.equal(queryDb(dir, `SELECT count(*) FROM articles WHERE id = ${article} AND lead_media_id = (SELECT id FROM media WHERE stored_name = '${name}')`).trim(), "1");
  const draftBody = queryDb(dir, `SELECT body_md FROM articles WHERE id = ${article}`);
  assert.ok(draftBody.includes(`\n\n![The "veterans" speak](/media/${name2} "The \\"veterans\\" speak")`), draftBody);
  // The editor's preview draws the private photo from the staff address.
  const edPage = await (await as("ed")).get(`/admin/articles/${article}/`);
  assert.ok(edPage.body.includes(`<figure class="article-figure"><img src="/admin/media-file/${name2}" alt="The &quot;veterans&quot; speak" width=`), edPage.body.slice(0, 300));
  assert.match(edPage.body, /<figcaption>The &quot;veterans&quot; speak<\/figcaption><\/figure>/);
  // rv1 reviews column 1, where the report was drafted.
  const c1 = (await api(srv, "GET", "/api/v1/columns", { token: admToken })).json.columns.find((c) => c.id === 1);
  const rvId = Number(queryDb(dir, "SELECT id FROM users WHERE name = 'rv1'").trim());
  let r = await api(srv, "PUT", "/api/v1/columns/1", { token: admToken, json: { ...c1, reviewer_ids: [rvId] } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  r = await api(srv, "POST", `/api/v1/articles/${article}/submit`, { token: rvToken });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal((await request(`${srv.url}/media/${name}`)).status, 404, "submitted is not published");
  r = await apiReview(srv, article, "approve", rvToken);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(queryDb(dir, `SELECT private FROM media WHERE stored_name = '${name}'`).trim(), "0");
  let open;
  for (let i = 0; i < 50; i++) {  // the snapshot follows the change log within moments
    open = await request(`${srv.url}/media/${name}`);
    if (open.status === 200) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(open.status, 200, "published: the photo is public");
  assert.equal((await request(`${srv.url}/media/${name2}`)).status, 200, "and the one in the body");
  const publicPage = await request(`${srv.url}/articles/${article}/`);  // drafted in the site's language
  assert.equal(publicPage.status, 200);
  assert.match(publicPage.body, new RegExp(`/media/${name.split(".")[0]}`));
  assert.match(publicPage.body, new RegExp(`<figure class="article-figure"><img src="/media/${name2}" alt="[^"]+" width="\\d+" height="\\d+" srcset="[^"]+"[^>]*><figcaption>The &quot;veterans&quot; speak</figcaption></figure>`));
  assert.equal(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'media.release' AND object_id = (SELECT id FROM media WHERE stored_name = '${name}')`).trim(), "1");
});

test("the secretary's dashboard lists what is overdue or due soon", async () => {
  const s = await as("sec1");
  const dash = await s.get("/admin/");
  assert.equal(dash.status, 200);
  assert.match(dash.body, /<h2 id="h-life">Organisational life of /);
  assert.match(dash.body, /Record a meeting/);
});

test("the daily reminder: a secretary's address, then an e-mail through a local SMTP sink", async () => {
  const s = await as("sec1");
  await s.get(`/admin/branch-life/branches/${ownBranch}`);
  const bad = await s.post("/admin/branch-life/reminder-email", { email: "not an address" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Write an e-mail address such as/);
  // As a Chinese input method types it in full-width mode (全角).
  assert.equal((await s.post("/admin/branch-life/reminder-email", { email: "ｓｅｃ１＠ｅｘａｍｐｌｅ。ｇｏｖ。ｃｎ" })).status, 303);
  assert.match((await s.get(`/admin/branch-life/branches/${ownBranch}`)).body, /value="sec1@example\.gov\.cn"/);
  // The records officer keeps one for the digest of every branch, on the
  // overview; a member who is neither may not.
  const o = await as("officer");
  await o.get("/admin/branch-life");
  const saved = await o.post("/admin/branch-life/reminder-email", { email: "o@example.gov.cn" });
  assert.equal(saved.status, 303);
  assert.match(saved.headers.location, /^\/admin\/branch-life\?done=saved#reminders$/);
  assert.match((await o.get("/admin/branch-life")).body, /<h2 id="reminders">[^<]+<\/h2>[\s\S]*value="o@example\.gov\.cn"/);
  const m2 = await as("mem2");
  await m2.get("/admin/branch-life/mine");
  const refused = await m2.post("/admin/branch-life/reminder-email", { email: "m2@example.gov.cn" });
  assert.equal(refused.status, 403);
  assert.match(refused.body, /records officer about every branch/);
  // A meeting held yesterday without minutes: its records are due.
  await createMeeting(s, { kind: "committee", topic: "Records still owed", held_on: siteNow(-24 * 60).day, starts_at: "09:00" });
  // A probationary member whose year ends in ten days.
  const admitted = siteNow(10 * 24 * 60).day;
  const probation = `${Number(admitted.slice(0, 4)) - 1}${admitted.slice(4)}`;
  queryDb(dir, `UPDATE members SET status = 'probationary', joined_date = '${probation}' WHERE id = ${ownMembers[2]}`);
  const probationer = queryDb(dir, `SELECT name FROM members WHERE id = ${ownMembers[2]}`).trim();
  // A member who has paid no dues for the last three months.
  queryDb(dir, `DELETE FROM dues_payments WHERE member_id = ${ownMembers[3]}`);
  // A full member since four months ago whose approval from above is late.
  const fullSince = siteNow(-120 * 24 * 60).day;
  queryDb(dir, `UPDATE members SET status = 'full', full_date = '${fullSince}', full_approved_on = '' WHERE id = ${ownMembers[4]}`);
  const awaiting = queryDb(dir, `SELECT name FROM members WHERE id = ${ownMembers[4]}`).trim();
  // A member's report of training elsewhere, awaiting the records officer.
  await m2.get("/admin/training/reports/new");
  const reported = await m2.upload("/admin/training/reports", [["title", "党史学习教育专题网络培训"], ["organizer", "中国干部网络学院"], ["kind", "online"], ["start_date", siteNow(-2 * 24 * 60).day], ["end_date", siteNow(-2 * 24 * 60).day], ["hours", "6"], ["note", ""]]);
  assert.equal(reported.status, 303, reported.body.slice(0, 400));
  const sink = await startSmtpSink();
  try {
    const dry = await runCli(["remind", "--data", dir, "--dry-run"]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /sec1@example\.gov\.cn\t/);
    assert.match(dry.stdout, /o@example\.gov\.cn\t/);
    assert.equal(sink.messages.length, 0);
    const usage = await runCli(["remind", "--data", dir]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /needs --smtp-url and --smtp-from/);
    const sent = await runCli(["remind", "--data", dir, "--smtp-url", sink.url, "--smtp-from", "noreply@example.gov.cn"]);
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(sink.messages.length, 2, "the secretary's reminder and the officer's digest");
    const m = sink.messages.find((x) => x.to[0] === "<sec1@example.gov.cn>");
    assert.ok(m);
    const mail = decodeMail(m.data);
    assert.match(mail.subject, /组织生活/, "in the site's language");
    assert.match(mail.body, /每月召开支部委员会/);
    assert.match(mail.body, new RegExp(`/admin/branch-life/branches/${ownBranch}`));
    assert.match(mail.body, new RegExp(`${probationer}的预备期将于 ${admitted} 期满`), mail.body);
    assert.match(mail.body, /有 \d+ 名党员已连续三个月以上未交纳党费/);
    assert.match(mail.body, new RegExp(`${awaiting}自 ${fullSince} 转为正式党员，仍待上级党委审批，应于 \\d{4}-\\d\\d-\\d\\d 前批准。`), mail.body);
    assert.match(mail.body, /培养考察满一年、可列为发展对象的入党积极分子：1 名/, "the demo's activist in the branch");
    assert.match(mail.body, /发展党员程序中逾期未办的事项：1 项/, "the demo applicant's talk, a month late");
    assert.match(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'reminder.sent'"), /sec1@example\.gov\.cn/);
    // The officer's digest: the same lines under the branch's name, with a
    // link to each branch and to the overview.
    const digest = decodeMail(sink.messages.find((x) => x.to[0] === "<o@example.gov.cn>").data);
    assert.match(digest.subject, /^组织生活：\d+ 个党支部有待办事项；学时申报：1 份待审核$/);
    assert.match(digest.body, new RegExp(`学时申报待审核：1 份，最早的于 ${siteNow().day} 提交。\\r?\\n[^\\n]*/admin/training/reports\\r?\\n`), digest.body);
    assert.doesNotMatch(mail.body, /学时申报/, "a secretary's reminder is about their branch only");
    const branchName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${ownBranch}`).trim();
    assert.match(digest.body, new RegExp(`${branchName}（\\d+ 项）：`));
    assert.match(digest.body, new RegExp(`${probationer}的预备期将于 ${admitted} 期满`));
    assert.match(digest.body, new RegExp(`/admin/branch-life/branches/${ownBranch}\\r?\\n`));
    assert.match(digest.body, /\/admin\/branch-life\r?\n?$/);
    assert.equal(queryDb(dir, "SELECT count(*) FROM audit_log WHERE action = 'reminder.sent' AND detail = 'o@example.gov.cn' AND object_type = ''").trim(), "1");
    // A disabled account gets nothing.
    queryDb(dir, "UPDATE users SET disabled = 1 WHERE name = 'officer'");
    const again = await runCli(["remind", "--data", dir, "--dry-run"]);
    assert.doesNotMatch(again.stdout, /o@example\.gov\.cn/);
    queryDb(dir, "UPDATE users SET disabled = 0 WHERE name = 'officer'");
  } finally {
    await sink.stop();
  }
  // A mail server that is not there: the failure is reported and recorded.
  const down = await runCli(["remind", "--data", dir, "--smtp-url", "smtp://127.0.0.1:9", "--smtp-from", "noreply@example.gov.cn"]);
  assert.equal(down.code, 1);
  assert.match(queryDb(dir, "SELECT count(*) FROM audit_log WHERE action = 'reminder.failed'"), /^2/, "the secretary's and the officer's");
});
