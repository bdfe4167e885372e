// Running a training class over HTTP against the real server: creating a
// class and sessions, enrollment, QR check-in with every refusal, manual
// marks in the audit log, the summary, hours reports (CSV and XLSX read
// back with openpyxl), materials, and the class → news draft.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, ROOT, PG_ADMIN, queryDb, request } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";
import { readCalendar } from "../lib/calendar.mjs";
import { readXlsx, readXlsxLayout } from "../lib/xlsx.mjs";

let srv, dir;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo: 29 branches, the seed's class
  await srv.stop();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec1", ["branch-secretary"], undefined, ["--member", "1"]);   // Cadre Office
  addUser(dir, "sec2", ["branch-secretary"], undefined, ["--member", "9"]);   // second branch (its secretary)
  addUser(dir, "member2", ["branch-secretary"], undefined, ["--member", "2"]); // not a secretary
  addUser(dir, "plain", ["member"], undefined, ["--member", "3"]);            // a plain member
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "auditor", ["admin"]);
  addUser(dir, "rev1", ["reviewer"]);  // made column 1's reviewer in the news test
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

// "YYYY-MM-DDTHH:MM" in the site's zone (+08:00), `minutes` from now.
function siteTime(minutes = 0) {
  return new Date(Date.now() + (8 * 60 + minutes) * 60000).toISOString().slice(0, 16);
}

async function officer() {
  const c = new Client(srv);
  await c.signIn("officer");
  return c;
}

