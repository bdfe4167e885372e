// Heart-to-heart talks (谈心谈话) over HTTP against the real server and the
// demo's branches: a secretary records talks in their own branch (every
// problem named at once, nothing stored), sees who has not yet talked with
// them, corrects one, deletes one after confirming; the officer sees any branch; another
// branch's secretary and a plain member are kept out; every change audited.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb, runCli } from "../lib/server.mjs";
import { addUser, Client, apiToken, api, signedIn } from "../lib/newsroom.mjs";
import { readXlsx } from "../lib/xlsx.mjs";

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
  // The demo's talks in this branch are cleared: the test starts from none;
  // and this year's organisational life meeting is still ahead.
  queryDb(dir, `DELETE FROM heart_talks WHERE branch_id = ${branch}`);
  queryDb(dir, `UPDATE meetings SET kind = 'members' WHERE branch_id = ${branch} AND kind = 'life-meeting' AND held_on >= '${today().slice(0, 4)}'`);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", members[0]]);
  addUser(dir, "sec2", ["branch-secretary"], undefined, ["--member", other]);
  addUser(dir, "mem", ["member"], undefined, ["--member", members[1]]);
  addUser(dir, "officer", ["records-officer"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const as = (name) => signedIn(srv, name);
const today = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const count = () => Number(queryDb(dir, `SELECT count(*) FROM heart_talks WHERE branch_id = ${branch}`).trim());

test("a secretary records talks in their branch and sees who is still to talk with", async () => {
  const s = await as("sec");
  let page = await s.get(`/admin/branch-life/branches/${branch}`);
  assert.match(page.body, new RegExp(`href="/admin/branch-life/branches/${branch}/talks\\?year=\\d{4}" id="talks-link"`));
  // The life meeting is ahead: the branch page says whom the secretary has still to talk with.
  const due = () => page.body.match(/id="talks-due"><p>Before the organisational life meeting the secretary \(([^)]+)\) talks with every member; (\d+) still to go: ([^<]+)\./)?.slice(1);
  assert.deepEqual(due()?.slice(0, 2), [names[0], String(names.length - 1)]);
  const lastYear = await s.get(`/admin/branch-life/branches/${branch}?year=${Number(today().slice(0, 4)) - 1}`);
  assert.doesNotMatch(lastYear.body, /id="talks-due"/, "last year's life meeting is past");
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
  page = await s.get(`/admin/branch-life/branches/${branch}`);
  assert.equal(due()?.[1], String(names.length - 3), "two fewer to go");
  assert.equal(queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = 'talk.record' AND object_id = ${branch}`).trim(), "2");
});

test("the printable record and its XLSX carry the year's talks, oldest first", async () => {
  const s = await as("sec");
  const year = today().slice(0, 4);
  // One more, held earlier this year (recorded last): the record keeps the order held.
  const early = `${year}-01-01`;
  let r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: early, talker_id: members[0], member_id: members[3], summary: "年初谈心：学习计划" });
  assert.equal(r.status, 303, r.body);
  const page = await s.get(`/admin/branch-life/branches/${branch}/record?year=${year}`);
  assert.equal(page.status, 200);
  const section = page.body.match(/<section class="record-talks" id="record-talks">([\s\S]*?)<\/section>/)?.[1];
  assert.ok(section, "a talks section");
  const rows = [...section.matchAll(/<tr><td data-label="Date">([^<]+)<\/td><td data-label="Led the talk">([^<]+)<\/td><td data-label="Talked with">([^<]+)<\/td>/g)]
    .map((m) => m.slice(1));
  const [a, b, e] = [[today(), names[0], names[1]], [today(), names[2], names[0]], [early, names[0], names[3]]];
  assert.deepEqual(rows, early < today() ? [e, a, b] : [a, b, e], "by the day held, then as recorded");
  assert.match(section, /Not yet talked with the secretary \([^)]+\) in \d{4}: [^<]+\./);
  const xlsx = await s.get(`/admin/branch-life/branches/${branch}/record.xlsx?year=${year}`);
  assert.equal(xlsx.status, 200);
  const sheet = readXlsx(xlsx.raw)["Heart-to-heart talks"];
  assert.deepEqual(sheet[0], ["Date", "Led the talk", "Talked with", "Main points"]);
  assert.deepEqual(sheet.slice(1).map((row) => row.slice(1, 3)), rows.map((row) => row.slice(1)));
  assert.equal(sheet.find((row) => row[2] === names[3])[3], "年初谈心：学习计划");
  // The Party Committee's overview counts, per branch, whom the secretary has talked with.
  const o = await as("officer");
  const overview = await o.get(`/admin/branch-life?year=${year}`);
  const cell = overview.body.match(new RegExp(`<tr id="branch-${branch}">[\\s\\S]*?<td class="n-talks" data-label="Heart-to-heart talks">([^<]+)</td>`))?.[1];
  assert.equal(cell, `3/${names.length - 1}`);
  const book = readXlsx((await o.get(`/admin/branch-life/overview.xlsx?year=${year}`)).raw);
  const grid = Object.values(book)[0];
  const header = grid.find((row) => row[0] === "Party branch");
  const branchName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${branch}`).trim();
  const ours = grid.find((row) => row[0] === branchName);
  assert.deepEqual([ours[header.indexOf("Talked with the secretary")], ours[header.indexOf("Members besides the secretary")]],
    [3, names.length - 1], "two numbers a spreadsheet can add up");
  assert.equal(typeof grid.find((row) => row[0] === branchName)[header.indexOf("Attendance rate")], "number", "the rate stays a number");
  // Last year has none.
  const last = await s.get(`/admin/branch-life/branches/${branch}/record?year=${Number(year) - 1}`);
  assert.match(last.body, /id="record-talks">[\s\S]*No talks are recorded for this year yet\./);
  r = await s.post(`/admin/branch-life/talks/${queryDb(dir, `SELECT id FROM heart_talks WHERE held_on = '${early}' AND branch_id = ${branch}`).trim()}/delete`, { confirm: "1" });
  assert.equal(r.status, 303);
});

test("the API lists a branch's talks and who is still to talk with, to the same people", async () => {
  const year = today().slice(0, 4);
  const r = await api(srv, "GET", `/api/v1/branches/${branch}/talks?year=${year}`, { token: apiToken(dir, "sec") });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const j = r.json;
  assert.equal(j.year, Number(year));
  assert.deepEqual(j.secretary, { member_id: Number(members[0]), name: names[0] });
  assert.deepEqual(j.talks.map((t) => [t.talker, t.member]), [[names[2], names[0]], [names[0], names[1]]], "newest first");
  assert.equal(j.talks[1].summary, "谈思想和工作情况。\n相互提出批评意见。");
  assert.deepEqual(j.not_yet.map((m) => m.name).sort(), names.slice(3).sort());
  assert.equal((await api(srv, "GET", `/api/v1/branches/${branch}/talks?year=${Number(year) - 1}`, { token: apiToken(dir, "officer") })).status, 200);
  const bad = await api(srv, "GET", `/api/v1/branches/${branch}/talks?year=abc`, { token: apiToken(dir, "sec") });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.json), /year must be from 2000 to 2100/);
  assert.equal((await api(srv, "GET", `/api/v1/branches/${branch}/talks`, { token: apiToken(dir, "sec2") })).status, 403);
  assert.equal((await api(srv, "GET", `/api/v1/branches/${branch}/talks`, { token: apiToken(dir, "mem") })).status, 403);
});

