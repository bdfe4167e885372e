// A member's training archive (个人培训档案) over HTTP: the organ's classes
// and the courses taken elsewhere, year by year; the records officer
// records a course elsewhere (checked field by field) or deletes one, and
// its hours count in the annual ledger, on the member's own page and, for a
// centralized course, as a new secretary's training. A secretary sees their
// branch's archives; nobody else does.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";
import { readXlsx } from "../lib/xlsx.mjs";

Client.defaultLang = "en";

const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const year = today.slice(0, 4);
const count = () => queryDb(dir, "SELECT count(*) FROM outside_training").trim();

let srv, dir, plain, plainBranch, newSecretary, since, sameBranchSecretary;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  plain = "3";
  plainBranch = queryDb(dir, `SELECT branch_id FROM members WHERE id = ${plain}`).trim();
  sameBranchSecretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${plainBranch} AND post = 'secretary'`).trim();
  const otherSecretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id <> ${plainBranch} AND post = 'secretary' ORDER BY member_id LIMIT 1`).trim();
  [newSecretary, since] = queryDb(dir, "SELECT member_id || '|' || since FROM member_posts WHERE post = 'secretary' AND since <> ''").trim().split("|");
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", sameBranchSecretary]);
  addUser(dir, "othersec", ["branch-secretary"], undefined, ["--member", otherSecretary]);
  addUser(dir, "plain", ["member"], undefined, ["--member", plain]);
  const attendee = queryDb(dir, `SELECT member_id FROM attendance WHERE mark = 'present' AND member_id NOT IN (${sameBranchSecretary}, ${otherSecretary}) ORDER BY member_id LIMIT 1`).trim();
  addUser(dir, "attendee", ["member"], undefined, ["--member", attendee]);  // a member's account, with classes on record
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const course = (fields = {}) => ({
  title: "基层党支部书记示范培训班", organizer: "县委党校", kind: "centralized",
  start_date: today, end_date: today, hours: "24", note: "结业证书 2026-017", ...fields,
});