// Creates a class with a session starting in 5 minutes and one tomorrow;
// enrolls all branch secretaries. Returns {id, now, later}.
async function makeClass(c, title = "Spring class for branch secretaries") {
  await c.get("/admin/training/new");
  const res = await c.post("/admin/training", {
    title, purpose: "Study and exchange", organizer: "Organ Party Committee",
    start_date: siteTime().slice(0, 10), end_date: siteTime(24 * 60).slice(0, 10),
    venue: "Lecture hall", required_hours: "4", full_time: "1", late_credit: "0.5",
  });
  assert.equal(res.status, 303, res.body);
  const id = res.headers.location.split("?")[0].split("/").pop();
  for (const [starts, topic, type, extra] of [
    [siteTime(5), "Governing the Party strictly", "lecture", { lecturer: "Zhou Yong" }],
    [siteTime(24 * 60), "Branch work exchange", "exchange", { presenting_branch: "3" }],
  ]) {
    const s = await c.post(`/admin/training/${id}/sessions`, { starts_at: starts, hours: "2", type, topic, ...extra });
    assert.equal(s.status, 303, s.body);
  }
  assert.equal((await c.post(`/admin/training/${id}/enroll-secretaries`)).status, 303);
  const page = await c.get(`/admin/training/${id}`);
  const sids = [...page.body.matchAll(/\/admin\/training\/sessions\/(\d+)"/g)].map((m) => m[1]);
  return { id, now: sids[0], later: sids[1], page };
}

async function liveToken(c, sid) {
  const live = await c.get(`/admin/training/sessions/${sid}/checkin.json`);
  assert.equal(live.status, 200, live.body);
  return JSON.parse(live.body);
}

async function checkIn(name, sid, token) {
  const c = new Client(srv);
  const start = await c.get(`/admin/checkin/${sid}?t=${token}`);
  assert.equal(start.status, 303, "signs in first");
  assert.equal(start.headers.location, `/admin/login?next=${encodeURIComponent(`/admin/checkin/${sid}?t=${token}`)}`);
  // The sign-in page says what it is for; a forged code learns nothing.
  const signInPage = await c.get(start.headers.location);
  assert.match(signInPage.body, /<p class="purpose" id="sign-in-purpose">请登录后签到：[^<]+，\d{4}-\d\d-\d\d \d\d:\d\d。<\/p>/);
  const forged = await c.get(`/admin/login?next=${encodeURIComponent(`/admin/checkin/${sid}?t=${sid}-1-AAAA`)}`);
  assert.doesNotMatch(forged.body, /sign-in-purpose/);
  const login = await c.signIn(name);
  assert.equal(login.status, 303);
  const form = await c.get(`/admin/checkin/${sid}?t=${token}`);
  if (form.status === 403) return { c, res: form };  // not enrolled: the page itself is refused
  assert.equal(form.status, 200);
  assert.match(form.body, /Check in<\/button>/);
  assert.match(form.body, /<p class="checkin-class" id="checkin-class">[^<]+<\/p>/, "names the class");
  assert.match(form.body, /<p id="checkin-member">Checking in as [^<]+<\/p>/, "names the member");
  return { c, res: await c.post(`/admin/checkin/${sid}`, { t: token }) };
}

test("class form: clear errors, then a class with sessions and the 29 secretaries", async () => {
  const c = await officer();
  const blank = await c.get("/admin/training/new");
  assert.match(blank.body, /id="c-organizer" name="organizer" value="省人民检察院机关党委"/, "held by the committee on record");
  const bad = await c.post("/admin/training", { title: "X", start_date: "2026-05-02", end_date: "2026-05-01" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /The end date is before the start date\./);
  const badHours = await c.post("/admin/training", { title: "X", start_date: "2026-05-02", required_hours: "lots" });
  assert.equal(badHours.status, 422);
  assert.match(badHours.body, /Required hours: enter a number such as 2 or 1\.5\./);
  assert.match(badHours.body, /<input id="c-hours" name="required_hours" value="lots"/, "what was typed comes back");
  const { page } = await makeClass(c, "Form class");
  assert.match(page.body, /29 \(withdrawn: 0; capacity: no limit\)/);
  assert.match(page.body, /Governing the Party strictly/);
  // A long page on a phone: its sections are linked at the top, each to a heading there.
  const nav = page.body.match(/<nav class="page-sections" aria-label="On this page"><ul>([^]*?)<\/ul><\/nav>/);
  assert.ok(nav, "the page's sections are listed");
  const targets = [...nav[1].matchAll(/href="#([a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(targets, ["news-report", "sessions", "exchanges", "photos", "materials", "enrollment"]);
  for (const t of targets) assert.match(page.body, new RegExp(`<h2 id="${t}">`), t);
  assert.match(page.body, /<tr><td data-label="Starts"><span class="date">\d{4}-\d\d-\d\d<\/span> <span class="date">\d\d:\d\d<\/span><\/td><td data-label="Type">Lecture<\/td>/,
    "a session's start breaks between day and time only");
  // Adding a session: folded once the class has sessions, open again right after one was added.
  assert.match(page.body, /<details class="add-form" id="add-session-box"><summary id="add-session">Add a session<\/summary>/);
  const classId = page.body.match(/training\/(\d+)\/sessions/)[1];
  assert.match((await c.get(`/admin/training/${classId}?done=added`)).body, /id="add-session-box" open>/);
  await c.get("/admin/training/new");
  const empty = await c.post("/admin/training", { title: "Empty class", start_date: siteTime().slice(0, 10) });
  assert.match((await c.get(empty.headers.location)).body, /id="add-session-box" open>/, "no sessions yet: open");
  const badSession = await c.post(`/admin/training/${page.body.match(/training\/(\d+)\/sessions/)[1]}/sessions`,
    { starts_at: "tomorrow", hours: "2", type: "lecture", topic: "T" });
  assert.equal(badSession.status, 422);
  assert.match(badSession.body, /Enter the start as YYYY-MM-DD HH:MM/);
  // A session outside the class's dates is kept, and the officer is told so.
  assert.doesNotMatch(page.body, /session-outside/, "the first two sessions lie within");
  const late = siteTime(4 * 24 * 60);
  assert.equal((await c.post(`/admin/training/${classId}/sessions`,
    { starts_at: late, hours: "1", type: "lecture", topic: "After the class" })).status, 303);
  const [start, end] = [siteTime().slice(0, 10), siteTime(24 * 60).slice(0, 10)];
  assert.match((await c.get(`/admin/training/${classId}`)).body,
    new RegExp(`<span class="date">${late.slice(0, 10)}</span> <span class="date">${late.slice(11)}</span><span class="hint session-outside">This day is outside the class(&#39;|&apos;|')s dates \\(${start} to ${end}\\)\\.</span>`));
});

test("enrollment: one member in, withdrawn with history, capacity enforced", async () => {
  const c = await officer();
  const { id } = await makeClass(c, "Enrollment class");
  assert.equal((await c.post(`/admin/training/${id}/enroll`, { member: "2" })).status, 303);
  const page = (await c.get(`/admin/training/${id}`)).body;
  assert.match(page, /30 \(withdrawn: 0/);
  // Thirty names: folded behind their count, open right after a change.
  assert.match(page, /<details class="fold" id="enrolled-box"><summary id="enrolled-summary">Enrolled members \(30\)<\/summary>/);
  assert.match((await c.get(`/admin/training/${id}?done=enrolled`)).body, /id="enrolled-box" open>/);
  const name = queryDb(dir, "SELECT name FROM members WHERE id = 2").trim();
  const ask = await c.post(`/admin/training/${id}/withdraw`, { member: "2" });
  assert.equal(ask.status, 200, "asks first");
  assert.ok(ask.body.includes(`<p>Withdraw ${name} from the class?</p>`), "the question names the member");
  assert.match((await c.get(`/admin/training/${id}`)).body, /30 \(withdrawn: 0/, "nothing changed yet");
  assert.equal((await c.post(`/admin/training/${id}/withdraw`, { member: "2", confirm: "1" })).status, 303);
  assert.match((await c.get(`/admin/training/${id}`)).body, /29 \(withdrawn: 1/);
  const edit = await c.get(`/admin/training/${id}/edit`);
  assert.equal(edit.status, 200);
  const saved = await c.post(`/admin/training/${id}/edit`, {
    title: "Enrollment class", start_date: siteTime().slice(0, 10), capacity: "29", required_hours: "4",
  });
  assert.equal(saved.status, 303);
  const full = await c.post(`/admin/training/${id}/enroll`, { member: "2" });
  assert.equal(full.status, 422);
  assert.match(full.body, /holds 29 and has 29 enrolled/);
});

test("an enrolled member's calendar and dashboard carry the class's sessions ahead; others' do not", async () => {
  const c = await officer();
  const { id, now, later } = await makeClass(c, "Calendar class");
  // A field left empty reads "not given" on the class's page, not a blank.
  assert.match((await c.get(`/admin/training/${id}`)).body, /<dt>Target group<\/dt><dd>not given<\/dd>/);
  const sec = new Client(srv);
  await sec.signIn("sec1");  // member 1, a branch secretary: enrolled
  const ics = await sec.get("/admin/branch-life/mine.ics");
  assert.equal(ics.status, 200);
  const events = readCalendar(ics.body).events;
  const first = events.find((e) => e.uid.startsWith(`training-session-${now}@`));
  const second = events.find((e) => e.uid.startsWith(`training-session-${later}@`));
  assert.ok(first && second, ics.body);
  assert.equal(first.summary, "Calendar class: Governing the Party strictly");
  assert.equal(first.location, "Lecture hall");
  assert.deepEqual(first.alarms, [-86400, -3600]);
  const starts = queryDb(dir, `SELECT starts_at FROM training_sessions WHERE id = ${now}`).trim();
  assert.equal(first.start, new Date(`${starts.replace(" ", "T")}:00+08:00`).toISOString().replace(".000Z", "+00:00"));
  // Soonest first, whatever the kind.
  assert.deepEqual(events.map((e) => e.start), events.map((e) => e.start).sort());
  // The dashboard names the next session of the classes they are in.
  const dash = (await sec.get("/admin/")).body;
  const next = dash.match(/<dd id="my-session"><span class="date">([^<]+)<\/span> <a href="\/admin\/training\/(\d+)">([^<]+)<\/a>/);
  assert.ok(next, dash);
  const soonest = events.filter((e) => e.uid.startsWith("training-session-"))[0];
  assert.equal(new Date(`${next[1].replace(" ", "T")}:00+08:00`).toISOString().replace(".000Z", "+00:00"), soonest.start);
  // Member 2 holds no secretary post: not enrolled, none of the class's sessions.
  const other = new Client(srv);
  await other.signIn("member2");
  const theirs = readCalendar((await other.get("/admin/branch-life/mine.ics")).body).events;
  assert.ok(!theirs.some((e) => e.uid.startsWith(`training-session-${now}@`) || e.uid.startsWith(`training-session-${later}@`)));
});

test("the training page links each role to the hours it may see", async () => {
  const sec = new Client(srv);
  await sec.signIn("sec1");
  const secPage = (await sec.get("/admin/training")).body;
  assert.match(secPage, /<a href="\/admin\/training\/hours">Training hours of my branch<\/a>/);
  assert.equal((await sec.get("/admin/training/hours")).status, 200);
  const plain = new Client(srv);
  await plain.signIn("plain");
  const plainPage = (await plain.get("/admin/training")).body;
  assert.doesNotMatch(plainPage, /href="\/admin\/training\/hours"/, "no link to a page that refuses them");
  assert.match(plainPage, /<a href="\/admin\/branch-life\/mine#mine-hours">My training hours this year<\/a>/);
  assert.match((await plain.get("/admin/branch-life/mine")).body, /<dd id="mine-hours">/);
  assert.doesNotMatch((await (await officer()).get("/admin/training")).body, /My training hours this year|Training hours of my branch/);
});

test("QR check-in: two secretaries in; every bad code refused with no record", async () => {
  const c = await officer();
  const { now, later } = await makeClass(c, "Check-in class");
  const projector = await c.get(`/admin/training/sessions/${now}/checkin`);
  assert.equal(projector.status, 200);
  assert.match(projector.body, /<svg[^>]+role="img"[^>]+aria-label="Check-in QR code/);
  const live = await liveToken(c, now);
  assert.equal(live.checked_in, 0);
  assert.equal(live.enrolled, 29);
  const token = new URL(live.url).searchParams.get("t");
  // The code carries the site's public address (the demo's is
  // http://127.0.0.1:8080), not whatever Host a proxy passed on.
  assert.ok(live.url.startsWith(`http://127.0.0.1:8080/admin/checkin/${now}?t=`), live.url);

  const first = await checkIn("sec1", now, token);
  assert.equal(first.res.status, 200, first.res.body);
  assert.match(first.res.body, /you are checked in to [^:]+: [^,]+, on time/);
  const second = await checkIn("sec2", now, token);
  assert.equal(second.res.status, 200);
  assert.equal((await liveToken(c, now)).checked_in, 2, "the projector's live count");
  const again = await first.c.post(`/admin/checkin/${now}`, { t: token });
  assert.match(again.body, /already checked in/);

  // Replayed: the officer resets sec1's mark; the spent code is refused.
  assert.equal((await c.post(`/admin/training/sessions/${now}/mark`, { member: "1", mark: "absent" })).status, 303);
  const replay = await first.c.post(`/admin/checkin/${now}`, { t: token });
  assert.equal(replay.status, 409);
  assert.match(replay.body, /already been used/);

  // Expired: a correctly signed code from three minutes ago.
  // The key: in the data dir on one machine, in the database for nodes.
  const key = PG_ADMIN
    ? Buffer.from(queryDb(dir, "SELECT value FROM meta WHERE key = 'secret:checkin-key'").trim(), "hex")
    : readFileSync(join(dir, "checkin.key"));
  const slot = Math.floor(Date.now() / 30000) - 6;
  const tag = createHmac("sha256", key).update(`${now}-${slot}`).digest("hex").slice(0, 32);
  const expired = await second.c.post(`/admin/checkin/${now}`, { t: `${now}-${slot}-${tag}` });
  assert.equal(expired.status, 422);
  assert.match(expired.body, /expired/);
  // Forged, and another session's code.
  const forged = await second.c.post(`/admin/checkin/${now}`, { t: `${now}-${slot + 6}-${"0".repeat(32)}` });
  assert.match(forged.body, /not valid/);
  const other = await second.c.post(`/admin/checkin/${later}`, { t: token });
  assert.equal(other.status, 422);
  assert.match(other.body, /another session/);
  // Outside the window: tomorrow's session.
  const early = await second.c.post(`/admin/checkin/${later}`, { t: (await liveToken(c, later)).url.split("t=")[1] });
  assert.equal(early.status, 403);
  assert.match(early.body, /Check-in opens at \d\d:\d\d/);
  // Not enrolled.
  const outsider = await checkIn("member2", now, token);
  assert.equal(outsider.res.status, 403);
  assert.match(outsider.res.body, /not enrolled/);
  // An account with no member record.
  const editor = await checkIn("ed", now, token);
  assert.equal(editor.res.status, 403);
  assert.match(editor.res.body, /not linked to a party member/);

  const sheet = await c.get(`/admin/training/sessions/${now}`);
  assert.match(sheet.body, /present 1, late 0, excused 0, absent 1, not marked 27/);
});

test("manual marks: a reason for leave, audited old → new; secretaries see their branch only", async () => {
  const c = await officer();
  const { id, now } = await makeClass(c, "Marking class");
  const noReason = await c.post(`/admin/training/sessions/${now}/mark`, { member: "9", mark: "excused" });
  assert.equal(noReason.status, 422);
  assert.match(noReason.body, /Excused leave needs a reason/);
  assert.equal((await c.post(`/admin/training/sessions/${now}/mark`, { member: "9", mark: "present" })).status, 303);
  assert.equal((await c.post(`/admin/training/sessions/${now}/mark`, { member: "9", mark: "excused", reason: "Court hearing" })).status, 303);
  const notEnrolled = await c.post(`/admin/training/sessions/${now}/mark`, { member: "2", mark: "present" });
  assert.equal(notEnrolled.status, 422);

  const admin = new Client(srv);
  addUser(dir, `aud${id}`, ["admin"]);
  await admin.signIn(`aud${id}`);
  const audit = await admin.audit("action=attendance.mark");
  assert.match(audit.body, /member 9: Present -&gt; Excused leave \(Court hearing\)/, "the marks in words");
  assert.match(audit.body, /member 9: Not marked -&gt; Present/);

  const sec = new Client(srv);
  await sec.signIn("sec1");
  const own = await sec.get(`/admin/training/sessions/${now}`);
  assert.equal(own.status, 200);
  assert.equal([...own.body.matchAll(/<tr id="m\d+"/g)].length, 1, "only their own branch's row");
  assert.doesNotMatch(own.body, /name="mark-/, "no marking controls");
  assert.doesNotMatch(own.body, /id="sheet-form"/, "no sheet form");
  assert.equal((await sec.post(`/admin/training/sessions/${now}/mark`, { member: "1", mark: "present" })).status, 403);
  // Their members' hours, and no one else's.
  const hours = await sec.get(`/admin/training/hours.csv?year=${siteTime().slice(0, 4)}`);
  assert.equal(hours.status, 200);
  const branches = new Set(hours.body.trim().split("\r\n").slice(1).map((l) => l.split(",")[1]));
  assert.deepEqual([...branches], ["干部处党支部"]);
  assert.equal((await sec.get(`/admin/training/hours?year=2026&branch=4`)).status, 403);
});

test("summary and hours reports match hand-computed figures; exports read back", async () => {
  const c = await officer();
  const year = siteTime().slice(0, 4);
  // Member 1's hours this year before (the demo's classes of the year).
  const name1 = queryDb(dir, "SELECT name FROM members WHERE id = 1").trim();
  const hoursOf1 = async () => Object.values(readXlsx((await c.get(`/admin/training/hours.xlsx?year=${year}`)).raw))[0]
    .find((r) => r[0] === name1)[3];
  const before1 = await hoursOf1();
  const { id, now, later } = await makeClass(c, "Report class");
  // Session 1 (2 h): member 1 present, member 9 late (credit 0.5), member 16 excused.
  // Session 2 (2 h): member 1 present. → 29 enrolled, 2 attended, 3 of 58 marks = 5.2%.
  for (const [sid, member, mark, reason] of [[now, "1", "present"], [now, "9", "late"],
    [now, "16", "excused", "ill"], [later, "1", "present"]])
    assert.equal((await c.post(`/admin/training/sessions/${sid}/mark`, { member, mark, reason: reason ?? "" })).status, 303);
  const summary = await c.get(`/admin/training/${id}/summary`);
  assert.equal(summary.status, 200);
  assert.match(summary.body, /id="s-enrolled">29</);
  assert.match(summary.body, /id="s-attended">2</);
  assert.match(summary.body, /id="s-rate">5\.2%</);
  // The chart: labels as text (they wrap, never cut), bars decorative.
  assert.match(summary.body, /<figure class="chart-figure" aria-labelledby="chart-title"><figcaption id="chart-title">Attendance per session<\/figcaption><dl class="bar-chart"><div class="bar-row"><dt>[^<]*Governing the Party strictly<\/dt><dd><svg class="bar"[^>]+aria-hidden="true"[^>]*><rect width="100\.0" height="10"\/><\/svg><span class="bar-value">2<\/span><\/dd><\/div>/);
  assert.match(summary.body, /干部处党支部<\/th><td[^>]*>1<\/td><td[^>]*>1<\/td>/);
  // Member 14: excused 2 of 4 hours > 1/7 of a full-time class.
  assert.match(summary.body, /Not completing[\s\S]*<li>/);

  const xlsx = await c.get(`/admin/training/${id}/summary.xlsx`);
  assert.equal(xlsx.status, 200);
  const book = readXlsx(xlsx.raw);
  // A title row names the class and its dates; the rate is a percentage.
  assert.match(book.Summary[0][0], /^Report class, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
  assert.deepEqual(book.Summary[1], ["Class", "Enrolled", "Attended", "Attendance rate"]);
  assert.deepEqual(book.Summary[2].slice(1), [29, 2, 3 / 58]);
  assert.deepEqual(book.Sessions[2].slice(2), [1, 1, 1, 0, 26]);
  assert.match(book.Sessions[2][0], /^\d{4}-\d\d-\d\d \d\d:\d\d:00$/, "session starts are real dates");
  const layout = readXlsxLayout(xlsx.raw);
  assert.equal(layout.Summary.formats[2][3], "0.0%");
  assert.equal(layout.Sessions.formats[2][0], "yyyy-mm-dd hh:mm");
  assert.deepEqual(layout.Summary.merged, ["A1:D1"]);
  assert.equal(layout.Summary.frozen, "A3");

  // The session's attendance sheet as XLSX: one row per enrolled member,
  // with the time each mark was recorded, as a real date and time.
  const sheetXlsx = (await c.get(`/admin/training/sessions/${now}/sheet.xlsx`)).raw;
  const sheet = readXlsx(sheetXlsx);
  assert.match(sheet.Attendance[0][0], /^Report class: Governing the Party strictly, \d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.deepEqual(sheet.Attendance[1], ["No.", "Name", "Branch", "Attendance", "Reason", "Recorded", "Time recorded"]);
  assert.equal(sheet.Attendance.length, 31);
  assert.ok(sheet.Attendance.some((r) => r[3] === "Present" && r[5] === "By hand" && /^\d{4}-\d\d-\d\d \d\d:\d\d:00$/.test(r[6])));
  const sheetLayout = readXlsxLayout(sheetXlsx).Attendance;
  assert.ok(sheetLayout.widths.C > sheetLayout.widths.A, "columns sized to their text");
  const marks = sheet.Attendance.slice(2).map((r) => r[3]);
  assert.deepEqual([marks.filter((m) => m === "Present").length, marks.filter((m) => m === "Late").length,
    marks.filter((m) => m === "Excused leave").length], [1, 1, 1]);
  assert.ok(sheet.Attendance.some((r) => r[3] === "Excused leave" && r[4] === "ill"));

  const hours = await c.get(`/admin/training/hours?year=${year}`);
  assert.equal(hours.status, 200);
  assert.match(hours.body, /Average training hours per member, by branch, lowest first/);
  const averages = [...hours.body.matchAll(/<span class="bar-value">([\d.]+) h<\/span>/g)].map((m) => Number(m[1]));
  assert.ok(averages.length > 1, "a bar per branch");
  assert.deepEqual(averages, [...averages].sort((a, b) => a - b), "lowest first");
  const tableAverages = [...hours.body.matchAll(/<td data-label="Average per member">([\d.]+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual([...tableAverages].sort((a, b) => a - b), averages, "the chart's values are the table's averages");
  assert.match(hours.body, /<strong id="below-count">\d+<\/strong> of \d+ members are below it\./);
  const csv = await c.get(`/admin/training/hours.csv?year=${year}`);
  assert.equal(csv.status, 200);
  assert.ok(csv.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), "UTF-8 BOM for Excel");
  const hx = readXlsx((await c.get(`/admin/training/hours.xlsx?year=${year}`)).raw);
  const rows = Object.values(hx)[0];
  assert.equal(rows[0][0], `Training hours ${year}`);
  assert.deepEqual(rows[1].slice(0, 5), ["Member", "Branch", "Category", "Hours", "Required"]);
  const one = rows.find((r) => r[0] === name1);
  assert.deepEqual([one[1], one[2], one[3]], ["干部处党支部", "Secretary / committee", before1 + 4], "member 1: 2 + 2 hours more");

  // Requirements per year: a new figure applies to the report.
  assert.equal((await c.post("/admin/training/requirements", { year, leader: String(before1 + 3), member: "1" })).status, 303);
  const after = readXlsx((await c.get(`/admin/training/hours.xlsx?year=${year}&below=1`)).raw);
  const names = Object.values(after)[0].slice(2).map((r) => r[0]);
  assert.ok(names.length > 0, "members with fewer hours are still listed");
  assert.ok(!names.includes(name1), `${before1 + 4} h is no longer below ${before1 + 3} h`);
  // The page agrees with the download: the same members short, each row
  // marked, and the counts above the table over every member.
  const total = rows.length - 2;
  const short = (await c.get(`/admin/training/hours?year=${year}&below=1`)).body;
  const listed = [...short.matchAll(/<tr class="below"><th scope="row"><a href="\/admin\/org\/members\/\d+\/training">([^<]+)<\/a>/g)]
    .map((m) => m[1]);
  assert.deepEqual(listed.sort(), [...names].sort());
  assert.doesNotMatch(short, /<tr><th scope="row"><a href="\/admin\/org\/members\//, "no member who meets it");
  assert.match(short, new RegExp(`<strong id="below-count">\\d+</strong> of ${total} members are below it\\.`));
  // Every member on one page when asked (to print); else 50 to a page,
  // the pages together holding each member once, the filters kept.
  const memberLinks = (html) => [...html.matchAll(/<th scope="row"><a href="\/admin\/org\/members\/(\d+)\/training">/g)].map((m) => m[1]);
  const everyone = (await c.get(`/admin/training/hours?year=${year}&all=1`)).body;
  assert.equal(memberLinks(everyone).length, total);
  assert.match(everyone, new RegExp(`<p class="list-count">Members 1 to ${total} of ${total}</p>`));
  assert.match(everyone, /Report class 4 h/, "member 1's classes with the hours credited");
  assert.ok(total > 50, "the demo has more members than a page");
  const paged = [];
  let next = `/admin/training/hours?year=${year}`;
  for (let n = 1; next; n++) {
    const body = (await c.get(next.replaceAll("&amp;", "&"))).body;
    const on = memberLinks(body);
    assert.ok(on.length <= 50 && on.length > 0, `page ${n}: ${on.length} members`);
    assert.match(body, new RegExp(`<span class="current" aria-current="page">Page ${n} of ${Math.ceil(total / 50)}</span>`));
    if (n === 1) {
      assert.match(body, new RegExp(`Members 1 to 50 of ${total} · <a href="/admin/training/hours\\?year=${year}&amp;all=1">`));
      assert.match(body, new RegExp(`<a href="/admin/training/hours.xlsx\\?year=${year}">XLSX</a>`), "the download is every member, whatever the page");
    }
    paged.push(...on);
    next = body.match(/<a href="([^"]+)" rel="next">/)?.[1];
  }
  assert.deepEqual(paged, memberLinks(everyone), "the pages in order are the whole table");
  const shortPage = (await c.get(`/admin/training/hours?year=${year}&below=1&page=9`)).body;
  if (listed.length <= 50) assert.equal(memberLinks(shortPage).length, listed.length, "a page past the end shows the last");
  const bad = await c.post("/admin/training/requirements", { year, leader: "-1", member: "1" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /<span class="field-error" id="r-leader-error">Hours must be between 0 and 1000\.<\/span> <input id="r-leader" name="leader" value="-1"[^>]*aria-invalid="true"/,
    "the error beside its field, with the figure typed");
  assert.match(bad.body, new RegExp(`<h1[^>]*>Training hours ${year}</h1>`), "the hours page of the year typed, not a message page");
  assert.match(bad.body, /<div class="error-summary" role="alert" id="error-summary">[^]*<a href="#r-leader">/);
  // Everything wrong at once: a year that is not one, hours that do not read and hours out of range.
  const worse = await c.post("/admin/training/requirements", { year: "二〇二六", leader: "十", member: "2000" });
  assert.equal(worse.status, 422);
  assert.match(worse.body, /id="r-year-error">Enter the year as four digits, such as 2026\.</);
  assert.match(worse.body, /id="r-leader-error">Enter the hours as a number such as 24 or 1\.5\.</);
  assert.match(worse.body, /id="r-member-error">Hours must be between 0 and 1000\.</);
  assert.match(worse.body, /<input id="r-year" name="year" value="二〇二六"/);
  const kept = (await c.get(`/admin/training/hours?year=${year}`)).body;
  assert.match(kept, new RegExp(`<input id="r-leader" name="leader" value="${before1 + 3}"`), "nothing refused was saved");
});

test("materials: the officer uploads, enrolled members download, others cannot", async () => {
  const c = await officer();
  const { id } = await makeClass(c, "Materials class");
  const pdf = readFileSync(join(ROOT, "tests/fixtures/sample.pdf"));
  const up = await c.upload(`/admin/materials/class/${id}`, [["title", "Slides"], ["file", { filename: "slides.pdf", type: "application/pdf", data: pdf }]]);
  assert.equal(up.status, 303, up.body);
  const mid = (await c.get(`/admin/training/${id}`)).body.match(/\/admin\/materials\/(\d+)"/)[1];
  const sec = new Client(srv);
  await sec.signIn("sec1");
  const got = await sec.get(`/admin/materials/${mid}`);
  assert.equal(got.status, 200);
  assert.ok(got.raw.equals(pdf));
  const outsider = new Client(srv);
  await outsider.signIn("member2");
  assert.equal((await outsider.get(`/admin/materials/${mid}`)).status, 403);
  const bad = await c.upload(`/admin/materials/class/${id}`, [["file", { filename: "x.exe", data: Buffer.from("MZ\x90\x00") }]]);
  assert.equal(bad.status, 422);
  // A photo among the materials loses its EXIF and GPS data, as in the media library.
  const photo = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  assert.ok(photo.indexOf("GPSLatitude") > 0, "the fixture carries GPS data");
  const img = await c.upload(`/admin/materials/class/${id}`, [["title", "Group photo"], ["file", { filename: "group.jpg", type: "image/jpeg", data: photo }]]);
  assert.equal(img.status, 303, img.body);
  const pid = [...(await c.get(`/admin/training/${id}`)).body.matchAll(/\/admin\/materials\/(\d+)"/g)].map((m) => m[1]).find((m) => m !== mid);
  const stored = await sec.get(`/admin/materials/${pid}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.raw.subarray(0, 2).toString("hex"), "ffd8", "still a JPEG");
  assert.equal(stored.raw.indexOf("Exif"), -1);
  assert.equal(stored.raw.indexOf("GPSLatitude"), -1);
});

test("after a session's check-in window the projector says check-in closed, and shows no code", async () => {
  const c = await officer();
  await c.get("/admin/training/new");
  const res = await c.post("/admin/training", {
    title: "Yesterday's class", purpose: "Study", organizer: "Organ Party Committee",
    start_date: siteTime(-24 * 60).slice(0, 10), end_date: siteTime(24 * 60).slice(0, 10),
    venue: "Lecture hall", required_hours: "4", full_time: "1", late_credit: "0.5",
  });
  assert.equal(res.status, 303, res.body);
  const id = res.headers.location.split("?")[0].split("/").pop();
  const s = await c.post(`/admin/training/${id}/sessions`, { starts_at: siteTime(-6 * 60), hours: "2", type: "lecture", topic: "Past lecture", lecturer: "Zhou Yong" });
  assert.equal(s.status, 303, s.body);
  const sid = (await c.get(`/admin/training/${id}`)).body.match(/\/admin\/training\/sessions\/(\d+)"/)[1];
  const projector = await c.get(`/admin/training/sessions/${sid}/checkin`);
  assert.equal(projector.status, 200);
  assert.match(projector.body, /Check-in closed at \d\d:\d\d\./);
  assert.doesNotMatch(projector.body, /<svg/);
  const live = await liveToken(c, sid);
  assert.match(live.closed, /^Check-in closed at \d\d:\d\d\.$/);
  assert.equal(live.url, "");
});

test("a completed class becomes a news draft with its facts, linked both ways", async () => {
  const c = await officer();
  const { id, now, later } = await makeClass(c, "News class");
  await c.post(`/admin/training/sessions/${now}/mark`, { member: "1", mark: "present" });
  const early = await c.post(`/admin/training/${id}/news`, { column: "1" });
  assert.equal(early.status, 409);
  for (let i = 0; i < 2; i++) await c.post(`/admin/training/${id}/advance`);
  // Not completed while a session is still ahead: the message names it.
  const tooSoon = await c.post(`/admin/training/${id}/advance`);
  assert.equal(tooSoon.status, 422);
  assert.match(tooSoon.body, /The session Governing the Party strictly on \d{4}-\d\d-\d\d \d\d:\d\d has not been held yet/);
  assert.match((await c.get(`/admin/training/${id}`)).body, /id="class-status">In progress</);
  // Both sessions are recorded as having begun (the test cannot wait).
  assert.equal((await c.post(`/admin/training/sessions/${now}/edit`, {
    starts_at: siteTime(-2), hours: "2", type: "lecture", topic: "Governing the Party strictly", lecturer: "Zhou Yong" })).status, 303);
  assert.equal((await c.post(`/admin/training/sessions/${later}/edit`, {
    starts_at: siteTime(-1), hours: "2", type: "exchange", topic: "Branch work exchange", presenting_branch: "3" })).status, 303);
  assert.equal((await c.post(`/admin/training/${id}/advance`)).status, 303);
  assert.match((await c.get(`/admin/training/${id}`)).body, /id="class-status">Completed</);
  // Check-in is over: the projector says so and shows no code, on the page and live.
  const projector = await c.get(`/admin/training/sessions/${now}/checkin`);
  assert.equal(projector.status, 200);
  assert.match(projector.body, /This class is over: check-in is closed\./);
  assert.doesNotMatch(projector.body, /<svg|\/admin\/checkin\//);
  const live = await liveToken(c, now);
  assert.equal(live.closed, "This class is over: check-in is closed.");
  assert.equal(live.url, "");
  assert.equal(live.svg, "");
  const draft = await c.post(`/admin/training/${id}/news`, { column: "1" });
  assert.equal(draft.status, 303, draft.body);
  const page = await c.get(`/admin/training/${id}`);
  // The officer (no newsroom role) reads the report's title and state;
  // the newsroom's page would only answer "Not allowed".
  assert.match(page.body, /News report: News class \(Draft\)/);
  assert.doesNotMatch(page.body, /href="\/admin\/articles\//);
  const ed = new Client(srv);
  await ed.signIn("ed");
  const article = (await ed.get("/admin/articles/")).body.match(/<a href="\/admin\/articles\/(\d+)\/" lang="[^"]+">News class<\/a>/);
  assert.ok(article, "the draft is in the newsroom's list");
  const editor = await ed.get(`/admin/articles/${article[1]}/`);
  assert.equal(editor.status, 200);
  // The draft is written in the site's language (Chinese), whoever drafts it.
  for (const fact of ["Organ Party Committee", "政治部", "Study and exchange", "参训情况：报名 29 人，实到 1 人",
    "Governing the Party strictly — Zhou Yong", "干部处党支部", "专题讲座"])
    assert.ok(editor.body.includes(fact), fact);
  // An editor without records rights reads the class's name, with no link
  // that would lead them to "Not allowed".
  assert.match(editor.body, /News report of the training class News class\./);
  assert.doesNotMatch(editor.body, new RegExp(`href="/admin/training/${id}"`));
  // The draft waits on the dashboard of whoever may edit it: the column's
  // reviewer (the editor did not write it and has no rights in the column).
  const admin = new Client(srv);
  await admin.signIn("auditor");
  const cols = (await admin.get("/admin/columns/1")).body;
  const field = (f) => cols.match(new RegExp(`id="c1-${f}" name="[a-z_]+" value="([^"]*)"`))[1];
  const revId = cols.match(/id="c1-r(\d+)"[^>]*> <label for="c1-r\d+">rev1</)[1];
  assert.equal((await admin.post("/admin/columns/1", { name: field("name"), slug: field("slug"),
    description: field("desc"), position: field("pos"), reviewer: revId })).status, 303);
  const rev = new Client(srv);
  await rev.signIn("rev1");
  const board = await rev.get("/admin/");
  assert.match(board.body, /News reports drafted from training classes/);
  assert.match(board.body, new RegExp(`<a href="/admin/articles/${article[1]}/" lang="zh-CN">News class</a>`));
  assert.doesNotMatch((await ed.get("/admin/")).body, /News reports drafted from training classes/);
});

test("a class's photos: private records, the first the report's lead image, the others in its body", async () => {
  const c = await officer();
  const { id } = await makeClass(c, "Photographed class");
  const jpeg = (name, alt) => [
    ["file", { filename: name, type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }],
    ...(alt === undefined ? [] : [["alt", alt]])];
  const up = await c.upload(`/admin/training/photos/${id}`, jpeg("IMG_1.jpg", "Director Zhou lectures"));
  assert.equal(up.status, 303, up.body);
  assert.equal(up.headers.location, `/admin/training/${id}?done=uploaded#photos`);
  const [first, name1, flag] = queryDb(dir, "SELECT id, stored_name, private FROM media ORDER BY id DESC LIMIT 1").trim().split("|");
  assert.equal(flag, "1", "a class photo is stored private");
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), first);
  // Left undescribed, a photo is described by the class's title.
  assert.equal((await c.upload(`/admin/training/photos/${id}`, jpeg("IMG_2.jpg"))).status, 303);
  const [second, name2, alt2] = queryDb(dir, "SELECT id, stored_name, alt_text FROM media ORDER BY id DESC LIMIT 1").trim().split("|");
  assert.equal(alt2, "Photographed class");
  // Not a photo: refused, nothing kept.
  const media = queryDb(dir, "SELECT count(*) FROM media").trim();
  const pdf = await c.upload(`/admin/training/photos/${id}`, [["file", { filename: "notes.pdf", type: "application/pdf", data: readFileSync(join(ROOT, "tests/fixtures/sample.pdf")) }]]);
  assert.equal(pdf.status, 422);
  assert.match(pdf.body, /Choose a photo: JPEG, PNG or WebP/);
  assert.equal((await c.upload(`/admin/training/photos/${id}`, [["alt", "no file"]])).status, 422);
  assert.equal(queryDb(dir, "SELECT count(*) FROM media").trim(), media);
  // The class page shows them from the staff address, each with its button.
  const page = await c.get(`/admin/training/${id}`);
  assert.match(page.body, /<a href="#photos">Photos<\/a>/);
  assert.match(page.body, new RegExp(`<figure><img src="/admin/media-file/${name1.split(".")[0]}[^"]*" alt="" loading="lazy"><figcaption><span class="badge">Lead photo</span> Director Zhou lectures</figcaption></figure>`), "the first photo, described under it");
  assert.match(page.body, new RegExp(`name="media" value="${second}"><button type="submit" class="secondary">Remove photo<span class="visually-hidden"> Photographed class</span>`));
  // A branch secretary does not see a class's private photo; an editor does; the public does not.
  const sec = new Client(srv);
  await sec.signIn("sec1");
  assert.equal((await sec.get(`/admin/media-file/${name1}`)).status, 403);
  assert.doesNotMatch((await sec.get(`/admin/training/${id}`)).body, /id="photos"/);
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.get(`/admin/media-file/${name1}`)).status, 200);
  assert.equal((await request(`${srv.url}/media/${name1}`)).status, 404);
  // The media library will not delete a class's photo, and says where it is.
  await ed.get("/admin/media");
  const refused = await ed.post(`/admin/media/${first}/delete`);
  assert.equal(refused.status, 422);
  assert.match(refused.body, /The file is a photo of the training class “Photographed class”; remove it from the class first\./);
  assert.match(refused.body, /Training class “Photographed class”/);
  // The completed class's news draft: the first photo leads, the second follows the text.
  queryDb(dir, `UPDATE training_classes SET status = 'completed' WHERE id = ${id}`);
  await c.get(`/admin/training/${id}`);
  const draft = await c.post(`/admin/training/${id}/news`, { column: "1" });
  assert.equal(draft.status, 303, draft.body);
  const article = queryDb(dir, `SELECT news_article_id FROM training_classes WHERE id = ${id}`).trim();
  const [lead, caption, leadAlt] = queryDb(dir, `SELECT lead_media_id, lead_caption, lead_alt FROM articles WHERE id = ${article}`).trim().split("|");
  assert.deepEqual([lead, caption, leadAlt], [first, "Director Zhou lectures", "Director Zhou lectures"],
                   "the lead photo is captioned with what it shows, as the seed's");
  const body = queryDb(dir, `SELECT body_md FROM articles WHERE id = ${article}`);
  assert.ok(body.includes(`\n\n![Photographed class](/media/${name2} "Photographed class")`), body);
  // Taking the second photo off the class asks first; the draft still
  // shows it, so the file stays.
  await c.get(`/admin/training/${id}`);
  const ask = await c.post(`/admin/training/photos/${id}/remove`, { media: second });
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Remove this photo from the class\? Unless a published report shows it, the photo is deleted\./);
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), `${first},${second}`, "nothing changed yet");
  const removed = await c.post(`/admin/training/photos/${id}/remove`, { media: second, confirm: "1" });
  assert.equal(removed.status, 303, removed.body);
  assert.equal(removed.headers.location, `/admin/training/${id}?done=photo-removed#photos`);
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), first);
  assert.equal(queryDb(dir, `SELECT count(*) FROM media WHERE id = ${second}`).trim(), "1", "the draft uses it");
  assert.match((await c.get(`/admin/training/${id}?done=photo-removed`)).body, /The photo was removed\./);
  // A photo nothing else uses goes with its files.
  assert.equal((await c.upload(`/admin/training/photos/${id}`, jpeg("IMG_3.jpg", "Group photo"))).status, 303);
  const [third, name3] = queryDb(dir, "SELECT id, stored_name FROM media ORDER BY id DESC LIMIT 1").trim().split("|");
  assert.ok(existsSync(join(dir, "media", name3)));
  assert.equal((await c.post(`/admin/training/photos/${id}/remove`, { media: third, confirm: "1" })).status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM media WHERE id = ${third}`).trim(), "0");
  assert.ok(!existsSync(join(dir, "media", name3)), "its file is gone");
  // A photo the class does not keep, and another's attempt.
  assert.equal((await c.post(`/admin/training/photos/${id}/remove`, { media: third, confirm: "1" })).status, 404);
  assert.equal((await c.post(`/admin/training/photos/${id}/remove`, { media: "x", confirm: "1" })).status, 422);
  await sec.get(`/admin/training/${id}`);
  assert.equal((await sec.post(`/admin/training/photos/${id}/remove`, { media: first, confirm: "1" })).status, 403);
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), first);
});

test("any photo of a class can lead: the news report made afterwards opens with it", async () => {
  const c = await officer();
  const { id } = await makeClass(c, "Class with a better photo");
  const jpeg = (alt) => [["file", { filename: "IMG.jpg", type: "image/jpeg", data: readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg")) }], ["alt", alt]];
  const ids = [];
  for (const alt of ["Empty hall", "Director Zhou lectures"]) {
    assert.equal((await c.upload(`/admin/training/photos/${id}`, jpeg(alt))).status, 303);
    ids.push(queryDb(dir, "SELECT id FROM media ORDER BY id DESC LIMIT 1").trim());
  }
  const [hall, lecture] = ids;
  const page = (await c.get(`/admin/training/${id}`)).body;
  assert.match(page, /<figcaption><span class="badge">Lead photo<\/span> Empty hall<\/figcaption>/, "the first uploaded leads");
  assert.match(page, new RegExp(`action="/admin/training/photos/${id}/lead" class="inline"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="media" value="${lecture}"><button type="submit" class="secondary">Make lead photo<span class="visually-hidden"> Director Zhou lectures</span>`));
  assert.doesNotMatch(page, new RegExp(`name="media" value="${hall}"><button type="submit" class="secondary">Make lead photo`), "the lead photo has no such button");
  // A branch secretary may not; nor is a photo of another record accepted.
  const sec = new Client(srv);
  await sec.signIn("sec1");
  await sec.get("/admin/");
  assert.equal((await sec.post(`/admin/training/photos/${id}/lead`, { media: lecture })).status, 403);
  assert.equal((await c.post(`/admin/training/photos/${id}/lead`, { media: "999999" })).status, 404);
  assert.equal((await c.post(`/admin/training/photos/${id}/lead`, { media: "first" })).status, 404);
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), `${hall},${lecture}`, "unchanged");
  const moved = await c.post(`/admin/training/photos/${id}/lead`, { media: lecture });
  assert.equal(moved.status, 303, moved.body);
  assert.equal(moved.headers.location, `/admin/training/${id}?done=photo-lead#photos`);
  assert.equal(queryDb(dir, `SELECT photos FROM training_classes WHERE id = ${id}`).trim(), `${lecture},${hall}`);
  const after = (await c.get(`/admin/training/${id}?done=photo-lead`)).body;
  assert.match(after, /The photo now leads: the news report opens with it\./);
  assert.match(after, /<figcaption><span class="badge">Lead photo<\/span> Director Zhou lectures<\/figcaption>/);
  assert.match(queryDb(dir, "SELECT action, object_id, detail FROM audit_log ORDER BY id DESC LIMIT 1"), new RegExp(`^training\\.photo\\.lead\\|${id}\\|media ${lecture}`));
  queryDb(dir, `UPDATE training_classes SET status = 'completed' WHERE id = ${id}`);
  await c.get(`/admin/training/${id}`);
  assert.equal((await c.post(`/admin/training/${id}/news`, { column: "1" })).status, 303);
  const article = queryDb(dir, `SELECT news_article_id FROM training_classes WHERE id = ${id}`).trim();
  assert.equal(queryDb(dir, `SELECT lead_media_id, lead_caption FROM articles WHERE id = ${article}`).trim(), `${lecture}|Director Zhou lectures`);
});

test("the demo's seed class: attendance recorded and the seed article linked as its report", async () => {
  const c = await officer();
  const list = await c.get("/admin/training");
  const id = list.body.match(/href="\/admin\/training\/(\d+)">机关党支部书记培训班/)[1];
  const page = await c.get(`/admin/training/${id}`);
  assert.match(page.body, /2022-07-14 to 2022-07-14/);
  for (const topic of ["全面从严治党", "意识形态工作", "机关党的建设"])
    assert.ok(page.body.includes(topic), topic);
  assert.match(page.body, /News report: 省检察院机关举办党支部书记培训班 \(Published\) · <a href="\/articles\/\d+\/">published report/);
  const summary = await c.get(`/admin/training/${id}/summary`);
  assert.match(summary.body, /id="s-enrolled">29</);
  assert.match(summary.body, /id="s-attended">29</);
  // Completed in 2022, it is no longer among the dashboard's current classes
  // (the training page above keeps it); a class completed today still is.
  const board = (await c.get("/admin/")).body;
  assert.doesNotMatch(board, new RegExp(`href="/admin/training/${id}"`));
  assert.match(board, /<td><a href="\/admin\/training\/\d+">News class<\/a><\/td><td>[^<]*<\/td><td>Completed<\/td>/);
});

test("every records page is valid HTML5 (Nu checker)", async () => {
  const { writeFileSync } = await import("node:fs");
  const { validate } = await import("../lib/vnu.mjs");
  const c = await officer();
  const { id, now } = await makeClass(c, "Valid class");
  const out = tempDir("procura-training-html-");
  const files = [];
  const sec = new Client(srv);
  await sec.signIn("sec1");
  const year = siteTime().slice(0, 4);
  const token = new URL((await liveToken(c, now)).url).searchParams.get("t");
  for (const [name, client, path] of [["class-new", c, "/admin/training/new"], ["class", c, `/admin/training/${id}`],
    ["class-edit", c, `/admin/training/${id}/edit`], ["sheet", c, `/admin/training/sessions/${now}`],
    ["session-edit", c, `/admin/training/sessions/${now}/edit`], ["projector", c, `/admin/training/sessions/${now}/checkin`],
    ["summary", c, `/admin/training/${id}/summary`], ["hours", c, `/admin/training/hours?year=${year}`],
    ["hours-secretary", sec, `/admin/training/hours?year=${year}`], ["sheet-secretary", sec, `/admin/training/sessions/${now}`],
    ["checkin", sec, `/admin/checkin/${now}?t=${token}`], ["member-new", c, "/admin/org/members/new"],
    ["member-edit", c, "/admin/org/members/1/edit"], ["import", c, "/admin/org/import"], ["seed-class", c, "/admin/training/1"]]) {
    const res = await client.get(path);
    assert.equal(res.status, 200, `${name}: ${res.status}`);
    const file = join(out, `${name}.html`);
    writeFileSync(file, res.body);
    files.push(file);
  }
  assert.deepEqual(await validate(files), []);
});

test("a branch secretary sees only sessions their branch is enrolled in; exports of personal data are audited", async () => {
  const c = await officer();
  await c.get("/admin/training/new");
  const res = await c.post("/admin/training", {
    title: "A class for nobody from the Cadre Office", purpose: "x", organizer: "Organ Party Committee",
    start_date: siteTime().slice(0, 10), end_date: siteTime(24 * 60).slice(0, 10),
    venue: "Hall", required_hours: "2", full_time: "1", late_credit: "0.5",
  });
  assert.equal(res.status, 303, res.body);
  const id = res.headers.location.split("?")[0].split("/").pop();
  assert.equal((await c.post(`/admin/training/${id}/sessions`, { starts_at: siteTime(5), hours: "2", type: "lecture", topic: "Closed session", lecturer: "L" })).status, 303);
  const sid = [...(await c.get(`/admin/training/${id}`)).body.matchAll(/\/admin\/training\/sessions\/(\d+)"/g)][0][1];
  const sec = new Client(srv);
  await sec.signIn("sec1");
  assert.equal((await sec.get(`/admin/training/sessions/${sid}`)).status, 403);
  assert.equal((await sec.get(`/admin/training/sessions/${sid}/sheet.xlsx`)).status, 403);
  // The officer's download of an attendance sheet is in the audit log.
  assert.equal((await c.get(`/admin/training/sessions/${sid}/sheet.xlsx`)).status, 200);
  const admin = new Client(srv);
  await admin.signIn("auditor");
  assert.match((await admin.audit("action=export.")).body, /export\.attendance/);
});

// Last: it marks 29 members present, which the hours tests above would count.
test("the whole sheet is saved at once: the rest present or absent, errors beside their rows, nothing saved on error", async () => {
  const c = await officer();
  const { now } = await makeClass(c, "Sheet class");
  const sheet = await c.get(`/admin/training/sessions/${now}`);
  assert.match(sheet.body, /<select id="mark-1" name="mark-1"><option value="" selected>Not marked<\/option>/,
    "an unmarked person's menu says so");
  const ids = [...sheet.body.matchAll(/name="mark-(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 29);
  const blank = Object.fromEntries(ids.flatMap((id) => [[`mark-${id}`, ""], [`reason-${id}`, ""]]));

  // An excused row without a reason and a late one: nothing is saved, the
  // error sits beside its row, and what was typed is kept.
  const bad = await c.post(`/admin/training/sessions/${now}/marks`,
    { ...blank, "mark-1": "late", "mark-9": "excused", fill: "present" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Nothing was saved/);
  assert.match(bad.body, /<a href="#reason-9">Excused leave needs a reason/);
  assert.match(bad.body, /<input id="reason-9" name="reason-9" value=""[^>]*aria-invalid="true" aria-describedby="reason-9-error">/);
  assert.match(bad.body, /<select id="mark-1" name="mark-1">(?:(?!<\/select>).)*<option value="late" selected>/);
  assert.match(bad.body, /not marked 29/);

  // Fixed: one save marks 1 late, 7 excused and the 27 others present.
  const ok = await c.post(`/admin/training/sessions/${now}/marks`,
    { ...blank, "mark-1": "late", "mark-9": "excused", "reason-9": "Court hearing", fill: "present" });
  assert.equal(ok.status, 303, ok.body);
  assert.match(ok.headers.location, /done=marked/);
  const after = await c.get(`/admin/training/sessions/${now}`);
  assert.match(after.body, /present 27, late 1, excused 1, absent 0, not marked 0/);

  // "The rest absent" never overwrites someone already marked.
  const again = await c.post(`/admin/training/sessions/${now}/marks`, { ...blank, fill: "absent" });
  assert.equal(again.status, 303);
  assert.match((await c.get(`/admin/training/sessions/${now}`)).body, /present 27, late 1, excused 1, absent 0/);
  // A person not in the class is refused by name of field; a bad fill is refused.
  const stranger = await c.post(`/admin/training/sessions/${now}/marks`, { "mark-2": "present" });
  assert.equal(stranger.status, 422);
  assert.match(stranger.body, /not enrolled in this class/);
  assert.equal((await c.post(`/admin/training/sessions/${now}/marks`, { fill: "late" })).status, 422);

  const sec = new Client(srv);
  await sec.signIn("sec1");
  assert.equal((await sec.post(`/admin/training/sessions/${now}/marks`, { "mark-1": "absent" })).status, 403);
});

test("a refused session comes back as its form with what was typed and the error beside the field; an edit keeps the speaker", async () => {
  const c = await officer();
  const { id } = await makeClass(c, "Session form class");
  const bad = await c.post(`/admin/training/${id}/sessions`, { starts_at: siteTime(60).replace(" ", "T"), hours: "1,5", type: "exchange", topic: "支部经验交流", lecturer: "周勇", venue: "三楼会议室" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /<span class="field-error" id="s-hours-error">Hours: enter a number such as 2 or 1\.5\.<\/span> <input id="s-hours" name="hours"[^>]*aria-invalid="true"/);
  assert.match(bad.body, new RegExp(`<form method="post" action="/admin/training/${id}/sessions"`), "sent again, it adds the session");
  assert.match(bad.body, /<input id="s-topic" name="topic" value="支部经验交流"/, "the topic typed is kept");
  assert.match(bad.body, /<input id="s-venue" name="venue" value="三楼会议室"/);
  assert.doesNotMatch(bad.body, /sessions\/\d+\/delete/, "nothing to delete yet");
  assert.match(bad.body, /<input id="s-hours" name="hours" value="1,5"/, "the hours come back as typed, not empty");
  assert.match(bad.body, /<span class="field-error" id="s-branch-error">An experience exchange needs its presenting branch\.<\/span>/,
    "every problem at once: the missing branch is named beside the unread hours");
  // Hours fixed, the exchange still lacks its branch: that error, beside its own field.
  const noBranch = await c.post(`/admin/training/${id}/sessions`, { starts_at: siteTime(60).replace(" ", "T"), hours: "1.5", type: "exchange", topic: "支部经验交流" });
  assert.equal(noBranch.status, 422);
  assert.match(noBranch.body, /<span class="field-error" id="s-branch-error">An experience exchange needs its presenting branch\.<\/span>/);
  assert.match(noBranch.body, /<li><a href="#s-branch">/);

  // A session with a speaker on record (as the demo and imports set it): an edit of its topic keeps them.
  const sid = queryDb(dir, `SELECT id FROM training_sessions WHERE class_id = ${id} AND type = 'exchange'`).trim();
  queryDb(dir, `UPDATE training_sessions SET speaker_member_id = 1 WHERE id = ${sid}`);
  const form = (await c.get(`/admin/training/sessions/${sid}/edit`)).body;
  const unescapeHtml = (s) => s.replace(/&quot;/g, "\"").replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const value = (name) => unescapeHtml(form.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? "");
  const branch = form.match(/<select id="s-branch" name="presenting_branch"[^>]*>[^]*?<option value="(\d+)" selected>/)[1];
  const saved = await c.post(`/admin/training/sessions/${sid}/edit`, { starts_at: value("starts_at"), hours: value("hours"), type: "exchange", topic: "改过的主题", lecturer: value("lecturer"), presenting_branch: branch, venue: value("venue") });
  assert.equal(saved.status, 303, saved.body);
  assert.equal(queryDb(dir, `SELECT topic || '|' || speaker_member_id FROM training_sessions WHERE id = ${sid}`).trim(), "改过的主题|1");
  // A refused edit: the edit form again, with its delete button.
  const refused = await c.post(`/admin/training/sessions/${sid}/edit`, { starts_at: value("starts_at"), hours: "30", type: "exchange", topic: "x", presenting_branch: branch });
  assert.equal(refused.status, 422);
  assert.match(refused.body, /<span class="field-error" id="s-hours-error">Hours must be more than 0 and at most 24\.<\/span>/);
  assert.match(refused.body, new RegExp(`action="/admin/training/sessions/${sid}/delete"`));
});