test("a talk recorded wrongly is corrected; its members stay choices after they leave; others are kept out", async () => {
  const s = await as("sec");
  const id = queryDb(dir, `SELECT id FROM heart_talks WHERE branch_id = ${branch} ORDER BY id LIMIT 1`).trim();
  const stored = () => queryDb(dir, `SELECT held_on, talker_id, member_id, summary, recorded_at FROM heart_talks WHERE id = ${id}`).trim();
  const before = stored();
  let page = await s.get(`/admin/branch-life/branches/${branch}/talks`);
  assert.match(page.body, new RegExp(`<a href="/admin/branch-life/talks/${id}/edit">Edit<span class="visually-hidden"> ${today()} ${names[1]}</span></a>`));
  page = await s.get(`/admin/branch-life/talks/${id}/edit`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1[^>]*>Correct the talk of \d{4}-\d\d-\d\d<\/h1>/);
  assert.match(page.body, new RegExp(`<select id="t-member" name="member_id">[\\s\\S]*?<option value="${members[1]}" selected>`), "the stored member chosen");
  assert.match(page.body, /<textarea id="t-summary"[^>]*>谈思想和工作情况。\n相互提出批评意见。<\/textarea>/);
  assert.match(page.body, new RegExp(`href="/admin/branch-life/branches/${branch}/talks\\?year=\\d{4}">Back to the talks`));
  // Everything wrong at once, nothing changed.
  let r = await s.post(`/admin/branch-life/talks/${id}/edit`, { held_on: "2999-01-01", talker_id: members[0], member_id: members[0], summary: "" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="t-member-error">A talk is between two different members\./);
  assert.match(r.body, /id="t-summary-error">Main points: please fill this in\./);
  assert.match(r.body, /id="t-held_on-error">/);
  assert.equal(stored(), before, "a refused correction changes nothing");
  // The right member and better points.
  r = await s.post(`/admin/branch-life/talks/${id}/edit`, { held_on: today(), talker_id: members[0], member_id: members[3], summary: "更正：谈学习计划。" });
  assert.equal(r.status, 303, r.body);
  assert.match(r.headers.location, new RegExp(`^/admin/branch-life/branches/${branch}/talks\\?year=\\d{4}&done=saved`));
  const [day, talker, member, summary, recordedAt] = stored().split("|");
  assert.deepEqual([day, talker, member, summary], [today(), members[0], members[3], "更正：谈学习计划。"]);
  assert.equal(recordedAt, before.split("|")[4], "when it was recorded stays");
  page = await s.get(r.headers.location);
  const notYet = page.body.match(/Not yet talked with the secretary \([^)]+\) in \d{4}: ([^<]+)\./)[1].split("、");
  assert.ok(notYet.includes(names[1]) && !notYet.includes(names[3]), "the coverage follows the correction");
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'talk.edit' AND object_id = ${branch}`).trim(), today());
  // The member leaves the branch: the talk can still be corrected with them in it.
  const status = queryDb(dir, `SELECT status FROM members WHERE id = ${members[3]}`).trim();
  queryDb(dir, `UPDATE members SET status = 'transferred-out' WHERE id = ${members[3]}`);
  try {
    page = await s.get(`/admin/branch-life/talks/${id}/edit`);
    assert.match(page.body, new RegExp(`<option value="${members[3]}" selected>${names[3]}</option>`));
    r = await s.post(`/admin/branch-life/talks/${id}/edit`, { held_on: today(), talker_id: members[0], member_id: members[3], summary: "更正：谈学习计划和整改。" });
    assert.equal(r.status, 303, r.body);
  } finally {
    queryDb(dir, `UPDATE members SET status = '${status}' WHERE id = ${members[3]}`);
  }
  // Another branch's secretary finds no such talk; a plain member is refused.
  const other = await as("sec2");
  await other.get("/admin/branch-life/mine");
  assert.equal((await other.get(`/admin/branch-life/talks/${id}/edit`)).status, 404);
  assert.equal((await other.post(`/admin/branch-life/talks/${id}/edit`, { held_on: today(), talker_id: members[0], member_id: members[1], summary: "x" })).status, 404);
  const m = await as("mem");
  await m.get("/admin/branch-life/mine");
  assert.equal((await m.get(`/admin/branch-life/talks/${id}/edit`)).status, 404, "hidden from a plain member");
  assert.equal((await s.get("/admin/branch-life/talks/999999/edit")).status, 404);
  assert.equal(stored().split("|")[3], "更正：谈学习计划和整改。");
  // Back as it was, for the tests below.
  r = await s.post(`/admin/branch-life/talks/${id}/edit`, { held_on: today(), talker_id: members[0], member_id: members[1], summary: "谈思想和工作情况。\n相互提出批评意见。" });
  assert.equal(r.status, 303);
});

test("committee members who have not yet talked with each other are named on the page, in the record and by the API", async () => {
  const s = await as("sec");
  const year = today().slice(0, 4);
  // The committee besides the secretary: at least two, whatever the demo gave.
  const committee = () => queryDb(dir, `SELECT DISTINCT p.member_id FROM member_posts p JOIN members m ON m.id = p.member_id ` +
    `WHERE p.unit_id = ${branch} AND p.member_id <> ${members[0]} AND m.branch_id = ${branch} AND m.status <> 'transferred-out'`)
    .trim().split("\n").filter(Boolean);
  for (const [i, post] of [[3, "organization-member"], [4, "publicity-member"]])
    if (committee().length < 2)
      queryDb(dir, `INSERT INTO member_posts (member_id, unit_id, post) VALUES (${members[i]}, ${branch}, '${post}') ON CONFLICT DO NOTHING`);
  const ids = committee();
  assert.ok(ids.length >= 2);
  const nameOf = (id) => queryDb(dir, `SELECT name FROM members WHERE id = ${id}`).trim();
  const pair = (a, b) => [a, b].sort().join("|");
  const expected = [];
  for (let i = 0; i < ids.length; ++i) for (let j = i + 1; j < ids.length; ++j) expected.push(pair(nameOf(ids[i]), nameOf(ids[j])));
  const fromApi = async () => {
    const r = await api(srv, "GET", `/api/v1/branches/${branch}/talks?year=${year}`, { token: apiToken(dir, "sec") });
    assert.equal(r.status, 200);
    return r.json.committee_not_yet.map(([a, b]) => pair(a.name, b.name)).sort();
  };
  // The talks so far each had the secretary in them: every pair is still to go.
  assert.deepEqual(await fromApi(), expected.slice().sort());
  let page = await s.get(`/admin/branch-life/branches/${branch}/talks`);
  const line = page.body.match(/<p id="committee-not-yet">Committee members yet to talk with each other in (\d{4}): ([^<]+)\.<\/p>/);
  assert.ok(line, "named on the talks page");
  assert.equal(line[1], year);
  assert.deepEqual(line[2].split("、").map((p) => pair(...p.split(" with "))).sort(), expected.slice().sort());
  // The branch's page says so too while the life meeting is ahead.
  const branchPage = await s.get(`/admin/branch-life/branches/${branch}`);
  const due = branchPage.body.match(/<p id="talks-due-committee">Committee members still to talk with each other: ([^<]+)\.<\/p>/);
  assert.ok(due, "on the branch's page");
  assert.deepEqual(due[1].split("、").map((p) => pair(...p.split(" with "))).sort(), expected.slice().sort());
  // The printable record names them too.
  let record = await s.get(`/admin/branch-life/branches/${branch}/record?year=${year}`);
  const inRecord = record.body.match(/<p id="record-committee-not-yet">Committee members yet to talk with each other in \d{4}: ([^<]+)\.<\/p>/);
  assert.ok(inRecord, "in the record");
  assert.deepEqual(inRecord[1].split("、").map((p) => pair(...p.split(" with "))).sort(), expected.slice().sort());
  // Two of them talk (either may lead): their pair goes.
  let r = await s.post(`/admin/branch-life/branches/${branch}/talks`,
    { held_on: today(), talker_id: ids[1], member_id: ids[0], summary: "支委委员之间交流思想。" });
  assert.equal(r.status, 303, r.body);
  const left = expected.filter((p) => p !== pair(nameOf(ids[0]), nameOf(ids[1]))).sort();
  assert.deepEqual(await fromApi(), left);
  record = await s.get(`/admin/branch-life/branches/${branch}/record?year=${year}`);
  if (left.length) assert.match(record.body, /<p id="record-committee-not-yet">Committee members yet to talk with each other in \d{4}: [^<]+\.<\/p>/);
  else assert.doesNotMatch(record.body, /record-committee-not-yet/);
  // Back as it was, for the tests below.
  const id = queryDb(dir, `SELECT id FROM heart_talks WHERE branch_id = ${branch} ORDER BY id DESC LIMIT 1`).trim();
  r = await s.post(`/admin/branch-life/talks/${id}/delete`, { confirm: "1" });
  assert.equal(r.status, 303);
  assert.equal(count(), 2);
});

test("deleting a talk asks first; other branches and plain members are kept out", async () => {
  const s = await as("sec");
  const list = await s.get(`/admin/branch-life/branches/${branch}/talks`);
  const id = queryDb(dir, `SELECT id FROM heart_talks WHERE branch_id = ${branch} ORDER BY id LIMIT 1`).trim();
  // The list offers Edit on each row; deleting is on the record's own page.
  assert.match(list.body, new RegExp(`href="/admin/branch-life/talks/${id}/edit"`));
  assert.doesNotMatch(list.body, /talks\/\d+\/delete/, "no delete button on every row");
  const edit = await s.get(`/admin/branch-life/talks/${id}/edit`);
  assert.match(edit.body, new RegExp(`<form method="post" action="/admin/branch-life/talks/${id}/delete"[^>]*>[\\s\\S]*?Delete this talk record</button>`));
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
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'talk.delete' AND object_id = ${branch} ORDER BY id DESC LIMIT 1`).trim(), today());
});