test("the officer records a course elsewhere; it counts in the archive, the ledger and the member's own page", async () => {
  const me = new Client(srv);
  await me.signIn("plain");
  const hoursBefore = Number((await me.get("/admin/branch-life/mine")).body.match(/<dd id="mine-hours"><span class="mine-hours">([\d.]+)<\/span>/)[1]);

  const c = new Client(srv);
  await c.signIn("officer");
  const member = (await c.get(`/admin/org/members/${plain}`)).body;
  assert.match(member, new RegExp(`<a href="/admin/org/members/${plain}/training" id="member-training">Training record</a>`));
  let page = (await c.get(`/admin/org/members/${plain}/training`)).body;
  assert.match(page, /<h1[^>]*>Training record: [^<]+<\/h1>/);
  assert.match(page, new RegExp(`<h2 id="year-${year}">${year}</h2>`));
  assert.match(page, /<details class="add-form no-print" id="record-outside">/);

  const r = await c.post(`/admin/org/members/${plain}/training`, course());
  assert.equal(r.status, 303, r.body);
  assert.equal(r.headers.location.split("?")[0], `/admin/org/members/${plain}/training`);
  page = (await c.get(`/admin/org/members/${plain}/training`)).body;
  const id = queryDb(dir, "SELECT id FROM outside_training").trim();
  assert.match(page, new RegExp(`<tr id="outside-${id}">\\s*<td data-label="Course">基层党支部书记示范培训班</td>\\s*<td data-label="Held by">县委党校</td>\\s*<td data-label="Dates" class="date">${today}</td>\\s*<td data-label="Kind">Centralized</td>\\s*<td data-label="Hours">24</td>\\s*<td data-label="Remark">结业证书 2026-017 <a href="/admin/training/outside/${id}/edit"`));
  assert.match(page, new RegExp(`<p id="year-${year}-summary">\\d[\\d.]* hours of \\d+ required; \\d[\\d.]* hours in centralized training\\.`));
  assert.match(queryDb(dir, "SELECT action || ' ' || detail FROM audit_log WHERE action LIKE 'training.outside%'"),
    new RegExp(`^training\\.outside\\.add 基层党支部书记示范培训班 \\(县委党校, ${today} to ${today}, 24 h, centralized\\)$`, "m"));

  // The annual ledger names it, the member's own page adds its hours.
  const hours = (await c.get(`/admin/training/hours?year=${year}&branch=${plainBranch}`)).body;
  assert.match(hours, /基层党支部书记示范培训班 \(县委党校\) 24 h \(elsewhere\)/);
  assert.match(hours, new RegExp(`<th scope="row"><a href="/admin/org/members/${plain}/training">`), "a name opens the archive");
  // A unit that is no branch (the institution) is not found, for the officer.
  const institution = queryDb(dir, "SELECT id FROM org_units WHERE kind <> 'branch' ORDER BY id LIMIT 1").trim();
  const notBranch = await c.get(`/admin/training/hours?year=${year}&branch=${institution}`);
  assert.equal(notBranch.status, 404);
  assert.match(notBranch.body, /There is no such branch\./);
  const mine = (await me.get("/admin/branch-life/mine")).body;
  assert.equal(Number(mine.match(/<dd id="mine-hours"><span class="mine-hours">([\d.]+)<\/span>/)[1]), hoursBefore + 24);
  // The member reads their own archive from there, without the form.
  assert.match(mine, /<a href="\/admin\/training\/mine" id="mine-training">My training record<\/a>/);
  const own = await me.get("/admin/training/mine");
  assert.equal(own.status, 200);
  assert.match(own.body, /<h1[^>]*>My training record<\/h1>/);
  assert.match(own.body, new RegExp(`<td data-label="Course">基层党支部书记示范培训班</td>`));
  assert.doesNotMatch(own.body, /record-outside|\/delete"/);
  // The organ's classes are listed, linked to the class, which an attendee may open.
  const attendee = new Client(srv);
  await attendee.signIn("attendee");
  const classes = (await attendee.get("/admin/training/mine")).body;
  const link = classes.match(/<td data-label="Course"><a href="(\/admin\/training\/\d+)">[^<]+<\/a><\/td>\s*<td data-label="Held by">[^<]+<\/td>/);
  assert.ok(link, "a class attended is listed with a link");
  assert.equal((await attendee.get(link[1])).status, 200);
  // An account with no member record has no archive.
  const ed = new Client(srv);
  await ed.signIn("officer");
  const none = await ed.get("/admin/training/mine");
  assert.equal(none.status, 404);
  assert.match(none.body, /Your account is not linked to a party member record\./);
});

test("every wrong field is named at once, what was typed comes back, and nothing is stored", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const before = count();
  const tomorrow = new Date(Date.now() + 32 * 3600000).toISOString().slice(0, 10);
  let r = await c.post(`/admin/org/members/${plain}/training`,
    course({ title: "", organizer: "x".repeat(101), kind: "holiday", start_date: "2026-02-30", end_date: tomorrow, hours: "0", note: "n".repeat(501) }));
  assert.equal(r.status, 422);
  assert.deepEqual([...r.body.matchAll(/<li><a href="#(o-[a-z-]+)">([^<]+)<\/a><\/li>/g)].map((m) => `${m[1]} ${m[2]}`), [
    "o-title Course: please fill this in.", "o-organizer Held by: too long, at most 100 characters.",
    "o-kind-c Choose centralized or online.", "o-start Write the date as YYYY-MM-DD, e.g. 2026-03-15.",
    "o-end Record a course once it has ended: the last day is after today.",
    "o-hours Hours must be more than 0 and at most 1000.", "o-note Note: too long, at most 500 characters."]);
  assert.match(r.body, /<input id="o-hours" name="hours" value="0"/);
  assert.match(r.body, /<details class="add-form no-print" id="record-outside" open>/);
  assert.match(r.body, /id="o-start" name="start_date" type="date" value=""/, "text in a date field is not echoed");
  r = await c.post(`/admin/org/members/${plain}/training`, course({ start_date: today, end_date: "2020-01-01" }));
  assert.equal(r.status, 422);
  assert.match(r.body, /The end date is before the start date\./);
  for (const hours of ["abc", "1001", "-2"]) {
    r = await c.post(`/admin/org/members/${plain}/training`, course({ hours }));
    assert.equal(r.status, 422, hours);
    assert.match(r.body, /Hours must be more than 0 and at most 1000\./);
  }
  r = await c.post("/admin/org/members/99999/training", course());
  assert.equal(r.status, 404);
  assert.equal(count(), before);
});