test("with the life meeting days away, the secretary's daily reminder counts the talks still to go", async () => {
  const s = await as("sec");
  await s.get(`/admin/branch-life/branches/${branch}`);
  assert.equal((await s.post("/admin/branch-life/reminder-email", { email: "sec@example.gov.cn" })).status, 303);
  const remind = async () => {
    const dry = await runCli(["remind", "--data", dir, "--dry-run"]);
    assert.equal(dry.code, 0, dry.stderr);
    return dry.stdout.split(/\n(?=\S+@)/).find((r) => r.startsWith("sec@example.gov.cn\t")) ?? "";
  };
  assert.doesNotMatch(await remind(), /谈心谈话/, "the life meeting is not close yet");
  const inThreeDays = new Date(Date.now() + 8 * 3600000 + 3 * 86400000).toISOString().slice(0, 10);
  await s.get(`/admin/branch-life/branches/${branch}/meetings/new`);
  const r = await s.post(`/admin/branch-life/branches/${branch}/meetings`,
    { kind: "life-meeting", topic: "年度组织生活会", held_on: inThreeDays, starts_at: "09:00" });
  assert.equal(r.status, 303, r.body);
  // One talk is left after the test above deleted the other: every member
  // but the secretary and the one who led it remains.
  const left = names.length - 2;
  const line = (await remind()).match(new RegExp(`召开组织生活会前，支部书记还需与 ${left} 名党员谈心谈话：([^。]+)。`));
  assert.ok(line, "the count and the names");
  assert.deepEqual(line[1].split("、").sort(), names.filter((n) => n !== names[0] && n !== names[2]).sort());
  // The committee members (two at least since the test above) have not talked with each other yet.
  assert.match(await remind(), /支委委员之间还需谈心谈话：[^。]+与[^。]+。/);
});