test("a secretary sees their branch's archives, without the form; others see none", async () => {
  const sec = new Client(srv);
  await sec.signIn("sec");
  const page = await sec.get(`/admin/org/members/${plain}/training`);
  assert.equal(page.status, 200);
  assert.match(page.body, /基层党支部书记示范培训班/);
  assert.doesNotMatch(page.body, /record-outside|\/delete"/);
  assert.equal((await sec.post(`/admin/org/members/${plain}/training`, course())).status, 403);
  const otherBranch = queryDb(dir, `SELECT id FROM org_units WHERE kind = 'branch' AND id <> ${plainBranch} ORDER BY id LIMIT 1`).trim();
  const hours = await sec.get(`/admin/training/hours?branch=${otherBranch}`);
  assert.equal(hours.status, 403);
  assert.match(hours.body, /You may not see that branch\./);
  const other = new Client(srv);
  await other.signIn("othersec");
  assert.equal((await other.get(`/admin/org/members/${plain}/training`)).status, 403);
  const me = new Client(srv);
  await me.signIn("plain");
  assert.equal((await me.get(`/admin/org/members/${plain}/training`)).status, 403);
});

test("a centralized course since the post trains a new secretary; an online one does not", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  // The demo's one class was in 2022: this year the secretary has had no
  // centralized training, and the ledger and the archive say so.
  const secBranch = queryDb(dir, `SELECT branch_id FROM members WHERE id = ${newSecretary}`).trim();
  const ledger = async () => (await c.get(`/admin/training/hours?year=${year}&branch=${secBranch}`)).body;
  const flagged = new RegExp(`<th scope="row"><a href="/admin/org/members/${newSecretary}/training">[^<]+</a></th><td class="wide" data-label="Branch">[^<]+</td><td class="wide" data-label="Category">Secretary / committee<strong class="no-centralized"> \\(no centralized training\\)</strong></td>`);
  const lacking = (page) => Number(page.match(/<strong id="no-centralized-count">(\d+)<\/strong> of \d+ have none in \d{4}\./)[1]);
  let page = await ledger();
  assert.match(page, flagged);
  assert.match(page, /Secretaries and committee members also need one centralized training a year/);
  const before = lacking(page);
  assert.ok(before >= 1);
  assert.match((await c.get(`/admin/org/members/${newSecretary}/training`)).body, new RegExp(`id="year-${year}-no-centralized">no centralized training</span>`));
  assert.match((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${newSecretary}"`));
  let r = await c.post(`/admin/org/members/${newSecretary}/training`, course({ kind: "online", title: "网络专题班", hours: "6" }));
  assert.equal(r.status, 303, r.body);
  assert.match((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${newSecretary}"`));
  assert.match(await ledger(), flagged, "an online course is not centralized training");
  r = await c.post(`/admin/org/members/${newSecretary}/training`, course({ start_date: since, title: "任职培训班" }));
  assert.equal(r.status, 303, r.body);
  assert.doesNotMatch((await c.get("/admin/")).body, new RegExp(`id="new-secretary-${newSecretary}"`));
  page = await ledger();
  assert.doesNotMatch(page, flagged);
  assert.equal(lacking(page), before - 1);
  assert.doesNotMatch((await c.get(`/admin/org/members/${newSecretary}/training`)).body, /-no-centralized"/);
  // The download says it per secretary and committee member; members without a post need none.
  const csv = (await c.get(`/admin/training/hours.csv?year=${year}&branch=${secBranch}`)).body;
  assert.match(csv.split("\n")[0], /,Centralized training,/);
  const secName = queryDb(dir, `SELECT name FROM members WHERE id = ${newSecretary}`).trim();
  assert.match(csv, new RegExp(`^"?${secName}"?,.*,Secretary / committee,[\\d.]+,[\\d.]+,(yes|no),yes,`, "m"));
  assert.match(csv, /,Member,[\d.]+,[\d.]+,(yes|no),not required,/);
  // "Only members short of the requirement" keeps a leader short of hours
  // or of centralized training, and no one else.
  const short = (await c.get(`/admin/training/hours?year=${year}&below=1`)).body;
  assert.match(short, /Only members short of the requirement \(hours or centralized training\)/);
  const listed = short.slice(short.indexOf('id="hours-table"'));
  assert.match(listed, /<tr class="below"><th scope="row">/);
  assert.doesNotMatch(listed, /<tr><th scope="row">/, "every listed row is marked short");
  assert.match((await c.get(`/admin/org/members/${newSecretary}`)).body,
    new RegExp(`<dd id="secretary-training">Secretary since ${since}; trained on ${since}\\.</dd>`));
});

test("the officer corrects a course elsewhere: the form comes filled in, changes are checked and audited", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const id = queryDb(dir, `SELECT id FROM outside_training WHERE member_id = ${plain}`).trim();
  const archive = (await c.get(`/admin/org/members/${plain}/training`)).body;
  assert.match(archive, new RegExp(`<a href="/admin/training/outside/${id}/edit" class="no-print">Correct<span class="visually-hidden"> 基层党支部书记示范培训班</span></a>`));
  let page = await c.get(`/admin/training/outside/${id}/edit`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1[^>]*>Correct a course taken elsewhere: [^<]+<\/h1>/);
  // It is a page of the member's record: the menu marks the party organization, not training.
  assert.match(page.body, /<a href="\/admin\/org" aria-current="page">/);
  assert.doesNotMatch(page.body, /<a href="\/admin\/training" aria-current="page">/);
  assert.match(page.body, new RegExp(`<form method="post" action="/admin/training/outside/${id}/edit"`));
  assert.match(page.body, /<input id="o-title" name="title" value="基层党支部书记示范培训班"/);
  assert.match(page.body, /<input id="o-hours" name="hours" value="24"/);
  assert.match(page.body, new RegExp(`<input id="o-end" name="end_date" type="date" value="${today}"`));
  assert.match(page.body, /<input type="radio" id="o-kind-c" name="kind" value="centralized" checked>/);
  assert.match(page.body, new RegExp(`<button type="submit">Save changes</button> <a href="/admin/org/members/${plain}/training">Cancel</a>`));
  const audits = () => queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'training.outside.edit' ORDER BY id").trim();

  // Wrong input: named, typed back, nothing changed.
  let r = await c.post(`/admin/training/outside/${id}/edit`, course({ hours: "abc", title: "" }));
  assert.equal(r.status, 422);
  assert.match(r.body, /<li><a href="#o-title">Course: please fill this in\.<\/a><\/li>/);
  assert.match(r.body, /<li><a href="#o-hours">Hours must be more than 0 and at most 1000\.<\/a><\/li>/);
  assert.match(r.body, /<input id="o-hours" name="hours" value="abc"/);
  const stored = () => queryDb(dir, `SELECT title || '|' || kind || '|' || note || '|' || hours FROM outside_training WHERE id = ${id}`).trim().split("|");
  assert.deepEqual(stored().slice(0, 3), ["基层党支部书记示范培训班", "centralized", "结业证书 2026-017"]);
  assert.equal(Number(stored()[3]), 24);
  assert.equal(audits(), "");

  r = await c.post(`/admin/training/outside/${id}/edit`, course({ kind: "online", hours: "20", note: "" }));
  assert.equal(r.status, 303, r.body);
  assert.equal(r.headers.location.split("?")[0], `/admin/org/members/${plain}/training`);
  assert.deepEqual(stored().slice(1, 3), ["online", ""]);
  assert.equal(Number(stored()[3]), 20);
  assert.equal(audits(), "基层党支部书记示范培训班: kind: centralized -> online; hours: 24 -> 20; note: 结业证书 2026-017 -> (none)");
  // The same values again change nothing and write nothing.
  r = await c.post(`/admin/training/outside/${id}/edit`, course({ kind: "online", hours: "20", note: "" }));
  assert.equal(r.status, 303);
  assert.equal(audits().split("\n").length, 1);
  const after = (await c.get(`/admin/org/members/${plain}/training`)).body;
  assert.match(after, new RegExp(`<tr id="outside-${id}">[\\s\\S]*?<td data-label="Kind">Online</td>\\s*<td data-label="Hours">20</td>`));

  assert.equal((await c.get("/admin/training/outside/99999/edit")).status, 404);
  assert.equal((await c.post("/admin/training/outside/99999/edit", course())).status, 404);
  const sec = new Client(srv);
  await sec.signIn("sec");
  assert.equal((await sec.get(`/admin/training/outside/${id}/edit`)).status, 403);
  assert.equal((await sec.post(`/admin/training/outside/${id}/edit`, course({ hours: "1" }))).status, 403);
  assert.equal(Number(stored()[3]), 20);
});

test("the archive downloads as XLSX for those who may see it, audited", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  assert.match((await c.get(`/admin/org/members/${plain}/training`)).body,
    new RegExp(`<a href="/admin/org/members/${plain}/training.xlsx" id="archive-xlsx">XLSX</a>`));
  const r = await c.get(`/admin/org/members/${plain}/training.xlsx`);
  assert.equal(r.status, 200);
  assert.match(r.headers["content-disposition"], new RegExp(`training-record-${plain}\\.xlsx`));
  const book = readXlsx(r.raw);
  const name = queryDb(dir, `SELECT name FROM members WHERE id = ${plain}`).trim();
  assert.match(book.Years[0][0], new RegExp(`^Training record: ${name} · .+ · ${today}$`));
  assert.deepEqual(book.Years[1], ["Year", "Hours", "Required", "Centralized training, hours"]);
  const thisYear = book.Years.find((row) => row[0] === Number(year));
  assert.ok(thisYear && thisYear[1] >= 20 && thisYear[2] === 32, JSON.stringify(book.Years));
  assert.deepEqual(book.Courses[1], ["Year", "Course", "Held by", "Dates", "Kind", "Hours", "Remark"]);
  assert.ok(book.Courses.some((row) => row[0] === Number(year) && row[1] === "基层党支部书记示范培训班" &&
    row[2] === "县委党校" && row[3] === today && row[4] === "Online" && row[5] === 20), JSON.stringify(book.Courses));
  assert.match(queryDb(dir, "SELECT action || ' ' || detail FROM audit_log WHERE action = 'export.training-record'"),
    new RegExp(`export\\.training-record member ${plain}`));
  // The secretary of the member's branch may; another branch's may not, nor the member.
  const sec = new Client(srv);
  await sec.signIn("sec");
  assert.equal((await sec.get(`/admin/org/members/${plain}/training.xlsx`)).status, 200);
  const other = new Client(srv);
  await other.signIn("othersec");
  assert.equal((await other.get(`/admin/org/members/${plain}/training.xlsx`)).status, 403);
  const me = new Client(srv);
  await me.signIn("plain");
  assert.equal((await me.get(`/admin/org/members/${plain}/training.xlsx`)).status, 403);
  assert.equal((await c.get("/admin/org/members/99999/training.xlsx")).status, 404);
  // The member downloads their own, linked from their own page, the same book, audited.
  assert.match((await me.get("/admin/training/mine")).body,
    /<a href="\/admin\/training\/mine\.xlsx" id="archive-xlsx">XLSX<\/a>/);
  const audits = () => Number(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'export.training-record' AND detail = 'member ${plain}'`));
  const before = audits();
  const own = await me.get("/admin/training/mine.xlsx");
  assert.equal(own.status, 200);
  assert.match(own.headers["content-disposition"], new RegExp(`training-record-${plain}\\.xlsx`));
  assert.deepEqual(readXlsx(own.raw).Courses, book.Courses);
  assert.equal(audits(), before + 1);
  // An account with no member record has none to download.
  const none = await c.get("/admin/training/mine.xlsx");
  assert.equal(none.status, 404);
  assert.match(none.body, /Your account is not linked to a party member record\./);
});

test("a record entered by mistake is deleted once confirmed, and audited", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const id = queryDb(dir, `SELECT id FROM outside_training WHERE member_id = ${plain}`).trim();
  let r = await c.post(`/admin/training/outside/${id}/delete`, {});
  assert.equal(r.status, 200);
  assert.match(r.body, /Delete the record of 基层党支部书记示范培训班\? Its hours no longer count\./);
  assert.equal(queryDb(dir, `SELECT count(*) FROM outside_training WHERE id = ${id}`).trim(), "1");
  r = await c.post(`/admin/training/outside/${id}/delete`, { confirm: "1" });
  assert.equal(r.status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM outside_training WHERE id = ${id}`).trim(), "0");
  assert.match(queryDb(dir, "SELECT action FROM audit_log WHERE action = 'training.outside.delete'"), /training\.outside\.delete/);
  assert.equal((await c.post(`/admin/training/outside/${id}/delete`, { confirm: "1" })).status, 404);
});

test("the Chinese archive", async () => {
  const c = new Client(srv, { lang: "zh-CN" });
  await c.signIn("officer");
  const page = (await c.get(`/admin/org/members/${newSecretary}/training`)).body;
  assert.match(page, /<h1[^>]*>培训档案：[^<]+<\/h1>/);
  assert.match(page, /<td data-label="类别">网络培训<\/td>/);
  assert.match(page, /<summary>登记外部培训<\/summary>/);
  const recorded = queryDb(dir, `SELECT id FROM outside_training WHERE member_id = ${newSecretary} ORDER BY id LIMIT 1`).trim();
  assert.ok(recorded, "the secretary has courses on record");
  assert.match((await c.get(`/admin/training/outside/${recorded}/edit`)).body, /<dt>登记时间<\/dt>/);
});

test("one's dashboard gives this year's training against the requirement, and marks a leader without centralized training", async () => {
  const dash = async (who) => {
    const c = new Client(srv);
    await c.signIn(who);
    return (await c.get("/admin/")).body;
  };
  // The secretary missed the demo's classes of this year (each would count
  // as centralized training).
  queryDb(dir, `DELETE FROM attendance WHERE member_id = ${sameBranchSecretary} AND session_id IN (SELECT s.id FROM training_sessions s JOIN training_classes c ON c.id = s.class_id WHERE c.start_date >= '${year}-01-01')`);
  const training = (body) => body.match(/<dd id="my-training">([\d.]+) of ([\d.]+) hours(<br><span class="badge soon">no centralized training yet<\/span>)?<\/dd>/);
  let sec = training(await dash("sec"));
  assert.ok(sec, "the secretary's dashboard has the line");
  const [hoursBefore, required] = [Number(sec[1]), Number(sec[2])];
  assert.equal(required, 56, "a secretary's requirement");
  assert.ok(sec[3], "no centralized training yet this year");
  const officer = new Client(srv);
  await officer.signIn("officer");
  assert.equal((await officer.post(`/admin/org/members/${sameBranchSecretary}/training`, course())).status, 303);
  sec = training(await dash("sec"));
  assert.equal(Number(sec[1]), hoursBefore + 24);
  assert.equal(sec[3], undefined, "a centralized course counts");
  // A member: the line and the link to their record, never the leaders' mark.
  const member = await dash("plain");
  const line = training(member);
  assert.ok(line && Number(line[2]) === 32 && !line[3], member.match(/<section aria-labelledby="h-me"[^]*?<\/section>/)?.[0]);
  assert.match(member, /<a href="\/admin\/training\/mine" id="my-training-link">My training record<\/a>/);
  // An account with no member record has none.
  assert.doesNotMatch((await officer.get("/admin/")).body, /id="my-training"/);
});

// From 1 October the staff's dashboard counts who falls short of the year's
// training, as the hours report's filter lists them; before, it says nothing.
test("in the year's last quarter the staff's dashboard counts the members short of the year's training", async () => {
  const officer = new Client(srv);
  await officer.signIn("officer");
  const note = (await officer.get("/admin/")).body.match(/<p id="training-short-note"><span class="badge soon">Training hours<\/span> <a href="([^"]+)">(\d+) members? (?:is|are) short of (\d+)&apos;s training/);
  if (today.slice(5) < "10-01") {
    assert.equal(note, null, "not before October");
    return;
  }
  assert.ok(note, "the note is on the dashboard");
  assert.equal(note[1], `/admin/training/hours?year=${year}&amp;below=1`);
  assert.equal(note[3], year);
  const listed = (await officer.get(`/admin/training/hours?year=${year}&below=1`)).body.match(/<tr class="below">/g).length;
  assert.equal(Number(note[2]), listed, "as many as the report's filter lists");
  // A secretary's counts their own branch only.
  const sec = new Client(srv);
  await sec.signIn("sec");
  const own = (await sec.get("/admin/")).body.match(/id="training-short-note"[^]*?(\d+) members? (?:is|are) short/);
  const theirs = (await sec.get(`/admin/training/hours?year=${year}&below=1`)).body.match(/<tr class="below">/g).length;
  assert.ok(own && Number(own[1]) === theirs && theirs < listed, `${own?.[1]} of ${theirs} < ${listed}`);
});

// Posts are on record only as held now, with the day each was taken: a
// year before that day the holder was a plain member, with a member's
// requirement and no centralized training asked of them.
test("a past year counts as a leader's only from the day the post was taken", async () => {
  const officer = new Client(srv);
  await officer.signIn("officer");
  const last = String(Number(year) - 1);
  assert.equal((await officer.post(`/admin/org/members/${sameBranchSecretary}/training`,
    course({ kind: "online", start_date: `${last}-06-01`, end_date: `${last}-06-01`, hours: "5" }))).status, 303);
  const setSince = (since) => queryDb(dir, `UPDATE member_posts SET since = '${since}' WHERE member_id = ${sameBranchSecretary}`);
  const archive = async () => (await officer.get(`/admin/org/members/${sameBranchSecretary}/training`)).body;
  const category = async () => {
    const row = (await officer.get(`/admin/training/hours?year=${last}`)).body
      .match(new RegExp(`<a href="/admin/org/members/${sameBranchSecretary}/training">[^]*?<td class="wide" data-label="Category">([^<]+)`));
    return row[1];
  };
  setSince(`${year}-03-01`);
  let page = await archive();
  assert.match(page, new RegExp(`<p id="year-${last}-summary">5 hours of 32 required;`));
  assert.doesNotMatch(page, new RegExp(`id="year-${last}-no-centralized"`));
  assert.match(page, /<dd id="archive-category">Secretary \/ committee<\/dd>/, "a leader now");
  assert.equal(await category(), "Member");
  // Taken before that year, or on a day not known: a leader then too.
  for (const since of [`${last}-12-31`, ""]) {
    setSince(since);
    page = await archive();
    assert.match(page, new RegExp(`<p id="year-${last}-summary">5 hours of 56 required;`), since);
    assert.match(page, new RegExp(`id="year-${last}-no-centralized"`), since);
    assert.equal(await category(), "Secretary / committee", since);
  }
});