test("the demo's talks and meetings say they are sample data; real records do not", async () => {
  const o = await as("officer");
  const [b, day] = queryDb(dir, `SELECT branch_id, held_on FROM heart_talks WHERE branch_id <> ${branch} ORDER BY id LIMIT 1`).trim().split("|");
  const talksPage = `/admin/branch-life/branches/${b}/talks?year=${day.slice(0, 4)}`;
  const note = /<p class="sample-note">Sample data: talks of the demo, between fictitious members\.<\/p>/;
  assert.match((await o.get(talksPage)).body, note);
  const meeting = queryDb(dir, `SELECT id FROM meetings WHERE is_sample = 1 ORDER BY id LIMIT 1`).trim();
  const meetingNote = /<p class="sample-note">Sample data: a meeting of the demo, with fictitious participants\.<\/p>/;
  assert.match((await o.get(`/admin/meetings/${meeting}`)).body, meetingNote);
  // The same records about real people carry no such note.
  queryDb(dir, `UPDATE members SET is_sample = 0 WHERE branch_id = ${b}`);
  queryDb(dir, `UPDATE meetings SET is_sample = 0 WHERE id = ${meeting}`);
  try {
    assert.doesNotMatch((await o.get(talksPage)).body, note);
    assert.doesNotMatch((await o.get(`/admin/meetings/${meeting}`)).body, meetingNote);
  } finally {
    queryDb(dir, `UPDATE members SET is_sample = 1 WHERE branch_id = ${b}`);
    queryDb(dir, `UPDATE meetings SET is_sample = 1 WHERE id = ${meeting}`);
  }
});
